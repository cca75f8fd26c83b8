"""Integers as zigzag LEB128 bytes in base64: how a bulk layer's coordinates travel to the page.

Zigzag maps 0, -1, 1, -2, ... to 0, 1, 2, 3, ..., so small numbers of either sign stay
small; LEB128 writes 7 bits a byte, low bits first, the high bit set when more bytes
follow. A bulk layer's coordinate differences (:mod:`geo.map.bulk`) are mostly a few
metres, one byte each; ``bulk-geometry.js`` reads them back.

Both ways work on whole arrays: the one-byte values, nearly all of them, are written at
once in place, and only the few longer ones (each ring's first vertex, long edges) byte by byte.
"""

from __future__ import annotations

import base64

import numpy as np

#: The smallest value needing 2, 3, ... 10 bytes, less one.
_LIMITS = np.array([1 << (7 * k) for k in range(1, 10)], dtype=np.uint64) - np.uint64(1)


def varint_base64(values: np.ndarray) -> str:
    """Integers (|n| < 2**62) as zigzag LEB128 bytes in base64: 7 bits a byte, the high bit "more follows".

    Parameters
    ----------
    values : array-like of int
        The integers, in order.

    Returns
    -------
    str
        ASCII base64 text of their bytes.

    Examples
    --------
    >>> varint_base64(np.array([0, -1, 1, 64, -300]))
    'AAECgAHXBA=='
    >>> [int(n) for n in varint_integers('AAECgAHXBA==')]
    [0, -1, 1, 64, -300]
    """
    return base64.b64encode(varint_bytes(np.asarray(values, dtype=np.int64))).decode("ascii")


def varint_bytes(signed: np.ndarray) -> bytes:
    """The zigzag LEB128 bytes of int64 values.

    Parameters
    ----------
    signed : numpy.ndarray of int64
        The values (|n| < 2**62), in order.

    Returns
    -------
    bytes
        Their bytes, one value after another.

    Examples
    --------
    >>> varint_bytes(np.array([0, -1, 64, -300])).hex()
    '00018001d704'
    """
    zigzag = ((signed << 1) ^ (signed >> 63)).view(np.uint64)
    first = zigzag.astype(np.uint8)  # each value's first byte, but for the high bit (the cast wraps)
    wide = np.flatnonzero(zigzag > 0x7F)  # few: the values of more than one byte
    if not len(wide):
        return first.tobytes()
    first[wide] |= 0x80  # more follows
    return _interleave(first, wide, *_further_bytes(zigzag[wide])).tobytes()


def _further_bytes(wide: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The bytes after each wide value's first: for k = 1, 2, ..., byte k of the values that have one."""
    size = np.searchsorted(_LIMITS, wide, side="right") + 1  # bytes per value, 2 to 10
    columns = []
    for k in range(1, int(size.max())):
        has = wide[size > k]
        column = ((has >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8)
        column[size[size > k] > k + 1] |= 0x80  # more follows
        columns.append(column)
    return columns, size


def _interleave(
    first: np.ndarray, wide: np.ndarray, columns: list[np.ndarray], size: np.ndarray
) -> np.ndarray:
    """Every value's first byte, with the further bytes of the wide values (at ``wide``) after theirs."""
    start = wide + np.cumsum(size - 1) - (size - 1)  # where each wide value's first byte lands
    out = np.empty(len(first) + int(size.sum()) - len(wide), dtype=np.uint8)
    is_first = np.ones(len(out), dtype=bool)
    for k, column in enumerate(columns, start=1):
        slots = start[size > k] + k
        is_first[slots] = False
        out[slots] = column
    out[is_first] = first
    return out


def varint_integers(text: str) -> np.ndarray:
    """The integers :func:`varint_base64` wrote, as int64.

    Parameters
    ----------
    text : str
        Base64 text of zigzag LEB128 bytes.

    Returns
    -------
    numpy.ndarray of int64
        The integers, in order.

    Examples
    --------
    >>> varint_integers(varint_base64(np.array([2**40, -(2**61), 0]))).tolist()
    [1099511627776, -2305843009213693952, 0]
    """
    data = np.frombuffer(base64.b64decode(text), dtype=np.uint8)
    last = data < 0x80
    number: np.ndarray = np.cumsum(last) - last  # which integer each byte belongs to
    first = np.flatnonzero(np.concatenate([[True], last[:-1]]))
    shift = (np.arange(len(data)) - first[number]) * 7
    parts = (data & 0x7F).astype(np.uint64) << shift.astype(np.uint64)
    zigzag = np.bitwise_or.reduceat(parts, first) if len(first) else parts
    return ((zigzag >> np.uint64(1)).astype(np.int64)) ^ -((zigzag & np.uint64(1)).astype(np.int64))
