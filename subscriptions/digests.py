"""Digests (flow 3 of DESIGN.md): once per period, what is new in what a
member follows, at the local hour (and weekday) they chose.

A run
    Celery beat starts `start_digest_run` every 15 minutes (config/celery.py).
    It finds the members due now: active, receiving email, with something
    waiting, whose local hour in their time zone is their digest hour (and,
    for a weekly digest, whose local weekday is their digest weekday), and
    who have no digest for this period yet. It enqueues `send_digest_batch`
    for up to BATCH_SIZE of them at a time on the email queue.

The period
    "d:2026-11-27" (the member's local date) for a daily digest,
    "w:2026-W48" (the ISO week of their local date) for a weekly one. The
    EmailDelivery row keyed "digest:<period>" is unique per member, so a
    member never gets two digests in one period.

Mark, then send
    The row is written before the email leaves, as a claim (sent_at empty,
    created_at the moment of the claim), and completed after it (sent_at),
    in the same transaction that removes the items the digest listed. A
    batch claims all its members at once (four queries) and renews its
    claims while it works through them. A claim younger
    than CLAIM_TIMEOUT belongs to a worker still at work: nobody else sends
    to that member, so two workers running the same batch (a redelivered
    task, a second beat tick while the first run is still queued) cannot
    both send. A claim older than that belongs to a worker that died: the
    next run takes it over, so nobody is skipped. A failed send gives the
    claim back at once, for the retry.

    What remains: a worker killed after the mail server accepted a message
    and before sent_at is written (a few milliseconds) leaves a claim that is
    taken over later, so that one member may get that digest twice. No
    scheme closes this window without the mail server's help (it would have
    to recognise the message), so it is documented rather than hidden.
    (core.email.send_once, for single emails, sends again at once for a row
    without sent_at: two workers on one member would both send. Digests,
    sent by the hundred, need the claim.)

Resuming
    A run stopped half-way (a worker killed) is finished by whichever comes
    first: a later beat tick within the hour, once the dead worker's claims
    have expired (every member without a sent row is due again), or the
    redelivery of the killed batch (acks_late; its period is in its
    arguments, so it is valid at any hour).

Queries
    A batch reads with a constant number of queries, whatever the number of
    members, items and followed things (members, items, the posts behind
    them, labels, meetings, claims); then writes two rows per member sent, in
    one transaction (the delivery is sent, its items are gone), so a crash
    between two members loses or doubles nothing. What the digests of a
    batch share (headings, item lines, meetings, links) is worked out once
    per language (`SharedParts`), not once per member. bench/digests.py
    measures it.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from conventions.digest import convention_codes, meeting_summary, meetings_between
from core import follows
from core.addresses import absolute_url
from core.email import build_email, member_language
from core.models import EmailDelivery
from core.tasks import HubTask

from .constants import DigestFrequency, EmailStatus, FollowKind
from .models import DigestItem, Follow, Preferences

# Members per send_digest_batch task.
BATCH_SIZE = 200
# A claim older than this was left by a worker that died; it is taken over.
# Shorter than the 15 minutes between beat ticks, so the next tick resumes.
CLAIM_TIMEOUT = timedelta(minutes=10)
# Meetings of the followed conventions starting within this many days (or under way).
MEETINGS_AHEAD = timedelta(days=30)
# Items listed in one digest; the rest are counted, with a link to the inbox
# (an email of hundreds of items is clipped by mail programs and read by nobody).
MOST_ITEMS = 100
SUMMARY_LENGTH = 160
FOLLOWED_KINDS = frozenset(FollowKind.values)
EMAIL_QUEUE = "email"


def period_key(frequency: str, local: datetime | date) -> str:
    """The period a digest belongs to, from the member's local date."""
    day = local.date() if isinstance(local, datetime) else local
    if frequency == DigestFrequency.DAILY:
        return f"d:{day.isoformat()}"
    year, week, _weekday = day.isocalendar()
    return f"w:{year}-W{week:02d}"


def delivery_key(period: str) -> str:
    return f"digest:{period}"


