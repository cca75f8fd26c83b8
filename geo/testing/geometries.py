"""What the assertions take as a geometry: shapely, model features, GeoJSON, GeoPandas rows and frames."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.model import Feature

__all__ = ["geometry_of", "label", "polygon"]


def polygon(data: Any) -> tuple[BaseGeometry, str]:
    """The geometry of ``data`` and how to name it, if it is a valid polygon in lon/lat.

    Parameters
    ----------
    data : object
        Anything :func:`geometry_of` takes.

    Returns
    -------
    tuple of (BaseGeometry, str)
        The Polygon or MultiPolygon and its name (the feature's name or id, else its type).

    Raises
    ------
    TypeError, ValueError
        When ``data`` is no geometry, or not a valid, non-empty polygon in WGS84 lon/lat.
    """
    geometry, name = geometry_of(data)
    if geometry.is_empty:
        msg = f"assert_area: {name} is empty; pass a Polygon or MultiPolygon"
        raise ValueError(msg)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        kind = geometry.geom_type
        msg = f"assert_area: {name} is a {kind}, which has no area; pass a Polygon or MultiPolygon"
        raise ValueError(msg)
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        msg = f"assert_area: {name} is not a valid polygon ({reason}); fix it, e.g. with shapely.make_valid"
        raise ValueError(msg)
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        msg = (
            f"assert_area: the coordinates of {name} are not WGS84 longitude/latitude "
            f"(bounds {[round(b, 3) for b in geometry.bounds]}); reproject them, e.g. with to_crs(4326)"
        )
        raise ValueError(msg)
    return geometry, name


def geometry_of(data: Any) -> tuple[BaseGeometry, str]:
    """The geometry of ``data`` and how to name it.

    Parameters
    ----------
    data : object
        A shapely geometry; a model :class:`~geo.model.Feature`; a GeoJSON Feature or geometry
        dict, or anything with ``__geo_interface__``; a GeoDataFrame row; a one-row GeoSeries or
        GeoDataFrame (reprojected to WGS84 when it has another CRS).

    Returns
    -------
    tuple of (BaseGeometry, str)
        The geometry and its name (the feature's name or id, else the geometry's type).

    Raises
    ------
    TypeError, ValueError
        When ``data`` holds no geometry, or more than one.
    """
    if isinstance(data, BaseGeometry):
        return data, data.geom_type
    if isinstance(data, Feature):
        return data.geometry, label(data.name, data.id)
    if isinstance(data, Mapping):
        return _from_mapping(data)
    if hasattr(data, "to_crs") and hasattr(data, "crs"):
        return _from_frame(data)
    found = _from_object(data)
    if found is not None:
        return found
    hint = " (for WKT text, pass shapely.from_wkt(text))" if isinstance(data, str) else ""
    msg = (
        f"assert_area: cannot take the area of a {type(data).__name__}{hint}; pass a shapely geometry, "
        "a feature, a GeoJSON dict or a one-row GeoDataFrame"
    )
    raise TypeError(msg)


def label(name: Any, fid: Any) -> str:
    """How messages name a feature: its name, else its id, else ``the feature``.

    Parameters
    ----------
    name, fid : object
        The feature's name and id, as found (either may be missing, empty or not text).

    Returns
    -------
    str
        The first of them that is non-empty text, else ``"the feature"``.

    >>> label("Qianhai", "qianhai"), label(None, "qianhai"), label("", 3)
    ('Qianhai', 'qianhai', 'the feature')
    """
    if isinstance(name, str) and name:
        return name
    if isinstance(fid, str) and fid:
        return fid
    return "the feature"


def _from_object(data: Any) -> tuple[BaseGeometry, str] | None:
    """The geometry of a GeoDataFrame row, or of an object with a ``geometry`` or ``__geo_interface__``."""
    geometry = getattr(data, "geometry", None)
    if isinstance(geometry, BaseGeometry):
        if hasattr(data, "index") and hasattr(data, "get"):  # a pandas row: .name is its index label
            return geometry, label(data.get("name"), data.get("id"))
        return geometry, label(getattr(data, "name", None), getattr(data, "id", None))
    if hasattr(data, "__geo_interface__"):
        return _from_mapping(data.__geo_interface__)
    return None


def _from_frame(data: Any) -> tuple[BaseGeometry, str]:
    """The one geometry of a GeoSeries or GeoDataFrame, in WGS84."""
    if len(data) != 1:
        msg = f"assert_area: pass one feature, not a {type(data).__name__} of {len(data)} rows"
        raise ValueError(msg)
    if data.crs is not None and data.crs.to_epsg() != 4326:
        data = data.to_crs(4326)
    if hasattr(data, "columns"):  # a GeoDataFrame
        row = data.iloc[0]
        return data.geometry.iloc[0], label(row.get("name"), row.get("id"))
    geometry: BaseGeometry = data.iloc[0]
    return geometry, geometry.geom_type


def _from_mapping(data: Mapping[str, Any]) -> tuple[BaseGeometry, str]:
    """The geometry of a GeoJSON Feature or geometry."""
    if data.get("type") == "Feature":
        properties = data.get("properties") or {}
        name = label(properties.get("name"), properties.get("id"))
        geometry = data.get("geometry")
        if not geometry:
            msg = f"assert_area: the Feature {name} has no geometry"
            raise ValueError(msg)
        return _shape(geometry, f"the geometry of {name}"), name
    shape = _shape(data, "the GeoJSON geometry")
    return shape, shape.geom_type


def _shape(geojson: Any, what: str) -> BaseGeometry:
    """The shapely geometry of a GeoJSON geometry dict; a ValueError saying what is wrong otherwise."""
    if not isinstance(geojson, Mapping):
        hint = "; for WKT text, pass shapely.from_wkt(text)" if isinstance(geojson, str) else ""
        msg = f"assert_area: {what} is a {type(geojson).__name__}, not a GeoJSON geometry dict{hint}"
        raise ValueError(msg)
    if geojson.get("type") != "GeometryCollection" and "coordinates" not in geojson:
        msg = f"assert_area: {what} has no 'coordinates'; give them, e.g. [[[lon, lat], ...]] for a Polygon"
        raise ValueError(msg)
    try:
        return shapely.geometry.shape(geojson)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError, shapely.errors.ShapelyError) as exc:
        reason = f"{type(exc).__name__}: {exc}" if isinstance(exc, KeyError | IndexError) else str(exc)
        msg = f"assert_area: {what} cannot be read ({reason})"
        raise ValueError(msg) from None
