"""The words of a feature's properties: the rules' shared pieces, and stated figures (and their sources).

The rules of a feature's properties are :data:`geo.validation.property_rules.RULES`;
a stated figure, an object of its own (also a claim's parameter), is checked by
:func:`validate_stated`, which calls ``report(what, fix)`` once per problem and never raises.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any

from geo.units import HECTARES_PER_UNIT
from geo.validation.geometry import ProblemSink
from geo.validation.sources import validate_source

#: A feature id: lowercase snake_case, safe as a file name and a DOM id.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
ID_MAX_LENGTH = 64

LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: The smallest stated figure, in hectares (0.01 m²): a deviation from anything smaller overflows.
MIN_HECTARES = 1e-6

#: The largest stated figure, in hectares: the surface of the Earth, 510 million km².
MAX_HECTARES = 5.1e10

SNAKE_FIX = "use lowercase letters, digits and single underscores, starting with a letter"

#: Optional members that are fine as text or null.
OPTIONAL_TEXTS = ("short_name", "name_zh", "kind", "digitized_from")


def stated_words(stated: list[Any]) -> list[tuple[str, str]]:
    """The problems of a list of stated figures, each prefixed with its place: ``stated[1]: ...``.

    Parameters
    ----------
    stated : list
        A feature's decoded ``stated`` member.

    Returns
    -------
    list of (what, fix)
        Empty when every figure is well-formed (:func:`validate_stated`).
    """
    found: list[tuple[str, str]] = []
    for number, figure in enumerate(stated):
        validate_stated(figure, _prefixed(found, f"stated[{number}]: "))
    return found


def _prefixed(found: list[tuple[str, str]], prefix: str) -> ProblemSink:
    """A sink adding each problem to ``found``, with ``prefix`` before its ``what``."""

    def report(what: str, fix: str) -> None:
        found.append((prefix + what, fix))

    return report


#: The members of a stated figure: any other is refused (a misspelled key would be lost silently).
STATED_KEYS = ("as_stated", "value", "unit", "hectares", "about", "tolerance_pct", "rationale", "source")


def validate_stated(figure: Any, report: ProblemSink) -> None:
    """Check one stated figure (see the README for its fields).

    Parameters
    ----------
    figure : object
        The decoded figure: an object with as_stated, value, unit, hectares, about,
        tolerance_pct (percent), rationale and source.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    if not isinstance(figure, dict):
        report("is not an object", "write each stated figure as an object with value, unit, ...")
        return
    _validate_keys(figure, report)
    for key in ("as_stated", "rationale"):
        if not isinstance(figure.get(key), str) or not figure[key].strip():
            report(f"{key} is missing or empty", f"add {key}: text")
    _validate_amount(figure, report)
    if not isinstance(figure.get("about"), bool):
        report("about must be true or false", 'write "about": true for "about"/"approximately" figures')
    tolerance: Any = figure.get("tolerance_pct")
    if not _positive_number(tolerance) or tolerance > 50:
        report(
            f"tolerance_pct must be a number in (0, 50], not {tolerance!r}",
            "state the allowed deviation in %",
        )
    validate_source(figure.get("source"), report)


def _validate_amount(figure: dict[str, Any], report: ProblemSink) -> None:
    """Check ``value`` and ``hectares`` (positive numbers), the unit, and that hectares match value in it."""
    value: Any = figure.get("value")
    hectares: Any = figure.get("hectares")
    for key, number in (("value", value), ("hectares", hectares)):
        if not _positive_number(number):
            report(f"{key} must be a positive number, not {number!r}", f"write {key} as a number > 0")
    unit = figure.get("unit")
    if not isinstance(unit, str) or unit not in HECTARES_PER_UNIT:
        report(f"unit {unit!r} is not one of {', '.join(HECTARES_PER_UNIT)}", "use ha, km² or m²")
    elif _positive_number(value) and _positive_number(hectares):
        _validate_magnitude(hectares, report)
        expected = value * HECTARES_PER_UNIT[unit]
        if not math.isclose(hectares, expected, rel_tol=1e-6):
            report(
                f"hectares {hectares} does not match {value} {unit} (= {expected:g} ha)",
                "correct one of them",
            )


def _validate_keys(figure: dict[Any, Any], report: ProblemSink) -> None:
    for key in figure:
        if key not in STATED_KEYS:
            report(f"unknown key {key!r}", _known_key_fix(str(key)))


def _known_key_fix(key: str) -> str:
    """The fix for an unknown key of a stated figure: the key it is closest to, else the list.

    >>> _known_key_fix("tolerance"), _known_key_fix("zzz")[:30]
    ("did you mean 'tolerance_pct'?", 'remove it; a stated figure has')
    """
    close = difflib.get_close_matches(key, STATED_KEYS, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"remove it; a stated figure has {', '.join(STATED_KEYS)}"


def _validate_magnitude(hectares: float, report: ProblemSink) -> None:
    """Refuse figures too small to compare with (the deviation would overflow) or larger than the Earth."""
    if hectares < MIN_HECTARES:
        report(
            f"hectares {hectares:g} is below {MIN_HECTARES:g} ha (0.01 m²), too small to check against",
            "check the figure and its unit",
        )
    elif hectares > MAX_HECTARES:
        report(
            f"hectares {hectares:g} is more than the surface of the Earth ({MAX_HECTARES:g} ha)",
            "check the figure and its unit",
        )


def unwritable(value: Any, *, numbers: bool = True) -> tuple[str, str] | None:
    """What in ``value`` (at any depth, keys too) no JSON file can hold, and the fix; None if nothing.

    NaN and Infinity (when ``numbers``), and lone UTF-16 surrogates, which data from
    Python (not from a file: :func:`geo.io.json_file.read_json` refuses them) can hold.

    Parameters
    ----------
    value : object
        A decoded value: a property's, or a whole object's.
    numbers : bool
        Refuse NaN and Infinity too (stated figures' numbers get their own messages).

    Returns
    -------
    (what, fix) or None
        The first such thing in words.
    """
    stack, seen = [value], set()
    while stack:
        item = stack.pop()
        if isinstance(item, float) and numbers and not math.isfinite(item):
            return (
                "NaN or Infinity, which JSON cannot hold",
                "replace it with a number, or null when there is none",
            )
        surrogate = LONE_SURROGATE.search(item) if isinstance(item, str) else None
        if surrogate:
            code = f"\\u{ord(surrogate[0]):04x}"
            return (
                f"a lone UTF-16 surrogate {code}, which is no character",
                "replace it with the character meant",
            )
        if isinstance(item, dict | list | tuple) and id(item) not in seen:  # seen: a list may hold itself
            seen.add(id(item))
            stack.extend([*item.keys(), *item.values()] if isinstance(item, dict) else item)
    return None


def _positive_number(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
    )
