"""What each app registers for the apps that gather from the others
(core.follows, core.indexing, core.events, core.groups): every kind of
thing a member can follow and every kind of search result has its owner."""

import pytest
from django.apps import apps

from core import events, follows, indexing
from core.events import FollowKind
from tests.profiles.factories import MemberFactory


def test_every_kind_of_follow_has_the_app_that_owns_it():
    for kind in FollowKind.values:
        target = follows.target(kind)
        assert target is not None, kind
        assert target.kind == kind


def test_every_kind_of_search_result_comes_from_a_registered_source():
    sources = indexing.sources()
    assert set(sources) == {
        "knowledge",
        "question",
        "group",
        "member",
        "decision",
        "meeting",
        "chemical",
        "country",
        "focal_point",
        "regional_centre",
        "official_document",
    }
    for source in sources.values():
        model = apps.get_model(source.model)
        for related in source.related:
            apps.get_model(related.model)
        for name in source.relations:
            assert model._meta.get_field(name).many_to_many, (source.label, name)


def test_the_facets_that_name_reference_data_are_named_by_an_app():
    for facet in (indexing.Facet.TOPIC, indexing.Facet.REGION, indexing.Facet.COUNTRY):
        assert indexing.facet_labels(facet, []) == {}


@pytest.mark.django_db
def test_a_follow_key_is_spelled_one_way_and_found_only_when_visible(django_assert_max_num_queries):
    from tests.community.factories import GroupFactory

    assert follows.normal_key(FollowKind.COUNTRY, "ken") == "KEN"
    assert follows.normal_key(FollowKind.QUESTION, "007") == "7"
    member = MemberFactory()
    assert follows.normal_key(FollowKind.MEMBER, member.handle) == str(member.pk)
    secret = GroupFactory(privacy="private")
    assert follows.find(MemberFactory(), FollowKind.GROUP, secret.slug) is None
    with django_assert_max_num_queries(3):
        labels = follows.labels([(FollowKind.GROUP, secret.slug), (FollowKind.MEMBER, str(member.pk))])
    assert labels[(FollowKind.GROUP, secret.slug)] == secret.name


@pytest.mark.django_db
def test_a_notification_links_only_to_what_the_member_may_still_see():
    from community.models import Group
    from tests.community.factories import GroupFactory

    secret = GroupFactory(privacy="private")
    finder = events.target_finder(Group)
    assert list(finder(MemberFactory(), [secret.pk], None)) == []
