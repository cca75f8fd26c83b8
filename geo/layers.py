"""Reading layers: GeoJSON files in the layer format, as Layer and Feature objects."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import AtlasWarning, LayerError, Problem
from geo.validation import validate_collection

#: Files read as layers inside a layers folder.
LAYER_GLOB = "*.geojson"


@dataclass(frozen=True)
class Source:
    """Where a stated figure comes from."""

    title: str
    issuer: str
    date: str
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.issuer}, {self.title} ({self.date})"


@dataclass(frozen=True)
class StatedFigure:
    """An officially stated figure, and how closely the polygon must match it.

    ``hectares`` is the figure converted to hectares; ``tolerance_pct`` is the
    largest deviation of the computed area, in percent of the figure, that passes.
    """

    as_stated: str
    value: float
    unit: str
    hectares: float
    about: bool
    tolerance_pct: float
    rationale: str
    source: Source

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StatedFigure:
        """Build from a validated ``stated`` entry of the layer format."""
        source = data["source"]
        return cls(
            as_stated=data["as_stated"],
            value=data["value"],
            unit=data["unit"],
            hectares=float(data["hectares"]),
            about=data["about"],
            tolerance_pct=float(data["tolerance_pct"]),
            rationale=data["rationale"],
            source=Source(source["title"], source["issuer"], source["date"], source.get("url")),
        )


@dataclass(frozen=True)
class Feature:
    """A validated feature: its geometry (WGS84 lon/lat) and its properties."""

    id: str
    name: str
    geometry: BaseGeometry
    layer: str
    properties: Mapping[str, Any] = field(default_factory=dict)
    stated: tuple[StatedFigure, ...] = ()

    @property
    def short_name(self) -> str:
        """A short name for labels on the map; the name when there is none."""
        return self.properties.get("short_name") or self.name

    @property
    def name_zh(self) -> str | None:
        return self.properties.get("name_zh")

    @property
    def kind(self) -> str | None:
        return self.properties.get("kind")

    @property
    def digitized_from(self) -> str | None:
        return self.properties.get("digitized_from")


@dataclass(frozen=True)
class Layer:
    """A named collection of features, as read from one file."""

    name: str
    features: tuple[Feature, ...]
    path: Path | None = None
    description: str | None = None
    outline: bool = False
    """Draw a dashed outline around the layer's polygons on the map (the Hetao zone around its parks)."""
    claims_data: tuple[Any, ...] = ()
    """Claims the layer file carries itself (its ``claims`` member), checked once all layers are read."""

    def __iter__(self) -> Iterator[Feature]:
        return iter(self.features)

    @cached_property
    def geometry_types(self) -> frozenset[str]:
        """The geometry types of the layer's features (``"Polygon"``, ``"LineString"``, ...)."""
        return frozenset(f.geometry.geom_type for f in self.features)

    @property
    def source(self) -> str:
        """How messages name the layer: its file, or ``<name>`` when it came from memory."""
        return str(self.path) if self.path else f"<{self.name}>"


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    """Read and decode a JSON file, reporting unreadable, non-UTF-8 and non-JSON files.

    A UTF-8 byte-order mark is accepted. NaN and Infinity, which Python's json
    module would accept, are reported: JSON has no such numbers.
    """
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(file, "", f"cannot be read ({exc.strerror})", "check the path and its permissions")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        what = f"is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x})"
        return None, [Problem(file, "", what, "save the file as UTF-8")]
    if not text.strip():
        return None, [
            Problem(file, "", "is empty", "write a GeoJSON FeatureCollection into it, or delete it")
        ]

    def reject_constant(name: str) -> None:
        raise ValueError(f"the non-finite number {name}, which JSON does not allow")

    try:
        return json.loads(text, parse_constant=reject_constant), []
    except json.JSONDecodeError as exc:
        what = f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        return None, [Problem(file, "", what, "fix the JSON syntax (a JSON linter shows where)")]
    except ValueError as exc:
        return None, [
            Problem(file, "", f"holds {exc}", "replace it with a real number or remove the feature")
        ]


