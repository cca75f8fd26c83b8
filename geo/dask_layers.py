"""Layers larger than memory: geodesic areas, area checks and ``within`` shares, partition by partition.

For a dataset too large to read whole, such as every building footprint of the
Greater Bay Area in a partitioned GeoParquet folder, these functions do what
:mod:`geo.verify` does for a layer in memory, one partition at a time with
`dask-geopandas <https://dask-geopandas.readthedocs.io>`_, on the machine's cores
or on a dask cluster, and give the same numbers: the same routines
(:func:`geo.geodesy.geodesic_area`, :func:`geo.claim_tests.share_inside`) run on
each partition.

They need the ``dask`` extra (``pip install 'gba-atlas[dask]'``); without it they
raise :class:`DaskMissingError`, one line naming the extra. Results are lazy dask
objects (call ``.compute()``) except :func:`check_areas`, whose list of checks is
small. Work goes to the active ``dask.distributed.Client`` when there is one (a
``LocalCluster`` or a real cluster's scheduler address), else to dask's default
scheduler. The README ("Layers larger than memory") says when it pays and how
to use a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.claim_tests import share_inside
from geo.errors import AtlasError
from geo.geodesy import geodesic_area
from geo.model import AreaCheck, StatedFigure
from geo.units import hectares

#: How to install what this module needs.
INSTALL_HINT = "pip install 'gba-atlas[dask]'"

#: The geometry types whose share inside a container is a share of their geodesic area.
AREA_TYPES = ("Polygon", "MultiPolygon")


class DaskMissingError(AtlasError, ImportError):
    """The ``dask`` extra is not installed: one line naming what is missing and how to install it.

    Parameters
    ----------
    missing : str
        The module that could not be imported.
    """

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"computing partition by partition needs the dask extra ({missing} is not installed); "
            f"fix: {INSTALL_HINT}"
        )


def _dask_geopandas() -> ModuleType:
    """``dask_geopandas``, imported on first use; :class:`DaskMissingError` when it is not there."""
    try:
        import dask.dataframe  # noqa: F401 - dask_geopandas needs it; name it when it is the one missing
        import dask_geopandas
    except ImportError as error:
        raise DaskMissingError(error.name or "dask-geopandas") from None
    module: ModuleType = dask_geopandas
    return module


def read_dataset(path: str | Path, *, columns: Iterable[str] | None = None) -> Any:
    """A (partitioned) GeoParquet dataset as a lazy ``dask_geopandas.GeoDataFrame`` in WGS84 lon/lat.

    Parameters
    ----------
    path : str or Path
        A GeoParquet file or a folder of them (one partition per file), or a
        ``s3://``-style URL that the cluster's workers can read.
    columns : iterable of str, optional
        The columns to read besides the geometry (all by default).

    Returns
    -------
    dask_geopandas.GeoDataFrame
        Reprojected to EPSG:4326 when the dataset says it is in another CRS.
    """
    ddf = _dask_geopandas().read_parquet(str(path))
    if columns is not None:  # only these are read: dask pushes the selection down to the files
        ddf = ddf[[*(c for c in columns if c != ddf.geometry.name), ddf.geometry.name]]
    crs = ddf.crs
    if crs is not None and crs.to_epsg() != 4326 and crs.to_string() != "OGC:CRS84":
        ddf = ddf.to_crs(4326)
    return ddf


def geodesic_areas(ddf: Any) -> Any:
    """The geodesic area (m²) of every row: a lazy float Series, NaN where the geometry is missing.

    Equal to :func:`geo.model.measure_areas` on the same geometries.

    Parameters
    ----------
    ddf : dask_geopandas.GeoDataFrame
        Geometries in WGS84 longitude, latitude degrees (:func:`read_dataset` gives them so).

    Returns
    -------
    dask.dataframe.Series
        Square metres per row, indexed as ``ddf``; call ``.compute()``.

    Raises
    ------
    DaskMissingError
        Without the ``dask`` extra.
    """
    _dask_geopandas()
    meta = pd.Series(dtype="float64", name="area_m2")
    return ddf.geometry.map_partitions(partition_areas, meta=meta)


def partition_areas(geometries: Any) -> pd.Series:
    """The geodesic areas (m²) of one partition's GeoSeries.

    Parameters
    ----------
    geometries : geopandas.GeoSeries
        One partition, in WGS84 longitude, latitude degrees.

    Returns
    -------
    pandas.Series
        Square metres per row (NaN where the geometry is missing), named ``area_m2``.
    """
    values = np.asarray(geometries.array, dtype=object)
    present = np.array([g is not None for g in values], dtype=bool)
    areas = np.full(len(values), np.nan)
    if present.any():
        areas[present] = geodesic_area(values[present])
    return pd.Series(areas, index=geometries.index, name="area_m2")


def within_shares(ddf: Any, container: BaseGeometry) -> Any:
    """The share of every row inside ``container``: a lazy float Series in [0, 1].

    The share is what a ``within`` claim measures (:func:`geo.claim_tests.share_inside`):
    of the geodesic area for polygons, of the length for lines, of the points for
    points; NaN where the geometry is missing.

    Parameters
    ----------
    ddf : dask_geopandas.GeoDataFrame
        Geometries in WGS84 longitude, latitude degrees.
    container : shapely geometry
        The polygon they are measured against, in WGS84 longitude, latitude degrees.

    Returns
    -------
    dask.dataframe.Series
        A share in [0, 1] per row (NaN where the geometry is missing); call ``.compute()``.

    Raises
    ------
    DaskMissingError
        Without the ``dask`` extra.
    """
    _dask_geopandas()
    meta = pd.Series(dtype="float64", name="share")
    return ddf.geometry.map_partitions(partition_shares, container, meta=meta)


def partition_shares(geometries: Any, container: BaseGeometry) -> pd.Series:
    """The shares of one partition's GeoSeries inside ``container``.

    Polygons are measured together (one vectorised intersection, none for those
    that do not touch the container: their share is 0); other geometries one by one.

    Parameters
    ----------
    geometries : geopandas.GeoSeries
        One partition, in WGS84 longitude, latitude degrees.
    container : shapely geometry
        The polygon, in WGS84 longitude, latitude degrees.

    Returns
    -------
    pandas.Series
        A share in [0, 1] per row (NaN where the geometry is missing), named ``share``.
    """
    values = np.asarray(geometries.array, dtype=object)
    shares = np.full(len(values), np.nan)
    kinds = np.array([g.geom_type if g is not None else "" for g in values])
    polygons = np.isin(kinds, AREA_TYPES)
    if polygons.any():
        shares[polygons] = _polygon_shares(values[polygons], container)
    for index in np.flatnonzero(~polygons & (kinds != "")):
        shares[index] = share_inside(values[index], container)
    return pd.Series(shares, index=geometries.index, name="share")


def _polygon_shares(polygons: np.ndarray, container: BaseGeometry) -> np.ndarray:
    """Geodesic area inside the container / geodesic area, for polygons (as ``share_inside``)."""
    areas = geodesic_area(polygons)
    # A copy of its own to prepare: partitions run on threads that share the one container, and two
    # threads preparing (or querying) one GEOS geometry at once crashed the process.
    container = shapely.from_wkb(shapely.to_wkb(container))
    shapely.prepare(container)
    touching = shapely.intersects(container, polygons)
    inside = np.zeros(len(polygons))
    if touching.any():
        inside[touching] = geodesic_area(shapely.intersection(polygons[touching], container))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(areas > 0, inside / areas, np.nan)


def check_areas(
    ddf: Any,
    stated: Mapping[str, StatedFigure | Iterable[StatedFigure]],
    *,
    id_column: str = "id",
    name_column: str = "name",
) -> list[AreaCheck]:
    """Hold stated figures against the geodesic areas of the rows they name, partition by partition.

    Parameters
    ----------
    ddf : dask_geopandas.GeoDataFrame
        The dataset, with an id column.
    stated : mapping
        Feature id to its stated figure (or figures).
    id_column, name_column : str
        The columns of the ids and the names (the id stands for the name when there is none).

    Returns
    -------
    list of AreaCheck
        One per figure, in the dataset's order and then each id's figures' order:
        what :func:`geo.verify.verify_areas` gives for the same features.
    """
    _dask_geopandas()
    figures = {fid: (f,) if isinstance(f, StatedFigure) else tuple(f) for fid, f in stated.items()}
    named = ddf[ddf[id_column].isin(list(figures))]
    meta = pd.DataFrame({"id": pd.Series(dtype=object), "name": pd.Series(dtype=object), "area_m2": 0.0})
    rows = named.map_partitions(_partition_rows, id_column, name_column, meta=meta.iloc[:0]).compute()
    return [
        AreaCheck(id=fid, name=name, figure=figure, computed_ha=hectares(area))
        for fid, name, area in zip(rows["id"], rows["name"], rows["area_m2"], strict=True)
        for figure in figures[fid]
    ]


def _partition_rows(part: Any, id_column: str, name_column: str) -> pd.DataFrame:
    """Id, name and geodesic area of one partition's rows."""
    ids = part[id_column].astype(object)
    names = part[name_column].astype(object) if name_column in part.columns else ids
    areas = partition_areas(part.geometry)
    return pd.DataFrame({"id": ids.to_numpy(), "name": names.to_numpy(), "area_m2": areas.to_numpy()})
