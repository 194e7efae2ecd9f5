"""The mandate's indicators (#15): every figure computed on one known data
set (below) and compared with what was counted by hand, as the dashboard
/<lang>/indicators/, its CSV files and packages.dashboard.build show them."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.constants import GroupPrivacy, PostStatus
from community.models import Answer, Question
from conventions.models import RegionalGroup
from packages.dashboard import SECTIONS, Period, build
from packages.feedback import neutral_path
from packages.indicators import refresh
from packages.models import DailyVisitors, MemberVisits, PageFeedback, PageView, SurveyResponse
from profiles.constants import Role, VerificationStatus
from search import services as search_services
from search.models import SearchQueryLog
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.conventions.factories import CountryFactory, PartyStatusFactory, RegionalGroupFactory, instruments
from tests.knowledge.factories import BestPracticeFactory, ProjectSummaryFactory
from tests.packages.factories import SurveyFactory, SurveyResponseFactory
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory, VerificationFactory

UTC = datetime.UTC
PRIVATE_TITLE = "Confidential: our customs seizure of mislabelled drums"
PRACTICE_TITLE = "Cable-burning alternatives in Nairobi"


def at(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


def backdate(model, pk, **fields):
    """auto_now_add fields can only be set after the row is written."""
    model.objects.filter(pk=pk).update(**fields)


@pytest.fixture
def data(db):
    """The known data set the figures below were counted from by hand."""
    kenya = CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")
    senegal = CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    france = CountryFactory(iso2="FR", iso3="FRA", numeric="250", name="France")
    brazil = CountryFactory(iso2="BR", iso3="BRA", numeric="076", name="Brazil")
    RegionalGroupFactory(code="AFRICA", name="African States", countries=[kenya, senegal])
    weog = RegionalGroupFactory(code="WEOG", name="Western European and other States", countries=[france])
    RegionalGroupFactory(code="GRULAC", name="Latin American and Caribbean States", countries=[brazil])
    consent = datetime.date(2001, 5, 2)
    for code, countries in {
        "BC": [kenya, france, senegal, brazil],
        "RC": [kenya],
        "SC": [france, kenya],
    }.items():
        for country in countries:
            PartyStatusFactory(country=country, instrument=instruments([code]).get(), consent_on=consent)

    alice = MemberFactory(display_name="Alice", profile__country=kenya)
    bob = MemberFactory(display_name="Bob", profile__country=france)
    carol = MemberFactory(display_name="Carol", profile__country=senegal)
    dave = MemberFactory(display_name="Dave")
    # Staff are not members the indicators count: Brazil has no registered member.
    EditorFactory(display_name="Secretariat editor", profile__country=brazil)

    # Knowledge: one item in two languages counts once; a draft not at all.
    practice = BestPracticeFactory(
        title=PRACTICE_TITLE, submitter=alice, conventions=["BC"], first_published_at=at(2026, 3, 10, 9)
    )
    ProjectSummaryFactory(submitter=None, conventions=["BC", "SC"], first_published_at=at(2025, 11, 20, 9))
    BestPracticeFactory(submitter=carol, live=False, first_published_at=None)
    french = practice.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Alternatives au brûlage des câbles à Nairobi"
    french.save_revision().publish()
    type(french).objects.filter(pk=french.pk).update(first_published_at=at(2026, 4, 20, 9))

    # Questions and answers.
    q1_at = at(2026, 3, 1, 10)
    q1 = QuestionFactory(author=alice, conventions=["BC"])
    backdate(Question, q1.pk, created_at=q1_at)
    a1 = AnswerFactory(question=q1, author=bob)
    backdate(Answer, a1.pk, created_at=q1_at + datetime.timedelta(hours=5))
    a2 = AnswerFactory(question=q1, author=carol)
    backdate(Answer, a2.pk, created_at=q1_at + datetime.timedelta(hours=30))
    backdate(Question, q1.pk, accepted_answer=a2)
    q2 = QuestionFactory(author=bob, conventions=["RC"])
    backdate(Question, q2.pk, created_at=at(2026, 3, 5, 10))
    held = AnswerFactory(question=q2, author=dave, status=PostStatus.HELD)
    backdate(Answer, held.pk, created_at=at(2026, 3, 5, 12))
    private = GroupFactory(name="Customs officers", privacy=GroupPrivacy.PRIVATE, members=[alice, carol])
    q3_at = at(2026, 4, 1, 9)
    q3 = QuestionFactory(author=carol, group=private, title=PRIVATE_TITLE)
    backdate(Question, q3.pk, created_at=q3_at)
    a3 = AnswerFactory(question=q3, author=alice)
    backdate(Answer, a3.pk, created_at=q3_at + datetime.timedelta(hours=2))
    q4 = QuestionFactory(author=alice, status=PostStatus.HIDDEN, conventions=["SC"])
    backdate(Question, q4.pk, created_at=at(2026, 3, 20, 10))

    # Roles the secretariat verified.
    VerificationFactory(
        user=alice,
        role=Role.FOCAL_POINT,
        country=kenya,
        instrument=instruments(["BC"]).get(),
        decided_at=at(2026, 2, 15, 12),
    )
    VerificationFactory(user=dave, role=Role.EXPERT, decided_at=at(2026, 2, 16, 12))
    VerificationFactory(user=carol, role=Role.EXPERT, status=VerificationStatus.PENDING)

    # "Was this page useful?": three yes, one no, in March 2026.
    for useful in (True, True, True, False):
        feedback = PageFeedback.objects.create(path="/information/", language="en", useful=useful)
        backdate(PageFeedback, feedback.pk, created_at=at(2026, 3, 12, 10))

    # The survey.
    survey = SurveyFactory()
    SurveyResponseFactory(
        survey=survey, satisfaction=4, uses=["forum", "knowledge"], role="focal_point", country=senegal
    )
    SurveyResponseFactory(survey=survey, satisfaction=5, uses=["forum"], role="expert", region=weog, country=None)
    # Three more: the survey's answers are published from five respondents.
    for satisfaction in (3, 3, 5):
        SurveyResponseFactory(
            survey=survey, satisfaction=satisfaction, uses=[], role="other", region=weog, country=None
        )

    # Visits.
    path = neutral_path(practice.url)
    PageView.objects.create(day=datetime.date(2026, 3, 1), language="en", path=path, views=10)
    PageView.objects.create(day=datetime.date(2026, 3, 1), language="fr", path=path, views=5)
    PageView.objects.create(day=datetime.date(2026, 3, 2), language="en", path="/forum/", views=7)
    DailyVisitors.objects.create(day=datetime.date(2026, 3, 1), visitors=4)
    DailyVisitors.objects.create(day=datetime.date(2026, 3, 2), visitors=3)
    MemberVisits.objects.create(day=datetime.date(2026, 3, 1), country=kenya, members=2)
    SearchQueryLog.objects.create(query="mercury amalgam", language="en", day=datetime.date(2026, 3, 3), searches=3)
    SearchQueryLog.objects.create(query="john@example.org", language="en", day=datetime.date(2026, 3, 3), searches=2)
    SearchQueryLog.objects.create(query="pfos", language="en", day=datetime.date(2026, 3, 3), searches=4, results=5)

    # "Most read" names only pages the search index holds (publishing queues
    # the indexing for after the commit, which a test never reaches).
    search_services.rebuild()
    refresh()
    return SimpleNamespace(
        kenya=kenya, senegal=senegal, france=france, brazil=brazil, practice=practice, path=path, alice=alice
    )


# Reading the page as a person does ------------------------------------------------------------------


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def section(page, slug):
    found = page.find("section", id=slug)
    assert found is not None, slug
    return found


def headlines(part) -> dict[str, str]:
    """{what is counted: the figure} of a section's headline figures."""
    figures = {}
    for item in part.select("ul.indicator-headlines li"):
        figure, label = item.find_all("span", recursive=True)[:2]
        figures[text(label)] = text(figure)
    return figures