def parse_layer(data: Any, *, file: str, name: str) -> tuple[Layer | None, list[Problem]]:
    """Validate decoded GeoJSON and build a Layer; return it (or None) and the problems."""
    valid, problems = validate_collection(data, file=file)
    if problems:
        return None, problems
    if isinstance(data.get("name"), str) and data["name"].strip():
        name = data["name"]
    description = data.get("description") if isinstance(data.get("description"), str) else None
    claims = data.get("claims")
    if claims is not None and not isinstance(claims, list):
        return None, [Problem(file, "", "its claims member is not a list", 'write "claims": [ ... ]')]
    layer = make_layer(
        valid,
        file=file,
        name=name,
        description=description,
        outline=data.get("outline") is True,
        claims=claims or (),
    )
    return layer, []


def make_layer(
    valid: Iterable[tuple[Mapping[str, Any], BaseGeometry]],
    *,
    file: str,
    name: str,
    description: str | None = None,
    outline: bool = False,
    claims: Iterable[Any] = (),
) -> Layer:
    """A Layer from validated (properties, geometry) pairs; warns about far-away features."""
    features = tuple(_feature(props, geometry, name) for props, geometry in valid)
    far = far_away(np.array([f.geometry for f in features], dtype=object))
    for index in np.flatnonzero(far):
        warn_far_away(features[index], file=file, index=int(index))
    path = None if file.startswith("<") else Path(file)
    return Layer(name, features, path, description=description, outline=outline, claims_data=tuple(claims))


#: The Greater Bay Area with a wide margin (lon west, lat south, lon east, lat north).
REGION = (111.0, 20.0, 117.0, 25.0)


def far_away(geometries: np.ndarray) -> np.ndarray:
    """True for each geometry lying wholly outside :data:`REGION`.

    >>> far_away(np.array([shapely.Point(114, 22.5), shapely.Point(-114, 22.5)]))
    array([False,  True])
    """
    if not len(geometries):
        return np.zeros(0, dtype=bool)
    west, south, east, north = shapely.bounds(geometries).T
    return (east < REGION[0]) | (west > REGION[2]) | (north < REGION[1]) | (south > REGION[3])


def warn_far_away(feature: Feature, *, file: str, index: int) -> None:
    """Warn (:class:`~geo.errors.AtlasWarning`) that a feature lies far from the Greater Bay Area.

    Far-away features are accepted, since a user may compare with places elsewhere, but
    they are usually a coordinate mistake (a wrong CRS, a sign, a swapped pair).
    """
    centre = feature.geometry.centroid
    warnings.warn(
        f"{file}: feature '{feature.id}' (#{index}): lies far from the Greater Bay Area "
        f"(around [{centre.x:.4f}, {centre.y:.4f}]); check its coordinates, "
        "or ignore this if the layer is meant to be elsewhere",
        AtlasWarning,
        stacklevel=3,
    )


def _feature(props: Mapping[str, Any], geometry: BaseGeometry, layer: str) -> Feature:
    return Feature(
        id=props["id"],
        name=props["name"],
        geometry=geometry,
        layer=layer,
        properties=dict(props),
        stated=tuple(StatedFigure.from_dict(s) for s in props.get("stated") or ()),
    )


def read_layer(path: str | Path) -> Layer:
    """Read one layer file.

    Raises
    ------
    LayerError
        Listing every problem in the file.
    """
    path = Path(path)
    layer, problems = _read(path)
    if problems:
        raise LayerError(problems)
    assert layer is not None
    problems = duplicate_ids([layer])
    if problems:
        raise LayerError(problems)
    return layer


def _read(path: Path) -> tuple[Layer | None, list[Problem]]:
    data, problems = read_json(path)
    if problems:
        return None, problems
    return parse_layer(data, file=str(path), name=path.stem)


def load_layers(directory: str | Path) -> list[Layer]:
    """Read every ``*.geojson`` file of a folder, in name order.

    Raises
    ------
    LayerError
        Listing every problem in every file, ids repeated across files included.
    """
    directory = Path(directory)
    if not directory.is_dir():
        problem = Problem(
            str(directory), "", "is not a folder", "pass the folder that holds your .geojson layers"
        )
        raise LayerError([problem])
    layers, problems = [], []
    paths = sorted(directory.glob(LAYER_GLOB))
    if not paths:
        problems.append(Problem(str(directory), "", "holds no .geojson layer", "add a layer file"))
    for path in paths:
        layer, found = _read(path)
        problems.extend(found)
        if layer is not None:
            layers.append(layer)
    problems.extend(duplicate_ids(layers))
    if problems:
        raise LayerError(problems)
    return layers


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


def features_by_id(layers: Iterable[Layer]) -> dict[str, Feature]:
    """All features of the layers, keyed by id."""
    return {feature.id: feature for layer in layers for feature in layer}
