"""Area figures in a text, and the numbers that look like them but are no land area.

:func:`find_figures` gives every area figure (a number with a unit of :mod:`geo.article.units`, its
hedge and its rounding), marks the earlier extent of a then-and-now ("expanded from 14.92 to 120.56
square kilometres", 由…扩展至…), and lists as skipped, with the reason, what is not a land area: floor
space, flat sizes, population, homes, jobs, money, dates, percentages, fractions and plan numbers.

>>> [(f.kind, float(f.hectares or 0), f.hedge) for f in find_figures("约803平方公里, 15% of 87 ha")]
[('area', 80300.0, 'about'), ('percentage', 0.0, None), ('area', 87.0, None)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from fractions import Fraction

from geo.article.numerals import NUMBER, parse_number
from geo.article.units import HECTARES_PER, UNIT_PATTERN, unit_of

#: Hedge words, to what they mean: ``about`` (either way), ``nearly`` (a little less),
#: ``over`` (at least), ``up_to`` (at most), ``reaching`` (达/達: as stated).
HEDGES: dict[str, str] = {
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "an estimated": "about",
    "约": "about",
    "約": "about",
    "大约": "about",
    "大約": "about",
    "左右": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "近": "nearly",
    "将近": "nearly",
    "將近": "nearly",
    "over": "over",
    "more than": "over",
    "at least": "over",
    "逾": "over",
    "超过": "over",
    "超過": "over",
    "多": "over",
    "余": "over",
    "餘": "over",
    "up to": "up_to",
    "达": "reaching",
    "達": "reaching",
}
_BEFORE = sorted((h for h in HEDGES if h not in ("左右", "多", "余", "餘")), key=len, reverse=True)
_HEDGE_BEFORE = "|".join(re.escape(h) for h in _BEFORE)

FIGURE_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<hedge>{_HEDGE_BEFORE})\s*)?(?P<num>{NUMBER})(?:\s+(?P<mult>million|thousand))?(?P<more>多|余|餘)?"
    rf"(?P<sep>\s*-\s*|\s*)(?P<unit>{UNIT_PATTERN})(?P<after>\s*左右)?",
    re.IGNORECASE,
)
_TO = r"(?:to|至|到|扩展至|擴展至|扩大至|擴大至|扩大到|擴大到|增至|增加至|增加到|拓展至|扩至|擴至)"
_EARLIER_BEFORE = re.compile(
    rf"(?:from|由|从|從)\s*(?:(?:{_HEDGE_BEFORE})\s*)?(?P<num>{NUMBER})\s*-?\s*(?:(?P<unit>{UNIT_PATTERN})\s*)?"
    rf"(?:\S{{0,4}}?){_TO}\s*$",
    re.IGNORECASE,
)
_EARLIER_AFTER = re.compile(
    rf"^,?\s*from\s+(?:(?:{_HEDGE_BEFORE})\s*)?(?P<num>{NUMBER})\s*-?\s*(?P<unit>{UNIT_PATTERN})?",
    re.IGNORECASE,
)

_FLOOR_BEFORE = re.compile(
    r"(?:gross floor area|floor ?area|floor space|\bGFA\b|建筑面积|建築面積|楼面面积|樓面面積|总楼面|總樓面"
    r"|building area|office space)[^.;。；]{0,30}$",
    re.IGNORECASE,
)
_FLOOR_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:gross\s+)?(?:(?:office|commercial|retail|residential|industrial|lab|laboratory|"
    r"research|building|floor)\s+)*(?:floor\s*space|floor\s*area|space|GFA)\b|^\s*(?:的)?(?:建筑|建築|楼面|樓面)",
    re.IGNORECASE,
)
_FLAT_BEFORE = re.compile(
    r"(?:\bflats?|apartments?|\bunits?|studios?|户型|戶型|实用面积|實用面積|单位|單位|套房)[^.;。；]{0,20}$",
    re.IGNORECASE,
)
_FLAT_AFTER = re.compile(
    r"^\s*(?:flat|apartment|studio|home|unit)s?\b|^(?:的)?(?:单位|單位|户型|戶型|住宅|套房)", re.IGNORECASE
)
_SMALL_UNITS = ("m²", "ft²")
_MULTIPLIERS = {"thousand": 1000, "million": 1_000_000}

_N = rf"(?:{NUMBER})(?:\s*(?:million|billion|thousand|bn|m)\b)?"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Numbers that are no land area, and why (checked after the area figures; the first match wins).
TRAPS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, why, re.compile(pattern, re.IGNORECASE))
    for kind, why, pattern in (
        (
            "plan",
            "a plan's number, not an area",
            r"\b\d+(?:st|nd|rd|th)\s+Five-Year\s+Plan|第?[十]?[一二三四五六七八九]+(?:个|個)?五年(?:规划|規劃)|十[一二三四五六七八九]五(?:规划|規劃)?",
        ),
        (
            "percentage",
            "a percentage, not an area",
            rf"(?:{NUMBER})\s*(?:%|％|per ?cent\b)|百分之[{'零一二三四五六七八九十百点點'}]+",
        ),
        (
            "fraction",
            "a fraction, not an area",
            r"\b(?:a|one|two)[- ](?:third|quarter|fifth|half)s?\b|\bhalf\s+of\b"
            r"|[一二三四五六七八九十]+分之[一二三四五六七八九十]+",
        ),
        (
            "money",
            "money, not an area",
            rf"(?:HK\$|US\$|RMB|\$|¥|￥|€|£)\s*{_N}"
            rf"|{_N}\s*(?:yuan|dollars|HK dollars|元|亿元|億元|万元|萬元|港元|美元|港币|港幣)",
        ),
        (
            "population",
            "a population, not an area",
            rf"{_N}\s*(?:people|residents|inhabitants|population)\b"
            rf"|(?:population of|人口)\s*(?:约|約|逾|近)?\s*(?:{NUMBER})(?:万|萬)?人?"
            rf"|(?:{NUMBER})(?:万|萬)?人(?!民)",
        ),
        (
            "homes",
            "a number of homes, not an area",
            rf"{_N}\s*(?:new\s+)?(?:homes|housing units|flats|apartments|households|dwellings)\b"
            rf"|(?:{NUMBER})(?:万|萬)?(?:个|個)?(?:住宅单位|住宅單位|套住房|套住宅|伙|户|戶)",
        ),
        (
            "jobs",
            "a number of jobs, not an area",
            rf"{_N}\s*(?:new\s+)?(?:jobs|job opportunities|posts)\b"
            rf"|(?:{NUMBER})(?:万|萬)?(?:个|個)?(?:就业岗位|就業崗位|就业职位|就業職位|职位|職位|岗位|崗位)",
        ),
        (
            "date",
            "a date, not an area",
            rf"\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}"
            r"|\b(?:in|since|by|from|until|of|to|before|after)\s+(?:19|20)\d\d\b|(?:19|20)\d\d年|\d{1,2}月\d{1,2}日",
        ),
    )
)


@dataclass(frozen=True)
class Found:
    """A figure found in a text: an area (``kind == "area"``) or a number skipped as no land area.

    ``start`` and ``end`` are offsets into the text; ``value`` and ``step`` (the size of its last
    stated digit) are in ``unit``; ``hedge`` is a key of :data:`HEDGES`' meanings or None;
    ``earlier`` marks the earlier extent of a then-and-now; ``why`` says why a number is skipped.
    """

    start: int
    end: int
    kind: str
    value: Fraction | None = None
    step: Fraction | None = None
    unit: str | None = None
    hedge: str | None = None
    hedge_words: str | None = None
    earlier: bool = False
    why: str | None = None

    @property
    def hectares(self) -> Fraction | None:
        """The figure in hectares, exactly (None for a skipped number)."""
        if self.value is None or self.unit is None:
            return None
        return self.value * HECTARES_PER[self.unit]

    @property
    def step_ha(self) -> Fraction | None:
        """The size of the figure's last stated digit, in hectares."""
        if self.step is None or self.unit is None:
            return None
        return self.step * HECTARES_PER[self.unit]


