"""Everything the page needs to draw the plain base map, as one JSON-able dict.

The payload holds the land (a GeoJSON MultiPolygon; water is the map's
background), the Hong Kong–Mainland and Macao–Mainland boundaries (a GeoJSON
FeatureCollection of lines), the eleven cities with their names in three
languages, the view's bounds and the attribution.  Coordinates are rounded to
:data:`DECIMALS` places (about a metre), so the same input always gives the same
payload, and the same JSON text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon

from geo.map.basemap.cities import load_cities
from geo.map.basemap.finer import Patch, load_patches, refine_border
from geo.map.basemap.natural_earth import (
    CLIP_BOUNDS,
    HONG_KONG,
    MACAO,
    WORLD_ATLAS,
    border_lines,
    land_polygons,
    load_countries,
)

__all__ = ["ATTRIBUTION", "DECIMALS", "basemap_payload"]

#: The credit the map shows while the plain base map is on.
ATTRIBUTION = "Natural Earth (public domain)"
#: How the Hong Kong boundary's river part is drawn (its ``drawn_from``, after Natural Earth's).
RIVER = "the Shenzhen River's centre line as gba-atlas traced it (finer.geojson)"
#: Decimal places kept in coordinates (1e-5 degrees is about 1 m).
DECIMALS = 5
_BORDER_NAMES = {
    HONG_KONG: ("hong_kong_mainland", "Hong Kong–Mainland boundary", "香港與內地界線", "香港与内地界线"),
    MACAO: ("macao_mainland", "Macao–Mainland boundary", "澳門與內地界線", "澳门与内地界线"),
}


def basemap_payload(
    *,
    cache_dir: Path | None = None,
    topology: Mapping[str, Any] | None = None,
    patches: Sequence[Patch] | None = None,
) -> dict[str, Any]:
    """Build the plain base map's data: land, boundaries, cities, bounds and attribution.

    Parameters
    ----------
    cache_dir : pathlib.Path, optional
        The asset cache ``world-atlas`` is read from (and fetched into with ``npm pack``).
    topology : Mapping, optional
        The Natural Earth countries topology, if already loaded (tests pass a small one).
    patches : sequence of Patch, optional
        The project's finer land, water and river boundary; by default the package's
        (:func:`~geo.map.basemap.finer.load_patches`).

    Returns
    -------
    dict
        ``{"land", "borders", "cities", "bounds", "attribution", "source"}``, all JSON-able;
        ``bounds`` is Leaflet's ``[[south, west], [north, east]]``.

    Raises
    ------
    AssetError
        One line, if ``world-atlas`` cannot be fetched or read (see :func:`load_countries`).
    """
    topology = load_countries(cache_dir=cache_dir) if topology is None else topology
    patches = load_patches() if patches is None else patches
    west, south, east, north = CLIP_BOUNDS
    return {
        "land": _polygons_json(land_polygons(topology, patches=patches)),
        "borders": _borders_json(_river_border(border_lines(topology), patches)),
        "cities": [city.to_json() for city in load_cities()],
        "bounds": [[south, west], [north, east]],
        "attribution": ATTRIBUTION,
        "source": {
            "data": "Natural Earth 1:10m admin 0 countries (version 4.1.0)",
            "refined": [patch.id for patch in patches],
            "package": WORLD_ATLAS.package,
            "file": WORLD_ATLAS.path,
        },
    }


def _river_border(
    borders: dict[str, tuple[MultiLineString, str]], patches: Sequence[Patch]
) -> dict[str, tuple[MultiLineString, str]]:
    """Hong Kong's boundary along the project's Shenzhen River line, where a boundary patch gives it."""
    rivers = [p.geometry for p in patches if p.kind == "boundary" and isinstance(p.geometry, LineString)]
    if not rivers or HONG_KONG not in borders:
        return borders
    lines, how = borders[HONG_KONG]
    return {**borders, HONG_KONG: (refine_border(lines, rivers[0]), f"{how} and {RIVER}")}


def _ring(coords: Sequence[Sequence[float]]) -> list[list[float]]:
    """Round a ring's or line's positions, dropping a position that rounds onto the one before."""
    out: list[list[float]] = []
    for x, y, *_ in coords:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def _polygons_json(land: MultiPolygon) -> dict[str, Any]:
    """Return land as a GeoJSON MultiPolygon with rounded coordinates."""
    polygons = [
        [_ring(polygon.exterior.coords), *(_ring(hole.coords) for hole in polygon.interiors)]
        for polygon in land.geoms
    ]
    return {"type": "MultiPolygon", "coordinates": polygons}


def _borders_json(borders: Mapping[str, tuple[MultiLineString, str]]) -> dict[str, Any]:
    """Return the boundaries as a GeoJSON FeatureCollection, one feature per SAR."""
    features = []
    for unit, (lines, how) in borders.items():
        key, en, zh_hant, zh_hans = _BORDER_NAMES[unit]
        features.append(
            {
                "type": "Feature",
                "id": key,
                "properties": {
                    "names": {"en": en, "zh-Hant": zh_hant, "zh-Hans": zh_hans},
                    "drawn_from": how,
                },
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [_ring(line.coords) for line in lines.geoms],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
