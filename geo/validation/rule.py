"""A validation rule: a vectorised mask, a message template, and the values the template needs.

A :class:`Rule` (of geometries, over :class:`Candidates`) or a :class:`TableRule` (of
properties, stated figures, sources: over a table of their values) decides which rows
break it all at once (its ``mask``); only for a row it refuses are the template's values
found (its ``details``), one row at a time, so the words say where the defect is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

Values = Mapping[str, Any]
"""The values a template is formatted with."""

T = TypeVar("T")


@dataclass(frozen=True)
class Failing:
    """One row a rule refused, as its details function sees it.

    Attributes
    ----------
    geometry : shapely geometry
        The row's geometry as read (for a geometry whose lines or rings the reader
        found wrong, a line through its positions: :func:`geo.validation.geometry.carriers`).
    member : object
        The row's ``geometry`` as decoded GeoJSON, for where a position is and what it holds.
    """

    geometry: BaseGeometry
    member: Any


class Candidates:
    """The geometries the rules judge, with what several masks look at, computed once.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries in WGS84 degrees (none of them None).
    parts : numpy.ndarray of bool
        True where the reader found a line or ring too short or not closed.
    """

    def __init__(self, geometries: np.ndarray, parts: np.ndarray) -> None:
        self.geometries = geometries
        self.parts = parts

    @cached_property
    def types(self) -> np.ndarray:
        """Each geometry's shapely type id."""
        return np.asarray(shapely.get_type_id(self.geometries))

    @cached_property
    def bounds(self) -> np.ndarray:
        """Each geometry's (west, south, east, north) over all its positions, in degrees; NaN if empty.

        Not :func:`shapely.bounds`, which gives a polygon's exterior's: a hole may lie outside it.
        """
        xy, owner = shapely.get_coordinates(self.geometries, return_index=True)
        found = np.full((len(self.geometries), 4), np.nan)
        if len(xy):
            starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
            rows = owner[starts]
            found[rows, :2] = np.fmin.reduceat(xy, starts, axis=0)
            found[rows, 2:] = np.fmax.reduceat(xy, starts, axis=0)
        return found

    def take(self, rows: np.ndarray) -> Candidates:
        """The candidates at ``rows``, with what was computed of them already.

        Parameters
        ----------
        rows : numpy.ndarray of int
            Indices into these candidates.

        Returns
        -------
        Candidates
            Those rows only.
        """
        taken = Candidates(self.geometries[rows], self.parts[rows])
        for name in ("types", "bounds"):
            if name in self.__dict__:
                taken.__dict__[name] = self.__dict__[name][rows]
        return taken

    def of_types(self, ids: Sequence[int]) -> np.ndarray:
        """True for each geometry of one of the shapely type ids ``ids``.

        Parameters
        ----------
        ids : sequence of int
            shapely type ids (3 Polygon, 6 MultiPolygon, ...).

        Returns
        -------
        numpy.ndarray of bool
            One value a geometry.
        """
        return np.isin(self.types, ids)


def _once(row: Failing) -> list[Values]:
    """A template without values: one message."""
    return [{}]


@dataclass(frozen=True)
class Rule:
    """A rule of the layer format: which rows break it, and the words for each that does.

    Attributes
    ----------
    name : str
        What the rule is called (for tests and the docs).
    mask : callable
        ``mask(candidates)``: True for each row that breaks the rule (numpy array of bool).
    what, fix : str
        The message's templates (:meth:`str.format`, named fields).
    details : callable
        ``details(row)``: for a refused :class:`Failing` row, the values of each message
        (usually one; a rule about lines or rings gives one a broken part).
    """

    name: str
    mask: Callable[[Candidates], np.ndarray]
    what: str
    fix: str
    details: Callable[[Failing], list[Values]] = _once

    def words(self, row: Failing) -> list[tuple[str, str]]:
        """The messages for a row this rule refused: ``(what, fix)`` each.

        Parameters
        ----------
        row : Failing
            The refused row.

        Returns
        -------
        list of (str, str)
            The templates formatted with the row's values.
        """
        return [(self.what.format(**values), self.fix.format(**values)) for values in self.details(row)]


def first_broken(rules: Sequence[Rule], candidates: Candidates) -> np.ndarray:
    """For each row, the index of the first rule it breaks, or -1 when it breaks none.

    Each mask is judged on the rows no earlier rule refused (so a mask sees no geometry
    an earlier rule found unfit, e.g. one with NaN): a geometry is refused for its first
    defect only.

    Parameters
    ----------
    rules : sequence of Rule
        In the order they are checked.
    candidates : Candidates
        The rows.

    Returns
    -------
    numpy.ndarray of int
        One value a row.
    """
    broken = np.full(len(candidates.geometries), -1, dtype=np.int64)
    for number, rule in enumerate(rules):
        alive = np.flatnonzero(broken < 0)
        if not len(alive):
            break
        whole = len(alive) == len(broken)
        hit = np.asarray(rule.mask(candidates if whole else candidates.take(alive)), dtype=bool)
        broken[alive[hit]] = number
    return broken


@dataclass(frozen=True)
class TableRule(Generic[T]):
    """A rule over the rows of a table of values (stated figures, sources): a mask and a template.

    Attributes
    ----------
    name : str
        What the rule is called.
    mask : callable
        ``mask(table)``: True for each row that breaks the rule (numpy array of bool).
    what, fix : str
        The message's templates (:meth:`str.format`, named fields).
    details : callable
        ``details(table, row)``: the values of each message for a refused row (by its index).
    """

    name: str
    mask: Callable[[T], np.ndarray]
    what: str
    fix: str
    details: Callable[[T, int], list[Values]]

    def words(self, table: T, row: int) -> list[tuple[str, str]]:
        """The messages for a row this rule refused.

        Parameters
        ----------
        table : object
            The table the rule judged.
        row : int
            The refused row's index.

        Returns
        -------
        list of (str, str)
            ``(what, fix)`` each.
        """
        return [
            (self.what.format(**values), self.fix.format(**values)) for values in self.details(table, row)
        ]


def rule_words(
    rules: Sequence[TableRule[T]], table: T, rows: int, *, gate: bool = True
) -> list[list[tuple[str, str]]]:
    """Each row's messages: every rule's mask at once, words for the refused rows, in rule order.

    The first rule is a gate (unless ``gate`` is False): a row it refuses (e.g. a figure
    that is not an object) is judged by no other rule.

    Parameters
    ----------
    rules : sequence of TableRule
        In the order a row's messages are given; the first is the gate.
    table : object
        The rows, as the rules' masks and details take them.
    rows : int
        How many rows ``table`` has.
    gate : bool
        Whether the first rule is a gate (else every rule judges every row).

    Returns
    -------
    list of list of (what, fix)
        One list a row; empty when no rule refuses it.
    """
    masks = np.zeros((len(rules), rows), dtype=bool)
    for number, rule in enumerate(rules):
        masks[number] = rule.mask(table)
    if gate:
        masks[1:] &= ~masks[0]
    found: list[list[tuple[str, str]]] = [[] for _ in range(rows)]
    for number, row in zip(*np.nonzero(masks), strict=True):  # rule by rule: each row's words in rule order
        found[row] += rules[number].words(table, int(row))
    return found