def find_figures(text: str) -> list[Found]:
    """Every area figure and skipped number of a text (made by :func:`~geo.article.text.matching_text`).

    Parameters
    ----------
    text : str
        The text, made by :func:`~geo.article.text.matching_text`.

    Returns
    -------
    list of Found
        In the order of the text.
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for match in FIGURE_RE.finditer(text):
        figure = _area(match, text)
        if figure is None:
            continue
        found.append(figure)
        taken.append((match.start(), match.end()))
    found = _then_and_now(text, found)
    taken = sorted((f.start, f.end) for f in found)  # never overlapping: sorted by start, by end too
    for kind, why, pattern in TRAPS:
        for match in pattern.finditer(text):
            if not _overlaps(taken, match.start(), match.end()):
                found.append(Found(match.start(), match.end(), kind, why=why))
                bisect.insort(taken, (match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint ``spans``."""
    at = bisect.bisect_left(spans, (start, start))
    return (at < len(spans) and spans[at][0] < end) or (at > 0 and spans[at - 1][1] > start)


def _area(match: re.Match[str], text: str) -> Found | None:
    """The area figure of a match of :data:`FIGURE_RE`, or a skipped one for floor space and flats."""
    number = _scaled_number(match)
    if number is None:
        return None
    value, step = number
    hedge_words = match["hedge"] or (match["after"] or "").strip() or match["more"]
    hedge = HEDGES[hedge_words.lower()] if hedge_words else None
    found = Found(match.start(), match.end(), "area", value, step, unit_of(match), hedge, hedge_words)
    return _not_land(found, text) or found


