"""What each record looks like. Field names follow InforMEA's decision
schema where it has one (treaty, number, meeting, updated), so InforMEA or a
national node can harvest the hub as it harvests the secretariats' sites."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from community.models import Answer, Question
from conventions.codes import parse_decision_code
from conventions.constants import FOCAL_POINT_KIND_CONVENTION
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Listing,
    Meeting,
    PartyStatus,
    RegionalCentre,
    ThematicArea,
)
from core.addresses import absolute_url
from knowledge.models import KnowledgeItemPage


def page_link(name: str, *args) -> str:
    """The record's page on the hub, in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, args=args))


def path_of(code: str) -> str:
    parsed = parse_decision_code(code)
    return parsed.path if parsed else code


class DecisionSerializer(serializers.ModelSerializer):
    id = serializers.SerializerMethodField(help_text="The decision's code, as published (e.g. BC-14/12).")
    treaty = serializers.CharField(source="convention.code", help_text="BC, RC or SC.")
    number = serializers.CharField(source="code")
    year = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField(help_text="By language code.")
    title_status = serializers.SerializerMethodField(
        help_text="Whether the title is the official one (exact), paraphrased, or describes the content; "
        "null when not stated."
    )
    summary = serializers.SerializerMethodField(help_text="By language code.")
    meeting = serializers.SerializerMethodField()
    thematic_areas = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField(help_text="The decision's page on the hub.")
    updated = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Decision
        fields = [
            "id",
            "treaty",
            "number",
            "year",
            "title",
            "title_status",
            "summary",
            "meeting",
            "thematic_areas",
            "documents",
            "link",
            "updated",
        ]

    def get_title_status(self, decision) -> str | None:
        return decision.title_status or None

    def get_id(self, decision) -> str:
        return decision.code

    def get_year(self, decision) -> int | None:
        return getattr(decision, "year_adopted", None) or decision.year

    def get_title(self, decision) -> dict[str, str]:
        return {settings.LANGUAGE_CODE: decision.title}

    def get_summary(self, decision) -> dict[str, str]:
        return {settings.LANGUAGE_CODE: decision.summary} if decision.summary else {}

    def get_meeting(self, decision) -> dict | None:
        meeting = decision.meeting
        if meeting is None:
            return None
        return {
            "title": meeting.title,
            "start": meeting.start_date,
            "end": meeting.end_date,
            "link": page_link("packages:meeting", meeting.slug),
        }

    def get_thematic_areas(self, decision) -> list[str]:
        return [area.slug for area in decision.thematic_areas.all()]

    def get_documents(self, decision) -> list[dict]:
        return [{"title": "Official text", "url": decision.official_url}] if decision.official_url else []

    def get_link(self, decision) -> str:
        return page_link("packages:decision", path_of(decision.code))


class DecisionDetailSerializer(DecisionSerializer):
    """A decision, and what on the hub cites it (on its own record only:
    finding citations is a text search per decision)."""

    cited_by = serializers.SerializerMethodField(help_text="Knowledge items and public questions that cite it.")

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "cited_by"]

    def get_cited_by(self, decision) -> dict[str, list[dict]]:
        return self.context["cited_by"]


