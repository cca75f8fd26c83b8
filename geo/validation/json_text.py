"""Decoding JSON text strictly: what Python's json module lets through, refused with a clear line.

Python's json module accepts NaN and Infinity, keeps the last of two members with one
key, decodes a lone ``"\\ud800"`` escape into a string that cannot be printed or
written, and recurses once per level of nesting (so a file nested a few thousand
levels deep ends in ``RecursionError``). :func:`decode_json` refuses each of these,
saying where in the document it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import numpy as np

from geo.errors import Problem

#: How deeply arrays and objects may nest; a layer of MultiPolygons needs 8.
MAX_DEPTH = 64

#: Duplicate keys reported per file; the rest are counted.
MAX_REPORTED = 10

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STEPS = np.zeros(256, dtype=np.int8)
_STEPS[[ord("["), ord("{")]] = 1
_STEPS[[ord("]"), ord("}")]] = -1

JsonPath = tuple[str | int, ...]


class _NonFinite(ValueError):
    """NaN, Infinity or -Infinity in the text."""


class _Repeated(dict):  # type: ignore[type-arg]
    """A decoded object some of whose keys were given more than once; ``repeated`` maps each to its values."""

    repeated: dict[str, list[Any]]


def decode_json(raw: bytes | bytearray, *, file: str) -> tuple[Any, list[Problem]]:
    """Decode UTF-8 JSON bytes (a byte-order mark is accepted); return the data (or None) and the problems.

    Parameters
    ----------
    raw : bytes or bytearray
        The text.
    file : str
        Where it came from, for the messages.

    Returns
    -------
    data : object or None
        The decoded document; None when there are problems.
    problems : list of Problem
        At most a few: not UTF-8, empty, not JSON, too deep, non-finite numbers,
        duplicate keys, a lone surrogate.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        what = f"is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x})"
        return None, [Problem(file, "", what, "save the file as UTF-8")]
    if not text.strip():
        fix = "write a GeoJSON FeatureCollection into it, or delete it"
        return None, [Problem(file, "", "is empty", fix)]
    offset = too_deep(raw)
    if offset is not None:
        return None, [_depth_problem(file, raw, offset)]
    repeats: list[bool] = []
    data, problem = _loads(text, file, repeats)
    if problem is not None:
        return None, [problem]
    problems = _duplicates(data, file) if repeats else []
    if _SURROGATE_ESCAPE.search(text):
        problems += _surrogates(data, file)
    return (None, problems) if problems else (data, [])


def too_deep(raw: bytes | bytearray, limit: int = MAX_DEPTH) -> int | None:
    """The byte offset of the first bracket nested deeper than ``limit``, or None.

    Brackets inside strings are ignored; the scan runs in C (regex) and numpy, so it
    costs a fraction of decoding.

    Parameters
    ----------
    raw : bytes or bytearray
        The JSON text.
    limit : int
        The deepest nesting allowed, in levels of arrays and objects.

    Returns
    -------
    int or None
        The byte offset, or None when nothing nests deeper.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return None
    if b"\\" not in raw:  # no escapes: quotes pair up in order, as the regex pairs them
        return _too_deep_unescaped(raw, limit)
    depth, _ = _depths(_STRING.sub(b'""', raw))
    if not len(depth) or depth.max() <= limit:
        return None
    # Where, in the original bytes: strings blanked to the same length keep every offset.
    depth, where = _depths(_STRING.sub(lambda m: b'"' + b" " * (len(m[0]) - 2) + b'"', raw))
    return int(where[np.argmax(depth > limit)])


def _too_deep_unescaped(raw: bytes | bytearray, limit: int) -> int | None:
    """:func:`too_deep` for text without a backslash, in numpy alone.

    Without escapes a string runs from one quote to the next; a last unpaired quote
    opens no string (the regex of :func:`too_deep` matches none there either). A bracket
    is outside every string when an even number of paired quotes comes before it.
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    _, where = _depths(raw)
    quotes = np.flatnonzero(data == ord('"'))
    if len(quotes) % 2:
        quotes = quotes[:-1]
    outside = np.searchsorted(quotes, where) % 2 == 0
    depth = np.cumsum(_STEPS[data[where[outside]]], dtype=np.int64)
    if not len(depth) or depth.max() <= limit:
        return None
    return int(where[outside][np.argmax(depth > limit)])


