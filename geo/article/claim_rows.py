"""Claims from claim phrases: the places around each phrase, as a ``claims.json`` entry, decided.

The place before a phrase is its subject, the first after it its container or neighbour ("A lies in
B", "A与B相邻"); the two banks take the sentence's two areas (or the next or last sentence's) and
the river; a composition ("consists of the 87-hectare A and the 300-hectare B") the parts and the
sum of their figures. Each claim is validated and decided (:mod:`geo.article.decided`) as ``claims.json``
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.article.claims import Phrase
from geo.article.decided import decided_claim
from geo.article.figures import Found
from geo.article.places import Mention
from geo.article.result import ClaimRow
from geo.article.verdicts import feature_tolerance
from geo.claim_tests import CLAIM_TESTS, GEOMETRY_KINDS
from geo.i18n.scripts import HAN
from geo.model import Feature

#: The largest distance, in metres, between places a text calls adjacent (as in the bundled claims).
ADJACENT_M = 100

#: How far after a claim phrase its object may start, in characters (English, Chinese).
_REACH = {"en": 60, "zh": 16}


#: Words after a container that make "位于X" a direction from it rather than a place in it.
_NOT_INSIDE = re.compile(r"\s*(?:以[东南西北東]|[东南西北東][面侧側边邊部]|附近|旁|对岸|對岸|之外|以外|外)")


@dataclass
class Sentence:
    """A sentence's offsets and the places it names."""

    start: int
    end: int
    mentions: list[Mention]


def claim_row(
    phrase: Phrase,
    units: list[Sentence],
    number: int,
    text: str,
    features: Mapping[str, Feature],
    tied: Mapping[int, tuple[Found, str]],
    source: Mapping[str, Any],
    *,
    decided: set[tuple[str, tuple[str, ...]]],
) -> ClaimRow | None:
    """The claim a phrase of ``units[number]`` makes, decided; None when its places do not fit the test.

    ``tied`` maps the start of each area figure tied to a place to the figure and the feature id;
    ``source`` is the claims' source (from the article's front matter).

    Parameters
    ----------
    phrase : Phrase
        A claim phrase found in ``units[number]``.
    units : list of Sentence
        The article's sentences, with the places each names.
    number : int
        The index of the phrase's sentence in ``units``.
    text : str
        The article's text (offsets index it).
    features : mapping of str to Feature
        The atlas's features by id.
    tied : mapping of int to (Found, str)
        The start of each area figure tied to a place, to the figure and the feature id.
    source : mapping
        The claims' source (from the article's front matter).
    decided : set of (str, tuple of str)
        The (test, feature ids) of the claims decided so far; the claim's is added.

    Returns
    -------
    ClaimRow or None
        The decided (or unmatched) claim; None when its places do not fit the test or it was decided already.
    """
    unit = units[number]
    params: dict[str, Any] | ClaimRow | None
    if phrase.test in ("within", "adjacent"):
        params = _pair_params(phrase, unit, text)
    elif phrase.test == "opposite_sides":
        params = _two_banks(phrase, units, number, features)
    else:
        params = _composition(phrase, unit, features, tied, text)
    if not isinstance(params, dict):
        return params
    claim_key = (phrase.test, CLAIM_TESTS[phrase.test].feature_ids(params))
    if claim_key in decided:  # said again later in the article: decided once, at its first sentence
        return None
    decided.add(claim_key)
    return decided_claim(phrase.test, params, unit, text, features, source)


def _pair_params(phrase: Phrase, unit: Sentence, text: str) -> dict[str, Any] | ClaimRow | None:
    """A containment or adjacency claim's parameters; an unmatched row when a place is not the atlas's."""
    pair = subject_and_object(phrase, unit.mentions, text)
    if pair is None:
        return None
    unknown = [m for m in pair if m.feature is None]
    if unknown:
        return _unmatched(phrase.test, pair, unknown, unit, text)
    if phrase.test == "within":
        return {"feature": pair[0].feature, "container": pair[1].feature, "min_share": 0.99}
    return {"feature": pair[0].feature, "to": pair[1].feature, "max_distance_m": ADJACENT_M}


#: Chinese words joining two places before a phrase of adjacency: A与B相邻.
_JOINED = re.compile(r"\s*(?:与|與|和|同|跟)\s*")


def subject_and_object(phrase: Phrase, mentions: list[Mention], text: str) -> tuple[Mention, Mention] | None:
    """The subject and object of a containment or adjacency phrase: "A lies in B", "A与B相邻".

    Parameters
    ----------
    phrase : Phrase
        A ``within`` or ``adjacent`` phrase.
    mentions : list of Mention
        The places its sentence names, in order.
    text : str
        The article's text (offsets index it).

    Returns
    -------
    (Mention, Mention) or None
        The subject and the object; None when the sentence does not name them around the phrase.
    """
    before, after = _around(phrase, mentions)
    if before and after:
        if _NOT_INSIDE.match(text, after[0].end):  # 位于深圳河以南: beside, not inside
            return None
        return before[-1], after[0]
    if phrase.test == "adjacent" and _joined_before(phrase, before, text):
        return before[-2], before[-1]
    return None


