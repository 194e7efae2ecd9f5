"""Content translation with wagtail-localize, as an editor makes it and as
readers of the other five languages meet it."""

import re
from html.parser import HTMLParser

import pytest
from django.utils.translation import override
from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator

from knowledge.models import KnowledgeItemPage
from tests.knowledge.factories import BestPracticeFactory

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """Every <a href> of a page, with the attributes of its tag, and the
    attributes of <html>, <link rel=alternate> and elements carrying lang."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.alternates: dict[str, str] = {}
        self.html: dict = {}
        self.with_lang: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        elif "lang" in attrs:
            self.with_lang.append({"tag": tag, **attrs})
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]


def parse(response) -> Links:
    parser = Links()
    parser.feed(response.content.decode())
    return parser


def translate(page: Page, language: str, title: str, editor) -> KnowledgeItemPage:
    """What the editor's "Translate" button does, then the translator's work
    saved as a new revision (still a draft)."""
    TranslationCreator(editor, [Locale.objects.get(language_code=language)]).create_translations(page)
    translated = page.get_translation(Locale.objects.get(language_code=language)).specific
    translated.title = title
    translated.save_revision(user=editor)
    return translated


@pytest.fixture
def items(db):
    return [BestPracticeFactory(title=f"Cable burning alternative {n}") for n in range(3)]


def test_a_new_translation_is_a_draft_and_every_other_item_stays_at_its_french_address(client, items, editor):
    translated = translate(items[0], "fr", "Alternative au brûlage des câbles", editor)

    translated.refresh_from_db()
    assert translated.live is False
    # The French tree now exists (wagtail-localize copies the parents), yet
    # every other item's French address still answers, in the French interface.
    for item in items[1:]:
        response = client.get(f"/fr/knowledge/{item.slug}/")
        assert response.status_code == 200
        assert parse(response).html["lang"] == "fr"
        assert item.title in response.content.decode()
    # Until the review publishes it, the French address shows the original.
    response = client.get(f"/fr/knowledge/{items[0].slug}/")
    assert response.status_code == 200
    assert "Alternative au brûlage" not in response.content.decode()


def test_a_published_translation_is_what_french_readers_get_once_in_listings(client, items, editor):
    translated = translate(items[0], "fr", "Alternative au brûlage des câbles", editor)
    translated.get_latest_revision().publish()

    french = client.get("/fr/knowledge/").content.decode()
    assert french.count("Alternative au brûlage des câbles") == 1
    assert items[0].title not in french
    for item in items[1:]:
        assert french.count(item.title) == 1
    english = client.get("/en/knowledge/").content.decode()
    assert items[0].title in english and "Alternative au brûlage" not in english
    # The English address under /fr/ leads to the French version.
    response = client.get(f"/fr/knowledge/{items[0].slug}/")
    assert response.status_code == 200
    assert "Alternative au brûlage des câbles" in response.content.decode()
    # Counts on the home page count the item once.
    assert KnowledgeItemPage.objects.for_readers("fr").count() == 3
    assert KnowledgeItemPage.objects.for_readers("ar").count() == 3


def test_an_arabic_reader_stays_in_arabic_on_an_english_only_item(client, items):
    response = client.get(f"/ar/knowledge/{items[1].slug}/")
    assert response.status_code == 200
    page = parse(response)
    assert page.html == {"lang": "ar", "dir": "rtl"}
    article = [element for element in page.with_lang if element["tag"] == "article"]
    assert article and article[0]["lang"] == "en" and article[0]["dir"] == "ltr"
    assert 'class="alert alert-info py-2 small translation-notice"' in response.content.decode()
    # Links within the site keep the reader in Arabic: only the language
    # switcher's links lead to another language.
    other_language = [
        link["href"]
        for link in page.links
        if re.match(r"^/(en|fr|es|ru|zh-hans)/", link["href"]) and "hreflang" not in link
    ]
    assert other_language == []


def test_cards_in_a_listing_mark_text_in_another_language(client, items):
    response = client.get("/ru/knowledge/")
    cards = [element for element in parse(response).with_lang if element["tag"] == "div"]
    assert len(cards) == 3 and {card["lang"] for card in cards} == {"en"}


def test_every_page_names_its_six_language_versions(client, items, editor):
    translated = translate(items[0], "es", "Alternativa a la quema de cables", editor)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()

    alternates = parse(client.get(f"/en/knowledge/{items[0].slug}/")).alternates
    assert set(alternates) == {"en", "fr", "es", "ar", "ru", "zh-hans"}
    with override("es"):
        assert alternates["es"] == f"http://testserver{translated.url}"
    assert alternates["es"].startswith("http://testserver/es/")
    assert alternates["ar"].endswith(f"/ar/knowledge/{items[0].slug}/")
    # Views outside the page tree too.
    alternates = parse(client.get("/fr/forum/")).alternates
    assert alternates["zh-hans"] == "http://testserver/zh-hans/forum/"


def test_the_language_switcher_keeps_the_reader_on_the_same_page(client, items):
    response = client.get("/en/forum/?sort=unanswered")
    switcher = [link for link in parse(response).links if "hreflang" in link]
    assert [(link["hreflang"], link["href"]) for link in switcher] == [
        ("ar", "/ar/forum/?sort=unanswered"),
        ("zh-hans", "/zh-hans/forum/?sort=unanswered"),
        ("en", "/en/forum/?sort=unanswered"),
        ("fr", "/fr/forum/?sort=unanswered"),
        ("ru", "/ru/forum/?sort=unanswered"),
        ("es", "/es/forum/?sort=unanswered"),
    ]
    names = [link["lang"] for link in switcher]
    assert names == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    content = response.content.decode()
    for name in ("English", "Français", "Español", "العربية", "Русский", "中文"):
        assert f">{name}</a>" in content


def test_unknown_language_prefix_and_cookie(client, items):
    # Django's locale middleware tries the default language's prefix first.
    response = client.get(f"/xx/knowledge/{items[0].slug}/", follow=True)
    assert response.status_code == 404
    assert parse(response).html["lang"] == "en"
    client.cookies["django_language"] = "klingon"
    response = client.get("/", headers={"accept-language": "fr"})
    assert response.status_code == 302 and response["Location"] == "/fr/"


def test_the_sitemap_lists_every_language_version(client, items, editor):
    translated = translate(items[0], "fr", "Alternative au brûlage des câbles", editor)
    translated.get_latest_revision().publish()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    # Addresses on the site's public host (SITE_DOMAIN), compared by path.
    locations = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    for item in items:
        for code in ("en", "es", "ar", "ru", "zh-hans"):
            assert f"/{code}/knowledge/{item.slug}/" in locations
    with override("fr"):
        assert translated.url in locations
    assert f"/fr/knowledge/{items[1].slug}/" in locations
    assert len(locations) == len(set(locations))
    assert sitemap.count('hreflang="zh-hans"') == len(locations)


def test_wagtails_focal_point_and_latest_are_not_ours(client):
    """Our catalogue wins over Wagtail's and Django's for our own words."""
    french = client.get("/fr/focal-points/").content.decode()
    assert "Point d'intérêt" not in french and "Point d&#x27;intérêt" not in french
    assert "Correspondants" in french or "correspondant" in french.lower()
    arabic = client.get("/ar/forum/").content.decode()
    assert "اللاحقة" not in arabic and "الأحدث" in arabic


def test_a_translation_goes_through_the_secretariats_review(items, editor):
    translated = translate(items[0], "fr", "Alternative au brûlage des câbles", editor)
    workflow = translated.get_workflow()
    assert workflow is not None and workflow == items[0].get_workflow()
    workflow.start(translated, editor)
    translated.refresh_from_db()
    assert translated.live is False
    assert translated.workflow_in_progress


def publish_translation(page, language, title, editor, slug=None):
    translated = translate(page, language, title, editor)
    if slug:
        translated.slug = slug
        translated.save_revision(user=editor)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


def test_a_translation_behind_a_login_neither_hides_nor_advertises_the_public_original(client, items, editor):
    from wagtail.models import PageViewRestriction

    secret = publish_translation(items[0], "fr", "Version confidentielle", editor, slug="version-confidentielle")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"/fr/knowledge/{items[0].slug}/")
    assert response.status_code == 200 and items[0].title in response.content.decode()
    assert KnowledgeItemPage.objects.for_readers("fr").count() == 3
    arabic = client.get(f"/ar/knowledge/{items[0].slug}/").content.decode()
    assert "version-confidentielle" not in arabic
    assert "version-confidentielle" not in client.get("/sitemap-pages.xml").content.decode()


def test_a_draft_home_translation_causes_no_redirect_loop(client, items, editor):
    from knowledge.models import HomePage

    home = HomePage.objects.get()
    TranslationCreator(editor, [Locale.objects.get(language_code="fr")]).create_translations(home)
    french_home = home.get_translation(Locale.objects.get(language_code="fr"))
    french_home.unpublish()
    translated = publish_translation(items[0], "fr", "Alternative au brûlage des câbles", editor)
    assert Page.objects.get(pk=translated.get_parent().get_parent().pk).live is False
    response = client.get(f"/fr/knowledge/{items[0].slug}/")
    assert response.status_code == 200
    assert "Alternative au brûlage des câbles" in response.content.decode()
    # The other items, and the home page, still answer in French.
    assert client.get(f"/fr/knowledge/{items[1].slug}/").status_code == 200
    assert client.get("/fr/").status_code == 200


def test_a_listing_reached_in_another_tree_keeps_its_sub_page_and_filters(client, items, editor):
    from knowledge.models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.get()
    TranslationCreator(editor, [Locale.objects.get(language_code="fr")]).create_translations(index)
    french_index = index.get_translation(Locale.objects.get(language_code="fr"))
    french_index.slug = "connaissances"
    french_index.save_revision(user=editor).publish()
    response = client.get("/fr/knowledge/best-practices/?year=2021&page=1")
    assert response.status_code == 302
    assert response["Location"] == "/fr/connaissances/best-practices/?year=2021&page=1"
    switcher = parse(client.get("/en/knowledge/best-practices/?year=2021"))
    languages = {link["hreflang"]: link["href"] for link in switcher.links if "hreflang" in link}
    assert languages["fr"] == "/fr/connaissances/best-practices/?year=2021"
    assert languages["ar"] == "/ar/knowledge/best-practices/?year=2021"


def test_a_translation_keeps_its_own_address_under_another_interface_language(items, editor):
    translated = publish_translation(items[0], "fr", "Alternative au brûlage des câbles", editor)
    with override("en"):
        assert translated.url == f"/fr/knowledge/{translated.slug}/"
    with override("ar"):
        assert items[1].url == f"/ar/knowledge/{items[1].slug}/"


def test_the_language_switcher_on_a_view_with_a_page_in_its_context_follows_the_view(client, member):
    """The edit form of one's own draft has the draft as `page`: the switcher
    offers the same form in another language, not the draft's address."""
    from knowledge.services import ITEM_TYPES, save_submission

    client.force_login(member)
    draft = save_submission(member, ITEM_TYPES[0], {"title": "My draft", "summary": "A summary."}, markdown_fields=[])
    response = client.get(f"/en/knowledge/mine/{draft.pk}/edit/")
    assert response.status_code == 200
    languages = {link["hreflang"]: link["href"] for link in parse(response).links if "hreflang" in link}
    assert languages["fr"] == f"/fr/knowledge/mine/{draft.pk}/edit/"


def test_listings_and_the_sitemap_do_not_grow_their_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for n in range(2):
        BestPracticeFactory(title=f"Small {n}")
    few = (queries("/fr/knowledge/"), queries("/sitemap-pages.xml"))
    for n in range(8):
        BestPracticeFactory(title=f"More {n}")
    many = (queries("/fr/knowledge/"), queries("/sitemap-pages.xml"))
    assert many[0] <= few[0]
    assert many[1] <= few[1]
