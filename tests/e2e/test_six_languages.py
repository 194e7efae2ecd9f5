"""The site in each of the six languages, in Chromium: the header fits, the
interface's words are the language's own, the language switcher keeps the
reader on the page, small screens work without JavaScript, an English-only
item stays inside the reader's interface, and the error summary takes focus."""

import re
from functools import cache

import polib
import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.accessibility import check_accessibility
from tests.e2e.people import sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.e2e

SCREENSHOTS = settings.BASE_DIR / "test-results"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Words that stay the same in every language: names, not words.
BRAND_WORDS = {"brs", "clearing-house", "hub"}

# The interface's own words: header, footer and every button and link label.
INTERFACE_WORDS = """() => {
  const parts = [...document.querySelectorAll(
    'header .nav-link, header .btn, header summary, footer, main button, main .btn, main label, main h1, main h2')];
  const text = parts.map(el => el.innerText).join(' ');
  return text.toLowerCase().match(/[\\p{L}][\\p{L}'’-]*/gu) || [];
}"""


def fits(page) -> None:
    """Nothing wider than the window, and every header control inside it."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for box in page.locator("header summary, header .nav-link, header .btn, header input").all():
        if not box.is_visible():
            continue
        bounds = box.bounding_box()
        assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width + 0.5, box.inner_text()


def share_identical_to_english(words: list[str], english: set[str]) -> float:
    counted = [word for word in words if word not in BRAND_WORDS]
    return sum(word in english for word in counted) / len(counted)


@cache
def catalogue_words(language: str) -> set[str]:
    """Every word the language's translators wrote: a word the page shares
    with English is a cognate they chose ("Forum", "Type") when it is here,
    and English that never went through the catalogue when it is not."""
    folder = {"zh-hans": "zh_Hans"}.get(language, language)
    po = polib.pofile(str(settings.BASE_DIR / "locale" / folder / "LC_MESSAGES" / "django.po"))
    text = " ".join(
        " ".join([entry.msgstr, *entry.msgstr_plural.values()]) for entry in po if not entry.obsolete
    ).lower()
    return set(re.findall(r"[^\W\d_][\w'’-]*", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_fits_and_the_interface_speaks_the_language(page, language):
    member = MemberFactory()
    english = {}
    for path in ("/", "/forum/", "/search/?q=waste"):
        page.goto(f"/en{path}")
        english[path] = set(page.evaluate(INTERFACE_WORDS))
    for path in ("/", "/forum/", "/search/?q=waste"):
        page.goto(f"/{language}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        words = page.evaluate(INTERFACE_WORDS)
        if language != "en":
            share = share_identical_to_english(words, english[path])
            print(f"{language}{path}: {share:.0%} of {len(words)} interface words identical to English")
            leaked = {word for word in words if word in english[path] and word not in BRAND_WORDS}
            assert leaked <= catalogue_words(language), leaked - catalogue_words(language)
    check_accessibility(page)
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/{language}/forum/")
        fits(page)
    sign_in(page, member.email)
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/{language}/knowledge/")
        fits(page)
    page.screenshot(path=SCREENSHOTS / f"header-{language}-1024.png")
    check_accessibility(page)


def test_the_language_switcher_keeps_the_reader_on_the_same_page(page):
    page.goto("/en/forum/?sort=unanswered")
    switcher = page.locator("details.language-switcher")
    switcher.locator("summary").click()
    languages = switcher.get_by_role("link")
    expect(languages).to_have_text(["العربية", "中文", "English", "Français", "Русский", "Español"])
    check_accessibility(page)
    switcher.get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/forum/\?sort=unanswered$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("details.language-switcher summary")).to_contain_text("Français")


def test_an_arabic_reader_opening_an_english_only_item_stays_in_arabic(page):
    item = BestPracticeFactory(title="Cable burning alternative")
    page.goto("/ar/knowledge/")
    page.get_by_role("link", name=item.title).click()
    expect(page).to_have_url(re.compile(rf"/ar/knowledge/{item.slug}/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    article = page.locator("article[lang=en]")
    expect(article).to_have_attribute("dir", "ltr")
    expect(article.locator("h1")).to_have_text(item.title)
    assert page.evaluate("getComputedStyle(document.querySelector('article[lang=en]')).direction") == "ltr"
    expect(page.locator(".translation-notice")).to_be_visible()
    check_accessibility(page)
    page.screenshot(path=SCREENSHOTS / "english-item-in-arabic.png", full_page=True)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_a_small_screen_without_javascript_reaches_everything(browser, live_server, page, signed_in):
    member = MemberFactory()
    if signed_in:
        sign_in(page, member.email)
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        storage_state=page.context.storage_state(),
    )
    context.set_default_timeout(TIMEOUT_MS)
    small = context.new_page()
    try:
        small.goto("/ar/")
        for name in ("Knowledge", "Forum", "Groups"):
            del name  # the Arabic words are the catalogue's: look the links up by address
        for path in ("/ar/knowledge/", "/ar/forum/", "/ar/groups/", "/ar/calendar/"):
            expect(small.locator(f"#site-nav a[href='{path}']")).to_be_visible()
        expect(small.locator("#site-search-q")).to_be_visible()
        assert small.evaluate("document.documentElement.scrollWidth") <= 390
        if signed_in:
            small.locator("details.account-menu summary").click()
            sign_out = small.locator("details.account-menu form button[type=submit]")
            expect(sign_out).to_be_visible()
            sign_out.click()
            expect(small.locator("header a[href='/ar/accounts/login/']")).to_be_visible()
        else:
            expect(small.locator("header a[href='/ar/accounts/login/']")).to_be_visible()
        small.locator("details.language-switcher summary").click()
        small.locator("details.language-switcher a[hreflang=ru]").click()
        expect(small.locator("html")).to_have_attribute("lang", "ru")
        small.screenshot(path=SCREENSHOTS / f"small-no-js-{'member' if signed_in else 'visitor'}.png", full_page=True)
    finally:
        context.close()


def test_after_a_failed_submission_focus_moves_to_the_error_summary(page):
    member = MemberFactory()
    sign_in(page, member.email)
    page.goto("/fr/forum/ask/")
    # Past the browser's own checks (required fields), as an older browser
    # or a pasted-in text too long for the server would get.
    page.evaluate("document.querySelectorAll('form').forEach(form => { form.noValidate = true; })")
    page.locator("main form[method=post] button[type=submit]").last.click()
    summary = page.locator("[data-error-summary]").first
    expect(summary).to_be_focused()
    expect(summary.locator("a").first).to_be_visible()
    check_accessibility(page)


def test_translating_one_item_leaves_every_other_items_french_address_working(page):
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from tests.profiles.factories import EditorFactory

    items = [BestPracticeFactory(title=f"Cable burning alternative {n}") for n in range(3)]
    TranslationCreator(EditorFactory(), [Locale.objects.get(language_code="fr")]).create_translations(items[0])
    for item in items:
        response = page.goto(f"/fr/knowledge/{item.slug}/")
        assert response.status == 200
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.locator("article h1")).to_have_text(item.title)
    page.goto("/fr/knowledge/")
    for item in items:
        expect(page.get_by_role("link", name=item.title)).to_have_count(1)
    check_accessibility(page)
