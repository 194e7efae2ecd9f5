"""Keep the index in step with the content. Receivers only enqueue: a save
of something searchable queues its reindexing once the transaction commits,
and so do a page's subtree and a group's questions (search.tasks); a request
never writes documents. What stops being for everyone (unpublished, hidden,
deleted, made private, an account closed) also leaves the index at once, in
the same transaction: a delete, or an update of the rows' audience, never a
rebuild.

Which models count, and how, comes from what each app registered
(core.indexing). Receivers are connected per model (search.apps calls
`connect`): a receiver for every model would make Django give up fast
deletes everywhere."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from core.indexing import IndexSource, Related, source_for, sources, when_registered
from core.signals import content_changed

from . import services, tasks


def _related() -> dict[str, tuple[IndexSource, Related]]:
    """{model label: (the source whose rows it changes, how)}."""
    return {related.model: (each, related) for each in sources().values() for related in each.related}


def saved(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading fixtures
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login", "password"}:
        return  # signing in changes nothing searchable
    label = instance._meta.label
    if label in (related := _related()):
        owner, how = related[label]
        pk = getattr(instance, how.key, None)
        if pk is None:
            return
        if how.leaves is not None and how.leaves(instance):
            services.forget(owner.label, pk)  # its text leaves the row now; the task writes the rest back
        tasks.index_object.enqueue(owner.label, pk)
        return
    its_source = source_for(instance)
    if its_source is None:
        return
    if not its_source.indexable(instance):
        services.forget(its_source.label, instance.pk)
        return
    tasks.index_object.enqueue(its_source.label, instance.pk)
    if its_source.dependents is not None and not kwargs.get("created"):
        group_id = its_source.private_audience(instance) if its_source.private_audience else None
        if group_id is not None:
            services.narrow(its_source.label, instance.pk, group_id, its_source.dependents(instance))
        tasks.index_dependents.enqueue(its_source.label, instance.pk)


def deleted(sender, instance, **kwargs):
    label = instance._meta.label
    if label in (related := _related()):
        owner, how = related[label]
        if (pk := getattr(instance, how.key, None)) is not None:
            tasks.index_object.enqueue(owner.label, pk)
        return
    its_source = source_for(instance)
    if its_source is not None:
        services.forget(its_source.label, instance.pk)


def relations_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        its_source = source_for(instance)
        if its_source is not None:
            tasks.index_object.enqueue(its_source.label, instance.pk)


def page_changed(sender, instance, **kwargs):
    """Unpublished (also in bulk or by expiry), moved: the rows of what is at
    and under the page are re-read by a task (the page itself, saved as not
    live, has already left the index)."""
    tasks.index_under_page.enqueue(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    """A privacy setting on a page or a section: what is under it leaves the
    index at once (it may be public no more), and a task writes back what
    is still for everyone."""
    for label, each in sources().items():
        if each.under_page is not None:
            services.forget_many(label, list(each.under_page(instance.page_id)))
    tasks.index_under_page.enqueue(instance.page_id)


def changed_without_save(sender, pk, **kwargs):
    """core.signals.content_changed: a record's text or readers changed by
    update(), which sends no model signal. Out of the index at once (its
    readers may be fewer now), back in by a task as it is now."""
    its_source = next((each for each in sources().values() if each.model == sender._meta.label), None)
    if its_source is not None:
        services.forget(its_source.label, pk)
        tasks.index_object.enqueue(its_source.label, pk)


def connect_source(each: IndexSource) -> None:
    """The receivers for one source's models, relations and related models."""
    model = each.model_class
    models = {model}
    if each.subclasses:
        # Pages are saved as their specific class.
        models |= {other for other in apps.get_models() if issubclass(other, model)}
    models |= {apps.get_model(related.model) for related in each.related}
    for name in each.relations:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(relations_changed, sender=through, dispatch_uid=f"search_m2m_{each.model}_{name}")
    for model in models:
        post_save.connect(saved, sender=model, dispatch_uid=f"search_saved_{model._meta.label}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search_deleted_{model._meta.label}")


def connect() -> None:
    when_registered(connect_source)
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="search_page_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    content_changed.connect(changed_without_save, dispatch_uid="search_changed_without_save")
