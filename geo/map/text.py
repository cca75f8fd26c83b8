"""Making data safe for where it goes in the page.

Text from layers is never written into the page as markup: it travels as JSON
inside a script and the page's own script puts it into the DOM with
``textContent``. These helpers make that JSON safe inside ``<script>``, and keep
only http(s) URLs as links.
"""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

#: What :func:`script_json` escapes, and how.
_SCRIPT_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
#: A ``{`` opening a Jinja tag (``{{``, ``{%``, ``{#``) only occurs inside JSON strings (an object's
#: ``{`` is followed by ``"`` or ``}``), where ``\u007b`` means the same.
_JINJA_OPENERS = "{%#"
_JINJA_OPENING = re.compile(r"\{(?=[{%#])")  # each "{" that opens a tag, overlapping ones too
_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def script_json(data: Any, *, fast: bool = False) -> str:
    r"""JSON that is also a safe JavaScript literal inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\u`` escapes, so no ``</script>`` or
    ``<!--`` can end the element early; U+2028 and U+2029 likewise. So is a ``{``
    that would open a Jinja tag: branca renders each element's output again as a
    Jinja template, and ``{{ ... }}`` from a layer would run there (at build time,
    in Python). Keys are sorted so the output is deterministic.

    Parameters
    ----------
    data : object
        JSON-serialisable data (no NaN or infinity unless ``fast``).
    fast : bool
        Write it with msgspec (see below).

    Returns
    -------
    str
        Compact JSON, keys sorted, safe inside ``<script>`` and through Jinja.

    >>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"}'
    >>> script_json("${7*7}")
    '"${7*7}"'
    >>> script_json({"a": ["{{ 7*7 }}", "{% if %}", "{# #}", "{x}"]})
    '{"a":["\\u007b{ 7*7 }}","\\u007b% if %}","\\u007b# #}","{x}"]}'
    >>> script_json("{{{%")
    '"\\u007b\\u007b\\u007b%"'

    With ``fast``, msgspec writes the JSON (C, several times faster on a bulk layer's
    megabytes; the same text but for how some numbers are spelt) — but NaN and infinity
    become ``null`` instead of raising ``ValueError``: the caller checks its numbers.

    >>> script_json({"b": [1.5, "<"], "a": None}, fast=True)
    '{"a":null,"b":[1.5,"\\u003c"]}'
    """
    if fast:
        text = msgspec.json.encode(data, order="sorted").decode("utf-8")
    else:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    # str.replace, and a regex only when needed: a bulk layer's JSON runs to megabytes and has none of these.
    for char, escaped in _SCRIPT_UNSAFE:
        if char in text:
            text = text.replace(char, escaped)
    if any("{" + follower in text for follower in _JINJA_OPENERS):  # rare: only then the regex
        text = _JINJA_OPENING.sub(r"\\u007b", text)
    return text


def safe_url(url: Any) -> str | None:
    """The URL if it is plain http(s), else None (``javascript:``, ``data:`` and the rest never link).

    Parameters
    ----------
    url : object
        A URL from the data, or anything else.

    Returns
    -------
    str or None
        The URL, stripped, when it is an absolute http(s) URL; else None.

    >>> safe_url("https://www.gov.cn/plan.htm")
    'https://www.gov.cn/plan.htm'
    >>> safe_url("javascript:alert(1)") is None, safe_url(None) is None
    (True, True)
    """
    if isinstance(url, str) and _HTTP_URL.match(url):
        return url
    return None
