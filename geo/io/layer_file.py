"""The layer format, in and out: GeoJSON files (and decoded GeoJSON) to :class:`~geo.model.Layer`, and back.

The format is described in the README ("The layer format"): one RFC 7946
FeatureCollection per file, WGS84 ``[lon, lat]``, at most 6 decimals. A layers
folder may also hold GeoParquet layers (``*.parquet``, :mod:`geo.io.parquet`).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import LayerError, Problem
from geo.io.geojson_text import Decoded, read_layer_json
from geo.io.layer_build import make_layer, parse_layer
from geo.io.layer_members import layer_members
from geo.model import Layer
from geo.progress import tracked
from geo.validation.collection import duplicate_ids

_PACKAGE = Path(__file__).resolve().parent.parent
#: The layers that ship with gba-atlas: ``geo/data/layers`` in an installed wheel (setup.py copies
#: them there), else the repository's ``layers/`` folder (a clone, or an editable install). One copy.
BUNDLED_LAYERS = (
    _PACKAGE / "data" / "layers" if (_PACKAGE / "data" / "layers").is_dir() else _PACKAGE.parent / "layers"
)

#: Files read as layers inside a layers folder.
LAYER_GLOB = "*.geojson"

#: GeoParquet layer files, read beside the GeoJSON ones.
PARQUET_GLOB = "*.parquet"

#: Decimals kept in written coordinates: 0.11 m at the equator, well inside what the polygons can claim.
COORDINATE_DECIMALS = 6


def _read(path: Path) -> tuple[Layer | None, list[Problem]]:
    if path.suffix.lower() == ".parquet":
        return _read_parquet(path)
    decoded, problems = read_layer_json(path)  # large files: geometries read as arrays
    if problems or not isinstance(decoded, Decoded):
        return None, problems
    document, geometry, screened = decoded
    return parse_layer(
        document, file=str(path), name=path.stem, owned=True, geometry=geometry, screened=screened
    )


def _read_parquet(path: Path) -> tuple[Layer | None, list[Problem]]:
    from geo.io.parquet import read_parquet_layer  # only for a GeoParquet layer

    valid, members, problems = read_parquet_layer(path)
    if problems:
        return None, problems
    name = members.pop("name", path.stem)
    return make_layer(valid, file=str(path), name=name, owned=True, **members), []


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file is read.

    Reading a large layer makes millions of objects and no reference cycles; each
    collection on the way would walk all of them again (a third of reading a
    200,000-row GeoParquet layer). What cycles there are go at the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_layers_dir() -> Path:
    """``./layers`` when the current folder has one, else the bundled layers."""
    here = Path("layers")
    return here if here.is_dir() else BUNDLED_LAYERS


def load_layers(directory: str | Path) -> list[Layer]:
    """Read every ``*.geojson`` and ``*.parquet`` (GeoParquet) file of a folder, in name order.

    Parameters
    ----------
    directory : str or Path
        The layers folder.

    Returns
    -------
    list of Layer
        The layers, in file-name order.

    Raises
    ------
    LayerError
        Listing every problem in every file, ids repeated across files included.
    """
    directory = Path(directory)
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "does not exist"
        problem = Problem(str(directory), "", what, "pass the folder that holds your .geojson layers")
        raise LayerError([problem])
    layers, problems = [], []
    paths = sorted([*directory.glob(LAYER_GLOB), *directory.glob(PARQUET_GLOB)])
    if not paths:
        problems.append(
            Problem(str(directory), "", "holds no .geojson or .parquet layer", "add a layer file")
        )
    for path in tracked(paths, desc="reading layers", unit="file", every=1):
        with collector_paused():
            layer, found = _read(path)
        problems.extend(found)
        if layer is not None:
            layers.append(layer)
    problems.extend(duplicate_ids(layers))
    if problems:
        raise LayerError(problems)
    return layers


def to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """GeoJSON of a geometry with coordinates rounded to :data:`COORDINATE_DECIMALS`.

    Parameters
    ----------
    geometry : shapely geometry
        In WGS84 degrees.

    Returns
    -------
    dict
        The GeoJSON geometry object.

    Examples
    --------
    >>> to_geojson(shapely.Point(114.12345678, 22.5))
    {'type': 'Point', 'coordinates': [114.123457, 22.5]}
    """
    rounded = shapely.set_precision(geometry, 10**-COORDINATE_DECIMALS, mode="pointwise")
    data: dict[str, Any] = json.loads(shapely.to_geojson(rounded))
    return data


def layer_collection(layer: Layer) -> dict[str, Any]:
    """A layer as decoded GeoJSON in the layer format: its members, then its features, 6 decimals.

    Parameters
    ----------
    layer : Layer
        The layer.

    Returns
    -------
    dict
        A FeatureCollection in the layer format.
    """
    data: dict[str, Any] = {"type": "FeatureCollection", **layer_members(layer)}
    data["features"] = [
        {"type": "Feature", "properties": dict(f.properties), "geometry": to_geojson(f.geometry)}
        for f in layer
    ]
    return data


def layer_geojson(layer: Layer) -> str:
    """A layer as text in the layer format: RFC 7946, 6 decimals, exterior rings counter-clockwise.

    Parameters
    ----------
    layer : Layer
        The layer.

    Returns
    -------
    str
        The file's text, indented, non-ASCII kept, ending in a newline.
    """
    data = layer_collection(layer)
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as exc:  # validation keeps NaN and Infinity out; never write a file read_json refuses
        what = f"holds NaN or Infinity, which a layer file cannot hold ({exc})"
        raise LayerError([Problem(layer.source, "", what, "replace them with numbers, or null")]) from exc
