"""Assembling the map: one overlay per feature, grouped by layer, with the panel and controls."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import folium

from geo.i18n import LANGUAGES, translate, uses_latin_labels
from geo.i18n.scripts import Localized
from geo.io.layer_file import to_geojson
from geo.map import content
from geo.map.atlas_map import AtlasMap
from geo.map.bulk import BulkOverlay, bulk_spec, is_bulk
from geo.map.content import in_languages
from geo.map.controls import add_base_maps, add_controls
from geo.map.conversions import keeping_conversions
from geo.map.downloads import Downloads, downloads_payload
from geo.map.elements import (
    AtlasScript,
    FeatureOverlay,
    LabelWatcher,
    Languages,
    OpenOn,
    Outline,
    Panel,
    check_places,
)
from geo.map.ids import stabilise_ids
from geo.map.page import Page, page_document, page_plain
from geo.map.permalink import Permalink
from geo.map.placement import (
    label_point,
    label_zoom,
    layer_bounds,
    layer_outline,
    opening_bounds,
    places,
)
from geo.map.plain import plain_payload
from geo.map.style import colour, feature_style, outline_style
from geo.map.text import safe_url
from geo.model import AreaCheck, Claim, ClaimResult, Feature, Layer, Report, Story
from geo.progress import tracked


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
    features = [f for layer in layers for f in layer]
    m = AtlasMap()
    Page(title=story.title).add_child(m)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [(name, url) for name, url in m.default_css if name == "leaflet_css"]
    first_view = opening_bounds(layers, view or story.opens_on)
    m.fit_bounds(first_view)
    AtlasScript().add_to(m)
    Languages().add_to(m)
    add_base_maps(m, plain=plain_payload(fetch=False) if plain == "if cached" else plain)
    colours = {f.id: colour(i) for i, f in enumerate(features)}
    feature_names = content.NamesById(features)
    groups: list[tuple[Layer, list[dict[str, Any]]]] = []
    overlays: list[folium.FeatureGroup] = []
    for layer in tracked(layers, desc="drawing layers", unit="layer", every=1):
        entries, layer_groups = add_layer_overlays(m, layer, report, colours, feature_names=feature_names)
        groups.append((layer, entries))
        overlays += layer_groups
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    add_controls(m, drawn_to_parent=drawn_to_parent)
    Downloads(downloads_payload(layers, claims, report, story)).add_to(m)
    # before the panel (its switches show what a link switched off) and the first view (a link's replaces it)
    Permalink([entry["en"]["id"] for _, entries in groups for entry in entries], overlays).add_to(m)
    Panel(panel_data(story, report, groups), overlays).add_to(m)
    LabelWatcher().add_to(m)
    OpenOn(first_view).add_to(m)
    stabilise_ids(m.get_root())
    return m


def panel_data(
    story: Story, report: Report, groups: Sequence[tuple[Layer, list[dict[str, Any]]]]
) -> dict[str, dict[str, Any]]:
    """The panel in each language: the story, the layers' rows (each given per language), checks, places."""
    layers = [layer for layer, _ in groups]
    extents = [layer_bounds(layer) for layer in layers]  # once, not per language
    names = content.NamesById(f for layer in layers for f in layer)
    return {
        lang: {
            "story": story_data(story, lang),
            "layers": [
                {"name": layer.names.get(lang), "entries": [e[lang] for e in entries]}
                for layer, entries in groups
            ],
            "checks": content.panel(report, lang, names=names),
            "places": check_places(places(layers, lang, extents)),
        }
        for lang in LANGUAGES
    }


def story_data(story: Story, lang: str = "en") -> dict[str, Any]:
    """The panel's story in ``lang``: title, description, the source as stated (linked when http(s)).

    In English, also any Chinese title as stated (``chinese``).
    """
    data: dict[str, Any] = {
        "title": story.title_in(lang),
        "description": story.description_in(lang),
        "source": str(story.source) if story.source else None,
        "url": safe_url(story.url),
    }
    zh = chinese(story) if uses_latin_labels(lang) else None
    return {**data, "chinese": zh} if zh else data


def chinese(story: Story) -> dict[str, str] | None:
    """The story's Chinese title and description with their ``lang`` tag, or None when it has neither."""
    if not (story.title_zh or story.description_zh):
        return None
    return {"lang": story.zh_lang, "title": story.title_zh or "", "description": story.description_zh or ""}


