"""Validating claims: spatial statements about features, each quoting its source sentence.

Claims come from a layers folder's ``claims.json`` (``{"claims": [ {...}, ... ]}``)
or from a layer's own ``claims`` member. Every claim has an ``id``, the ``claim``
in words, the ``sentence`` it comes from, and a ``test`` with its parameters; the
tests and their parameters are declared in :mod:`geo.claim_tests`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from geo.claim_tests import CLAIM_TESTS, FEATURE_KINDS
from geo.errors import ClaimError, Problem
from geo.model import Claim
from geo.validation.geometry import ProblemSink
from geo.validation.properties import ID_PATTERN, validate_source, validate_stated


def parse_claims(data: Any, *, file: str, feature_ids: Collection[str] | None = None) -> list[Claim]:
    """Validate decoded claims and build them.

    Parameters
    ----------
    data : object
        The decoded document: ``{"claims": [...]}``.
    file : str
        Where it came from, for the messages.
    feature_ids : collection of str, optional
        The ids that exist; a claim naming any other is a problem.

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
    seen: set[str] = set()
    for index, item in enumerate(items):
        label = f"claim #{index}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"claim '{item['id']}' (#{index})"

        def report(what: str, fix: str, label: str = label) -> None:
            problems.append(Problem(file, label, what, fix))

        before = len(problems)
        validate_claim(item, report, feature_ids)
        if len(problems) == before:
            if item["id"] in seen:
                report(f"id {item['id']!r} is used by an earlier claim", "give every claim a unique id")
                continue
            seen.add(item["id"])
            claims.append(_claim(item))
    if problems:
        raise ClaimError(problems)
    return claims


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
    )


def validate_claim(item: Any, report: ProblemSink, feature_ids: Collection[str] | None) -> None:
    """Check one claim: its id, texts, source, test, and the test's parameters."""
    if not isinstance(item, dict):
        report("is not an object", "write each claim as an object with id, claim, sentence, test")
        return
    if not isinstance(item.get("id"), str) or not ID_PATTERN.match(item["id"]):
        report(f"id {item.get('id')!r} is not lowercase snake_case", "give the claim a snake_case id")
    for key in ("claim", "sentence"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            report(f"{key} is missing or empty", f"add {key}: text")
    if item.get("source") is not None:
        validate_source(item["source"], report)
    test = item.get("test")
    if test not in CLAIM_TESTS:
        report(f"test {test!r} is not one of {', '.join(CLAIM_TESTS)}", "pick one of the tests in the README")
        return
    for key, param in CLAIM_TESTS[test].params.items():
        if key not in item:
            if param.required:
                report(f"a {test} claim needs {key!r}", f"add {key}")
            continue
        _validate_param(key, param.kind, item[key], report, feature_ids)


def _validate_param(
    key: str, kind: str, value: Any, report: ProblemSink, feature_ids: Collection[str] | None
) -> None:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "share" and not (number and 0 < value <= 1):
        report(f"{key} must be a number in (0, 1], not {value!r}", "write the share as e.g. 0.99")
    elif kind == "metres" and not (number and value >= 0):
        report(f"{key} must be a distance in metres >= 0, not {value!r}", "write a number of metres")
    elif kind == "stated":
        validate_stated(value, lambda what, fix: report(f"{key}: {what}", fix))
    elif kind in FEATURE_KINDS:
        _validate_ids(key, kind, value, report, feature_ids)


def _validate_ids(
    key: str, kind: str, value: Any, report: ProblemSink, feature_ids: Collection[str] | None
) -> None:
    ids = [value] if kind == "id" else value
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
        report(f"{key} must be {'a feature id' if kind == 'id' else 'a list of feature ids'}", f"fix {key}")
    elif kind == "pair" and len(ids) != 2:
        report(f"{key} must name exactly two features, not {len(ids)}", "name two features")
    elif feature_ids is not None:
        for missing in (i for i in ids if i not in feature_ids):
            report(f"names feature {missing!r}, which no layer has", "fix the id or add the feature")
