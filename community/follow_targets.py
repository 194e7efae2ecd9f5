"""Tags, groups and questions as things members follow (core.follows), each
found through the visibility rule of community.managers; registered in
CommunityConfig.ready()."""

import re

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from taggit.models import Tag

from core import events, follows
from core import groups as core_groups
from core.events import FollowKind

from .constants import MembershipStatus, PostStatus
from .managers import unreadable_posts
from .models import Answer, Group, Question

# Keys of events about forum posts (community.events): "question:12:published", "answer:7:posted".
POST_KEY = re.compile(r"^(question|answer):(\d+):")


def tag_url(slug: str) -> str:
    """The tag's topic page; the forum's tag filter for a slug the route
    cannot carry (taggit keeps Arabic, Chinese and Cyrillic letters in slugs)."""
    try:
        return reverse("packages:topic", args=[slug])
    except NoReverseMatch:
        return f"{reverse('community:forum')}?{urlencode({'tag': slug})}"


def _tag_entries(user, keys):
    return {
        slug: (name, tag_url(slug)) for slug, name in Tag.objects.filter(slug__in=keys).values_list("slug", "name")
    }


def _group_entries(user, keys):
    groups = Group.objects.visible_to(user).filter(slug__in=keys)
    return {group.slug: (group.name, group.get_absolute_url()) for group in groups}


def _find_question(user, key):
    if not follows.is_number(key):
        return None
    return Question.objects.visible_to(user).filter(pk=int(key), status=PostStatus.VISIBLE).first()


def _question_entries(user, keys):
    questions = Question.objects.visible_to(user).filter(pk__in=follows.numbers(keys)).only("pk", "title")
    return {str(question.pk): (question.title, question.get_absolute_url()) for question in questions}


def _question_key(key: str) -> str:
    return str(int(key)) if follows.is_number(key) else key


def unreadable_events(items: dict[int, list[tuple[int, str]]]) -> set[int]:
    """Of the events about forum posts each member was told about, those
    whose post they may no longer read (core.follows.register_unreadable)."""
    posts = {}
    for user_id, its_items in items.items():
        refs = [(ref, match[1], int(match[2])) for ref, key in its_items if (match := POST_KEY.match(key))]
        if refs:
            posts[user_id] = refs
    return unreadable_posts(posts)


def topics_written_about(countries) -> dict[int, int]:
    """Questions of the public forums by thematic area, about `countries`."""
    rows = (
        Question.objects.visible_to(AnonymousUser())
        .filter(countries__in=countries)
        .exclude(thematic_areas=None)
        .values("thematic_areas")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["thematic_areas"]: row["n"] for row in rows}


def groups_of_member(user):
    """core.groups: the groups `user` is an active member of."""
    if user is None or not user.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user, memberships__status=MembershipStatus.ACTIVE)


# What notifications link to, by the visibility rule of community.managers.


def _question_targets(member, ids, request):
    for question in Question.objects.visible_to(member).filter(pk__in=ids):
        yield question.pk, question.title, question.get_absolute_url()


def _answer_targets(member, ids, request):
    for answer in Answer.objects.visible_to(member).filter(pk__in=ids).select_related("question"):
        yield answer.pk, _("An answer to “%(title)s”") % {"title": answer.question.title}, answer.get_absolute_url()


def _group_targets(member, ids, request):
    for group in Group.objects.visible_to(member).filter(pk__in=ids):
        yield group.pk, group.name, group.get_absolute_url()


def _find_tag(user, key):
    """A tag that `user` may see used: on a question they may read, or on a
    live knowledge item. A tag used only in a private group or on held or
    deleted posts is as unknown as one that does not exist (the follow
    button's 404 must not tell anyone it does)."""
    tag = Tag.objects.filter(slug=key).first()
    if tag is None:
        return None
    if Question.objects.visible_to(user).filter(tags=tag).exists():
        return tag
    # By name: community does not import knowledge (the apps' layers).
    items = apps.get_model("knowledge", "KnowledgeItemPage").objects.live().public()
    if items.filter(tagged_items__tag=tag).exists():
        return tag
    return None


def register() -> None:
    core_groups.register(groups_of_member=groups_of_member)
    events.register_target("community.Question", _question_targets)
    events.register_target("community.Answer", _answer_targets)
    events.register_target("community.Group", _group_targets)
    follows.register_unreadable(unreadable_events)
    follows.register_topic_counter(topics_written_about)
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.TAG,
            find=_find_tag,
            name=str,
            entries=_tag_entries,
            labels=lambda keys: dict(Tag.objects.filter(slug__in=keys).values_list("slug", "name")),
        )
    )
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.GROUP,
            find=lambda user, key: Group.objects.visible_to(user).filter(slug=key).first(),
            name=str,
            entries=_group_entries,
            labels=lambda keys: dict(Group.objects.filter(slug__in=keys).values_list("slug", "name")),
        )
    )
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.QUESTION,
            find=_find_question,
            name=str,
            entries=_question_entries,
            labels=lambda keys: {
                str(pk): title
                for pk, title in Question.objects.filter(pk__in=follows.numbers(keys)).values_list("pk", "title")
            },
            normal_key=_question_key,
        )
    )
