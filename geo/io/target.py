"""Whether a path can be a file to write, checked before any work is done."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from geo.errors import OutputError

#: What a temporary name adds to the target's name (see :mod:`geo.io.atomic`): ``.`` + ``.xxxxxxxx.old.tmp``.
TEMP_NAME_OVERHEAD = 18


def _limit(folder: Path, name: str, default: int) -> int:
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError):
        return default


def _probe(test: Callable[[Path], bool], path: Path) -> bool:
    """``test(path)``, False when the system cannot even look (a name too long, say)."""
    try:
        return test(path)
    except OSError:
        return False


def _existing_ancestor(path: Path) -> Path:
    for parent in path.parents:
        if _probe(Path.exists, parent):
            return parent
    return Path(".")


def check_target(path: str | Path, *, example: str = "map.html") -> Path:
    """``path`` as a file to write, or an :class:`OutputError` saying why it cannot be one.

    ``example`` is the file name a fix suggests for a folder (``figure.svg`` for a figure).

    Refused up front: an empty path, a folder (``/``, ``.``, a name ending in
    ``/``), a path under a file, and a name or path too long for the file system
    (counting what a temporary name adds).

    Parameters
    ----------
    path : str or Path
        The file to write.
    example : str
        The file name a fix suggests for a folder.

    Returns
    -------
    Path
        ``path``, which may be written.

    Examples
    --------
    >>> check_target("/")
    Traceback (most recent call last):
    ...
    geo.errors.OutputError: cannot write /: it is a folder; fix: give the path of a file in it, e.g. /map.html
    """
    text = os.fspath(path)
    if not text.strip():
        raise OutputError(repr(text), "the path is empty", "give the path of a file, e.g. output/map.html")
    target = Path(text)
    if text.endswith(("/", os.sep)) and not _probe(Path.is_dir, target):
        raise OutputError(
            text, "it ends in a slash, so it names a folder", f"add a file name, e.g. {text}{example}"
        )
    ancestor = _existing_ancestor(target)
    name_max = _limit(ancestor, "PC_NAME_MAX", 255) - TEMP_NAME_OVERHEAD
    longest = max(len(os.fsencode(part)) for part in target.parts)
    if longest > name_max:
        reason = f"a name is too long ({longest} bytes; at most {name_max} here)"
        raise OutputError(text, reason, "use a shorter name")
    path_max = _limit(ancestor, "PC_PATH_MAX", 4096) - TEMP_NAME_OVERHEAD - 1
    length = len(os.fsencode(os.path.abspath(text)))
    if length > path_max:
        raise OutputError(
            text, f"the path is too long ({length} bytes; at most {path_max})", "use a shorter path"
        )
    if _probe(Path.is_dir, target):
        raise OutputError(text, "it is a folder", f"give the path of a file in it, e.g. {target / example}")
    if not _probe(Path.is_dir, ancestor):
        raise OutputError(text, f"{ancestor} is a file, not a folder", "choose a path inside a folder")
    return target
