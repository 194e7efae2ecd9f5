"""Which of the six languages a member's text is written in.

py3langid (a maintained fork of langid.py, its model shipped in the wheel:
nothing is downloaded at run time), limited to the six UN languages. Short
or mixed text is detected poorly; below the confidence threshold the
caller's fallback is used, and the author can always correct the choice.
"""

import functools
import re

from django.conf import settings
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# langid's codes → ours.
OUR_CODES = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh": "zh-hans"}
MIN_CONFIDENCE = 0.8
MARKUP = re.compile(r"<[^>]+>|https?://\S+|[*_#>`\[\]()]")


@functools.lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(OUR_CODES))
    return identifier


def detect_language(text: str, fallback: str | None = None) -> str:
    """The language code (one of settings.LANGUAGES) the text is most likely
    in, or `fallback` (default: the site's default language) when unsure."""
    fallback = fallback or settings.LANGUAGE_CODE
    plain = MARKUP.sub(" ", text or "").strip()
    if len(plain) < 3:
        return fallback
    code, confidence = _identifier().classify(plain[:2000])
    if confidence < MIN_CONFIDENCE:
        return fallback
    return OUR_CODES.get(code, fallback)
