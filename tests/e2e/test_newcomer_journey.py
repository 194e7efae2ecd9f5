"""The newcomer's trial (#12), end to end in Chromium: sign up accepting the
terms, first steps (who they are; topics suggested from their country and
region; the regional group; a public profile), ask to be recognised as
Senegal's Stockholm focal point, approved by the secretariat, listed in the
directory, share a best practice, ask in the forum (choosing the country in
the filterable list), read a digest. axe-core on every page."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from community.constants import GroupKind, GroupPrivacy, MembershipStatus
from community.models import Group, Membership, Question
from community.services import ask_question, moderate
from conventions.models import Country, RegionalGroup, RegionalGroupMembership, ThematicArea
from knowledge.models import BestPracticePage
from policies.models import TermsAcceptance
from profiles.constants import VerificationStatus
from profiles.models import User, Verification
from profiles.services import decide_verification
from subscriptions.digests import start_digest_run
from subscriptions.models import Preferences
from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.timeouts import TIMEOUT_MS
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import PASSWORD, EditorFactory, MemberFactory

pytestmark = pytest.mark.e2e

EMAIL = "awa.ndiaye@example.sn"
NAME = "Awa Ndiaye"
PRACTICE = "Municipal drop-off points for old phones in Dakar"
QUESTION = "How do other Stockholm focal points keep their PCB inventory current?"
NEIGHBOUR_QUESTION = "Who collects e-waste from schools in Bamako?"


@pytest.fixture
def west_africa(settings):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2  # strangers are held; a verified focal point is not
    africa, _created = RegionalGroup.objects.get_or_create(code="AFRICAN", defaults={"name": "African States"})
    senegal = Country.objects.create(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    mali = Country.objects.create(iso2="ML", iso3="MLI", numeric="466", name="Mali")
    for country in (senegal, mali):
        RegionalGroupMembership.objects.create(group=africa, country=country)
    Group.objects.create(
        name="African States", slug="african-states", kind=GroupKind.REGIONAL, privacy=GroupPrivacy.OPEN,
        regional_group=africa,
    )  # fmt: skip
    # What the region writes about suggests the newcomer's topics.
    BestPracticeFactory(title="Take-back of phones in Bamako", countries=[mali], topics=["e-waste"])
    return {"senegal": senegal, "mali": mali}


def test_a_newcomer_from_sign_up_to_the_directory_the_forum_and_a_digest(page, west_africa):
    # 1. Sign up, accepting the terms
    page.goto("/en/accounts/signup/")
    check_accessibility(page)
    field(page, "Email").fill(EMAIL)
    field(page, "Your name").fill(NAME)
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/confirm-email/$"))
    newcomer = User.objects.get(email=EMAIL)
    assert TermsAcceptance.objects.filter(user=newcomer).exists()
    link = re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))

    # 2. The first sign-in leads to the first steps
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/en/account/welcome/$"))
    check_accessibility(page)
    expect(field(page, "Your name")).to_have_value(NAME)
    field(page, "Country you work for").select_option(label="Senegal")
    page.get_by_role("group", name=re.compile(r"^Languages you work in")).get_by_label("English").check()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/en/account/welcome/follow/$"))
    check_accessibility(page)
    topics = page.get_by_role("group", name=re.compile(r"^Topics to follow"))
    expect(topics.get_by_label("E-waste", exact=True)).to_be_checked()  # suggested from the region
    expect(topics.get_by_label("PCBs", exact=True)).not_to_be_checked()
    topics.get_by_label("PCBs", exact=True).check()
    expect(page.get_by_label("Join the African States group")).to_be_checked()
    page.get_by_label(re.compile(r"^Public: anyone can see")).check()
    page.get_by_role("button", name="Finish").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    check_accessibility(page)
    expect(page.get_by_role("status")).to_contain_text("You follow 2 topics.")
    expect(page.get_by_role("status")).to_contain_text("You joined the African States group.")
    assert Membership.objects.get(user=newcomer, group__slug="african-states").status == MembershipStatus.ACTIVE

    # 3. Ask to be recognised as Senegal's Stockholm focal point
    page.goto("/en/account/verification/")
    check_accessibility(page)
    page.get_by_label("Focal point", exact=True).check()
    field(page, "Kind of focal point").select_option(label="Stockholm national focal point")
    field(page, "Country").select_option(label="Senegal")
    field(page, "Justification").fill("Designated by the Ministry of Environment, letter of 12 May.")
    page.get_by_role("button", name="Send to the secretariat").click()
    expect(page.get_by_role("status")).to_contain_text("Your request was sent to the secretariat.")
    check_accessibility(page)

    # 4. The secretariat approves it; the email names the role and where she is listed
    verification = Verification.objects.get(user=newcomer)
    decide_verification(verification, editor=EditorFactory(), approve=True)
    assert Verification.objects.get(pk=verification.pk).status == VerificationStatus.APPROVED
    [decided] = [message for message in mail.outbox if "verified as" in message.subject]
    assert decided.subject == "[BRS Hub] You are verified as Stockholm national focal point, Senegal"
    assert "You are listed in the directory of focal points" in decided.body

    # 5. She is in the directory and on Senegal's profile, marked and dated
    page.goto("/en/focal-points/?country=SEN")
    check_accessibility(page)
    entry = page.locator("article.focal-point", has_text=NAME)
    expect(entry).to_contain_text("Stockholm national focal point")
    expect(entry).to_contain_text("Verified by the secretariat")
    page.goto("/en/countries/SEN/")
    check_accessibility(page)
    expect(page.locator("article.focal-point", has_text=NAME)).to_contain_text("Verified by the secretariat")

    # 6. She shares a best practice
    page.goto("/en/knowledge/share/best_practice/")
    check_accessibility(page)
    field(page, "Title").fill(PRACTICE)
    field(page, "Summary").fill("Phone shops in Dakar take back old phones and pass them to a licensed recycler.")
    page.get_by_role("group", name=re.compile(r"^Thematic areas")).get_by_label("E-waste", exact=True).check()
    page.get_by_role("group", name=re.compile(r"^Conventions")).get_by_label("Basel Convention", exact=True).check()
    field(page, "Problem addressed").fill("Old phones were **burned** for copper.")
    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_url(re.compile(r"/en/knowledge/mine/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("row").filter(has_text=PRACTICE)).to_contain_text("In review")
    assert BestPracticePage.objects.filter(title=PRACTICE).exists()

    # 7. She asks in the forum, choosing Senegal by typing in the country list
    page.goto("/en/forum/ask/")
    check_accessibility(page)
    field(page, "Your question in one sentence").fill(QUESTION)
    field(page, "Details").fill("We surveyed transformers in 2019; how do others keep the register current?")
    page.get_by_role("checkbox", name="PCBs").check()
    countries = page.get_by_role("group", name=re.compile(r"^Countries it is about"))
    countries.get_by_label("Type a name to narrow the list").fill("sene")
    expect(countries.get_by_label("Mali", exact=True)).to_be_hidden()
    countries.get_by_label("Type a name to narrow the list").press("Enter")
    expect(countries.get_by_label("Senegal", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(countries.get_by_label("Senegal", exact=True)).to_be_checked()
    check_accessibility(page)
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION, timeout=TIMEOUT_MS)
    check_accessibility(page)
    asked = Question.objects.get(title=QUESTION)
    assert asked.status == "visible"  # verified: trusted at once
    assert list(asked.countries.values_list("iso3", flat=True)) == ["SEN"]

    # 8. A colleague in the region asks on a topic she follows; it reaches her digest
    now = timezone.now()
    Preferences.objects.update_or_create(
        user=newcomer, defaults={"digest_frequency": "daily", "digest_hour": now.hour}
    )
    colleague = MemberFactory()
    held = ask_question(
        colleague,
        title=NEIGHBOUR_QUESTION,
        body="Schools keep **old computers** in store rooms.",
        thematic_areas=ThematicArea.objects.originals().filter(slug="e-waste"),
        countries=[west_africa["mali"]],
    )
    assert held.status == "held"  # a stranger's first post waits for the secretariat
    moderate(EditorFactory(), held, action="approve")
    start_digest_run(now.isoformat())
    [digest] = [message for message in mail.outbox if message.to == [EMAIL] and "igest" in message.subject]
    assert NEIGHBOUR_QUESTION in digest.body
    assert "**" not in digest.body
    html = digest.alternatives[0][0]
    path = re.search(rf'href="https?://[^/"]+(/[^"]*/forum/questions/{held.pk}/[^"]*)"', html).group(1)
    page.goto(path)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(NEIGHBOUR_QUESTION)
