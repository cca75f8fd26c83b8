"""What the notebook API takes, and how it refuses the rest: issue 13, "Notebook API".

Bad data raises LayerError or ClaimError, an argument of the wrong type an
ArgumentTypeError (a TypeError naming the argument), an empty atlas an
EmptyAtlasError; each message reads like the CLI's: ``<where>: <what>; fix: <how>``.
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import mapping

from geo import Atlas, ClaimError, LayerError
from geo.errors import ArgumentTypeError, AtlasWarning, EmptyAtlasError, InputError
from geo.model import Feature, Layer
from tests.helpers import SQUARE, collection, feature, stated, write

SQUARE_SHAPE = shapely.Polygon(SQUARE)


def frame(**columns: Any) -> gpd.GeoDataFrame:
    """One square as a GeoDataFrame row; columns as given, by default id and name."""
    columns = columns or {"id": ["test_square"], "name": ["Test square"]}
    return gpd.GeoDataFrame(columns, geometry=[SQUARE_SHAPE] * len(next(iter(columns.values()))), crs=4326)


def refusal(data: Any, **options: Any) -> InputError | ArgumentTypeError:
    """The error add_layer raises for ``data``; the atlas must be left as it was."""
    atlas = Atlas(layers=[], claims=[])
    with pytest.raises((InputError, ArgumentTypeError)) as caught:
        atlas.add_layer(data, name="Mine", **options)
    assert atlas.layers == [] and atlas.claims == []
    return caught.value


def strict_json(text: str) -> Any:
    """Decode JSON as RFC 8259 has it: NaN, Infinity and -Infinity are errors."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


# --- files holding something other than an object ---------------------------------------------------


@pytest.mark.parametrize("text", ["null", "3", "-1.5e3", '"a string"', "[]", "[1, 2]", "true"])
def test_a_file_holding_a_json_value_that_is_not_an_object_is_a_layer_error(tmp_path, text):
    path = write(tmp_path / "odd.geojson", text)
    error = refusal(path)
    assert isinstance(error, LayerError)
    assert len(error.problems) == 1
    assert str(error).startswith(f"{path}: not a GeoJSON FeatureCollection")
    assert "; fix: " in str(error)


def test_a_file_holding_a_string_is_read_like_the_cli_reads_it(tmp_path):
    """The peer corpus case api/geojsonhint/bad/rootstring: no TypeError from deep inside."""
    path = write(tmp_path / "rootstring.geojson", '"just a string"')
    assert isinstance(refusal(str(path)), LayerError)


def test_geojson_text_for_a_path_says_to_decode_it():
    error = refusal(json.dumps(collection()))
    assert isinstance(error, LayerError)
    assert "is GeoJSON text, not a path" in str(error) and "json.loads" in str(error)


def test_a_path_with_a_nul_character_is_a_layer_error():
    error = refusal("layers/a\x00.geojson")
    assert isinstance(error, LayerError) and "NUL" in str(error)


# --- __geo_interface__ and mapping(): tuples are fine -----------------------------------------------


def file_feature(tmp_path: Path) -> Feature:
    """The square as read from a layer file: what every other road must give too."""
    path = write(tmp_path / "square.geojson", collection(feature(stated=[])))
    return Atlas(layers=[], claims=[]).add_layer(path, name="Mine").features["test_square"]


class GeoInterface:
    """Not a dict, not a GeoDataFrame: only the protocol."""

    def __init__(self, geojson: Any) -> None:
        self.__geo_interface__ = geojson


@pytest.mark.parametrize(
    "make",
    [
        lambda: {"type": "Feature", "properties": {"id": "test_square", "name": "Test Square"},
                 "geometry": mapping(SQUARE_SHAPE)},
        lambda: frame(id=["test_square"], name=["Test Square"]).__geo_interface__,
        lambda: GeoInterface(frame(id=["test_square"], name=["Test Square"]).__geo_interface__),
        lambda: frame(id=["test_square"], name=["Test Square"]).geometry,  # no ids: made, with a warning
    ],
    ids=["mapping", "gdf.__geo_interface__", "object_with___geo_interface__", "geoseries"],
)  # fmt: skip
def test_geo_interface_input_gives_the_same_feature_as_the_file(tmp_path, make):
    data = make()
    if isinstance(data, gpd.GeoSeries):
        with pytest.warns(AtlasWarning, match="1 feature.* had no id and no name.* mine_1"):
            got = Atlas(layers=[], claims=[]).add_layer(data, name="Mine").features["mine_1"]
        assert got.name == "Mine 1" and got.geometry.equals_exact(SQUARE_SHAPE, 1e-9)
        return
    assert "(" in repr(data if isinstance(data, dict) else data.__geo_interface__)  # tuples in there
    got = Atlas(layers=[], claims=[]).add_layer(data, name="Mine").features["test_square"]
    want = file_feature(tmp_path)
    assert got.geometry.equals_exact(want.geometry, 0)
    assert (got.id, got.name, got.area_m2) == (want.id, want.name, want.area_m2)
    assert {k: v for k, v in got.properties.items() if k != "stated"} == {
        k: v for k, v in want.properties.items() if k != "stated"
    }


