"""Property columns as one dict a row, each dict made only when it is asked for.

A reader that has a layer's properties as columns (a GeoParquet file, a GeoDataFrame)
keeps them so: validation judges the columns, and a layer's rows are made into
dicts only for the features that are used (:class:`geo.model.FeatureRows`), or all at
once, column by column, when every one is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np


def column_records(
    names: list[str], columns: list[list[Any]], holes: list[np.ndarray], n: int
) -> ColumnRecords:
    """Columns as one dict per row, each row without its missing values; made when asked for.

    Parameters
    ----------
    names : list of str
        The columns' names.
    columns : list of lists
        Each column's values, one a row.
    holes : list of numpy.ndarray of bool
        Each column's missing values.
    n : int
        The number of rows.

    Returns
    -------
    ColumnRecords
        A sequence of dicts, one a row.

    Examples
    --------
    >>> holes = [np.array([False, False]), np.array([False, True])]
    >>> list(column_records(["id", "floors"], [["a_1", "b_2"], [3, None]], holes, 2))
    [{'id': 'a_1', 'floors': 3}, {'id': 'b_2'}]
    """
    return ColumnRecords(names, columns, holes, n)


class ColumnRecords(Sequence[dict[str, Any]]):
    """Columns read as one dict a row, each made when asked for.

    Iterated, the dicts are made all at once, column by column, and kept.

    Parameters
    ----------
    names, columns, holes, n
        As for :func:`column_records`.
    """

    def __init__(self, names: list[str], columns: list[list[Any]], holes: list[np.ndarray], n: int) -> None:
        self._names, self._columns, self._n = names, columns, n
        self._present = [None if not gaps.any() else (~gaps).tolist() for gaps in holes]
        self._rows: list[dict[str, Any]] | None = None

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if self._rows is not None or isinstance(index, slice):
            return self.rows()[index]
        row = range(self._n)[index]
        columns = zip(self._names, self._columns, self._present, strict=True)
        return {name: values[row] for name, values, present in columns if present is None or present[row]}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows())

    def column(self, name: str) -> list[Any]:
        """One column's values, None where a row has none (an empty column for a name there is not).

        Parameters
        ----------
        name : str
            The column's name.

        Returns
        -------
        list
            One value a row.
        """
        if name not in self._names:
            return [None] * self._n
        k = self._names.index(name)
        values, present = self._columns[k], self._present[k]
        return (
            values if present is None else [v if ok else None for v, ok in zip(values, present, strict=True)]
        )

    def rows(self) -> list[dict[str, Any]]:
        """Every row's dict, made column by column the first time (the fastest way to make them all).

        Returns
        -------
        list of dict
            One a row, kept: asking again gives the same dicts.
        """
        if self._rows is None:
            rows: list[dict[str, Any]] = [{} for _ in range(self._n)]
            for name, values, present in zip(self._names, self._columns, self._present, strict=True):
                if present is None:
                    for props, value in zip(rows, values, strict=True):
                        props[name] = value
                else:
                    _fill_present(rows, name, values, present)
            self._rows = rows
        return self._rows


def _fill_present(records: list[dict[str, Any]], name: str, values: list[Any], present: list[bool]) -> None:
    """Set ``name`` in each record to its value, where the value is present."""
    for props, value, ok in zip(records, values, present, strict=True):
        if ok:
            props[name] = value
