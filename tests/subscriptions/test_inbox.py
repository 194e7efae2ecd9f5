"""The in-app inbox and the unread count in the header."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from notifications.models import Notification
from notifications.signals import notify

from community.constants import GroupPrivacy, PostStatus
from community.models import Question
from community.services import leave_group
from profiles.models import User
from subscriptions.tasks import deliver_event
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory

INBOX = "/en/notifications/"
MARK_READ = "/en/notifications/read/"
ANY_PAGE = "/en/forum/"


def tell(
    member, description, *, actor=None, target=None, minutes_ago=0, read=False, verb="answer.posted"
) -> Notification:
    """One in-app notification, as deliver_event makes them."""
    notify.send(
        actor or member,
        recipient=member,
        verb=verb,
        target=target,
        description=description,
        timestamp=timezone.now() - timedelta(minutes=minutes_ago),
    )
    notification = member.notifications.latest("pk")
    if read:
        notification.mark_as_read()
    return notification


def question_in(group, author, title) -> Question:
    return QuestionFactory(title=title, body_markdown="Body.", author=author, group=group)


def header_link(html: str) -> str:
    """The header's notifications link as a screen reader names it."""
    match = re.search(r'<li class="nav-item" id="nav-notifications">(.*?)</li>', html, re.S)
    assert match, "no notifications link in the header"
    heard = re.sub(r'<span aria-hidden="true">.*?</span>', "", match.group(1))
    return " ".join(re.sub(r"<[^>]+>", "", heard).split())


def header_badge(html: str) -> str:
    """The number the header shows on its notifications link ("" for none)."""
    match = re.search(r'id="nav-notifications">.*?<span aria-hidden="true">(.*?)</span>', html, re.S)
    return match.group(1) if match else ""


def notification_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "notifications_notification" in query["sql"]]


@pytest.fixture
def colleague(db):
    return MemberFactory(display_name="Amina Diallo", email="amina.diallo@example.org")


# The inbox


@pytest.mark.django_db
def test_inbox_shows_unread_first_then_read_newest_first_in_each(client, member, colleague):
    tell(member, "Oldest, read", minutes_ago=60, read=True, actor=colleague)
    tell(member, "Older, unread", minutes_ago=30, actor=colleague)
    tell(member, "Newer, read", minutes_ago=5, read=True, actor=colleague)
    tell(member, "Newest, unread", minutes_ago=1, actor=colleague)
    client.force_login(member)

    response = client.get(INBOX)

    assert response.status_code == 200
    html = response.content.decode()
    order = ["Newest, unread", "Older, unread", "Newer, read", "Oldest, read"]
    assert sorted(order, key=html.index) == order
    assert html.index(">Unread</h2>") < html.index("Older, unread") < html.index(">Read</h2>")
    assert "You have 2 unread notifications." in html
    # the unread marker is text, not only a colour: one per unread item
    assert html.count('<span class="badge text-bg-primary me-1">Unread</span>') == 2
    assert html.count(">Mark as read<") == 2
    assert "From Amina Diallo" in html
    assert "amina.diallo@example.org" not in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">30\xa0minutes ago</time>', html)


@pytest.mark.django_db
def test_inbox_shows_only_the_members_own_notifications(client, member, colleague):
    tell(member, "Yours")
    tell(colleague, "Someone else's")
    client.force_login(member)

    html = client.get(INBOX).content.decode()

    assert "Yours" in html
    assert "Someone else&#x27;s" not in html and "Someone else's" not in html


@pytest.mark.django_db
def test_inbox_pages_by_25(client, member):
    for number in range(30):
        tell(member, f"Notice number {number:02d}.", minutes_ago=number)
    client.force_login(member)

    first = client.get(INBOX).content.decode()
    second = client.get(INBOX, {"page": 2}).content.decode()

    assert [f"Notice number {n:02d}." in first for n in range(30)] == [True] * 25 + [False] * 5
    assert [f"Notice number {n:02d}." in second for n in range(30)] == [False] * 25 + [True] * 5
    assert "Page 1 of 2" in first and "Page 2 of 2" in second


