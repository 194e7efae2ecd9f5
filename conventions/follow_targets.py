"""Thematic areas, countries, conventions and meetings as things members follow
(core.follows); registered in ConventionsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import get_language

from core import follows
from core.events import FollowKind

from .models import Country, Instrument, Meeting, ThematicArea
from .vocabulary import localized_names


def _upper(key: str) -> str:
    return key.upper()


def _topic_url(slug: str) -> str:
    return reverse("packages:topic", args=[slug])


def _topic_entries(user, keys):
    areas = ThematicArea.objects.originals().filter(slug__in=keys)
    return {area.slug: (name, _topic_url(area.slug)) for area, name in localized_names(areas)}


def _topic_labels(keys):
    labels = {}
    rows = ThematicArea.objects.filter(slug__in=keys).values_list("slug", "locale__language_code", "name")
    for slug, language, name in rows:
        labels.setdefault(slug, {})[language] = name
    return labels


def _country_entries(user, keys):
    countries = Country.objects.filter(iso3__in=keys).only("iso2", "iso3", "name")
    return {country.iso3: (country.name, reverse("packages:country", args=[country.iso3])) for country in countries}


def _knowledge_url(query: str) -> str:
    # The knowledge index is a Wagtail page at this stable address (DESIGN.md).
    return f"/{get_language()}/knowledge/{query}"


def _convention_entries(user, keys):
    instruments = Instrument.objects.filter(code__in=keys, parent__isnull=True)
    return {each.code: (each.short_name, _knowledge_url(f"?convention={each.code}")) for each in instruments}


def _meeting_entries(user, keys):
    meetings = Meeting.objects.filter(slug__in=keys).only("slug", "title")
    return {meeting.slug: (meeting.title, reverse("packages:meeting", args=[meeting.slug])) for meeting in meetings}


def register() -> None:
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.MEETING,
            find=lambda user, key: Meeting.objects.filter(slug=key).first(),
            name=lambda meeting: meeting.title,
            entries=_meeting_entries,
            labels=lambda keys: dict(Meeting.objects.filter(slug__in=keys).values_list("slug", "title")),
        )
    )
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.TOPIC,
            find=lambda user, key: ThematicArea.objects.originals().filter(slug=key).first(),
            name=lambda area: localized_names([area])[0][1],
            entries=_topic_entries,
            labels=_topic_labels,
        )
    )
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.COUNTRY,
            find=lambda user, key: Country.objects.filter(iso3=key).first(),
            name=str,
            entries=_country_entries,
            labels=lambda keys: dict(Country.objects.filter(iso3__in=keys).values_list("iso3", "name")),
            normal_key=_upper,
        )
    )
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.CONVENTION,
            find=lambda user, key: Instrument.objects.filter(code=key).exclude(code="BAN").first(),
            name=lambda instrument: instrument.short_name,
            entries=_convention_entries,
            labels=lambda keys: {
                code: name or code
                for code, name in Instrument.objects.filter(code__in=keys).values_list("code", "short_name")
            },
            normal_key=_upper,
        )
    )
