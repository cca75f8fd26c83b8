"""The model: layers of features with their stated figures, claims about them, and the verdicts.

Everything else in gba-atlas reads, checks or shows these classes; this module
imports nothing of gba-atlas but the geodesic routines and the units.

Units and conventions: geometries are WGS84 longitude/latitude degrees; areas are
geodesic square metres (``area_m2``) or hectares (``*_ha``); lengths are metres.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from shapely.geometry.base import BaseGeometry

from geo.geodesy import geodesic_area, geodesic_length
from geo.units import hectares


@dataclass(frozen=True)
class Source:
    """Where a stated figure or a claim comes from.

    >>> print(Source("Plan", "State Council", "2023-08-29"))
    State Council, Plan (2023-08-29)
    """

    title: str
    issuer: str
    date: str
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.issuer}, {self.title} ({self.date})"


@dataclass(frozen=True)
class StatedFigure:
    """An officially stated area, and how closely the polygon must match it.

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

    def as_dict(self) -> dict[str, Any]:
        """The figure as a ``stated`` entry of the layer format."""
        return asdict(self)


@dataclass(frozen=True)
class Feature:
    """A validated feature: its geometry (WGS84 lon/lat) and its properties.

    A feature measures itself once: :attr:`area_m2` and :attr:`length_m` are
    computed on first use and kept (:func:`measure_areas` fills the areas of many
    features in one vectorised call).
    """

    id: str
    name: str
    geometry: BaseGeometry
    layer: str
    properties: Mapping[str, Any] = field(default_factory=dict)
    stated: tuple[StatedFigure, ...] = ()

    @cached_property
    def area_m2(self) -> float:
        """Geodesic area in square metres (0 for lines and points)."""
        return float(geodesic_area(self.geometry))

    @cached_property
    def length_m(self) -> float:
        """Geodesic length in metres: a polygon's perimeter, a line's length."""
        return float(geodesic_length(self.geometry))

    @property
    def area_ha(self) -> float:
        """:attr:`area_m2` in hectares."""
        return hectares(self.area_m2)

    @property
    def short_name(self) -> str:
        """A short name for labels on the map; the name when there is none."""
        return str(self.properties.get("short_name") or self.name)

    @property
    def name_zh(self) -> str | None:
        """The Chinese name: Traditional for Hong Kong places, Simplified for Mainland ones."""
        return self.properties.get("name_zh")

    @property
    def kind(self) -> str | None:
        """What the feature is: park, zone, district, river, ..."""
        return self.properties.get("kind")

    @property
    def digitized_from(self) -> str | None:
        """What the geometry was drawn from."""
        return self.properties.get("digitized_from")


def measure_areas(features: Sequence[Feature]) -> np.ndarray:
    """The areas (m²) of many features, measured in one vectorised call where not yet known.

    Each feature keeps its area, so it is never measured twice.
    """
    todo = [f for f in features if "area_m2" not in vars(f)]
    if todo:
        areas = geodesic_area(np.array([f.geometry for f in todo], dtype=object))
        for feature, area in zip(todo, areas.tolist(), strict=True):
            vars(feature)["area_m2"] = area  # where cached_property keeps it
    return np.array([f.area_m2 for f in features], dtype=np.float64)


@dataclass(frozen=True)
class Layer:
    """A named collection of features, as read from one file or given in a notebook."""

    name: str
    features: tuple[Feature, ...]
    path: Path | None = None
    description: str | None = None
    outline: bool = False
    """Draw a dashed outline around the layer's polygons on the map (the Hetao zone around its parts)."""
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


def features_by_id(layers: Iterable[Layer]) -> dict[str, Feature]:
    """All features of the layers, keyed by id."""
    return {feature.id: feature for layer in layers for feature in layer}


@dataclass(frozen=True)
class Claim:
    """A spatial statement to check; ``params`` holds its test's parameters.

    ``feature_ids`` names every feature the claim involves, in order.
    """

    id: str
    claim: str
    sentence: str
    test: str
    params: Mapping[str, Any] = field(default_factory=dict)
    source: Mapping[str, Any] | None = None
    feature_ids: tuple[str, ...] = ()

    @property
    def stated(self) -> StatedFigure | None:
        """The stated figure of a ``total_area`` claim."""
        data = self.params.get("stated")
        return StatedFigure.from_dict(data) if data else None


