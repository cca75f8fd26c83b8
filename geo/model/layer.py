"""Layers: named sequences of features, as read from one file or given in a notebook; features by id.

A layer read from a file or a data frame holds its features as rows
(:class:`~geo.model.rows.FeatureRows`), each made when first used; a layer made in
Python may hold a tuple. Either way ``layer.features`` is a sequence of
:class:`~geo.model.Feature`, and what needs every row (ids, geometries, the rows with
stated figures) is read from the columns without making the features.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.i18n.scripts import Localized
from geo.model.features import Feature
from geo.model.rows import FeatureRows

#: shapely's geometry type ids, by name.
_TYPE_NAMES = (
    "Point",
    "LineString",
    "LinearRing",
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
)


@dataclass(frozen=True)
class Layer:
    """A named collection of features, as read from one file or given in a notebook."""

    name: str
    features: Sequence[Feature]
    """The features in order: a tuple, or :class:`~geo.model.rows.FeatureRows` made from a file's rows."""
    path: Path | None = None
    description: str | None = None
    outline: bool = False
    """Draw a dashed outline around the layer's polygons on the map (the Hetao zone around its parts)."""
    claims_data: tuple[Any, ...] = ()
    """Claims the layer file carries itself (its ``claims`` member), checked once all layers are read."""
    name_zh: str | None = None
    """The layer's name in Chinese (its ``name_zh`` member), in either script."""

    def __iter__(self) -> Iterator[Feature]:
        return iter(self.features)

    @property
    def names(self) -> Localized:
        """The layer's name in English, Traditional and Simplified Chinese (English without ``name_zh``)."""
        return Localized(self.name, self.name_zh)

    @property
    def ids(self) -> list[str]:
        """The features' ids, in order (read from the rows: no feature is made)."""
        rows = self.features
        return rows.column("id") if isinstance(rows, FeatureRows) else [f.id for f in rows]

    @property
    def feature_names(self) -> list[str]:
        """The features' names, in order (read from the rows: no feature is made)."""
        rows = self.features
        return rows.column("name") if isinstance(rows, FeatureRows) else [f.name for f in rows]

    def geometries(self) -> np.ndarray:
        """The features' geometries, WGS84 lon/lat degrees, in order (no feature is made).

        Returns
        -------
        numpy.ndarray of object
            One shapely geometry a feature.
        """
        rows = self.features
        if isinstance(rows, FeatureRows):
            return rows.geometry
        return np.fromiter((f.geometry for f in rows), dtype=object, count=len(rows))

    def stated_features(self) -> list[Feature]:
        """The features that carry stated figures, in order (only these are made).

        Returns
        -------
        list of Feature
            Each with at least one stated figure.
        """
        rows = self.features
        if isinstance(rows, FeatureRows):
            return [rows[i] for i in rows.stated_rows().tolist()]
        return [f for f in rows if f.stated]

    @cached_property
    def geometry_types(self) -> frozenset[str]:
        """The geometry types of the layer's features (``"Polygon"``, ``"LineString"``, ...)."""
        return frozenset(_TYPE_NAMES[int(i)] for i in np.unique(shapely.get_type_id(self.geometries())))

    @property
    def source(self) -> str:
        """How messages name the layer: its file, or ``<name>`` when it came from memory."""
        return str(self.path) if self.path else f"<{self.name}>"


class FeaturesById(Mapping[str, Feature]):
    """Every feature of some layers by id, each made only when looked up (a later id wins).

    The rows of each layer's ids are found on the first lookup, not before: checking a
    layer that no claim names never indexes its ids.

    Parameters
    ----------
    layers : iterable of Layer
        The layers, in order.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self._layers = list(layers)

    @cached_property
    def _where(self) -> dict[str, tuple[int, int]]:
        """Each id's layer and row (of two features with one id, the later), in order of first sight."""
        where: dict[str, tuple[int, int]] = {}
        for number, layer in enumerate(self._layers):
            ids = layer.ids
            where.update(zip(ids, zip(itertools.repeat(number), range(len(ids))), strict=True))
        return where

    def __getitem__(self, key: str) -> Feature:
        number, row = self._where[key]
        return self._layers[number].features[row]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, key: object) -> bool:
        return key in self._where


def features_by_id(layers: Iterable[Layer]) -> Mapping[str, Feature]:
    """All features of the layers, keyed by id; each feature made when it is looked up.

    Parameters
    ----------
    layers : iterable of Layer
        The layers.

    Returns
    -------
    mapping of str to Feature
        Every feature, in layer order; of two features with one id, the later.
    """
    return FeaturesById(layers)
