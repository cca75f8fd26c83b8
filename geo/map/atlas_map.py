"""The Leaflet map of the page: folium's Map, laid out for people and shown offline in notebooks.

Unlike ``folium.Map`` it lets readers pinch-zoom the page, puts the map in the page's
``<main>`` landmark (the story panel is an ``<aside>`` beside it), loads no jQuery, and
shows in Jupyter with every script and stylesheet inlined when they are cached.
"""

from __future__ import annotations

from html import escape
from typing import Any

import folium
from folium.template import Template

#: The height of the map in a notebook's output cell, in pixels.
NOTEBOOK_HEIGHT = 540


class AtlasMap(folium.Map):
    """A ``folium.Map`` inside a ``<main>`` landmark, with a viewport tag that allows zooming."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <style>
                html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
                #{{ this.get_name() }} { position: absolute; inset: 0; }
            </style>
        {% endmacro %}

        {% macro html(this, kwargs) %}
            <main class="gba-main" aria-label="Map">
            <div class="folium-map" id={{ this.get_name()|tojson }} ></div>
            </main>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{ this.options|tojavascript }}
                }
            );
            L.control.zoom({ position: "topright" }).addTo({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(tiles=None, control_scale=False, zoom_control=False, **kwargs)

    def _repr_html_(self, **kwargs: Any) -> str:
        """The map in a notebook: an iframe of the whole page, self-contained when the assets are cached."""
        return notebook_frame(self.get_root().render())


def notebook_frame(html: str, *, height: int = NOTEBOOK_HEIGHT) -> str:
    """A page in an ``<iframe srcdoc>`` as wide as the output cell; its assets inlined if cached.

    Parameters
    ----------
    html : str
        The whole HTML page.
    height : int
        The frame's height in pixels.

    Returns
    -------
    str
        The ``<iframe>`` element.
    """
    from geo.map.offline.cached import inline_if_cached

    page = escape(inline_if_cached(html), quote=True)
    return (
        f'<iframe srcdoc="{page}" title="Map" style="width:100%;height:{height}px;border:none" '
        "allowfullscreen></iframe>"
    )
