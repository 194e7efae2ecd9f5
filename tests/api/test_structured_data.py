"""schema.org structured data (JSON-LD) in the pages' <head>: what a search
engine reads of a question, a COP decision, a meeting, a knowledge item and
the home page, that it names only schema.org's own properties, that nothing
private or taken down gets in, and that no title can break out of it."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from api.structured_data import for_context
from community.constants import GroupPrivacy, PostStatus
from community.services import accept_answer, toggle_vote
from conventions.constants import MeetingStatus
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.conventions.factories import CountryFactory, DecisionFactory, MeetingFactory
from tests.knowledge.factories import AwarenessMaterialFactory, BestPracticeFactory
from tests.pages import html
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.UTC)
BREAKOUT = "</script><script>alert(1)</script><!-- & more"

# The properties schema.org defines for each type used here (each type's own
# and those it inherits: Thing > CreativeWork > Comment > Question/Answer,
# CreativeWork > WebPage > QAPage, CreativeWork > Article / Legislation,
# Thing > Event, Thing > Place > AdministrativeArea > Country, Thing >
# Organization, Thing > Intangible > DefinedTerm / EntryPoint / StructuredValue
# > ContactPoint > PostalAddress, Thing > Action > SearchAction), taken from
# https://schema.org/<Type>: only the subset a page of the hub could use, so
# that a misspelt or invented property (legislationCode, startTime) fails.
THING = {"name", "description", "url", "sameAs", "identifier", "alternateName", "image", "potentialAction"}
CREATIVE_WORK = THING | {
    "about",
    "author",
    "creator",
    "dateCreated",
    "dateModified",
    "datePublished",
    "headline",
    "inLanguage",
    "keywords",
    "publisher",
    "sourceOrganization",
    "spatialCoverage",
    "text",
    "mainEntity",
    "genre",
    "isPartOf",
}
COMMENT = CREATIVE_WORK | {"upvoteCount", "downvoteCount", "parentItem"}
SCHEMA_PROPERTIES = {
    "QAPage": CREATIVE_WORK,
    "Question": COMMENT | {"acceptedAnswer", "suggestedAnswer", "answerCount", "eduQuestionType"},
    "Answer": COMMENT | {"answerExplanation"},
    "Article": CREATIVE_WORK | {"articleBody", "articleSection", "wordCount"},
    "CreativeWork": CREATIVE_WORK,
    "Legislation": CREATIVE_WORK
    | {
        "legislationIdentifier",
        "legislationDate",
        "legislationType",
        "legislationPassedBy",
        "legislationJurisdiction",
        "legislationLegalForce",
        "legislationDateVersion",
        "jurisdiction",
    },
    "Event": THING
    | {
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "about",
        "inLanguage",
        "previousStartDate",
    },
    "Place": THING | {"address", "geo"},
    "VirtualLocation": THING,
    "PostalAddress": THING | {"addressLocality", "addressCountry", "addressRegion", "streetAddress", "postalCode"},
    "Country": THING | {"address", "geo"},
    "AdministrativeArea": THING | {"address", "geo"},
    "Organization": THING | {"logo", "address", "email", "parentOrganization"},
    "Person": THING | {"affiliation", "jobTitle"},
    "DefinedTerm": THING | {"termCode", "inDefinedTermSet"},
    "WebSite": CREATIVE_WORK,
    "SearchAction": THING | {"target", "query", "query-input"},
    "EntryPoint": THING | {"urlTemplate"},
}
# What Google's documentation and schema.org mark as required or expected for each type.
REQUIRED = {
    "QAPage": {"mainEntity"},
    "Question": {"name", "text", "answerCount"},
    "Answer": {"text"},
    "Legislation": {"legislationIdentifier", "legislationDate", "legislationType", "name"},
    "Event": {"name", "startDate", "location", "eventStatus"},
    "Article": {"headline", "datePublished", "inLanguage", "about", "spatialCoverage"},
    "Organization": {"name", "url"},
}


def json_ld(response) -> list[dict]:
    """Every JSON-LD object in the page's HTML, checked against the vocabulary."""
    objects = [json.loads(script.string) for script in html(response).find_all("script", type="application/ld+json")]
    for data in objects:
        assert data["@context"] == "https://schema.org"
        check_vocabulary(data)
    return objects


