"""Features and layers: geometries (WGS84 lon/lat) with their properties, measured once.

Areas are geodesic square metres (``area_m2``) or hectares (``area_ha``); lengths are metres.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from geo.geodesy import geodesic_area, geodesic_length
from geo.i18n.scripts import Localized
from geo.model.figures import StatedFigure
from geo.progress import progress
from geo.units import hectares


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

    @classmethod
    def validated(
        cls,
        *,
        id: str,
        name: str,
        geometry: BaseGeometry,
        layer: str,
        properties: Mapping[str, Any],
        stated: tuple[StatedFigure, ...],
    ) -> Feature:
        """A feature from parts already validated, made without the frozen ``__init__``'s checks.

        The same object as ``Feature(...)`` with these fields, about four times faster
        to make: a layer of 200,000 footprints makes 200,000 of them.

        Parameters
        ----------
        id, name : str
            The feature's id and name.
        geometry : shapely geometry
            Its geometry, lon/lat (WGS84 degrees).
        layer : str
            The name of its layer.
        properties : mapping
            Its other properties, as read.
        stated : tuple of StatedFigure
            Its stated figures.

        Returns
        -------
        Feature
            The feature.

        Examples
        --------
        >>> from shapely import box
        >>> made = Feature.validated(id="a", name="A", geometry=box(0, 0, 1, 1), layer="L",
        ...                          properties={}, stated=())
        >>> made == Feature("a", "A", box(0, 0, 1, 1), "L")
        True
        """
        feature = object.__new__(cls)
        fields = feature.__dict__
        fields["id"], fields["name"], fields["geometry"] = id, name, geometry
        fields["layer"], fields["properties"], fields["stated"] = layer, properties, stated
        return feature

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

    @cached_property
    def names(self) -> Localized:
        """The name in English, Traditional and Simplified Chinese: ``names.get("zh-Hans")``.

        ``name_zh`` is in the script ``name_zh_script`` says (``zh-Hant`` or
        ``zh-Hans``; judged from its characters when not given); the other script is
        derived with OpenCC, unless ``name_zh_hant`` or ``name_zh_hans`` gives it.
        """
        props = self.properties
        texts = {"en": self.name, "zh-Hant": props.get("name_zh_hant"), "zh-Hans": props.get("name_zh_hans")}
        return Localized(texts, self.name_zh, script=props.get("name_zh_script"))

    @property
    def kind(self) -> str | None:
        """What the feature is: park, zone, district, river, ..."""
        return self.properties.get("kind")

    @property
    def digitized_from(self) -> str | None:
        """What the geometry was drawn from."""
        return self.properties.get("digitized_from")


#: Features measured per vectorised call of :func:`measure_areas` (a progress bar advances per batch).
AREA_BATCH = 50_000


def measure_areas(features: Sequence[Feature]) -> np.ndarray:
    """The areas (m²) of many features, measured in vectorised calls where not yet known.

    Each feature keeps its area, so it is never measured twice. The features are measured
    :data:`AREA_BATCH` at a time, a progress bar advancing per batch (see :mod:`geo.progress`).

    Parameters
    ----------
    features : sequence of Feature
        The features to measure.

    Returns
    -------
    numpy.ndarray
        Their geodesic areas in square metres (float64), in the order given.
    """
    todo = [f for f in features if "area_m2" not in vars(f)]
    with progress("measuring areas", total=len(todo)) as bar:
        for start in range(0, len(todo), AREA_BATCH):
            batch = todo[start : start + AREA_BATCH]
            areas = geodesic_area(np.array([f.geometry for f in batch], dtype=object))
            for feature, area in zip(batch, areas.tolist(), strict=True):
                vars(feature)["area_m2"] = area  # where cached_property keeps it
            bar.update(len(batch))
    return np.array([f.area_m2 for f in features], dtype=np.float64)
