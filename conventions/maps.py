"""A world map drawn on the server as SVG, so a page shows it without a tile
server, a third-party host or JavaScript.

The shapes are Natural Earth's countries as the npm package world-atlas ships
them (TopoJSON, node_modules/world-atlas, ISC licence; Natural Earth is in the
public domain). The 1:110m file gives the outlines; a country too small to
have one at that scale (most small island states) is drawn as a point, placed
at the middle of its largest island in the 1:50m file (Tuvalu, too small for
that one as well, is placed by hand).

Everything here is computed once per process and cached: the map is the same
for every request, only the classes and links the views put on it differ.
"""

import json
import math
from dataclasses import dataclass
from functools import cache

from django.conf import settings

ATLAS_DIRECTORY = settings.BASE_DIR / "node_modules" / "world-atlas"

# viewBox units across; coordinates are written in tenths of a unit, which is
# finer than the 1:110m data and keeps the page small.
MAP_WIDTH = 960
TENTHS = 10

ANTARCTICA = "010"

# Features the atlas gives no ISO code. They are drawn as part of the state
# the United Nations counts them in, as UN maps do; Kosovo "in the context of
# Security Council resolution 1244 (1999)".
UNCODED_FEATURES = {"Somaliland": "706", "N. Cyprus": "196", "Kosovo": "688"}

# The states too small even for the 1:50m file, with a point on their main
# island (longitude, latitude). The 1:10m file has them, but reading its
# 3.6 MB takes a second and much memory in every process, for one state.
SMALLEST_STATES = {"798": (179.19, -8.52)}  # Tuvalu: Funafuti

# Natural Earth I's extent: x reaches 0.8707·π at the antimeridian.
_SCALE = MAP_WIDTH / (2 * math.pi * 0.8707)


@dataclass(frozen=True)
class WorldMap:
    """The projected map: one path per country that has an outline at 1:110m,
    keyed by ISO 3166 numeric code ("404"), and a point for each country that
    has none."""

    view_box: str
    shapes: dict[str, str]
    points: dict[str, tuple[float, float]]


def _natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth I projection (Šavrič, Patterson and Jenny, 2011), as
    d3-geo's geoNaturalEarth1Raw computes it, in viewBox units with y down."""
    lam = math.radians(longitude)
    phi = math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x * _SCALE, -y * _SCALE


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Where a place falls on the map, in the map's viewBox units (to 0.1)."""
    x, y = _natural_earth(longitude, latitude)
    return round(x, 1), round(y, 1)


def _load(name: str) -> dict:
    with (ATLAS_DIRECTORY / name).open(encoding="utf-8") as atlas_file:
        return json.load(atlas_file)


class _Arcs:
    """A topology's arcs, decoded on first use: TopoJSON stores each arc's
    positions quantized to integers and delta-encoded, with a transform back
    to longitude and latitude."""

    def __init__(self, topology: dict):
        self.encoded = topology["arcs"]
        (self.scale_x, self.scale_y), (self.shift_x, self.shift_y) = (
            topology["transform"]["scale"],
            topology["transform"]["translate"],
        )
        self.decoded: dict[int, list[tuple[float, float]]] = {}

    def arc(self, index: int) -> list[tuple[float, float]]:
        """The positions of an arc; a negative index (~i) is arc i reversed."""
        reverse = index < 0
        index = ~index if reverse else index
        positions = self.decoded.get(index)
        if positions is None:
            x = y = 0
            positions = []
            for dx, dy in self.encoded[index]:
                x += dx
                y += dy
                positions.append((x * self.scale_x + self.shift_x, y * self.scale_y + self.shift_y))
            self.decoded[index] = positions
        return positions[::-1] if reverse else positions

    def ring(self, indexes: list[int]) -> list[tuple[float, float]]:
        """A closed ring: its arcs joined end to start (each arc starts where
        the one before it ends, so that point is not repeated)."""
        ring: list[tuple[float, float]] = []
        for index in indexes:
            positions = self.arc(index)
            ring.extend(positions[1:] if ring else positions)
        return ring


