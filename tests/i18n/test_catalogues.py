"""The five translated catalogues are complete and use the conventions' terms.

Reads locale/<lang>/LC_MESSAGES/django.po as a translator leaves it: every
msgid translated, nothing fuzzy, every plural form filled, placeholders kept
(and `msgfmt --check` agrees), and the glossary's terms
(locale/glossary_un6.csv, the one list a translator starts from) used for the
conventions' own vocabulary.
"""

import csv
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
# Django's locale folder name, and the glossary's column for it.
LANGUAGES = {"fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh_Hans": "zh"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")

# The glossary rows the issue names as the conventions' own terms. "best
# practice" is not among them on purpose: the glossary's cell is the Stockholm
# term "best environmental practices" (BEP), not our kind of knowledge item.
CHECKED_TERMS = {
    "Basel Convention (short name)",
    "Rotterdam Convention (short name)",
    "Stockholm Convention (short name)",
    "Conference of the Parties",
    "Party / Parties",
    "national focal point",
    "designated national authority",
    "official contact point",
    "competent authority",
    "regional centre",
    "persistent organic pollutants (POPs)",
    "prior informed consent (PIC)",
    "African States",
    "Asia-Pacific States",
    "Eastern European States",
    "Latin American and Caribbean States",
    "Western European and other States",
}


def catalogue(language: str) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages`"
    return polib.pofile(str(path))


def placeholders(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


def glossary() -> list[dict[str, str]]:
    with open(LOCALE / "glossary_un6.csv", newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["term_en"] in CHECKED_TERMS]


def english_keys(row: dict[str, str], column: str) -> list[tuple[str, str]]:
    """(English words as they appear in a msgid, the translation they must get).
    "Party / Parties" gives two pairs; "(POPs)" and other bracketed
    abbreviations are left out of both sides."""
    english = row["term_en"].replace(" (short name)", "")
    translated = row[column]
    english_forms = [form.strip() for form in english.split("/")]
    translated_forms = [form.strip() for form in translated.split("/")]
    if len(translated_forms) != len(english_forms):
        translated_forms = translated_forms[:1] * len(english_forms)
    pairs = []
    for english_form, translated_form in zip(english_forms, translated_forms, strict=True):
        english_form = re.sub(r"\s*\(.*?\)", "", english_form).strip()
        translated_form = re.sub(r"\s*\(.*?\)", "", translated_form).strip()
        pairs.append((english_form, translated_form))
    return pairs


def normal(text: str) -> str:
    return re.sub(r"[\s.:…]+$", "", text.strip()).casefold()


def stems(translation: str, language: str) -> list[str]:
    """The beginnings of the glossary translation's words, so that a term still
    matches when a sentence inflects it (plural, case, Arabic construct state)."""
    if language == "zh":
        return [translation]
    found = []
    for word in re.findall(r"\w+", translation.casefold()):
        if language == "ar" and word.startswith("ال"):
            word = word[2:]
        if len(word) < 4:
            continue
        found.append(word[: max(3, len(word) - 3)] if language != "ar" else word[: max(2, len(word) - 2)])
    return found


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.fixture(params=sorted(LANGUAGES), scope="module")
def language(request):
    return request.param


def test_every_msgid_is_translated_and_nothing_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not all(translations(entry))]
    fuzzy = [entry.msgid for entry in po if not entry.obsolete and "fuzzy" in entry.flags]
    assert len(po) > 1000
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:20]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:20]}"
    assert "fuzzy" not in po.metadata_is_fuzzy and not po.metadata_is_fuzzy


def test_every_plural_form_is_filled(language):
    po = catalogue(language)
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    expected = {"fr": 2, "es": 3, "ar": 6, "ru": 4, "zh_Hans": 1}[language]
    assert forms == expected
    for entry in po:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == list(range(forms)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_placeholders_are_kept(language):
    po = catalogue(language)
    changed = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural) | placeholders(entry.msgid)
            for text in translations(entry):
                # A plural form for one exact number ("one", "two") may spell
                # the number out and leave the count's placeholder out.
                if not placeholders(text) <= wanted or not (wanted - placeholders(text)) <= {
                    "%(count)s",
                    "%(number)s",
                    "%d",
                    "%s",
                    "{count}",
                }:
                    changed.append(entry.msgid)
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            changed.append(entry.msgid)
    assert changed == [], f"placeholders changed in {language}: {changed[:20]}"


def test_msgfmt_check_passes(language, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (Debian: gettext)")
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603 - a fixed program on our own file
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_conventions_terms_are_the_glossarys(language):
    """A msgid that is a glossary term gets the glossary's translation; a
    msgid that contains one keeps its words (allowing for inflection)."""
    column = LANGUAGES[language]
    po = catalogue(language)
    wrong = []
    for row in glossary():
        for english, translated in english_keys(row, column):
            if not translated:
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(english)}(?![\w-])", re.IGNORECASE)
            for entry in po:
                if entry.obsolete:
                    continue
                for msgid, msgstr in [(entry.msgid, text) for text in translations(entry)]:
                    if normal(msgid) == normal(english):
                        if normal(msgstr) != normal(translated):
                            wrong.append(f"{msgid!r} → {msgstr!r}, glossary: {translated!r}")
                    elif pattern.search(msgid):
                        missing = [stem for stem in stems(translated, column) if stem not in msgstr.casefold()]
                        if missing:
                            wrong.append(f"{msgid!r} → {msgstr!r} lacks {missing} of {translated!r}")
    assert wrong == [], f"{len(wrong)} glossary terms not used in {language}:\n" + "\n".join(wrong[:30])
