"""The search index. search.services writes it from the things it stands
for, and tests search through it that way; these are for the rare test about
the index's rows themselves."""

import datetime

import factory

from search.backends import backend
from search.constants import NEUTRAL, Facet, Kind, text_search_config
from search.models import SearchDocument, SearchFacetValue, SearchQueryLog, SearchTerm


class SearchDocumentFactory(factory.django.DjangoModelFactory):
    """A reference-data row (a COP decision, in every language), written to
    the full-text index as search.services writes its rows."""

    class Meta:
        model = SearchDocument

    kind = Kind.DECISION
    source = "decision"
    source_id = factory.Sequence(lambda n: n + 1)
    language = NEUTRAL
    config = factory.LazyAttribute(lambda document: text_search_config(document.language))
    title = factory.Sequence(lambda n: f"Technical guidelines on mercury wastes {n}")
    body = "Adopts the technical guidelines on the environmentally sound management of mercury wastes."
    url = factory.LazyAttribute(lambda document: f"/decisions/BC-12-{document.source_id}/")
    date = None
    # As search.services writes it: the date's day number, 0 when undated.
    recency = factory.LazyAttribute(lambda document: document.date.toordinal() if document.date else 0)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = super()._create(model_class, *args, **kwargs)
        # The full-text columns (PostgreSQL) or table (SQLite) are the backend's to fill.
        backend().write([document.pk])
        return document


class SearchFacetValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchFacetValue

    document = factory.SubFactory(SearchDocumentFactory)
    facet = Facet.CONVENTION
    value = "BC"


class SearchQueryLogFactory(factory.django.DjangoModelFactory):
    """What was searched for today, once."""

    class Meta:
        model = SearchQueryLog

    query = factory.Sequence(lambda n: f"mercury {n}")
    language = "en"
    day = factory.LazyFunction(datetime.date.today)
    searches = 1
    results = 3


class SearchTermFactory(factory.django.DjangoModelFactory):
    """A word of the vocabulary that "Did you mean" draws from."""

    class Meta:
        model = SearchTerm

    word = factory.Sequence(lambda n: f"mercury{n}")
    length = factory.LazyAttribute(lambda term: len(term.word))
