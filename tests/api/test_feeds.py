"""The Atom feeds (/<lang>/…/feed/) as a feed reader gets them: it never
signs in, so it reads only what a visitor may read, in the language of the
address; and the pages that have a feed announce it in their head."""

import datetime

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import PageViewRestriction

from community.constants import GroupPrivacy, PostStatus
from community.models import Question
from conventions.constants import MeetingStatus
from conventions.models import Decision
from knowledge.services import submit_for_review
from tests.community.factories import GroupFactory, QuestionFactory
from tests.conventions.factories import CountryFactory, DecisionFactory, MeetingFactory
from tests.knowledge.factories import BestPracticeFactory, ProjectSummaryFactory
from tests.pages import html
from tests.profiles.factories import MemberFactory

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def entries(feed) -> list[dict]:
    """Each entry as a reader shows it."""
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "published": entry.findtext(f"{ATOM}published"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "categories": [category.get("term") for category in entry.findall(f"{ATOM}category")],
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def titles(client, url) -> list[str]:
    return [entry["title"] for entry in entries(read_feed(client, url))]


def announced_feeds(response) -> list[str]:
    """The Atom feeds a page announces in its head."""
    assert response.status_code == 200
    head = html(response).head
    return [link["href"] for link in head.find_all("link", rel="alternate", type="application/atom+xml")]


# ---------------------------------------------------------------- knowledge


@pytest.fixture
def senegal(db):
    return CountryFactory(iso2="SN", iso3="SEN", name="Senegal")


@pytest.fixture
def items(senegal):
    sharer = MemberFactory(display_name="Awa Ndiaye", email="awa.ndiaye@example.org")
    return {
        "pcb_senegal": ProjectSummaryFactory(
            title="PCB inventory in Senegal",
            topics=["pcbs"],
            countries=[senegal],
            submitter=sharer,
            first_published_at=days_ago(1),
            last_published_at=days_ago(1),
        ),
        "pcb": BestPracticeFactory(
            title="Phasing out PCB transformers", topics=["pcbs"], first_published_at=days_ago(5)
        ),
        "ewaste_senegal": BestPracticeFactory(
            title="E-waste collection in Dakar",
            topics=["e-waste"],
            countries=[senegal],
            first_published_at=days_ago(10),
        ),
    }


@pytest.mark.django_db
def test_published_items_newest_first_with_dates_author_and_topics(client, items):
    feed = read_feed(client, "/en/knowledge/feed/")
    assert feed.get(XML_LANG) == "en"
    assert feed.findtext(f"{ATOM}title") == "Knowledge items"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/en/knowledge/feed/"
    found = entries(feed)
    assert [entry["title"] for entry in found] == [
        "PCB inventory in Senegal",
        "Phasing out PCB transformers",
        "E-waste collection in Dakar",
    ]
    newest = found[0]
    assert newest["link"] == f"http://testserver/en/knowledge/{items['pcb_senegal'].slug}/"
    assert newest["published"] and newest["updated"]
    assert newest["author"] == "Awa Ndiaye"
    assert newest["summary"] == "A national inventory of PCB-containing transformers."
    assert newest["categories"] == ["PCBs"]
    assert b"awa.ndiaye@example.org" not in client.get("/en/knowledge/feed/").content


@pytest.mark.django_db
def test_drafts_items_in_review_and_items_behind_a_login_are_not_in_the_feed(client, items, member):
    BestPracticeFactory(title="A draft nobody sent", live=False)
    in_review = BestPracticeFactory(title="An item in review", live=False, owner=member, submitter=member)
    in_review.save_revision(user=member)
    submit_for_review(in_review, member)
    assert in_review.workflow_in_progress
    restricted = BestPracticeFactory(title="For members only", first_published_at=days_ago(0))
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    shown = titles(client, "/en/knowledge/feed/")
    assert "PCB inventory in Senegal" in shown
    assert not {"A draft nobody sent", "An item in review", "For members only"} & set(shown)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?topic=pcbs", ["PCB inventory in Senegal", "Phasing out PCB transformers"]),
        ("?country=SEN", ["PCB inventory in Senegal", "E-waste collection in Dakar"]),
        ("?topic=pcbs&country=SEN", ["PCB inventory in Senegal"]),
        ("?type=best_practice", ["Phasing out PCB transformers", "E-waste collection in Dakar"]),
        # The listing's sort and page are kept in its address, and mean nothing to a feed.
        ("?topic=pcbs&sort=title&page=2", ["PCB inventory in Senegal", "Phasing out PCB transformers"]),
        ("?topic=contaminated-sites", []),
    ],
)
def test_the_listings_filters_narrow_the_feed(client, items, query, expected):
    assert titles(client, "/en/knowledge/feed/" + query) == expected


