from django.db import models
from django.utils.translation import gettext_lazy as _

# What results are, their facets, and the text limits documents are written
# with, shared with the apps that contribute documents (core.indexing).
from core.indexing import MAX_BODY_LENGTH, NEUTRAL, Facet, Kind  # noqa: F401

# What a query may cost: longer text is cut (with a message), and no more
# than this many words reach the database. Bounds the work per query.
MAX_QUERY_LENGTH = 256
MAX_QUERY_TERMS = 16
RESULTS_PER_PAGE = 20
# Candidates of a broad search besides its newest matches: at most this many
# of the newest that lead the ranking whatever their age (an exact name, every
# word in the title). search.results.first_results.
LEADING_CANDIDATES = 200
SUGGESTIONS = 8
MAX_VECTOR_TEXT = 200_000


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    DATE = "date", _("Newest first")


# PostgreSQL text-search configuration per language; Arabic and Chinese have
# no stemmer in PostgreSQL, so words are matched as written.
TEXT_SEARCH_CONFIG = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "simple",
    "zh": "simple",
}
NEUTRAL_CONFIG = "english"


def text_search_config(language: str) -> str:
    """The configuration for a language code ("zh-hans" is Chinese)."""
    return TEXT_SEARCH_CONFIG.get((language or "").split("-")[0], NEUTRAL_CONFIG)
