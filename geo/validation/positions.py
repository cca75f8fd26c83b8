"""The ``coordinates`` of a GeoJSON geometry: nesting, positions, and where each position is.

Each defect is reported with the place it is at (``position 3 of ring 0``), what is
there, and what belongs there, so a user finds it without counting brackets.
"""

from __future__ import annotations

import json
import math
import reprlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

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


def show(value: Any, limit: int = 60) -> str:
    """A value as JSON-like text, cut to ``limit`` characters."""
    try:
        text = json.dumps(value, ensure_ascii=True, default=repr)
    except (ValueError, TypeError, RecursionError):  # data from Python may hold itself, or nest deeply
        text = reprlib.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_number(value: Any) -> bool:
    """A JSON number: int or float, not bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite(value: Any) -> bool:
    """A number a float can hold and that is not NaN or infinite."""
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond the float range
        return False


def is_position(node: Any) -> bool:
    """2 or 3 numbers in a list (finiteness aside)."""
    if not isinstance(node, list) or len(node) not in (2, 3):
        return False
    for value in node:  # a loop, not all(): this runs for every position of every layer
        kind = type(value)
        if kind is not float and kind is not int and not is_number(value):
            return False
    return True


def read_positions(coords: Any, kind: str) -> tuple[list[Sequence[float]], Defect | None]:
    """Every position of ``coords`` in order, or the first defect of the nesting or of a position."""
    out: list[Sequence[float]] = []
    defect = _walk(coords, (), kind, NESTING[kind], out)
    if defect is None:
        defect = _nonfinite(coords, kind, out)
    return out, defect


def positions_with_paths(coords: Any, kind: str) -> Iterator[tuple[Indices, Sequence[float]]]:
    """The positions of well-nested ``coords`` with their paths, in order."""
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


def describe(value: Any) -> str:
    """What a JSON value is, in words: ``a string '39.3'``, ``null``, ``an object``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"a string {show(value, 40)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"an array {show(value, 40)}"
    return f"the number {show(value, 40)}"


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
