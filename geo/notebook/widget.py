"""The live map of a notebook: :class:`AtlasWidget`, the map of ``to_map()`` that you can draw on.

The widget (an anywidget, so it works in JupyterLab, Notebook 7 and VS Code) shows the
atlas's map page in a frame. The page's draw tool posts each change of the drawn shapes to the
widget, which syncs them to Python as :attr:`AtlasWidget.drawn`, a GeoJSON FeatureCollection
(polygons with counter-clockwise exteriors, RFC 7946). Nothing is fetched: the page's scripts
are inlined from the asset cache, as in a self-contained map; when they are not there, the
widget says so in words above the map.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from geo.geodesy import area_perimeter
from geo.map.atlas_map import NOTEBOOK_HEIGHT, inlined_page
from geo.units import hectares

if TYPE_CHECKING:
    import geopandas

    from geo.atlas_views import AtlasViews

#: An empty FeatureCollection: what :attr:`AtlasWidget.drawn` holds before anything is drawn.
EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}


class AtlasWidget(anywidget.AnyWidget):
    """The atlas's interactive map as a Jupyter widget; what is drawn on it arrives in Python.

    Make one with :meth:`geo.Atlas.explore`. Adding a layer to the atlas redraws the widget,
    keeping what was drawn.

    Parameters
    ----------
    atlas : Atlas
        What to show (held weakly: the widget does not keep the atlas alive).
    view : str or (west, south, east, north), optional
        Where the map opens, as ``Atlas.to_map(view=...)`` takes it.
    height : int
        The map's height in pixels (200 to 2000).
    """

    _esm = Path(__file__).with_name("widget.js")
    html = traitlets.Unicode("").tag(sync=True)
    """The map page the frame shows (scripts inlined when they are cached)."""
    problem = traitlets.Unicode("").tag(sync=True)
    """Words shown above the map when something keeps it from working offline; empty when all is well."""
    drawn = traitlets.Dict(EMPTY).tag(sync=True)
    """The shapes drawn on the map: a GeoJSON FeatureCollection in WGS84 longitude, latitude."""
    height = traitlets.Int(NOTEBOOK_HEIGHT).tag(sync=True)

    def __init__(
        self, atlas: AtlasViews, *, view: str | tuple[float, float, float, float] | None = None, height: int
    ) -> None:
        super().__init__(height=height)
        self._atlas = weakref.ref(atlas)
        self._view = view
        self.refresh()

    def refresh(self) -> None:
        """Build the page again from the atlas (after a layer was added); what was drawn stays."""
        atlas = self._atlas()
        if atlas is None:
            return
        page = atlas._page_html(view=self._view, drawn_to_parent=True)
        self.html, self.problem = inlined_page(page)

    @property
    def drawn_gdf(self) -> geopandas.GeoDataFrame:
        """The drawn shapes as a GeoDataFrame in WGS84 (EPSG:4326), each with its measures.

        Columns: ``geometry``, ``area_ha`` (geodesic area in hectares, 0 for lines and points)
        and ``perimeter_km`` (geodesic perimeter, or a line's length, in kilometres). Pass it to
        ``atlas.add_layer(widget.drawn_gdf, name=...)``: ids and names are made for it.
        """
        return drawn_frame(self.drawn)

    def on_draw(self, callback: Callable[[geopandas.GeoDataFrame], Any]) -> None:
        """Call ``callback(drawn_gdf)`` whenever a shape is drawn, edited or deleted.

        Parameters
        ----------
        callback : callable
            Given the :attr:`drawn_gdf` of that moment.
        """
        given: object = callback
        if not callable(given):
            from geo.inputs.arguments import wrong_type

            raise wrong_type(
                "callback", f"must be callable, not {type(callback).__name__}", "pass a function"
            )
        self.observe(lambda change: callback(drawn_frame(change["new"])), names="drawn")

    def _repr_keys(self) -> Any:  # the page's megabyte of HTML is no help in a repr
        return (key for key in super()._repr_keys() if key not in {"html", "drawn"})


def drawn_frame(collection: dict[str, Any]) -> geopandas.GeoDataFrame:
    """The features of a FeatureCollection as a GeoDataFrame with geodesic ``area_ha`` and ``perimeter_km``.

    Parameters
    ----------
    collection : dict
        A GeoJSON FeatureCollection in WGS84 longitude, latitude (features without a
        geometry are left out).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature, in EPSG:4326.

    Examples
    --------
    >>> square = {"type": "Polygon", "coordinates": [[[114, 22.5], [114.01, 22.5], [114.01, 22.51],
    ...           [114, 22.51], [114, 22.5]]]}
    >>> frame = drawn_frame({"type": "FeatureCollection", "features": [{"geometry": square}]})
    >>> round(float(frame.area_ha[0]), 1), round(float(frame.perimeter_km[0]), 3)
    (113.9, 4.273)
    """
    import geopandas
    import shapely.geometry

    geometries = [
        shapely.geometry.shape(feature["geometry"])
        for feature in collection.get("features", [])
        if isinstance(feature, dict) and isinstance(feature.get("geometry"), dict)
    ]
    measures = [area_perimeter(geometry) for geometry in geometries]
    return geopandas.GeoDataFrame(
        {
            "area_ha": [hectares(area) for area, _ in measures],
            "perimeter_km": [perimeter / 1000 for _, perimeter in measures],
        },
        geometry=geometries,
        crs=4326,
    )
