"""Validating claims: spatial statements about features, each quoting its source sentence.

Claims come from a layers folder's ``claims.json`` (``{"claims": [ {...}, ... ]}``)
or from a layer's own ``claims`` member. Every claim has an ``id``, the ``claim``
in words, the ``sentence`` it comes from, and a ``test`` with its parameters; the
tests and their parameters are declared in :mod:`geo.claim_tests`, and each claim
is held to its test's schema: no unknown parameters, finite numbers in range,
features that exist and have the geometry the test needs, each named once.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Collection, Mapping, MutableMapping
from typing import Any

from geo.claim_tests import CLAIM_TESTS, FEATURE_KINDS, GEOMETRY_KINDS, MAX_DISTANCE_M, ClaimTest, Param
from geo.errors import ClaimError, Problem
from geo.model import Claim
from geo.validation.chinese import validate_chinese
from geo.validation.geometry import ProblemSink
from geo.validation.properties import ID_PATTERN, validate_source, validate_stated

#: The members every claim has, whatever its test; any other member must be a parameter of its test.
CLAIM_FIELDS = ("id", "claim", "claim_zh", "sentence", "test", "source")

#: The features claims may name: their ids, or a mapping of id to its geometry type (or to the
#: feature or geometry itself), which also lets the geometry each test needs be checked.
KnownFeatures = Mapping[str, Any] | Collection[str]

_GEOMETRY_WORDS = {"area": "an area", "line": "a line"}
_GEOMETRY_FIXES = {
    "area": "name a polygon feature",
    "line": "name a line feature, such as a river or a border",
}


def parse_claims(
    data: Any,
    *,
    file: str,
    feature_ids: KnownFeatures | None = None,
    used_ids: MutableMapping[str, str] | None = None,
) -> list[Claim]:
    """Validate decoded claims and build them.

    Parameters
    ----------
    data : object
        The decoded document: ``{"claims": [...]}``.
    file : str
        Where it came from, for the messages.
    feature_ids : collection of str, or mapping of id to geometry type, optional
        The features that exist; a claim naming any other is a problem. Given as a
        mapping of id to geometry type (``"Polygon"``, ...; or to the feature or its
        geometry), a claim naming a feature without the geometry its test needs is too.
    used_ids : mutable mapping of str to str, optional
        Claim ids already used by other sources of claims, each to where (its file):
        a claim reusing one is a problem. Every id these claims use is added to it,
        to ``file``, even when some claim is refused, so the next source is checked
        against them too.

    Raises
    ------
    ClaimError
        Listing every problem, one per line.
    """
    items = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ClaimError([Problem(file, "", "has no claims list", 'write {"claims": [ ... ]}')])
    claims: list[Claim] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    used: MutableMapping[str, str] = {} if used_ids is None else used_ids
    for index, item in enumerate(items):
        found = _item_problems(item, index, file=file, feature_ids=feature_ids, seen=seen, used_ids=used)
        problems += found
        if not found:
            claims.append(_claim(item))
    if problems:
        raise ClaimError(problems)
    return claims


def _item_problems(
    item: Any,
    index: int,
    *,
    file: str,
    feature_ids: KnownFeatures | None,
    seen: dict[str, int],
    used_ids: MutableMapping[str, str],
) -> list[Problem]:
    """Everything wrong with the index-th claim, its id's reuse included."""
    has_id = isinstance(item, dict) and isinstance(item.get("id"), str)
    label = f"claim '{item['id']}' (#{index})" if has_id else f"claim #{index}"
    problems: list[Problem] = []

    def report(what: str, fix: str) -> None:
        problems.append(Problem(file, label, what, fix))

    validate_claim(item, report, feature_ids)
    if has_id:
        _check_unique(item["id"], index, seen, used_ids, file, report)
    return problems


def _check_unique(
    claim_id: str,
    index: int,
    seen: dict[str, int],
    used_ids: MutableMapping[str, str],
    file: str,
    report: ProblemSink,
) -> None:
    """Refuse a claim id used earlier in the same file or by another source of claims; note a new one."""
    fix = "give every claim an id of its own"
    if claim_id in seen:
        report(f"claim id {claim_id!r} is already used by claim #{seen[claim_id]} of this file", fix)
    elif claim_id in used_ids:
        report(f"claim id {claim_id!r} is already used in {used_ids[claim_id]}", fix)
    else:
        seen[claim_id] = index
        used_ids[claim_id] = file