@dataclass(frozen=True)
class AreaCheck:
    """One stated figure held against a feature's computed geodesic area.

    ``deviation_pct`` is (computed − stated) / stated × 100: positive when the
    polygon is larger than the figure.
    """

    id: str
    name: str
    figure: StatedFigure
    computed_ha: float

    @property
    def stated(self) -> str:
        """The figure's words, as stated."""
        return self.figure.as_stated

    @property
    def stated_ha(self) -> float:
        """The stated figure in hectares."""
        return self.figure.hectares

    @property
    def tolerance_pct(self) -> float:
        """The largest deviation that passes, in percent."""
        return self.figure.tolerance_pct

    @property
    def deviation_pct(self) -> float:
        """(computed − stated) / stated × 100."""
        return (self.computed_ha - self.figure.hectares) / self.figure.hectares * 100

    @property
    def ok(self) -> bool:
        """Whether the deviation is within the tolerance."""
        return abs(self.deviation_pct) <= self.figure.tolerance_pct

    @property
    def source(self) -> str:
        """The figure's source, in words."""
        return str(self.figure.source)

    @property
    def source_url(self) -> str | None:
        """The figure's source URL, if it has one."""
        return self.figure.source.url

    def as_dict(self) -> dict[str, Any]:
        """The check as the JSON report writes it."""
        return {
            "id": self.id,
            "name": self.name,
            "stated": self.stated,
            "stated_ha": self.stated_ha,
            "computed_ha": self.computed_ha,
            "deviation_pct": self.deviation_pct,
            "tolerance_pct": self.tolerance_pct,
            "ok": self.ok,
            "source": self.source,
            "source_url": self.source_url,
        }


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim, with the measurement behind it."""

    id: str
    claim: str
    sentence: str
    ok: bool
    detail: str
    features: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The verdict as the JSON report writes it."""
        return {**asdict(self), "features": list(self.features)}


@dataclass(frozen=True)
class Report:
    """Every area check and claim verdict of an atlas."""

    areas: Sequence[AreaCheck]
    claims: Sequence[ClaimResult]

    @property
    def ok(self) -> bool:
        """True when every area check and every claim holds."""
        return all(a.ok for a in self.areas) and all(c.ok for c in self.claims)

    def areas_of(self, feature_id: str) -> list[AreaCheck]:
        """The area checks of one feature, in the order of its stated figures."""
        return [a for a in self.areas if a.id == feature_id]

    def claims_of(self, feature_id: str) -> list[ClaimResult]:
        """The verdicts on the claims that involve one feature."""
        return [c for c in self.claims if feature_id in c.features]


@dataclass(frozen=True)
class Story:
    """What the map says about itself: a layers folder's ``atlas.json`` (see the README).

    ``title_zh`` and ``description_zh`` hold Traditional Chinese (:attr:`zh_lang`);
    ``opens_on`` names the feature id or layer name the map opens on.

    >>> Story("Hetao", "Two parks", source=Source("Park launched", "Xinhua", "2025-12-22", "http://x.cn")).url
    'http://x.cn'
    """

    zh_lang: ClassVar[str] = "zh-Hant"
    """The script of the Chinese fields, as a BCP 47 tag for the page's ``lang`` attribute."""

    title: str
    description: str = ""
    title_zh: str | None = None
    description_zh: str | None = None
    source: Source | None = None
    opens_on: str | None = None

    @property
    def url(self) -> str | None:
        """The source article's URL, if there is one."""
        return self.source.url if self.source else None

    @classmethod
    def neutral(cls, layers: Sequence[Layer]) -> Story:
        """The story of a folder without ``atlas.json``: a title built from its layers' names.

        >>> Story.neutral([Layer("Hetao zone", ()), Layer("Greater Bay Area platforms", ())]).title
        'Layers: Hetao zone, Greater Bay Area platforms'
        """
        names = [layer.name for layer in layers]
        if len(names) > NEUTRAL_TITLE_LAYERS:
            shown = NEUTRAL_TITLE_LAYERS - 1
            names = [*names[:shown], f"and {len(names) - shown} more"]
        title = f"Layers: {', '.join(names)}" if names else "An empty atlas"
        features = _plural(sum(len(layer.features) for layer in layers), "feature")
        layer_count = _plural(len(layers), "layer")
        return cls(title, f"{features} in {layer_count}, checked against their stated figures")


#: How many layer names a neutral title lists before "and N more".
NEUTRAL_TITLE_LAYERS = 4


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
