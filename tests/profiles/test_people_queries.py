import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.models import ThematicArea
from profiles.models import Verification
from tests.profiles.factories import MemberFactory


def add_experts(count):
    area = ThematicArea.objects.get(slug="e-waste")
    for _ in range(count):
        expert = MemberFactory()
        expert.profile.is_public = True
        expert.profile.save()
        verification = Verification.objects.create(user=expert, role="expert", status="approved", justification="x")
        verification.thematic_areas.add(area)


def queries_for(client, path):
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
