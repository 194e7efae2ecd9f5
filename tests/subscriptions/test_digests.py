"""The digest run: who is due when (their time zone, daily or weekly), what a
digest lists (grouped, newest first, meetings, in the member's language),
what it must not list (a private group's posts after leaving it), and that
nobody gets two digests of one period, however often a run is repeated."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.constants import GroupPrivacy, PostStatus
from community.models import Group, Membership, Question
from conventions.constants import MeetingKind, MeetingStatus
from conventions.models import Meeting
from core.models import EmailDelivery
from subscriptions.constants import DigestFrequency, EmailStatus, FollowKind
from subscriptions.digests import CLAIM_TIMEOUT, period_key, send_digest_batch, start_digest_run
from subscriptions.models import DigestItem, Preferences
from tests.community.factories import AnswerFactory, GroupFactory, MembershipFactory, QuestionFactory
from tests.conventions.factories import MeetingFactory
from tests.core.factories import EmailDeliveryFactory
from tests.profiles.factories import MemberFactory
from tests.subscriptions.factories import DigestItemFactory, FollowFactory, PreferencesFactory

# Monday 30 November 2026 (ISO week 49), 07:00 in Tokyo: 22:00 UTC the day before.
TOKYO_MONDAY_7 = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)
UTC_MONDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
UTC_TUESDAY_7 = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


def member_in(zone="UTC", languages=None, **preferences):
    member = MemberFactory(profile__timezone=zone, profile__languages=languages or ["en"])
    if preferences:
        PreferencesFactory(user=member, **preferences)
    return member


def new_item(member, title, *, key=None, follow=("topic", "pcbs"), summary="", url="/en/forum/questions/1/x/"):
    return DigestItemFactory(
        user=member,
        key=key or f"test:{title}",
        kind="question.published",
        follow_kind=follow[0],
        follow_key=follow[1],
        title=title,
        summary=summary,
        url=url,
    )


def run(at: datetime, capture) -> int:
    """A beat tick at `at`: the batches are enqueued on commit and, tasks
    being eager in the tests, sent then."""
    with capture(execute=True):
        return start_digest_run(at.isoformat())


def received() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.django_db
def test_a_member_in_tokyo_gets_the_weekly_digest_at_seven_on_monday_local_time(django_capture_on_commit_callbacks):
    tokyo = member_in("Asia/Tokyo")  # no saved preferences: weekly, Monday, 7:00
    london = member_in("Europe/London")
    for member in (tokyo, london):
        new_item(member, "How do you label PCB transformers?")

    assert run(TOKYO_MONDAY_7 - timedelta(hours=1), django_capture_on_commit_callbacks) == 0
    assert run(TOKYO_MONDAY_7, django_capture_on_commit_callbacks) == 1
    assert received() == [tokyo.email]
    assert EmailDelivery.objects.get(user=tokyo).key == "digest:w:2026-W49"

    mail.outbox.clear()
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)  # 07:00 in London in winter
    assert received() == [london.email]


@pytest.mark.django_db
def test_daily_members_get_one_every_day_and_weekly_ones_only_on_their_weekday(django_capture_on_commit_callbacks):
    daily = member_in(digest_frequency=DigestFrequency.DAILY, digest_hour=7)
    weekly = member_in(digest_frequency=DigestFrequency.WEEKLY, digest_weekday=0, digest_hour=7)
    friday = member_in(digest_frequency=DigestFrequency.WEEKLY, digest_weekday=4, digest_hour=7)
    for member in (daily, weekly, friday):
        new_item(member, "Monday news")

    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    assert received() == sorted([daily.email, weekly.email])
    assert mail.outbox[[m.to[0] for m in mail.outbox].index(daily.email)].subject == (
        "[BRS Hub] Your daily digest: 1 new item"
    )

    mail.outbox.clear()
    for member in (daily, weekly):
        new_item(member, "Tuesday news")
    run(UTC_TUESDAY_7, django_capture_on_commit_callbacks)
    assert received() == [daily.email]
    assert "Tuesday news" in mail.outbox[0].body and "Monday news" not in mail.outbox[0].body
    assert set(EmailDelivery.objects.filter(user=daily).values_list("key", flat=True)) == {
        "digest:d:2026-11-30",
        "digest:d:2026-12-01",
    }
    # The weekly member's Tuesday item waits for next Monday.
    assert DigestItem.objects.filter(user=weekly).get().title == "Tuesday news"


def test_the_period_is_the_local_date_or_its_iso_week():
    assert period_key(DigestFrequency.DAILY, date(2026, 11, 27)) == "d:2026-11-27"
    assert period_key(DigestFrequency.WEEKLY, date(2026, 11, 27)) == "w:2026-W48"
    assert period_key(DigestFrequency.WEEKLY, date(2027, 1, 1)) == "w:2026-W53"  # ISO year of the week


@pytest.mark.django_db
def test_nothing_new_no_email(django_capture_on_commit_callbacks):
    member_in()
    assert run(UTC_MONDAY_7, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == [] and not EmailDelivery.objects.exists()


@pytest.mark.django_db
def test_members_who_stopped_email_get_no_digest(django_capture_on_commit_callbacks):
    for status in (EmailStatus.BOUNCING, EmailStatus.COMPLAINED, EmailStatus.UNSUBSCRIBED):
        new_item(member_in(email_status=status), "News")
    inactive = member_in()
    inactive.is_active = False
    inactive.save()
    new_item(inactive, "News")
    assert run(UTC_MONDAY_7, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_digest_groups_items_by_followed_thing_newest_first_in_both_parts(django_capture_on_commit_callbacks):
    member = member_in()
    FollowFactory(user=member, kind=FollowKind.TOPIC, key="pcbs")
    FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
    old = new_item(member, "Oldest on PCBs", summary="First line.\n\nSecond   line.")
    newer = new_item(member, "Newer on PCBs", url="/en/forum/questions/2/newer/", summary="word " * 55 + "END")
    newest = new_item(member, "Newest under Basel", follow=("convention", "BC"), url="/en/forum/questions/3/b/")
    for hours_ago, item in ((3, old), (2, newer), (1, newest)):
        DigestItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))

    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.subject == "[BRS Hub] Your weekly digest: 3 new items"
    html = message.alternatives[0][0]
    for part in (message.body, html):
        order = [
            part.index(text)
            for text in ("Convention: Basel", "Newest under Basel", "Thematic area: PCBs", "Newer on PCBs", "Oldest")
        ]
        assert order == sorted(order), part
        assert "First line. Second line." in part  # one line
        assert "word word…" in part and "END" not in part  # one short line, cut at a word
        assert "http://testserver/en/forum/questions/3/b/" in part
    assert '<a href="http://testserver/en/forum/questions/2/newer/">Newer on PCBs</a>' in html
    # Sent items are gone; the member's last digest is recorded.
    assert not DigestItem.objects.filter(user=member).exists()
    assert Preferences.objects.get(user=member).last_digest_at is not None


@pytest.mark.django_db
def test_upcoming_meetings_of_followed_conventions_are_listed_cancelled_ones_marked(
    django_capture_on_commit_callbacks,
):
    member = member_in()
    FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
    new_item(member, "News")

    def meeting(slug, start, *conventions, status=MeetingStatus.SCHEDULED):
        return MeetingFactory(
            slug=slug, title=slug.replace("-", " ").title(), kind=MeetingKind.values[0], status=status,
            start_date=start, end_date=start + timedelta(days=2), city="Geneva", conventions=conventions,
        )  # fmt: skip

    meeting("basel-oewg", date(2026, 12, 10), "BC")
    meeting("triple-cop", date(2026, 12, 5), "BC", "RC", "SC", status=MeetingStatus.CANCELLED)
    meeting("rotterdam-crc", date(2026, 12, 8), "RC")  # not followed
    meeting("basel-next-year", date(2027, 2, 1), "BC")  # beyond 30 days
    meeting("basel-last-month", date(2026, 11, 1), "BC")  # over

    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Upcoming meetings of the conventions you follow" in part
        assert part.index("Triple Cop") < part.index("Basel Oewg")
        assert "Rotterdam Crc" not in part and "Basel Next Year" not in part and "Basel Last Month" not in part
        assert "http://testserver/en/calendar/basel-oewg/" in part
    assert "[Cancelled] Triple Cop" in message.body
    assert "<strong>Cancelled:</strong> <del>" in html


@pytest.mark.django_db
def test_meetings_alone_send_nothing(django_capture_on_commit_callbacks):
    member = member_in()
    FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
    MeetingFactory(
        slug="oewg",
        title="OEWG",
        kind=MeetingKind.values[0],
        start_date=date(2026, 12, 3),
        end_date=date(2026, 12, 4),
        conventions=["BC"],
    )
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_digest_is_in_the_members_language(django_capture_on_commit_callbacks):
    francophone = member_in(languages=["fr", "en"])
    new_item(francophone, "Étiquetage des PCB")
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr" dir="ltr">')
    assert "http://testserver/fr/account/subscriptions/" in html and "/fr/account/subscriptions/" in message.body


@pytest.mark.django_db
def test_arabic_digests_are_right_to_left(django_capture_on_commit_callbacks):
    new_item(member_in(languages=["ar"]), "News")
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    assert '<html lang="ar" dir="rtl">' in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_members_of_one_batch_read_the_same_news_each_in_their_own_language(django_capture_on_commit_callbacks):
    # One batch works out each heading, item and meeting once: none may reach
    # a member in another member's language.
    members = {language: member_in(languages=[language]) for language in ("en", "fr", "es")}
    for member in members.values():
        FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
        new_item(
            member, "Technical guidelines adopted", key="knowledge:7:published", follow=("convention", "BC"),
            summary="Adopted by the COP.", url="/en/knowledge/technical-guidelines/",
        )  # fmt: skip
    MeetingFactory(
        slug="oewg", title="OEWG", kind=MeetingKind.values[0], status=MeetingStatus.CANCELLED,
        start_date=date(2026, 12, 3), end_date=date(2026, 12, 4), conventions=["BC"],
    )  # fmt: skip

    assert run(UTC_MONDAY_7, django_capture_on_commit_callbacks) == 3

    by_member = {message.to[0]: message for message in mail.outbox}
    expected = {
        "en": ("Convention: Basel", "[Cancelled] OEWG", "/en/calendar/oewg/", "Your weekly digest: 1 new item"),
        "fr": ("Convention\xa0: Basel", "[Annulée] OEWG", "/fr/calendar/oewg/", "Votre récapitulatif hebdomadaire"),
        "es": ("Convenio: Basel", "[Cancelada] OEWG", "/es/calendar/oewg/", "Su resumen semanal: 1 novedad"),
    }
    for language, (heading, meeting, meeting_path, subject) in expected.items():
        message = by_member[members[language].email]
        assert subject in message.subject, language
        for part in (message.body, message.alternatives[0][0]):
            assert heading in part, (language, part)
            assert "Technical guidelines adopted" in part and "Adopted by the COP." in part
            assert "http://testserver/en/knowledge/technical-guidelines/" in part
            assert f"http://testserver{meeting_path}" in part
        assert meeting in message.body, language


def private_question(title, *members):
    author = MemberFactory()
    group = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[author, *members])
    return group, QuestionFactory(title=title, author=author, group=group)


@pytest.mark.django_db
def test_a_private_groups_posts_are_dropped_for_members_who_left_it(django_capture_on_commit_callbacks):
    stayed, left = member_in(), member_in()
    group, question = private_question("Draft agenda for the bureau", stayed, left)
    answer = AnswerFactory(question=question, author=stayed)
    for member in (stayed, left):
        new_item(
            member, "Draft agenda for the bureau", key=f"question:{question.pk}:published", follow=("group", "bureau")
        )
        new_item(
            member, "An answer in the bureau", key=f"answer:{answer.pk}:posted", follow=("question", str(question.pk))
        )
        new_item(member, "A public question", key="question:0:published")  # gone since: dropped too
        new_item(member, "A public news item", key="knowledge:1:published", follow=("convention", "BC"))
    Membership.objects.filter(user=left, group=group).delete()

    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)

    by_member = {message.to[0]: message for message in mail.outbox}
    for part in (by_member[left.email].body, by_member[left.email].alternatives[0][0]):
        assert "A public news item" in part
        assert "bureau" not in part.lower() and "A public question" not in part
    assert "Draft agenda for the bureau" in by_member[stayed.email].body
    assert "Group: Bureau" in by_member[stayed.email].body
    assert "Question: Draft agenda for the bureau" in by_member[stayed.email].body
    assert not DigestItem.objects.exists()  # sent or dropped for good


@pytest.mark.django_db
def test_posts_hidden_since_are_dropped_and_nothing_else_means_no_email(django_capture_on_commit_callbacks):
    member = member_in()
    _group, question = private_question("Hidden", member)
    Question.objects.filter(pk=question.pk).update(status=PostStatus.HIDDEN)
    new_item(member, "Hidden", key=f"question:{question.pk}:published")
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not DigestItem.objects.exists() and not EmailDelivery.objects.exists()


@pytest.mark.django_db
def test_a_second_run_and_a_redelivered_batch_send_nothing(django_capture_on_commit_callbacks):
    members = [member_in() for _ in range(3)]
    for member in members:
        new_item(member, "News")
    assert run(UTC_MONDAY_7, django_capture_on_commit_callbacks) == 3
    new_item(members[0], "Later news")  # new, but this period's digest went already
    assert run(UTC_MONDAY_7 + timedelta(minutes=15), django_capture_on_commit_callbacks) == 0
    assert send_digest_batch([member.pk for member in members], "w:2026-W49", UTC_MONDAY_7.isoformat()) == 0
    assert received() == sorted(member.email for member in members)
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_worker_is_taken_over_once_it_expires(django_capture_on_commit_callbacks):
    member = member_in()
    new_item(member, "News")
    # A worker claimed this member's digest and was killed before sending.
    claim = EmailDeliveryFactory(user=member, key="digest:w:2026-W49")
    assert run(UTC_MONDAY_7, django_capture_on_commit_callbacks) == 0  # it may still be at work
    assert send_digest_batch([member.pk], "w:2026-W49", UTC_MONDAY_7.isoformat()) == 0
    assert mail.outbox == []

    EmailDelivery.objects.filter(pk=claim.pk).update(created_at=timezone.now() - CLAIM_TIMEOUT - timedelta(seconds=1))
    assert run(UTC_MONDAY_7 + timedelta(minutes=15), django_capture_on_commit_callbacks) == 1
    assert received() == [member.email]
    assert EmailDelivery.objects.get().sent_at is not None


@pytest.mark.django_db
def test_a_failed_send_is_retried_for_that_member_alone(
    settings, monkeypatch, eager_retries, django_capture_on_commit_callbacks
):
    from tests.profiles.email_backends import MailServerFailingOnce

    settings.EMAIL_BACKEND = "tests.profiles.email_backends.MailServerFailingOnce"
    monkeypatch.setattr(MailServerFailingOnce, "failed", False)
    members = [member_in() for _ in range(3)]
    for member in members:
        new_item(member, "News")
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    assert received() == sorted(member.email for member in members)
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_bulk_headers_and_footer_links(django_capture_on_commit_callbacks):
    member = member_in()
    new_item(member, "News")
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    # The token is signed with the time (to the second): read the one sent, and check it is this member's.
    from django.core import signing

    from core.email import UNSUBSCRIBE_SALT

    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/unsubscribe/") and ">, <mailto:hub@localhost" in header
    sent_token = header.removeprefix("<http://testserver/unsubscribe/").split("/>", 1)[0]
    token_url = f"http://testserver/unsubscribe/{sent_token}/"
    assert signing.loads(sent_token, salt=UNSUBSCRIBE_SALT) == {"u": member.pk}
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for part in (message.body, message.alternatives[0][0]):
        assert token_url in part and "http://testserver/en/account/subscriptions/" in part


@pytest.mark.django_db
def test_a_new_question_on_a_followed_topic_reaches_the_next_digest(
    established_members, django_capture_on_commit_callbacks
):
    from community.services import ask_question
    from conventions.models import ThematicArea

    follower = member_in()
    FollowFactory(user=follower, kind=FollowKind.TOPIC, key="pcbs")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(
            MemberFactory(), title="How do you label PCB transformers?", body="Ours fade in the sun.",
            thematic_areas=ThematicArea.objects.filter(slug="pcbs", locale__language_code="en"),
        )  # fmt: skip
    run(UTC_MONDAY_7, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [follower.email]
    assert "Thematic area: PCBs" in message.body and "Ours fade in the sun." in message.body
    assert f"http://testserver{question.get_absolute_url()}" in message.body


def digest_reads(member_count: int, django_capture_on_commit_callbacks) -> tuple[int, int]:
    """(reads, writes) of one batch of `member_count` members who follow
    several kinds of things, with items about forum posts and meetings."""
    _group, question = private_question("Bureau")
    members = [member_in() for _ in range(member_count)]
    for index, member in enumerate(members):
        MembershipFactory(group=question.group, user=member)
        FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
        for number, follow in enumerate((("topic", "pcbs"), ("group", "bureau"), ("convention", "BC"))):
            new_item(member, f"Item {number}", key=f"question:{question.pk}:{index}-{number}", follow=follow)
        new_item(member, "About a member", follow=("member", str(member.pk)))
    MeetingFactory(
        slug="oewg",
        title="OEWG",
        kind=MeetingKind.values[0],
        start_date=date(2026, 12, 3),
        end_date=date(2026, 12, 4),
        conventions=["BC"],
    )
    with CaptureQueriesContext(connection) as queries:
        assert send_digest_batch([member.pk for member in members], "w:2026-W49", UTC_MONDAY_7.isoformat()) == (
            member_count
        )
    statements = [query["sql"].lstrip().split()[0].upper() for query in queries.captured_queries]
    reads = sum(statement == "SELECT" for statement in statements)
    writes = sum(statement in ("INSERT", "UPDATE", "DELETE", "WITH") for statement in statements)
    return reads, writes


@pytest.mark.django_db
def test_a_batch_reads_with_a_constant_number_of_queries(django_capture_on_commit_callbacks):
    small = digest_reads(2, django_capture_on_commit_callbacks)
    EmailDelivery.objects.all().delete()
    Meeting.objects.all().delete()
    Group.objects.all().delete()
    large = digest_reads(8, django_capture_on_commit_callbacks)
    assert large[0] == small[0]  # reads: the same for 2 members and for 8
    # writes per member sent: the delivery sent and its items gone, in one
    # statement on PostgreSQL, in one transaction of two elsewhere; plus a constant few
    per_member = 1 if connection.vendor == "postgresql" else 2
    assert large[1] - small[1] == per_member * (8 - 2)


class MailServerWhileAnotherWorkerTakesOver(locmem.EmailBackend):
    """While the first digest is being sent, another worker takes over the
    claim of `taken_over` (as if this worker had stalled past CLAIM_TIMEOUT)."""

    taken_over = None

    def send_messages(self, messages):
        EmailDelivery.objects.filter(user=self.taken_over).update(created_at=timezone.now() - timedelta(days=1))
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_worker_that_lost_a_claim_does_not_send_that_digest(settings, monkeypatch):
    from subscriptions import digests

    monkeypatch.setattr(digests, "CLAIM_TIMEOUT", timedelta(0))  # claims renewed before every member
    settings.EMAIL_BACKEND = f"{__name__}.MailServerWhileAnotherWorkerTakesOver"
    first, second, third = (member_in() for _ in range(3))
    for member in (first, second, third):
        new_item(member, "News")
    monkeypatch.setattr(MailServerWhileAnotherWorkerTakesOver, "taken_over", second)

    assert send_digest_batch([first.pk, second.pk, third.pk], "w:2026-W49", UTC_MONDAY_7.isoformat()) == 2
    assert received() == sorted([first.email, third.email])
    # The other worker's claim stays for it to complete; the items wait for it.
    assert EmailDelivery.objects.get(user=second).sent_at is None
    assert DigestItem.objects.filter(user=second).exists()


@pytest.mark.django_db
def test_the_command_starts_a_run_as_beat_does(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    member = member_in()
    new_item(member, "News")
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--at", "2026-11-30T08:00+01:00", stdout=output)  # 07:00 UTC
    assert output.getvalue().strip() == "Digests due: 1 member."
    assert received() == [member.email]
    with pytest.raises(CommandError):
        call_command("send_digests", "--at", "Monday")


def test_beat_starts_the_digest_run_every_15_minutes():
    from config.celery import app

    entry = app.conf.beat_schedule["start-digest-run"]
    assert entry["task"] == start_digest_run.name
    assert entry["schedule"].minute == {0, 15, 30, 45}
