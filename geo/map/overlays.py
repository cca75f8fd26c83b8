"""One overlay per feature of a layer (and the layer's outline), and what the page needs to draw a feature."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import folium

from geo.i18n import LANGUAGES, translate, uses_latin_labels
from geo.i18n.scripts import Localized
from geo.io.layer_file import to_geojson
from geo.map import content
from geo.map.bulk import BulkOverlay, bulk_spec, is_bulk
from geo.map.content import in_languages
from geo.map.elements import (
    FeatureOverlay,
    Outline,
)
from geo.map.placement import (
    label_point,
    label_zoom,
    layer_outline,
)
from geo.map.style import feature_style, outline_style
from geo.model import AreaCheck, ClaimResult, Feature, Layer, Report

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

    Parameters
    ----------
    m : folium.Map
        The map.
    layer : Layer
        The layer to draw.
    report : Report
        The area checks and claim verdicts.
    colours : dict of str to str
        Each feature's colour by id.
    feature_names : mapping of str to Localized, optional
        Every feature's name by id.
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
        names = layer.feature_names
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

    Parameters
    ----------
    name : str
        A layer's name.

    Returns
    -------
    str
        The name in lower case, each run of other characters than letters and digits written
        as one ``_`` (``"layer"`` when nothing is left).

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
    """Everything the page needs to draw one feature (``feature_names``: every feature's name by id).

    Parameters
    ----------
    feature : Feature
        The feature.
    colour : str
        Its colour (CSS).
    areas : sequence of AreaCheck
        Its area checks.
    claims : sequence of ClaimResult
        The claims about it.
    feature_names : mapping of str to Localized, optional
        Every feature's name by id.

    Returns
    -------
    dict
        ``geojson``, ``style``, ``tooltip``, ``popup`` and ``label``, as
        :class:`~geo.map.elements.FeatureOverlay` takes them.
    """
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
