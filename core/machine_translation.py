"""Machine translation through the provider the operator configures
(LibreTranslate or DeepL), for readers' "Translate" links.

Editors translate pages in the Wagtail admin through wagtail-localize's own
machine translator; config/settings/machine_translation.py configures that
one from the same environment variables, so both use one provider.

The client uses urllib rather than a new dependency: it sends one small
JSON request and reads one small JSON answer.
"""

import hashlib
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

LIBRETRANSLATE = "libretranslate"
DEEPL = "deepl"
PROVIDERS = (LIBRETRANSLATE, DEEPL)
FORMATS = ("text", "html")
DEFAULT_TIMEOUT = 4.0

# DeepL serves keys of its free plan (they end in ":fx") on a host of their own.
# https://developers.deepl.com/docs/getting-started/auth
DEEPL_API_URL = "https://api.deepl.com/v2/translate"
DEEPL_FREE_API_URL = "https://api-free.deepl.com/v2/translate"
# DeepL wants a regional variant for English and names the Chinese script as a
# target; UN documents are written in British English.
DEEPL_TARGET_LANGUAGES = {"en": "EN-GB", "zh-hans": "ZH-HANS"}

# The key names the text's object and revision (and holds a digest of the
# text), so a stored translation never goes stale; the limit only returns
# the space of translations nobody asks for any more.
CACHE_SECONDS = 60 * 60 * 24 * 30
# Far more than any post's translation: a larger answer is not one, and
# reading it would only hold memory.
MAX_RESPONSE_BYTES = 2 * 1024 * 1024


class MachineTranslationUnavailable(Exception):
    """No translation could be had: the provider is switched off, cannot be
    reached, was too slow or gave an answer that is not a translation. The
    message says which, in plain words, for the log and the operator; the
    reader is shown the original text."""


def is_enabled() -> bool:
    """Whether a provider is configured well enough to be asked: readers'
    "Translate" links are shown only then."""
    provider = _setting("MACHINE_TRANSLATION_PROVIDER", "")
    if provider == LIBRETRANSLATE:
        return bool(_setting("MACHINE_TRANSLATION_URL", ""))
    if provider == DEEPL:
        return bool(_setting("MACHINE_TRANSLATION_API_KEY", ""))
    return False


def translate_text(text: str, source_language: str, target_language: str, *, format: str = "text") -> str:
    """Translate `text` from one of the site's languages (Django codes: "en",
    "zh-hans", ...) into another, through the configured provider. With
    format="html" the provider keeps the markup and translates only the text.

    Raises MachineTranslationUnavailable, and nothing else, whatever goes
    wrong with the provider; it gives up after MACHINE_TRANSLATION_TIMEOUT
    seconds without an answer."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    if not is_enabled():
        raise MachineTranslationUnavailable(_("Machine translation is switched off on this site."))
    # Nothing to translate: spare the reader a round trip.
    if not text.strip() or source_language.lower() == target_language.lower():
        return text

    provider = _setting("MACHINE_TRANSLATION_PROVIDER", "")
    api_key = _setting("MACHINE_TRANSLATION_API_KEY", "")
    if provider == DEEPL:
        url = DEEPL_FREE_API_URL if api_key.endswith(":fx") else DEEPL_API_URL
        payload = {
            "text": [text],
            "source_lang": _deepl_source_language(source_language),
            "target_lang": _deepl_target_language(target_language),
        }
        if format == "html":
            payload["tag_handling"] = "html"
        answer = _post_json(url, payload, headers={"Authorization": f"DeepL-Auth-Key {api_key}"})
        try:
            translated = answer["translations"][0]["text"]
        except (KeyError, IndexError, TypeError):
            translated = None
    else:
        url = _setting("MACHINE_TRANSLATION_URL", "").rstrip("/") + "/translate"
        payload = {
            "q": text,
            "source": _libretranslate_language(source_language),
            "target": _libretranslate_language(target_language),
            "format": format,
            "api_key": api_key,
        }
        answer = _post_json(url, payload, headers={})
        translated = answer.get("translatedText") if isinstance(answer, dict) else None

    if not isinstance(translated, str):
        raise MachineTranslationUnavailable(_("The translation service's answer held no translation."))
    return translated


def translate_cached(
    text: str,
    source_language: str,
    target_language: str,
    *,
    cache_key_parts: tuple,
    format: str = "text",
) -> str:
    """translate_text, remembered in the cache: `cache_key_parts` names what
    is translated and its version, e.g. ("answer", 42, answer.updated_at), so
    each object, revision and target language is sent to the provider once,
    however many readers ask. A failure is not remembered: the next reader
    tries again."""
    if not is_enabled():
        # Switched off means no machine translation is shown, remembered or not.
        raise MachineTranslationUnavailable(_("Machine translation is switched off on this site."))
    key = translation_cache_key(text, source_language, target_language, cache_key_parts=cache_key_parts, format=format)
    translated = cache.get(key)
    if translated is None:
        translated = translate_text(text, source_language, target_language, format=format)
        cache.set(key, translated, CACHE_SECONDS)
    return translated


def translation_cache_key(
    text: str,
    source_language: str,
    target_language: str,
    *,
    cache_key_parts: tuple,
    format: str = "text",
) -> str:
    """The cache key of one translation. Everything goes through a digest, so
    the key is short and plain ASCII whatever the parts hold (memcached
    refuses keys over 250 characters or with spaces). The provider and a
    digest of the text are part of it too: after a change of provider, or an
    edit the caller's parts do not show, the old translation is not served."""
    described = json.dumps(
        [
            list(cache_key_parts),
            source_language.lower(),
            target_language.lower(),
            format,
            _setting("MACHINE_TRANSLATION_PROVIDER", ""),
            hashlib.sha256(text.encode()).hexdigest(),
        ],
        default=str,
    )
    return "machine-translation:" + hashlib.sha256(described.encode()).hexdigest()


