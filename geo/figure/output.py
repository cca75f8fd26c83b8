"""Saving a figure so that the same figure always gives the same bytes (SVG, PDF, PNG)."""

from __future__ import annotations

import io
import weakref
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from geo.errors import AtlasError
from geo.figure.fonts import weights_unasked
from geo.figure.options import check_png_pixels

__all__ = ["FORMATS", "STABLE_RC", "FigureFormatError", "describe", "figure_bytes", "figure_format"]

#: The formats written, by file suffix.
FORMATS = ("svg", "pdf", "png")
#: Settings that make the output reproducible, keep text as text in SVG, and embed the PDF's fonts as
#: TrueType (Type 42: whole outlines a prepress check accepts and text a reader can select), not Type 3.
STABLE_RC: dict[Any, Any] = {
    "svg.hashsalt": "gba-atlas",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "path.simplify": False,
}
_CREATOR = "gba-atlas, with matplotlib"
_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": _CREATOR},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": _CREATOR, "Producer": _CREATOR},
    "png": {"Software": _CREATOR},
}


_AUTHOR = "gba-atlas (polygons digitized by the project; base map: Natural Earth)"
#: The document's title and subject, by figure (see :func:`describe`).
_DESCRIBED: weakref.WeakKeyDictionary[Figure, dict[str, str]] = weakref.WeakKeyDictionary()


def describe(figure: Figure, *, title: str, subject: str) -> None:
    """Give a figure the title and subject its PDF and SVG carry (the author is gba-atlas).

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure.
    title : str
        The document's title.
    subject : str
        The document's subject (:func:`~geo.figure.subject.document_subject`).
    """
    _DESCRIBED[figure] = {"Title": title, "Subject": subject}


def _metadata(figure: Figure, fmt: str) -> dict[str, Any]:
    """The file's metadata: no dates, the creator, and the figure's title, author and subject."""
    described = _DESCRIBED.get(figure, {})
    if fmt == "pdf":
        return {**_METADATA[fmt], **described, "Author": _AUTHOR}
    if fmt == "svg":
        subject = {"Description": described["Subject"]} if "Subject" in described else {}
        title = {"Title": described["Title"]} if "Title" in described else {}
        return {**_METADATA[fmt], **title, **subject, "Creator": _AUTHOR}
    return dict(_METADATA[fmt])


class FigureFormatError(AtlasError, ValueError):
    """A figure's file name whose suffix is not one of :data:`FORMATS`."""


def figure_format(path: str | Path) -> str:
    """The format a path asks for by its suffix, or a :class:`FigureFormatError` naming those there are.

    Parameters
    ----------
    path : str or os.PathLike
        The output's path.

    Returns
    -------
    str
        ``svg``, ``pdf`` or ``png``.

    Examples
    --------
    >>> figure_format("out/map.SVG")
    'svg'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        what = f".{suffix}" if suffix else "a name without a suffix"
        msg = f"cannot write {path}: a figure is .svg, .pdf or .png, not {what}; fix: name it e.g. figure.svg"
        raise FigureFormatError(msg)
    return suffix


def figure_bytes(figure: Figure, fmt: str, *, dpi: float) -> bytes:
    """The figure as ``fmt`` (one of :data:`FORMATS`), free of dates and random ids.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure (from :func:`geo.figure.make_figure`).
    fmt : str
        ``svg``, ``pdf`` or ``png``.
    dpi : float
        Dots per inch of a PNG (SVG and PDF are vector; their text stays text in SVG).

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    FigureSizeError
        A PNG of more pixels than :data:`~geo.figure.options.PIXEL_BUDGET`, before any is drawn.
    """
    if fmt == "png":
        width_in, height_in = figure.get_size_inches()
        check_png_pixels(float(width_in), float(height_in), dpi)
    buffer = io.BytesIO()
    with matplotlib.rc_context(STABLE_RC), weights_unasked():
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(figure, fmt))
    return buffer.getvalue()
