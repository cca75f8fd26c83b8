"""An ``OSError`` met writing a file, as one line naming the file, the reason and a fix."""

from __future__ import annotations

import errno
from pathlib import Path

from geo.errors import OutputError

_FIXES = {
    errno.ENOSPC: "free some space on that disk, or write somewhere else",
    errno.EDQUOT: "free some space within your quota, or write somewhere else",
    errno.EROFS: "that disk is read-only: write somewhere else",
    errno.EACCES: "write to a folder you may write to, or change its permissions",
    errno.EPERM: "write to a folder you may write to, or change its permissions",
    errno.ENAMETOOLONG: "use a shorter file name",
    errno.ENOTDIR: "a part of the path is a file, not a folder: choose another path",
    errno.EEXIST: "a part of the path is a file, not a folder: choose another path",
    errno.EISDIR: "give the path of a file, not of a folder",
}


def output_error(path: str | Path, error: OSError) -> OutputError:
    """``error``, met writing ``path``, as one line with a fix.

    Parameters
    ----------
    path : str or Path
        The file being written.
    error : OSError
        What went wrong.

    Returns
    -------
    OutputError
        ``error`` itself when it is one already.
    """
    if isinstance(error, OutputError):
        return error
    reason = error.strerror or str(error) or type(error).__name__
    fix = _FIXES.get(error.errno or 0, "check the path, or write somewhere else")
    return OutputError(path, reason, fix, errno=error.errno)
