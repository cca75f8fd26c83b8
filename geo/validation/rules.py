"""Validating a :class:`~geo.validation.table.FeatureTable`: vectorised rules, words for the rows they refuse.

Each rule is a mask over the rows and a message template:

- a row that is not a GeoJSON Feature (:data:`NOT_A_FEATURE`);
- a geometry that breaks the layer format: screened at once
  (:func:`geo.validation.geometry_screen.screen`), then the rows it cannot clear judged
  by the masks of :data:`geo.validation.geometry_rules.RULES`
  (:func:`geo.validation.geometry.judge_geometries`);
- properties that are not an object (:data:`NO_PROPERTIES`), or that the column screen
  cannot clear (:func:`geo.validation.property_screen.cleared_properties`), then judged
  by the masks of :data:`geo.validation.property_rules.RULES`.

Only for the rows some mask refuses are the values their templates need found, one row
at a time; the problems are given row by row in input order, so a table's problems
read the same whatever input it came from.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import Problem
from geo.progress import progress
from geo.validation.geometry import judge_geometries
from geo.validation.geometry_screen import screen
from geo.validation.positions import Defect
from geo.validation.property_rules import property_words
from geo.validation.property_screen import cleared_properties
from geo.validation.table import FeatureTable, row_label

#: The words for a row that is not a Feature: (what, fix).
NOT_A_FEATURE = ("is not a GeoJSON Feature", 'give it "type": "Feature"')

#: The words for a Feature whose properties are not an object: (what, fix).
NO_PROPERTIES = ("has no properties object", 'add "properties": {"id": ..., "name": ...}')


@dataclass(frozen=True)
class Valid:
    """The rows no rule refused, in input order: their properties and their oriented geometries.

    Iterating gives (properties, geometry) pairs.

    Attributes
    ----------
    properties : sequence of dict
        Each row's properties (the table's own sequence when every row passed).
    geometry : numpy.ndarray of object
        Each row's geometry, WGS84 lon/lat degrees, polygons oriented the RFC 7946 way.
    """

    properties: Sequence[dict[str, Any]]
    geometry: np.ndarray

    def __len__(self) -> int:
        return len(self.geometry)

    def __iter__(self) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
        return zip(self.properties, self.geometry, strict=True)


def validate_table(table: FeatureTable, *, file: str, desc: str = "") -> tuple[Valid, list[Problem]]:
    """Validate every row of a table: the rules as masks, then words for each refused row.

    Parameters
    ----------
    table : FeatureTable
        The features, as any reader made them.
    file : str
        Where they came from, for the messages.
    desc : str, optional
        The progress bar's text while the refused rows are worded ("" for none).

    Returns
    -------
    valid : Valid
        The rows no rule refused, in input order, polygons oriented the RFC 7946 way.
    problems : list of Problem
        Every problem, row by row in input order, named ``feature 'id' (#row)``.
    """
    features = table.is_feature()
    with ThreadPoolExecutor(max_workers=1) as pool:  # GEOS lets go of the GIL: properties meanwhile
        screening = pool.submit(_screen, table)
        props = table.properties if table.features is None else _features_properties(table, features)
        cleared = cleared_properties(props, table.columns) & features
        passed, oriented = screening.result()
    valid_rows = cleared & passed
    words = _geometry_words(table, features & ~passed, oriented)
    for index, more in _property_words(table, features & ~cleared).items():
        words[index] = words.get(index, []) + more
    problems: list[Problem] = []
    with progress(desc or "validating", total=len(table) if desc else 0) as bar:
        for index in np.flatnonzero(~valid_rows).tolist():
            found = _row(table, features, index, file, words.get(index, []))
            problems.extend(found)
            valid_rows[index] = not found and oriented[index] is not None
        bar.update(len(table))
    if valid_rows.all():
        return Valid(table.properties, oriented), problems
    rows = np.flatnonzero(valid_rows)
    return Valid([table.properties[i] for i in rows.tolist()], oriented[rows]), problems


def _features_properties(table: FeatureTable, features: np.ndarray) -> list[Any]:
    """Each row's properties, None for a row that is not a Feature."""
    return [p if ok else None for p, ok in zip(table.properties, features.tolist(), strict=True)]


def _geometry_words(
    table: FeatureTable, refused: np.ndarray, oriented: np.ndarray
) -> dict[int, list[Defect]]:
    """The words of the geometries the screen refused, by row; ``oriented`` gets those no rule refuses."""
    rows = np.flatnonzero(refused)
    words, geometries = judge_geometries(table.geometry[rows], lambda i: table.member(int(rows[i])))
    oriented[rows] = geometries
    return dict(zip(rows.tolist(), words, strict=True))


def _property_words(table: FeatureTable, refused: np.ndarray) -> dict[int, list[Defect]]:
    """The words of the properties the column screen refused, by row (:data:`NO_PROPERTIES` if no object)."""
    rows = np.flatnonzero(refused).tolist()
    objects = [i for i in rows if isinstance(table.properties[i], dict)]
    words = dict(zip(objects, property_words([table.properties[i] for i in objects]), strict=True))
    return {i: words.get(i, [NO_PROPERTIES]) for i in rows}


def _screen(table: FeatureTable) -> tuple[np.ndarray, np.ndarray]:
    """The geometry rules' mask and the oriented geometries, for the rows the reader did not screen."""
    if table.screened is None:
        return screen(table.geometry)
    passed = table.screened & ~shapely.is_missing(table.geometry)
    oriented = table.geometry.copy()
    rest = np.flatnonzero(~table.screened)
    if len(rest):
        passed[rest], oriented[rest] = screen(table.geometry[rest])
    return passed, oriented


def _row(
    table: FeatureTable, features: np.ndarray, index: int, file: str, words: list[Defect]
) -> list[Problem]:
    """One refused row's problems: its geometry's, then its properties'."""
    if not features[index]:
        return [Problem(file, f"feature #{index}", *NOT_A_FEATURE)]
    label = row_label(table.properties[index], index)
    return [Problem(file, label, what, fix) for what, fix in words]
