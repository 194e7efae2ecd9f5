"""Sharing what worked, in Chromium: a member sends a best practice for
review, a secretariat editor approves it in Wagtail's admin, and a visitor
finds it in the knowledge listing and downloads its file."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from knowledge.models import BestPracticePage
from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.people import another_person, sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.mfa import fresh_code, with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

pytestmark = pytest.mark.e2e

SCREENSHOTS = settings.BASE_DIR / "test-results"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
TITLE = "E-waste take-back through mobile phone retailers"
SUMMARY = "Retailers in Nairobi take back old phones at no cost to the owner."
PROBLEM = "Old phones were **burned** for copper in open pits."
THEMATIC_AREA = "E-waste"
# A one-page PDF, enough for the upload check (python-magic) to call it one.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def test_member_shares_editor_approves_visitor_finds_and_downloads(page, browser, live_server, tmp_path):
    member = MemberFactory()
    editor = with_totp(EditorFactory(), TOTP_SECRET)
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)

    # 1. The member signs in and shares a best practice
    sign_in(page, member.email)
    expect(page).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
    page.goto("/en/knowledge/")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Share what worked").click()
    expect(page).to_have_url(re.compile(r"/en/knowledge/share/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Share what worked")
    page.get_by_role("link", name=re.compile(r"^Best practices")).click()
    expect(page).to_have_url(re.compile(r"/en/knowledge/share/best_practice/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Best practices")

    field(page, "Title").fill(TITLE)
    field(page, "Summary").fill(SUMMARY)
    page.get_by_role("group", name=re.compile(r"^Thematic areas")).get_by_label(THEMATIC_AREA, exact=True).check()
    page.get_by_role("group", name=re.compile(r"^Conventions")).get_by_label("Basel Convention", exact=True).check()
    field(page, "Problem addressed").fill(PROBLEM)
    # The preview is a disclosure; opening it asks the server to render the Markdown
    preview = page.locator("details").filter(has=page.get_by_text("Preview: Problem addressed"))
    preview.get_by_text("Preview: Problem addressed").click()
    expect(preview).to_have_attribute("open", "")
    expect(preview.locator("strong")).to_have_text("burned", timeout=TIMEOUT_MS)
    check_accessibility(page)
    files = page.get_by_role("group", name="Files")
    field(files.get_by_role("group", name="File 1"), "File").set_input_files(report)
    field(files.get_by_role("group", name="File 1"), "Language of the file").select_option(label="English")
    page.screenshot(path=SCREENSHOTS / "knowledge-share-form-en.png", full_page=True)
    page.get_by_role("button", name="Send for review").click()

    expect(page).to_have_url(re.compile(r"/en/knowledge/mine/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your submissions")
    expect(page.get_by_role("status")).to_contain_text("sent to the secretariat for review")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("In review")
    assert not BestPracticePage.objects.get().live

    # 2. A secretariat editor signs in with an authenticator code and approves it in Wagtail
    with another_person(browser, live_server) as admin:
        sign_in(admin, editor.email)
        expect(admin).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/$"), timeout=TIMEOUT_MS)
        check_accessibility(admin)
        field(admin, "Code").fill(fresh_code(TOTP_SECRET))
        admin.get_by_role("button", name="Sign In").click()
        # staff land on the admin dashboard
        expect(admin).to_have_url(re.compile(r"/admin/$"), timeout=TIMEOUT_MS)
        check_accessibility(admin)  # recorded, not failed on: Wagtail's markup
        awaiting = admin.get_by_role("region", name="Awaiting your review")
        submission = awaiting.get_by_role("row").filter(has=admin.get_by_role("link", name=TITLE))
        expect(submission).to_contain_text(member.profile.display_name)  # "Task submitted by"
        submission.get_by_role("link", name=TITLE).click()
        expect(admin).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"), timeout=TIMEOUT_MS)
        check_accessibility(admin)
        # The workflow's actions sit in the editor footer's "More actions" menu
        actions = admin.get_by_role("navigation", name="Actions (footer)")
        actions.get_by_role("button", name="More actions").click()
        approve = actions.get_by_role("button", name="Approve and Publish", exact=True)
        expect(approve).to_be_visible()
        approve.click()
        # "Approve" without a comment needs no modal; a comment-taking action would open one
        expect(admin).to_have_url(re.compile(r"/admin/pages/\d+/$"), timeout=TIMEOUT_MS)
        check_accessibility(admin)
        expect(admin.get_by_role("status").first).to_contain_text(f"Page '{TITLE}' has been updated.")
        listed = admin.get_by_role("row").filter(has=admin.get_by_role("link", name=TITLE))
        expect(listed).to_contain_text("Current page status: live")
    item = BestPracticePage.objects.get()
    assert item.live
    assert item.current_workflow_state is None
    # and the member is told by email
    told = [message for message in mail.outbox if message.to == [member.email]]
    assert told and told[-1].subject.endswith("is published"), [message.subject for message in told]

    # 3. A visitor finds it by its thematic area, reads it and downloads the file
    with another_person(browser, live_server) as visitor:
        visitor.goto("/en/knowledge/")
        check_accessibility(visitor)
        filters = visitor.get_by_role("complementary", name="Filter")
        field(filters, "Thematic area").select_option(label=THEMATIC_AREA)
        filters.get_by_role("button", name="Apply").click()
        expect(visitor).to_have_url(re.compile(r"/en/knowledge/\?.*topic=e-waste"), timeout=TIMEOUT_MS)
        check_accessibility(visitor)
        expect(field(filters, "Thematic area")).to_have_value("e-waste")
        main = visitor.get_by_role("main")
        expect(main.get_by_role("status")).to_have_text("1 item")
        card = main.get_by_role("article").filter(has=visitor.get_by_role("heading", name=TITLE))
        expect(card).to_contain_text(SUMMARY)
        expect(card).to_contain_text("Basel Convention")
        card.get_by_role("link", name=TITLE).click()

        expect(visitor).to_have_url(re.compile(rf"/en/knowledge/{item.slug}/$"), timeout=TIMEOUT_MS)
        check_accessibility(visitor)
        article = visitor.get_by_role("article")
        expect(article.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(article).to_contain_text(SUMMARY)
        problem = article.get_by_role("region", name="Problem addressed")
        expect(problem).to_contain_text("Old phones were burned for copper in open pits.")
        # bold, whichever tag: saving in Wagtail's editor stores <strong> as <b>
        bold = problem.locator("strong, b")
        expect(bold).to_have_text("burned")
        assert int(bold.evaluate("element => getComputedStyle(element).fontWeight")) >= 600
        about = visitor.get_by_role("complementary", name="About this item")
        expect(about.get_by_role("link", name=THEMATIC_AREA)).to_have_attribute("href", re.compile(r"topic=e-waste"))
        expect(about).to_contain_text(f"Shared by {member.profile.display_name}")
        visitor.screenshot(path=SCREENSHOTS / "knowledge-item-en.png", full_page=True)
        files = article.get_by_role("region", name="Files")
        expect(files).to_contain_text("report.pdf (PDF, 241 bytes, English)")
        download_link = files.get_by_role("link", name="report.pdf")
        expect(download_link).to_have_attribute("download", "")
        with visitor.expect_download(timeout=TIMEOUT_MS) as download_info:
            download_link.click()
        download = download_info.value
        assert download.suggested_filename == "report.pdf"
        assert download.path().read_bytes() == PDF
