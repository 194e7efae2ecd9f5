"""Keep the index in step with the content: every save of something
searchable enqueues its reindexing once the transaction commits (a request
never waits for it), and whatever stops being for everyone (unpublished,
hidden, deleted, made private) leaves the index at once, in the same
transaction.

Receivers are connected per model (search.apps calls `connect`): a receiver
for every model would make Django give up fast deletes everywhere."""

import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from kombu.exceptions import OperationalError

from .documents import SOURCES, source_for

logger = logging.getLogger(__name__)

# Saving one of these changes what another object's row says.
RELATED = {
    "community.Answer": ("question", "question_id"),
    "community.QuestionTag": ("question", "content_object_id"),
    "conventions.Listing": ("chemical", "profile_id"),
    "profiles.User": ("member", "pk"),
}
# Relations whose changes (add, remove, clear) change a row.
RELATIONS = {
    "community.Question": ["thematic_areas", "conventions", "countries"],
    "conventions.Decision": ["thematic_areas"],
    "conventions.Meeting": ["conventions"],
    "conventions.ChemicalProfile": ["thematic_areas"],
    "conventions.RegionalCentre": ["conventions", "countries_served"],
    "profiles.Profile": ["expertise"],
}


def enqueue(label: str, pk: int) -> None:
    """Index after commit (never if the transaction rolls back). Not
    deduplicated: the task is idempotent, and a page saved twice costs one
    more small task. A broker that is down must not fail a request that has
    already committed: the change waits for the next update_index."""
    from .tasks import index_object

    def send():
        try:
            index_object.delay(label, pk)
        except OperationalError:
            logger.exception("search: could not queue indexing of %s %s", label, pk)

    transaction.on_commit(send)


def _source_and_key(instance):
    label = instance._meta.label
    if label in RELATED:
        source_label, attribute = RELATED[label]
        return SOURCES[source_label], getattr(instance, attribute, None)
    source = source_for(instance)
    return (source, instance.pk) if source else (None, None)


def saved(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading fixtures
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login", "password"}:
        return  # signing in changes nothing searchable
    source, pk = _source_and_key(instance)
    if source is None or pk is None:
        return
    from . import services

    label = instance._meta.label
    if label not in RELATED and not source.indexable(instance):
        services.forget(source.label, pk)
    elif label == "community.Answer" and instance.status != "visible":
        services.index_object("question", pk)  # its text leaves the question's row now
    elif label == "profiles.User" and not instance.is_active:
        services.forget("member", pk)
    else:
        enqueue(source.label, pk)
    if label == "community.Group" and not kwargs.get("created"):
        from .tasks import index_group_content

        if instance.privacy == "private":
            services.narrow_to_group(instance)  # at once; the task rewrites the rows
        transaction.on_commit(lambda: index_group_content.delay(instance.pk))


def deleted(sender, instance, **kwargs):
    source, pk = _source_and_key(instance)
    if source is None or pk is None:
        return
    from . import services

    if instance._meta.label in RELATED:
        enqueue(source.label, pk)
    else:
        services.forget(source.label, pk)


def relations_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        source, pk = _source_and_key(instance)
        if source is not None and pk is not None:
            enqueue(source.label, pk)


def page_changed(sender, instance, **kwargs):
    """Unpublished (also in bulk or by expiry), moved: the knowledge items at
    and under the page, re-read now (moving changes their addresses)."""
    _knowledge_under(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    """A privacy setting on a page or a section: public no more, or again."""
    _knowledge_under(instance.page_id)


def _knowledge_under(page_id: int) -> None:
    from wagtail.models import Page

    from knowledge.models import KnowledgeItemPage

    from . import services

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    services.index_objects(
        "knowledge", KnowledgeItemPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )


def changed_without_save(sender, pk, **kwargs):
    """core.signals.content_changed: re-read the record now (its text or its
    readers changed by update(), which sends no model signal)."""
    from . import services

    source = next((source for source in SOURCES.values() if source.model_path == sender._meta.label), None)
    if source is not None:
        services.index_object(source.label, pk)


def connect() -> None:
    from knowledge.models import KnowledgeItemPage

    models = {apps.get_model(source.model_path) for source in SOURCES.values()}
    models |= {apps.get_model(label) for label in RELATED}
    # Pages are saved as their specific class.
    models |= {model for model in apps.get_models() if issubclass(model, KnowledgeItemPage)}
    for model in models:
        post_save.connect(saved, sender=model, dispatch_uid=f"search_saved_{model._meta.label}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search_deleted_{model._meta.label}")
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_unpublished, post_page_move

    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="search_page_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    for label, fields in RELATIONS.items():
        model = apps.get_model(label)
        for name in fields:
            through = model._meta.get_field(name).remote_field.through
            m2m_changed.connect(relations_changed, sender=through, dispatch_uid=f"search_m2m_{label}_{name}")
    from core.signals import content_changed

    content_changed.connect(changed_without_save, dispatch_uid="search_changed_without_save")