class MeetingSerializer(serializers.ModelSerializer):
    """InforMEA's meeting fields: start, end, kind, type, status, location,
    city, country, virtual; the conventions it is of; the hub's page."""

    id = serializers.CharField(source="slug", help_text="Stable: calendar apps and harvesters know the meeting by it.")
    title = serializers.SerializerMethodField(help_text="By language code.")
    treaties = serializers.SerializerMethodField(help_text="The conventions it is of.")
    start = serializers.DateField(source="start_date")
    end = serializers.DateField(source="end_date")
    type = serializers.SerializerMethodField(help_text="The kind's name.")
    location = serializers.CharField(source="venue")
    country = serializers.SerializerMethodField(help_text="ISO 3166 alpha-3, or null.")
    virtual = serializers.SerializerMethodField(help_text="Whether it can be joined online.")
    documents = serializers.CharField(source="documents_url", help_text="Its documents' page, or empty.")
    dates_status = serializers.SerializerMethodField(
        help_text="How sure the sources are of its dates and place: confirmed or unconfirmed; null when not stated."
    )
    link = serializers.SerializerMethodField(help_text="The meeting's page on the hub.")
    updated = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "treaties",
            "kind",
            "type",
            "number",
            "status",
            "start",
            "end",
            "timezone",
            "location",
            "city",
            "country",
            "virtual",
            "documents",
            "dates_status",
            "link",
            "updated",
        ]

    def get_dates_status(self, meeting) -> str | None:
        return meeting.facts_status or None

    def get_title(self, meeting) -> dict[str, str]:
        return {settings.LANGUAGE_CODE: meeting.title}

    def get_treaties(self, meeting) -> list[str]:
        return sorted(instrument.code for instrument in meeting.conventions.all())

    def get_type(self, meeting) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return str(meeting.get_kind_display())

    def get_country(self, meeting) -> str | None:
        return meeting.country.iso3 if meeting.country_id else None

    def get_virtual(self, meeting) -> bool:
        return bool(meeting.online_url)

    def get_link(self, meeting) -> str:
        return page_link("packages:meeting", meeting.slug)


def by_language(value) -> dict[str, str]:
    """{language code: value()} for each of the site's languages, each
    computed with that language active (catalogue and ISO 3166 names)."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(value())
    return names


class PartyStatusSerializer(serializers.ModelSerializer):
    treaty = serializers.CharField(source="instrument.code", help_text="BC, BAN, RC or SC.")
    status = serializers.CharField(help_text="party, signatory or none.")
    signature = serializers.DateField(source="signature_on", allow_null=True)
    consent = serializers.DateField(
        source="consent_on", allow_null=True, help_text="Ratification, accession, acceptance, …"
    )
    entry_into_force = serializers.DateField(source="entry_into_force_on", allow_null=True)

    class Meta:
        model = PartyStatus
        fields = ["treaty", "status", "signature", "consent", "consent_kind", "entry_into_force"]


class CountryMixin(serializers.Serializer):
    """A country's names in every language and its profile on the hub."""

    name = serializers.SerializerMethodField(help_text="By language code (ISO 3166's names).")
    link = serializers.SerializerMethodField(help_text="The country's profile on the hub.")

    def get_name(self, country) -> dict[str, str]:
        return by_language(lambda: country.local_name)

    def get_link(self, country) -> str:
        return page_link("packages:country", country.iso3)


class PartySerializer(CountryMixin, serializers.ModelSerializer):
    """A country (or the European Union) and where it stands with each
    instrument: status and dates."""

    id = serializers.CharField(source="iso3", help_text="ISO 3166 alpha-3.")
    statuses = PartyStatusSerializer(source="party_statuses", many=True)
    updated = serializers.DateTimeField(help_text="The newest change of its statuses.")

    class Meta:
        model = Country
        fields = ["id", "iso2", "name", "statuses", "link", "updated"]


class CountrySerializer(CountryMixin, serializers.ModelSerializer):
    """A country's profile in brief: names, UN regional groups, status under
    each instrument, its focal points and the regional centres serving it."""

    id = serializers.CharField(source="iso3", help_text="ISO 3166 alpha-3.")
    regional_groups = serializers.SerializerMethodField()
    parties_to = serializers.SerializerMethodField(help_text="The instruments it is a party to.")
    focal_points = serializers.SerializerMethodField(help_text="How many it has designated (see /focal-points/).")
    regional_centres = serializers.SerializerMethodField(help_text="The centres serving it, by id.")
    updated = serializers.DateTimeField()

    class Meta:
        model = Country
        fields = [
            "id",
            "iso2",
            "numeric",
            "name",
            "is_state",
            "regional_groups",
            "parties_to",
            "focal_points",
            "regional_centres",
            "link",
            "updated",
        ]

    def get_regional_groups(self, country) -> list[str]:
        return sorted(group.code for group in country.regional_groups.all())

    def get_parties_to(self, country) -> list[str]:
        return [status.instrument.code for status in country.party_statuses.all() if status.consent_on]

    def get_focal_points(self, country) -> int:
        return len(country.focal_points.all())

    def get_regional_centres(self, country) -> list[str]:
        return sorted(centre.slug for centre in country.regional_centres.all())


