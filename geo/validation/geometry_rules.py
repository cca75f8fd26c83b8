"""The geometry rules of the layer format, in the order they are checked: masks and message templates.

Each :class:`~geo.validation.rule.Rule` judges all the rows at once; a row is refused
for the first rule it breaks (:func:`~geo.validation.rule.first_broken`). The values a
template needs — where the first bad position is and what it holds, which ring
crosses the antimeridian, GEOS's reason and place for an invalid polygon — are found
for the refused rows only. What keeps a ``geometry`` member from being a geometry at all
(its type, its nesting, its numbers) is found while it is read
(:func:`geo.validation.members.read_member`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from geo.validation.geometry_screen import ALLOWED_TYPE_IDS
from geo.validation.json_words import show
from geo.validation.members import PARTS, nonfinite_defect, position_at, quote
from geo.validation.positions import NESTING
from geo.validation.rule import Candidates, Failing, Rule, Values

_REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326), e.g. with geopandas' to_crs(4326) or ogr2ogr"
_SWAP = "GeoJSON positions are [lon, lat]: swap the two numbers of every position"

_LINES = (1, 5)
_AREAL = (3, 6)


def _box(c: Candidates, xs: tuple[float, float], ys: tuple[float, float]) -> np.ndarray:
    """True where every position lies in ``xs`` × ``ys`` (judged from the bounds)."""
    west, south, east, north = c.bounds.T
    with np.errstate(invalid="ignore"):
        return np.asarray((xs[0] <= west) & (east <= xs[1]) & (ys[0] <= south) & (north <= ys[1]))


def _out_of_range(c: Candidates) -> np.ndarray:
    return np.asarray(~_box(c, (-180, 180), (-90, 90)) & ~np.isnan(c.bounds).any(axis=1))


def _nonfinite(c: Candidates) -> np.ndarray:
    """A coordinate (altitudes too) that is NaN or infinite."""
    found = np.zeros(len(c.geometries), dtype=bool)
    for z in (False, True):
        rows = np.flatnonzero(shapely.has_z(c.geometries) == z)
        xyz, owner = shapely.get_coordinates(c.geometries[rows], include_z=z, return_index=True)
        found[rows[np.unique(owner[~np.isfinite(xyz).all(axis=1)])]] = True
    return found


def _zero_length_lines(c: Candidates) -> np.ndarray:
    """A line of the reader's broken parts, or one whose positions are all one."""
    lines = np.flatnonzero(c.of_types(_LINES))
    parts, owner = shapely.get_parts(c.geometries[lines], return_index=True)
    found = c.parts.copy()
    found[lines[np.unique(owner[shapely.length(parts) == 0])]] = True
    return found


