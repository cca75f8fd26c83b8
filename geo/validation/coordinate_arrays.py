"""GeoJSON ``coordinates`` text to shapely geometries, as arrays: no Python object per position.

:func:`read_areal` takes the ``coordinates`` text of many Polygons (or many
MultiPolygons) and finds their structure from the brackets and their numbers with one
parse, in numpy. It says which geometries are suspect — a byte other than a number,
comma, bracket or space; a number outside a position; an empty array; a position of
other than 2 or 3 numbers; a ring under 4 positions or not closed — and builds the rest
with ``shapely.from_ragged_array`` (altitudes dropped). A suspect geometry is left to
the per-feature checks, which say what is wrong in words.

Texts of plain 2D positions (nearly all) take a cheaper road first, reading the
structure from the bytes next to each bracket once spaces are removed
(:func:`_plain_layout`); when any text of a batch does not fit it, the full scan of
the brackets decides.

The numbers of a large batch are read by pyarrow's CSV reader (:func:`arrow_numbers`:
C++, correctly rounded like numpy, a fifth of numpy's time), the text with every
bracket, comma and space turned into a line break; whatever it refuses, numpy reads,
and numpy's verdict stands.
"""

from __future__ import annotations

import re

import numpy as np
import shapely

#: Levels of brackets down to a position, counting the coordinates array itself.
LEVELS = {"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}

_TYPES = {kind: shapely.GeometryType[kind.upper()] for kind in LEVELS}

#: The fewest positions of each innermost list of positions: a line's, a ring's.
_LEAST = {"LineString": 2, "MultiLineString": 2, "Polygon": 4, "MultiPolygon": 4}

#: The kinds whose innermost lists are rings, which must be closed.
_RINGED = ("Polygon", "MultiPolygon")

_STEP = np.zeros(256, dtype=np.int8)
_STEP[ord("[")] = 1
_STEP[ord("]")] = -1
_NUMBER = np.zeros(256, dtype=bool)
_NUMBER[list(b"0123456789+-.eE")] = True
_ALLOWED = _NUMBER.copy()
_ALLOWED[list(b"[], \t\n\r")] = True
_ALLOWED_BYTES = bytes(np.flatnonzero(_ALLOWED).tolist())
_COMMA = np.zeros(256, dtype=bool)
_COMMA[ord(",")] = True

#: Texts shorter than this (bytes) are left to numpy: pyarrow's import and set-up cost more.
ARROW_MIN_BYTES = 1 << 18

#: Brackets, commas and JSON's spaces, each made a line break.
_LINES = bytes.maketrans(b"[], \t\r", b"\n" * 6)


def read_coordinates(texts: list[bytes], kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The geometries (None where suspect) and a mask of the suspect ones.

    Parameters
    ----------
    texts : list of bytes
        The ``coordinates`` texts, one a geometry, all of one kind.
    kind : str
        Their geometry type, a key of :data:`LEVELS`.

    Returns
    -------
    shapes : numpy.ndarray of object
        The shapely geometries in degrees (altitudes dropped), None where suspect.
    suspect : numpy.ndarray of bool
        True for each text left to the checks that say what is wrong in words.
    """
    shapes = np.full(len(texts), None, dtype=object)
    suspect = np.zeros(len(texts), dtype=bool)
    for _ in range(3):  # again without the geometries found suspect
        clean = np.flatnonzero(~suspect)
        if not len(clean):
            break
        built, bad = _read([texts[i] for i in clean], kind)
        if built is not None:
            shapes[clean] = built
            return shapes, suspect
        suspect[clean[bad]] = True
        if not bad.any():
            break
    suspect[:] = True
    return shapes, suspect


class _Scan:
    """The brackets of many coordinates texts: their levels, and what lies after each."""

    def __init__(self, texts: list[bytes], kind: str) -> None:
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        data = np.frombuffer(b"".join(texts), dtype=np.uint8)
        step = _STEP[data]
        self.at = np.flatnonzero(step)
        self.opening = step[self.at] == 1
        self.level = np.cumsum(step[self.at], dtype=np.int32)  # after the bracket
        # What lies between each bracket and the next one: number characters and commas.
        self.numbers = np.add.reduceat(_NUMBER[data].view(np.uint8), self.at, dtype=np.int64)
        self.commas = np.add.reduceat(_COMMA[data].view(np.uint8), self.at, dtype=np.int64)
        self.others = np.flatnonzero(~_ALLOWED[data])
        self.depth = LEVELS[kind]

    def owner(self, where: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.starts, where, side="right") - 1

    def bad(self, n: int) -> np.ndarray:
        """True for each text that is not plainly the coordinates of its kind (see the module)."""
        position = self.opening & (self.level == self.depth)
        nxt = np.append(self.opening[1:], True)
        wrong = (
            (self.opening & (self.level > self.depth))
            | (position & ((self.numbers == 0) | (self.commas < 1) | (self.commas > 2)))
            | (~position & (self.numbers > 0))
            | (self.opening & (self.level < self.depth) & ~nxt)  # an empty array
        )
        bad = np.zeros(n, dtype=bool)
        bad[self.owner(np.concatenate([self.at[wrong], self.others]))] = True
        return bad


def _numbers(texts: list[bytes]) -> np.ndarray | None:
    """The numbers of the texts in order, or None when one is not a number both parsers read alike.

    Large texts go to pyarrow's CSV reader (C++, correctly rounded like numpy); it reads
    a number only where the whole line is one, so anything it refuses — or anything at
    all in a small text — is read by numpy, whose verdict stands.
    """
    if sum(len(t) for t in texts) >= ARROW_MIN_BYTES:
        found = arrow_numbers(b",".join(texts))
        if found is not None:
            return found
    return _numpy_numbers(b",".join(texts))


#: Numbers as JSON writes them, separated by commas: the only text numpy is given.
_JSON_SPACE = rb"[ \t\n\r]*"
_JSON_NUMBER = rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_JSON_NUMBERS = re.compile(
    _JSON_SPACE + _JSON_NUMBER + _JSON_SPACE + rb"(?:," + _JSON_SPACE + _JSON_NUMBER + _JSON_SPACE + rb")*"
)


def _numpy_numbers(joined: bytes) -> np.ndarray | None:
    # Judged by the grammar first, not by numpy's warning: turning warnings into errors
    # changes the filters of the whole process, and so of every other thread.
    text = joined.translate(bytes.maketrans(b"[]", b"  "))
    if _JSON_NUMBERS.fullmatch(text) is None:
        return None
    return np.fromstring(text, dtype=np.float64, sep=",")


def _read(texts: list[bytes], kind: str) -> tuple[np.ndarray | None, np.ndarray]:
    """The geometries, or None and a mask of the texts that cannot be read (all False: none could)."""
    bad = np.zeros(len(texts), dtype=bool)
    layout = _plain_layout(texts, kind)
    if layout is None:
        layout, bad = _scanned_layout(texts, kind)
    if layout is None:
        return None, bad
    levels, numbers, first = layout
    depth = LEVELS[kind]
    xy = np.stack([numbers[first], numbers[first + 1]], axis=1)
    per_level = [np.cumsum(levels == lv) for lv in range(1, depth + 1)]
    # Offsets of each level into the next: the children opened before each parent.
    bounds = []
    for lv in range(depth - 1, 0, -1):
        bounds.append(np.append(per_level[lv][levels == lv], per_level[lv][-1]))
    broken = _broken(xy, bounds[0], kind) if bounds else np.zeros(0, dtype=bool)
    # A number too large for a float (e.g. 1e400) reads as infinity: its message is the exact road's.
    nonfinite = np.searchsorted(first, np.flatnonzero(~np.isfinite(numbers)), side="right") - 1
    if broken.any() or nonfinite.size:
        geometry_of_position = (np.cumsum(levels == 1) - 1)[levels == depth]
        if bounds:
            bad[geometry_of_position[bounds[0][:-1][broken]]] = True
        bad[geometry_of_position[nonfinite]] = True
        return None, bad
    shapes = shapely.from_ragged_array(_TYPES[kind], xy, tuple(bounds) or None)
    return np.asarray(shapes, dtype=object), bad


def _broken(xy: np.ndarray, offsets: np.ndarray, kind: str) -> np.ndarray:
    """True for each innermost list of positions too short for its kind, or a ring not closed."""
    first, end = offsets[:-1], offsets[1:]
    broken = end - first < _LEAST.get(kind, 1)
    if kind in _RINGED:
        last = np.maximum(end - 1, first)
        broken |= (xy[first] != xy[last]).any(axis=1)
    return np.asarray(broken)


#: The levels of the opening brackets, the numbers, and where each position's numbers start.
_Layout = tuple[np.ndarray, np.ndarray, np.ndarray]


def _scanned_layout(texts: list[bytes], kind: str) -> tuple[_Layout | None, np.ndarray]:
    """The layout from a full scan of the brackets, or None and a mask of the texts found wrong."""
    scan = _Scan(texts, kind)
    bad = scan.bad(len(texts))
    if bad.any():
        return None, bad
    numbers = _numbers(texts)
    position = scan.opening & (scan.level == scan.depth)
    counts = scan.commas[position] + 1
    if numbers is None or int(counts.sum()) != len(numbers):
        return None, bad
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (scan.level[scan.opening], numbers, first), bad


def _plain_layout(texts: list[bytes], kind: str) -> _Layout | None:
    """The layout when every text is plainly of its kind with positions of two numbers, else None.

    Cheaper than :class:`_Scan`: the texts are valid JSON (msgspec read them), so with
    their spaces removed each bracket's next bytes tell all: an array above the
    positions opens another at once; a position is not empty and holds a comma; after a
    closing bracket and a comma comes an opening one. Two numbers per position in all
    (and at least two in each) is then two in each.
    """
    joined = b",".join(texts)
    if joined.translate(None, _ALLOWED_BYTES):
        return None
    stripped = joined.translate(None, b" \t\n\r")
    del joined
    data = np.frombuffer(stripped, dtype=np.uint8)
    at = np.flatnonzero((data == ord("[")) | (data == ord("]")))
    opening = data[at] == ord("[")
    level = np.cumsum(np.where(opening, 1, -1), dtype=np.int64)  # after each bracket
    after = data[np.minimum(at + 1, len(data) - 1)]
    then = data[np.minimum(at + 2, len(data) - 1)]
    depth = LEVELS[kind]
    position = opening & (level == depth)
    if (
        (opening & (level > depth)).any()
        | (opening & (level < depth) & (after != ord("["))).any()
        | (position & (after == ord("]"))).any()
        | (~opening & (level >= 1) & (after == ord(",")) & (then != ord("["))).any()
    ):
        return None
    commas = np.flatnonzero(data == ord(","))
    where = np.flatnonzero(position)
    nearest = np.searchsorted(commas, at[where])
    if (nearest >= len(commas)).any() or (commas[np.minimum(nearest, len(commas) - 1)] > at[where + 1]).any():
        return None
    numbers = _numbers([stripped])
    if numbers is None or len(numbers) != 2 * len(where):
        return None
    return level[opening], numbers, np.arange(0, len(numbers), 2)


def arrow_numbers(text: bytes) -> np.ndarray | None:
    """The numbers of a JSON text of arrays of numbers, in order; None when pyarrow refuses one.

    Parameters
    ----------
    text : bytes
        Numbers, commas, brackets and spaces (e.g. a GeoJSON ``coordinates`` array).

    Returns
    -------
    numpy.ndarray of float64 or None
        The numbers, bit for bit as ``numpy.fromstring`` reads them; None when a run of
        characters between separators is not a number pyarrow reads, or the runs are not
        one between each two commas (the fields numpy reads).

    Examples
    --------
    >>> arrow_numbers(b"[[114.1, 22.5], [1e-3, -0]]").tolist()
    [114.1, 22.5, 0.001, -0.0]
    >>> arrow_numbers(b"[1, x]") is None
    True
    """
    import pyarrow as pa  # only for large texts
    import pyarrow.csv as csv

    options = {
        "read_options": csv.ReadOptions(column_names=["n"], block_size=1 << 22, use_threads=False),
        "parse_options": csv.ParseOptions(quote_char=False, double_quote=False, escape_char=False),
        "convert_options": csv.ConvertOptions(
            column_types={"n": pa.float64()}, null_values=[], strings_can_be_null=False
        ),
    }
    try:
        lines = pa.py_buffer(text.translate(_LINES))
        column = csv.read_csv(lines, memory_pool=pa.system_memory_pool(), **options).column(0)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if column.null_count or len(column) != text.count(b",") + 1:  # one number between commas, as numpy reads
        return None
    return np.asarray(column.to_numpy(), dtype=np.float64)
