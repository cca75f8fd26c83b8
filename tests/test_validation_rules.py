"""The validation rules: each a mask and a template; the masks decide, words are found for refused rows only.

Every geometry rule and every property rule is broken by one case here; judged all at
once, each case gets the words its rule's template gives, the same words as judged
alone, and a rule's details are asked for exactly the rows its mask refuses.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from geo.validation import geometry_rules, property_rules
from geo.validation.geometry import judge_geometries, validate_geometry
from geo.validation.property_rules import property_words, validate_properties
from geo.validation.rule import Failing, Rule

SQUARE = [[114.06, 22.50], [114.07, 22.50], [114.07, 22.51], [114.06, 22.51], [114.06, 22.50]]


def polygon(ring: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [ring]}


#: One member breaking each geometry rule (the type rule is met by frames: a member's type is read first).
GEOMETRY_CASES = {
    "hk1980": polygon([[833000, 820000], [834000, 820000], [834000, 821000], [833000, 820000]]),
    "lat_lon_out_of_range": polygon([[22.5, 114.0], [22.6, 114.0], [22.6, 114.1], [22.5, 114.0]]),
    "metres": polygon([[12697000, 2571000], [12698000, 2571000], [12698000, 2572000], [12697000, 2571000]]),
    "range": polygon([[114.0, 22.5], [181.0, 22.5], [114.1, 22.6], [114.0, 22.5]]),
    "lat_lon_point": {"type": "Point", "coordinates": [22.5, 114.06]},
    "parts": {"type": "MultiLineString", "coordinates": [[[114.0, 22.5], [114.0, 22.5]], [[114.0, 22.5]]]},
    "antimeridian": {"type": "LineString", "coordinates": [[179.5, 10.0], [-179.5, 10.0]]},
    "area": polygon([SQUARE[0], SQUARE[1], SQUARE[0], SQUARE[0]]),
    "valid": polygon([SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3], SQUARE[0]]),
}


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a regular expression: its fields match anything."""
    parts = re.split(r"\{[^{}]*\}", template.replace("{{", "\0").replace("}}", "\1"))
    escaped = [re.escape(p).replace("\0", "\\{").replace("\1", "\\}") for p in parts]
    return re.compile("^" + "(.*)".join(escaped) + "$", re.DOTALL)


def _rule(name: str) -> Rule:
    name = {"lat_lon_point": "lat_lon_out_of_range"}.get(name, name)
    return next(rule for rule in geometry_rules.RULES if rule.name == name)


def test_every_geometry_rule_but_the_type_has_a_case() -> None:
    names = {_rule(name).name for name in GEOMETRY_CASES}
    assert names | {"type", "finite"} == {rule.name for rule in geometry_rules.RULES}


def test_geometries_judged_at_once_get_their_rules_words_as_alone() -> None:
    members = [{"type": "Polygon", "coordinates": [SQUARE]}, *GEOMETRY_CASES.values()]
    words, oriented = judge_geometries(np.full(len(members), None, dtype=object), members.__getitem__)
    assert words[0] == [] and oriented[0] is not None
    for (name, member), found in zip(GEOMETRY_CASES.items(), words[1:], strict=True):
        rule = _rule(name)
        assert found, name
        assert all(_pattern(rule.what).match(w) and _pattern(rule.fix).match(f) for w, f in found), found
        alone: list[tuple[str, str]] = []
        assert validate_geometry(member, lambda w, f, into=alone: into.append((w, f))) is None
        assert alone == found
    assert oriented[1:].tolist() == [None] * len(GEOMETRY_CASES)


def test_a_frames_geometry_of_another_type_and_with_nan_meet_their_rules() -> None:
    import shapely

    geometries = np.array(
        [shapely.GeometryCollection([shapely.Point(114, 22.5)]), shapely.Point(114, float("nan"))],
        dtype=object,
    )
    words, _ = judge_geometries(geometries, lambda i: shapely.geometry.mapping(geometries[i]))
    assert words[0] == [
        (
            "geometry type 'GeometryCollection' is not supported",
            "use one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon",
        )
    ]
    assert _pattern(_rule("finite").what).match(words[1][0][0])


