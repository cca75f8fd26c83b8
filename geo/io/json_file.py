"""Reading a JSON file with messages a user can act on.

:func:`read_json` is the one door every JSON input of gba-atlas goes through (layer
files, ``claims.json``, layers given to ``Atlas.add_layer`` as a path), so every such
file gets the same guards: only regular files are read (a FIFO would block forever,
``/dev/zero`` never ends), at most :data:`DEFAULT_MAX_FILE_MB` MiB unless the user
raises the limit, and the text must be UTF-8 JSON as :mod:`geo.io.json_text` checks it
(nesting depth, duplicate keys, lone surrogates, NaN).
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.errors import Problem
from geo.validation.json_text import decode_json

#: The largest file read, in MiB, unless :data:`MAX_FILE_MB_ENV` or ``max_mb=`` says otherwise.
DEFAULT_MAX_FILE_MB = 2048

#: The environment variable that raises (or lowers) the size limit, in MiB.
MAX_FILE_MB_ENV = "GBA_ATLAS_MAX_FILE_MB"

_MIB = 1024 * 1024
_NOT_REGULAR_FIX = (
    "gba-atlas reads only regular files (a pipe or device could block or never end): "
    "save the data to a regular file and give that"
)


Decoder = Callable[..., tuple[Any, list[Problem]]]
"""``decode(raw, file=...)``: the bytes (a ``bytearray`` it may empty) to (data or None, problems).

As :func:`decode_json` does.
"""


def read_json(
    path: str | Path, *, max_mb: float | None = None, decode: Decoder = decode_json
) -> tuple[Any, list[Problem]]:
    """Read and decode a JSON file; return the data (or None) and the problems.

    Parameters
    ----------
    path : str or Path
        The file. Symbolic links are followed; what they point to must be a regular file.
    max_mb : float, optional
        The largest file read, in MiB; by default ``$GBA_ATLAS_MAX_FILE_MB`` or
        :data:`DEFAULT_MAX_FILE_MB`.
    decode : callable, optional
        Turns the bytes into data: :func:`decode_json`, or for layer files
        :func:`geo.io.geojson_text.decode_layer`, which refuses the same.

    Returns
    -------
    data : object or None
        The decoded JSON; None when there are problems.
    problems : list of Problem
        Why the file cannot be used: not a regular file, too large, unreadable, not UTF-8,
        empty, not JSON, nested too deeply, duplicate keys, lone surrogates, NaN/Infinity.
    """
    path = Path(path)
    file = str(path)
    limit, problem = _limit(file, max_mb)
    if problem is not None:
        return None, [problem]
    problem = _check_file(path, limit)
    if problem is not None:
        return None, [problem]
    raw, problem = read_buffer(path, limit)
    if raw is None:
        return None, [problem] if problem else []
    return decode(raw, file=file)


def _limit(file: str, max_mb: float | None) -> tuple[int, Problem | None]:
    """The size limit in bytes, from the keyword, the environment or the default."""
    if max_mb is None:
        setting = os.environ.get(MAX_FILE_MB_ENV, "").strip()
        if not setting:
            return DEFAULT_MAX_FILE_MB * _MIB, None
        try:
            max_mb = float(setting)
        except ValueError:
            max_mb = float("nan")
        if not max_mb > 0 or max_mb == float("inf"):
            what = f"the environment variable {MAX_FILE_MB_ENV}={setting!r} is not a positive number of MiB"
            fix = f"set it to a number such as {DEFAULT_MAX_FILE_MB * 2}, or unset it for the default"
            return 0, Problem(file, "", what, fix)
    if not max_mb > 0:
        max_mb = 0
    return int(max_mb * _MIB), None


def _check_file(path: Path, limit: int) -> Problem | None:
    """Refuse, without opening it, anything but a regular file of at most ``limit`` bytes."""
    file = str(path)
    try:
        info = path.stat()  # follows symbolic links: /dev/zero behind a link is a character device
    except (OSError, ValueError) as exc:
        return _stat_problem(path, exc)
    if not stat.S_ISREG(info.st_mode):
        kind = _kind(info.st_mode)
        if path.is_symlink():
            what = f"is a symbolic link to {os.path.realpath(path)!r}, {kind}, not a regular file"
        else:
            what = f"is {kind}, not a regular file"
        if stat.S_ISDIR(info.st_mode):
            fix = "rename or move the folder, and put the JSON in a file of this name"
            return Problem(file, "", what, fix)
        return Problem(file, "", what, _NOT_REGULAR_FIX)
    if info.st_size > limit:
        return _too_large(file, info.st_size, limit)
    return None


def _stat_problem(path: Path, exc: OSError | ValueError) -> Problem:
    file = str(path)
    if isinstance(exc, ValueError):  # e.g. a NUL character in the name
        return Problem(file, "", f"is not a usable file name ({exc})", "rename the file")
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        target = os.readlink(path)
        what = f"is a broken symbolic link (to {target!r}, which does not exist)"
        return Problem(file, "", what, "fix or remove the link")
    return Problem(file, "", f"cannot be read ({exc.strerror})", "check the path and its permissions")


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _too_large(file: str, size: int, limit: int) -> Problem:
    what = f"is {_size(size)}, larger than the {_size(limit)} gba-atlas reads"
    bigger = max(2 * DEFAULT_MAX_FILE_MB, 1 << (size // _MIB + 1).bit_length())
    fix = (
        f"check that this is the file you meant; to read it anyway, raise the limit with the environment "
        f"variable {MAX_FILE_MB_ENV}={bigger} (MiB)"
    )
    return Problem(file, "", what, fix)


def _size(n: int) -> str:
    """A size in MiB, or in bytes below 1 MiB."""
    return f"{n / _MIB:,.1f} MiB" if n >= _MIB else f"{n:,} bytes"


def _read_bytes(path: Path, limit: int) -> tuple[bytes | None, Problem | None]:
    """The file's bytes, at most ``limit``, as :func:`read_buffer` reads them."""
    buffer, problem = read_buffer(path, limit)
    return (None if buffer is None else bytes(buffer)), problem


