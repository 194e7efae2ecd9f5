"""Editors keep the information packages in the Wagtail admin: meetings,
COP decisions, chemical and waste profiles with their listings, and focal
points, under "Reference data"."""

import datetime

import pytest
from django.urls import reverse

from conventions.constants import FocalPointKind, ListingAnnex, MeetingKind, ProfileKind
from conventions.models import Decision, Instrument, Listing, Meeting
from conventions.services import save_meeting
from tests.conventions.factories import ChemicalProfileFactory, CountryFactory, FocalPointFactory, ListingFactory
from tests.mfa import with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def switzerland():
    return CountryFactory(iso2="CH", iso3="CHE", numeric="756", name="Switzerland")


@pytest.fixture
def cop_16(switzerland):
    meeting, _change = save_meeting(
        slug="bc-cop-16",
        values={
            "title": "Sixteenth meeting of the Conference of the Parties to the Basel Convention",
            "kind": MeetingKind.COP,
            "number": 16,
            "start_date": datetime.date(2023, 5, 1),
            "end_date": datetime.date(2023, 5, 12),
            "timezone": "Europe/Zurich",
            "city": "Geneva",
            "country": switzerland,
        },
        conventions=[Instrument.objects.get(code="BC")],
    )
    return meeting


@pytest.fixture
def signed_in_editor(client, editor):
    client.force_login(with_totp(editor))
    return client


def meeting_form(meeting: Meeting, **changes) -> dict:
    data = {
        "title": meeting.title,
        "slug": meeting.slug,
        "kind": meeting.kind,
        "number": meeting.number or "",
        "status": meeting.status,
        "conventions": list(meeting.conventions.values_list("pk", flat=True)),
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "start_time": "",
        "end_time": "",
        "timezone": meeting.timezone,
        "city": meeting.city,
        "venue": meeting.venue,
        "country": meeting.country_id or "",
        "online_url": meeting.online_url,
        "documents_url": meeting.documents_url,
        "description": meeting.description,
    }
    return {**data, **changes}


def test_an_editor_lists_and_edits_meetings(signed_in_editor, cop_16):
    listing = signed_in_editor.get(reverse("wagtailsnippets_conventions_meeting:list"))
    assert listing.status_code == 200
    assert "Sixteenth meeting of the Conference of the Parties" in listing.content.decode()

    edit = reverse("wagtailsnippets_conventions_meeting:edit", args=[cop_16.pk])
    assert signed_in_editor.get(edit).status_code == 200
    response = signed_in_editor.post(edit, meeting_form(cop_16, title="BC COP-16", venue="CICG"))

    assert response.status_code == 302
    cop_16.refresh_from_db()
    assert (cop_16.title, cop_16.venue) == ("BC COP-16", "CICG")
    # The venue changed: calendars must replace the event.
    assert cop_16.sequence == 1
    # The import finds the editor's title edited, and keeps it.
    assert cop_16.imported_values["title"] != cop_16.title


def test_the_admin_refuses_a_meeting_that_ends_before_it_starts(signed_in_editor, cop_16):
    edit = reverse("wagtailsnippets_conventions_meeting:edit", args=[cop_16.pk])

    response = signed_in_editor.post(
        edit, meeting_form(cop_16, end_date="2023-04-30", timezone="Geneva", start_time="10:00")
    )

    # Wagtail answers an invalid form with 400 and the form, with its messages.
    assert response.status_code == 400
    html = response.content.decode()
    assert "The last day cannot be before the first day." in html
    assert "“Geneva” is not a time zone name such as Africa/Dakar." in html
    cop_16.refresh_from_db()
    assert (cop_16.end_date, cop_16.timezone, cop_16.sequence) == (datetime.date(2023, 5, 12), "Europe/Zurich", 0)


def test_an_editor_adds_a_decision_by_its_code(signed_in_editor, cop_16):
    add = reverse("wagtailsnippets_conventions_decision:add")
    data = {
        "code": "bc 16/3",
        "year": "2023",
        "title": "Strategic framework",
        "meeting": cop_16.pk,
        "summary": "",
        "text": "",
        "official_url": "https://www.basel.int/",
    }

    refused = signed_in_editor.post(add, {**data, "code": "BC-16"})
    assert refused.status_code == 400
    assert "“BC-16” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1." in refused.content.decode()
    assert not Decision.objects.exists()

    response = signed_in_editor.post(add, data)

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.code, decision.convention.code, decision.meeting_number, decision.number) == (
        "BC-16/3",
        "BC",
        16,
        3,
    )
    assert decision.meeting == cop_16
    listing = signed_in_editor.get(reverse("wagtailsnippets_conventions_decision:list"), {"q": "Strategic"})
    assert "BC-16/3" in listing.content.decode()


