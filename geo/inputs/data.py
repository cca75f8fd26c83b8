"""The data add_layer takes: a GeoJSON path, dict or ``__geo_interface__``, or a GeoDataFrame."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import LayerError, Problem
from geo.inputs.crs import wgs84_frame
from geo.inputs.gc_pause import paused_gc
from geo.inputs.geojson_data import data_path, to_feature_collection
from geo.inputs.naming import named_collection, named_frame
from geo.io.layer_build import make_layer, parse_layer
from geo.io.tables import frame_table
from geo.model import Layer
from geo.validation.rules import validate_table

if TYPE_CHECKING:
    from geopandas import GeoDataFrame


def input_layer(
    data: Any,
    *,
    name: str,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> Layer:
    """A layer from anything ``add_layer`` takes, validated exactly like a layer file.

    Parameters
    ----------
    data : object
        A GeoDataFrame, a GeoJSON dict or path, a GeoParquet path, or an object with ``__geo_interface__``.
    name : str
        The layer's name.
    stated : mapping of id to stated figures, or None
        Figures to add to the features of those ids.
    claims : sequence of claims, or None
        Claims to add to the layer's own.

    Returns
    -------
    Layer
        The validated layer.

    Raises
    ------
    LayerError
        Listing every problem, as for a file.
    """
    with paused_gc():  # a large layer is many objects that all stay
        if is_geodataframe(data):
            return frame_layer(data, name=name, stated=stated, claims=claims)
        if isinstance(data, str | os.PathLike):
            suffix = data_path(data, label=f"<{name}>").suffix.lower()
            if suffix == ".parquet":
                return parquet_layer(Path(data), name=name, stated=stated, claims=claims)
            if suffix in OTHER_FORMATS:
                _refuse_format(Path(data), OTHER_FORMATS[suffix])
        return collection_layer(data, name=name, stated=stated, claims=claims)


#: Files add_layer does not read, by suffix: what they are, named in the message that says so.
OTHER_FORMATS = {
    ".gpkg": "a GeoPackage",
    ".shp": "a shapefile",
    ".fgb": "a FlatGeobuf file",
    ".kml": "a KML file",
    ".kmz": "a KMZ archive",
    ".gml": "a GML file",
    ".zip": "a zip archive",
    ".csv": "a CSV file",
    ".xlsx": "an Excel workbook",
}


def _refuse_format(path: Path, kind: str) -> None:
    what = f"is {kind}; add_layer reads GeoJSON (.geojson, .json) and GeoParquet (.parquet) files"
    fix = f"read it with geopandas: atlas.add_layer(geopandas.read_file({str(path)!r}))"
    raise LayerError([Problem(str(path), "", what, fix)])


def parquet_layer(
    path: Path,
    *,
    name: str,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> Layer:
    """A layer from a GeoParquet file, read as a layers folder reads it, with ``stated=`` and ``claims=``.

    Parameters
    ----------
    path : Path
        The GeoParquet file.
    name : str
        The layer's name (the file's own yields to it).
    stated : mapping of id to stated figures, or None
        Figures to add to the features of those ids.
    claims : sequence of claims, or None
        Claims to add to the file's own.

    Returns
    -------
    Layer
        The validated layer.

    Raises
    ------
    LayerError
        Listing every problem, named by the file.
    """
    from geo.io.parquet import read_parquet_layer  # pyarrow, only for a GeoParquet file

    valid, members, problems = read_parquet_layer(path, stated=stated)
    if problems:
        raise LayerError(problems)
    members.pop("name", None)
    own = members.pop("claims", [])
    return make_layer(valid, file=str(path), name=name, claims=[*own, *(claims or [])], owned=True, **members)


def frame_layer(
    frame: GeoDataFrame,
    *,
    name: str,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> Layer:
    """A layer from a GeoDataFrame: brought to WGS84, then judged as a table (:mod:`geo.validation.rules`).

    Parameters
    ----------
    frame : GeoDataFrame
        The rows, in any CRS.
    name : str
        The layer's name.
    stated : mapping of id to stated figures, or None
        Figures to add to the rows of those ids.
    claims : sequence of claims, or None
        The layer's claims.

    Returns
    -------
    Layer
        The validated layer.

    Raises
    ------
    LayerError
        Listing every problem, named ``feature 'id' (#row)`` as for a file.
    """
    label = f"<{name}>"
    frame = wgs84_frame(named_frame(frame, layer_name=name), label=label)
    valid, problems = validate_table(frame_table(frame, stated=stated), file=label)
    if problems:
        raise LayerError(problems)
    # The rows' properties are dicts frame_table made for this layer alone: the features take them.
    return make_layer(valid, file=label, name=name, claims=claims or (), owned=True)


def collection_layer(
    data: Any,
    *,
    name: str,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> Layer:
    """A layer from a GeoJSON file, dict or ``__geo_interface__``, with ``stated=`` and ``claims=`` attached.

    Parameters
    ----------
    data : object
        A GeoJSON file path, a decoded FeatureCollection or Feature, or an object with ``__geo_interface__``.
    name : str
        The layer's name (a file's own yields to it).
    stated : mapping of id to stated figures, or None
        Figures to add to the features of those ids.
    claims : sequence of claims, or None
        Claims to add to the layer's own.

    Returns
    -------
    Layer
        The validated layer.

    Raises
    ------
    LayerError, ClaimError
        As for a layer file.
    ArgumentTypeError
        When ``data`` is none of the kinds add_layer takes.
    """
    collection, label = to_feature_collection(data, label=f"<{name}>")
    if not isinstance(data, str | os.PathLike):  # data made in the notebook; a file is read as a file
        collection = named_collection(collection, layer_name=name)
    collection = attach(collection, stated=stated, claims=claims)
    layer, problems = parse_layer(collection, file=label, name=name)
    if layer is None:
        raise LayerError(problems)
    return replace(layer, name=name)  # a file's own name yields to name=


def is_geodataframe(data: Any) -> bool:
    """True for a geopandas GeoDataFrame (checked without importing geopandas).

    Parameters
    ----------
    data : object
        Anything.

    Returns
    -------
    bool
        Whether it is a GeoDataFrame.
    """
    return type(data).__name__ == "GeoDataFrame" and hasattr(data, "to_crs")


def attach(
    collection: Any,
    *,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
) -> Any:
    """Add stated figures (by feature id) and claims given as keyword arguments to a collection.

    Anything that is not as the layer format wants it (not a dict with a features
    list, properties or a ``stated`` or ``claims`` member of the wrong type) is left
    as it is, for validation to say what is wrong.

    Parameters
    ----------
    collection : object
        Decoded GeoJSON.
    stated : mapping of id to stated figures, or None
        Figures to add to the features of those ids.
    claims : sequence of claims, or None
        Claims to add to the collection's own.

    Returns
    -------
    object
        A copy with them added, or ``collection`` itself.
    """
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        return collection
    collection = dict(collection)
    if stated:
        collection["features"] = [_with_stated(feature, stated) for feature in collection["features"]]
    own = collection.get("claims") or []
    if claims and isinstance(own, list):
        collection["claims"] = [*own, *claims]
    return collection


def _with_stated(feature: Any, stated: Mapping[str, Sequence[Mapping[str, Any]]]) -> Any:
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return feature
    fid = props.get("id")
    if not isinstance(fid, str) or fid not in stated:
        return feature
    own = props.get("stated") or []
    if not isinstance(own, list):
        return feature
    return {**feature, "properties": {**props, "stated": [*own, *stated[fid]]}}
