"""Decoding a large layer file fast, with the messages of the exact path.

:func:`decode_layer` is :func:`geo.validation.json_text.decode_json` for layer files,
taking a faster road when it can prove the road leads to the same result:

1. msgspec checks the JSON syntax of the whole file in C and hands back each
   feature's ``geometry`` as the raw bytes it was written with (a zero-copy view).
2. A Polygon or MultiPolygon whose bytes are plainly ``{"type": ..., "coordinates":
   [...]}`` with only numbers, commas, brackets and spaces in the array (so no
   duplicate key, lone surrogate or non-UTF-8 byte can hide in it) is cut out of the
   text; :mod:`geo.validation.coordinate_arrays` reads these as arrays (structure,
   position sizes, ring sizes and closure) and they are screened like a GeoDataFrame's
   (:func:`geo.validation.frames.suspect_geometries`: ranges, swapped or projected
   coordinates, antimeridian edges, validity).
3. What is left — the top level, every feature's properties, and the geometries not
   cut out — is decoded by the strict decoder, so duplicate keys, lone surrogates and
   NaN are found as before.
4. :func:`geo.validation.collection.validate_collection` then validates every feature
   as always, except that a geometry the screen passed is not walked in Python again
   (a suspect one is decoded from its bytes and validated position by position, for
   its messages), and properties are screened as columns
   (:func:`geo.validation.property_screen.plain_properties`): only a feature the
   screen cannot clear is validated one by one.

Whenever anything is in doubt — msgspec refuses the text, the strict decoder finds a
problem, a suspect geometry cannot be decoded — the whole file goes the exact way
(``decode_json``), so a file's problems and their words never depend on the road.
``GBA_ATLAS_FAST_READ=0`` always takes the exact road.
"""

from __future__ import annotations

import json
import os
from typing import Any

import msgspec
import numpy as np
import shapely

from geo.errors import Problem
from geo.validation.coordinate_arrays import LEVELS, read_areal
from geo.validation.frames import suspect_geometries
from geo.validation.json_text import MAX_DEPTH, decode_json, too_deep

#: The environment variable that turns the fast road off (``0``).
FAST_READ_ENV = "GBA_ATLAS_FAST_READ"

#: Files smaller than this (bytes) take the exact road: it is fast enough, and one road is simpler.
MIN_FAST_BYTES = 1 << 20

#: Geometries read by GEOS at a time: bounds the bytes copied for it.
CHUNK = 20_000

#: Arrays and objects around a feature's geometry object: the top level, ``features``, the feature.
_GEOMETRY_DEPTH = 3

_BOM = b"\xef\xbb\xbf"
_PLACEHOLDER = b"0"


class _Feature(msgspec.Struct):
    geometry: msgspec.Raw = msgspec.Raw(b"null")


class _Collection(msgspec.Struct):
    features: list[_Feature]


class ScreenedCollection(dict):  # type: ignore[type-arg]
    """A decoded FeatureCollection some of whose geometries were read and screened already.

    ``screened[i]`` is feature i's geometry, oriented and known valid, or None where the
    feature's ``geometry`` member is to be validated as usual.
    """

    screened: list[Any]


