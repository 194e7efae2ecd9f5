"""A country's profile: official data, and what members contributed, kept apart."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.constants import GroupPrivacy, PostStatus
from community.models import Question
from community.services import ask_question
from conventions.constants import ConsentKind, FocalPointKind
from conventions.models import (
    Instrument,
)
from knowledge.models import AwarenessMaterialPage, KnowledgeItemPage
from profiles.constants import Role, VerificationStatus
from tests.community.factories import GroupFactory
from tests.conventions.factories import (
    CountryFactory,
    FocalPointFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
    RegionalGroupFactory,
    RegionalGroupMembershipFactory,
)
from tests.knowledge.factories import BestPracticeFactory, ProjectSummaryFactory, knowledge_index
from tests.profiles.factories import MemberFactory, ProfileFactory, VerificationFactory

# Members' posts are published at once: the trust rules have tests of their own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("established_members")]

KENYA = "/en/countries/KEN/"


@pytest.fixture
def kenya():
    return CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya", official_name="Republic of Kenya")


@pytest.fixture
def ghana():
    return CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana")


def page(client, url=KENYA) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading: str) -> str:
    """The part of the page under an h2 heading, up to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]


def verify(member, role, country=None, **fields):
    VerificationFactory(user=member, role=role, country=country, justification="Confirmed by the ministry.", **fields)


def public_member(name, **profile):
    return ProfileFactory(user__display_name=name, **{"is_public": True, **profile}).user


def test_the_address_is_canonical_in_upper_case(client, kenya):
    for alias in ("/en/countries/ken/", "/en/countries/Ken/"):
        response = client.get(alias)
        assert response.status_code == 301
        assert response["Location"] == KENYA
    assert client.get("/fr/countries/ken/")["Location"] == "/fr/countries/KEN/"


@pytest.mark.parametrize("iso3", ["XYZ", "xyz", "KENYA", "KE", "K%20N"])
def test_an_unknown_country_is_not_found(client, kenya, iso3):
    assert client.get(f"/en/countries/{iso3}/").status_code == 404


def test_official_data_and_community_contributions_are_labelled(client, kenya):
    html = page(client)

    assert "<h1" in html and ">Kenya</h1>" in html
    assert "Republic of Kenya" in html
    assert '<h2 class="h3" id="official-heading">Official data</h2>' in html
    assert '<h2 class="h3" id="community-heading">Community contributions</h2>' in html
    assert html.index("Official data</h2>") < html.index("Party status") < html.index("Community contributions</h2>")
    assert html.index("Community contributions</h2>") < html.index("Recent forum questions")
    assert 'href="/en/parties/"' in html


def test_party_status_for_each_instrument_with_dates(client, kenya):
    basel, ban, rotterdam = (Instrument.objects.get(code=code) for code in ("BC", "BAN", "RC"))
    PartyStatusFactory(
        country=kenya,
        instrument=basel,
        consent_on=datetime.date(2000, 6, 1),
        consent_kind=ConsentKind.ACCESSION,
        entry_into_force_on=datetime.date(2000, 8, 30),
    )
    PartyStatusFactory(country=kenya, instrument=rotterdam, signature_on=datetime.date(1999, 9, 11))
    PartyStatusFactory(country=kenya, instrument=ban)  # a row, but neither signed nor bound

    html = page(client)
    table = html[html.index("<table") : html.index("</table>")]

    assert "<caption>Status of Kenya under each convention and amendment</caption>" in table
    assert '<th scope="col">Consent to be bound</th>' in table
    rows = {
        name.strip(): row
        for name, row in ((row.split("</th>")[0], row) for row in table.split('<th scope="row">')[1:])
    }
    assert list(rows) == ["Basel Convention", "Basel Ban Amendment", "Rotterdam Convention", "Stockholm Convention"]
    assert "<td>Party</td>" in rows["Basel Convention"]
    assert "June 1, 2000</time> (Accession)" in rows["Basel Convention"]
    assert "Aug. 30, 2000" in rows["Basel Convention"]
    assert "<td>Signatory</td>" in rows["Rotterdam Convention"]
    assert "Sept. 11, 1999" in rows["Rotterdam Convention"]
    assert "<td>Not a party</td>" in rows["Basel Ban Amendment"]
    assert "<td>Not a party</td>" in rows["Stockholm Convention"]


def test_un_regional_groups_electoral_first(client, kenya, ghana):
    africa = RegionalGroupFactory(code="AFRICAN", name="African States")
    asia = RegionalGroupFactory(code="APG", name="Asia-Pacific States")
    RegionalGroupMembershipFactory(group=asia, country=kenya, is_electoral=False)
    RegionalGroupMembershipFactory(group=africa, country=kenya, is_electoral=True)
    RegionalGroupMembershipFactory(group=africa, country=ghana)

    html = section(page(client), "Official data")

    assert html.index("African States") < html.index("Asia-Pacific States")
    assert 'African States <span class="text-body-secondary">(electoral group)</span>' in html
    assert 'Asia-Pacific States <span class="text-body-secondary">(also a member)</span>' in html
    assert "(electoral group)" not in page(client, "/en/countries/GHA/")


