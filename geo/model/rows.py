"""A layer's features kept as columns: each :class:`~geo.model.Feature` made the first time it is asked for.

A validated layer is a geometry array and one properties mapping a row. Checking a
200,000-row layer asks for the few features with stated figures and those its claims
name; making a ``Feature`` (and a properties dict) for every row first was a third of
the time of ``check`` on a GeoParquet layer. :class:`FeatureRows` is a sequence of
features like the tuple it replaces — indexing, slicing, iterating, ``len`` and ``==``
behave the same — that keeps the columns and makes each feature once, when first used.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

from geo.model.features import Feature
from geo.model.figures import StatedFigure


class FeatureRows(Sequence[Feature]):
    """The features of one layer, made from its rows when first used.

    Parameters
    ----------
    layer : str
        The layer's name, each feature's :attr:`~geo.model.Feature.layer`.
    geometry : numpy.ndarray of object
        Each row's validated geometry, WGS84 lon/lat degrees.
    properties : sequence of mapping
        Each row's validated properties (an ``id`` and a ``name`` text each), held by
        the features as they are: nothing else may change them.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> rows = FeatureRows("L", np.array([box(0, 0, 1, 1)]), [{"id": "a", "name": "A"}])
    >>> len(rows), rows[0].id, rows.ids, rows[0] is rows[-1]
    (1, 'a', ['a'], True)
    >>> rows == (Feature("a", "A", box(0, 0, 1, 1), "L", {"id": "a", "name": "A"}),)
    True
    """

    __slots__ = ("_lock", "_made", "_properties", "geometry", "layer")

    def __init__(self, layer: str, geometry: np.ndarray, properties: Sequence[Mapping[str, Any]]) -> None:
        if len(geometry) != len(properties):
            msg = f"{len(geometry)} geometries but {len(properties)} properties: give one of each a row"
            raise ValueError(msg)
        self.layer = layer
        self.geometry = geometry
        self._properties = properties
        self._made: list[Feature | None] = [None] * len(properties)
        self._lock = threading.Lock()  # two threads asking for one row get one feature

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Feature: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Feature, ...]: ...

    def __getitem__(self, index: int | slice) -> Feature | tuple[Feature, ...]:
        if isinstance(index, slice):
            return tuple(self._feature(i) for i in range(*index.indices(len(self))))
        i = operator.index(index)
        if not -len(self) <= i < len(self):
            msg = f"feature index {i} out of range for a layer of {len(self)}"
            raise IndexError(msg)
        return self._feature(i % len(self))

    def __iter__(self) -> Iterator[Feature]:
        made = self._made
        for i, props in enumerate(self._properties):  # their own iterator: column-wise when it is
            yield made[i] or self._make(i, props)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # a feature's properties are a dict: never hashable

    def __repr__(self) -> str:
        return f"<FeatureRows: {len(self)} features of {self.layer!r}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FeatureRows, (self.layer, self.geometry, list(self._properties)))

    @property
    def ids(self) -> list[str]:
        """Every row's id, in order (without making the features)."""
        return self.column("id")

    def column(self, key: str) -> list[Any]:
        """Every row's property ``key``, None where a row has none (without making the features).

        Parameters
        ----------
        key : str
            The property, e.g. ``"id"``, ``"name"`` or ``"stated"``.

        Returns
        -------
        list
            One value a row.
        """
        column = getattr(self._properties, "column", None)  # properties kept as columns: no dicts made
        return list(column(key)) if column is not None else [p.get(key) for p in self._properties]

    def stated_rows(self) -> np.ndarray:
        """The rows that carry stated figures.

        Returns
        -------
        numpy.ndarray of int
            Their indices, ascending.
        """
        stated = self.column("stated")
        return np.flatnonzero(np.fromiter((bool(v) for v in stated), dtype=bool, count=len(stated)))

    def _feature(self, i: int) -> Feature:
        return self._made[i] or self._make(i, self._properties[i])

    def _make(self, i: int, props: Mapping[str, Any]) -> Feature:
        stated = props.get("stated")
        with self._lock:
            made = self._made[i]  # made by another thread meanwhile
            if made is None:
                made = self._made[i] = Feature.validated(
                    id=props["id"],
                    name=props["name"],
                    geometry=self.geometry[i],
                    layer=self.layer,
                    properties=props,
                    stated=tuple(StatedFigure.from_dict(s) for s in stated) if stated else (),
                )
        return made