@pytest.mark.django_db
def test_the_feed_is_named_after_its_filters_and_links_to_the_filtered_listing(client, items):
    feed = read_feed(client, "/en/knowledge/feed/?topic=pcbs&country=SEN")
    assert feed.findtext(f"{ATOM}title") == "Knowledge items · PCBs · Senegal"
    page = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert page == "http://testserver/en/knowledge/?topic=pcbs&country=SEN"


@pytest.mark.django_db
def test_bad_filter_values_are_named_in_a_400(client, items):
    response = client.get("/en/knowledge/feed/?country=XXX&year=abc")
    assert response.status_code == 400
    message = response.content.decode()
    assert "Country:" in message and "Year:" in message


@pytest.mark.django_db
def test_the_french_feed_is_in_french_and_links_to_french_pages(client, items):
    feed = read_feed(client, "/fr/knowledge/feed/?topic=pcbs")
    assert feed.get(XML_LANG) == "fr"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/fr/knowledge/feed/?topic=pcbs"
    links = [entry["link"] for entry in entries(feed)]
    assert links and all(link.startswith("http://testserver/fr/knowledge/") for link in links)


@pytest.mark.django_db
def test_the_knowledge_feed_takes_as_many_queries_for_20_items_as_for_3(client, items, senegal):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/knowledge/feed/?country=SEN").status_code == 200
        return len(captured)

    queries()  # the site's root paths and the locales, read once per process or cache
    with_three = queries()
    for number in range(17):
        BestPracticeFactory(
            title=f"Practice {number}",
            topics=["pcbs", "e-waste"],
            countries=[senegal],
            submitter=MemberFactory(),
            first_published_at=days_ago(20 + number),
        )
    assert len(titles(client, "/en/knowledge/feed/?country=SEN")) == 19
    assert queries() == with_three


# ---------------------------------------------------------------- forum


@pytest.fixture
def forum(db):
    """Public questions, and questions no visitor may read."""
    asker = MemberFactory(display_name="Amina Diallo", email="amina.diallo@example.org")
    insider = MemberFactory()
    bureau = GroupFactory(name="Bureau", slug="bureau", privacy=GroupPrivacy.PRIVATE, members=[insider])
    customs = GroupFactory(name="Customs officers", slug="customs-officers")
    questions = {
        "public": QuestionFactory(title="How do you label PCB transformers?", author=asker, topics=["pcbs"]),
        "in_group": QuestionFactory(title="Which HS codes for e-waste?", group=customs, topics=["e-waste"]),
        "private": QuestionFactory(title="Draft agenda of the bureau", group=bureau, topics=["pcbs"]),
        "held": QuestionFactory(title="A newcomer's first PCB question", status=PostStatus.HELD, topics=["pcbs"]),
        "hidden": QuestionFactory(title="Cheap PCB disposal, call now", status=PostStatus.HIDDEN, topics=["pcbs"]),
        "deleted": QuestionFactory(title="A removed PCB question", status=PostStatus.DELETED, topics=["pcbs"]),
        "held_in_group": QuestionFactory(title="Customs codes, held", group=customs, status=PostStatus.HELD),
    }
    for age, question in enumerate(questions.values()):
        Question.objects.filter(pk=question.pk).update(created_at=days_ago(age))
    return {"questions": questions, "bureau": bureau, "customs": customs, "insider": insider}


