"""Validating a decoded GeoJSON layer against the gba-atlas layer format.

The validator collects every problem before it reports, so a user fixes a file
in one pass. The format itself is described in the README ("The layer format").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geo.errors import Problem
from geo.model import Layer

#: Legacy ``crs`` members that still mean WGS84 lon/lat.
WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}


def collection_features(data: Any, *, file: str) -> tuple[list[Any] | None, list[Problem]]:
    """The rules for a decoded GeoJSON document as a whole: a FeatureCollection, in WGS84, with features.

    Parameters
    ----------
    data : object
        The decoded JSON document.
    file : str
        Where it came from, for the messages.

    Returns
    -------
    features : list or None
        The ``features`` member, for :func:`geo.io.tables.collection_table`; None when
        the document is not a collection with a features list.
    problems : list of Problem
        What is wrong with the document as a whole; its features are judged as a table
        (:func:`geo.validation.rules.validate_table`).
    """
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        problems.append(
            Problem(
                file,
                "",
                f"not a GeoJSON FeatureCollection (found {kind!r})",
                'make the file one object {"type": "FeatureCollection", "features": [...]}',
            )
        )
        return None, problems
    _validate_crs(data.get("crs"), file, problems)
    features = data.get("features")
    if not isinstance(features, list):
        problems.append(Problem(file, "", "has no features list", 'add "features": [ ... ]'))
        return None, problems
    if not features:
        problems.append(Problem(file, "", "has no features", "add at least one Feature"))
    return features, problems


def short_name(file: str) -> str:
    """A file's name without its folder, for a progress bar.

    Parameters
    ----------
    file : str
        A path, with a slash or a backslash between folders.

    Returns
    -------
    str
        The last part of it.

    Examples
    --------
    >>> short_name("layers/blocks.geojson")
    'blocks.geojson'
    """
    return file.replace("\\", "/").rpartition("/")[2] or file


def _validate_crs(crs: Any, file: str, problems: list[Problem]) -> None:
    """Accept a missing crs, or a legacy one naming WGS84 lon/lat; reject the rest."""
    if crs is None:
        return
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not isinstance(name, str) or name not in WGS84_CRS_NAMES:
        problems.append(
            Problem(
                file,
                "",
                f"declares the coordinate system {name or crs!r}; layers must be WGS84 lon/lat",
                "reproject to EPSG:4326 and remove the crs member (RFC 7946 has none)",
            )
        )


def duplicate_ids(layers: Iterable[Layer]) -> list[Problem]:
    """Report every feature id used more than once, within a layer or across layers.

    Parameters
    ----------
    layers : iterable of Layer
        The layers, in the order they were read.

    Returns
    -------
    list of Problem
        One problem for each feature whose id an earlier feature has.
    """
    first: dict[str, Layer] = {}
    problems = []
    for layer in layers:
        for fid in layer.ids:
            if fid in first:
                other = first[fid]
                where = "this file" if other is layer else other.source
                problems.append(
                    Problem(
                        layer.source,
                        f"feature '{fid}'",
                        f"id {fid!r} is already used in {where}",
                        "give every feature a unique id",
                    )
                )
            else:
                first[fid] = layer
    return problems
