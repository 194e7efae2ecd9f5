"""Machine translation: one provider, chosen by the operator, for editors
(wagtail-localize's "Machine translate" in the admin) and for readers
(core.machine_translation, the "Translate" link on forum posts).

Imported into base.py with `from .machine_translation import *`, after
base.py has read .env into the environment.

MACHINE_TRANSLATION_PROVIDER  "" (off), "libretranslate" or "deepl"
MACHINE_TRANSLATION_URL       LibreTranslate's address, e.g. http://libretranslate:5000
MACHINE_TRANSLATION_API_KEY   LibreTranslate's key if it asks for one; DeepL's key (required)
MACHINE_TRANSLATION_TIMEOUT   seconds a reader waits for a translation (default 4)
"""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

LIBRETRANSLATE = "libretranslate"
DEEPL = "deepl"

MACHINE_TRANSLATION_PROVIDER = env("MACHINE_TRANSLATION_PROVIDER", default="").strip().lower()
MACHINE_TRANSLATION_URL = env("MACHINE_TRANSLATION_URL", default="").strip().rstrip("/")
MACHINE_TRANSLATION_API_KEY = env("MACHINE_TRANSLATION_API_KEY", default="").strip()
MACHINE_TRANSLATION_TIMEOUT = env.float("MACHINE_TRANSLATION_TIMEOUT", default=4.0)


def wagtail_localize_translator(provider: str, url: str, api_key: str) -> dict | None:
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR for the provider, or None when
    machine translation is off. A provider that cannot work as configured
    stops the site at start-up rather than failing in front of an editor.

    No TIMEOUT is passed: an editor translating a whole page sends all its
    strings in one request and waits for it on purpose, so wagtail-localize's
    own, longer defaults (10 s LibreTranslate, 30 s DeepL) suit it better
    than the few seconds a reader is given."""
    if not provider:
        return None
    if provider == LIBRETRANSLATE:
        if not url:
            raise ImproperlyConfigured("Set MACHINE_TRANSLATION_URL to LibreTranslate's address.")
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            # wagtail-localize reads API_KEY unconditionally; "" is "no key".
            "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": api_key},
        }
    if provider == DEEPL:
        if not api_key:
            raise ImproperlyConfigured("Set MACHINE_TRANSLATION_API_KEY to the DeepL API key.")
        # wagtail-localize picks api-free.deepl.com for ":fx" keys itself.
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": api_key},
        }
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION_PROVIDER is {provider!r}; it must be empty (off), {LIBRETRANSLATE!r} or {DEEPL!r}."
    )


__all__ = [
    "MACHINE_TRANSLATION_PROVIDER",
    "MACHINE_TRANSLATION_URL",
    "MACHINE_TRANSLATION_API_KEY",
    "MACHINE_TRANSLATION_TIMEOUT",
]

# Left unset when off: wagtail-localize then shows no machine translation button.
_translator = wagtail_localize_translator(
    MACHINE_TRANSLATION_PROVIDER, MACHINE_TRANSLATION_URL, MACHINE_TRANSLATION_API_KEY
)
if _translator is not None:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _translator
    __all__ += ["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]
