"""Groups: open, closed and private; a private group leaks nowhere."""

import pytest

from community.constants import GroupPrivacy, MembershipRole, MembershipStatus
from community.models import Membership, Question
from community.services import ask_question
from tests.community.factories import GroupFactory, MembershipFactory
from tests.profiles.factories import MemberFactory


@pytest.mark.django_db
def test_private_group_is_invisible_to_outsiders_everywhere(client, secret, member):
    question, group, answer = secret["question"], secret["group"], secret["answer"]
    for who in (None, member):
        client.logout()
        if who:
            client.force_login(who)
        pages = {
            "/en/groups/": 200,
            f"/en/groups/{group.slug}/": 404,
            question.get_absolute_url(): 404,
            f"/en/forum/questions/{question.pk}/": 404,
            "/en/forum/": 200,
            "/en/forum/?view=unanswered": 200,
            "/en/": 200,
        }
        for url, status in pages.items():
            response = client.get(url)
            assert response.status_code == status, (who, url)
            html = response.content.decode()
            assert "Bureau drafting team" not in html, (who, url)
            assert "Draft agenda" not in html, (who, url)
        if who:
            similar = client.get("/en/forum/ask/similar/", {"title": "draft agenda bureau meeting"}).content.decode()
            assert "Draft agenda" not in similar
            for url in (
                f"/en/forum/answers/{answer.pk}/vote/",
                f"/en/forum/answers/{answer.pk}/accept/",
                f"/en/forum/answer/{answer.pk}/flag/",
                f"/en/forum/questions/{question.pk}/answer/",
                f"/en/groups/{group.slug}/membership/",
            ):
                response = client.post(url, {"reason": "spam", "body": "Leaking?", "action": "join"})
                assert response.status_code == 404, url
    assert Question.objects.get(pk=question.pk).answer_count == 1
    assert not Membership.objects.filter(user=member).exists()

    # the insider sees all of it
    client.force_login(secret["insider"])
    assert "Bureau drafting team" in client.get("/en/groups/").content.decode()
    assert "Draft agenda" in client.get(f"/en/groups/{group.slug}/").content.decode()
    assert client.get(question.get_absolute_url()).status_code == 200
    assert "Draft agenda" in client.get("/en/forum/").content.decode()


@pytest.mark.django_db
def test_open_group_join_and_leave(client, member):
    group = GroupFactory(name="E-waste practitioners")
    client.force_login(member)
    response = client.post(f"/en/groups/{group.slug}/membership/", {"action": "join"})
    assert response.status_code == 302
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.ACTIVE
    assert "You are a member" in client.get("/en/groups/").content.decode()
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "leave"})
    assert not Membership.objects.filter(group=group, user=member).exists()


@pytest.mark.django_db
def test_closed_group_needs_a_moderator_to_approve(client, member):
    moderator = MemberFactory()
    group = GroupFactory(name="Customs cooperation", privacy=GroupPrivacy.CLOSED, moderators=[moderator])
    client.force_login(member)
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "join"})
    membership = Membership.objects.get(group=group, user=member)
    assert membership.status == MembershipStatus.REQUESTED
    question = {"title": "A question for the group", "body": "The body of the question, long enough."}
    # a requester cannot post yet, nor approve themselves
    response = client.post(f"/en/forum/ask/?group={group.slug}", question)
    assert response.status_code == 403
    assert "Only members of this group can post in it." in response.content.decode()
    response = client.post(f"/en/groups/{group.slug}/membership/", {"action": "approve", "membership": membership.pk})
    assert response.status_code == 403
    client.force_login(moderator)
    assert "Requests to join" in client.get(f"/en/groups/{group.slug}/").content.decode()
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "approve", "membership": membership.pk})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    client.force_login(member)
    assert client.post(f"/en/forum/ask/?group={group.slug}", question).status_code == 302
    assert Question.objects.get().group == group


@pytest.mark.django_db
def test_private_group_by_invitation(client, member, secret):
    group = secret["group"]
    client.force_login(member)
    assert client.post(f"/en/groups/{group.slug}/membership/", {"action": "join"}).status_code == 404
    moderator = MemberFactory()
    MembershipFactory(group=group, user=moderator, role=MembershipRole.MODERATOR)
    client.force_login(moderator)
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "invite", "invitee": f"@{member.handle}"})
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.INVITED
    client.force_login(member)
    invited = client.get(f"/en/groups/{group.slug}/").content.decode()
    assert "Accept the invitation" in invited
    assert "Draft agenda" not in invited  # not yet a member: discussions stay closed
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "join"})
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.ACTIVE
    assert "Draft agenda" in client.get(f"/en/groups/{group.slug}/").content.decode()


@pytest.mark.django_db
def test_non_members_cannot_answer_in_a_group(client, member):
    insider = MemberFactory()
    group = GroupFactory(name="Open PCB group", members=[insider])
    question = ask_question(insider, title="Group question about PCB", body="Body of it here.", group=group)
    client.force_login(member)
    assert client.get(question.get_absolute_url()).status_code == 200  # open groups are readable
    response = client.post(f"/en/forum/questions/{question.pk}/answer/", {"body": "An outsider's answer."})
    assert response.status_code == 403
    assert "Only members of this group can post in it." in response.content.decode()
    # Nor start a discussion in it.
    response = client.post(
        f"/en/forum/ask/?group={group.slug}", {"title": "An outsider's question here", "body": "Body of the question."}
    )
    assert response.status_code == 403
    assert "Only members of this group can post in it." in response.content.decode()
    assert Question.objects.count() == 1 and question.answers.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("ticked", [True, False])
def test_joining_offers_to_follow_the_group_ticked_by_default(client, member, ticked):
    from bs4 import BeautifulSoup

    from subscriptions.models import Follow

    group = GroupFactory(name="E-waste practitioners")
    client.force_login(member)
    page = BeautifulSoup(client.get(f"/en/groups/{group.slug}/").content, "html.parser")
    box = page.select_one("input[name=follow]")
    assert box.has_attr("checked") and page.find("label", attrs={"for": box["id"]}) is not None
    data = {"action": "join", **({"follow": "1"} if ticked else {})}
    response = client.post(f"/en/groups/{group.slug}/membership/", data, follow=True)
    assert response.status_code == 200
    assert Follow.objects.filter(user=member, kind="group", key=group.slug).exists() is ticked
    told = "You joined the group and follow its discussions and notices." if ticked else "You joined the group."
    assert told in response.content.decode()