def check_vocabulary(data, path="") -> None:
    """Each typed object uses only its type's properties, and the page's own
    object and the question and answers have the required ones."""
    if isinstance(data, list):
        for number, each in enumerate(data):
            check_vocabulary(each, f"{path}[{number}]")
        return
    if not isinstance(data, dict):
        return
    kind = data.get("@type")
    assert kind in SCHEMA_PROPERTIES, f"{path}: unknown type {kind!r}"
    unknown = set(data) - SCHEMA_PROPERTIES[kind] - {"@context", "@type", "@id"}
    assert not unknown, f"{path} ({kind}): not schema.org properties: {unknown}"
    # What a page is about (the top object) and the question and its answers
    # must be complete; an organisation named inside may be known by name only.
    if not path or kind in ("Question", "Answer"):
        missing = REQUIRED.get(kind, set()) - set(data)
        assert not missing, f"{path} ({kind}): missing {missing}"
    for key, value in data.items():
        check_vocabulary(value, f"{path}.{key}")


def only(response, kind: str) -> dict:
    objects = json_ld(response)
    assert [data["@type"] for data in objects] == [kind]
    return objects[0]


def test_a_question_page_is_a_qa_page_with_its_visible_answers_only(client):
    asker = MemberFactory(display_name="Amina Diallo")
    question = QuestionFactory(
        author=asker, title="How do you keep a PCB inventory current?", body_markdown="We **surveyed** once."
    )
    expert = MemberFactory(display_name="Chen Wei", profile__is_public=True)
    accepted = AnswerFactory(question=question, author=expert, body_markdown="Re-test at *each* service visit.")
    other = AnswerFactory(question=question, body_markdown="Label the transformers.")
    AnswerFactory(question=question, body_markdown="Held for review: buy our service", status=PostStatus.HELD)
    AnswerFactory(question=question, body_markdown="Hidden by flags: spam", status=PostStatus.HIDDEN)
    AnswerFactory(question=question, body_markdown="Removed by an editor", status=PostStatus.DELETED)
    toggle_vote(MemberFactory(), accepted)
    toggle_vote(MemberFactory(), accepted)
    accept_answer(asker, accepted)

    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    page = only(response, "QAPage")
    entity = page["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["name"] == "How do you keep a PCB inventory current?"
    assert entity["text"] == "We surveyed once."
    assert entity["answerCount"] == 2
    assert entity["author"] == {"@type": "Person", "name": "Amina Diallo"}
    assert entity["url"] == f"http://testserver{question.get_absolute_url()}"
    assert entity["acceptedAnswer"]["text"] == "Re-test at each service visit."
    assert entity["acceptedAnswer"]["upvoteCount"] == 2
    assert entity["acceptedAnswer"]["url"].endswith(f"#answer-{accepted.pk}")
    assert entity["acceptedAnswer"]["author"] == {
        "@type": "Person",
        "name": "Chen Wei",
        "url": f"http://testserver{expert.get_absolute_url()}",
    }
    assert [answer["text"] for answer in entity["suggestedAnswer"]] == ["Label the transformers."]
    assert entity["suggestedAnswer"][0]["url"].endswith(f"#answer-{other.pk}")
    # Held, hidden and removed answers, and members' emails, never get in.
    scripts = " ".join(script.string for script in html(response).find_all("script", type="application/ld+json"))
    for left_out in ("Held for review", "Hidden by flags", "Removed by an editor", "@example.org"):
        assert left_out not in scripts


def test_a_question_without_an_accepted_answer_suggests_its_answers(client):
    question = QuestionFactory()
    AnswerFactory(question=question, body_markdown="Ask the customs office.")
    entity = only(client.get(question.get_absolute_url()), "QAPage")["mainEntity"]
    assert "acceptedAnswer" not in entity
    assert [answer["text"] for answer in entity["suggestedAnswer"]] == ["Ask the customs office."]


def test_a_private_groups_question_has_no_qa_page_even_for_its_members(client):
    insider = MemberFactory()
    group = GroupFactory(privacy=GroupPrivacy.PRIVATE, members=[insider])
    question = QuestionFactory(author=insider, group=group, title="Draft agenda for the bureau")
    AnswerFactory(question=question, author=insider)
    client.force_login(insider)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "Draft agenda for the bureau" in response.content.decode()
    assert json_ld(response) == []


@pytest.mark.parametrize("status", [PostStatus.HELD, PostStatus.HIDDEN])
def test_a_question_awaiting_review_or_hidden_by_flags_has_no_qa_page_even_for_its_author(client, status):
    question = QuestionFactory(status=status)
    client.force_login(question.author)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert json_ld(response) == []


@pytest.fixture
def plastic_decision(db):
    meeting = MeetingFactory(
        title="Fourteenth meeting of the Conference of the Parties to the Basel Convention",
        slug="bc-cop-14",
        start_date=datetime.date(2019, 4, 29),
        end_date=datetime.date(2019, 5, 10),
    )
    return DecisionFactory(
        code="BC-14/12",
        title="Amendments to Annexes II, VIII and IX (plastic waste)",
        summary="Brings plastic waste under the control procedure.",
        meeting=meeting,
        topics=["plastic-waste"],
    )


def test_a_decision_page_is_legislation_passed_by_its_conference_of_the_parties(client, plastic_decision):
    data = only(client.get("/en/decisions/BC-14-12/"), "Legislation")
    assert data["legislationIdentifier"] == "BC-14/12"
    assert data["legislationType"] == "Decision"
    assert data["legislationDate"] == "2019-05-10"
    assert data["name"] == "Amendments to Annexes II, VIII and IX (plastic waste)"
    assert data["description"] == "Brings plastic waste under the control procedure."
    assert data["legislationPassedBy"] == {
        "@type": "Organization",
        "name": "Conference of the Parties to the Basel Convention",
    }
    assert [term["name"] for term in data["about"]] == ["Plastic waste"]
    assert data["url"] == "http://testserver/en/decisions/BC-14-12/"
    # Decisions are kept in English, on every language's page.
    assert data["inLanguage"] == "en"


def test_a_decision_without_its_meeting_is_dated_by_its_year(client):
    DecisionFactory(code="SC-4/17", title="Listing of PFOS", year=2009)
    assert only(client.get("/en/decisions/SC-4-17/"), "Legislation")["legislationDate"] == "2009"


def test_a_meeting_in_a_venue_and_online_is_a_mixed_event(client):
    switzerland = CountryFactory(iso2="CH", iso3="CHE", name="Switzerland")
    meeting = MeetingFactory(
        title="Sixteenth meeting of the Conference of the Parties to the Basel Convention",
        slug="bc-cop-16",
        start_date=datetime.date(2030, 4, 28),
        end_date=datetime.date(2030, 5, 9),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(18, 0),
        timezone="Europe/Zurich",
        venue="Geneva International Conference Centre",
        city="Geneva",
        country=switzerland,
        online_url="https://meetings.example.org/cop16",
    )
    data = only(client.get(f"/en/calendar/{meeting.slug}/"), "Event")
    assert data["name"] == meeting.title
    assert data["startDate"] == "2030-04-28T10:00:00+02:00"
    assert data["endDate"] == "2030-05-09T18:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["name"] == "Geneva International Conference Centre"
    assert place["address"] == {"@type": "PostalAddress", "addressLocality": "Geneva", "addressCountry": "CH"}
    assert online == {"@type": "VirtualLocation", "url": "https://meetings.example.org/cop16"}
    assert data["organizer"]["@type"] == "Organization"
    assert data["url"] == "http://testserver/en/calendar/bc-cop-16/"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(MeetingStatus.CANCELLED, "EventCancelled"), (MeetingStatus.POSTPONED, "EventPostponed")],
)
def test_an_online_meeting_says_its_status(client, status, expected):
    meeting = MeetingFactory(online_url="https://meetings.example.org/webinar", status=status)
    data = only(client.get(f"/en/calendar/{meeting.slug}/"), "Event")
    assert data["eventStatus"] == f"https://schema.org/{expected}"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meetings.example.org/webinar"}
    assert data["startDate"] == data["endDate"] == "2030-06-03"


