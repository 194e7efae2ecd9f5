"""Turn demo/content/knowledge/ into pages, through the same services members
and editors use, so the demo shows every state of the review workflow."""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState

from conventions.models import Country, Instrument, RegionalGroup, ThematicArea
from knowledge.forms import TYPE_FIELDS
from knowledge.models import HomeFeaturedItem, HomePage, KnowledgeItemPage
from knowledge.services import ITEM_TYPES_BY_KEY, save_submission
from profiles.models import User

from .content import KnowledgeItem, load_knowledge_items

FEATURED_COUNT = 3


def _value(name: str, value):
    if name == "jurisdiction" and value:
        return Country.objects.get(iso3=value)
    return value


def _data(item: KnowledgeItem) -> dict:
    data = {
        "title": item.title,
        "summary": item.summary,
        "thematic_areas": list(
            ThematicArea.objects.filter(slug__in=item.topics, locale__language_code=settings.LANGUAGE_CODE)
        ),
        "conventions": list(Instrument.objects.filter(code__in=item.conventions)),
        "countries": list(Country.objects.filter(iso3__in=item.countries)),
        "regions": list(RegionalGroup.objects.filter(code__in=item.regions)),
        "tags": item.tags,
        "decision_codes": item.decisions,
        "year_start": item.year_start,
        "year_end": item.year_end,
        "organisation": item.organisation,
        "contact_name": "",
        "contact_email": "",
    }
    for name, value in item.fields.items():
        data[name] = _value(name, value)
    return data


def _review(page, editor, action: str, comment: str = "") -> None:
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    ).specific
    kwargs = {"comment": comment} if comment else {}
    task_state.task.specific.on_action(task_state, editor, action, **kwargs)


def seed_knowledge_items(*, editor, stdout=None) -> int:
    """Create the demo items that do not exist yet; return how many were made."""
    created = 0
    for number, item in enumerate(load_knowledge_items()):
        if KnowledgeItemPage.objects.filter(title=item.title).exists():
            continue
        item_type = ITEM_TYPES_BY_KEY[item.type]
        submitter = User.objects.get(handle=item.submitter)
        markdown_fields = [name for name, kind in TYPE_FIELDS[item_type.key] if kind == "markdown"]
        page = save_submission(
            submitter,
            item_type,
            _data(item),
            markdown_fields=markdown_fields,
            submit=item.state != "draft",
        )
        if item.state == "published":
            _review(page, editor, "approve")
            # Spread publication dates so "newest first" means something.
            published = timezone.now() - datetime.timedelta(days=3 * number + 1)
            KnowledgeItemPage.objects.filter(pk=page.pk).update(
                first_published_at=published, last_published_at=published
            )
        elif item.state == "changes_requested":
            _review(page, editor, "reject", item.review_comment)
        elif item.state == "declined":
            _review(page, editor, "decline", item.review_comment)
        created += 1
    home = HomePage.objects.first()
    if home is not None and not home.featured_items.exists():
        for order, page in enumerate(
            KnowledgeItemPage.objects.published().order_by("-first_published_at")[:FEATURED_COUNT]
        ):
            HomeFeaturedItem.objects.create(home=home, page=page, sort_order=order)
    return created
