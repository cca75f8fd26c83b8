"""Assertion helpers for your own tests, in the style of :mod:`geopandas.testing`.

- :func:`assert_area`: a polygon's geodesic area against a stated figure (hectares, a stated figure
  of the layer format, or a :class:`~geo.model.StatedFigure`), within a tolerance;
- :func:`assert_claim`: a claim, in the claims format or from a report, holds;
- :func:`assert_layers_valid`: a layers folder passes validation (returns its :class:`~geo.Atlas`).

Each raises ``AssertionError`` whose message starts with one line saying what does not hold,
followed by the line ``gba-atlas check`` prints for it, and what to look at; bad arguments raise
``TypeError`` or ``ValueError``. The verdicts are the model's own (:class:`~geo.model.AreaCheck`,
:class:`~geo.model.ClaimResult`), and the pytest plugin (:mod:`geo.pytest_plugin`, whose items are
in :mod:`geo.testing.items`) formats its failures with the same :func:`format_area_failure` and
:func:`format_claim_failure`, so both read alike.

>>> import shapely
>>> square = shapely.box(114.0, 22.4, 114.01, 22.41)  # about 114 ha
>>> assert_area(square, 114, tolerance_pct=1)
>>> assert_area(square, 100, tolerance_pct=5, name="My square")
Traceback (most recent call last):
...
AssertionError: My square: computed 114.0 ha against 100 ha (100.0 ha) is +14.02 %, allowed ±5 %
platform   stated  stated ha  computed ha  deviation  tolerance  ok
My square  100 ha  100.0      114.0        +14.02 %   ±5 %       ✗
fix: the polygon is larger than stated; check its vertices, or the figure and its tolerance_pct
"""

from geo.testing.areas import assert_area
from geo.testing.claims import assert_claim
from geo.testing.layers import assert_layers_valid
from geo.testing.messages import format_area_failure, format_claim_failure, format_input_error

__all__ = [
    "assert_area",
    "assert_claim",
    "assert_layers_valid",
    "format_area_failure",
    "format_claim_failure",
    "format_input_error",
]
