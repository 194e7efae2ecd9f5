"""The API's resources besides decisions and meetings: what a partner gets
for parties, countries, chemicals, regional centres, focal points, topics,
knowledge items and questions, and that none of them shows what an
anonymous visitor may not see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from community.constants import GroupPrivacy, PostStatus
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    FocalPointFactory,
    ListingFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
)
from tests.knowledge.factories import (
    BestPracticeFactory,
    DecisionReferenceFactory,
    KnowledgeAttachmentFactory,
    ProjectSummaryFactory,
)
from tests.profiles.factories import ProfileFactory


def results(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def senegal(db):
    return CountryFactory(iso2="SN", iso3="SEN", name="Senegal")


@pytest.mark.django_db
def test_parties_give_each_status_and_its_dates_and_the_name_in_six_languages(client, senegal):
    PartyStatusFactory(
        country=senegal,
        signature_on=datetime.date(1989, 3, 22),
        consent_on=datetime.date(1992, 11, 10),
        consent_kind="ratification",
        entry_into_force_on=datetime.date(1993, 2, 8),
    )
    PartyStatusFactory(country=senegal, instrument__code="SC", signature_on=datetime.date(2001, 5, 23))
    CountryFactory(iso2="ZZ", iso3="ZZZ", name="Nowhere")  # no status: not a party record

    records = results(client, "/api/v1/parties/")
    assert [record["id"] for record in records] == ["SEN"]
    party = records[0]
    assert party["name"]["en"] == "Senegal"
    assert party["name"]["fr"] == "Sénégal"
    assert party["name"]["ar"] == "السّنغال"
    basel = next(status for status in party["statuses"] if status["treaty"] == "BC")
    assert basel == {
        "treaty": "BC",
        "status": "party",
        "signature": "1989-03-22",
        "consent": "1992-11-10",
        "consent_kind": "ratification",
        "entry_into_force": "1993-02-08",
    }
    stockholm = next(status for status in party["statuses"] if status["treaty"] == "SC")
    assert stockholm["status"] == "signatory"
    assert party["link"].endswith("/en/countries/SEN/")
    assert client.get("/api/v1/parties/sen/").json()["id"] == "SEN"
    assert [record["id"] for record in results(client, "/api/v1/parties/", convention="SC")] == ["SEN"]
    assert client.get("/api/v1/parties/ZZZ/").status_code == 404


@pytest.mark.django_db
def test_countries_summarise_the_profile(client, senegal):
    PartyStatusFactory(country=senegal, consent_on=datetime.date(1992, 11, 10))
    FocalPointFactory(country=senegal)
    FocalPointFactory(country=senegal, kind="sc_focal_point")
    RegionalCentreFactory(name="BCRC Senegal", slug="bcrc-senegal", host_country=senegal, countries_served=[senegal])

    country = client.get("/api/v1/countries/SEN/").json()
    assert country["iso2"] == "SN"
    assert country["parties_to"] == ["BC"]
    assert country["focal_points"] == 2
    assert country["regional_centres"] == ["bcrc-senegal"]
    assert country["name"]["es"] == "Senegal"
    assert country["link"].endswith("/en/countries/SEN/")


@pytest.mark.django_db
def test_chemicals_with_their_listings_and_decisions(client):
    decision = DecisionFactory(code="SC-4/17", title="Listing of PFOS")
    pfos = ChemicalProfileFactory(name="PFOS", slug="pfos", cas_numbers=["1763-23-1"], topics=["pops-elimination"])
    ListingFactory(profile=pfos, annex="SC-B", entry="PFOS, its salts and PFOSF", decision=decision)
    # A listing whose decision is not imported: its code, with how sure the source is of it.
    ListingFactory(
        profile=pfos,
        annex="SC-B",
        entry="PFOS (amendment)",
        decision_code="SC-9/4",
        decision_status="unconfirmed",
        year_listed=2019,
        is_deleted=True,
    )
    ChemicalProfileFactory(name="Plastic waste", slug="plastic-waste", kind="waste")

    record = client.get("/api/v1/chemicals/pfos/").json()
    assert record["cas_numbers"] == ["1763-23-1"]
    amendment = record["listings"].pop(0)
    assert {key: amendment[key] for key in ("entry", "decision", "decision_status", "year_listed", "deleted")} == {
        "entry": "PFOS (amendment)",
        "decision": "SC-9/4",
        "decision_status": "unconfirmed",
        "year_listed": 2019,
        "deleted": True,
    }
    assert record["listings"] == [
        {
            "annex": "SC-B",
            "annex_name": "Stockholm Annex B (restriction)",
            "entry": "PFOS, its salts and PFOSF",
            "category": "",
            "specific_exemptions": "",
            "decision": "SC-4/17",
            "decision_status": None,
            "year_listed": None,
            "in_original_text": False,
            "deleted": False,
        }
    ]
    assert record["thematic_areas"] == ["pops-elimination"]
    assert record["link"].endswith("/en/chemicals/pfos/")
    assert [each["id"] for each in results(client, "/api/v1/chemicals/", kind="waste")] == ["plastic-waste"]
    assert [each["id"] for each in results(client, "/api/v1/chemicals/", annex="SC-B")] == ["pfos"]
    assert [each["id"] for each in results(client, "/api/v1/chemicals/", cas="1763-23-1")] == ["pfos"]


@pytest.mark.django_db
def test_regional_centres_and_the_countries_they_serve(client, senegal):
    centre = RegionalCentreFactory(
        name="BCRC Senegal",
        slug="bcrc-senegal",
        host_country=senegal,
        city="Dakar",
        conventions=["BC", "SC"],
        countries_served=[senegal],
    )
    RegionalCentreFactory(name="Elsewhere", slug="elsewhere")
    record = client.get(f"/api/v1/regional-centres/{centre.slug}/").json()
    assert record["treaties"] == ["BC", "SC"]
    assert record["host_country"] == "SEN"
    assert record["city"] == "Dakar"
    assert record["countries_served"] == ["SEN"]
    assert record["link"].endswith("/en/regional-centres/bcrc-senegal/")
    assert [each["id"] for each in results(client, "/api/v1/regional-centres/", country="SEN")] == ["bcrc-senegal"]


@pytest.mark.django_db
def test_focal_points_as_published_without_email_or_telephone(client, senegal):
    FocalPointFactory(
        country=senegal,
        person="Awa Ndiaye",
        organisation="Ministère de l'Environnement",
        email="awa@example.sn",
        phone="+221 33 000 00 00",
        fax="+221 33 000 00 01",
        source_url="https://www.basel.int/Countries/CountryContacts/",
    )
    records = results(client, "/api/v1/focal-points/", country="sen")
    assert len(records) == 1
    record = records[0]
    assert record["treaty"] == "BC"
    assert record["kind_name"] == "Basel focal point"
    assert record["person"] == "Awa Ndiaye"
    assert record["source"] == "https://www.basel.int/Countries/CountryContacts/"
    body = client.get("/api/v1/focal-points/").content.decode()
    assert "awa@example.sn" not in body
    assert "+221" not in body
    assert not {"email", "phone", "fax"} & set(record)


@pytest.mark.django_db
def test_topics_carry_every_language_they_are_translated_into(client):
    records = results(client, "/api/v1/topics/", page_size=200)
    ewaste = next(record for record in records if record["id"] == "e-waste")
    assert ewaste["name"]["en"]
    assert ewaste["link"].endswith("/en/topics/e-waste/")
    assert client.get("/api/v1/topics/e-waste/").json()["id"] == "e-waste"


@pytest.fixture
def items(db, senegal):
    practice = BestPracticeFactory(
        title="Cable recycling without burning",
        summary="Strippers instead of fire.",
        topics=["e-waste"],
        conventions=["BC"],
        countries=[senegal],
    )
    DecisionReferenceFactory(item=practice, code="BC-14/12")
    KnowledgeAttachmentFactory(item=practice, document__title="Guide", language="fr")
    project = ProjectSummaryFactory(title="PCB inventory", topics=["pcbs"])
    draft = BestPracticeFactory(title="Not yet published", live=False)
    restricted = BestPracticeFactory(title="For the steering committee only")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return practice, project, draft, restricted


@pytest.mark.django_db
def test_knowledge_items_published_and_public_only(client, items):
    practice, project, _draft, _restricted = items
    records = results(client, "/api/v1/knowledge/")
    assert sorted(record["title"]["en"] for record in records) == ["Cable recycling without burning", "PCB inventory"]
    record = next(record for record in records if record["id"] == str(practice.translation_key))
    assert record["type"] == "best_practice"
    assert record["summary"] == {"en": "Strippers instead of fire."}
    assert record["languages"] == ["en"]
    assert record["link"]["en"].endswith(practice.url)
    assert record["treaties"] == ["BC"]
    assert record["thematic_areas"] == ["e-waste"]
    assert record["countries"] == ["SEN"]
    assert record["decisions"] == ["BC-14/12"]
    assert record["attachments"][0]["title"] == "Guide"
    assert record["attachments"][0]["language"] == "fr"
    assert record["attachments"][0]["url"].startswith("http")
    assert [each["type"] for each in results(client, "/api/v1/knowledge/", topic="pcbs")] == ["project_summary"]
    assert [each["id"] for each in results(client, "/api/v1/knowledge/", country="SEN")] == [
        str(practice.translation_key)
    ]
    assert client.get(f"/api/v1/knowledge/{project.translation_key}/").json()["title"] == {"en": "PCB inventory"}
    body = client.get("/api/v1/knowledge/").content.decode()
    assert "Not yet published" not in body
    assert "steering committee" not in body


@pytest.mark.django_db
def test_a_decision_names_the_items_and_questions_that_cite_it(client, items):
    DecisionFactory(code="BC-14/12", title="Plastic waste amendments")
    QuestionFactory(title="How did you apply BC-14/12 at the border?")
    QuestionFactory(title="Private reading of BC-14/12", group=GroupFactory(privacy=GroupPrivacy.PRIVATE))
    QuestionFactory(title="About BC-14/120", body_markdown="Not the same decision.")
    cited = client.get("/api/v1/decisions/BC-14-12/").json()["cited_by"]
    assert [item["title"] for item in cited["knowledge"]] == ["Cable recycling without burning"]
    assert [question["title"] for question in cited["questions"]] == ["How did you apply BC-14/12 at the border?"]


@pytest.fixture
def forum(db):
    asker = ProfileFactory(display_name="Amina Diallo").user
    question = QuestionFactory(title="How do you store PCB oil?", author=asker, topics=["pcbs"], conventions=["SC"])
    accepted = AnswerFactory(
        question=question, body_markdown="In sealed drums.", author=ProfileFactory(display_name="Li").user
    )
    AnswerFactory(question=question, body_markdown="Held for review", status=PostStatus.HELD)
    AnswerFactory(question=question, body_markdown="Hidden by flags", status=PostStatus.HIDDEN)
    question.accepted_answer = accepted
    question.save()
    private = GroupFactory(privacy=GroupPrivacy.PRIVATE, name="Inner circle")
    hidden = {
        "private": QuestionFactory(title="Private group question", group=private),
        "held": QuestionFactory(title="Held question", status=PostStatus.HELD),
        "hidden": QuestionFactory(title="Hidden question", status=PostStatus.HIDDEN),
        "deleted": QuestionFactory(title="Deleted question", status=PostStatus.DELETED),
    }
    return question, accepted, hidden


@pytest.mark.django_db
def test_questions_public_with_visible_answers_and_the_accepted_one(client, forum):
    question, accepted, hidden = forum
    records = results(client, "/api/v1/questions/")
    assert [record["title"] for record in records] == ["How do you store PCB oil?"]
    record = records[0]
    assert record["author"] == "Amina Diallo"
    assert record["thematic_areas"] == ["pcbs"]
    assert record["treaties"] == ["SC"]
    assert [answer["body"] for answer in record["answers"]] == ["<p>In sealed drums.</p>"]
    assert record["answers"][0]["author"] == "Li"
    assert record["accepted_answer"] == accepted.pk
    assert record["link"].endswith(question.get_absolute_url())
    body = client.get("/api/v1/questions/").content.decode()
    for text in ("Held for review", "Hidden by flags", "Private group question", "Held question", "Inner circle"):
        assert text not in body
    assert "@" not in body  # no email address of any member
    for leaked in hidden.values():
        assert client.get(f"/api/v1/questions/{leaked.pk}/").status_code == 404
    assert [record["id"] for record in results(client, "/api/v1/questions/", answered="true")] == [question.pk]
    assert results(client, "/api/v1/questions/", answered="false") == []


@pytest.mark.django_db
def test_a_tampered_cursor_is_a_clear_404(client, forum):
    # "o=not-a-number", base64-encoded as DRF's cursors are.
    response = client.get("/api/v1/questions/", {"cursor": "bz1ub3QtYS1udW1iZXI="})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "cursor" in response.json()["detail"].lower()


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/api/v1/questions/", lambda n: [AnswerFactory(question=QuestionFactory(topics=["pcbs"])) for _ in range(n)]),
        ("/api/v1/knowledge/", lambda n: [BestPracticeFactory(topics=["e-waste"]) for _ in range(n)]),
        ("/api/v1/chemicals/", lambda n: [ListingFactory() for _ in range(n)]),
        ("/api/v1/parties/", lambda n: [PartyStatusFactory() for _ in range(n)]),
        ("/api/v1/countries/", lambda n: [FocalPointFactory() for _ in range(n)]),
        ("/api/v1/regional-centres/", lambda n: [RegionalCentreFactory(conventions=["BC"]) for _ in range(n)]),
        ("/api/v1/focal-points/", lambda n: [FocalPointFactory() for _ in range(n)]),
        ("/api/v1/topics/", lambda n: None),
    ],
)
def test_a_list_page_costs_the_same_queries_whatever_its_length(client, path, make):
    make(2)
    count_queries(client, path)  # per-process caches (locales, content types) filled
    few = count_queries(client, path)
    make(12)
    assert count_queries(client, path) == few
