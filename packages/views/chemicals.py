"""Chemical and waste profiles: the list, by kind, annex and first letter,
and one page per chemical or waste stream with where it is listed and
everything else the hub has about it."""

import re
import string

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Substr, Upper
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Question
from conventions.codes import cas_check_digit_ok
from conventions.constants import ListingAnnex, ProfileKind
from conventions.models import ChemicalProfile, Listing
from conventions.vocabulary import localized_names
from core.mentions import mentioning
from knowledge.models import KnowledgeItemPage

from .decisions import KNOWLEDGE_LIMIT, LIST_ORDER, QUESTIONS_LIMIT

PROFILES_PER_PAGE = 50
DIGITS = "0-9"
LETTERS = [*string.ascii_uppercase, DIGITS]
# Names, synonyms and CAS numbers looked for in posts: enough to find what
# is about a chemical, few enough to keep the query cheap. Shorter terms
# ("Tin") would find too much.
MENTION_TERMS_LIMIT = 20
MENTION_MIN_LENGTH = 3


class UpperChoiceField(forms.ChoiceField):
    """A code in any case (sc-a, a)."""

    def to_python(self, value):
        return super().to_python(value).upper()


class ChemicalFilterForm(forms.Form):
    """The list's filters, all kept in the URL; a value that matches nothing
    known is an error the page names, and the other filters still apply."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All")), *ProfileKind.choices],
        error_messages={
            "invalid_choice": gettext_lazy("There is no kind “%(value)s”. Choose chemical or waste."),
        },
    )
    annex = UpperChoiceField(
        label=gettext_lazy("Listed in"),
        required=False,
        choices=[("", gettext_lazy("Any annex")), *ListingAnnex.choices],
        error_messages={
            "invalid_choice": gettext_lazy(
                "There is no annex “%(value)s”. Choose SC-A, SC-B, SC-C, RC-III or BC (the Basel annexes)."
            ),
        },
    )
    letter = UpperChoiceField(
        label=gettext_lazy("First letter"),
        required=False,
        choices=[("", gettext_lazy("Any")), *((letter, letter) for letter in LETTERS)],
        error_messages={
            "invalid_choice": gettext_lazy("“%(value)s” is not a letter from A to Z (or 0-9 for names in digits)."),
        },
    )


def _filtered(data: dict, without: str = ""):
    """Profiles matching the valid filters in `data`, leaving out `without`
    (the kind tabs and the letters count with every filter but their own)."""
    profiles = ChemicalProfile.objects.all()
    if data.get("kind") and without != "kind":
        profiles = profiles.filter(kind=data["kind"])
    if data.get("annex"):
        profiles = profiles.filter(Exists(Listing.objects.filter(profile=OuterRef("pk"), annex=data["annex"])))
    letter = data.get("letter")
    if letter == DIGITS and without != "letter":
        profiles = profiles.filter(name__regex=r"^[0-9]")
    elif letter and without != "letter":
        profiles = profiles.filter(name__istartswith=letter)
    return profiles


def index(request):
    """Chemicals and waste streams, each with its CAS numbers and where it is listed."""
    form = ChemicalFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data  # the valid filters; errors name the others
    errors = [error for field in form for error in field.errors]
    query = QueryDict(mutable=True)
    for name in ("kind", "annex", "letter"):
        if data.get(name):
            query[name] = data[name]

    profiles = _filtered(data).prefetch_related("listings").order_by("kind", "name")
    page = Paginator(profiles, PROFILES_PER_PAGE).get_page(request.GET.get("page"))
    kind_counts = dict(_filtered(data, without="kind").values_list("kind").annotate(count=Count("pk")).order_by())
    kinds = [
        ("", _("All"), sum(kind_counts.values())),
        (ProfileKind.CHEMICAL, _("Chemicals"), kind_counts.get(ProfileKind.CHEMICAL, 0)),
        (ProfileKind.WASTE, _("Waste streams"), kind_counts.get(ProfileKind.WASTE, 0)),
    ]
    initials = {
        DIGITS if initial.isdigit() else initial
        for initial in _filtered(data, without="letter")
        .annotate(initial=Upper(Substr("name", 1, 1)))
        .values_list("initial", flat=True)
        .distinct()
    }
    return render(
        request,
        "pages/chemicals.html",
        {
            "page_obj": page,
            "errors": errors,
            "filters": data,
            "query": query,
            "kinds": kinds,
            "annexes": ListingAnnex.choices,
            "letters": [letter for letter in LETTERS if letter in initials or letter == data.get("letter")],
        },
        status=400 if errors else 200,
    )


def _mention_patterns(profile: ChemicalProfile) -> list[str]:
    """Its name, synonyms and CAS numbers as regular expressions, longest first."""
    terms = [profile.name, *profile.synonyms, *profile.cas_numbers]
    terms = {str(term).strip() for term in terms if len(str(term).strip()) >= MENTION_MIN_LENGTH}
    return [re.escape(term) for term in sorted(terms, key=len, reverse=True)[:MENTION_TERMS_LIMIT]]


def detail(request, slug):
    """A chemical or waste stream: names, CAS numbers, listings and their
    decisions, and the knowledge items, questions and decisions about it."""
    profile = (
        ChemicalProfile.objects.prefetch_related(
            Prefetch("listings", queryset=Listing.objects.select_related("decision"))
        )
        .filter(slug=slug)
        .first()
    )
    if profile is None:
        if slug != slug.lower() and ChemicalProfile.objects.filter(slug=slug.lower()).exists():
            return redirect("packages:chemical", slug=slug.lower(), permanent=True)
        return render(request, "pages/chemical_detail.html", {"profile": None, "typed": slug[:120]}, status=404)

    listings = list(profile.listings.all())
    patterns = _mention_patterns(profile)
    # A tag named after it (pfos, "Plastic waste") says what a post is about.
    tagged = Q(tags__slug=profile.slug) | Q(tags__name__iexact=profile.name)
    context = {
        "profile": profile,
        "cas_numbers": [(number, cas_check_digit_ok(number)) for number in profile.cas_numbers],
        "synonyms": [synonym for synonym in profile.synonyms if synonym],
        "listings": listings,
        "shows_category": any(listing.category for listing in listings),
        "shows_exemptions": any(listing.specific_exemptions for listing in listings),
        "decisions": profile.decisions.with_year().select_related("convention").order_by(*LIST_ORDER),
        "areas": localized_names(profile.thematic_areas.all()),
        "knowledge_items": KnowledgeItemPage.objects.for_readers()
        .filter(mentioning(["title", "summary"], patterns) | tagged)
        .distinct()
        .for_cards()
        .order_by("-first_published_at")[:KNOWLEDGE_LIMIT],
        "questions": Question.objects.visible_to(request.user)
        .filter(mentioning(["title", "body_markdown"], patterns) | tagged)
        .distinct()
        .order_by("-last_activity_at")[:QUESTIONS_LIMIT],
        "questions_limit": QUESTIONS_LIMIT,
    }
    return render(request, "pages/chemical_detail.html", context)
