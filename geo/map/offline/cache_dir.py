"""Whether a folder can be the asset cache, and making it: one line saying why not when it cannot."""

from __future__ import annotations

import os
from pathlib import Path

from geo.errors import AssetError

__all__ = ["cache_error", "cache_problem", "make_cache_dir"]


def cache_problem(cache_dir: Path) -> str | None:
    """Why ``cache_dir`` cannot be the asset cache (a file or a link loop in the way), or None.

    Parameters
    ----------
    cache_dir : pathlib.Path
        The folder to use as the asset cache.

    Returns
    -------
    str or None
        The reason, or None when it can be the cache.

    >>> cache_problem(Path("/dev/null"))
    'a file is in the way'
    """
    if not os.path.lexists(cache_dir) or cache_dir.is_dir():
        return None
    try:
        cache_dir.resolve(strict=True)
    except RuntimeError:
        return "it is a symbolic link that leads back to itself"
    except OSError:
        return "it is a symbolic link to nothing" if cache_dir.is_symlink() else "it cannot be reached"
    return "a file is in the way"


def cache_error(cache_dir: Path, reason: object) -> AssetError:
    """The one line saying that ``cache_dir`` cannot be the asset cache, and why.

    Parameters
    ----------
    cache_dir : pathlib.Path
        The folder.
    reason : object
        Why (:func:`cache_problem`, or an OSError).

    Returns
    -------
    AssetError
        The error to raise.
    """
    msg = (
        f"cannot use the asset cache {cache_dir}: {reason}; "
        "fix: set GBA_ATLAS_CACHE to a folder you can write, or move the file away"
    )
    return AssetError(msg)


def make_cache_dir(cache_dir: Path) -> None:
    """Create the cache folder, or say in one line why it cannot be (a file in the way, say).

    Parameters
    ----------
    cache_dir : pathlib.Path
        The folder.

    Raises
    ------
    AssetError
        When it cannot be made.
    """
    problem = cache_problem(cache_dir)
    if problem:
        raise cache_error(cache_dir, problem)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError) as exc:
        in_way = isinstance(exc, FileExistsError | NotADirectoryError)
        raise cache_error(cache_dir, "a file is in the way" if in_way else exc) from exc
