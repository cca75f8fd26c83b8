"""Figure sizes at their edges: the range stated holds, a pixel budget, room for the map, size= (issue 25).

Every size the range in the message allows is drawn or refused in one line saying why, never a
matplotlib ``ValueError`` or a ``MemoryError``; a PNG's pixels are bounded before any is drawn.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from matplotlib.figure import Figure
from shapely.geometry import box, mapping

import geo.figure.render
from geo import Atlas
from geo.cli import main
from geo.errors import ArgumentTypeError
from geo.figure import FigureSizeError, figure_bytes, figure_info, make_figure, parse_size
from geo.figure.options import MIN_MAP_MM, PIXEL_BUDGET, RANGES, check_png_pixels
from geo.map.basemap.cities import load_cities
from geo.model import Story


@pytest.fixture(scope="module")
def basemap() -> dict[str, Any]:
    """A stand-in base map (no Natural Earth needed): one block of land, the real cities."""
    return {
        "land": mapping(box(113.0, 22.4, 114.6, 23.5)),
        "borders": {"type": "FeatureCollection", "features": []},
        "cities": [city.to_json() for city in load_cities()],
    }


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


@pytest.fixture
def stand_in(monkeypatch, basemap):
    monkeypatch.setattr(geo.figure.render, "basemap_payload", lambda **_: basemap)


def draw(atlas: Atlas, basemap: dict[str, Any], **options: Any) -> Figure:
    return make_figure(atlas.layers, atlas.report(), story=atlas.story, basemap=basemap, **options)


# ------------------------------------------------ the range the message states


TOO_SMALL_OR_LARGE = ["1x1mm", "30x20mm", "59x100mm", "100x100px", "359x400px", "2.4x3in", "5x10cm",
                      "2001x100mm", "201x10cm", "79x10in", "8001x400px", "0x0mm"]  # fmt: skip


@pytest.mark.parametrize("text", TOO_SMALL_OR_LARGE)
def test_sizes_outside_the_range_say_the_range_of_every_unit(text: str) -> None:
    with pytest.raises(FigureSizeError) as caught:
        parse_size(text)
    message = str(caught.value)
    assert message.startswith(f"size {text!r} is out of range: give ") and "\n" not in message
    for unit, (low, high) in RANGES.items():
        assert f"{low:g} to {high:g} {unit}" in message


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["60x60mm", "6x6cm", "2.5x2.5in", "60x2000mm", "2000x60mm", "360x360px", "100x100mm"]
)
def test_the_ends_of_the_range_draw(atlas, basemap, text: str) -> None:
    """The smallest sizes of each unit, and the longest thinnest pages, give a figure (default view)."""
    figure = draw(atlas, basemap, size=text)
    assert figure_info(figure).size == parse_size(text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_smallest_page_draws_every_view_and_language(atlas, basemap, lang: str) -> None:
    for view in ("gba", "nansha", "hetao_hk_park"):
        assert isinstance(draw(atlas, basemap, size="60x60mm", view=view, lang=lang), Figure)


# ------------------------------------------------ room for the map


@pytest.mark.parametrize(
    ("options", "fixes"),
    [
        ({"size": "60x60mm", "table": True}, ["a taller page, at least ", "or no --table"]),
        ({"size": "100x60mm", "table": True}, ["e.g. 100x", "mm)"]),
        ({"size": "1200x630px", "dpi": 2400}, ["a lower --dpi", "a wider page"]),
        ({"size": "social", "dpi": 300, "table": True}, ["a lower --dpi", "no --table"]),
        ({"size": "360x360px", "dpi": 2400}, ["a lower --dpi"]),
    ],
    ids=[
        "small-with-table",
        "wide-with-table",
        "px-at-high-dpi",
        "social-with-table",
        "least-px-at-high-dpi",
    ],
)
def test_a_page_with_no_room_for_the_map_says_so_before_drawing(atlas, basemap, monkeypatch, options, fixes):
    monkeypatch.setattr(geo.figure.render, "AtlasFigure", None)  # nothing may be drawn
    with pytest.raises(FigureSizeError) as caught:
        draw(atlas, basemap, **options)
    message = str(caught.value)
    assert "which leaves the map" in message and f"it needs at least {MIN_MAP_MM} mm each way" in message
    assert all(fix in message for fix in fixes), message
    assert "\n" not in message


@pytest.mark.slow
def test_the_taller_page_the_message_suggests_draws(atlas, basemap) -> None:
    with pytest.raises(FigureSizeError) as caught:
        draw(atlas, basemap, size="100x60mm", table=True)
    suggested = re.search(r"e\.g\. (\d+x\d+mm)", str(caught.value))
    assert suggested is not None
    height = int(suggested[1].split("x")[1].removesuffix("mm"))
    assert isinstance(draw(atlas, basemap, size=suggested[1], table=True), Figure)
    with pytest.raises(FigureSizeError):
        draw(
            atlas, basemap, size=f"100x{height - 1}mm", table=True
        )  # the least: a millimetre less will not do


def test_a_long_title_that_fills_the_page_is_one_line_not_a_crash(atlas, basemap) -> None:
    story = dataclasses.replace(Story.neutral(atlas.layers), title="A title that goes on and on " * 40)
    with pytest.raises(FigureSizeError, match="which leaves the map"):
        make_figure(atlas.layers, atlas.report(), story=story, basemap=basemap, size="80x60mm")


# ------------------------------------------------ the pixel budget


@pytest.mark.slow  # draws a figure
def test_a_huge_png_is_refused_before_any_pixel_is_drawn(atlas, basemap) -> None:
    figure = draw(atlas, basemap, size="2000x2000mm", dpi=2400)  # vector: fine
    with pytest.raises(FigureSizeError) as caught:
        figure_bytes(figure, "png", dpi=2400)
    message = str(caught.value)
    assert "188,976 x 188,976 px" in message and "the budget of 64 megapixels" in message
    assert "--dpi 101 or less for this size" in message and "\n" not in message
    assert figure_bytes(figure, "svg", dpi=2400).startswith(b"<?xml")  # SVG and PDF have no pixels


@pytest.mark.parametrize(
    ("width_in", "height_in", "dpi", "ok"),
    [(78.74, 78.74, 100, True), (78.74, 78.74, 102, False), (78.74, 2.4, 406, True), (78.74, 2.4, 407, False),
     (8.0, 8.0, 1000, True), (8.0, 8.0, 1001, False), (2.4, 2.4, 2400, True)],
)  # fmt: skip
def test_the_budget_is_64_megapixels_and_32000_px_each_way(width_in, height_in, dpi, ok) -> None:
    if ok:
        check_png_pixels(width_in, height_in, dpi)
        assert int(width_in * dpi) * int(height_in * dpi) <= PIXEL_BUDGET
    else:
        with pytest.raises(
            FigureSizeError, match="more than the budget of 64 megapixels and 32,000 px each way"
        ):
            check_png_pixels(width_in, height_in, dpi)


def test_the_dpi_the_budget_message_suggests_passes() -> None:
    for width_in, height_in in [(78.74, 78.74), (78.74, 2.4), (10.0, 3.0)]:
        with pytest.raises(FigureSizeError) as caught:
            check_png_pixels(width_in, height_in, 2400)
        most = int(re.search(r"--dpi (\d+) or less", str(caught.value))[1])  # type: ignore[index]
        check_png_pixels(width_in, height_in, most)
        with pytest.raises(FigureSizeError):
            check_png_pixels(width_in, height_in, most + 2)


@pytest.mark.parametrize(("text", "dpi", "says"), [("8000x8000px", 10, "at least 102"),
                                                    ("8000x400px", 100, "at least 102")])  # fmt: skip
def test_a_size_in_px_at_a_low_dpi_cannot_make_a_huge_page(atlas, basemap, monkeypatch, text, dpi, says):
    monkeypatch.setattr(geo.figure.render, "AtlasFigure", None)
    with pytest.raises(FigureSizeError, match=f"larger than 2000 mm; fix: a higher --dpi \\({says}"):
        draw(atlas, basemap, size=text, dpi=dpi)


@pytest.mark.slow  # draws a figure
@pytest.mark.usefixtures("stand_in")
def test_the_cli_refuses_a_huge_png_in_one_line_and_writes_nothing(tmp_path, capsys) -> None:
    out = tmp_path / "big.png"
    assert main(["figure", "--out", str(out), "--size", "2000x2000mm", "--dpi", "2400"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gba-atlas: error: a PNG of 2000 x 2000 mm at 2400 dpi") and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("size", "says"), [("1x1mm", "out of range: give 60 to 2000 mm"),
                                             ("30x20mm", "out of range"), ("100x100px", "out of range"),
                                             ("60x60mm --table", "which leaves the map")])  # fmt: skip
@pytest.mark.usefixtures("stand_in")
def test_the_cli_says_what_is_wrong_with_a_small_size_and_exits_2(tmp_path, capsys, size, says) -> None:
    size, *more = size.split()
    assert main(["figure", "--out", str(tmp_path / "f.svg"), "--size", size, *more]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gba-atlas: error: size ") and says in err and err.count("\n") == 1
    assert "Traceback" not in err and not (tmp_path / "f.svg").exists()


# ------------------------------------------------ --out a folder, and size= in the API


@pytest.mark.slow  # draws a figure
@pytest.mark.usefixtures("stand_in")
def test_out_an_existing_folder_suggests_a_figure_name_that_figure_takes(tmp_path, capsys) -> None:
    assert main(["figure", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    suggested = re.search(r"e\.g\. (\S+)$", err.strip())
    assert suggested is not None and suggested[1] == str(tmp_path / "figure.svg"), err
    assert main(["figure", "--out", f"{tmp_path}/sub/"]) == 2
    assert capsys.readouterr().err.strip().endswith(f"e.g. {tmp_path}/sub/figure.svg")
    assert main(["figure", "--out", suggested[1], "--size", "column"]) == 0  # the fix works
    assert (tmp_path / "figure.svg").stat().st_size > 10_000


def test_the_map_command_still_suggests_a_map_name(tmp_path, capsys) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().endswith(f"e.g. {tmp_path / 'map.html'}")


@pytest.mark.slow  # draws a figure
@pytest.mark.usefixtures("stand_in")
def test_atlas_figure_size_none_is_the_default_size() -> None:
    figure = Atlas.load().figure(size=None)
    assert figure_info(figure).size == parse_size("180x120mm")


@pytest.mark.parametrize("size", [180, 1.5, ("180", "120"), b"180x120mm", ["social"]])
def test_atlas_figure_size_of_another_type_is_a_type_error_naming_it(size: Any) -> None:
    with pytest.raises(ArgumentTypeError) as caught:
        Atlas.load().figure(size=size)
    message = str(caught.value)
    assert message.startswith("Atlas.figure: argument size: must be text such as '180x120mm'")
    assert isinstance(caught.value, TypeError) and type(size).__name__ in message