def _lines_and_rings(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every line, and every ring of every polygon, with the index of the geometry it belongs to."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    areal = np.isin(shapely.get_type_id(parts), _AREAL)
    rings, ring_owner = shapely.get_rings(parts[areal], return_index=True)
    return np.concatenate([parts[~areal], rings]), np.concatenate([owner[~areal], owner[areal][ring_owner]])


def _crosses(c: Candidates) -> np.ndarray:
    """A line or ring with an edge spanning more than 180° of longitude (only one wider than 180° can)."""
    found = np.zeros(len(c.geometries), dtype=bool)
    west, _, east, _ = c.bounds.T
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero(c.of_types((*_LINES, *_AREAL)) & (east - west > 180))
    lines, owner = _lines_and_rings(c.geometries[rows])
    xy, line = shapely.get_coordinates(lines, return_index=True)
    wide = (np.abs(np.diff(xy[:, 0])) > 180) & (line[1:] == line[:-1])
    found[rows[np.unique(owner[line[1:][wide]])]] = True
    return found


def _zero_area(c: Candidates) -> np.ndarray:
    """A polygon with an exterior whose corners all lie on one line."""
    rows = np.flatnonzero(c.of_types(_AREAL))
    parts, owner = shapely.get_parts(c.geometries[rows], return_index=True)
    flat = shapely.area(shapely.convex_hull(shapely.get_exterior_ring(parts))) == 0
    found = np.zeros(len(c.geometries), dtype=bool)
    found[rows[np.unique(owner[flat])]] = True
    return found


def _invalid(c: Candidates) -> np.ndarray:
    found = np.zeros(len(c.geometries), dtype=bool)
    rows = np.flatnonzero(c.of_types(_AREAL))
    found[rows] = ~shapely.is_valid(c.geometries[rows])
    return found


def _kind(row: Failing) -> list[Values]:
    return [{"kind": row.geometry.geom_type}]


def _nonfinite_words(row: Failing) -> list[Values]:
    where, kind_of, position = nonfinite_defect(row.member)
    return [{"where": where, "kind_of": kind_of, "position": position}]


def _first_position(row: Failing) -> list[Values]:
    return [{"quote": quote(row.member, 0)}]


def _first_bad(row: Failing) -> tuple[int, Any, Any]:
    """The first position outside [-180, 180] × [-90, 90]: its index, longitude and latitude (as decoded)."""
    xy = shapely.get_coordinates(row.geometry)
    index = int(np.flatnonzero((np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90))[0])
    _, position = position_at(row.member, index)
    return index, position[0], position[1]


def _bad_position(row: Failing) -> list[Values]:
    return [{"quote": quote(row.member, _first_bad(row)[0])}]


def _bad_number(row: Failing) -> list[Values]:
    index, x, y = _first_bad(row)
    which = f"longitude {x}, outside [-180, 180]" if abs(x) > 180 else f"latitude {y}, outside [-90, 90]"
    return [{"quote": quote(row.member, index), "which": which}]


def _broken_parts(row: Failing) -> list[Values]:
    """Each broken line or ring, in order, with the words of its first defect."""
    kind, coords = row.member["type"], row.member["coordinates"]
    return [{"what": what, "fix": fix} for what, fix in PARTS.defects(kind, coords)]


def _first_crossing(row: Failing) -> list[Values]:
    """The first line or ring with an edge over 180° of longitude, and the edge's two positions."""
    kind = row.geometry.geom_type
    lines, _ = _lines_and_rings(np.array([row.geometry], dtype=object))
    names = PARTS.names(kind, row.member["coordinates"])
    for name, line in zip(names, lines.tolist(), strict=True):
        xy = shapely.get_coordinates(line)
        wide = np.flatnonzero(np.abs(np.diff(xy[:, 0])) > 180)
        if len(wide):
            i = int(wide[0])
            split = "MultiPolygon" if kind in ("Polygon", "MultiPolygon") else "MultiLineString"
            a, b = show(xy[i].tolist()), show(xy[i + 1].tolist())
            return [{"name": name, "i": i, "a": a, "j": i + 1, "b": b, "split": split}]
    return []


#: GEOS's reasons for an invalid polygon, in words.
REASONS = {
    "Self-intersection": "its outline crosses itself",
    "Ring Self-intersection": "a ring touches or crosses itself",
    "Hole lies outside shell": "a hole lies outside its exterior ring",
    "Nested holes": "a hole lies inside another hole",
    "Interior is disconnected": "holes cut the polygon into pieces",
    "Nested shells": "one part of the MultiPolygon lies inside another",
    "Too few points": "a ring has too few distinct points",
}


def _invalidity(row: Failing) -> list[Values]:
    """GEOS's reason, in words with the [lon, lat] position it gives, and the fix for it."""
    reason = shapely.is_valid_reason(row.geometry)
    name, _, rest = reason.partition("[")
    where = rest.rstrip("]").split()
    position = f" at [{where[0]}, {where[1]}]" if len(where) == 2 else ""
    explanation = REASONS.get(name.strip(), name.strip().lower()) + position
    if reason.startswith(("Hole lies outside shell", "Nested")):
        fix = "move each hole inside its exterior ring (or make it a separate polygon)"
    else:
        fix = "move or remove vertices so no edge crosses another (shapely.make_valid can help)"
    return [{"explanation": explanation, "fix": fix}]


#: The rules of positions, in the order they are checked: judged before lines, rings and shapes are.
POSITION_RULES = (
    Rule(
        "type",
        lambda c: ~c.of_types(ALLOWED_TYPE_IDS.tolist()),
        "geometry type {kind!r} is not supported",
        f"use one of {', '.join(NESTING)}",
        _kind,
    ),
    Rule(
        "finite",
        _nonfinite,
        "{where} holds {kind_of} (NaN, Infinity or beyond ±1.8e308): {position}",
        "replace it with a real coordinate",
        _nonfinite_words,
    ),
    Rule(
        "hk1980",
        lambda c: _box(c, (790_000, 880_000), (790_000, 860_000)),
        "coordinates look like HK1980 Grid metres (EPSG:2326), e.g. {quote}",
        _REPROJECT,
        _first_position,
    ),
    Rule(
        "lat_lon_out_of_range",
        lambda c: _out_of_range(c) & _box(c, (-90, 90), (-180, 180)),
        "latitude out of range: positions look like [lat, lon], e.g. {quote}",
        _SWAP,
        _bad_position,
    ),
    Rule(
        "metres",
        lambda c: _out_of_range(c) & (np.nan_to_num(np.abs(c.bounds)).max(axis=1, initial=0) > 1000),
        "coordinates look like projected metres (Web Mercator or a national grid), not degrees, e.g. {quote}",
        _REPROJECT,
        _bad_position,
    ),
    Rule(
        "range",
        _out_of_range,
        "coordinates out of range: {quote} has {which}",
        "longitude must lie in [-180, 180] and latitude in [-90, 90]",
        _bad_number,
    ),
)

#: The rules of lines, rings and shapes, in the order they are checked, after :data:`POSITION_RULES`.
SHAPE_RULES = (
    Rule("parts", _zero_length_lines, "{what}", "{fix}", _broken_parts),
    Rule(
        "antimeridian",
        _crosses,
        "{name} crosses the antimeridian (180° longitude) between position {i} {a} and position {j} {b}, "
        "so it would be measured as one shape and drawn as another",
        "split it at 180° into a {split}, one part on each side (RFC 7946 section 3.1.9)",
        _first_crossing,
    ),
    Rule(
        "area",
        _zero_area,
        "polygon has zero area (all its corners lie on one line)",
        "digitize a real outline",
    ),
    Rule("valid", _invalid, "invalid polygon: {explanation}", "{fix}", _invalidity),
)


def geometry_words(rule: int, row: Failing) -> list[tuple[str, str]]:
    """The messages of :data:`RULES` [``rule``] for a row it refused.

    Parameters
    ----------
    rule : int
        The index of the rule in :data:`RULES`.
    row : Failing
        The refused row.

    Returns
    -------
    list of (str, str)
        ``(what, fix)`` each.
    """
    return RULES[rule].words(row)


#: All the rules, in the order they are checked; a geometry is refused for the first it breaks.
RULES = POSITION_RULES + SHAPE_RULES
