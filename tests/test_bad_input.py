"""Every kind of bad input is refused with a line naming the file, the feature, the problem and the fix."""

from __future__ import annotations

import json

import pytest

from geo.atlas import Atlas
from geo.cli import main
from geo.errors import ClaimError, LayerError
from tests.helpers import SQUARE, collection, feature, stated, write


def polygon(coords):
    f = feature()
    f["geometry"]["coordinates"] = coords
    return collection(f)


def with_props(**props):
    return collection(feature(**props))


# (case id, file content, message fragment)
CASES = [
    ("unreadable", None, "is a folder, not a regular file"),
    ("non_utf8", b'{"type": "FeatureCollection", "features": [], "name": "\xff\xfe"}', "not UTF-8"),
    ("not_json", "this is not json", "not valid JSON"),
    ("not_geojson", {"hello": "world"}, "not a GeoJSON FeatureCollection"),
    ("nan", json.dumps(polygon([SQUARE])).replace("114.06, 22.5]", "NaN, 22.5]", 1), "non-finite number NaN"),
    ("huge_number", json.dumps(polygon([SQUARE])).replace("114.07", "1e999", 1), "non-finite"),
    ("unclosed_ring", polygon([SQUARE[:-1]]), "not closed"),
    ("short_ring", polygon([[SQUARE[0], SQUARE[1], SQUARE[0]]]), "at least 4"),
    (
        "self_intersection",
        polygon([[[114.06, 22.5], [114.07, 22.51], [114.07, 22.5], [114.06, 22.51], [114.06, 22.5]]]),
        "crosses itself",
    ),
    ("out_of_range", polygon([[[x + 200, y] for x, y in SQUARE]]), "out of range"),
    ("swapped_lat_lon", polygon([[[y, x] for x, y in SQUARE]]), "look like [lat, lon]"),
    (
        "hk1980_grid",
        polygon([[[820000, 836000], [821000, 836000], [821000, 837000], [820000, 836000]]]),
        "HK1980 Grid",
    ),
    ("duplicate_ids", collection(feature("same_id"), feature("same_id")), "already used"),
    ("id_not_snake_case", with_props(id="Hetao-HK Park"), "not lowercase snake_case"),
    ("stated_negative", with_props(stated=[stated(value=-87, hectares=-87)]), "positive number"),
    ("stated_string", with_props(stated=[stated(value="87")]), "positive number"),
    ("stated_zero", with_props(stated=[stated(value=0, hectares=0)]), "positive number"),
]


@pytest.mark.parametrize(("case", "content", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_layer_exits_2_with_one_clear_line(case, content, fragment, tmp_path, capsys):
    path = tmp_path / "layers" / f"{case}.geojson"
    if content is None:
        path.mkdir(parents=True)  # a folder named like a layer: reading it fails
    else:
        write(path, content)
    assert main(["check", "--layers", str(path.parent)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert any(fragment in line for line in lines), err
    assert all(line.startswith(f"gba-atlas: error: {path}") and "; fix: " in line for line in lines), err
    assert "Traceback" not in err


def test_feature_is_named_by_id_and_index(tmp_path):
    path = write(tmp_path / "a.geojson", collection(feature("ok_one"), feature("broken", coords=SQUARE[:-1])))
    with pytest.raises(LayerError) as caught:
        Atlas.load(tmp_path)
    assert "feature 'broken' (#1): ring 0 is not closed" in str(caught.value)
    assert str(path) in str(caught.value)


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    write(tmp_path / "a.geojson", collection(feature("Bad Id"), feature("b", coords=SQUARE[:-1])))
    write(tmp_path / "b.geojson", "{")
    with pytest.raises(LayerError) as caught:
        Atlas.load(tmp_path)
    assert len(caught.value.problems) == 3


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path / "a.geojson", collection(feature("twin")))
    write(tmp_path / "b.geojson", collection(feature("twin")))
    with pytest.raises(
        LayerError, match=r"b\.geojson: feature 'twin': id 'twin' is already used in .*a\.geojson"
    ):
        Atlas.load(tmp_path)


def test_clockwise_ring_is_accepted_and_normalised(tmp_path):
    write(tmp_path / "a.geojson", polygon([SQUARE[::-1]]))
    geometry = Atlas.load(tmp_path).features["test_square"].geometry
    assert geometry.exterior.is_ccw


def test_utf8_bom_is_accepted(tmp_path):
    write(tmp_path / "a.geojson", b"\xef\xbb\xbf" + json.dumps(collection()).encode())
    assert list(Atlas.load(tmp_path).features) == ["test_square"]


def test_stated_hectares_must_match_value_and_unit(tmp_path):
    write(tmp_path / "a.geojson", with_props(stated=[stated(value=3.02, unit="km²", hectares=30.2)]))
    with pytest.raises(LayerError, match=r"hectares 30.2 does not match 3.02 km² \(= 302 ha\)"):
        Atlas.load(tmp_path)


def test_claim_naming_a_missing_feature(tmp_path):
    write(tmp_path / "a.geojson", collection())
    claim = {
        "id": "c",
        "claim": "x",
        "sentence": "y",
        "test": "within",
        "feature": "test_square",
        "container": "nowhere",
    }
    write(tmp_path / "claims.json", {"claims": [claim]})
    with pytest.raises(ClaimError, match="names feature 'nowhere', which no layer has"):
        Atlas.load(tmp_path)


def test_missing_layers_folder_is_bad_input(tmp_path, capsys):
    assert main(["check", "--layers", str(tmp_path / "nope")]) == 2
    assert f"{tmp_path / 'nope'}: does not exist; fix:" in capsys.readouterr().err
    (tmp_path / "file").write_text("")
    assert main(["check", "--layers", str(tmp_path / "file")]) == 2
    assert f"{tmp_path / 'file'}: is not a folder; fix:" in capsys.readouterr().err