def _scaled_number(match: re.Match[str]) -> tuple[Fraction, Fraction] | None:
    """A figure's value and rounding step, times its multiplier ("1.2 million"); None unless positive."""
    try:
        value, step = parse_number(match["num"])
    except ValueError:
        return None
    if value <= 0:
        return None
    if match["mult"]:
        scale = _MULTIPLIERS[match["mult"].lower()]
        value, step = value * scale, step * scale
    return value, step


def _not_land(found: Found, text: str) -> Found | None:
    """The figure skipped as floor space or a flat's size, by the words around it; None for land."""
    before, after = text[max(0, found.start - 60) : found.start], text[found.end : found.end + 40]
    if _FLOOR_BEFORE.search(before) or _FLOOR_AFTER.search(after):
        return replace(found, kind="floor_area", why="floor space (gross floor area), not land area")
    if found.unit in _SMALL_UNITS and (_FLAT_BEFORE.search(before) or _FLAT_AFTER.search(after)):
        return replace(found, kind="flat_size", why="the size of a flat, not land area")
    return None


def _then_and_now(text: str, found: list[Found]) -> list[Found]:
    """Mark, or add, the earlier extent of each "from X to Y" (and "to Y from X", 由X扩展至Y)."""
    by_start = {f.start: f for f in found}
    added: list[Found] = []
    for figure in [f for f in found if f.kind == "area"]:
        words = _earlier_words(text, figure)
        if words is None:
            continue
        match, offset = words
        start = match.start("num") + offset
        said = _found_at(found, start)
        if said is not None and said.kind == "area":
            by_start[said.start] = replace(said, earlier=True)
            continue
        value, step = parse_number(match["num"])
        unit = unit_of(match) if match["unit"] else figure.unit
        added.append(Found(start, match.end("num") + offset, "area", value, step, unit, earlier=True))
    return sorted([*by_start.values(), *added], key=lambda f: f.start)


def _found_at(found: list[Found], start: int) -> Found | None:
    """The figure found over offset ``start`` (starting at most 40 characters before it), if any."""
    return next((f for f in found if start - 40 <= f.start <= start and f.end > start), None)


def _earlier_words(text: str, figure: Found) -> tuple[re.Match[str], int] | None:
    """The "from X" of a figure (before it, or after "to Y"), and the offset of the text it was found in."""
    before = _EARLIER_BEFORE.search(text, max(0, figure.start - 80), figure.start)
    if before is not None:
        return before, 0
    after = _EARLIER_AFTER.search(text[figure.end : figure.end + 80])
    if after is not None and re.search(r"\bto\s*$", text[max(0, figure.start - 6) : figure.start]):
        return after, figure.end
    return None
