"""The static figure (``gba-atlas figure``, ``Atlas.figure``): content, scale, sizes, bytes, languages, fonts.

Most tests draw on a small stand-in base map (a block of land and the real city points), so they need
neither npm nor the asset cache; those drawing on Natural Earth are marked ``npm`` and skip without it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pyproj import Geod, Transformer

import geo.figure.render
from geo.atlas import Atlas
from geo.cli import main
from geo.errors import AssetError
from geo.figure import (
    FigureSizeError,
    FontError,
    ViewError,
    figure_bytes,
    figure_info,
    make_figure,
    parse_size,
)
from geo.figure.scalebar import SCALEBAR_GID, bar_end, ground_distance, nice_length
from geo.map.basemap import WORLD_ATLAS
from geo.map.offline import default_cache_dir

pytestmark = pytest.mark.slow  # figures drawn with matplotlib, about a second each

SVG = "{http://www.w3.org/2000/svg}"
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def draw(atlas, stand_in_basemap):
    """Draw the bundled atlas on the stand-in base map; the same options give the figure drawn before."""
    drawn: dict[tuple[tuple[str, Any], ...], Any] = {}

    def draw(**options: Any):
        key = tuple(sorted(options.items()))
        if key not in drawn:
            drawn[key] = make_figure(
                atlas.layers, atlas.report(), story=atlas.story, basemap=stand_in_basemap, **options
            )
        return drawn[key]

    return draw


@pytest.fixture
def no_natural_earth(monkeypatch, stand_in_basemap):
    """The CLI and ``Atlas.figure`` draw on the stand-in base map."""
    monkeypatch.setattr(geo.figure.render, "basemap_payload", lambda **_: stand_in_basemap)


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def map_axes(figure):
    return next(ax for ax in figure.axes if ax.get_gid() == "map")


# ---------------------------------------------------------------- content


def test_the_svg_parses_and_holds_every_label_title_and_credit(atlas, draw):
    texts = svg_texts(figure_bytes(draw(view="gba"), "svg", dpi=100))
    for feature in atlas.features.values():
        assert feature.short_name in texts, feature.id
    assert atlas.story.title in texts
    credits = "\n".join(texts)
    assert "Natural Earth (public domain)" in credits and "gba-atlas (MIT)" in credits
    assert "Lambert azimuthal equal-area projection centred on" in credits
    assert "Xinhua" in credits and "Legend" in texts and "N" in texts


def test_feature_labels_do_not_overlap_one_another(draw):
    figure = draw(view="gba")
    renderer = figure.canvas.get_renderer()
    boxes = [
        text.get_window_extent(renderer)
        for text in map_axes(figure).texts
        if (text.get_gid() or "").startswith(("label-", "city-label-"))
    ]
    assert len(boxes) >= 7
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize("lang", ["zh-Hant", pytest.param("zh-Hans", marks=pytest.mark.slow)])
def test_chinese_names_are_text_in_the_svg_in_the_script_asked_for(atlas, draw, lang):
    texts = svg_texts(figure_bytes(draw(view="gba", lang=lang), "svg", dpi=100))
    for feature in atlas.features.values():
        assert feature.names.get(lang) in texts
    expected = {"zh-Hant": ("河套深圳園區", "一河兩岸"), "zh-Hans": ("河套深圳园区", "一河两岸")}[lang]
    assert expected[0] in texts and any(t.startswith(expected[1]) for t in texts)


@pytest.mark.slow
def test_the_table_holds_the_area_checks(atlas, draw):
    texts = svg_texts(figure_bytes(draw(table=True), "svg", dpi=100))
    assert "computed ha" in texts and "87-hectare" in texts and "✓" in texts


def test_an_unknown_view_names_the_views_there_are(draw):
    with pytest.raises(ViewError, match=r"'gba', 'Hetao zone'.*'hetao_hk_park'"):
        draw(view="atlantis")


# ---------------------------------------------------------------- scale bar and projection


def bar_length_and_label(figure) -> tuple[float, float]:
    """The bar measured from its drawn ends, back to lon/lat, on the ellipsoid; and its label's metres."""
    ax = map_axes(figure)
    bar = next(line for line in ax.lines if line.get_gid() == SCALEBAR_GID)
    (x0, x1), (y0, y1) = bar.get_xdata(), bar.get_ydata()
    assert y0 == y1  # horizontal on the page
    back = Transformer.from_crs(figure_info(figure).view.crs, "EPSG:4326", always_xy=True)
    (lon0, lon1), (lat0, lat1) = back.transform([x0, x1], [y0, y1])
    measured = GEOD.inv(lon0, lat0, lon1, lat1)[2]
    label = next(t.get_text() for t in ax.texts if t.get_gid() == f"{SCALEBAR_GID}-label")
    number, unit = re.fullmatch(r"([\d.]+) (km|m|公里|米)", label).groups()
    return measured, float(number) * (1000 if unit in ("km", "公里") else 1)


