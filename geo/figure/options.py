"""The figure's options: its size (``180x120mm``, a preset) and what the CLI and ``Atlas.figure`` accept."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from geo.errors import AtlasError
from geo.inputs.arguments import wrong_type

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_SIZE",
    "PIXEL_BUDGET",
    "PRESETS",
    "FigureSizeError",
    "Size",
    "check_dpi",
    "check_page",
    "check_png_pixels",
    "figure_size",
    "parse_size",
]

#: The PNG resolution unless told otherwise (dots per inch).
DEFAULT_DPI = 300
#: The size unless told otherwise: a print column's width, 3:2.
DEFAULT_SIZE = "180x120mm"
#: Named sizes: a printed page's figure, a web column and a social-media card (Open Graph's 1200 x 630).
PRESETS = {"print": "180x120mm", "column": "680x500px", "social": "1200x630px"}
#: Dots per inch a size in pixels is laid out at: the pixels are the PNG's, the layout that of this dpi.
PIXEL_LAYOUT_DPI = 150
_INCH_PER = {"mm": 1 / 25.4, "cm": 1 / 2.54, "in": 1.0}
#: The sizes a figure may be asked for, by unit (each way): a page from 60 mm to 2 m.
RANGES = {"mm": (60, 2000), "cm": (6, 200), "in": (2.5, 78), "px": (360, 8000)}
#: A page's least and largest side once laid out (mm): a size in px at its dpi must give one in between.
PAGE_MM = (50, 2000)
#: The most pixels a PNG may have (64 megapixels, about 250 MB of memory while drawn), and each way.
PIXEL_BUDGET = 64_000_000
MAX_SIDE_PX = 32_000
#: The least width and height (mm) left for the map beside the title, legend, table and credits.
MIN_MAP_MM = 15
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
    #: The size as it was asked for (``"social"``, ``"180x120mm"``), for messages.
    text: str = field(default="", compare=False, repr=False)

    @property
    def default_dpi(self) -> int:
        """The PNG's dpi unless told: :data:`DEFAULT_DPI`, or :data:`PIXEL_LAYOUT_DPI` for a size in px."""
        return DEFAULT_DPI if self.pixels is None else PIXEL_LAYOUT_DPI

    def inches_at(self, dpi: float) -> tuple[float, float]:
        """The figure size that gives :attr:`pixels` exactly at ``dpi`` (or the size itself).

        Parameters
        ----------
        dpi : float
            The PNG's dots per inch.

        Returns
        -------
        (float, float)
            Width and height in inches.

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

    Parameters
    ----------
    text : str
        The size as written (``--size``, or ``size=`` in Python).

    Returns
    -------
    Size
        Width and height in inches, and the pixels asked for (None for a size in mm, cm or in).

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
    low, high = RANGES[unit]
    if not (low <= width <= high and low <= height <= high):
        others = ", ".join(f"{a:g} to {b:g} {u}" for u, (a, b) in RANGES.items() if u != unit)
        msg = f"size {text!r} is out of range: give {low:g} to {high:g} {unit} each way ({others})"
        raise FigureSizeError(msg)
    if unit == "px":
        pixels = (round(width), round(height))
        return Size(pixels[0] / PIXEL_LAYOUT_DPI, pixels[1] / PIXEL_LAYOUT_DPI, pixels, text=text)
    return Size(width * _INCH_PER[unit], height * _INCH_PER[unit], text=text)


def check_dpi(dpi: int) -> int:
    """``dpi`` if it is a resolution a PNG can have here (10 to 2400), else a :class:`FigureSizeError`.

    Parameters
    ----------
    dpi : int
        Dots per inch asked for.

    Returns
    -------
    int
        The same ``dpi``.

    Examples
    --------
    >>> check_dpi(300)
    300
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 10 <= dpi <= 2400:
        msg = f"dpi {dpi!r} is out of range; fix: give a whole number from 10 to 2400 (e.g. 300)"
        raise FigureSizeError(msg)
    return dpi


def check_page(size: Size, dpi: int) -> None:
    """Refuse a size in px whose page, at ``dpi``, is larger than :data:`PAGE_MM` allows.

    Parameters
    ----------
    size : Size
        The size asked for.
    dpi : int
        The PNG's dots per inch.

    Examples
    --------
    >>> check_page(parse_size("8000x8000px"), 10)
    Traceback (most recent call last):
    ...
    geo.figure.options.FigureSizeError: size '8000x8000px' at 10 dpi ...: a higher --dpi (at least 102...
    """
    width_mm, height_mm = (inches * 25.4 for inches in size.inches_at(dpi))
    if max(width_mm, height_mm) > PAGE_MM[1]:
        least = math.ceil(max(size.pixels or (0, 0)) * 25.4 / PAGE_MM[1])
        msg = (
            f"size {size.text!r} at {dpi} dpi is a page of {width_mm:.0f} x {height_mm:.0f} mm, larger than "
            f"{PAGE_MM[1]} mm; fix: a higher --dpi (at least {least} for this size) or fewer pixels"
        )
        raise FigureSizeError(msg)


def check_png_pixels(width_in: float, height_in: float, dpi: float) -> None:
    """Refuse a PNG of more than :data:`PIXEL_BUDGET` pixels (or :data:`MAX_SIDE_PX` each way).

    Parameters
    ----------
    width_in, height_in : float
        The page's size in inches.
    dpi : float
        The PNG's dots per inch.

    Examples
    --------
    >>> check_png_pixels(2000 / 25.4, 2000 / 25.4, 100)  # the largest page at the layout's dpi
    >>> check_png_pixels(2000 / 25.4, 2000 / 25.4, 2400)
    Traceback (most recent call last):
    ...
    geo.figure.options.FigureSizeError: a PNG of 2000 x 2000 mm at 2400 dpi ... px ...: --dpi 101 or...
    """
    width_px, height_px = int(width_in * dpi), int(height_in * dpi)
    if width_px * height_px <= PIXEL_BUDGET and max(width_px, height_px) <= MAX_SIDE_PX:
        return
    most = math.floor(
        min(math.sqrt(PIXEL_BUDGET / (width_in * height_in)), MAX_SIDE_PX / max(width_in, height_in))
    )
    msg = (
        f"a PNG of {width_in * 25.4:.0f} x {height_in * 25.4:.0f} mm at {dpi:g} dpi would be "
        f"{width_px:,} x {height_px:,} px ({width_px * height_px / 1e6:,.0f} megapixels), more than the "
        f"budget of {PIXEL_BUDGET // 1_000_000} megapixels and {MAX_SIDE_PX:,} px each way; fix: --dpi "
        f"{most} or less for this size, a smaller --size, or an .svg or .pdf (which have no pixels)"
    )
    raise FigureSizeError(msg)


def figure_size(size: Any) -> Size:
    """``size=`` as a :class:`Size` (None: :data:`DEFAULT_SIZE`); an ArgumentTypeError for another type.

    Parameters
    ----------
    size : object
        A :class:`Size`, a text for :func:`parse_size`, or None.

    Returns
    -------
    Size
        The size.
    """
    if size is None:
        size = DEFAULT_SIZE
    if isinstance(size, str):
        return parse_size(size)
    if isinstance(size, Size):
        return (
            size if size.text else replace(size, text=f"{size.width_in * 25.4:g}x{size.height_in * 25.4:g}mm")
        )
    what = f"must be text such as '180x120mm' or a Size, not {type(size).__name__}"
    raise wrong_type("size", what, 'pass size="180x120mm", a preset such as "social", or leave it out',
                     call="Atlas.figure")  # fmt: skip
