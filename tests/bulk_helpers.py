"""Reading a bulk layer back out of a rendered map, for the tests and ``make bench``.

:mod:`geo.map.bulk` writes a large layer's polygons as varint-coded microdegrees; the
page decodes them in ``bulk-geometry.js``. Here they are decoded in Python, to compare
what a page draws with its source (``tests/test_map_bulk.py``, ``benchmarks/run.py``).
"""

from __future__ import annotations

import json
import re

import numpy as np

from geo.map.bulk import UNITS_PER_DEGREE
from geo.map.varint import varint_integers

_BULK_DATA = re.compile(r'<script type="application/json" id="bulk_overlay_[^"]+">(.*?)</script>')


def decode_vertices(html: str) -> np.ndarray:
    """Every vertex of every bulk layer in a rendered map, as (lon, lat) degrees.

    Parameters
    ----------
    html : str
        A rendered map page.

    Returns
    -------
    numpy.ndarray of float64, shape (n, 2)
        Longitude, latitude in degrees (rounded to microdegrees), in the order of
        ``shapely.get_coordinates`` of the source polygons with each ring's closing vertex
        dropped; the bulk layers one after another.
    """
    out = []
    for match in _BULK_DATA.finditer(html):
        spec = json.loads(match.group(1))
        coords = spec["coords"]
        flat = varint_integers(coords) if isinstance(coords, str) else np.asarray(coords, dtype=np.int64)
        deltas = flat.reshape(-1, 2)
        counts = np.asarray(spec["counts"])
        starts = np.cumsum(counts) - counts
        ring = np.repeat(np.arange(len(counts)), counts)
        absolute = np.cumsum(deltas, axis=0)
        base = absolute[starts] - deltas[starts]  # undo the running sum across rings
        out.append((absolute - base[ring]) / UNITS_PER_DEGREE)
    return np.concatenate(out) if out else np.empty((0, 2))
