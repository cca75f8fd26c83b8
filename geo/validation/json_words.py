"""How messages show decoded JSON values: as short JSON text, and their types in words."""

from __future__ import annotations

import json
import math
import reprlib
from typing import Any


def show(value: Any, limit: int = 60) -> str:
    """A value as JSON-like text, cut to ``limit`` characters.

    Parameters
    ----------
    value : object
        The value.
    limit : int
        The most characters shown.

    Returns
    -------
    str
        JSON text (ASCII), or Python's shortened repr for what JSON cannot write.
    """
    try:
        text = json.dumps(value, ensure_ascii=True, default=repr)
    except (ValueError, TypeError, RecursionError):  # data from Python may hold itself, or nest deeply
        text = reprlib.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_number(value: Any) -> bool:
    """A JSON number: int or float, not bool.

    Parameters
    ----------
    value : object
        Any value.

    Returns
    -------
    bool
        Whether it is a number.
    """
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite(value: Any) -> bool:
    """A number a float can hold and that is not NaN or infinite.

    Parameters
    ----------
    value : int or float
        A number.

    Returns
    -------
    bool
        Whether it is finite as a float.
    """
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond the float range
        return False


def describe(value: Any) -> str:
    """What a JSON value is, in words: ``a string '39.3'``, ``null``, ``an object``.

    Parameters
    ----------
    value : object
        A decoded JSON value.

    Returns
    -------
    str
        Its type in words, with the value itself where short.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"a string {show(value, 40)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"an array {show(value, 40)}"
    return f"the number {show(value, 40)}"
