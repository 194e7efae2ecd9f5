"""What a member reads about their own posts (#12, item 7): every inbox
entry and email names the post, the outcome and the next step, and the email
carries the first lines of the post; not "[BRS Hub] Approved" with a body of
"Approved"."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from community.constants import PostStatus
from community.services import ask_question, flag_post, post_answer
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db

TITLE = "Which laboratories test transformer oil for PCBs?"
ANSWER = "The national laboratory in Dakar tests oil samples for PCBs; it takes about three weeks."


@pytest.fixture
def question(settings):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 0
    return ask_question(MemberFactory(), title=TITLE, body="We need a laboratory for oil samples.")


@pytest.fixture
def moderator(db):
    return with_totp(EditorFactory())


def test_an_approved_answer_is_named_with_its_question_and_its_first_lines(
    client, member, moderator, question, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_answer(member, question, body=ANSWER)
    assert answer.status == PostStatus.HELD
    held = member.notifications.get(verb="moderation.held")
    assert held.description == (
        f"Your answer to “{TITLE}” is awaiting review by the secretariat; others will see it once it is "
        "approved. You will hear when it is."
    )

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/forum-moderation/answer/{answer.pk}/", {"action": "approve"})
    assert response.status_code == 302

    approved = member.notifications.get(verb="moderation.approve")
    assert approved.description == f"Your answer to “{TITLE}” was approved and everyone can read it now."
    [email] = [message for message in mail.outbox if "was approved" in message.subject]
    assert email.subject == f"[BRS Hub] Your answer to “{TITLE}” was approved and everyone can read it now."
    assert email.to == [member.email]
    assert "The national laboratory in Dakar tests oil samples for PCBs" in email.body
    assert f"http://testserver{answer.get_absolute_url()}" in email.body
    assert "Read it on the hub:" in email.body
    assert "The national laboratory in Dakar" in email.alternatives[0][0]


def test_a_removed_question_gives_the_reason_and_a_hidden_answer_says_who_can_read_it(
    client, member, moderator, question, settings, django_capture_on_commit_callbacks
):
    own = ask_question(member, title="Selling cheap transformers", body="Contact me for prices.")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/forum-moderation/question/{own.pk}/", {"action": "delete", "reason": "Advertising."})
    removed = member.notifications.get(verb="moderation.delete")
    assert (
        removed.description
        == "Your question “Selling cheap transformers” was removed by the secretariat. Reason: Advertising."
    )

    settings.FORUM_FLAGS_TO_HIDE = 2
    answer = post_answer(member, question, body="Buy my oil testing kit at a discount.")
    with django_capture_on_commit_callbacks(execute=True):
        for flagger in (MemberFactory(), MemberFactory()):
            flag_post(flagger, answer, reason="spam")
    hidden = member.notifications.get(verb="moderation.hide")
    assert hidden.description == (
        f"Your answer to “{TITLE}” was hidden after members flagged it; the secretariat will review it. "
        "Until then only you and the secretariat can read it."
    )


def test_a_silenced_member_reads_until_when_and_why(client, member, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/forum-moderation/members/{member.pk}/sanction/",
            {"kind": "silence", "days": "7", "reason": "Repeated advertising."},
        )
    [notice] = member.notifications.all()
    assert notice.description.startswith("You cannot post until ")
    assert notice.description.endswith(": Repeated advertising.")
    [email] = mail.outbox
    assert email.subject.startswith("[BRS Hub] You cannot post until ")


def test_each_member_reads_the_notice_in_their_own_language_and_time_zone(
    client, member, moderator, question, settings, django_capture_on_commit_callbacks
):
    """The moderator works in English; a French-speaking member in Dakar reads
    French, with the end of a silence as a date in French."""
    member.profile.languages = ["fr"]
    member.profile.timezone = "Africa/Dakar"
    member.profile.save()
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_answer(member, question, body=ANSWER)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/forum-moderation/answer/{answer.pk}/", {"action": "approve"})
        client.post(
            f"/admin/forum-moderation/members/{member.pk}/sanction/",
            {"kind": "silence", "days": "7", "reason": "Publicité répétée."},
        )

    approved = member.notifications.get(verb="moderation.approve")
    assert approved.description == (
        f"Votre réponse à « {TITLE} » a été approuvée et tout le monde peut désormais la lire."
    )
    [email] = [message for message in mail.outbox if "peut désormais la lire" in message.subject]
    assert email.subject.startswith("[BRS Hub] Votre réponse à")
    silenced = member.notifications.get(verb="moderation.silence")
    until = timezone.localtime(timezone.now() + datetime.timedelta(days=7), ZoneInfo("Africa/Dakar")).date()
    with override("fr"):
        # The date in Dakar (UTC+0) in French, e.g. "13 décembre 2026".
        expected_date = date_format(until, "DATE_FORMAT")
    assert silenced.description == f"Vous ne pouvez pas publier avant le {expected_date}\xa0: Publicité répétée."
