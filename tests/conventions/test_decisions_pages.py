"""The COP decisions pages: /decisions/ and /decisions/<code>/."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.constants import GroupPrivacy
from community.services import ask_question
from knowledge.models import DecisionReference
from tests.community.factories import GroupFactory
from tests.conventions.factories import ChemicalProfileFactory, DecisionFactory, ListingFactory, MeetingFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory

LIST = "/en/decisions/"
REMOVE = '<span class="visually-hidden">Remove filter: </span>'


# Questions asked here are published at once (the trust rules that hold a
# new member's first posts have tests of their own).
pytestmark = pytest.mark.usefixtures("established_members")


def cite(item, *codes):
    """Record on a knowledge item the decisions it implements, as editors do."""
    for code in codes:
        item.decision_references.add(DecisionReference(code=code))
    item.save()
    return item


def rows(page: str) -> list[str]:
    """The decision codes in the list's table, in order."""
    return re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', page)


@pytest.fixture
def plastic(db):
    """BC-14/12, the plastic waste amendments, with everything around it."""
    meeting = MeetingFactory(
        slug="bc-cop-14",
        title="Fourteenth meeting of the Conference of the Parties to the Basel Convention",
        kind="cop",
        number=14,
        start_date=datetime.date(2019, 4, 29),
        end_date=datetime.date(2019, 5, 10),
        city="Geneva",
    )
    decision = DecisionFactory(
        code="BC-14/12",
        title="Amendments to Annexes II, VIII and IX to the Basel Convention",
        year=2019,
        topics=["plastic-waste", "transboundary-movements"],
        meeting=meeting,
        summary="Brings most plastic waste under the prior informed consent procedure.",
        text="The Conference of the Parties,\n\nAdopts the amendments to Annexes II, VIII and IX.",
        official_url="https://www.basel.int/decision-bc-14-12",
    )
    later = DecisionFactory(code="BC-15/9", title="Plastic waste partnership", year=2022, topics=["plastic-waste"])
    decision.related.add(later)
    profile = ChemicalProfileFactory(kind="waste", name="Plastic waste", slug="plastic-waste")
    ListingFactory(profile=profile, annex="BC", entry="Y48", decision=decision)
    return decision


