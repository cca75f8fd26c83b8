"""GeoJSON data add_layer takes: a path to a file, a dict, or an object with ``__geo_interface__``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo.errors import LayerError, Problem
from geo.inputs.arguments import wrong_type
from geo.inputs.json_values import as_json_values
from geo.io.json_file import read_json

_KINDS = "a GeoDataFrame, a GeoJSON dict, a path to a GeoJSON file, or an object with __geo_interface__"


def to_feature_collection(data: Any, *, label: str) -> tuple[Any, str]:
    """Decode ``data`` into GeoJSON (a FeatureCollection dict when well-formed) and the label messages use.

    Tuples become lists and numpy scalars Python numbers, once, here: what follows
    validates a dict exactly as the same GeoJSON read from a file.

    Parameters
    ----------
    data : str, path-like, dict or object with ``__geo_interface__``
        A path to a GeoJSON file, a FeatureCollection or Feature (e.g. shapely's
        ``mapping()`` or ``gdf.__geo_interface__``), or an object that gives one
        (GeoDataFrames are read as a table directly, :func:`geo.io.tables.frame_table`).
    label : str
        How messages name the data when it has no file name.

    Returns
    -------
    collection : object
        The decoded GeoJSON (a Feature is wrapped in a FeatureCollection).
    label : str
        The file's path, or ``label``.

    Raises
    ------
    LayerError
        When the file cannot be read, or the data cannot be turned into JSON values.
    ArgumentTypeError
        When ``data`` is none of the kinds above.
    """
    if isinstance(data, str | os.PathLike):
        path = data_path(data, label=label)
        decoded, problems = read_json(path)
        if problems:
            raise LayerError(problems)
        return decoded, str(path)
    if not isinstance(data, Mapping):
        data = _geo_interface(data, label=label)
    decoded = as_json_values(data, label=label)
    if decoded.get("type") == "Feature":
        decoded = {"type": "FeatureCollection", "features": [decoded]}
    return decoded, label


def data_path(data: str | os.PathLike[str], *, label: str) -> Path:
    """``data`` as a path; GeoJSON text, or text no file can be named by, is refused.

    Parameters
    ----------
    data : str or path-like
        What was given as a path.
    label : str
        How messages name the data.

    Returns
    -------
    Path
        The path (the file is not opened).
    """
    text = os.fspath(data)
    if isinstance(text, str) and text.lstrip().startswith("{"):
        what = "is GeoJSON text, not a path to a file"
        raise LayerError([Problem(label, "", what, "decode it first: atlas.add_layer(json.loads(text))")])
    if not isinstance(text, str) or "\x00" in text:
        what = f"{text[:40]!r} cannot be a file path (it holds a NUL character, or is bytes)"
        raise LayerError([Problem(label, "", what, "pass the path of a GeoJSON file")])
    return Path(text)


def _geo_interface(data: Any, *, label: str) -> Mapping[str, Any]:
    """The GeoJSON an object gives through ``__geo_interface__`` (as shapely and geopandas objects do)."""
    offered = hasattr(type(data), "__geo_interface__") or "__geo_interface__" in getattr(data, "__dict__", {})
    if isinstance(data, type) or not offered:  # looked up without running it: running it may fail
        raise wrong_type("data", f"must be {_KINDS}, not {type(data).__name__}", f"pass {_KINDS}")
    try:
        geojson = data.__geo_interface__
    except Exception as error:  # another library's code, at the boundary: say so, and keep the cause
        what = f"its __geo_interface__ failed ({type(error).__name__}: {error})"
        raise LayerError([Problem(label, "", what, "pass the GeoJSON dict itself")]) from error
    if not isinstance(geojson, Mapping):
        what = f"its __geo_interface__ is a {type(geojson).__name__}, not a GeoJSON object"
        raise LayerError([Problem(label, "", what, "pass the GeoJSON dict itself")])
    return geojson
