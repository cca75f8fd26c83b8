"""Drawing on the map: the base map (land, water, boundaries, cities) and the features in their colours."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.figure.layout.labels import LabelSpec
from geo.figure.projection import View
from geo.i18n import pick, translate, uses_latin_labels
from geo.map.style import OUTLINE_COLOUR, colour
from geo.model import Feature, Layer

__all__ = [
    "BORDER_COLOUR",
    "BOUNDARY_KEY",
    "CITY_KEY",
    "LAND_COLOUR",
    "WATER_COLOUR",
    "borders_in",
    "city_labels",
    "draw_basemap",
    "draw_features",
    "feature_colours",
    "legend_entries",
]

WATER_COLOUR = "#d6e6f2"
LAND_COLOUR = "#f4f1ea"
#: The SAR boundaries as on the interactive plain map: a dark violet dash-dot line, drawn over the
#: river that carries it; the zone outline (dashed, dark grey) is drawn in a different pattern.
BORDER_COLOUR = "#5c4a6e"
_BORDER: dict[str, Any] = {"color": BORDER_COLOUR, "linewidth": 1.0, "linestyle": (0, (7, 2.5, 1.5, 2.5))}
_OUTLINE: dict[str, Any] = {"color": OUTLINE_COLOUR, "linewidth": 1.0, "linestyle": (0, (3, 2))}
#: Keys of :func:`legend_entries`' ``shown`` for what is not a feature.
BOUNDARY_KEY, CITY_KEY = "boundary", "city"


def feature_colours(layers: Sequence[Layer]) -> dict[str, str]:
    """Each feature's colour, as the interactive map gives it (the palette in feature order).

    Parameters
    ----------
    layers : sequence of Layer
        The atlas's layers.

    Returns
    -------
    dict of str to str
        Each feature id's colour (``#rrggbb``).
    """
    return {f.id: colour(i) for i, f in enumerate(f for layer in layers for f in layer)}


def _series(view: View, geometries: Sequence[BaseGeometry]) -> gpd.GeoSeries:
    """Lon/lat geometries in the view's projection."""
    return gpd.GeoSeries(list(geometries), crs="EPSG:4326").to_crs(view.crs)


def draw_basemap(ax: Axes, view: View, payload: Mapping[str, Any]) -> None:
    """Water (the axes' background), land, and the Hong Kong and Macao boundaries.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, in the view's metres.
    view : View
        The view (its projection).
    payload : mapping
        The base map payload (:func:`geo.map.basemap.basemap_payload`).
    """
    ax.set_facecolor(WATER_COLOUR)
    land = shape(payload["land"])
    if not land.is_empty:
        _series(view, [land]).plot(ax=ax, color=LAND_COLOUR, linewidth=0, zorder=1)
    borders = [shape(f["geometry"]) for f in payload["borders"]["features"]]
    if borders:
        _series(view, borders).plot(ax=ax, zorder=5.5, **_BORDER)


def borders_in(view: View, payload: Mapping[str, Any], frame: BaseGeometry) -> bool:
    """Whether a SAR boundary of the payload crosses the frame (projected metres).

    Parameters
    ----------
    view : View
        The view (its projection).
    payload : mapping
        The base map payload.
    frame : shapely geometry
        The map's frame, in the view's metres.

    Returns
    -------
    bool
        True when a boundary crosses the frame.
    """
    lines = [shape(f["geometry"]) for f in payload["borders"]["features"]]
    return any(view.project(line).intersects(frame) for line in lines)


def outline(layer: Layer) -> BaseGeometry:
    """A layer's outline around its polygons, merged across gaps of up to ~200 m (as on the map).

    Parameters
    ----------
    layer : Layer
        A layer with ``outline`` set.

    Returns
    -------
    shapely geometry
        The outline's polygons, lon/lat.
    """
    polygons = [f.geometry for f in layer if f.geometry.geom_type.endswith("Polygon")]
    merged = shapely.union_all(polygons).buffer(0.002, join_style="mitre").buffer(-0.0015, join_style="mitre")
    return merged.boundary


def draw_features(ax: Axes, view: View, layers: Sequence[Layer], colours: Mapping[str, str]) -> None:
    """Every feature: polygons filled and outlined in their colour, larger ones below; lines on top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, in the view's metres.
    view : View
        The view (its projection).
    layers : sequence of Layer
        The atlas's layers.
    colours : mapping of str to str
        Each feature id's colour (:func:`feature_colours`).
    """
    features = sorted((f for layer in layers for f in layer), key=lambda f: (-f.area_m2, f.id))
    projected = _series(view, [f.geometry for f in features])
    for rank, (feature, geometry) in enumerate(zip(features, projected, strict=True)):
        series = gpd.GeoSeries([geometry], crs=view.crs)
        c = colours[feature.id]
        if feature.area_m2 > 0:
            series.plot(ax=ax, facecolor=c, alpha=0.3, edgecolor="none", zorder=3 + rank / 100)
            series.boundary.plot(ax=ax, color=c, linewidth=1.2, zorder=4 + rank / 100)
        else:
            series.plot(ax=ax, color=c, linewidth=2.0, zorder=5)
    for layer in layers:
        if layer.outline and any(f.area_m2 > 0 for f in layer):
            _series(view, [outline(layer)]).plot(ax=ax, zorder=5, **_OUTLINE)


