"""Turn community/demo.py into questions and answers, through the services."""

from django.conf import settings

from conventions.models import ThematicArea
from profiles.models import User

from . import demo
from .constants import ModerationAction, PostStatus
from .models import Question
from .services import accept_answer, ask_question, moderate, post_answer


def _published(post, editor):
    """Demo members are new, so their first posts wait for review: approve them."""
    if post.status == PostStatus.HELD:
        moderate(editor, post, action=ModerationAction.APPROVE)
        post.refresh_from_db()
    return post


def seed_groups(*, editor) -> int:
    """The five UN regional groups (members join their country's), a closed
    thematic group and a private one; returns how many groups were created."""
    from django.utils.text import slugify

    from conventions.models import RegionalGroup

    from .constants import GroupKind, GroupPrivacy, MembershipRole, MembershipStatus
    from .models import Group, Membership

    created = 0
    for regional in RegionalGroup.objects.all():
        group, new = Group.objects.get_or_create(
            regional_group=regional,
            defaults={
                "name": regional.name,
                "slug": slugify(regional.short_name or regional.name),
                "kind": GroupKind.REGIONAL,
                "privacy": GroupPrivacy.OPEN,
                "description": f"Focal points, experts and centres of the {regional.name}.",
            },
        )
        created += new
        for user in User.objects.filter(profile__country__group_memberships__group=regional).distinct():
            Membership.objects.get_or_create(group=group, user=user, defaults={"status": MembershipStatus.ACTIVE})
    for name, privacy, moderator_handle, about in [
        ("Plastic waste working group", GroupPrivacy.CLOSED, "chen-wei",
         "Implementing the plastic waste amendments: classification, PIC procedure, customs."),
        ("Bureau preparations", GroupPrivacy.PRIVATE, editor.handle,
         "Drafting space for the joint bureaux meetings. By invitation."),
    ]:  # fmt: skip
        group, new = Group.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "privacy": privacy, "kind": GroupKind.THEMATIC, "description": about},
        )
        created += new
        Membership.objects.get_or_create(
            group=group,
            user=User.objects.get(handle=moderator_handle),
            defaults={"status": MembershipStatus.ACTIVE, "role": MembershipRole.MODERATOR},
        )
    return created


def seed_forum(*, editor) -> int:
    """Create the demo groups and threads that do not exist yet; return how many threads."""
    seed_groups(editor=editor)
    created = 0
    for asker_handle, title, body, topics, answers in demo.THREADS:
        if Question.objects.filter(title=title).exists():
            continue
        asker = User.objects.get(handle=asker_handle)
        question = _published(
            ask_question(
                asker,
                title=title,
                body=body,
                thematic_areas=ThematicArea.objects.filter(
                    slug__in=topics, locale__language_code=settings.LANGUAGE_CODE
                ),
            ),
            editor,
        )
        for handle, text, accepted in answers:
            answer = _published(post_answer(User.objects.get(handle=handle), question, body=text), editor)
            if accepted:
                accept_answer(asker, answer)
        created += 1
    return created
