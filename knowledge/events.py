"""Events about knowledge items. Each is raised by one call from the code
that owns it; delivery happens in tasks after the transaction commits."""

from django.utils.translation import gettext_noop

from core.events import EventKind, FollowKind, raise_event
from core.messages import message


def submission_outcome(page_id: int, outcome: str, *, key: str) -> None:
    """Tell the submitter what happened to their submission (published,
    changes requested, declined). `key` makes the message unique: the same
    key is never delivered twice."""
    from .tasks import notify_submission_outcome  # tasks → services → events

    notify_submission_outcome.enqueue(page_id, outcome, key)


def item_published(page) -> None:
    """A knowledge item went live: followers of its topics, countries,
    conventions, kind and groups hear of it (once, whatever republishing
    follows). A private group's followers hear of it only if members."""
    from .services import item_type_of

    follows = [(FollowKind.TOPIC, topic.slug) for topic in page.thematic_areas.all()]
    follows += [(FollowKind.COUNTRY, country.iso3) for country in page.countries.all()]
    follows += [(FollowKind.CONVENTION, convention.code) for convention in page.conventions.all()]
    follows += [(FollowKind.TAG, tag.slug) for tag in page.tags.all()]
    follows.append((FollowKind.KNOWLEDGE_TYPE, item_type_of(page).key))
    if page.submitter_id and page.submitter:
        follows.append((FollowKind.MEMBER, str(page.submitter_id)))
    groups = list(page.groups.all())
    follows += [(FollowKind.GROUP, group.slug) for group in groups if not group.is_private]
    event = {
        "key": f"knowledge:{page.pk}:published",
        "actor": page.submitter,
        "target": page,
        "description": message(gettext_noop("New in the knowledge base: %(title)s"), title=page.title),
        "summary": page.summary,
    }
    raise_event(EventKind.KNOWLEDGE_PUBLISHED, follows=follows, **event)
    for group in groups:
        if group.is_private:
            raise_event(
                EventKind.KNOWLEDGE_PUBLISHED,
                follows=[(FollowKind.GROUP, group.slug)],
                private_group_id=group.pk,
                **event,
            )
