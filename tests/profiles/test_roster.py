import pytest

from conventions.models import ThematicArea
from tests.profiles.factories import MemberFactory, VerificationFactory


def area(slug):
    return ThematicArea.objects.get(slug=slug, locale__language_code="en")


def public_member(name):
    return MemberFactory(display_name=name, profile__is_public=True)


def verification(member, status, *slugs, role="expert"):
    return VerificationFactory(user=member, role=role, status=status, topics=slugs)


def roster(client, topic=""):
    return client.get("/en/people/", {"topic": topic} if topic else {}).content.decode()


@pytest.mark.django_db
def test_the_roster_filters_on_the_areas_the_secretariat_verified(client):
    amina = public_member("Amina Diallo")
    verification(amina, "approved", "e-waste")
    # what she says on her profile is not what the secretariat verified
    amina.profile.expertise.set([area("e-waste"), area("pcbs")])

    assert "Amina Diallo" in roster(client)
    assert "Amina Diallo" in roster(client, "e-waste")
    assert "Amina Diallo" not in roster(client, "pcbs")


@pytest.mark.django_db
def test_a_declined_or_pending_request_adds_no_topic(client):
    kofi = public_member("Kofi Boateng")
    verification(kofi, "approved", "e-waste")
    verification(kofi, "declined", "pcbs")
    verification(kofi, "pending", "pesticides")
    lina = public_member("Lina Haddad")
    verification(lina, "approved", "pcbs", role="focal_point")
    verification(lina, "pending", "pcbs")

    assert "Kofi Boateng" in roster(client, "e-waste")
    assert "Kofi Boateng" not in roster(client, "pcbs")
    assert "Kofi Boateng" not in roster(client, "pesticides")
    assert "Lina Haddad" not in roster(client)
    assert "Lina Haddad" not in roster(client, "pcbs")
