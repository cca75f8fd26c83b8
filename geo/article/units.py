"""Units of area an article may use, each with its exact factor to hectares (one table).

The factors are exact fractions: an international acre is 4,046.8564224 m² by definition, a
市亩 (mu) is one fifteenth of a hectare, a foot 0.3048 m. :data:`UNIT_PATTERN` finds a unit.

>>> unit = unit_of(re.fullmatch(UNIT_PATTERN, "square kilometres", re.IGNORECASE))
>>> unit, float(HECTARES_PER[unit] * 3)
('km²', 300.0)
>>> HECTARES_PER[unit_of(re.fullmatch(UNIT_PATTERN, "畝"))]
Fraction(1, 15)
"""

from __future__ import annotations

import re
from fractions import Fraction

#: Hectares per unit, by canonical unit: the only place an article's unit is converted.
HECTARES_PER: dict[str, Fraction] = {
    "ha": Fraction(1),
    "km²": Fraction(100),
    "m²": Fraction(1, 10_000),
    "acre": Fraction("0.40468564224"),
    "mu": Fraction(1, 15),
    "ft²": Fraction("0.09290304") / 10_000,
    "万m²": Fraction(1),
}

#: The words of each unit (matched case-insensitively; longest first), to its canonical unit.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ha": (r"hectares?", r"ha\b", "公顷", "公頃"),
    "km²": (
        r"square[ -]kilomet(?:re|er)s?",
        r"sq\.?[ -]?km\b",
        r"square[ -]km\b",
        r"km(?:2|²)",
        "平方公里",
        "平方千米",
    ),
    "m²": (r"square[ -]met(?:re|er)s?", r"sq\.?[ -]?m\b", r"m(?:2|²)(?![0-9])", "平方米", "平方公尺"),
    "acre": (r"acres?\b", "英亩", "英畝"),
    "mu": ("亩", "畝"),
    "ft²": (r"square[ -](?:feet|foot)\b", r"sq\.?[ -]?ft\b", "平方呎", "平方英尺"),
    "万m²": ("万平方米", "萬平方米"),
}

#: A unit, as a regular expression with one named group per canonical unit.
UNIT_PATTERN = "|".join(f"(?P<u{i}>{'|'.join(spellings)})" for i, spellings in enumerate(_SPELLINGS.values()))
_KEYS = tuple(_SPELLINGS)

#: What the layer format's ``unit`` may be (see :data:`geo.units.HECTARES_PER_UNIT`), for each unit.
LAYER_UNIT = {"ha": "ha", "km²": "km²", "m²": "m²", "acre": "ha", "mu": "ha", "ft²": "m²", "万m²": "ha"}


def unit_of(match: re.Match[str]) -> str:
    """The canonical unit a match of :data:`UNIT_PATTERN` (the ``u0``… groups) found.

    Parameters
    ----------
    match : re.Match
        A match holding one of :data:`UNIT_PATTERN`'s groups.

    Returns
    -------
    str
        A key of :data:`HECTARES_PER`.
    """
    for i, key in enumerate(_KEYS):
        if match.group(f"u{i}") is not None:
            return key
    raise KeyError(match.group())
