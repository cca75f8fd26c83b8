"""GeoJSON layer text to a document and its geometries, most of them read from the bytes as arrays.

:func:`decode_layer` is :func:`geo.validation.json_text.decode_json` for layer files,
taking a faster road when it can prove the road leads to the same document:

1. msgspec checks the JSON syntax of the whole file in C and hands back each
   feature's ``geometry`` as the raw bytes it was written with.
2. A geometry whose bytes are plainly ``{"type": ..., "coordinates":
   [...]}`` with only numbers, commas, brackets and spaces in the array (so no
   duplicate key, lone surrogate or non-UTF-8 byte can hide in it) is read as arrays
   (:func:`geo.validation.coordinate_arrays.read_coordinates`), put through the geometry rules
   (:func:`geo.validation.geometry_screen.screen`), and replaced by ``0`` in the text.
3. What is left — the top level, every feature's properties, and the geometries not
   read — is decoded by the strict decoder (:mod:`geo.io.geojson_skeleton`), so
   duplicate keys, lone surrogates and NaN are found as before; a geometry the array
   reader found suspect is decoded back into its feature, for the rules' words.

Whenever anything is in doubt — msgspec refuses the text, the strict decoder finds a
problem — the whole file is decoded the strict way (``decode_json``) and its geometries
are read from the decoded document (:func:`geo.io.tables.collection_table`), so a file's
problems and their words never depend on the road. ``GBA_ATLAS_FAST_READ=0`` always
takes the strict road.

Memory: a file read by :func:`read_layer_json` arrives as a ``bytearray`` the fast road
may use up. The text left in step 3 is made in it, in place, and it is emptied once
that is decoded, so the file's bytes and the decoded document never live at once; when
the strict road must speak after that, the file is read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
import numpy as np

from geo.errors import Problem
from geo.io.geojson_skeleton import decode_rest, decode_suspects, find_spans, fits, owned_buffer
from geo.io.json_file import read_json
from geo.validation.coordinate_arrays import LEVELS, read_coordinates
from geo.validation.geometry_screen import screen
from geo.validation.json_text import decode_json

#: The environment variable that turns the fast road off (``0``).
FAST_READ_ENV = "GBA_ATLAS_FAST_READ"

#: Files smaller than this (bytes) take the strict road: it is fast enough.
MIN_FAST_BYTES = 1 << 20

#: Geometries read at a time: bounds the bytes copied for it.
CHUNK = 2_000

#: Bytes at each end of a geometry's text looked at for its first and last bracket.
_EDGE = 64

_BOM = b"\xef\xbb\xbf"
_SPACE = b" \t\n\r"
_FORMS = {
    form: kind
    for kind in LEVELS
    for form in (
        b'{"type":"%s","coordinates":@}' % kind.encode(),
        b'{"coordinates":@,"type":"%s"}' % kind.encode(),
    )
}


class Decoded(NamedTuple):
    """A decoded layer document, the geometries read from its bytes, and which were screened.

    ``geometry`` is None where a geometry was not read; ``screened`` is True where the
    geometry rules were applied (:func:`geo.validation.geometry_screen.screen`): such a
    geometry is oriented, or None (and decoded back into its feature) where refused.
    """

    document: Any
    geometry: np.ndarray | None = None
    screened: np.ndarray | None = None


class _Feature(msgspec.Struct):
    geometry: msgspec.Raw = msgspec.Raw(b"null")


class _Collection(msgspec.Struct):
    features: list[_Feature]


def fast_read_enabled() -> bool:
    """False when ``GBA_ATLAS_FAST_READ=0`` (or ``false``, ``no``, ``off``).

    Returns
    -------
    bool
        Whether large files take the fast road.
    """
    return os.environ.get(FAST_READ_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def read_layer_json(path: Path) -> tuple[Decoded | None, list[Problem]]:
    """Read a layer file with :func:`decode_layer`, letting it give the bytes up early.

    When the fast road has given the file's bytes up and then finds it must take the
    strict one (a problem to put in words), the file is read again, the strict way.

    Parameters
    ----------
    path : Path
        The layer file.

    Returns
    -------
    decoded : Decoded or None
        As :func:`decode_layer`; None when there are problems.
    problems : list of Problem
        As :func:`geo.io.json_file.read_json` says them.
    """

    def strict() -> tuple[Decoded | None, list[Problem]]:
        data, problems = read_json(path)
        return (None if problems else Decoded(data)), problems

    return read_json(path, decode=partial(decode_layer, again=strict))


def decode_layer(
    raw: bytes | bytearray,
    *,
    file: str,
    again: Callable[[], tuple[Decoded | None, list[Problem]]] | None = None,
) -> tuple[Decoded | None, list[Problem]]:
    """Decode a layer file's bytes as :func:`decode_json` does, geometries read as arrays when it can.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's bytes (UTF-8 JSON; a byte-order mark is accepted). When ``again`` is
        given, a ``bytearray`` is used up: the fast road makes the rest of the text in
        it and empties it.
    file : str
        The file's name, for the messages.
    again : callable, optional
        The strict road, the file read again: taken when the bytes were given up and
        the strict road must decide after all.

    Returns
    -------
    decoded : Decoded or None
        The document (clean geometries replaced by ``0``) and the geometries read; None
        when there are problems.
    problems : list of Problem
        Why the text is not usable JSON, as :func:`decode_json` says.
    """
    if fast_read_enabled() and len(raw) >= MIN_FAST_BYTES:
        found = fast_decode(raw, file=file, release=again is not None)
        if found is not None:
            return found, []
        if again is not None and not raw:  # given up: read again
            return again()
    data, problems = decode_json(raw, file=file)
    return (None if problems else Decoded(data)), problems


def fast_decode(raw: bytes | bytearray, *, file: str, release: bool = False) -> Decoded | None:
    """The document with its clean geometries read, or None when the strict road must decide.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's bytes.
    file : str
        The file's name, for the strict decoder.
    release : bool
        The caller can read the file again: ``raw`` (a ``bytearray``) may become the
        text left once the geometries are out (made in place, no copy), and is emptied
        once that is decoded.

    Returns
    -------
    Decoded or None
        None when msgspec or the strict decoder refuses the text, or a geometry read
        back cannot be decoded the strict way.
    """
    raws = _geometry_texts(raw)
    if raws is None:
        return None
    shapes, cut, suspect = _read_geometries(raws)
    spans = find_spans(raw, [raws[i] for i in np.flatnonzero(cut).tolist()])
    suspects = {i: bytes(raws[i]) for i in np.flatnonzero(suspect).tolist()}
    del raws
    if spans is None:
        return None
    data = decode_rest(raw, spans, file=file, out=owned_buffer(raw) if release else None)
    if data is None or not fits(data, cut) or not decode_suspects(data["features"], suspects):
        return None
    return Decoded(data, shapes, cut)


def _geometry_texts(raw: bytes | bytearray) -> list[msgspec.Raw] | None:
    """Each feature's ``geometry`` as a view of its text; None when msgspec refuses the text."""
    start = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        features = msgspec.json.decode(memoryview(raw)[start:], type=_Collection).features
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    return [f.geometry for f in features]


