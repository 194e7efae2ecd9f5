import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from profiles.constants import EDITORS_GROUP
from profiles.models import User

PASSWORD = "a long and memorable passphrase"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary email, as after signing up."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=extracted is not False, primary=True)

    @factory.post_generation
    def display_name(obj, create, extracted, **kwargs):
        if create:
            obj.profile.display_name = extracted or f"Member {obj.pk}"
            obj.profile.save()

    @factory.post_generation
    def first_steps(obj, create, extracted, **kwargs):
        """Done (signing in goes where the member was going) unless
        first_steps=False: a newcomer, whom signing in leads to them."""
        if create and extracted is not False:
            from django.utils import timezone

            obj.profile.first_steps_at = timezone.now()
            obj.profile.save(update_fields=["first_steps_at"])


class EditorFactory(MemberFactory):
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=EDITORS_GROUP))
