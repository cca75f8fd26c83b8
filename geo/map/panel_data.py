"""The panel's data in each language: the story, the layers' rows, the checks and the "Go to" places."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo.i18n import LANGUAGES, uses_latin_labels
from geo.i18n.scripts import Localized
from geo.map import checks_table
from geo.map.elements import check_places
from geo.map.placement import layer_bounds, places
from geo.map.text import safe_url
from geo.model import Layer, Report, Story


def panel_data(
    story: Story,
    report: Report,
    groups: Sequence[tuple[Layer, list[dict[str, Any]]]],
    *,
    names: Mapping[str, Localized],
) -> dict[str, dict[str, Any]]:
    """The panel in each language: the story, the layers' rows (each given per language), checks, places.

    Parameters
    ----------
    story : Story
        The map's story.
    report : Report
        The area checks and claim verdicts.
    groups : sequence of (Layer, list of dict)
        Each layer with its rows (:func:`geo.map.overlays.add_layer_overlays`).
    names : Mapping of str to Localized
        Every feature's names by id (:class:`geo.map.content.NamesById`), so that the checks name
        features, not ids.

    Returns
    -------
    dict
        By language: ``story``, ``layers``, ``checks`` and ``places``, as
        :class:`~geo.map.elements.Panel` takes them.
    """
    layers = [layer for layer, _ in groups]
    extents = [layer_bounds(layer) for layer in layers]  # once, not per language
    return {
        lang: {
            "story": story_data(story, lang),
            "layers": [
                {"name": layer.names.get(lang), "entries": [e[lang] for e in entries]}
                for layer, entries in groups
            ],
            "checks": checks_table.panel(report, lang, names=names),
            "places": check_places(places(layers, lang, extents)),
        }
        for lang in LANGUAGES
    }


def story_data(story: Story, lang: str = "en") -> dict[str, Any]:
    """The panel's story in ``lang``: title, description, the source as stated (linked when http(s)).

    In English, also any Chinese title as stated (``chinese``).

    Parameters
    ----------
    story : Story
        The map's story.
    lang : str
        The language tag.

    Returns
    -------
    dict
        ``title``, ``description``, ``source``, ``url`` (None unless http(s)) and, in English, ``chinese``.
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
    """The story's Chinese title and description with their ``lang`` tag, or None when it has neither.

    Parameters
    ----------
    story : Story
        The map's story.

    Returns
    -------
    dict or None
        ``{"title", "description", "lang"}``, or None.
    """
    if not (story.title_zh or story.description_zh):
        return None
    return {"lang": story.zh_lang, "title": story.title_zh or "", "description": story.description_zh or ""}