@pytest.mark.django_db
def test_empty_inbox_says_so(client, member):
    client.force_login(member)

    html = client.get(INBOX).content.decode()

    assert "You have no notifications yet." in html
    assert "Mark all as read" not in html


@pytest.mark.django_db
def test_inbox_and_marking_need_a_signed_in_member(client, member):
    notification = tell(member, "Private to you")

    assert client.get(INBOX).url.startswith("/en/accounts/login/")
    response = client.post(MARK_READ, {"all": "1"})

    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")
    notification.refresh_from_db()
    assert notification.unread


@pytest.mark.django_db
def test_marking_read_needs_the_csrf_token(member):
    notification = tell(member, "Protected")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post(MARK_READ, {"notification": notification.pk})

    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.unread


@pytest.mark.django_db
def test_mark_one_as_read(client, member):
    first = tell(member, "First news", minutes_ago=2)
    second = tell(member, "Second news", minutes_ago=1)
    client.force_login(member)

    response = client.post(MARK_READ, {"notification": first.pk}, follow=True)

    assert response.redirect_chain == [(INBOX, 302)]
    html = response.content.decode()
    assert "Notification marked as read." in html
    assert "You have 1 unread notification." in html
    assert html.index("Second news") < html.index(">Read</h2>") < html.index("First news")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.unread, second.unread) == (False, True)


@pytest.mark.django_db
def test_mark_one_as_read_returns_to_the_page_the_member_was_on(client, member):
    notifications = [tell(member, f"News {number}", minutes_ago=number) for number in range(30)]
    client.force_login(member)

    response = client.post(MARK_READ, {"notification": notifications[-1].pk, "page": "2"})

    assert response.status_code == 302
    assert response.url == f"{INBOX}?page=2"


@pytest.mark.django_db
def test_mark_all_as_read_touches_only_the_members_own(client, member, colleague):
    for number in range(3):
        tell(member, f"Yours {number}")
    theirs = tell(colleague, "Theirs")
    client.force_login(member)

    html = client.post(MARK_READ, {"all": "1"}, follow=True).content.decode()

    assert "3 notifications marked as read." in html
    assert "You have read all your notifications." in html
    assert not member.notifications.unread().exists()
    theirs.refresh_from_db()
    assert theirs.unread


@pytest.mark.django_db
def test_marking_someone_elses_notification_is_not_found_and_changes_nothing(client, member, colleague):
    theirs = tell(colleague, "Theirs")
    mine = tell(member, "Mine")
    client.force_login(member)

    assert client.post(MARK_READ, {"notification": theirs.pk}).status_code == 404
    assert client.post(MARK_READ, {"notification": theirs.pk + 1000}).status_code == 404

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.unread and mine.unread


@pytest.mark.django_db
@pytest.mark.parametrize("posted", [{}, {"notification": ""}, {"notification": "abc"}, {"notification": "9" * 40}])
def test_marking_without_a_notification_is_a_clear_400(client, member, posted):
    mine = tell(member, "Mine")
    client.force_login(member)

    response = client.post(MARK_READ, posted)

    assert response.status_code == 400
    assert "Choose a notification to mark as read." in response.content.decode()
    mine.refresh_from_db()
    assert mine.unread


@pytest.mark.django_db
def test_mark_read_only_takes_posts(client, member):
    client.force_login(member)

    assert client.get(MARK_READ).status_code == 405


# Targets: linked while the member may see them, never after


@pytest.mark.django_db
def test_targets_are_linked_while_visible(client, member, colleague):
    group = GroupFactory(name="Customs officers", members=[member])
    question = question_in(None, colleague, "How do you label lithium batteries?")
    answer = AnswerFactory(question=question, author=colleague, body_markdown="Like so.")
    page = BestPracticeFactory(title="Take-back of used batteries")
    draft = BestPracticeFactory(title="My draft on tyres", live=False, submitter=member)
    tell(member, "A new question", target=question)
    tell(member, "A new answer", target=answer)
    tell(member, "You joined", target=group)
    tell(member, "Published", target=page)
    tell(member, "Changes requested", target=draft)
    client.force_login(member)

    html = client.get(INBOX).content.decode()

    assert f'<a href="{question.get_absolute_url()}">How do you label lithium batteries?</a>' in html
    assert f'<a href="{answer.get_absolute_url()}">An answer to “How do you label lithium batteries?”</a>' in html
    assert f'<a href="{group.get_absolute_url()}">Customs officers</a>' in html
    assert f'<a href="{page.url}">Take-back of used batteries</a>' in html
    assert '<a href="/en/knowledge/mine/">My draft on tyres</a>' in html
    assert "no longer available" not in html


