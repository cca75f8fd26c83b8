"""Colours and line styles: the Okabe–Ito palette, which colour-blind readers can tell apart."""

from __future__ import annotations

#: Okabe & Ito (2008), "Color Universal Design": distinct under the common colour-vision deficiencies.
OKABE_ITO = (
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
OUTLINE_COLOUR = "#333333"


def colour(index: int) -> str:
    """The palette's colour for the feature at ``index`` (cycling).

    Parameters
    ----------
    index : int
        The feature's index among the map's features.

    Returns
    -------
    str
        A CSS hex colour.

    >>> colour(0), colour(8)
    ('#D55E00', '#D55E00')
    """
    return OKABE_ITO[index % len(OKABE_ITO)]


def feature_style(colour: str, geom_type: str) -> dict[str, object]:
    """Leaflet path options for a feature: lines are drawn thicker and unfilled.

    Parameters
    ----------
    colour : str
        The feature's colour (CSS).
    geom_type : str
        Its geometry type (``"Polygon"``, ``"LineString"``, ...).

    Returns
    -------
    dict
        Leaflet path options (``color``, ``weight``, ``fill``, ...).
    """
    if "LineString" in geom_type:
        return {"color": colour, "weight": 4, "opacity": 0.9, "fill": False}
    return {"color": colour, "weight": 2, "opacity": 0.95, "fillColor": colour, "fillOpacity": 0.25}


def outline_style() -> dict[str, object]:
    """A derived outline (e.g. a zone around its parks): dashed, unfilled."""
    return {"color": OUTLINE_COLOUR, "weight": 2, "dashArray": "6 6", "fill": False, "interactive": False}
