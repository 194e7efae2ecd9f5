"""A search box's text, read the way websearch engines read it: words,
"quoted phrases", -excluded words and OR. Reading is linear in the length of
the text, which is cut to MAX_QUERY_LENGTH first, and keeps at most
MAX_QUERY_TERMS words: whatever is typed, the database gets a small query."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .constants import MAX_QUERY_LENGTH, MAX_QUERY_TERMS

# A word is a run of letters or digits in any script; everything else
# (operators, quotes, SQL or regex metacharacters) separates words.
WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')


@dataclass(frozen=True)
class Part:
    words: tuple[str, ...]
    excluded: bool = False
    or_before: bool = False  # joined to the previous part by OR


@dataclass
class ParsedQuery:
    raw: str
    truncated: bool = False
    parts: list[Part] = field(default_factory=list)

    @property
    def included(self) -> list[Part]:
        return [part for part in self.parts if not part.excluded]

    @property
    def is_empty(self) -> bool:
        return not self.included

    @property
    def words(self) -> list[str]:
        return [word for part in self.included for word in part.words]

    def websearch(self) -> str:
        """The same query for PostgreSQL's websearch_to_tsquery."""
        out: list[str] = []
        for part in self.parts:
            if part.or_before and out:
                out.append("or")
            text = part.words[0] if len(part.words) == 1 else '"' + " ".join(part.words) + '"'
            out.append(("-" if part.excluded else "") + text)
        return " ".join(out)

    def fts5(self, *, prefix: bool = False) -> str:
        """The same query in SQLite FTS5 syntax, every word quoted so that
        nothing typed is read as an operator. With `prefix`, the last word
        also matches longer words (for suggestions while typing)."""
        included = self.included
        groups: list[list[str]] = []
        for index, part in enumerate(included):
            text = '"' + " ".join(part.words) + '"'
            if prefix and index == len(included) - 1 and len(part.words) == 1:
                text += "*"
            if part.or_before and groups:
                groups[-1].append(text)
            else:
                groups.append([text])
        expression = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
        for part in self.parts:
            if part.excluded:
                expression = f'({expression}) NOT "{" ".join(part.words)}"'
        return expression

    def tsquery_prefix(self) -> str:
        """to_tsquery text matching every word, the last one as a prefix."""
        words = self.words
        return " & ".join(f"'{word}'" + (":*" if index == len(words) - 1 else "") for index, word in enumerate(words))


# "PCBs" is read as "PCB", as the index reads it (search.backends).
ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


def parse_query(text: str) -> ParsedQuery:
    text = ACRONYM_PLURAL.sub(r"\1", (text or "").replace("\x00", " ")[: MAX_QUERY_LENGTH + 1])
    query = ParsedQuery(raw=text[:MAX_QUERY_LENGTH].strip(), truncated=len(text) > MAX_QUERY_LENGTH)
    count = 0
    or_next = not_next = False
    for match in TOKEN.finditer(query.raw):
        if count >= MAX_QUERY_TERMS:
            query.truncated = True
            break
        minus, phrase, _closing, bare = match.groups()
        if bare is not None:
            if bare in ("OR", "or", "|"):  # as websearch_to_tsquery reads it
                or_next = bool(query.parts)
                continue
            if bare in ("AND", "&"):
                continue
            if bare == "NOT":
                not_next = True
                continue
            excluded = not_next or (bare.startswith("-") and len(bare) > 1)
            words = WORD.findall(bare.lower())
        else:
            excluded = not_next or bool(minus)
            words = WORD.findall(phrase.lower())
        words = words[: MAX_QUERY_TERMS - count]
        if not words:
            continue
        if excluded:
            # "-word" may split into several words ("-e-waste"): exclude the phrase.
            query.parts.append(Part(tuple(words), excluded=True))
        elif bare is not None and len(words) > 1:
            # "e-waste" or "14/12": the words belong together.
            query.parts.append(Part(tuple(words), or_before=or_next))
        else:
            query.parts.append(Part(tuple(words), or_before=or_next))
        or_next = not_next = False
        count += len(words)
    return query