def test_tuples_are_lists_by_the_time_validation_sees_them():
    """A mapping() ring left open is reported in the file's words, with list positions."""
    ring = ((114.06, 22.50), (114.07, 22.50), (114.07, 22.51), (114.06, 22.51))
    data = {"type": "Feature", "properties": {"id": "open", "name": "Open"},
            "geometry": {"type": "Polygon", "coordinates": (ring,)}}  # fmt: skip
    error = refusal(data)
    assert "ring 0 is not closed (its first position [114.06, 22.5] differs" in str(error)


def test_a_shapely_geometry_alone_is_refused_as_a_file_holding_one_is(tmp_path):
    from_object = refusal(SQUARE_SHAPE)
    from_file = refusal(write(tmp_path / "g.geojson", mapping(SQUARE_SHAPE)))
    assert [p.what for p in from_object.problems] == [p.what for p in from_file.problems]
    assert "found 'Polygon'" in str(from_object)


def test_a_failing_or_odd_geo_interface_is_a_layer_error():
    class Broken:
        @property
        def __geo_interface__(self) -> Any:
            raise RuntimeError("no CRS")

    error = refusal(Broken())
    assert isinstance(error, LayerError) and "its __geo_interface__ failed (RuntimeError: no CRS)" in str(
        error
    )
    error = refusal(GeoInterface([1, 2]))
    assert isinstance(error, LayerError) and "its __geo_interface__ is a list" in str(error)


def test_a_dict_that_contains_itself_is_a_layer_error():
    data: dict[str, Any] = collection()
    data["features"][0]["properties"]["self"] = data
    error = refusal(data)
    assert isinstance(error, LayerError) and "contains itself" in str(error)


def test_a_date_in_a_dict_is_refused_naming_its_place():
    data = collection(feature(surveyed=datetime.date(2024, 5, 1)))
    error = refusal(data)
    assert isinstance(error, LayerError)
    assert str(error).startswith("<Mine>: features[0].properties.surveyed: holds a date")


def test_a_key_that_is_not_text_is_refused_naming_its_place():
    error = refusal(collection(feature(floors={(1, 2): "ground"})))
    assert isinstance(error, LayerError)
    assert str(error).startswith(
        "<Mine>: features[0].properties.floors: holds the key (1, 2), which is not text"
    )


def test_numpy_numbers_and_tuples_in_stated_are_json_values():
    figure = MappingProxyType(stated(value=np.int64(114), hectares=np.float64(114.0)))
    atlas = Atlas(layers=[], claims=[]).add_layer(
        collection(feature(stated=[])), name="Mine", stated={"test_square": (figure,)}
    )
    (check,) = atlas.report().areas
    assert check.figure.value == 114 and type(check.figure.value) is int


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (
            collection(feature() | {"geometry": {"type": [], "coordinates": []}}),
            "geometry type [] is not supported",
        ),
        (collection(feature(stated=[stated(unit=["ha"])])), "unit ['ha'] is not one of"),
        (collection(crs={"type": "name", "properties": {"name": []}}), "declares the coordinate system"),
        (collection(crs={"type": "name", "properties": []}), "declares the coordinate system"),
    ],
    ids=["geometry_type_list", "unit_list", "crs_name_list", "crs_properties_list"],
)
def test_a_list_where_text_belongs_is_a_layer_error_from_a_file_and_a_dict(tmp_path, data, fragment):
    """Looked up in a set or dict, a list raised TypeError (unhashable) in the validators."""
    for road in (data, write(tmp_path / "layer.geojson", data)):
        error = refusal(road)
        assert isinstance(error, LayerError) and fragment in str(error)


# --- empty layers: one message, whatever the road ---------------------------------------------------


