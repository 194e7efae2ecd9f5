"""Posts have a language: detected from the text unless the author chose one,
correctable, marked with lang and dir in pages of another language, and
searched with that language's rules."""

import pytest
from bs4 import BeautifulSoup
from django.utils.translation import override

from community.models import Answer, Question
from search.services import index_object
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.django_db

ASK = "/en/forum/ask/"
FRENCH_TITLE = "Quels laboratoires peuvent analyser les huiles contenant des PCB ?"
FRENCH_BODY = "Nous devons faire analyser les transformateurs de notre inventaire national avant leur élimination."


def ask(client, **overrides):
    data = {"title": FRENCH_TITLE, "body": FRENCH_BODY, "language": ""}
    data.update(overrides)
    return client.post(ASK, data)


def address(question, language: str) -> str:
    with override(language):
        return question.get_absolute_url()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_language_is_detected_when_the_author_leaves_detect(client, member):
    client.force_login(member)
    assert ask(client).status_code == 302
    assert Question.objects.get().language == "fr"


def test_the_authors_choice_wins_and_a_wrong_detection_can_be_corrected(client, member):
    client.force_login(member)
    response = ask(
        client, title="PCB oil laboratories: which ones are accredited?", body="Bonjour, merci de votre aide."
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = Question.objects.get()
    wrongly = question.language
    ask(
        client,
        title="Which laboratories test PCB oil in the region?",
        body="Any list of laboratories helps us.",
        language="es",
    )
    assert Question.objects.get(title__startswith="Which").language == "es"
    # The author corrects the first one from the edit page.
    response = client.post(
        f"/en/forum/question/{question.pk}/edit/",
        {"title": question.title, "body": question.body_markdown, "summary": "", "language": "ru"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.language == "ru" and wrongly != "ru"
    edit_page = soup(client.get(f"/en/forum/question/{question.pk}/edit/"))
    assert edit_page.select_one("select[name=language] option[selected]")["value"] == "ru"


def test_an_unknown_language_is_refused_with_a_message_and_nothing_written(client, member):
    client.force_login(member)
    response = ask(client, language="klingon")
    assert response.status_code == 400
    assert Question.objects.count() == 0
    errors = soup(response).select_one("[data-error-summary]")
    assert errors is not None and "klingon" in errors.get_text()


def test_a_post_in_another_language_is_marked_in_every_page(client, member):
    client.force_login(member)
    ask(client)
    question = Question.objects.get()
    client.post(
        f"/en/forum/questions/{question.pk}/answer/",
        {"body": "Теперь я знаю две аккредитованные лаборатории в регионе.", "language": ""},
    )
    answer = Answer.objects.get()
    assert answer.language == "ru"
    page = soup(client.get(address(question, "ar")))
    assert page.html["lang"] == "ar"
    assert page.select_one("h1 span[lang=fr]").get_text() == FRENCH_TITLE
    assert page.select_one(f"#answer-{answer.pk} .rich-text")["lang"] == "ru"
    assert page.select_one(f"#answer-{answer.pk} .rich-text")["dir"] == "ltr"
    # On the French page the French question needs no mark.
    french = soup(client.get(address(question, "fr")))
    assert french.select_one("h1 span").get("lang") is None
    listing = soup(client.get("/en/forum/"))
    assert listing.find("a", string=FRENCH_TITLE)["lang"] == "fr"


def test_search_finds_posts_in_every_language_the_readers_first(client, member, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    client.force_login(member)
    ask(client)
    ask(client, title="Which laboratories analyse transformer oil for PCB?", body="We need to test our transformers.")
    for question in Question.objects.all():
        index_object("question", question.pk)

    def titles(url):
        page = soup(client.get(url))
        return [result.select_one("h2 a").get_text(strip=True) for result in page.select(".search-result")], page

    french, page = titles("/fr/search/?q=PCB")
    assert french == [FRENCH_TITLE, "Which laboratories analyse transformer oil for PCB?"]
    second = page.select(".search-result")[1]
    assert second.select_one("h2 a")["lang"] == "en"
    assert second.select_one(".result-language").get_text(strip=True) == "Anglais"
    english, _page = titles("/en/search/?q=PCB")
    assert english == ["Which laboratories analyse transformer oil for PCB?", FRENCH_TITLE]
    only_french, _page = titles("/fr/search/?q=PCB&lang=only")
    assert only_french == [FRENCH_TITLE]


def test_other_members_posts_detect_too(client):
    author = MemberFactory()
    client.force_login(author)
    ask(client, title="如何管理含多氯联苯的变压器？", body="我们需要了解多氯联苯变压器的无害环境管理方法。")
    assert Question.objects.get().language == "zh-hans"


def question_in_french(member) -> Question:
    from community.services import ask_question

    return ask_question(member, title=FRENCH_TITLE, body=FRENCH_BODY + " <script>alert(1)</script>")


def test_without_a_provider_there_is_no_translate_link(client, member, settings):
    settings.MACHINE_TRANSLATION_PROVIDER = ""
    question = question_in_french(member)
    page = soup(client.get(address(question, "en")))
    assert page.find("a", string=lambda text: text and text.startswith("Translate into")) is None
    # Asking anyway shows the original, untouched.
    page = soup(client.get(address(question, "en") + "?translate=all"))
    assert page.select_one(".machine-translation") is None
    assert FRENCH_BODY in page.select_one(".question .rich-text").get_text()


def test_a_reader_translates_a_post_through_the_provider_once(client, member, translation_service):
    question = question_in_french(member)
    url = address(question, "en")
    page = soup(client.get(url))
    link = page.find("a", string="Translate into English")
    assert link["href"] == f"{url}?translate=question#question"

    for _ in range(2):
        page = soup(client.get(link["href"].split("#")[0]))
        shown = page.select_one(".question .machine-translation")
        assert "Machine translation" in shown.get_text()
        assert "Translated automatically from French" in shown.get_text()
        assert "[en]" in shown.select_one(".rich-text").get_text()
        assert shown.find("a", string="Show the original")["href"] == f"{url}#question"
        assert page.select_one("h1 span").get_text().startswith("[en] ")
        # The provider's HTML is sanitized like a member's.
        assert "<script" not in str(shown)
    # Cached per post, version and language: asked once for the body, once for the title.
    assert len(translation_service.requests) == 2
    body_request = translation_service.requests[0].body
    assert (body_request["source"], body_request["target"], body_request["format"]) == ("fr", "en", "html")

    # An edit is a new version: translated again.
    question.refresh_from_db()
    client.force_login(member)
    client.post(
        f"/en/forum/question/{question.pk}/edit/",
        {"title": question.title, "body": FRENCH_BODY + " Merci.", "summary": "", "language": "fr"},
    )
    client.get(f"{url}?translate=question")
    assert len(translation_service.requests) == 4


@pytest.mark.parametrize("answer", ["slow", "error"])
def test_a_provider_that_is_slow_or_failing_gives_a_message_not_an_error(
    client, member, translation_service, settings, answer
):
    settings.MACHINE_TRANSLATION_TIMEOUT = 0.5
    translation_service.answer = answer
    question = question_in_french(member)
    response = client.get(address(question, "en") + "?translate=all")
    assert response.status_code == 200
    page = soup(response)
    assert "The machine translation is not available right now." in page.select_one("[role=status]").get_text()
    assert FRENCH_BODY in page.select_one(".question .rich-text").get_text()
    assert page.select_one(".machine-translation") is None