def test_details_are_asked_for_the_rows_the_mask_refuses_only(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []
    swapped = _rule("lat_lon_out_of_range")

    def details(row: Failing) -> list[dict[str, Any]]:
        asked.append(row.member)
        return [{"quote": "q"}]

    rules = tuple(
        Rule(r.name, r.mask, r.what, r.fix, details) if r is swapped else r
        for r in geometry_rules.POSITION_RULES
    )
    monkeypatch.setattr("geo.validation.geometry.POSITION_RULES", rules)
    members = [GEOMETRY_CASES["lat_lon_point"], {"type": "Point", "coordinates": [114.06, 22.5]}] * 3
    words, _ = judge_geometries(np.full(len(members), None, dtype=object), members.__getitem__)
    assert asked == [GEOMETRY_CASES["lat_lon_point"]] * 3
    assert [bool(w) for w in words] == [True, False] * 3


#: Properties breaking each property rule (and a name for the row), by rule name.
PROPERTY_CASES: dict[str, dict[str, Any]] = {
    "id_text": {"id": 7, "name": "A"},
    "id": {"name": "A"},
    "id_snake_case": {"id": "Not Snake", "name": "A"},
    "name": {"id": "a", "name": " "},
    "short_name": {"id": "a", "name": "A", "short_name": 3},
    "name_zh": {"id": "a", "name": "A", "name_zh": ["x"]},
    "kind": {"id": "a", "name": "A", "kind": {}},
    "digitized_from": {"id": "a", "name": "A", "digitized_from": 1.5},
    "name_zh_script": {"id": "a", "name": "A", "name_zh": "河套", "name_zh_script": "zh-XX"},
    "name_zh_script_name": {"id": "a", "name": "A", "name_zh_script": "zh-Hant"},
    "name_zh_hant_text": {"id": "a", "name": "A", "name_zh": "河套", "name_zh_hant": 1},
    "name_zh_hant_han": {"id": "a", "name": "A", "name_zh": "河套", "name_zh_hant": "Loop"},
    "name_zh_hant_name": {"id": "a", "name": "A", "name_zh_hant": "河套"},
    "name_zh_hant_script": {
        "id": "a",
        "name": "A",
        "name_zh": "河套",
        "name_zh_script": "zh-Hant",
        "name_zh_hant": "河套",
    },
    "name_zh_hans_text": {"id": "a", "name": "A", "name_zh": "河套", "name_zh_hans": 1},
    "name_zh_hans_han": {"id": "a", "name": "A", "name_zh": "河套", "name_zh_hans": "Loop"},
    "name_zh_hans_name": {"id": "a", "name": "A", "name_zh_hans": "河套"},
    "name_zh_hans_script": {
        "id": "a",
        "name": "A",
        "name_zh": "河套",
        "name_zh_script": "zh-Hans",
        "name_zh_hans": "河套",
    },
    "aliases_list": {"id": "a", "name": "A", "aliases": "Loop"},
    "aliases": {"id": "a", "name": "A", "aliases": ["Loop", "", 3]},
    "json": {"id": "a", "name": "A", "population": float("inf"), "note": "\ud800"},
    "stated": {"id": "a", "name": "A", "stated": {}},
    "stated_figures": {"id": "a", "name": "A", "stated": [{"value": 1}]},
}


def test_every_property_rule_has_a_case() -> None:
    assert set(PROPERTY_CASES) == {rule.name for rule in property_rules.RULES}


def test_properties_judged_at_once_get_their_rules_words_as_alone() -> None:
    rows = [{"id": "fine", "name": "Fine"}, *PROPERTY_CASES.values()]
    words = property_words(rows)
    assert words[0] == []
    rules = {rule.name: rule for rule in property_rules.RULES}
    for (name, props), found in zip(PROPERTY_CASES.items(), words[1:], strict=True):
        rule = rules[name]
        mine = [(w, f) for w, f in found if _pattern(rule.what).match(w) and _pattern(rule.fix).match(f)]
        assert mine, (name, found)
        alone: list[tuple[str, str]] = []
        validate_properties(props, lambda w, f, into=alone: into.append((w, f)))
        assert alone == found
    assert len(words[PROPERTY_CASES_INDEX["aliases"]]) == 2  # each bad alias
    assert len(words[PROPERTY_CASES_INDEX["json"]]) == 2  # each unwritable member


PROPERTY_CASES_INDEX = {name: number + 1 for number, name in enumerate(PROPERTY_CASES)}


def test_a_hole_outside_its_shell_is_judged_by_its_own_positions_too() -> None:
    """GEOS gives a polygon the bounds of its exterior; the ranges are judged over every position."""
    import shapely

    hole = [[22.0, 114.03125], [22.014982, 114.027424], [22.026296, 114.016884], [22.0, 114.03125]]
    member = {
        "type": "Polygon",
        "coordinates": [
            [[114.03125, 22.0], [114.016884, 22.026296], [113.98, 22.03], [114.03125, 22.0]],
            hole,
        ],
    }
    built = np.array([shapely.geometry.shape(member)], dtype=object)
    (words,), _ = judge_geometries(built, lambda i: member)
    alone: list[tuple[str, str]] = []
    validate_geometry(member, lambda w, f: alone.append((w, f)))
    assert words == alone
    assert words[0][0].startswith("coordinates out of range: position 0 of ring 1 [22.0, 114.03125]")
