"""What each feature's tooltip and popup say: plain data, no markup (the panel's checks: checks_table.py).

Each text is rendered in every language of :data:`geo.i18n.LANGUAGES` (``lang``); the page
keeps all three and shows the reader's. The page's script turns these into DOM nodes with
``textContent`` (see ``static/js/dom.js``), so nothing here needs HTML escaping. Stated
figures (``as_stated``) and sources are quoted as they are, in their own language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from geo.i18n import LANGUAGES, translate, uses_latin_labels
from geo.i18n.scripts import Localized, script_of
from geo.map.text import safe_url
from geo.model import AreaCheck, ClaimResult, Feature
from geo.units import hectares, signed_percent, square_kilometres

T = TypeVar("T")

#: A box around Hong Kong south of the Shenzhen River ((west, south, east, north), degrees).
_HONG_KONG = (113.82, 22.15, 114.45, 22.505)


def in_languages(render: Callable[[str], T]) -> dict[str, T]:
    """``render(lang)`` for every language: ``{"en": ..., "zh-Hant": ..., "zh-Hans": ...}``.

    Parameters
    ----------
    render : callable
        Called with each language tag of :data:`geo.i18n.LANGUAGES`.

    Returns
    -------
    dict
        Its result by language tag.
    """
    return {lang: render(lang) for lang in LANGUAGES}


def chinese_lang(feature: Feature) -> str:
    """The BCP 47 tag of a feature's Chinese name: ``zh-Hant`` in Hong Kong, ``zh-Hans`` on the Mainland.

    Decided from the name's characters where they differ between the scripts (:func:`script_of`),
    else from where the feature lies (its representative point in Hong Kong, south of the Shenzhen River).

    Parameters
    ----------
    feature : Feature
        A feature with a Chinese name.

    Returns
    -------
    str
        ``"zh-Hant"`` or ``"zh-Hans"``.
    """
    script = script_of(feature.name_zh or "")
    if script is not None:
        return script
    point = feature.geometry.representative_point()
    west, south, east, north = _HONG_KONG
    return "zh-Hant" if west <= point.x <= east and south <= point.y <= north else "zh-Hans"


def _names(feature: Feature, lang: str) -> dict[str, str | None]:
    """The title in ``lang``; the subtitle the name in the other language (Chinese as stated in English)."""
    if uses_latin_labels(lang) or not feature.name_zh:
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
    """What a screen reader says for a feature on the map: its name, its size and the checks' verdict.

    Parameters
    ----------
    feature : Feature
        The feature.
    areas : sequence of AreaCheck
        Its area checks.
    lang : str
        The language tag.

    Returns
    -------
    str
        One line, e.g. "Hetao Hong Kong Park, 87 ha, stated areas hold".
    """
    name = feature.names.get(lang)
    if not areas:
        return f"{name}, {_size(feature, lang)}"
    key = "map.verdict.all_hold" if all(a.ok for a in areas) else "map.verdict.some_fail"
    return f"{name}, {_size(feature, lang)}, {translate(key, lang)}"


def tooltip(feature: Feature, areas: Sequence[AreaCheck], lang: str = "en") -> dict[str, Any]:
    """Name in the language and the other; each stated figure against the computed area.

    Parameters
    ----------
    feature : Feature
        The feature.
    areas : sequence of AreaCheck
        Its area checks.
    lang : str
        The language tag.

    Returns
    -------
    dict
        A card: ``title``, ``subtitle``, ``subtitle_lang`` and ``sections`` (see ``card``
        in ``static/js/dom.js``).
    """
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
                deviation=signed_percent(a.deviation_pct),
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
            deviation=signed_percent(a.deviation_pct),
            tolerance=f"{a.tolerance_pct:g}",
        )
        figures.append({"text": text, "ok": a.ok})
        source = translate("map.popup.source", lang, source=str(a.figure.source))
        figures.append({"text": source, "url": safe_url(a.figure.source.url)})
    return figures


def popup(
    feature: Feature,
    areas: Sequence[AreaCheck],
    claims: Sequence[ClaimResult],
    lang: str = "en",
    *,
    names: Mapping[str, Localized] | None = None,
) -> dict[str, Any]:
    """Each stated figure with its source, the measures, the claims, the aliases, the digitizing source.

    The digitizing notes are quoted in English (marked ``lang: en``), each feature id in them
    (``names``: names by id) written as the feature's English name.

    Parameters
    ----------
    feature : Feature
        The feature.
    areas : sequence of AreaCheck
        Its area checks.
    claims : sequence of ClaimResult
        The claims about it.
    lang : str
        The language tag.
    names : dict of str to Localized, optional
        Each feature's name by id.

    Returns
    -------
    dict
        A card: ``title``, ``subtitle``, ``subtitle_lang`` and ``sections`` (see ``card``
        in ``static/js/dom.js``).
    """
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
        text = ids_as_names(feature.digitized_from, names or {})
        sections.append({"heading": heading, "items": [{"text": text, "lang": "en"}]})
    return {**_names(feature, lang), "sections": sections}


def ids_as_names(text: str, names: Mapping[str, Localized], lang: str = "en") -> str:
    """Text with each feature id in it (a whole word) written as the feature's name in ``lang``.

    Parameters
    ----------
    text : str
        Text that may name features by id.
    names : Mapping of str to Localized
        Each feature's name by id.
    lang : str
        The language tag.

    Returns
    -------
    str
        The text, each known id replaced by the name.

    >>> ids_as_names("the shenzhen_river line", {"shenzhen_river": Localized("Shenzhen River")})
    'the Shenzhen River line'
    """
    if not names:
        return text
    # Ids are words (ID_PATTERN), so a whole-word id is a whole [\w-] run: look each run up, rather
    # than search for every id (a layer drawn in bulk has hundreds of thousands).
    return _WORD.sub(lambda match: names[w].get(lang) if (w := match.group()) in names else w, text)


_WORD = re.compile(r"(?<![\w-])[\w-]+(?![\w-])")


class NamesById(Mapping[str, Localized]):
    """Each feature's names by its id, made only for the ids looked up (a bulk layer has 200,000).

    Parameters
    ----------
    features : mapping of id to Feature, or iterable of Feature
        The features by id (:func:`geo.model.features_by_id`: each made only when looked
        up), or the features; a later one with the same id wins, as in a dict.

    Examples
    --------
    >>> from shapely import Point
    >>> names = NamesById([Feature("a", "Park A", Point(114, 22.5), "L")])
    >>> names["a"].get("en"), "b" in names, len(names)
    ('Park A', False, 1)
    """

    def __init__(self, features: Mapping[str, Feature] | Iterable[Feature]) -> None:
        self._features = features if isinstance(features, Mapping) else {f.id: f for f in features}

    def __getitem__(self, key: str) -> Localized:
        return self._features[key].names

    def __iter__(self) -> Iterator[str]:
        return iter(self._features)

    def __len__(self) -> int:
        return len(self._features)
