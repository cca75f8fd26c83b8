"""Validating a :class:`~geo.validation.table.FeatureTable`: vectorised rules, words for the rows they refuse.

Each rule is a mask over the rows and a message template:

- a row that is not a GeoJSON Feature (:data:`NOT_A_FEATURE`);
- a geometry that breaks the layer format: screened at once
  (:func:`geo.validation.geometry_screen.screen`), then the rows it cannot clear judged
  by the masks of :data:`geo.validation.geometry_rules.RULES`
  (:func:`geo.validation.geometry.judge_geometries`);
- properties the column screen cannot clear (:func:`geo.validation.property_screen.plain_properties`).

Only the rows some mask refuses are looked at one by one, to find the values their
templates need (and, for properties, :func:`geo.validation.properties.validate_properties`),
row by row in input order, so a table's problems read the same whatever input it came from.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import Problem
from geo.progress import progress
from geo.validation.geometry import judge_geometries
from geo.validation.geometry_screen import screen
from geo.validation.properties import validate_properties
from geo.validation.property_screen import plain_properties
from geo.validation.table import FeatureTable, row_label

#: The words for a row that is not a Feature: (what, fix).
NOT_A_FEATURE = ("is not a GeoJSON Feature", 'give it "type": "Feature"')

#: The words for a Feature whose properties are not an object: (what, fix).
NO_PROPERTIES = ("has no properties object", 'add "properties": {"id": ..., "name": ...}')

Valid = list[tuple[dict[str, Any], BaseGeometry]]


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
    valid : list of (properties, geometry)
        The rows no rule refused, in input order, polygons oriented the RFC 7946 way.
    problems : list of Problem
        Every problem, row by row in input order, named ``feature 'id' (#row)``.
    """
    features = table.is_feature()
    with ThreadPoolExecutor(max_workers=1) as pool:  # GEOS lets go of the GIL: properties meanwhile
        screening = pool.submit(_screen, table)
        props = [p if ok else None for p, ok in zip(table.properties, features.tolist(), strict=True)]
        plain = plain_properties(props, table.columns) & features
        passed, oriented = screening.result()
    valid_rows = plain & passed
    judged = np.flatnonzero(features & ~passed)
    words, geometries = judge_geometries(table.geometry[judged], lambda i: table.member(int(judged[i])))
    oriented[judged] = geometries
    geometry_words = dict(zip(judged.tolist(), words, strict=True))
    problems: list[Problem] = []
    with progress(desc or "validating", total=len(table) if desc else 0) as bar:
        for index in np.flatnonzero(~valid_rows).tolist():
            found = _row(table, features, index, file, geometry_words.get(index, []))
            problems.extend(found)
            valid_rows[index] = not found and oriented[index] is not None
        bar.update(len(table))
    valid = [(table.properties[i], oriented[i]) for i in np.flatnonzero(valid_rows).tolist()]
    return valid, problems


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
    table: FeatureTable, features: np.ndarray, index: int, file: str, geometry_words: list[tuple[str, str]]
) -> list[Problem]:
    """One refused row's problems in words: its geometry's, then its properties'."""
    if not features[index]:
        return [Problem(file, f"feature #{index}", *NOT_A_FEATURE)]
    props = table.properties[index]
    label = row_label(props, index)
    problems = [Problem(file, label, what, fix) for what, fix in geometry_words]

    def report(what: str, fix: str) -> None:
        problems.append(Problem(file, label, what, fix))

    if not isinstance(props, dict):
        report(*NO_PROPERTIES)
        return problems
    validate_properties(props, report)
    return problems
