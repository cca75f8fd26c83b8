"""Validating a GeoJSON geometry member and turning it into a shapely geometry.

Every validator reports what is wrong and how to fix it; nothing here raises on bad
input. Positions are ``[lon, lat]`` (RFC 7946), optionally with an altitude,
which is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.validation.json_words import show
from geo.validation.positions import NESTING, is_position, label, positions_with_paths, read_positions

#: The Greater Bay Area, generously: used only to recognise swapped lat/lon.
GBA_LON = (108.0, 120.0)
GBA_LAT = (18.0, 30.0)

ProblemSink = Callable[[str, str], None]
"""``report(what, fix)``: how a validator hands a problem back to its caller."""

_REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326), e.g. with geopandas' to_crs(4326) or ogr2ogr"
_SWAP = "GeoJSON positions are [lon, lat]: swap the two numbers of every position"


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
    defect = _member_defect(geometry)
    if defect is not None:
        report(*defect)
        return None
    kind, coords = geometry["type"], geometry["coordinates"]
    positions, defect = read_positions(coords, kind)
    if defect is not None:
        report(*defect)
        return None
    if not _validate_ranges(kind, coords, positions, report) or not _validate_parts(kind, coords, report):
        return None
    geom = shape({"type": kind, "coordinates": _strip_altitude(coords)})
    if not _validate_antimeridian(kind, geom, report) or not _validate_topology(geom, report):
        return None
    return shapely.orient_polygons(geom) if kind in ("Polygon", "MultiPolygon") else geom


def _member_defect(geometry: Any) -> tuple[str, str] | None:
    """What keeps ``geometry`` from being a geometry object of a known type with coordinates, and the fix."""
    if geometry is None:
        return "has no geometry (null or missing)", "give it a Polygon, MultiPolygon or LineString"
    if not isinstance(geometry, dict):
        return "geometry is not a JSON object", 'write it as {"type": ..., "coordinates": ...}'
    kind = geometry.get("type")
    if not isinstance(kind, str) or kind not in NESTING:  # a list or dict cannot even be looked up
        return f"geometry type {kind!r} is not supported", f"use one of {', '.join(NESTING)}"
    if geometry.get("coordinates") is None:
        return f"{kind} has no coordinates", "add a coordinates member"
    return None


def _validate_ranges(kind: str, coords: Any, positions: list[Sequence[Any]], report: ProblemSink) -> bool:
    """Recognise projected metres, swapped lat/lon and out-of-range degrees; quote the first bad position."""
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    defect = _range_defect(kind, coords, xs, ys)
    if defect is not None:
        report(*defect)
    return defect is None


def _range_defect(kind: str, coords: Any, xs: list[Any], ys: list[Any]) -> tuple[str, str] | None:
    """What is wrong with the positions' ranges, and the fix; None when they are lon/lat degrees."""
    if _hk_grid(xs, ys):
        what = f"coordinates look like HK1980 Grid metres (EPSG:2326), e.g. {_quote(kind, coords, 0)}"
        return what, _REPROJECT
    bad = next((i for i, (x, y) in enumerate(zip(xs, ys, strict=True)) if abs(x) > 180 or abs(y) > 90), None)
    if bad is not None:
        return _out_of_range(_quote(kind, coords, bad), xs, ys, bad)
    if _swapped_into_gba(xs, ys):
        what = (
            f"positions look like [lat, lon] ({_quote(kind, coords, 0)} lies in the Greater Bay Area "
            "only when read as lat, lon)"
        )
        return what, _SWAP
    return None


def _hk_grid(xs: list[Any], ys: list[Any]) -> bool:
    """Every position lies where HK1980 Grid metres of Hong Kong lie."""
    return all(790_000 <= x <= 880_000 for x in xs) and all(790_000 <= y <= 860_000 for y in ys)


def _swapped_into_gba(xs: list[Any], ys: list[Any]) -> bool:
    """Every position lies in the Greater Bay Area only when read as [lat, lon]."""
    return all(
        GBA_LAT[0] <= x <= GBA_LAT[1] and GBA_LON[0] <= y <= GBA_LON[1] for x, y in zip(xs, ys, strict=True)
    )


def _out_of_range(quoted: str, xs: list[Any], ys: list[Any], bad: int) -> tuple[str, str]:
    """The words for a position outside [-180, 180] × [-90, 90]: swapped, metres, or just out of range."""
    if all(abs(x) <= 90 and abs(y) <= 180 for x, y in zip(xs, ys, strict=True)):
        return f"latitude out of range: positions look like [lat, lon], e.g. {quoted}", _SWAP
    if max(map(abs, xs + ys)) > 1000:
        what = (
            "coordinates look like projected metres (Web Mercator or a national grid), "
            f"not degrees, e.g. {quoted}"
        )
        return what, _REPROJECT
    x, y = xs[bad], ys[bad]
    which = f"longitude {x}, outside [-180, 180]" if abs(x) > 180 else f"latitude {y}, outside [-90, 90]"
    return (
        f"coordinates out of range: {quoted} has {which}",
        "longitude must lie in [-180, 180] and latitude in [-90, 90]",
    )


