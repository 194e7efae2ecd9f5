"""The Basel and Stockholm regional centres: a map with a point per centre,
the list of them, and a page for each with its staff and its group."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Group
from conventions.maps import marker_path, project, spread, world_map
from conventions.models import Country, RegionalCentre
from profiles.constants import Role
from profiles.models import Profile, Verification
from profiles.permissions import secretariat_exists

# What a centre serves, told on the map by shape and colour (and in words).
CENTRE_KINDS = {
    "basel": {"shape": "circle", "label": gettext_lazy("Basel Convention regional centre")},
    "stockholm": {"shape": "square", "label": gettext_lazy("Stockholm Convention regional centre")},
    "both": {"shape": "triangle", "label": gettext_lazy("Regional centre for both conventions")},
}
MARKER_SIZE = 5.5
# The legend's swatches are drawn in a 20 × 20 box.
SWATCH_MIDDLE = 10


def centre_kind(codes: set[str]) -> str:
    """ "both" for a centre of the Basel and the Stockholm conventions,
    "basel" or "stockholm" for one of either."""
    if {"BC", "SC"} <= codes:
        return "both"
    return "stockholm" if "SC" in codes else "basel"


def centres_for_list():
    """Every centre with what the list shows, in four queries whatever their number."""
    return RegionalCentre.objects.select_related("host_country").prefetch_related(
        "conventions",
        Prefetch("countries_served", queryset=Country.objects.only("iso2", "iso3", "name").order_by("name")),
    )


def centre_map(centres) -> dict:
    """The world as plain land, with a linked point for each centre that has
    coordinates: its shape says which conventions it serves."""
    world = world_map()
    placed = [centre for centre in centres if centre.latitude is not None and centre.longitude is not None]
    positions = spread([project(centre.latitude, centre.longitude) for centre in placed], distance=2 * MARKER_SIZE)
    points = []
    for centre, (x, y) in zip(placed, positions, strict=True):
        kind = CENTRE_KINDS[centre.kind]
        points.append(
            {
                "url": reverse("packages:centre", args=[centre.slug]),
                "title": _("%(name)s: %(kind)s, %(place)s")
                % {"name": centre.name, "kind": kind["label"], "place": centre.place},
                "css": f"map-centre map-{centre.kind}",
                "d": marker_path(x, y, kind["shape"], size=MARKER_SIZE),
            }
        )
    return {
        "view_box": world.view_box,
        "land": "".join(world.shapes.values()),
        "shapes": [],
        "points": points,
        "unplaced": [centre for centre in centres if centre not in placed],
    }


def _describe(centre: RegionalCentre) -> RegionalCentre:
    """Give a centre what the pages show: its kind and where it is."""
    centre.codes = [instrument.code for instrument in centre.conventions.all()]
    centre.kind = centre_kind(set(centre.codes))
    centre.kind_label = CENTRE_KINDS[centre.kind]["label"]
    host = centre.host_country.name
    centre.place = f"{centre.city}, {host}" if centre.city else host
    return centre


def index(request):
    """The map and the list of every regional centre."""
    centres = [_describe(centre) for centre in centres_for_list()]
    legend = [
        {
            "kind": kind,
            "label": details["label"],
            "count": sum(centre.kind == kind for centre in centres),
            "d": marker_path(SWATCH_MIDDLE, SWATCH_MIDDLE, details["shape"], size=MARKER_SIZE),
        }
        for kind, details in CENTRE_KINDS.items()
    ]
    return render(
        request,
        "pages/regional_centres.html",
        {"centres": centres, "map": centre_map(centres), "legend": legend},
    )


def centre_staff(centre: RegionalCentre, viewer) -> tuple[list, int]:
    """The centre's verified staff whose profile the viewer may see (with
    what their badges need), and how many others there are."""
    staff = Verification.objects.approved().filter(
        role=Role.CENTRE_STAFF, regional_centre=centre, user__is_active=True
    )
    visible_profiles = Profile.objects.visible_to(viewer)
    shown = (
        staff.filter(user__profile__in=visible_profiles)
        .select_related("user__profile")
        .annotate(in_secretariat=secretariat_exists("user_id"))
        .prefetch_related(
            Prefetch(
                "user__verifications",
                queryset=Verification.objects.approved().select_related("country"),
                to_attr="approved_verifications",
            )
        )
        .order_by("user__profile__display_name", "user__handle")
    )
    members = []
    for verification in shown:
        verification.user.in_secretariat = verification.in_secretariat
        if verification.user not in members:
            members.append(verification.user)
    others = staff.exclude(user__profile__in=visible_profiles).aggregate(count=Count("user", distinct=True))["count"]
    return members, others


def detail(request, slug):
    """One centre: what it is, where, whom it serves, its staff and its group."""
    centre = _describe(
        get_object_or_404(
            RegionalCentre.objects.select_related("host_country").prefetch_related(
                "conventions", Prefetch("countries_served", queryset=Country.objects.order_by("name"))
            ),
            slug=slug,
        )
    )
    staff, other_staff = centre_staff(centre, request.user)
    group = Group.objects.visible_to(request.user).filter(regional_centre=centre).first()
    return render(
        request,
        "pages/regional_centre_detail.html",
        {"centre": centre, "staff": staff, "other_staff": other_staff, "group": group},
    )