class ListingSerializer(serializers.ModelSerializer):
    annex_name = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField(help_text="The listing decision's code.")
    decision_status = serializers.SerializerMethodField(
        help_text="How sure the source is of the listing decision: confirmed, inferred or unconfirmed; "
        "null when not stated (e.g. in the convention's original text)."
    )
    year_listed = serializers.IntegerField(allow_null=True)
    in_original_text = serializers.BooleanField(help_text="Listed in the convention as adopted.")
    deleted = serializers.BooleanField(source="is_deleted", help_text="Deleted from the annex since.")

    class Meta:
        model = Listing
        fields = [
            "annex",
            "annex_name",
            "entry",
            "category",
            "specific_exemptions",
            "decision",
            "decision_status",
            "year_listed",
            "in_original_text",
            "deleted",
        ]

    def get_annex_name(self, listing) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return str(listing.get_annex_display())

    def get_decision(self, listing) -> str | None:
        return listing.decision.code if listing.decision_id else (listing.decision_code or None)

    def get_decision_status(self, listing) -> str | None:
        return listing.decision_status or None


class ChemicalSerializer(serializers.ModelSerializer):
    """A chemical listed under the conventions, or a waste stream: names,
    CAS numbers, the annexes it is listed in and the decisions about it."""

    id = serializers.CharField(source="slug")
    listings = ListingSerializer(many=True)
    thematic_areas = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField(help_text="Codes of the decisions about it.")
    link = serializers.SerializerMethodField()
    updated = serializers.DateTimeField(help_text="The newest change of it or its listings.")

    class Meta:
        model = ChemicalProfile
        fields = [
            "id",
            "kind",
            "name",
            "synonyms",
            "cas_numbers",
            "summary",
            "listings",
            "thematic_areas",
            "decisions",
            "link",
            "updated",
        ]

    def get_thematic_areas(self, profile) -> list[str]:
        return [area.slug for area in profile.thematic_areas.all()]

    def get_decisions(self, profile) -> list[str]:
        return sorted({decision.code for decision in profile.decisions.all()})

    def get_link(self, profile) -> str:
        return page_link("packages:chemical", profile.slug)


class RegionalCentreSerializer(serializers.ModelSerializer):
    """A Basel or Stockholm Convention regional centre (or both)."""

    id = serializers.CharField(source="slug")
    treaties = serializers.SerializerMethodField()
    host_country = serializers.CharField(source="host_country.iso3", help_text="ISO 3166 alpha-3.")
    countries_served = serializers.SerializerMethodField(help_text="ISO 3166 alpha-3 codes.")
    source = serializers.CharField(source="source_url")
    website = serializers.CharField(help_text="An address, or empty.")
    countries_served_note = serializers.CharField(
        help_text="Where the list of countries comes from, or why it is not known."
    )
    details_status = serializers.SerializerMethodField(
        help_text="confirmed, or unconfirmed when no source at hand states the centre's details; null when not stated."
    )
    link = serializers.SerializerMethodField()
    updated = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = RegionalCentre
        fields = [
            "id",
            "name",
            "treaties",
            "host_country",
            "city",
            "latitude",
            "longitude",
            "geonameid",
            "website",
            "host_institution",
            "region",
            "countries_served",
            "countries_served_note",
            "details_status",
            "source",
            "link",
            "updated",
        ]

    def get_details_status(self, centre) -> str | None:
        return centre.facts_status or None

    def get_treaties(self, centre) -> list[str]:
        return sorted(instrument.code for instrument in centre.conventions.all())

    def get_countries_served(self, centre) -> list[str]:
        return sorted(country.iso3 for country in centre.countries_served.all())

    def get_link(self, centre) -> str:
        return page_link("packages:centre", centre.slug)


