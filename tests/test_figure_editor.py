"""The figure as a newspaper graphics editor checks it: labels on their own bank, a frame cropped to the
subject, a legend of what is in it, a locator, distinct line styles, and a PDF with TrueType fonts and a
title. Drawn on the stand-in base map (tests/conftest.py) with the bundled atlas's Hetao river as the
Hong Kong boundary, in the three languages.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import LineString, box, mapping
from shapely.ops import split

from geo.atlas import Atlas
from geo.figure import figure_bytes, figure_info, make_figure
from geo.figure.locator import LOCATOR_GID
from geo.map.basemap import CLIP_BOUNDS

pytestmark = pytest.mark.slow  # figures drawn with matplotlib, about a second each

LANGS = ["en", "zh-Hant", "zh-Hans"]
PARKS = ("hetao_hk_park", "hetao_sz_park")


@pytest.fixture(scope="module")
def basemap(atlas: Atlas, stand_in_basemap: dict[str, Any]) -> dict[str, Any]:
    """The stand-in base map with the Shenzhen River as the Hong Kong–Mainland boundary."""
    river = atlas.features["shenzhen_river"].geometry
    border = {"type": "Feature", "id": "hong_kong_mainland", "properties": {}, "geometry": mapping(river)}
    return {**stand_in_basemap, "borders": {"type": "FeatureCollection", "features": [border]}}


@pytest.fixture(scope="module")
def drawn(atlas: Atlas, basemap: dict[str, Any]) -> Any:
    figures: dict[tuple[str, str | None], Any] = {}

    def draw(lang: str = "en", view: str | None = None) -> Any:
        if (lang, view) not in figures:
            figures[lang, view] = make_figure(
                atlas.layers, atlas.report(), story=atlas.story, basemap=basemap, lang=lang, view=view
            )
        return figures[lang, view]

    return draw


def axes(figure: Any, gid: str) -> Any:
    return next(ax for ax in figure.get_axes() if ax.get_gid() == gid)


def label_box(figure: Any, feature_id: str) -> Any:
    """A feature's label text (without its leader), as a box in the map's data coordinates."""
    ax = axes(figure, "map")
    (text,) = [t for t in ax.texts if t.get_gid() == f"label-{feature_id}"]
    extent = type(text).__mro__[1].get_window_extent(text, figure.canvas.get_renderer())  # Text's, no leader
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([[extent.x0, extent.y0], [extent.x1, extent.y1]])
    return box(x0, y0, x1, y1)


def frame_of(figure: Any) -> Any:
    ax = axes(figure, "map")
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    return box(xmin, ymin, xmax, ymax)


@pytest.mark.parametrize("lang", LANGS)
def test_each_park_label_lies_on_its_own_bank_of_the_river(atlas: Atlas, drawn: Any, lang: str) -> None:
    figure = drawn(lang)
    view = figure_info(figure).view
    frame = frame_of(figure)
    river = view.project(atlas.features["shenzhen_river"].geometry).intersection(frame)
    assert isinstance(river, LineString) or river.geom_type == "MultiLineString"
    banks = list(split(frame, river).geoms)
    assert len(banks) >= 2  # the river crosses the frame
    for park, other in (PARKS, PARKS[::-1]):
        own = view.project(atlas.features[park].geometry)
        (bank,) = [b for b in banks if b.contains(own.representative_point())]
        label = label_box(figure, park)
        assert bank.buffer(1).contains(label), f"{park}'s label leaves its bank ({lang})"
        assert not label.intersects(view.project(atlas.features[other].geometry)), park


@pytest.mark.parametrize("lang", LANGS)
def test_the_frame_is_cropped_to_the_parks(atlas: Atlas, drawn: Any, lang: str) -> None:
    figure = drawn(lang)
    view = figure_info(figure).view
    frame = frame_of(figure)
    parks = box(*view.project(box(*_bounds(atlas, PARKS))).bounds)
    assert frame.contains(parks)
    # the parks' box fills a third of the frame or more (47 %; 10 % when the river's whole length was framed)
    assert parks.area / frame.area >= 0.33, parks.area / frame.area


def _bounds(atlas: Atlas, ids: tuple[str, ...]) -> tuple[float, float, float, float]:
    import shapely

    bounds: tuple[float, float, float, float] = tuple(
        shapely.total_bounds([atlas.features[i].geometry for i in ids]).tolist()
    )
    return bounds


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_lists_only_what_is_in_the_frame(atlas: Atlas, drawn: Any, lang: str) -> None:
    figure = drawn(lang)
    view = figure_info(figure).view
    frame = frame_of(figure)
    legend = axes(figure, "legend").get_legend()
    entries = {t.get_text().replace("\n", " ") for t in legend.get_texts()}
    names = {
        f.id: (f.name if lang == "en" else f.names.get(lang)).replace("\n", " ")
        for f in atlas.features.values()
    }
    listed = {fid for fid, name in names.items() if name in entries}
    in_frame = {fid for fid, f in atlas.features.items() if view.project(f.geometry).intersects(frame)}
    assert listed and listed <= in_frame
    assert {"qianhai", "nansha", "hengqin"}.isdisjoint(listed)
    assert set(PARKS) <= listed
    every = {
        t.get_text().replace("\n", " ") for t in axes(drawn(lang, "gba"), "legend").get_legend().get_texts()
    }
    assert names["hengqin"] in every  # at the whole area's view, Hengqin is in the frame and listed


@pytest.mark.parametrize(("view", "subject"), [(None, PARKS), ("hengqin", ("hengqin",))])
def test_a_locator_inset_marks_the_frame_on_the_greater_bay_area(
    atlas: Atlas, drawn: Any, view: str | None, subject: tuple[str, ...]
) -> None:
    from matplotlib.colors import to_rgb

    figure = drawn("en", view)
    ax = axes(figure, "map")
    (inset,) = [child for child in ax.child_axes if child.get_gid() == LOCATOR_GID]
    assert inset.get_xlim() == pytest.approx(CLIP_BOUNDS[0::2])
    assert inset.get_ylim() == pytest.approx(CLIP_BOUNDS[1::2])
    # the frame: a red outline, or a red square where it would be a speck; around the parks
    marks = [p.get_path().transformed(p.get_patch_transform()).vertices for p in inset.patches
             if to_rgb(p.get_edgecolor()) == to_rgb("#c0392b")]  # fmt: skip
    marks += [
        line.get_xydata() for line in inset.lines if to_rgb(line.get_markeredgecolor()) == to_rgb("#c0392b")
    ]
    (mark,) = marks
    west, south, east, north = _bounds(atlas, subject)
    assert mark[:, 0].min() <= east and mark[:, 0].max() >= west
    assert mark[:, 1].min() <= north and mark[:, 1].max() >= south
    # the inset keeps off the subject: under 5 % of it lies beneath
    info = figure_info(figure)
    corners = ax.transData.inverted().transform(
        inset.get_window_extent(figure.canvas.get_renderer()).corners()
    )
    under = box(*corners.min(axis=0), *corners.max(axis=0))
    areas = [info.view.project(f.geometry) for f in info.view.features if f.area_m2 > 0]
    assert sum(p.intersection(under).area for p in areas) < 0.05 * sum(p.area for p in areas)


def test_a_map_of_the_whole_area_needs_no_locator(drawn: Any) -> None:
    assert [
        child for child in axes(drawn("en", "gba"), "map").child_axes if child.get_gid() == LOCATOR_GID
    ] == []


def test_the_zone_outline_and_the_sar_boundary_are_drawn_differently(drawn: Any) -> None:
    legend = axes(drawn("en"), "legend").get_legend()
    lines = {
        t.get_text().replace("\n", " "): h
        for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    outline = next(h for text, h in lines.items() if "outline" in text)
    boundary = next(h for text, h in lines.items() if "boundar" in text)
    assert outline.get_color() != boundary.get_color()
    # the dash patterns ((offset, on-off lengths)): dashed for the outline, dash-dot for the boundary
    _, outline_dashes = outline._unscaled_dash_pattern
    _, boundary_dashes = boundary._unscaled_dash_pattern
    assert len(outline_dashes) == 2 and len(boundary_dashes) == 4


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler's pdffonts is not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_embeds_truetype_fonts_and_names_its_title_author_and_subject(
    atlas: Atlas, drawn: Any, lang: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "figure.pdf"
    pdf.write_bytes(figure_bytes(drawn(lang), "pdf", dpi=100))
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and not any("Type 3" in row for row in rows), fonts.stdout
    assert all(" yes " in row for row in rows)  # embedded
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == atlas.story.title_in(lang)
    assert "gba-atlas" in fields["Author"]
    assert atlas.features["hetao_hk_park"].short_name in fields["Subject"] or lang != "en"
    assert fields["Subject"].strip()
