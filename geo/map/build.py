"""Assembling the map: one overlay per feature, grouped by layer, with the panel and controls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import folium

from geo.map import content
from geo.map.atlas_map import AtlasMap
from geo.map.controls import add_base_maps, add_controls
from geo.map.conversions import keeping_conversions
from geo.map.downloads import Downloads, downloads_payload
from geo.map.elements import (
    AtlasScript,
    LabelWatcher,
    Languages,
    OpenOn,
    Panel,
)
from geo.map.ids import stabilise_ids
from geo.map.overlays import add_layer_overlays, feature_spec, slug
from geo.map.page import Page, page_document, page_plain_basemap
from geo.map.panel_data import panel_data, story_data
from geo.map.permalink import Permalink
from geo.map.placement import opening_bounds, places
from geo.map.plain import plain_payload
from geo.map.style import colour
from geo.model import Claim, Layer, Report, Story, features_by_id
from geo.progress import tracked

__all__ = [
    "add_layer_overlays",
    "build_map",
    "feature_spec",
    "panel_data",
    "places",
    "render_html",
    "slug",
    "story_data",
]


@keeping_conversions
def build_map(
    layers: Sequence[Layer],
    report: Report,
    *,
    story: Story | None = None,
    plain: Mapping[str, Any] | Literal["if cached"] | None = "if cached",
    claims: Sequence[Claim] = (),
    view: str | tuple[float, float, float, float] | None = None,
    drawn_to_parent: bool = False,
) -> AtlasMap:
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
    plain : Mapping or "if cached" or None
        The plain base map's data (:func:`geo.map.plain.plain_payload`), or None for a map
        without it; by default it is there when Natural Earth is in the asset cache (nothing
        is fetched).
    claims : sequence of Claim
        The claims the report checked: the panel's GeoJSON download carries them.
    view : str or (west, south, east, north), optional
        What the map opens on instead of the story's ``opens_on`` (:func:`opening_bounds`).
    drawn_to_parent : bool
        Post what is drawn to the window holding the page (the notebook widget).

    Returns
    -------
    AtlasMap
        A ``folium.Map``, with ids made stable, so that rendering it twice gives the same HTML.
    """
    story = story or Story.neutral(layers)
    m = _page_map(story.title)
    first_view = opening_bounds(layers, view or story.opens_on)
    m.fit_bounds(first_view)
    AtlasScript().add_to(m)
    Languages().add_to(m)
    add_base_maps(m, plain=plain_payload(fetch=False) if plain == "if cached" else plain)
    names = content.NamesById(features_by_id(layers))  # once, for the popups and the panel
    groups, overlays = _add_overlays(m, layers, report, names)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    add_controls(m, drawn_to_parent=drawn_to_parent)
    Downloads(downloads_payload(layers, claims, report, story)).add_to(m)
    # before the panel (its switches show what a link switched off) and the first view (a link's replaces it)
    Permalink([entry["en"]["id"] for _, entries in groups for entry in entries], overlays).add_to(m)
    Panel(panel_data(story, report, groups, names=names), overlays).add_to(m)
    LabelWatcher().add_to(m)
    OpenOn(first_view).add_to(m)
    stabilise_ids(m.get_root())
    return m


def _page_map(title: str) -> AtlasMap:
    """An empty map on its page, loading only Leaflet of folium's default scripts and stylesheets."""
    m = AtlasMap()
    Page(title=title).add_child(m)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [(name, url) for name, url in m.default_css if name == "leaflet_css"]
    return m


def _add_overlays(
    m: AtlasMap, layers: Sequence[Layer], report: Report, names: content.NamesById
) -> tuple[list[tuple[Layer, list[dict[str, Any]]]], list[folium.FeatureGroup]]:
    """Each layer's overlay groups on the map; the panel's rows of each layer, and the groups in order."""
    colours = {fid: colour(i) for i, fid in enumerate(fid for layer in layers for fid in layer.ids)}
    groups: list[tuple[Layer, list[dict[str, Any]]]] = []
    overlays: list[folium.FeatureGroup] = []
    for layer in tracked(layers, desc="drawing layers", unit="layer", every=1):
        entries, layer_groups = add_layer_overlays(m, layer, report, colours, feature_names=names)
        groups.append((layer, entries))
        overlays += layer_groups
    return groups, overlays


def render_html(
    layers: Sequence[Layer],
    report: Report,
    *,
    story: Story | None = None,
    self_contained: bool = False,
    claims: Sequence[Claim] = (),
) -> str:
    """The map as one HTML document; with ``self_contained``, every script and stylesheet inlined.

    The self-contained map always has the plain base map: Natural Earth is fetched like the
    scripts, and an :class:`~geo.errors.AssetError` says when it cannot be.

    Parameters
    ----------
    layers : sequence of Layer
        What to draw.
    report : Report
        The layers' area checks and claim verdicts.
    story : Story, optional
        The map's title, description and article.
    self_contained : bool
        Inline every script and stylesheet (and carry them compressed, :mod:`geo.map.offline.packing`).
    claims : sequence of Claim
        The claims the report checked.

    Returns
    -------
    str
        The HTML document.
    """
    m = build_map(
        layers, report, story=story, plain=page_plain_basemap(self_contained=self_contained), claims=claims
    )
    return page_document(m, self_contained=self_contained)
