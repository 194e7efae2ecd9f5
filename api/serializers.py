"""What each record looks like. Field names follow InforMEA's decision
schema where it has one (treaty, number, meeting, updated), so InforMEA or a
national node can harvest the hub as it harvests the secretariats' sites."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from conventions.codes import parse_decision_code
from conventions.models import Decision, Meeting
from core.addresses import absolute_url


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
            "summary",
            "meeting",
            "thematic_areas",
            "documents",
            "link",
            "updated",
        ]

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
    documents = serializers.URLField(source="documents_url")
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
            "link",
            "updated",
        ]

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