def test_focal_points_with_their_published_contacts_and_verified_members(client, kenya, ghana):
    FocalPointFactory(
        country=kenya,
        kind=FocalPointKind.SC_FOCAL_POINT,
        office="Chemicals Management Unit",
        person="Dr. Ali Hassan",
        position="Senior Chemist",
        organisation="Ministry of Environment and Forestry",
        address="NHIF Building, Ngong Road\nNairobi",
        phone="+254 20 2730808",
        fax="+254 20 2725707",
        email="pops@environment.go.ke",
        website="https://www.environment.go.ke/",
        source_url="https://chm.pops.int/Countries/CountryContacts/tabid/304/Default.aspx",
        updated_on=datetime.date(2023, 11, 2),
    )
    FocalPointFactory(country=ghana, kind=FocalPointKind.SC_FOCAL_POINT, organisation="Ghana EPA")
    ali = public_member("Ali Hassan")
    verify(ali, Role.FOCAL_POINT, kenya, focal_point_kind=FocalPointKind.SC_FOCAL_POINT)

    official = section(page(client), "Official data")

    assert '<h4 class="h5 card-title"' in official and "Stockholm national focal point</h4>" in official
    for published in (
        "Chemicals Management Unit",
        "Dr. Ali Hassan",
        "Senior Chemist",
        "Ministry of Environment and Forestry",
        "NHIF Building, Ngong Road<br>Nairobi",
        "+254 20 2730808",
        "+254 20 2725707",
        'href="mailto:pops@environment.go.ke"',
        'href="https://www.environment.go.ke/"',
        'href="https://chm.pops.int/Countries/CountryContacts/tabid/304/Default.aspx"',
        '<time datetime="2023-11-02">Nov. 2, 2023</time>',
        f'href="/en/people/{ali.handle}/">Ali Hassan</a>',
    ):
        assert published in official, published
    assert "Ghana EPA" not in official
    assert 'href="/en/focal-points/?country=KEN"' in official


def test_regional_centres_hosted_in_or_serving_the_country(client, kenya, ghana):
    RegionalCentreFactory(name="BCRC Kenya", slug="bcrc-kenya", host_country=kenya, conventions=["BC", "SC"])
    RegionalCentreFactory(
        name="SCRC Ghana", slug="scrc-ghana", host_country=ghana, conventions=["SC"], countries_served=[kenya, ghana]
    )
    RegionalCentreFactory(name="BCRC Elsewhere", slug="bcrc-elsewhere", host_country=ghana, countries_served=[ghana])

    official = section(page(client), "Official data")

    assert '<a href="/en/regional-centres/bcrc-kenya/">BCRC Kenya</a>' in official
    assert "(BC, SC, hosted in Kenya)" in official
    assert '<a href="/en/regional-centres/scrc-ghana/">SCRC Ghana</a>' in official
    assert "(SC, hosted in Ghana)" in official
    assert "BCRC Elsewhere" not in official
    assert official.count("SCRC Ghana</a>") == 1


def test_published_knowledge_items_from_the_country_practices_and_projects_first(client, kenya, ghana):
    awareness = knowledge_index().add_child(
        instance=AwarenessMaterialPage(
            title="Poster on e-waste dangers", summary="A poster.", material_format="poster", live=True
        )
    )
    awareness.countries.set([kenya])
    awareness.save_revision().publish()
    BestPracticeFactory(title="E-waste take-back in Kenya", countries=[kenya])
    ProjectSummaryFactory(title="PCB inventory in Kenya", countries=[kenya])
    BestPracticeFactory(title="An unpublished draft practice", countries=[kenya], live=False)
    BestPracticeFactory(title="Pesticides in Ghana", countries=[ghana])

    community = section(page(client), "Community contributions")

    assert "E-waste take-back in Kenya" in community and "PCB inventory in Kenya" in community
    assert community.index("PCB inventory in Kenya") < community.index("Poster on e-waste dangers")
    assert community.index("E-waste take-back in Kenya") < community.index("Poster on e-waste dangers")
    assert "An unpublished draft practice" not in community
    assert "Pesticides in Ghana" not in community
    assert 'href="/en/knowledge/?country=KEN"' in community


def test_at_most_ten_knowledge_items(client, kenya):
    for number in range(12):
        item = BestPracticeFactory(title=f"Practice number {number:02d}", countries=[kenya])
        published_at = timezone.now() - datetime.timedelta(days=20 - number)
        KnowledgeItemPage.objects.filter(pk=item.pk).update(first_published_at=published_at)

    community = section(page(client), "Community contributions")

    assert community.count("Practice number") == 10
    assert "Practice number 11" in community  # the newest first
    assert "Practice number 00" not in community


