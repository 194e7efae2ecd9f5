"""Reference data of the three conventions.

Countries come from ISO 3166 (pycountry) plus the European Union; party
status, UN regional groups and the regional centres are imported from the
files in conventions/data (see its README for provenance).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import TranslatableMixin

from .constants import (
    ConsentKind,
    FocalPointKind,
    ListingAnnex,
    MeetingKind,
    MeetingStatus,
    PartyStatusKind,
    ProfileKind,
    RotterdamCategory,
    SourceStatus,
    TitleStatus,
)
from .managers import (
    CountryQuerySet,
    DecisionQuerySet,
    MeetingQuerySet,
    PartyStatusQuerySet,
    ThematicAreaQuerySet,
)
from .names import catalogue_name, country_name, country_name_language, sorted_by_name


class ImportedRecord(models.Model):
    """A row an importer keeps current. `imported_values` holds what the last
    import wrote to each field: a field whose value differs from it was edited
    by the secretariat, and a later import leaves it alone unless told to
    overwrite (see services.save_imported)."""

    imported_values = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class Instrument(models.Model):
    """A convention, or an amendment tracked as an instrument of its own
    (the Basel Ban Amendment has its own ratifications)."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("BC, BAN, RC or SC"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("convention or instrument")
        verbose_name_plural = _("conventions and instruments")

    def __str__(self):
        return self.local_short_name

    @property
    def local_name(self) -> str:
        """The full title in the reader's language (the glossary's)."""
        return catalogue_name(self.name)

    @property
    def local_short_name(self) -> str:
        return catalogue_name(self.short_name)

    @property
    def is_convention(self) -> bool:
        return self.parent_id is None


class Country(models.Model):
    """A country or territory of ISO 3166-1, or the European Union."""

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=300, blank=True)
    is_state = models.BooleanField(_("is a state"), default=True, help_text=_("False for the European Union."))

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the reader's language (ISO 3166's translations)."""
        return country_name(self.iso2, self.name)

    @property
    def local_name_language(self) -> str:
        """ "en" when local_name is the English name inside a page in another
        script, for lang="en"; else ""."""
        return country_name_language(self.iso2, self.name)


class RegionalGroup(ClusterableModel):
    """One of the five UN regional groups. Editors edit its memberships
    inline (hence a ClusterableModel)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    countries = models.ManyToManyField(Country, through="RegionalGroupMembership", related_name="regional_groups")

    class Meta:
        ordering = ["name"]
        verbose_name = _("UN regional group")
        verbose_name_plural = _("UN regional groups")

    def __str__(self):
        return self.local_name

    @property
    def local_name(self) -> str:
        """The group's name in the reader's language (the glossary's)."""
        return catalogue_name(self.name)


class RegionalGroupMembership(models.Model):
    group = ParentalKey(RegionalGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    is_electoral = models.BooleanField(
        _("electoral group"),
        default=True,
        help_text=_("The group the country votes with, where it appears in two (e.g. Türkiye)."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "country"], name="unique_group_country"),
        ]
        ordering = ["country__name"]
        verbose_name = _("regional group membership")
        verbose_name_plural = _("regional group memberships")

    def __str__(self):
        return f"{self.country} – {self.group}"