def city_labels(
    ax: Axes, view: View, payload: Mapping[str, Any], *, lang: str, fontsize: float
) -> list[LabelSpec]:
    """Draw the cities inside the map as dots; return their labels (dropped where they would collide).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, its limits final.
    view : View
        The view (its projection).
    payload : mapping
        The base map payload, whose cities are drawn.
    lang : str
        The language of the cities' names.
    fontsize : float
        The labels' size in points.

    Returns
    -------
    list of LabelSpec
        The labels of the cities drawn, for :func:`~geo.figure.layout.labels.place_labels`.
    """
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    specs = []
    for city in payload["cities"]:
        x, y = view.to_map().transform(city["lon"], city["lat"])
        if xmin < x < xmax and ymin < y < ymax:
            ax.plot([x], [y], marker="o", markersize=3, color="#222222", zorder=6, gid=f"city-{city['id']}")
            specs.append(
                LabelSpec(
                    pick(city["names"], lang),
                    (x, y),
                    "#222222",
                    fontsize,
                    f"city-label-{city['id']}",
                    required=False,
                    near=True,
                )
            )
    return specs


def feature_label(feature: Feature, lang: str) -> str:
    """The label of a feature on the map: its short name in English, its name in Chinese.

    Parameters
    ----------
    feature : Feature
        A feature of the atlas.
    lang : str
        A language of :data:`geo.i18n.LANGUAGES`.

    Returns
    -------
    str
        The label's text.
    """
    return feature.short_name if uses_latin_labels(lang) else feature.names.get(lang)


def legend_entries(
    layers: Sequence[Layer], colours: Mapping[str, str], *, lang: str, shown: Collection[str] | None = None
) -> tuple[list[Any], list[str]]:
    """The legend's handles and labels: each feature, each outline, the boundaries and the cities.

    ``shown`` keeps only what is in the frame: feature ids, :data:`BOUNDARY_KEY`, :data:`CITY_KEY`
    (a layer's outline goes with its features); None keeps everything.

    Parameters
    ----------
    layers : sequence of Layer
        The atlas's layers.
    colours : mapping of str to str
        Each feature id's colour (:func:`feature_colours`).
    lang : str
        The legend's language.
    shown : collection of str, optional
        The keys in the frame; None for all.

    Returns
    -------
    handles : list
        The matplotlib artists of the legend.
    labels : list of str
        Their labels.
    """
    handles: list[Any] = []
    labels: list[str] = []

    def keep(key: str) -> bool:
        return shown is None or key in shown

    for layer in layers:
        features = [feature for feature in layer if keep(feature.id)]
        for feature in features:
            c = colours[feature.id]
            if feature.area_m2 > 0:
                handles.append(Patch(facecolor=c, edgecolor=c, alpha=0.6))
            else:
                handles.append(Line2D([], [], color=c, linewidth=2))
            labels.append(feature.names.get(lang))
        if layer.outline and any(f.area_m2 > 0 for f in features):
            handles.append(Line2D([], [], **_OUTLINE))
            labels.append(translate("figure.outline", lang, layer=_layer_name(layer, lang)))
    base_handles, base_labels = _base_entries(shown, lang)
    return handles + base_handles, labels + base_labels


def _base_entries(shown: Collection[str] | None, lang: str) -> tuple[list[Any], list[str]]:
    """The base map's legend handles and labels: :data:`BOUNDARY_KEY`, :data:`CITY_KEY` where shown."""
    entries = {
        BOUNDARY_KEY: (Line2D([], [], **_BORDER), "figure.boundary"),
        CITY_KEY: (Line2D([], [], marker="o", markersize=3, color="#222222", linewidth=0), "figure.city"),
    }
    keys = [key for key in entries if shown is None or key in shown]
    return [entries[key][0] for key in keys], [translate(entries[key][1], lang) for key in keys]


def _layer_name(layer: Layer, lang: str) -> str:
    """A layer's name in ``lang``: in Chinese, what its features' names begin with (河套), if 2+ characters.

    The layer format names a layer in English only; its parts' Chinese names usually share the place name.
    """
    if uses_latin_labels(lang):
        return layer.name
    names = [f.names.get(lang) for f in layer if f.area_m2 > 0]
    prefix = os.path.commonprefix(names) if names else ""  # noqa: RUF071 (characters are meant)
    return prefix if len(prefix) >= 2 else layer.name
