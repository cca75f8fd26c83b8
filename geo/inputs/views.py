"""The ``view=`` argument of the notebook API: a layer's name, a feature's id, or bounds in degrees."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from geo.errors import ViewError
from geo.model import Layer

#: The view name for every feature of the atlas (as the figure's ``--view gba``).
ALL = "gba"


def checked_view(view: Any, layers: Sequence[Layer]) -> str | tuple[float, float, float, float]:
    """``view`` as the map and the figure take it; :class:`ViewError` in the API's words otherwise.

    Parameters
    ----------
    view : str or sequence of 4 numbers
        A layer's name, a feature's id, ``"gba"`` (everything), or ``(west, south, east,
        north)`` in degrees of longitude and latitude.
    layers : sequence of Layer
        The atlas's layers, whose names and feature ids a text view must be one of.

    Returns
    -------
    str or tuple of 4 floats

    Raises
    ------
    ViewError
        Naming ``view=``, what is wrong and the values it can take.

    Examples
    --------
    >>> checked_view((114.0, 22.4, 114.1, 22.6), [])
    (114.0, 22.4, 114.1, 22.6)
    >>> checked_view("nowhere", [])
    Traceback (most recent call last):
    ...
    geo.errors.ViewError: view='nowhere' names no layer or feature; use one of 'gba'
    """
    if isinstance(view, str):
        return _named_view(view, layers)
    box = _box(view)
    if box is not None:
        return box
    fix = "pass a layer's name, a feature's id, or (west, south, east, north) in degrees"
    raise ViewError(f"view={view!r} is not a view; {fix}, e.g. (113.8, 22.4, 114.2, 22.6)")


def _named_view(view: str, layers: Sequence[Layer]) -> str:
    """``view`` when it names a layer or feature (or everything); :class:`ViewError` otherwise."""
    names = [ALL, *(layer.name for layer in layers), *(f.id for layer in layers for f in layer)]
    if view not in names:
        choices = ", ".join(repr(name) for name in names)
        raise ViewError(f"view={view!r} names no layer or feature; use one of {choices}")
    return view


def _box(view: Any) -> tuple[float, float, float, float] | None:
    """``view`` as (west, south, east, north) degrees when it is a box on the globe, else None."""
    if not (isinstance(view, Sequence) and len(view) == 4 and all(_number(v) for v in view)):
        return None
    west, south, east, north = (float(v) for v in view)
    if -180 <= west < east <= 180 and -90 <= south < north <= 90:
        return (west, south, east, north)
    return None


def _number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(value)
