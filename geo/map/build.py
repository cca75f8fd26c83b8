"""Assembling the map: one overlay per feature, grouped by layer, with the panel and controls."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import folium
import shapely
from shapely.geometry.base import BaseGeometry

from geo.checks import AreaCheck, ClaimResult
from geo.layers import Feature, Layer
from geo.map import content
from geo.map.bulk import BulkOverlay, bulk_spec, is_bulk
from geo.map.controls import add_base_maps, add_controls
from geo.map.elements import (
    AtlasScript,
    FeatureOverlay,
    GoTo,
    LabelWatcher,
    Legend,
    Outline,
    OverlayGroups,
    Panel,
    Title,
)
from geo.map.ids import stabilise_ids
from geo.map.style import colour, feature_style, outline_style
from geo.map.text import html_label
from geo.report import Report

if TYPE_CHECKING:
    from geo.atlas import Atlas

TITLE = "Greater Bay Area cooperation platforms"
DESCRIPTION = (
    "Mapped and checked against the stated figures, after Xinhua (22 Dec 2025): "
    "“Park for innovation cooperation zone launched in Hong Kong”"
)
ARTICLE_URL = "http://en.people.cn/n3/2025/1223/c90000-20405526.html"
COORDINATE_DECIMALS = 6  # 0.11 m at the equator: well inside what the polygons can claim


def build_map(atlas: Atlas, *, report: Report | None = None) -> folium.Map:
    """The interactive map of an atlas.

    Parameters
    ----------
    atlas : Atlas
        Layers and claims.
    report : Report, optional
        The atlas' checks, when already computed.

    Returns
    -------
    folium.Map
        With ids made stable, so that rendering it twice gives the same HTML.
    """
    report = report or atlas.report()
    features = [f for layer in atlas.layers for f in layer]
    m = folium.Map(tiles=None, control_scale=False)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [(name, url) for name, url in m.default_css if name == "leaflet_css"]
    AtlasScript().add_to(m)
    add_base_maps(m)
    colours = {f.id: colour(i) for i, f in enumerate(features)}
    groups = []
    for layer in atlas.layers:
        groups.append((layer.name, add_layer_overlays(m, layer, report, colours)))
    control = folium.LayerControl(collapsed=False, position="topright").add_to(m)
    OverlayGroups(control, groups).add_to(m)
    add_controls(m)
    Title(TITLE, DESCRIPTION, url=ARTICLE_URL).add_to(m)
    GoTo(places(atlas)).add_to(m)
    Legend(legend_entries(atlas, colours)).add_to(m)
    Panel(content.panel(report)).add_to(m)
    LabelWatcher().add_to(m)
    m.fit_bounds(bounds(features))
    stabilise_ids(m.get_root())
    return m


def legend_entries(atlas: Atlas, colours: dict[str, str]) -> list[dict[str, Any]]:
    """One legend entry per feature, or per layer for a bulk layer."""
    entries = []
    for layer in atlas.layers:
        shown = layer.features[:1] if is_bulk(layer) else layer.features
        for f in shown:
            name = layer.name if is_bulk(layer) else f.name
            entries.append({"name": name, "colour": colours[f.id], "line": "Line" in f.geometry.geom_type})
    return entries


def add_layer_overlays(m: folium.Map, layer: Layer, report: Report, colours: dict[str, str]) -> int:
    """One toggleable overlay per feature of the layer (plus its outline); returns how many."""
    added = 0
    if layer.outline:
        name = html_label(f"{layer.name} (outline of its parts)")
        group = folium.FeatureGroup(name=name, show=True).add_to(m)
        Outline(to_geojson(layer_outline(layer)), outline_style()).add_to(group)
        added += 1
    if is_bulk(layer):
        first = layer.features[0]
        group = folium.FeatureGroup(name=html_label(layer.name), show=True).add_to(m)
        style = feature_style(colours[first.id], first.geometry.geom_type)
        BulkOverlay(bulk_spec(layer, style)).add_to(group)
        return added + 1
    for feature in layer:
        group = folium.FeatureGroup(name=html_label(feature.name), show=True).add_to(m)
        areas = [a for a in report.areas if a.id == feature.id]
        claims = [c for c in report.claims if feature.id in c.features]
        FeatureOverlay(feature_spec(feature, colours[feature.id], areas, claims)).add_to(group)
        added += 1
    return added


def feature_spec(
    feature: Feature, colour: str, areas: Sequence[AreaCheck], claims: Sequence[ClaimResult]
) -> dict[str, Any]:
    """Everything the page needs to draw one feature."""
    point = feature.geometry.representative_point()
    return {
        "id": feature.id,
        "geojson": to_geojson(feature.geometry),
        "style": feature_style(colour, feature.geometry.geom_type),
        "tooltip": content.tooltip(feature, areas),
        "popup": content.popup(feature, areas, claims),
        "label": {
            "text": feature.short_name,
            "at": [point.y, point.x],
            "min_zoom": label_zoom(feature.geometry),
        },
    }


def to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """GeoJSON of a geometry with coordinates rounded to :data:`COORDINATE_DECIMALS`."""
    rounded = shapely.set_precision(geometry, 10**-COORDINATE_DECIMALS, mode="pointwise")
    return json.loads(shapely.to_geojson(rounded))


def layer_outline(layer: Layer) -> BaseGeometry:
    """A dashed outline around a layer's polygons: merged across gaps of up to ~200 m."""
    polygons = [f.geometry for f in layer if f.geometry.geom_type.endswith("Polygon")]
    merged = shapely.union_all(polygons).buffer(0.002, join_style="mitre").buffer(-0.0015, join_style="mitre")
    return merged.boundary


def bounds(features: Sequence[Feature]) -> list[list[float]]:
    """Leaflet bounds ``[[south, west], [north, east]]`` of some features."""
    west, south, east, north = shapely.total_bounds([f.geometry for f in features]).tolist()
    return [[south, west], [north, east]]


def label_zoom(geometry: BaseGeometry, *, min_pixels: int = 90) -> int:
    """The zoom from which a feature is about ``min_pixels`` wide on screen: its label shows from there.

    >>> from shapely import box
    >>> label_zoom(box(113.3, 22.5, 113.7, 22.9)), label_zoom(box(114.066, 22.51, 114.085, 22.52))
    (9, 13)
    """
    west, _, east, _ = geometry.bounds
    width = max(east - west, 1e-6)
    return max(5, min(16, math.ceil(math.log2(min_pixels * 360 / (256 * width)))))


def places(atlas: Atlas) -> list[dict[str, Any]]:
    """The "Go to" list: every layer, then every feature (but those of bulk layers)."""
    out = [{"name": layer.name, "bounds": bounds(layer.features)} for layer in atlas.layers]
    for layer in atlas.layers:
        if not is_bulk(layer):
            out += [{"name": f.name, "bounds": bounds([f])} for f in layer]
    return out


def render_html(atlas: Atlas, *, report: Report | None = None, self_contained: bool = False) -> str:
    """The map as one HTML document; with ``self_contained``, every script and stylesheet inlined."""
    html = build_map(atlas, report=report).get_root().render()
    if self_contained:
        from geo.map.offline import inline_assets

        html = inline_assets(html)
    return html
