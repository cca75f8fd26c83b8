"""Finding a page's external scripts and stylesheets: one regular-expression tokenizer.

:data:`TOKEN` matches, in document order, comments, whole ``<script>`` and
``<style>`` elements (so that a tag inside their bodies is not taken for one)
and ``<link>`` tags; :func:`external_asset` tells which of them load an http(s)
script or stylesheet.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from typing import Literal

__all__ = ["TOKEN", "attributes", "external_asset", "used_asset_urls"]

#: Comments, script and style elements (skipped whole, so that a tag inside is not taken for one),
#: and links. A body is ``.*?`` up to the closing tag, written as runs of ``[^<]*``: the same match,
#: but a megabyte of data in a script is crossed in one step instead of a lookahead per character.
TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<tag>script|style)\b(?P<attrs>[^>]*)>"
    r"(?P<body>[^<]*(?:<(?!/(?P=tag)\s*>)[^<]*)*)</(?P=tag)\s*>"
    r"|<link\b(?P<link>[^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
_ATTR = re.compile(
    r"""(?P<key>[^\s"'=<>/]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?"""
)
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def attributes(text: str) -> dict[str, str]:
    """Parse HTML attributes (lower-cased names, unescaped values; the first of a name wins).

    Parameters
    ----------
    text : str
        The attributes part of a start tag, e.g. ``' type="a" id=b'``.

    Returns
    -------
    dict of str to str
        Each attribute's value by name (``""`` for a bare attribute).

    Examples
    --------
    >>> attributes(' TYPE="application/json" id=x defer id="y"')
    {'type': 'application/json', 'id': 'x', 'defer': ''}
    """
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        value = match["dq"] if match["dq"] is not None else match["sq"]
        value = match["bare"] if value is None else value
        attrs.setdefault(match["key"].lower(), html_unescape(value or ""))
    return attrs


def external_asset(match: re.Match[str]) -> tuple[Literal["script", "style"], str] | None:
    """Tell whether a :data:`TOKEN` match loads an external http(s) script or stylesheet.

    Parameters
    ----------
    match : re.Match
        A match of :data:`TOKEN`.

    Returns
    -------
    tuple of (str, str) or None
        ``("script", url)`` for ``<script src="http(s)://...">``, ``("style", url)``
        for ``<link rel="stylesheet" href="http(s)://...">``, else None.
    """
    if match["tag"] and match["tag"].lower() == "script":
        src = attributes(match["attrs"]).get("src", "").strip()
        if _HTTP.match(src):
            return "script", src
    elif match["link"] is not None:
        attrs = attributes(match["link"])
        href = attrs.get("href", "").strip()
        if "stylesheet" in attrs.get("rel", "").lower().split() and _HTTP.match(href):
            return "style", href
    return None


def used_asset_urls(html: str) -> list[str]:
    """List the external http(s) script and stylesheet URLs of a page.

    Parameters
    ----------
    html : str
        An HTML document.

    Returns
    -------
    list of str
        URLs of ``<script src>`` and ``<link rel="stylesheet" href>`` tags
        in document order (duplicates kept).

    Examples
    --------
    >>> used_asset_urls('<!-- <script src="https://a/x.js"></script> -->'
    ...                 '<link rel="stylesheet" href="https://a/y.css"><script src="z.js"></script>')
    ['https://a/y.css']
    """
    found = (external_asset(m) for m in TOKEN.finditer(html))
    return [item[1] for item in found if item is not None]
