"""What each feature's tooltip and popup say, and the area-check panel: plain data, no markup.

Each text is rendered in every language of :data:`geo.i18n.LANGUAGES` (``lang``); the page
keeps all three and shows the reader's. The page's script turns these into DOM nodes with
``textContent`` (see ``static/js/dom.js``), so nothing here needs HTML escaping. Stated
figures (``as_stated``) and sources are quoted as they are, in their own language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from geo.i18n import LANGUAGES, translate
from geo.map.text import safe_url
from geo.model import AreaCheck, ClaimResult, Feature, Report
from geo.report import area_cells, area_header, claim_header
from geo.units import hectares, square_kilometres

T = TypeVar("T")

#: Characters written one way in Traditional and another in Simplified Chinese (common in place names).
_TRADITIONAL = set("園區會現業務門灣東國發開與廣嶺龍鐵總濱華貿產劃")
_SIMPLIFIED = set("园区会现业务门湾东国发开与广岭龙铁总滨华贸产划")
#: A box around Hong Kong south of the Shenzhen River ((west, south, east, north), degrees).
_HONG_KONG = (113.82, 22.15, 114.45, 22.505)


def in_languages(render: Callable[[str], T]) -> dict[str, T]:
    """``render(lang)`` for every language: ``{"en": ..., "zh-Hant": ..., "zh-Hans": ...}``."""
    return {lang: render(lang) for lang in LANGUAGES}


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


def _names(feature: Feature, lang: str) -> dict[str, str | None]:
    """The title in ``lang``; the subtitle the name in the other language (Chinese as stated in English)."""
    if lang == "en" or not feature.name_zh:
        zh = feature.name_zh
        return {"title": feature.name, "subtitle": zh, "subtitle_lang": chinese_lang(feature) if zh else None}
    return {"title": feature.names.get(lang), "subtitle": feature.name, "subtitle_lang": "en"}


def _ha(value: float) -> str:
    return f"{value:,.1f}"


def _size(feature: Feature, lang: str) -> str:
    area, length = feature.area_m2, feature.length_m
    if area:
        return translate("unit.hectares", lang, hectares=_ha(hectares(area)))
    return translate("unit.km_long", lang, length=f"{length / 1000:,.2f}")


def accessible_name(feature: Feature, areas: Sequence[AreaCheck], lang: str = "en") -> str:
    """What a screen reader says for a feature on the map: its name, its size and the checks' verdict."""
    name = feature.names.get(lang)
    if not areas:
        return f"{name}, {_size(feature, lang)}"
    key = "map.verdict.all_hold" if all(a.ok for a in areas) else "map.verdict.some_fail"
    return f"{name}, {_size(feature, lang)}, {translate(key, lang)}"


def tooltip(feature: Feature, areas: Sequence[AreaCheck], lang: str = "en") -> dict[str, Any]:
    """Name in the language and the other; each stated figure against the computed area."""
    names = _names(feature, lang)
    if not areas:
        return {**names, "sections": [{"items": [{"text": _size(feature, lang)}]}]}
    items = [
        {
            "text": translate(
                "map.tooltip.figure",
                lang,
                stated=a.stated,
                stated_ha=_ha(a.stated_ha),
                computed_ha=_ha(a.computed_ha),
                deviation=f"{a.deviation_pct:+.2f}",
            ),
            "ok": a.ok,
        }
        for a in areas
    ]
    return {**names, "sections": [{"items": items}]}


def _figures(areas: Sequence[AreaCheck], lang: str) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for a in areas:
        text = translate(
            "map.popup.figure",
            lang,
            stated=a.stated,
            stated_ha=_ha(a.stated_ha),
            deviation=f"{a.deviation_pct:+.2f}",
            tolerance=f"{a.tolerance_pct:g}",
        )
        figures.append({"text": text, "ok": a.ok})
        source = translate("map.popup.source", lang, source=str(a.figure.source))
        figures.append({"text": source, "url": safe_url(a.figure.source.url)})
    return figures


def popup(
    feature: Feature, areas: Sequence[AreaCheck], claims: Sequence[ClaimResult], lang: str = "en"
) -> dict[str, Any]:
    """Each stated figure with its source, the measures, the claims, the aliases, the digitizing source."""
    area, perimeter = feature.area_m2, feature.length_m
    sections: list[dict[str, Any]] = []
    if areas:
        sections.append(
            {"heading": translate("map.popup.stated_figures", lang), "items": _figures(areas, lang)}
        )
    km = f"{perimeter / 1000:,.2f}"
    if area:
        square_km = f"{square_kilometres(area):,.3f}"
        measures = [
            {"text": translate("map.popup.area", lang, hectares=_ha(hectares(area)), square_km=square_km)},
            {"text": translate("map.popup.perimeter", lang, km=km)},
        ]
    else:
        measures = [{"text": translate("map.popup.length", lang, km=km)}]
    sections.append({"heading": translate("map.popup.computed", lang), "items": measures})
    if claims:
        items = [{"text": c.claim_in(lang), "ok": c.ok} for c in claims]
        sections.append({"heading": translate("map.popup.claims", lang), "items": items})
    aliases = feature.properties.get("aliases") or []
    if aliases:
        items = [{"text": alias} for alias in aliases]
        sections.append({"heading": translate("map.popup.aliases", lang), "items": items})
    if feature.digitized_from:
        heading = translate("map.popup.digitized_from", lang)
        sections.append({"heading": heading, "items": [{"text": feature.digitized_from}]})
    return {**_names(feature, lang), "sections": sections}


def panel(report: Report, lang: str = "en") -> dict[str, Any]:
    """The area-check panel: the same rows and numbers as ``geo check --lang``."""
    claim_cols = claim_header(lang)
    return {
        "title": translate("map.panel.all_hold" if report.ok else "map.panel.some_fail", lang),
        "area_caption": translate("map.checks.areas", lang),
        "claim_caption": translate("map.panel.claims", lang),
        "area_header": area_header(lang)[:-1],
        "areas": [{"cells": area_cells(a, lang=lang)[:-1], "ok": a.ok} for a in report.areas],
        "claim_header": claim_cols[:1] + claim_cols[2:],
        "claims": [{"cells": [c.claim_in(lang), c.detail_in(lang)], "ok": c.ok} for c in report.claims],
    }
