"""A static, print-ready map of the atlas (``gba-atlas figure``, ``Atlas.figure``), drawn with matplotlib.

Modules, one concern each:

- :mod:`~geo.figure.options`: the size (``180x120mm``, presets) and the default dpi;
- :mod:`~geo.figure.projection`: the view and its Lambert azimuthal equal-area projection;
- :mod:`~geo.figure.scalebar`: a geodesic scale bar and a north arrow pointing to true north;
- :mod:`~geo.figure.fonts`: a CJK font for Chinese, or a clear error;
- :mod:`~geo.figure.draw`: the base map, the features, the legend's entries;
- :mod:`~geo.figure.layout`: the page's panels and labels placed without collisions;
- :mod:`~geo.figure.render`: :func:`make_figure`, putting it together;
- :mod:`~geo.figure.output`: bytes that are the same for the same figure.
"""

from geo.figure.fonts import FontError, find_cjk_font
from geo.figure.info import FigureInfo, figure_info
from geo.figure.options import DEFAULT_DPI, DEFAULT_SIZE, PRESETS, FigureSizeError, Size, parse_size
from geo.figure.output import FORMATS, FigureFormatError, figure_bytes, figure_format
from geo.figure.projection import GBA_VIEW, View, ViewError, resolve_view
from geo.figure.render import make_figure

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_SIZE",
    "FORMATS",
    "GBA_VIEW",
    "PRESETS",
    "FigureFormatError",
    "FigureInfo",
    "FigureSizeError",
    "FontError",
    "Size",
    "View",
    "ViewError",
    "figure_bytes",
    "figure_format",
    "figure_info",
    "find_cjk_font",
    "make_figure",
    "parse_size",
    "resolve_view",
]
