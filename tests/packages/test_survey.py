"""The satisfaction survey: the secretariat opens and closes it in the
admin; anyone with the link answers once; signed-in members are offered it
once; bad input gets a clear 400; answers are only read added up, escaped."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from packages.models import Survey, SurveyOffer, SurveyResponse, SurveyStatus
from packages.survey import close_survey, open_survey
from tests.conventions.factories import CountryFactory, RegionalGroupFactory
from tests.mfa import with_totp
from tests.packages.factories import SurveyFactory, SurveyResponseFactory
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory

SCRIPT = "<script>alert('x')</script>"
BROWSER = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Mozilla/5.0 (survey test)"}
CLOSED = "This survey is closed. Thank you for your interest."
ALREADY = "You have already answered this survey: only your first answer is counted."
THANKS = "Thank you for your answers"
OFFER = "The secretariat would like your opinion"


@pytest.fixture
def africa(db):
    return RegionalGroupFactory(
        code="AFRICAN", name="African States", countries=[CountryFactory(iso2="SN", iso3="SEN", name="Senegal")]
    )


@pytest.fixture
def answers(africa):
    return {
        "satisfaction": "4",
        "uses": ["decisions", "forum"],
        "missing": "The official texts in Spanish.",
        "role": "focal_point",
        "region": "AFRICAN",
        "country": "SEN",
    }


def survey_url(survey, language="en"):
    return f"/{language}/survey/{survey.slug}/"


@pytest.mark.django_db
def test_an_editor_creates_opens_and_closes_a_survey_in_the_admin(client):
    client.force_login(with_totp(EditorFactory()))
    created = client.post("/admin/surveys/new/", {"title": "Hub survey 2027", "slug": "hub-2027", "status": "draft"})
    assert created.status_code == 302
    survey = Survey.objects.get(slug="hub-2027")
    assert survey.status == SurveyStatus.DRAFT
    assert Client().get(survey_url(survey)).status_code == 404

    edit = f"/admin/surveys/edit/{survey.pk}/"
    assert client.post(edit, {"title": "Hub survey 2027", "slug": "hub-2027", "status": "open"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert survey.opened_at is not None
    assert 'name="satisfaction"' in Client().get(survey_url(survey)).content.decode()
    listing = html(client.get("/admin/surveys/"))
    assert "Hub survey 2027" in listing.get_text()
    assert "Open" in listing.get_text()

    # Once opened, a survey cannot go back to draft: it is closed instead.
    back = client.post(edit, {"title": "Hub survey 2027", "slug": "hub-2027", "status": "draft"})
    assert back.status_code == 400
    assert "cannot go back to not yet open" in html(back).get_text()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert client.post(edit, {"title": "Hub survey 2027", "slug": "hub-2027", "status": "closed"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    assert survey.closed_at is not None
    assert Client().get(survey_url(survey)).status_code == 410


@pytest.mark.django_db
def test_members_outside_the_secretariat_cannot_open_the_survey_admin(client):
    SurveyResponseFactory(missing="Private remark")
    client.force_login(MemberFactory())
    response = client.get("/admin/surveys/")
    assert response.status_code == 302
    assert "Private remark" not in response.content.decode()


@pytest.mark.django_db
def test_the_form_asks_each_question_in_a_fieldset_with_labels(client):
    survey = SurveyFactory()
    page = html(client.get(survey_url(survey)))
    legends = [legend.get_text(" ", strip=True) for legend in page.select("form fieldset legend")]
    assert any("how satisfied" in legend for legend in legends)
    assert any("What do you use" in legend for legend in legends)
    assert any("role" in legend for legend in legends)
    labels = [label.get_text(strip=True) for label in page.select("label")]
    assert "1 (very dissatisfied)" in labels
    assert "5 (very satisfied)" in labels
    for field in page.select("form input[type=radio], form input[type=checkbox], form select, form textarea"):
        assert page.select_one(f'label[for="{field["id"]}"]'), field
    assert page.select_one("textarea[name=missing]")["maxlength"] == "2000"
    assert page.select_one("input[name=csrfmiddlewaretoken]")
    assert "never one by one" in page.get_text()


@pytest.mark.django_db
def test_a_visitor_answers_from_the_link_and_is_kept_only_as_a_keyed_hash(client, answers, africa):
    survey = SurveyFactory()
    response = client.post(survey_url(survey), answers, **BROWSER)
    assert response.status_code in (302, 303)
    assert response["Location"] == survey_url(survey)
    thanked = html(client.get(response["Location"], **BROWSER))
    assert THANKS in thanked.get_text()
    assert not thanked.select("form input[name=satisfaction]")

    stored = SurveyResponse.objects.get()
    assert stored.user is None
    assert len(stored.respondent) == 64
    assert "203.0.113" not in stored.respondent
    assert (stored.satisfaction, stored.uses, stored.role, stored.region, stored.country.iso3, stored.language) == (
        4,
        ["forum", "decisions"],
        "focal_point",
        africa,
        "SEN",
        "en",
    )
    everything = " ".join(str(value) for value in SurveyResponse.objects.values_list().get())
    assert "203.0.113" not in everything
    assert "Mozilla" not in everything


@pytest.mark.django_db
def test_a_second_answer_from_the_same_browser_is_refused_and_counted_once(client, answers):
    survey = SurveyFactory()
    assert client.post(survey_url(survey), answers, **BROWSER).status_code == 302
    again = client.post(survey_url(survey), {**answers, "satisfaction": "1"}, **BROWSER)
    assert again.status_code == 409
    assert ALREADY in html(again).get_text()
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().satisfaction == 4
    # Someone else, elsewhere, answers too.
    other = Client().post(survey_url(survey), answers, REMOTE_ADDR="198.51.100.2", HTTP_USER_AGENT="Other")
    assert other.status_code == 302
    assert SurveyResponse.objects.count() == 2


@pytest.mark.django_db
def test_a_member_answers_once_whatever_the_browser(client, answers):
    survey = SurveyFactory()
    member = MemberFactory()
    client.force_login(member)
    assert client.post(survey_url(survey), answers).status_code == 302
    again = client.post(survey_url(survey), answers)
    assert again.status_code == 409
    assert ALREADY in html(again).get_text()
    elsewhere = Client()
    elsewhere.force_login(member)
    assert elsewhere.post(survey_url(survey), answers, REMOTE_ADDR="198.51.100.9").status_code == 409
    stored = SurveyResponse.objects.get()
    assert (stored.user, stored.respondent) == (member, "")
    # Coming back, they see their thanks, not the form.
    page = html(elsewhere.get(survey_url(survey)))
    assert "You have answered this survey" in page.get_text()
    assert not page.select("input[name=satisfaction]")


@pytest.mark.django_db
def test_two_answers_arriving_at_once_are_counted_once(client, answers, monkeypatch):
    """Both pass the check before either is written: the database's unique
    constraint refuses the second, and the member is told as for any repeat."""
    survey = SurveyFactory()
    client.force_login(MemberFactory())
    monkeypatch.setattr("packages.survey.has_answered", lambda *args, **kwargs: False)
    monkeypatch.setattr("packages.views.survey.has_answered", lambda *args, **kwargs: False)
    assert client.post(survey_url(survey), answers).status_code == 302
    again = client.post(survey_url(survey), answers)
    assert again.status_code == 409
    assert ALREADY in html(again).get_text()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_closed_survey_says_so_with_410_and_takes_no_answer(client, answers):
    survey = close_survey(SurveyFactory())
    shown = client.get(survey_url(survey))
    assert shown.status_code == 410
    assert CLOSED in html(shown).get_text()
    sent = client.post(survey_url(survey), answers)
    assert sent.status_code == 410
    assert CLOSED in html(sent).get_text()
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_draft_or_unknown_survey_is_not_found(client, answers):
    draft = SurveyFactory(status=SurveyStatus.DRAFT)
    assert client.get(survey_url(draft)).status_code == 404
    assert client.post(survey_url(draft), answers).status_code == 404
    assert client.get("/en/survey/no-such-survey/").status_code == 404
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"satisfaction": "7"}, "Choose a number from 1 to 5"),
        ({"satisfaction": ""}, "Choose how satisfied you are, from 1 to 5."),
        ({"uses": ["knowledge", "horoscopes"]}, "“horoscopes” is not one of the parts of the clearing-house listed."),
        ({"role": "astronaut"}, "“astronaut” is not one of the roles listed."),
        ({"region": "ATLANTIS"}, "There is no UN regional group with the code “ATLANTIS”."),
        ({"country": "XYZ"}, "There is no country with the code “XYZ”."),
        ({"missing": "x" * 1_000_000}, "Write at most 2000 characters here (you wrote 1000000)"),
    ],
)
def test_bad_answers_are_refused_with_the_reason_and_nothing_stored(client, answers, change, says):
    survey = SurveyFactory()
    response = client.post(survey_url(survey), {**answers, **change})
    assert response.status_code == 400
    page = html(response)
    summary = page.select_one(".error-summary")
    assert summary is not None
    assert says in summary.get_text()
    assert page.select_one("form input[name=satisfaction]")
    assert len(response.content) < 100_000  # a megabyte is not sent back down a slow line
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_the_form_needs_its_csrf_token(answers):
    survey = SurveyFactory()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(survey_url(survey), answers).status_code == 403
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_member_is_offered_the_open_survey_once(client):
    member = MemberFactory()
    client.force_login(member)
    client.get("/en/information/")  # no survey open yet: nothing offered
    survey = open_survey(SurveyFactory(status=SurveyStatus.DRAFT))
    first = html(client.get("/en/information/"))
    offer = first.select_one(".survey-offer")
    assert offer is not None
    assert OFFER in offer.get_text()
    assert offer.select_one(f'a[href="{survey_url(survey)}"]')
    assert SurveyOffer.objects.filter(survey=survey, user=member).exists()
    second = html(client.get("/en/information/"))
    assert second.select_one(".survey-offer") is None
    assert OFFER not in second.get_text()
    assert SurveyOffer.objects.count() == 1


@pytest.mark.django_db
def test_a_member_who_answered_from_the_link_is_not_offered_it(client, answers):
    survey = SurveyFactory()
    client.force_login(MemberFactory())
    client.post(survey_url(survey), answers)
    assert OFFER not in client.get("/en/information/").content.decode()


@pytest.mark.django_db
def test_the_secretariat_and_visitors_are_not_offered_the_survey(client):
    SurveyFactory()
    assert OFFER not in client.get("/en/information/").content.decode()
    client.force_login(with_totp(EditorFactory()))
    assert OFFER not in client.get("/en/information/").content.decode()
    assert not SurveyOffer.objects.exists()


@pytest.mark.django_db
def test_the_offer_and_the_form_are_in_the_readers_language(client):
    survey = SurveyFactory()
    client.force_login(MemberFactory())
    page = html(client.get("/fr/information/"))
    assert page.html["lang"] == "fr"
    assert page.select_one(f'.survey-offer a[href="/fr/survey/{survey.slug}/"]')
    form = html(client.get(survey_url(survey, "fr")))
    assert form.html["lang"] == "fr"
    assert form.select_one("form input[name=satisfaction]")


@pytest.mark.django_db
def test_no_survey_open_costs_a_members_pages_no_query(client):
    close_survey(SurveyFactory())
    client.force_login(MemberFactory())
    client.get("/en/information/")  # the first page after a minute asks once
    with CaptureQueriesContext(connection) as later_page:
        assert client.get("/en/information/").status_code == 200
    with CaptureQueriesContext(connection) as visitors_page:
        assert Client().get("/en/information/").status_code == 200
    assert not [query for query in later_page.captured_queries if "packages_survey" in query["sql"]]
    assert not [query for query in visitors_page.captured_queries if "packages_survey" in query["sql"]]


@pytest.mark.django_db
def test_the_secretariat_reads_the_results_added_up_and_the_texts_escaped(client, africa):
    survey = SurveyFactory(title="Hub survey 2027")
    SurveyResponseFactory(survey=survey, satisfaction=5, uses=["forum"], region=africa, missing=SCRIPT)
    SurveyResponseFactory(survey=survey, satisfaction=2, uses=["forum", "data"], missing="")
    SurveyResponseFactory(survey=SurveyFactory(), satisfaction=1, missing="Another survey's answer")
    client.force_login(with_totp(EditorFactory()))
    listing = html(client.get("/admin/surveys/"))
    row = next(tr for tr in listing.select("tbody tr") if "Hub survey 2027" in tr.get_text())
    assert "2" in [td.get_text(strip=True) for td in row.select("td")]

    response = client.get(f"/admin/surveys/inspect/{survey.pk}/")
    assert response.status_code == 200
    source = response.content.decode()
    assert SCRIPT not in source
    assert "&lt;script&gt;" in source
    assert "Another survey's answer" not in source
    page = html(response)
    text = page.get_text(" ", strip=True)
    assert "3.5" in text  # the average of 5 and 2
    assert "African States" in text
    uses = next(table for table in page.select("table") if "What they use" in table.get_text())
    forum = next(tr for tr in uses.select("tr") if "Questions and answers" in tr.get_text())
    assert [td.get_text(strip=True) for td in forum.select("td")][1:] == ["2", "100 %"]


@pytest.mark.django_db
def test_a_flood_of_anonymous_answers_is_refused_with_429(client):
    from packages.feedback import PER_HOUR

    survey = SurveyFactory()
    region = RegionalGroupFactory(code="WEOG", name="Western European and other States")
    answers = {"satisfaction": "4", "role": "other", "region": region.code}
    statuses = [
        client.post(survey_url(survey), answers, HTTP_USER_AGENT=f"Browser {n}").status_code
        for n in range(PER_HOUR + 1)
    ]
    assert statuses[:PER_HOUR] == [302] * PER_HOUR
    assert statuses[-1] == 429
    assert SurveyResponse.objects.count() == PER_HOUR
    page = client.post(survey_url(survey), answers, HTTP_USER_AGENT="Browser x")
    assert "You have sent many answers in the last hour" in page.content.decode()


@pytest.mark.django_db
def test_closing_a_survey_erases_the_keys_that_recognised_anonymous_respondents():
    survey = SurveyFactory()
    SurveyResponseFactory(survey=survey, respondent="a" * 64)
    member = MemberFactory()
    SurveyResponseFactory(survey=survey, user=member)
    close_survey(survey)
    assert list(SurveyResponse.objects.order_by("pk").values_list("respondent", "user")) == [
        ("", None),
        ("", member.pk),
    ]
