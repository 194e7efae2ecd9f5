"""Machine translation against a real HTTP server on 127.0.0.1 that speaks
LibreTranslate's API (and DeepL's, at the addresses the DeepL tests give it)."""

import importlib
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.strings import StringValue

from config.settings import machine_translation as translation_settings
from config.settings.machine_translation import wagtail_localize_translator
from core import machine_translation
from core.machine_translation import (
    MachineTranslationUnavailable,
    is_enabled,
    translate_cached,
    translate_text,
)


def test_text_is_translated_and_the_request_names_the_languages_format_and_key(translation_service):
    result = translate_text("Where is the national focal point?", "en", "zh-hans")

    assert result == "[zh] Where is the national focal point?"
    [request] = translation_service.requests
    assert request.path == "/translate"
    assert request.body == {
        "q": "Where is the national focal point?",
        "source": "en",
        "target": "zh",
        "format": "text",
        "api_key": "hub-key",
    }


def test_html_is_sent_as_html(translation_service):
    result = translate_text("<p>Technical <strong>assistance</strong></p>", "fr", "es", format="html")

    assert result == "[es] <p>Technical <strong>assistance</strong></p>"
    assert translation_service.requests[0].body["format"] == "html"


def test_a_trailing_slash_in_the_address_is_harmless(translation_service, settings):
    settings.MACHINE_TRANSLATION_URL = translation_service.url + "/"

    assert translate_text("Parties", "en", "ar") == "[ar] Parties"
    assert translation_service.requests[0].path == "/translate"


@pytest.mark.parametrize("provider", ["", "google"])
def test_without_a_provider_nothing_is_translated(settings, provider):
    settings.MACHINE_TRANSLATION_PROVIDER = provider

    assert not is_enabled()
    with pytest.raises(MachineTranslationUnavailable, match="switched off"):
        translate_text("Hello", "en", "fr")


def test_without_any_setting_machine_translation_is_off(settings):
    for name in ("MACHINE_TRANSLATION_PROVIDER", "MACHINE_TRANSLATION_URL", "MACHINE_TRANSLATION_API_KEY"):
        if hasattr(settings, name):
            delattr(settings, name)

    assert not is_enabled()


def test_a_provider_that_is_down_fails_at_once_and_says_so(translation_service, settings, closed_port):
    settings.MACHINE_TRANSLATION_URL = f"http://127.0.0.1:{closed_port}"

    started = time.monotonic()
    with pytest.raises(MachineTranslationUnavailable, match="could not be reached"):
        translate_text("Hello", "en", "fr")
    assert time.monotonic() - started < 1


def test_a_slow_provider_is_given_up_after_the_timeout(translation_service, settings):
    settings.MACHINE_TRANSLATION_TIMEOUT = 0.5
    translation_service.answer = "slow"

    started = time.monotonic()
    with pytest.raises(MachineTranslationUnavailable, match=r"did not answer within 0\.5 seconds"):
        translate_text("Hello", "en", "fr")
    assert time.monotonic() - started < 0.5 + 1


def test_an_error_from_the_provider_is_passed_on(translation_service):
    translation_service.answer = "error"

    with pytest.raises(MachineTranslationUnavailable) as raised:
        translate_text("Hello", "en", "fr")
    assert str(raised.value) == (
        "The translation service answered with an error (HTTP 500): "
        "Internal error: the translation model failed to load"
    )


def test_a_refused_request_is_passed_on(translation_service):
    translation_service.answer = "error"
    translation_service.error_status = 400
    translation_service.error_message = "Invalid API key"

    with pytest.raises(MachineTranslationUnavailable, match=r"\(HTTP 400\): Invalid API key"):
        translate_text("Hello", "en", "fr")


def test_a_malformed_answer_is_not_taken_for_a_translation(translation_service):
    translation_service.answer = "malformed"

    with pytest.raises(MachineTranslationUnavailable, match="not valid JSON"):
        translate_text("Hello", "en", "fr")


