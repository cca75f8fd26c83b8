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
#: How a notebook's map carries its scripts: inlined from the cache ("full", about 0.8 MB in the
#: saved notebook, works offline), or linked ("light", about 0.3 MB, needs the network to show).
EMBEDS = ("full", "light")


class AtlasMap(folium.Map):
    """A ``folium.Map`` inside a ``<main>`` landmark, with a viewport tag that allows zooming.

    Its empty ``data:`` icon keeps a served map from asking its server for a ``/favicon.ico``
    it does not have (a 404 in the browser's console).

    Parameters
    ----------
    **kwargs
        ``folium.Map``'s options (location, zoom_start, tiles ...), passed on.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <link rel="icon" href="data:," />
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
        self.embed = "full"
        """How the notebook view carries the scripts: one of :data:`EMBEDS`."""

    def _repr_html_(self, **kwargs: Any) -> str:
        """The map in a notebook: an iframe of the whole page, self-contained when the assets are cached."""
        return notebook_frame(self.get_root().render(), light=self.embed == "light")


#: What a notebook says when the map's scripts are not in the asset cache: the map would need a CDN.
MISSING_ASSETS = (
    "The map's scripts are not in the asset cache ({cache}), so this map loads them from a CDN and "
    "stays blank offline. To fix: build a self-contained map once (gba-atlas build --self-contained; "
    "it needs Node.js and npm), then run this cell again."
)

#: Shown under the frame, and hidden by the frame once it loads: an untrusted notebook shows no frame.
UNTRUSTED_HINT = (
    "No map here? The notebook may not be trusted: choose File \N{RIGHTWARDS ARROW} Trust Notebook "
    "(or run jupyter trust on it), then run the cell again."
)


def inlined_page(html: str) -> tuple[str, str]:
    """A page with its assets inlined from the cache, and the words to show when they are not there.

    Parameters
    ----------
    html : str
        The whole HTML page, its assets linked.

    Returns
    -------
    page : str
        The self-contained page, or ``html`` as it is when an asset is not cached.
    problem : str
        Empty when the page is self-contained; else :data:`MISSING_ASSETS`, naming the cache.
    """
    from geo.map.offline.cached import inline_if_cached
    from geo.map.offline.npm_cache import default_cache_dir

    page = inline_if_cached(html)
    return page, "" if page != html else MISSING_ASSETS.format(cache=default_cache_dir())


#: What a light notebook map says above itself.
LIGHT_NOTE = (
    'This map links its scripts (embed="light"), which keeps the saved notebook small: it shows only '
    "with a network. Use to_map() without embed= for a map that works offline."
)


def notebook_frame(html: str, *, height: int = NOTEBOOK_HEIGHT, light: bool = False) -> str:
    """A page in an ``<iframe srcdoc>`` as wide as the output cell; its assets inlined if cached.

    When the assets are not cached, a line above the frame says so and how to fix it; a line
    under it, removed by the frame once it loads, tells the reader of an untrusted notebook
    (whose output shows no frame) what to do.

    Parameters
    ----------
    html : str
        The whole HTML page.
    height : int
        The frame's height in pixels.
    light : bool
        Link the scripts rather than inline them (a note above the frame says so).

    Returns
    -------
    str
        The HTML of the cell's output.
    """
    page, problem = (html, LIGHT_NOTE) if light else inlined_page(html)
    note = f'<p class="gba-missing" role="status">{escape(problem)}</p>' if problem else ""
    return (
        f'{note}<iframe srcdoc="{escape(page, quote=True)}" title="Map" '
        f'style="width:100%;height:{height}px;border:none" allowfullscreen '
        'onload="var n=this.nextElementSibling;if(n)n.remove()"></iframe>'
        f'<p class="gba-untrusted">{escape(UNTRUSTED_HINT)}</p>'
    )
