"""What anonymous pages may be served from the cache, and when they stop.

Every kind of content has a version number in the shared cache. A cached
page is stored under a key made of the versions of the kinds it shows, so a
change to one kind makes every page that shows it miss at once, and pages
that do not show it stay cached.

A save, a deletion or a change of many-to-many relations of any model moves
its kind on (`track_saves`, connected in CoreConfig.ready()), except models
that no page shows (visit counters, deliveries, the search index, logs...).
What Django's signals do not report (a queryset's update(), bulk_create())
is reported by the code that does it, with `changed()` or with
core.signals.content_changed; an import changes everything (`changed_all`).

Like search.services.index_changed, a change moves the version on at once and
again when its transaction commits, so no page rendered in between (from what
was there before) is kept under the new version."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

# The site's frame (header, footer, settings, Wagtail pages and images, tags):
# every page shows some of it.
SITE = "site"
KINDS = ("site", "conventions", "profiles", "community", "knowledge", "packages", "subscriptions")
KIND_OF_APP = {
    "conventions": "conventions",
    "profiles": "profiles",
    "auth": "profiles",
    "community": "community",
    "knowledge": "knowledge",
    "packages": "packages",
    "subscriptions": "subscriptions",
    "policies": SITE,
    "core": SITE,
    "wagtailcore": SITE,
    "wagtailimages": SITE,
    "wagtaildocs": SITE,
    "wagtailredirects": SITE,
    "taggit": SITE,
}
# Models of those apps that no page shows: saving them changes nothing a
# visitor sees. (Moderation's log is not among them: every editor's action
# writes one, often beside a queryset update() that sends no signal.)
UNSEEN = {
    "core.emaildelivery",
    "profiles.formerhandle",
    "community.revision",
    "subscriptions.delivery",
    "subscriptions.digestitem",
    "subscriptions.preferences",
    "policies.termsacceptance",
    "packages.pagefeedback",
    "packages.pageview",
    "packages.dailyvisitors",
    "packages.membervisits",
    "packages.indicatorrefresh",
    "packages.surveyresponse",
    "packages.surveyoffer",
    "packages.meetingvisit",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
}
# Fields a save may write without changing any page (sign-in times).
UNSEEN_FIELDS = frozenset({"last_login", "view_count"})
# Pages by the first part of their path (after the language): the kinds they
# show besides the site's frame. Any other page depends on every kind.
KINDS_OF_SECTION = {
    "forum": ("community", "profiles"),
    "groups": ("community", "profiles"),
    "decisions": ("conventions", "packages"),
    "calendar": ("conventions", "packages"),
    "chemicals": ("conventions", "packages"),
    "parties": ("conventions", "packages"),
    "regional-centres": ("conventions", "packages"),
    "legal": ("conventions", "packages"),
    "documents": ("conventions", "packages"),
}
# Pages never served from this cache: search logs every query it answers
# (what people look for and do not find), and keeps its own cache of results.
UNCACHED_SECTIONS = frozenset({"search"})
PREFIX = "pagecache"


def version_key(kind: str) -> str:
    return f"{PREFIX}:version:{kind}"


def kinds_of_path(path: str) -> tuple[str, ...] | None:
    """The kinds a page at /<language>/<section>/... shows; None for a page
    that is never cached."""
    parts = path.split("/", 3)
    section = parts[2] if len(parts) > 2 else ""
    if section in UNCACHED_SECTIONS:
        return None
    shown = KINDS_OF_SECTION.get(section)
    return (SITE, *shown) if shown else KINDS


def versions(kinds: tuple[str, ...]) -> str:
    """The current versions of these kinds, as one part of a cache key. A
    version the cache lost starts again from the clock, never from a number
    an older page was stored under."""
    keys = [version_key(kind) for kind in kinds]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return ".".join(str(found[key]) for key in keys)


def fragment_key(*kinds: str) -> str:
    """For a part of a page that is costly to render and the same for every
    reader (a member's page included): ``{% cache fragment_seconds name
    fragment_key ... %}`` keeps it until one of these kinds changes. Empty
    (and fragment_seconds 0) when nothing is cached or the cache is away."""
    if not settings.PAGE_CACHE_SECONDS:
        return ""
    try:
        return versions((SITE, *kinds))
    except Exception:  # noqa: BLE001
        logger.warning("page cache unavailable", exc_info=True)
        return ""


def _bump(kinds) -> None:
    try:
        for kind in kinds:
            key = version_key(kind)
            try:
                cache.incr(key)
            except ValueError:  # not set yet, or evicted
                cache.set(key, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 (Redis away: nothing is served from it meanwhile either)
        logger.warning("page cache not told of a change", exc_info=True)


def changed(*kinds: str) -> None:
    """Pages that show these kinds are rendered afresh from now on, and again
    once the current transaction commits."""
    _bump(kinds)
    transaction.on_commit(lambda: _bump(kinds))


def changed_all() -> None:
    changed(*KINDS)


def kind_of_model(model) -> str | None:
    meta = model._meta
    if meta.label_lower in UNSEEN:
        return None
    return KIND_OF_APP.get(meta.app_label)


def _saved(sender, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= UNSEEN_FIELDS):
        return
    kind = kind_of_model(sender)
    if kind:
        changed(kind)


def _model_changed(sender, **kwargs):
    """A deletion, or core.signals.content_changed (an update() that sends no signal)."""
    kind = kind_of_model(sender)
    if kind:
        changed(kind)


def _relations_changed(sender, action, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # The through model of an automatic relation belongs to the app of the
    # model that declares it.
    kind = kind_of_model(sender) or kind_of_model(kwargs["instance"].__class__)
    if kind:
        changed(kind)


def track_saves() -> None:
    """Listen to the models pages show, and only to them: a post_delete
    receiver makes Django fetch rows before deleting them (no fast delete),
    which models no page shows (deliveries, digest items) must not pay."""
    from django.apps import apps

    from .signals import content_changed

    for model in apps.get_models(include_auto_created=True):
        if kind_of_model(model) is None:
            continue
        uid = model._meta.label_lower
        post_save.connect(_saved, sender=model, dispatch_uid=f"page_cache_saved:{uid}")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"page_cache_deleted:{uid}")
    m2m_changed.connect(_relations_changed, dispatch_uid="page_cache_relations")
    content_changed.connect(_model_changed, dispatch_uid="page_cache_content")
