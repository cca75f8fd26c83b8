"""The HTML page around the map: its ``<title>`` from the story, and the language of its text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from branca.element import Figure
from jinja2 import Template

if TYPE_CHECKING:
    from folium import Map as FoliumMap

#: The language of the page's own text and of a story's title and description.
PAGE_LANG = "en"


class Page(Figure):
    """branca's Figure with ``<html lang>`` and a ``<title>``, both HTML-escaped.

    Parameters
    ----------
    title : str
        The page's title (the story's title).
    lang : str
        The BCP 47 tag of the page's language.

    Examples
    --------
    >>> html = Page(title="Hetao <zone>").render()
    >>> '<html lang="en">' in html, "<title>Hetao &lt;zone&gt;</title>" in html
    (True, True)
    """

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        "<title>{{ this.title|e }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n"
    )

    def __init__(self, *, title: str, lang: str = PAGE_LANG) -> None:
        if not title.strip():
            msg = "a Page needs a non-empty title"
            raise ValueError(msg)
        super().__init__(title=title)
        self.lang = lang


def page_plain_basemap(*, self_contained: bool) -> Any:
    """The plain base map a page carries: fetched for a self-contained page, else only if cached.

    Parameters
    ----------
    self_contained : bool
        Whether the page is built self-contained.

    Returns
    -------
    dict or "if cached"
        The plain base map's data (:func:`geo.map.plain.plain_payload`), or ``"if cached"``
        for :func:`geo.map.build_map` to take it from the cache when it is there.

    Raises
    ------
    AssetError
        For a self-contained page, when Natural Earth cannot be fetched.
    """
    from geo.map.plain import plain_payload

    return plain_payload(fetch=True) if self_contained else "if cached"


def page_document(m: FoliumMap, *, self_contained: bool) -> str:
    """A built map as one HTML document.

    Parameters
    ----------
    m : folium.Map
        The built map, on its page.
    self_contained : bool
        Inline every script and stylesheet, and carry the large ones compressed
        (:func:`geo.map.offline.packing.pack_page`), so the page loads sooner on a slow link.

    Returns
    -------
    str
        The HTML document.
    """
    html: str = m.get_root().render()
    if self_contained:
        from geo.map.offline import inline_assets
        from geo.map.offline.packing import pack_page

        html = pack_page(inline_assets(html))
    return html
