import factory

from core.models import EmailDelivery
from tests.profiles.factories import MemberFactory


class EmailDeliveryFactory(factory.django.DjangoModelFactory):
    """The claim on an email to a member (core.email.send_once), not sent
    yet: sent_at=timezone.now() for one that left."""

    class Meta:
        model = EmailDelivery

    user = factory.SubFactory(MemberFactory)
    key = factory.Sequence(lambda n: f"answer:{n}:posted")
