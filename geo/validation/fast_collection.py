"""Decoding a large layer file fast, with the messages of the exact path.

:func:`decode_layer` is :func:`geo.validation.json_text.decode_json` for layer files,
taking a faster road when it can prove the road leads to the same result:

1. msgspec checks the JSON syntax of the whole file in C and hands back each
   feature's ``geometry`` as the raw bytes it was written with (a zero-copy view).
2. A geometry whose bytes are plainly ``{"type": ..., "coordinates": [numbers]}``
   (one object, three strings, no escapes, ASCII: so no duplicate key, lone surrogate
   or non-UTF-8 byte can hide in it) is cut out of the text; GEOS reads these
   (``shapely.from_geojson``) and they are screened as arrays
   (:func:`geo.validation.frames.suspect_geometries`, plus ring and line sizes).
3. What is left — the top level, every feature's properties, and the geometries not
   cut out — is decoded by the strict decoder, so duplicate keys, lone surrogates and
   NaN are found as before.
4. :func:`geo.validation.collection.validate_collection` then validates every feature
   as always, except that a geometry the screen passed is not walked in Python again;
   a suspect one is decoded from its bytes and validated position by position, for
   its messages.

Whenever anything is in doubt — msgspec refuses the text, the strict decoder finds a
problem, a suspect geometry cannot be decoded — the whole file goes the exact way
(``decode_json``), so a file's problems and their words never depend on the road.
``GBA_ATLAS_FAST_READ=0`` always takes the exact road.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any

import msgspec
import numpy as np
import shapely

from geo.errors import Problem
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


def _plain_geometry(text: bytes) -> bool:
    """True for ``{"type": "...", "coordinates": ...}`` with nothing else in it that a string could hide."""
    return (
        text[:1] == b"{"
        and text.count(b"{") == 1
        and text.count(b'"') == 6
        and text.count(b'"type"') == 1
        and text.count(b'"coordinates"') == 1
        and b"\\" not in text
        and text.isascii()
    )


class _Geometries:
    """The raw geometries: their places in the text, the ones cut out, and those read by GEOS."""

    def __init__(self, n: int) -> None:
        self.starts = np.zeros(n, dtype=np.int64)
        self.ends = np.zeros(n, dtype=np.int64)
        self.shapes = np.full(n, None, dtype=object)
        self.texts: dict[int, bytes] = {}  # the suspect ones, for their messages


def _read_geometries(raws: list[msgspec.Raw]) -> tuple[_Geometries, np.ndarray]:
    """Read the plain geometries with GEOS, chunk by chunk; True in ``cut`` for each one read."""
    found = _Geometries(len(raws))
    cut = np.zeros(len(raws), dtype=bool)
    for first in range(0, len(raws), CHUNK):
        texts = [bytes(r) for r in raws[first : first + CHUNK]]
        plain = np.fromiter((_plain_geometry(t) for t in texts), dtype=bool, count=len(texts))
        at = np.flatnonzero(plain)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # numbers beyond the float range
            shapes = shapely.from_geojson(np.array([texts[i] for i in at], dtype=object), on_invalid="ignore")
        for i in at:
            found.starts[first + i] = _address(raws[first + i])
        found.ends[first : first + len(texts)] = found.starts[first : first + len(texts)] + [len(t) for t in texts]
        found.shapes[first + at] = shapes
        cut[first + at] = True
        suspect = _suspect(shapes)
        for i in at[suspect]:
            found.texts[first + i] = texts[i]
    return found, cut


def _suspect(shapes: np.ndarray) -> np.ndarray:
    """True where a geometry read by GEOS needs the full checks (what the GeoJSON checks would say)."""
    if not len(shapes):
        return np.zeros(0, dtype=bool)
    shapes = shapely.force_2d(shapes)
    suspect = suspect_geometries(shapes)
    parts, owner = shapely.get_parts(shapes, return_index=True)
    sizes = shapely.get_num_coordinates(parts)
    types = shapely.get_type_id(parts)
    short = (sizes == 0) | ((types == 1) & (sizes < 2))
    rings, ring_owner = shapely.get_rings(parts, return_index=True)
    short_ring = np.zeros(len(parts), dtype=bool)
    short_ring[ring_owner[shapely.get_num_coordinates(rings) < 4]] = True
    bad_parts = owner[short | short_ring]
    suspect[bad_parts] = True
    return suspect


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
    oriented = shapely.orient_polygons(shapely.force_2d(found.shapes))
    features = data["features"]
    for index in np.flatnonzero(cut).tolist():
        text = found.texts.get(index)
        if text is None:
            screened[index] = oriented[index]
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
