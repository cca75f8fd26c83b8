"""Exports of an atlas: every feature with its measures, as GeoJSON, GeoParquet or a GeoPackage.

GeoJSON and GeoParquet hold one row per feature (:func:`feature_table`); a GeoPackage
holds one spatial layer per layer and geometry type, and the tables of stated
figures, area checks and claims (:mod:`geo.io.geopackage`). Every export is written
whole, then renamed into place.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo.io.atomic import atomic_write_bytes
from geo.model import Claim, Layer, Report
from geo.units import hectares

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: File endings an export understands, and the format of each.
EXPORT_DRIVERS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON", ".parquet": "GeoParquet"}

#: The columns of :func:`feature_table`, in order.
FEATURE_COLUMNS = (
    "id",
    "name",
    "name_zh",
    "kind",
    "layer",
    "area_ha",
    "perimeter_km",
    "digitized_from",
    "stated",
    "geometry",
)


def feature_table(layers: Sequence[Layer]) -> GeoDataFrame:
    """Every feature as a row, with its geodesic area (ha) and perimeter or length (km), in WGS84."""
    import geopandas as gpd

    rows = [
        {
            "id": feature.id,
            "name": feature.name,
            "name_zh": feature.name_zh,
            "kind": feature.kind,
            "layer": feature.layer,
            "area_ha": hectares(feature.area_m2),
            "perimeter_km": feature.length_m / 1000,
            "digitized_from": feature.digitized_from,
            "stated": json.dumps([s.as_dict() for s in feature.stated], ensure_ascii=False),
            "geometry": feature.geometry,
        }
        for layer in layers
        for feature in layer
    ]
    return gpd.GeoDataFrame(rows, columns=list(FEATURE_COLUMNS), geometry="geometry", crs="EPSG:4326")


def export_driver(path: Path) -> str:
    """The format :data:`EXPORT_DRIVERS` names for ``path``'s ending.

    Raises
    ------
    ValueError
        For an ending not in :data:`EXPORT_DRIVERS`.

    Examples
    --------
    >>> export_driver(Path("atlas.gpkg")), export_driver(Path("atlas.parquet"))
    ('GPKG', 'GeoParquet')
    """
    driver = EXPORT_DRIVERS.get(path.suffix.lower())
    if driver is None:
        msg = f"cannot export to {path.name}: use a name ending in {', '.join(EXPORT_DRIVERS)}"
        raise ValueError(msg)
    return driver


def export_atlas(path: Path, layers: Sequence[Layer], claims: Sequence[Claim], report: Report) -> Path:
    """Write the export :func:`export_driver` names for ``path``'s ending, whole or not at all."""
    from geo.io.geopackage import write_geopackage  # the writers, loaded only to export
    from geo.io.parquet import geoparquet_bytes

    driver = export_driver(path)
    if driver == "GPKG":
        return write_geopackage(path, layers, claims, report)
    frame = feature_table(layers)
    if driver == "GeoParquet":
        columns = {name: frame[name].tolist() for name in frame.columns if name != "geometry"}
        return atomic_write_bytes(path, geoparquet_bytes(columns, frame.geometry.to_numpy()))
    return _write_with_gdal(frame, path, driver=driver)


def _write_with_gdal(frame: GeoDataFrame, path: Path, *, driver: str) -> Path:
    """Write ``frame`` with GDAL into a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(fd)
    try:
        Path(tmp).unlink()
        frame.to_file(tmp, driver=driver)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
