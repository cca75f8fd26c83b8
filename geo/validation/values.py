"""Values JSON can hold: finite numbers, text, true/false/null, lists and objects of them.

A layer is written as strict JSON (RFC 8259 has no NaN or Infinity), so a value
that JSON cannot hold must be refused when it comes in, not when it is saved.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from geo.errors import Problem
from geo.model import Layer


def non_json(value: Any, path: str = "", *, allow_non_finite: bool = False) -> tuple[str, str] | None:
    """The first place in ``value`` that strict JSON cannot hold, and what is there; None when all is well.

    Parameters
    ----------
    value : object
        A decoded JSON value (dicts, lists, str, int, float, bool, None).
    path : str
        How to name ``value`` in the answer, e.g. ``"population"``.
    allow_non_finite : bool
        Pass NaN and Infinity (for callers that leave them to the validators, which name them better).

    Returns
    -------
    tuple of (path, what) or None
        ``path`` extended by ``[i]`` and ``.key`` down to the offending value.

    Examples
    --------
    >>> non_json({"a": [1, float("inf")]}, "p")
    ('p.a[1]', 'the non-finite number inf')
    >>> non_json({"a": {1, 2}})
    ('a', 'a set, which JSON has no type for')
    >>> non_json({"a": [1, "x", None, True, float("nan")]}, allow_non_finite=True) is None
    True
    >>> non_json({"a": {1: "one"}})
    ('a', 'the key 1, which is not text (JSON object keys are)')
    """
    if not isinstance(value, dict | list | tuple):  # json.dumps writes a tuple as a list
        return _scalar(value, path, allow_non_finite=allow_non_finite)
    odd_key = _odd_key(value)
    if odd_key is not None:
        return path, f"the key {odd_key!r}, which is not text (JSON object keys are)"
    for where, item in _places(value, path):
        found = non_json(item, where, allow_non_finite=allow_non_finite)
        if found:
            return found
    return None


def _scalar(value: Any, path: str, *, allow_non_finite: bool) -> tuple[str, str] | None:
    """:func:`non_json` for a value that is no object or array."""
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if allow_non_finite or math.isfinite(value) else (path, f"the non-finite number {value}")
    return path, f"a {type(value).__name__}, which JSON has no type for"


def _odd_key(value: Any) -> Any:
    """The first key of an object that is not text; None for an array, or when all keys are text."""
    if not isinstance(value, dict):
        return None
    return next((key for key in value if not isinstance(key, str)), None)


def _places(value: dict[str, Any] | list[Any] | tuple[Any, ...], path: str) -> Iterator[tuple[str, Any]]:
    """The members of an object or array, each with its path: ``path.key`` or ``path[i]``."""
    if isinstance(value, dict):
        return ((f"{path}.{key}" if path else str(key), item) for key, item in value.items())
    return ((f"{path}[{index}]", item) for index, item in enumerate(value))


def unsavable(layer: Layer) -> list[Problem]:
    """What in a layer a layer file cannot hold (NaN, Infinity, other objects): one problem a feature.

    Validation keeps such values out; this is the last look before a layer is written.

    Parameters
    ----------
    layer : Layer
        The layer about to be written.

    Returns
    -------
    list of Problem
        One for each feature holding such a value, and one for the claims.
    """
    fix = "make it a finite number, text, true/false or null before saving"
    problems = []
    for feature in layer:
        found = non_json(dict(feature.properties))
        if found:
            what = f"property {found[0]!r} holds {found[1]}"
            problems.append(Problem(layer.source, f"feature {feature.id!r}", what, fix))
    found = non_json(list(layer.claims_data), "claims")
    if found:
        problems.append(Problem(layer.source, found[0], f"holds {found[1]}", fix))
    return problems
