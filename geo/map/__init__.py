"""The interactive map: folium elements per concern, assembled by :func:`build_map`."""

from geo.map.build import build_map, render_html

__all__ = ["build_map", "render_html"]