PUBLIC = ["How do you label PCB transformers?", "Which HS codes for e-waste?"]
NEVER_IN_A_FEED = {
    "Draft agenda of the bureau",
    "A newcomer's first PCB question",
    "Cheap PCB disposal, call now",
    "A removed PCB question",
    "Customs codes, held",
}


@pytest.mark.django_db
def test_the_forum_feed_has_the_new_public_questions_only(client, forum):
    feed = read_feed(client, "/en/forum/feed/")
    assert feed.findtext(f"{ATOM}title") == "Questions and answers"
    found = entries(feed)
    assert [entry["title"] for entry in found] == PUBLIC
    question = forum["questions"]["public"]
    first = found[0]
    assert first["link"] == f"http://testserver/en/forum/questions/{question.pk}/how-do-you-label-pcb-transformers/"
    assert first["id"] == f"http://testserver/en/forum/questions/{question.pk}/"
    assert first["author"] == "Amina Diallo"
    assert first["published"] and first["updated"]
    assert first["summary"] == "We surveyed every transformer once."
    assert first["categories"] == ["PCBs"]
    assert b"amina.diallo@example.org" not in client.get("/en/forum/feed/").content


@pytest.mark.django_db
def test_a_member_of_the_private_group_gets_the_visitors_feed(client, forum):
    client.force_login(forum["insider"])
    assert titles(client, "/en/forum/feed/") == PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?topic=pcbs", ["How do you label PCB transformers?"]),
        ("?group=customs-officers", ["Which HS codes for e-waste?"]),
        ("?view=unanswered", PUBLIC),
        ("?view=latest&topic=e-waste", ["Which HS codes for e-waste?"]),
    ],
)
def test_the_forums_filters_narrow_the_feed(client, forum, query, expected):
    assert titles(client, "/en/forum/feed/" + query) == expected


@pytest.mark.django_db
def test_unknown_filters_are_a_400_and_a_private_group_is_as_unknown_as_a_missing_one(client, forum):
    for query in ("?topic=no-such-topic", "?country=ZZZ", "?view=mine", "?group=no-such-group"):
        assert client.get("/en/forum/feed/" + query).status_code == 400
    private = client.get("/en/forum/feed/?group=bureau")
    missing = client.get("/en/forum/feed/?group=zzzzzz")
    assert private.status_code == missing.status_code == 400
    assert private.content.decode().replace("bureau", "zzzzzz") == missing.content.decode()


@pytest.mark.django_db
def test_titles_and_summaries_are_text_never_markup(client, db):
    QuestionFactory(
        title="Are <b>bold</b> & <i>italic</i> allowed?",
        body_markdown="Use **bold** text.\n\n<script>alert(1)</script>",
    )
    (entry,) = entries(read_feed(client, "/en/forum/feed/"))
    assert entry["title"] == "Are <b>bold</b> & <i>italic</i> allowed?"
    # HTML typed into a post is its text (core.markup.NoRawHtml); the summary (type="html") carries
    # that text escaped, so a reader shows it as typed and never runs it.
    assert entry["summary"] == "Use bold text. &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.django_db
def test_the_french_forum_feed_has_its_french_title_and_links(client, forum):
    feed = read_feed(client, "/fr/forum/feed/")
    assert feed.get(XML_LANG) == "fr"
    assert feed.findtext(f"{ATOM}title") == "Questions et réponses"
    assert [entry["link"].split("/")[3] for entry in entries(feed)] == ["fr", "fr"]
    arabic = read_feed(client, "/ar/forum/feed/")
    assert arabic.get(XML_LANG) == "ar"
    assert all(entry["link"].startswith("http://testserver/ar/forum/") for entry in entries(arabic))


