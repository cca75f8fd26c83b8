"""``assert_area``: a polygon's geodesic area against a stated figure, decided by the model's AreaCheck."""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping
from typing import Any

from geo.geodesy import geodesic_area
from geo.model import AreaCheck, Feature, Source, StatedFigure
from geo.testing.geometries import polygon
from geo.testing.messages import format_area_failure
from geo.units import hectares
from geo.validation import validate_stated

__all__ = ["assert_area", "stated_figure"]

#: The source of a figure given without one (a number of hectares); messages show no source line.
NO_SOURCE = Source(title="", issuer="", date="")
#: The rationale of a figure given without one.
GIVEN = "given to assert_area"
#: What a stated figure of the layer format may leave out here, and what it then is.
_PLACEHOLDERS: dict[str, Any] = {
    "about": False,
    "rationale": GIVEN,
    "tolerance_pct": 1.0,  # only so the rest validates: a missing tolerance must be passed
    "source": {"title": GIVEN, "issuer": GIVEN, "date": "2000"},
}


def assert_area(
    feature_or_geometry: Any,
    stated: float | Mapping[str, Any] | StatedFigure,
    *,
    tolerance_pct: float | None = None,
    name: str | None = None,
) -> None:
    """Assert that a polygon's geodesic (WGS84) area matches a stated figure within a tolerance.

    The area is computed exactly as ``gba-atlas check`` computes it (a feature's own cached
    ``area_m2``), and held against the figure by the model's :class:`~geo.model.AreaCheck`: the
    deviation is (computed − stated) / stated × 100, and the figure holds when its absolute value
    is at most ``tolerance_pct``.

    Parameters
    ----------
    feature_or_geometry : shapely geometry, Feature, GeoJSON dict, GeoSeries or GeoDataFrame
        A Polygon or MultiPolygon in WGS84 longitude/latitude: a shapely geometry; a feature of an
        :class:`~geo.Atlas` (``atlas.features["qianhai"]``); a GeoJSON Feature or geometry dict, or
        anything with ``__geo_interface__``; a GeoDataFrame row; or a one-row GeoSeries or
        GeoDataFrame (reprojected to WGS84 when it has another CRS).
    stated : float, dict or StatedFigure
        The stated area in hectares; a stated figure of the layer format (a dict with at least
        ``hectares``; ``as_stated``, ``value`` and ``unit``, ``about``, ``tolerance_pct``,
        ``rationale`` and ``source`` are optional here, and what is given is validated as in a
        layer file); or a :class:`~geo.model.StatedFigure` (``atlas.features["qianhai"].stated[0]``).
    tolerance_pct : float, optional
        The largest deviation that passes, in percent of the stated figure. Required when
        ``stated`` is a number; by default a stated figure's own ``tolerance_pct``.
    name : str, optional
        How the message names the polygon; by default the feature's name or id.

    Returns
    -------
    None
        When the figure holds.

    Raises
    ------
    AssertionError
        When the deviation exceeds the tolerance; the message carries the ``gba-atlas check`` line.
    TypeError, ValueError
        For arguments that cannot be checked: no tolerance, not a polygon, not lon/lat, ...

    Examples
    --------
    >>> import shapely
    >>> square = {"type": "Feature", "properties": {"id": "sq", "name": "Square"},
    ...           "geometry": shapely.geometry.mapping(shapely.box(114.0, 22.4, 114.01, 22.41))}
    >>> figure = {"as_stated": "about 1.14 km²", "hectares": 114, "tolerance_pct": 0.5}
    >>> assert_area(square, figure)
    >>> assert_area(square, 114)
    Traceback (most recent call last):
    ...
    TypeError: assert_area: pass tolerance_pct=... (in percent) when the stated figure is a number
    """
    geometry, label = polygon(feature_or_geometry)
    figure = stated_figure(stated, tolerance_pct)
    if isinstance(feature_or_geometry, Feature):
        fid, area_m2 = feature_or_geometry.id, feature_or_geometry.area_m2
    else:
        fid, area_m2 = label, float(geodesic_area(geometry))
    check = AreaCheck(id=fid, name=name or label, figure=figure, computed_ha=hectares(area_m2))
    if not check.ok:
        raise AssertionError(format_area_failure(check))


