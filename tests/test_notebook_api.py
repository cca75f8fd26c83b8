"""The notebook as a client (issue 27): display, views, drawings as layers, errors that help."""

from __future__ import annotations

import json
import traceback
import warnings
from html import unescape
from typing import Any

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo import Atlas, LayerError
from geo.errors import ArgumentValueError, AtlasWarning, MissingDependencyError, ViewError
from geo.map.placement import opening_bounds
from geo.notebook.display import check_styler
from geo.notebook.widget import AtlasWidget, drawn_frame
from tests.helpers import SQUARE, collection, feature, stated

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def bundled() -> Atlas:
    return Atlas.load()


def drawing(*rings: list[list[float]]) -> dict[str, Any]:
    """What the page posts: a FeatureCollection of geometries without properties."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for ring in rings
        ],
    }


def failing_atlas(name: str = HOSTILE) -> Atlas:
    figure = stated(value=500, hectares=500, as_stated="500 ha")
    return Atlas(layers=[], claims=[]).add_layer(
        collection(feature("odd_one", name=name, stated=[figure])), name="L"
    )


# --- display ---------------------------------------------------------------------------------------


def test_repr_is_one_line_that_runs_no_check(bundled: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Atlas, "report", lambda self: pytest.fail("repr ran the checks"))
    line = repr(bundled)
    features = sum(len(layer.features) for layer in bundled.layers)
    assert "\n" not in line and len(line) < 200
    assert line.startswith(
        f"<Atlas: {len(bundled.layers)} layers, {features} features, {len(bundled.claims)} claims"
    )
    assert bundled.story is not None and repr(bundled.story.title) in line


def test_the_card_names_layers_counts_and_failing_checks_and_escapes_text() -> None:
    card = failing_atlas()._repr_html_()
    assert "<img" not in card and "&lt;img" not in card  # the failing check is named by its id
    assert "L: 1 feature" in card and "✗ 1 fail: odd_one" in card and "✓ 0 hold" in card
    assert len(card) < 2000


def test_the_card_of_the_bundled_atlas_says_everything_holds(bundled: Atlas) -> None:
    report = bundled.report()
    card = bundled._repr_html_()
    assert f"✓ {len(report.areas) + len(report.claims)} hold." in card and "fail" not in card
    for layer in bundled.layers:
        assert f"{unescape(layer.name)}: {len(layer.features)} features" in unescape(card)


def test_check_table_marks_failing_rows_in_colour_and_with_a_mark() -> None:
    table = failing_atlas("Odd & one").check()
    html = table._repr_html_()
    assert "✗ fails" in html and "background-color: #fde2e1" in html
    assert "Odd &amp; one" in html  # escaped
    assert "deviation (%)" in html and "computed (ha)" in html and "tolerance (%)" in html
    assert "max-width: 26em" in html and "white-space: normal" in html
    assert list(table.columns)[:3] == ["check", "id", "name"]  # still a DataFrame of the same columns


def test_check_table_escapes_markup_and_leaves_claim_cells_blank(bundled: Atlas) -> None:
    html = failing_atlas().check()._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    claims = bundled.check().query("check == 'claim'")
    assert len(claims) and claims["stated_ha"].isna().all()
    assert "nan" not in check_styler(claims).to_html().lower()


def test_check_table_writes_no_minus_zero(bundled: Atlas) -> None:
    table = bundled.check()
    table.loc[0, "deviation_pct"] = -0.0004
    html = table._repr_html_()
    assert "-0.00" not in html and ">0.00<" in html


def test_check_table_survives_selection(bundled: Atlas) -> None:
    areas = bundled.check().query("check == 'area'")
    assert "✓ holds" in areas._repr_html_()
    assert "<table" in bundled.check()[["id", "name"]]._repr_html_()  # no ok column: plain display


# --- views -------------------------------------------------------------------------------------------


def test_view_accepts_a_layer_a_feature_or_bounds(bundled: Atlas) -> None:
    for view in ("Greater Bay Area platforms", "qianhai", (113.8, 22.4, 114.2, 22.6), "gba"):
        assert bundled.to_map(view=view) is not None


@pytest.mark.parametrize(
    ("view", "words"),
    [
        ("nowhere", "view='nowhere' names no layer or feature; use one of 'gba', "),
        ((114.2, 22.4, 113.8, 22.6), "is not a view"),
        ((0, 0, 1), "is not a view"),
        ((float("nan"), 0, 1, 1), "is not a view"),
        (42, "is not a view"),
    ],
)
def test_view_errors_use_the_apis_words(bundled: Atlas, view: Any, words: str) -> None:
    for call in (bundled.to_map, bundled.figure):
        with pytest.raises(ViewError, match="view=") as caught:
            call(view=view)
        assert words in str(caught.value) and "--view" not in str(caught.value)


@pytest.mark.slow
def test_after_add_layer_the_map_and_figure_open_on_what_was_added(bundled: Atlas) -> None:
    square = collection(feature("my_square", name="My square"))
    bundled.add_layer(square, name="My layer")
    html = bundled.to_map().get_root().render()
    west, south = SQUARE[0]
    east, north = SQUARE[2]
    assert opening_bounds(bundled.layers, "My layer") == [[south, west], [north, east]]
    assert "<title>My layer</title>" in html
    assert repr("My layer") in repr(bundled)
    figure = bundled.figure(size="120x80mm")
    texts = [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]
    assert "My layer" in texts
    assert "<title>" in bundled.to_map(view="hetao_hk_park").get_root().render()


# --- drawings as layers ------------------------------------------------------------------------------


def test_a_drawing_without_ids_becomes_a_layer_with_ids_and_names_made_and_said() -> None:
    atlas = Atlas(layers=[], claims=[])
    ring = [[114.0, 22.5], [114.01, 22.5], [114.01, 22.51], [114.0, 22.51], [114.0, 22.5]]
    with pytest.warns(AtlasWarning, match=r"2 feature\(s\) had no id and no name.*my_sites_1, my_sites_2"):
        atlas.add_layer(drawing(ring, ring[::-1]), name="My sites")
    layer = atlas.layer("My sites")
    assert [(f.id, f.name) for f in layer] == [("my_sites_1", "My sites 1"), ("my_sites_2", "My sites 2")]


def test_a_feature_with_a_name_but_no_id_is_still_refused() -> None:
    atlas = Atlas(layers=[], claims=[])
    data = collection(feature("x"))
    del data["features"][0]["properties"]["id"]
    with pytest.raises(LayerError, match="id"):
        atlas.add_layer(data, name="Half named")
    assert atlas.layers == []


def test_drawn_frame_measures_geodesically_and_add_layer_takes_it() -> None:
    ring = [[114.0, 22.5], [114.0, 22.51], [114.01, 22.51], [114.01, 22.5], [114.0, 22.5]]  # clockwise
    frame = drawn_frame(drawing(ring))
    assert frame.crs.to_epsg() == 4326
    assert frame.area_ha[0] == pytest.approx(113.94, abs=0.01)
    atlas = Atlas(layers=[], claims=[])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AtlasWarning)
        atlas.add_layer(frame, name="Drawn")
    assert atlas.features["drawn_1"].area_m2 == pytest.approx(frame.area_ha[0] * 10_000, rel=1e-9)


@pytest.mark.slow
def test_the_widget_syncs_drawn_shapes_calls_back_and_redraws_on_add_layer() -> None:
    atlas = Atlas.load()
    widget = atlas.explore(height=400)
    assert isinstance(widget, AtlasWidget) and widget.height == 400 and "<html" in widget.html.lower()
    assert "Mine" not in widget.html
    seen: list[gpd.GeoDataFrame] = []
    widget.on_draw(seen.append)
    widget.drawn = drawing(SQUARE)
    assert len(seen) == 1 and seen[0].area_ha[0] > 100
    atlas.add_layer(collection(feature("mine", name="Mine")), name="Mine layer")
    assert "Mine layer" in widget.html
    assert widget.drawn["features"]  # the drawing stays
    assert "html=" not in repr(widget)


@pytest.mark.slow
def test_explore_checks_its_arguments_and_says_what_is_missing(bundled: Atlas, monkeypatch) -> None:
    with pytest.raises(ArgumentValueError, match="argument height: must be a whole number"):
        bundled.explore(height=10)
    with pytest.raises(ViewError):
        bundled.explore(view="nowhere")
    monkeypatch.setitem(__import__("sys").modules, "geo.notebook.widget", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'gba-atlas\[notebook\]'"):
        bundled.explore()


@pytest.mark.slow
def test_on_draw_wants_a_function(bundled: Atlas) -> None:
    with pytest.raises(TypeError, match="argument callback: must be callable"):
        bundled.explore().on_draw("print")  # type: ignore[arg-type]


# --- errors that help --------------------------------------------------------------------------------


def test_unknown_keys_in_stated_figures_are_refused_with_a_suggestion() -> None:
    figure = {**stated(), "tolerence": 3}
    with pytest.raises(
        LayerError, match=r"stated\[0\]: unknown key 'tolerence'; fix: did you mean 'tolerance_pct'\?"
    ):
        Atlas(layers=[], claims=[]).add_layer(collection(feature("x", stated=[figure])), name="L")


def test_metres_declared_as_degrees_get_the_set_crs_fix() -> None:
    frame = gpd.GeoDataFrame(
        {"id": ["x"], "name": ["X"]}, geometry=[box(833_000, 820_000, 834_000, 821_000)], crs=2326
    ).set_crs(4326, allow_override=True)
    with pytest.raises(LayerError) as caught:
        Atlas(layers=[], claims=[]).add_layer(frame, name="M")
    message = str(caught.value)
    assert (
        "look like HK1980 Grid (EPSG:2326)" in message and "gdf.set_crs(2326, allow_override=True)" in message
    )
    fixed = frame.set_crs(2326, allow_override=True)  # the fix offered works
    atlas = Atlas(layers=[], claims=[]).add_layer(fixed, name="M")
    assert shapely.get_x(atlas.features["x"].geometry.centroid) == pytest.approx(114.18, abs=0.3)


def test_errors_arrive_without_internal_frames(bundled: Atlas) -> None:
    with pytest.raises(LayerError) as caught:
        bundled.add_layer(collection(feature("bad", coords=[[114, 22], [115, 23]])), name="Bad")
    frames = [frame.filename for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert all("geo/inputs" not in name and "geo/validation" not in name for name in frames), frames
    assert len(frames) <= 2


# --- the size of a saved map ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_light_map_keeps_the_saved_notebook_small_and_says_it_needs_the_network(bundled: Atlas) -> None:
    light = bundled.to_map(embed="light")._repr_html_()
    assert len(light.encode()) < 400_000
    assert 'embed="light"' in unescape(light) and "shows only with a network" in light
    assert "https://cdn.jsdelivr.net/npm/leaflet@" in unescape(light)


@pytest.mark.slow
@pytest.mark.npm
def test_a_full_map_is_self_contained_within_a_megabyte(bundled: Atlas) -> None:
    bundled.to_html(self_contained=True)  # the assets in the cache
    full = bundled.to_map()._repr_html_()
    assert len(full.encode()) < 1_000_000
    assert "gba-missing" not in full
    assert '<script src="http' not in unescape(full) and "<script" in unescape(full)  # every script inlined


def test_embed_takes_full_or_light(bundled: Atlas) -> None:
    words = "argument embed: must be one of 'full', 'light', not 'small'"
    with pytest.raises(ArgumentValueError, match=words):
        bundled.to_map(embed="small")


def test_a_file_without_ids_is_refused_as_a_layers_folder_would(tmp_path) -> None:
    """Ids are made only for data built in the notebook: a file is read exactly as a layer file."""
    ring = [[114.0, 22.5], [114.01, 22.5], [114.01, 22.51], [114.0, 22.51], [114.0, 22.5]]
    path = tmp_path / "drawn.geojson"
    path.write_text(json.dumps(drawing(ring)), encoding="utf-8")
    atlas = Atlas(layers=[], claims=[])
    with pytest.raises(LayerError, match="id"):
        atlas.add_layer(path, name="From a file")
    assert atlas.layers == []
