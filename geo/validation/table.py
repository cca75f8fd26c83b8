"""The one shape every input takes before it is validated: features as columns.

:mod:`geo.io.tables` and :mod:`geo.io.geojson_text` turn GeoJSON text, a decoded
dict, a GeoDataFrame or a GeoParquet file into a :class:`FeatureTable`;
:func:`geo.validation.rules.validate_table` then judges it with vectorised rules,
whatever it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.validation.columns import ValueColumn


@dataclass(frozen=True, eq=False)
class FeatureTable:
    """A layer's features as columns, each row one feature, rows labelled by their place in the input.

    Attributes
    ----------
    geometry : numpy.ndarray of object
        Each row's shapely geometry as read, or None where the reader built none (a
        geometry it could not read as arrays, or that is missing); rules look at
        :attr:`member` for those.
    properties : sequence
        Each row's properties: a dict, or whatever else the input holds there (every one a
        dict when :attr:`columns` is given).
    member : callable
        ``member(row)``: the row's ``geometry`` as decoded GeoJSON, for the words of a
        message (called only for rows a rule refuses or could not judge).
    features : numpy.ndarray of bool, optional
        False for each row that is not a GeoJSON Feature object; None when all are.
    screened : numpy.ndarray of bool, optional
        True for each row whose geometry the reader put through the geometry rules
        already (:func:`geo.validation.geometry_screen.screen`), while it still had the
        text at hand: its geometry is then oriented, or None where a rule refused it.
        None when no row was.
    columns : mapping of str to ValueColumn, optional
        The properties as columns, one value a row (None where a row has none), when the
        reader read them as columns; None otherwise, or when the rows were changed since.
    """

    geometry: np.ndarray
    properties: Sequence[Any]
    member: Callable[[int], Any]
    features: np.ndarray | None = None
    screened: np.ndarray | None = None
    columns: Mapping[str, ValueColumn] | None = None

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.properties)

    def is_feature(self) -> np.ndarray:
        """True for each row that is a Feature.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        if self.features is None:
            return np.ones(len(self), dtype=bool)
        return self.features


def row_label(props: Any, index: int) -> str:
    """How messages name a row: ``feature 'id' (#index)`` when it has a text id, else ``feature #index``.

    Parameters
    ----------
    props : object
        The row's properties.
    index : int
        The row's place in the input, from 0.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> row_label({"id": "hetao"}, 3), row_label({"id": 7}, 4), row_label(None, 5)
    ("feature 'hetao' (#3)", 'feature #4', 'feature #5')
    """
    fid = props.get("id") if isinstance(props, dict) else None
    return f"feature '{fid}' (#{index})" if isinstance(fid, str) and fid else f"feature #{index}"