def _claim(item: dict[str, Any]) -> Claim:
    test = CLAIM_TESTS[item["test"]]
    params = {k: v for k, v in item.items() if k in test.params}
    return Claim(
        item["id"],
        item["claim"],
        item["sentence"],
        item["test"],
        params,
        item.get("source"),
        feature_ids=test.feature_ids(params),
        claim_zh=item.get("claim_zh"),
    )


def validate_claim(item: Any, report: ProblemSink, feature_ids: KnownFeatures | None) -> None:
    """Check one claim: its id, texts, source, test, and the test's parameters.

    Parameters
    ----------
    item : object
        The decoded claim.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.
    feature_ids : collection of str, or mapping of id to geometry type, optional
        The features that exist, as for :func:`parse_claims`.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    if not isinstance(item, dict):
        report("is not an object", "write each claim as an object with id, claim, sentence, test")
        return
    _validate_own_fields(item, report)
    test = _claim_test(item, report)
    if test is None:
        return
    _validate_keys(item, test, report)
    _validate_params(item, test, report, feature_ids)
    _validate_distinct(item, test, report)


def _validate_own_fields(item: dict[str, Any], report: ProblemSink) -> None:
    """The id, the texts and the source every claim has, whatever its test."""
    if not isinstance(item.get("id"), str) or not ID_PATTERN.match(item["id"]):
        report(f"id {item.get('id')!r} is not lowercase snake_case", "give the claim a snake_case id")
    for key in ("claim", "sentence"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            report(f"{key} is missing or empty", f"add {key}: text")
    validate_chinese(item, "claim_zh", report)
    if item.get("source") is not None:
        validate_source(item["source"], report)


def _validate_params(
    item: dict[str, Any], test: ClaimTest, report: ProblemSink, feature_ids: KnownFeatures | None
) -> None:
    """Each parameter of the test: present when required, and as its kind wants it."""
    for key, param in test.params.items():
        if key not in item:
            if param.required:
                report(f"{a_claim(test)} needs {key!r}", f"add {key}")
            continue
        _validate_param(test, key, item[key], report, feature_ids)


def _claim_test(item: Mapping[str, Any], report: ProblemSink) -> ClaimTest | None:
    """The claim's test; ``None`` (after reporting) when it names none of the registered tests."""
    names = ", ".join(CLAIM_TESTS)
    if "test" not in item:
        report(f"has no test; it must be one of {names}", 'add e.g. "test": "within"')
        return None
    test = item["test"]
    if not isinstance(test, str):
        what = f"test must be one of {names} (a string), not {json_type(test)}"
        report(what, 'write e.g. "test": "within"')
        return None
    if test not in CLAIM_TESTS:
        close = difflib.get_close_matches(test, CLAIM_TESTS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        report(f"test {test!r} is not one of {names}{hint}", 'pick one of the tests in the README ("Claims")')
        return None
    return CLAIM_TESTS[test]


def _validate_keys(item: Mapping[Any, Any], test: ClaimTest, report: ProblemSink) -> None:
    """Refuse members that are neither a claim's own fields nor the test's parameters."""
    known = [*CLAIM_FIELDS, *test.params]
    for key in item:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        if close:
            what = f"unknown parameter {key!r} for {a_claim(test)}; did you mean {close[0]!r}?"
            report(what, f"rename it to {close[0]!r}")
        else:
            what = f"unknown parameter {key!r} for {a_claim(test)}, which takes {', '.join(test.params)}"
            report(what, "remove it")


def _validate_param(
    test: ClaimTest, key: str, value: Any, report: ProblemSink, feature_ids: KnownFeatures | None
) -> None:
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


def _validate_distinct(item: Mapping[str, Any], test: ClaimTest, report: ProblemSink) -> None:
    """Refuse a claim naming one feature twice: it would compare the feature with itself."""
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
    """``a within claim``, ``an adjacent claim``: how messages name a claim by its test."""
    return f"{'an' if test.name[0] in 'aeiou' else 'a'} {test.name} claim"


def geometry_type(known: Any) -> str | None:
    """The geometry type a ``feature_ids`` mapping gives: the string itself, or a feature's or geometry's."""
    if isinstance(known, str):
        return known
    geometry = getattr(known, "geometry", known)
    kind = getattr(geometry, "geom_type", None)
    return kind if isinstance(kind, str) else None


def json_type(value: Any) -> str:
    """How a message names a decoded JSON value's type: ``a list``, ``an object``, ``null``, ..."""
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
    """A value as messages show it: ``NaN`` and ``Infinity`` as JSON spells them, long ones cut short."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-" if value < 0 else "") + "Infinity"
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python will print
        return "a number with thousands of digits"
    return text if len(text) <= limit else f"{text[: limit - 1]}…"
