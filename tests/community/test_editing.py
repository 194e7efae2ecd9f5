"""Editing with a history, and the editors' tools: pin, lock, close, move, merge."""

import pytest

from community.constants import PostStatus
from community.models import Answer, ModerationLogEntry, Question, Revision
from community.services import ask_question, post_answer
from conventions.models import Country, ThematicArea
from tests.community.factories import GroupFactory
from tests.conventions.factories import CountryFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory


@pytest.fixture
def moderator(db):
    return with_totp(EditorFactory())


@pytest.fixture
def thread(member):
    question = ask_question(member, title="How do you label PCB transformers?", body="We use stickers that fade.")
    answer = post_answer(MemberFactory(), question, body="Engraved metal plates last for decades.")
    return question, answer


def edit_url(kind, pk):
    return f"/en/forum/{kind}/{pk}/edit/"


@pytest.mark.django_db
def test_the_author_edits_and_the_history_keeps_every_version(client, member, moderator, thread):
    question, _answer = thread
    client.force_login(member)
    assert client.get(edit_url("question", question.pk)).status_code == 200
    response = client.post(
        edit_url("question", question.pk),
        {"title": "How do you label PCB transformers durably?", "body": "We use stickers that fade in the sun.",
         "summary": "More precise title"},
    )  # fmt: skip
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "How do you label PCB transformers durably?"
    assert question.edited_at is not None
    versions = list(Revision.objects.filter(question=question).values_list("body_markdown", flat=True))
    assert versions == ["We use stickers that fade.", "We use stickers that fade in the sun."]

    page = client.get(question.get_absolute_url()).content.decode()
    assert "fade in the sun" in page and f"/en/forum/question/{question.pk}/history/" in page
    history = client.get(f"/en/forum/question/{question.pk}/history/").content.decode()
    assert "Original" in history and "More precise title" in history
    assert "How do you label PCB transformers?" in history  # the original title

    # The secretariat reads the history too; other members and visitors do not.
    client.force_login(moderator)
    assert client.get(f"/en/forum/question/{question.pk}/history/").status_code == 200
    client.force_login(MemberFactory())
    assert client.get(f"/en/forum/question/{question.pk}/history/").status_code == 404
    client.logout()
    assert client.get(f"/en/forum/question/{question.pk}/history/").status_code == 404


@pytest.mark.django_db
def test_only_the_author_or_an_editor_edits(client, member, moderator, thread):
    question, answer = thread
    client.force_login(member)  # the asker, not the answer's author
    response = client.post(edit_url("answer", answer.pk), {"body": "Vandalised by someone else."})
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.body_markdown == "Engraved metal plates last for decades." and not Revision.objects.exists()

    client.force_login(moderator)
    response = client.post(
        edit_url("answer", answer.pk), {"body": "Engraved metal plates last for decades. [removed phone number]",
                                        "summary": "Removed personal data"},
    )  # fmt: skip
    assert response.status_code == 302
    entry = ModerationLogEntry.objects.get(action="edit")
    assert entry.answer == answer and entry.moderator == moderator and entry.reason == "Removed personal data"


@pytest.mark.django_db
def test_bad_edits_are_refused_and_nothing_changes(client, member, moderator, thread):
    question, _answer = thread
    client.force_login(member)
    too_short = client.post(edit_url("question", question.pk), {"title": "Short", "body": "x"})
    assert too_short.status_code == 400
    unchanged = client.post(
        edit_url("question", question.pk), {"title": question.title, "body": question.body_markdown}
    )
    assert unchanged.status_code == 400 and "Nothing was changed." in unchanged.content.decode()
    # Locked: the author can no longer edit.
    client.force_login(moderator)
    client.post(f"/en/forum/questions/{question.pk}/moderate/", {"action": "lock"})
    client.force_login(member)
    locked = client.post(edit_url("question", question.pk), {"title": question.title, "body": "A new body text."})
    assert locked.status_code == 403
    question.refresh_from_db()
    assert question.body_markdown == "We use stickers that fade." and not Revision.objects.exists()