def member_zone(name: str) -> ZoneInfo:
    """The member's time zone; an unknown name counts as UTC."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _zone_of(member) -> ZoneInfo:
    profile = getattr(member, "profile", None)
    return member_zone(profile.timezone if profile else "UTC")


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _with_digest_settings(members):
    """Members annotated with their time zone and digest choices; a member
    who never saved preferences has the defaults (weekly, Monday, 7:00)."""

    def default(name):
        return Value(Preferences._meta.get_field(name).get_default())

    return members.annotate(
        digest_zone=Coalesce("profile__timezone", Value("UTC")),
        digest_frequency=Coalesce("delivery__digest_frequency", default("digest_frequency")),
        digest_weekday=Coalesce("delivery__digest_weekday", default("digest_weekday"), output_field=IntegerField()),
        digest_hour=Coalesce("delivery__digest_hour", default("digest_hour"), output_field=IntegerField()),
        digest_email_status=Coalesce("delivery__email_status", default("email_status")),
    )


def due_batches(at: datetime) -> Iterator[tuple[str, list[int]]]:
    """(period, member ids) for the members due at `at`, at most BATCH_SIZE
    ids each: their local hour is their digest hour (and weekday, weekly),
    something waits for them, and no digest of this period was sent to them
    or is being sent (a claim younger than CLAIM_TIMEOUT)."""
    members = get_user_model().objects.order_by()
    zones = set(members.exclude(profile=None).values_list("profile__timezone", flat=True).distinct()) | {"UTC"}
    # Time zones that share a local date and hour now share a condition.
    slots = defaultdict(list)
    for name in zones:
        local = at.astimezone(member_zone(name))
        slots[(local.date(), local.hour)].append(name)
    due = Q()
    for (day, hour), names in slots.items():
        due |= Q(digest_zone__in=names, digest_hour=hour) & (
            Q(digest_frequency=DigestFrequency.DAILY)
            | Q(digest_frequency=DigestFrequency.WEEKLY, digest_weekday=day.weekday())
        )
    rows = (
        _with_digest_settings(get_user_model().objects.filter(is_active=True))
        .filter(due, digest_email_status=EmailStatus.OK)
        .filter(Exists(DigestItem.objects.filter(user=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "digest_zone", "digest_frequency")
    )
    for chunk in _chunks(rows.iterator(chunk_size=2000), BATCH_SIZE):
        keys = {
            pk: delivery_key(period_key(frequency, at.astimezone(member_zone(zone)))) for pk, zone, frequency in chunk
        }
        handled = set(
            EmailDelivery.objects.filter(user_id__in=list(keys), key__in=set(keys.values()))
            .filter(Q(sent_at__isnull=False) | Q(created_at__gt=timezone.now() - CLAIM_TIMEOUT))
            .values_list("user_id", "key")
        )
        by_period = defaultdict(list)
        for pk, key in keys.items():
            if (pk, key) not in handled:
                by_period[key.removeprefix("digest:")].append(pk)
        yield from by_period.items()


@shared_task(base=HubTask)
def start_digest_run(at: str | None = None) -> int:
    """Enqueue the digests due now (or at `at`, ISO 8601) in batches on the
    email queue; returns how many members are due. Safe to run twice: a
    member already sent to, or being sent to, is not due."""
    moment = datetime.fromisoformat(at) if at else timezone.now()
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    count = 0
    with transaction.atomic():
        for period, user_ids in due_batches(moment):
            send_digest_batch.enqueue_with({"queue": EMAIL_QUEUE}, user_ids, period, moment.isoformat())
            count += len(user_ids)
    return count


@dataclass
class Outcome:
    sent: int = 0
    failed: list[int] = field(default_factory=list)
    error: Exception | None = None


@shared_task(base=HubTask, bind=True, queue=EMAIL_QUEUE, autoretry_for=())
def send_digest_batch(self, user_ids: list[int], period: str, as_of: str) -> int:
    """Send the digest of `period` to each of `user_ids` who has something
    new and none yet for this period; returns how many were sent. Members
    whose send failed are retried with back-off, alone."""
    outcome = send_digests(user_ids, period, datetime.fromisoformat(as_of))
    if outcome.failed:
        raise self.retry_later(args=(outcome.failed, period, as_of), exc=outcome.error)
    return outcome.sent


def send_digests(user_ids: list[int], period: str, as_of: datetime) -> Outcome:
    """The digest of `period` to each member of `user_ids` who has something
    new they may still read, at most once per member and period. `as_of` is
    the moment of the run: the members' local dates for upcoming meetings."""
    key = delivery_key(period)
    frequency = DigestFrequency.DAILY if period.startswith("d:") else DigestFrequency.WEEKLY
    members = [
        member
        for member in get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .select_related("profile", "delivery")
        .order_by("pk")
        if member.email and _receives_email(member)
    ]
    items = defaultdict(list)
    # Rows rather than model instances: a batch reads tens of thousands of items.
    for item in (
        DigestItem.objects.filter(user__in=[member.pk for member in members])
        .order_by("user_id", "-created_at", "-pk")
        .values_list("pk", "user_id", "key", "follow_kind", "follow_key", "title", "summary", "url", named=True)
    ):
        items[item.user_id].append(item)
    unreadable = unreadable_items(items)
    readable = {
        user_id: [item for item in its_items if item.pk not in unreadable] for user_id, its_items in items.items()
    }
    claims = Claims([member.pk for member in members if readable.get(member.pk)], key)
    outcome = Outcome()
    if claims.pending:
        outcome = _send_claimed(
            [member for member in members if member.pk in claims], claims, readable, frequency, as_of
        )
    # Items about posts the member may no longer read will never be sent.
    if unreadable:
        DigestItem.objects.filter(pk__in=unreadable).delete()
    return outcome


