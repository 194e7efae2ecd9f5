from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .constants import Facet, Kind
from .managers import SearchDocumentQuerySet, SearchTermQuerySet

# What Wagtail's engine indexes when SEARCH_ENGINE is "wagtail" (OpenSearch or
# Elasticsearch); with the database's own full text the model is not indexed
# by Wagtail at all (no search_fields: no signal handlers, no second index).
WAGTAIL_SEARCH_FIELDS = [
    index.SearchField("title", boost=4),
    index.AutocompleteField("title"),
    index.SearchField("keywords", boost=2),
    index.SearchField("body"),
    index.FilterField("kind"),
    index.FilterField("language"),
]


class SearchDocument(index.Indexed, models.Model):
    """One searchable thing in one language, written by search.services from
    the model it stands for (knowledge item, question, decision, …). Only what
    somebody may read is ever written here; `private_group` narrows a row to the
    members of that group. Never edited by hand."""

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    source = models.CharField(max_length=60, help_text="app_label.model of what this row stands for")
    source_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10, blank=True, help_text="blank: reference data, in every language")
    # Rows of one content in several languages share it: a search shows one.
    translation_key = models.UUIDField(null=True, blank=True, db_index=True)
    config = models.CharField(max_length=20, help_text="PostgreSQL text-search configuration")
    title = models.CharField(max_length=500)
    keywords = models.TextField(blank=True, help_text="codes, synonyms and names, weighted like the title")
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, help_text="without the language prefix when language is blank")
    date = models.DateField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    private_group = models.ForeignKey(
        "community.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Filled by PostgreSQL (search.backends); SQLite keeps its own FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)
    # Title, keywords and the body's opening: small enough to rank tens of
    # thousands of matches without reading whole bodies (which decide what matches).
    rank_vector = SearchVectorField(null=True, editable=False)
    # The tie-break after relevance, and the order of "newest first", filled
    # when the row is written: the date's day number (date.toordinal()), 0
    # when undated, so undated rows come last on every database. A broad
    # search takes its candidates newest first through this column's index.
    recency = models.PositiveIntegerField(default=0, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()
    search_fields = WAGTAIL_SEARCH_FIELDS if settings.SEARCH_ENGINE == "wagtail" else []

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id", "language"], name="search_document_once"),
        ]
        indexes = [
            models.Index(fields=["language", "kind"]),
            models.Index(fields=["date"]),
            models.Index(fields=["-recency", "-id"], name="search_document_newest"),
        ]

    def __str__(self):
        return self.title

    @property
    def text_language(self) -> str:
        """The language its words are in, for lang="": reference data is
        published in English; forum posts and profiles are written in any."""
        if self.language:
            return self.language
        return "" if self.kind in (Kind.QUESTION, Kind.MEMBER, Kind.GROUP) else "en"


class SearchFacetValue(models.Model):
    """A facet value of a document (its type, each convention, topic, region,
    country, its year): counted with one GROUP BY over the matches."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20, choices=Facet.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "facet", "value"], name="search_facet_value_once"),
        ]
        indexes = [models.Index(fields=["facet", "value", "document"])]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchQueryLog(models.Model):
    """What people search for, one row per query text, language and day, with
    how often and how many results: no person, address or session is kept."""

    query = models.CharField(_("query"), max_length=256)
    language = models.CharField(_("language"), max_length=10)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results (last search)"), default=0)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [models.UniqueConstraint(fields=["query", "language", "day"], name="search_log_once_a_day")]
        indexes = [models.Index(fields=["day", "results"])]

    def __str__(self):
        return self.query


class SearchTerm(models.Model):
    """A word of some title or keyword in the index: the vocabulary that
    "Did you mean" corrections are drawn from. Words are only added (a word
    that no longer finds anything is never offered: a correction is checked
    before it is shown)."""

    word = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()

    objects = SearchTermQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["length", "word"])]

    def __str__(self):
        return self.word
