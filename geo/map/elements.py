"""The map's own elements: small folium MacroElements, each with its template.

Each element hands its data to a function of ``static/atlas.js`` as JSON made
safe for a ``<script>`` (:func:`geo.map.text.script_json`); the script builds
the DOM with ``textContent``, so text from the data is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.map.text import safe_url, script_json

STATIC = files("geo.map") / "static"


#: The parts of the page script (``static/js/``), in the order they are joined: each after the
#: parts it uses. Fixed here, so that every build writes the same script.
SCRIPT_PARTS = (
    "dom.js",
    "map-state.js",
    "box-control.js",
    "bulk-geometry.js",
    "bulk-layer.js",
    "feature-layer.js",
    "overlays.js",
    "labels.js",
    "layer-headings.js",
    "title.js",
    "panel.js",
    "legend.js",
    "goto.js",
    "plugin-controls.js",
)


def atlas_script() -> str:
    """The page script: the :data:`SCRIPT_PARTS` joined in their order, each headed by its name."""
    parts = []
    for name in SCRIPT_PARTS:
        text = (STATIC / "js" / name).read_text(encoding="utf-8")
        # Inlined in a <script>, and compiled by branca as a Jinja template once more.
        if "</script" in text.lower() or any(mark in text for mark in ("{{", "{%", "{#")):
            msg = f"static/js/{name} holds '</script' or a Jinja delimiter, which would break the page"
            raise ValueError(msg)
        parts.append(f"/* static/js/{name} */\n{text.rstrip()}\n")
    return "".join(parts)


class AtlasScript(MacroElement):
    """The page's own stylesheet and script (``static/``), inlined in the header."""

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
        self.css = (STATIC / "atlas.css").read_text(encoding="utf-8")
        self.js = atlas_script()


class RawScript(Element):
    """Script text added to the page as it is.

    branca compiles what a MacroElement renders as a new Jinja template; data never
    goes through that, so it can neither be evaluated as a template nor cost a
    compile of megabytes of coordinates.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The script text, as it is."""
        return self.text


class AtlasCall(MacroElement):
    """Calls ``gbaAtlas.<function>(parent, data)`` once the parent exists."""

    function = ""

    def __init__(self, data: Any) -> None:
        super().__init__()
        self._name = type(self).__name__
        self.data_json = script_json(data)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """Add ``gbaAtlas.<function>(map, data)`` to the page's script."""
        call = f"gbaAtlas.{self.function}({parent_name(self)}, {self.data_json});\n"
        page_of(self).script.add_child(RawScript(call), name=self.get_name())


def page_of(element: Element) -> Figure:
    """The page (branca's Figure) an element renders into."""
    root = element.get_root()
    if not isinstance(root, Figure):
        msg = f"{type(element).__name__} renders only on a map that is on a page"
        raise TypeError(msg)
    return root


def parent_name(element: Element) -> str:
    """The JavaScript name of the element's parent (the map or layer it is added to)."""
    if element._parent is None:
        msg = f"{type(element).__name__} renders only once added to a map or layer"
        raise TypeError(msg)
    name: str = element._parent.get_name()
    return name


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


class Title(AtlasCall):
    """The title box: a title and a description, linked to its source when http(s).

    ``chinese`` (``{"lang", "title", "description"}``) travels with the data for the
    page's script to show; today's script shows the English only.
    """

    function = "addTitle"

    def __init__(
        self, title: str, description: str, *, url: str | None = None, chinese: dict[str, str] | None = None
    ) -> None:
        if not title.strip():
            msg = "Title needs a non-empty title"
            raise ValueError(msg)
        data = {"title": title, "description": description, "url": safe_url(url)}
        super().__init__({**data, "chinese": chinese} if chinese else data)


class Panel(AtlasCall):
    """The area-check panel: platform, stated, computed, deviation, verdict; then the claims."""

    function = "addPanel"


class Legend(AtlasCall):
    """Colour swatches with the platform names."""

    function = "addLegend"

    def __init__(self, entries: Sequence[dict[str, Any]]) -> None:
        if not all({"name", "colour"} <= entry.keys() for entry in entries):
            msg = "every Legend entry needs a name and a colour"
            raise ValueError(msg)
        super().__init__(list(entries))


class GoTo(AtlasCall):
    """A "Go to…" list that zooms to each place: ``{"name", "bounds": [[s, w], [n, e]]}``."""

    function = "addGoTo"

    def __init__(self, places: Sequence[dict[str, Any]]) -> None:
        for place in places:
            if not {"name", "bounds"} <= place.keys():
                msg = f"every GoTo place needs a name and bounds, not {sorted(place)}"
                raise ValueError(msg)
            (south, west), (north, east) = place["bounds"]
            if not (-90 <= south <= north <= 90 and west <= east):
                msg = f"GoTo bounds of {place['name']!r} are not [[south, west], [north, east]]"
                raise ValueError(msg)
        super().__init__(list(places))


class LabelWatcher(MacroElement):
    """Stacks features by size (small on top), shows names from their zoom on, adds the metric scale bar."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        gbaAtlas.stackBySize({{ this._parent.get_name() }});
        gbaAtlas.watchLabels({{ this._parent.get_name() }});
        L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LabelWatcher"


class OverlayGroups(MacroElement):
    """Headings in the layer control over each group of overlays."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        gbaAtlas.groupOverlays({{ this.control.get_name() }}, {{ this.groups }});
        {% endmacro %}
        """
    )

    def __init__(self, control: Element, groups: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self._name = "OverlayGroups"
        self.control = control
        self.groups = script_json([{"name": name, "size": size} for name, size in groups])