class PartyStatus(ImportedRecord):
    """Where a country stands with one instrument."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="party_statuses")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="party_statuses")
    signature_on = models.DateField(_("signature"), null=True, blank=True)
    consent_on = models.DateField(_("consent to be bound"), null=True, blank=True)
    consent_kind = models.CharField(_("kind of consent"), max_length=20, choices=ConsentKind.choices, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    source_reference = models.CharField(_("source reference"), max_length=50, blank=True)

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = PartyStatusQuerySet.as_manager()

    class Meta:
        ordering = ["instrument__sort_order", "country__name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "instrument"], name="unique_country_instrument"),
        ]
        verbose_name = _("party status")
        verbose_name_plural = _("party statuses")

    def __str__(self):
        return f"{self.country} – {self.instrument}: {self.get_status_display()}"

    @property
    def status(self) -> str:
        if self.consent_on:
            return PartyStatusKind.PARTY
        if self.signature_on:
            return PartyStatusKind.SIGNATORY
        return PartyStatusKind.NONE

    def get_status_display(self) -> str:
        return PartyStatusKind(self.status).label


class RegionalCentre(ImportedRecord):
    """A Basel Convention regional or coordinating centre, or a Stockholm
    Convention regional centre, or one centre that is both."""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Made from the name on import; the import finds the centre again by it."),
    )
    conventions = models.ManyToManyField(Instrument, verbose_name=_("conventions"), related_name="regional_centres")
    host_country = models.ForeignKey(
        Country, verbose_name=_("host country"), on_delete=models.PROTECT, related_name="hosted_regional_centres"
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    # GeoNames city centroids, not the address of the centre.
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    geonameid = models.PositiveIntegerField(
        _("GeoNames ID"), null=True, blank=True, help_text=_("The GeoNames record of the city.")
    )
    website = models.URLField(_("website"), blank=True)
    # Not a URLField: some sources are a page title or two addresses
    # separated by " ; ".
    source_url = models.TextField(
        _("source"), blank=True, help_text=_("Where the facts about the centre were found: addresses or a citation.")
    )
    countries_served = models.ManyToManyField(
        Country, verbose_name=_("countries served"), blank=True, related_name="regional_centres"
    )
    host_institution = models.CharField(_("host institution"), max_length=300, blank=True)
    region = models.CharField(_("region served"), max_length=200, blank=True)
    countries_served_note = models.CharField(
        _("about the countries served"),
        max_length=300,
        blank=True,
        help_text=_("Where the list comes from, or why it is not known."),
    )
    facts_status = models.CharField(
        _("how sure"), max_length=12, choices=SourceStatus.choices, blank=True, default=SourceStatus.NOT_STATED
    )
    city_confirmed = models.BooleanField(_("city confirmed by a source"), default=True)
    notes = models.TextField(_("notes on the sources"), blank=True)

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regional centre")
        verbose_name_plural = _("regional centres")

    def __str__(self):
        return self.name

    @property
    def countries_served_in_reader_order(self) -> list:
        """The countries it serves, in the reader's language and alphabet
        (the view prefetches them)."""
        return sorted_by_name(self.countries_served.all(), lambda country: country.local_name)

    def convention_codes(self) -> str:
        """The codes of the conventions the centre serves, e.g. "BC, SC"."""
        return ", ".join(instrument.code for instrument in self.conventions.all())


class ThematicArea(TranslatableMixin, models.Model):
    """The controlled vocabulary of topics shared by knowledge, forums,
    expertise and decisions. Translated with wagtail-localize."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ThematicAreaQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_thematic_area_slug_locale"),
        ]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.local_name

    @property
    def local_name(self) -> str:
        """The catalogue's translation of an English area's name. A row an
        editor translated (another locale) is already in its language, and
        the catalogue has no msgid for it, so it comes back unchanged."""
        return catalogue_name(self.name)


