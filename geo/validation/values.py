"""Values JSON can hold: finite numbers, text, true/false/null, lists and objects of them.

A layer is written as strict JSON (RFC 8259 has no NaN or Infinity), so a value
that JSON cannot hold must be refused when it comes in, not when it is saved.
"""

from __future__ import annotations

import math
from typing import Any


def non_json(value: Any, path: str = "") -> tuple[str, str] | None:
    """The first place in ``value`` that strict JSON cannot hold, and what is there; None when all is well.

    Parameters
    ----------
    value : object
        A decoded JSON value (dicts, lists, str, int, float, bool, None).
    path : str
        How to name ``value`` in the answer, e.g. ``"population"``.

    Returns
    -------
    tuple of (path, what) or None
        ``path`` extended by ``[i]`` and ``.key`` down to the offending value.

    Examples
    --------
    >>> non_json({"a": [1, float("inf")]}, "p")
    ('p.a[1]', 'the non-finite number inf')
    >>> non_json({"a": {1, 2}}) is None
    False
    >>> non_json({"a": [1, "x", None, True]}) is None
    True
    """
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else (path, f"the non-finite number {value}")
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = non_json(item, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = non_json(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
        return None
    return path, f"a {type(value).__name__}, which JSON has no type for"
