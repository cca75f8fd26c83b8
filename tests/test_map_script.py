"""The map's own script: its parts, ordered by what each declares it requires, and its state kept per map."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from branca.element import Figure

from geo.atlas import Atlas
from geo.map import page_assets
from geo.map.elements import AtlasScript, atlas_script, minified_css, minified_script, script_parts
from geo.map.ids import stabilise_ids
from geo.map.offline import inline_assets
from geo.map.script_order import requirements, script_order
from tests.helpers import collection, feature, write

PARTS = Path(page_assets.__file__).parent / "static" / "js"


def test_the_parts_are_the_files_in_static_js_each_after_those_it_requires() -> None:
    parts = script_parts()
    assert len(set(parts)) == len(parts)
    assert set(parts) == {path.name for path in PARTS.glob("*.js")}
    for index, name in enumerate(parts):
        for required in requirements((PARTS / name).read_text(encoding="utf-8")):
            assert parts.index(required) < index, (name, required)
    assert parts.index("dom.js") < parts.index("panel.js")


def test_the_script_is_its_parts_in_their_order_the_same_every_build(atlas: Atlas) -> None:
    script = atlas_script()
    assert script == atlas_script()
    headers = re.findall(r"^/\* static/js/(\S+) \*/$", script, re.M)
    assert tuple(headers) == script_parts()
    for name in script_parts():
        assert (PARTS / name).read_text(encoding="utf-8").rstrip() in script
    assert atlas.to_html().count(AtlasScript().js) == 1


def test_the_order_follows_the_declarations_ties_by_name_whatever_the_order_given() -> None:
    texts = {
        "panel.js": "/* @requires i18n.js dom.js */\n",
        "dom.js": "/* dom */",
        "i18n.js": "/* @requires dom.js */",
        "alpha.js": "",
        "zeta.js": "/* @requires alpha.js */",
    }
    expected = ("alpha.js", "dom.js", "i18n.js", "panel.js", "zeta.js")
    assert script_order(texts) == expected
    assert script_order(dict(reversed(texts.items()))) == expected
    assert requirements("/* a comment */\n/* @requires dom.js */") == ()  # only the first line declares


def test_a_cycle_or_an_unknown_part_is_refused_with_the_file_named() -> None:
    with pytest.raises(ValueError, match=r"static/js/b\.js: @requires nope\.js, which is not in static/js/"):
        script_order({"a.js": "", "b.js": "/* @requires a.js nope.js */"}, folder="static/js/")
    cycle = {"a.js": "/* @requires c.js */", "b.js": "/* @requires a.js */", "c.js": "/* @requires b.js */"}
    with pytest.raises(ValueError, match=r"form a cycle \(a\.js -> c\.js -> b\.js -> a\.js\)"):
        script_order({**cycle, "d.js": ""})
    with pytest.raises(ValueError, match=r"form a cycle \(a\.js -> a\.js\)"):
        script_order({"a.js": "/* @requires a.js */"})
    with pytest.raises(ValueError, match=r"x\.js: @requires names 'dom', which is not a \.js file name"):
        requirements("/* @requires dom */", where="x.js")


def test_a_broken_declaration_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "js").mkdir()
    for name in script_parts():
        (tmp_path / "js" / name).write_text((PARTS / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(page_assets, "STATIC", tmp_path)
    (tmp_path / "js" / "dom.js").write_text("/* @requires panel.js */\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cycle \(dom\.js -> panel\.js -> .*dom\.js\)"):
        atlas_script()


def test_the_page_carries_the_script_and_stylesheet_minified_the_same_every_build(atlas: Atlas) -> None:
    script, css = minified_script(), minified_css()
    assert (script, css) == (minified_script(), minified_css()) == (AtlasScript().js, AtlasScript().css)
    assert len(script) < 0.7 * len(atlas_script())
    assert len(css) < 0.8 * len((PARTS.parent / "atlas.css").read_text(encoding="utf-8"))
    assert "/* static/js/" not in script
    assert "/*" not in css
    html = atlas.to_html()
    assert html.count(script) == 1
    assert html.count(css) == 1
    assert atlas_script() not in html


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_minified_script_is_javascript_node_can_parse(tmp_path: Path) -> None:
    path = tmp_path / "script.js"
    path.write_text(minified_script(), encoding="utf-8")
    done = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_script_builds_no_markup_from_strings() -> None:
    script = atlas_script()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


def test_a_part_that_would_break_the_page_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "js").mkdir()
    for name in script_parts():
        (tmp_path / "js" / name).write_text((PARTS / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(page_assets, "STATIC", tmp_path)
    assert atlas_script()  # the copy as it is
    for bad in ("/* </script> */", "/* {# */", "const s = `{{ x }}`;"):
        (tmp_path / "js" / "story.js").write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError, match=r"static/js/story\.js"):
            atlas_script()


# --------------------------------------------------------------------------- #
# Two maps on one page
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def square_atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    layers = tmp_path_factory.mktemp("square")
    write(layers / "square.geojson", collection(feature("square", short_name="The square")))
    return Atlas.load(layers)


@pytest.fixture(scope="module")
def two_maps(atlas: Atlas, square_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One page, two maps (as two notebook outputs in one document would be), each with the atlas script."""
    figure = Figure()
    for index, each in enumerate((atlas, square_atlas)):
        m = each.to_map()
        m.height = (50.0, "%")
        figure.add_child(m, name=f"map_{index}")
    stabilise_ids(figure)  # one counter over both maps: no id twice
    path = tmp_path_factory.mktemp("two") / "two_maps.html"
    path.write_text(inline_assets(figure.render()), encoding="utf-8")
    return path


