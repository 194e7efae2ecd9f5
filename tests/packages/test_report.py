"""The secretariat's indicators report in the admin: a period and a
language give every indicator as a page, a CSV and a real PDF, which is read
back here and holds the figures; comments are shown as sent, never run."""

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from community.models import Question
from packages.indicators import refresh
from packages.models import PageFeedback
from search.models import SearchQueryLog
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

SCRIPT = "<script>alert('x')</script>"
REPORT = "/admin/reports/indicators/"
PERIOD = {"start": "2026-01-10", "end": "2026-06-03"}


def at(moment: datetime):
    return moment.replace(tzinfo=UTC)


@pytest.fixture
def figures(db):
    """Three questions asked in the period (two answered) and one before it;
    four answers to "Was this page useful?" in the period, three useful."""
    for day, answered in [(5, True), (6, True), (7, False)]:
        question = QuestionFactory()
        Question.objects.filter(pk=question.pk).update(created_at=at(datetime(2026, 3, day, 9)))
        if answered:
            answer = AnswerFactory(question=question)
            type(answer).objects.filter(pk=answer.pk).update(created_at=at(datetime(2026, 3, day, 12)))
    earlier = QuestionFactory()
    Question.objects.filter(pk=earlier.pk).update(created_at=at(datetime(2025, 12, 20, 9)))
    for useful, comment in [(True, ""), (True, ""), (True, SCRIPT), (False, "Too long")]:
        feedback = PageFeedback.objects.create(path="/information/", language="en", useful=useful, comment=comment)
        PageFeedback.objects.filter(pk=feedback.pk).update(created_at=at(datetime(2026, 4, 2, 10)))
    SearchQueryLog.objects.create(query="mercury amalgam", language="en", day=datetime(2026, 4, 3).date(), searches=3)
    refresh()


@pytest.fixture
def editor_client(client, db):
    client.force_login(with_totp(EditorFactory()))
    return client


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_editor_finds_the_report_form(editor_client):
    response = editor_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="start"' in html and 'name="end"' in html and 'name="language"' in html
    assert 'value="pdf"' in html and 'value="csv"' in html


def test_the_pdf_holds_the_figures_of_the_period(editor_client, figures):
    response = editor_client.get(REPORT, {**PERIOD, "language": "en", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="indicators-2026-01-2026-06-en.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content).split())
    assert "Indicators of the clearing-house mechanism" in text
    assert "January 2026 to June 2026" in text
    # Hand-counted: 3 questions in the period, 2 answered (66.7 %); 3 of 4 pages useful (75.0 %).
    assert "66.7 % of questions answered" in text
    assert "75.0 % of answers found the page useful" in text
    assert "Total 3 2 66.7 %" in text
    # Comments, and the words of searches that found nothing, are not in a report unless asked for.
    assert "alert(" not in text
    assert "mercury amalgam" not in text


def test_the_comments_are_shown_as_sent_in_the_pdf_and_the_page(editor_client, figures):
    pdf = editor_client.get(REPORT, {**PERIOD, "language": "en", "format": "pdf", "comments": "on"})
    text = pdf_text(pdf.content)
    assert SCRIPT in text  # the characters, as text: never markup
    assert "mercury amalgam" in text
    page = editor_client.get(REPORT, {**PERIOD, "language": "en", "format": "html", "comments": "on"})
    html = page.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "Indicateurs"),
        ("es", "Indicadores"),
        ("ru", "Показатели"),
    ],
)
def test_the_report_is_in_the_language_chosen(editor_client, figures, language, title):
    response = editor_client.get(REPORT, {**PERIOD, "language": language, "format": "pdf"})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert title in text
    assert "66" in text and "75" in text


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_arabic_and_chinese_reports_are_real_pdfs_with_their_script(editor_client, figures, language):
    response = editor_client.get(REPORT, {**PERIOD, "language": language, "format": "pdf"})
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    fonts = {
        str(font.get_object().get("/BaseFont", ""))
        for page in reader.pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    expected = "WenQuanYi" if language == "zh-hans" else "DejaVu"
    assert any(expected in font for font in fonts), fonts
    html = editor_client.get(REPORT, {**PERIOD, "language": language, "format": "html"}).content.decode()
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")


def test_the_csv_has_every_indicator(editor_client, figures):
    response = editor_client.get(REPORT, {**PERIOD, "language": "en", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    for title in ["Parties contributing", "Parties gaining access", "Items exchanged", "Access to expertise"]:
        assert title in text
    assert "Total,3,2,66.7 %" in text
    assert "of answers found the page useful,75.0 %" in text


def test_a_wrong_period_gets_a_clear_message(editor_client, figures):
    response = editor_client.get(REPORT, {"start": "2026-06-01", "end": "2026-01-01", "language": "en"})
    assert response.status_code == 400
    assert "The end of the period is before its start." in response.content.decode()
    response = editor_client.get(REPORT, {"start": "yesterday", "end": "2026-01-01", "language": "xx"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date." in html
    assert "Select a valid choice." in html


@pytest.mark.django_db
def test_members_outside_the_secretariat_cannot_see_the_report(client):
    client.force_login(MemberFactory())
    response = client.get(REPORT, {**PERIOD, "language": "en", "format": "pdf"})
    assert response.status_code in (302, 403)
    assert not response.content.startswith(b"%PDF")
