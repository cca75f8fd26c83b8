"""Reading claims: spatial statements about features, each quoting its source sentence.

A claims file is JSON: ``{"claims": [ {...}, ... ]}``. Every claim has an ``id``,
the ``claim`` in words, the ``sentence`` it comes from, and a ``test`` with its
parameters (see the README, "Claims"):

- ``within``: ``feature`` lies inside ``container`` (at least ``min_share`` of its
  area, default 0.99, since approximate polygons share edges only roughly);
- ``adjacent``: ``feature`` lies within ``max_distance_m`` metres of ``to``;
- ``opposite_sides``: the two ``features`` lie on opposite sides of the ``line``;
- ``total_area``: the ``features`` together make the ``stated`` figure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import ClaimError, Problem
from geo.layers import StatedFigure, read_json
from geo.validation import ID_PATTERN, check_source, check_stated

#: The file, inside a layers folder, that holds its claims.
CLAIMS_FILE = "claims.json"

#: Each test and the parameters it takes: name -> (kind, required).
TESTS: dict[str, dict[str, tuple[str, bool]]] = {
    "within": {"feature": ("id", True), "container": ("id", True), "min_share": ("share", False)},
    "adjacent": {"feature": ("id", True), "to": ("id", True), "max_distance_m": ("metres", True)},
    "opposite_sides": {"features": ("pair", True), "line": ("id", True)},
    "total_area": {"features": ("ids", True), "stated": ("stated", True)},
}
DEFAULT_MIN_SHARE = 0.99


@dataclass(frozen=True)
class Claim:
    """A claim to check; ``params`` holds the test's parameters."""

    id: str
    claim: str
    sentence: str
    test: str
    params: Mapping[str, Any] = field(default_factory=dict)
    source: Mapping[str, Any] | None = None

    @property
    def feature_ids(self) -> tuple[str, ...]:
        """The ids of every feature the claim names, in order."""
        ids: list[str] = []
        for key, (kind, _) in TESTS[self.test].items():
            value = self.params.get(key)
            if kind == "id":
                ids.append(value)
            elif kind in ("pair", "ids"):
                ids.extend(value)
        return tuple(ids)

    @property
    def stated(self) -> StatedFigure | None:
        data = self.params.get("stated")
        return StatedFigure.from_dict(data) if data else None


def read_claims(path: str | Path, *, feature_ids: Collection[str] | None = None) -> list[Claim]:
    """Read a claims file; a missing file means no claims.

    Parameters
    ----------
    path : str or Path
        The claims file.
    feature_ids : collection of str, optional
        The ids that exist; a claim naming any other is a problem.

    Raises
    ------
    ClaimError
        Listing every problem in the file.
    """
    path = Path(path)
    if not path.exists():
        return []
    data, problems = read_json(path)
    if problems:
        raise ClaimError(problems)
    return parse_claims(data, file=str(path), feature_ids=feature_ids)


def parse_claims(data: Any, *, file: str, feature_ids: Collection[str] | None = None) -> list[Claim]:
    """Validate decoded claims and build them (see :func:`read_claims`)."""
    items = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ClaimError([Problem(file, "", "has no claims list", 'write {"claims": [ ... ]}')])
    claims, problems, seen = [], [], set()
    for index, item in enumerate(items):
        label = f"claim #{index}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"claim '{item['id']}' (#{index})"

        def report(what: str, fix: str, label: str = label) -> None:
            problems.append(Problem(file, label, what, fix))

        before = len(problems)
        _check_claim(item, report, feature_ids)
        if len(problems) == before:
            if item["id"] in seen:
                report(f"id {item['id']!r} is used by an earlier claim", "give every claim a unique id")
                continue
            seen.add(item["id"])
            params = {k: v for k, v in item.items() if k in TESTS[item["test"]]}
            claims.append(
                Claim(item["id"], item["claim"], item["sentence"], item["test"], params, item.get("source"))
            )
    if problems:
        raise ClaimError(problems)
    return claims


def _check_claim(item: Any, report: Any, feature_ids: Collection[str] | None) -> None:
    if not isinstance(item, dict):
        report("is not an object", "write each claim as an object with id, claim, sentence, test")
        return
    if not isinstance(item.get("id"), str) or not ID_PATTERN.match(item["id"]):
        report(f"id {item.get('id')!r} is not lowercase snake_case", "give the claim a snake_case id")
    for key in ("claim", "sentence"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            report(f"{key} is missing or empty", f"add {key}: text")
    if item.get("source") is not None:
        check_source(item["source"], report)
    test = item.get("test")
    if test not in TESTS:
        report(f"test {test!r} is not one of {', '.join(TESTS)}", "pick one of the tests in the README")
        return
    for key, (kind, required) in TESTS[test].items():
        if key not in item:
            if required:
                report(f"a {test} claim needs {key!r}", f"add {key}")
            continue
        _check_param(key, kind, item[key], report, feature_ids)


def _check_param(key: str, kind: str, value: Any, report: Any, feature_ids: Collection[str] | None) -> None:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "share" and not (number and 0 < value <= 1):
        report(f"{key} must be a number in (0, 1], not {value!r}", "write the share as e.g. 0.99")
    elif kind == "metres" and not (number and value >= 0):
        report(f"{key} must be a distance in metres >= 0, not {value!r}", "write a number of metres")
    elif kind == "stated":
        check_stated(value, lambda what, fix: report(f"{key}: {what}", fix))
    elif kind in ("id", "pair", "ids"):
        ids = [value] if kind == "id" else value
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
            report(
                f"{key} must be {'a feature id' if kind == 'id' else 'a list of feature ids'}", f"fix {key}"
            )
        elif kind == "pair" and len(ids) != 2:
            report(f"{key} must name exactly two features, not {len(ids)}", "name two features")
        elif feature_ids is not None:
            for missing in (i for i in ids if i not in feature_ids):
                report(f"names feature {missing!r}, which no layer has", "fix the id or add the feature")
