"""The information packages hub: one page linking every package the
secretariat keeps current, the country profiles, and the awareness
materials and legal information of the knowledge section."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from conventions.constants import ProfileKind
from conventions.forms import CountryChoiceField
from conventions.models import ChemicalProfile, Country, Decision, FocalPoint, Instrument, Meeting, RegionalCentre
from knowledge.models import KnowledgeItemPage
from knowledge.services import ITEM_TYPES_BY_KEY

# The knowledge listings the hub links to, in this order.
KNOWLEDGE_PACKAGES = ("awareness_material", "legal_information")


class CountryPickerForm(forms.Form):
    """Go to a country's profile: ?country=KEN (any case)."""

    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.only("iso2", "iso3", "name"),
        to_field_name="iso3",
        empty_label=_("Choose a country"),
        error_messages={
            "required": _("Choose a country to see its profile."),
            "invalid_choice": _("There is no country with the code “%(value)s”."),
        },
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {"country": data.get("country", "").strip().upper()}
        super().__init__(data, **kwargs)


def package_counts() -> dict:
    """What each package holds, in one cheap query each."""
    chemicals = dict(ChemicalProfile.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {
        "instruments": Instrument.objects.annotate(
            party_count=Count("party_statuses", filter=Q(party_statuses__consent_on__isnull=False))
        ).order_by("sort_order", "code"),  # Meta.ordering does not apply to a GROUP BY
        "centre_count": RegionalCentre.objects.count(),
        "focal_point_count": FocalPoint.objects.count(),
        "upcoming_meeting_count": Meeting.objects.upcoming().count(),
        "decision_count": Decision.objects.count(),
        "chemical_count": chemicals.get(ProfileKind.CHEMICAL, 0),
        "waste_count": chemicals.get(ProfileKind.WASTE, 0),
    }


def knowledge_packages() -> list[tuple]:
    """The knowledge listings with how many published items each holds."""
    item_types = [ITEM_TYPES_BY_KEY[key] for key in KNOWLEDGE_PACKAGES]
    content_types = {ContentType.objects.get_for_model(item_type.model).pk: item_type for item_type in item_types}
    counts = dict(
        KnowledgeItemPage.objects.for_readers()
        .filter(content_type__in=content_types)
        # Pages come ordered by tree path, which would split the groups.
        .order_by()
        .values_list("content_type")
        .annotate(n=Count("pk"))
        .values_list("content_type", "n")
    )
    return [(item_type, counts.get(pk, 0)) for pk, item_type in content_types.items()]


def hub(request):
    status = 200
    if "country" in request.GET:
        picker = CountryPickerForm(request.GET)
        if picker.is_valid():
            return redirect("packages:country", iso3=picker.cleaned_data["country"].iso3)
        status = 400
    else:
        picker = CountryPickerForm()
    context = {"picker": picker, "knowledge_packages": knowledge_packages(), **package_counts()}
    return render(request, "pages/information_packages.html", context, status=status)
