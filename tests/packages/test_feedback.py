"""'Was this page useful?' at the foot of the pages people read: anyone
answers without an account; nothing identifies them; floods and bad input
get a clear answer; the secretariat reads and handles comments in the admin."""

import pytest
from django.test import Client

from packages.feedback import PER_HOUR
from packages.models import PageFeedback
from tests.community.factories import QuestionFactory
from tests.conventions.factories import ChemicalProfileFactory, CountryFactory, DecisionFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

SCRIPT = "<script>alert('x')</script>"


@pytest.mark.django_db
def test_the_question_is_at_the_foot_of_the_pages_people_read(client):
    pages = [
        BestPracticeFactory().url,
        f"/en/decisions/{DecisionFactory(code='BC-14/12').path_code}/",
        f"/en/countries/{CountryFactory(iso2='SN', iso3='SEN', name='Senegal').iso3}/",
        f"/en/chemicals/{ChemicalProfileFactory(slug='pfos').slug}/",
        QuestionFactory().get_absolute_url(),
        "/en/information/",
    ]
    member = Client()
    member.force_login(MemberFactory())
    for path in pages:
        # A visitor's page is cached and posts nothing: Yes and No open the form on a page of its own.
        html = client.get(path).content.decode()
        assert 'id="page-feedback"' in html, path
        assert f'name="path" value="{path}"' in html, path
        assert 'name="csrfmiddlewaretoken"' not in html
        assert '<form method="get" action="/en/feedback/"' in html
        # A member answers in place.
        html = member.get(path).content.decode()
        assert f'name="path" value="{path}"' in html, path
        assert 'name="csrfmiddlewaretoken"' in html
        assert '<form method="post" action="/en/feedback/"' in html


@pytest.mark.django_db
def test_a_visitors_yes_or_no_opens_the_form_with_the_answer_chosen(client):
    page = f"/en/decisions/{DecisionFactory(code='BC-14/12').path_code}/"
    response = client.get("/en/feedback/", {"path": page, "useful": "no"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="no" checked' in html
    assert f'name="path" value="{page}"' in html
    assert f'<a href="{page}">' in html
    # A path that is not the hub's is dropped, never made a link.
    for hostile in ("javascript:alert(1)", "//evil.example/", "https://evil.example/"):
        html = client.get("/en/feedback/", {"path": hostile, "useful": "yes"}).content.decode()
        assert hostile not in html
        assert 'value="yes" checked' in html


@pytest.mark.django_db
def test_a_visitor_answers_and_only_the_page_language_and_answer_are_kept(client):
    decision = DecisionFactory(code="BC-14/12")
    page = f"/fr/decisions/{decision.path_code}/"
    response = client.post(
        "/fr/feedback/",
        {"path": page, "useful": "no", "comment": "Il manque le texte officiel."},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Mozilla/5.0",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page}#page-feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.language, feedback.useful, feedback.comment) == (
        "/decisions/BC-14-12/",
        "fr",
        False,
        "Il manque le texte officiel.",
    )
    # Nothing that identifies the visitor is stored, and no cookie is set for it.
    stored = " ".join(str(value) for value in PageFeedback.objects.values_list().get())
    assert "203.0.113" not in stored
    assert "Mozilla" not in stored
    assert "sessionid" not in response.cookies
    thanked = client.get(response["Location"])
    assert "Merci" in thanked.content.decode() or "Thank you" in thanked.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"path": "/en/information/"}, "Choose yes or no."),
        ({"path": "/en/information/", "useful": "maybe"}, "Select a valid choice"),
        ({"path": "https://evil.example/", "useful": "yes"}, "This is not a page of the hub."),
        ({"path": "//evil.example/", "useful": "yes"}, "This is not a page of the hub."),
        ({"path": "/en/information/", "useful": "yes", "comment": "x" * 1_000_000}, "at most 2000 characters"),
    ],
)
def test_bad_answers_are_refused_with_the_reason_and_nothing_stored(client, data, says):
    response = client.post("/en/feedback/", data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_a_flood_is_stopped_with_429(client):
    for _ in range(PER_HOUR):
        assert client.post("/en/feedback/", {"path": "/en/information/", "useful": "yes"}).status_code == 302
    refused = client.post("/en/feedback/", {"path": "/en/information/", "useful": "yes"})
    assert refused.status_code == 429
    assert "many answers in the last hour" in refused.content.decode()
    assert PageFeedback.objects.count() == PER_HOUR
    # Another visitor is not held back by the first one's answers.
    other = client.post("/en/feedback/", {"path": "/en/information/", "useful": "yes"}, REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302


@pytest.mark.django_db
def test_the_form_needs_its_csrf_token(db):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/en/feedback/", {"path": "/en/information/", "useful": "yes"}).status_code == 403
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_the_secretariat_reads_comments_escaped_and_marks_them_handled(client):
    feedback = PageFeedback.objects.create(path="/information/", language="en", useful=False, comment=SCRIPT)
    editor = with_totp(EditorFactory())
    client.force_login(editor)
    listing = client.get("/admin/page_feedback/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    client.post(f"/admin/page_feedback/edit/{feedback.pk}/", {"handled": "on"})
    feedback.refresh_from_db()
    assert feedback.handled_at is not None
    assert feedback.handled_by == editor
    assert feedback.comment == SCRIPT  # what the visitor sent is never changed
    unhandled = client.get("/admin/page_feedback/", {"handled": "false"}).content.decode()
    assert "&lt;script&gt;" not in unhandled
    assert "&lt;script&gt;" in client.get("/admin/page_feedback/", {"handled": "true"}).content.decode()


@pytest.mark.django_db
def test_members_outside_the_secretariat_cannot_read_feedback(client):
    PageFeedback.objects.create(path="/information/", language="en", useful=False, comment="Private remark")
    client.force_login(MemberFactory())
    response = client.get("/admin/page_feedback/")
    assert response.status_code == 302
    assert "Private remark" not in response.content.decode()
