"""The ``coordinates`` of a GeoJSON geometry: nesting, positions, and where each position is.

Each defect is reported with the place it is at (``position 3 of ring 0``), what is
there, and what belongs there, so a user finds it without counting brackets.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from geo.validation.json_words import describe, is_finite, is_number, show

#: What each level of a geometry type's ``coordinates`` holds, outermost first.
LEVELS: dict[str, tuple[str, ...]] = {
    "Point": (),
    "MultiPoint": ("position",),
    "LineString": ("position",),
    "MultiLineString": ("line", "position"),
    "Polygon": ("ring", "position"),
    "MultiPolygon": ("polygon", "ring", "position"),
}

#: How deeply positions are nested in each geometry type's ``coordinates``.
NESTING = {kind: len(levels) for kind, levels in LEVELS.items()}

Indices = tuple[int, ...]
Defect = tuple[str, str]
"""``(what, fix)``."""

_POSITION = "[lon, lat]"
_POSITION_FIX = (
    "write each position as [lon, lat] or [lon, lat, altitude], numbers only (RFC 7946 section 3.1.1)"
)


def label(kind: str, path: Indices) -> str:
    """Where in a geometry's coordinates ``path`` points: ``position 3 of ring 0 of polygon 1``.

    Parameters
    ----------
    kind : str
        The geometry type.
    path : tuple of int
        Indices into its coordinates, outermost first.

    Returns
    -------
    str
        The place in words.

    Examples
    --------
    >>> label("MultiPolygon", (1, 0, 3))
    'position 3 of ring 0 of polygon 1'
    >>> label("Polygon", ())
    'its coordinates array'
    """
    if kind == "Point":
        return "the Point's position"
    if not path:
        return "its coordinates array"
    names = LEVELS[kind]
    return " of ".join(f"{names[level]} {index}" for level, index in reversed(list(enumerate(path))))


def is_position(node: Any) -> bool:
    """2 or 3 numbers in a list (finiteness aside).

    Parameters
    ----------
    node : object
        What lies where a position belongs.

    Returns
    -------
    bool
        Whether it is a list of 2 or 3 numbers.
    """
    if not isinstance(node, list) or len(node) not in (2, 3):
        return False
    for value in node:  # a loop, not all(): this runs for every position of every layer
        kind = type(value)
        if kind is not float and kind is not int and not is_number(value):
            return False
    return True


def read_positions(coords: Any, kind: str) -> tuple[list[Sequence[float]], Defect | None]:
    """Every position of ``coords`` in order, or the first defect of the nesting or of a position.

    Parameters
    ----------
    coords : object
        The decoded ``coordinates`` member.
    kind : str
        The geometry type, which says how deeply positions are nested.

    Returns
    -------
    positions : list of sequences of float
        The positions found, in order (all of them when there is no defect).
    defect : (what, fix) or None
        The first defect, in words.
    """
    out: list[Sequence[float]] = []
    defect = _walk(coords, (), kind, NESTING[kind], out)
    if defect is None:
        defect = _nonfinite(coords, kind, out)
    return out, defect


def positions_with_paths(coords: Any, kind: str) -> Iterator[tuple[Indices, Sequence[float]]]:
    """The positions of well-nested ``coords`` with their paths, in order.

    Parameters
    ----------
    coords : object
        Coordinates :func:`read_positions` found no defect in.
    kind : str
        The geometry type.

    Yields
    ------
    (path, position)
        Each position with its indices, outermost first.
    """
    depth = NESTING[kind]
    stack: list[tuple[Indices, Any]] = [((), coords)]
    while stack:
        path, node = stack.pop()
        if len(path) == depth:
            yield path, node
        else:
            stack.extend(((*path, i), node[i]) for i in range(len(node) - 1, -1, -1))


def _walk(node: Any, path: Indices, kind: str, depth: int, out: list[Sequence[float]]) -> Defect | None:
    if len(path) == depth:
        defect = position_defect(node, kind, path)
        if defect is None:
            out.append(node)
        return defect
    defect = _container_defect(node, kind, path)
    if defect is not None:
        return defect
    if len(path) == depth - 1:  # the common case, kept fast: an array of good positions
        for index, child in enumerate(node):
            if is_position(child):
                out.append(child)
            else:
                return position_defect(child, kind, (*path, index))
        return None
    for index, child in enumerate(node):
        defect = _walk(child, (*path, index), kind, depth, out)
        if defect is not None:
            return defect
    return None


def _nesting_fix(kind: str) -> str:
    return (
        f"nest the coordinates as RFC 7946 section 3.1 shows: a {kind} nests positions "
        f"{NESTING[kind]} level(s) deep"
    )


def _container_defect(node: Any, kind: str, path: Indices) -> Defect | None:
    """Why ``node``, which should be an array of parts or positions, is not one."""
    child = LEVELS[kind][len(path)]
    where = label(kind, path)
    if isinstance(node, list) and not node:
        return f"{where} is empty ([]), where an array of {child}s belongs", f"give it {child}s, or remove it"
    if isinstance(node, list) and all(is_number(v) for v in node):
        found = "a single position" if len(node) in (2, 3) else "an array of numbers"
        what = f"{where} is {found} {show(node)}, where an array of {child}s belongs"
    elif isinstance(node, list):
        return None
    else:
        what = f"{where} is {describe(node)}, where an array of {child}s belongs"
    return f"{kind} coordinates are not nested as the type requires: {what}", _nesting_fix(kind)


def position_defect(node: Any, kind: str, path: Indices) -> Defect | None:
    """Why ``node`` is not a position, or None when it is one (finiteness aside).

    Parameters
    ----------
    node : object
        What lies where a position belongs.
    kind : str
        The geometry type (``"Polygon"``, ...).
    path : tuple of int
        Where it lies in the coordinates, outermost index first.

    Returns
    -------
    (what, fix) or None
        The defect in words.
    """
    where = label(kind, path)
    if not isinstance(node, list):
        return _not_an_array(node, kind, where)
    if node and all(isinstance(v, list) for v in node):
        what = (
            f"{kind} coordinates are not nested as the type requires: {where} is an array of arrays "
            f"{show(node)}, where one position {_POSITION} belongs"
        )
        return what, _nesting_fix(kind)
    return _array_defect(node, where)


def _array_defect(node: list[Any], where: str) -> Defect | None:
    """Why an array is not a position: it holds what is no number, or too few or too many numbers."""
    bad = next((v for v in node if not is_number(v)), None)
    if bad is not None or any(v is None for v in node):
        return f"{where} holds {describe(bad)}, not a number: {show(node)}", _POSITION_FIX
    if len(node) not in (2, 3):
        count = f"{len(node)} number{'' if len(node) == 1 else 's'}"
        what = f"{where} has {count} {show(node)}; a position needs 2 or 3 numbers (lon, lat[, altitude])"
        return what, _POSITION_FIX
    return None


def _not_an_array(node: Any, kind: str, where: str) -> Defect:
    """The words for null, a number or another value where an array [lon, lat] belongs."""
    if node is None:
        return f"{where} is null, not a position {_POSITION}", f"give it a position {_POSITION}, or remove it"
    if is_number(node):
        what = f"{where} is a single number {show(node)}, not an array {_POSITION}"
        return what, _nesting_fix(kind) if kind != "Point" else _POSITION_FIX
    return f"{where} is {describe(node)}, not an array {_POSITION}", _POSITION_FIX


def _all_finite(positions: list[Sequence[float]]) -> bool:
    """True when every number of every position is finite (checked by numpy when the positions allow)."""
    try:
        flat = np.fromiter((v for p in positions for v in p), dtype=float)
    except (OverflowError, TypeError, ValueError):
        return False
    return bool(np.isfinite(flat).all())


def _nonfinite(coords: Any, kind: str, positions: list[Sequence[float]]) -> Defect | None:
    if _all_finite(positions):
        return None
    path, position = next(pp for pp in positions_with_paths(coords, kind) if not all(map(is_finite, pp[1])))
    value = next(v for v in position if not is_finite(v))
    kind_of = "a number too large for a coordinate" if isinstance(value, int) else "a non-finite number"
    what = f"{label(kind, path)} holds {kind_of} (NaN, Infinity or beyond ±1.8e308): {show(position)}"
    return what, "replace it with a real coordinate"
