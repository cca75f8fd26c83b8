"""Assertion helpers for your own tests, in the style of :mod:`geopandas.testing`.

- :func:`assert_area`: a polygon's geodesic area against a stated figure (hectares or a
  stated figure of the layer format), within a tolerance;
- :func:`assert_claim`: a claim, in the claims format or from a report, holds;
- :func:`assert_layers_valid`: a layers folder passes validation (returns its :class:`~geo.Atlas`).

Each raises ``AssertionError`` whose message starts with one line saying what does not hold,
followed by the line ``gba-atlas check`` prints for it, and what to look at; bad arguments raise
``TypeError`` or ``ValueError``. The pytest plugin (:mod:`geo.pytest_plugin`) formats its failures
with :func:`format_area_failure` and :func:`format_claim_failure`, so both read alike.

>>> import shapely
>>> square = shapely.box(114.0, 22.4, 114.01, 22.41)  # about 114 ha
>>> assert_area(square, 114, tolerance_pct=1)
>>> assert_area(square, 100, tolerance_pct=5, name="My square")
Traceback (most recent call last):
...
AssertionError: My square: computed 114.0 ha against 100 ha (100.0 ha) is +14.02 %, allowed ±5 %
platform   stated  stated ha  computed ha  deviation  tolerance  ok
My square  100 ha  100.0      114.0        +14.02 %   ±5 %       ✗
fix: the polygon is larger than stated; check its vertices, or the figure and its tolerance_pct
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import shapely
from shapely.geometry.base import BaseGeometry

# Everything this module takes from gba-atlas, in one place.
from geo import Atlas, AtlasError, InputError, geodesic_area
from geo.report import AREA_HEADER, CLAIM_HEADER, area_cells, mark

__all__ = [
    "assert_area",
    "assert_claim",
    "assert_layers_valid",
    "format_area_failure",
    "format_claim_failure",
    "format_input_error",
]

M2_PER_HECTARE = 10_000


class AreaRow(Protocol):
    """What an area check carries (a row of ``Report.areas``, or :func:`assert_area`'s own)."""

    id: str
    name: str
    stated: str
    stated_ha: float
    computed_ha: float
    deviation_pct: float
    tolerance_pct: float
    ok: bool
    source: str
    source_url: str | None


class ClaimRow(Protocol):
    """What a claim verdict carries (a row of ``Report.claims``)."""

    id: str
    claim: str
    sentence: str
    ok: bool
    detail: str
    features: tuple[str, ...]


@dataclass(frozen=True)
class _AreaCheck:
    id: str
    name: str
    stated: str
    stated_ha: float
    computed_ha: float
    deviation_pct: float
    tolerance_pct: float
    ok: bool
    source: str
    source_url: str | None


# --------------------------------------------------------------------------- #
# Messages
# --------------------------------------------------------------------------- #


def _aligned(header: Sequence[str], row: Sequence[str]) -> list[str]:
    """Two table lines, columns aligned as ``gba-atlas check`` aligns them."""
    widths = [max(len(h), len(c)) for h, c in zip(header, row, strict=True)]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, row)]


def format_area_failure(check: AreaRow) -> str:
    """The message for a stated figure that does not hold.

    One summary line; the header and the row of ``gba-atlas check``'s AREAS table; the source;
    what to fix.

    Examples
    --------
    >>> row = _AreaCheck("park", "A park", "87-hectare", 87.0, 95.0, 9.195, 2.0, False,
    ...                  "Xinhua, Park launched (2025-12-22)", "http://example.org/a")
    >>> print(format_area_failure(row))
    A park: computed 95.0 ha against 87-hectare (87.0 ha) is +9.20 %, allowed ±2 %
    platform  stated      stated ha  computed ha  deviation  tolerance  ok
    A park    87-hectare  87.0       95.0         +9.20 %    ±2 %       ✗
    source: Xinhua, Park launched (2025-12-22) <http://example.org/a>
    fix: the polygon is larger than stated; check its vertices, or the figure and its tolerance_pct
    """
    lines = [
        f"{check.name}: computed {check.computed_ha:,.1f} ha against {check.stated} "
        f"({check.stated_ha:,.1f} ha) is {check.deviation_pct:+.2f} %, allowed ±{check.tolerance_pct:g} %",
        *_aligned(AREA_HEADER, area_cells(check)),  # type: ignore[arg-type]
    ]
    if check.source:
        lines.append(f"source: {check.source}" + (f" <{check.source_url}>" if check.source_url else ""))
    size = "larger" if check.deviation_pct > 0 else "smaller"
    lines.append(
        f"fix: the polygon is {size} than stated; check its vertices, or the figure and its tolerance_pct"
    )
    return "\n".join(lines)


