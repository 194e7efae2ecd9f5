"""Turn demo/content/members.yaml into members of every role, through the
services: focal points and experts ask to be verified and the demo editor
approves them, as in the admin."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.models import Country, ThematicArea
from profiles.constants import ADMINISTRATORS_GROUP, EDITORS_GROUP, Role
from profiles.models import User
from profiles.services import add_to_group, decide_verification, request_verification, update_profile

from .content import Member, Members, load_members


def _member(members: Members, member: Member, **extra) -> tuple[User, bool]:
    email = members.email(member)
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email=email, password=members.password, handle=member.handle, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    update_profile(
        user.profile,
        fields={
            "display_name": member.name,
            "title": member.title,
            "organisation": member.organisation,
            "country": Country.objects.get(iso3=member.country),
            "bio": member.bio,
            "languages": member.languages,
            "is_public": True,
            # Demo members are settled: signing in goes where they were going.
            "first_steps_at": timezone.now(),
        },
    )
    return user, True


def seed_members(members: Members | None = None) -> int:
    """Create the demo members who do not exist yet, verified in their
    roles; return how many were created."""
    members = members or load_members()
    created = 0
    administrator, new = _member(members, members.administrator, is_staff=True, is_superuser=True)
    created += new
    add_to_group(administrator, ADMINISTRATORS_GROUP)
    editor, new = _member(members, members.editor, is_staff=True)
    created += new
    add_to_group(editor, EDITORS_GROUP)

    for member in members.focal_points:
        user, new = _member(members, member)
        created += new
        if new:
            verification = request_verification(
                user,
                role=Role.FOCAL_POINT,
                justification=_("Nominated by the ministry in an official letter to the secretariat."),
                country=user.profile.country,
                focal_point_kind=member.focal_point_kind,
            )
            decide_verification(verification, editor=editor, approve=True)
    for member in members.experts:
        user, new = _member(members, member)
        created += new
        if new:
            areas = list(
                ThematicArea.objects.filter(slug__in=member.expertise, locale__language_code=settings.LANGUAGE_CODE)
            )
            verification = request_verification(
                user,
                role=Role.EXPERT,
                justification=_("Publications and project work listed on the organisation's website."),
                thematic_areas=areas,
            )
            decide_verification(verification, editor=editor, approve=True)
    for member in members.members:
        user, new = _member(members, member)
        created += new
        if new and member.expert_request:
            # One request left for the editor to decide in the admin.
            request_verification(
                user,
                role=Role.EXPERT,
                justification=_("Led the national marine litter survey in 2024."),
                thematic_areas=list(ThematicArea.objects.filter(slug__in=member.expert_request)),
            )
    return created
