import pytest

from knowledge.models import KnowledgeIndexPage
from knowledge.services import ITEM_TYPES
from tests.knowledge.factories import BestPracticeFactory


@pytest.mark.django_db
def test_editors_can_open_the_editor_for_every_kind_of_item(client, reviewer):
    client.force_login(reviewer)
    index = KnowledgeIndexPage.objects.get()
    for item_type in ITEM_TYPES:
        model = item_type.model
        response = client.get(f"/admin/pages/add/knowledge/{model._meta.model_name}/{index.pk}/")
        assert response.status_code == 200, item_type.key
        assert "About this item" in response.content.decode()
    item = BestPracticeFactory(topics=["e-waste"])
    response = client.get(f"/admin/pages/{item.pk}/edit/")
    assert response.status_code == 200
    assert "Problem addressed" in response.content.decode()


def test_only_the_five_kinds_of_item_go_under_the_index():
    from knowledge.models import KnowledgeItemPage

    allowed = set(KnowledgeIndexPage.allowed_subpage_models())
    assert allowed == {item_type.model for item_type in ITEM_TYPES}
    assert not KnowledgeItemPage.is_creatable
    assert KnowledgeItemPage not in allowed
