"""gba-atlas: the Greater Bay Area's cooperation platforms, mapped and checked.

The package's public names: :class:`Atlas` (layers, claims, checks and the map),
:func:`geodesic_area`, and the error classes in :mod:`geo.errors`.

They are imported on first use (``from geo import Atlas`` works as ever), so that ``import geo``
itself loads nothing: the command's entry point (:mod:`geo.launch`) must be running, ready for a
Ctrl-C, before the modules of the command line load.
"""

TYPE_CHECKING = False  # as typing's, without importing typing (mypy reads it the same way)
if TYPE_CHECKING:
    from geo.atlas import Atlas
    from geo.errors import AtlasError, ClaimError, InputError, LayerError
    from geo.geodesy import geodesic_area

__all__ = ["Atlas", "AtlasError", "ClaimError", "InputError", "LayerError", "geodesic_area"]
__version__ = "0.1.0"

#: Where each public name lives.
_HOMES = {
    "Atlas": "geo.atlas",
    "AtlasError": "geo.errors",
    "ClaimError": "geo.errors",
    "InputError": "geo.errors",
    "LayerError": "geo.errors",
    "geodesic_area": "geo.geodesy",
}


def __getattr__(name: str) -> object:
    """A public name, imported from its module when first asked for."""
    if name not in _HOMES:
        msg = f"module 'geo' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