@pytest.mark.django_db
def test_private_group_content_is_not_shown_after_leaving_the_group(client, member, colleague):
    group = GroupFactory(name="Bureau drafting team", privacy=GroupPrivacy.PRIVATE, members=[member, colleague])
    question = question_in(group, colleague, "Draft agenda for the bureau")
    answer = AnswerFactory(question=question, author=colleague, body_markdown="Budget.")
    tell(member, "There is a new question in a group you follow.", target=question, actor=colleague)
    tell(member, "There is a new answer.", target=answer, actor=colleague)
    tell(member, "You were invited.", target=group, actor=colleague, verb="membership.invited")
    client.force_login(member)
    before = client.get(INBOX).content.decode()
    assert "Draft agenda for the bureau" in before and "Bureau drafting team" in before

    leave_group(member, group)
    html = client.get(INBOX).content.decode()

    # News of the group's posts no longer says what it was; the notice about the member's own membership does.
    assert "There is a new question in a group you follow." not in html
    assert "There is a new answer." not in html
    assert html.count("New activity on something you follow.") >= 2
    assert "You were invited." in html
    assert "Draft agenda" not in html
    assert "Bureau drafting team" not in html
    assert question.get_absolute_url() not in html
    assert group.get_absolute_url() not in html
    assert html.count("What this was about is no longer available to you.") == 3


@pytest.mark.django_db
def test_deleted_and_unpublished_targets_are_not_linked(client, member, colleague):
    question = question_in(None, colleague, "A question removed by the secretariat")
    someone_elses_draft = BestPracticeFactory(title="Someone else's draft", live=False, submitter=colleague)
    tell(member, "A new question", target=question)
    tell(member, "Published", target=someone_elses_draft)
    Question.objects.filter(pk=question.pk).update(status=PostStatus.DELETED)
    client.force_login(member)

    html = client.get(INBOX).content.decode()

    assert "A new question" not in html
    assert "removed by the secretariat" not in html
    assert "draft" not in html
    assert html.count("What this was about is no longer available to you.") == 2


@pytest.mark.django_db
def test_inbox_queries_do_not_grow_with_the_number_of_notifications(client, django_assert_max_num_queries):
    def member_with(count):
        member = MemberFactory()
        group = GroupFactory(name=f"Group of {member.pk}", members=[member])
        for number in range(count):
            actor = MemberFactory()
            question = question_in(None, actor, f"Question {number}")
            answer = AnswerFactory(question=question, author=actor, body_markdown="A")
            target = [question, answer, group, None][number % 4]
            tell(member, f"News {number}", target=target, actor=actor, read=number % 3 == 0)
        return member

    few, many = member_with(5), member_with(50)
    for member in (few, many):  # content types and the unread counts, cached once
        client.force_login(member)
        client.get(INBOX)

    def queries_for(member):
        client.force_login(member)
        with CaptureQueriesContext(connection) as context:
            response = client.get(INBOX)
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries_for(few) == queries_for(many)
    client.force_login(many)
    # session, member, two permission checks (header), page count, the page,
    # actors, then one query per kind of target (answers, groups, questions), profile (header)
    with django_assert_max_num_queries(11):
        html = client.get(INBOX).content.decode()
    assert html.count("<time datetime=") == 25


# The unread count in the header


@pytest.mark.django_db
def test_header_shows_the_unread_count_to_members_only(client, member):
    for number in range(3):
        tell(member, f"News {number}")
    tell(member, "Old news", read=True)

    assert 'id="nav-notifications"' not in client.get(ANY_PAGE).content.decode()
    client.force_login(member)
    html = client.get(ANY_PAGE).content.decode()

    assert header_link(html) == "Notifications, 3 unread"
    assert header_badge(html) == "3"
    assert f'href="{INBOX}"' in html