class Meeting(ImportedRecord):
    """A meeting in the joint calendar, dated in the venue's time zone."""

    slug = models.SlugField(
        _("identifier"), max_length=100, unique=True, help_text=_("Stable: calendar apps know the meeting by it.")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    conventions = models.ManyToManyField(Instrument, verbose_name=_("conventions"), related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True, help_text=_("e.g. 17 for COP-17."))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    start_time = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Local time; empty for whole days.")
    )
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", help_text=_("IANA name, e.g. Africa/Dakar.")
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    online_url = models.URLField(_("online link"), blank=True)
    documents_url = models.URLField(_("meeting documents"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the dates and place were found."))
    notes = models.TextField(_("notes on the sources"), blank=True)
    facts_status = models.CharField(
        _("dates and place"),
        max_length=12,
        choices=SourceStatus.choices,
        blank=True,
        default=SourceStatus.NOT_STATED,
        help_text=_("Unconfirmed when a source is missing or the sources disagree."),
    )
    # iCalendar SEQUENCE: raised whenever the dates, place or status change.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="meeting_ends_after_start"
            ),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    @property
    def status_label(self) -> str:
        """What a reader is told: a scheduled meeting that is over was held
        (the imported status says "scheduled" until somebody changes it)."""
        if self.status == MeetingStatus.SCHEDULED and self.end_date < timezone.localdate():
            return pgettext("meeting", "Held")
        return self.get_status_display()


class Decision(ImportedRecord):
    """A decision of a Conference of the Parties, e.g. BC-14/12 or BC.Ex-1/1."""

    code = models.CharField(
        _("code"), max_length=30, unique=True, help_text=_("As published, e.g. BC-14/12, SC-4/17, BC.Ex-1/1.")
    )
    convention = models.ForeignKey(
        Instrument, verbose_name=_("convention"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting_number = models.PositiveSmallIntegerField(_("meeting number"))
    is_extraordinary = models.BooleanField(_("extraordinary meeting"), default=False)
    number = models.PositiveSmallIntegerField(_("decision number"))
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    # Empty: the year its meeting began (see DecisionQuerySet.with_year).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("The operative text, if reproduced here."))
    official_url = models.URLField(_("official text"), max_length=500, blank=True)
    title_status = models.CharField(
        _("title"), max_length=12, choices=TitleStatus.choices, blank=True, default=TitleStatus.NOT_STATED
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)
    thematic_areas = models.ManyToManyField(
        "conventions.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="decisions"
    )
    related = models.ManyToManyField("self", verbose_name=_("related decisions"), blank=True, symmetrical=True)
    # When the record last changed: partners harvest by it (the API's updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["convention__sort_order", "-is_extraordinary", "meeting_number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "is_extraordinary", "meeting_number", "number"], name="one_decision_per_number"
            ),
        ]
        verbose_name = _("COP decision")
        verbose_name_plural = _("COP decisions")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def path_code(self) -> str:
        """The code as it appears in URLs: BC-14/12 → BC-14-12."""
        return self.code.replace("/", "-")


class ChemicalProfile(ImportedRecord):
    """A chemical listed under the conventions, or a waste stream, with
    everything the hub knows about it."""

    kind = models.CharField(_("kind"), max_length=10, choices=ProfileKind.choices, default=ProfileKind.CHEMICAL)
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)
    cas_numbers = models.JSONField(
        _("CAS numbers"), default=list, blank=True, help_text=_("Check digits are validated.")
    )
    summary = models.TextField(_("summary"), blank=True)
    thematic_areas = models.ManyToManyField(
        "conventions.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="chemical_profiles"
    )
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("decisions"), blank=True, related_name="chemical_profiles"
    )

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("chemical or waste profile")
        verbose_name_plural = _("chemical and waste profiles")

    def __str__(self):
        return self.name


class Listing(ImportedRecord):
    """Where a chemical or waste is listed: Stockholm Annex A/B/C, Rotterdam
    Annex III (with its category), or a Basel annex entry."""

    profile = models.ForeignKey(ChemicalProfile, on_delete=models.CASCADE, related_name="listings")
    annex = models.CharField(_("annex"), max_length=10, choices=ListingAnnex.choices)
    entry = models.CharField(
        _("entry"), max_length=300, blank=True, help_text=_("The annex's own wording or code, e.g. A1180.")
    )
    category = models.CharField(_("category"), max_length=30, choices=RotterdamCategory.choices, blank=True)
    specific_exemptions = models.TextField(_("specific exemptions or acceptable purposes"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("listing decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
    )
    # The code as the file gives it, even when that decision is not
    # imported; its status says how sure the source is of it.
    decision_code = models.CharField(_("listing decision code"), max_length=30, blank=True)
    decision_status = models.CharField(
        _("listing decision"), max_length=12, choices=SourceStatus.choices, blank=True, default=SourceStatus.NOT_STATED
    )
    year_listed = models.PositiveSmallIntegerField(_("year listed"), null=True, blank=True)
    in_original_text = models.BooleanField(_("in the convention's original text"), default=False)
    is_deleted = models.BooleanField(
        _("deleted from the annex"), default=False, help_text=_("Kept to show the history of the annex.")
    )
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes on the sources"), blank=True)

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["annex", "entry"]
        # Rotterdam lists tributyltin compounds twice, as a pesticide and as
        # an industrial chemical: the category tells the two entries apart.
        constraints = [
            models.UniqueConstraint(fields=["profile", "annex", "entry", "category"], name="one_listing_per_entry")
        ]
        verbose_name = _("listing")

    def __str__(self):
        return f"{self.profile} ({self.get_annex_display()})"


class FocalPoint(ImportedRecord):
    """An official contact designated under a convention, as the convention publishes it."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="focal_points"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FocalPointKind.choices)
    office = models.CharField(_("office"), max_length=300, blank=True)
    person = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("title"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    updated_on = models.DateField(_("as published on"), null=True, blank=True)

    # When the record last changed: harvesters of /api/v1/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["country__name", "kind", "organisation"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return f"{self.get_kind_display()}, {self.country}"
