"""Country profiles: what the conventions publish about a country (party
status, regional group, focal points, the regional centres serving it) and,
kept apart, what members contributed about it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect, render

from community.models import Question
from conventions.models import Country, FocalPoint, Instrument, RegionalCentre, RegionalGroupMembership
from knowledge.models import BestPracticePage, KnowledgeItemPage, ProjectSummaryPage
from profiles.constants import Role
from profiles.models import Profile, Verification

from .focal_points import attach_verified_members, member_entries, unlisted_verifications

KNOWLEDGE_ITEMS_SHOWN = 10
QUESTIONS_SHOWN = 5


def party_statuses(country: Country) -> list[tuple[Instrument, object]]:
    """Every convention and amendment with the country's status under it
    (None where nothing is recorded: not a party)."""
    statuses = {status.instrument_id: status for status in country.party_statuses.all()}
    return [(instrument, statuses.get(instrument.pk)) for instrument in Instrument.objects.all()]


def knowledge_items(country: Country):
    """Published items about the country: best practices and project
    summaries first, then the newest."""
    first_types = [ContentType.objects.get_for_model(model).pk for model in (BestPracticePage, ProjectSummaryPage)]
    return (
        KnowledgeItemPage.objects.for_readers()
        .filter(countries=country)
        .select_related("locale")
        .annotate(
            type_order=Case(
                *[When(content_type_id=pk, then=Value(order)) for order, pk in enumerate(first_types)],
                default=Value(len(first_types)),
                output_field=IntegerField(),
            )
        )
        .order_by("type_order", F("first_published_at").desc(nulls_last=True), "-pk")[:KNOWLEDGE_ITEMS_SHOWN]
    )


def verified_members(country: Country, viewer):
    """Members the secretariat verified as a focal point for the country, or
    as an expert for it or from it, whose profile the viewer may see."""
    role_here = (
        Verification.objects.approved()
        .filter(user=OuterRef("user"))
        .filter(
            Q(role=Role.FOCAL_POINT, country=country)
            | Q(role=Role.EXPERT, country=country)
            | Q(role=Role.EXPERT, user__profile__country=country)
        )
    )
    return (
        Profile.objects.visible_to(viewer)
        .filter(Exists(role_here))
        .with_badges()
        .order_by("display_name", "user__handle")
    )


def detail(request, iso3):
    country = Country.objects.filter(iso3=iso3.upper()).first() if len(iso3) == 3 else None
    if country is None:
        raise Http404
    if iso3 != country.iso3:
        return redirect("packages:country", iso3=country.iso3, permanent=True)
    focal_points = attach_verified_members(
        FocalPoint.objects.filter(country=country).select_related("country").order_by("kind", "organisation", "pk"),
        request.user,
    ) + member_entries(unlisted_verifications(request.user, {"country": country}).order_by("focal_point_kind", "pk"))
    centres = (
        RegionalCentre.objects.filter(Q(host_country=country) | Q(countries_served=country))
        .distinct()
        .select_related("host_country")
        .prefetch_related("conventions")
        .order_by("name")
    )
    questions = (
        Question.objects.visible_to(request.user)
        .filter(countries=country)
        .order_by("-last_activity_at", "-pk")[:QUESTIONS_SHOWN]
    )
    context = {
        "country": country,
        "party_statuses": party_statuses(country),
        "group_memberships": RegionalGroupMembership.objects.filter(country=country)
        .select_related("group")
        .order_by("-is_electoral", "group__name"),
        "focal_points": focal_points,
        "centres": centres,
        "knowledge_items": knowledge_items(country),
        "members": verified_members(country, request.user),
        "questions": questions,
    }
    return render(request, "pages/country_profile.html", context)
