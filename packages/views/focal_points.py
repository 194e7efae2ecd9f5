"""The directory of focal points: the official contacts each convention
designates, shown as the conventions publish them, with the members the
secretariat verified in that role."""

from collections import defaultdict
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from conventions.constants import FOCAL_POINT_KIND_CONVENTION, FocalPointKind
from conventions.forms import CountryChoiceField
from conventions.models import Country, FocalPoint, Instrument
from conventions.names import collation_key, country_name
from profiles.constants import Role
from profiles.models import Profile, Verification
from profiles.permissions import secretariat_exists

FOCAL_POINTS_PER_PAGE = 25
# The two sources of the directory's entries.
PUBLISHED, VERIFIED = "published", "verified"
CONVENTION_CODES = sorted(set(FOCAL_POINT_KIND_CONVENTION.values()))


class FocalPointFilterForm(forms.Form):
    """The directory's filters; every value is kept in the URL. Codes are
    matched whatever their case (?country=ken)."""

    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.only("iso2", "iso3", "name"),
        to_field_name="iso3",
        required=False,
        empty_label=_("All countries"),
        error_messages={"invalid_choice": _("There is no country with the code “%(value)s”.")},
    )
    convention = forms.ModelChoiceField(
        label=_("Convention"),
        queryset=Instrument.objects.filter(code__in=CONVENTION_CODES),
        to_field_name="code",
        required=False,
        empty_label=_("All conventions"),
        error_messages={"invalid_choice": _("There is no convention with the code “%(value)s”.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of focal point"),
        choices=[("", _("All kinds")), *FocalPointKind.choices],
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a kind of focal point.")},
    )

    CASES = {"country": str.upper, "convention": str.upper, "kind": str.lower}

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for name, normalise in self.CASES.items():
                if name in data:
                    data[name] = normalise(data[name].strip())
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        convention, kind = cleaned.get("convention"), cleaned.get("kind")
        if convention and kind and FOCAL_POINT_KIND_CONVENTION[kind] != convention.code:
            self.add_error(
                "kind",
                _("“%(kind)s” is not designated under the %(convention)s.")
                % {"kind": kind.label, "convention": convention.short_name},
            )
        return cleaned

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        return FocalPointKind(kind) if kind else kind

    def valid_filters(self) -> dict:
        """The filters that were understood; a wrong one is reported and left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}


def filter_focal_points(focal_points, filters: dict, *, kind_field: str = "kind"):
    """Published entries (or, with kind_field="focal_point_kind", verified
    roles) narrowed by the directory's filters."""
    if filters.get("country"):
        focal_points = focal_points.filter(country=filters["country"])
    if filters.get("convention"):
        code = filters["convention"].code
        kinds = [kind for kind, convention in FOCAL_POINT_KIND_CONVENTION.items() if convention == code]
        focal_points = focal_points.filter(**{f"{kind_field}__in": kinds})
    if filters.get("kind"):
        focal_points = focal_points.filter(**{kind_field: filters["kind"]})
    return focal_points


def removable_filters(filters: dict) -> list[tuple[str, str]]:
    """Each filter applied, as (what it shows, the query string without it),
    so a person can remove one and keep the others; wrong values are dropped."""
    values = {
        "country": (filters.get("country"), lambda country: country.iso3),
        "convention": (filters.get("convention"), lambda convention: convention.code),
        "kind": (filters.get("kind"), str),
    }
    labels = {
        "country": lambda country: _("of %(name)s") % {"name": country.name},
        "convention": lambda convention: _("under the %(name)s") % {"name": convention.short_name},
        "kind": lambda kind: kind.label,
    }
    applied = {name: value for name, (value, _code) in values.items() if value}
    removable = []
    for name, value in applied.items():
        others = {other: values[other][1](applied[other]) for other in applied if other != name}
        removable.append((labels[name](value), f"?{urlencode(others)}" if others else ""))
    return removable


def _with_badges(verifications):
    """What a member's name and badges need, in a constant number of queries."""
    return (
        verifications.select_related("user__profile", "country")
        .annotate(in_secretariat=secretariat_exists("user_id"))
        .prefetch_related(
            Prefetch(
                "user__verifications",
                queryset=Verification.objects.approved().select_related("country"),
                to_attr="approved_verifications",
            )
        )
    )


def listed_verifications(viewer):
    """Focal-point roles the secretariat verified, of active members whose
    profile the viewer may see: a member is listed by making the profile public."""
    return (
        Verification.objects.approved()
        .filter(role=Role.FOCAL_POINT, user__is_active=True, user__profile__in=Profile.objects.visible_to(viewer))
        .exclude(country=None)
        .exclude(focal_point_kind="")
    )


def attach_verified_members(focal_points, viewer) -> list:
    """Give each focal point `verified_members`: the members the secretariat
    verified as that kind of focal point for that country, whose profile the
    viewer may see, with what their badges need and `verified_on`, the date
    of the secretariat's decision. Two queries (and one for the badges'
    prefetch) for any number of entries."""
    focal_points = list(focal_points)
    if not focal_points:
        return focal_points
    verifications = _with_badges(
        listed_verifications(viewer).filter(
            country__in={entry.country_id for entry in focal_points},
            focal_point_kind__in={entry.kind for entry in focal_points},
        )
    ).order_by("user__profile__display_name", "user__handle")
    members = defaultdict(list)
    for verification in verifications:
        user = verification.user
        user.in_secretariat = verification.in_secretariat
        user.verified_on = verification.decided_at
        key = (verification.country_id, verification.focal_point_kind)
        if user not in members[key]:
            members[key].append(user)
    for entry in focal_points:
        entry.verified_members = members.get((entry.country_id, entry.kind), [])
    return focal_points


def member_entries(verifications) -> list:
    """Verified members for whom the conventions publish no entry of that kind
    and country yet: each shown as an entry of its own, marked as verified by
    the secretariat, with the date of the decision."""
    entries = []
    for verification in _with_badges(verifications):
        verification.user.in_secretariat = verification.in_secretariat
        verification.is_member_entry = True
        entries.append(verification)
    return entries


def unlisted_verifications(viewer, filters: dict):
    """Listed verifications that match no published entry (those that do are
    shown with the entry), narrowed by the directory's filters."""
    published = FocalPoint.objects.filter(country=OuterRef("country"), kind=OuterRef("focal_point_kind"))
    verifications = listed_verifications(viewer).exclude(Exists(published))
    return filter_focal_points(verifications, filters, kind_field="focal_point_kind")


def index(request):
    """Every focal point, by country, narrowed by country, convention and
    kind: the entries the conventions publish and, beside them, the members
    the secretariat verified for whom no entry is published yet."""
    form = FocalPointFilterForm(request.GET or None)
    filters = form.valid_filters()
    focal_points = filter_focal_points(FocalPoint.objects.select_related("country"), filters)
    verifications = unlisted_verifications(request.user, filters)
    # By country in the reader's language and alphabet: the order is worked
    # out on the keys (a few hundred rows), then one page of rows is read.
    keys = [
        (PUBLISHED, *row)
        for row in focal_points.values_list("pk", "country__iso2", "country__name", "kind", "organisation")
    ] + [
        (VERIFIED, *row)
        for row in verifications.values_list(
            "pk", "country__iso2", "country__name", "focal_point_kind", "user__profile__display_name"
        )
    ]
    ordered = [
        (source, pk)
        for source, pk, *_rest in sorted(
            keys, key=lambda row: (collation_key(country_name(row[2], row[3])), row[4], row[0], row[5] or "", row[1])
        )
    ]
    page_obj = Paginator(ordered, FOCAL_POINTS_PER_PAGE).get_page(request.GET.get("page"))
    wanted = {source: [pk for kind, pk in page_obj.object_list if kind == source] for source in (PUBLISHED, VERIFIED)}
    rows = {
        (PUBLISHED, entry.pk): entry
        for entry in attach_verified_members(focal_points.filter(pk__in=wanted[PUBLISHED]), request.user)
    }
    if wanted[VERIFIED]:
        rows.update(
            {(VERIFIED, entry.pk): entry for entry in member_entries(verifications.filter(pk__in=wanted[VERIFIED]))}
        )
    page_obj.object_list = [rows[key] for key in page_obj.object_list]
    return render(
        request,
        "pages/focal_points.html",
        {
            "filter_form": form,
            "filters": filters,
            "removable_filters": removable_filters(filters),
            "page_obj": page_obj,
        },
        status=400 if form.errors else 200,
    )
