import pytest

from community.constants import GroupPrivacy, MembershipRole, MembershipStatus
from community.models import Group, Membership
from community.services import ask_question, post_answer
from tests.profiles.factories import MemberFactory


@pytest.fixture(autouse=True)
def _established_members(settings):
    """Most forum tests are about established members; the trust rules (held
    first posts, links) and the rate limits have tests of their own that set
    these back."""
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 0
    settings.FORUM_TRUSTED_AFTER_POSTS = 0
    settings.FORUM_RATE_LIMITS = {"question": 1000, "answer": 1000, "flag": 1000}


def make_group(name, privacy, *members, moderator=None):
    group = Group.objects.create(name=name, slug=name.lower().replace(" ", "-"), privacy=privacy)
    for member in members:
        Membership.objects.create(group=group, user=member, status=MembershipStatus.ACTIVE)
    if moderator:
        Membership.objects.create(
            group=group, user=moderator, status=MembershipStatus.ACTIVE, role=MembershipRole.MODERATOR
        )
    return group


@pytest.fixture
def secret(db):
    """A private group with one member and one secret discussion."""
    insider = MemberFactory()
    group = make_group("Bureau drafting team", GroupPrivacy.PRIVATE, insider)
    question = ask_question(
        insider, title="Draft agenda for the bureau meeting", body="Confidential draft.", group=group
    )
    answer = post_answer(insider, question, body="Add the budget item to the agenda.")
    return {"insider": insider, "group": group, "question": question, "answer": answer}
