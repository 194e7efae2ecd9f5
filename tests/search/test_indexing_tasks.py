"""Search receivers only enqueue: a request writes no documents, the task
does once the transaction commits; what stops being for everyone leaves at
once (a delete or an update of the rows' audience, in the same transaction)."""

import pytest

from community.constants import GroupPrivacy
from community.services import ask_question
from search.models import SearchDocument
from tests.community.factories import GroupFactory
from tests.profiles.factories import MemberFactory


def rows(source, pk):
    return SearchDocument.objects.filter(source=source, source_id=pk)


@pytest.mark.django_db
def test_a_new_question_reaches_the_index_by_a_task_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        question = ask_question(MemberFactory(), title="Where to test transformer oil?", body="Labs near Accra.")
        assert not rows("question", question.pk).exists()
    assert callbacks  # the indexing was queued for after the commit
    assert rows("question", question.pk).get().title == "Where to test transformer oil?"


@pytest.mark.django_db
def test_a_group_made_private_narrows_its_questions_at_once_and_the_task_rewrites_them(
    django_capture_on_commit_callbacks,
):
    insider = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        group = GroupFactory(name="Budget bureau", members=[insider])
        question = ask_question(insider, title="Budget lines for the bureau", body="Numbers.", group=group)
    assert rows("question", question.pk).get().private_group_id is None
    assert rows("group", group.pk).get().private_group_id is None
    with django_capture_on_commit_callbacks(execute=True):
        group.privacy = GroupPrivacy.PRIVATE
        group.save()
        # Before the commit: the rows are for the group's members already.
        assert rows("question", question.pk).get().private_group_id == group.pk
        assert rows("group", group.pk).get().private_group_id == group.pk
    assert rows("question", question.pk).get().private_group_id == group.pk
    assert SearchDocument.objects.visible_to(MemberFactory()).filter(source="question").count() == 0
    assert SearchDocument.objects.visible_to(insider).filter(source="question").count() == 1