def _receives_email(member) -> bool:
    preferences = getattr(member, "delivery", None)
    return preferences is None or preferences.email_status == EmailStatus.OK


class Claims:
    """The digests of one period this worker holds for a batch: {member id:
    delivery id}. They share one token, their created_at, which is renewed
    through a long batch, so a live worker's claims never look abandoned."""

    def __init__(self, user_ids: list[int], key: str):
        """Claim the delivery of `key` for each member nobody else is sending
        it to, in four queries. A row inserted here carries the created_at
        this process gave it, and a dead worker's claim taken over carries
        `now`: matching them tells which rows are ours (another worker's
        differ); then all of ours get `now`, the token."""
        self.pending: dict[int, int] = {}
        self.token = now = timezone.now()
        if not user_ids:
            return
        attempts = EmailDelivery.objects.bulk_create(
            [EmailDelivery(user_id=user_id, key=key) for user_id in user_ids], ignore_conflicts=True
        )
        ours = {attempt.user_id: attempt.created_at for attempt in attempts}
        EmailDelivery.objects.filter(
            key=key, user_id__in=user_ids, sent_at__isnull=True, created_at__lt=now - CLAIM_TIMEOUT
        ).update(created_at=now)
        self.pending = {
            user_id: pk
            for user_id, pk, created_at in EmailDelivery.objects.filter(
                key=key, user_id__in=user_ids, sent_at__isnull=True
            ).values_list("user_id", "pk", "created_at")
            if created_at in (ours[user_id], now)
        }
        if self.pending:
            EmailDelivery.objects.filter(pk__in=list(self.pending.values())).update(created_at=now)

    def __contains__(self, user_id: int) -> bool:
        return user_id in self.pending

    def renew(self) -> None:
        """Keep the claims young (a query every third of CLAIM_TIMEOUT); drop
        any that another worker took over meanwhile (this one stalled)."""
        now = timezone.now()
        if now - self.token < CLAIM_TIMEOUT / 3:
            return
        ids = list(self.pending.values())
        renewed = EmailDelivery.objects.filter(pk__in=ids, created_at=self.token, sent_at__isnull=True).update(
            created_at=now
        )
        if renewed < len(ids):
            kept = set(EmailDelivery.objects.filter(pk__in=ids, created_at=now).values_list("pk", flat=True))
            self.pending = {user_id: pk for user_id, pk in self.pending.items() if pk in kept}
        self.token = now

    def sent(self, user_id: int, item_ids: list[int]) -> None:
        """The digest went: the delivery is complete and its items are gone, together."""
        delivery_id = self.pending.pop(user_id)
        if connection.vendor == "postgresql":
            # One statement is one transaction and one round trip: a third of
            # what BEGIN, UPDATE, DELETE, COMMIT cost per member.
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH gone AS (DELETE FROM {quote(DigestItem._meta.db_table)} WHERE id = ANY(%s)) "  # noqa: S608 (only the models' table names are formatted in)
                    f"UPDATE {quote(EmailDelivery._meta.db_table)} SET sent_at = %s WHERE id = %s",
                    [item_ids, timezone.now(), delivery_id],
                )
            return
        with transaction.atomic():
            EmailDelivery.objects.filter(pk=delivery_id).update(sent_at=timezone.now())
            DigestItem.objects.filter(pk__in=item_ids).delete()

    def release(self, user_ids: Iterable[int] | None = None) -> None:
        """Give claims back (the send failed): the retry, or the next run, sends."""
        user_ids = list(self.pending) if user_ids is None else list(user_ids)
        delivery_ids = [self.pending.pop(user_id) for user_id in user_ids if user_id in self.pending]
        if delivery_ids:
            EmailDelivery.objects.filter(pk__in=delivery_ids, sent_at__isnull=True).delete()


