"""Units of area: square metres, hectares and square kilometres.

Every conversion in gba-atlas goes through this module, so a figure shown as
hectares in the report, the map and an export is the same number.
"""

from __future__ import annotations

M2_PER_HECTARE = 10_000.0
M2_PER_KM2 = 1_000_000.0

#: Units a stated figure may use, and how many hectares one of each makes.
HECTARES_PER_UNIT = {"ha": 1.0, "km²": 100.0, "m²": 1e-4}


def hectares(square_metres: float) -> float:
    """Square metres to hectares.

    Parameters
    ----------
    square_metres : float
        An area in square metres.

    Returns
    -------
    float
        The area in hectares.

    Examples
    --------
    >>> hectares(870_000)
    87.0
    """
    return square_metres / M2_PER_HECTARE


def square_kilometres(square_metres: float) -> float:
    """Square metres to square kilometres.

    Parameters
    ----------
    square_metres : float
        An area in square metres.

    Returns
    -------
    float
        The area in square kilometres.

    Examples
    --------
    >>> square_kilometres(3_890_000)
    3.89
    """
    return square_metres / M2_PER_KM2


def to_hectares(value: float, unit: str) -> float:
    """A figure in one of :data:`HECTARES_PER_UNIT`'s units, in hectares.

    Parameters
    ----------
    value : float
        The figure.
    unit : str
        Its unit, a key of :data:`HECTARES_PER_UNIT`.

    Returns
    -------
    float
        The figure in hectares.

    Examples
    --------
    >>> to_hectares(3.02, "km²")
    302.0
    >>> to_hectares(87, "ha")
    87.0
    """
    return value * HECTARES_PER_UNIT[unit]


def signed_percent(value: float) -> str:
    """A deviation in percent, to two decimals, signed; zero (also a rounded -0.001) without a sign.

    Parameters
    ----------
    value : float
        A deviation in percent.

    Returns
    -------
    str
        The deviation, e.g. ``+1.23``.

    Examples
    --------
    >>> signed_percent(1.234), signed_percent(-0.5), signed_percent(-0.001), signed_percent(0.0)
    ('+1.23', '-0.50', '0.00', '0.00')
    """
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text
