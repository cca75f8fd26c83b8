"""The map's own elements: small folium MacroElements, each with its template.

Each element hands its data to a function of ``static/atlas.js`` as JSON made
safe for a ``<script>`` (:func:`geo.map.text.script_json`); the script builds
the DOM with ``textContent``, so text from the data is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from geo.i18n import LANGUAGES, read_catalogue
from geo.i18n.page import page_languages
from geo.map.page_assets import AtlasScript, atlas_script, minified_css, minified_script, script_parts
from geo.map.page_script import RawScript, page_of, parent_name
from geo.map.text import safe_url, script_json

#: The page's own stylesheet and script are made in :mod:`geo.map.page_assets`; named here too.
__all__ = [
    "AtlasCall",
    "AtlasScript",
    "FeatureOverlay",
    "LabelWatcher",
    "Languages",
    "OpenOn",
    "Outline",
    "Panel",
    "atlas_script",
    "check_bounds",
    "check_places",
    "minified_css",
    "minified_script",
    "page_messages",
    "script_parts",
]


class AtlasCall(MacroElement):
    """Calls ``gbaAtlas.<function>(parent, data)`` once the parent exists.

    Parameters
    ----------
    data : object
        What the page function is given, as JSON (numbers finite).
    """

    function = ""
    #: Write the data's JSON with msgspec (see :func:`~geo.map.text.script_json`): for data of
    #: megabytes whose numbers the element has checked to be finite.
    fast_json = False

    def __init__(self, data: Any) -> None:
        super().__init__()
        self._name = type(self).__name__
        self.data_json = script_json(data, fast=self.fast_json)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """Add ``gbaAtlas.<function>(map, data)`` to the page's script.

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.
        """
        call = f"gbaAtlas.{self.function}({parent_name(self)}, {self.data_json});\n"
        page_of(self).script.add_child(RawScript(call), name=self.get_name())


class FeatureOverlay(AtlasCall):
    """One feature drawn into its overlay group, with tooltip, popup, hover highlight and label.

    Parameters
    ----------
    spec : dict
        ``geojson``, ``style``, ``tooltip``, ``popup`` and ``label``, as made by
        :func:`geo.map.overlays.feature_spec`.
    """

    function = "addFeature"

    def __init__(self, spec: dict[str, Any]) -> None:
        missing = {"geojson", "style", "tooltip", "popup", "label"} - spec.keys()
        if missing:
            msg = f"FeatureOverlay spec lacks {sorted(missing)}"
            raise ValueError(msg)
        super().__init__(spec)


class Outline(MacroElement):
    """A dashed, non-interactive outline (e.g. a zone around its parks).

    Parameters
    ----------
    geojson : dict
        The outline as a GeoJSON geometry or feature (degrees, WGS84).
    style : dict
        Leaflet path options (``color``, ``weight``, ``dashArray`` ...).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        gbaAtlas.addOutline({{ this._parent.get_name() }}, {{ this.geojson }}, {{ this.style }});
        {% endmacro %}
        """
    )

    def __init__(self, geojson: dict[str, Any], style: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Outline"
        self.geojson, self.style = script_json(geojson), script_json(style)


class Panel(AtlasCall):
    """The story panel beside the map (a bottom sheet on phones): the story, the layers, the checks.

    Parameters
    ----------
    data : dict
        For each language of :data:`geo.i18n.LANGUAGES` (or once, for all of them): ``story``
        ({title, description, source, url, chinese?}), ``layers`` (groups of rows ``{name, colour, line?,
        outline?, bulk?}``), ``checks`` (see :func:`geo.map.checks_table.panel`) and ``places``
        (the "Go to" list).
    overlays : sequence of MacroElement
        The overlay of each layer row, in the order of the rows: the panel's switches
        add them to the map and take them off.
    """

    function = "addPanel"

    def __init__(self, data: dict[str, dict[str, Any]], overlays: Sequence[MacroElement]) -> None:
        if "story" in data:  # one language's data: the same in every language
            data = dict.fromkeys(LANGUAGES, data)
        if set(data) != set(LANGUAGES):
            msg = f"Panel needs data in {', '.join(LANGUAGES)}, not {', '.join(data)}"
            raise ValueError(msg)
        checked = {}
        for lang, spec in data.items():
            rows = sum(len(group["entries"]) for group in spec["layers"])
            if rows != len(overlays):
                msg = f"Panel has {rows} layer rows but {len(overlays)} overlays"
                raise ValueError(msg)
            if not str(spec["story"]["title"]).strip():
                msg = "the Panel's story needs a non-empty title"
                raise ValueError(msg)
            story = spec["story"]
            checked[lang] = {**spec, "story": {**story, "url": safe_url(story.get("url"))}}
        super().__init__(checked)
        self.overlays = list(overlays)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """Add ``gbaAtlas.addPanel(map, data, [overlays])`` to the page's script.

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.
        """
        names = ", ".join(overlay.get_name() for overlay in self.overlays)
        call = f"gbaAtlas.{self.function}({parent_name(self)}, {self.data_json}, [{names}]);\n"
        page_of(self).script.add_child(RawScript(call), name=self.get_name())


#: The catalogue keys the page's script says itself: its own texts, the languages' names, verdicts.
PAGE_KEYS = ("map.", "lang.", "unit.", "verdict.holds", "verdict.fails")


def page_messages() -> dict[str, dict[str, str]]:
    """The part of each language's catalogue the page needs (see :data:`PAGE_KEYS`), by language."""
    return {
        lang: {key: text for key, text in sorted(read_catalogue(lang).items()) if key.startswith(PAGE_KEYS)}
        for lang in LANGUAGES
    }