def _setting(name: str, default):
    # getattr with a default: the module works before the settings fragment
    # (config/settings/machine_translation.py) is imported into base.py.
    value = getattr(settings, name, default)
    return value.strip() if isinstance(value, str) else value


def timeout_seconds() -> float:
    """How long a reader waits for one answer from the provider."""
    return float(_setting("MACHINE_TRANSLATION_TIMEOUT", DEFAULT_TIMEOUT))


def _libretranslate_language(code: str) -> str:
    # A self-hosted LibreTranslate names languages by their primary subtag
    # only: Simplified Chinese is "zh" (its traditional script is "zt").
    return code.lower().split("-")[0]


def _deepl_source_language(code: str) -> str:
    # Source languages carry no variant at DeepL: "ZH", "EN".
    return code.upper().split("-")[0]


def _deepl_target_language(code: str) -> str:
    return DEEPL_TARGET_LANGUAGES.get(code.lower(), code.upper())


def _post_json(url: str, payload: dict, *, headers: dict) -> object:
    """POST `payload` as JSON to the provider and return its decoded JSON
    answer, turning every way this can fail into MachineTranslationUnavailable."""
    # Only the web: urlopen would also read file: and ftp: addresses, and a
    # mistyped setting must not turn into a local file read.
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise MachineTranslationUnavailable(
            _("The translation service's address (%(url)s) is not an http or https address.") % {"url": url}
        )
    timeout = timeout_seconds()
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json", **headers},
        method="POST",
    )
    try:
        # The timeout bounds the connection and each wait for data, so a
        # provider that does not answer gives up the reader after that long.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (as above)
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise MachineTranslationUnavailable(
            _("The translation service answered with an error (HTTP %(status)s): %(detail)s")
            % {"status": error.code, "detail": _error_detail(error)}
        ) from error
    except (OSError, http.client.HTTPException) as error:
        # urllib wraps some failures in URLError (its reason is the real one)
        # and lets others, such as a read timeout, through as they are.
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            message = _("The translation service did not answer within %(seconds)s seconds.") % {"seconds": timeout}
        else:
            message = _("The translation service could not be reached (%(reason)s).") % {"reason": reason}
        raise MachineTranslationUnavailable(message) from error

    if len(body) > MAX_RESPONSE_BYTES:
        raise MachineTranslationUnavailable(_("The translation service's answer was too large to be a translation."))
    try:
        return json.loads(body)
    except ValueError as error:
        raise MachineTranslationUnavailable(_("The translation service's answer was not valid JSON.")) from error


def _error_detail(error: urllib.error.HTTPError) -> str:
    """What the provider said was wrong: LibreTranslate writes it in "error",
    DeepL in "message"; otherwise the status's reason phrase."""
    try:
        answer = json.loads(error.read(MAX_RESPONSE_BYTES))
    except (OSError, http.client.HTTPException, ValueError):
        answer = None
    finally:
        # The error holds the open connection; leaving it to the garbage
        # collector would warn (an error under the tests' filterwarnings).
        error.close()
    if isinstance(answer, dict):
        detail = answer.get("error") or answer.get("message")
        if isinstance(detail, str) and detail:
            return detail
    return str(error.reason)