@pytest.mark.parametrize(
    "view",
    [
        None,
        "gba",
        *(pytest.param(v, marks=pytest.mark.slow) for v in ("hengqin", "hetao_hk_park", "shenzhen_river")),
    ],
)
def test_the_scale_bar_is_as_long_on_the_ground_as_its_label_says(draw, view):
    measured, stated = bar_length_and_label(draw(view=view))
    assert abs(measured - stated) / stated < 0.01  # in fact within 1e-6 (see the README)
    assert abs(measured - stated) / stated < 1e-5


def test_the_projection_is_lambert_equal_area_centred_on_the_view(draw):
    info = figure_info(draw(view="gba"))
    params = dict(p.lstrip("+").split("=") for p in info.view.crs.srs.split() if "=" in p)
    assert params["proj"] == "laea" and params["ellps"] == "WGS84"
    west, south, east, north = info.view.bounds
    assert float(params["lon_0"]) == pytest.approx((west + east) / 2, abs=1e-6)
    assert float(params["lat_0"]) == pytest.approx((south + north) / 2, abs=1e-6)


def test_a_bar_far_from_the_centre_is_still_true(draw):
    view = figure_info(draw(view="gba")).view
    x1 = bar_end(view, -150_000, -150_000, 50_000)
    assert ground_distance(view, -150_000, -150_000, x1, -150_000) == pytest.approx(50_000, rel=1e-9)


def test_nice_lengths():
    assert [nice_length(m) for m in (7, 1999, 2000, 45_000)] == [5, 1000, 2000, 20_000]


# ---------------------------------------------------------------- sizes and formats


@pytest.mark.parametrize(
    ("size", "dpi", "pixels"),
    [("4x3in", 120, (480, 360)),
     *(pytest.param(*case, marks=pytest.mark.slow) for case in (
        ("1200x630px", None, (1200, 630)), ("social", 300, (1200, 630)), ("column", 96, (680, 500)),
        ("10x7.5cm", 254, (1000, 750))))],
)  # fmt: skip
def test_a_png_has_the_pixels_and_dpi_asked_for(draw, size, dpi, pixels):
    figure = draw(size=size, dpi=dpi)
    image = Image.open(io.BytesIO(figure_bytes(figure, "png", dpi=figure_info(figure).dpi)))
    assert image.size == pixels
    assert image.info["dpi"][0] == pytest.approx(dpi or 150, abs=0.1)


def test_sizes_are_read_with_their_units():
    assert parse_size("180x120mm").width_in == pytest.approx(180 / 25.4)
    assert parse_size(" 7 × 5 IN ").height_in == 5
    assert parse_size("print") == parse_size("180x120mm")
    for bad in ("180x120", "big", "0x10mm", "50x50px", "-1x2in"):
        with pytest.raises(FigureSizeError):
            parse_size(bad)


