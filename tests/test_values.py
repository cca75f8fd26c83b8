"""Values: stated figures within what can be checked, real calendar dates, JSON output that is JSON."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely import Polygon

from geo import Atlas, AtlasError, ClaimError, LayerError
from geo.cli import main
from geo.io.layer_file import layer_geojson
from geo.model import AreaCheck, Report, StatedFigure
from geo.report import to_json
from geo.validation.sources import validate_date
from geo.validation.stated_rules import MAX_HECTARES, MIN_HECTARES, validate_stated
from tests.helpers import SOURCE, SQUARE, collection, feature, stated, write


def problems(check, value) -> list[str]:
    found: list[str] = []
    check(value, lambda what, fix: found.append(what))
    return found


def strict_json(text: str):
    """Decode JSON that must hold no NaN or Infinity."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("hectares", "expected"),
    [
        (1e-310, "hectares 1e-310 is below 1e-06 ha (0.01 m²), too small to check against"),
        (1e-7, "hectares 1e-07 is below 1e-06 ha"),
        (1e300, "hectares 1e+300 is more than the surface of the Earth (5.1e+10 ha)"),
    ],
)
def test_stated_figures_out_of_checkable_range_are_refused(hectares, expected):
    (found,) = problems(validate_stated, stated(value=hectares, hectares=hectares))
    assert found.startswith(expected)


@pytest.mark.parametrize("hectares", [MIN_HECTARES, 0.5, MAX_HECTARES])
def test_stated_figures_at_the_bounds_are_accepted(hectares):
    assert problems(validate_stated, stated(value=hectares, hectares=hectares)) == []


def test_the_smallest_figure_gives_a_json_report_that_is_json(tmp_path, capsys):
    path = write(
        tmp_path / "layers" / "a.geojson", collection(feature(stated=[stated(value=1e-6, hectares=1e-6)]))
    )
    assert main(["check", "--layers", str(path.parent), "--format", "json"]) == 1
    report = strict_json(capsys.readouterr().out)
    assert math.isfinite(report["areas"][0]["deviation_pct"]) and report["areas"][0]["deviation_pct"] > 1e9


def test_1e_310_ha_is_refused_before_any_report_is_written(tmp_path, capsys):
    path = write(
        tmp_path / "layers" / "a.geojson", collection(feature(stated=[stated(value=1e-310, hectares=1e-310)]))
    )
    assert main(["check", "--layers", str(path.parent), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Infinity" not in err and "hectares 1e-310 is below" in err


def test_a_report_holding_nan_is_an_error_not_invalid_json():
    figure = StatedFigure.from_dict(stated(value=1, hectares=1))
    report = Report(areas=(AreaCheck("a", "A", figure, float("nan")),), claims=())
    with pytest.raises(AtlasError, match="the report holds NaN or Infinity, which JSON cannot hold"):
        to_json(report)


def test_a_layer_holding_nan_is_not_written_as_invalid_json():
    atlas = Atlas().add_layer(collection(feature()), name="a")
    atlas.layers[0].features[0].properties["extra"] = float("inf")  # past validation, by hand
    with pytest.raises(LayerError, match="holds NaN or Infinity, which a layer file cannot hold"):
        layer_geojson(atlas.layers[0])


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), [1.0, float("-inf")], {"a": {"b": float("nan")}}]
)
def test_properties_holding_nan_are_refused(value):
    with pytest.raises(LayerError, match="property 'extra' holds NaN or Infinity, which JSON cannot hold"):
        Atlas().add_layer(collection(feature(extra=value)), name="a")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023-13-45", "source date '2023-13-45' is not a real date: there is no month 13"),
        ("2023-00", "source date '2023-00' is not a real date: there is no month 00"),
        ("0000", "source date '0000' is not a real date: there is no year 0000"),
        (
            "2023-02-29",
            "source date '2023-02-29' is not a real calendar date (day is out of range for month)",
        ),
        ("2023-04-31", "source date '2023-04-31' is not a real calendar date"),
        ("٢٠٢٣", "source date '٢٠٢٣' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023\n", "source date '2023\\n' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023-1-5", "source date '2023-1-5' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (20230829, "source date 20230829 is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_dates_must_be_real_calendar_dates(date, expected):
    found = problems(validate_date, date)
    assert len(found) == 1 and found[0].startswith(expected)


@pytest.mark.parametrize("date", ["2023", "2023-12", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_real_dates_are_accepted(date):
    assert problems(validate_date, date) == []


def test_a_claim_source_date_is_checked_the_same_way():
    claim = {
        "id": "c",
        "claim": "In the square",
        "sentence": "s",
        "test": "within",
        "feature": "test_square",
        "container": "test_square",
        "source": {**SOURCE, "date": "2023-13-45"},
    }
    with pytest.raises(ClaimError, match="there is no month 13"):
        Atlas().add_layer(collection(feature()), name="a", claims=[claim])


@pytest.mark.parametrize(
    ("key", "value"), [("name", "Test \ud800"), ("extra", {"k\udc00": 1}), ("kind", "\udfff")]
)
def test_lone_surrogates_given_from_python_are_refused(key, value):
    with pytest.raises(LayerError, match=rf"property '{key}' holds a lone UTF-16 surrogate \\ud[8-f]"):
        Atlas().add_layer(collection(feature(**{key: value})), name="a")


def test_a_geodataframe_name_with_a_lone_surrogate_is_refused():
    names = pd.Series(["A \ud800"], dtype=object)  # an Arrow string column could not hold it at all
    frame = gpd.GeoDataFrame({"id": ["a"], "name": names}, geometry=[Polygon(SQUARE)], crs=4326)
    with pytest.raises(LayerError, match=r"property 'name' holds a lone UTF-16 surrogate \\ud800"):
        Atlas().add_layer(frame, name="frame")


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '[{"value": 1, "value": 2}]', '["\\ud800"]', "[NaN]"]
)
def test_a_stated_column_of_bad_json_is_refused_not_a_crash(text):
    frame = gpd.GeoDataFrame(
        {"id": ["a"], "name": ["A"], "stated": [text]}, geometry=[Polygon(SQUARE)], crs=4326
    )
    with pytest.raises(LayerError, match="stated must be a list of stated figures"):
        Atlas().add_layer(frame, name="frame")
