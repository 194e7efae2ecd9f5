"""First steps after signing up (#12, item 6): a newcomer who signs in for
the first time lands on a short page about themselves, then chooses topics
(suggested from their country and region), their regional group and
whether others can find them."""

import re

import pytest

from community.constants import GroupKind, GroupPrivacy, MembershipStatus
from community.models import Membership
from community.services import ask_question
from conventions.models import ThematicArea
from profiles.models import Profile
from subscriptions.constants import FollowKind
from subscriptions.models import Follow
from tests.community.factories import GroupFactory
from tests.conventions.factories import CountryFactory, RegionalGroupFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import PASSWORD, MemberFactory

LOGIN = "/en/accounts/login/"
ABOUT = "/en/account/welcome/"
FOLLOW = "/en/account/welcome/follow/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def africa():
    senegal = CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    mali = CountryFactory(iso2="ML", iso3="MLI", numeric="466", name="Mali")
    group = RegionalGroupFactory(code="AFRICAN", name="African States", countries=[senegal, mali])
    forum = GroupFactory(
        name="African States", kind=GroupKind.REGIONAL, privacy=GroupPrivacy.OPEN, regional_group=group
    )
    return {"senegal": senegal, "mali": mali, "group": forum}


def test_a_first_sign_in_leads_to_first_steps_and_later_ones_do_not(client):
    newcomer = MemberFactory(first_steps=False)
    response = client.post(LOGIN, {"login": newcomer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ABOUT
    page = client.get(ABOUT)
    assert page.status_code == 200
    assert "Step 1 of 2" in page.content.decode()

    Profile.objects.filter(user=newcomer).update(first_steps_at="2026-01-01T00:00:00Z")
    client.logout()
    response = client.post(LOGIN, {"login": newcomer.email, "password": PASSWORD})
    assert response["Location"] != ABOUT


def test_about_you_refuses_bad_input_beside_the_field_and_keeps_what_was_typed(client, member, africa):
    client.force_login(member)
    response = client.post(ABOUT, {"display_name": "Awa Ndiaye", "country": "999999", "languages": ["fr", "xx"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Awa Ndiaye"' in html
    assert "Select a valid choice. That choice is not one of the available choices." in html
    assert "Select a valid choice. xx is not one of the available choices." in html
    member.profile.refresh_from_db()
    assert member.profile.display_name != "Awa Ndiaye"

    response = client.post(ABOUT, {"display_name": "", "country": africa["senegal"].pk})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_newcomer_follows_suggested_topics_joins_the_regional_group_and_chooses_a_public_profile(
    client, member, africa
):
    asker = MemberFactory()
    # What is written about Senegal and its region suggests the topics.
    for title in ("E-waste at the port of Dakar", "Collecting phones in Bamako"):
        question = ask_question(asker, title=title, body="How do others organise collection of old phones?")
        question.countries.set([africa["senegal"] if "Dakar" in title else africa["mali"]])
        question.thematic_areas.set(ThematicArea.objects.filter(slug="e-waste"))
    BestPracticeFactory(countries=[africa["mali"]], topics=["pesticides"])
    BestPracticeFactory(countries=[africa["senegal"]], topics=["pesticides", "e-waste"])
    BestPracticeFactory(topics=["pcbs"])  # about no country of the region

    Profile.objects.filter(user=member).update(first_steps_at=None)
    client.force_login(member)
    response = client.post(ABOUT, {"display_name": "Awa Ndiaye", "country": africa["senegal"].pk, "languages": ["fr"]})
    assert response.status_code == 302 and response["Location"] == FOLLOW
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.country, profile.languages) == ("Awa Ndiaye", africa["senegal"], ["fr"])

    html = client.get(FOLLOW).content.decode()
    assert "Step 2 of 2" in html
    e_waste, pesticides, pcbs = (
        ThematicArea.objects.originals().get(slug=slug) for slug in ("e-waste", "pesticides", "pcbs")
    )
    checked = {int(pk) for pk in re.findall(r'name="topics" value="(\d+)"[^>]*checked', html)}
    assert checked == {e_waste.pk, pesticides.pk}
    assert pcbs.pk not in checked
    assert "Follow news about Senegal" in html
    assert "Join the African States group" in html
    assert "Ask the secretariat to verify your role" in html

    # The public/private choice is asked plainly and must be answered.
    response = client.post(FOLLOW, {"topics": [e_waste.pk], "join_regional_group": "on"})
    assert response.status_code == 400
    assert "Choose whether your profile is public or private." in response.content.decode()
    assert not Follow.objects.filter(user=member).exists()
    assert not Membership.objects.filter(user=member).exists()

    response = client.post(
        FOLLOW,
        {
            "topics": [e_waste.pk, pesticides.pk],
            "follow_country": "on",
            "join_regional_group": "on",
            "profile": "public",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You follow 2 topics." in html
    assert "You joined the African States group." in html
    follows = set(Follow.objects.filter(user=member).values_list("kind", "key"))
    assert follows == {
        (FollowKind.TOPIC, "e-waste"),
        (FollowKind.TOPIC, "pesticides"),
        (FollowKind.COUNTRY, "SEN"),
        (FollowKind.GROUP, "african-states"),
    }
    assert Membership.objects.get(user=member, group=africa["group"]).status == MembershipStatus.ACTIVE
    profile.refresh_from_db()
    assert profile.is_public and profile.first_steps_at is not None


def test_first_steps_need_a_signed_in_member_and_a_csrf_token(client, member):
    assert client.get(ABOUT)["Location"].startswith(LOGIN)
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)
    forged.force_login(member)
    assert forged.post(FOLLOW, {"profile": "public"}).status_code == 403
    member.profile.refresh_from_db()
    assert not member.profile.is_public
