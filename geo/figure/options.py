"""The figure's options: its size (``180x120mm``, a preset) and what the CLI and ``Atlas.figure`` accept."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from geo.errors import AtlasError

__all__ = ["DEFAULT_DPI", "DEFAULT_SIZE", "PRESETS", "FigureSizeError", "Size", "check_dpi", "parse_size"]

#: The PNG resolution unless told otherwise (dots per inch).
DEFAULT_DPI = 300
#: The size unless told otherwise: a print column's width, 3:2.
DEFAULT_SIZE = "180x120mm"
#: Named sizes: a printed page's figure, a web column and a social-media card (Open Graph's 1200 x 630).
PRESETS = {"print": "180x120mm", "column": "680x500px", "social": "1200x630px"}
#: Dots per inch a size in pixels is laid out at: the pixels are the PNG's, the layout that of this dpi.
PIXEL_LAYOUT_DPI = 150
_INCH_PER = {"mm": 1 / 25.4, "cm": 1 / 2.54, "in": 1.0}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|px)\s*", re.IGNORECASE)


class FigureSizeError(AtlasError, ValueError):
    """A size that is not ``WIDTHxHEIGHT`` with a unit, or a preset name."""


@dataclass(frozen=True)
class Size:
    """A figure's size in inches; ``pixels`` when given in pixels (the PNG is then exactly that size).

    Attributes
    ----------
    width_in, height_in : float
        The figure's size in inches, as matplotlib takes it.
    pixels : tuple of int, optional
        The PNG's width and height, for a size given in ``px``.
    """

    width_in: float
    height_in: float
    pixels: tuple[int, int] | None = None

    @property
    def default_dpi(self) -> int:
        """The PNG's dpi unless told: :data:`DEFAULT_DPI`, or :data:`PIXEL_LAYOUT_DPI` for a size in px."""
        return DEFAULT_DPI if self.pixels is None else PIXEL_LAYOUT_DPI

    def inches_at(self, dpi: float) -> tuple[float, float]:
        """The figure size that gives :attr:`pixels` exactly at ``dpi`` (or the size itself).

        Examples
        --------
        >>> Size(8.0, 4.2, (1200, 630)).inches_at(300)
        (4.0, 2.1)
        """
        if self.pixels is None:
            return (self.width_in, self.height_in)
        return (_exact_inches(self.pixels[0], dpi), _exact_inches(self.pixels[1], dpi))


def _exact_inches(pixels: int, dpi: float) -> float:
    """Inches that matplotlib turns into exactly ``pixels`` (it truncates ``inches * dpi``)."""
    inches = pixels / dpi
    while int(inches * dpi) < pixels:
        inches = math.nextafter(inches, math.inf)
    return inches


def parse_size(text: str) -> Size:
    """Read a size: ``WIDTHxHEIGHT`` in ``mm``, ``cm``, ``in`` or ``px``, or a name of :data:`PRESETS`.

    A size in pixels gives a PNG of exactly that many pixels: laid out at
    :data:`PIXEL_LAYOUT_DPI` by default, or at the ``dpi`` asked for (see :meth:`Size.inches_at`).

    Raises
    ------
    FigureSizeError
        One line saying what a size looks like.

    Examples
    --------
    >>> parse_size("180x120mm")
    Size(width_in=7.086614173228346, height_in=4.724409448818897, pixels=None)
    >>> parse_size("social").pixels
    (1200, 630)
    """
    match = _SIZE.fullmatch(PRESETS.get(text.strip().lower(), text))
    if not match:
        presets = ", ".join(PRESETS)
        msg = (
            f"size {text!r} is not WIDTHxHEIGHT with a unit (e.g. 180x120mm, 7x5in, 1200x630px) nor {presets}"
        )
        raise FigureSizeError(msg)
    width, height, unit = float(match[1]), float(match[2]), match[3].lower()
    if not (0 < width <= 2000 and 0 < height <= 2000) or (unit == "px" and not (width >= 100 <= height)):
        msg = f"size {text!r} is out of range: give 1 to 2000 {unit} (at least 100 px) each way"
        raise FigureSizeError(msg)
    if unit == "px":
        pixels = (round(width), round(height))
        return Size(pixels[0] / PIXEL_LAYOUT_DPI, pixels[1] / PIXEL_LAYOUT_DPI, pixels)
    return Size(width * _INCH_PER[unit], height * _INCH_PER[unit])


def check_dpi(dpi: int) -> int:
    """``dpi`` if it is a resolution a PNG can have here (10 to 2400), else a :class:`FigureSizeError`.

    >>> check_dpi(300)
    300
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 10 <= dpi <= 2400:
        msg = f"dpi {dpi!r} is out of range; fix: give a whole number from 10 to 2400 (e.g. 300)"
        raise FigureSizeError(msg)
    return dpi
