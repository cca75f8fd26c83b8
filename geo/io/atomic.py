"""Writing files so that nothing is ever half-written or lost.

Every file is first written whole to a temporary file beside its target, named
``.<name>.<8 random characters>.tmp``, then renamed into place. A failure
(including ``KeyboardInterrupt`` and the exception the CLI raises on SIGTERM)
removes the temporary files and leaves the targets as they were. The few steps
that create a temporary file and note it for removal (or rename one into place and note
that) run with Ctrl-C, SIGTERM and SIGHUP held back (:func:`signals_deferred`), so an
interruption can never fall between the two and leave a file no one removes. A process
killed outright (SIGKILL, power loss) cannot clean up; the temporary files it
leaves are removed by the next write to the same target once they are more than
:data:`STALE_AFTER_S` seconds old (younger ones may belong to a write still
running in another process, and are left alone). Only names of exactly that
pattern are ever removed.

Every failure is an :class:`~geo.errors.OutputError` (an ``OSError``): one line
naming the target, the reason and a fix.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from geo.io.output_errors import output_error

#: Temporary files of an earlier, killed write older than this (seconds) are removed by the next one.
STALE_AFTER_S = 60.0


def temp_name_pattern(target: Path) -> re.Pattern[str]:
    """The names of this module's temporary files for ``target``, and nothing else.

    Parameters
    ----------
    target : Path
        The file written.

    Returns
    -------
    re.Pattern
        Matches the temporary files' names (not paths).
    """
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}(?:\.old)?\.tmp")


def remove_stale_temps(target: str | Path, *, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove temporary files a killed earlier write of ``target`` left beside it.

    Only names matching :func:`temp_name_pattern` and last modified more than
    ``older_than`` seconds ago are removed; failures are ignored (best effort).

    Parameters
    ----------
    target : str or Path
        The file whose leftover temporary files go.
    older_than : float
        Age in seconds (by modification time) a temporary file must exceed.

    Returns
    -------
    list of Path
        The files removed.
    """
    target = Path(target)
    pattern, removed = temp_name_pattern(target), list[Path]()
    cutoff = time.time() - older_than
    try:
        candidates = [p for p in target.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


#: The signals held back while a temporary file is made and noted (those that exist here).
HELD_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP inside; each one that came is raised again on leaving.

    For a few steps that must not be split (a file made, then noted for removal). Outside the
    main thread, where Python delivers no signal, it does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        held.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in HELD_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)  # handled as if it came now: KeyboardInterrupt, Terminated, ...


def _write_temp(path: Path, data: bytes, temps: dict[Path, Path]) -> None:
    """Write ``data`` to a new temporary file beside ``path``, noted in ``temps`` as soon as it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with signals_deferred():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temps[path] = Path(tmp)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o644)


def _backup(target: Path, backups: dict[Path, Path | bool | None]) -> None:
    """Note in ``backups`` a hard link to ``target``'s old content (None: no target; False: no link)."""
    backups[target] = None if not target.exists() else False
    if backups[target] is None:
        return
    for _ in range(10):
        link = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old.tmp")
        with signals_deferred():
            try:
                os.link(target, link)
            except FileExistsError:
                continue
            except OSError:
                return
            backups[target] = link
        return


def _restore(renamed: list[Path], backups: Mapping[Path, Path | bool | None]) -> None:
    """Put back what the targets in ``renamed`` held (best effort)."""
    for target in reversed(renamed):
        backup = backups.get(target, False)
        try:
            if backup is None:
                target.unlink(missing_ok=True)
            elif isinstance(backup, Path):
                os.replace(backup, target)
        except OSError:
            continue


def _commit(temps: Mapping[Path, Path]) -> None:
    """Rename every temporary file onto its target, or put the renamed ones back."""
    backups: dict[Path, Path | bool | None] = {}
    renamed: list[Path] = []
    try:
        if len(temps) > 1:
            for target in temps:
                _backup(target, backups)
        for target, tmp in temps.items():
            with signals_deferred():
                try:
                    os.replace(tmp, target)
                except OSError as error:
                    raise output_error(target, error) from error
                renamed.append(target)
    except BaseException:
        with signals_deferred():
            _restore(renamed, backups)
        raise
    finally:
        with signals_deferred():
            for backup in backups.values():
                if isinstance(backup, Path):
                    backup.unlink(missing_ok=True)


def _fsync_dirs(paths: list[Path]) -> None:
    """Make the renames durable (best effort; not every system can open a folder)."""
    for folder in {p.parent for p in paths}:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def atomic_write_group(files: Mapping[str | Path, bytes]) -> list[Path]:
    """Write several files together: all get their new content, or none does.

    Every file is first written whole to a temporary file beside it; only then
    are they renamed into place, one after the other.

    Guarantees: if anything fails or is interrupted before the renames, no
    target is touched. If a rename fails midway, the targets already renamed
    are put back: their old content is kept as a hard link until the end, and
    a target that did not exist is removed again. On a file system without hard
    links the old content of an already renamed target cannot be put back (it
    keeps its new content). In every case no temporary file is left behind,
    unless the process is killed outright (see :func:`remove_stale_temps`).
    A reader sees each file old or new, never half-written; between two renames
    it may see one file new and another still old.

    Parameters
    ----------
    files : mapping of path to bytes
        The targets, renamed in this order.

    Returns
    -------
    list of Path
        The targets.

    Raises
    ------
    OutputError
        Naming the target that could not be written, why, and a fix.
    """
    targets = {Path(path): data for path, data in files.items()}
    temps: dict[Path, Path] = {}
    current = next(iter(targets), Path())
    try:
        for current, data in targets.items():
            remove_stale_temps(current)
            _write_temp(current, data, temps)
        _commit(temps)
    except OSError as error:
        raise output_error(current, error) from error
    finally:
        with signals_deferred():  # a second Ctrl-C must not cut the clean-up short
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)
    _fsync_dirs(list(targets))
    return list(targets)


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader sees either the old file or the complete new one; if anything fails
    the old file is untouched and the temporary file is removed.

    Parameters
    ----------
    path : str or Path
        The file to write.
    data : bytes
        Its new content.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        Naming ``path``, why it could not be written, and a fix.
    """
    return atomic_write_group({path: data})[0]


def atomic_write_text(path: str | Path, text: str) -> Path:
    """:func:`atomic_write_bytes` for UTF-8 text.

    Parameters
    ----------
    path : str or Path
        The file to write.
    text : str
        Its new content, written as UTF-8.

    Returns
    -------
    Path
        The file written.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))