@pytest.mark.django_db
def test_a_decision_page_shows_its_facts_text_and_related_decisions(client, plastic):
    response = client.get("/en/decisions/BC-14-12/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Amendments to Annexes II, VIII and IX to the Basel Convention" in page
    assert "Basel Convention" in page and "COP-14" in page and "2019" in page
    assert "Fourteenth meeting of the Conference of the Parties" in page and "Geneva" in page
    assert "Brings most plastic waste under the prior informed consent procedure." in page
    # The text in paragraphs, and the official text linked.
    assert "<p>The Conference of the Parties,</p>" in page
    assert "<p>Adopts the amendments to Annexes II, VIII and IX.</p>" in page
    assert 'href="https://www.basel.int/decision-bc-14-12"' in page
    assert "Plastic waste" in page and "Transboundary movements and illegal traffic" in page
    assert 'href="/en/decisions/BC-15-9/"' in page and "Plastic waste partnership" in page
    assert 'href="/en/chemicals/plastic-waste/"' in page
    # The related decision links back.
    assert 'href="/en/decisions/BC-14-12/"' in client.get("/en/decisions/BC-15-9/").content.decode()


@pytest.mark.django_db
def test_a_decision_without_its_text_links_to_the_convention(client):
    DecisionFactory(code="RC-9/5", title="Listing of hexabromocyclododecane", year=2019)
    page = client.get("/en/decisions/RC-9-5/").content.decode()
    assert "The text of this decision is not reproduced here yet." in page
    assert 'href="https://www.pic.int"' in page


@pytest.mark.django_db
def test_extraordinary_meetings_are_named_as_such(client):
    DecisionFactory(code="BC.Ex-1/1", title="Omnibus decision on synergies", year=2010)
    response = client.get("/en/decisions/BC.Ex-1-1/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "ExCOP-1" in page and "Omnibus decision on synergies" in page
    assert 'href="/en/decisions/?meeting=BC.Ex-1"' in page


@pytest.mark.django_db
def test_what_countries_did_lists_published_items_and_visible_questions_only(client, member, plastic):
    cite(BestPracticeFactory(title="Customs codes for plastic waste in Ghana"), "BC-14/12")
    cite(BestPracticeFactory(title="An unpublished draft on plastic", live=False), "BC-14/12")
    cite(BestPracticeFactory(title="A practice about another decision"), "BC-14/1")
    ask_question(member, title="How do you apply BC-14/12 at the border?", body="Customs need guidance.")
    ask_question(member, title="Plastic waste entries", body="See bc-14-12 and the new Y48 entry.")
    ask_question(member, title="About the technical guidelines", body="Decision BC-14/1 asks for updates.")
    insider = MemberFactory()
    bureau = GroupFactory(name="Bureau drafting team", slug="bureau", privacy=GroupPrivacy.PRIVATE, members=[insider])
    ask_question(insider, title="Confidential: reviewing BC-14/12", body="Bureau only.", group=bureau)

    page = client.get("/en/decisions/BC-14-12/").content.decode()
    assert "Customs codes for plastic waste in Ghana" in page
    assert "An unpublished draft on plastic" not in page
    assert "A practice about another decision" not in page
    assert "How do you apply BC-14/12 at the border?" in page
    assert "Plastic waste entries" in page  # cited as in the address, in lower case
    assert "About the technical guidelines" not in page  # BC-14/1 is another decision
    assert "Confidential: reviewing BC-14/12" not in page

    client.force_login(member)
    assert "Confidential: reviewing BC-14/12" not in client.get("/en/decisions/BC-14-12/").content.decode()
    client.force_login(insider)
    assert "Confidential: reviewing BC-14/12" in client.get("/en/decisions/BC-14-12/").content.decode()


@pytest.mark.django_db
def test_a_decision_nobody_cited_yet_invites_contributions(client, plastic):
    page = client.get("/en/decisions/BC-14-12/").content.decode()
    assert "No knowledge item on this site cites this decision yet." in page
    assert "No question in the forum cites this decision yet." in page
    assert 'href="/en/knowledge/share/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("/en/decisions/bc-14-12/", "/en/decisions/BC-14-12/"),
        ("/fr/decisions/Bc-14-12/", "/fr/decisions/BC-14-12/"),
        ("/en/decisions/bc.ex-1-1/", "/en/decisions/BC.Ex-1-1/"),
        ("/en/decisions/BC.EX-1-1/", "/en/decisions/BC.Ex-1-1/"),
        ("/en/decisions/BC%2014-12/", "/en/decisions/BC-14-12/"),
    ],
)
def test_codes_typed_another_way_redirect_for_good(client, plastic, typed, canonical):
    DecisionFactory(code="BC.Ex-1/1", title="Omnibus decision on synergies", year=2010)
    response = client.get(typed)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


@pytest.mark.django_db
def test_a_code_with_an_encoded_slash_redirects(client, plastic):
    response = client.get("/en/decisions/BC-14%2F12/")
    assert response.status_code == 301 and response["Location"] == "/en/decisions/BC-14-12/"


