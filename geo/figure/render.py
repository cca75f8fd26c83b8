"""The figure: a static, print-ready map of the atlas with matplotlib (see :func:`make_figure`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geo.figure.draw import (
    BOUNDARY_KEY,
    CITY_KEY,
    borders_in,
    city_labels,
    draw_basemap,
    draw_features,
    feature_colours,
    feature_label,
    legend_entries,
)
from geo.figure.fonts import font_families, weights_unasked
from geo.figure.info import LAYOUT_DPI, AtlasFigure, FigureInfo, figure_info, remember
from geo.figure.layout.labels import LabelSpec, place_labels
from geo.figure.layout.panels import Fonts, Panels, panels
from geo.figure.locator import draw_locator
from geo.figure.options import DEFAULT_SIZE, Size, check_dpi, check_page, figure_size
from geo.figure.output import STABLE_RC, describe
from geo.figure.page import Grid, draw_page_texts, draw_table
from geo.figure.projection import View, resolve_view
from geo.figure.room import check_room, least_height, map_inches
from geo.figure.scalebar import draw_north_arrow, draw_scalebar
from geo.figure.subject import data_box, document_subject, frame_box, in_frame, keep_off, label_anchors
from geo.i18n import check_language, translate
from geo.map.basemap import ATTRIBUTION, basemap_payload
from geo.model import Layer, Report, Story
from geo.report import area_cells, area_header

__all__ = ["AtlasFigure", "FigureInfo", "figure_info", "make_figure"]


def _texts(layers: Sequence[Layer], story: Story, *, lang: str, grid: Grid | None) -> list[str]:
    """The texts from the data the figure shows (to see whether it needs a CJK font)."""
    features = [f for layer in layers for f in layer]
    names = [n for f in features for n in (f.short_name, f.name, f.names.get(lang))]
    cells = [*grid[0], *(cell for row in grid[1] for cell in row)] if grid else []
    layer_names = [layer.name for layer in layers]
    source = [story.source.title, story.source.issuer] if story.source else []
    return [story.title_in(lang), *names, *cells, *layer_names, *source, translate("map.legend", lang)]


def _footer(story: Story, view: View, lang: str) -> list[str]:
    """The source line, the credits and the projection."""
    lon, lat = view.centre
    lat_text = translate("figure.lat.n" if lat >= 0 else "figure.lat.s", lang, value=f"{abs(lat):.2f}")
    lon_text = translate("figure.lon.e" if lon >= 0 else "figure.lon.w", lang, value=f"{abs(lon):.2f}")
    lines = []
    if story.source:
        source = story.source
        quoted = f"{source.issuer}, “{source.title}”, {source.date}" + (
            f", {source.url}" if source.url else ""
        )
        lines.append(translate("figure.source", lang, source=quoted))
    lines.append(translate("figure.credits", lang, basemap=ATTRIBUTION))
    lines.append(translate("figure.projection", lang, lat=lat_text, lon=lon_text))
    return lines


def _map_axes(fig: Figure, rect: tuple[float, float, float, float], view: View) -> Axes:
    ax = fig.add_axes(rect, gid="map")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")
        spine.set_linewidth(0.6)
    return ax


def _frame(fig: Figure, ax: Axes, view: View) -> None:
    """Fit the view to the map's box at equal scale on both axes (the shorter way widened: more shows)."""
    west, south, east, north = view.bounds
    xmin, ymin, xmax, ymax = view.project(box(west, south, east, north)).bounds
    fig_w, fig_h = fig.get_size_inches()
    position = ax.get_position(original=True)
    box_ratio = (position.height * fig_h) / (position.width * fig_w)
    cx, cy, half_w, half_h = (xmin + xmax) / 2, (ymin + ymax) / 2, (xmax - xmin) / 2, (ymax - ymin) / 2
    half_w, half_h = max(half_w, half_h / box_ratio), max(half_h, half_w * box_ratio)
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()


