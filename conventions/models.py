"""Reference data of the three conventions.

Countries come from ISO 3166 (pycountry) plus the European Union; party
status, UN regional groups and the regional centres are imported from the
files in conventions/data (see its README for provenance).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import TranslatableMixin

from .constants import ConsentKind, PartyStatusKind
from .managers import CountryQuerySet, PartyStatusQuerySet


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
        return self.short_name

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

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name


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
        return self.name


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


class PartyStatus(models.Model):
    """Where a country stands with one instrument."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="party_statuses")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="party_statuses")
    signature_on = models.DateField(_("signature"), null=True, blank=True)
    consent_on = models.DateField(_("consent to be bound"), null=True, blank=True)
    consent_kind = models.CharField(_("kind of consent"), max_length=20, choices=ConsentKind.choices, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    source_reference = models.CharField(_("source reference"), max_length=50, blank=True)

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


class RegionalCentre(models.Model):
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("regional centre")
        verbose_name_plural = _("regional centres")

    def __str__(self):
        return self.name

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

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_thematic_area_slug_locale"),
        ]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.name