@pytest.mark.django_db
def test_a_code_that_does_not_parse_is_a_clear_404(client):
    response = client.get("/en/decisions/not-a-code/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Decision not found" in page
    assert "not-a-code" in page and "is not a decision code" in page
    assert 'name="code"' in page  # somewhere to type it again


@pytest.mark.django_db
def test_a_decision_not_recorded_here_is_a_clear_404(client, plastic):
    response = client.get("/en/decisions/SC-99-1/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Decision not found" in page and "There is no decision" in page and "SC-99/1" in page


@pytest.mark.django_db
def test_going_to_a_decision_by_its_code(client, plastic):
    response = client.get(LIST, {"code": "bc 14/12"})
    assert response.status_code == 302 and response["Location"] == "/en/decisions/BC-14-12/"
    response = client.get(LIST, {"code": "fourteen"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“fourteen” is not a decision code." in page
    assert re.search(r'<input [^>]*name="code"[^>]* value="fourteen">', page)  # to correct it
    # An empty box just shows the list.
    assert client.get(LIST, {"code": " "}).status_code == 200


@pytest.fixture
def many(db):
    """Decisions of three conventions, two meetings of one, and a few topics."""
    DecisionFactory(code="BC-14/12", title="Plastic waste amendments", year=2019, topics=["plastic-waste"])
    DecisionFactory(code="BC-14/13", title="E-waste guidelines", year=2019, topics=["e-waste"])
    DecisionFactory(code="BC-15/9", title="Plastic waste partnership", year=2022, topics=["plastic-waste"])
    DecisionFactory(code="BC.Ex-1/1", title="Omnibus decision", year=2010)
    DecisionFactory(code="RC-9/5", title="Listing of a pesticide", year=2019, topics=["pesticides"])
    DecisionFactory(code="SC-9/4", title="DDT", year=2019, topics=["ddt-alternatives", "pesticides"])


@pytest.mark.django_db
def test_the_list_shows_each_decision_with_its_facts(client, many):
    page = client.get(LIST).content.decode()
    assert "6 decisions" in page
    # Newest meetings first.
    assert rows(page) == ["BC-15/9", "BC-14/12", "BC-14/13", "RC-9/5", "SC-9/4", "BC.Ex-1/1"]
    assert 'href="/en/decisions/BC-14-12/">Plastic waste amendments</a>' in page
    assert "Rotterdam Convention" in page and "COP-14" in page and "ExCOP-1" in page
    assert '<caption class="caption-top">' in page and '<th scope="col">' in page


@pytest.mark.django_db
def test_thematic_areas_navigate_the_list_with_counts(client, many):
    page = client.get(LIST).content.decode()
    assert re.search(r'href="/en/decisions/\?topic=plastic-waste">Plastic waste</a> <span[^>]*>\(2\)', page)
    assert re.search(r'href="/en/decisions/\?topic=pesticides">Pesticides</a> <span[^>]*>\(2\)', page)
    assert "Contaminated sites" not in page  # no decision on it
    page = client.get(LIST, {"topic": "plastic-waste"}).content.decode()
    assert rows(page) == ["BC-15/9", "BC-14/12"]
    # The counts follow the other filters.
    page = client.get(LIST, {"year": "2019"}).content.decode()
    assert re.search(
        r'href="/en/decisions/\?year=2019&amp;topic=plastic-waste">Plastic waste</a> <span[^>]*>\(1\)', page
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"convention": "RC"}, ["RC-9/5"]),
        ({"convention": "bc"}, ["BC-15/9", "BC-14/12", "BC-14/13", "BC.Ex-1/1"]),
        ({"meeting": "BC-14"}, ["BC-14/12", "BC-14/13"]),
        ({"meeting": "bc.ex-1"}, ["BC.Ex-1/1"]),
        ({"year": "2019"}, ["BC-14/12", "BC-14/13", "RC-9/5", "SC-9/4"]),
        ({"year": "2019", "topic": "pesticides"}, ["RC-9/5", "SC-9/4"]),
        ({"year": "2019", "topic": "pesticides", "convention": "SC"}, ["SC-9/4"]),
        ({"meeting": "BC-14", "topic": "e-waste"}, ["BC-14/13"]),
        ({"meeting": "RC-14"}, []),
    ],
)
def test_filters_combine(client, many, query, codes):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert rows(response.content.decode()) == codes


@pytest.mark.django_db
def test_each_filter_can_be_removed_and_the_others_are_kept(client, many):
    page = client.get(LIST, {"convention": "BC", "meeting": "BC-14", "topic": "plastic-waste"}).content.decode()
    assert f'href="/en/decisions/?meeting=BC-14&amp;topic=plastic-waste">{REMOVE}Basel Convention <' in page
    assert f'href="/en/decisions/?convention=BC&amp;topic=plastic-waste">{REMOVE}Basel Convention COP-14' in page
    assert f'href="/en/decisions/?convention=BC&amp;meeting=BC-14">{REMOVE}Plastic waste' in page
    # Filtering by a meeting keeps the thematic area chosen in the form.
    assert '<input type="hidden" name="topic" value="plastic-waste">' in page
    assert '<option value="BC-14" selected>Basel Convention COP-14 (2019)</option>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"convention": "XX"}, "There is no convention “XX”."),
        ({"topic": "no-such-area"}, "There is no thematic area “no-such-area”."),
        ({"meeting": "COP-14"}, "“COP-14” is not a meeting."),
        ({"meeting": "BC-14/12"}, "“BC-14/12” is not a meeting."),
        ({"year": "last"}, "Write the year in four digits, like 2019."),
        ({"page": "x", "year": "12345"}, "Ensure this value is less than or equal to 2100."),
    ],
)
def test_values_that_match_nothing_known_are_named_and_the_rest_still_applies(client, many, query, message):
    response = client.get(LIST, {**query, "convention": query.get("convention", "RC")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Part of this address was not understood, so it is not applied:" in page
    assert message in page
    if "convention" not in query:
        assert rows(page) == ["RC-9/5"]


@pytest.mark.django_db
def test_the_list_is_paginated_by_25_and_pages_keep_the_filters(client):
    for number in range(1, 31):
        DecisionFactory(code=f"SC-10/{number}", title=f"Decision number {number}", year=2022)
    DecisionFactory(code="RC-10/1", title="Another convention", year=2022)
    page = client.get(LIST, {"convention": "SC"}).content.decode()
    assert "30 decisions" in page and len(rows(page)) == 25 and "Page 1 of 2" in page
    assert 'href="?convention=SC&amp;page=2"' in page
    page = client.get(LIST, {"convention": "SC", "page": "2"}).content.decode()
    assert rows(page) == [f"SC-10/{number}" for number in range(26, 31)]


@pytest.mark.django_db
def test_the_list_speaks_arabic(client, many):
    response = client.get("/ar/decisions/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'dir="rtl"' in page and 'href="/ar/decisions/BC-14-12/"' in page
    # The decisions are kept in English: their titles say so.
    assert 'lang="en" dir="ltr">Plastic waste amendments' in client.get("/ar/decisions/BC-14-12/").content.decode()


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_decisions(client, django_assert_max_num_queries):
    topics = ["plastic-waste", "e-waste", "pcbs"]

    def add(start, count):
        for number in range(start, start + count):
            DecisionFactory(
                code=f"BC-{number % 15 + 1}/{number}",
                title=f"Decision {number}",
                year=2000 + number % 20,
                topics=topics,
            )

    add(1, 5)
    with CaptureQueriesContext(connection) as five:
        assert len(rows(client.get(LIST).content.decode())) == 5
    with CaptureQueriesContext(connection) as five_filtered:
        assert len(rows(client.get(LIST, {"topic": "e-waste", "convention": "BC"}).content.decode())) == 5
    add(6, 45)
    with django_assert_max_num_queries(len(five)):
        assert len(rows(client.get(LIST).content.decode())) == 25
    with django_assert_max_num_queries(len(five_filtered)):
        page = client.get(LIST, {"topic": "e-waste", "convention": "BC", "page": "2"}).content.decode()
    assert len(rows(page)) == 25


@pytest.mark.django_db
def test_decision_page_queries_do_not_grow_with_what_cites_it(client, member, plastic, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            cite(BestPracticeFactory(topics=["plastic-waste"], conventions=["BC"]), "BC-14/12")
            ask_question(member, title="What about BC-14/12 in practice?", body="Details.")

    add(2)
    with CaptureQueriesContext(connection) as two:
        client.get("/en/decisions/BC-14-12/")
    add(8)
    with django_assert_max_num_queries(len(two)):
        page = client.get("/en/decisions/BC-14-12/").content.decode()
    assert page.count("What about BC-14/12 in practice?") == 10