def _feature_labels(
    ax: Axes, view: View, layers: Sequence[Layer], *, lang: str, fonts: Fonts, blocked: BaseGeometry
) -> list[LabelSpec]:
    """A label for each feature the map reaches, smallest first (they have the fewest good places).

    Each keeps off the lines and the other small features (:func:`~geo.figure.subject.keep_off`):
    a park's name stays on its own bank of the river; and each hangs on a point clear of them and of
    ``blocked`` (the locator, the scale bar, the north arrow; data coordinates).
    """
    colours = feature_colours(layers)
    xmin, xmax = ax.get_xlim()
    frame = frame_box((ax.get_xlim(), ax.get_ylim()))
    shown = in_frame(view, layers, frame)
    specs = []
    for feature in sorted((f for layer in layers for f in layer), key=lambda f: (f.area_m2, f.id)):
        visible = view.project(feature.geometry).intersection(frame.buffer(-0.03 * (xmax - xmin)))
        if visible.is_empty:
            continue
        avoid = keep_off(feature, shown, frame)
        anchors = label_anchors(visible, blocked if avoid is None else avoid.union(blocked))
        wide = feature.area_m2 > 0 and (visible.bounds[2] - visible.bounds[0]) > 0.25 * (xmax - xmin)
        specs.append(LabelSpec(feature_label(feature, lang), anchors[0], _darker(colours[feature.id]),
                               fonts.text, f"label-{feature.id}", centred=wide, weight="bold",
                               avoid=avoid, more_anchors=tuple(anchors[1:])))  # fmt: skip
    return specs


