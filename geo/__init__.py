"""gba-atlas: the Greater Bay Area's cooperation platforms, mapped and checked.

The package's public names: :class:`Atlas` (layers, claims, checks and the map),
:func:`geodesic_area`, and the error classes in :mod:`geo.errors`.
"""

from geo.atlas import Atlas
from geo.errors import AtlasError, ClaimError, InputError, LayerError
from geo.geodesy import geodesic_area

__all__ = ["Atlas", "AtlasError", "ClaimError", "InputError", "LayerError", "geodesic_area"]
__version__ = "0.1.0"