@pytest.mark.slow
def test_the_same_inputs_give_the_same_bytes(atlas, stand_in_basemap):
    first, second = (
        make_figure(atlas.layers, atlas.report(), story=atlas.story, basemap=stand_in_basemap, lang="zh-Hant",
                    table=True)
        for _ in range(2)
    )  # fmt: skip
    formats = ("svg", "pdf", "png")
    firsts, seconds = (
        {fmt: figure_bytes(figure, fmt, dpi=100) for fmt in formats} for figure in (first, second)
    )
    for fmt in formats:
        assert firsts[fmt] == seconds[fmt], fmt
    assert "<dc:date>" not in firsts["svg"].decode("utf-8")
    assert b"CreationDate" not in firsts["pdf"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_pdf_renders_with_poppler(draw, tmp_path):
    pdf = tmp_path / "figure.pdf"
    pdf.write_bytes(figure_bytes(draw(lang="zh-Hant"), "pdf", dpi=100))
    result = subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", pdf, tmp_path / "page"],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0 and not result.stderr, result.stderr
    image = Image.open(tmp_path / "page.png").convert("L")
    assert image.size[0] == pytest.approx(180 / 25.4 * 40, abs=1)
    assert image.size[1] == pytest.approx(120 / 25.4 * 40, abs=1)
    assert image.getextrema()[0] < 60  # dark text and lines were drawn, not a blank page


# ---------------------------------------------------------------- fonts


def test_without_a_cjk_font_chinese_is_refused_clearly(atlas, stand_in_basemap, monkeypatch):
    monkeypatch.setattr(geo.figure.fonts, "find_cjk_font", lambda lang="zh-Hant": None)
    with pytest.raises(FontError, match=r"no Chinese font found.*fonts-noto-cjk") as caught:
        make_figure(atlas.layers, atlas.report(), story=atlas.story, basemap=stand_in_basemap, lang="zh-Hant")
    assert "\n" not in str(caught.value)
    assert geo.figure.fonts.font_families(["Hetao"]) == ["DejaVu Sans"]  # English needs none


def test_the_cli_says_so_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(geo.figure.fonts, "find_cjk_font", lambda lang="zh-Hant": None)
    assert main(["figure", "--lang", "zh-Hans", "--out", str(tmp_path / "f.svg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gba-atlas: error: no Chinese font found") and err.count("\n") == 1
    assert not (tmp_path / "f.svg").exists()


# ---------------------------------------------------------------- the command line and the facade


@pytest.mark.slow
@pytest.mark.usefixtures("no_natural_earth")
def test_the_cli_writes_each_format(tmp_path, capsys):
    for name in ("f.svg", "f.pdf", "f.png"):
        assert main(["figure", "--out", str(tmp_path / name), "--size", "column"]) == 0
        assert (tmp_path / name).stat().st_size > 10_000
    assert capsys.readouterr().out.count("wrote") == 3


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--out", "f.txt"], "a figure is .svg, .pdf or .png"),
     (["--view", "nope"], "names no feature or layer"),
     (["--size", "big"], "is not WIDTHxHEIGHT"),
     (["--dpi", "5"], "dpi 5 is out of range")],
)  # fmt: skip
@pytest.mark.usefixtures("no_natural_earth")
def test_bad_options_are_one_line_and_exit_2(args, says, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["figure", "--out", "f.svg", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_without_the_base_map_the_cli_gives_the_asset_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(tmp_path / "cache"))
    assert main(["figure", "--out", str(tmp_path / "f.svg")]) == 2
    err = capsys.readouterr().err
    assert "world-atlas@2.0.2" in err and err.count("\n") == 1


@pytest.mark.usefixtures("no_natural_earth")
def test_atlas_figure_returns_a_matplotlib_figure():
    from matplotlib.figure import Figure

    figure = Atlas.load().figure(view="nansha", size="print")
    assert isinstance(figure, Figure)
    assert figure_info(figure).view.name == "nansha"
    assert figure._repr_png_().startswith(b"\x89PNG")  # Jupyter shows it, inline backend or not


# ---------------------------------------------------------------- on Natural Earth


@pytest.fixture(scope="module")
def natural_earth_available() -> None:
    cached = Path(default_cache_dir(), WORLD_ATLAS.package, WORLD_ATLAS.path).is_file()
    if not cached and shutil.which("npm") is None:
        pytest.skip("world-atlas is not cached and npm is not on PATH")


@pytest.mark.npm
@pytest.mark.usefixtures("natural_earth_available")
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_bundled_figure_on_natural_earth(tmp_path, lang):
    out = tmp_path / "figure.svg"
    try:
        status = main(["figure", "--out", str(out), "--lang", lang, "--view", "gba", "--table"])
    except AssetError as exc:  # pragma: no cover - the CLI turns it into exit 2
        pytest.skip(str(exc))
    if status == 2:
        pytest.skip("world-atlas unavailable")
    assert status == 0
    root = ET.fromstring(out.read_bytes())
    assert root.find(f".//{SVG}g[@id='map']") is not None


@pytest.mark.slow
def test_a_cjk_font_installed_after_matplotlibs_font_cache_is_still_found(monkeypatch):
    from matplotlib import font_manager

    from geo.figure import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font on this system (Debian: apt-get install fonts-noto-cjk)")
    stale = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    assert find_cjk_font("zh-Hans") is not None
