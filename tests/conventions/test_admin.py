import datetime

import pytest
from django.urls import reverse

from conventions.models import Instrument, ThematicArea
from tests.conventions.factories import CountryFactory, PartyStatusFactory, RegionalGroupFactory
from tests.mfa import with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghana():
    return CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana", official_name="Republic of Ghana")


@pytest.fixture
def togo():
    return CountryFactory(iso2="TG", iso3="TGO", numeric="768", name="Togo", official_name="Togolese Republic")


@pytest.fixture
def ghana_basel_party(ghana):
    return PartyStatusFactory(
        country=ghana, instrument=Instrument.objects.get(code="BC"), consent_on=datetime.date(2003, 5, 30)
    )


def test_an_editor_lists_countries_and_finds_one(client, editor, ghana, togo):
    client.force_login(with_totp(editor))
    listing = reverse("wagtailsnippets_conventions_country:list")

    response = client.get(listing)
    assert response.status_code == 200
    assert "Ghana" in response.content.decode()

    found = client.get(listing, {"q": "GHA"}).content.decode()
    assert "Ghana" in found
    assert "Togo" not in found


def test_an_editor_lists_party_statuses_by_instrument_and_status(client, editor, ghana_basel_party, togo):
    PartyStatusFactory(
        country=togo, instrument=Instrument.objects.get(code="RC"), signature_on=datetime.date(1998, 9, 11)
    )
    client.force_login(with_totp(editor))
    listing = reverse("wagtailsnippets_conventions_partystatus:list")

    response = client.get(listing)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ghana" in html
    assert "Basel Convention" in html
    assert "Party" in html
    assert "Signatory" in html

    basel = client.get(listing, {"instrument": Instrument.objects.get(code="BC").pk}).content.decode()
    assert "Ghana" in basel
    assert "Togo" not in basel
    signatories = client.get(listing, {"status": "signatory"}).content.decode()
    assert "Togo" in signatories
    assert "Ghana" not in signatories


def test_an_editor_edits_a_regional_group_with_its_countries(client, editor, ghana, togo):
    group = RegionalGroupFactory(code="AFRICAN", name="African States", short_name="African Group", countries=[ghana])
    client.force_login(with_totp(editor))
    edit = reverse("wagtailsnippets_conventions_regionalgroup:edit", args=[group.pk])

    form = client.get(edit)
    assert form.status_code == 200
    assert "Ghana" in form.content.decode()

    membership = group.memberships.get()
    response = client.post(
        edit,
        {
            "code": "AFRICAN",
            "name": "African States",
            "short_name": "African Group",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": membership.pk,
            "memberships-0-country": ghana.pk,
            "memberships-0-is_electoral": "on",
            "memberships-0-ORDER": "1",
            "memberships-0-DELETE": "",
            "memberships-1-id": "",
            "memberships-1-country": togo.pk,
            "memberships-1-ORDER": "2",
            "memberships-1-DELETE": "",
        },
    )

    assert response.status_code == 302
    assert dict(group.memberships.values_list("country__iso3", "is_electoral")) == {"GHA": True, "TGO": False}


def test_an_editor_lists_instruments_and_thematic_areas_in_order(client, editor):
    client.force_login(with_totp(editor))

    instruments = client.get(reverse("wagtailsnippets_conventions_instrument:list"))
    assert instruments.status_code == 200
    html = instruments.content.decode()
    assert html.index("Basel Convention") < html.index("Rotterdam Convention") < html.index("Stockholm Convention")

    areas = client.get(reverse("wagtailsnippets_conventions_thematicarea:list"))
    assert areas.status_code == 200
    names = list(ThematicArea.objects.order_by("sort_order").values_list("name", flat=True))
    html = areas.content.decode()
    assert html.index(names[0]) < html.index(names[1]) < html.index(names[-1])
    assert "/admin/localize/submit/snippet/conventions/thematicarea/" in html  # wagtail-localize's Translate


def test_an_editor_without_an_authenticator_is_sent_to_set_one_up(client, editor):
    client.force_login(editor)

    response = client.get(reverse("wagtailsnippets_conventions_country:list"))

    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_a_member_cannot_open_the_reference_data(client, member, ghana_basel_party):
    client.force_login(member)

    for name in ("wagtailsnippets_conventions_country:list", "wagtailsnippets_conventions_partystatus:list"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert "Ghana" not in response.content.decode()