LABELS = """ids => ids.map(id => [...document.getElementById(id).querySelectorAll('.gba-label')]
                              .map(label => label.textContent))"""


@pytest.mark.browser
def test_two_maps_on_one_page_keep_their_own_features_and_labels(
    offline_page: Any, two_maps: Path, atlas: Atlas
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(two_maps.as_uri(), wait_until="load")
    page.wait_for_selector(".gba-panel", timeout=10_000)
    ids = page.eval_on_selector_all(".folium-map", "maps => maps.map(m => m.id)")
    assert len(ids) == 2 and ids[0] != ids[1]
    assert page.locator(".gba-panel").count() == 2
    assert page.evaluate("ids => ids.map(id => window[id] instanceof L.Map)", ids) == [True, True]

    # Each map's state lists its own features only.
    sizes = page.evaluate("ids => ids.map(id => gbaAtlas.stateOf(window[id]).features.size)", ids)
    assert sizes == [sum(len(layer.features) for layer in atlas.layers), 1]
    assert page.evaluate("ids => gbaAtlas.stateOf(window[ids[0]]) !== gbaAtlas.stateOf(window[ids[1]])", ids)

    # The second map, fitted to its square, shows its label; zooming it out and in again hides
    # and shows that label there, and changes nothing on the first map.
    before = page.evaluate(LABELS, ids)
    assert before[1] == ["The square"] and "The square" not in before[0]
    set_zoom = "([ids, zoom]) => { window[ids[1]].setView([22.505, 114.065], zoom, {animate: false}); }"
    for zoom, shown in ((8, []), (16, ["The square"])):
        page.evaluate(set_zoom, [ids, zoom])
        # a label taken off fades out for 200 ms before it leaves the page
        page.wait_for_function(f"ids => ({LABELS})(ids)[1].length === {len(shown)}", arg=ids, timeout=5_000)
        assert page.evaluate(LABELS, ids) == [before[0], shown]

    # Switching the first map's overlays off and on again leaves the second map alone.
    page.evaluate(
        """ids => {
            const first = window[ids[0]];
            const groups = Object.values(first._layers)
                .filter(l => l instanceof L.FeatureGroup && !(l instanceof L.GeoJSON));
            groups.forEach(group => first.removeLayer(group));
            groups.forEach(group => first.addLayer(group));
        }""",
        ids,
    )
    sizes = page.evaluate("ids => ids.map(id => gbaAtlas.stateOf(window[id]).features.size)", ids)
    assert sizes == [sum(len(layer.features) for layer in atlas.layers), 1]
    assert page.evaluate(LABELS, ids)[1] == ["The square"]
    assert offline_page.errors == []


@pytest.mark.browser
def test_the_bulk_layer_checks_its_data_and_options(offline_page: Any, two_maps: Path) -> None:
    page = offline_page.page
    page.goto(two_maps.as_uri(), wait_until="load")
    page.wait_for_selector(".gba-panel", timeout=10_000)
    messages = page.evaluate(
        """() => {
            const data = {layer: "l", ids: ["a"], names: ["A"], area_ha: [1], parts: [1], rings: [1],
                          counts: [3], coords: [114000000, 22000000, 1000, 0, 0, 1000]};
            const cases = [
                [data, {color: "#000"}],
                [{...data, coords: "gILcbIDG/RTQDwAA0A8="}, {}],
                [{...data, coords: "gILcbIDG/RTQDwAA0A=="}, {}],
                [{...data, coords: "not base64!"}, {}],
                [{...data, counts: [4]}, {}],
                [{...data, names: []}, {}],
                [data, {gridSize: 0}],
                [data, {fillOpacity: 2}],
                [data, {color: ""}],
            ];
            return cases.map(([d, o]) => {
                try { L.atlasBulkLayer(d, o); return "ok"; } catch (e) { return e.message; }
            });
        }"""
    )
    assert messages == [
        "ok",
        "ok",  # the same numbers as varints in base64, as geo/map/bulk.py writes them
        "L.atlasBulkLayer: data.coords must be an array of numbers or base64 text of varints",  # cut off
        "L.atlasBulkLayer: data.coords must be an array of numbers or base64 text of varints",
        "L.atlasBulkLayer: data.coords must have two numbers per vertex",
        "L.atlasBulkLayer: data.names must be an array of one entry per feature",
        "L.atlasBulkLayer: gridSize must be a whole number >= 1",
        "L.atlasBulkLayer: fillOpacity must be a number from 0 to 1",
        "L.atlasBulkLayer: color must be a CSS colour",
    ]
