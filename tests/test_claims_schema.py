"""Claims are held to their test's schema, and claim ids are unique across every source of claims.

The same inputs as the claim cases of the corpus (tests/corpus/cases-claims.json),
given through the notebook API: ``Atlas.add_layer(..., claims=[...])``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from shapely import MultiLineString, Point, box

from geo import Atlas, ClaimError
from geo.claim_tests import CLAIM_TESTS, FEATURE_KINDS, GEOMETRY_KINDS, MAX_DISTANCE_M
from geo.model import Claim, Feature
from geo.validation import parse_claims


def write(path: Path, data: dict) -> Path:
    """Write ``data`` to ``path`` as JSON."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def geo_feature(fid: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"id": fid, "name": fid.replace("_", " ")}, "geometry": geometry}


def square(x0: float, y0: float) -> dict:
    ring = [[x0, y0], [x0 + 0.01, y0], [x0 + 0.01, y0 + 0.01], [x0, y0 + 0.01], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


#: Two parks on either side of a river, and a gate inside the north park.
TWO_BANKS = {
    "type": "FeatureCollection",
    "features": [
        geo_feature("north_park", square(114.06, 22.52)),
        geo_feature("south_park", square(114.06, 22.48)),
        geo_feature(
            "border_river", {"type": "LineString", "coordinates": [[114.05, 22.505], [114.08, 22.505]]}
        ),
        geo_feature("north_gate", {"type": "Point", "coordinates": [114.065, 22.525]}),
    ],
}

WITHIN = {"test": "within", "feature": "north_gate", "container": "north_park"}
ADJACENT = {"test": "adjacent", "feature": "north_park", "to": "border_river", "max_distance_m": 5000}
OPPOSITE = {"test": "opposite_sides", "features": ["north_park", "south_park"], "line": "border_river"}


def claim(cid: str = "c", **fields: object) -> dict:
    return {"id": cid, "claim": "A claim", "sentence": "The sentence.", **fields}


def add(claims: list, atlas: Atlas | None = None) -> Atlas:
    atlas = atlas if atlas is not None else Atlas(layers=[], claims=[])
    return atlas.add_layer(TWO_BANKS, name="Two banks", claims=claims)


# (case, claim, a fragment of the one problem line)
BAD = [
    ("test_list", claim(**{**WITHIN, "test": ["within"]}), "(a string), not a list"),
    ("test_object", claim(**{**WITHIN, "test": {"name": "within"}}), "(a string), not an object"),
    ("test_null", claim(**{**WITHIN, "test": None}), "(a string), not null"),
    ("test_number", claim(**{**WITHIN, "test": 3}), "(a string), not the number 3"),
    ("test_misspelt", claim(**{**WITHIN, "test": "adjacant"}), "did you mean 'adjacent'?"),
    (
        "line_polygon",
        claim(**{**OPPOSITE, "line": "south_park", "features": ["north_park", "north_gate"]}),
        "line names 'south_park', a Polygon, but an opposite_sides claim needs a line there",
    ),
    (
        "line_point",
        claim(**{**OPPOSITE, "line": "north_gate"}),
        "line names 'north_gate', a Point, but an opposite_sides claim needs a line there",
    ),
    (
        "container_line",
        claim(**{**WITHIN, "container": "border_river"}),
        "container names 'border_river', a LineString, but a within claim needs an area there",
    ),
    (
        "distance_inf",
        claim(**{**ADJACENT, "max_distance_m": math.inf}),
        "max_distance_m must be a finite number, not Infinity",
    ),
    (
        "distance_nan",
        claim(**{**ADJACENT, "max_distance_m": math.nan}),
        "max_distance_m must be a finite number, not NaN",
    ),
    (
        "distance_huge_int",
        claim(**{**ADJACENT, "max_distance_m": 10**400}),
        "farther than any two places on Earth",
    ),
    ("distance_negative", claim(**{**ADJACENT, "max_distance_m": -1}), "must be a distance >= 0 m, not -1"),
    (
        "distance_bool",
        claim(**{**ADJACENT, "max_distance_m": True}),
        "a distance in metres (a number), not true",
    ),
    (
        "min_shar",
        claim(**WITHIN, min_shar=0.5),
        "unknown parameter 'min_shar' for a within claim; did you mean 'min_share'?",
    ),
    (
        "parameter_of_another_test",
        claim(**WITHIN, max_distance_m=5),
        "unknown parameter 'max_distance_m' for a within claim, which takes feature, container, min_share",
    ),
    ("share_negative", claim(**WITHIN, min_share=-0.5), "min_share must be in (0, 1], not -0.5"),
    ("share_nan", claim(**WITHIN, min_share=math.nan), "min_share must be a finite number, not NaN"),
    ("share_zero", claim(**WITHIN, min_share=0), "min_share must be in (0, 1], not 0"),
    ("share_percent", claim(**WITHIN, min_share=99), "min_share must be in (0, 1], not 99"),
    ("same_feature", claim(**{**ADJACENT, "to": "north_park"}), "names feature 'north_park' 2 times"),
    (
        "feature_is_line",
        claim(**{**OPPOSITE, "features": ["north_park", "border_river"]}),
        "names feature 'border_river' 2 times",
    ),
]


@pytest.mark.parametrize(("case", "bad", "message"), BAD, ids=[case for case, _, _ in BAD])
def test_add_layer_refuses_a_claim_that_breaks_its_schema(case, bad, message):
    atlas = Atlas(layers=[], claims=[])
    with pytest.raises(ClaimError) as raised:
        add([bad], atlas)
    lines = str(raised.value).splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("<Two banks>: claim 'c' (#0): ") and "; fix: " in lines[0]
    assert message in lines[0]
    assert (atlas.layers, atlas.claims) == ([], [])


def test_a_misspelt_parameter_s_fix_names_the_parameter():
    with pytest.raises(ClaimError) as raised:
        add([claim(**WITHIN, min_shar=0.5)])
    assert raised.value.problems[0].fix == "rename it to 'min_share'"


def test_valid_claims_on_a_point_a_line_and_polygons_hold():
    atlas = add([claim("inside", **WITHIN), claim("near", **ADJACENT), claim("banks", **OPPOSITE)])
    results = {result.id: result for result in atlas.report().claims}
    assert set(results) == {"inside", "near", "banks"}
    assert all(result.ok for result in results.values()), [r.detail for r in results.values()]
    assert results["inside"].detail.startswith("100.0% of north_gate lies in north_park")


def test_a_point_outside_its_container_is_not_within():
    outside = claim(**{**WITHIN, "container": "south_park"})
    (result,) = add([outside]).report().claims
    assert not result.ok
    assert result.detail.startswith("0.0% of north_gate lies in south_park")


def test_a_claim_id_of_claims_json_cannot_be_reused_by_a_layer_added_later(tmp_path):
    write(tmp_path / "two_banks.geojson", TWO_BANKS)
    write(tmp_path / "claims.json", {"claims": [claim("same", **WITHIN)]})
    atlas = Atlas.load(tmp_path)
    more = {**TWO_BANKS, "features": [geo_feature("east_park", square(114.2, 22.52))]}
    with pytest.raises(ClaimError) as raised:
        atlas.add_layer(more, name="More", claims=[claim("same", **{**WITHIN, "container": "east_park"})])
    assert str(raised.value) == (
        f"<More>: claim 'same' (#0): claim id 'same' is already used in {tmp_path / 'claims.json'}; "
        "fix: give every claim an id of its own"
    )
    assert [c.id for c in atlas.claims] == ["same"] and len(atlas.layers) == 1


def test_a_claim_id_cannot_be_used_by_two_added_layers():
    atlas = add([claim("same", **WITHIN)])
    more = {**TWO_BANKS, "features": [geo_feature("east_park", square(114.2, 22.52))]}
    with pytest.raises(ClaimError, match=r"claim id 'same' is already used in <Two banks>; fix: "):
        atlas.add_layer(more, name="More", claims=[claim("same", **{**WITHIN, "container": "east_park"})])
    assert [c.id for c in atlas.claims] == ["same"]


def test_a_claim_id_given_to_the_constructor_counts_too():
    mine = Claim("same", "A claim", "The sentence.", "within", {})
    with pytest.raises(ClaimError, match=r"claim id 'same' is already used in the atlas's claims"):
        add([claim("same", **WITHIN)], Atlas(layers=[], claims=[mine]))


def test_the_same_id_in_a_layer_file_and_in_claims_given_with_it_is_refused():
    data = {**TWO_BANKS, "claims": [claim("same", **WITHIN)]}
    with pytest.raises(ClaimError, match=r"claim 'same' \(#1\): claim id 'same' is already used by claim #0"):
        Atlas(layers=[], claims=[]).add_layer(data, name="Two banks", claims=[claim("same", **ADJACENT)])


def test_load_reports_the_problems_of_every_source_of_claims_together(tmp_path):
    layer = write(tmp_path / "two_banks.geojson", {**TWO_BANKS, "claims": [claim("same", **ADJACENT)]})
    claims_file = write(
        tmp_path / "claims.json", {"claims": [claim("same", **WITHIN), claim("bad", test=[])]}
    )
    with pytest.raises(ClaimError) as raised:
        Atlas.load(tmp_path)
    assert [p.file for p in raised.value.problems] == [str(claims_file), str(layer)]
    assert "not a list" in raised.value.problems[0].what
    assert raised.value.problems[1].what == f"claim id 'same' is already used in {claims_file}"


def test_load_keeps_one_of_each_id_across_files(tmp_path):
    write(tmp_path / "two_banks.geojson", {**TWO_BANKS, "claims": [claim("near", **ADJACENT)]})
    write(tmp_path / "claims.json", {"claims": [claim("inside", **WITHIN)]})
    atlas = Atlas.load(tmp_path)
    assert [c.id for c in atlas.claims] == ["inside", "near"]
    assert [c.id for c in atlas.report().claims] == ["inside", "near"]


FEATURES = {
    "north_park": Feature("north_park", "North", box(114.06, 22.52, 114.07, 22.53), "L"),
    "river": Feature("river", "River", MultiLineString([[(114.05, 22.5), (114.08, 22.5)]]), "L"),
    "gate": Feature("gate", "Gate", Point(114.065, 22.525), "L"),
}
LINE_A_POINT = claim(test="opposite_sides", features=["north_park", "river"], line="gate")


@pytest.mark.parametrize(
    "known",
    [
        FEATURES,
        {k: f.geometry for k, f in FEATURES.items()},
        {k: f.geometry.geom_type for k, f in FEATURES.items()},
    ],
    ids=["features", "geometries", "geometry types"],
)
def test_parse_claims_checks_geometry_kinds_given_features_geometries_or_their_types(known):
    with pytest.raises(
        ClaimError, match="line names 'gate', a Point, but an opposite_sides claim needs a line"
    ):
        parse_claims({"claims": [LINE_A_POINT]}, file="f", feature_ids=known)


def test_parse_claims_given_only_ids_still_checks_that_they_exist():
    assert parse_claims({"claims": [LINE_A_POINT]}, file="f", feature_ids=set(FEATURES))[0].id == "c"
    with pytest.raises(ClaimError, match="names feature 'gate', which no layer has"):
        parse_claims({"claims": [LINE_A_POINT]}, file="f", feature_ids=["north_park", "river"])


def test_opposite_sides_accepts_a_multilinestring_line():
    south = Feature("south_park", "South", box(114.06, 22.48, 114.07, 22.49), "L")
    features = {**FEATURES, "south_park": south}
    data = {"claims": [claim(test="opposite_sides", features=["north_park", "south_park"], line="river")]}
    (parsed,) = parse_claims(data, file="f", feature_ids=features)
    assert CLAIM_TESTS["opposite_sides"].decide(parsed, features)[0]


def test_a_claim_with_a_key_that_is_not_a_string_is_refused_not_a_crash():
    with pytest.raises(ClaimError, match="holds the key 1, which is not text"):
        add([{**claim(**WITHIN), 1: "x"}])


def test_every_geometry_a_parameter_declares_is_known_and_on_a_feature_parameter():
    declared = [(p.kind, p.geometry) for t in CLAIM_TESTS.values() for p in t.params.values() if p.geometry]
    assert declared, "some parameter declares a geometry"
    assert all(kind in FEATURE_KINDS and geometry in GEOMETRY_KINDS for kind, geometry in declared)
    assert CLAIM_TESTS["opposite_sides"].params["line"].geometry == "line"
    assert CLAIM_TESTS["within"].params["container"].geometry == "area"
    assert CLAIM_TESTS["total_area"].params["features"].geometry == "area"


def test_the_largest_distance_is_accepted_and_one_metre_more_is_not():
    assert add([claim(**{**ADJACENT, "max_distance_m": MAX_DISTANCE_M})]).report().claims[0].ok
    with pytest.raises(ClaimError, match="farther than any two places on Earth"):
        add([claim(**{**ADJACENT, "max_distance_m": MAX_DISTANCE_M + 1})])
