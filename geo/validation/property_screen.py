"""Screening many features' properties at once, column by column: which need no per-feature checks.

:func:`plain_properties` marks the properties objects in which
:func:`geo.validation.properties.validate_properties` is certain to find nothing: an
id of lowercase snake_case text, a name that is not blank, the optional texts
(``short_name``, ``name_zh``, ``kind``, ``digitized_from``) text or null, and none of
the members that carry checks of their own (stated figures, unless an empty list; the
Chinese script and its overrides). Every other object is validated one by one, for its messages.

Values are screened for what :func:`validate_properties` refuses anywhere: a number
that is not finite (``1e400`` in JSON text reads as infinity, a data frame may hold
NaN) and a lone surrogate in a text (a column's texts searched at once); a list or an
object sends its feature to the checks one by one. So the screen holds for properties
decoded from a file and for rows of a data frame alike.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from geo.validation.properties import ID_MAX_LENGTH, ID_PATTERN, LONE_SURROGATE

#: Optional members that are fine as text or null.
OPTIONAL_TEXTS = ("short_name", "name_zh", "kind", "digitized_from")

#: Members with checks of their own: an object holding one (not null) is validated one by one.
OWN_CHECKS = ("stated", "name_zh_script", "name_zh_hant", "name_zh_hans")

_IDS = re.compile(ID_PATTERN.pattern.strip("^$").join(["(?:", "\n)*"]))


def plain_properties(objects: list[Any]) -> np.ndarray:
    """True for each properties object that :func:`validate_properties` would find nothing in.

    >>> plain_properties([{"id": "a_1", "name": "A"}, {"id": "B", "name": "B"}, None]).tolist()
    [True, False, False]
    """
    n = len(objects)
    plain = np.fromiter((type(p) is dict for p in objects), dtype=bool, count=n)
    props: list[dict[str, Any]] = [p if type(p) is dict else {} for p in objects]
    plain &= _plain_ids([p.get("id") for p in props])
    names = [p.get("name") for p in props]
    plain &= np.fromiter((type(v) is str and v != "" and not v.isspace() for v in names), bool, count=n)
    keys: set[str] = set().union(*props)
    for key in sorted(keys, key=str):
        values = [p.get(key) for p in props]
        if type(key) is str and LONE_SURROGATE.search(key):
            plain &= np.fromiter((key not in p for p in props), bool, count=n)
        if key in OWN_CHECKS:
            plain &= np.fromiter((v is None or (type(v) is list and not v) for v in values), bool, count=n)
        elif key in OPTIONAL_TEXTS:
            plain &= np.fromiter((v is None or type(v) is str for v in values), bool, count=n)
        else:
            plain &= np.fromiter(map(_plain_value, values), bool, count=n)
        plain &= _no_surrogates(values)
    return plain


def _plain_ids(ids: list[Any]) -> np.ndarray:
    """True for each id of lowercase snake_case text of at most :data:`ID_MAX_LENGTH` characters."""
    n = len(ids)
    plain = np.fromiter((type(i) is str and 0 < len(i) <= ID_MAX_LENGTH for i in ids), bool, count=n)
    text = "\n".join(i for i in ids if type(i) is str) + "\n"
    if text.count("\n") != int(plain.sum()) or not _IDS.fullmatch(text):  # one by one, as validate_id
        plain &= np.fromiter((type(i) is str and ID_PATTERN.match(i) is not None for i in ids), bool, n)
    return plain


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
