"""Kinds of knowledge item as things members follow (core.follows);
registered in KnowledgeConfig.ready()."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import get_language

from core import events, follows
from core.events import FollowKind

from .models import KnowledgeItemPage
from .services import ITEM_TYPES_BY_KEY


def _entries(user, keys):
    types = [ITEM_TYPES_BY_KEY[key] for key in keys if key in ITEM_TYPES_BY_KEY]
    # The knowledge index is a Wagtail page at this stable address (DESIGN.md).
    return {each.key: (str(each.label), f"/{get_language()}/knowledge/{each.slug}/") for each in types}


def topics_written_about(countries) -> dict[int, int]:
    """Published knowledge items by thematic area, about `countries`."""
    rows = (
        KnowledgeItemPage.objects.live()
        .public()
        .filter(countries__in=countries)
        .exclude(thematic_areas=None)
        .values("thematic_areas")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["thematic_areas"]: row["n"] for row in rows}


def _own_submissions(member, ids, request):
    """A member's own submissions that are not published (changes requested,
    declined) lead to their list."""
    for page in KnowledgeItemPage.objects.submitted_by(member).filter(pk__in=ids):
        yield page.pk, page.title, reverse("knowledge:mine")


def register() -> None:
    events.register_page_fallback(_own_submissions)
    follows.register_topic_counter(topics_written_about)
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.KNOWLEDGE_TYPE,
            find=lambda user, key: ITEM_TYPES_BY_KEY.get(key),
            name=lambda item_type: str(item_type.label),
            entries=_entries,
            labels=lambda keys: {key: ITEM_TYPES_BY_KEY[key].label for key in keys if key in ITEM_TYPES_BY_KEY},
        )
    )