def test_a_knowledge_item_is_an_article_about_its_topics_and_countries(client):
    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    sharer = MemberFactory(display_name="Wanjiru Kamau", profile__is_public=True)
    item = BestPracticeFactory(
        title="E-waste take-back in Nairobi",
        topics=["e-waste"],
        countries=[kenya],
        organisation="National Environment Management Authority",
        submitter=sharer,
        contact_email="contact@nema.example.org",
        first_published_at=PUBLISHED,
        last_published_at=PUBLISHED + datetime.timedelta(days=2),
    )
    data = only(client.get(item.url), "Article")
    assert data["headline"] == "E-waste take-back in Nairobi"
    assert data["description"] == item.summary
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2025-03-14T09:30:00+00:00"
    assert data["dateModified"] == "2025-03-16T09:30:00+00:00"
    assert data["about"] == [
        {"@type": "DefinedTerm", "name": "E-waste", "inDefinedTermSet": "http://testserver/en/topics/"}
    ]
    assert data["spatialCoverage"] == [{"@type": "Country", "name": "Kenya", "identifier": "KEN"}]
    assert data["author"] == {
        "@type": "Person",
        "name": "Wanjiru Kamau",
        "url": f"http://testserver{sharer.get_absolute_url()}",
    }
    assert data["sourceOrganization"]["name"] == "National Environment Management Authority"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "BRS Clearing-House Hub",
        "url": "http://testserver/en/",
    }
    assert data["url"] == f"http://testserver{item.url}"
    assert "@" not in json.dumps(data).replace('"@', "")  # no email anywhere


