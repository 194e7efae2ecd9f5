"""Decision codes written in a knowledge item (issue #12, item 11): shown as
links to the decisions recorded here, and a code that names no decision is
flagged when the item is shared."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.codes import parse_decision_code
from conventions.models import Instrument
from conventions.services import save_decision
from knowledge.models import BestPracticePage, DecisionReference
from tests.knowledge.factories import BestPracticeFactory
from tests.knowledge.sharing import share_data

SHARE = "/en/knowledge/share/best_practice/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions():
    """Decisions recorded on the site, as the importer saves them."""
    for typed, title in [
        ("BC-14/12", "Amendments to Annexes II, VIII and IX to the Basel Convention"),
        ("SC-8/4", "Evaluation and review of brominated diphenyl ethers"),
        ("RC-7/5", "Intersessional work on the process of listing chemicals in Annex III"),
        ("BC.Ex-1/1", "Omnibus decision on enhancing cooperation and coordination"),
    ]:
        code = parse_decision_code(typed)
        save_decision(
            code=code.code,
            values={
                "convention": Instrument.objects.get(code=code.convention),
                "meeting_number": code.meeting,
                "is_extraordinary": code.extraordinary,
                "number": code.number,
                "title": title,
            },
        )


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def links_in(element) -> dict[str, str]:
    """The links in `element`: their text and where they lead."""
    return {link.get_text(): link["href"] for link in element.find_all("a")}


def test_codes_written_in_an_item_link_to_their_decisions(client, decisions):
    item = BestPracticeFactory(
        summary="Customs apply BC-14/12 and bc.ex-1/1 at the border; RC-99/1 is not a decision we know.",
        problem=(
            "<p>Plastic waste entries under BC-14/12 and the listing work of RC-7/5.</p>"
            '<p>See <a href="https://example.org/BC-14/12" title="BC-14/12">the BC-14/12 guidance</a>.</p>'
        ),
    )
    item.decision_references.add(DecisionReference(code="SC-8/4"))
    item.decision_references.add(DecisionReference(code="SC-10/13"))
    item.save_revision().publish()
    soup = soup_of(client.get(item.url))

    lead = soup.find("p", class_="lead")
    assert links_in(lead) == {"BC-14/12": "/en/decisions/BC-14-12/", "bc.ex-1/1": "/en/decisions/BC.Ex-1-1/"}
    assert "RC-99/1 is not a decision we know." in lead.get_text()  # as typed, not a link

    problem = soup.find(id="section-problem").find_parent("section")
    assert links_in(problem) == {
        "BC-14/12": "/en/decisions/BC-14-12/",
        "RC-7/5": "/en/decisions/RC-7-5/",
        "the BC-14/12 guidance": "https://example.org/BC-14/12",  # a link holds no other link
    }
    guidance = problem.find("a", string="the BC-14/12 guidance")
    assert guidance["title"] == "BC-14/12"  # attributes are left as they were

    # The decisions it implements, beside the text: linked when recorded here.
    facts = soup.find("dt", string="COP decisions").find_next_sibling("dd")
    assert links_in(facts) == {"SC-8/4": "/en/decisions/SC-8-4/"}
    assert "SC-10/13" in facts.get_text()

    # Each link leads to the decision.
    assert client.get("/en/decisions/BC.Ex-1-1/").status_code == 200


def test_text_that_looks_like_markup_stays_text(client, decisions):
    item = BestPracticeFactory(summary='<b onmouseover="alert(1)">BC-14/12</b> & <script>alert(2)</script>')
    response = client.get(item.url)
    page = response.content.decode()
    assert "<script>alert(2)" not in page and "<b onmouseover" not in page
    lead = soup_of(response).find("p", class_="lead")
    assert lead.find("b") is None and lead.find("script") is None
    assert lead.get_text() == '<b onmouseover="alert(1)">BC-14/12</b> & <script>alert(2)</script>'
    assert links_in(lead) == {"BC-14/12": "/en/decisions/BC-14-12/"}


def test_the_links_come_from_one_query_however_many_codes(client, decisions):
    item = BestPracticeFactory(
        summary="BC-14/12, SC-8/4, RC-7/5 and BC.Ex-1/1.",
        problem="<p>" + " ".join(["BC-14/12", "SC-8/4", "RC-7/5", "SC-1/1", "RC-99/9"] * 10) + "</p>",
    )
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client.get(item.url))
    assert len(soup.find_all("a", href="/en/decisions/BC-14-12/")) == 11
    assert len([query for query in queries if 'FROM "conventions_decision"' in query["sql"]]) == 1


def test_a_code_that_names_no_decision_is_flagged_beside_its_field(client, member, decisions):
    client.force_login(member)
    typed = {
        "summary": "Customs apply BC-14/21 at the border.",
        "approach": "- follow BC-14/12\n- and SC-99/1, RC-42/7",
    }
    response = client.post(SHARE, share_data(**typed))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find(id="id_summary_errors").get_text(strip=True) == (
        "There is no decision BC-14/21 on this site. Check the code: the list of COP decisions has those "
        "recorded here. If it is right, tick the box at the end of the form."
    )
    assert soup.find(id="id_approach_errors").get_text(strip=True) == (
        "There are no decisions SC-99/1, RC-42/7 on this site. Check the codes: the list of COP decisions has "
        "those recorded here. If they are right, tick the box at the end of the form."
    )
    assert soup.find(id="id_problem_errors") is None
    # What the member typed is kept.
    assert soup.find("textarea", id="id_summary").get_text().strip() == typed["summary"]
    assert soup.find("textarea", id="id_approach").get_text().strip() == typed["approach"]
    assert not BestPracticePage.objects.exists()
    # The site records only some decisions: the member can confirm a code is right.
    confirm = soup.find("input", attrs={"name": "codes_checked"})
    assert confirm is not None and confirm.get("type") == "checkbox"
    response = client.post(SHARE, share_data(**typed, codes_checked="on"))
    assert response.status_code == 302
    assert BestPracticePage.objects.get().summary == typed["summary"]


def test_the_confirmation_box_is_offered_only_once_a_code_is_flagged(client, member, decisions):
    client.force_login(member)
    assert 'name="codes_checked"' not in client.get(SHARE).content.decode()


def test_codes_of_recorded_decisions_are_accepted(client, member, decisions):
    client.force_login(member)
    response = client.post(
        SHARE, share_data(summary="Customs apply BC-14/12 and SC-8/4.", approach="Under bc.ex-1/1.")
    )
    assert response.status_code == 302
    assert BestPracticePage.objects.get().summary == "Customs apply BC-14/12 and SC-8/4."
