"""The view and its projection: a Lambert azimuthal equal-area projection centred on the view.

Areas keep their true proportions, and over a view of a few hundred kilometres the
scale errs by well under 0.1 % anywhere in it, so nothing is stretched as in plate carrée.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from geo.errors import ViewError
from geo.model import Feature, Layer, Story

__all__ = ["GBA_VIEW", "View", "ViewError", "resolve_view"]

#: The view name for every feature of the atlas.
GBA_VIEW = "gba"
#: A view is padded by this share of its span on each side, and spans at least :data:`MIN_SPAN_DEG`.
PAD = 0.12
MIN_SPAN_DEG = 0.02


@dataclass(frozen=True)
class View:
    """What the figure shows: the features in focus, their padded bounds and the projection centred there.

    Attributes
    ----------
    name : str
        What was asked for (a feature id, a layer's name, ``gba``).
    features : tuple of Feature
        The features the view is about (the figure draws every feature it reaches).
    bounds : tuple of float
        ``(west, south, east, north)`` in degrees, padded: around the areas in focus when there are
        some (a river running on past two parks is cut at the frame), else around every feature.
    """

    name: str
    features: tuple[Feature, ...]
    bounds: tuple[float, float, float, float]

    @property
    def centre(self) -> tuple[float, float]:
        """The projection's centre, ``(lon, lat)``, rounded to 1e-6 degrees."""
        west, south, east, north = self.bounds
        return (round((west + east) / 2, 6), round((south + north) / 2, 6))

    @property
    def crs(self) -> CRS:
        """Lambert azimuthal equal-area on WGS84, centred on :attr:`centre`, in metres."""
        return _laea(*self.centre)

    def to_map(self) -> Transformer:
        """lon/lat → the view's metres."""
        return _transformers(*self.centre)[0]

    def to_lonlat(self) -> Transformer:
        """The view's metres → lon/lat."""
        return _transformers(*self.centre)[1]

    def project(self, geometry: BaseGeometry) -> BaseGeometry:
        """A lon/lat geometry in the view's metres.

        Parameters
        ----------
        geometry : shapely geometry
            A geometry in lon/lat (degrees).

        Returns
        -------
        shapely geometry
            The same geometry in the view's projection (:attr:`crs`, metres).
        """
        forward = self.to_map()
        return shapely.transform(geometry, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))


@lru_cache(maxsize=16)
def _transformers(lon: float, lat: float) -> tuple[Transformer, Transformer]:
    """lon/lat → metres and back for the view centred on (lon, lat), made once a centre.

    A figure projects hundreds of shapes; making a Transformer (PROJ parsing the CRS and
    finding its operation) for each was most of the time of drawing one. Transformers are
    safe to share between threads (pyproj ≥ 3.1).
    """
    crs = _laea(lon, lat)
    return (
        Transformer.from_crs("EPSG:4326", crs, always_xy=True),
        Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
    )


def _laea(lon: float, lat: float) -> CRS:
    return CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +x_0=0 +y_0=0 +ellps=WGS84 +units=m")


def _choices(layers: Sequence[Layer]) -> str:
    names = [GBA_VIEW, *(layer.name for layer in layers), *(f.id for layer in layers for f in layer)]
    return ", ".join(repr(name) for name in names)


def _named(option: str, name: str) -> str:
    """How a message names the view asked for: ``--view 'x'`` on the command line, ``view='x'`` in Python."""
    return f"{option} {name!r}" if option.startswith("--") else f"{option}={name!r}"


def _focus(layers: Sequence[Layer], name: str, option: str = "--view") -> tuple[Feature, ...]:
    """The features a view name stands for: all (``gba``), a layer's (name or file stem) or one."""
    if name == GBA_VIEW:
        return tuple(f for layer in layers for f in layer)
    named = _layer_named(layers, name)
    if named is not None:
        return tuple(named.features)
    found = tuple(f for layer in layers for f in layer if f.id == name)
    if not found:
        msg = f"{_named(option, name)} names no feature or layer; use one of {_choices(layers)}"
        raise ViewError(msg)
    return found


def _layer_named(layers: Sequence[Layer], name: str) -> Layer | None:
    """The first layer called ``name``, or whose file's stem is ``name``."""
    return next(
        (layer for layer in layers if name in (layer.name, layer.path.stem if layer.path else None)), None
    )


def resolve_view(
    layers: Sequence[Layer],
    story: Story | None,
    view: str | tuple[float, float, float, float] | None = None,
    *,
    option: str = "--view",
) -> View:
    """The view asked for; by default the story's opening view (``opens_on``), else ``gba``.

    Parameters
    ----------
    layers : sequence of Layer
        The atlas's layers.
    story : Story or None
        Its story, whose ``opens_on`` is the default view.
    view : str or (west, south, east, north), optional
        A feature id, a layer's name (or file stem), ``gba``, or bounds in degrees (shown as given).
    option : str
        How messages name the view: ``--view`` on the command line, ``view`` in Python.

    Returns
    -------
    View

    Raises
    ------
    ViewError
        When ``view`` names nothing there is, or there are no features.
    """
    if isinstance(view, tuple):
        return View("bounds", tuple(f for layer in layers for f in layer), view)
    name = view or (story.opens_on if story and story.opens_on else GBA_VIEW)
    features = _focus(layers, name, option)
    if not features:
        raise ViewError(f"{_named(option, name)} has no features to show")
    return View(name, features, _padded_bounds(features))


def _padded_bounds(features: Sequence[Feature]) -> tuple[float, float, float, float]:
    """The bounds (degrees) of the features' areas (of all, with none), padded and at least a minimum span."""
    areas = [f.geometry for f in features if f.area_m2 > 0]
    west, south, east, north = shapely.total_bounds(areas or [f.geometry for f in features]).tolist()
    pad_x = max((east - west) * PAD, (MIN_SPAN_DEG - (east - west)) / 2)
    pad_y = max((north - south) * PAD, (MIN_SPAN_DEG - (north - south)) / 2)
    return (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
