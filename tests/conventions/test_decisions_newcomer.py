"""The COP decisions as a newcomer meets them on a new site, with the
meetings and decisions shipped in conventions/data (issue #12, item 11): a
year on every row, meetings told apart by their convention, and examples of
codes that lead to a decision."""

import re

import pytest
from bs4 import BeautifulSoup

from conventions.importers import DATA_DIRECTORY
from conventions.models import Decision

LIST = "/en/decisions/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(run_import):
    """The shipped meetings and COP decisions, imported as a new site does
    (the decisions file records no years: each decision finds its meeting)."""
    run_import(DATA_DIRECTORY / "meetings.csv", DATA_DIRECTORY / "cop_decisions_sample.csv")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def years_by_code(soup: BeautifulSoup) -> dict[str, str]:
    """The Year column of the list's table, by decision code."""
    table = soup.find("table", class_="decision-list")
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    year = headers.index("Year")
    return {
        row.th.get_text(strip=True): row.find_all(["th", "td"])[year].get_text(strip=True)
        for row in table.tbody.find_all("tr")
    }


def meeting_options(soup: BeautifulSoup) -> list[str]:
    return [option.get_text(strip=True) for option in soup.find("select", id="filter-meeting").find_all("option")]


def help_examples(soup: BeautifulSoup) -> list[str]:
    """The decision codes the help text under the code box gives as examples."""
    text = soup.find(id="decision-code-help").get_text(" ", strip=True)
    return re.findall(r"\b(?:BC|RC|SC)(?:\.Ex)?-\d+/\d+", text)


def test_each_decision_shows_the_year_of_its_meeting(client, shipped):
    soup = soup_of(client.get(LIST, {"convention": "SC"}))
    years = years_by_code(soup)
    assert "not recorded" not in years.values()
    assert years["SC-1/1"] == "2005" and years["SC-4/1"] == "2009" and years["SC-8/4"] == "2017"
    assert years_by_code(soup_of(client.get(LIST, {"convention": "BC"})))["BC-14/12"] == "2019"

    # The year filter offers those years and keeps to them.
    page = soup_of(client.get(LIST))
    assert "2019" in [
        option.get_text(strip=True) for option in page.find("select", id="filter-year").find_all("option")
    ]
    assert set(years_by_code(soup_of(client.get(LIST, {"year": "2019"})))) == {"BC-14/12"}

    # The decision's own page says it too, linked to the decisions of that year.
    facts = soup_of(client.get("/en/decisions/BC-14-12/")).find("aside")
    year = facts.find("dt", string="Year").find_next_sibling("dd")
    assert year.get_text(strip=True) == "2019"
    assert year.a["href"] == "/en/decisions/?year=2019"


def test_a_year_recorded_for_a_decision_wins_over_its_meetings(client, shipped):
    # BC-15 met online in 2021 and face to face in 2022; the secretariat
    # records the year a decision was adopted when it is not the meeting's.
    Decision.objects.filter(code="BC-15/4").update(year=2022)
    years = years_by_code(soup_of(client.get(LIST, {"meeting": "BC-15"})))
    assert years == {"BC-15/1": "2021", "BC-15/2": "2021", "BC-15/3": "2021", "BC-15/4": "2022"}


def test_the_meeting_filter_names_the_convention_of_each_meeting(client, shipped):
    options = meeting_options(soup_of(client.get(LIST)))
    assert options[0] == "All meetings"
    assert len(options) == len(set(options))  # no two alike
    assert "Rotterdam Convention COP-1 (2004)" in options
    assert "Stockholm Convention COP-1 (2005)" in options
    assert "Rotterdam Convention COP-7 (2015)" in options
    assert "Stockholm Convention COP-7 (2015)" in options
    assert "Basel Convention COP-14 (2019)" in options

    # Each leads to that convention's decisions only.
    codes = years_by_code(soup_of(client.get(LIST, {"meeting": "RC-7"})))
    assert list(codes) == ["RC-7/5"]


def test_the_examples_of_codes_are_decisions_on_this_site(client, shipped):
    for address in (LIST, "/en/decisions/SC-99-1/", "/en/decisions/not-a-code/"):
        examples = help_examples(soup_of(client.get(address)))
        assert len(examples) >= 3, address
        assert {code.split("-")[0] for code in examples} >= {"BC", "RC", "SC"}  # one of each convention
        for code in examples:
            response = client.get(LIST, {"code": code}, follow=True)
            assert response.status_code == 200, code
            assert "Decision not found" not in response.content.decode()
            assert soup_of(response).h1.get_text(" ", strip=True).startswith(code)


def test_an_extraordinary_meeting_is_among_the_examples_when_one_is_recorded(client, shipped, run_import, write_csv):
    run_import(
        write_csv(
            "decisions.csv",
            "code,convention,cop,title",
            "BC.Ex-1/1,Basel,Ex-1,Omnibus decision on enhancing cooperation and coordination",
        )
    )
    soup = soup_of(client.get(LIST))
    assert "BC.Ex-1/1" in help_examples(soup)
    assert "(an extraordinary meeting)" in soup.find(id="decision-code-help").get_text(" ", strip=True)
    assert client.get(LIST, {"code": "BC.Ex-1/1"}, follow=True).status_code == 200


def test_without_decisions_the_help_names_no_code_that_leads_nowhere(client):
    soup = soup_of(client.get(LIST))
    assert help_examples(soup) == []
    assert soup.find(id="decision-code-help").get_text(strip=True)  # it still says how a code is written
    assert soup.find("input", id="decision-code").get("placeholder") in (None, "")