def test_an_editor_edits_a_chemical_and_a_wrong_cas_number_is_refused(signed_in_editor):
    ddt = ChemicalProfileFactory(name="DDT", slug="ddt", cas_numbers=["50-29-3"])
    ListingFactory(profile=ddt, annex=ListingAnnex.SC_B, entry="DDT")
    edit = reverse("wagtailsnippets_conventions_chemicalprofile:edit", args=[ddt.pk])
    form = signed_in_editor.get(edit)
    assert form.status_code == 200
    assert "50-29-3" in form.content.decode()
    data = {
        "name": "DDT",
        "kind": ProfileKind.CHEMICAL,
        "slug": "ddt",
        "cas_numbers": "50-29-3\n116-06-03\n50-29-4",
        "synonyms": "Dichlorodiphenyltrichloroethane",
        "summary": "",
    }

    refused = signed_in_editor.post(edit, data)

    assert refused.status_code == 400
    html = refused.content.decode()
    assert "“116-06-03” is not written like a CAS registry number (e.g. 50-29-3)" in html
    assert "“50-29-4” has a wrong check digit: it would be 3" in html
    ddt.refresh_from_db()
    assert ddt.cas_numbers == ["50-29-3"]

    response = signed_in_editor.post(edit, {**data, "cas_numbers": "50-29-3\n789-02-6"})
    assert response.status_code == 302
    ddt.refresh_from_db()
    assert (ddt.cas_numbers, ddt.synonyms) == (["50-29-3", "789-02-6"], ["Dichlorodiphenyltrichloroethane"])

    listings = signed_in_editor.get(reverse("wagtailsnippets_conventions_listing:list"))
    assert listings.status_code == 200
    assert "Stockholm Annex B (restriction)" in listings.content.decode()
    profiles = signed_in_editor.get(reverse("wagtailsnippets_conventions_chemicalprofile:list"))
    assert "DDT" in profiles.content.decode()


def test_a_listing_category_belongs_to_rotterdam_only(signed_in_editor):
    ddt = ChemicalProfileFactory(name="DDT", slug="ddt")
    add = reverse("wagtailsnippets_conventions_listing:add")
    data = {"profile": ddt.pk, "annex": ListingAnnex.SC_B, "category": "pesticide", "entry": "DDT"}

    refused = signed_in_editor.post(add, data)
    assert refused.status_code == 400
    assert "Only Rotterdam Annex III listings have a category." in refused.content.decode()

    assert signed_in_editor.post(add, {**data, "annex": ListingAnnex.RC_III}).status_code == 302
    assert Listing.objects.get().category == "pesticide"


def test_an_editor_lists_and_edits_focal_points(signed_in_editor, switzerland):
    focal_point = FocalPointFactory(
        country=switzerland,
        kind=FocalPointKind.BC_COMPETENT_AUTHORITY,
        organisation="Example Federal Office",
        email="ca@example.org",
    )
    listing = signed_in_editor.get(reverse("wagtailsnippets_conventions_focalpoint:list"), {"q": "Switzerland"})
    assert listing.status_code == 200
    assert "Example Federal Office" in listing.content.decode()

    edit = reverse("wagtailsnippets_conventions_focalpoint:edit", args=[focal_point.pk])
    response = signed_in_editor.post(
        edit,
        {
            "country": switzerland.pk,
            "kind": FocalPointKind.BC_COMPETENT_AUTHORITY,
            "organisation": "Example Federal Office",
            "office": "Waste section",
            "person": "",
            "position": "",
            "address": "",
            "phone": "",
            "fax": "",
            "email": "waste@example.org",
            "website": "",
            "source_url": "",
            "updated_on": "2026-01-15",
        },
    )

    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert (focal_point.office, focal_point.email, focal_point.updated_on) == (
        "Waste section",
        "waste@example.org",
        datetime.date(2026, 1, 15),
    )


def test_a_member_cannot_open_the_packages_in_the_admin(client, member, cop_16):
    client.force_login(member)

    for name in ("meeting", "decision", "chemicalprofile", "listing", "focalpoint"):
        response = client.get(reverse(f"wagtailsnippets_conventions_{name}:list"))
        assert response.status_code in (302, 403)
    assert "Sixteenth meeting" not in client.get(reverse("wagtailsnippets_conventions_meeting:list")).content.decode()
