import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.models import KnowledgeItemPage
from tests.conventions.factories import CountryFactory, RegionalGroupFactory
from tests.knowledge.factories import BestPracticeFactory, ProjectSummaryFactory


@pytest.fixture
def places(db):
    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    ghana = CountryFactory(iso2="GH", iso3="GHA", name="Ghana")
    colombia = CountryFactory(iso2="CO", iso3="COL", name="Colombia")
    RegionalGroupFactory(code="AFRICAN", name="African States", countries=[kenya, ghana])
    RegionalGroupFactory(code="GRULAC", name="Latin American and Caribbean States", countries=[colombia])
    return {"kenya": kenya, "ghana": ghana, "colombia": colombia}


@pytest.fixture
def items(places):
    return {
        "ewaste": BestPracticeFactory(
            title="E-waste take-back in Kenya", topics=["e-waste"], conventions=["BC"], countries=[places["kenya"]]
        ),
        "pcb": ProjectSummaryFactory(
            title="PCB inventory in Colombia",
            topics=["pcbs"],
            conventions=["SC"],
            countries=[places["colombia"]],
            year_start=2018,
            year_end=2022,
        ),
        "pesticides": BestPracticeFactory(
            title="Obsolete pesticides in Ghana",
            topics=["pesticides"],
            conventions=["RC", "SC"],
            countries=[places["ghana"]],
            year_start=2015,
        ),
    }


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return {
        title
        for title in ("E-waste take-back in Kenya", "PCB inventory in Colombia", "Obsolete pesticides in Ghana")
        if title in html
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"E-waste take-back in Kenya", "PCB inventory in Colombia", "Obsolete pesticides in Ghana"}),
        ("?type=project_summary", {"PCB inventory in Colombia"}),
        ("?convention=SC", {"PCB inventory in Colombia", "Obsolete pesticides in Ghana"}),
        ("?topic=e-waste", {"E-waste take-back in Kenya"}),
        ("?country=GHA", {"Obsolete pesticides in Ghana"}),
        ("?region=AFRICAN", {"E-waste take-back in Kenya", "Obsolete pesticides in Ghana"}),
        ("?year=2020", {"PCB inventory in Colombia"}),
        ("?year=2015", {"Obsolete pesticides in Ghana"}),
        ("?region=AFRICAN&convention=SC", {"Obsolete pesticides in Ghana"}),
        ("?tag=nothing-tagged", set()),
    ],
)
def test_filters_combine_and_stay_in_the_url(client, items, query, expected):
    assert titles(client, "/en/knowledge/" + query) == expected


@pytest.mark.django_db
def test_listing_per_type_and_sorting(client, items):
    assert titles(client, "/en/knowledge/best-practices/") == {
        "E-waste take-back in Kenya",
        "Obsolete pesticides in Ghana",
    }
    html = client.get("/en/knowledge/?sort=title").content.decode()
    assert html.index("E-waste take-back") < html.index("Obsolete pesticides") < html.index("PCB inventory")
    assert client.get("/en/knowledge/no-such-type/").status_code == 404


@pytest.mark.django_db
def test_filter_values_are_kept_in_the_form_and_links_in_pages(client, items):
    html = client.get("/en/knowledge/?convention=SC&sort=title").content.decode()
    assert '<option value="SC" selected>' in html
    assert '<option value="title" selected>' in html


@pytest.mark.django_db
def test_empty_state_says_what_to_do(client, items):
    response = client.get("/en/knowledge/?topic=contaminated-sites")
    html = response.content.decode()
    assert "Nothing matches these filters yet." in html
    assert "/en/knowledge/share/" in html


@pytest.mark.django_db
def test_bad_filter_values_do_not_break_the_page(client, items):
    response = client.get("/en/knowledge/?country=XXX&year=abc&convention=ZZ")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_detail_shows_metadata_as_filter_links_and_related_items(client, items, places):
    related = BestPracticeFactory(
        title="Another Kenyan e-waste scheme", topics=["e-waste"], countries=[places["kenya"]]
    )
    html = client.get(items["ewaste"].url).content.decode()
    assert 'href="/en/knowledge/?country=KEN"' in html
    assert 'href="/en/knowledge/?topic=e-waste"' in html
    assert 'href="/en/knowledge/?convention=BC"' in html
    assert related.title in html