def _quote(kind: str, coords: Any, index: int) -> str:
    """``position 3 of ring 0 [200.0, 22.5]``: the index-th position, where it is and what it holds."""
    path, position = next(itertools.islice(positions_with_paths(coords, kind), index, None))
    return f"{label(kind, path)} {show(position)}"


def _parts(kind: str, coords: Any) -> list[tuple[str, Any]]:
    """The lines or rings of ``coords`` with their labels."""
    if kind == "LineString":
        return [("line 0", coords)]
    if kind == "MultiLineString":
        return [(f"line {i}", line) for i, line in enumerate(coords)]
    if kind == "Polygon":
        return [(f"ring {i}", ring) for i, ring in enumerate(coords)]
    if kind == "MultiPolygon":
        return [
            (label(kind, (p, r)), ring) for p, polygon in enumerate(coords) for r, ring in enumerate(polygon)
        ]
    return []


def _validate_parts(kind: str, coords: Any, report: ProblemSink) -> bool:
    """Check ring closure and minimum sizes of lines and rings: a line needs 2 distinct positions."""
    rings = kind in ("Polygon", "MultiPolygon")
    defects = [_part_defect(name, part, rings=rings) for name, part in _parts(kind, coords)]
    for defect in defects:
        if defect is not None:
            report(*defect)
    return all(defect is None for defect in defects)


def _part_defect(name: str, part: Any, *, rings: bool) -> tuple[str, str] | None:
    """What is wrong with one ring (``rings``) or line, and the fix; None when nothing is."""
    if rings and list(part[0][:2]) != list(part[-1][:2]):
        return (
            f"{name} is not closed (its first position {part[0]} differs from its last {part[-1]})",
            "repeat the first position at the end of the ring",
        )
    if rings and len(part) < 4:
        return (
            f"{name} has {len(part)} positions; a ring needs at least 4 (3 corners and the closing one)",
            "add the missing corners, or drop the ring",
        )
    if not rings and len(part) < 2:
        return f"{name} has fewer than 2 positions", "give every line at least 2 positions"
    if not rings and all(p[:2] == part[0][:2] for p in part):
        return (
            f"{name} has fewer than 2 distinct positions (all {len(part)} are {show(part[0][:2])}), "
            "so it has no length",
            "give every line at least 2 different positions, or remove it",
        )
    return None


def _validate_antimeridian(kind: str, geom: BaseGeometry, report: ProblemSink) -> bool:
    """Refuse lines and rings with an edge spanning more than 180° of longitude (RFC 7946 section 3.1.9).

    Such an edge goes the long way round for the map, the validity test and the claims,
    but the short way across the antimeridian for whoever wrote it and for the geodesic area.
    """
    for name, line in _lines(kind, geom):
        xy = shapely.get_coordinates(line)
        wide = np.flatnonzero(np.abs(np.diff(xy[:, 0])) > 180)
        if len(wide):
            i = int(wide[0])
            split = "MultiPolygon" if kind in ("Polygon", "MultiPolygon") else "MultiLineString"
            report(
                f"{name} crosses the antimeridian (180° longitude) between position {i} "
                f"{show(xy[i].tolist())} and position {i + 1} {show(xy[i + 1].tolist())}, "
                "so it would be measured as one shape and drawn as another",
                f"split it at 180° into a {split}, one part on each side (RFC 7946 section 3.1.9)",
            )
            return False
    return True


def _lines(kind: str, geom: BaseGeometry) -> list[tuple[str, BaseGeometry]]:
    """The lines or rings of a shapely geometry, labelled as :func:`_parts` labels them."""
    if kind == "LineString":
        return [("line 0", geom)]
    if kind == "MultiLineString":
        return [(f"line {i}", line) for i, line in enumerate(geom.geoms)]
    if kind not in ("Polygon", "MultiPolygon"):
        return []
    polygons = [geom] if kind == "Polygon" else list(geom.geoms)
    return [
        (f"ring {r}" if kind == "Polygon" else label(kind, (p, r)), ring)
        for p, polygon in enumerate(polygons)
        for r, ring in enumerate([polygon.exterior, *polygon.interiors])
    ]


def _strip_altitude(coords: Any) -> Any:
    if is_position(coords):
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
