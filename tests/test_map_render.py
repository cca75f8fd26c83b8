"""Render-level tests of the map: the generated HTML, without a browser."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from html import unescape
from pathlib import Path

import pytest

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.map.controls import Draw, Fullscreen, Measure, MiniMap, MousePosition
from geo.map.elements import FeatureOverlay, OpenOn, Panel, check_places
from geo.map.plain import plain_payload
from tests.data_helpers import BUNDLED
from tests.helpers import collection, feature, run_cli, stated, write

PAYLOAD = "</script><img src=x onerror=alert(1)>${globalThis.pwned=1}"
#: The payload as :func:`geo.map.text.script_json` writes it inside a script.
PAYLOAD_JSON = "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e${globalThis.pwned=1}"


@pytest.fixture(scope="module")
def html(atlas: Atlas) -> str:
    return atlas.to_html()


@pytest.fixture(scope="module")
def self_contained_html(atlas: Atlas) -> str:
    return atlas.to_html(self_contained=True)


def feature_names(atlas: Atlas) -> list[str]:
    return [f.name for layer in atlas.layers for f in layer]


def panel_data(html: str, lang: str = "en") -> dict:
    """The data handed to ``gbaAtlas.addPanel`` in one language: story, layers, checks and places."""
    call = re.search(r"gbaAtlas\.addPanel\(\w+, (.*), \[[\w, ]*\]\);\n", html)
    assert call, "no addPanel call"
    data: dict = json.loads(call.group(1))[lang]
    return data


def layer_rows(html: str) -> list[str]:
    """The names of the panel's layer rows, in order."""
    return [entry["name"] for group in panel_data(html)["layers"] for entry in group["entries"]]


def js_object_keys(html: str, variable_suffix: str, member: str) -> list[str]:
    """The keys of ``<control>_layers.<member>`` in folium's LayerControl script, decoded."""
    block = re.search(rf"var \w+{variable_suffix} = \{{.*?{member}\s*:\s*\{{(.*?)\}},", html, re.DOTALL)
    assert block, f"no {member} block in the layer control"
    return [
        unescape(json.loads(key)) for key in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block.group(1), re.M)
    ]


# --------------------------------------------------------------------------- #
# Determinism
# --------------------------------------------------------------------------- #


def test_render_html_twice_is_byte_identical(atlas: Atlas, html: str) -> None:
    assert atlas.to_html() == html
    assert re.search(r"map_[0-9a-f]{32}", html) is None, "a random folium id survived"


@pytest.mark.slow
def test_cli_build_twice_is_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run / "map.html"
        result = run_cli("build", "--layers", str(BUNDLED_LAYERS), "--out", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    for name in ("map.html", "area-report.csv", "area-report.md"):
        first, second = ((out.parent / name).read_bytes() for out in outputs)
        assert first == second, name
        assert len(first) > 1000 if name == "map.html" else len(first) > 100


# --------------------------------------------------------------------------- #
# Content: overlays, base maps, controls
# --------------------------------------------------------------------------- #


def test_every_feature_is_a_row_of_the_panel_layer_list(atlas: Atlas, html: str) -> None:
    overlays = layer_rows(html)
    names = feature_names(atlas)
    assert len(names) == len(BUNDLED.ids)
    for name in names:
        assert name in overlays
    # One overlay per feature, plus the Hetao zone's outline; no base map among them.
    assert len(overlays) == len(names) + 1
    assert "Hetao zone (outline of its parts)" in overlays
    # The layer control holds the base maps only.
    assert js_object_keys(html, "_layers", "base_layers")
    assert re.search(r"overlays\s*:\s*\{\s*\},", html)


def test_both_base_maps_with_attribution(html: str) -> None:
    base = js_object_keys(html, "_layers", "base_layers")
    # and the plain base map when Natural Earth is in the asset cache (tests/test_map_plain.py)
    plain = ["Plain"] if plain_payload(fetch=False) else []
    assert base == ["Street map (OpenStreetMap)", "Satellite (Esri World Imagery)", *plain]
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"
        in html
    )
    attributions = [json.loads(a) for a in re.findall(r'"attribution":\s*("(?:[^"\\]|\\.)*")', html)]
    assert any("OpenStreetMap" in a and "copyright" in a for a in attributions), attributions
    assert any("Esri" in a for a in attributions), attributions
    # How far each zooms in (the README's table of link parameters says so for `z`).
    max_zooms = dict(
        re.findall(r'L\.tileLayer\(\s*"https://([\w.]+)/[^"]*",\s*\{[^}]*?"maxZoom":\s*(\d+)', html)
    )
    assert max_zooms == {"tile.openstreetmap.org": "19", "server.arcgisonline.com": "18"}