def format_claim_failure(result: ClaimRow) -> str:
    """The message for a claim that does not hold.

    One summary line; the header and the row of ``gba-atlas check``'s CLAIMS table; the sentence
    the claim comes from and the features it involves.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> result = SimpleNamespace(id="a_in_b", claim="A lies in B", sentence="A is in B.", ok=False,
    ...                          detail="12.0% of a lies in b (needs 99%): not inside", features=("a", "b"))
    >>> print(format_claim_failure(result))
    claim 'a_in_b' does not hold: 12.0% of a lies in b (needs 99%): not inside
    claim        ok  detail
    A lies in B  ✗   12.0% of a lies in b (needs 99%): not inside
    sentence: A is in B.
    features: a, b
    """
    lines = [
        f"claim {result.id!r} does not hold: {result.detail}",
        *_aligned(CLAIM_HEADER, [result.claim, mark(result.ok), result.detail]),
        f"sentence: {result.sentence}",
    ]
    if result.features:
        lines.append(f"features: {', '.join(result.features)}")
    return "\n".join(lines)


def format_input_error(error: AtlasError) -> str:
    """Bad input as the command line reports it: one ``gba-atlas: error:`` line per problem.

    >>> try:
    ...     Atlas.load("no/such/folder")
    ... except InputError as error:
    ...     print(format_input_error(error))
    gba-atlas: error: no/such/folder: is not a folder; fix: pass the folder that holds your .geojson layers
    """
    if isinstance(error, InputError):
        return "\n".join(f"gba-atlas: error: {problem}" for problem in error.problems)
    return f"gba-atlas: error: {error}"


# --------------------------------------------------------------------------- #
# Assertions
# --------------------------------------------------------------------------- #


