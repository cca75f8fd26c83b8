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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from geo.validation.properties import ID_MAX_LENGTH, ID_PATTERN, LONE_SURROGATE, OPTIONAL_TEXTS

#: Members with checks of their own: an object holding one (not null) is validated one by one.
OWN_CHECKS = ("stated", "name_zh_script", "name_zh_hant", "name_zh_hans")


def cleared_properties(objects: Sequence[Any], columns: Mapping[str, list[Any]] | None = None) -> np.ndarray:
    """True for each properties object in which the property rules would find nothing.

    Each column is judged at once when it can be (every value of one plain type); only a
    column that holds something else is judged value by value.

    Parameters
    ----------
    objects : sequence
        Each feature's properties (a dict, or anything else, which is never plain).
    columns : mapping of str to list, optional
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
            values = columns.get(key) or [None] * n
            plain &= _column(key, values) & _no_surrogates(values)
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
        values = [p.get(key) for p in props]
        if type(key) is str and LONE_SURROGATE.search(key):
            plain &= np.fromiter((key not in p for p in props), bool, count=n)
        plain &= _column(key, values) & _no_surrogates(values)
    return plain


def _column(key: str, values: list[Any]) -> np.ndarray | bool:
    """Which values of one member pass; True when all do (judged at once when they are of one plain type)."""
    whole, each = _RULES.get(key, (_all_plain_values, _plain_value))
    return True if whole(values) else _each(each, values)


def _all_ids(values: list[Any]) -> bool:
    if set(map(type, values)) != {str}:
        return False
    lengths = set(map(len, values))
    return min(lengths) > 0 and max(lengths) <= ID_MAX_LENGTH and all(map(ID_PATTERN.match, values))


def _all_names(values: list[Any]) -> bool:
    return set(map(type, values)) == {str} and all(map(str.strip, values))


def _all_null(values: list[Any]) -> bool:
    return set(map(type, values)) == {type(None)}


def _all_texts_or_null(values: list[Any]) -> bool:
    return set(map(type, values)) <= {str, type(None)}


def _all_plain_values(values: list[Any]) -> bool:
    """Every value text, an int, true/false or null, or a finite float."""
    types = set(map(type, values))
    if types <= _SCALARS:
        return True
    if not types <= _SCALARS | {float}:
        return False
    return bool(np.isfinite(np.fromiter((v for v in values if type(v) is float), dtype=np.float64)).all())


def _each(test: Callable[[Any], bool], values: list[Any]) -> np.ndarray:
    return np.fromiter(map(test, values), dtype=bool, count=len(values))


def _plain_id(value: Any) -> bool:
    """An id of lowercase snake_case text of at most :data:`ID_MAX_LENGTH` characters."""
    return type(value) is str and 0 < len(value) <= ID_MAX_LENGTH and ID_PATTERN.match(value) is not None


def _plain_name(value: Any) -> bool:
    return type(value) is str and bool(value.strip())


def _no_checks(value: Any) -> bool:
    return value is None or (type(value) is list and not value)


def _text_or_null(value: Any) -> bool:
    return value is None or type(value) is str


def _no_surrogates(values: list[Any]) -> np.ndarray | bool:
    """False for each text holding a lone surrogate; True when no text does (searched at once)."""
    texts = [v for v in values if type(v) is str]
    if not LONE_SURROGATE.search("".join(texts)):
        return True
    return np.fromiter((not (type(v) is str and LONE_SURROGATE.search(v)) for v in values), bool, len(values))


def _plain_value(value: Any) -> bool:
    """A value JSON holds as it is: text, a finite number, true, false or null (1e400 reads as infinity)."""
    kind = type(value)
    return kind in _SCALARS or (kind is float and math.isfinite(value))


_SCALARS = frozenset({str, int, bool, type(None)})


_Rule = tuple[Callable[[list[Any]], bool], Callable[[Any], bool]]

#: For each member: the test of a whole column at once, and the test of one value.
_RULES: dict[str, _Rule] = {
    "id": (_all_ids, _plain_id),
    "name": (_all_names, _plain_name),
    **dict.fromkeys(OWN_CHECKS, (_all_null, _no_checks)),
    **dict.fromkeys(OPTIONAL_TEXTS, (_all_texts_or_null, _text_or_null)),
}
