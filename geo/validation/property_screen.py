"""Screening many features' properties at once, column by column: which need no per-feature checks.

:func:`cleared_properties` marks the properties objects in which
:data:`geo.validation.property_rules.RULES` are certain to find nothing: an
id of lowercase snake_case text, a name that is not blank, the optional texts
(``short_name``, ``name_zh``, ``kind``, ``digitized_from``) text or null, and none of
the members that carry checks of their own (stated figures, unless an empty list; the
Chinese script and its overrides). Every other object is judged by those rules.

Values are screened for what the rules refuse anywhere: a number
that is not finite (``1e400`` in JSON text reads as infinity, a data frame may hold
NaN) and a lone surrogate in a text (a column's texts searched at once); a list or an
object sends its feature to the checks one by one. So the screen holds for properties
decoded from a file and for rows of a data frame alike.

Each test is a mask over a member's column (:class:`geo.validation.columns.ValueColumn`:
types, lengths, blank texts, finite numbers at once). Per value: an id's snake_case
pattern (a regular expression), whether a list is empty, and gathering each member from
the rows' dicts when the reader has no columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from geo.validation.columns import ValueColumn
from geo.validation.properties import LONE_SURROGATE, OPTIONAL_TEXTS, snake_case_ids

#: Members with checks of their own: an object holding one (not null) is validated one by one.
OWN_CHECKS = ("stated", "name_zh_script", "name_zh_hant", "name_zh_hans")


def cleared_properties(
    objects: Sequence[Any], columns: Mapping[str, ValueColumn] | None = None
) -> np.ndarray:
    """True for each properties object in which the property rules would find nothing.

    Each member is judged as a column at once (:class:`geo.validation.columns.ValueColumn`).

    Parameters
    ----------
    objects : sequence
        Each feature's properties (a dict, or anything else, which is never plain).
    columns : mapping of str to ValueColumn, optional
        The same properties as columns (None where a row has no value), when the reader
        has them: then they are judged without being gathered from the dicts, and every
        object is a dict (``objects`` is not looked at).

    Returns
    -------
    numpy.ndarray of bool
        One value a feature.

    Examples
    --------
    >>> cleared_properties([{"id": "a_1", "name": "A"}, {"id": "B", "name": "B"}, None]).tolist()
    [True, False, False]
    """
    n = len(objects)
    if columns is not None and not any(LONE_SURROGATE.search(key) for key in columns):
        plain = np.ones(n, dtype=bool)
        for key in ["id", "name", *sorted(set(columns) - {"id", "name"}, key=str)]:
            column = columns[key] if key in columns else ValueColumn([None] * n)
            plain &= _column(key, column) & _no_surrogates(column)
        return plain
    plain = np.fromiter((type(p) is dict for p in objects), dtype=bool, count=n)
    return np.asarray(plain & _plain_dicts(objects))


def _plain_dicts(objects: Sequence[Any]) -> np.ndarray:
    """:func:`cleared_properties` without columns: each member gathered from the dicts."""
    n = len(objects)
    plain = np.ones(n, dtype=bool)
    props: list[dict[str, Any]] = [p if type(p) is dict else {} for p in objects]
    keys: set[str] = set().union(*props)
    for key in ["id", "name", *sorted(keys - {"id", "name"}, key=str)]:
        column = ValueColumn([p.get(key) for p in props])
        if type(key) is str and LONE_SURROGATE.search(key):
            plain &= np.fromiter((key not in p for p in props), bool, count=n)
        plain &= _column(key, column) & _no_surrogates(column)
    return plain


def _column(key: str, column: ValueColumn) -> np.ndarray:
    """Which values of one member pass (each member's test is a mask over its column)."""
    return _RULES.get(key, _plain_values)(column)


def _plain_ids(column: ValueColumn) -> np.ndarray:
    """An id of snake_case text of at most :data:`ID_MAX_LENGTH` characters (the pattern per value)."""
    return np.asarray(column.where_type(_is(str)) & snake_case_ids(column), dtype=bool)


def _plain_names(column: ValueColumn) -> np.ndarray:
    return np.asarray(column.where_type(_is(str)) & ~column.blank_texts(), dtype=bool)


def _no_checks(column: ValueColumn) -> np.ndarray:
    """Null, or an empty list."""
    lists = np.flatnonzero(column.where_type(_is(list)))
    empty = column.missing.copy()
    empty[lists] = np.fromiter((not column.values[i] for i in lists.tolist()), dtype=bool, count=len(lists))
    return empty


def _texts_or_null(column: ValueColumn) -> np.ndarray:
    return column.where_type(_is(str, type(None)))


def _plain_values(column: ValueColumn) -> np.ndarray:
    """A value JSON holds as it is: text, a finite number, true, false or null (1e400 reads as infinity)."""
    floats = column.where_type(_is(float))
    return np.asarray(column.where_type(_is(*_SCALARS)) | (floats & np.isfinite(column.numbers)), dtype=bool)


def _is(*kinds: type) -> Callable[[type], bool]:
    """A test of a type: one of ``kinds`` exactly (a subclass may hold more than it shows)."""
    return lambda kind: kind in kinds


def _no_surrogates(column: ValueColumn) -> np.ndarray | bool:
    """False for each text holding a lone surrogate; True when no text does (searched at once)."""
    texts = column.values if column.kind is str else [v for v in column.values if type(v) is str]
    if not LONE_SURROGATE.search("".join(texts)):
        return True
    return ~column.texts_matching(LONE_SURROGATE)


_SCALARS = (str, int, bool, type(None))

#: For each member: the test of its column.
_RULES: dict[str, Callable[[ValueColumn], np.ndarray]] = {
    "id": _plain_ids,
    "name": _plain_names,
    **dict.fromkeys(OWN_CHECKS, _no_checks),
    **dict.fromkeys(OPTIONAL_TEXTS, _texts_or_null),
}
