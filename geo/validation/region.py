"""Features far from the Greater Bay Area: accepted, with a warning, since they are usually a mistake."""

from __future__ import annotations

import warnings

import numpy as np
import shapely

from geo.errors import AtlasWarning
from geo.model import Feature

#: The Greater Bay Area with a wide margin (lon west, lat south, lon east, lat north).
REGION = (111.0, 20.0, 117.0, 25.0)


def far_away(geometries: np.ndarray) -> np.ndarray:
    """True for each geometry lying wholly outside :data:`REGION`.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries in WGS84 degrees.

    Returns
    -------
    numpy.ndarray of bool
        One value a geometry.

    Examples
    --------
    >>> far_away(np.array([shapely.Point(114, 22.5), shapely.Point(-114, 22.5)]))
    array([False,  True])
    """
    if not len(geometries):
        return np.zeros(0, dtype=bool)
    west, south, east, north = shapely.bounds(geometries).T
    return np.asarray((east < REGION[0]) | (west > REGION[2]) | (north < REGION[1]) | (south > REGION[3]))


def warn_far_away(feature: Feature, *, file: str, index: int) -> None:
    """Warn (:class:`~geo.errors.AtlasWarning`) that a feature lies far from the Greater Bay Area.

    Far-away features are accepted, since a user may compare with places elsewhere, but
    they are usually a coordinate mistake (a wrong CRS, a sign, a swapped pair).

    Parameters
    ----------
    feature : Feature
        The feature.
    file : str
        Its layer's file, for the message.
    index : int
        Its place in the layer, from 0.

    Returns
    -------
    None
        The warning is issued.
    """
    centre = feature.geometry.centroid
    warnings.warn(
        f"{file}: feature '{feature.id}' (#{index}): lies far from the Greater Bay Area "
        f"(around [{centre.x:.4f}, {centre.y:.4f}]); check its coordinates, "
        "or ignore this if the layer is meant to be elsewhere",
        AtlasWarning,
        stacklevel=3,
    )
