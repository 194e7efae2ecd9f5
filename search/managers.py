from django.contrib.postgres.search import TrigramDistance
from django.db import connections, models
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Value

from core.indexing import NEUTRAL, private_groups_of, reads_everything
from knowledge.locales import language_rank


class SearchDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for results, counts and suggestions: rows of a private
        group only for its active members. (Drafts, held, hidden or deleted
        posts and private profiles are never written to the index at all.)"""
        if reads_everything(user):
            return self  # as in the forum: editors read private groups to moderate them
        if not user.is_authenticated:
            return self.filter(private_group__isnull=True)
        return self.filter(Q(private_group__isnull=True) | Q(private_group__in=private_groups_of(user)))

    def in_languages(self, language: str | None):
        """One language's rows and the reference data; every row for None."""
        if language is None:
            return self
        return self.filter(language__in=[language, NEUTRAL])

    def one_per_translation(self, language: str, among=None):
        """Content translated into several languages once: the reader's
        language's row if there is one, else the default language's, else
        the one with the lowest id (also between two rows of one language).
        Rows with no translation key (posts, reference data) are all kept.
        `among`: the rows that compete (a search's matches), so a French
        version that matches still shows when the English one does not."""
        among = self.model.objects.all() if among is None else among
        better = (
            among.filter(translation_key=OuterRef("translation_key"))
            .exclude(pk=OuterRef("pk"))
            .annotate(_rank=language_rank(language, "language"))
            .filter(Q(_rank__lt=OuterRef("_rank")) | Q(_rank=OuterRef("_rank"), pk__lt=OuterRef("pk")))
        )
        return self.alias(_rank=language_rank(language, "language")).filter(
            Q(translation_key__isnull=True) | ~Exists(better)
        )


class SharesTrigrams(Func):
    """word % text: pg_trgm's "similar enough" (a third of their trigrams in
    common, by default), which its GIN index answers. A lookup for it exists
    only with django.contrib.postgres installed."""

    template = "%(expressions)s"
    arg_joiner = " %% "
    output_field = BooleanField()


class SearchTermQuerySet(models.QuerySet):
    def spelled_like(self, word: str):
        """Words of the vocabulary that `word` may be a misspelling of, a
        bounded few of about its length (sliced: filter nothing after it).
        On PostgreSQL at most 50 that share trigrams with it, the nearest
        first, found through the trigram index (search/0008) however large
        the vocabulary. Elsewhere up to 5,000 that begin with its first two
        letters, a range of the words' own index (a slip in those two is not
        corrected there)."""
        near = self.filter(length__range=(len(word) - 2, len(word) + 2))
        if connections[self.db].vendor == "postgresql":
            similar = near.filter(SharesTrigrams(F("word"), Value(word)))
            return similar.order_by(TrigramDistance("word", word), "word")[:50]
        start = word[:2]
        after = start[:-1] + chr(ord(start[-1]) + 1)
        return near.filter(word__gte=start, word__lt=after).order_by("word")[:5000]
