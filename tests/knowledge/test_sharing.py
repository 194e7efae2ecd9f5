"""The whole flow as members and editors meet it: share → review → request
changes → resubmit → approve → visible; and decline."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from knowledge.models import BestPracticePage, SubmissionNotice
from tests.knowledge.sharing import act, current_task_state, pdf_file, share_data
from tests.profiles.factories import MemberFactory

SHARE = "/en/knowledge/share/best_practice/"
MINE = "/en/knowledge/mine/"


def to(user):
    """The emails one person received."""
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.mark.django_db
def test_share_review_request_changes_resubmit_approve(client, member, reviewer, django_capture_on_commit_callbacks):
    client.force_login(member)
    response = client.post(SHARE, {**share_data(), "attachments-0-file": pdf_file(), "attachments-0-language": "en"})
    assert response.status_code == 302
    page = BestPracticePage.objects.get()
    assert not page.live
    assert page.owner == member and page.submitter == member
    # Markdown became safe HTML; the bare URL is a link; the source is kept for editing
    assert "<strong>burned</strong>" in page.problem
    assert '<a href="https://example.org/dumpsite" rel="noopener noreferrer nofollow">' in page.problem
    assert page.submitted_markdown["approach"] == "- 40 shops\n- a deposit of 2 USD"
    assert [ref.code for ref in page.decision_references.all()] == ["BC-14/12"]
    assert sorted(tag.name for tag in page.tags.all()) == ["retailers", "take-back"]
    assert page.attachments.get().document.title == "report.pdf"
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "In review" in client.get(MINE).content.decode()

    # visitors and other members cannot see it
    client.logout()
    assert client.get("/en/knowledge/").content.decode().count(page.title) == 0
    assert client.get(page.url).status_code == 404

    # the editor asks for changes with a comment
    client.force_login(reviewer)
    assert page.title in client.get("/admin/").content.decode()  # on their dashboard
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, page, "reject", comment="Please add the number of shops and the costs.")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (told,) = to(member)
    assert "Please add the number of shops and the costs." in told.body
    # editors heard of the submission from Wagtail
    assert any("submitted" in message.subject.lower() for message in to(reviewer))
    assert member.notifications.filter(verb="changes_requested").count() == 1

    # the member sees the comment, edits and resubmits
    client.force_login(member)
    mine = client.get(MINE).content.decode()
    assert "Changes requested" in mine
    assert "Please add the number of shops and the costs." in mine
    edit = client.get(f"/en/knowledge/mine/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "- 40 shops" in edit.content.decode()  # their Markdown, not HTML
    response = client.post(f"/en/knowledge/mine/{page.pk}/edit/", share_data(approach="- 40 shops, 12 USD each"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # the editor approves: it is published and the member told
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page, "approve")
    page.refresh_from_db()
    assert page.live
    assert "12 USD" in page.approach
    assert to(member)[-1].subject.endswith("is published")
    assert page.url in to(member)[-1].body

    client.logout()
    listing = client.get("/en/knowledge/").content.decode()
    assert page.title in listing
    detail = client.get(page.url).content.decode()
    assert "12 USD" in detail
    assert "report.pdf" in detail

    # published items are no longer editable by the member
    client.force_login(member)
    assert client.get(f"/en/knowledge/mine/{page.pk}/edit/").status_code == 403
    # every action is in Wagtail's audit log
    from wagtail.models import PageLogEntry

    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


@pytest.mark.django_db
def test_decline_ends_the_review_and_tells_the_member(client, member, reviewer, django_capture_on_commit_callbacks):
    client.force_login(member)
    client.post(SHARE, share_data())
    page = BestPracticePage.objects.get()
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page, "decline", comment="This describes a product advertisement, not a practice.")
    page.refresh_from_db()
    assert page.declined_at is not None
    assert not page.live
    assert page.current_workflow_state is None
    assert "declined" in to(member)[-1].subject
    assert "product advertisement" in to(member)[-1].body
    client.force_login(member)
    mine = client.get(MINE).content.decode()
    assert "Declined" in mine
    assert "product advertisement" in mine
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=page, action="knowledge.declined", user=reviewer).exists()


@pytest.mark.django_db
def test_draft_is_saved_without_review_and_sent_later(client, member):
    client.force_login(member)
    data = share_data()
    del data["submit"]
    data["save"] = "1"
    client.post(SHARE, data)
    page = BestPracticePage.objects.get()
    assert page.current_workflow_state is None
    assert "Draft" in client.get(MINE).content.decode()
    client.post(f"/en/knowledge/mine/{page.pk}/edit/", share_data())
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_outcome_task_run_twice_tells_once(member, reviewer, client):
    from knowledge.tasks import notify_submission_outcome

    client.force_login(member)
    client.post(SHARE, share_data())
    page = BestPracticePage.objects.get()
    notify_submission_outcome(page.pk, "changes_requested", "task-1")
    notify_submission_outcome(page.pk, "changes_requested", "task-1")
    assert len(to(member)) == 1
    assert SubmissionNotice.objects.count() == 1


@pytest.mark.django_db
def test_members_never_see_or_edit_someone_elses_item(client, member):
    client.force_login(member)
    client.post(SHARE, share_data())
    page = BestPracticePage.objects.get()
    other = MemberFactory()
    client.force_login(other)
    assert client.get(f"/en/knowledge/mine/{page.pk}/edit/").status_code == 404
    assert client.post(f"/en/knowledge/mine/{page.pk}/edit/", share_data(title="Hijacked")).status_code == 404
    assert client.get(f"/en/knowledge/mine/{page.pk}/preview/").status_code == 404
    assert page.title not in client.get(MINE).content.decode()
    page.refresh_from_db()
    assert page.title != "Hijacked"
    # and members have no way into the admin to publish
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)


@pytest.mark.django_db
def test_member_previews_their_own_draft(client, member):
    client.force_login(member)
    client.post(SHARE, share_data())
    page = BestPracticePage.objects.get()
    response = client.get(f"/en/knowledge/mine/{page.pk}/preview/")
    assert response.status_code == 200
    assert "E-waste take-back through mobile phone retailers" in response.content.decode()


@pytest.mark.django_db
def test_unverified_member_cannot_share(client):
    member = MemberFactory(verified=False)
    client.force_login(member)
    assert client.get("/en/knowledge/share/").status_code == 403
    response = client.post(SHARE, share_data())
    assert response.status_code == 403
    assert not BestPracticePage.objects.exists()


@pytest.mark.django_db
def test_share_needs_login(client):
    response = client.get("/en/knowledge/share/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_markdown_preview_shows_sanitized_html(client, member):
    client.force_login(member)
    response = client.post(
        "/en/knowledge/share/preview/", {"field": "problem", "problem": "**bold** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script" not in html


@pytest.mark.django_db
def test_invalid_form_is_400_with_messages_and_nothing_saved(client, member):
    client.force_login(member)
    response = client.post(
        SHARE, share_data(title="", decision_codes="BC-14/12, not-a-code", year_start="2023", year_end="2020")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "These are not decision codes: NOT-A-CODE" in html
    assert "The last year cannot be before the first." in html
    assert not BestPracticePage.objects.exists()


@pytest.mark.django_db
def test_bad_attachment_is_refused_and_nothing_is_stored(client, member):
    from wagtail.documents import get_document_model

    client.force_login(member)
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 4000, content_type="application/pdf")
    response = client.post(SHARE, {**share_data(), "attachments-0-file": exe})
    assert response.status_code == 400
    assert "report.pdf" in response.content.decode() or "PDF" in response.content.decode()
    assert not BestPracticePage.objects.exists()
    assert not get_document_model().objects.exists()
    _ = io  # noqa: F841


@pytest.mark.django_db
def test_declining_or_requesting_changes_needs_a_comment(client, member, reviewer):
    client.force_login(member)
    client.post(SHARE, share_data())
    page = BestPracticePage.objects.get()
    client.force_login(reviewer)
    for action in ("decline", "reject"):
        state = current_task_state(page)
        # the admin's modal posts with XMLHttpRequest and shows the form's errors
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
            {"comment": ""},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200
        assert "This field is required." in response.json()["html"]
    page.refresh_from_db()
    assert page.declined_at is None
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not to(member)