class Languages(AtlasCall):
    """The page's languages and their texts; the page picks the reader's (URL, browser) and sets lang."""

    function = "setLanguages"

    def __init__(self) -> None:
        super().__init__({"languages": list(LANGUAGES), "messages": page_messages(), **page_languages()})


def check_places(places: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The "Go to" list, checked: ``{"name", "bounds": [[s, w], [n, e]]}`` each.

    Parameters
    ----------
    places : sequence of dict
        The places, each ``{"name", "bounds"}``.

    Returns
    -------
    list of dict
        The same places.

    Raises
    ------
    ValueError
        If a place lacks a name or bounds, or its bounds are not ``[[south, west], [north, east]]``.
    """
    for place in places:
        if not {"name", "bounds"} <= place.keys():
            msg = f"every Go to place needs a name and bounds, not {sorted(place)}"
            raise ValueError(msg)
        check_bounds(place["bounds"], str(place["name"]))
    return list(places)


def check_bounds(bounds: Any, name: str) -> None:
    """Raise ValueError unless ``bounds`` is ``[[south, west], [north, east]]``.

    Parameters
    ----------
    bounds : object
        What should be ``[[south, west], [north, east]]``, in degrees.
    name : str
        What the bounds are of, for the message.
    """
    (south, west), (north, east) = bounds
    if not (-90 <= south <= north <= 90 and west <= east):
        msg = f"bounds of {name!r} are not [[south, west], [north, east]]"
        raise ValueError(msg)


class OpenOn(AtlasCall):
    """The first view: fits ``[[south, west], [north, east]]`` into the part of the map nothing covers.

    Parameters
    ----------
    bounds : list of list of float
        ``[[south, west], [north, east]]``, degrees.
    """

    function = "openOn"

    def __init__(self, bounds: list[list[float]]) -> None:
        check_bounds(bounds, "the first view")
        super().__init__(bounds)


class LabelWatcher(MacroElement):
    """Stacks features by size (small on top), shows names from their zoom on, names the tools; scale bar."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        gbaAtlas.stackBySize({{ this._parent.get_name() }});
        gbaAtlas.watchLabels({{ this._parent.get_name() }});
        gbaAtlas.labelControls({{ this._parent.get_name() }});
        gbaAtlas.translateControls({{ this._parent.get_name() }});
        gbaAtlas.translateMeasure({{ this._parent.get_name() }});
        L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LabelWatcher"
