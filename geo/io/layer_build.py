"""Validated rows to a :class:`~geo.model.Layer`: decoded GeoJSON judged as a table, then built.

:func:`parse_layer` takes a decoded layer document (from a file, or given in Python)
through :func:`geo.io.tables.collection_table` and the rules of
:func:`geo.validation.validate_table`; :func:`make_layer` builds the layer from the
rows that pass, for GeoJSON, GeoParquet and GeoDataFrames alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from geo.errors import Problem
from geo.io.tables import collection_table
from geo.model import FeatureRows, Layer
from geo.validation.collection import collection_features, short_name
from geo.validation.region import far_away, warn_far_away
from geo.validation.rules import Valid, validate_table


def parse_layer(
    data: Any,
    *,
    file: str,
    name: str,
    owned: bool = False,
    geometry: np.ndarray | None = None,
    screened: np.ndarray | None = None,
) -> tuple[Layer | None, list[Problem]]:
    """Validate decoded GeoJSON and build a Layer; return it (or None) and the problems.

    Parameters
    ----------
    data : object
        The decoded document.
    file : str
        Where it came from, for the messages.
    name : str
        The layer's name, unless the document gives one.
    owned : bool
        The data was decoded for this layer alone, so its features' properties become
        theirs without a copy.
    geometry : numpy.ndarray of object, optional
        The features' geometries read from the text already (:mod:`geo.io.geojson_text`).
    screened : numpy.ndarray of bool, optional
        Which of them were put through the geometry rules already.

    Returns
    -------
    layer : Layer or None
        None when there are problems.
    problems : list of Problem
        Everything wrong, the document's own problems first, then row by row.
    """
    features, problems = collection_features(data, file=file)
    if features is None:
        return None, problems
    table = collection_table(features, geometry, screened)
    valid, found = validate_table(table, file=file, desc=f"validating {short_name(file)}")
    problems = [*problems, *found]  # the crs first; "has no features" comes with no rows
    if problems:
        return None, problems
    claims = data.get("claims")
    if claims is not None and not isinstance(claims, list):
        return None, [Problem(file, "", "its claims member is not a list", 'write "claims": [ ... ]')]
    description = data.get("description") if isinstance(data.get("description"), str) else None
    layer = make_layer(
        valid,
        file=file,
        name=_text_member(data, "name") or name,
        description=description,
        outline=data.get("outline") is True,
        claims=claims or (),
        name_zh=_text_member(data, "name_zh"),
        owned=owned,
    )
    return layer, []


def _text_member(data: dict[str, Any], key: str) -> str | None:
    """The document's member ``key`` when it is text that is not blank, else None."""
    value = data.get(key)
    return value if isinstance(value, str) and value.strip() else None


def make_layer(
    valid: Valid | Iterable[tuple[Mapping[str, Any], BaseGeometry]],
    *,
    file: str,
    name: str,
    description: str | None = None,
    outline: bool = False,
    claims: Iterable[Any] = (),
    name_zh: str | None = None,
    owned: bool = False,
) -> Layer:
    """A Layer from validated rows; warns about far-away features.

    The layer keeps the rows as they are (:class:`~geo.model.FeatureRows`): each
    feature is made when first used. Each row's properties are a copy, unless ``owned``
    (nothing else holds the mappings).

    Parameters
    ----------
    valid : Valid or iterable of (properties, geometry)
        Validated rows (:func:`geo.validation.validate_table`), geometries in WGS84 degrees.
    file : str
        Where they came from: the layer's source (``<name>`` for data made in Python).
    name : str
        The layer's name.
    description : str, optional
        The layer's description.
    outline : bool
        Draw the layer as outlines only.
    claims : iterable
        The layer's own claims, as decoded (checked later, against every feature).
    name_zh : str, optional
        The layer's Chinese name.
    owned : bool
        Nothing else holds the properties mappings, so they are not copied.

    Returns
    -------
    Layer
        The layer, features in the order given.
    """
    properties, geometry = _columns(valid)
    features = FeatureRows(name, geometry, properties if owned else [dict(p) for p in properties])
    for index in np.flatnonzero(far_away(geometry)).tolist():
        warn_far_away(features[index], file=file, index=index)
    path = None if file.startswith("<") else Path(file)
    return Layer(
        name,
        features,
        path,
        description=description,
        outline=outline,
        claims_data=tuple(claims),
        name_zh=name_zh,
    )


def _columns(
    valid: Valid | Iterable[tuple[Mapping[str, Any], BaseGeometry]],
) -> tuple[Sequence[Mapping[str, Any]], np.ndarray]:
    """The rows' properties and their geometries as an array."""
    if isinstance(valid, Valid):
        return valid.properties, valid.geometry
    pairs = list(valid)
    geometry = np.empty(len(pairs), dtype=object)
    geometry[:] = [shape for _, shape in pairs]
    return [props for props, _ in pairs], geometry