def test_a_member_with_a_private_profile_is_not_named_as_author(client):
    sharer = MemberFactory(display_name="Quiet Member")
    item = AwarenessMaterialFactory(
        submitter=sharer, organisation="Ministry of Environment", first_published_at=PUBLISHED
    )
    data = only(client.get(item.url), "CreativeWork")
    assert data["author"] == {"@type": "Organization", "name": "Ministry of Environment"}
    assert "Quiet Member" not in json.dumps(data)
    assert data["name"] == data["headline"] == item.title


def test_the_home_page_names_the_hub_its_conventions_and_its_search(client):
    objects = json_ld(client.get("/en/"))
    assert [data["@type"] for data in objects] == ["Organization", "WebSite"]
    organization, website = objects
    assert organization["name"] == "BRS Clearing-House Hub"
    assert organization["url"] == "http://testserver/en/"
    assert organization["sameAs"] == ["https://www.basel.int", "https://www.pic.int", "https://www.pops.int"]
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/en/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_a_title_cannot_break_out_of_the_script_element(client):
    question = QuestionFactory(title=BREAKOUT)
    decision = DecisionFactory(code="RC-9/5", title=BREAKOUT)
    item = BestPracticeFactory(title=BREAKOUT, first_published_at=PUBLISHED)
    for address in (question.get_absolute_url(), f"/en/decisions/{decision.path_code}/", item.url):
        response = client.get(address)
        text = response.content.decode()
        # The title's tags never appear as tags: neither in the JSON-LD nor anywhere else.
        assert "<script>alert(1)" not in text
        scripts = html(response).find_all("script", type="application/ld+json")
        assert len(scripts) == 1
        raw = scripts[0].string
        assert "</" not in raw and "<!--" not in raw and "&" not in raw
        data = json.loads(raw)
        title = data["mainEntity"]["name"] if data["@type"] == "QAPage" else data.get("headline", data.get("name"))
        assert title == BREAKOUT


