"""The chemical and waste profiles: /chemicals/ and /chemicals/<slug>/."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.constants import GroupPrivacy
from community.services import ask_question
from conventions.models import ChemicalProfile, Listing
from tests.community.factories import GroupFactory
from tests.conventions.factories import ChemicalProfileFactory, DecisionFactory, ListingFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory

LIST = "/en/chemicals/"
REMOVE = '<span class="visually-hidden">Remove filter: </span>'


# Questions asked here are published at once (the trust rules that hold a
# new member's first posts have tests of their own).
pytestmark = pytest.mark.usefixtures("established_members")


def make_profile(name, *, kind="chemical", slug=None, synonyms=(), cas=(), listings=(), topics=()):
    profile = ChemicalProfileFactory(
        kind=kind,
        name=name,
        slug=slug or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
        synonyms=list(synonyms),
        cas_numbers=list(cas),
        topics=topics,
    )
    for listing in listings:
        ListingFactory(profile=profile, **listing)
    return profile


def names(page: str) -> list[str]:
    """The profiles named in the list's table, in order."""
    return re.findall(r'<th scope="row"[^>]*><a [^>]*>([^<]+)</a>', page)


@pytest.fixture
def catalogue(db):
    """Three chemicals and two waste streams, listed in different annexes."""
    sc_4_17 = DecisionFactory(code="SC-4/17", title="Listing of PFOS", year=2009)
    make_profile(
        "Perfluorooctane sulfonic acid",
        slug="pfos",
        synonyms=["PFOS", "Heptadecafluorooctane-1-sulphonic acid"],
        cas=["1763-23-1"],
        listings=[
            {
                "annex": "SC-B",
                "entry": "Perfluorooctane sulfonic acid, its salts and perfluorooctane sulfonyl fluoride",
                "specific_exemptions": "Acceptable purpose: insect baits for control of leaf-cutting ants.",
                "decision": sc_4_17,
            },
            {"annex": "RC-III", "entry": "Perfluorooctane sulfonic acid", "category": "industrial"},
        ],
        topics=["industrial-chemicals"],
    )
    make_profile(
        "Aldicarb",
        cas=["116-06-03"],  # the treaty text's typo, kept by the importer
        listings=[{"annex": "RC-III", "entry": "Aldicarb", "category": "pesticide"}],
        topics=["pesticides"],
    )
    make_profile("Aldrin", cas=["309-00-2"], listings=[{"annex": "SC-A", "entry": "Aldrin"}])
    bc_14_12 = DecisionFactory(code="BC-14/12", title="Amendments to Annexes II, VIII and IX", year=2019)
    make_profile(
        "Plastic waste",
        kind="waste",
        synonyms=["Plastic scrap"],
        listings=[
            {"annex": "BC", "entry": "Y48: Plastic waste", "decision": bc_14_12},
            {"annex": "BC", "entry": "B3011: Plastic waste not hazardous"},
        ],
        topics=["plastic-waste"],
    )
    make_profile("Used lead-acid batteries", kind="waste", listings=[{"annex": "BC", "entry": "A1160"}])


@pytest.mark.django_db
def test_the_list_shows_each_profile_with_its_cas_numbers_and_listings(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 profiles" in page
    # Chemicals first, then waste streams, each by name.
    assert names(page) == [
        "Aldicarb",
        "Aldrin",
        "Perfluorooctane sulfonic acid",
        "Plastic waste",
        "Used lead-acid batteries",
    ]
    assert '<span class="d-block text-nowrap" dir="ltr">1763-23-1</span>' in page
    assert "PFOS, Heptadecafluorooctane-1-sulphonic acid" in page
    # Where each is listed, in words.
    assert "Stockholm Annex B (restriction)" in page
    assert "Rotterdam Annex III (prior informed consent): Industrial" in page
    assert "Basel Annexes (wastes)" in page
    assert page.count("Basel Annexes (wastes)</span>") == 2  # one badge per annex, not per entry
    assert '<caption class="caption-top">' in page and '<th scope="col">' in page


@pytest.mark.django_db
def test_kinds_are_tabs_with_counts(client, catalogue):
    page = client.get(LIST).content.decode()
    assert re.search(r'href="/en/chemicals/\?kind=chemical">Chemicals <span class="small">\(3\)', page)
    assert re.search(r'href="/en/chemicals/\?kind=waste">Waste streams <span class="small">\(2\)', page)
    page = client.get(LIST, {"kind": "waste"}).content.decode()
    assert names(page) == ["Plastic waste", "Used lead-acid batteries"]
    assert 'aria-current="page">Waste streams' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"annex": "RC-III"}, ["Aldicarb", "Perfluorooctane sulfonic acid"]),
        ({"annex": "sc-b"}, ["Perfluorooctane sulfonic acid"]),
        ({"annex": "BC"}, ["Plastic waste", "Used lead-acid batteries"]),
        ({"letter": "a"}, ["Aldicarb", "Aldrin"]),
        ({"letter": "A", "annex": "SC-A"}, ["Aldrin"]),
        ({"letter": "P", "kind": "waste"}, ["Plastic waste"]),
        ({"letter": "Z"}, []),
    ],
)
def test_filters_combine(client, catalogue, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response.content.decode()) == expected


