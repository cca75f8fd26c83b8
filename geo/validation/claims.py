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
from collections.abc import Mapping, MutableMapping
from typing import Any

from geo.claim_tests import CLAIM_TESTS, ClaimTest
from geo.errors import ClaimError, Problem
from geo.model import Claim
from geo.validation.chinese import validate_chinese
from geo.validation.claim_params import KnownFeatures, a_claim, json_type, validate_distinct, validate_param
from geo.validation.geometry import ProblemSink
from geo.validation.properties import ID_PATTERN
from geo.validation.sources import validate_source

#: The members every claim has, whatever its test; any other member must be a parameter of its test.
CLAIM_FIELDS = ("id", "claim", "claim_zh", "sentence", "test", "source")


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

    Returns
    -------
    list of Claim
        The claims, in the order given, when none has a problem.

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
    validate_distinct(item, test, report)


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
        validate_param(test, key, item[key], report, feature_ids)


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