class FocalPointSerializer(serializers.ModelSerializer):
    """An official contact as the convention publishes it: who and where.
    Email addresses and telephone numbers are not in bulk channels (the
    API, the downloads): `source` is the convention's own directory."""

    treaty = serializers.SerializerMethodField()
    country = serializers.CharField(source="country.iso3", help_text="ISO 3166 alpha-3.")
    kind_name = serializers.SerializerMethodField()
    source = serializers.CharField(source="source_url", help_text="The convention's own directory, or empty.")
    website = serializers.CharField(help_text="An address, or empty.")
    published_on = serializers.DateField(
        source="updated_on", allow_null=True, help_text="As the convention published it on."
    )
    updated = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = FocalPoint
        fields = [
            "id",
            "treaty",
            "country",
            "kind",
            "kind_name",
            "office",
            "person",
            "position",
            "organisation",
            "address",
            "website",
            "source",
            "published_on",
            "updated",
        ]

    def get_treaty(self, point) -> str:
        return FOCAL_POINT_KIND_CONVENTION[point.kind]

    def get_kind_name(self, point) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return str(point.get_kind_display())


class TopicSerializer(serializers.ModelSerializer):
    """A thematic area, with its name and description in every language it
    has been translated into."""

    id = serializers.CharField(source="slug")
    name = serializers.SerializerMethodField(help_text="By language code.")
    description = serializers.SerializerMethodField(help_text="By language code.")
    link = serializers.SerializerMethodField()
    updated = serializers.DateTimeField()

    class Meta:
        model = ThematicArea
        fields = ["id", "name", "description", "link", "updated"]

    def _versions(self, area):
        return self.context["translations"].get(area.translation_key, [area])

    def get_name(self, area) -> dict[str, str]:
        return {version.locale.language_code: version.name for version in self._versions(area)}

    def get_description(self, area) -> dict[str, str]:
        return {
            version.locale.language_code: version.description
            for version in self._versions(area)
            if version.description
        }

    def get_link(self, area) -> str:
        return page_link("packages:topic", area.slug)


class AnswerSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body_html", help_text="Sanitized HTML.")
    author = serializers.SerializerMethodField(help_text="The name the member shows.")
    created = serializers.DateTimeField(source="created_at")
    edited = serializers.DateTimeField(source="edited_at", allow_null=True)

    class Meta:
        model = Answer
        fields = ["id", "body", "language", "author", "created", "edited"]

    def get_author(self, post) -> str:
        return author_name(post.author)


def author_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile else user.handle


class FiledUnderMixin(serializers.Serializer):
    """What a post or an item is filed under: conventions, thematic areas,
    countries and tags (prefetched by the view)."""

    treaties = serializers.SerializerMethodField()
    thematic_areas = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField(help_text="ISO 3166 alpha-3 codes.")
    tags = serializers.SerializerMethodField()

    def get_treaties(self, record) -> list[str]:
        return sorted(instrument.code for instrument in record.conventions.all())

    def get_thematic_areas(self, record) -> list[str]:
        return [area.slug for area in record.thematic_areas.all()]

    def get_countries(self, record) -> list[str]:
        return sorted(country.iso3 for country in record.countries.all())

    def get_tags(self, record) -> list[str]:
        return sorted(tag.name for tag in record.tags.all())


