"""The rest of a layer file's text once its geometries are cut out: found, made, decoded strictly.

:mod:`geo.io.geojson_text` reads most geometries from the bytes; what is left — the
top level and every feature's properties — is the text with each geometry read
replaced by ``0`` (the *skeleton*), decoded by the strict decoder
(:func:`geo.validation.json_text.decode_json`) so that duplicate keys, lone surrogates
and the like are found as before. The skeleton is made in place in a buffer the reader
owns (no second copy of a large file), else in a new one.
"""

from __future__ import annotations

import json
from array import array
from typing import Any

import msgspec
import numpy as np

from geo.validation.json_text import MAX_DEPTH, decode_json, too_deep

#: Arrays and objects around a feature's geometry object: the top level, ``features``, the feature.
_GEOMETRY_DEPTH = 3

#: What each geometry read is replaced by.
PLACEHOLDER = b"0"


def find_spans(raw: bytes | bytearray, cut: list[msgspec.Raw]) -> array[int] | None:
    """Where each cut geometry lies in the text, in order: start and end, flat; None when one is missing.

    Each geometry is looked for after the one before: its text cannot lie inside a
    string (its quotes would be escaped there), and if an equal object came earlier
    (in properties), :func:`fits` sees that the geometry itself was left.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's text.
    cut : list of msgspec.Raw
        The geometries' texts, views of ``raw``, in the order of the file.

    Returns
    -------
    array of int or None
        Byte offsets: each geometry's start and end (exclusive), one after the other.
    """
    spans = array("q")
    previous = 0
    for text in cut:
        start = raw.find(text, previous)
        if start < 0:
            return None
        previous = start + len(text)
        spans.extend((start, previous))
    return spans


def make_skeleton(raw: bytes | bytearray, spans: array[int], *, out: bytearray | None = None) -> bytearray:
    """The text with each span replaced by ``0``: in ``out`` (``raw`` itself, shortened), or a new buffer.

    The pieces between the spans are copied once, each moved down over the text before it.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's text.
    spans : array of int
        From :func:`find_spans`.
    out : bytearray, optional
        ``raw`` itself, to make the skeleton in (nothing may look into it).

    Returns
    -------
    bytearray
        The skeleton: ``out``, or a new buffer.
    """
    starts, ends = spans[::2], spans[1::2]
    size = len(raw) - (sum(ends) - sum(starts)) + len(starts) * len(PLACEHOLDER)
    target_buffer = bytearray(size) if out is None else out
    at = previous = 0
    with memoryview(raw) as source, memoryview(target_buffer) as target:
        for start, end in zip(starts, ends, strict=True):
            step = start - previous
            target[at : at + step] = source[previous:start]
            target[at + step : at + step + len(PLACEHOLDER)] = PLACEHOLDER
            at, previous = at + step + len(PLACEHOLDER), end
        target[at:size] = source[previous:]
    del target_buffer[size:]
    return target_buffer


def decode_rest(raw: bytes | bytearray, spans: array[int], *, file: str, out: bytearray | None) -> Any | None:
    """The text without the cut geometries, decoded strictly; None when the strict decoder finds a problem.

    With ``out`` (``raw`` itself), the text is made in place and ``raw`` emptied after.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's text.
    spans : array of int
        From :func:`find_spans`.
    file : str
        The file's name, for the strict decoder.
    out : bytearray or None
        ``raw`` itself when it may be used up (:func:`owned_buffer`).

    Returns
    -------
    object or None
        The decoded document; None when the strict decoder finds a problem.
    """
    skeleton = make_skeleton(raw, spans, out=out)
    data, problems = decode_json(skeleton, file=file)
    del skeleton
    if out is not None:
        out.clear()  # the skeleton, made in place: the strict road reads the file again
    return None if problems else data


def owned_buffer(raw: bytes | bytearray) -> bytearray | None:
    """``raw`` when it is a ``bytearray`` nothing looks into any more (so it can be shortened), else None.

    Parameters
    ----------
    raw : bytes or bytearray
        The file's text.

    Returns
    -------
    bytearray or None
        ``raw``, or None.
    """
    if not isinstance(raw, bytearray):
        return None
    try:
        raw.append(0)
    except BufferError:
        return None
    raw.pop()
    return raw


def fits(data: Any, cut: np.ndarray) -> bool:
    """True when the skeleton decoded to a collection whose cut features' geometries are the placeholder.

    Parameters
    ----------
    data : object
        The decoded skeleton.
    cut : numpy.ndarray of bool
        Which features' geometries were cut out, one a feature.

    Returns
    -------
    bool
        Whether the document is what the cutting expects.
    """
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return False
    listed = data["features"]
    if len(listed) != len(cut) or not all(isinstance(f, dict) for f in listed):
        return False
    return all(listed[i].get("geometry") == 0 for i in np.flatnonzero(cut).tolist())


def decode_suspects(features: list[dict[str, Any]], texts: dict[int, bytes]) -> bool:
    """Put the suspect geometries back, decoded; False when one needs the strict road's words.

    Parameters
    ----------
    features : list of dict
        The decoded features, changed in place.
    texts : dict of int to bytes
        Each suspect geometry's text by its feature's index.

    Returns
    -------
    bool
        False when a text nests too deeply or holds what Python's json cannot read.
    """
    for index, text in texts.items():
        if too_deep(text, MAX_DEPTH - _GEOMETRY_DEPTH) is not None:
            return False
        try:
            features[index]["geometry"] = json.loads(text)
        except ValueError:  # e.g. an integer of more digits than Python reads: the strict road says so
            return False
    return True