def test_members_verified_as_focal_points_or_experts_with_public_profiles(client, kenya, ghana):
    focal = public_member("Focal Person Kenya")
    verify(focal, Role.FOCAL_POINT, kenya, focal_point_kind=FocalPointKind.BC_FOCAL_POINT)
    expert_from = public_member("Expert From Kenya", country=kenya)
    verify(expert_from, Role.EXPERT)
    expert_for = public_member("Expert For Kenya")
    verify(expert_for, Role.EXPERT, kenya)
    private = public_member("Private Focal Person", is_public=False)
    verify(private, Role.FOCAL_POINT, kenya, focal_point_kind=FocalPointKind.RC_DNA)
    pending = public_member("Pending Focal Person")
    verify(pending, Role.FOCAL_POINT, kenya, focal_point_kind=FocalPointKind.RC_DNA, status=VerificationStatus.PENDING)
    unverified = public_member("Unverified Kenyan", country=kenya)
    other = public_member("Ghana Focal Person", country=kenya)
    verify(other, Role.FOCAL_POINT, ghana, focal_point_kind=FocalPointKind.BC_FOCAL_POINT)

    community = section(page(client), "Community contributions")

    for named in ("Focal Person Kenya", "Expert From Kenya", "Expert For Kenya"):
        assert named in community, named
    assert "Basel focal point, Kenya" in community  # a badge
    for not_named in ("Private Focal Person", "Pending Focal Person", "Unverified Kenyan", "Ghana Focal Person"):
        assert not_named not in community, not_named
    html = page(client)
    for member in (focal, expert_from, expert_for, private, unverified):
        assert member.email not in html


def test_recent_forum_questions_about_the_country_as_the_viewer_may_see_them(client, kenya, ghana):
    authors = iter(MemberFactory.create_batch(8))  # five questions an hour each at most
    author = next(authors)
    older = ask_question(author, title="Question about Kenya number 0", body="Body.", countries=[kenya])
    Question.objects.filter(pk=older.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=30))
    for number in range(1, 6):
        ask_question(next(authors), title=f"Question about Kenya number {number}", body="Body.", countries=[kenya])
    ask_question(next(authors), title="Question about Ghana only", body="Body.", countries=[ghana])
    insider = MemberFactory()
    private = GroupFactory(name="Kenyan inspectors", privacy=GroupPrivacy.PRIVATE, members=[insider])
    ask_question(insider, title="Private group question on Kenya", body="Body.", countries=[kenya], group=private)
    held = ask_question(next(authors), title="Held question on Kenya", body="Body.", countries=[kenya])
    Question.objects.filter(pk=held.pk).update(status=PostStatus.HELD, last_activity_at=timezone.now())

    community = section(page(client), "Community contributions")

    assert community.count("Question about Kenya number") == 5
    assert "Question about Kenya number 0" not in community  # only the latest five
    assert "Question about Ghana only" not in community
    assert "Private group question on Kenya" not in community
    assert "Held question on Kenya" not in community
    assert 'href="/en/forum/?country=KEN"' in community

    client.force_login(MemberFactory())
    assert "Private group question on Kenya" not in page(client)
    client.force_login(insider)
    assert "Private group question on Kenya" in section(page(client), "Community contributions")


def test_queries_do_not_grow_with_what_the_profile_lists(client, kenya, ghana, member, django_assert_max_num_queries):
    numbers = iter(range(100))

    def grow(count):
        for number in (next(numbers) for _ in range(count)):
            FocalPointFactory(country=kenya, kind=list(FocalPointKind)[number % 6], organisation=f"Office {number}")
            focal = public_member(f"Focal {number}")
            verify(focal, Role.FOCAL_POINT, kenya, focal_point_kind=list(FocalPointKind)[number % 6])
            expert = public_member(f"Expert {number}", country=kenya)
            verify(expert, Role.EXPERT)
            RegionalCentreFactory(
                name=f"Centre {number}", host_country=ghana, conventions=["BC", "SC"], countries_served=[kenya]
            )
            group = RegionalGroupFactory(code=f"G{number}", name=f"Group {number}")
            RegionalGroupMembershipFactory(group=group, country=kenya, is_electoral=number == 0)
            BestPracticeFactory(title=f"Practice {number}", countries=[kenya])
            ask_question(expert, title=f"Question number {number} on Kenya", body="Body.", countries=[kenya])

    grow(2)
    client.force_login(member)
    with CaptureQueriesContext(connection) as few:
        page(client)
    grow(12)
    with django_assert_max_num_queries(len(few)):
        html = page(client)
    assert "Expert 13" in html and "Centre 13" in html and "Office 13" in html