@pytest.mark.django_db
def test_letters_offered_are_those_with_profiles_and_filters_are_removable(client, catalogue):
    page = client.get(LIST, {"annex": "RC-III", "letter": "A"}).content.decode()
    letters = re.findall(r'list-inline-item"><a href="/en/chemicals/\?annex=RC-III&amp;letter=([A-Z0-9-]+)"', page)
    assert letters == ["A", "P"]
    assert f'href="/en/chemicals/?letter=A">{REMOVE}Rotterdam Annex III (prior informed consent)' in page
    assert f'href="/en/chemicals/?annex=RC-III">{REMOVE}Names starting with A' in page
    # Choosing another annex keeps the letter.
    assert '<input type="hidden" name="letter" value="A">' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"annex": "SC-D"}, "There is no annex “SC-D”."),
        ({"kind": "mineral"}, "There is no kind “mineral”."),
        ({"letter": "ab"}, "“AB” is not a letter from A to Z"),
    ],
)
def test_values_that_match_nothing_known_are_named_and_the_rest_still_applies(client, catalogue, query, message):
    response = client.get(LIST, {"kind": "waste", **query})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Part of this address was not understood, so it is not applied:" in page and message in page
    if "kind" not in query:
        assert names(page) == ["Plastic waste", "Used lead-acid batteries"]


@pytest.mark.django_db
def test_the_list_is_paginated_by_50(client):
    for number in range(60):
        make_profile(f"Chemical {number:02d}", cas=["50-00-0"])
    page = client.get(LIST).content.decode()
    assert len(names(page)) == 50 and "Page 1 of 2" in page
    assert len(names(client.get(LIST, {"page": "2"}).content.decode())) == 10


