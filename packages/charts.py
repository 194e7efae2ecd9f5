"""Charts drawn on the server as SVG: no JavaScript, no third-party host, no
cookie, and a few hundred bytes each on a slow connection. Each chart is a
picture of a table the page shows beside it (its accessible alternative);
the SVG carries a title and is marked as an image.

In a right-to-left language time runs from right to left, as an Arabic
reader expects; the text stays upright.
"""

from dataclasses import dataclass
from itertools import count

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language_bidi

from conventions.maps import marker_path, world_map

WIDTH, HEIGHT = 640, 240
TOP, BOTTOM, SIDE = 24, 36, 8
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 18, 6, 200
MAX_COLUMN = 56
ISLAND_RADIUS = 3.5
# The map's colours as attributes too (static/css/maps.css has them for the
# browser): the PDF renderer does not style SVG from the page's style sheet.
SHADED, LAND = "#0b5394", "#e4e7ea"
_ids = count(1)


@dataclass
class Mark:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    text_x: float
    text_y: float
    label_x: float
    label_y: float
    show_label: bool


def _value(value, unit: str) -> str:
    text = number_format(value, force_grouping=True)
    return f"{text} {unit}" if unit else text


def columns(points: list[tuple[str, int | float]], title: str, axis: str, unit: str = "") -> dict:
    """A column per point (months or years), left to right in time."""
    rtl = get_language_bidi()
    top = max((value for _label, value in points), default=0) or 1
    # Columns no wider than MAX_COLUMN, the group centred: one year is not a wall.
    slot = min((WIDTH - 2 * SIDE) / max(len(points), 1), MAX_COLUMN / 0.7)
    left = (WIDTH - slot * len(points)) / 2
    width = max(slot * 0.7, 1)
    plot = HEIGHT - TOP - BOTTOM
    # Every label when they fit; else about twelve, evenly spaced.
    every = max(1, -(-len(points) // 12))
    marks = []
    for index, (label, value) in enumerate(points):
        position = len(points) - 1 - index if rtl else index
        x = left + position * slot + (slot - width) / 2
        height = plot * value / top
        marks.append(
            Mark(
                x=round(x, 1),
                y=round(TOP + plot - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=label,
                value=_value(value, unit),
                text_x=round(x + width / 2, 1),
                text_y=round(TOP + plot - height - 4, 1),
                label_x=round(x + width / 2, 1),
                label_y=HEIGHT - BOTTOM + 14,
                show_label=index % every == 0,
            )
        )
    return {
        "kind": "columns",
        "id": f"chart-{next(_ids)}",
        "title": title,
        "axis": axis,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": TOP + plot,
        "marks": marks,
        "show_values": len(points) <= 12,
        "empty": not any(value for _label, value in points),
    }


def bars(points: list[tuple[str, int | float]], title: str, unit: str = "") -> dict:
    """A horizontal bar per category (regions, scores), largest scale first."""
    rtl = get_language_bidi()
    top = max((value for _label, value in points), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 2 * SIDE - 60
    height = TOP + len(points) * (BAR_HEIGHT + BAR_GAP)
    marks = []
    for index, (label, value) in enumerate(points):
        length = room * value / top
        y = TOP / 2 + index * (BAR_HEIGHT + BAR_GAP)
        if rtl:
            x = WIDTH - SIDE - LABEL_WIDTH - length
            label_x, text_x = WIDTH - SIDE, x - 4
        else:
            x = SIDE + LABEL_WIDTH
            label_x, text_x = SIDE, x + length + 4
        marks.append(
            Mark(
                x=round(x, 1),
                y=round(y, 1),
                width=round(length, 1),
                height=BAR_HEIGHT,
                label=label,
                value=_value(value, unit),
                text_x=round(text_x, 1),
                text_y=round(y + BAR_HEIGHT - 5, 1),
                label_x=label_x,
                label_y=round(y + BAR_HEIGHT - 5, 1),
                show_label=True,
            )
        )
    return {
        "kind": "bars",
        "id": f"chart-{next(_ids)}",
        "title": title,
        "width": WIDTH,
        "height": round(height),
        "marks": marks,
        "rtl": rtl,
        "empty": not any(value for _label, value in points),
    }


def country_map(codes: set[str], names: dict, title: str) -> dict:
    """The world map with the countries of `codes` shaded and linked to
    their profiles, every other country as plain land."""
    world = world_map()
    shapes, points, placed = [], [], set()
    for iso3 in sorted(codes):
        country = names.get(iso3)
        if country is None:
            continue
        link = {
            "url": reverse("packages:country", args=[iso3]),
            "title": country.local_name,
            "css": "map-party",
            "fill": SHADED,
        }
        if country.numeric in world.shapes:
            shapes.append({**link, "d": world.shapes[country.numeric]})
        elif country.numeric in world.points:
            d = marker_path(*world.points[country.numeric], size=ISLAND_RADIUS)
            points.append({**link, "css": "map-point map-party", "d": d})
        placed.add(country.numeric)
    return {
        "title": title,
        "view_box": world.view_box,
        "land": "".join(d for code, d in world.shapes.items() if code not in placed),
        "land_fill": LAND,
        "shapes": shapes,
        "points": points,
    }