def _polygons(geometry: dict, arcs: _Arcs) -> list[list[list[tuple[float, float]]]]:
    """A geometry's polygons, each a list of rings (the outer ring first)."""
    if geometry.get("type") == "Polygon":
        return [[arcs.ring(ring) for ring in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[arcs.ring(ring) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring without jumps across the antimeridian: each longitude is
    moved by 360° where that brings it next to the one before, so a ring
    that crosses from 180° to -180° carries on past 180°."""
    unwrapped = ring[:1]
    for longitude, latitude in ring[1:]:
        previous = unwrapped[-1][0]
        longitude += 360 * round((previous - longitude) / 360)
        unwrapped.append((longitude, latitude))
    return unwrapped


def _clip(ring: list[tuple[float, float]], meridian: float, keep_west: bool) -> list[tuple[float, float]]:
    """The part of a ring on one side of a meridian (Sutherland–Hodgman)."""

    def inside(point):
        return point[0] <= meridian if keep_west else point[0] >= meridian

    clipped = []
    for previous, current in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if inside(current) != inside(previous):
            share = (meridian - previous[0]) / (current[0] - previous[0])
            clipped.append((meridian, previous[1] + share * (current[1] - previous[1])))
        if inside(current):
            clipped.append(current)
    return clipped


def _cut_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Chukotka, Fiji) as two rings,
    one on each edge of the map: the atlas leaves that cut to the
    projection, and a flat map would otherwise draw a line across the world."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    ring = _unwrapped(ring)
    longitudes = [longitude for longitude, _latitude in ring]
    edge = 180.0 if max(longitudes) > 180 else -180.0
    here = _clip(ring, edge, keep_west=edge > 0)
    beyond = [(longitude - 2 * edge, latitude) for longitude, latitude in _clip(ring, edge, keep_west=edge < 0)]
    return [part for part in (here, beyond) if len(part) >= 3]


def _feature_code(geometry: dict) -> str:
    code = geometry.get("id") or ""
    if not code or code.startswith("-"):
        code = UNCODED_FEATURES.get(geometry.get("properties", {}).get("name", ""), "")
    return code


def _number(tenths: int) -> str:
    """A coordinate in tenths written as briefly as SVG allows: 12 → "1.2",
    -3 → "-.3", 40 → "4"."""
    whole, fraction = divmod(abs(tenths), TENTHS)
    text = str(whole) if not fraction else f"{whole}.{fraction}" if whole else f".{fraction}"
    return f"-{text}" if tenths < 0 else text


def _pair(x: int, y: int) -> str:
    second = _number(y)
    return f"{_number(x)}{'' if second.startswith('-') else ','}{second}"


def _projected_ring(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """A ring projected to whole tenths of a unit, without the steps that
    round to nothing; empty when too small to see."""
    points: list[tuple[int, int]] = []
    for longitude, latitude in ring:
        x, y = _natural_earth(longitude, latitude)
        point = (round(x * TENTHS), round(y * TENTHS))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(points) >= 3 else []


def _ring_path(points: list[tuple[int, int]]) -> str:
    """Path data for one projected ring: an absolute start, then relative
    steps (computed on the rounded positions, so errors do not add up)."""
    steps = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        step = _pair(x1 - x0, y1 - y0)
        steps.append(step if step.startswith("-") or not steps else f" {step}")
    return f"M{_pair(*points[0])}l{''.join(steps)}z"


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """The planar area (in square degrees, fine for a small island) and
    centroid of a ring, by the shoelace formula."""
    ring = _unwrapped(ring)
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        longitudes, latitudes = zip(*ring, strict=True)
        return 0.0, (sum(longitudes) / len(ring), sum(latitudes) / len(ring))
    longitude = (cx / (3 * area) + 180) % 360 - 180
    return abs(area) / 2, (longitude, cy / (3 * area))


def _middles(topology: dict, known: set[str]) -> dict[str, tuple[float, float]]:
    """Longitude and latitude of the middle of the largest polygon of each
    country of a finer atlas file that is not among the known ones."""
    arcs = _Arcs(topology)
    best: dict[str, tuple[float, tuple[float, float]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _feature_code(geometry)
        if not code or code == ANTARCTICA or code in known:
            continue
        for polygon in _polygons(geometry, arcs):
            area, middle = _area_and_centroid(polygon[0])
            if code not in best or area > best[code][0]:
                best[code] = (area, middle)
    return {code: middle for code, (_area, middle) in best.items()}


@cache
def world_map() -> WorldMap:
    """The map, projected once per process."""
    topology = _load("countries-110m.json")
    arcs = _Arcs(topology)
    paths: dict[str, list[str]] = {}
    top = bottom = 0
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _feature_code(geometry)
        if not code or code == ANTARCTICA:
            continue
        for polygon in _polygons(geometry, arcs):
            pieces = [piece for ring in polygon for piece in _cut_at_antimeridian(ring)]
            for ring in filter(None, map(_projected_ring, pieces)):
                paths.setdefault(code, []).append(_ring_path(ring))
                top = min(top, *(y for _x, y in ring))
                bottom = max(bottom, *(y for _x, y in ring))
    shapes = {code: "".join(rings) for code, rings in paths.items() if rings}

    # Points for the countries with no outline at 1:110m: every code the 1:50m
    # file knows (the views pick the ones they show).
    middles = {**SMALLEST_STATES, **_middles(_load("countries-50m.json"), set(shapes))}
    points = {code: project(latitude, longitude) for code, (longitude, latitude) in middles.items()}

    # The frame: the outlines' extent (without Antarctica) and a margin.
    top = math.floor(min(top / TENTHS, *(y for _x, y in points.values()))) - 5
    bottom = math.ceil(max(bottom / TENTHS, *(y for _x, y in points.values()))) + 5
    return WorldMap(
        view_box=f"{-MAP_WIDTH // 2} {top} {MAP_WIDTH} {bottom - top}",
        shapes=shapes,
        points=points,
    )


def marker_path(x: float, y: float, shape: str = "circle", size: float = 4.0) -> str:
    """Path data for a marker centred on (x, y): a circle of radius `size`,
    or a square or triangle of about the same area, so that kinds of points
    can differ by shape as well as colour."""
    if shape == "square":
        half = round(size * 0.9, 1)
        return f"M{x - half:.1f},{y - half:.1f}h{2 * half:g}v{2 * half:g}h{-2 * half:g}z"
    if shape == "triangle":
        # Equilateral, centred on its centroid.
        side = size * 2.7
        height = side * math.sqrt(3) / 2
        return f"M{x:.1f},{y - 2 * height / 3:.1f}l{side / 2:.1f},{height:.1f}h{-side:.1f}z"
    return f"M{x - size:.1f},{y:.1f}a{size:g},{size:g} 0 1,0 {2 * size:g},0a{size:g},{size:g} 0 1,0 {-2 * size:g},0z"


def spread(points: list[tuple[float, float]], distance: float) -> list[tuple[float, float]]:
    """Move points apart until none is closer than `distance` to another
    (Bratislava and Brno would hide each other), each by as little as it
    takes. The order of the points is kept."""
    moved = [list(point) for point in points]
    for _round in range(50):
        overlapping = False
        for i, first in enumerate(moved):
            for second in moved[i + 1 :]:
                dx, dy = second[0] - first[0], second[1] - first[1]
                gap = math.hypot(dx, dy)
                if gap >= distance:
                    continue
                overlapping = True
                if not gap:  # the same place: part them side by side
                    dx, dy, gap = 1.0, 0.0, 1.0
                push = (distance - gap) / 2 + 0.01
                first[0] -= dx / gap * push
                first[1] -= dy / gap * push
                second[0] += dx / gap * push
                second[1] += dy / gap * push
        if not overlapping:
            break
    return [(round(x, 1), round(y, 1)) for x, y in moved]
