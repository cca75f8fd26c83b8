"""geo.testing at its edges: broken GeoJSON, numpy numbers, assert_layers_valid(None) (issue 25)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

from geo.atlas import BUNDLED_LAYERS
from geo.testing import assert_area, assert_layers_valid

SQUARE = shapely.box(114.0, 22.4, 114.01, 22.41)  # 114.0 ha
RING = [[114.0, 22.4], [114.01, 22.4], [114.01, 22.41], [114.0, 22.41], [114.0, 22.4]]


def as_feature(geometry: Any, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"id": "sq", **properties}, "geometry": geometry}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (as_feature({"type": "Polygon"}), "the geometry of sq has no 'coordinates'; give them"),
        (as_feature({"type": "MultiPolygon"}, name="Sq"), "the geometry of Sq has no 'coordinates'"),
        ({"type": "Polygon"}, "the GeoJSON geometry has no 'coordinates'"),
        (as_feature("POLYGON ((114 22.4, 114.01 22.4, 114.01 22.41, 114 22.4))"), "is a str, not a GeoJSON"),
        (as_feature(["not", "a", "geometry"]), "the geometry of sq is a list, not a GeoJSON geometry dict"),
        (as_feature(7), "the geometry of sq is a int, not a GeoJSON geometry dict"),
        (as_feature({"type": "Polygon", "coordinates": [[[114.0]]]}), "the geometry of sq cannot be read ("),
        (
            as_feature({"type": "Polygon", "coordinates": "[[114, 22]]"}),
            "the geometry of sq cannot be read (",
        ),
        ({"type": "Polygon", "coordinates": None}, "Polygon is empty; pass a Polygon"),
        ({"type": "Hexagon", "coordinates": [RING]}, "the GeoJSON geometry cannot be read ("),
    ],
    ids=[
        "feature-without-coordinates",
        "multipolygon-without-coordinates",
        "geometry-without-coordinates",
        "wkt-string-geometry",
        "list-geometry",
        "number-geometry",
        "short-position",
        "coordinates-as-text",
        "null-coordinates",
        "unknown-type",
    ],
)
def test_broken_geojson_is_a_value_error_saying_what_is_wrong(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        assert_area(data, 114, tolerance_pct=1)
    assert str(caught.value).startswith("assert_area: ")
    assert not isinstance(caught.value, AssertionError)


def test_wkt_text_is_refused_with_the_way_to_read_it() -> None:
    with pytest.raises(TypeError, match=re.escape("pass shapely.from_wkt(text)")):
        assert_area(SQUARE.wkt, 114, tolerance_pct=1)
    assert_area(shapely.from_wkt(SQUARE.wkt), 114, tolerance_pct=1)  # as the message says


@pytest.mark.parametrize(
    "hectares", [np.int64(114), np.int32(114), np.float64(114.0), np.float32(114.0), np.uint16(114)]
)
def test_numpy_numbers_are_numbers(hectares: Any) -> None:
    assert_area(SQUARE, hectares, tolerance_pct=np.float64(0.5))
    assert_area(SQUARE, {"hectares": hectares, "tolerance_pct": np.int64(1)})
    with pytest.raises(AssertionError, match=r"\+14\.0"):
        assert_area(SQUARE, hectares * 0 + 100, tolerance_pct=np.int64(5))


def test_numpy_numbers_in_a_figure_take_the_layer_format_checks() -> None:
    figure = {"hectares": np.int64(114), "value": np.float64(1.14), "unit": "km²", "as_stated": "1.14 km²"}
    assert_area(SQUARE, figure, tolerance_pct=1)
    with pytest.raises(ValueError, match="positive"):
        assert_area(SQUARE, {"hectares": np.int64(-114)}, tolerance_pct=1)


@pytest.mark.parametrize(
    ("stated", "tolerance", "error", "message"),
    [
        (np.float64("nan"), 1, TypeError, "not nan"),
        (np.float64("inf"), 1, TypeError, "not inf"),
        (np.bool_(True), 1, TypeError, "or a StatedFigure, not"),
        (np.int64(0), 1, ValueError, "positive number of hectares, not 0"),
        (np.int64(114), np.float64("nan"), ValueError, "tolerance_pct must be a number of percent >= 0"),
        (np.int64(114), np.int64(-1), ValueError, "tolerance_pct must be a number of percent >= 0, not -1"),
    ],
    ids=["nan", "infinity", "numpy-bool", "zero", "nan-tolerance", "negative-tolerance"],
)
def test_numpy_values_that_are_not_figures_are_still_refused(
    stated: Any, tolerance: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        assert_area(SQUARE, stated, tolerance_pct=tolerance)


@pytest.mark.parametrize(("directory", "shown"), [(None, "not None"), ("", "not ''"), ("  ", "not '  '"),
                                                  (3, "not int"), (b"layers", "not bytes")])  # fmt: skip
def test_assert_layers_valid_needs_a_folder(directory: Any, shown: str, monkeypatch, tmp_path: Path) -> None:
    """None must not quietly check ./layers or the bundled folder: it is a TypeError naming the argument."""
    (tmp_path / "layers").mkdir()  # a ./layers folder that Atlas.load(None) would pick
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError) as caught:
        assert_layers_valid(directory)
    message = str(caught.value)
    assert message.startswith("assert_layers_valid: directory must be the path of a layers folder")
    assert shown in message and 'assert_layers_valid("layers")' in message


def test_assert_layers_valid_still_takes_str_and_path() -> None:
    assert len(assert_layers_valid(BUNDLED_LAYERS).features) == len(
        assert_layers_valid(str(BUNDLED_LAYERS)).features
    )
