"""/<lang>/account/delete/: asks again (password), refuses requests from
other sites, anonymises the member's posts and removes the account."""

import pytest
from django.test import Client

from community.models import Answer, Question
from knowledge.models import KnowledgeItemPage
from policies.models import TermsAcceptance
from profiles.models import User
from subscriptions.models import Follow
from tests.pages import html
from tests.profiles.factories import PASSWORD

DELETE = "/en/account/delete/"


@pytest.mark.django_db
def test_signing_in_is_needed(client):
    response = client.get(DELETE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_the_page_says_what_happens_and_asks_for_the_password(client, amina):
    client.force_login(amina["member"])
    page = html(client.get("/en/account/delete/"))
    assert "a former member" in page.select_one("main").get_text()
    form = page.select_one("main form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert form.select_one("input[type=password][name=password]") is not None
    # Reached from the account settings, beside the export.
    nav = {a["href"] for a in page.select("nav.account-nav a, .account-nav a")}
    assert {"/en/account/delete/", "/en/account/export/"} <= nav


@pytest.mark.django_db
def test_a_request_from_another_site_is_refused(amina):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(amina["member"])
    response = browser.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=amina["member"].pk).exists()


@pytest.mark.django_db
def test_a_wrong_or_missing_password_is_refused_beside_the_field(client, amina):
    client.force_login(amina["member"])
    for data, message in [({"password": "not my password"}, "This is not your password."), ({}, "required")]:
        response = client.post(DELETE, data)
        assert response.status_code == 400
        assert message in html(response).select_one("#id_password_errors").get_text()
    assert User.objects.filter(pk=amina["member"].pk).exists()


@pytest.mark.django_db
def test_guessing_the_password_is_limited(client, amina):
    client.force_login(amina["member"])
    for _attempt in range(5):
        assert client.post(DELETE, {"password": "guess"}).status_code == 400
    # Over the limit even the right password is not checked.
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 429
    assert User.objects.filter(pk=amina["member"].pk).exists()


@pytest.mark.django_db
def test_deleting_keeps_the_posts_without_the_name_and_removes_the_rest(client, amina):
    member = amina["member"]
    client.force_login(member)
    question_url = amina["question"].get_absolute_url()
    assert "Amina Diallo" in client.get(question_url).content.decode()

    response = client.post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/en/", 302)]
    assert "Your account was deleted." in html(response).select_one("main").get_text()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pk=member.pk).exists()
    assert not TermsAcceptance.objects.filter(user_id=member.pk).exists()

    # Her question and answer stay, by a former member.
    question = Question.objects.get(pk=amina["question"].pk)
    answer = Answer.objects.get(pk=amina["answer"].pk)
    assert question.author == answer.author
    assert not question.author.is_active
    page = client.get(question_url)
    assert page.status_code == 200
    text = html(page).select_one("main").get_text()
    assert "We started with forty shops in Dakar." in text
    assert "A former member" in text
    assert "Amina Diallo" not in page.content.decode() and "amina-diallo" not in page.content.decode()
    assert client.get("/en/people/amina-diallo/").status_code == 404

    # Her vote is withdrawn from the counts; the colleague's follow of her is gone.
    assert Answer.objects.get(pk=amina["their_answer"].pk).vote_count == 0
    assert Question.objects.get(pk=question.pk).vote_count == 0
    assert not Follow.objects.filter(kind="member").exists()
    # The published item stays without her name; the draft is gone.
    published = KnowledgeItemPage.objects.get(pk=amina["published"].pk)
    assert published.submitter is None
    assert not KnowledgeItemPage.objects.filter(pk=amina["draft"].pk).exists()


@pytest.mark.django_db
def test_two_members_deleting_share_the_former_member_account(client, amina):
    client.force_login(amina["member"])
    client.post(DELETE, {"password": PASSWORD})
    client.force_login(amina["colleague"])
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    authors = set(Question.objects.values_list("author", flat=True)) | set(
        Answer.objects.values_list("author", flat=True)
    )
    assert len(authors) == 1
    assert User.objects.filter(is_active=True).count() == 0


@pytest.mark.django_db
def test_the_files_of_unpublished_drafts_go_with_the_account(client, amina):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from knowledge.models import KnowledgeAttachment

    Document = get_document_model()

    def attach(item, name):
        document = Document(title=name, uploaded_by_user=amina["member"])
        document.file.save(name, ContentFile(b"%PDF-1.4 report"), save=False)
        document.save()
        KnowledgeAttachment.objects.create(item=item, document=document)
        return document

    kept = attach(amina["published"], "published-report.pdf")
    gone = attach(amina["draft"], "draft-report.pdf")
    client.force_login(amina["member"])
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=gone.pk).exists()
    assert Document.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_the_reserved_address_of_the_former_member_account_cannot_sign_up(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "former-member@brs-hub.invalid",
            "display_name": "BRS Secretariat",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_terms": "on",
        },
    )
    assert response.status_code == 400
    assert "This address cannot receive email; use another." in response.content.decode()
    assert not User.objects.filter(email="former-member@brs-hub.invalid").exists()