def test_an_address_that_is_not_web_is_refused(translation_service, settings):
    settings.MACHINE_TRANSLATION_URL = "file:///etc"

    with pytest.raises(MachineTranslationUnavailable, match="not an http or https address"):
        translate_text("Hello", "en", "fr")
    assert translation_service.requests == []


@pytest.mark.parametrize(
    ("api_key", "path"), [("pro-key", "/pro/v2/translate"), ("free-key:fx", "/free/v2/translate")]
)
def test_deepl_is_asked_with_its_own_codes_and_key(translation_service, settings, monkeypatch, api_key, path):
    # DeepL's real hosts are out of reach here; the local server stands in for both.
    monkeypatch.setattr(machine_translation, "DEEPL_API_URL", translation_service.url + "/pro/v2/translate")
    monkeypatch.setattr(machine_translation, "DEEPL_FREE_API_URL", translation_service.url + "/free/v2/translate")
    settings.MACHINE_TRANSLATION_PROVIDER = "deepl"
    settings.MACHINE_TRANSLATION_API_KEY = api_key

    assert translate_text("<p>Hello</p>", "zh-hans", "en", format="html") == "[EN-GB] <p>Hello</p>"
    assert translate_text("Hello", "en", "zh-hans") == "[ZH-HANS] Hello"
    first, second = translation_service.requests
    assert first.path == path
    assert first.headers["Authorization"] == f"DeepL-Auth-Key {api_key}"
    assert first.body == {
        "text": ["<p>Hello</p>"],
        "source_lang": "ZH",
        "target_lang": "EN-GB",
        "tag_handling": "html",
    }
    assert second.body == {"text": ["Hello"], "source_lang": "EN", "target_lang": "ZH-HANS"}


def test_the_same_revision_is_translated_once(translation_service):
    first = translate_cached("Hello", "en", "fr", cache_key_parts=("answer", 42, "2025-06-01T10:00:00"))
    second = translate_cached("Hello", "en", "fr", cache_key_parts=("answer", 42, "2025-06-01T10:00:00"))

    assert first == second == "[fr] Hello"
    assert len(translation_service.requests) == 1


def test_another_revision_or_language_is_translated_again(translation_service):
    translate_cached("Hello", "en", "fr", cache_key_parts=("answer", 42, "2025-06-01T10:00:00"))
    edited = translate_cached("Hello again", "en", "fr", cache_key_parts=("answer", 42, "2025-06-02T09:30:00"))
    russian = translate_cached("Hello", "en", "ru", cache_key_parts=("answer", 42, "2025-06-01T10:00:00"))

    assert (edited, russian) == ("[fr] Hello again", "[ru] Hello")
    assert len(translation_service.requests) == 3


def test_a_failure_is_not_remembered(translation_service):
    translation_service.answer = "error"
    with pytest.raises(MachineTranslationUnavailable):
        translate_cached("Hello", "en", "fr", cache_key_parts=("answer", 42, 1))

    translation_service.answer = "normal"
    assert translate_cached("Hello", "en", "fr", cache_key_parts=("answer", 42, 1)) == "[fr] Hello"
    assert len(translation_service.requests) == 2


def test_long_and_unusual_key_parts_still_make_a_short_plain_key(translation_service):
    parts = ("forum post", "x" * 500, "ünïcode\nwith spaces")

    key = machine_translation.translation_cache_key("Hello", "en", "fr", cache_key_parts=parts)
    assert len(key) < 250
    assert key.isascii() and " " not in key and "\n" not in key
    assert translate_cached("Hello", "en", "fr", cache_key_parts=parts) == "[fr] Hello"


def test_the_settings_configure_wagtail_localize_for_libretranslate():
    assert wagtail_localize_translator("libretranslate", "http://libretranslate:5000", "") == {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "http://libretranslate:5000", "API_KEY": ""},
    }