@pytest.mark.django_db
def test_the_forum_feed_takes_as_many_queries_for_20_questions_as_for_3(client, db):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/forum/feed/?topic=pcbs").status_code == 200
        return len(captured)

    for _number in range(3):
        QuestionFactory(topics=["pcbs", "e-waste"]).tags.add("customs")
    queries()
    with_three = queries()
    for _number in range(17):
        QuestionFactory(topics=["pcbs"], group=GroupFactory()).tags.add("labels", "inventories")
    assert len(titles(client, "/en/forum/feed/?topic=pcbs")) == 20
    assert queries() == with_three


# ---------------------------------------------------------------- groups


@pytest.mark.django_db
def test_a_public_groups_feed_has_its_discussions_and_the_knowledge_shared_with_it(client, forum):
    shared = BestPracticeFactory(title="Customs checklist", first_published_at=days_ago(30))
    shared.groups.add(forum["customs"])
    shared.save()  # a page's relations are kept with the page
    feed = read_feed(client, "/en/groups/customs-officers/feed/")
    assert feed.findtext(f"{ATOM}title") == "Customs officers"
    assert titles(client, "/en/groups/customs-officers/feed/") == ["Which HS codes for e-waste?", "Customs checklist"]
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/en/groups/customs-officers/"


@pytest.mark.django_db
def test_a_private_groups_feed_is_not_found_even_for_its_members(client, forum):
    assert client.get("/en/groups/bureau/feed/").status_code == 404
    client.force_login(forum["insider"])
    assert client.get("/en/groups/bureau/feed/").status_code == 404
    assert client.get("/en/groups/no-such-group/feed/").status_code == 404


# ---------------------------------------------------------------- topics


@pytest.mark.django_db
def test_a_topics_feed_has_its_items_and_public_questions(client, items, forum):
    feed = read_feed(client, "/en/topics/pcbs/feed/")
    assert feed.findtext(f"{ATOM}title") == "PCBs"
    shown = titles(client, "/en/topics/pcbs/feed/")
    # Newest first, whatever their kind.
    assert shown == ["How do you label PCB transformers?", "PCB inventory in Senegal", "Phasing out PCB transformers"]
    assert not NEVER_IN_A_FEED & set(shown)
    french = read_feed(client, "/fr/topics/pcbs/feed/")
    assert all(entry["link"].startswith("http://testserver/fr/") for entry in entries(french))


@pytest.mark.django_db
def test_a_tags_feed_and_a_tag_only_private_discussions_use(client, forum):
    forum["questions"]["public"].tags.add("labels")
    forum["questions"]["private"].tags.add("bureau-agenda")
    assert titles(client, "/en/topics/labels/feed/") == ["How do you label PCB transformers?"]
    assert client.get("/en/topics/bureau-agenda/feed/").status_code == 404
    assert client.get("/en/topics/no-such-topic/feed/").status_code == 404


# ---------------------------------------------------------------- decisions and meetings


@pytest.mark.django_db
def test_the_decisions_feed_lists_the_latest_changes_first(client, db):
    DecisionFactory(code="BC-14/12", title="Plastic waste amendments", topics=["plastic-waste"])
    DecisionFactory(code="SC-4/17", title="Listing of PFOS", summary="Adds PFOS to Annex B.")
    Decision.objects.filter(code="BC-14/12").update(updated_at=days_ago(3))
    feed = read_feed(client, "/en/decisions/feed/")
    assert feed.findtext(f"{ATOM}title") == "COP decisions"
    first, second = entries(feed)
    assert first["title"] == "SC-4/17 Listing of PFOS"
    assert first["link"] == "http://testserver/en/decisions/SC-4-17/"
    assert first["summary"] == "Adds PFOS to Annex B." and first["updated"]
    assert second["link"] == "http://testserver/en/decisions/BC-14-12/"
    assert second["categories"] == ["Basel Convention", "Plastic waste"]
    french = entries(read_feed(client, "/fr/decisions/feed/"))
    assert french[0]["link"] == "http://testserver/fr/decisions/SC-4-17/"


