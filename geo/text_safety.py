"""Text from data on its way to a terminal, a CSV file or a Markdown file, made harmless.

Ids, names, stated figures and file names come from layer files that anyone may
write. Printed as they are, a newline splits one problem over two lines, an ESC
or BEL sequence can retitle or clear the user's terminal, a bidi override
reorders what the reader sees, a ``|`` breaks a Markdown row and a cell starting
with ``=`` is a formula to a spreadsheet. Every such text passes through one of
the functions here on its way out:

* :func:`terminal_text` -- one line, every control character shown escaped;
* :func:`markdown_cell` -- the same, with ``|`` escaped as ``\\|``;
* :func:`csv_cell` -- the same, with a cell that a spreadsheet would run as a
  formula prefixed with ``'`` (OWASP's advice); numbers are left as they are;
* :func:`for_stream` -- a whole output made encodable by the stream it goes to:
  symbols the stream cannot encode become ASCII (✓ ``ok``, ✗ ``FAIL``, ± ``+/-``,
  ² ``2``, → ``->``), anything else it cannot encode (and any lone surrogate) a
  ``\\uXXXX`` escape, so printing never raises ``UnicodeEncodeError``.

What is escaped: C0 controls and DEL (``\\n``, ``\\r``, ``\\t``, else ``\\xNN``), C1
controls (``\\u009b``), the line and paragraph separators U+2028/U+2029, the bidi
embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, and lone
surrogates (``\\udc80``). A backslash itself is left as it is (file names on
Windows have them), so ``\\n`` in the output may also have been those two
characters in the data.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any, TextIO

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Characters never written raw: C0, DEL, C1, line/paragraph separators, bidi controls, surrogates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

#: ASCII stand-ins for the symbols gba-atlas prints, used when a stream cannot encode them.
ASCII_FALLBACKS = {
    "✓": "ok",
    "✗": "FAIL",
    "±": "+/-",
    "²": "2",
    "→": "->",
    "–": "-",
    "—": "--",
    "−": "-",
    "…": "...",
    "×": "x",
    "≤": "<=",
    "≥": ">=",
}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def terminal_text(text: Any) -> str:
    """``text`` (any object, as ``str``) on one line, with every unsafe character escaped.

    Parameters
    ----------
    text : object
        Any object.

    Returns
    -------
    str
        Its text, safe to print.

    Examples
    --------
    >>> terminal_text("feature 'a\\nb'")
    "feature 'a\\\\nb'"
    >>> print(terminal_text("\\x1b]0;pwned\\x07 \\u202eevil \\x9b31m"))
    \\x1b]0;pwned\\x07 \\u202eevil \\u009b31m
    """
    return UNSAFE.sub(_escape, str(text))


def markdown_cell(text: Any) -> str:
    """``text`` as one cell of a Markdown table: one line, ``|`` escaped.

    Parameters
    ----------
    text : object
        Any object.

    Returns
    -------
    str
        The cell's text.

    Examples
    --------
    >>> print(markdown_cell("a | b\\nc"))
    a \\| b\\nc
    """
    return terminal_text(text).replace("|", "\\|")


def csv_cell(value: Any) -> Any:
    """A CSV cell: text escaped and kept from being run as a formula; anything else as it is.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'``, so a spreadsheet shows it instead of evaluating it. Numbers
    (``-0.15`` as a ``float``) and booleans are not text and pass unchanged.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    object
        The value, text made safe.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-3 ha"), csv_cell(-0.15), csv_cell("Nansha")
    ("'=HYPERLINK(1)", "'-3 ha", -0.15, 'Nansha')
    """
    if not isinstance(value, str):
        return value
    prefix = "'" if value.startswith(FORMULA_STARTS) else ""
    return prefix + terminal_text(value)


def stream_encoding(stream: TextIO) -> str:
    """The codec name of ``stream`` (``utf-8`` when it does not say).

    Parameters
    ----------
    stream : TextIO
        A text stream (standard output, say).

    Returns
    -------
    str
        The codec's name, normalised.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


@lru_cache(maxsize=16)
def fallbacks_for(encoding: str) -> dict[int, str]:
    """The translation table of the :data:`ASCII_FALLBACKS` that ``encoding`` cannot encode.

    Parameters
    ----------
    encoding : str
        A codec's name.

    Returns
    -------
    dict of int to str
        The table, for :meth:`str.translate`.
    """
    table = {}
    for symbol, ascii_text in ASCII_FALLBACKS.items():
        try:
            symbol.encode(encoding)
        except UnicodeError:
            table[ord(symbol)] = ascii_text
    return table


def can_encode_symbols(stream: TextIO) -> bool:
    """Whether ``stream`` can show ✓ and ✗ (else reports use ``ok`` and ``FAIL``).

    Parameters
    ----------
    stream : TextIO
        A text stream.

    Returns
    -------
    bool
        True when it can.
    """
    return not fallbacks_for(stream_encoding(stream)).keys() & {ord("✓"), ord("✗")}


def for_stream(text: str, stream: TextIO) -> str:
    """``text`` made encodable by ``stream``: ASCII stand-ins, then ``\\uXXXX`` escapes.

    Parameters
    ----------
    text : str
        The text to write.
    stream : TextIO
        The stream it goes to.

    Returns
    -------
    str
        The text, every character encodable.

    Examples
    --------
    >>> import io
    >>> latin1 = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    >>> for_stream("✓ 87 ha ± 2 %, 3.89 km² → 面", latin1)
    'ok 87 ha ± 2 %, 3.89 km² -> \\\\u9762'
    """
    encoding = stream_encoding(stream)
    text = text.translate(fallbacks_for(encoding))
    return text.encode(encoding, "backslashreplace").decode(encoding)