@pytest.mark.django_db
def test_listing_query_count_is_the_same_for_10_and_100_items(client, places, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            BestPracticeFactory(topics=["e-waste"], conventions=["BC"], countries=[places["kenya"]])

    add(10)
    with CaptureQueriesContext(connection) as ten:
        assert client.get("/en/knowledge/").status_code == 200
    add(90)
    assert KnowledgeItemPage.objects.count() == 100
    with django_assert_max_num_queries(len(ten)):
        response = client.get("/en/knowledge/")
    assert response.content.decode().count("knowledge-card") == 12


@pytest.mark.django_db
def test_home_page_shows_latest_counts_and_a_call_to_share(client, items):
    html = client.get("/en/").content.decode()
    assert "E-waste take-back in Kenya" in html
    assert "Share an example" in html
    assert "See all 3 items" in html
    assert "Stockholm Convention" in html


@pytest.mark.django_db
def test_home_query_count_does_not_grow(client, places, django_assert_max_num_queries):
    for _ in range(3):
        BestPracticeFactory(topics=["e-waste"], conventions=["BC"], countries=[places["kenya"]])
    with CaptureQueriesContext(connection) as few:
        client.get("/en/")
    for _ in range(10):
        BestPracticeFactory(topics=["pcbs"], conventions=["SC"], countries=[places["ghana"]])
    with django_assert_max_num_queries(len(few)):
        client.get("/en/")


@pytest.mark.django_db
def test_home_page_counts_published_items_by_type(client):
    from knowledge.services import ITEM_TYPES, knowledge_counts

    for title in ("Deposit refund for PET bottles", "Take-back of old phones"):
        BestPracticeFactory(title=title)
    ProjectSummaryFactory(title="PCB inventory project")
    counts = {item_type.key: count for item_type, count in knowledge_counts()["counts_by_type"]}
    assert counts["best_practice"] == 2 and counts["project_summary"] == 1
    assert set(counts) == {item_type.key for item_type in ITEM_TYPES}


@pytest.mark.django_db
def test_item_page_names_its_topics_in_the_language_without_a_query_each(client, django_assert_max_num_queries):
    from wagtail.models import Locale

    from conventions.models import ThematicArea

    french = ThematicArea.objects.get(slug="e-waste").copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Déchets d'équipements électriques et électroniques"
    french.save()
    one = BestPracticeFactory(title="Take-back of phones", topics=["e-waste"])
    many = BestPracticeFactory(
        title="Take-back of computers", topics=["e-waste", "pcbs", "pesticides", "plastic-waste"]
    )
    page = client.get(f"/fr{one.url[3:]}").content.decode()
    assert "Déchets d&#x27;équipements électriques et électroniques" in page
    with CaptureQueriesContext(connection) as few:
        client.get(f"/fr{one.url[3:]}")
    with django_assert_max_num_queries(len(few)):
        client.get(f"/fr{many.url[3:]}")


@pytest.mark.django_db
def test_latest_shared_leaves_out_what_is_featured(client):
    from bs4 import BeautifulSoup

    from knowledge.models import HomeFeaturedItem, HomePage

    items = [BestPracticeFactory(title=f"Shared practice number {n}") for n in range(5)]
    home = HomePage.objects.get()
    for item in items[-3:]:
        HomeFeaturedItem.objects.create(home=home, page=item)
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")

    def titles(heading_id):
        section = soup.find(id=heading_id).find_parent("section")
        return {link.get_text(strip=True) for link in section.select(".card-title a")}

    assert titles("featured-heading") == {item.title for item in items[-3:]}
    assert titles("latest-heading") == {item.title for item in items[:2]}


@pytest.mark.django_db
def test_featured_items_cost_the_same_queries_however_many(client, places, django_assert_max_num_queries):
    """#17: the home page's featured cards cost 2 queries each before."""
    from knowledge.models import HomeFeaturedItem, HomePage

    home = HomePage.objects.get()
    items = [BestPracticeFactory(topics=["e-waste"], countries=[places["kenya"]]) for _ in range(6)]
    HomeFeaturedItem.objects.create(home=home, page=items[0], sort_order=0)
    client.get("/en/")
    with CaptureQueriesContext(connection) as one:
        client.get("/en/")
    for order, item in enumerate(items[1:], start=1):
        HomeFeaturedItem.objects.create(home=home, page=item, sort_order=order)
    with django_assert_max_num_queries(len(one)):
        page = client.get("/en/").content.decode()
    # All six, in the editors' order.
    positions = [page.index(item.title) for item in items]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_a_featured_item_taken_offline_is_not_shown(client):
    from knowledge.models import HomeFeaturedItem, HomePage

    shown, withdrawn = BestPracticeFactory(title="Shown practice"), BestPracticeFactory(title="Withdrawn practice")
    home = HomePage.objects.get()
    HomeFeaturedItem.objects.create(home=home, page=shown, sort_order=0)
    HomeFeaturedItem.objects.create(home=home, page=withdrawn, sort_order=1)
    withdrawn.unpublish()
    page = client.get("/en/").content.decode()
    assert "Shown practice" in page
    assert "Withdrawn practice" not in page