def test_an_empty_layer_is_refused_with_the_same_message_from_file_dict_and_frame(tmp_path):
    empty = {"type": "FeatureCollection", "features": []}
    errors = [
        refusal(write(tmp_path / "empty.geojson", empty)),
        refusal(empty),
        refusal(frame().iloc[0:0]),
    ]
    assert all(isinstance(error, LayerError) for error in errors)
    assert {(p.where, p.what, p.fix) for e in errors for p in e.problems} == {
        ("", "has no features", "add at least one Feature")
    }


# --- GeoDataFrames ------------------------------------------------------------------------------------


def test_an_integer_id_column_says_ids_are_text_and_how_to_make_them():
    error = refusal(frame(id=[1, 2], name=["One", "Two"]))
    assert isinstance(error, LayerError) and len(error.problems) == 1
    text = str(error)
    assert "column 'id': holds int values (int64), e.g. 1 in row #0, but every id must be text" in text
    assert 'gdf["id"] = "parcel_" + gdf["id"].astype(str)' in text
    assert "has no id" not in text


def test_an_integer_id_in_a_dict_says_it_must_be_text():
    error = refusal(collection(feature(fid="x") | {"properties": {"id": 7, "name": "Seven"}}))
    assert "id must be text, not int (7)" in str(error) and "has no id" not in str(error)


def test_the_id_made_text_as_the_message_says_is_accepted():
    gdf = frame(id=[1, 2], name=["One", "Two"])
    gdf["id"] = "parcel_" + gdf["id"].astype(str)
    gdf.geometry = [SQUARE_SHAPE, shapely.affinity.translate(SQUARE_SHAPE, xoff=0.02)]
    assert set(Atlas(layers=[], claims=[]).add_layer(gdf, name="Parcels").features) == {
        "parcel_1",
        "parcel_2",
    }


def test_a_frame_without_an_id_column_says_so_once_not_once_a_row():
    gdf = gpd.GeoDataFrame({"name": ["A", "B", "C"]}, geometry=[SQUARE_SHAPE] * 3, crs=4326)
    error = refusal(gdf)
    assert [str(p) for p in error.problems] == [
        "<Mine>: the GeoDataFrame has no 'id' column; fix: add one: "
        'gdf["id"] = [f"parcel_{i}" for i in range(len(gdf))] (unique lowercase snake_case text)'
    ]


def test_a_frame_without_a_geometry_column_is_a_layer_error():
    error = refusal(gpd.GeoDataFrame({"id": ["a"], "name": ["A"]}))
    assert isinstance(error, LayerError)
    assert "has no active geometry column" in str(error) and "set_geometry" in str(error)


def test_a_frame_whose_geometry_column_is_not_active_names_it():
    gdf = frame().rename_geometry("shape")
    gdf["outline"] = gdf["shape"]
    error = refusal(gdf.set_geometry("outline").drop(columns="outline"))
    assert "no active geometry column (geometry columns: shape)" in str(error)


def test_a_frame_with_a_repeated_column_name_is_a_layer_error():
    table = pd.DataFrame([["a", "A", "B"]], columns=["id", "name", "name"])
    error = refusal(gpd.GeoDataFrame(table, geometry=[SQUARE_SHAPE], crs=4326))
    assert isinstance(error, LayerError)
    assert "more than one column named 'name'" in str(error) and "columns.duplicated()" in str(error)


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ([1.5, math.inf], "row #1 holds the non-finite number inf, which JSON cannot hold"),
        ([datetime.date(2024, 1, 1), None], "row #0 holds a date, which JSON has no type for"),
        (pd.to_datetime(["2024-01-01", "2024-01-02"]), "row #0 holds a Timestamp"),
        ([{"a": [1, {2}]}, None], "row #0 holds a set, which JSON has no type for (at a[1])"),
    ],
    ids=["infinity", "date", "datetime64", "set_in_a_dict"],
)
def test_a_frame_column_json_cannot_hold_is_refused_once(values, fragment):
    gdf = frame(id=["a", "b"], name=["A", "B"], extra=values)
    error = refusal(gdf)
    assert len(error.problems) == 1
    assert str(error).startswith("<Mine>: column 'extra': ") and fragment in str(error)


def test_a_frame_column_named_by_a_number_is_refused():
    gdf = frame(id=["a"], name=["A"])
    gdf[0] = [1.5]
    error = refusal(gdf)
    assert "column names must be text, not 0" in str(error) and "gdf.columns.astype(str)" in str(error)


def test_nan_in_a_frame_is_a_missing_value_not_an_error():
    gdf = frame(id=["a"], name=["A"], height=[math.nan])
    assert "height" not in Atlas(layers=[], claims=[]).add_layer(gdf, name="Mine").features["a"].properties


