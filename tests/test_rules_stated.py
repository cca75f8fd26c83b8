"""The stated figures' and sources' rule tables: a mask a rule over a table of figures, words for the refused.

A small table holds one well-formed figure and one figure breaking each rule of
:data:`FIGURE_RULES` and :data:`SOURCE_RULES`; each rule's mask refuses exactly its
figure, and each refused figure gets exactly its rule's words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from geo.i18n.scripts import HAN
from geo.validation import validate_source, validate_stated
from geo.validation.columns import ValueColumn
from geo.validation.figures import Figures
from geo.validation.property_rules import property_words
from geo.validation.sources import SOURCE_RULES
from geo.validation.stated_rules import FIGURE_RULES, StatedColumn, figure_words, stated_words

SOURCE = {"title": "Plan", "issuer": "Office", "date": "2023-08-08", "url": None}
GOOD = {
    "as_stated": "3 ha",
    "value": 3,
    "unit": "ha",
    "hectares": 3,
    "about": False,
    "tolerance_pct": 2.0,
    "rationale": "Precise.",
    "source": SOURCE,
}
DATE_FIX = "write the date as 2023-08-29"


def figure(**changes: Any) -> dict[str, Any]:
    """:data:`GOOD` with members changed (a value of ``...`` removes the member)."""
    return {k: v for k, v in {**GOOD, **changes}.items() if v is not ...}


def source(**changes: Any) -> dict[str, Any]:
    return figure(source={**SOURCE, **changes})


#: For each rule, a figure breaking it alone, and the words it gets.
FIGURE_CASES: dict[str, tuple[Any, tuple[str, str]]] = {
    "object": ("3 ha", ("is not an object", "write each stated figure as an object with value, unit, ...")),
    "keys": (figure(tolerance=2), ("unknown key 'tolerance'", "did you mean 'tolerance_pct'?")),
    "as_stated": (figure(as_stated=" \u3000"), ("as_stated is missing or empty", "add as_stated: text")),
    "rationale": (figure(rationale=...), ("rationale is missing or empty", "add rationale: text")),
    "value": (figure(value=-3), ("value must be a positive number, not -3", "write value as a number > 0")),
    "hectares": (
        figure(hectares="3"),
        ("hectares must be a positive number, not '3'", "write hectares as a number > 0"),
    ),
    "unit": (figure(unit="acre"), ("unit 'acre' is not one of ha, km², m²", "use ha, km² or m²")),
    "too_small": (
        figure(value=1e-7, hectares=1e-7),
        (
            "hectares 1e-07 is below 1e-06 ha (0.01 m²), too small to check against",
            "check the figure and its unit",
        ),
    ),
    "too_large": (
        figure(value=6e8, unit="km²", hectares=6e10),
        (
            "hectares 6e+10 is more than the surface of the Earth (5.1e+10 ha)",
            "check the figure and its unit",
        ),
    ),
    "match": (figure(hectares=4), ("hectares 4 does not match 3 ha (= 3 ha)", "correct one of them")),
    "about": (
        figure(about="no"),
        ("about must be true or false", 'write "about": true for "about"/"approximately" figures'),
    ),
    "tolerance": (
        figure(tolerance_pct=80),
        ("tolerance_pct must be a number in (0, 50], not 80", "state the allowed deviation in %"),
    ),
}

SOURCE_CASES: dict[str, tuple[Any, tuple[str, str]]] = {
    "source": (
        figure(source=None),
        ("has no source", 'add "source": {"title": ..., "issuer": ..., "date": ..., "url": ...}'),
    ),
    "title": (source(title=""), ("source title is missing or empty", "add the source's title")),
    "issuer": (source(issuer=3), ("source issuer is missing or empty", "add the source's issuer")),
    "date_form": (
        source(date="2023-8-8"),
        ("source date '2023-8-8' is not YYYY, YYYY-MM or YYYY-MM-DD", DATE_FIX),
    ),
    "date_real": (
        source(date="2023-13"),
        ("source date '2023-13' is not a real date: there is no month 13", DATE_FIX),
    ),
    "date_day": (
        source(date="2023-02-30"),
        ("source date '2023-02-30' is not a real calendar date (day is out of range for month)", DATE_FIX),
    ),
    "url": (
        source(url="ftp://x"),
        ("source url 'ftp://x' is not an http(s) URL", "give an http(s) URL, or null when there is none"),
    ),
}

CASES = {**FIGURE_CASES, **SOURCE_CASES}
FIGURES = [GOOD, *(case for case, _ in CASES.values())]


def test_every_rule_has_a_case() -> None:
    assert list(FIGURE_CASES) == [rule.name for rule in FIGURE_RULES]
    assert list(SOURCE_CASES) == [rule.name for rule in SOURCE_RULES]


@pytest.mark.parametrize("rule", FIGURE_RULES, ids=lambda rule: rule.name)
def test_each_figure_rules_mask_refuses_its_figure_only(rule: Any) -> None:
    table = Figures(FIGURES)
    mask = rule.mask(table) if rule is FIGURE_RULES[0] else rule.mask(table) & table.objects
    assert np.flatnonzero(mask).tolist() == [1 + list(CASES).index(rule.name)]


@pytest.mark.parametrize("rule", SOURCE_RULES, ids=lambda rule: rule.name)
def test_each_source_rules_mask_refuses_its_figures_source_only(rule: Any) -> None:
    table = Figures(FIGURES)
    sources = table.sources
    gate = table.objects & (sources.objects | (rule is SOURCE_RULES[0]))
    assert np.flatnonzero(rule.mask(sources) & gate).tolist() == [1 + list(CASES).index(rule.name)]


def test_each_refused_figure_gets_its_rules_words_only() -> None:
    words = figure_words(FIGURES)
    assert words == [[], *([expected] for _, expected in CASES.values())]


def test_one_figure_alone_gets_the_words_it_gets_in_the_table() -> None:
    for case, expected in CASES.values():
        alone: list[tuple[str, str]] = []
        validate_stated(case, lambda what, fix: alone.append((what, fix)))  # noqa: B023
        assert alone == [expected]


def test_a_rows_figures_are_worded_with_their_place_and_rows_judged_at_once() -> None:
    lists = [[GOOD, FIGURES[3]], [], [FIGURES[1], GOOD, FIGURES[11]]]
    column = StatedColumn(lists)
    assert column.refused().tolist() == [True, False, True]
    assert [(n, w) for n, w, _ in column.row_words(2)] == [
        (0, "is not an object"),
        (2, "about must be true or false"),
    ]
    rows = [{"id": "a", "name": "A", "stated": stated} for stated in lists]
    words = property_words(rows)
    assert words[0] == [("stated[1]: as_stated is missing or empty", "add as_stated: text")]
    assert words[1] == []
    assert words[2] == stated_words(lists[2])
    assert [w for w, _ in words[2]] == [
        "stated[0]: is not an object",
        "stated[2]: about must be true or false",
    ]


def test_a_source_alone_is_judged_by_the_same_rules() -> None:
    found: list[tuple[str, str]] = []
    validate_source(
        {"title": " ", "issuer": "I", "date": "0000", "url": "http://a b"}, lambda w, f: found.append((w, f))
    )
    assert found == [
        ("source title is missing or empty", "add the source's title"),
        ("source date '0000' is not a real date: there is no year 0000", DATE_FIX),
        ("source url 'http://a b' is not an http(s) URL", "give an http(s) URL, or null when there is none"),
    ]


def test_an_integer_past_a_floats_range_is_refused_not_raised() -> None:
    found: list[str] = []
    validate_stated(figure(value=10**400), lambda what, fix: found.append(what))
    assert found == [f"value must be a positive number, not {10**400!r}"]


@pytest.mark.slow  # ~1 s: every code point
def test_value_column_masks_match_pythons_own_tests_on_every_character() -> None:
    values: list[Any] = [chr(c) for c in range(0x110000)] + ["", " a ", "\u3000\n", "河套", 3, None, 1.5]
    column = ValueColumn(values)
    texts = [isinstance(v, str) for v in values]
    assert column.texts.tolist() == texts
    assert column.blank_texts().tolist() == [isinstance(v, str) and not v.strip() for v in values]
    assert column.texts_matching(HAN).tolist() == [
        isinstance(v, str) and HAN.search(v) is not None for v in values
    ]
    assert column.lengths()[-7:].tolist() == [0, 3, 2, 2, -1, -1, -1]


def test_value_column_numbers_and_types() -> None:
    column = ValueColumn([3, 2.5, True, None, "3", float("nan"), float("inf"), -(10**400), np.float64(4)])
    assert column.positive().tolist() == [True, True, False, False, False, False, False, False, True]
    assert column.missing.tolist() == [False, False, False, True, False, False, False, False, False]
    assert column.instances(bool).tolist() == [False, False, True, False, False, False, False, False, False]
    assert column.texts_in(["3"]).tolist() == [False, False, False, False, True, False, False, False, False]


def test_a_column_of_known_type_is_screened_as_its_values_would_be() -> None:
    from geo.validation.property_screen import cleared_properties

    values: dict[str, list[Any]] = {
        "id": ["a_1", "B", "c_2", "d"],
        "name": ["A", " ", "C", "\u3000"],
        "height_m": [1.5, float("inf"), 2.0, -3.0],
        "floors": [3, 4, 10**400, 5],
        "open": [True, False, True, True],
    }
    kinds = {"id": str, "name": str, "height_m": float, "floors": int, "open": bool}
    objects = [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]
    typed = cleared_properties(objects, {k: ValueColumn(v, kind=kinds[k]) for k, v in values.items()})
    untyped = cleared_properties(objects, {k: ValueColumn(v) for k, v in values.items()})
    assert typed.tolist() == untyped.tolist() == cleared_properties(objects).tolist()
    assert typed.tolist() == [True, False, True, False]  # "B" is no snake_case id; "\u3000" is blank
