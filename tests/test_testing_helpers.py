"""geo.testing: assert_area, assert_claim and assert_layers_valid, and their messages."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely

from geo import Atlas, ClaimError, geodesic_area
from geo.atlas import BUNDLED_LAYERS
from geo.model import AreaCheck, Source, StatedFigure
from geo.report import area_cells
from geo.testing import assert_area, assert_claim, assert_layers_valid, format_area_failure

CORPUS = Path(__file__).parent / "corpus"
SQUARE = shapely.box(114.0, 22.4, 114.01, 22.41)
SQUARE_HA = float(geodesic_area([SQUARE])[0]) / 10_000  # 114.02 ha
SOURCE = {"title": "A plan", "issuer": "A bureau", "date": "2024-05", "url": "https://example.org/plan"}


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(BUNDLED_LAYERS)


def error_of(call: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """The message of the AssertionError ``call(*args, **kwargs)`` raises."""
    with pytest.raises(AssertionError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


# --------------------------------------------------------------------------- #
# assert_area
# --------------------------------------------------------------------------- #


def test_a_bare_geometry_is_named_by_its_type() -> None:
    assert error_of(assert_area, SQUARE, 100, tolerance_pct=1).startswith("Polygon: computed 114.0 ha")


def test_a_polygon_within_tolerance_passes() -> None:
    assert_area(SQUARE, 114, tolerance_pct=0.1)
    assert_area(SQUARE, 115, tolerance_pct=1)  # -0.85 %
    assert_area(shapely.MultiPolygon([SQUARE]), SQUARE_HA, tolerance_pct=1e-9)


def test_the_tolerance_is_inclusive_and_signed_both_ways() -> None:
    assert_area(SQUARE, SQUARE_HA / 1.05, tolerance_pct=5.0 + 1e-9)
    assert_area(SQUARE, SQUARE_HA / 0.95, tolerance_pct=5.0 + 1e-9)
    error_of(assert_area, SQUARE, SQUARE_HA / 1.06, tolerance_pct=5)
    error_of(assert_area, SQUARE, SQUARE_HA / 0.94, tolerance_pct=5)


def test_a_failure_carries_the_report_line() -> None:
    message = error_of(assert_area, SQUARE, 100, tolerance_pct=5, name="My square")
    lines = message.splitlines()
    assert lines[0] == "My square: computed 114.0 ha against 100 ha (100.0 ha) is +14.02 %, allowed ±5 %"
    assert re.split(r"\s{2,}", lines[1]) == [
        "platform",
        "stated",
        "stated ha",
        "computed ha",
        "deviation",
        "tolerance",
        "ok",
    ]
    assert re.split(r"\s{2,}", lines[2]) == ["My square", "100 ha", "100.0", "114.0", "+14.02 %", "±5 %", "✗"]
    assert lines[-1].startswith("fix: the polygon is larger than stated")


def test_a_stated_figure_brings_its_text_tolerance_and_source() -> None:
    feature = {
        "type": "Feature",
        "properties": {"id": "my_square", "name": "My square"},
        "geometry": json.loads(shapely.to_geojson(SQUARE)),
    }
    figure = {"as_stated": "about 1.2 km²", "hectares": 120, "tolerance_pct": 2.0, "source": SOURCE}
    message = error_of(assert_area, feature, figure)
    assert message.splitlines()[0] == (
        "My square: computed 114.0 ha against about 1.2 km² (120.0 ha) is -4.98 %, allowed ±2 %"
    )
    assert "source: A bureau, A plan (2024-05) <https://example.org/plan>" in message
    assert "fix: the polygon is smaller than stated" in message
    assert_area(feature, figure, tolerance_pct=5)  # an explicit tolerance wins


def test_an_atlas_feature_and_its_stated_figures(atlas: Atlas) -> None:
    park = atlas.features["hetao_hk_park"]
    for figure in park.stated:
        assert_area(park, figure)
    message = error_of(assert_area, park, park.stated[0], tolerance_pct=1e-9)
    check = next(a for a in atlas.report().areas if a.id == "hetao_hk_park")
    cells = area_cells(check)
    cells[-2] = "±1e-09 %"
    cells[-1] = "✗"
    assert re.split(r"\s{2,}", message.splitlines()[2]) == cells
    assert f"source: {park.stated[0].source}" in message


def test_the_message_is_the_plugins(atlas: Atlas) -> None:
    park = atlas.features["hetao_hk_park"]
    check = next(a for a in atlas.report().areas if a.id == "hetao_hk_park")
    message = error_of(assert_area, park, park.stated[0], tolerance_pct=1e-12)
    failed = dataclasses.replace(check, figure=dataclasses.replace(check.figure, tolerance_pct=1e-12))
    assert not failed.ok
    assert message.splitlines()[1:] == format_area_failure(failed).splitlines()[1:]


def test_geodataframes_rows_and_other_crs(atlas: Atlas) -> None:
    frame = gpd.GeoDataFrame({"id": ["sq"], "name": ["Square"]}, geometry=[SQUARE], crs=4326)
    assert_area(frame, 114, tolerance_pct=0.1)
    assert_area(frame.iloc[0], 114, tolerance_pct=0.1)
    assert_area(frame.geometry, 114, tolerance_pct=0.1)
    assert_area(frame.to_crs(2326), 114, tolerance_pct=0.1)  # HK1980 Grid: reprojected
    assert error_of(assert_area, frame.iloc[0], 50, tolerance_pct=1).startswith("Square: ")
    assert error_of(assert_area, frame, 50, tolerance_pct=1).startswith("Square: ")


def test_the_verdict_and_message_are_the_models() -> None:
    figure = StatedFigure("100 ha", 100, "ha", 100.0, False, 5.0, "a round figure", Source("P", "B", "2024"))
    message = error_of(assert_area, SQUARE, figure, name="My square")
    check = AreaCheck("Polygon", "My square", figure, computed_ha=SQUARE_HA)
    assert not check.ok
    assert message == format_area_failure(check)
    assert "source: B, P (2024)" in message


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ({"hectares": 114, "value": 1.2, "unit": "km²"}, "hectares 114 does not match 1.2 km²"),
        ({"hectares": 114, "source": {"title": "A plan"}}, "source issuer is missing or empty"),
        ({"hectares": 114, "about": "yes"}, "about must be true or false"),
    ],
    ids=["value-and-unit", "source", "about"],
)
def test_a_figure_dict_is_validated_as_in_a_layer_file(figure: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"the stated figure is not valid: {message}")):
        assert_area(SQUARE, figure, tolerance_pct=1)


@pytest.mark.parametrize(
    ("data", "stated", "kwargs", "error", "message"),
    [
        (SQUARE, 114, {}, TypeError, "pass tolerance_pct="),
        (SQUARE, 0, {"tolerance_pct": 1}, ValueError, "positive number of hectares"),
        (SQUARE, True, {"tolerance_pct": 1}, TypeError, "stated must be hectares"),
        (SQUARE, {"as_stated": "87 ha"}, {"tolerance_pct": 1}, ValueError, "positive 'hectares'"),
        (SQUARE, 114, {"tolerance_pct": -1}, ValueError, "tolerance_pct must be a number"),
        (shapely.LineString([(114, 22.4), (114.01, 22.4)]), 1, {"tolerance_pct": 1}, ValueError, "no area"),
        (shapely.Polygon(), 1, {"tolerance_pct": 1}, ValueError, "is empty"),
        (
            shapely.from_wkt("POLYGON ((114 22, 114.1 22.1, 114.1 22, 114 22.1, 114 22))"),
            1,
            {"tolerance_pct": 1},
            ValueError,
            "not a valid polygon (Self-intersection",
        ),
        (shapely.box(820000, 836000, 821000, 837000), 100, {"tolerance_pct": 1}, ValueError, "to_crs(4326)"),
        ("qianhai", 100, {"tolerance_pct": 1}, TypeError, "cannot take the area of a str"),
        (gpd.GeoSeries([SQUARE, SQUARE]), 100, {"tolerance_pct": 1}, ValueError, "not a GeoSeries of 2 rows"),
        ({"type": "Feature", "properties": {}}, 1, {"tolerance_pct": 1}, ValueError, "has no geometry"),
    ],
    ids=[
        "no-tolerance",
        "zero",
        "bool",
        "figure-without-hectares",
        "negative-tolerance",
        "line",
        "empty",
        "bowtie",
        "metres",
        "string",
        "two-rows",
        "feature-without-geometry",
    ],
)
def test_arguments_that_cannot_be_checked(
    data: Any, stated: Any, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        assert_area(data, stated, **kwargs)


# --------------------------------------------------------------------------- #
# assert_claim
# --------------------------------------------------------------------------- #

SZ_PARK_IN_NM = {
    "id": "sz_park_in_northern_metropolis",
    "claim": "The Shenzhen Park lies in the Northern Metropolis",
    "sentence": "(a wrong reading of the article)",
    "test": "within",
    "feature": "hetao_sz_park",
    "container": "northern_metropolis",
}


def test_a_claim_of_an_atlas_by_id_or_report_row(atlas: Atlas) -> None:
    assert_claim("one_zone_two_parks", atlas)
    assert_claim("one_river_two_banks", BUNDLED_LAYERS)
    for result in atlas.report().claims:
        assert_claim(result)


def test_a_new_claim_about_an_atlas_leaves_it_unchanged(atlas: Atlas) -> None:
    before = [c.id for c in atlas.claims]
    assert_claim({**SZ_PARK_IN_NM, "feature": "hetao_hk_park", "id": "hk_park_in_nm"}, atlas)
    message = error_of(assert_claim, SZ_PARK_IN_NM, atlas)
    lines = message.splitlines()
    assert lines[0].startswith("claim 'sz_park_in_northern_metropolis' does not hold: ")
    assert "of hetao_sz_park lies in northern_metropolis (needs 99%): not inside" in lines[0]
    assert re.split(r"\s{2,}", lines[1]) == ["claim", "ok", "detail"]
    assert re.split(r"\s{2,}", lines[2])[:2] == ["The Shenzhen Park lies in the Northern Metropolis", "✗"]
    assert lines[3:] == [
        "sentence: (a wrong reading of the article)",
        "features: hetao_sz_park, northern_metropolis",
    ]
    assert [c.id for c in atlas.claims] == before


def test_a_claim_about_geometries() -> None:
    features = {"small": SQUARE, "large": shapely.box(113.99, 22.39, 114.02, 22.42)}
    claim = {
        "id": "near",
        "claim": "Small is within 10 m of large",
        "sentence": "Small borders large.",
        "test": "adjacent",
        "feature": "small",
        "to": "large",
        "max_distance_m": 10,
    }
    assert_claim(claim, features)
    far = {"small": SQUARE, "large": shapely.box(114.02, 22.4, 114.03, 22.41)}
    assert "small is 1,030 m from large (allowed 10 m)" in error_of(assert_claim, claim, far)


def test_a_claim_about_features_and_invalid_geometries(atlas: Atlas) -> None:
    ids = ("hetao_hk_park", "northern_metropolis")
    claim = {**SZ_PARK_IN_NM, "feature": "hetao_hk_park"}
    assert_claim(claim, {fid: atlas.features[fid] for fid in ids})  # model features, as they are
    bowtie = shapely.from_wkt("POLYGON ((114 22, 114.1 22.1, 114.1 22, 114 22.1, 114 22))")
    with pytest.raises(ValueError, match="feature 'hetao_hk_park' is not a valid geometry"):
        assert_claim(claim, {"hetao_hk_park": bowtie, "northern_metropolis": SQUARE})


def test_a_bad_claim_raises_the_command_lines_message(atlas: Atlas) -> None:
    with pytest.raises(ClaimError, match="names feature 'nowhere', which no layer has"):
        assert_claim({**SZ_PARK_IN_NM, "container": "nowhere"}, atlas)
    with pytest.raises(
        ValueError, match=r"no claim 'nope'; the claims are \['hk_park_in_northern_metropolis'"
    ):
        assert_claim("nope", atlas)
    with pytest.raises(TypeError, match="pass the atlas"):
        assert_claim("one_zone_two_parks")
    with pytest.raises(TypeError, match="pass the features"):
        assert_claim(SZ_PARK_IN_NM)
    with pytest.raises(TypeError, match="not a int"):
        assert_claim(3)


# --------------------------------------------------------------------------- #
# assert_layers_valid
# --------------------------------------------------------------------------- #


def test_valid_layers_give_their_atlas() -> None:
    atlas = assert_layers_valid(BUNDLED_LAYERS)
    assert "hetao_hk_park" in atlas.features


def test_bad_layers_list_every_problem_as_the_command_line_does(tmp_path: Path) -> None:
    for name in ("unclosed_ring.geojson", "hk1980_grid.geojson"):
        shutil.copy(CORPUS / name, tmp_path / name)
    message = error_of(assert_layers_valid, tmp_path)
    lines = message.splitlines()
    assert lines[0] == f"{tmp_path}: the layers are not valid ({len(lines) - 1} problems)"
    assert len(lines) >= 3
    assert all(line.startswith(f"gba-atlas: error: {tmp_path}/") for line in lines[1:])
    assert any("hk1980_grid.geojson" in line and "EPSG:2326" in line for line in lines[1:])
    assert any("unclosed_ring.geojson" in line and "is not closed" in line for line in lines[1:])
