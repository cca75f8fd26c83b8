"""Assembling the map: one overlay per feature, grouped by layer, with the panel and controls."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import folium
import shapely
from shapely.geometry.base import BaseGeometry

from geo.io.layer_file import to_geojson
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
from geo.map.page import Page
from geo.map.style import colour, feature_style, outline_style
from geo.map.text import html_label
from geo.model import AreaCheck, ClaimResult, Feature, Layer, Report, Story
from geo.progress import tracked


def build_map(layers: Sequence[Layer], report: Report, *, story: Story | None = None) -> folium.Map:
    """The interactive map of some layers and their checks.

    Parameters
    ----------
    layers : sequence of Layer
        What to draw, one overlay group per layer.
    report : Report
        The layers' area checks and claim verdicts.
    story : Story, optional
        The map's title, description and article (a folder's ``atlas.json``); by
        default a neutral title built from the layers' names. The title is also the
        page's ``<title>``.

    Returns
    -------
    folium.Map
        With ids made stable, so that rendering it twice gives the same HTML.
    """
    story = story or Story.neutral(layers)
    features = [f for layer in layers for f in layer]
    m = folium.Map(tiles=None, control_scale=False)
    Page(title=story.title).add_child(m)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [(name, url) for name, url in m.default_css if name == "leaflet_css"]
    AtlasScript().add_to(m)
    add_base_maps(m)
    colours = {f.id: colour(i) for i, f in enumerate(features)}
    groups = []
    for layer in tracked(layers, desc="drawing layers", unit="layer", every=1):
        groups.append((layer.name, add_layer_overlays(m, layer, report, colours)))
    control = folium.LayerControl(collapsed=False, position="topright").add_to(m)
    OverlayGroups(control, groups).add_to(m)
    add_controls(m)
    Title(story.title, story.description, url=story.url, chinese=chinese(story)).add_to(m)
    GoTo(places(layers)).add_to(m)
    Legend(legend_entries(layers, colours)).add_to(m)
    Panel(content.panel(report)).add_to(m)
    LabelWatcher().add_to(m)
    m.fit_bounds(bounds(features))
    stabilise_ids(m.get_root())
    return m


def chinese(story: Story) -> dict[str, str] | None:
    """The story's Chinese title and description with their ``lang`` tag, or None when it has neither."""
    if not (story.title_zh or story.description_zh):
        return None
    return {"lang": story.zh_lang, "title": story.title_zh or "", "description": story.description_zh or ""}


def legend_entries(layers: Sequence[Layer], colours: dict[str, str]) -> list[dict[str, Any]]:
    """One legend entry per feature, or per layer for a bulk layer."""
    entries = []
    for layer in layers:
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
        spec = feature_spec(
            feature, colours[feature.id], report.areas_of(feature.id), report.claims_of(feature.id)
        )
        FeatureOverlay(spec).add_to(group)
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


def places(layers: Sequence[Layer]) -> list[dict[str, Any]]:
    """The "Go to" list: every layer, then every feature (but those of bulk layers)."""
    out = [{"name": layer.name, "bounds": bounds(layer.features)} for layer in layers]
    for layer in layers:
        if not is_bulk(layer):
            out += [{"name": f.name, "bounds": bounds([f])} for f in layer]
    return out


def render_html(
    layers: Sequence[Layer], report: Report, *, story: Story | None = None, self_contained: bool = False
) -> str:
    """The map as one HTML document; with ``self_contained``, every script and stylesheet inlined."""
    html: str = build_map(layers, report, story=story).get_root().render()
    if self_contained:
        from geo.map.offline import inline_assets

        html = inline_assets(html)
    return html
