"""Exports of an atlas, every feature with its measures: GeoPackage, GeoJSON, GeoParquet, CSV, FlatGeobuf.

GeoJSON, GeoParquet, CSV and FlatGeobuf hold one row per feature (:func:`feature_table`);
a GeoPackage holds one spatial layer per layer and geometry type, and the tables of
stated figures, area checks and claims (:mod:`geo.io.geopackage`). In every format a
feature has the same fields in the same units: ``area_ha`` and ``perimeter_km`` for a
polygon, ``length_km`` for a line (the others empty), polygons' exterior rings
counter-clockwise (RFC 7946). Every export is written whole, then renamed into place;
the same atlas gives the same bytes every time (the GeoPackage apart: SQLite).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely

from geo.errors import ExportFormatError
from geo.io.atomic import atomic_write_bytes
from geo.io.output_errors import output_error
from geo.model import Claim, Feature, Layer, Report, Story
from geo.text_safety import csv_cell
from geo.units import hectares

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: File endings an export understands, and the format of each (FlatGeobuf when GDAL has its driver).
EXPORT_DRIVERS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".parquet": "GeoParquet",
    ".csv": "CSV",
    ".fgb": "FlatGeobuf",
}

#: The columns of :func:`feature_table`, in order.
FEATURE_COLUMNS = (
    "id",
    "name",
    "name_zh",
    "kind",
    "layer",
    "area_ha",
    "perimeter_km",
    "length_km",
    "digitized_from",
    "stated",
    "geometry",
)

#: The name of a GeoJSON export's collection (its layer in GDAL and QGIS) for an atlas without a story.
DEFAULT_EXPORT_NAME = "gba_atlas"


def measures(feature: Feature) -> dict[str, float | None]:
    """A feature's geodesic measures: ``area_ha`` and ``perimeter_km`` of a polygon, ``length_km`` of a line.

    The measures a feature's geometry has not are ``None``: a line has no area, a point neither.

    Parameters
    ----------
    feature : Feature
        The feature.

    Returns
    -------
    dict of str to float or None
        ``area_ha`` (hectares), ``perimeter_km`` and ``length_km`` (kilometres), geodesic on WGS84.
    """
    kind = feature.geometry.geom_type
    polygon, line = kind in ("Polygon", "MultiPolygon"), kind in ("LineString", "MultiLineString")
    km = feature.length_m / 1000
    return {
        "area_ha": hectares(feature.area_m2) if polygon else None,
        "perimeter_km": km if polygon else None,
        "length_km": km if line else None,
    }


def ccw(geometry: Any) -> Any:
    """The geometry with polygons' exterior rings counter-clockwise and holes clockwise (RFC 7946).

    Parameters
    ----------
    geometry : shapely geometry or array of them
        The geometries, in any orientation.

    Returns
    -------
    shapely geometry or array of them
        Oriented the RFC 7946 way.

    Examples
    --------
    >>> ccw(shapely.box(0, 0, 1, 1, ccw=False)).exterior.is_ccw
    True
    """
    return shapely.orient_polygons(geometry, exterior_cw=False)


def feature_table(layers: Sequence[Layer]) -> GeoDataFrame:
    """Every feature as a row, with its geodesic measures (:func:`measures`), in WGS84, rings oriented.

    Parameters
    ----------
    layers : sequence of Layer
        The layers, in order.

    Returns
    -------
    GeoDataFrame
        One row a feature, in EPSG:4326.
    """
    import geopandas as gpd

    rows = [
        {
            "id": feature.id,
            "name": feature.name,
            "name_zh": feature.name_zh,
            "kind": feature.kind,
            "layer": feature.layer,
            **measures(feature),
            "digitized_from": feature.digitized_from,
            "stated": json.dumps([s.as_dict() for s in feature.stated], ensure_ascii=False),
            "geometry": ccw(feature.geometry),
        }
        for layer in layers
        for feature in layer
    ]
    frame = gpd.GeoDataFrame(rows, columns=list(FEATURE_COLUMNS), geometry="geometry", crs="EPSG:4326")
    return frame.astype({name: "float64" for name in ("area_ha", "perimeter_km", "length_km")})


def export_driver(path: Path) -> str:
    """The format :data:`EXPORT_DRIVERS` names for ``path``'s ending.

    Parameters
    ----------
    path : Path
        The file to write.

    Returns
    -------
    str
        The GDAL driver's name (or ``"GeoParquet"``).

    Raises
    ------
    ExportFormatError
        For an ending not in :data:`EXPORT_DRIVERS` (a ``ValueError``), or ``.fgb`` without GDAL's driver.

    Examples
    --------
    >>> export_driver(Path("atlas.gpkg")), export_driver(Path("atlas.parquet"))
    ('GPKG', 'GeoParquet')
    """
    driver = EXPORT_DRIVERS.get(path.suffix.lower())
    if driver is None:
        what = (
            f"cannot export to {path.name}: gba-atlas does not write {path.suffix or 'a name without ending'}"
        )
        raise ExportFormatError(f"{what}; fix: use a name ending in {', '.join(EXPORT_DRIVERS)}")
    if driver == "FlatGeobuf":
        import pyogrio

        if "FlatGeobuf" not in pyogrio.list_drivers(write=True):
            what = f"cannot export to {path.name}: this GDAL has no FlatGeobuf driver"
            raise ExportFormatError(f"{what}; fix: export to .gpkg or .parquet, or update pyogrio")
    return driver


def export_name(story: Story | None) -> str:
    """The name a single-table export gives its data: the story's title as a plain table name.

    Parameters
    ----------
    story : Story or None
        The atlas's story, whose title names the table.

    Returns
    -------
    str
        A lowercase ASCII table name.

    Examples
    --------
    >>> export_name(None)
    'gba_atlas'
    """
    from geo.io.geopackage import table_name

    return table_name(story.title) if story is not None and story.title else DEFAULT_EXPORT_NAME


def export_atlas(
    path: Path,
    layers: Sequence[Layer],
    claims: Sequence[Claim],
    report: Report,
    *,
    story: Story | None = None,
    lang: str = "en",
) -> Path:
    """Write the export :func:`export_driver` names for ``path``'s ending, whole or not at all.

    Parameters
    ----------
    path : Path
        The file to write; its ending chooses the format.
    layers : sequence of Layer
        The layers.
    claims : sequence of Claim
        The claims.
    report : Report
        The checks' results.
    story : Story, optional
        The atlas's story, whose title names a single table.
    lang : str
        The language of the texts gba-atlas writes itself, the GeoPackage's claims and checks
        (``"en"``, ``"zh-Hant"``, ``"zh-Hans"``).

    Returns
    -------
    Path
        The file written.
    """
    from geo.io.geopackage import write_geopackage  # the writers, loaded only to export
    from geo.io.parquet_write import geoparquet_bytes

    driver = export_driver(path)
    if driver == "GPKG":
        return write_geopackage(path, layers, claims, report, lang=lang)
    frame = feature_table(layers)
    if driver == "GeoParquet":
        columns = {name: frame[name].tolist() for name in frame.columns if name != "geometry"}
        data = geoparquet_bytes(columns, frame.geometry.to_numpy(), bbox_covering=True)
        return atomic_write_bytes(path, data)
    if driver == "CSV":
        return atomic_write_bytes(path, feature_csv(frame))
    return _write_with_gdal(frame, path, driver=driver, name=export_name(story))


def feature_csv(frame: GeoDataFrame) -> bytes:
    """The feature table as CSV for spreadsheets: UTF-8 with a BOM, geometry as WKT, text neutralised.

    Parameters
    ----------
    frame : GeoDataFrame
        The feature table (:func:`feature_table`).

    Returns
    -------
    bytes
        The CSV file's bytes.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["wkt" if name == "geometry" else name for name in frame.columns])
    for row in frame.itertuples(index=False):
        cells = [
            shapely.to_wkt(v, rounding_precision=-1) if isinstance(v, shapely.Geometry) else v for v in row
        ]
        writer.writerow(["" if _missing(v) else csv_cell(v) for v in cells])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8", "backslashreplace")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _write_with_gdal(frame: GeoDataFrame, path: Path, *, driver: str, name: str) -> Path:
    """Write ``frame`` with GDAL into a temporary file beside ``path``, then rename it into place."""
    import pyogrio

    options = {"RFC7946": "YES", "WRITE_NAME": "YES"} if driver == "GeoJSON" else {}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
        os.close(fd)
    except OSError as error:
        raise output_error(path, error) from error
    try:
        Path(tmp).unlink()
        pyogrio.write_dataframe(frame, tmp, driver=driver, layer=name, layer_options=options)
        os.replace(tmp, path)
    except OSError as error:
        raise output_error(path, error) from error
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
