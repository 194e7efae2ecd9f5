import pytest

from community.constants import GroupPrivacy
from community.services import ask_question, post_answer
from tests.community.factories import GroupFactory
from tests.profiles.factories import MemberFactory


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """Most forum tests are about established members; the trust rules (held
    first posts, links) and the rate limits have tests of their own that set
    these back."""


@pytest.fixture
def secret(db):
    """A private group with one member and one secret discussion."""
    insider = MemberFactory()
    group = GroupFactory(name="Bureau drafting team", privacy=GroupPrivacy.PRIVATE, members=[insider])
    question = ask_question(
        insider, title="Draft agenda for the bureau meeting", body="Confidential draft.", group=group
    )
    answer = post_answer(insider, question, body="Add the budget item to the agenda.")
    return {"insider": insider, "group": group, "question": question, "answer": answer}
