"""Turn demo/content/groups.yaml and demo/content/forum/ into groups,
questions, answers, votes and flags, through the services."""

from django.conf import settings
from django.test.utils import override_settings
from django.utils.text import slugify

from community.constants import (
    FlagReason,
    GroupKind,
    GroupPrivacy,
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    PostStatus,
)
from community.models import Group, Membership, Question
from community.services import (
    accept_answer,
    add_centre_staff,
    ask_question,
    flag_post,
    moderate,
    post_answer,
    post_notice,
    toggle_vote,
)
from community.signals import ensure_centre_group
from conventions.models import Country, Instrument, RegionalCentre, RegionalGroup, ThematicArea
from profiles.models import User

from .content import ForumThread, load_groups, load_threads

# Demo members are new: their first posts would wait for review, and the
# seeder posts far more in a minute than the hourly limits allow.
SEED_SETTINGS = {"FORUM_RATE_LIMITS": {"question": 10**6, "answer": 10**6, "flag": 10**6}}


def _published(post, editor):
    if post.status == PostStatus.HELD:
        moderate(editor, post, action=ModerationAction.APPROVE)
        post.refresh_from_db()
    return post


def _user(handle):
    return User.objects.get(handle=handle)


def seed_groups(*, editor) -> int:
    """The five UN regional groups (members join their country's), one group
    per regional centre with its staff, the thematic groups; returns how many
    regional and thematic groups were created."""
    content = load_groups()
    created = 0
    for regional in RegionalGroup.objects.all():
        group, new = Group.objects.get_or_create(
            regional_group=regional,
            defaults={
                "name": regional.name,
                "slug": slugify(regional.short_name or regional.name),
                "kind": GroupKind.REGIONAL,
                "privacy": GroupPrivacy.OPEN,
                "description": content.regional_description.format(name=regional.name),
            },
        )
        created += new
        for user in User.objects.filter(profile__country__group_memberships__group=regional).distinct():
            Membership.objects.get_or_create(group=group, user=user, defaults={"status": MembershipStatus.ACTIVE})
    for centre in RegionalCentre.objects.all():
        group = ensure_centre_group(centre)
        if not group.description:
            group.description = content.centre_description.format(name=centre.name, city=centre.city)
            group.save(update_fields=["description"])
    for staff in content.centre_staff:
        group = Group.objects.filter(regional_centre__host_country__iso2=staff.centre_country).first()
        if group and not group.memberships.filter(user__handle=staff.handle).exists():
            add_centre_staff(editor, group, handle_or_email=staff.handle)
            if not group.notices.exists():
                post_notice(
                    _user(staff.handle), group, title=content.centre_notice.title, body=content.centre_notice.body
                )
    for thematic in content.thematic:
        group, new = Group.objects.get_or_create(
            slug=thematic.slug,
            defaults={
                "name": thematic.name,
                "privacy": thematic.privacy,
                "kind": GroupKind.THEMATIC,
                "description": thematic.about,
            },
        )
        created += new
        Membership.objects.get_or_create(
            group=group,
            user=_user(thematic.moderator),
            defaults={"status": MembershipStatus.ACTIVE, "role": MembershipRole.MODERATOR},
        )
    for thematic in content.thematic:
        group = Group.objects.get(slug=thematic.slug)  # created above
        for handle in thematic.members:
            Membership.objects.get_or_create(
                group=group, user=_user(handle), defaults={"status": MembershipStatus.ACTIVE}
            )
    return created


def _seed_thread(thread: ForumThread, editor) -> None:
    asker = _user(thread.asker)
    # Without the reference data there are no regional groups: the thread goes to the open forum.
    group = Group.objects.filter(slug=thread.group).first() if thread.group else None
    if group:
        Membership.objects.get_or_create(group=group, user=asker, defaults={"status": MembershipStatus.ACTIVE})
    question = ask_question(
        asker,
        title=thread.title,
        body=thread.body,
        thematic_areas=ThematicArea.objects.filter(
            slug__in=thread.topics, locale__language_code=settings.LANGUAGE_CODE
        ),
        conventions=Instrument.objects.filter(code__in=thread.conventions),
        countries=Country.objects.filter(iso3__in=thread.countries),
        tags=thread.tags,
        group=group,
    )
    if thread.state == "held":
        Question.objects.filter(pk=question.pk).update(status=PostStatus.HELD)
        return  # left for the secretariat's queue
    _published(question, editor)
    answers = []
    for entry in thread.answers:
        author = _user(entry.author)
        if group:
            Membership.objects.get_or_create(group=group, user=author, defaults={"status": MembershipStatus.ACTIVE})
        answer = _published(post_answer(author, question, body=entry.body), editor)
        for voter in entry.voters:
            toggle_vote(_user(voter), answer)
        if entry.accepted:
            accept_answer(asker, answer)
        answers.append(answer)
    if thread.state == "flagged" and answers:
        # Three members report the last answer: hidden until an editor decides.
        flaggers = User.objects.exclude(pk=answers[-1].author_id).filter(profile__isnull=False)
        flaggers = flaggers.exclude(groups__isnull=False)[: settings.FORUM_FLAGS_TO_HIDE]
        for flagger in flaggers:
            flag_post(flagger, answers[-1], reason=FlagReason.SPAM)


def seed_forum(*, editor) -> int:
    """Create the demo groups and threads that do not exist yet; return how many threads."""
    created = 0
    with override_settings(**SEED_SETTINGS):
        seed_groups(editor=editor)
        for thread in load_threads():
            if Question.objects.filter(title=thread.title).exists():
                continue
            _seed_thread(thread, editor)
            created += 1
    return created