def test_the_settings_configure_wagtail_localize_for_deepl(settings):
    config = wagtail_localize_translator("deepl", "", "secret:fx")
    assert config == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "secret:fx"},
    }

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = config
    translator = get_machine_translator()
    assert isinstance(translator, DeepLTranslator)
    assert translator.get_headers() == {"Authorization": "DeepL-Auth-Key secret:fx"}


def test_the_settings_leave_wagtail_localize_without_a_translator_when_off():
    assert wagtail_localize_translator("", "http://libretranslate:5000", "key") is None


@pytest.mark.parametrize(
    ("provider", "url", "api_key", "message"),
    [
        ("libretranslate", "", "", "MACHINE_TRANSLATION_URL"),
        ("deepl", "", "", "MACHINE_TRANSLATION_API_KEY"),
        ("libretransalte", "http://libretranslate:5000", "", "must be empty"),
    ],
)
def test_a_provider_that_cannot_work_stops_the_site_at_start_up(provider, url, api_key, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        wagtail_localize_translator(provider, url, api_key)


@pytest.fixture
def reload_settings_fragment(monkeypatch):
    """Re-read config/settings/machine_translation.py under the environment a
    test sets, and read it again under the real one afterwards."""
    for name in ("PROVIDER", "URL", "API_KEY", "TIMEOUT"):
        monkeypatch.delenv(f"MACHINE_TRANSLATION_{name}", raising=False)

    def reload(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return vars(importlib.reload(translation_settings))

    yield reload
    monkeypatch.undo()
    importlib.reload(translation_settings)


def test_the_environment_switches_machine_translation_on(reload_settings_fragment):
    fragment = reload_settings_fragment(
        MACHINE_TRANSLATION_PROVIDER="LibreTranslate",
        MACHINE_TRANSLATION_URL="http://libretranslate:5000/",
        MACHINE_TRANSLATION_TIMEOUT="2.5",
    )

    exported = {name: fragment[name] for name in fragment["__all__"]}
    assert exported == {
        "MACHINE_TRANSLATION_PROVIDER": "libretranslate",
        "MACHINE_TRANSLATION_URL": "http://libretranslate:5000",
        "MACHINE_TRANSLATION_API_KEY": "",
        "MACHINE_TRANSLATION_TIMEOUT": 2.5,
        "WAGTAILLOCALIZE_MACHINE_TRANSLATOR": {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {"LIBRETRANSLATE_URL": "http://libretranslate:5000", "API_KEY": ""},
        },
    }


def test_without_environment_machine_translation_is_off(reload_settings_fragment):
    fragment = reload_settings_fragment()

    assert fragment["MACHINE_TRANSLATION_PROVIDER"] == ""
    assert fragment["MACHINE_TRANSLATION_TIMEOUT"] == 4.0
    assert "WAGTAILLOCALIZE_MACHINE_TRANSLATOR" not in fragment["__all__"]


def test_wagtail_localize_translates_through_the_configured_libretranslate(db, translation_service, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = wagtail_localize_translator(
        "libretranslate", translation_service.url, "editor-key"
    )
    english, _ = Locale.objects.get_or_create(language_code="en")
    chinese, _ = Locale.objects.get_or_create(language_code="zh-hans")
    heading = StringValue.from_plaintext("Technical assistance")
    body = StringValue.from_source_html("Ask a <b>regional centre</b>")[0]

    translator = get_machine_translator()
    assert translator.can_translate(english, chinese)
    translations = translator.translate(english, chinese, [heading, body])

    assert translations[heading].render_text() == "[zh] Technical assistance"
    assert translations[body].data == "[zh] " + body.data
    [request] = translation_service.requests
    assert request.body["q"] == ["Technical assistance", body.data]
    assert (request.body["source"], request.body["target"], request.body["api_key"]) == ("en", "zh", "editor-key")
