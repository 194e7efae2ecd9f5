"""A meeting's page as its home during the meeting: the agenda with the
documents of each item, the in-session and pre-session documents newest
first, the statements, today's journal and the report, and for a member
what was published since their last visit."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from .models import AgendaItem, DocumentFile, DocumentKind, MeetingVisit, OfficialDocument, agenda_sort_key

PRE_SESSION = (DocumentKind.WORKING, DocumentKind.INFORMATION)


@dataclass
class DocumentRow:
    document: OfficialDocument
    title: tuple[str, str]
    is_new: bool = False


@dataclass
class AgendaRow:
    number: str
    title: tuple[str, str]
    documents: list[DocumentRow] = field(default_factory=list)


@dataclass
class MeetingHome:
    agenda: list[AgendaRow]
    in_session: list[DocumentRow]
    pre_session: list[DocumentRow]
    statements: list[DocumentRow]
    reports: list[DocumentRow]
    journals: list[DocumentRow]
    other: list[DocumentRow]
    # When the member last came (None: first visit, or anonymous).
    last_visit: datetime | None
    new_count: int

    @property
    def has_documents(self) -> bool:
        return bool(
            self.in_session or self.pre_session or self.statements or self.reports or self.journals or self.other
        )

    @property
    def journal(self) -> DocumentRow | None:
        """The newest daily journal: the programme of the day."""
        return self.journals[0] if self.journals else None

    @property
    def earlier_journals(self) -> list[DocumentRow]:
        return self.journals[1:]


def newest_first(rows: list[DocumentRow]) -> list[DocumentRow]:
    return sorted(
        rows,
        key=lambda row: (row.document.issued_on, row.document.published_at or row.document.created_at),
        reverse=True,
    )


def last_visit(request, meeting) -> datetime | None:
    """When the member last opened the meeting's page; now is recorded as
    the next visit (one query to read, one to write). A HEAD request (a
    link checker, a prefetch) reads without recording."""
    user = request.user
    if not user.is_authenticated:
        return None
    now = timezone.now()
    visit = MeetingVisit.objects.filter(user=user, meeting=meeting).first()
    if request.method == "HEAD":
        return visit.seen_at if visit else None
    if visit is None:
        # Two first visits at once (two tabs): one records, both go on.
        MeetingVisit.objects.bulk_create(
            [MeetingVisit(user=user, meeting=meeting, seen_at=now)], ignore_conflicts=True
        )
        return None
    MeetingVisit.objects.filter(pk=visit.pk).update(seen_at=now)
    return visit.seen_at


def build(meeting, request, language: str) -> MeetingHome:
    """Everything the meeting's page shows of its documents, in a constant
    number of queries whatever their number."""
    since = last_visit(request, meeting)
    documents = list(meeting.official_documents.published().select_related("country").order_by("symbol"))
    newest_file = (
        dict(
            DocumentFile.objects.filter(document__in=documents)
            .values_list("document")
            .annotate(newest=Max("uploaded_at"))
            .order_by()
        )
        if since
        else {}
    )
    rows = []
    for document in documents:
        published = document.published_at or document.created_at
        changed = max(filter(None, [published, newest_file.get(document.pk)]))
        rows.append(DocumentRow(document, document.text_in("titles", language), bool(since and changed > since)))

    by_kind: dict[str, list[DocumentRow]] = defaultdict(list)
    by_item: dict[str, list[DocumentRow]] = defaultdict(list)
    for row in rows:
        by_kind[row.document.kind].append(row)
        if row.document.agenda_item and row.document.kind != DocumentKind.JOURNAL:
            by_item[row.document.agenda_item].append(row)

    entered = list(AgendaItem.objects.filter(meeting=meeting))
    if entered:
        agenda = [AgendaRow(item.number, item.text_in(language), by_item.pop(item.number, [])) for item in entered]
        # Documents numbered with an item the agenda no longer has, last.
        agenda += [AgendaRow(number, ("", ""), by_item[number]) for number in sorted(by_item, key=agenda_sort_key)]
    else:
        agenda = [AgendaRow(number, ("", ""), by_item[number]) for number in sorted(by_item, key=agenda_sort_key)]

    journals = newest_first(by_kind.get(DocumentKind.JOURNAL, []))
    shown = {
        DocumentKind.IN_SESSION,
        *PRE_SESSION,
        DocumentKind.STATEMENT,
        DocumentKind.REPORT,
        DocumentKind.JOURNAL,
    }
    return MeetingHome(
        agenda=agenda,
        in_session=newest_first(by_kind.get(DocumentKind.IN_SESSION, [])),
        pre_session=newest_first([row for kind in PRE_SESSION for row in by_kind.get(kind, [])]),
        statements=newest_first(by_kind.get(DocumentKind.STATEMENT, [])),
        reports=newest_first(by_kind.get(DocumentKind.REPORT, [])),
        journals=journals,
        other=newest_first([row for kind, kind_rows in by_kind.items() if kind not in shown for row in kind_rows]),
        last_visit=since,
        new_count=sum(row.is_new for row in rows),
    )