def _darker(hex_colour: str) -> str:
    """The colour at 70 % brightness, for text that must read on a light fill."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{int(r * 0.7):02x}{int(g * 0.7):02x}{int(b * 0.7):02x}"


def _legend(fig: Figure, rect: tuple[float, float, float, float], layers: Sequence[Layer], *, lang: str,
            fontsize: float, width_in: float, spacing: float, shown: set[str]) -> None:  # fmt: skip
    """The legend beside the map: what is in the frame (``shown``), each feature in its colour."""
    from geo.figure.layout.panels import wrap

    handles, labels = legend_entries(layers, feature_colours(layers), lang=lang, shown=shown)
    labels = ["\n".join(wrap(label, width_in * rect[2] - 0.35, fontsize)) for label in labels]
    ax = fig.add_axes(rect, gid="legend")
    ax.set_axis_off()
    ax.legend(
        handles, labels, loc="upper left", frameon=False, fontsize=fontsize, alignment="left",
        title=translate("map.legend", lang), title_fontsize=fontsize + 1, borderaxespad=0,
        handlelength=1.6, labelspacing=spacing,
    )  # fmt: skip


def make_figure(
    layers: Sequence[Layer],
    report: Report,
    *,
    story: Story | None = None,
    view: str | tuple[float, float, float, float] | None = None,
    lang: str = "en",
    size: Size | str | None = DEFAULT_SIZE,
    dpi: int | None = None,
    table: bool | Grid = False,
    basemap: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
    view_option: str = "--view",
) -> Figure:
    """Draw the atlas as a static map: features, labels, base map, scale bar, north arrow, legend, credits.

    Parameters
    ----------
    layers, report : sequence of Layer, Report
        What to draw, and its checks (for ``table``).
    story : Story, optional
        The title, source and opening view (``opens_on``); else a neutral title and ``gba``.
    view : str or (west, south, east, north), optional
        A feature id, a layer's name (or file stem), ``gba`` for every feature, or bounds in degrees;
        messages name it as ``view_option`` does: ``--view`` (the command line) or ``view`` (Python).
    lang : str
        ``en``, ``zh-Hant`` or ``zh-Hans``: labels, legend, credits and table.
    size : Size or str, optional
        ``WIDTHxHEIGHT`` with ``mm``, ``cm``, ``in`` or ``px``, or a preset (see :mod:`geo.figure.options`);
        None for :data:`~geo.figure.options.DEFAULT_SIZE`.
    dpi : int, optional
        The PNG's dpi (it sets the layout of a size in px); by default that of the size.
    table : bool or (header, rows)
        Add the area-check table beneath the map, or this table (an article's figures, say).
    basemap : Mapping, optional
        A base map payload (:func:`geo.map.basemap.basemap_payload`); by default read from the asset
        cache, ``cache_dir`` when given.
    cache_dir : pathlib.Path, optional
        The asset cache to read the base map from, when ``basemap`` is not given.
    view_option : str
        How messages name the view: ``--view`` or ``view``.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, for :func:`~geo.figure.output.figure_bytes` (:func:`figure_info` tells what it shows).

    Raises
    ------
    ViewError, FigureSizeError, FontError, AssetError, ArgumentTypeError
        One line each: an unknown view, a bad size (or one that leaves the map no room; a size neither
        text nor a Size: ArgumentTypeError), Chinese text without a CJK font, no base map data.
    """
    check_language(lang)
    size = figure_size(size)
    dpi = size.default_dpi if dpi is None else check_dpi(dpi)
    check_page(size, dpi)
    the_view = resolve_view(layers, story, view, option=view_option)
    story = story or Story.neutral(layers)
    areas = (area_header(lang), [area_cells(a, lang=lang) for a in report.areas]) if table is True else None
    grid = table if isinstance(table, tuple) else areas
    families = font_families(_texts(layers, story, lang=lang, grid=grid), lang=lang)
    payload = basemap if basemap is not None else basemap_payload(cache_dir=cache_dir)
    with matplotlib.rc_context({**STABLE_RC, "font.family": families}), weights_unasked():
        fig = _draw(layers, story, the_view, payload, size=size, dpi=dpi, lang=lang, grid=grid)
    remember(fig, FigureInfo(the_view, size, dpi, lang))
    describe(fig, title=story.title_in(lang), subject=document_subject(the_view, story, lang))
    return fig


def _checked_layout(
    story: Story, view: View, size: Size, *, dpi: int, lang: str, grid: Grid | None
) -> Panels:
    """The page's panels, once :func:`check_room` has found room enough for the map on it."""
    width_in, height_in = size.inches_at(dpi)
    rows = len(grid[1]) if grid else 0

    def lay_out(height: float) -> Panels:
        return panels(width_in, height, fonts=Fonts.for_size(width_in, height), title=story.title_in(lang),
                      footer=_footer(story, view, lang), table_rows=rows)  # fmt: skip

    layout = lay_out(height_in)
    check_room(map_inches(layout, width_in, height_in), (width_in, height_in), text=size.text,
               taller_in=None if size.pixels else least_height(lay_out, width_in, height_in),
               dpi=dpi if size.pixels else None, table=grid is not None)  # fmt: skip
    return layout


def _furniture(
    ax: Axes, view: View, payload: Mapping[str, Any], renderer: Any, *, lang: str, fonts: Fonts
) -> list[Bbox]:
    """Draw the scale bar, north arrow and locator: their extents (display units, padded) labels avoid."""
    bar, bar_label = draw_scalebar(ax, view, lang=lang, fontsize=fonts.text)
    north = draw_north_arrow(ax, view, fontsize=fonts.text)
    subject = shapely.union_all([view.project(f.geometry) for f in view.features if f.area_m2 > 0])
    obstacles = [a.get_window_extent(renderer).padded(4) for a in (bar, bar_label, north)]
    locator = draw_locator(ax, view, payload, subject, keep_clear=obstacles)
    return obstacles + ([] if locator is None else [locator.get_window_extent(renderer).padded(4)])


def _legend_keys(
    ax: Axes, view: View, layers: Sequence[Layer], payload: Mapping[str, Any], *, cities: bool
) -> set[str]:
    """The legend's keys for what the map's frame shows: features, borders, cities."""
    frame = frame_box((ax.get_xlim(), ax.get_ylim()))
    shown = set(in_frame(view, layers, frame))
    shown |= {BOUNDARY_KEY} if borders_in(view, payload, frame) else set()
    return shown | ({CITY_KEY} if cities else set())


def _draw(layers: Sequence[Layer], story: Story, view: View, payload: Mapping[str, Any], *,
          size: Size, dpi: int, lang: str, grid: Grid | None) -> Figure:  # fmt: skip
    """Draw the page (inside the figure's rc settings)."""
    width_in, height_in = size.inches_at(dpi)
    layout = _checked_layout(story, view, size, dpi=dpi, lang=lang, grid=grid)
    fig = AtlasFigure(figsize=(width_in, height_in), dpi=LAYOUT_DPI)
    canvas = FigureCanvasAgg(fig)
    fonts = Fonts.for_size(width_in, height_in)
    ax = _map_axes(fig, layout.map, view)
    draw_basemap(ax, view, payload)
    draw_features(ax, view, layers, feature_colours(layers))
    _frame(fig, ax, view)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    obstacles = _furniture(ax, view, payload, renderer, lang=lang, fonts=fonts)
    blocked = shapely.union_all([data_box(ax, extent) for extent in obstacles])
    specs = _feature_labels(ax, view, layers, lang=lang, fonts=fonts, blocked=blocked)
    cities = city_labels(ax, view, payload, lang=lang, fontsize=fonts.small)
    place_labels(ax, specs + cities, obstacles=obstacles, renderer=renderer)
    shown = _legend_keys(ax, view, layers, payload, cities=bool(cities))
    fontsize, spacing = (fonts.small, 0.35) if grid else (fonts.text, 0.7)
    _legend(fig, layout.legend, layers, lang=lang, fontsize=fontsize, width_in=width_in, spacing=spacing,
            shown=shown)  # fmt: skip
    if layout.table and grid:
        draw_table(fig, layout.table, *grid, fonts=fonts)
    draw_page_texts(fig, layout, fonts)
    return fig
