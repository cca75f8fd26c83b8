"""A table of stated figures: each member of every figure a column, and the figures' sources a table.

The rules of :mod:`geo.validation.stated_rules` are masks over it. Per value: each
figure's type, gathering its members from its dict, and whether its keys are all
known (a set's ``issuperset``, once a figure); the rest is columns
(:class:`geo.validation.columns.ValueColumn`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from operator import methodcaller
from typing import Any

import numpy as np

from geo.units import HECTARES_PER_UNIT
from geo.validation.columns import ValueColumn
from geo.validation.sources import Sources

#: The members of a stated figure: any other is refused (a misspelled key would be lost silently).
STATED_KEYS = ("as_stated", "value", "unit", "hectares", "about", "tolerance_pct", "rationale", "source")
#: :data:`STATED_KEYS` as a set.
KNOWN_KEYS = frozenset(STATED_KEYS)


class Figures:
    """Stated figures as a table: a column for each member, and a mask for what several rules look at.

    Parameters
    ----------
    figures : sequence
        The decoded figures (an object each, when well-formed).
    """

    def __init__(self, figures: Sequence[Any]) -> None:
        self.values = figures
        self.objects = ValueColumn(figures).instances(dict)
        self._dicts = [f if ok else {} for f, ok in zip(figures, self.objects.tolist(), strict=True)]
        self._columns: dict[str, ValueColumn] = {}

    def __len__(self) -> int:
        return len(self.values)

    def column(self, key: str) -> ValueColumn:
        """The member ``key`` of every figure (None where a figure has none).

        Parameters
        ----------
        key : str
            One of :data:`STATED_KEYS`.

        Returns
        -------
        ValueColumn
            One value a figure.
        """
        if key not in self._columns:
            self._columns[key] = ValueColumn(list(map(methodcaller("get", key), self._dicts)))
        return self._columns[key]

    @cached_property
    def unknown_keys(self) -> np.ndarray:
        """True for each figure with a key not in :data:`STATED_KEYS`."""
        known = map(KNOWN_KEYS.issuperset, self._dicts)
        return ~np.fromiter(known, dtype=bool, count=len(self))

    @cached_property
    def amounts(self) -> np.ndarray:
        """True for each figure whose value and hectares are positive numbers and whose unit is known."""
        positive = self.column("value").positive() & self.column("hectares").positive()
        return np.asarray(positive & self.known_unit, dtype=bool)

    @cached_property
    def known_unit(self) -> np.ndarray:
        """True for each figure whose unit is one of :data:`geo.units.HECTARES_PER_UNIT`."""
        return self.column("unit").texts_in(list(HECTARES_PER_UNIT))

    def mismatched(self) -> np.ndarray:
        """True for each figure whose hectares is not its value in its unit (relative tolerance 1e-6).

        Returns
        -------
        numpy.ndarray of bool
            One value a figure.
        """
        factors = np.ones(len(self))
        for unit, factor in HECTARES_PER_UNIT.items():
            factors[self.column("unit").texts_in([unit])] = factor
        hectares, expected = self.column("hectares").numbers, self.column("value").numbers * factors
        with np.errstate(over="ignore", invalid="ignore"):
            close = np.abs(hectares - expected) <= 1e-6 * np.maximum(np.abs(hectares), np.abs(expected))
        return np.asarray(self.amounts & ~close, dtype=bool)

    @cached_property
    def sources(self) -> Sources:
        """Each figure's source, as a table of sources."""
        return Sources(self.column("source").values)