@pytest.mark.django_db
def test_the_calendar_feed_has_upcoming_and_recent_meetings_with_their_dates(client, db):
    today = timezone.localdate()
    geneva = CountryFactory(iso2="CH", iso3="CHE", name="Switzerland")
    MeetingFactory(
        slug="bc-cop-18",
        title="Eighteenth meeting of the Conference of the Parties",
        conventions=["BC"],
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=14),
        city="Geneva",
        country=geneva,
    )
    MeetingFactory(
        title="Webinar on PIC", start_date=today - datetime.timedelta(days=10), status=MeetingStatus.CANCELLED
    )
    MeetingFactory(title="A workshop of long ago", start_date=today - datetime.timedelta(days=90))
    feed = read_feed(client, "/en/calendar/feed/")
    assert feed.findtext(f"{ATOM}title") == "Calendar of meetings"
    recent, upcoming = entries(feed)
    assert upcoming["title"] == "Eighteenth meeting of the Conference of the Parties"
    assert upcoming["link"] == "http://testserver/en/calendar/bc-cop-18/"
    with translation.override("en"):
        start = date_format(today + datetime.timedelta(days=10), "DATE_FORMAT")
        end = date_format(today + datetime.timedelta(days=14), "DATE_FORMAT")
    assert upcoming["summary"] == f"{start} to {end} · Geneva, Switzerland"
    assert "Basel Convention" in upcoming["categories"]
    assert recent["title"] == "Webinar on PIC" and "Cancelled" in recent["summary"]


# ---------------------------------------------------------------- the pages announce their feeds


@pytest.mark.django_db
def test_the_knowledge_listing_announces_the_feed_of_what_it_shows(client, items):
    assert announced_feeds(client.get("/en/knowledge/")) == ["/en/knowledge/feed/"]
    filtered = announced_feeds(client.get("/en/knowledge/?topic=pcbs&country=SEN&sort=title&page=1"))
    assert filtered == ["/en/knowledge/feed/?topic=pcbs&country=SEN"]
    assert titles(client, filtered[0]) == ["PCB inventory in Senegal"]
    assert announced_feeds(client.get("/en/knowledge/best-practices/")) == ["/en/knowledge/feed/?type=best_practice"]
    # The listing shows everything when a filter is wrong, and so does the feed it announces.
    assert announced_feeds(client.get("/en/knowledge/?country=XXX")) == ["/en/knowledge/feed/"]


@pytest.mark.django_db
def test_the_forum_groups_and_topics_announce_their_feeds(client, forum):
    assert announced_feeds(client.get("/en/forum/")) == ["/en/forum/feed/"]
    in_a_group = announced_feeds(client.get("/en/forum/?group=customs-officers"))
    assert in_a_group == ["/en/forum/feed/?view=latest&group=customs-officers"]
    on_pcbs = announced_feeds(client.get("/en/forum/?topic=pcbs&view=unanswered"))
    assert on_pcbs == ["/en/forum/feed/?view=unanswered&topic=pcbs"]
    assert titles(client, on_pcbs[0]) == ["How do you label PCB transformers?"]
    assert announced_feeds(client.get("/en/groups/customs-officers/")) == ["/en/groups/customs-officers/feed/"]
    assert announced_feeds(client.get("/en/topics/pcbs/")) == ["/en/topics/pcbs/feed/"]
    assert announced_feeds(client.get("/fr/topics/pcbs/")) == ["/fr/topics/pcbs/feed/"]


@pytest.mark.django_db
def test_a_private_group_announces_no_feed_to_its_members(client, forum):
    client.force_login(forum["insider"])
    assert announced_feeds(client.get("/en/groups/bureau/")) == []
    assert announced_feeds(client.get("/en/forum/?group=bureau")) == []


@pytest.mark.django_db
def test_decisions_and_the_calendar_announce_their_feeds(client, db):
    assert announced_feeds(client.get("/en/decisions/")) == ["/en/decisions/feed/"]
    assert announced_feeds(client.get("/en/calendar/")) == ["/en/calendar/feed/"]
    assert announced_feeds(client.get("/ar/calendar/")) == ["/ar/calendar/feed/"]
    assert client.get("/en/calendar/feed/").status_code == 200
