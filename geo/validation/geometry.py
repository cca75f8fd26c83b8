"""Validating a GeoJSON geometry member and turning it into a shapely geometry.

Every validator reports what is wrong and how to fix it; nothing here raises on bad
input. Positions are ``[lon, lat]`` (RFC 7946), optionally with an altitude,
which is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

#: How deeply positions are nested in each geometry type's ``coordinates``.
NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}

#: The Greater Bay Area, generously: used only to recognise swapped lat/lon.
GBA_LON = (108.0, 120.0)
GBA_LAT = (18.0, 30.0)

ProblemSink = Callable[[str, str], None]
"""``report(what, fix)``: how a validator hands a problem back to its caller."""

_REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326), e.g. with geopandas' to_crs(4326) or ogr2ogr"


def validate_geometry(geometry: Any, report: ProblemSink) -> BaseGeometry | None:
    """Check a GeoJSON ``geometry`` member and return it as a shapely geometry.

    Polygon rings come back oriented the RFC 7946 way (exterior counter-clockwise,
    holes clockwise), whatever their orientation in the input.

    Parameters
    ----------
    geometry : object
        The decoded ``geometry`` member of a Feature.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    shapely geometry or None
        None when any problem was reported.
    """
    if geometry is None:
        report("has no geometry (null or missing)", "give it a Polygon, MultiPolygon or LineString")
        return None
    if not isinstance(geometry, dict):
        report("geometry is not a JSON object", 'write it as {"type": ..., "coordinates": ...}')
        return None
    kind = geometry.get("type")
    if not isinstance(kind, str) or kind not in NESTING:  # a list or dict cannot even be looked up
        allowed = ", ".join(NESTING)
        report(f"geometry type {kind!r} is not supported", f"use one of {allowed}")
        return None
    positions = _positions(geometry.get("coordinates"), NESTING[kind], kind, report)
    if positions is None or not _validate_ranges(positions, report):
        return None
    if not _validate_parts(kind, geometry["coordinates"], report):
        return None
    geom = shape({"type": kind, "coordinates": _strip_altitude(geometry["coordinates"])})
    if not _validate_topology(geom, report):
        return None
    return shapely.orient_polygons(geom) if kind in ("Polygon", "MultiPolygon") else geom


def _positions(coords: Any, depth: int, kind: str, report: ProblemSink) -> list[Sequence] | None:
    """Flatten ``coords`` to its positions, or report why its structure is wrong."""
    out: list[Sequence] = []
    bad: list[str] = []

    def walk(node: Any, level: int) -> None:
        if level == depth:
            if not _is_position(node):
                bad.append(repr(node)[:60])
            else:
                out.append(node)
        elif isinstance(node, list) and node and not _is_number(node[0]):
            for child in node:
                walk(child, level + 1)
        else:
            bad.append(repr(node)[:60])

    if coords is None:
        report(f"{kind} has no coordinates", "add a coordinates member")
        return None
    walk(coords, 0)
    if bad:
        report(
            f"{kind} coordinates are not nested as the type requires "
            f"(a {kind} nests positions {depth} level(s) deep; found {bad[0]})",
            "write positions as [lon, lat] arrays nested as RFC 7946 section 3.1 shows",
        )
        return None
    nonfinite = [p for p in out if not all(math.isfinite(v) for v in p)]
    if nonfinite:
        report(
            f"coordinates hold non-finite numbers (NaN or Infinity), e.g. {list(nonfinite[0])}",
            "replace them with real coordinates",
        )
        return None
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_position(node: Any) -> bool:
    return isinstance(node, list) and len(node) in (2, 3) and all(_is_number(v) for v in node)


def _validate_ranges(positions: list[Sequence], report: ProblemSink) -> bool:
    """Recognise projected metres, swapped lat/lon and out-of-range degrees."""
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    if all(790_000 <= x <= 880_000 for x in xs) and all(790_000 <= y <= 860_000 for y in ys):
        report(
            f"coordinates look like HK1980 Grid metres (EPSG:2326), e.g. [{xs[0]}, {ys[0]}]",
            _REPROJECT,
        )
        return False
    if any(abs(x) > 180 or abs(y) > 90 for x, y in zip(xs, ys, strict=True)):
        if all(abs(x) <= 90 and abs(y) <= 180 for x, y in zip(xs, ys, strict=True)):
            report(
                f"latitude out of range: positions look like [lat, lon], e.g. [{xs[0]}, {ys[0]}]",
                "GeoJSON positions are [lon, lat]: swap the two numbers of every position",
            )
        elif max(map(abs, xs + ys)) > 1000:
            report(
                f"coordinates look like projected metres (Web Mercator or a national grid), "
                f"not degrees, e.g. [{xs[0]}, {ys[0]}]",
                _REPROJECT,
            )
        else:
            report(
                f"coordinates out of range, e.g. [{xs[0]}, {ys[0]}]",
                "longitude must lie in [-180, 180] and latitude in [-90, 90]",
            )
        return False
    if all(
        GBA_LAT[0] <= x <= GBA_LAT[1] and GBA_LON[0] <= y <= GBA_LON[1] for x, y in zip(xs, ys, strict=True)
    ):
        report(
            f"positions look like [lat, lon] (e.g. [{xs[0]}, {ys[0]}] lies in the Greater Bay Area "
            "only when read as lat, lon)",
            "GeoJSON positions are [lon, lat]: swap the two numbers of every position",
        )
        return False
    return True


def _validate_parts(kind: str, coords: Any, report: ProblemSink) -> bool:
    """Check ring closure and minimum sizes of lines and rings."""
    ok = True
    if kind == "LineString":
        parts, rings = [coords], False
    elif kind == "MultiLineString":
        parts, rings = coords, False
    elif kind == "Polygon":
        parts, rings = coords, True
    elif kind == "MultiPolygon":
        parts, rings = [ring for polygon in coords for ring in polygon], True
    else:
        return True
    for number, part in enumerate(parts):
        label = f"ring {number}" if rings else f"line {number}"
        if rings and list(part[0][:2]) != list(part[-1][:2]):
            report(
                f"{label} is not closed (its first position {part[0]} differs from its last {part[-1]})",
                "repeat the first position at the end of the ring",
            )
            ok = False
        elif rings and len(part) < 4:
            report(
                f"{label} has {len(part)} positions; a ring needs at least 4 (3 corners and the closing one)",
                "add the missing corners, or drop the ring",
            )
            ok = False
        elif not rings and len(part) < 2:
            report(f"{label} has fewer than 2 positions", "give every line at least 2 positions")
            ok = False
    return ok


def _strip_altitude(coords: Any) -> Any:
    if _is_position(coords):
        return [coords[0], coords[1]]
    return [_strip_altitude(c) for c in coords]


def _validate_topology(geom: BaseGeometry, report: ProblemSink) -> bool:
    """Report self-intersections, misplaced holes and empty areas, with where they are."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        parts = getattr(geom, "geoms", [geom])
        if any(part.exterior.convex_hull.area == 0 for part in parts):
            report("polygon has zero area (all its corners lie on one line)", "digitize a real outline")
            return False
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            report(f"invalid polygon: {_explain(reason)}", _fix_for(reason))
            return False
    return True


def _explain(reason: str) -> str:
    """Turn GEOS' ``Self-intersection[x y]`` into words with a [lon, lat] position."""
    name, _, rest = reason.partition("[")
    where = rest.rstrip("]").split()
    position = f" at [{where[0]}, {where[1]}]" if len(where) == 2 else ""
    words = {
        "Self-intersection": "its outline crosses itself",
        "Ring Self-intersection": "a ring touches or crosses itself",
        "Hole lies outside shell": "a hole lies outside its exterior ring",
        "Nested holes": "a hole lies inside another hole",
        "Interior is disconnected": "holes cut the polygon into pieces",
        "Nested shells": "one part of the MultiPolygon lies inside another",
        "Too few points": "a ring has too few distinct points",
    }
    return words.get(name.strip(), name.strip().lower()) + position


def _fix_for(reason: str) -> str:
    if reason.startswith(("Hole lies outside shell", "Nested")):
        return "move each hole inside its exterior ring (or make it a separate polygon)"
    return "move or remove vertices so no edge crosses another (shapely.make_valid can help)"
