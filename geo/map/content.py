"""What each feature's tooltip and popup say, and the area-check panel: plain data, no markup.

The page's script turns these into DOM nodes with ``textContent`` (see
``static/atlas.js``), so nothing here needs HTML escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geo.map.text import safe_url
from geo.model import AreaCheck, ClaimResult, Feature, Report
from geo.report import AREA_HEADER, CLAIM_HEADER, area_cells
from geo.units import hectares, square_kilometres

#: Characters written one way in Traditional and another in Simplified Chinese (common in place names).
_TRADITIONAL = set("園區會現業務門灣東國發開與廣嶺龍鐵總濱華貿產劃")
_SIMPLIFIED = set("园区会现业务门湾东国发开与广岭龙铁总滨华贸产划")
#: A box around Hong Kong south of the Shenzhen River ((west, south, east, north), degrees).
_HONG_KONG = (113.82, 22.15, 114.45, 22.505)


def chinese_lang(feature: Feature) -> str:
    """The BCP 47 tag of a feature's Chinese name: ``zh-Hant`` in Hong Kong, ``zh-Hans`` on the Mainland.

    Decided from the name's characters where they differ between the scripts, else from where
    the feature lies (its representative point in Hong Kong, south of the Shenzhen River).
    """
    chars = set(feature.name_zh or "")
    if chars & _TRADITIONAL and not chars & _SIMPLIFIED:
        return "zh-Hant"
    if chars & _SIMPLIFIED:
        return "zh-Hans"
    point = feature.geometry.representative_point()
    west, south, east, north = _HONG_KONG
    return "zh-Hant" if west <= point.x <= east and south <= point.y <= north else "zh-Hans"


def _names(feature: Feature) -> dict[str, str | None]:
    return {
        "title": feature.name,
        "subtitle": feature.name_zh,
        "subtitle_lang": chinese_lang(feature) if feature.name_zh else None,
    }


def accessible_name(feature: Feature, areas: Sequence[AreaCheck]) -> str:
    """What a screen reader says for a feature on the map: its name, its size and the checks' verdict."""
    area, length = feature.area_m2, feature.length_m
    size = f"{hectares(area):,.1f} ha" if area else f"{length / 1000:,.2f} km long"
    if not areas:
        return f"{feature.name}, {size}"
    verdict = "every stated area holds" if all(a.ok for a in areas) else "a stated area fails"
    return f"{feature.name}, {size}, {verdict}"


def tooltip(feature: Feature, areas: Sequence[AreaCheck]) -> dict[str, Any]:
    """Name in English and Chinese; each stated figure against the computed area."""
    names = _names(feature)
    area, length = feature.area_m2, feature.length_m
    if not areas:
        line = f"{hectares(area):,.1f} ha" if area else f"{length / 1000:,.2f} km long"
        return {**names, "sections": [{"items": [{"text": line}]}]}
    items = [
        {
            "text": f"stated {a.stated} ({a.stated_ha:,.1f} ha) · computed {a.computed_ha:,.1f} ha · "
            f"{a.deviation_pct:+.2f} %",
            "ok": a.ok,
        }
        for a in areas
    ]
    return {**names, "sections": [{"items": items}]}


def popup(feature: Feature, areas: Sequence[AreaCheck], claims: Sequence[ClaimResult]) -> dict[str, Any]:
    """Every stated figure with its source, the measures, the claims, and the digitizing source."""
    area, perimeter = feature.area_m2, feature.length_m
    sections: list[dict[str, Any]] = []
    if areas:
        figures: list[dict[str, Any]] = []
        for a in areas:
            figure = a.figure
            figures.append(
                {
                    "text": f"{a.stated} = {a.stated_ha:,.1f} ha: "
                    f"{a.deviation_pct:+.2f} % (±{a.tolerance_pct:g} %)",
                    "ok": a.ok,
                }
            )
            figures.append({"text": f"Source: {figure.source}", "url": safe_url(figure.source.url)})
        sections.append({"heading": "Stated figures", "items": figures})
    if area:
        measures = [
            {"text": f"Area: {hectares(area):,.1f} ha = {square_kilometres(area):,.3f} km²"},
            {"text": f"Perimeter: {perimeter / 1000:,.2f} km"},
        ]
    else:
        measures = [{"text": f"Length: {perimeter / 1000:,.2f} km"}]
    sections.append({"heading": "Computed (geodesic, WGS84)", "items": measures})
    if claims:
        sections.append({"heading": "Claims", "items": [{"text": c.claim, "ok": c.ok} for c in claims]})
    if feature.digitized_from:
        sections.append({"heading": "Digitized from", "items": [{"text": feature.digitized_from}]})
    return {**_names(feature), "sections": sections}


def panel(report: Report) -> dict[str, Any]:
    """The area-check panel: the same rows and numbers as ``geo check``."""
    return {
        "title": "Area checks" + (" — all hold" if report.ok else " — some FAIL"),
        "area_header": AREA_HEADER[:-1],
        "areas": [{"cells": area_cells(a)[:-1], "ok": a.ok} for a in report.areas],
        "claim_header": CLAIM_HEADER[:1] + CLAIM_HEADER[2:],
        "claims": [{"cells": [c.claim, c.detail], "ok": c.ok} for c in report.claims],
    }
