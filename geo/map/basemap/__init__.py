"""The plain base map ("Plain", 簡圖): land, water, the SAR boundaries and the eleven cities, offline.

The shapes come from Natural Earth's public-domain 1:10m countries, which the npm
package ``world-atlas`` ships as TopoJSON: fetched at build time into the asset
cache by :mod:`geo.map.offline`, clipped to the Greater Bay Area, never
committed.  Where it is too coarse for the story (the Hetao window, Hengqin, Qianhai)
the project's own finer land, water and river boundary (``finer.geojson``) refine it.
The city points are ours (``cities.json``).

Modules, one concern each:

- :mod:`~geo.map.basemap.topojson`: decoding TopoJSON arcs and objects into shapely geometries;
- :mod:`~geo.map.basemap.natural_earth`: fetching the countries, the land and the SAR boundaries;
- :mod:`~geo.map.basemap.finer`: the project's patches of land, water and the river boundary;
- :mod:`~geo.map.basemap.cities`: the eleven cities and where their coordinates come from;
- :mod:`~geo.map.basemap.payload`: all of it as one JSON-able dict for the page.
"""

from geo.map.basemap.cities import LANGUAGES, City, load_cities
from geo.map.basemap.natural_earth import (
    CLIP_BOUNDS,
    WORLD_ATLAS,
    border_lines,
    land_polygons,
    load_countries,
)
from geo.map.basemap.payload import ATTRIBUTION, basemap_payload

__all__ = [
    "ATTRIBUTION",
    "CLIP_BOUNDS",
    "LANGUAGES",
    "WORLD_ATLAS",
    "City",
    "basemap_payload",
    "border_lines",
    "land_polygons",
    "load_cities",
    "load_countries",
]
