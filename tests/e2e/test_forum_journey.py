"""The forum in Chromium: a member asks, an expert answers, the asker
accepts; three other members flag the accepted answer and it disappears; a
secretariat editor restores it from the moderation queue. axe-core on each page."""

import re

import pytest
from playwright.sync_api import expect

from community.models import Answer, Question
from tests.community.factories import GroupFactory, MembershipFactory
from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.people import another_person, sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.mfa import fresh_code, with_totp
from tests.profiles.factories import EditorFactory, MemberFactory, VerificationFactory

pytestmark = pytest.mark.e2e

TOTP_SECRET = "JBSWY3DPEHPK3PXP"
TITLE = "How do you keep a PCB inventory current after the first survey?"
ANSWER = "We re-test every transformer when it is serviced, and update the register the same week."


def test_ask_answer_accept_flag_hide_and_restore(page, browser, live_server, established_members):
    asker, expert = MemberFactory(), MemberFactory()
    flaggers = [MemberFactory() for _ in range(3)]
    editor = with_totp(EditorFactory(), TOTP_SECRET)
    VerificationFactory(user=expert, topics=["pcbs"])

    # 1. The member asks
    sign_in(page, asker.email)
    expect(page).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
    page.goto("/en/forum/")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Ask a question").click()
    expect(page).to_have_url(re.compile(r"/en/forum/ask/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    field(page, "Your question in one sentence").fill(TITLE)
    field(page, "Details").fill("We surveyed all transformers in 2019. How do others keep the **register** current?")
    page.get_by_role("checkbox", name="PCBs").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page).to_have_url(re.compile(r"/en/forum/questions/\d+/[\w-]+/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    question_url = page.url
    question = Question.objects.get(title=TITLE)

    # 2. The expert, told in-app, answers
    assert expert.notifications.filter(verb="question.published", target_object_id=str(question.pk)).exists()
    with another_person(browser, live_server) as tab:
        sign_in(tab, expert.email)
        expect(tab).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
        tab.goto(question_url)
        check_accessibility(tab)
        tab.get_by_role("textbox", name="Your answer").fill(ANSWER)
        tab.get_by_role("button", name="Post your answer").click()
        expect(tab).to_have_url(re.compile(r"#answer-\d+$"), timeout=TIMEOUT_MS)
        check_accessibility(tab)
        expect(tab.get_by_role("article", name=re.compile("^Answer by"))).to_contain_text(ANSWER)

    # 3. The asker accepts it
    page.reload()
    check_accessibility(page)
    page.get_by_role("button", name="Accept this answer").click()
    accepted = page.locator(".accepted-answer")
    expect(accepted).to_contain_text("Accepted answer", timeout=TIMEOUT_MS)
    expect(accepted).to_contain_text(ANSWER)
    check_accessibility(page)

    # 4. Three other members flag it; after the third it is gone for everyone
    for flagger in flaggers:
        with another_person(browser, live_server) as tab:
            sign_in(tab, flagger.email)
            expect(tab).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
            tab.goto(question_url)
            check_accessibility(tab)
            answer = tab.get_by_role("article", name=re.compile("^Answer by"))
            answer.get_by_text("Flag this answer").click()
            answer.get_by_role("radio", name="Spam or advertising").check()
            check_accessibility(tab)
            answer.get_by_role("button", name="Send to the secretariat").click()
            expect(tab.get_by_role("status").first).to_contain_text(
                "The secretariat will look at this post", timeout=TIMEOUT_MS
            )
    page.reload()
    check_accessibility(page)
    expect(page.get_by_text(ANSWER)).to_have_count(0)
    expect(page.get_by_role("heading", name="0 answers")).to_be_visible()
    assert Answer.objects.get().status == "hidden"

    # 5. An editor restores it from the moderation queue
    with another_person(browser, live_server) as admin:
        sign_in(admin, editor.email)
        expect(admin).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/$"), timeout=TIMEOUT_MS)
        field(admin, "Code").fill(fresh_code(TOTP_SECRET))
        admin.get_by_role("button", name="Sign In").click()
        expect(admin).to_have_url(re.compile(r"/admin/$"), timeout=TIMEOUT_MS)
        admin.goto("/admin/forum-moderation/")
        check_accessibility(admin)  # recorded, not failed on: inside Wagtail's admin
        row = admin.get_by_role("row").filter(has_text=ANSWER[:40])
        expect(row).to_contain_text("Hidden by flags")
        row.get_by_role("button", name="Restore").click()
        expect(admin.get_by_role("status").first).to_contain_text("Restored", timeout=TIMEOUT_MS)

    page.reload()
    check_accessibility(page)
    expect(page.locator(".accepted-answer")).to_contain_text(ANSWER)
    expect(page.get_by_role("heading", name="1 answer")).to_be_visible()


def test_editor_tools_group_pages_and_history_pass_axe_in_english_and_arabic(page, established_members):
    from community.constants import GroupPrivacy, MembershipRole, MembershipStatus
    from community.services import ask_question, edit_post, post_answer, post_notice

    editor = with_totp(EditorFactory(), TOTP_SECRET)
    member = MemberFactory()
    group = GroupFactory(name="PCB network", slug="pcb-network", privacy=GroupPrivacy.CLOSED)
    MembershipFactory(group=group, user=editor, role=MembershipRole.MODERATOR)
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, status=MembershipStatus.REQUESTED)
    post_notice(editor, group, title="Meeting on Friday", body="Agenda to follow.")
    question = ask_question(member, title="Labels for PCB equipment?", body="Ours fade in the sun.", group=group)
    post_answer(editor, question, body="Engraved plates last.")
    edit_post(member, question, body="Ours fade in the sun after a year.", summary="More detail")

    sign_in(page, editor.email)
    field(page, "Code").fill(fresh_code(TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/admin/$"), timeout=TIMEOUT_MS)
    for language in ("en", "ar"):
        page.goto(f"/{language}{question.get_absolute_url()[3:]}")
        page.locator("#moderation-tools > summary").click()
        check_accessibility(page)
        for path in (
            f"/forum/question/{question.pk}/history/",
            f"/forum/question/{question.pk}/edit/",
            f"/groups/{group.slug}/",
            "/groups/",
            "/forum/?tag=none",
        ):
            page.goto(f"/{language}{path}")
            check_accessibility(page)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