@pytest.mark.django_db
def test_an_edit_that_adds_a_link_waits_for_review_until_trusted(client, member, settings, thread):
    settings.FORUM_TRUSTED_AFTER_POSTS = 10
    question, _answer = thread
    client.force_login(member)
    response = client.post(
        edit_url("question", question.pk),
        {"title": question.title, "body": "We use stickers that fade. Buy ours at https://spam.example"},
        follow=True,
    )
    question.refresh_from_db()
    assert question.status == PostStatus.HELD
    page = response.content.decode()
    assert "Your changes are saved. They add links, so the post waits for review again." in page
    client.force_login(MemberFactory())
    assert client.get(question.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_pinned_questions_head_the_latest_list(client, member, moderator):
    first = ask_question(member, title="An older question about customs codes", body="Which HS codes?")
    ask_question(member, title="A newer question about take-back", body="Who pays for take-back?")
    client.force_login(member)
    refused = client.post(f"/en/forum/questions/{first.pk}/moderate/", {"action": "pin"})
    assert refused.status_code == 403
    client.force_login(moderator)
    client.post(f"/en/forum/questions/{first.pk}/moderate/", {"action": "pin"})
    page = client.get("/en/forum/").content.decode()
    assert page.index("An older question about customs codes") < page.index("A newer question about take-back")
    assert "Pinned" in page


@pytest.mark.django_db
def test_close_as_duplicate_links_the_original_and_takes_no_answers(client, member, moderator, thread):
    original, _answer = thread
    copy = ask_question(MemberFactory(), title="Labels for PCB equipment that last?", body="Ours fade quickly.")
    client.force_login(moderator)
    missing = client.post(f"/en/forum/questions/{copy.pk}/moderate/", {"action": "close", "reason": "duplicate"})
    assert missing.status_code == 400 and "original" in missing.content.decode()
    response = client.post(
        f"/en/forum/questions/{copy.pk}/moderate/",
        {"action": "close", "reason": "duplicate", "duplicate_of": original.pk, "note": "Same question."},
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.closed_reason == "duplicate" and copy.duplicate_of == original

    client.force_login(member)
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Duplicate of another question" in page and original.get_absolute_url() in page
    refused = client.post(f"/en/forum/questions/{copy.pk}/answer/", {"body": "A late answer to a closed one."})
    assert refused.status_code == 403 and "closed" in refused.content.decode()
    assert not Answer.objects.filter(question=copy).exists()

    client.force_login(moderator)
    client.post(f"/en/forum/questions/{copy.pk}/moderate/", {"action": "reopen"})
    copy.refresh_from_db()
    assert not copy.is_closed
    assert list(ModerationLogEntry.objects.filter(question=copy).values_list("action", flat=True)) == [
        "reopen",
        "close",
    ]


@pytest.mark.django_db
def test_move_to_a_group_and_merge_two_threads(client, member, moderator, thread):
    original, answer = thread
    group = GroupFactory(name="PCB elimination network", slug="pcb-network")
    other = ask_question(MemberFactory(), title="Durable marking of PCB equipment?", body="What do you use?")
    other_answer = post_answer(MemberFactory(), other, body="Paint stencils on the tank.")
    client.force_login(moderator)
    client.post(
        f"/en/forum/questions/{other.pk}/moderate/",
        {"action": "move", "group": "pcb-network", "topics": ["pcbs"]},
    )
    other.refresh_from_db()
    assert other.group == group and list(other.thematic_areas.values_list("slug", flat=True)) == ["pcbs"]

    response = client.post(f"/en/forum/questions/{other.pk}/moderate/", {"action": "merge", "into": original.pk})
    assert response.status_code == 302 and response["Location"] == original.get_absolute_url()
    other_answer.refresh_from_db()
    original.refresh_from_db()
    other.refresh_from_db()
    assert other_answer.question == original and original.answer_count == 2 and other.answer_count == 0
    assert other.duplicate_of == original
    page = client.get(original.get_absolute_url()).content.decode()
    assert "Paint stencils on the tank." in page and "Engraved metal plates" in page
    unknown = client.post(f"/en/forum/questions/{original.pk}/moderate/", {"action": "merge", "into": 999999})
    assert unknown.status_code == 404


@pytest.mark.django_db
def test_questions_carry_tags_and_countries_and_lists_filter_by_them(client, member):
    CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana")
    CountryFactory(iso2="FR", iso3="FRA", numeric="250", name="France")
    client.force_login(member)
    response = client.post(
        "/en/forum/ask/",
        {"title": "Which HS codes do your customs use for e-waste?", "body": "We need to train officers on codes.",
         "thematic_areas": [ThematicArea.objects.get(slug="e-waste").pk],
         "countries": [Country.objects.get(iso3="GHA").pk], "tags": "customs, HS-codes, <b>x</b>"},
    )  # fmt: skip
    assert response.status_code == 302
    question = Question.objects.get()
    assert sorted(question.tags.names()) == ["<b>x</b>", "customs", "hs-codes"]
    ask_question(member, title="An unrelated question on DDT use", body="Vector control in the dry season.")
    for query, expected in [
        ("?tag=customs", True),
        ("?country=GHA", True),
        ("?country=FRA", False),
        ("?topic=e-waste", True),
    ]:
        page = client.get("/en/forum/" + query).content.decode()
        assert ("Which HS codes" in page) is expected, query
        assert ("unrelated question on DDT" in page) is (query == ""), query
    page = client.get(question.get_absolute_url()).content.decode()
    assert "#&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page  # the tag is text, not markup
    assert "Ghana" in page
    too_many = client.post(
        "/en/forum/ask/",
        {"title": "A question with far too many tags?", "body": "Body of the question here.",
         "tags": ",".join(f"tag{i}" for i in range(9))},
    )  # fmt: skip
    assert too_many.status_code == 400 and Question.objects.count() == 2
