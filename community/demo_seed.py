"""Turn community/demo.py and community/demo_threads.py into groups,
questions, answers, votes and flags, through the services."""

from django.conf import settings
from django.test.utils import override_settings
from django.utils.text import slugify

from conventions.models import Country, Instrument, RegionalCentre, RegionalGroup, ThematicArea
from profiles.models import User

from . import demo, demo_threads
from .constants import (
    FlagReason,
    GroupKind,
    GroupPrivacy,
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    PostStatus,
)
from .models import Group, Membership, Question
from .services import (
    accept_answer,
    add_centre_staff,
    ask_question,
    flag_post,
    moderate,
    post_answer,
    post_notice,
    toggle_vote,
)
from .signals import ensure_centre_group

# Demo members are new: their first posts would wait for review, and the
# seeder posts far more in a minute than the hourly limits allow.
SEED_SETTINGS = {"FORUM_RATE_LIMITS": {"question": 10**6, "answer": 10**6, "flag": 10**6}}

# Centre staff of the demo: (handle, centre's country ISO2).
CENTRE_STAFF = [("fatou-ndiaye", "SN"), ("chen-wei", "CN")]


def _published(post, editor):
    if post.status == PostStatus.HELD:
        moderate(editor, post, action=ModerationAction.APPROVE)
        post.refresh_from_db()
    return post


def _user(handle):
    return User.objects.get(handle=handle)


def seed_groups(*, editor) -> int:
    """The five UN regional groups (members join their country's), one group
    per regional centre with its staff, a closed thematic group and a private
    one; returns how many groups were created."""
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
    for centre in RegionalCentre.objects.all():
        group = ensure_centre_group(centre)
        if not group.description:
            group.description = (
                f"The {centre.name} in {centre.city}: its staff share training, projects and calls with the "
                f"countries it serves."
            )
            group.save(update_fields=["description"])
    for handle, iso2 in CENTRE_STAFF:
        group = Group.objects.filter(regional_centre__host_country__iso2=iso2).first()
        if group and not group.memberships.filter(user__handle=handle).exists():
            add_centre_staff(editor, group, handle_or_email=handle)
            if not group.notices.exists():
                post_notice(
                    _user(handle),
                    group,
                    title="Regional training on e-waste inventories",
                    body="Nominations from focal points are open until the end of next month. "
                    "The training is **online**, three mornings, in English and French.",
                )
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
            user=_user(moderator_handle),
            defaults={"status": MembershipStatus.ACTIVE, "role": MembershipRole.MODERATOR},
        )
    for slug, handles in demo_threads.GROUP_MEMBERS.items():
        group = Group.objects.get(slug=slug)  # created above
        for handle in handles:
            Membership.objects.get_or_create(
                group=group, user=_user(handle), defaults={"status": MembershipStatus.ACTIVE}
            )
    return created


def _threads():
    """Both demo files as one list of dicts."""
    for asker, title, body, topics, answers in demo.THREADS:
        yield {
            "asker": asker,
            "title": title,
            "body": body,
            "topics": topics,
            "answers": [{"author": a, "body": b, "accepted": accepted, "voters": []} for a, b, accepted in answers],
        }
    yield from demo_threads.THREADS


def _seed_thread(thread, editor) -> None:
    asker = _user(thread["asker"])
    # Without the reference data there are no regional groups: the thread goes to the open forum.
    group = Group.objects.filter(slug=thread.get("group") or "").first()
    if group:
        Membership.objects.get_or_create(group=group, user=asker, defaults={"status": MembershipStatus.ACTIVE})
    question = ask_question(
        asker,
        title=thread["title"],
        body=thread["body"],
        thematic_areas=ThematicArea.objects.filter(
            slug__in=thread["topics"], locale__language_code=settings.LANGUAGE_CODE
        ),
        conventions=Instrument.objects.filter(code__in=thread.get("conventions", [])),
        countries=Country.objects.filter(iso3__in=thread.get("countries", [])),
        tags=thread.get("tags", []),
        group=group,
    )
    if thread.get("state") == "held":
        Question.objects.filter(pk=question.pk).update(status=PostStatus.HELD)
        return  # left for the secretariat's queue
    _published(question, editor)
    answers = []
    for entry in thread["answers"]:
        author = _user(entry["author"])
        if group:
            Membership.objects.get_or_create(group=group, user=author, defaults={"status": MembershipStatus.ACTIVE})
        answer = _published(post_answer(author, question, body=entry["body"]), editor)
        for voter in entry.get("voters", []):
            toggle_vote(_user(voter), answer)
        if entry["accepted"]:
            accept_answer(asker, answer)
        answers.append(answer)
    if thread.get("state") == "flagged" and answers:
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
        for thread in _threads():
            if Question.objects.filter(title=thread["title"]).exists():
                continue
            _seed_thread(thread, editor)
            created += 1
    return created
