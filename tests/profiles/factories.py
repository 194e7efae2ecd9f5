import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from profiles.constants import EDITORS_GROUP, Role, VerificationStatus
from profiles.models import FormerHandle, Profile, User, Verification
from tests.conventions.factories import thematic_areas

PASSWORD = "a long and memorable passphrase"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary email, as after signing up.
    MemberFactory(profile__is_public=True) fills in their profile too."""

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

    @factory.post_generation
    def profile(obj, create, extracted, **fields):
        if create and fields:
            ProfileFactory(user=obj, **fields)


class EditorFactory(MemberFactory):
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=EDITORS_GROUP))


class ProfileFactory(factory.django.DjangoModelFactory):
    """What a member tells others. Every member has a profile from the
    moment they are saved, so this fills in theirs: ProfileFactory(is_public=True)
    for a new member, or ProfileFactory(user=member, country=kenya)."""

    class Meta:
        model = Profile

    user = factory.SubFactory(MemberFactory)

    @classmethod
    def _create(cls, model_class, user, **fields):
        profile = user.profile
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        return profile


class FormerHandleFactory(factory.django.DjangoModelFactory):
    """A handle a member used before (profiles.services records it when they change it)."""

    class Meta:
        model = FormerHandle

    handle = factory.Sequence(lambda n: f"former-handle-{n}")
    user = factory.SubFactory(MemberFactory)


class VerificationFactory(factory.django.DjangoModelFactory):
    """A member's role as the secretariat decided it: an approved expert
    unless told otherwise; topics=["pcbs"] names the areas of expertise."""

    class Meta:
        model = Verification
        skip_postgeneration_save = True

    user = factory.SubFactory(MemberFactory)
    role = Role.EXPERT
    status = VerificationStatus.APPROVED
    justification = "Designated by the ministry."

    @factory.post_generation
    def topics(verification, create, extracted, **kwargs):
        if create and extracted:
            verification.thematic_areas.set(thematic_areas(extracted))
