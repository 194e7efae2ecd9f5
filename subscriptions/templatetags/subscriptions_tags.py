"""Follow buttons. On a page with many of them, fetch what the member
follows once with {% followed_pairs %} and hand it to each button:

    {% load subscriptions_tags %}
    {% followed_pairs "topic" "tag" as followed %}
    {% for area in areas %}{% follow_button "topic" area.slug label=area.name followed=followed %}{% endfor %}

Without `followed`, each button asks the database itself (one query)."""

from django import template
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from ..constants import FollowKind
from ..models import Follow
from ..services import normal_key

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def followed_pairs(context, *kinds) -> frozenset:
    """The (kind, key) pairs the member follows, of `kinds` (all kinds when
    none are named), in one query; empty for visitors."""
    user = _user(context)
    if user is None or not user.is_authenticated:
        return frozenset()
    follows = Follow.objects.filter(user=user)
    if kinds:
        follows = follows.filter(kind__in=kinds)
    return frozenset(follows.values_list("kind", "key"))


def _member_key(member) -> str:
    """Templates name a member by the user or by their handle; the button
    sends the id (follows of members are by id, which a new handle keeps)."""
    if hasattr(member, "pk"):
        return str(member.pk)
    # A handle first: a page names a member by handle, even one made of digits.
    found = get_user_model().objects.filter(handle=str(member)).values_list("pk", flat=True).first()
    return str(found) if found is not None else normal_key(FollowKind.MEMBER, str(member))


def button_context(*, kind, key, label, following, next_url, show_label=False, user=None) -> dict:
    """What templates/components/follow_button.html needs; the toggle view
    renders it with this too, after an htmx click."""
    return {
        # Stable across swaps, so htmx keeps the keyboard focus on the button.
        "dom_id": f"follow-{kind}-{slugify(key, allow_unicode=True)}",
        "kind": kind,
        "key": key,
        "label": str(label),
        "following": following,
        "next": next_url,
        "show_label": show_label,
        "member": user,
    }


@register.inclusion_tag("components/follow_button.html", takes_context=True)
def follow_button(context, kind, key, label="", followed=None, show_label=False):
    """A toggle button (aria-pressed) that follows or unfollows `kind`/`key`:
    an htmx click swaps in the new button, and without JavaScript it is a
    plain form that comes back to this page. Visitors get a link to sign in.
    `followed`: the pairs from {% followed_pairs %}, or True/False."""
    user = _user(context)
    request = context.get("request")
    key = _member_key(key) if kind == FollowKind.MEMBER else normal_key(kind, str(key))
    if user is None or not user.is_authenticated or kind not in FollowKind.values:
        following = False
    elif isinstance(followed, bool):
        following = followed
    elif followed is not None:
        following = (kind, key) in followed
    else:
        following = Follow.objects.filter(user=user, kind=kind, key=key).exists()
    return button_context(
        kind=kind,
        key=key,
        label=label,
        following=following,
        next_url=request.get_full_path() if request is not None else "",
        show_label=show_label,
        user=user,
    )
