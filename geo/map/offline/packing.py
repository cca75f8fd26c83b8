"""A self-contained page's inline scripts, stylesheets and data carried compressed, in the one file.

A phone on a slow link paints a page only once it has the whole document: the fewer bytes, the
sooner the first paint. :func:`pack_page` takes the page's large inline ``<script>`` and
``<style>`` elements (Leaflet and the plugins, the map's own script and stylesheet, the JSON data
blocks), compresses them together as one raw DEFLATE stream (zlib, level 6) and writes it in
base64 into the page, with a small inflater (``static/js/loader/unpack.js``). Each element's place keeps a
one-line script, ``gbaUnpack(i)``, that puts the element back there while the page is parsed: the
same scripts run in the same order, synchronously, before the load event, with no network.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from importlib.resources import files

import rjsmin

from geo.map.offline.html_tokens import TOKEN, attributes
from geo.map.text import script_json

#: Elements whose text is shorter (characters) stay as they are: a call would save nothing.
MIN_PACKED = 1024
#: Elements whose text is longer (characters) stay as they are too: a bulk layer's megabytes of
#: data would cost the build seconds to compress and the page as long to inflate in JavaScript.
MAX_PACKED = 1_000_000
#: The payload script and each part's call, as :func:`pack_page` writes them.
_PAYLOAD = re.compile(r"<script>(?:(?!</script>).)*?gbaUnpack\((\{.*?\})\);</script>", re.S)
_CALL = re.compile(r"<script>gbaUnpack\((\d+)\)</script>")
#: The script types that are packed: classic scripts and JSON data blocks.
_PACKED_TYPES = ("", "text/javascript", "application/json")


def packable(match: re.Match[str]) -> bool:
    """Tell whether a :data:`~geo.map.offline.html_tokens.TOKEN` match is an element worth packing.

    Parameters
    ----------
    match : re.Match
        A match of the tokenizer: a comment, a script or style element, or a link.

    Returns
    -------
    bool
        True for an inline ``<style>``, or an inline classic or JSON ``<script>`` (no ``src``),
        of :data:`MIN_PACKED` to :data:`MAX_PACKED` characters.
    """
    tag = (match["tag"] or "").lower()
    if not tag or not MIN_PACKED <= len(match["body"]) <= MAX_PACKED:
        return False
    attrs = attributes(match["attrs"])
    return tag == "style" or ("src" not in attrs and attrs.get("type", "").lower() in _PACKED_TYPES)


def unpacker() -> str:
    """The inflater the page carries (``static/js/loader/unpack.js``), minified.

    Returns
    -------
    str
        JavaScript defining ``window.gbaUnpack``.
    """
    text = (files("geo.map") / "static" / "js" / "loader" / "unpack.js").read_text(encoding="utf-8")
    return str(rjsmin.jsmin(text))


def pack_page(html: str) -> str:
    """The page with its large inline elements compressed into one payload (see the module's notes).

    Parameters
    ----------
    html : str
        A self-contained HTML page (its assets inlined).

    Returns
    -------
    str
        The same page, smaller: the payload and inflater where the first packed element stood,
        a ``<script>gbaUnpack(i)</script>`` in the place of each; ``html`` itself when packing
        would not make it smaller. The same page gives the same bytes.
    """
    matches = [match for match in TOKEN.finditer(html) if packable(match)]
    if not matches:
        return html
    texts = [match["body"].encode("utf-8") for match in matches]
    parts, start = [], 0
    for match, text in zip(matches, texts, strict=True):
        parts.append(
            [match["tag"].lower(), list(attributes(match["attrs"]).items()), start, start + len(text)]
        )
        start += len(text)
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15, 9)  # level 9 saves 0.4 % in twice the time
    data = deflate.compress(b"".join(texts)) + deflate.flush()
    pack = {"data": base64.b64encode(data).decode("ascii"), "size": start, "parts": parts}
    first = f"<script>{unpacker()}gbaUnpack({script_json(pack)});</script>"
    pieces: list[str] = []
    last = 0
    for index, match in enumerate(matches):
        pieces += [
            html[last : match.start()],
            first if index == 0 else "",
            f"<script>gbaUnpack({index})</script>",
        ]
        last = match.end()
    packed = "".join([*pieces, html[last:]])
    return packed if len(packed) < len(html) else html


def unpacked_page(html: str) -> str:
    """A page written by :func:`pack_page` with each packed element back in its place, to read.

    Parameters
    ----------
    html : str
        A packed page (a page that is not packed is returned as it is).

    Returns
    -------
    str
        The page with the payload removed and each ``gbaUnpack(i)`` call replaced by element ``i``
        (its attributes in their order, values as parsed), as the browser builds it.

    Examples
    --------
    >>> page = f'<style id="s">{"p{}" * 2000}</style><p>text</p>'
    >>> unpacked_page(pack_page(page)) == page
    True
    """
    payload = _PAYLOAD.search(html)
    if payload is None:
        return html
    pack = json.loads(payload[1])
    data = zlib.decompress(base64.b64decode(pack["data"]), -15)

    def element(match: re.Match[str]) -> str:
        tag, attrs, start, end = pack["parts"][int(match[1])]
        words = "".join(f' {name}="{value}"' if value else f" {name}" for name, value in attrs)
        return f"<{tag}{words}>{data[start:end].decode('utf-8')}</{tag}>"

    return _CALL.sub(element, html[: payload.start()] + html[payload.end() :])
