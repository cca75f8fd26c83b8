"""Base maps and the controls people expect: scale, fullscreen, measure, position, minimap, draw."""

from __future__ import annotations

import folium
import xyzservices.providers as xyz
from folium import plugins

#: (overlay name, provider): a street map and satellite imagery, neither needing an API key.
BASE_MAPS = (
    ("Street map (OpenStreetMap)", xyz.OpenStreetMap.Mapnik),
    ("Satellite (Esri World Imagery)", xyz.Esri.WorldImagery),
)


def add_base_maps(m: folium.Map) -> None:
    """Add the base maps; the first one is shown at start."""
    for index, (name, provider) in enumerate(BASE_MAPS):
        folium.TileLayer(
            tiles=provider.build_url(),
            attr=provider.html_attribution,
            name=name,
            max_zoom=provider.get("max_zoom", 19),
            show=index == 0,
        ).add_to(m)


def add_controls(m: folium.Map) -> None:
    """Fullscreen, measure (distance, area), mouse position, minimap, and a draw tool exporting GeoJSON."""
    plugins.Fullscreen(position="topleft").add_to(m)
    plugins.MeasureControl(
        position="topleft",
        primary_length_unit="kilometers",
        secondary_length_unit="meters",
        primary_area_unit="hectares",
        secondary_area_unit="sqkilometers",
    ).add_to(m)
    plugins.MousePosition(
        position="bottomleft", separator=" · ", prefix="lat/lon", lat_formatter=None, num_digits=5
    ).add_to(m)
    street = BASE_MAPS[0][1]
    plugins.MiniMap(
        tile_layer=folium.TileLayer(tiles=street.build_url(), attr=street.html_attribution),
        position="bottomleft",
        toggle_display=True,
    ).add_to(m)
    plugins.Draw(
        export=True,
        filename="drawn.geojson",
        position="topleft",
        draw_options={"circle": False, "circlemarker": False},
    ).add_to(m)
