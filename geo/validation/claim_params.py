"""Validating a claim's parameters: numbers in range, feature ids that exist, of the geometry the test needs.

Each test declares its parameters in :mod:`geo.claim_tests`;
:func:`geo.validation.claims.validate_claim` hands each one given to
:func:`validate_param`. Each validator calls ``report(what, fix)`` once per problem.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from typing import Any

from geo.claim_tests import FEATURE_KINDS, GEOMETRY_KINDS, MAX_DISTANCE_M, ClaimTest, Param
from geo.validation.geometry import ProblemSink
from geo.validation.stated_rules import validate_stated

#: The features claims may name: their ids, or a mapping of id to its geometry type (or to the
#: feature or geometry itself), which also lets the geometry each test needs be checked.
KnownFeatures = Mapping[str, Any] | Collection[str]

_GEOMETRY_WORDS = {"area": "an area", "line": "a line"}
_GEOMETRY_FIXES = {
    "area": "name a polygon feature",
    "line": "name a line feature, such as a river or a border",
}


def validate_param(
    test: ClaimTest, key: str, value: Any, report: ProblemSink, feature_ids: KnownFeatures | None
) -> None:
    """Check one parameter of a claim as its kind wants it (a number, stated figures, feature ids).

    Parameters
    ----------
    test : ClaimTest
        The claim's test.
    key : str
        The parameter's name.
    value : object
        Its decoded value.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.
    feature_ids : collection of str, or mapping of id to geometry type, optional
        The features that exist (None: ids are not checked against them).

    Returns
    -------
    None
        Problems go to ``report``.
    """
    param = test.params[key]
    if param.kind in ("share", "metres"):
        _validate_number(key, param.kind, value, report)
    elif param.kind == "stated":
        validate_stated(value, lambda what, fix: report(f"{key}: {what}", fix))
    elif param.kind in FEATURE_KINDS:
        _validate_ids(test, key, param, value, report, feature_ids)


def _validate_number(key: str, kind: str, value: Any, report: ProblemSink) -> None:
    """A ``share`` is a finite number in (0, 1]; ``metres`` a finite distance in [0, MAX_DISTANCE_M]."""
    share = kind == "share"
    fix = (
        "write the share as a fraction, e.g. 0.99 for 99 %" if share else "write a number of metres, e.g. 100"
    )
    defect = _not_finite(key, share, value)
    if defect is None:
        defect = _share_defect(key, value) if share else _distance_defect(key, value)
    if defect is not None:
        report(defect[0], defect[1] or fix)


def _not_finite(key: str, share: bool, value: Any) -> tuple[str, str | None] | None:
    """Why ``value`` is not a finite number (and a fix of its own, or None); None when it is one."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        wanted = "a number in (0, 1]" if share else "a distance in metres (a number)"
        return f"{key} must be {wanted}, not {json_type(value)}", None
    if isinstance(value, float) and not math.isfinite(value):  # an int is finite, however long
        what = f"{key} must be a finite number, not {shown(value)}"
        if math.isinf(value):
            what += " (a number too large for a float, such as 1e400, reads as infinity)"
        return what, None
    return None


def _share_defect(key: str, value: float) -> tuple[str, str | None] | None:
    return None if 0 < value <= 1 else (f"{key} must be in (0, 1], not {shown(value)}", None)


def _distance_defect(key: str, value: float) -> tuple[str, str | None] | None:
    if value < 0:
        return f"{key} must be a distance >= 0 m, not {shown(value)}", None
    if value > MAX_DISTANCE_M:
        return (
            f"{key} {shown(value)} m is more than {MAX_DISTANCE_M:,} m, farther than any two places on Earth "
            "(the claim would hold at any distance)",
            f"write the largest distance that still counts, at most {MAX_DISTANCE_M:,} m",
        )
    return None


