"""Anonymous pages from the shared cache (#17): served without a query and
without a cookie; any change is seen by the very next visitor; a member's
page is never stored nor served to anyone else; a page with a message or a
form that posts is never stored."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from community.constants import CloseReason
from community.models import ModerationAction
from community.services import close_question, flag_post, moderate, post_answer
from conventions.models import Country
from policies.models import SiteIdentity
from search.models import SearchQueryLog
from tests.community.factories import QuestionFactory
from tests.conventions.factories import CountryFactory, DecisionFactory, MeetingFactory, PartyStatusFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db

CACHEABLE = "public, max-age=0, must-revalidate"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def visitor() -> Client:
    """Someone new, who has never been to the hub."""
    return Client(headers={"accept-encoding": "identity"})


def text_of(response) -> str:
    return " ".join(html(response).get_text(" ").split())


def senegal_row(response) -> str:
    rows = [" ".join(tr.get_text(" ").split()) for tr in html(response).select("table tr")]
    (row,) = [row for row in rows if "Senegal" in row]
    return row


def seen(path: str) -> str:
    response = visitor().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def content():
    question = QuestionFactory(title="Where can obsolete pesticides be stored safely?", topics=["pcbs"])
    item = BestPracticeFactory(title="Take-back of mobile phones in Nairobi", topics=["pcbs"])
    decision = DecisionFactory(code="BC-14/12", title="Amendments to Annexes II, VIII and IX")
    MeetingFactory(slug="bc-cop-17", title="Seventeenth meeting of the Conference of the Parties")
    CountryFactory(iso2="SN", iso3="SEN", name="Senegal")
    return {"question": question, "item": item, "decision": decision}


def pages(content) -> list[str]:
    return [
        "/en/",
        "/ar/",
        "/en/knowledge/",
        content["item"].url,
        "/en/forum/",
        content["question"].get_absolute_url(),
        "/en/decisions/",
        f"/en/decisions/{content['decision'].path_code}/",
        "/en/calendar/",
        "/en/parties/",
        "/en/countries/SEN/",
        "/en/topics/pcbs/",
    ]


def test_a_visitors_pages_come_from_the_cache_without_a_query_or_a_cookie(content, django_assert_num_queries):
    for path in pages(content):
        first = visitor().get(path)
        assert first.status_code == 200, path
        assert not first.cookies, path
        assert first["Cache-Control"] == CACHEABLE, path
        assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in first["Vary"].split(",")}, path
        assert 'name="csrfmiddlewaretoken"' not in first.content.decode(), path
        with django_assert_num_queries(0):
            again = visitor().get(path)
        assert again.content == first.content, path
        assert again["X-Page-Cache"] == "hit"
        assert again["Content-Language"] == first["Content-Language"]


def test_each_encoding_is_stored_apart_and_a_revalidation_costs_nothing(content):
    path = "/en/decisions/"
    plain = visitor().get(path)
    brotli_client = Client(headers={"accept-encoding": "br"})
    compressed = brotli_client.get(path)
    assert compressed["Content-Encoding"] == "br"
    again = Client(headers={"accept-encoding": "identity"}).get(path)
    assert "Content-Encoding" not in again
    assert again.content == plain.content
    not_modified = visitor().get(path, headers={"if-none-match": plain["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == plain["ETag"]


def test_a_new_answer_is_on_the_question_page_and_in_the_forum_list_at_once(content, established_members):
    question = content["question"]
    assert "0 answers" in seen("/en/forum/")
    assert "Sealed drums on a concrete floor" not in seen(question.get_absolute_url())
    post_answer(MemberFactory(), question, body="Sealed drums on a concrete floor, under a roof.")
    assert "Sealed drums on a concrete floor" in seen(question.get_absolute_url())
    assert "1 answer" in seen("/en/forum/")


def test_a_moderated_question_leaves_every_page_at_once(content):
    question = content["question"]
    assert question.title in seen("/en/forum/")
    assert question.title in seen(question.get_absolute_url())
    moderate(EditorFactory(), question, action=ModerationAction.DELETE, reason="Spam")
    assert question.title not in seen("/en/forum/")
    assert visitor().get(question.get_absolute_url()).status_code in (404, 410)


def test_a_question_hidden_by_flags_leaves_the_list_at_once(content, settings):
    settings.FORUM_FLAGS_TO_HIDE = 2
    question = content["question"]
    assert question.title in seen("/en/forum/")
    for _ in range(2):  # hidden by a queryset update(), which sends no signal
        flag_post(MemberFactory(), question, reason="spam")
    assert question.title not in seen("/en/forum/")


def test_an_edited_knowledge_item_is_new_on_its_page_the_list_the_home_and_its_topic(content):
    item = content["item"]
    shown_on = [item.url, "/en/knowledge/", "/en/", "/en/topics/pcbs/"]
    for path in shown_on:
        assert "Take-back of mobile phones in Nairobi" in seen(path), path
    item.title = "Take-back of phones and computers in Nairobi and Mombasa"
    item.save_revision().publish()
    for path in shown_on:
        assert "Take-back of phones and computers in Nairobi and Mombasa" in seen(path), path


def test_an_unpublished_item_is_gone_at_once(content):
    item = content["item"]
    path = item.url
    assert item.title in seen("/en/knowledge/")
    seen(path)
    item.unpublish()
    assert visitor().get(path).status_code == 404
    assert item.title not in seen("/en/knowledge/")


def test_a_reference_data_edit_is_seen_at_once(content):
    decision = content["decision"]
    path = f"/en/decisions/{decision.path_code}/"
    assert "Amendments to Annexes II, VIII and IX" in seen(path)
    decision.title = "Plastic waste amendments"
    decision.save()
    assert "Plastic waste amendments" in seen(path)
    assert "Plastic waste amendments" in seen("/en/decisions/")


def test_an_import_is_seen_at_once(content, tmp_path):
    assert "BC-16/1" not in seen("/en/decisions/")
    rows = tmp_path / "decisions.csv"
    rows.write_text("code,convention,cop,title,source_url\nBC-16/1,Basel,16,Strategic framework,\n")
    call_command("import_reference_data", str(rows), stdout=io.StringIO())
    assert "BC-16/1" in seen("/en/decisions/")


def test_the_site_settings_change_every_page_at_once(content):
    assert "clearing-house@brs.example" not in seen("/en/decisions/")
    SiteIdentity.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"contact_email": "clearing-house@brs.example"}
    )
    assert "clearing-house@brs.example" in seen("/en/decisions/")
    assert "clearing-house@brs.example" in seen("/en/forum/")


def test_a_members_page_is_neither_served_from_the_cache_nor_stored(content):
    question = content["question"]
    path = question.get_absolute_url()
    assert "Post your answer" not in seen(path)  # a visitor's page, now stored
    member = MemberFactory(display_name="Aminata Diallo")
    client = Client()
    client.force_login(member)
    page = client.get(path)
    assert "Post your answer" in page.content.decode()
    assert "Aminata Diallo" in page.content.decode()
    assert page["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in page
    for reader in (visitor(), Client()):
        body = reader.get(path).content.decode()
        assert "Aminata Diallo" not in body
        assert "Post your answer" not in body


def test_a_page_with_a_message_or_a_form_that_posts_is_never_stored(content):
    path = f"/en/decisions/{content['decision'].path_code}/"
    client = visitor()
    asked = client.get("/en/feedback/", {"path": path, "useful": "no"})
    assert 'name="csrfmiddlewaretoken"' in asked.content.decode()
    assert "csrftoken" in asked.cookies
    assert asked["Cache-Control"] == "private, no-cache"
    answered = client.post("/en/feedback/", {"path": path, "useful": "no", "comment": ""})
    assert answered.status_code == 302
    thanked = client.get(path)
    assert "Thank you: your answer helps the secretariat" in thanked.content.decode()
    assert "Thank you: your answer helps the secretariat" not in seen(path)
    assert "Thank you: your answer helps the secretariat" not in client.get(path).content.decode()


def test_nothing_is_cached_when_the_setting_is_zero(content, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    seen("/en/decisions/")
    response = visitor().get("/en/decisions/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_an_editors_closing_of_a_question_is_seen_at_once(content):
    question = content["question"]
    assert "Off-topic for this hub" not in seen(question.get_absolute_url())
    close_question(EditorFactory(), question, reason=CloseReason.OFF_TOPIC)  # an update() and a log entry
    assert "Off-topic for this hub" in seen(question.get_absolute_url())


def test_searches_are_never_served_from_the_page_cache_so_each_is_counted(content):
    for _ in range(2):
        response = visitor().get("/en/search/", {"q": "pesticides"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert SearchQueryLog.objects.get(query="pesticides").searches == 2


def test_a_members_parties_page_reuses_the_map_and_table_until_the_data_changes(content):
    senegal = Country.objects.get(iso3="SEN")
    status = PartyStatusFactory(country=senegal, signature_on=datetime.date(1990, 3, 22))
    member = Client()
    member.force_login(MemberFactory(display_name="Aminata Diallo"))
    member.get("/en/")  # the session and the member's frame, read once
    with CaptureQueriesContext(connection) as fresh:
        first = member.get("/en/parties/")
    assert "Signatory" in senegal_row(first)
    with CaptureQueriesContext(connection) as again:
        second = member.get("/en/parties/")
    assert second.content.decode().count("<tr>") == first.content.decode().count("<tr>")
    # The countries, their groups and their statuses are not read again.
    assert len(again) <= len(fresh) - 3
    visitor_page = Client().get("/en/parties/")
    assert "Aminata Diallo" in second.content.decode()  # the member's own frame around it
    assert "Aminata Diallo" not in visitor_page.content.decode()
    status.consent_on = datetime.date(1992, 5, 5)
    status.save()
    row = senegal_row(member.get("/en/parties/"))
    assert "Party" in row
    assert "1992" in row
    assert "Signatory" not in row
