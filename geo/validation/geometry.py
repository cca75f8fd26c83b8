"""Judging geometries by the rules of the layer format, and turning them into oriented shapely geometries.

:func:`judge_geometries` reads the members no reader built
(:func:`geo.validation.members.read_member`), judges every geometry by the masks of
:data:`geo.validation.geometry_rules.RULES` (those of positions first, on the positions
alone; a member is built into a shape only when they pass it), and words each refused
one by its rule's template. :func:`validate_geometry` is the same for one decoded member. Positions
are ``[lon, lat]`` (RFC 7946), optionally with an altitude, which is dropped; nothing
here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.validation.geometry_rules import POSITION_RULES, SHAPE_RULES
from geo.validation.members import GBA_LAT, GBA_LON, PARTS, read_member
from geo.validation.positions import Defect, is_position
from geo.validation.rule import Candidates, Failing, Rule, first_broken

__all__ = [
    "GBA_LAT",
    "GBA_LON",
    "ProblemSink",
    "carriers",
    "judge_geometries",
    "member_shape",
    "validate_geometry",
]

ProblemSink = Callable[[str, str], None]
"""``report(what, fix)``: how a validator hands a problem back to its caller."""


def judge_geometries(
    geometries: np.ndarray, members: Callable[[int], Any]
) -> tuple[list[list[Defect]], np.ndarray]:
    """Each geometry's problems in words, and the geometries that have none, oriented.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries in WGS84 degrees, or None where a reader built none (then
        the member is read).
    members : callable
        ``members(i)``: the i-th row's ``geometry`` as decoded GeoJSON, for the words.

    Returns
    -------
    problems : list of list of (what, fix)
        One list a row, empty when no rule refuses it.
    oriented : numpy.ndarray of object
        The geometries, rings oriented the RFC 7946 way (exterior counter-clockwise,
        holes clockwise); None where refused.
    """
    n = len(geometries)
    problems: list[list[Defect]] = [[] for _ in range(n)]
    shapes = np.array(geometries, dtype=object)
    broken = np.zeros(n, dtype=bool)
    read = _read_members(shapes, members, problems)
    _judge(POSITION_RULES, shapes, broken, members, problems)
    for i in read:
        if not problems[i]:
            member = members(i)
            broken[i] = bool(PARTS.defects(member["type"], member["coordinates"]))
            shapes[i] = shapes[i] if broken[i] else member_shape(member)
    _judge(SHAPE_RULES, shapes, broken, members, problems)
    shapes[[bool(found) for found in problems]] = None
    return problems, np.asarray(shapely.orient_polygons(shapes), dtype=object)


def _read_members(
    shapes: np.ndarray, members: Callable[[int], Any], problems: list[list[Defect]]
) -> list[int]:
    """Read the members of the rows without a geometry: their defects, or lines through their positions."""
    read, positions = [], []
    for i in np.flatnonzero(shapely.is_missing(shapes) | shapely.is_empty(shapes)).tolist():
        found, defect = read_member(members(i))
        shapes[i] = None
        if defect is not None:
            problems[i] = [defect]
        elif found is not None:
            read.append(i)
            positions.append(found)
    shapes[read] = carriers(positions)
    return read


def _judge(
    rules: tuple[Rule, ...],
    shapes: np.ndarray,
    broken: np.ndarray,
    members: Callable[[int], Any],
    problems: list[list[Defect]],
) -> None:
    """Judge the rows not refused yet by ``rules``; each refused row gets its first rule's words."""
    judged = np.flatnonzero(~shapely.is_missing(shapes) & ~np.array([bool(p) for p in problems], dtype=bool))
    rule_of = first_broken(rules, Candidates(shapes[judged], broken[judged]))
    for at, rule in zip(judged.tolist(), rule_of.tolist(), strict=True):
        if rule >= 0:
            problems[at] = rules[rule].words(Failing(shapes[at], members(at)))


def carriers(positions: list[list[Any]]) -> np.ndarray:
    """Each list of positions as one LineString through them (altitudes dropped), for the rules of positions.

    A line holds its positions in one coordinate sequence (a MultiPoint holds one
    geometry a position); a lone position is given twice. Its bounds are the positions'
    bounds, and its coordinates the positions in order.

    Parameters
    ----------
    positions : list of lists
        Each member's positions, as :func:`read_member` gives them (none empty).

    Returns
    -------
    numpy.ndarray of object
        One LineString a list.
    """
    if not positions:
        return np.array([], dtype=object)
    lists = [each if len(each) > 1 else each * 2 for each in positions]
    xy = np.fromiter((v for each in lists for p in each for v in (p[0], p[1])), dtype=np.float64)
    owner = np.repeat(np.arange(len(lists)), [len(each) for each in lists])
    return np.asarray(shapely.linestrings(xy.reshape(-1, 2), indices=owner), dtype=object)


def member_shape(member: Any) -> BaseGeometry:
    """A well-formed member (:func:`read_member` found no defect) as a shapely geometry, altitudes dropped.

    Parameters
    ----------
    member : dict
        The decoded geometry.

    Returns
    -------
    shapely geometry
        Of the member's type.
    """
    return shape({"type": member["type"], "coordinates": _strip_altitude(member["coordinates"])})


def _strip_altitude(coords: Any) -> Any:
    if is_position(coords):
        return [coords[0], coords[1]]
    return [_strip_altitude(c) for c in coords]


def validate_geometry(geometry: Any, report: ProblemSink) -> BaseGeometry | None:
    """Check one GeoJSON ``geometry`` member, as a one-row :func:`judge_geometries`, and return it.

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
    (problems,), (oriented,) = judge_geometries(np.array([None], dtype=object), lambda _: geometry)
    for what, fix in problems:
        report(what, fix)
    return None if problems else oriented
