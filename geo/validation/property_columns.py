"""The properties of the rows the property rules judge, as columns (:class:`Columns`).

Each member is gathered from the rows' dicts once (per value: the rows are Python dicts)
and then judged at once (:class:`geo.validation.columns.ValueColumn`); the rows'
stated figures are flattened into one table of figures
(:class:`geo.validation.stated_rules.StatedColumn`), their aliases into one column.
"""

from __future__ import annotations

import json
from functools import cached_property
from operator import methodcaller
from typing import Any

import numpy as np

from geo.validation.columns import ValueColumn
from geo.validation.properties import LONE_SURROGATE, unwritable
from geo.validation.stated_rules import StatedColumn

#: How many lists or objects of a column are written as JSON at once.
_CHUNK = 4096


class Columns:
    """The properties of some rows, a member at a time.

    Parameters
    ----------
    rows : list of dict
        Each row's properties.
    """

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self._columns: dict[str, ValueColumn] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key: str) -> ValueColumn:
        """Each row's member ``key`` (None where a row has none).

        Parameters
        ----------
        key : str
            The member.

        Returns
        -------
        ValueColumn
            One value a row.
        """
        if key not in self._columns:
            self._columns[key] = ValueColumn(list(map(methodcaller("get", key), self.rows)))
        return self._columns[key]

    def unwritable(self) -> np.ndarray:
        """True for each row with a member no JSON file can hold (as :func:`~.properties.unwritable` finds).

        A column's numbers and texts are judged at once (a float that is not finite, except
        in ``stated``, whose figures say it better; a text with a lone surrogate); a list or
        an object is looked into value by value, at any depth.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        found = np.zeros(len(self), dtype=bool)
        for key in set().union(*self.rows):
            column = self[key]
            if key != "stated":
                found |= column.where_type(lambda kind: issubclass(kind, float)) & ~np.isfinite(
                    column.numbers
                )
            found |= column.texts_matching(LONE_SURROGATE)
            nested = np.flatnonzero(column.instances(dict, list, tuple) & ~found)
            for start in range(0, len(nested), _CHUNK):  # a chunk at a time: its text is small
                rows = nested[start : start + _CHUNK]
                found[rows] = _unwritable_values([column.values[i] for i in rows.tolist()], key != "stated")
        return found

    @cached_property
    def has_name(self) -> np.ndarray:
        """True for each row whose name_zh is a text that is not blank."""
        name = self["name_zh"]
        return np.asarray(name.texts & ~name.blank_texts(), dtype=bool)

    @cached_property
    def stated(self) -> StatedColumn:
        """The stated figures of the rows whose ``stated`` is a list, as one table."""
        column = self["stated"]
        lists = column.instances(list)
        return StatedColumn([v if ok else [] for v, ok in zip(column.values, lists.tolist(), strict=True)])

    @cached_property
    def aliases(self) -> tuple[ValueColumn, np.ndarray]:
        """Every alias of the rows whose ``aliases`` is a list, as one column, and the row of each."""
        column = self["aliases"]
        rows = np.flatnonzero(column.instances(list))
        lists = [column.values[i] for i in rows.tolist()]
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        return ValueColumn([a for aliases in lists for a in aliases]), np.repeat(rows, lengths)

    def bad_aliases(self) -> np.ndarray:
        """True for each row with an alias that is no text or a blank one.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        aliases, owner = self.aliases
        bad = aliases.no_text()
        return np.bincount(owner[bad], minlength=len(self)) > 0


def _unwritable_values(values: list[Any], numbers: bool) -> np.ndarray:
    """True for each value :func:`_writable` refuses: all written at once first, one by one if that fails."""
    if _writable(values, numbers=numbers):
        return np.zeros(len(values), dtype=bool)
    return np.fromiter((not _writable(v, numbers=numbers) for v in values), dtype=bool, count=len(values))


def _writable(value: Any, *, numbers: bool) -> bool:
    """Whether a JSON file can hold ``value`` (:func:`geo.validation.properties.unwritable` finds nothing).

    Written by :func:`json.dumps` first (in C: no NaN or Infinity when ``numbers``, then
    encoded as UTF-8, which no lone surrogate survives); only what it refuses for any
    reason (a set, a cycle, a number past its digit limit) is looked into by ``unwritable``.
    """
    try:
        json.dumps(value, allow_nan=not numbers, ensure_ascii=False).encode()
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return unwritable(value, numbers=numbers) is None
    return True