def stated_figure(stated: Any, tolerance_pct: float | None = None) -> StatedFigure:
    """The :class:`~geo.model.StatedFigure` of what :func:`assert_area` takes as ``stated``.

    Parameters
    ----------
    stated : float, dict or StatedFigure
        Hectares, a stated figure of the layer format, or a stated figure.
    tolerance_pct : float, optional
        The tolerance to hold it to instead of its own (required for a number).

    Returns
    -------
    StatedFigure
        The figure, with the tolerance it is held to.

    Raises
    ------
    TypeError, ValueError
        When ``stated`` is none of those, is not valid, or there is no valid tolerance.

    Examples
    --------
    >>> figure = stated_figure(87, tolerance_pct=2)
    >>> figure.as_stated, figure.hectares, figure.tolerance_pct
    ('87 ha', 87.0, 2.0)
    """
    own: float | None = None
    stated, tolerance_pct = _python_number(stated), _python_number(tolerance_pct)
    if isinstance(stated, StatedFigure):
        figure, own = stated, stated.tolerance_pct
    elif _is_number(stated):
        figure = _from_hectares(stated)
    elif isinstance(stated, Mapping):
        figure = _from_dict(stated)
        own = stated.get("tolerance_pct")
    else:
        msg = (
            "assert_area: stated must be hectares (a positive number), a stated figure of the layer "
            f"format (a dict) or a StatedFigure, not {stated!r}"
        )
        raise TypeError(msg)
    return dataclasses.replace(
        figure, tolerance_pct=_tolerance(own if tolerance_pct is None else tolerance_pct)
    )


def _is_number(value: Any) -> bool:
    """A finite real number, numpy's (``np.int64(114)``, ``np.float32(2)``) included, booleans not.

    >>> import numpy as np
    >>> _is_number(np.int64(114)), _is_number(np.float64("nan")), _is_number(np.bool_(True))
    (True, False, False)
    """
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return False
    return isinstance(value, numbers.Real) and math.isfinite(value)


def _python_number(value: Any) -> Any:
    """A numpy number as the Python number it holds; anything else as it is."""
    return value.item() if isinstance(value, numbers.Real) and hasattr(value, "item") else value


def _tolerance(value: Any) -> float:
    """A tolerance in percent, checked: a number >= 0."""
    if value is None:
        msg = "assert_area: pass tolerance_pct=... (in percent) when the stated figure is a number"
        raise TypeError(msg)
    if not _is_number(value) or value < 0:
        msg = f"assert_area: tolerance_pct must be a number of percent >= 0, not {value!r}"
        raise ValueError(msg)
    return float(value)


def _from_hectares(value: float) -> StatedFigure:
    """A figure given as a number of hectares (its tolerance is set by the caller)."""
    if value <= 0:
        msg = f"assert_area: the stated area must be a positive number of hectares, not {value!r}"
        raise ValueError(msg)
    return StatedFigure(f"{value:g} ha", value, "ha", float(value), False, 0.0, GIVEN, NO_SOURCE)


def _from_dict(data: Mapping[str, Any]) -> StatedFigure:
    """A stated figure of the layer format, completed where it leaves fields out and validated."""
    data = {key: _python_number(value) for key, value in data.items()}
    area: Any = data.get("hectares")
    if not _is_number(area) or area <= 0:
        msg = (
            "assert_area: stated must be hectares (a positive number) or a stated figure with "
            f"positive 'hectares', not {data!r}"
        )
        raise ValueError(msg)
    defaults = {"as_stated": f"{area:g} ha", "value": area, "unit": "ha", **_PLACEHOLDERS}
    full = {**defaults, **data}
    problems: list[str] = []
    validate_stated(full, lambda what, fix: problems.append(f"{what} ({fix})"))
    if problems:
        msg = f"assert_area: the stated figure is not valid: {'; '.join(problems)}"
        raise ValueError(msg)
    figure = StatedFigure.from_dict(full)
    return figure if "source" in data else dataclasses.replace(figure, source=NO_SOURCE)
