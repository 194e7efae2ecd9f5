"""Keeping the API's deltas true: a record's `updated` moves when what a
reader sees of it changes, and a record that leaves the open data leaves a
tombstone (api.models.PublicRecord) for harvesters syncing by
`updated_since`."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from community.models import Answer, Group, Question
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Meeting,
    PartyStatus,
    RegionalCentre,
    ThematicArea,
)
from core.signals import content_changed
from knowledge.models import KnowledgeItemPage

from .models import PublicRecord

ANONYMOUS = AnonymousUser()

# Reference data is public as long as it exists: resource and the record's id in the API.
REFERENCE = {
    Decision: ("decisions", lambda record: record.code),
    Meeting: ("meetings", lambda record: record.slug),
    ChemicalProfile: ("chemicals", lambda record: record.slug),
    RegionalCentre: ("regional-centres", lambda record: record.slug),
    FocalPoint: ("focal-points", lambda record: str(record.pk)),
    Country: ("countries", lambda record: record.iso3),
}


def shown(resource: str, key: str) -> None:
    """The record is public (again): no tombstone; watched if it has a row."""
    PublicRecord.objects.update_or_create(resource=resource, key=key, defaults={"withdrawn_at": None})


def withdrawn(resource: str, key: str, *, was_public: bool = True) -> None:
    """The record left the open data. Unless it is known to have been
    public (`was_public`), only a watched row becomes a tombstone."""
    if was_public:
        PublicRecord.objects.update_or_create(resource=resource, key=key, defaults={"withdrawn_at": timezone.now()})
    else:
        PublicRecord.objects.filter(resource=resource, key=key, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )


def reference_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    resource, key = REFERENCE[sender]
    PublicRecord.objects.filter(resource=resource, key=key(instance)).delete()


def reference_deleted(sender, instance, **kwargs):
    resource, key = REFERENCE[sender]
    withdrawn(resource, key(instance))


def party_status_changed(sender, instance, raw=False, **kwargs):
    """A country is in /parties/ while it has a status under an instrument."""
    if raw:
        return
    iso3 = Country.objects.filter(pk=instance.country_id).values_list("iso3", flat=True).first()
    if iso3 is None:
        return
    if PartyStatus.objects.filter(country_id=instance.country_id).exists():
        PublicRecord.objects.filter(resource="parties", key=iso3).delete()
    else:
        withdrawn("parties", iso3)


def topic_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.locale.language_code == settings.LANGUAGE_CODE:
        PublicRecord.objects.filter(resource="topics", key=instance.slug).delete()


def topic_deleted(sender, instance, **kwargs):
    """A thematic area is known by its original's slug."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        withdrawn("topics", instance.slug)


def refresh_question(pk: int) -> None:
    """What a reader sees of the question changed (text, answers, status,
    group): its `updated` moves, and it is shown or withdrawn."""
    Question.objects.filter(pk=pk).update(updated_at=timezone.now())
    if Question.objects.visible_to(ANONYMOUS).filter(pk=pk).exists():
        shown("questions", str(pk))
    else:
        withdrawn("questions", str(pk), was_public=False)


def question_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_question(instance.pk)


def question_deleted(sender, instance, **kwargs):
    withdrawn("questions", str(instance.pk), was_public=False)


def answer_changed(sender, instance, raw=False, **kwargs):
    if not raw and Question.objects.filter(pk=instance.question_id).exists():
        refresh_question(instance.question_id)


def question_changed_without_save(sender, pk=None, **kwargs):
    """core.signals.content_changed (update(), a move between groups)."""
    if sender is Question and pk is not None:
        refresh_question(pk)


def group_saved(sender, instance, raw=False, **kwargs):
    """A group made private (or public again) takes its questions along."""
    if not raw:
        for pk in Question.objects.filter(group=instance).values_list("pk", flat=True):
            refresh_question(pk)


def refresh_item(translation_key) -> None:
    """A knowledge item is public while one of its versions is published."""
    published = KnowledgeItemPage.objects.published().filter(translation_key=translation_key, alias_of__isnull=True)
    if published.exists():
        shown("knowledge", str(translation_key))
    else:
        withdrawn("knowledge", str(translation_key), was_public=False)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, KnowledgeItemPage):
        refresh_item(instance.translation_key)


def page_saved(sender, instance, raw=False, **kwargs):
    """A page saved live without a revision (an import, the demo) is public too."""
    if not raw and isinstance(instance, KnowledgeItemPage) and instance.live:
        refresh_item(instance.translation_key)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A view restriction hides the page and everything under it."""
    if raw:
        return
    keys = (
        KnowledgeItemPage.objects.descendant_of(instance.page, inclusive=True)
        .values_list("translation_key", flat=True)
        .distinct()
    )
    for key in keys:
        refresh_item(key)


def all_subclasses(model) -> list:
    found = []
    for subclass in model.__subclasses__():
        found += [subclass, *all_subclasses(subclass)]
    return found


def connect() -> None:
    for model in REFERENCE:
        post_save.connect(reference_saved, sender=model, dispatch_uid=f"api_saved_{model.__name__}")
        post_delete.connect(reference_deleted, sender=model, dispatch_uid=f"api_deleted_{model.__name__}")
    post_save.connect(party_status_changed, sender=PartyStatus, dispatch_uid="api_party_status_saved")
    post_delete.connect(party_status_changed, sender=PartyStatus, dispatch_uid="api_party_status_deleted")
    post_save.connect(topic_saved, sender=ThematicArea, dispatch_uid="api_topic_saved")
    post_delete.connect(topic_deleted, sender=ThematicArea, dispatch_uid="api_topic_deleted")
    post_save.connect(question_saved, sender=Question, dispatch_uid="api_question_saved")
    post_delete.connect(question_deleted, sender=Question, dispatch_uid="api_question_deleted")
    post_save.connect(answer_changed, sender=Answer, dispatch_uid="api_answer_saved")
    post_delete.connect(answer_changed, sender=Answer, dispatch_uid="api_answer_deleted")
    post_save.connect(group_saved, sender=Group, dispatch_uid="api_group_saved")
    content_changed.connect(question_changed_without_save, dispatch_uid="api_question_changed")
    page_published.connect(page_changed, dispatch_uid="api_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="api_page_unpublished")
    # Each page model, never every model: a receiver for every model's
    # post_delete would keep Django from deleting any rows without reading them.
    for model in (KnowledgeItemPage, *all_subclasses(KnowledgeItemPage)):
        post_delete.connect(page_changed, sender=model, dispatch_uid=f"api_page_deleted_{model.__name__}")
        post_save.connect(page_saved, sender=model, dispatch_uid=f"api_page_saved_{model.__name__}")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="api_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="api_restriction_deleted")
