from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .locales import live_and_public, one_per_translation

# The relations a card lists besides the item's own fields.
CARD_RELATIONS = ("countries", "conventions")


class KnowledgeItemQuerySet(PageQuerySet):
    def published(self):
        """What visitors may see: live pages without view restrictions. The
        one rule for listings, related items, counts and search."""
        return live_and_public(self)

    def for_readers(self, language: str | None = None):
        """Published, each item once, in the reader's language where a live
        translation exists (listings, counts, related items)."""
        return one_per_translation(self.published(), language)

    def submitted_by(self, user):
        return self.filter(submitter=user) if user.is_authenticated else self.none()

    def in_region(self, group):
        """Items tagged with the region, or about a country in it."""
        return self.filter(Q(regions=group) | Q(countries__group_memberships__group=group)).distinct()

    def in_year(self, year: int):
        """Items whose year or period includes the year."""
        return self.filter(year_start__lte=year).filter(
            Q(year_end__gte=year) | Q(year_end__isnull=True, year_start=year)
        )

    def for_links(self):
        """What a link to an item shows (its title, kind and language), in one query."""
        return self.select_related("content_type", "locale", "alias_of__locale")

    def for_cards(self):
        """What a card shows (components/knowledge_card.html), in a fixed number of queries."""
        return self.for_links().prefetch_related(*CARD_RELATIONS)


KnowledgeItemManager = PageManager.from_queryset(KnowledgeItemQuerySet)
