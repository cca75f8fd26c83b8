"""The map's own elements: small folium MacroElements, each with its template.

Each element hands its data to a function of ``static/atlas.js`` as JSON made
safe for a ``<script>`` (:func:`geo.map.text.script_json`); the script builds
the DOM with ``textContent``, so text from the data is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import Any

import rcssmin
import rjsmin
from branca.element import MacroElement
from jinja2 import Template

from geo.i18n import LANGUAGES, read_catalogue
from geo.i18n.page import page_languages
from geo.map.page_script import RawScript, add_header_as_is, page_of, parent_name
from geo.map.text import safe_url, script_json

STATIC = files("geo.map") / "static"


#: The parts of the page script (``static/js/``), in the order they are joined: each after the
#: parts it uses. Fixed here, so that every build writes the same script.
SCRIPT_PARTS = (
    "dom.js",
    "map-state.js",
    "i18n.js",
    "box-control.js",
    "bulk-geometry.js",
    "bulk-layer.js",
    "free-view.js",
    "details.js",
    "feature-layer.js",
    "overlays.js",
    "labels.js",
    "tooltips.js",
    "story.js",
    "layer-list.js",
    "checks.js",
    "downloads.js",
    "goto.js",
    "sheet.js",
    "language-switch.js",
    "copy-link.js",
    "panel.js",
    "article.js",
    "permalink.js",
    "drawn-sync.js",
    "plugin-controls.js",
    "plain-basemap.js",
    "control-a11y.js",
    "control-text.js",
    "measure-text.js",
)


def _inlinable(text: str, where: str) -> str:
    """``text``, refused if it holds what would break the page once inlined in its header."""
    # Inlined in a <script> or <style>, and compiled by branca as a Jinja template once more.
    if any(end in text.lower() for end in ("</script", "</style")) or any(
        mark in text for mark in ("{{", "{%", "{#")
    ):
        msg = f"{where} holds '</script', '</style' or a Jinja delimiter, which would break the page"
        raise ValueError(msg)
    return text


def atlas_script() -> str:
    """The page script: the :data:`SCRIPT_PARTS` joined in their order, each headed by its name."""
    parts = []
    for name in SCRIPT_PARTS:
        text = _inlinable((STATIC / "js" / name).read_text(encoding="utf-8"), f"static/js/{name}")
        parts.append(f"/* static/js/{name} */\n{text.rstrip()}\n")
    return "".join(parts)


def minified_script() -> str:
    """The page script as the page carries it: :func:`atlas_script` minified (rjsmin).

    Comments and the whitespace JavaScript does not need are dropped (about 40 % of the
    bytes); names and statements stay as written, and the same script gives the same bytes.
    """
    return _inlinable(rjsmin.jsmin(atlas_script()), "the minified page script")


def minified_css() -> str:
    """The page's stylesheet (``static/atlas.css``) as the page carries it, minified (rcssmin)."""
    css = _inlinable((STATIC / "atlas.css").read_text(encoding="utf-8"), "static/atlas.css")
    return _inlinable(rcssmin.cssmin(css), "the minified static/atlas.css")


class AtlasScript(MacroElement):
    """The page's own stylesheet and script (``static/``), minified and inlined in the header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasScript"
        self.css = minified_css()
        self.js = minified_script()

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The stylesheet and script in the header as they are (branca would compile them as a template)."""
        if not add_header_as_is(self, kwargs):
            super().render(**kwargs)


class AtlasCall(MacroElement):
    """Calls ``gbaAtlas.<function>(parent, data)`` once the parent exists."""

    function = ""
    #: Write the data's JSON with msgspec (see :func:`~geo.map.text.script_json`): for data of
    #: megabytes whose numbers the element has checked to be finite.
    fast_json = False

    def __init__(self, data: Any) -> None:
        super().__init__()
        self._name = type(self).__name__
        self.data_json = script_json(data, fast=self.fast_json)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """Add ``gbaAtlas.<function>(map, data)`` to the page's script."""
        call = f"gbaAtlas.{self.function}({parent_name(self)}, {self.data_json});\n"
        page_of(self).script.add_child(RawScript(call), name=self.get_name())


class FeatureOverlay(AtlasCall):
    """One feature drawn into its overlay group, with tooltip, popup, hover highlight and label.

    Parameters
    ----------
    spec : dict
        ``geojson``, ``style``, ``tooltip``, ``popup`` and ``label``, as made by
        :func:`geo.map.build.feature_spec`.
    """

    function = "addFeature"

    def __init__(self, spec: dict[str, Any]) -> None:
        missing = {"geojson", "style", "tooltip", "popup", "label"} - spec.keys()
        if missing:
            msg = f"FeatureOverlay spec lacks {sorted(missing)}"
            raise ValueError(msg)
        super().__init__(spec)


class Outline(MacroElement):
    """A dashed, non-interactive outline (e.g. a zone around its parks)."""

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
        outline?, bulk?}``), ``checks`` (see :func:`geo.map.content.panel`) and ``places``
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
        """Add ``gbaAtlas.addPanel(map, data, [overlays])`` to the page's script."""
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
    """Raise ValueError unless ``bounds`` is ``[[south, west], [north, east]]``."""
    (south, west), (north, east) = bounds
    if not (-90 <= south <= north <= 90 and west <= east):
        msg = f"bounds of {name!r} are not [[south, west], [north, east]]"
        raise ValueError(msg)


class OpenOn(AtlasCall):
    """The first view: fits ``[[south, west], [north, east]]`` into the part of the map nothing covers."""

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