def table(part, caption: str) -> list[list[str]]:
    """The rows of the table with this caption, header row first, cells as read."""
    for found in part.select("table.indicator-table"):
        if text(found.caption) == caption:
            return [[text(cell) for cell in row.find_all(["th", "td"])] for row in found.find_all("tr")]
    raise AssertionError(f"No table {caption!r} in {[text(t.caption) for t in part.select('table caption')]}")


def row(rows, first: str) -> list[str]:
    matching = [each for each in rows if each and each[0] == first]
    assert len(matching) == 1, (first, rows)
    return matching[0]


def dashboard(client, query="", language="en", status=200):
    response = client.get(f"/{language}/indicators/{query}")
    assert response.status_code == status, response.content.decode()[:2000]
    return html(response)


def csv_rows(client, slug, query="") -> list[list[str]]:
    response = client.get(f"/en/indicators/{slug}.csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# The figures, all years, no filter ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_shows_the_hand_counted_figures(client, data):
    page = dashboard(client)

    contributing = section(page, "contributing")
    assert headlines(contributing)["countries contributed"] == "3"
    by_convention = table(contributing, "Parties that contributed, by convention")
    assert by_convention[0] == ["Convention", "Parties that contributed", "Parties", "Share"]
    assert row(by_convention, "Basel Convention") == ["Basel Convention", "3", "4", "75.0 %"]
    # Rotterdam: only bob (France, not a Rotterdam party) asked about it; nobody's country shared on Stockholm.
    assert row(by_convention, "Rotterdam Convention") == ["Rotterdam Convention", "0", "1", "0.0 %"]
    assert row(by_convention, "Stockholm Convention") == ["Stockholm Convention", "0", "2", "0.0 %"]
    by_country = table(contributing, "Contributions by country")
    assert {each[0] for each in by_country[1:]} == {"Kenya", "France", "Senegal"}

    access = section(page, "access")
    assert headlines(access)["countries with registered members"] == "3"
    assert headlines(access)["countries visited"] == "2"
    members = table(access, "Members and visits by country")
    assert [each[:2] for each in members] == [
        ["Country", "Registered members"],
        ["France", "1"],
        ["Kenya", "1"],
        ["Senegal", "1"],
    ]

    exchanged = section(page, "exchanged")
    assert headlines(exchanged) == {"knowledge items": "2", "questions": "3", "answers": "3"}
    by_type = table(exchanged, "Items exchanged by type and month")
    assert by_type[0] == ["Month", "Best practices", "Project summaries", "Questions", "Answers", "Accepted answers"]
    assert row(by_type, "Total") == ["Total", "1", "1", "3", "3", "1"]
    assert row(by_type, "November 2025") == ["November 2025", "0", "1", "0", "0", "0"]
    assert row(by_type, "March 2026") == ["March 2026", "1", "0", "2", "2", "1"]
    assert row(by_type, "April 2026") == ["April 2026", "0", "0", "1", "1", "0"]

    expertise = section(page, "expertise")
    assert headlines(expertise) == {
        "of questions answered": "66.7 %",
        "median time to a first answer": "2 hours",
        "median time to an accepted answer": "30 hours",
    }
    by_region = table(expertise, "Questions answered by region")
    assert row(by_region, "Total") == ["Total", "3", "2", "66.7 %", "1", "2 hours", "30 hours"]
    # Carol's question in the private group counts in the total, for no region.
    assert row(by_region, "African States") == ["African States", "1", "1", "100.0 %", "1", "5 hours", "30 hours"]
    assert row(by_region, "Region not known") == ["Region not known", "1", "1", "100.0 %", "0", "2 hours", "—"]
    assert row(by_region, "Western European and other States") == [
        "Western European and other States",
        "1",
        "0",
        "0.0 %",
        "0",
        "—",
        "—",
    ]
    roles = table(expertise, "Roles verified by the secretariat, by region")
    assert roles[0] == ["UN regional group", "Focal points", "Experts", "Regional-centre staff"]
    assert roles[1:] == [
        ["African States", "1", "0", "0"],
        ["Region not known", "0", "1", "0"],
        ["Total", "1", "1", "0"],
    ]

    satisfaction = section(page, "satisfaction")
    assert headlines(satisfaction) == {
        "of answers found the page useful": "75.0 %",
        "answers to “Was this page useful?”": "4",
        "average satisfaction in the survey (1 to 5)": "4.0",
    }
    useful = table(satisfaction, "“Was this page useful?” by month")
    assert row(useful, "March 2026") == ["March 2026", "3", "1", "75.0 %"]
    uses = table(satisfaction, "Survey: what respondents use")
    assert row(uses, "Questions and answers") == ["Questions and answers", "2", "40.0 %"]
    assert row(uses, "Best practices and other knowledge items") == [
        "Best practices and other knowledge items",
        "1",
        "20.0 %",
    ]
    roles = table(satisfaction, "Survey: respondents' roles")
    assert row(roles, "Focal point or designated national authority")[1] == "1"
    assert row(roles, "Expert or researcher")[1] == "1"
    assert row(roles, "Other")[1] == "3"
    assert "5 survey responses." in text(satisfaction)

    visits = section(page, "visits")
    # 9 searches, 5 of them (3 + 2) found nothing.
    assert headlines(visits) == {
        "page views": "22",
        "visitors (summed by day)": "7",
        "of searches found nothing": "55.6 %",
    }
    assert table(visits, "Page views and visitors by month")[1:] == [["March 2026", "22", "7"]]
    assert table(visits, "Page views by language")[1:] == [["English", "17"], ["Français", "5"]]
    most_read = table(visits, "Most read")
    assert most_read[1:] == [[PRACTICE_TITLE, "15"]]
    link = visits.find("a", string=PRACTICE_TITLE)
    assert link["href"] == f"/en{data.path}"
    # What people typed is for the secretariat's report, never the public page.
    assert "mercury amalgam" not in page.decode()
    assert "john@example.org" not in page.decode()
    assert "pfos" not in text(visits)


@pytest.mark.django_db
def test_private_groups_posts_are_counted_and_never_named(client, data):
    # Even read more than anything else, the private group and its question stay unnamed.
    question = Question.objects.get(title=PRIVATE_TITLE)
    for path in (neutral_path(question.get_absolute_url()), neutral_path(question.group.get_absolute_url())):
        PageView.objects.create(day=datetime.date(2026, 4, 2), language="en", path=path, views=50)
    refresh()
    page = client.get("/en/indicators/").content.decode()
    assert PRIVATE_TITLE not in page
    assert "Customs officers" not in page
    for slug in SECTIONS:
        content = client.get(f"/en/indicators/{slug}.csv").content.decode()
        assert PRIVATE_TITLE not in content, slug
        assert "Customs officers" not in content, slug
    # ... and counted: carol's question is the third one asked, and answered.
    assert build(Period()).by_slug["expertise"].tables[0].rows[-1][:3] == ["Total", 3, 2]
    assert table(section(html(client.get("/en/indicators/")), "visits"), "Most read")[1:] == [[PRACTICE_TITLE, "15"]]


@pytest.mark.django_db
def test_most_read_names_a_translated_page_by_its_title_whichever_version_was_indexed_last(client, data):
    search_services.index_object("knowledge", data.practice.pk)  # as an edit of the English version does
    refresh()
    most_read = table(section(dashboard(client), "visits"), "Most read")
    assert most_read[1:] == [[PRACTICE_TITLE, "15"]]


@pytest.mark.django_db
def test_a_public_question_read_often_is_among_the_most_read(client, data):
    question = Question.objects.filter(group__isnull=True, accepted_answer__isnull=False).get()
    # What packages.visits records for a view of the question's page.
    path = neutral_path(question.get_absolute_url())
    PageView.objects.create(day=datetime.date(2026, 3, 3), language="en", path=path, views=20)
    refresh()
    most_read = table(section(dashboard(client), "visits"), "Most read")
    assert most_read[1:] == [[question.title, "20"], [PRACTICE_TITLE, "15"]]


@pytest.mark.django_db
def test_members_and_visits_by_country_say_what_each_column_counts(client, data):
    members = table(section(dashboard(client), "access"), "Members and visits by country")
    assert members == [
        [
            "Country",
            "Registered members",
            "Members' visits (each member once a day)",
            "Survey respondents who named it",
        ],
        # Two visits by Kenya's one member, one Senegalese respondent: too few to publish.
        ["France", "1", "0", "0"],
        ["Kenya", "1", "fewer than 5", "0"],
        ["Senegal", "1", "0", "fewer than 5"],
    ]


@pytest.mark.django_db
def test_survey_answers_are_never_shown_by_place_nor_from_fewer_than_five(client, data):
    # Senegal's one respondent: the country filter leaves the survey as a whole.
    senegal = section(dashboard(client, "?country=SEN"), "satisfaction")
    assert headlines(senegal)["average satisfaction in the survey (1 to 5)"] == "4.0"
    assert "the survey and visits are not counted by place" in text(senegal)
    # A period with fewer than five respondents shows no survey figure at all.
    SurveyResponse.objects.filter(satisfaction=3).delete()
    refresh()
    satisfaction = section(dashboard(client), "satisfaction")
    assert headlines(satisfaction)["average satisfaction in the survey (1 to 5)"] == "—"
    assert "shown once at least 5 people have answered" in text(satisfaction)
    assert satisfaction.find("caption", string="Survey: what respondents use") is None


# The filters -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_filters_narrow_the_figures_as_counted_by_hand(client, data):
    def figures(**filters) -> dict[str, dict[str, str]]:
        """{section: {what is counted: the figure}} of build()'s headlines."""
        built = build(filters.pop("period", Period()), **filters)
        return {part.slug: {str(label): figure for figure, label in part.headlines} for part in built.sections}

    by_2025 = figures(period=Period.year(2025))
    assert by_2025["contributing"]["countries contributed"] == "0"
    assert by_2025["exchanged"] == {"knowledge items": "1", "questions": "0", "answers": "0"}
    by_2026 = figures(period=Period.year(2026))
    assert by_2026["contributing"]["countries contributed"] == "3"
    assert by_2026["exchanged"] == {"knowledge items": "1", "questions": "3", "answers": "3"}
    assert by_2026["satisfaction"]["of answers found the page useful"] == "75.0 %"

    rotterdam = build(Period(), convention="RC")
    assert [(cell["text"], value) for cell, value in rotterdam.by_slug["contributing"].tables[2].rows] == [
        ("France", 1)
    ]
    assert figures(convention="RC")["contributing"]["countries contributed"] == "1"
    assert figures(convention="RC")["exchanged"] == {"knowledge items": "0", "questions": "1", "answers": "0"}
    # Stockholm: the project summary, by nobody's country; alice's hidden question is not counted.
    assert figures(convention="SC")["contributing"]["countries contributed"] == "0"
    assert figures(convention="SC")["exchanged"] == {"knowledge items": "1", "questions": "0", "answers": "0"}
    assert figures(convention="BC")["contributing"]["countries contributed"] == "3"
    assert figures(convention="BC")["exchanged"] == {"knowledge items": "2", "questions": "1", "answers": "2"}

    africa = build(Period(), region=RegionalGroup.objects.get(code="AFRICA"))
    expertise = africa.by_slug["expertise"]
    # Carol's private question has no region: only alice's counts for Africa.
    assert expertise.tables[0].rows[-1] == ["Total", 1, 1, "100.0 %", 1, "5 hours", "30 hours"]
    assert expertise.headlines[0][0] == "100.0 %"

    # Kenya: alice's question (answered after 5 hours, the accepted answer after 30) and item; her
    # answer in the private group counts for no country.
    kenya = figures(country=data.kenya)
    assert kenya["contributing"]["countries contributed"] == "1"
    assert kenya["exchanged"] == {"knowledge items": "1", "questions": "1", "answers": "0"}
    assert kenya["expertise"] == {
        "of questions answered": "100.0 %",
        "median time to a first answer": "5 hours",
        "median time to an accepted answer": "30 hours",
    }
    assert kenya["access"] == {"countries with registered members": "1", "countries visited": "1"}

    # The same, as the page shows them.
    page = dashboard(client, "?year=2025")
    assert headlines(section(page, "contributing"))["countries contributed"] == "0"
    assert headlines(section(page, "exchanged"))["knowledge items"] == "1"
    assert "Period: 2025" in text(page)
    page = dashboard(client, "?convention=RC")
    assert headlines(section(page, "contributing"))["countries contributed"] == "1"
    assert headlines(section(page, "exchanged"))["questions"] == "1"
    page = dashboard(client, "?region=AFRICA")
    assert row(table(section(page, "expertise"), "Questions answered by region"), "Total")[1:4] == [
        "1",
        "1",
        "100.0 %",
    ]
    # The CSV links keep the filters.
    page = dashboard(client, "?year=2026&convention=BC")
    assert section(page, "expertise").find("a", download=True)["href"] == (
        "/en/indicators/expertise.csv?year=2026&convention=BC"
    )


@pytest.mark.django_db
def test_an_unknown_filter_is_reported_left_out_and_answered_with_400(client, data):
    for query, message in [
        ("?convention=XX", "There is no convention with the code “XX”."),
        ("?region=NOPE", "There is no UN regional group with that code."),
        ("?country=ZZZ", "There is no country with that code."),
        ("?year=1850", "There are no figures for the year “1850”."),
    ]:
        page = dashboard(client, query, status=400)
        alert = page.find(class_="alert-danger")
        assert message in text(alert), query
        assert "the figures below are shown without it" in text(alert)
        # Shown unfiltered: the hand counts of the whole data set.
        assert headlines(section(page, "exchanged")) == {"knowledge items": "2", "questions": "3", "answers": "3"}
        assert headlines(section(page, "contributing"))["countries contributed"] == "3"
        response = client.get(f"/en/indicators/expertise.csv{query}")
        assert response.status_code == 400
        assert message in response.content.decode()
    # A known filter beside an unknown one still applies.
    page = dashboard(client, "?convention=RC&region=NOPE", status=400)
    assert headlines(section(page, "exchanged"))["questions"] == "1"


@pytest.mark.django_db
def test_each_section_downloads_as_csv_and_an_unknown_one_is_not_found(client, data):
    assert client.get("/en/indicators/nope.csv").status_code == 404
    expertise = csv_rows(client, "expertise")
    assert expertise[0] == ["Access to expertise", "since the hub opened"]
    assert ["Total", "3", "2", "66.7 %", "1", "2 hours", "30 hours"] in expertise
    assert ["African States", "1", "1", "100.0 %", "1", "5 hours", "30 hours"] in expertise
    assert ["Total", "1", "1", "0"] in expertise
    assert ["Total", "1", "1", "3", "3", "1"] in csv_rows(client, "exchanged")
    assert ["Basel Convention", "3", "4", "75.0 %"] in csv_rows(client, "contributing")
    visits = csv_rows(client, "visits")
    assert [PRACTICE_TITLE, "15"] in visits
    assert "mercury amalgam" not in str(visits)
    assert ["Total", "1", "1", "100.0 %", "1", "5 hours", "30 hours"] in csv_rows(
        client, "expertise", "?region=AFRICA"
    )


# Cost and languages ----------------------------------------------------------------------------------


def dashboard_queries(client) -> int:
    client.get("/en/indicators/")  # what is cached once per process (sites, locales) is cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/indicators/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_whatever_the_size_of_the_site(client, data):
    before = dashboard_queries(client)
    # Members from six more countries ask and answer 30 more questions over 2025.
    askers = [MemberFactory(profile__country=CountryFactory()) for _number in range(6)]
    for number in range(30):
        question = QuestionFactory(author=askers[number % 6], conventions=["BC", "RC", "SC"][: number % 3 + 1])
        asked = at(2025, 1 + number % 12, 1 + number % 28, 8)
        backdate(Question, question.pk, created_at=asked)
        answer = AnswerFactory(question=question, author=askers[(number + 1) % 6])
        backdate(Answer, answer.pk, created_at=asked + datetime.timedelta(hours=1 + number))
        backdate(Question, question.pk, accepted_answer=answer)
    for number in range(20):
        PageView.objects.create(
            day=datetime.date(2025, 6, 1) + datetime.timedelta(days=number), language="es", path=data.path, views=3
        )
        MemberVisits.objects.create(
            day=datetime.date(2025, 6, 1) + datetime.timedelta(days=number),
            country=askers[number % 6].profile.country,
            members=1,
        )
    refresh()
    assert headlines(section(dashboard(client), "exchanged"))["questions"] == "33"
    assert dashboard_queries(client) == before


@pytest.mark.django_db
def test_the_dashboard_in_other_languages(client, data):
    response = client.get("/ar/indicators/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["dir"] == "rtl"
    assert page.html["lang"] == "ar"
    # An English title inside the Arabic page says so.
    link = section(page, "visits").find("a", href=f"/ar{data.path}")
    assert (text(link), link["lang"], link["dir"]) == (PRACTICE_TITLE, "en", "ltr")
    # Figures in the reader's own way of writing numbers.
    french = dashboard(client, language="fr")
    assert "66,7 %" in [text(figure) for figure in section(french, "expertise").select(".indicator-headlines .fs-3")]


def test_the_beat_refreshes_the_figures_every_hour():
    from config.celery import app as celery_app

    entry = celery_app.conf.beat_schedule["refresh-indicators"]
    assert entry["task"] == "packages.tasks.refresh_indicators"
    assert entry["schedule"].minute == {7}
    assert entry["schedule"].hour == set(range(24))


@pytest.mark.django_db
def test_two_refreshes_never_overlap(monkeypatch):
    from django.core.cache import cache

    from packages import indicators
    from packages.models import IndicatorRefresh

    cache.add(indicators.LOCK, "1", timeout=60)  # a refresh under way elsewhere
    assert indicators.refresh() == 0
    assert not IndicatorRefresh.objects.exists()
    cache.delete(indicators.LOCK)
    indicators.refresh()
    assert IndicatorRefresh.objects.count() == 1