@pytest.mark.django_db
def test_header_shows_no_badge_when_all_is_read(client, member):
    tell(member, "Old news", read=True)
    client.force_login(member)

    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications"


@pytest.mark.django_db
def test_once_cached_the_count_costs_no_query(client, member):
    tell(member, "News")
    client.force_login(member)
    client.get(ANY_PAGE)

    with CaptureQueriesContext(connection) as context:
        html = client.get(ANY_PAGE).content.decode()

    assert header_link(html) == "Notifications, 1 unread"
    assert notification_queries(context.captured_queries) == []


@pytest.mark.django_db
def test_the_inbox_counts_with_the_cached_count_too(client, member):
    for number in range(3):
        tell(member, f"News {number}")
    client.force_login(member)
    client.get(ANY_PAGE)

    with CaptureQueriesContext(connection) as context:
        client.get(INBOX)

    counts = [sql for sql in notification_queries(context.captured_queries) if "COUNT(" in sql.upper()]
    assert len(counts) == 1  # the paginator's, none for the unread total


@pytest.mark.django_db
def test_a_new_notification_updates_the_cached_count(client, member):
    tell(member, "News")
    client.force_login(member)
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 1 unread"

    tell(member, "More news")

    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 2 unread"


@pytest.mark.django_db
def test_an_event_delivered_in_app_updates_the_cached_count(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications"

    with django_capture_on_commit_callbacks(execute=True):
        deliver_event("mention", "mention:test:1", None, None, [member.pk], "Amina mentioned you.")

    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 1 unread"
    assert "Amina mentioned you." in client.get(INBOX).content.decode()


@pytest.mark.django_db
def test_notifying_many_members_at_once_updates_each_count(client, member, colleague):
    for who in (member, colleague):
        client.force_login(who)
        assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications"

    notify.send(member, recipient=User.objects.filter(pk__in=[member.pk, colleague.pk]), verb="x", description="All")

    for who in (member, colleague):
        client.force_login(who)
        assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 1 unread"


@pytest.mark.django_db
def test_marking_read_and_deleting_update_the_cached_count(client, member):
    first, second, third = (tell(member, f"News {number}") for number in range(3))
    client.force_login(member)
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 3 unread"

    client.post(MARK_READ, {"notification": first.pk})
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 2 unread"

    second.mark_as_read()  # the package's own way, from anywhere
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 1 unread"

    third.delete()
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications"

    tell(member, "Fresh")
    tell(member, "Fresher")
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications, 2 unread"
    client.post(MARK_READ, {"all": "1"})
    assert header_link(client.get(ANY_PAGE).content.decode()) == "Notifications"


@pytest.mark.django_db
def test_the_title_of_a_question_hidden_or_deleted_leaves_followers_inboxes(client, member, colleague):
    """Found by the outside test (#18): the notification's own text kept the
    title of a question that flags hid or a moderator deleted."""
    hidden = question_in(None, colleague, "Which stockpiles in the port are leaking")
    deleted = question_in(None, colleague, "Names of the inspectors to avoid")
    kept = question_in(None, colleague, "Labels for PCB equipment that last")
    for question in (hidden, deleted, kept):
        tell(member, f"New question: {question.title}", target=question, actor=colleague, verb="question.published")
    own = question_in(None, member, "My question that was removed")
    tell(member, f"Your question was deleted: {own.title}", target=own, verb="moderation.delete")
    Question.objects.filter(pk=hidden.pk).update(status=PostStatus.HIDDEN)
    Question.objects.filter(pk__in=[deleted.pk, own.pk]).update(status=PostStatus.DELETED)
    client.force_login(member)

    html = client.get(INBOX).content.decode()

    assert "stockpiles in the port" not in html
    assert "inspectors to avoid" not in html
    assert "New question: Labels for PCB equipment that last" in html
    # A decision about the member's own post still says which post it was.
    assert "Your question was deleted: My question that was removed" in html
