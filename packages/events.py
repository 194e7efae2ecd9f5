"""Events about official documents (core.events): followers of a meeting,
and of the conventions a document is of, hear when one of its documents is
published and when a new language version or correction of it is."""

from django.utils.translation import gettext_noop

from core.events import EventKind, FollowKind, raise_event, register_target
from core.messages import message

from .models import DocumentFile, OfficialDocument


def _follows(document: OfficialDocument) -> list[tuple[str, str]]:
    follows = [(FollowKind.CONVENTION, convention.code) for convention in document.conventions.all()]
    if document.meeting_id:
        follows.append((FollowKind.MEETING, document.meeting.slug))
    return follows


def document_published(document: OfficialDocument) -> None:
    """Once per document, whatever is unpublished and published again."""
    title, _language = document.text_in("titles", "en")
    raise_event(
        EventKind.DOCUMENT_PUBLISHED,
        key=f"document:{document.pk}:published",
        actor=None,
        target=document,
        follows=_follows(document),
        description=message(gettext_noop("New document: %(symbol)s %(title)s"), symbol=document.symbol, title=title),
        summary=title,
    )


def version_published(file: DocumentFile) -> None:
    """A language version or a correction added to a published document."""
    document = file.document
    raise_event(
        EventKind.DOCUMENT_PUBLISHED,
        key=f"document-file:{file.pk}:published",
        actor=None,
        target=document,
        follows=_follows(document),
        description=message(
            gettext_noop("New version of %(symbol)s: %(language)s %(version)s"),
            symbol=document.symbol,
            language=file.language,
            version=file.version,
        ),
    )


def _document_targets(member, ids, request):
    """What a notification links to: published documents only."""
    for document in OfficialDocument.objects.published().filter(pk__in=ids):
        title, _language = document.text_in("titles", "en")
        yield document.pk, f"{document.symbol} {title}".strip(), document.get_absolute_url()


def register() -> None:
    register_target("packages.OfficialDocument", _document_targets)
