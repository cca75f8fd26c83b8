"""Validating a decoded GeoJSON layer against the gba-atlas layer format.

The validator collects every problem before it reports, so a user fixes a file
in one pass. The format itself is described in the README ("The layer format").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.errors import Problem
from geo.model import Layer
from geo.progress import tracked
from geo.validation.geometry import validate_geometry
from geo.validation.properties import validate_properties
from geo.validation.property_screen import plain_properties

#: Legacy ``crs`` members that still mean WGS84 lon/lat.
WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}


def validate_collection(
    data: Any, *, file: str
) -> tuple[list[tuple[dict[str, Any], BaseGeometry]], list[Problem]]:
    """Validate a decoded GeoJSON FeatureCollection.

    Parameters
    ----------
    data : object
        The decoded JSON document.
    file : str
        Where it came from, for the messages.

    Returns
    -------
    features : list of (properties, geometry)
        The valid features, polygons oriented the RFC 7946 way.
    problems : list of Problem
        Everything wrong, in document order; empty when the layer is valid.
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
        return [], problems
    _validate_crs(data.get("crs"), file, problems)
    features = data.get("features")
    if not isinstance(features, list):
        problems.append(Problem(file, "", "has no features list", 'add "features": [ ... ]'))
        return [], problems
    valid = []
    screened = getattr(data, "screened", None)  # geometries read and screened as arrays already
    plain = _plain_features(features) if screened is not None else None
    shown = tracked(features, desc=f"validating {_short(file)}")
    for index, feature in enumerate(shown):
        geometry = screened[index] if screened is not None else None
        if plain is not None and plain[index] and geometry is not None:
            valid.append((feature["properties"], geometry))  # nothing there to find, known as columns
            continue
        found = validate_feature(feature, index=index, file=file, screened=geometry)
        problems.extend(found[1])
        if found[0] is not None:
            valid.append(found[0])
    if not features:
        problems.append(Problem(file, "", "has no features", "add at least one Feature"))
    return valid, problems


def validate_feature(
    feature: Any, *, index: int, file: str, screened: BaseGeometry | None = None
) -> tuple[tuple[dict[str, Any], BaseGeometry] | None, list[Problem]]:
    """Validate one Feature; return (properties, geometry) when valid, and the problems.

    ``screened`` is the feature's geometry when it was read and found valid already
    (:mod:`geo.validation.fast_collection`); its ``geometry`` member is then not read.
    """
    problems: list[Problem] = []
    label = f"feature #{index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(Problem(file, label, "is not a GeoJSON Feature", 'give it "type": "Feature"'))
        return None, problems
    props = feature.get("properties")
    if isinstance(props, dict) and isinstance(props.get("id"), str) and props["id"]:
        label = f"feature '{props['id']}' (#{index})"

    def report(what: str, fix: str) -> None:
        problems.append(Problem(file, label, what, fix))

    geometry = screened if screened is not None else validate_geometry(feature.get("geometry"), report)
    if not isinstance(props, dict):
        report("has no properties object", 'add "properties": {"id": ..., "name": ...}')
        return None, problems
    validate_properties(props, report)
    if problems or geometry is None:
        return None, problems
    return (props, geometry), problems


def _plain_features(features: list[Any]) -> list[bool]:
    """True for each Feature whose properties :func:`plain_properties` finds nothing to check in."""
    typed = [isinstance(f, dict) and f.get("type") == "Feature" for f in features]
    props = [f.get("properties") if ok else None for f, ok in zip(features, typed, strict=True)]
    return plain_properties(props).tolist()  # type: ignore[no-any-return]


def _short(file: str) -> str:
    """A file's name without its folder, for a progress bar."""
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
    """Report every feature id used more than once, within a layer or across layers."""
    first: dict[str, Layer] = {}
    problems = []
    for layer in layers:
        for feature in layer:
            if feature.id in first:
                other = first[feature.id]
                where = "this file" if other is layer else other.source
                problems.append(
                    Problem(
                        layer.source,
                        f"feature '{feature.id}'",
                        f"id {feature.id!r} is already used in {where}",
                        "give every feature a unique id",
                    )
                )
            else:
                first[feature.id] = layer
    return problems