class SharedParts:
    """What the digests of a batch have in common, worked out once rather
    than for every member: the headings of followed things and the
    meetings, once per language; the lines of items, which many members
    share (everyone who follows a thing gets its news); the inbox link."""

    def __init__(self, labels: dict):
        self.labels = labels
        self._headings: dict[tuple, str] = {}
        self._wordings: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._lines: dict[tuple, dict] = {}
        self._meetings: dict[tuple, dict] = {}
        self._inbox_urls: dict[str, str] = {}

    def heading(self, pair: tuple[str, str]) -> str:
        """The heading of the followed thing `pair`, in the active language."""
        language = translation.get_language()
        if (pair, language) not in self._headings:
            kind = pair[0]
            if (kind, language) not in self._wordings:
                self._wordings[kind, language] = _heading_wording(kind)
            self._headings[pair, language] = _heading(pair, self.labels, language, self._wordings[kind, language])
        return self._headings[pair, language]

    def line(self, item) -> dict:
        """An item as the templates list it (the same in every language)."""
        key = (item.title, item.summary, item.url)
        if key not in self._lines:
            self._lines[key] = {
                "title": item.title,
                "summary": _one_line(item.summary),
                "url": absolute_url(item.url) if item.url else "",
            }
        return self._lines[key]

    def meeting(self, meeting) -> dict:
        """A meeting as the templates list it, in the active language."""
        key = (meeting.pk, translation.get_language())
        if key not in self._meetings:
            self._meetings[key] = _meeting_context(meeting)
        return self._meetings[key]

    def inbox_url(self) -> str:
        language = translation.get_language()
        if language not in self._inbox_urls:
            self._inbox_urls[language] = absolute_url(reverse("subscriptions:inbox"))
        return self._inbox_urls[language]


def _send_claimed(members, claims: Claims, items: dict, frequency: str, as_of: datetime) -> Outcome:
    outcome = Outcome()
    shared = SharedParts(
        followed_labels({(item.follow_kind, item.follow_key) for member in members for item in items[member.pk]})
    )
    meetings = upcoming_meetings(members, as_of)
    sent = []
    mail_connection = get_connection()
    try:
        for member in members:
            claims.renew()
            if member.pk not in claims:
                continue  # taken over by another worker while this one stalled
            with translation.override(member_language(member)):
                subject, context = digest_content(items[member.pk], shared, meetings[member.pk], frequency)
            message = build_email(member, subject=subject, template="digest", context=context, bulk=True)
            try:
                mail_connection.open()
                mail_connection.send_messages([message])
            except OSError as error:  # smtplib's errors included: the server refused or went away
                mail_connection.close()
                claims.release([member.pk])
                outcome.failed.append(member.pk)
                outcome.error = error
                continue
            claims.sent(member.pk, [item.pk for item in items[member.pk]])
            sent.append(member.pk)
    finally:
        mail_connection.close()
        # Anything but a send error (a bug, a lost database): nobody stays claimed.
        claims.release()
    outcome.sent = len(sent)
    if sent:
        have = set(Preferences.objects.filter(user_id__in=sent).values_list("user_id", flat=True))
        Preferences.objects.bulk_create(
            [Preferences(user_id=user_id) for user_id in sent if user_id not in have], ignore_conflicts=True
        )
        Preferences.objects.filter(user_id__in=sent).update(last_digest_at=timezone.now())
    return outcome


