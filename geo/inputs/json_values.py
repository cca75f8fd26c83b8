"""Data handed in from Python made JSON values: what a file would hold, so it is validated as a file is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from geo.errors import InputError, LayerError, Problem
from geo.validation.values import non_json

#: Deeper than any GeoJSON needs (a MultiPolygon's positions are 4 levels down): a value nested
#: deeper, or one that contains itself, is refused rather than walked until the stack runs out.
MAX_DEPTH = 64


def as_json_values(value: Any, *, label: str, path: str = "", error: type[InputError] = LayerError) -> Any:
    """``value`` with tuples as lists, mappings as dicts and numpy scalars and arrays as Python values.

    NaN and Infinity pass, for the validators to report as they do for a file.

    Parameters
    ----------
    value : object
        Data made in Python (dicts, lists, tuples, numpy values, ...).
    label : str
        How messages name the data.
    path : str
        How messages name ``value`` inside it.
    error : type of InputError
        The error raised (:class:`~geo.errors.LayerError` unless the caller says otherwise).

    Returns
    -------
    object
        JSON values: dicts, lists, text, numbers, True/False and None.

    Raises
    ------
    LayerError (or ``error``)
        When ``value`` is nested more than :data:`MAX_DEPTH` levels deep (or contains itself), or
        holds an object JSON has no type for (a date, a set, ...), named by its place in ``value``.
    """
    odd: list[Any] = []
    try:
        converted = _converted(value, MAX_DEPTH, odd)
    except RecursionError:
        what = f"is nested more than {MAX_DEPTH} levels deep, or contains itself"
        raise error(
            [Problem(label, path, what, "pass plain GeoJSON: dicts, lists, numbers and text")]
        ) from None
    found = non_json(converted, path, allow_non_finite=True) if odd else None  # find where, only if needed
    if found:
        fix = "pass only dicts, lists, numbers, text, True/False and None (dates as text, e.g. str(date))"
        raise error([Problem(label, found[0], f"holds {found[1]}", fix)])
    return converted


def _converted_container(
    value: Mapping[Any, Any] | list[Any] | tuple[Any, ...], depth: int, odd: list[Any]
) -> Any:
    """A mapping as a dict, a list or tuple as a list, items converted; keys not text go in ``odd``."""
    if isinstance(value, Mapping):
        odd.extend(key for key in value if not isinstance(key, str))
        return {key: _converted(item, depth - 1, odd) for key, item in value.items()}
    return [_converted(item, depth - 1, odd) for item in value]


def _converted(value: Any, depth: int, odd: list[Any]) -> Any:
    """The conversion of :func:`as_json_values`; values it cannot convert are kept, and listed in ``odd``."""
    if isinstance(value, str | bool | int | float) or value is None:
        return value
    if depth == 0:
        raise RecursionError
    if isinstance(value, Mapping | list | tuple):
        return _converted_container(value, depth, odd)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return _converted(value.tolist(), depth, odd)
    odd.append(value)
    return value