@pytest.mark.django_db
def test_a_chemical_page_shows_names_cas_numbers_and_listings(client, catalogue):
    response = client.get("/en/chemicals/pfos/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Perfluorooctane sulfonic acid</h1>" in page
    assert "<li>PFOS</li>" in page and "<li>Heptadecafluorooctane-1-sulphonic acid</li>" in page
    assert '<span dir="ltr">1763-23-1</span></li>' in page  # a valid check digit: nothing to flag
    assert "Where it is listed" in page
    assert '<th scope="row" class="fw-normal">Stockholm Annex B (restriction)</th>' in page
    assert "Perfluorooctane sulfonic acid, its salts and perfluorooctane sulfonyl fluoride" in page
    assert "Acceptable purpose: insect baits for control of leaf-cutting ants." in page
    assert "<td>Industrial</td>" in page
    assert 'href="/en/decisions/SC-4-17/"' in page
    assert "Industrial chemicals" in page


@pytest.mark.django_db
def test_a_cas_number_with_a_wrong_check_digit_is_marked(client, catalogue):
    page = client.get("/en/chemicals/aldicarb/").content.decode()
    assert '<span dir="ltr">116-06-03</span> <span class="badge text-bg-warning">check digit invalid</span>' in page
    assert "check digit invalid" not in client.get("/en/chemicals/aldrin/").content.decode()


@pytest.mark.django_db
def test_a_waste_stream_page_shows_its_basel_entries_and_amendments(client, catalogue):
    page = client.get("/en/chemicals/plastic-waste/").content.decode()
    assert "Waste stream" in page and "Basel entries and amendments" in page
    assert "Y48: Plastic waste" in page and "B3011: Plastic waste not hazardous" in page
    assert 'href="/en/decisions/BC-14-12/" dir="ltr">BC-14/12</a>' in page
    assert "a waste stream has no single CAS number" in page
    assert "Rotterdam category" not in page  # no Rotterdam listing, no empty column


@pytest.mark.django_db
def test_related_decisions_are_listed_and_linked(client, catalogue):
    profile = ChemicalProfile.objects.get(slug="pfos")
    profile.decisions.add(DecisionFactory(code="SC-9/4", title="PFOS, its salts and PFOSF", year=2019))
    page = client.get("/en/chemicals/pfos/").content.decode()
    assert "COP decisions about it" in page
    assert 'href="/en/decisions/SC-9-4/"' in page and "PFOS, its salts and PFOSF" in page


@pytest.mark.django_db
def test_what_the_hub_has_about_it_is_found_and_private_content_stays_hidden(client, member, catalogue):
    BestPracticeFactory(title="Phasing out PFOS in fire-fighting foams")
    tagged = BestPracticeFactory(title="Foam stockpiles in airports")
    tagged.tags.add("pfos")
    tagged.save()
    BestPracticeFactory(title="A draft about PFOS", live=False)
    BestPracticeFactory(title="Eliminating dieldrin stocks")
    ask_question(member, title="Alternatives to PFOS in plating?", body="Which work?")
    ask_question(member, title="Which CAS number do customs use?", body="We declare 1763-23-1 at the border.")
    ask_question(member, title="Storing foam concentrates", body="Nothing else.", tags=["pfos"])
    ask_question(member, title="Unrelated question about mercury", body="Nothing about it.")
    insider = MemberFactory()
    bureau = GroupFactory(name="Bureau drafting team", slug="bureau", privacy=GroupPrivacy.PRIVATE, members=[insider])
    ask_question(insider, title="Confidential: PFOS exemptions review", body="Bureau only.", group=bureau)

    page = client.get("/en/chemicals/pfos/").content.decode()
    assert "Phasing out PFOS in fire-fighting foams" in page
    assert "Foam stockpiles in airports" in page  # by its tag
    assert "A draft about PFOS" not in page
    assert "Alternatives to PFOS in plating?" in page
    assert "Which CAS number do customs use?" in page  # by its CAS number
    assert "Storing foam concentrates" in page  # by its tag
    assert "Unrelated question about mercury" not in page
    assert "Confidential: PFOS exemptions review" not in page
    client.force_login(insider)
    assert "Confidential: PFOS exemptions review" in client.get("/en/chemicals/pfos/").content.decode()

    # A name inside another word is not a mention: aldrin is not dieldrin.
    page = client.get("/en/chemicals/aldrin/").content.decode()
    assert "Eliminating dieldrin stocks" not in page
    assert "No knowledge item on this site mentions it yet." in page


@pytest.mark.django_db
def test_an_unknown_profile_is_a_clear_404_and_capitals_redirect(client, catalogue):
    response = client.get("/en/chemicals/no-such-thing/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Profile not found" in page and "no-such-thing" in page and 'href="/en/chemicals/"' in page
    response = client.get("/en/chemicals/PFOS/")
    assert response.status_code == 301 and response["Location"] == "/en/chemicals/pfos/"


@pytest.mark.django_db
def test_the_pages_speak_arabic(client, catalogue):
    response = client.get("/ar/chemicals/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    page = client.get("/ar/chemicals/pfos/").content.decode()
    assert '<h1 class="h2" lang="en" dir="ltr">Perfluorooctane sulfonic acid</h1>' in page


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_profiles(client, django_assert_max_num_queries):
    def add(start, count):
        for number in range(start, start + count):
            make_profile(
                f"Chemical {number:03d}",
                synonyms=["Another name"],
                cas=["50-00-0"],
                listings=[{"annex": "SC-A", "entry": "x"}, {"annex": "RC-III", "entry": "y", "category": "pesticide"}],
            )

    add(1, 5)
    with CaptureQueriesContext(connection) as five:
        assert len(names(client.get(LIST).content.decode())) == 5
    with CaptureQueriesContext(connection) as five_filtered:
        assert len(names(client.get(LIST, {"annex": "SC-A", "letter": "C"}).content.decode())) == 5
    add(6, 45)
    with django_assert_max_num_queries(len(five)):
        assert len(names(client.get(LIST).content.decode())) == 50
    with django_assert_max_num_queries(len(five_filtered)):
        assert len(names(client.get(LIST, {"annex": "SC-A", "letter": "C"}).content.decode())) == 50


@pytest.mark.django_db
def test_profile_page_queries_do_not_grow_with_listings_and_mentions(client, member, django_assert_max_num_queries):
    profile = make_profile("Lindane", cas=["58-89-9"])

    def add(start, count):
        for number in range(start, start + count):
            decision = DecisionFactory(code=f"SC-4/{number}", title=f"Decision {number}", year=2009)
            Listing.objects.create(profile=profile, annex="SC-A", entry=f"Entry {number}", decision=decision)
            profile.decisions.add(decision)
            BestPracticeFactory(title=f"Lindane practice {number}", topics=["pesticides"], conventions=["SC"])
            ask_question(member, title=f"Lindane question {number}", body="About lindane.")

    add(1, 2)
    with CaptureQueriesContext(connection) as two:
        client.get("/en/chemicals/lindane/")
    add(3, 8)
    with django_assert_max_num_queries(len(two)):
        page = client.get("/en/chemicals/lindane/").content.decode()
    assert page.count('href="/en/decisions/SC-4-') == 20  # in the table and among the decisions
    assert page.count("Lindane question") == 10
