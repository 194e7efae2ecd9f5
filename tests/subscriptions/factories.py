"""What members follow and what they were told. Tests about following use
subscriptions.services (follow, preferences_for); these make the rows a test
starts from."""

import factory

from core.events import FollowKind
from subscriptions.models import Delivery, DigestItem, Follow, Preferences
from tests.profiles.factories import MemberFactory


class DeliveryFactory(factory.django.DjangoModelFactory):
    """The record that an event reached a member."""

    class Meta:
        model = Delivery

    key = factory.Sequence(lambda n: f"answer:{n}:posted")
    recipient = factory.SubFactory(MemberFactory)
    kind = "answer.posted"


class FollowFactory(factory.django.DjangoModelFactory):
    """A member following a tag; FollowFactory(kind=FollowKind.TOPIC, key="pcbs") for a topic."""

    class Meta:
        model = Follow

    user = factory.SubFactory(MemberFactory)
    kind = FollowKind.TAG
    key = factory.Sequence(lambda n: f"tag-{n}")


class PreferencesFactory(factory.django.DjangoModelFactory):
    """How a member hears of things; without one, preferences_for gives the defaults."""

    class Meta:
        model = Preferences

    user = factory.SubFactory(MemberFactory)


class DigestItemFactory(factory.django.DjangoModelFactory):
    """A new question waiting for the member's next digest."""

    class Meta:
        model = DigestItem

    user = factory.SubFactory(MemberFactory)
    key = factory.Sequence(lambda n: f"test:{n}")
    kind = "question.published"
    title = factory.Sequence(lambda n: f"How do you keep a PCB inventory current? ({n})")
    url = "/en/forum/"
