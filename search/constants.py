from django.db import models
from django.utils.translation import gettext_lazy as _

# What a query may cost: longer text is cut (with a message), and no more
# than this many words reach the database. Bounds the work per query.
MAX_QUERY_LENGTH = 256
MAX_QUERY_TERMS = 16
RESULTS_PER_PAGE = 20
SUGGESTIONS = 8
# The stored text a snippet is cut from; the vector still covers everything.
MAX_BODY_LENGTH = 20_000
MAX_VECTOR_TEXT = 200_000


class Kind(models.TextChoices):
    """What a result is, in the order the type facet lists them."""

    BEST_PRACTICE = "best_practice", _("Best practice")
    PROJECT_SUMMARY = "project_summary", _("Project summary")
    COORDINATION_MECHANISM = "coordination_mechanism", _("National coordination")
    AWARENESS_MATERIAL = "awareness_material", _("Awareness material")
    LEGAL_INFORMATION = "legal_information", _("Legal information")
    QUESTION = "question", _("Forum question")
    DECISION = "decision", _("COP decision")
    MEETING = "meeting", _("Meeting")
    CHEMICAL = "chemical", _("Chemical")
    WASTE = "waste", _("Waste stream")
    COUNTRY = "country", _("Country profile")
    FOCAL_POINT = "focal_point", _("Focal point")
    REGIONAL_CENTRE = "regional_centre", _("Regional centre")
    GROUP = "group", _("Group")
    MEMBER = "member", _("Member")


class Facet(models.TextChoices):
    """The facets, with the URL parameter each is kept in."""

    TYPE = "type", _("Type")
    CONVENTION = "convention", _("Convention")
    TOPIC = "topic", _("Thematic area")
    REGION = "region", _("UN region")
    COUNTRY = "country", _("Country")
    YEAR = "year", _("Year")


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
# Reference data (decisions, meetings, chemicals, directories) is published in
# English and belongs to every language's results.
NEUTRAL = ""
NEUTRAL_CONFIG = "english"


def text_search_config(language: str) -> str:
    """The configuration for a language code ("zh-hans" is Chinese)."""
    return TEXT_SEARCH_CONFIG.get((language or "").split("-")[0], NEUTRAL_CONFIG)