def test_a_french_page_has_french_addresses_and_the_language_of_its_text(client, editor, plastic_decision):
    france = CountryFactory(iso2="FR", iso3="FRA", name="France")
    original = BestPracticeFactory(
        title="Cable burning alternative", topics=["e-waste"], countries=[france], first_published_at=PUBLISHED
    )
    # Not translated: read in French, in the language its text is written in.
    other = BestPracticeFactory(
        title="Used oil collection", topics=["e-waste"], countries=[france], first_published_at=PUBLISHED
    )
    TranslationCreator(editor, [Locale.objects.get(language_code="fr")]).create_translations(original)
    translated = original.get_translation(Locale.objects.get(language_code="fr")).specific
    translated.title = "Alternative au brûlage des câbles"
    translated.save_revision(user=editor).publish()

    data = only(client.get(f"/fr/knowledge/{original.slug}/", follow=True), "Article")
    assert data["headline"] == "Alternative au brûlage des câbles"
    assert data["inLanguage"] == "fr"
    assert data["url"].startswith("http://testserver/fr/")
    assert data["publisher"]["url"] == "http://testserver/fr/"
    assert data["about"][0]["inDefinedTermSet"] == "http://testserver/fr/topics/"
    assert data["spatialCoverage"] == [{"@type": "Country", "name": "France", "identifier": "FRA"}]

    data = only(client.get(f"/fr/knowledge/{other.slug}/"), "Article")
    assert data["url"] == f"http://testserver/fr/knowledge/{other.slug}/"
    assert data["inLanguage"] == "en"

    assert only(client.get("/fr/decisions/BC-14-12/"), "Legislation")["url"] == (
        "http://testserver/fr/decisions/BC-14-12/"
    )
    question = QuestionFactory()
    response = client.get(f"/fr/forum/questions/{question.pk}/", follow=True)
    assert only(response, "QAPage")["mainEntity"]["url"].startswith("http://testserver/fr/forum/questions/")
    website = json_ld(client.get("/fr/"))[1]
    assert website["inLanguage"] == "fr"
    assert website["potentialAction"]["target"]["urlTemplate"].startswith("http://testserver/fr/search/")


def context_of(response) -> dict:
    """The context the page's template was rendered with (the first one;
    the others are its includes'), as the tag in base.html's <head> sees it."""
    return response.context[0].flatten()


@pytest.mark.parametrize("address", ["/en/forum/", "/en/decisions/", "/en/calendar/", "/en/knowledge/", "/en/topics/"])
def test_listings_have_none_and_cost_no_query(client, plastic_decision, address):
    QuestionFactory.create_batch(3)
    BestPracticeFactory.create_batch(3)
    MeetingFactory.create_batch(3)
    response = client.get(address)
    assert response.status_code == 200
    assert json_ld(response) == []
    context = context_of(response)
    with CaptureQueriesContext(connection) as queries:
        assert for_context(context) == []
    assert len(queries) == 0


def test_the_share_form_for_a_draft_has_none(client):
    sharer = MemberFactory()
    client.force_login(sharer)
    draft = BestPracticeFactory(submitter=sharer, live=False)
    context = {"request": client.get("/en/knowledge/share/").wsgi_request, "page": draft}
    assert for_context(context) == []


def test_a_question_page_costs_the_same_queries_however_many_answers(client):
    def queries(answers: int) -> int:
        question = QuestionFactory()
        AnswerFactory.create_batch(answers, question=question)
        context = context_of(client.get(question.get_absolute_url()))
        with CaptureQueriesContext(connection) as captured:
            assert len(for_context(context)[0]["mainEntity"].get("suggestedAnswer", [])) == answers
        return len(captured)

    assert queries(1) == queries(6) <= 2
