"""The directory of focal points, as a visitor, a member and the secretariat see it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.constants import FocalPointKind
from conventions.models import FocalPoint
from profiles.constants import Role, VerificationStatus
from tests.conventions.factories import CountryFactory, FocalPointFactory
from tests.profiles.factories import MemberFactory, VerificationFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/focal-points/"


@pytest.fixture
def kenya():
    return CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")


@pytest.fixture
def ghana():
    return CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana")


def focal_point(country, kind=FocalPointKind.BC_FOCAL_POINT, **fields) -> FocalPoint:
    values = {"organisation": f"Ministry of Environment of {country.name}", **fields}
    return FocalPointFactory(country=country, kind=kind, **values)


def verified_member(country, kind=FocalPointKind.BC_FOCAL_POINT, *, public=True, name=None, **verification):
    """A member the secretariat verified as that kind of focal point for the country."""
    member = MemberFactory(display_name=name, profile__is_public=public, profile__phone="+1 555 0100")
    values = {"country": country, "focal_point_kind": kind, **verification}
    VerificationFactory(user=member, role=Role.FOCAL_POINT, justification="Designated in 2021.", **values)
    return member


def page(client, url=DIRECTORY, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_an_entry_shows_the_contacts_exactly_as_the_convention_publishes_them(client, kenya):
    focal_point(
        kenya,
        FocalPointKind.BC_COMPETENT_AUTHORITY,
        office="Directorate of Compliance and Enforcement",
        person="Ms. Jane Wanjiru Mwangi",
        position="Director, Compliance",
        organisation="National Environment Management Authority (NEMA)",
        address="Popo Road, off Mombasa Road\nP.O. Box 67839-00200, Nairobi",
        phone="+254 20 2183718 / 2101370",
        fax="+254 20 6008997",
        email="dgnema@nema.go.ke",
        website="https://www.nema.go.ke/",
        source_url="https://www.basel.int/Countries/CountryContacts/tabid/1342/Default.aspx",
        updated_on=datetime.date(2024, 3, 18),
    )

    html = page(client)

    assert "<h1" in html and "Focal points" in html
    assert 'href="/en/countries/KEN/">Kenya</a>' in html
    assert "Basel competent authority" in html
    for published in (
        "Directorate of Compliance and Enforcement",
        "Ms. Jane Wanjiru Mwangi",
        "Director, Compliance",
        "National Environment Management Authority (NEMA)",
        "Popo Road, off Mombasa Road<br>P.O. Box 67839-00200, Nairobi",
        "+254 20 2183718 / 2101370",
        "+254 20 6008997",
        '<a href="mailto:dgnema@nema.go.ke" dir="ltr">dgnema@nema.go.ke</a>',
        '<a href="https://www.nema.go.ke/" dir="ltr">https://www.nema.go.ke/</a>',
        'href="https://www.basel.int/Countries/CountryContacts/tabid/1342/Default.aspx"',
        'As published on <time datetime="2024-03-18">March 18, 2024</time>',
        "Official data",
    ):
        assert published in html, published


def test_entries_are_grouped_under_their_country(client, kenya, ghana):
    focal_point(ghana, organisation="Environmental Protection Agency Ghana")
    focal_point(kenya, FocalPointKind.SC_FOCAL_POINT, organisation="NEMA Kenya POPs unit")
    focal_point(kenya, FocalPointKind.RC_DNA, organisation="Pest Control Products Board")

    html = page(client)

    assert "3 focal points" in html
    assert html.count('<h2 class="h4" id="country-KEN">') == 1
    ghana_at, kenya_at = html.index('id="country-GHA"'), html.index('id="country-KEN"')
    assert ghana_at < html.index("Environmental Protection Agency Ghana") < kenya_at
    assert kenya_at < html.index("Pest Control Products Board") and kenya_at < html.index("NEMA Kenya POPs unit")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Kenya Basel", "Kenya Rotterdam", "Ghana Stockholm"}),
        ("?country=KEN", {"Kenya Basel", "Kenya Rotterdam"}),
        ("?country=ken", {"Kenya Basel", "Kenya Rotterdam"}),
        ("?convention=SC", {"Ghana Stockholm"}),
        ("?convention=rc", {"Kenya Rotterdam"}),
        ("?kind=bc_focal_point", {"Kenya Basel"}),
        ("?country=KEN&convention=RC", {"Kenya Rotterdam"}),
        ("?country=GHA&convention=BC", set()),
        ("?country=KEN&convention=BC&kind=bc_focal_point", {"Kenya Basel"}),
    ],
)
def test_filters_by_country_convention_and_kind_combine(client, kenya, ghana, query, expected):
    focal_point(kenya, FocalPointKind.BC_FOCAL_POINT, organisation="Kenya Basel")
    focal_point(kenya, FocalPointKind.RC_OFFICIAL_CONTACT, organisation="Kenya Rotterdam")
    focal_point(ghana, FocalPointKind.SC_OFFICIAL_CONTACT, organisation="Ghana Stockholm")

    html = page(client, DIRECTORY + query)

    assert {name for name in ("Kenya Basel", "Kenya Rotterdam", "Ghana Stockholm") if name in html} == expected
    if not expected:
        assert "No focal point matches these filters." in html


def test_each_active_filter_can_be_removed_keeping_the_others(client, kenya):
    focal_point(kenya, FocalPointKind.RC_DNA, organisation="Pest Control Products Board")

    html = page(client, DIRECTORY + "?country=KEN&convention=RC&kind=rc_dna")

    assert "of Kenya" in html and "under the Rotterdam Convention" in html
    assert "Rotterdam designated national authority</span>" in html
    assert 'href="/en/focal-points/?convention=RC&amp;kind=rc_dna">Remove' in html
    assert 'href="/en/focal-points/?country=KEN&amp;kind=rc_dna">Remove' in html
    assert 'href="/en/focal-points/?country=KEN&amp;convention=RC">Remove' in html
    # The form shows what is applied.
    assert '<option value="KEN" selected>Kenya</option>' in html
    assert '<option value="rc_dna" selected>' in html

    # A wrong value is not carried into the links.
    html = page(client, DIRECTORY + "?country=ken&kind=minister", status=400)
    assert 'href="/en/focal-points/">Remove' in html and 'kind=minister">Remove' not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?country=XYZ", "There is no country with the code “XYZ”."),
        ("?convention=BAN", "There is no convention with the code “BAN”."),
        ("?kind=minister", "“minister” is not a kind of focal point."),
        (
            "?convention=BC&kind=rc_dna",
            "“Rotterdam designated national authority” is not designated under the Basel Convention.",
        ),
    ],
)
def test_an_unknown_filter_value_gets_a_message_and_is_left_out(client, kenya, query, message):
    focal_point(kenya, FocalPointKind.RC_DNA, organisation="Pest Control Products Board")
    focal_point(kenya, FocalPointKind.BC_FOCAL_POINT, organisation="Kenya Basel")

    html = page(client, DIRECTORY + query, status=400)

    assert message in html
    assert 'aria-invalid="true"' in html
    # What was understood still applies: the convention when the kind is wrong.
    if query.startswith("?convention=BC"):
        assert "Kenya Basel" in html and "Pest Control Products Board" not in html
    else:
        assert "Kenya Basel" in html and "Pest Control Products Board" in html


def test_twenty_five_entries_a_page_with_the_filters_kept_in_the_page_links(client, kenya, ghana):
    for number in range(30):
        focal_point(kenya, organisation=f"Office {number:02d}")
    focal_point(ghana, organisation="Ghana office")

    first = page(client, DIRECTORY + "?country=KEN")
    second = page(client, DIRECTORY + "?country=KEN&page=2")

    assert "30 focal points" in first
    assert first.count('class="card mb-3 focal-point"') == 25
    assert second.count('class="card mb-3 focal-point"') == 5
    assert 'href="?country=KEN&amp;page=2" rel="next"' in first
    assert "Ghana office" not in first + second


def test_members_verified_as_that_focal_point_are_linked_to_the_entry(client, kenya, ghana):
    focal_point(kenya, FocalPointKind.BC_FOCAL_POINT, organisation="Kenya Basel")
    focal_point(kenya, FocalPointKind.SC_FOCAL_POINT, organisation="Kenya Stockholm")
    amina = verified_member(kenya, name="Amina Odhiambo")
    verified_member(kenya, name="Hidden Private Person", public=False)
    verified_member(kenya, name="Still Pending Person", status=VerificationStatus.PENDING)
    verified_member(kenya, name="Revoked Person", status=VerificationStatus.REVOKED)
    verified_member(ghana, name="Ghana Focal Person")
    verified_member(kenya, FocalPointKind.RC_DNA, name="Rotterdam Person")
    gone = verified_member(kenya, name="Departed Person")
    gone.is_active = False
    gone.save()

    html = page(client)

    basel = html[html.index("Kenya Basel") : html.index("</article>", html.index("Kenya Basel"))]
    assert f'href="/en/people/{amina.handle}/">Amina Odhiambo</a>' in basel
    assert "Basel focal point, Kenya" in basel  # her badge
    stockholm = html[html.index("Kenya Stockholm") :]
    assert "Amina Odhiambo" not in stockholm
    # Verified where no entry of that kind is published: an entry of their own.
    assert "Ghana Focal Person" not in basel and "Rotterdam Person" not in basel
    assert "Ghana Focal Person" in html and "Rotterdam Person" in html
    for not_named in (
        "Hidden Private Person",
        "Still Pending Person",
        "Revoked Person",
        "Departed Person",
    ):
        assert not_named not in html, not_named
    # Members' own contact details are never public.
    assert amina.email not in html
    assert "+1 555 0100" not in html


def test_a_member_with_a_private_profile_sees_their_own_link_but_others_do_not(client, kenya, member):
    focal_point(kenya)
    private = verified_member(kenya, name="Private Focal Person", public=False)

    client.force_login(member)
    assert "Private Focal Person" not in page(client)
    client.force_login(private)
    assert "Private Focal Person" in page(client)


def test_queries_do_not_grow_with_entries_and_their_members(client, member, django_assert_max_num_queries):
    kinds = list(FocalPointKind)

    def add(count, start):
        for number in range(start, start + count):
            country = CountryFactory(iso2=f"{number:02d}", iso3=f"C{number:02d}", name=f"Country {number:02d}")
            kind = kinds[number % len(kinds)]
            focal_point(country, kind, organisation=f"Organisation {number:02d}")
            verified_member(country, kind, name=f"Focal person {number:02d}")

    add(5, 0)
    client.force_login(member)
    with CaptureQueriesContext(connection) as five:
        html = page(client, DIRECTORY + "?convention=BC")
    assert "Focal person 00" in html
    add(45, 5)
    with django_assert_max_num_queries(len(five)):
        html = page(client, DIRECTORY + "?convention=BC")
    assert "Focal person 48" in html
    with django_assert_max_num_queries(len(five)):
        html = page(client)
    assert html.count("Focal person") == 25


def test_a_newcomer_approved_as_a_focal_point_is_listed_with_the_secretariats_date(client, member, editor, kenya):
    """The trial: approved as Senegal's Stockholm focal point, a newcomer never
    reached the directory or the country profile. Approved and public, they
    appear beside the official list, marked and dated; private, they do not."""
    from profiles.services import decide_verification, request_verification

    senegal = CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    focal_point(senegal, FocalPointKind.BC_FOCAL_POINT, organisation="Senegal Basel office")
    member.profile.display_name = "Awa Ndiaye"
    member.profile.organisation = "Direction de l'Environnement"
    member.profile.save()
    verification = request_verification(
        member,
        role=Role.FOCAL_POINT,
        justification="Designated by the ministry in 2025.",
        country=senegal,
        focal_point_kind=FocalPointKind.SC_FOCAL_POINT,
        thematic_areas=[],
    )
    decide_verification(verification, editor=editor, approve=True)
    verification.refresh_from_db()

    # A private profile is not listed anywhere.
    assert "Awa Ndiaye" not in page(client, DIRECTORY + "?country=SEN")
    assert "Awa Ndiaye" not in page(client, "/en/countries/SEN/")

    member.profile.is_public = True
    member.profile.save()
    for url in (DIRECTORY + "?country=SEN", DIRECTORY + "?convention=SC", "/en/countries/SEN/"):
        html = page(client, url)
        entry = html[html.index("Awa Ndiaye") - 1500 : html.index("Awa Ndiaye") + 1500]
        assert "Stockholm national focal point" in entry, url
        assert "Verified by the secretariat" in entry, url
        assert f'datetime="{verification.decided_at:%Y-%m-%d}"' in entry, url
        assert "Direction de l&#x27;Environnement" in entry, url
        assert member.email not in html
    directory = page(client, DIRECTORY + "?country=SEN")
    assert "2 focal points" in directory
    assert "Senegal Basel office" in directory
    # Another kind filtered out leaves the member out.
    assert "Awa Ndiaye" not in page(client, DIRECTORY + "?convention=BC")


def test_a_published_entry_dates_each_member_verified_for_it_and_says_when_it_has_no_source(client, kenya):
    focal_point(kenya, FocalPointKind.BC_FOCAL_POINT, organisation="Kenya Basel")
    amina = verified_member(kenya, name="Amina Odhiambo")
    decided = amina.verifications.get()
    decided.decided_at = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)
    decided.save()

    html = page(client)

    assert 'verified by the secretariat on <time datetime="2026-05-04">' in html
    assert "The register gave no date or source for this entry." in html