class QuestionSerializer(FiledUnderMixin, serializers.ModelSerializer):
    """A public question with its visible answers and the accepted one."""

    body = serializers.CharField(source="body_html", help_text="Sanitized HTML.")
    author = serializers.SerializerMethodField(help_text="The name the member shows.")
    group = serializers.SerializerMethodField(help_text="The public group it was asked in, by slug.")
    answers = AnswerSerializer(source="visible_answers", many=True)
    accepted_answer = serializers.SerializerMethodField(help_text="The id of the accepted answer, if any.")
    closed = serializers.SerializerMethodField(help_text="Why it takes no more answers, if it is closed.")
    created = serializers.DateTimeField(source="created_at")
    link = serializers.SerializerMethodField()
    updated = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Question
        fields = [
            "id",
            "title",
            "body",
            "language",
            "author",
            "treaties",
            "thematic_areas",
            "countries",
            "tags",
            "group",
            "answers",
            "accepted_answer",
            "closed",
            "created",
            "link",
            "updated",
        ]

    def get_author(self, question) -> str:
        return author_name(question.author)

    def get_group(self, question) -> str | None:
        return question.group.slug if question.group_id else None

    def get_accepted_answer(self, question) -> int | None:
        shown = {answer.pk for answer in question.visible_answers}
        return question.accepted_answer_id if question.accepted_answer_id in shown else None

    def get_closed(self, question) -> str:
        return question.closed_reason

    def get_link(self, question) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return absolute_url(question.get_absolute_url())


def item_type(page) -> str:
    """best_practice, project_summary, …: the page model's name, without "Page"."""
    name = page.specific_class.__name__.removesuffix("Page")
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name).lstrip("_")


class KnowledgeSerializer(FiledUnderMixin, serializers.ModelSerializer):
    """A published knowledge item, once, with each language version's title,
    summary and address. `id` is the same for all its versions."""

    id = serializers.UUIDField(source="translation_key")
    type = serializers.SerializerMethodField(help_text="best_practice, project_summary, coordination_mechanism, …")
    title = serializers.SerializerMethodField(help_text="By language code.")
    summary = serializers.SerializerMethodField(help_text="By language code.")
    link = serializers.SerializerMethodField(help_text="Its page in each language, by language code.")
    languages = serializers.SerializerMethodField(help_text="The languages it is published in.")
    decisions = serializers.SerializerMethodField(help_text="Codes of the decisions it cites.")
    attachments = serializers.SerializerMethodField()
    published = serializers.DateTimeField(source="first_published_at", allow_null=True)
    updated = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = KnowledgeItemPage
        fields = [
            "id",
            "type",
            "title",
            "summary",
            "link",
            "languages",
            "organisation",
            "year_start",
            "year_end",
            "treaties",
            "thematic_areas",
            "countries",
            "tags",
            "decisions",
            "attachments",
            "published",
            "updated",
        ]

    def _versions(self, page) -> list:
        return self.context["versions"].get(page.translation_key, [page])

    def get_type(self, page) -> str:
        return item_type(page)

    def get_title(self, page) -> dict[str, str]:
        return {version.locale.language_code: version.title for version in self._versions(page)}

    def get_summary(self, page) -> dict[str, str]:
        return {version.locale.language_code: version.summary for version in self._versions(page) if version.summary}

    def get_link(self, page) -> dict[str, str]:
        links = {}
        for version in self._versions(page):
            with translation.override(version.locale.language_code):
                links[version.locale.language_code] = absolute_url(version.get_url() or "")
        return links

    def get_languages(self, page) -> list[str]:
        return [version.locale.language_code for version in self._versions(page)]

    def get_decisions(self, page) -> list[str]:
        return sorted({reference.code for reference in page.decision_references.all()})

    def get_attachments(self, page) -> list[dict]:
        return [
            {
                "title": attachment.document.title,
                "url": absolute_url(attachment.document.url),
                "language": attachment.language,
            }
            for attachment in page.attachments.all()
        ]