def read_buffer(path: Path, limit: int) -> tuple[bytearray | None, Problem | None]:
    """The file's bytes, at most ``limit``; it is opened non-blocking and checked again once open.

    A ``bytearray`` read in place: no second copy while reading, and whoever decodes
    it may empty it as soon as it needs it no more (:func:`geo.io.geojson_text.decode_layer`).

    Parameters
    ----------
    path : Path
        A regular file (checked by the caller, and again here once open).
    limit : int
        The most bytes read, in bytes.

    Returns
    -------
    buffer : bytearray or None
        The bytes; None when the file cannot be read or is larger than ``limit``.
    problem : Problem or None
        Why not.
    """
    file = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, _stat_problem(path, exc)
    with os.fdopen(fd, "rb", buffering=0) as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between the check and the open
            return None, Problem(file, "", f"is {_kind(info.st_mode)}, not a regular file", _NOT_REGULAR_FIX)
        try:
            raw = _read_capped(stream, info.st_size, limit)
        except OSError as exc:
            return None, Problem(file, "", f"cannot be read ({exc.strerror})", "check the file and the disk")
    if len(raw) > limit:
        return None, _too_large(file, len(raw), limit)
    return raw, None


def _read_capped(stream: io.RawIOBase, expected: int, limit: int) -> bytearray:
    """Read to the end, or to ``limit + 1`` bytes if the file is (or grew) larger than ``limit``."""
    data = bytearray(min(expected, limit) + 1)
    total = 0
    while total <= limit:
        if total == len(data):  # the file grew while being read
            data.extend(bytes(min(16 * _MIB, limit + 1 - total)))
        with memoryview(data) as view:
            count = stream.readinto(view[total:])
        if not count:
            break
        total += count
    del data[total:]
    return data