# --- arguments of the wrong type: a TypeError naming the argument -------------------------------------


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        ({"data": 3}, "argument data: must be a GeoDataFrame"),
        ({"data": None}, "argument data: must be a GeoDataFrame"),
        ({"data": [feature()]}, "argument data: must be a GeoDataFrame"),
        ({"data": b"{}"}, "argument data: must be a GeoDataFrame"),
        ({"data": pd.DataFrame({"id": ["a"]})}, "argument data: must be a GeoDataFrame"),
        ({"name": 123}, "argument name: must be text, not int"),
        (
            {"stated": [stated()]},
            "argument stated: must map feature ids to lists of stated figures, not list",
        ),
        ({"stated": {"test_square": stated()}}, "argument stated['test_square']: must be a list of stated"),
        ({"stated": {"test_square": 3}}, "argument stated['test_square']: must be a list of stated figures"),
        ({"stated": {7: [stated()]}}, "argument stated: its key 7 is a int, not a feature id"),
        ({"claims": 3}, "argument claims: must be a list of claim dicts, not int"),
        ({"claims": "a claim"}, "argument claims: must be a list of claim dicts, not str"),
        ({"claims": {"id": "c"}}, "argument claims: must be a list of claim dicts, not dict; fix: wrap the"),
    ],
)
def test_an_argument_of_the_wrong_type_is_a_type_error_naming_it(call, argument):
    data = call.pop("data", collection())
    with pytest.raises(TypeError) as caught:
        Atlas(layers=[], claims=[]).add_layer(data, **call)
    assert isinstance(caught.value, ArgumentTypeError)
    assert str(caught.value).startswith("Atlas.add_layer: ") and argument in str(caught.value)
    assert "; fix: " in str(caught.value)


@pytest.mark.parametrize("method", ["save_map", "save_layer", "export"])
def test_a_path_of_the_wrong_type_is_a_type_error_naming_it(method):
    atlas = Atlas(layers=[], claims=[]).add_layer(collection(), name="Mine")
    args = ("Mine", 42) if method == "save_layer" else (42,)
    with pytest.raises(ArgumentTypeError) as caught:
        getattr(atlas, method)(*args)
    assert str(caught.value).startswith(
        f"Atlas.{method}: argument path: must be a file path (str or Path), not int"
    )


def test_stated_for_a_feature_the_layer_does_not_have_is_refused():
    error = refusal(collection(), stated={"no_such_square": [stated()]})
    assert isinstance(error, LayerError)
    assert "stated= names 'no_such_square', which the layer has no feature for" in str(error)
    assert "'test_square'" in str(error)


def test_claims_given_are_added_to_a_file_whose_claims_member_is_null(tmp_path):
    east = [[x + 0.02, y] for x, y in SQUARE]
    claim = {
        "id": "near",
        "claim": "near",
        "sentence": "They are near.",
        "source": {"title": "t", "issuer": "i", "date": "2024"},
        "test": "adjacent",
        "feature": "west_square",
        "to": "east_square",
        "max_distance_m": 5000,
    }
    path = write(
        tmp_path / "layer.geojson",
        collection(feature("west_square"), feature("east_square", east), claims=None),
    )
    atlas = Atlas(layers=[], claims=[]).add_layer(path, name="Mine", claims=[claim])
    assert [c.id for c in atlas.claims] == ["near"]
    assert atlas.report().claims[0].ok


def test_a_claim_that_is_not_an_object_is_a_claim_error():
    assert isinstance(refusal(collection(), claims=[3]), ClaimError)


# --- an empty atlas -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "doing"),
    [("to_map", "draw"), ("to_html", "draw"), ("save_map", "draw"), ("export", "export")],
)
def test_an_empty_atlas_has_nothing_to_draw_or_export(tmp_path, method, doing):
    call = getattr(Atlas(layers=[], claims=[]), method)
    out = tmp_path / "out.geojson"
    with pytest.raises(EmptyAtlasError) as caught:
        call(out) if method in ("save_map", "export") else call()
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(
        f"Atlas.{method}: the atlas has no features, so there is nothing to {doing}"
    )
    assert "atlas.add_layer(" in str(caught.value)
    assert not out.exists()


def test_an_empty_atlas_still_gives_an_empty_frame_with_the_columns():
    gdf = Atlas(layers=[], claims=[]).to_geodataframe()
    assert len(gdf) == 0 and {"id", "area_ha", "geometry"} <= set(gdf.columns)