def _plain_geometry(raw: msgspec.Raw) -> tuple[str, bytes] | None:
    """``(kind, coordinates text)`` for ``{"type": kind, "coordinates": [...]}`` with nothing else in it.

    Only kinds read as arrays qualify; the coordinates text is checked byte by byte later.
    Only the first and last bytes are looked at for the brackets, and only the
    coordinates copied, when the brackets lie there.
    """
    with memoryview(raw) as view:
        head, tail = bytes(view[:_EDGE]), bytes(view[-_EDGE:])
        first, last = head.find(b"["), tail.rfind(b"]")
        if first < 0 or last < 0:
            text = bytes(view)
            first, last = text.find(b"["), text.rfind(b"]")
            if first < 0:
                return None
            head, tail, last = text, text, last
        end = len(view) - len(tail) + last + 1
        form = (head[:first] + b"@" + tail[last + 1 :]).translate(None, _SPACE)
        kind = _FORMS.get(form)
        return None if kind is None else (kind, bytes(view[first:end]))


def _read_geometries(raws: list[msgspec.Raw]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The geometries read as arrays (None elsewhere), which were cut out, and which of those are suspect."""
    n = len(raws)
    shapes = np.full(n, None, dtype=object)
    cut = np.zeros(n, dtype=bool)
    suspect = np.zeros(n, dtype=bool)
    for first in range(0, n, CHUNK):
        plain = [_plain_geometry(r) or ("", b"") for r in raws[first : first + CHUNK]]
        for kind in LEVELS:
            at = first + np.array([i for i, p in enumerate(plain) if p[0] == kind], dtype=np.int64)
            if not len(at):
                continue
            built, _ = read_coordinates([plain[i - first][1] for i in at.tolist()], kind)
            passed, shapes[at] = screen(built)  # while the text is at hand, for the words of the refused
            cut[at] = True
            suspect[at] = ~passed
    return shapes, cut, suspect