def digest_content(items, shared: SharedParts, meetings: list, frequency: str) -> tuple[str, dict]:
    """Subject and template context of one member's digest, in the active
    language: items grouped by the followed thing that brought them, groups
    and items newest first."""
    groups = {}
    for item in items[:MOST_ITEMS]:
        pair = (item.follow_kind, item.follow_key)
        if pair not in groups:
            groups[pair] = {"heading": shared.heading(pair), "items": []}
        groups[pair]["items"].append(shared.line(item))
    count = len(items)
    if frequency == DigestFrequency.DAILY:
        subject = ngettext("Your daily digest: %(count)s new item", "Your daily digest: %(count)s new items", count)
    else:
        subject = ngettext("Your weekly digest: %(count)s new item", "Your weekly digest: %(count)s new items", count)
    context = {
        "frequency": frequency,
        "groups": list(groups.values()),
        "item_count": count,
        "more_count": max(0, count - MOST_ITEMS),
        "inbox_url": shared.inbox_url(),
        "meetings": [shared.meeting(meeting) for meeting in meetings],
    }
    return subject % {"count": count}, context


def _one_line(text: str) -> str:
    """The summary on one line, cut at a word (Truncator is ten times slower, per item)."""
    line = " ".join(text.split())
    if len(line) <= SUMMARY_LENGTH:
        return line
    return line[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _heading_wording(kind: str) -> tuple[str, str] | None:
    """How headings of a kind of followed thing read in the active language
    (the format and the kind's name); None for items addressed to the member."""
    if kind not in FOLLOWED_KINDS:
        return None
    return gettext("%(kind)s: %(name)s"), str(FollowKind(kind).label)


def _heading(pair: tuple[str, str], labels: dict, language: str, wording: tuple[str, str] | None) -> str:
    if wording is None:
        return gettext("Addressed to you")
    names = labels.get(pair)
    if isinstance(names, dict):  # translated names, by language
        name = names.get(language) or names.get(settings.LANGUAGE_CODE) or next(iter(names.values()))
    else:
        name = names or pair[1]
    text, kind = wording
    return text % {"kind": kind, "name": name}


def followed_labels(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], object]:
    """The name of each followed thing (kind, key), at most one query per
    kind: a name, or {language: name} for translated ones."""
    return follows.labels(pairs)


def unreadable_items(items: dict[int, list]) -> set[int]:
    """Ids of the items (by member id) about things the member may no longer
    read (a forum post deleted or hidden since, or in a private group they
    left): the app that owns each thing says, by its own rule (core.follows)."""
    return follows.unreadable(
        {user_id: [(item.pk, item.key) for item in its_items] for user_id, its_items in items.items()}
    )


def upcoming_meetings(members, as_of: datetime) -> dict[int, list]:
    """Meetings of the conventions each member follows that are under way or
    start within MEETINGS_AHEAD of their local date; cancelled and postponed
    ones included (the digest says so). Three queries for the batch."""
    followed = defaultdict(set)
    for user_id, code in Follow.objects.filter(
        user__in=[member.pk for member in members], kind=FollowKind.CONVENTION
    ).values_list("user_id", "key"):
        followed[user_id].add(code)
    found = defaultdict(list)
    if not followed:
        return found
    today = {member.pk: as_of.astimezone(_zone_of(member)).date() for member in members}
    first, last = min(today.values()), max(today.values()) + MEETINGS_AHEAD
    meetings = meetings_between(set().union(*followed.values()), first, last)
    for member in members:
        codes, day = followed.get(member.pk), today[member.pk]
        if not codes:
            continue
        found[member.pk] = [
            meeting
            for meeting in meetings
            if meeting.end_date >= day
            and meeting.start_date <= day + MEETINGS_AHEAD
            and codes & convention_codes(meeting)
        ]
    return found


def _meeting_context(meeting) -> dict:
    summary = meeting_summary(meeting)
    summary["url"] = absolute_url(summary.pop("path"))
    return summary
