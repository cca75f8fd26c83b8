"""A GeoDataFrame handed to ``add_layer``, brought to WGS84 longitude/latitude, or refused with the fix.

A frame in another CRS is reprojected; one without a CRS is taken as lon/lat when its numbers can
be, with a warning; one that says degrees but holds metres is refused with the fix that works
(declare the real CRS with ``set_crs``: ``to_crs`` would convert the wrong numbers).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from geo.errors import AtlasWarning, LayerError, Problem
from geo.validation.frames import frame_problems

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

WGS84_EPSG = 4326


def wgs84_frame(gdf: GeoDataFrame, *, label: str) -> GeoDataFrame:
    """The frame in WGS84 lon/lat: reprojected, or taken as lon/lat (with a warning) when it has no CRS.

    Parameters
    ----------
    gdf : GeoDataFrame
        The frame given to ``add_layer``.
    label : str
        How messages name it (``<name>``).

    Returns
    -------
    GeoDataFrame
        In EPSG:4326 lon/lat degrees.

    Raises
    ------
    LayerError
        When the frame as a whole cannot be a layer (:func:`~geo.validation.frames.frame_problems`),
        or has no CRS and coordinates that are not lon/lat.
    """
    problems = frame_problems(gdf, file=label)
    if problems:
        raise LayerError(problems)
    if gdf.crs is None:
        west, south, east, north = gdf.total_bounds if len(gdf) else (0, 0, 0, 0)
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            problem = Problem(
                label,
                "",
                "the GeoDataFrame has no CRS and its coordinates are not longitude/latitude",
                "set its CRS first, e.g. gdf.set_crs(2326) for HK1980 Grid metres",
            )
            raise LayerError([problem])
        warnings.warn(
            f"{label}: the GeoDataFrame has no CRS; its coordinates look like lon/lat, "
            "so they are taken as WGS84 (set gdf.crs to silence this)",
            AtlasWarning,
            stacklevel=6,  # wgs84_frame, frame_layer, input_layer, add_layer, api_boundary, the caller
        )
    elif gdf.crs.is_geographic and len(gdf) and _metres(gdf.total_bounds):
        raise LayerError([_metres_declared_as_degrees(gdf, label=label)])
    elif gdf.crs.to_epsg() != WGS84_EPSG:
        gdf = gdf.to_crs(WGS84_EPSG)
    return gdf


#: Coordinates this far from zero are metres, not degrees (swapped or stray degrees are told per feature).
METRES_FROM = 1_000


def _metres(bounds: Any) -> bool:
    return bool(max(abs(float(b)) for b in bounds) > METRES_FROM)


#: HK1980 Grid (EPSG:2326) eastings and northings that cover Hong Kong, in metres.
HK1980_EASTINGS, HK1980_NORTHINGS = (790_000, 870_000), (790_000, 850_000)


def _metres_declared_as_degrees(gdf: GeoDataFrame, *, label: str) -> Problem:
    """The frame says degrees but holds metres: the fix is to declare its real CRS (set_crs), not to_crs."""
    west, south, east, north = (float(b) for b in gdf.total_bounds)
    epsg = gdf.crs.to_epsg()
    said = f"EPSG:{epsg}" if epsg else gdf.crs.name
    hk1980 = (
        HK1980_EASTINGS[0] <= west <= east <= HK1980_EASTINGS[1]
        and HK1980_NORTHINGS[0] <= south <= north <= HK1980_NORTHINGS[1]
    )
    reach = f"{max(abs(west), abs(east)):.0f}, {max(abs(south), abs(north)):.0f}"
    what = (
        f"the GeoDataFrame's CRS is {said} (degrees), but its coordinates reach {reach}: they are metres"
        + (" that look like HK1980 Grid (EPSG:2326)" if hk1980 else " in a projected CRS")
    )
    code = "2326" if hk1980 else "<the EPSG code they are in>"
    fix = (
        f"declare the CRS they are really in with gdf.set_crs({code}, allow_override=True) "
        "(to_crs would convert the wrong numbers); add_layer then brings it to WGS84"
    )
    return Problem(label, "", what, fix)