def _depths(text: bytes | bytearray) -> tuple[np.ndarray, np.ndarray]:
    """The nesting depth after each bracket of ``text``, and the brackets' offsets."""
    steps = _STEPS[np.frombuffer(text, dtype=np.uint8)]
    where = np.flatnonzero(steps)
    return np.cumsum(steps[where], dtype=np.int64), where


def _depth_problem(file: str, raw: bytes | bytearray, offset: int) -> Problem:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    what = f"nests arrays and objects more than {MAX_DEPTH} levels deep (line {line}, column {column})"
    fix = (
        "no gba-atlas file needs more than a few levels (a layer of MultiPolygons needs 8): "
        "check how the file was written, and flatten deeply nested properties"
    )
    return Problem(file, "", what, fix)


def _reject_constant(name: str) -> None:
    raise _NonFinite(name)


def _object(pairs: list[tuple[str, Any]], repeats: list[bool]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    repeats.append(True)
    repeated = _Repeated(obj)
    values: dict[str, list[Any]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    repeated.repeated = {key: found for key, found in values.items() if len(found) > 1}
    return repeated


def _loads(text: str, file: str, repeats: list[bool]) -> tuple[Any, Problem | None]:
    """Decode; ``repeats`` gets an entry when some object repeats a key."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return _object(pairs, repeats)

    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=hook), None
    except json.JSONDecodeError as exc:
        what = f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        return None, Problem(file, "", what, "fix the JSON syntax (a JSON linter shows where)")
    except _NonFinite as exc:
        what = f"holds the non-finite number {exc}, which JSON does not allow"
        return None, Problem(file, "", what, "replace it with a real number or remove the feature")
    except RecursionError:  # not reached while too_deep guards, kept as a last line of defence
        what = "nests arrays and objects too deeply for Python to decode"
        return None, Problem(file, "", what, "check how the file was written")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        what = f"holds a number Python cannot read ({exc})"
        return None, Problem(file, "", what, "write the number with fewer digits, e.g. in exponent form")


def walk(data: Any) -> Iterator[tuple[JsonPath, Any]]:
    """Every value of a decoded document with its path, in document order; without recursion.

    Parameters
    ----------
    data : object
        A decoded JSON document.

    Yields
    ------
    (path, value)
        Each value with the keys and indices that lead to it from the top.
    """
    stack: list[tuple[JsonPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        yield path, node
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(((*path, index), node[index]) for index in range(len(node) - 1, -1, -1))


def place(path: JsonPath) -> str:
    """A JSON path as text: ``features[0].properties.name``; ``the top level`` for the root.

    Parameters
    ----------
    path : tuple of str and int
        Keys and indices from the top of the document.

    Returns
    -------
    str
        The path as a user reads it.
    """
    if not path:
        return "the top level"
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", step):
            text += f".{step}" if text else step
        else:
            text += f"[{json.dumps(step)}]"
    return text


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _duplicates(data: Any, file: str) -> list[Problem]:
    found = [
        (path, key, values)
        for path, node in walk(data)
        if isinstance(node, _Repeated)
        for key, values in node.repeated.items()
    ]
    problems = []
    for path, key, values in found[:MAX_REPORTED]:
        where = "the top-level object" if not path else f"the object at {place(path)}"
        shown = ", ".join(_short(v) for v in values)
        what = (
            f"duplicate key {json.dumps(key)} in {where} (given {len(values)} times: {shown}); "
            "JSON readers keep only one of them, so the file is ambiguous"
        )
        problems.append(Problem(file, "", what, f"keep one {json.dumps(key)} member in that object"))
    if len(found) > MAX_REPORTED:
        what = f"has {len(found) - MAX_REPORTED} more duplicate keys"
        problems.append(Problem(file, "", what, "give each member of an object its own key"))
    return problems


def _surrogates(data: Any, file: str) -> list[Problem]:
    for path, node in walk(data):
        texts = [(path, node)] if isinstance(node, str) else []
        if isinstance(node, dict):
            texts += [((*path, key), key) for key in node if isinstance(key, str)]
        for at, text in texts:
            match = _SURROGATE.search(text)
            if match:
                code = f"\\u{ord(match[0]):04x}"
                what = (
                    f"the text at {place(at)} holds a lone UTF-16 surrogate {code} "
                    "(an escape missing its other half, which is no character)"
                )
                fix = f"replace the {code} escape with the character meant (or a full surrogate pair)"
                return [Problem(file, "", what, fix)]
    return []
