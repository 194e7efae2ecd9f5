"""Following: the follow button, the topics pages, and the page where a
member sees everything they follow and chooses how they hear of it."""

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from taggit.models import Tag
from wagtail.coreutils import get_supported_content_language_variant

from community.forms import english_topics
from community.models import Group, Question, QuestionTag
from conventions.models import Country, Instrument, ThematicArea
from conventions.vocabulary import localized_names
from knowledge.models import KnowledgeItemPage, KnowledgeItemTag
from knowledge.services import ITEM_TYPES_BY_KEY
from profiles.models import Profile

from .constants import EmailStatus, FollowKind
from .forms import DeliveryPreferencesForm, FollowForm
from .models import Follow, Preferences
from .services import SubscriptionError, followable, normal_key, set_email_status
from .services import follow as follow_target
from .services import unfollow as unfollow_target
from .templatetags.subscriptions_tags import button_context

TOP_TAGS = 50
ITEMS_SHOWN = 10

# The settings page lists follows under these headings, in this order.
FOLLOW_HEADINGS = {
    FollowKind.TOPIC: gettext_lazy("Thematic areas"),
    FollowKind.TAG: gettext_lazy("Tags"),
    FollowKind.GROUP: gettext_lazy("Groups"),
    FollowKind.QUESTION: gettext_lazy("Questions"),
    FollowKind.MEMBER: gettext_lazy("Members"),
    FollowKind.COUNTRY: gettext_lazy("Countries"),
    FollowKind.CONVENTION: gettext_lazy("Conventions"),
    FollowKind.KNOWLEDGE_TYPE: gettext_lazy("Kinds of knowledge item"),
}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request, candidate: str) -> str:
    """`candidate` if it leads back into this site, else ""."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _refuse(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _knowledge_url(suffix: str = "") -> str:
    # The knowledge index is a Wagtail page at this stable address (DESIGN.md).
    return f"/{get_language()}/knowledge/{suffix}"


def _tag_url(slug: str) -> str:
    """The tag's topic page; the forum's tag filter for a slug the route
    cannot carry (taggit keeps Arabic, Chinese and Cyrillic letters in slugs)."""
    try:
        return reverse("subscriptions:topic", args=[slug])
    except NoReverseMatch:
        return f"{reverse('community:forum')}?{urlencode({'tag': slug})}"


def _label(kind: str, target) -> str:
    """How a person reads what `followable` found."""
    if kind == FollowKind.TOPIC:
        return localized_names([target])[0][1]
    if kind == FollowKind.KNOWLEDGE_TYPE:
        return str(target.label)
    if kind == FollowKind.CONVENTION:
        return target.short_name
    return str(target)


# ---------------------------------------------------------------- the button


@require_POST
def toggle(request):
    """Follow or unfollow (kind, key, action). htmx gets the new button back;
    without JavaScript the member returns to the page they were on. Private,
    deleted and unknown things answer 404, following twice 409."""
    next_url = _safe_next(request, request.POST.get("next", ""))
    if not request.user.is_authenticated:
        login = redirect_to_login(next_url or reverse("subscriptions:topics"))
        if _is_htmx(request):
            # XMLHttpRequest follows redirects itself; htmx loads this page instead.
            response = HttpResponse(status=401)
            response["HX-Redirect"] = login.url
            return response
        return login
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _refuse(form.first_error(), 400)
    kind, key, action = form.cleaned_data["kind"], form.cleaned_data["key"], form.cleaned_data["action"]
    try:
        if action == "follow":
            follow_target(request.user, kind, key)
        else:
            unfollow_target(request.user, kind, key)
    except SubscriptionError as error:
        return _refuse(str(error), error.status)
    following = action == "follow"
    # Named only if the member may still see it: unfollowing a group they
    # left must not show its name.
    target = followable(request.user, kind, key)
    label = _label(kind, target) if target is not None else ""
    if _is_htmx(request):
        context = button_context(
            kind=kind,
            key=normal_key(kind, key),
            label=label,
            following=following,
            next_url=next_url,
            user=request.user,
        )
        return render(request, "components/follow_button.html", context)
    if following:
        messages.success(request, _("You follow %(name)s.") % {"name": label})
    elif label:
        messages.success(request, _("You no longer follow %(name)s.") % {"name": label})
    else:
        messages.success(request, _("You no longer follow it."))
    return redirect(next_url or reverse("subscriptions:settings"))


# ---------------------------------------------------------------- topics


def _counts_by(queryset, field: str) -> dict:
    # order_by(): a model's default ordering would split the groups.
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def topics_index(request):
    """Every thematic area with how many questions (that this person may see)
    and published knowledge items it has, and the most used tags."""
    visible_questions = Question.objects.visible_to(request.user)
    published = KnowledgeItemPage.objects.for_readers()
    question_counts = _counts_by(visible_questions, "thematic_areas")
    item_counts = _counts_by(published, "thematic_areas")
    areas = [
        {
            "area": area,
            "name": name,
            "question_count": question_counts.get(area.pk, 0),
            "item_count": item_counts.get(area.pk, 0),
        }
        for area, name in localized_names(english_topics())
    ]
    # Tags count only where this person may see them: a tag used only in a
    # private group does not appear.
    uses = Counter(_counts_by(QuestionTag.objects.filter(content_object__in=visible_questions), "tag"))
    uses.update(_counts_by(KnowledgeItemTag.objects.filter(content_object__in=published), "tag"))
    top = sorted(uses.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_TAGS]
    found = {
        pk: (name, slug) for pk, name, slug in Tag.objects.filter(pk__in=dict(top)).values_list("pk", "name", "slug")
    }
    tags = [
        {"name": found[pk][0], "slug": found[pk][1], "url": _tag_url(found[pk][1]), "count": count}
        for pk, count in top
        if pk in found
    ]
    return render(request, "pages/topics.html", {"areas": areas, "tags": tags})


def topic_detail(request, slug):
    """A thematic area, or else a tag of that slug: the latest published
    knowledge items and questions about it, and a follow button."""
    visible_questions = Question.objects.visible_to(request.user)
    published = KnowledgeItemPage.objects.for_readers()
    area = english_topics().filter(slug=slug).first()
    if area is not None:
        language = get_supported_content_language_variant(get_language())
        local = (
            ThematicArea.objects.filter(translation_key=area.translation_key, locale__language_code=language).first()
            or area
        )
        questions = visible_questions.filter(thematic_areas=area)
        items = published.filter(thematic_areas=area)
        context = {"kind": FollowKind.TOPIC, "name": local.name, "description": local.description, "filter": "topic"}
    else:
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        questions = visible_questions.filter(tags=tag)
        items = published.filter(tags=tag)
        context = {"kind": FollowKind.TAG, "name": tag.name, "description": "", "filter": "tag"}
    question_count, item_count = questions.count(), items.count()
    if area is None and not question_count and not item_count:
        # A tag only private discussions use stays as unknown as they are.
        raise Http404
    context.update(
        slug=slug,
        questions=questions.order_by("-last_activity_at")[:ITEMS_SHOWN],
        question_count=question_count,
        items=items.for_cards().order_by("-first_published_at")[:ITEMS_SHOWN],
        item_count=item_count,
    )
    return render(request, "pages/topic_detail.html", context)


# ---------------------------------------------------------------- settings


def _topics(user, keys):
    areas = english_topics().filter(slug__in=keys)
    return {
        area.slug: (name, reverse("subscriptions:topic", args=[area.slug])) for area, name in localized_names(areas)
    }


def _tags(user, keys):
    return {
        slug: (name, _tag_url(slug)) for slug, name in Tag.objects.filter(slug__in=keys).values_list("slug", "name")
    }


def _groups(user, keys):
    groups = Group.objects.visible_to(user).filter(slug__in=keys)
    return {group.slug: (group.name, group.get_absolute_url()) for group in groups}


def _questions(user, keys):
    numbers = [int(key) for key in keys if key.isascii() and key.isdigit()]
    questions = Question.objects.visible_to(user).filter(pk__in=numbers).only("pk", "title")
    return {str(question.pk): (question.title, question.get_absolute_url()) for question in questions}


def _members(user, keys):
    # Keys are user ids: the name and address follow the member's current handle.
    numbers = [int(key) for key in keys if key.isascii() and key.isdigit()]
    profiles = (
        Profile.objects.visible_to(user)
        .filter(user_id__in=numbers, user__is_active=True)
        .select_related("user")
        .only("display_name", "user__handle")
    )
    return {str(profile.user_id): (profile.name, profile.user.get_absolute_url()) for profile in profiles}


def _countries(user, keys):
    countries = Country.objects.filter(iso3__in=keys).only("iso2", "iso3", "name")
    return {country.iso3: (country.name, reverse("packages:country", args=[country.iso3])) for country in countries}


def _conventions(user, keys):
    instruments = Instrument.objects.filter(code__in=keys, parent__isnull=True)
    return {each.code: (each.short_name, _knowledge_url(f"?convention={each.code}")) for each in instruments}


def _knowledge_types(user, keys):
    types = [ITEM_TYPES_BY_KEY[key] for key in keys if key in ITEM_TYPES_BY_KEY]
    return {each.key: (str(each.label), _knowledge_url(f"{each.slug}/")) for each in types}


# One lookup per kind, whatever the number of follows; each applies the same
# visibility as following does.
RESOLVERS = {
    FollowKind.TOPIC: _topics,
    FollowKind.TAG: _tags,
    FollowKind.GROUP: _groups,
    FollowKind.QUESTION: _questions,
    FollowKind.MEMBER: _members,
    FollowKind.COUNTRY: _countries,
    FollowKind.CONVENTION: _conventions,
    FollowKind.KNOWLEDGE_TYPE: _knowledge_types,
}


def followed_sections(user) -> list[dict]:
    """The member's follows by kind, each with its name and address, or
    marked unavailable when it is gone or no longer visible to them (its name
    is then not shown)."""
    keys = defaultdict(list)
    for follow in Follow.objects.filter(user=user).only("kind", "key"):
        keys[follow.kind].append(follow.key)
    sections = []
    for kind, heading in FOLLOW_HEADINGS.items():
        if not keys[kind]:
            continue
        found = RESOLVERS[kind](user, keys[kind])
        entries = [
            {"key": key, "name": found[key][0], "url": found[key][1], "available": True}
            if key in found
            else {"key": key, "name": "", "url": "", "available": False}
            for key in keys[kind]
        ]
        entries.sort(key=lambda entry: (not entry["available"], entry["name"].casefold()))
        sections.append({"kind": kind, "heading": heading, "label": FollowKind(kind).label, "entries": entries})
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """Everything the member follows, with unfollow; how they hear of each
    kind of event; their digest; and the state of their email address."""
    # Unsaved defaults until the member saves: looking writes nothing.
    preferences = Preferences.objects.filter(user=request.user).first() or Preferences(user=request.user)
    form = DeliveryPreferencesForm(instance=preferences)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "preferences")
        if action == "email":
            if preferences.email_status != EmailStatus.OK:
                set_email_status(request.user, EmailStatus.OK)
            messages.success(request, _("We will send email to %(email)s again.") % {"email": request.user.email})
            return redirect("subscriptions:settings")
        if action != "preferences":
            return _refuse(_("Unknown action."), 400)
        form = DeliveryPreferencesForm(request.POST, instance=preferences)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your delivery settings are saved."))
            return redirect("subscriptions:settings")
        status = 400
    return render(
        request,
        "pages/subscriptions_settings.html",
        {
            "sections": followed_sections(request.user),
            "form": form,
            "preferences": preferences,
            "email_ok": preferences.email_status == EmailStatus.OK,
            "timezone": request.user.profile.timezone,
        },
        status=status,
    )
