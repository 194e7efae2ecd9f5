"""Reference data's names in the reader's language, and lists in the reader's
alphabetical order.

The names stored in the database are English (they come from English lists:
ISO 3166, the UN's groups, the conventions' own pages). Readers see:
- countries: the translations of ISO 3166 that pycountry ships (the
  Debian iso-codes catalogues), the European Union from our own catalogue;
- the conventions, the UN regional groups and the thematic areas: our own
  catalogue, whose words are the glossary's (locale/glossary_un6.csv);
- sorted with the Unicode Collation Algorithm (pyuca), not by code point, so
  "Égypte" sorts with the E's and Arabic and Cyrillic names in their alphabets.
"""

import functools
import gettext as gettext_module
from collections.abc import Callable, Iterable
from typing import TypeVar

import pycountry
import pyuca
from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_noop
from wagtail.coreutils import get_supported_content_language_variant

# Our language codes → iso-codes' catalogue names (Chinese: simplified, as used in the PRC and the UN).
ISO_CODES_LANGUAGES = {"fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh-hans": "zh_CN"}

# So that makemessages puts them in the catalogue; gettext() finds them at run time.
CATALOGUE_NAMES = [
    gettext_noop("European Union"),
    # Names ISO 3166's translations lack in one of the six languages.
    gettext_noop("Türkiye"),
    # The conventions (Instrument.name and short_name).
    gettext_noop("Basel Convention"),
    gettext_noop("Basel Ban Amendment"),
    gettext_noop("Rotterdam Convention"),
    gettext_noop("Stockholm Convention"),
    gettext_noop("Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal"),
    gettext_noop("Amendment to the Basel Convention (Ban Amendment)"),
    gettext_noop(
        "Rotterdam Convention on the Prior Informed Consent Procedure for Certain Hazardous Chemicals and "
        "Pesticides in International Trade"
    ),
    gettext_noop("Stockholm Convention on Persistent Organic Pollutants"),
    # The UN regional groups (RegionalGroup.name).
    gettext_noop("African States"),
    gettext_noop("Asia-Pacific States"),
    gettext_noop("Eastern European States"),
    gettext_noop("Latin American and Caribbean States"),
    gettext_noop("Western European and other States"),
    # The 21 thematic areas (ThematicArea.name); an editor's translation in
    # the admin wins over these.
    gettext_noop("Environmentally sound management of wastes"),
    gettext_noop("Transboundary movements and illegal traffic"),
    gettext_noop("Plastic waste"),
    gettext_noop("E-waste"),
    gettext_noop("Prior informed consent and trade"),
    gettext_noop("Pesticides"),
    gettext_noop("Industrial chemicals"),
    gettext_noop("POPs elimination and stockpiles"),
    gettext_noop("PCBs"),
    gettext_noop("DDT and alternatives"),
    gettext_noop("Contaminated sites"),
    gettext_noop("National implementation plans and reporting"),
    gettext_noop("Legal and institutional frameworks"),
    gettext_noop("Customs and enforcement"),
    gettext_noop("Technical assistance and capacity building"),
    gettext_noop("Financial resources"),
    gettext_noop("Gender and vulnerable groups"),
    gettext_noop("Monitoring and effectiveness evaluation"),
    gettext_noop("Science-policy interface"),
    gettext_noop("Public awareness and education"),
    gettext_noop("National coordination mechanisms"),
]


def reader_language() -> str:
    """The active language as one of WAGTAIL_CONTENT_LANGUAGES' codes (the
    one rule every app uses to pick names, pages and posts for a reader)."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


@functools.lru_cache(maxsize=len(ISO_CODES_LANGUAGES))
def _iso3166(language: str) -> gettext_module.NullTranslations:
    code = ISO_CODES_LANGUAGES.get(language)
    if code is None:
        return gettext_module.NullTranslations()
    try:
        return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return gettext_module.NullTranslations()


def country_name(iso2: str, english: str) -> str:
    """The country's name in the active language: pycountry's translation of
    its ISO name, else our catalogue's (the European Union), else English."""
    language = reader_language()
    if language == "en":
        return english
    record = pycountry.countries.get(alpha_2=iso2) if len(iso2 or "") == 2 else None
    if record is not None:
        translated = _iso3166(language).gettext(record.name)
        if translated != record.name:
            return translated
    return gettext(english)


def country_name_language(iso2: str, english: str) -> str:
    """ "en" when the reader's language has no translation of the country's
    name and it is shown in English (lang="en" around it), else ""."""
    language = reader_language()
    if language in ("en", "fr", "es"):
        return ""  # same script: an unchanged name is the same word (Angola, Andorra)
    return "en" if country_name(iso2, english) == english else ""


def catalogue_name(english: str) -> str:
    """A name our catalogue translates (conventions, groups, thematic areas),
    or the stored name when it has none (a name an editor added)."""
    return gettext(english) if english else english


@functools.lru_cache(maxsize=1)
def _collator() -> pyuca.Collator:
    # Loads the Default Unicode Collation Element Table once (about a second).
    return pyuca.Collator()


def collation_key(text: str) -> tuple:
    """Sort key in the Unicode Collation Algorithm's order, ignoring case."""
    return _collator().sort_key(text.casefold())


T = TypeVar("T")


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Items in the reader's alphabetical order of the name shown."""
    return sorted(items, key=lambda item: collation_key(name(item)))
