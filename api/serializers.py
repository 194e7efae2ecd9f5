"""What each record looks like. Field names follow InforMEA's decision
schema where it has one (treaty, number, meeting, updated), so InforMEA or a
national node can harvest the hub as it harvests the secretariats' sites."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from conventions.codes import parse_decision_code
from conventions.models import Decision
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
