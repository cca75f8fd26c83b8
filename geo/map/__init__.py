"""The interactive map: folium elements per concern, assembled by :func:`build_map`."""

import sys
from typing import Any


class _NotLoaded:
    """No object is an instance of this class: what ``pd.DataFrame`` is before pandas is loaded."""


class _PandasOnceLoaded:
    """pandas in ``folium.utilities``, looked up when used.

    Before anything has loaded pandas no object can be a DataFrame, and that is all folium asks
    of it (folium 0.20: two ``pd is not None and isinstance(obj, pd.DataFrame)`` tests).
    """

    def __getattr__(self, name: str) -> Any:
        pandas = sys.modules.get("pandas")
        return _NotLoaded if pandas is None else getattr(pandas, name)


def _import_folium() -> None:
    """Import folium without the pandas it imports only to recognise DataFrames.

    pandas, with the pyarrow it loads, is 0.3 s of a 0.7 s map build's CPU. Already loaded,
    pandas is used as ever.
    """
    if "pandas" in sys.modules or "folium" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` fails: folium goes without
    try:
        import folium.utilities
    finally:
        del sys.modules["pandas"]
    folium.utilities.pd = _PandasOnceLoaded()  # type: ignore[attr-defined]


_import_folium()

from geo.map.build import build_map, render_html  # noqa: E402

__all__ = ["build_map", "render_html"]
