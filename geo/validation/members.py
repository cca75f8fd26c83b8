"""A Feature's decoded ``geometry`` member: read into a geometry for the rules, or what keeps it from one.

A reader builds most geometries as arrays; a member it did not build (a type it does
not read as arrays, or one it found suspect) is read here, one at a time
(:func:`read_member`). What keeps a member from being a geometry at all — not an
object, a type the layer format has no place for, coordinates nested wrong, a number
that is not finite — is said here, with where it is. A member whose lines or rings
are too short or not closed is judged by the rules of positions as a line through
its positions (:func:`geo.validation.geometry.carriers`), then :data:`PARTS` words each
broken part.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from geo.validation.json_words import is_finite, show
from geo.validation.positions import NESTING, Defect, label, positions_with_paths, read_positions

#: The Greater Bay Area, generously: used only to recognise swapped lat/lon.
GBA_LON = (108.0, 120.0)
GBA_LAT = (18.0, 30.0)


def member_defect(geometry: Any) -> Defect | None:
    """What keeps ``geometry`` from being a geometry object of a known type with coordinates, and the fix.

    Parameters
    ----------
    geometry : object
        A Feature's decoded ``geometry`` member.

    Returns
    -------
    (what, fix) or None
        None when it is an object of a supported type with coordinates.

    Examples
    --------
    >>> member_defect(None)[0], member_defect({"type": "Polygon", "coordinates": []})
    ('has no geometry (null or missing)', None)
    """
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


def read_member(member: Any) -> tuple[list[Any] | None, Defect | None]:
    """A decoded ``geometry`` member's positions for the rules, or what keeps it from being a geometry.

    Parameters
    ----------
    member : object
        A Feature's decoded ``geometry`` member.

    Returns
    -------
    positions : list or None
        Its positions in order (each ``[lon, lat]`` or ``[lon, lat, altitude]``); None
        when there is a defect.
    defect : (what, fix) or None
        What keeps the member from being a geometry.
    """
    defect = member_defect(member)
    if defect is not None:
        return None, defect
    positions, defect = read_positions(member["coordinates"], member["type"])
    return (None, defect) if defect is not None else (positions, None)


def position_at(member: Any, index: int) -> tuple[tuple[int, ...], Any]:
    """The index-th position of a well-formed member: its path and what it holds.

    Parameters
    ----------
    member : dict
        A well-formed decoded geometry.
    index : int
        The position's place among all of its positions, from 0.

    Returns
    -------
    (path, position)
        Indices into the coordinates, outermost first, and the position as decoded.
    """
    kind, coords = member["type"], member["coordinates"]
    return next(itertools.islice(positions_with_paths(coords, kind), index, None))


def quote(member: Any, index: int) -> str:
    """``position 3 of ring 0 [200.0, 22.5]``: the index-th position, where it is and what it holds.

    Parameters
    ----------
    member : dict
        A well-formed decoded geometry.
    index : int
        The position's place among all of its positions, from 0.

    Returns
    -------
    str
        The place in words and the position as JSON.
    """
    path, position = position_at(member, index)
    return f"{label(member['type'], path)} {show(position)}"


def nonfinite_defect(member: Any) -> tuple[str, str, str]:
    """The first position holding a number that is not finite: where, which kind of number, and the position.

    Parameters
    ----------
    member : dict
        A decoded geometry with such a position.

    Returns
    -------
    (where, kind_of, position) : tuple of str
        E.g. ``("position 1 of ring 0", "a non-finite number", "[NaN, 22.5]")``.
    """
    kind, coords = member["type"], member["coordinates"]
    path, position = next(pp for pp in positions_with_paths(coords, kind) if not all(map(is_finite, pp[1])))
    value = next(v for v in position if not is_finite(v))
    kind_of = "a number too large for a coordinate" if isinstance(value, int) else "a non-finite number"
    return label(kind, path), kind_of, show(position)


@dataclass(frozen=True)
class PartRule:
    """A rule of one line or ring: which is broken, and the template of its words.

    Attributes
    ----------
    rings : bool
        True for a rule of polygon rings, False for one of lines.
    broken : callable
        ``broken(part)``: True when the decoded part breaks the rule.
    what, fix : str
        The templates, formatted with ``name`` (``ring 0``), ``count`` (its positions),
        ``first``, ``last`` (its first and last positions) and ``position`` (its first, as JSON).
    """

    rings: bool
    broken: Callable[[list[Any]], bool]
    what: str
    fix: str


class PartRules:
    """The rules of lines and rings, each part refused for the first it breaks.

    Parameters
    ----------
    rules : tuple of PartRule
        In the order they are checked.
    """

    def __init__(self, rules: tuple[PartRule, ...]) -> None:
        self.rules = rules

    def names(self, kind: str, coords: Any) -> list[str]:
        """How messages name the lines or rings of ``coords``, in order: ``ring 0 of polygon 1``, ``line 2``.

        Parameters
        ----------
        kind : str
            The geometry type.
        coords : list
            Its well-nested coordinates.

        Returns
        -------
        list of str
            One name a line or ring; none for points.
        """
        return [name for name, _ in _parts(kind, coords)]

    def defects(self, kind: str, coords: Any) -> list[Defect]:
        """``(what, fix)`` for each broken line or ring of ``coords``, in order.

        Parameters
        ----------
        kind : str
            The geometry type.
        coords : list
            Its well-nested coordinates.

        Returns
        -------
        list of (str, str)
            Empty when no line or ring is broken.
        """
        rings = kind in ("Polygon", "MultiPolygon")
        found = []
        for name, part in _parts(kind, coords):
            rule = next((r for r in self.rules if r.rings == rings and r.broken(part)), None)
            if rule is not None:
                values = {"name": name, "count": len(part), "first": part[0], "last": part[-1]}
                values["position"] = show(part[0][:2])
                found.append((rule.what.format(**values), rule.fix.format(**values)))
        return found


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


#: The rules of lines and rings, in the order they are checked.
PARTS = PartRules(
    (
        PartRule(
            True,
            lambda part: list(part[0][:2]) != list(part[-1][:2]),
            "{name} is not closed (its first position {first} differs from its last {last})",
            "repeat the first position at the end of the ring",
        ),
        PartRule(
            True,
            lambda part: len(part) < 4,
            "{name} has {count} positions; a ring needs at least 4 (3 corners and the closing one)",
            "add the missing corners, or drop the ring",
        ),
        PartRule(
            False,
            lambda part: len(part) < 2,
            "{name} has fewer than 2 positions",
            "give every line at least 2 positions",
        ),
        PartRule(
            False,
            lambda part: all(p[:2] == part[0][:2] for p in part),
            "{name} has fewer than 2 distinct positions (all {count} are {position}), so it has no length",
            "give every line at least 2 different positions, or remove it",
        ),
    )
)
