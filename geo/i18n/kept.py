"""OpenCC's conversions kept in a file, so that a build converting only known texts never loads OpenCC.

Loading OpenCC's dictionaries takes a tenth of a second or more, to convert a few
dozen short names that are the same from one build to the next. Inside
:func:`kept_conversions`, :func:`geo.i18n.scripts.to_script` first looks a text up in
``FOLDER/.gba-atlas-opencc-VERSION.json`` (``VERSION``: the installed OpenCC's), keyed by
the OpenCC configuration and the text; a text not there is converted by OpenCC, and the
texts added are written to the file once, when the block ends (when ``FOLDER`` exists:
it is not made for this). The file is only
ever a copy of what OpenCC returns: one that cannot be read (absent, broken, not of that
shape) counts as empty, and one that cannot be written (a read-only or full disk, a
folder not there) is left as it is; the conversion is the same either way.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

__all__ = ["KeptConversions", "active", "kept_conversions"]


class KeptConversions:
    """The conversions kept in one file: read when first needed, rewritten whole by :meth:`save` if added to.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, str]] | None = None
        self._added = False

    def convert(self, config: str, text: str, convert: Callable[[str, str], str]) -> str:
        """``text`` converted with OpenCC's ``config``: as kept, else ``convert(config, text)``, kept.

        Parameters
        ----------
        config : str
            The OpenCC configuration, e.g. ``"s2hk"``.
        text : str
            The text to convert.
        convert : Callable[[str, str], str]
            What converts a text not kept: ``convert(config, text)``.

        Returns
        -------
        str
            The converted text.
        """
        entries = self._load().setdefault(config, {})
        if text not in entries:
            entries[text] = convert(config, text)
            self._added = True
        return entries[text]

    def _load(self) -> dict[str, dict[str, str]]:
        if self._entries is None:
            self._entries = read_entries(self.path)
        return self._entries

    def save(self) -> None:
        """Write the entries, if any were added: a temporary file beside the file, renamed into place.

        Best effort: a file that cannot be written is left as it is.
        """
        if not self._added:
            return
        self._added = False
        data = json.dumps(self._entries, ensure_ascii=False, sort_keys=True).encode("utf-8")
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except OSError:  # a cache that cannot be written: the conversion is made all the same
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def read_entries(path: Path) -> dict[str, dict[str, str]]:
    """The conversions kept in a file, by configuration and text.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    dict
        ``{config: {text: converted}}``; empty when the file cannot be read as such.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        config: dict(texts)
        for config, texts in data.items()
        if isinstance(texts, dict) and all(isinstance(v, str) for v in [*texts, *texts.values()])
    }


def kept_path(folder: Path) -> Path | None:
    """The file keeping the installed OpenCC's conversions in a folder.

    Parameters
    ----------
    folder : pathlib.Path
        The folder (the asset cache, say).

    Returns
    -------
    pathlib.Path or None
        ``FOLDER/.gba-atlas-opencc-VERSION.json``; None when OpenCC is not installed.
    """
    try:
        version = metadata.version("opencc")
    except metadata.PackageNotFoundError:
        return None
    return folder / f".gba-atlas-opencc-{version}.json"


_ACTIVE: list[KeptConversions] = []


def active() -> KeptConversions | None:
    """The conversions of the innermost :func:`kept_conversions` running, or None."""
    return _ACTIVE[-1] if _ACTIVE else None


@contextlib.contextmanager
def kept_conversions(folder: Path) -> Iterator[KeptConversions | None]:
    """Within the block, OpenCC's conversions are looked up in (and added to) a file in ``folder``.

    Parameters
    ----------
    folder : pathlib.Path
        Where the file is (the asset cache, say). It is never made: a folder that is not
        there keeps nothing (a notebook's map, say, leaves an empty cache as it was).

    Yields
    ------
    KeptConversions or None
        The kept conversions; None (nothing kept) when OpenCC is not installed.
    """
    path = kept_path(folder)
    if path is None:
        yield None
        return
    _ACTIVE.append(KeptConversions(path))
    try:
        yield _ACTIVE[-1]
    finally:
        _ACTIVE.pop().save()  # once, however many texts the block converted
