"""What a notebook user hands to add_layer: a GeoJSON path or dict, or a GeoDataFrame to bring to WGS84."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from geo.errors import AtlasWarning, LayerError, Problem
from geo.io.json_file import read_json

WGS84_EPSG = 4326


def to_feature_collection(data: Any, *, label: str) -> tuple[dict[str, Any], str]:
    """Decode ``data`` into a GeoJSON FeatureCollection dict, and the label messages use for it.

    Parameters
    ----------
    data : str, Path or dict
        A path to a GeoJSON file, or a decoded FeatureCollection or Feature
        (GeoDataFrames take the faster road of :mod:`geo.frames`).
    label : str
        How messages name the data when it has no file name.

    Raises
    ------
    LayerError
        When the data cannot be read.
    """
    if isinstance(data, str | Path):
        path = Path(data)
        decoded, problems = read_json(path)
        if problems:
            raise LayerError(problems)
        return decoded, str(path)
    if isinstance(data, Mapping):
        decoded = dict(data)
        if decoded.get("type") == "Feature":
            decoded = {"type": "FeatureCollection", "features": [decoded]}
        return decoded, label
    problem = Problem(
        label,
        "",
        f"cannot be added as a layer: it is a {type(data).__name__}",
        "pass a GeoDataFrame, a GeoJSON file path, or a GeoJSON dict",
    )
    raise LayerError([problem])


def is_geodataframe(data: Any) -> bool:
    """True for a geopandas GeoDataFrame (checked without importing geopandas)."""
    return type(data).__name__ == "GeoDataFrame" and hasattr(data, "to_crs")


def wgs84_frame(gdf: Any, *, label: str) -> Any:
    """The frame in WGS84 lon/lat: reprojected, or taken as lon/lat (with a warning) when it has no CRS."""
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
            stacklevel=4,
        )
    elif gdf.crs.to_epsg() != WGS84_EPSG:
        gdf = gdf.to_crs(WGS84_EPSG)
    return gdf


def attach(
    collection: dict[str, Any],
    *,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> dict[str, Any]:
    """Add stated figures (by feature id) and claims given as keyword arguments to a collection."""
    collection = dict(collection)
    if stated:
        features = []
        for feature in collection.get("features") or []:
            fid = (feature.get("properties") or {}).get("id") if isinstance(feature, dict) else None
            if isinstance(fid, str) and fid in stated:
                props = dict(feature.get("properties") or {})
                props["stated"] = [*(props.get("stated") or []), *stated[fid]]
                feature = {**feature, "properties": props}
            features.append(feature)
        collection["features"] = features
    if claims:
        collection["claims"] = [*(collection.get("claims") or []), *claims]
    return collection