def _validate_ids(
    test: ClaimTest,
    key: str,
    param: Param,
    value: Any,
    report: ProblemSink,
    feature_ids: KnownFeatures | None,
) -> None:
    """Feature ids: one text (``id``) or a list of them (two for a ``pair``), each naming a known feature."""
    ids = [value] if param.kind == "id" else value
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
        wanted = "a feature id" if param.kind == "id" else "a list of feature ids"
        report(f"{key} must be {wanted}, not {json_type(value)}", f"fix {key}")
    elif param.kind == "pair" and len(ids) != 2:
        report(f"{key} must name exactly two features, not {len(ids)}", "name two features")
    elif feature_ids is not None:
        _validate_known(test, key, param, ids, report, feature_ids)


def _validate_known(
    test: ClaimTest, key: str, param: Param, ids: list[str], report: ProblemSink, feature_ids: KnownFeatures
) -> None:
    """Each id names a known feature, of the geometry the test needs there when that is known."""
    for fid in ids:
        if fid not in feature_ids:
            report(f"names feature {fid!r}, which no layer has", "fix the id or add the feature")
        elif param.geometry and isinstance(feature_ids, Mapping):
            _validate_geometry(test, key, param.geometry, fid, geometry_type(feature_ids[fid]), report)


def _validate_geometry(
    test: ClaimTest, key: str, geometry: str, fid: str, actual: str | None, report: ProblemSink
) -> None:
    """Refuse a feature whose geometry is not the kind (``area``, ``line``) the test needs there."""
    types = GEOMETRY_KINDS[geometry]
    if actual is None or actual in types:
        return
    report(
        f"{key} names {fid!r}, a {actual}, but {a_claim(test)} needs {_GEOMETRY_WORDS[geometry]} "
        f"there ({' or '.join(types)})",
        _GEOMETRY_FIXES[geometry],
    )


def validate_distinct(item: Mapping[str, Any], test: ClaimTest, report: ProblemSink) -> None:
    """Refuse a claim naming one feature twice: it would compare the feature with itself.

    Parameters
    ----------
    item : mapping
        The decoded claim.
    test : ClaimTest
        Its test.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    named: list[str] = []
    for key, param in test.params.items():
        value = item.get(key)
        if param.kind in FEATURE_KINDS:
            named += [value] if isinstance(value, str) else [v for v in _list(value) if isinstance(v, str)]
    for fid, count in Counter(named).items():
        if count > 1:
            what = f"names feature {fid!r} {count} times"
            report(what, "name each feature once: a claim relates different features")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def a_claim(test: ClaimTest) -> str:
    """``a within claim``, ``an adjacent claim``: how messages name a claim by its test.

    Parameters
    ----------
    test : ClaimTest
        The claim's test.

    Returns
    -------
    str
        The words, with the right article.
    """
    return f"{'an' if test.name[0] in 'aeiou' else 'a'} {test.name} claim"


def geometry_type(known: Any) -> str | None:
    """The geometry type a ``feature_ids`` mapping gives: the string itself, or a feature's or geometry's.

    Parameters
    ----------
    known : object
        A value of a ``feature_ids`` mapping: a geometry type, a feature or a geometry.

    Returns
    -------
    str or None
        The geometry type (``"Polygon"``, ...); None when it cannot be told.
    """
    if isinstance(known, str):
        return known
    geometry = getattr(known, "geometry", known)
    kind = getattr(geometry, "geom_type", None)
    return kind if isinstance(kind, str) else None


def json_type(value: Any) -> str:
    """How a message names a decoded JSON value's type: ``a list``, ``an object``, ``null``, ...

    Parameters
    ----------
    value : object
        A decoded JSON value.

    Returns
    -------
    str
        Its type in words, with the value itself for numbers and strings.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else f"a {type(value).__name__}"


def shown(value: Any, limit: int = 40) -> str:
    """A value as messages show it: ``NaN`` and ``Infinity`` as JSON spells them, long ones cut short.

    Parameters
    ----------
    value : object
        The value.
    limit : int
        The most characters shown.

    Returns
    -------
    str
        The value as text, cut to ``limit`` characters.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-" if value < 0 else "") + "Infinity"
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python will print
        return "a number with thousands of digits"
    return text if len(text) <= limit else f"{text[: limit - 1]}…"