@pytest.mark.parametrize(
    "function", ["addFullscreen", "addMeasure", "addMousePosition", "addMiniMap", "addDraw"]
)
def test_each_plugin_control_is_added_once(html: str, function: str) -> None:
    assert html.count(f"gbaAtlas.{function}(") == 1, function


@pytest.mark.parametrize(
    ("asset", "control"),
    [
        ("leaflet.fullscreen@3.0.0/Control.FullScreen.js", Fullscreen),
        ("leaflet-measure@2.1.7/dist/leaflet-measure.css", Measure),
        ("leaflet-mouse-position@1.2.0/src/L.Control.MousePosition.js", MousePosition),
        ("leaflet-minimap@3.6.1/dist/Control.MiniMap.min.js", MiniMap),
        ("leaflet-draw@1.0.2/dist/leaflet.draw.css", Draw),
    ],
)
def test_each_plugin_control_brings_its_assets(html: str, asset: str, control: type) -> None:
    assert html.count(asset) == 1
    assert any(url.endswith(asset) for _, url in control.default_js + control.default_css)


def test_control_options(html: str) -> None:
    assert re.search(r'gbaAtlas.addMeasure\(\w+, \{[^}]*"primaryAreaUnit":"hectares"', html)
    assert re.search(r'gbaAtlas.addMiniMap\(\w+, \{[^\n]*"toggleDisplay":true', html)
    assert re.search(r'"collapsed":\s*true', html)
    assert re.search(r'gbaAtlas.addDraw\(\w+, \{[^\n]*"filename":"drawn.geojson"', html)
    assert "L.control.scale({metric: true, imperial: false})" in html


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda: Fullscreen(position="middle"), "position must be one of topleft"),
        (lambda: MousePosition(digits=12), "digits must be 0 to 9"),
        (lambda: Draw(filename="../drawn.geojson"), "plain file name"),
        (lambda: Draw(filename=" "), "plain file name"),
    ],
)
def test_plugin_controls_refuse_bad_options(make, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        make()


def test_page_elements_are_called_with_the_atlas(atlas: Atlas, html: str) -> None:
    for function in ("addPanel", "watchLabels", "labelControls", "openOn"):
        assert html.count(f"gbaAtlas.{function}(") == 1, function
    assert html.count("gbaAtlas.addFeature(") == len(feature_names(atlas))
    assert html.count("gbaAtlas.addOutline(") == 1


# --------------------------------------------------------------------------- #
# Self-contained
# --------------------------------------------------------------------------- #


def test_self_contained_has_no_remote_scripts_or_styles(html: str, self_contained_html: str) -> None:
    remote = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
    assert remote.search(html), "the plain map should load its libraries remotely"
    assert remote.search(self_contained_html) is None
    assert "<script src=" not in self_contained_html
    assert len(self_contained_html) - len(html) > 300_000  # Leaflet and the plugins, inlined
    assert "gbaAtlas.addPanel(" in self_contained_html


def test_the_page_names_its_icon_so_a_served_map_asks_for_no_favicon(html: str) -> None:
    head = html.split("</head>", 1)[0]
    assert re.findall(r"<link\b[^>]*\brel=\"icon\"[^>]*>", head) == ['<link rel="icon" href="data:," />']


# --------------------------------------------------------------------------- #
# Text from layers never becomes markup or a link
# --------------------------------------------------------------------------- #


def test_payload_in_names_only_appears_as_escaped_json(tmp_path: Path) -> None:
    write(
        tmp_path / "hostile.geojson",
        collection(feature("hostile", name=PAYLOAD, short_name=PAYLOAD, name_zh=PAYLOAD), name=PAYLOAD),
    )
    html = Atlas.load(tmp_path).to_html()
    assert "</script><img" not in html
    assert "<img src=x" not in html
    assert html.count(PAYLOAD_JSON) >= 3  # feature spec, layer list, go-to
    # Nothing of it ended a script: every </script> closes a <script>.
    assert html.count("</script>") == len(re.findall(r"<script\b", html))


def test_payload_in_names_reaches_the_panel_as_data_not_markup(tmp_path: Path) -> None:
    """Leaflet's layer control writes names with innerHTML: no overlay is in it; the panel gets the text."""
    write(
        tmp_path / "hostile.geojson", collection(feature("hostile", name=PAYLOAD), name=PAYLOAD, outline=True)
    )
    html = Atlas.load(tmp_path).to_html()
    assert re.search(r"overlays\s*:\s*\{\s*\},", html)
    assert layer_rows(html) == [f"{PAYLOAD} (outline of its parts)", PAYLOAD]
    assert [group["name"] for group in panel_data(html)["layers"]] == [PAYLOAD]


@pytest.mark.parametrize(
    ("text", "evaluated"),
    [
        ("{{ 7*7 }}", "49"),
        ("{{ cycler.__init__.__globals__.os.name }}", os.name),
        ("{% if true %}yes{% endif %}", "yes"),
        ("{% broken", None),
        ("{# a comment #}", None),
    ],
)
def test_text_is_never_rendered_as_a_jinja_template(tmp_path: Path, text: str, evaluated: str | None) -> None:
    """branca renders each element's output once more as a Jinja template: layer text must not reach it."""
    fields = {key: f"<{key}:{text}>" for key in ("name", "short_name", "name_zh", "kind", "digitized_from")}
    figure = stated(
        as_stated=f"<as_stated:{text}>",
        rationale=text,
        source={"title": text, "issuer": text, "date": "2024"},
    )
    write(
        tmp_path / "layer.geojson",
        collection(feature("jinja", stated=[figure], **fields), name=text, outline=True),
    )
    html = Atlas.load(tmp_path).to_html()  # and no TemplateSyntaxError
    spec = re.search(r"gbaAtlas\.addFeature\(\w+, (.*)\);\n", html)
    assert spec
    data = json.loads(spec.group(1))
    assert data["tooltip"]["en"]["title"] == f"<name:{text}>"
    assert data["tooltip"]["en"]["subtitle"] == f"<name_zh:{text}>"
    assert data["label"]["text"]["en"] == f"<short_name:{text}>"
    assert data["popup"]["en"]["sections"][-1]["items"] == [
        {"text": f"<digitized_from:{text}>", "lang": "en"}
    ]
    assert f"stated <as_stated:{text}>" in data["tooltip"]["en"]["sections"][0]["items"][0]["text"]
    assert layer_rows(html) == [f"{text} (outline of its parts)", f"<name:{text}>"]
    if evaluated is not None:
        assert f":{evaluated}" not in html.replace("\\u003e", ">")


def test_javascript_url_never_becomes_a_link(tmp_path: Path) -> None:
    write(tmp_path / "layer.geojson", collection(feature("square")))
    loaded = Atlas.load(tmp_path)
    square = loaded.layers[0].features[0]
    figure = square.stated[0]
    hostile = dataclasses.replace(
        figure, source=dataclasses.replace(figure.source, url="javascript:alert(1)")
    )
    layer = dataclasses.replace(loaded.layers[0], features=(dataclasses.replace(square, stated=(hostile,)),))
    html = Atlas(layers=[layer]).to_html()
    # Only the CSV download's data holds it: as a cell of text, as `check --format csv` writes it.
    downloads = re.search(r'<script type="application/json" id="downloads_\w+">.*?</script>', html)
    assert downloads and '"javascript:alert(1)"' in downloads.group()
    assert "javascript:alert(1)" not in html.replace(downloads.group(), "")
    # The figure itself is still shown, without a URL.
    spec = re.search(r"gbaAtlas\.addFeature\(\w+, (.*)\);\n", html)
    assert spec
    items = [i for s in json.loads(spec.group(1))["popup"]["en"]["sections"] for i in s["items"]]
    sources = [i for i in items if i["text"].startswith("Source: ")]
    assert sources == [{"text": "Source: A government, A plan (2023-08-29)", "url": None}]


def test_http_url_is_kept_as_a_link(tmp_path: Path) -> None:
    write(tmp_path / "layer.geojson", collection(feature("square")))
    html = Atlas.load(tmp_path).to_html()
    assert '"url":"https://example.org/plan"' in html


def story(**changes: str) -> dict:
    return {"title": "A title", "description": "A description", "source": None, "url": None, **changes}


def test_panel_drops_a_javascript_url() -> None:
    panel = Panel({"story": story(url="javascript:alert(1)"), "layers": []}, [])
    assert json.loads(panel.data_json)["en"]["story"]["url"] is None
    kept = Panel({"story": story(url="https://x.org/"), "layers": []}, [])
    assert json.loads(kept.data_json)["en"]["story"]["url"] == "https://x.org/"


def test_story_links_its_source(html: str) -> None:
    data = panel_data(html)["story"]
    assert data["url"] == "http://en.people.cn/n3/2025/1223/c90000-20405526.html"
    assert data["source"].startswith("Xinhua, Park for innovation cooperation zone launched in Hong Kong")
    assert data["chinese"]["lang"] == "zh-Hant"


# --------------------------------------------------------------------------- #
# The elements validate their inputs
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("title", ["", "   "])
def test_panel_needs_a_title(title: str) -> None:
    with pytest.raises(ValueError, match="non-empty title"):
        Panel({"story": story(title=title), "layers": []}, [])


def test_panel_needs_one_overlay_per_layer_row() -> None:
    layers = [{"name": "L", "entries": [{"name": "a", "colour": "#000000"}]}]
    with pytest.raises(ValueError, match="1 layer rows but 0 overlays"):
        Panel({"story": story(), "layers": layers}, [])


@pytest.mark.parametrize(
    "place",
    [
        {"name": "upside down", "bounds": [[22.6, 114.0], [22.5, 114.1]]},
        {"name": "east of west", "bounds": [[22.5, 114.1], [22.6, 114.0]]},
        {"name": "lon/lat", "bounds": [[114.0, 22.4], [114.1, 22.5]]},
        {"name": "not a box", "bounds": [[22.5, 114.0, 0.0], [22.6, 114.1]]},
        {"name": "no bounds"},
    ],
)
def test_goto_rejects_bad_bounds(place: dict) -> None:
    with pytest.raises(ValueError):
        check_places([{"name": "fine", "bounds": [[22.5, 114.0], [22.6, 114.1]]}, place])


def test_goto_accepts_good_bounds() -> None:
    places = [{"name": "fine", "bounds": [[22.5, 114.0], [22.6, 114.1]]}]
    assert check_places(places) == places


def test_first_view_rejects_bad_bounds() -> None:
    with pytest.raises(ValueError, match="first view"):
        OpenOn([[22.6, 114.0], [22.5, 114.1]])


def test_the_map_opens_on_the_story_subject(atlas: Atlas, html: str) -> None:
    """atlas.json's opens_on names the Hetao zone: the first view is its bounds."""
    call = re.search(r"gbaAtlas\.openOn\(\w+, (.*)\);\n", html)
    assert call
    (south, west), (north, east) = json.loads(call.group(1))
    hetao = next(layer for layer in atlas.layers if layer.name == "Hetao zone")
    w, s, e, n = hetao.features[0].geometry.bounds
    assert west <= w and south <= s and east >= e and north >= n
    assert east - west < 0.2  # the zone, not the whole Greater Bay Area


def test_page_allows_zooming_and_has_landmarks(html: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1" />' in html
    assert "user-scalable=no" not in html and "maximum-scale" not in html
    assert '<main class="gba-main" aria-label="Map">' in html


def test_chinese_names_carry_their_script(html: str) -> None:
    specs = [json.loads(s) for s in re.findall(r"gbaAtlas\.addFeature\(\w+, (.*)\);\n", html)]
    langs = {spec["tooltip"]["en"]["title"]: spec["tooltip"]["en"]["subtitle_lang"] for spec in specs}
    assert langs["Hetao Hong Kong Park (Lok Ma Chau Loop)"] == "zh-Hant"
    assert langs["Northern Metropolis"] == "zh-Hant"
    assert langs["Hetao Shenzhen Park"] == "zh-Hans"
    assert langs["Nansha"] == "zh-Hans"
    names = {spec["tooltip"]["en"]["title"]: spec["name"]["en"] for spec in specs}
    assert names["Hetao Hong Kong Park (Lok Ma Chau Loop)"] == (
        "Hetao Hong Kong Park (Lok Ma Chau Loop), 87.0 ha, every stated area holds"
    )


def test_feature_overlay_needs_a_complete_spec() -> None:
    with pytest.raises(ValueError, match=r"\['label', 'popup'\]"):
        FeatureOverlay({"geojson": {}, "style": {}, "tooltip": {}})


# --------------------------------------------------------------------------- #
# python -m geo build
# --------------------------------------------------------------------------- #


@pytest.mark.slow
def test_cli_build_writes_map_and_reports_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "atlas.html"
    result = run_cli("build", "--layers", str(BUNDLED_LAYERS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["area-report.csv", "area-report.md", "atlas.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    csv = (out.parent / "area-report.csv").read_text(encoding="utf-8")
    assert "Hetao Hong Kong Park (Lok Ma Chau Loop)" in csv
    assert (out.parent / "area-report.md").read_text(encoding="utf-8").startswith("# Area and claim report")
    assert str(out) in result.stdout


@pytest.mark.slow
def test_cli_build_bad_layers_dir_exits_2_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    missing = tmp_path / "no-such-folder"
    result = run_cli("build", "--layers", str(missing), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"gba-atlas: error: {missing}: does not exist; fix: pass the folder that holds your .geojson layers"
    ]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_cli_build_refuses_a_javascript_source_url(tmp_path: Path) -> None:
    bad = stated(source={"title": "T", "issuer": "I", "date": "2024", "url": "javascript:alert(1)"})
    write(tmp_path / "layers" / "bad.geojson", collection(feature("bad", stated=[bad])))
    out = tmp_path / "out" / "map.html"
    result = run_cli("build", "--layers", str(tmp_path / "layers"), "--out", str(out))
    assert result.returncode == 2
    assert "source url 'javascript:alert(1)' is not an http(s) URL" in result.stderr
    assert not out.parent.exists()


def test_layer_objects_keep_their_order(atlas: Atlas) -> None:
    assert [layer.name for layer in atlas.layers] == ["Hetao zone", "Greater Bay Area platforms"]


# --------------------------------------------------------------------------- #
# The notebook view
# --------------------------------------------------------------------------- #


def test_notebook_view_links_its_assets_when_they_are_not_cached(
    atlas: Atlas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the assets at hand nothing is fetched: the frame's page links them, as folium does,
    and a line above the frame says in words why the map may stay blank and how to fix it."""
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setattr("geo.map.offline.cached.is_cached", lambda spec, cache: False)
    frame = atlas.to_map()._repr_html_()
    note, _, rest = frame.partition("<iframe")
    assert note.startswith('<p class="gba-missing" role="status">') and "not in the asset cache" in note
    assert str(tmp_path / "empty-cache") in note and "gba-atlas build --self-contained" in note
    assert rest.startswith(' srcdoc="') and "height:540px" in rest
    page = unescape(re.search(r'srcdoc="(.*?)"', frame, re.DOTALL).group(1))
    assert "https://cdn.jsdelivr.net/npm/leaflet@" in page
    assert not (tmp_path / "empty-cache").exists()


def test_notebook_view_says_nothing_when_its_assets_are_cached(
    atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Self-contained: no note above the frame; under it the untrusted-notebook hint, which the
    frame's onload removes (an untrusted notebook strips the frame and its handler: the hint stays)."""
    monkeypatch.setattr("geo.map.atlas_map.inlined_page", lambda html: (html, ""))
    frame = atlas.to_map()._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "gba-missing" not in frame
    assert 'onload="var n=this.nextElementSibling;if(n)n.remove()"' in frame
    assert frame.endswith("Trust Notebook (or run jupyter trust on it), then run the cell again.</p>")


def test_inline_if_cached_leaves_a_page_with_foreign_assets_alone() -> None:
    from geo.map.offline.cached import inline_if_cached

    page = '<script src="https://example.org/x.js"></script>'
    assert inline_if_cached(page) == page