# --- nothing non-finite is ever written ---------------------------------------------------------------


def test_save_layer_refuses_a_layer_holding_infinity_and_writes_nothing(tmp_path):
    square = Feature(
        "sq", "Square", SQUARE_SHAPE, "Mine", properties={"id": "sq", "name": "Sq", "h": math.inf}
    )
    atlas = Atlas(layers=[Layer("Mine", (square,), None)], claims=[])
    out = tmp_path / "mine.geojson"
    with pytest.raises(LayerError) as caught:
        atlas.save_layer("Mine", out)
    assert str(caught.value) == (
        "<Mine>: feature 'sq': property 'h' holds the non-finite number inf; "
        "fix: make it a finite number, text, true/false or null before saving"
    )
    assert not out.exists()


def test_save_layer_refuses_what_json_has_no_type_for_rather_than_raise_type_error(tmp_path):
    props = {"id": "sq", "name": "Sq", "when": datetime.date(2024, 1, 1)}
    atlas = Atlas(layers=[Layer("Mine", (Feature("sq", "Sq", SQUARE_SHAPE, "Mine", properties=props),))])
    with pytest.raises(LayerError, match="property 'when' holds a date, which JSON has no type for"):
        atlas.save_layer("Mine", tmp_path / "mine.geojson")


@pytest.mark.parametrize(
    "data",
    [
        lambda: collection(feature(height=math.inf)),
        lambda: collection(feature(height={"max": -math.inf})),
        lambda: collection(feature(height=math.nan)),
        lambda: frame(id=["test_square"], name=["Test square"], height=[math.inf]),
    ],
    ids=["dict_inf", "dict_nested_minus_inf", "dict_nan", "frame_inf"],
)
def test_infinity_never_reaches_a_layer_file(tmp_path, data):
    """Refused when it comes in (frames here, dicts by the property validator), at the latest when saved."""
    out = tmp_path / "mine.geojson"
    try:
        Atlas(layers=[], claims=[]).add_layer(data(), name="Mine").save_layer("Mine", out)
    except LayerError as error:
        assert "non-finite" in str(error) or "NaN or Infinity" in str(error)
    assert not out.exists()


def test_a_saved_layer_is_strict_json_and_reads_back(tmp_path):
    gdf = frame(id=["test_square"], name=["Test square"], height=[np.float32(12.5)], floors=[np.int64(3)])
    atlas = Atlas(layers=[], claims=[]).add_layer(gdf, name="Mine")
    out = atlas.save_layer("Mine", tmp_path / "mine.geojson")
    assert strict_json(out.read_text())["features"][0]["properties"]["floors"] == 3
    again = Atlas(layers=[], claims=[]).add_layer(out, name="Again").features["test_square"]
    assert again.area_m2 == pytest.approx(atlas.features["test_square"].area_m2, rel=1e-6)


# --- whatever comes in: only our errors ---------------------------------------------------------------

#: Member names that lead the fuzzer into the validators (geometry, properties, crs, stated figures).
KEYS = ["type", "id", "name", "coordinates", "properties", "crs", "stated", "unit", "x"]
json_like = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers(-(2**60), 2**60) | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=12,
)
python_objects = (
    st.builds(object)
    | st.complex_numbers(allow_nan=False)
    | st.binary(max_size=4)
    | st.dates()
    | st.frozensets(st.integers(0, 3), max_size=2)
    | st.sampled_from([np.int64(3), np.float64("inf"), np.array([1.0, 2.0]), Path("/nonexistent.geojson")])
)
anything = st.recursive(
    json_like | python_objects,
    lambda inner: (
        st.lists(inner, max_size=3).map(tuple) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
layerish = st.builds(
    lambda geometry, props: {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": props, "geometry": geometry}],
    },
    anything | st.builds(lambda coords: {"type": "Polygon", "coordinates": coords}, json_like),
    anything | st.fixed_dictionaries({"id": st.just("a"), "name": st.just("A")}, optional={"x": anything}),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.slow
@given(
    data=anything | layerish,
    options=st.fixed_dictionaries(
        {}, optional={"name": st.text(max_size=3) | anything, "stated": anything, "claims": anything}
    ),
)
def test_add_layer_raises_only_our_errors(data, options):
    try:
        Atlas(layers=[], claims=[]).add_layer(data, **options)
    except ArgumentTypeError as error:
        assert "argument " in str(error) and "; fix: " in str(error)
    except (LayerError, ClaimError) as error:
        assert all("; fix: " in str(p) for p in error.problems)
