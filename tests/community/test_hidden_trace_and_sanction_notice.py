"""Issue #12, item 16: a post hidden by flags (or removed by an editor)
leaves a line saying so and why, as Discourse does, and nothing of what it
said; a silenced or suspended member is told, with the end date, before
writing, and the post they send anyway is refused with what they typed kept."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.formats import date_format

from community.constants import PostStatus, SanctionKind
from community.models import Answer, Question
from community.services import ask_question, moderate, post_answer, sanction_member
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

ASK = "/en/forum/ask/"
SPAM = "Buy our discount batteries at cheap-batteries.example today"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(response) -> str:
    return " ".join(page(response).get_text(" ").split())


def flag(client, kind: str, pk: int, reasons: list[str]) -> None:
    for reason in reasons:
        client.force_login(MemberFactory())
        assert client.post(f"/en/forum/{kind}/{pk}/flag/", {"reason": reason}).status_code == 302
    client.logout()


@pytest.fixture
def thread(db):
    asker = MemberFactory()
    question = ask_question(asker, title="Where to recycle lead batteries?", body="We collect them by the tonne.")
    good = post_answer(MemberFactory(), question, body="The regional centre keeps a list of licensed smelters.")
    spam = post_answer(MemberFactory(), question, body=SPAM)
    return {"question": question, "good": good, "spam": spam}


@pytest.mark.django_db
def test_an_answer_hidden_by_flags_leaves_a_line_saying_why_and_nothing_of_its_text(client, thread):
    question, spam = thread["question"], thread["spam"]
    flag(client, "answer", spam.pk, ["spam", "spam", "offensive"])
    spam.refresh_from_db()
    assert spam.status == PostStatus.HIDDEN

    line = (
        "This answer was hidden after members flagged it as spam or advertising, offensive or abusive; "
        "the secretariat is reviewing it."
    )
    for reader in (None, MemberFactory()):
        if reader:
            client.force_login(reader)
        response = client.get(question.get_absolute_url())
        assert response.status_code == 200
        seen = text_of(response)
        assert line in seen
        assert "cheap-batteries" not in response.content.decode()
        assert "licensed smelters" in seen  # the other answer is untouched
        assert "1 answer" in seen and "2 answers" not in seen
        # Its place keeps the anchor links and notifications point to.
        assert page(response).select_one(f"#answer-{spam.pk}") is not None
        listing = client.get("/en/forum/").content.decode()
        assert "cheap-batteries" not in listing
        assert "1 answer" in " ".join(BeautifulSoup(listing, "html.parser").get_text(" ").split())

    # Its author and the editors still read it, under the same line.
    for insider in (spam.author, with_totp(EditorFactory())):
        client.force_login(insider)
        response = client.get(question.get_absolute_url())
        seen = text_of(response)
        assert line in seen
        assert SPAM in seen


@pytest.mark.django_db
def test_an_answer_an_editor_removed_says_so_with_the_reason(client, thread):
    question, spam = thread["question"], thread["spam"]
    moderate(EditorFactory(), spam, action="delete", reason="Advertising is not allowed here.")
    client.force_login(MemberFactory())
    response = client.get(question.get_absolute_url())
    seen = text_of(response)
    assert "This answer was removed by the secretariat: Advertising is not allowed here." in seen
    assert "cheap-batteries" not in response.content.decode()


@pytest.mark.django_db
def test_a_question_hidden_by_flags_shows_readers_a_line_and_not_its_title(client, member):
    question = ask_question(member, title="Cheap batteries for every country", body=SPAM)
    flag(client, "question", question.pk, ["off_topic", "spam", "off_topic"])
    question.refresh_from_db()
    assert question.status == PostStatus.HIDDEN

    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    seen = text_of(response)
    assert (
        "This question was hidden after members flagged it as spam or advertising, off-topic; "
        "the secretariat is reviewing it."
    ) in seen
    # Neither its text nor its title (the address the reader followed aside).
    assert "cheap-batteries.example" not in response.content.decode()
    assert "Cheap batteries" not in seen and "Cheap batteries" not in page(response).title.get_text()
    assert page(response).select_one('meta[name="robots"][content="noindex"]') is not None
    assert "Cheap batteries" not in client.get("/en/forum/").content.decode()

    client.force_login(member)
    seen = text_of(client.get(question.get_absolute_url()))
    assert "Cheap batteries for every country" in seen and "This question was hidden" in seen


@pytest.fixture
def silenced(db, member):
    sanction = sanction_member(
        EditorFactory(), member, kind=SanctionKind.SILENCE, days=7, reason="Repeated advertising."
    )
    return member, date_format(timezone.localtime(sanction.until), "DATETIME_FORMAT")


@pytest.mark.django_db
def test_a_silenced_member_is_told_until_when_before_writing_and_gets_no_form(client, silenced, thread):
    member, until = silenced
    question = thread["question"]
    client.force_login(member)
    notice = f"You cannot post until {until}: Repeated advertising."

    response = client.get(question.get_absolute_url())
    assert notice in text_of(response)
    assert page(response).select_one(f'form[action$="/forum/questions/{question.pk}/answer/"]') is None

    response = client.get(ASK)
    assert response.status_code == 200
    assert notice in text_of(response)
    assert page(response).select_one('form[method="post"] [name="title"]') is None


@pytest.mark.django_db
def test_a_post_sent_anyway_is_refused_with_the_notice_and_keeps_what_was_typed(client, silenced, thread):
    member, until = silenced
    question = thread["question"]
    client.force_login(member)
    typed = "The smelter in our region takes them for free."

    response = client.post(f"/en/forum/questions/{question.pk}/answer/", {"body": typed})
    assert response.status_code == 403
    assert f"You cannot post until {until}: Repeated advertising." in text_of(response)
    kept = page(response).select_one('fieldset[disabled] textarea[name="body"]')
    assert kept is not None and kept.get_text().strip() == typed
    assert not Answer.objects.filter(author=member).exists()

    response = client.post(ASK, {"title": "Lead batteries in small islands", "body": typed})
    assert response.status_code == 403
    form = page(response).select_one("fieldset[disabled]")
    assert form.select_one('[name="title"]')["value"] == "Lead batteries in small islands"
    assert not Question.objects.filter(author=member).exists()


@pytest.mark.django_db
def test_an_open_ended_suspension_says_for_now_and_an_ended_one_gives_the_form_back(client, member):
    sanction = sanction_member(EditorFactory(), member, kind=SanctionKind.SUSPEND, days=None, reason="Abuse.")
    client.force_login(member)
    response = client.get(ASK)
    assert "You cannot post for now: Abuse." in text_of(response)
    assert page(response).select_one('form[method="post"] [name="title"]') is None

    type(sanction).objects.filter(pk=sanction.pk).update(until=timezone.now() - timedelta(minutes=1))
    response = client.get(ASK)
    assert "You cannot post" not in text_of(response)
    assert page(response).select_one('form[method="post"] [name="title"]') is not None