def _around(phrase: Phrase, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The places before a phrase, and those starting within reach after it."""
    reach = _REACH["zh" if HAN.match(phrase.words) else "en"]
    before = [m for m in mentions if m.end <= phrase.start]
    after = [m for m in mentions if m.start >= phrase.end and m.start - phrase.end <= reach]
    return before, after


def _joined_before(phrase: Phrase, before: list[Mention], text: str) -> bool:
    """Whether the phrase follows right after two places joined by 与/和 (A与B相邻)."""
    if len(before) < 2 or not _JOINED.fullmatch(text, before[-2].end, before[-1].start):
        return False
    return text[before[-1].end : phrase.start].strip() == ""


def _unmatched(
    test: str, pair: tuple[Mention, Mention], unknown: list[Mention], unit: Sentence, text: str
) -> ClaimRow:
    ids = tuple(m.feature for m in pair if m.feature)
    names = " and ".join(repr(m.text) for m in unknown)
    why = f"unmatched: {names} {'is' if len(unknown) == 1 else 'are'} not a place of the atlas"
    return ClaimRow(test, ids, text[unit.start : unit.end], unit.start, unit.end, "unmatched", why)


def _areas(mentions: list[Mention], features: Mapping[str, Feature]) -> list[str]:
    ids = [
        m.feature
        for m in mentions
        if m.feature and features[m.feature].geometry.geom_type in GEOMETRY_KINDS["area"]
    ]
    return list(dict.fromkeys(ids))


def _two_banks(
    phrase: Phrase, units: list[Sentence], number: int, features: Mapping[str, Feature]
) -> dict[str, Any] | None:
    """The two places on opposite banks, and the river: from the sentence, else the next or the last one.

    With more than two areas in the sentence, the banks are its first area and the one nearest the
    phrase ("佔地87公頃的香港園區位於北部都會區，與深圳園區隔深圳河相望": 香港園區 and 深圳園區).
    """
    for index in (number, number + 1, number - 1):
        if not 0 <= index < len(units):
            continue
        areas = _bank_areas(phrase, units[index], features, same=index == number)
        if len(areas) != 2:
            continue
        lines = _rivers(units[number], areas, features)
        if len(set(lines)) == 1 or (lines and index == number):
            return {"features": areas, "line": lines[0]}
    return None


def _bank_areas(phrase: Phrase, unit: Sentence, features: Mapping[str, Feature], *, same: bool) -> list[str]:
    """The areas of a sentence; in the phrase's own sentence (``same``), at most two of them."""
    areas = _areas(unit.mentions, features)
    if len(areas) > 2 and same:
        return _banks(phrase, unit.mentions, features)
    return areas


def _rivers(unit: Sentence, areas: list[str], features: Mapping[str, Feature]) -> list[str]:
    """The lines the phrase's sentence names; else every line of the areas' layers."""
    lines = _lines(unit.mentions, features)
    if lines:
        return lines
    layers = {features[a].layer for a in areas}
    return [f.id for f in features.values() if f.layer in layers and _is(f, "line")]


def _is(feature: Feature, kind: str) -> bool:
    return feature.geometry.geom_type in GEOMETRY_KINDS[kind]


def _lines(mentions: list[Mention], features: Mapping[str, Feature]) -> list[str]:
    return [m.feature for m in mentions if m.feature and _is(features[m.feature], "line")]


def _banks(phrase: Phrase, mentions: list[Mention], features: Mapping[str, Feature]) -> list[str]:
    """The sentence's first area and the area nearest the phrase."""
    areas = [m for m in mentions if m.feature and _is(features[m.feature], "area")]
    first = areas[0]
    nearest = min(areas[1:], key=lambda m: min(abs(m.end - phrase.start), abs(m.start - phrase.end)))
    return [str(first.feature), str(nearest.feature)] if nearest.feature != first.feature else []


def _composition(
    phrase: Phrase,
    unit: Sentence,
    features: Mapping[str, Feature],
    tied: Mapping[int, tuple[Found, str]],
    text: str,
) -> dict[str, Any] | None:
    """The parts of "X consists of the 87-hectare A and the 300-hectare B" make the sum of their figures."""
    parts = _areas([m for m in unit.mentions if m.start >= phrase.start], features)
    figures = [
        (f, fid) for start, (f, fid) in tied.items() if unit.start <= start < unit.end and fid in parts
    ]
    if len(parts) < 2 or len({fid for _, fid in figures}) != len(parts):
        return None
    return {"features": parts, "stated": _sum_stated([f for f, _ in figures], parts, features, text)}


def _sum_stated(
    figures: list[Found], parts: list[str], features: Mapping[str, Feature], text: str
) -> dict[str, Any]:
    """The stated figure of a composition: the sum of its parts' figures, tolerant of their rounding."""
    total = sum(f.hectares for f in figures if f.hectares is not None)
    rounding = sum(_rounding_ha(f) for f in figures)
    tolerance = min(feature_tolerance(features[p]) for p in parts) + float(rounding) / float(total) * 100
    return {
        "as_stated": " + ".join(text[f.start : f.end] for f in figures),
        "value": float(total),
        "unit": "ha",
        "hectares": float(total),
        "about": any(f.hedge == "about" for f in figures),
        "tolerance_pct": round(tolerance, 2),
        "rationale": "the sum of the parts' figures in the article; tolerance as for each part, and rounding",
    }


def _rounding_ha(figure: Found) -> float:
    """Half a figure's rounding step in hectares, at most 5 % of the figure."""
    return min(float(figure.step_ha or 0) / 2, float(figure.hectares or 0) * 0.05)