#: A bulk layer lists its features' names in the panel up to this many; beyond, it says how many.
BULK_LIST_LIMIT = 1_000


def add_layer_overlays(
    m: folium.Map,
    layer: Layer,
    report: Report,
    colours: dict[str, str],
    *,
    feature_names: Mapping[str, Localized] | None = None,
) -> tuple[list[dict[str, Any]], list[folium.FeatureGroup]]:
    """One toggleable overlay per feature of the layer (plus its outline).

    ``feature_names``: every feature's name by id, for the ids in the details' texts.

    Returns
    -------
    entries : list of dict
        The layer's rows of the panel's layer list: name, colour, line or outline, and the
        row's id in permalinks: the feature's id, or the layer's name as a slug with ``.outline``
        (its outline) or ``.all`` (a bulk layer's one row).
    groups : list of folium.FeatureGroup
        The overlay of each row, in the same order.
    """
    entries: list[dict[str, Any]] = []
    groups: list[folium.FeatureGroup] = []

    def overlay(entry: dict[str, dict[str, Any]], row: str) -> folium.FeatureGroup:
        group = folium.FeatureGroup(show=True, control=False)
        group.add_to(m)
        entries.append({lang: {**spec, "id": row} for lang, spec in entry.items()})
        groups.append(group)
        return group

    if layer.outline:
        group = overlay(
            in_languages(
                lambda lang: {
                    "name": translate("map.layer.outline", lang, layer=layer.names.get(lang)),
                    "colour": "#333333",
                    "outline": True,
                }
            ),
            f"{slug(layer.name)}.outline",
        )
        Outline(to_geojson(layer_outline(layer)), outline_style()).add_to(group)
    if is_bulk(layer):
        first = layer.features[0]
        names = [f.name for f in layer]
        bulk = {"count": len(names), "names": names if len(names) <= BULK_LIST_LIMIT else []}
        entry = {"name": layer.name, "colour": colours[first.id], "bulk": bulk}
        group = overlay(dict.fromkeys(LANGUAGES, entry), f"{slug(layer.name)}.all")
        style = feature_style(colours[first.id], first.geometry.geom_type)
        BulkOverlay(bulk_spec(layer, style)).add_to(group)
        return entries, groups
    for feature in layer:
        line = "Line" in feature.geometry.geom_type
        label_names = in_languages(feature.names.get)
        group = overlay(
            {
                lang: {"name": name, "colour": colours[feature.id], "line": line}
                for lang, name in label_names.items()
            },
            feature.id,
        )
        spec = feature_spec(
            feature,
            colours[feature.id],
            report.areas_of(feature.id),
            report.claims_of(feature.id),
            feature_names=feature_names,
        )
        FeatureOverlay(spec).add_to(group)
    return entries, groups


def slug(name: str) -> str:
    """A layer's name as lowercase words joined by ``_`` (``"Hetao zone"``: ``"hetao_zone"``), for URLs.

    >>> slug("Hetao zone (2023)")
    'hetao_zone_2023'
    """
    return re.sub(r"[\W_]+", "_", name.lower()).strip("_") or "layer"


def feature_spec(
    feature: Feature,
    colour: str,
    areas: Sequence[AreaCheck],
    claims: Sequence[ClaimResult],
    *,
    feature_names: Mapping[str, Localized] | None = None,
) -> dict[str, Any]:
    """Everything the page needs to draw one feature (``feature_names``: every feature's name by id)."""
    point = label_point(feature.geometry)
    return {
        "id": feature.id,
        "geojson": to_geojson(feature.geometry),
        "style": feature_style(colour, feature.geometry.geom_type),
        "name": in_languages(lambda lang: content.accessible_name(feature, areas, lang)),
        "tooltip": in_languages(lambda lang: content.tooltip(feature, areas, lang)),
        "popup": in_languages(lambda lang: content.popup(feature, areas, claims, lang, names=feature_names)),
        "label": {
            "text": in_languages(
                lambda lang: feature.short_name if uses_latin_labels(lang) else feature.names.get(lang)
            ),
            "at": [point.y, point.x],
            "min_zoom": label_zoom(feature.geometry),
        },
    }


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
    """
    m = build_map(layers, report, story=story, plain=page_plain(self_contained=self_contained), claims=claims)
    return page_document(m, self_contained=self_contained)
