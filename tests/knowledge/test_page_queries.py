"""What a reader's visit costs the database: a knowledge item's page, the
home page and the listing each read a fixed number of queries, however much
an item holds and however many items there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_factories import DocumentFactory

from conventions.models import ThematicArea
from knowledge.models import KnowledgeIndexPage
from profiles.constants import Role
from tests.community.factories import GroupFactory
from tests.conventions.factories import CountryFactory, DecisionFactory, RegionalGroupFactory
from tests.knowledge.factories import (
    BestPracticeFactory,
    DecisionReferenceFactory,
    HomeFeaturedItemFactory,
    KnowledgeAttachmentFactory,
)
from tests.profiles.factories import MemberFactory, VerificationFactory

pytestmark = pytest.mark.django_db

# Wagtail's own part of an item's page is 8 of these: the site, the active
# locale, the root page, each of the two pages on the way read twice (as a
# page, then as its kind), and the view restrictions. The rest is one query
# per kind of thing the page shows (the decision codes' look-up included).
ITEM_PAGE_QUERIES = 22
HOME_PAGE_QUERIES = 14
LISTING_QUERIES = 16


def queries_to_show(client, url: str) -> int:
    """The queries of a reader's second visit (the first fills the
    per-process caches: locales, content types, the sites' root paths)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def english_index():
    """The index members share into: translating an item copies the index
    into the other language's tree, as an alias, so there are then two."""
    return KnowledgeIndexPage.objects.get(locale__language_code="en")


def topic_slugs(count: int) -> list[str]:
    return list(ThematicArea.objects.originals().order_by("slug").values_list("slug", flat=True)[:count])


def translate(item, languages: list[str]) -> None:
    """Published translations of the item (their parents copied as aliases)."""
    for language in languages:
        translation = item.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
        translation.save_revision().publish()


def item_holding(count: int):
    """A published item with `count` of everything a page shows: topics,
    countries, regions, conventions, tags, groups, decisions it implements,
    attachments, translations and related items, shared by a member with
    `count` badges."""
    submitter = MemberFactory(profile__is_public=True, profile__organisation="Ministry of Environment")
    for _ in range(count):
        VerificationFactory(user=submitter, role=Role.EXPERT)
    countries = [CountryFactory() for _ in range(count)]
    item = BestPracticeFactory(
        parent=english_index(),
        submitter=submitter,
        topics=topic_slugs(count),
        conventions=["BC", "RC", "SC"][:count],
        countries=countries,
    )
    item.regions.set([RegionalGroupFactory(countries=[country]) for country in countries])
    item.groups.set([GroupFactory() for _ in range(count)])
    item.tags.add(*[f"tag-{number}" for number in range(count)])
    item.save()
    for number in range(count):
        decision = DecisionFactory()
        DecisionReferenceFactory(item=item, code=decision.code)
        KnowledgeAttachmentFactory(item=item, document=DocumentFactory(title=f"Report {number}"))
    translate(item, ["fr", "es", "ru"][:count])
    for _ in range(count):
        BestPracticeFactory(parent=english_index(), topics=topic_slugs(1), countries=countries[:1])
    return item


def test_an_items_page_costs_the_same_however_much_the_item_holds(client):
    # Each item has its own topics' and countries' related items: the counts
    # compare the page of an item with one of everything and with many.
    with_one = queries_to_show(client, item_holding(1).url)
    with_many = queries_to_show(client, item_holding(3).url)

    assert with_many == with_one
    assert with_many <= ITEM_PAGE_QUERIES


def test_the_home_page_costs_the_same_however_many_items_there_are(client):
    countries = [CountryFactory() for _ in range(3)]

    def share(count: int) -> None:
        for _ in range(count):
            HomeFeaturedItemFactory(page=BestPracticeFactory(conventions=["BC", "SC"], countries=countries))
            BestPracticeFactory(conventions=["RC"], countries=countries, topics=topic_slugs(2))

    share(1)
    with_few = queries_to_show(client, "/en/")
    share(6)
    with_many = queries_to_show(client, "/en/")

    assert with_many == with_few
    assert with_many <= HOME_PAGE_QUERIES


@pytest.mark.parametrize("query", ["", "?convention=BC&sort=title", "best-practices/?page=2"])
def test_the_listing_costs_the_same_however_many_items_there_are(client, query):
    countries = [CountryFactory() for _ in range(3)]

    def share(count: int) -> None:
        for _ in range(count):
            BestPracticeFactory(conventions=["BC", "SC"], countries=countries, topics=topic_slugs(2))

    share(13)
    with_few = queries_to_show(client, "/en/knowledge/" + query)
    share(24)
    with_many = queries_to_show(client, "/en/knowledge/" + query)

    assert with_many == with_few
    assert with_many <= LISTING_QUERIES