def fast_read_enabled() -> bool:
    """False when ``GBA_ATLAS_FAST_READ=0`` (or ``false``, ``no``, ``off``)."""
    return os.environ.get(FAST_READ_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def decode_layer(raw: bytes, *, file: str) -> tuple[Any, list[Problem]]:
    """Decode a layer file's bytes as :func:`decode_json` does, geometries screened as arrays when it can."""
    if fast_read_enabled() and len(raw) >= MIN_FAST_BYTES:
        data = fast_decode(raw, file=file)
        if data is not None:
            return data, []
    return decode_json(raw, file=file)


def fast_decode(raw: bytes, *, file: str) -> ScreenedCollection | None:
    """The collection with its clean geometries screened, or None when the exact road must decide."""
    start = len(_BOM) if raw.startswith(_BOM) else 0
    body = memoryview(raw)[start:]
    try:
        features = msgspec.json.decode(body, type=_Collection).features
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    base = _address(body) - start
    geometries, cut = _read_geometries([f.geometry for f in features])
    del features
    skeleton = _skeleton(raw, base, geometries, cut)
    data, problems = decode_json(skeleton, file=file)
    del skeleton
    if problems or not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return None
    listed = data["features"]
    if len(listed) != len(cut) or not all(isinstance(f, dict) for f in listed):
        return None
    return _screened(data, geometries, cut)


def _address(buffer: Any) -> int:
    """Where a buffer's first byte is in memory."""
    return int(np.frombuffer(buffer, dtype=np.uint8).ctypes.data) if len(buffer) else 0


_SPACE = b" \t\n\r"
_FORMS = {
    form: kind
    for kind in LEVELS
    for form in (
        b'{"type":"%s","coordinates":@}' % kind.encode(),
        b'{"coordinates":@,"type":"%s"}' % kind.encode(),
    )
}


def _plain_geometry(text: bytes) -> tuple[str, bytes] | None:
    """``(kind, coordinates text)`` for ``{"type": kind, "coordinates": [...]}`` with nothing else in it.

    Only kinds read as arrays qualify; the coordinates text is checked byte by byte later.
    """
    first, last = text.find(b"["), text.rfind(b"]")
    if first < 0:
        return None
    form = (text[:first] + b"@" + text[last + 1 :]).translate(None, _SPACE)
    kind = _FORMS.get(form)
    return None if kind is None else (kind, text[first : last + 1])


class _Geometries:
    """The raw geometries: their places in the text, the ones cut out, and those read as arrays (oriented)."""

    def __init__(self, n: int) -> None:
        self.starts = np.zeros(n, dtype=np.int64)
        self.ends = np.zeros(n, dtype=np.int64)
        self.shapes = np.full(n, None, dtype=object)
        self.texts: dict[int, bytes] = {}  # the suspect ones, for their messages


def _read_geometries(raws: list[msgspec.Raw]) -> tuple[_Geometries, np.ndarray]:
    """Read the plain geometries as arrays, chunk by chunk; True in ``cut`` for each one read."""
    found = _Geometries(len(raws))
    cut = np.zeros(len(raws), dtype=bool)
    for first in range(0, len(raws), CHUNK):
        texts = [bytes(r) for r in raws[first : first + CHUNK]]
        plain = [_plain_geometry(t) or ("", b"") for t in texts]
        for kind in LEVELS:
            at = np.array([i for i, p in enumerate(plain) if p[0] == kind], dtype=np.int64)
            if not len(at):
                continue
            shapes, suspect = read_areal([plain[i][1] for i in at], kind)
            suspect[~suspect] |= suspect_geometries(shapes[~suspect])
            shapes[suspect] = None  # decoded again from their text, for their messages
            found.shapes[first + at] = shapely.orient_polygons(shapes)  # one chunk's copies at a time
            cut[first + at] = True
            for i in at.tolist():
                found.starts[first + i] = _address(raws[first + i])
                found.ends[first + i] = found.starts[first + i] + len(texts[i])
            for i in at[suspect].tolist():
                found.texts[first + i] = texts[i]
    return found, cut


def _skeleton(raw: bytes, base: int, found: _Geometries, cut: np.ndarray) -> bytes:
    """The text with every geometry read by GEOS replaced by ``0``."""
    starts = found.starts[cut] - base
    ends = found.ends[cut] - base
    pieces = []
    previous = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        pieces.append(raw[previous:start])
        pieces.append(_PLACEHOLDER)
        previous = end
    pieces.append(raw[previous:])
    return b"".join(pieces)


def _screened(data: dict[str, Any], found: _Geometries, cut: np.ndarray) -> ScreenedCollection | None:
    """The decoded skeleton with the suspect geometries decoded back in, and the clean ones screened."""
    screened: list[Any] = [None] * len(cut)
    features = data["features"]
    for index in np.flatnonzero(cut).tolist():
        text = found.texts.get(index)
        if text is None:
            screened[index] = found.shapes[index]
            continue
        if too_deep(text, MAX_DEPTH - _GEOMETRY_DEPTH) is not None:
            return None
        try:
            features[index]["geometry"] = json.loads(text)
        except ValueError:  # e.g. an integer of more digits than Python reads: the exact road says so
            return None
    result = ScreenedCollection(data)
    result.screened = screened
    return result
