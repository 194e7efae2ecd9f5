import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.models import ThematicArea
from profiles.models import Verification
from tests.profiles.factories import MemberFactory, VerificationFactory


def add_experts(count):
    for _ in range(count):
        VerificationFactory(user=MemberFactory(profile__is_public=True), topics=["e-waste"])


def queries_for(client, path):
    client.get(path)  # the footer's links are cached after the first page in each language
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_roster_query_count_does_not_grow_with_the_list(client):
    add_experts(2)
    few = queries_for(client, "/en/people/")
    add_experts(10)
    many = queries_for(client, "/en/people/")
    assert many == few
    assert client.get("/en/people/").content.decode().count("badge-role") == 12


@pytest.mark.django_db
def test_roster_in_french_costs_what_it_costs_in_english(client):
    add_experts(2)
    english = queries_for(client, "/en/people/")
    french = queries_for(client, "/fr/people/")
    assert french == english
    add_experts(10)
    assert queries_for(client, "/fr/people/") == french


@pytest.mark.django_db
def test_profile_page_in_french_costs_what_it_costs_in_english(client):
    add_experts(1)
    expert = Verification.objects.get().user
    expert.profile.expertise.set(ThematicArea.objects.filter(locale__language_code="en")[:6])
    path = f"/{{}}/people/{expert.handle}/"
    assert queries_for(client, path.format("fr")) == queries_for(client, path.format("en"))


@pytest.mark.django_db
def test_topic_names_follow_the_language_when_translated(client):
    from wagtail.models import Locale

    add_experts(1)
    area = ThematicArea.objects.get(slug="e-waste")
    french = area.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Déchets d'équipements électriques et électroniques"
    french.save()
    expert = Verification.objects.get().user
    expert.profile.expertise.set([area])
    assert "Déchets d&#x27;équipements électriques" in client.get("/fr/people/").content.decode()
    assert "Déchets d&#x27;équipements électriques" in client.get(f"/fr/people/{expert.handle}/").content.decode()
    assert "Déchets" not in client.get("/en/people/").content.decode()