def assert_area(
    feature_or_geometry: Any,
    stated: float | Mapping[str, Any] | Any,
    *,
    tolerance_pct: float | None = None,
    name: str | None = None,
) -> None:
    """Assert that a polygon's geodesic (WGS84) area matches a stated figure within a tolerance.

    The area is computed exactly as ``gba-atlas check`` computes it, and the deviation is
    (computed − stated) / stated × 100; the figure holds when its absolute value is at most
    ``tolerance_pct``.

    Parameters
    ----------
    feature_or_geometry : shapely geometry, feature, GeoJSON dict, GeoSeries or GeoDataFrame
        A Polygon or MultiPolygon in WGS84 longitude/latitude: a shapely geometry; a feature of an
        :class:`~geo.Atlas` (``atlas.features["qianhai"]``); a GeoJSON Feature or geometry dict, or
        anything with ``__geo_interface__``; a GeoDataFrame row; or a one-row GeoSeries or
        GeoDataFrame (reprojected to WGS84 when it has another CRS).
    stated : float or stated figure
        The stated area in hectares, or a stated figure of the layer format (a dict with at least
        ``hectares``, optionally ``as_stated``, ``tolerance_pct`` and ``source``, or an object with
        those attributes, such as ``atlas.features["qianhai"].stated[0]``).
    tolerance_pct : float, optional
        The largest deviation that passes, in percent of the stated figure. Required when
        ``stated`` is a number; by default a stated figure's own ``tolerance_pct``.
    name : str, optional
        How the message names the polygon; by default the feature's name or id.

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
    geometry, label = _polygon(feature_or_geometry)
    text, stated_ha, own_tolerance, source, url = _figure(stated)
    if tolerance_pct is None:
        tolerance_pct = own_tolerance
    if tolerance_pct is None:
        msg = "assert_area: pass tolerance_pct=... (in percent) when the stated figure is a number"
        raise TypeError(msg)
    if not _is_number(tolerance_pct) or tolerance_pct < 0:
        msg = f"assert_area: tolerance_pct must be a number of percent >= 0, not {tolerance_pct!r}"
        raise ValueError(msg)
    computed = float(geodesic_area([geometry])[0]) / M2_PER_HECTARE
    deviation = (computed - stated_ha) / stated_ha * 100
    check = _AreaCheck(
        id=label,
        name=name or label,
        stated=text,
        stated_ha=stated_ha,
        computed_ha=computed,
        deviation_pct=deviation,
        tolerance_pct=float(tolerance_pct),
        ok=abs(deviation) <= tolerance_pct,
        source=source,
        source_url=url,
    )
    if not check.ok:
        raise AssertionError(format_area_failure(check))


def assert_claim(claim: Any, atlas: Atlas | str | Path | Mapping[str, Any] | None = None) -> None:
    """Assert that a claim holds.

    Parameters
    ----------
    claim : dict, str or claim result
        A claim in the claims format (a dict with ``id``, ``claim``, ``sentence``, ``test`` and the
        test's parameters); the id of a claim ``atlas`` has; or a row of ``report.claims``.
    atlas : Atlas, str, Path or mapping, optional
        What the claim is about: an :class:`~geo.Atlas`, a layers folder, or a mapping of feature
        id to geometry (anything :func:`assert_area` takes). Not needed for a row of a report.

    Raises
    ------
    AssertionError
        When the claim does not hold; the message carries the ``gba-atlas check`` line.
    ClaimError, LayerError
        When the claim or the features break the format (the command line's messages).
    ValueError
        When ``atlas`` has no claim with the given id.

    Examples
    --------
    >>> import shapely
    >>> features = {"small": shapely.box(114.0, 22.4, 114.01, 22.41),
    ...             "large": shapely.box(113.99, 22.39, 114.02, 22.42)}
    >>> claim = {"id": "small_in_large", "claim": "Small lies in Large", "sentence": "Small is in Large.",
    ...          "test": "within", "feature": "small", "container": "large"}
    >>> assert_claim(claim, features)
    >>> assert_claim({**claim, "feature": "large", "container": "small"}, features)
    Traceback (most recent call last):
    ...
    AssertionError: claim 'small_in_large' does not hold: 11.1% of large lies in small (needs 99%): not inside
    ...
    """
    if isinstance(claim, Mapping):
        result = _claim_atlas(claim, atlas).report().claims[-1]
    elif isinstance(claim, str):
        if atlas is None:
            msg = f"assert_claim: pass the atlas (or layers folder) that has claim {claim!r}"
            raise TypeError(msg)
        results = _as_atlas(atlas).report().claims
        matching = [r for r in results if r.id == claim]
        if not matching:
            msg = f"assert_claim: no claim {claim!r}; the claims are {[r.id for r in results]}"
            raise ValueError(msg)
        result = matching[0]
    elif all(hasattr(claim, a) for a in ("id", "ok", "detail", "claim")):
        result = claim
    else:
        kind = type(claim).__name__
        msg = f"assert_claim: pass a claim dict, a claim id or a row of report.claims, not a {kind}"
        raise TypeError(msg)
    if not result.ok:
        raise AssertionError(format_claim_failure(result))


def assert_layers_valid(directory: str | Path) -> Atlas:
    """Assert that every layer of a folder, and its claims, pass validation; return the atlas.

    Parameters
    ----------
    directory : str or Path
        The layers folder (``*.geojson`` layers and an optional ``claims.json``).

    Returns
    -------
    Atlas
        The folder's atlas, ready for :meth:`~geo.Atlas.report` or further assertions.

    Raises
    ------
    AssertionError
        Listing every problem, one ``gba-atlas: error:`` line each, as the command line does.

    Examples
    --------
    >>> assert_layers_valid("no/such/folder")
    Traceback (most recent call last):
    ...
    AssertionError: no/such/folder: the layers are not valid (1 problem)
    gba-atlas: error: no/such/folder: is not a folder; fix: pass the folder that holds your .geojson layers
    """
    try:
        return Atlas.load(directory)
    except AtlasError as error:
        count = len(error.problems) if isinstance(error, InputError) else 1
        heading = f"{directory}: the layers are not valid ({count} problem{'s' if count != 1 else ''})"
        raise AssertionError(f"{heading}\n{format_input_error(error)}") from None


# --------------------------------------------------------------------------- #
# Arguments
# --------------------------------------------------------------------------- #


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _polygon(data: Any) -> tuple[BaseGeometry, str]:
    """The geometry of ``data`` and how to name it; a polygon in lon/lat, else TypeError/ValueError."""
    geometry, label = _geometry(data)
    if geometry.is_empty:
        msg = f"assert_area: {label} is empty; pass a Polygon or MultiPolygon"
        raise ValueError(msg)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        kind = geometry.geom_type
        msg = f"assert_area: {label} is a {kind}, which has no area; pass a Polygon or MultiPolygon"
        raise ValueError(msg)
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        msg = f"assert_area: {label} is not a valid polygon ({reason}); fix it, e.g. with shapely.make_valid"
        raise ValueError(msg)
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        msg = (
            f"assert_area: the coordinates of {label} are not WGS84 longitude/latitude "
            f"(bounds {[round(b, 3) for b in geometry.bounds]}); reproject them, e.g. with to_crs(4326)"
        )
        raise ValueError(msg)
    return geometry, label


def _geometry(data: Any) -> tuple[BaseGeometry, str]:
    if isinstance(data, BaseGeometry):
        return data, data.geom_type
    if isinstance(data, Mapping):
        return _from_mapping(data)
    if hasattr(data, "to_crs") and hasattr(data, "crs"):  # a GeoSeries or GeoDataFrame
        if len(data) != 1:
            msg = f"assert_area: pass one feature, not a {type(data).__name__} of {len(data)} rows"
            raise ValueError(msg)
        if data.crs is not None and data.crs.to_epsg() != 4326:
            data = data.to_crs(4326)
        if hasattr(data, "columns"):  # a GeoDataFrame
            row = data.iloc[0]
            return data.geometry.iloc[0], _label(row.get("name"), row.get("id"))
        return data.iloc[0], data.iloc[0].geom_type
    geometry = getattr(data, "geometry", None)
    if isinstance(geometry, BaseGeometry):
        if hasattr(data, "index") and hasattr(data, "get"):  # a pandas row: .name is its index label
            return geometry, _label(data.get("name"), data.get("id"))
        return geometry, _label(getattr(data, "name", None), getattr(data, "id", None))  # an Atlas feature
    if hasattr(data, "__geo_interface__"):
        return _from_mapping(data.__geo_interface__)
    msg = (
        f"assert_area: cannot take the area of a {type(data).__name__}; pass a shapely geometry, "
        "a feature, a GeoJSON dict or a one-row GeoDataFrame"
    )
    raise TypeError(msg)


def _from_mapping(data: Mapping[str, Any]) -> tuple[BaseGeometry, str]:
    if data.get("type") == "Feature":
        properties = data.get("properties") or {}
        label = _label(properties.get("name"), properties.get("id"))
        geometry = data.get("geometry")
        if not geometry:
            msg = f"assert_area: the Feature {label} has no geometry"
            raise ValueError(msg)
        return shapely.geometry.shape(geometry), label
    try:
        geometry = shapely.geometry.shape(data)
    except (KeyError, ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        msg = f"assert_area: not a GeoJSON geometry or Feature ({exc})"
        raise ValueError(msg) from None
    return geometry, geometry.geom_type


def _label(name: Any, fid: Any) -> str:
    if isinstance(name, str) and name:
        return name
    if isinstance(fid, str) and fid:
        return fid
    return "the feature"


def _figure(stated: Any) -> tuple[str, float, float | None, str, str | None]:
    """(as stated, hectares, tolerance or None, source, source url) of a number or a stated figure."""
    if _is_number(stated):
        if stated <= 0:
            msg = f"assert_area: the stated area must be a positive number of hectares, not {stated!r}"
            raise ValueError(msg)
        return f"{stated:g} ha", float(stated), None, "", None

    def get(key: str) -> Any:
        return stated.get(key) if isinstance(stated, Mapping) else getattr(stated, key, None)

    hectares = get("hectares")
    if not _is_number(hectares) or hectares <= 0:
        msg = (
            "assert_area: stated must be hectares (a positive number) or a stated figure with "
            f"positive 'hectares', not {stated!r}"
        )
        raise (ValueError if isinstance(stated, Mapping) or hectares is not None else TypeError)(msg)
    tolerance = get("tolerance_pct")
    text = get("as_stated") or f"{hectares:g} ha"
    source = get("source")
    url = None
    if isinstance(source, Mapping):
        url = source.get("url")
        parts = [source.get("issuer"), source.get("title")]
        source = ", ".join(str(p) for p in parts if p) + (
            f" ({source['date']})" if source.get("date") else ""
        )
    elif source is not None:
        url = getattr(source, "url", None)
        source = str(source)
    return str(text), float(hectares), tolerance, source or "", url


def _as_atlas(atlas: Atlas | str | Path | Mapping[str, Any]) -> Atlas:
    if isinstance(atlas, Atlas):
        return atlas
    if isinstance(atlas, str | Path):
        return Atlas.load(atlas)
    msg = f"assert_claim: pass an Atlas or a layers folder, not {type(atlas).__name__}"
    raise TypeError(msg)


def _claim_atlas(claim: Mapping[str, Any], atlas: Atlas | str | Path | Mapping[str, Any] | None) -> Atlas:
    """A fresh atlas of the features a new claim is about, and that claim (``atlas`` is left unchanged).

    The claim is validated exactly like a claims file, so a bad one raises the command line's messages.
    """
    if atlas is None:
        msg = "assert_claim: pass the features the claim is about (an Atlas, a layers folder or a mapping)"
        raise TypeError(msg)
    if isinstance(atlas, Mapping):
        features = []
        for fid, data in atlas.items():
            geometry = _geometry(data)[0]
            properties = {"id": fid, "name": _label(getattr(data, "name", None), fid)}
            features.append(
                {
                    "type": "Feature",
                    "properties": properties,
                    "geometry": json.loads(shapely.to_geojson(geometry)),
                }
            )
        layer: Any = {"type": "FeatureCollection", "features": features}
    else:
        layer = _as_atlas(atlas).to_geodataframe()[["id", "name", "geometry"]]
    return Atlas().add_layer(layer, name="features", claims=[dict(claim)])
