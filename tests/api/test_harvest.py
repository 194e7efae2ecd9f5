"""Harvesting by deltas: `updated_since` gives what changed and, on the first
page, what left the open data since then; a record that was never public
never shows up, not even as a tombstone."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community import services as forum
from community.constants import CloseReason, GroupPrivacy, ModerationAction, PostStatus
from community.models import Question
from conventions.models import Decision
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.conventions.factories import ChemicalProfileFactory, DecisionFactory, FocalPointFactory, PartyStatusFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory


def since(moment: datetime.datetime) -> str:
    return moment.isoformat()


def harvest(client, resource: str, moment) -> dict:
    response = client.get(f"/api/v1/{resource}/", {"updated_since": since(moment)})
    assert response.status_code == 200, response.content
    return response.json()


def later():
    """A moment strictly after everything written so far."""
    return timezone.now() + datetime.timedelta(microseconds=1)


@pytest.mark.django_db
def test_a_deleted_decision_is_a_tombstone_and_a_changed_one_a_delta(client):
    kept = DecisionFactory(code="BC-14/12", title="Plastic waste")
    gone = DecisionFactory(code="RC-9/5", title="HBCD")
    DecisionFactory(code="SC-4/17", title="PFOS")
    moment = later()
    assert harvest(client, "decisions", moment) == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "deleted": [],
    }
    kept.title = "Plastic waste amendments"
    kept.save()
    gone.delete()
    delta = harvest(client, "decisions", moment)
    assert [record["id"] for record in delta["results"]] == ["BC-14/12"]
    assert [record["id"] for record in delta["deleted"]] == ["RC-9/5"]
    assert delta["deleted"][0]["deleted"]
    # Without updated_since: the whole set, and no deletions list.
    assert "deleted" not in client.get("/api/v1/decisions/").json()
    # A record that comes back (re-imported) is no longer a tombstone.
    DecisionFactory(code="RC-9/5", title="HBCD")
    assert harvest(client, "decisions", moment)["deleted"] == []


@pytest.mark.django_db
def test_reference_records_leave_tombstones_by_their_api_id(client):
    pfos = ChemicalProfileFactory(slug="pfos")
    point = FocalPointFactory()
    status = PartyStatusFactory(country__iso3="SEN", country__iso2="SN")
    moment = later()
    pfos.delete()
    point_id = point.pk
    point.delete()
    status.delete()  # its country's last status: no longer in /parties/
    assert [each["id"] for each in harvest(client, "chemicals", moment)["deleted"]] == ["pfos"]
    assert [each["id"] for each in harvest(client, "focal-points", moment)["deleted"]] == [str(point_id)]
    assert [each["id"] for each in harvest(client, "parties", moment)["deleted"]] == ["SEN"]


@pytest.fixture
def question(db):
    return QuestionFactory(title="How do you store PCB oil?")


@pytest.mark.django_db
def test_a_new_answer_or_closing_makes_the_question_a_delta(client, question, settings):
    moment = later()
    assert harvest(client, "questions", moment)["results"] == []
    AnswerFactory(question=question, body_markdown="In sealed drums.")
    delta = harvest(client, "questions", moment)
    assert [record["id"] for record in delta["results"]] == [question.pk]
    assert delta["results"][0]["answers"][0]["body"] == "<p>In sealed drums.</p>"

    moment = later()
    forum.close_question(with_totp(EditorFactory()), question, reason=CloseReason.OFF_TOPIC)
    delta = harvest(client, "questions", moment)
    assert delta["results"][0]["closed"] == CloseReason.OFF_TOPIC


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["moderated", "flags", "private group", "deleted row"])
def test_a_question_that_leaves_the_public_forum_is_a_tombstone(client, question, how, settings):
    moment = later()
    editor = with_totp(EditorFactory())
    if how == "moderated":
        forum.moderate(editor, question, action=ModerationAction.DELETE, reason="Spam")
    elif how == "flags":
        settings.FORUM_FLAGS_TO_HIDE = 1
        forum.flag_post(EditorFactory(), question, reason="spam")
    elif how == "private group":
        forum.move_question(editor, question, group=GroupFactory(privacy=GroupPrivacy.PRIVATE), thematic_areas=[])
    else:
        Question.objects.filter(pk=question.pk).delete()
    delta = harvest(client, "questions", moment)
    assert delta["results"] == []
    assert [each["id"] for each in delta["deleted"]] == [str(question.pk)]


@pytest.mark.django_db
def test_a_question_shown_again_is_a_delta_not_a_tombstone(client, question):
    editor = with_totp(EditorFactory())
    forum.moderate(editor, question, action=ModerationAction.DELETE, reason="Spam")
    moment = later()
    forum.moderate(editor, Question.objects.get(pk=question.pk), action=ModerationAction.RESTORE)
    delta = harvest(client, "questions", moment)
    assert [record["id"] for record in delta["results"]] == [question.pk]
    assert delta["deleted"] == []


@pytest.mark.django_db
def test_what_was_never_public_never_shows_even_as_a_tombstone(client, db):
    moment = later()
    private = GroupFactory(privacy=GroupPrivacy.PRIVATE)
    secret = QuestionFactory(title="Private group question", group=private)
    held = QuestionFactory(title="Held question", status=PostStatus.HELD)
    secret.delete()
    held.delete()
    draft = BestPracticeFactory(title="Never published", live=False)
    draft.delete()
    assert harvest(client, "questions", moment) == {"next": None, "previous": None, "results": [], "deleted": []}
    assert harvest(client, "knowledge", moment)["deleted"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["unpublished", "restricted", "deleted"])
def test_a_knowledge_item_that_leaves_is_a_tombstone(client, db, how):
    item = BestPracticeFactory(title="Cable recycling")
    moment = later()
    if how == "unpublished":
        item.unpublish()
    elif how == "restricted":
        PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.PASSWORD, password="x")
    else:
        item.delete()
    delta = harvest(client, "knowledge", moment)
    assert delta["results"] == []
    assert [each["id"] for each in delta["deleted"]] == [str(item.translation_key)]


@pytest.mark.django_db
def test_deletions_are_listed_on_the_first_page_only(client, db):
    for number in range(1, 4):
        DecisionFactory(code=f"BC-14/{number}")
    moment = later()
    Decision.objects.get(code="BC-14/3").delete()
    for number in range(4, 7):
        DecisionFactory(code=f"BC-15/{number}")
    first = client.get("/api/v1/decisions/", {"updated_since": since(moment), "page_size": 2}).json()
    assert [each["id"] for each in first["deleted"]] == ["BC-14/3"]
    second = client.get(first["next"]).json()
    assert "deleted" not in second
    assert len(first["results"]) + len(second["results"]) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["questions", "knowledge", "chemicals", "parties", "topics"])
def test_every_resource_answers_304_to_a_client_that_has_the_current_version(client, db, resource):
    QuestionFactory()
    BestPracticeFactory(last_published_at=timezone.now())
    ChemicalProfileFactory()
    PartyStatusFactory()
    first = client.get(f"/api/v1/{resource}/")
    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(f"/api/v1/{resource}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since_then = client.get(f"/api/v1/{resource}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since_then.status_code == 304
