"""The pieces the property rules share: the id's pattern, the optional texts, values no JSON file can hold.

The rules of a feature's properties are :data:`geo.validation.property_rules.RULES`;
a stated figure's are :data:`geo.validation.stated_rules.FIGURE_RULES`.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from geo.validation.columns import ValueColumn

#: A feature id: lowercase snake_case, safe as a file name and a DOM id.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
ID_MAX_LENGTH = 64

LONE_SURROGATE = re.compile("[\ud800-\udfff]")

SNAKE_FIX = "use lowercase letters, digits and single underscores, starting with a letter"

#: Optional members that are fine as text or null.
OPTIONAL_TEXTS = ("short_name", "name_zh", "kind", "digitized_from")


def snake_case_ids(column: ValueColumn) -> np.ndarray:
    """True for each text of 1 to :data:`ID_MAX_LENGTH` characters matching :data:`ID_PATTERN`.

    The lengths are judged at once; the pattern is matched per value (numpy has no
    regular expressions).

    Parameters
    ----------
    column : ValueColumn
        The ids.

    Returns
    -------
    numpy.ndarray of bool
        One value a row; False where the value is no text.

    Examples
    --------
    >>> snake_case_ids(ValueColumn(["a_1", "A", "", "a" * 65, 7, None])).tolist()
    [True, False, False, False, False, False]
    """
    lengths = column.lengths()
    rows = np.flatnonzero((lengths > 0) & (lengths <= ID_MAX_LENGTH))
    found = np.zeros(len(column), dtype=bool)
    ids = column.take(rows)
    found[rows] = np.fromiter(map(bool, map(ID_PATTERN.match, ids)), dtype=bool, count=len(rows))
    return found


def unwritable(value: Any, *, numbers: bool = True) -> tuple[str, str] | None:
    """What in ``value`` (at any depth, keys too) no JSON file can hold, and the fix; None if nothing.

    NaN and Infinity (when ``numbers``), and lone UTF-16 surrogates, which data from
    Python (not from a file: :func:`geo.io.json_file.read_json` refuses them) can hold.

    Parameters
    ----------
    value : object
        A decoded value: a property's, or a whole object's.
    numbers : bool
        Refuse NaN and Infinity too (stated figures' numbers get their own messages).

    Returns
    -------
    (what, fix) or None
        The first such thing in words.
    """
    stack, seen = [value], set()
    while stack:
        item = stack.pop()
        if isinstance(item, float) and numbers and not math.isfinite(item):
            return (
                "NaN or Infinity, which JSON cannot hold",
                "replace it with a number, or null when there is none",
            )
        surrogate = LONE_SURROGATE.search(item) if isinstance(item, str) else None
        if surrogate:
            code = f"\\u{ord(surrogate[0]):04x}"
            return (
                f"a lone UTF-16 surrogate {code}, which is no character",
                "replace it with the character meant",
            )
        if isinstance(item, dict | list | tuple) and id(item) not in seen:  # seen: a list may hold itself
            seen.add(id(item))
            stack.extend([*item.keys(), *item.values()] if isinstance(item, dict) else item)
    return None
