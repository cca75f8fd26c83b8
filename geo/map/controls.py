"""Base maps and the controls people expect: fullscreen, measure, position, minimap, draw.

Each control is a small element declaring its Leaflet plugin's script and stylesheet
(as versioned npm package files, which the self-contained build inlines) and handing
its options to a function of ``static/atlas.js``. They replace ``folium.plugins``,
whose package imports some forty plugins, a tenth of ``make map``'s time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import folium
import xyzservices.providers as xyz
from folium.elements import JSCSSMixin

from geo.map.elements import AtlasCall
from geo.map.plain import PlainBaseMap

#: (overlay name, provider): a street map and satellite imagery, neither needing an API key.
BASE_MAPS = (
    ("Street map (OpenStreetMap)", xyz.OpenStreetMap.Mapnik),
    ("Satellite (Esri World Imagery)", xyz.Esri.WorldImagery),
)

#: Leaflet control corners.
POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")

_NPM = "https://cdn.jsdelivr.net/npm"


def add_base_maps(m: folium.Map, *, plain: Mapping[str, Any] | None = None) -> None:
    """Add the base maps; the first one is shown at start.

    With ``plain`` (:func:`geo.map.plain.plain_payload`), the plain base map comes last: the
    one the map switches to when the tiles cannot load.

    Parameters
    ----------
    m : folium.Map
        The map.
    plain : mapping, optional
        The plain base map's data.
    """
    for index, (name, provider) in enumerate(BASE_MAPS):
        folium.TileLayer(tiles=provider, name=name, show=index == 0).add_to(m)
    if plain is not None:
        PlainBaseMap(plain).add_to(m)


class PluginControl(JSCSSMixin, AtlasCall):
    """A Leaflet plugin's control: its assets, and ``gbaAtlas.<function>(map, options)``.

    Parameters
    ----------
    position : str
        The map corner: one of :data:`POSITIONS`.
    **options
        The plugin's own options, already in its (camelCase) names.
    """

    #: (name, URL) of the plugin's scripts and stylesheets; tuples, so no instance can change a class's.
    default_js: ClassVar[tuple[tuple[str, str], ...]] = ()  # type: ignore[assignment]
    default_css: ClassVar[tuple[tuple[str, str], ...]] = ()  # type: ignore[assignment]

    def __init__(self, *, position: str = "topleft", **options: Any) -> None:
        if position not in POSITIONS:
            msg = f"{type(self).__name__}: position must be one of {', '.join(POSITIONS)}, not {position!r}"
            raise ValueError(msg)
        super().__init__({"position": position, **options})


class Fullscreen(PluginControl):
    """A button putting the map in full screen (leaflet.fullscreen)."""

    function = "addFullscreen"
    default_js: ClassVar = (("fullscreen", f"{_NPM}/leaflet.fullscreen@3.0.0/Control.FullScreen.js"),)
    default_css: ClassVar = (("fullscreen_css", f"{_NPM}/leaflet.fullscreen@3.0.0/Control.FullScreen.css"),)


class Measure(PluginControl):
    """Measures distances and areas drawn on the map (leaflet-measure): km and m, ha and km².

    Parameters
    ----------
    position : str
        The map corner: ``topleft`` (default), ``topright``, ``bottomleft`` or ``bottomright``.
    """

    function = "addMeasure"
    default_js: ClassVar = (("measure", f"{_NPM}/leaflet-measure@2.1.7/dist/leaflet-measure.min.js"),)
    default_css: ClassVar = (("measure_css", f"{_NPM}/leaflet-measure@2.1.7/dist/leaflet-measure.css"),)

    def __init__(self, *, position: str = "topleft") -> None:
        super().__init__(
            position=position,
            primaryLengthUnit="kilometers",
            secondaryLengthUnit="meters",
            primaryAreaUnit="hectares",
            secondaryAreaUnit="sqkilometers",
        )


class MousePosition(PluginControl):
    """The pointer's latitude and longitude, to ``digits`` decimals (Leaflet.MousePosition).

    Parameters
    ----------
    position : str
        The map corner (default ``bottomleft``).
    digits : int
        Decimals of the degrees shown, 0 to 9 (default 5: about 1 m).
    """

    function = "addMousePosition"
    default_js: ClassVar = (
        ("mouse_position", f"{_NPM}/leaflet-mouse-position@1.2.0/src/L.Control.MousePosition.js"),
    )
    default_css: ClassVar = (
        ("mouse_position_css", f"{_NPM}/leaflet-mouse-position@1.2.0/src/L.Control.MousePosition.css"),
    )

    def __init__(self, *, position: str = "bottomleft", digits: int = 5) -> None:
        if not 0 <= digits <= 9:
            msg = f"MousePosition: digits must be 0 to 9, not {digits!r}"
            raise ValueError(msg)
        super().__init__(position=position, separator=" · ", prefix="lat/lon", numDigits=digits)


class MiniMap(PluginControl):
    """An overview map showing the base map the map shows, which can be folded away (leaflet-minimap).

    Parameters
    ----------
    position : str
        The map corner (default ``bottomright``).
    size : int
        Width and height of the overview, CSS pixels (default 120).
    """

    function = "addMiniMap"
    default_js: ClassVar = (("minimap", f"{_NPM}/leaflet-minimap@3.6.1/dist/Control.MiniMap.min.js"),)
    default_css: ClassVar = (("minimap_css", f"{_NPM}/leaflet-minimap@3.6.1/dist/Control.MiniMap.min.css"),)

    def __init__(self, *, position: str = "bottomright", size: int = 120) -> None:
        tiles = [
            {"name": name, "url": provider.build_url(), "attribution": provider.html_attribution}
            for name, provider in BASE_MAPS
        ]
        super().__init__(position=position, toggleDisplay=True, tiles=tiles, width=size, height=size)


class Draw(PluginControl):
    """Tools to draw lines, polygons, rectangles and markers, and a link exporting them as GeoJSON.

    Parameters
    ----------
    position : str
        The map corner (default ``topleft``).
    filename : str
        The name Export drawing saves the GeoJSON under (a plain file name).
    post_to_parent : bool
        Post each change of the drawing to the parent window (the notebook widget's frame).
    """

    function = "addDraw"
    default_js: ClassVar = (("draw", f"{_NPM}/leaflet-draw@1.0.2/dist/leaflet.draw.js"),)
    default_css: ClassVar = (("draw_css", f"{_NPM}/leaflet-draw@1.0.2/dist/leaflet.draw.css"),)

    def __init__(
        self, *, position: str = "topleft", filename: str = "drawn.geojson", post_to_parent: bool = False
    ) -> None:
        if not filename.strip() or any(c in filename for c in '/\\\0"'):
            msg = f"Draw: filename must be a plain file name, not {filename!r}"
            raise ValueError(msg)
        super().__init__(
            position=position,
            draw={"circle": False, "circlemarker": False},
            filename=filename,
            post_to_parent=post_to_parent,
        )


def add_controls(m: folium.Map, *, drawn_to_parent: bool = False) -> None:
    """Fullscreen, measure (distance, area), mouse position, minimap, and a draw tool exporting GeoJSON.

    The tools sit in one column on the right, under the zoom buttons and the base maps; the
    left is the story panel's. With ``drawn_to_parent`` the page posts what is drawn to the
    window that holds it (the notebook widget, :mod:`geo.notebook.widget`).

    Parameters
    ----------
    m : folium.Map
        The map.
    drawn_to_parent : bool
        Post what is drawn to the window holding the page.
    """
    controls = (
        Fullscreen(position="topright"),
        Measure(position="topright"),
        Draw(position="topright", post_to_parent=drawn_to_parent),
        MousePosition(),
        MiniMap(),
    )
    for control in controls:
        control.add_to(m)
