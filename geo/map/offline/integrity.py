"""What the asset cache holds, checked against what the npm registry published, before it is inlined.

A package is fetched with ``npm pack``, which checks the tarball against the ``dist.integrity``
(sha512) the registry publishes for it and reports that integrity. The tarball is hashed again
here and must match it; once extracted, the sha512 of every file is written to a manifest,
``CACHE/NAME@VERSION/.gba-atlas-integrity.json``. Every file read from the cache afterwards
must have the digest its manifest records: a file changed since (code appended to a script,
a truncated file, another file put in its place) or a package folder without a manifest is
:class:`Damaged`, and the package is fetched again (:mod:`geo.map.offline.package_files`).

The anchor is the registry's integrity at fetch time; someone who may rewrite both a file and
the manifest beside it can still deceive the cache (as they could this package's own code).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo.io.atomic import atomic_write_text

__all__ = ["MANIFEST", "Damaged", "file_digests", "read_verified", "sri", "write_manifest"]

#: The manifest's name, inside the package's folder.
MANIFEST = ".gba-atlas-integrity.json"
#: The manifest's format (a change makes older manifests count as missing).
FORMAT = 1


class Damaged(Exception):
    """A cached package that does not match its manifest, or has none; ``what`` says how, in words.

    Parameters
    ----------
    what : str
        How it does not match, in words.
    """

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def sri(data: bytes) -> str:
    """The Subresource Integrity string of ``data``, as npm writes ``dist.integrity``.

    Parameters
    ----------
    data : bytes
        A file's content.

    Returns
    -------
    str
        ``"sha512-"`` and the base64 of its SHA-512.

    >>> sri(b"")[:30]
    'sha512-z4PhNX7vuL3xVChQ1m2AB9Y'
    """
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def file_digests(root: Path) -> dict[str, str]:
    """The :func:`sri` of every regular file under ``root``, by ``/``-separated path (not the manifest).

    Parameters
    ----------
    root : pathlib.Path
        A package's folder.

    Returns
    -------
    dict of str to str
        Each file's :func:`sri` by its path.
    """
    digests = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if relative != MANIFEST and path.is_file() and not path.is_symlink():
                digests[relative] = sri(path.read_bytes())
    return dict(sorted(digests.items()))


def write_manifest(root: Path, *, package: str, integrity: str, files: Mapping[str, str]) -> None:
    """Write ``root``'s manifest: the package, its tarball's integrity and each file's digest.

    Parameters
    ----------
    root : pathlib.Path
        The package's folder.
    package : str
        ``NAME@VERSION``.
    integrity : str
        The tarball's integrity, as the registry gives it.
    files : mapping of str to str
        Each file's :func:`sri` by path.
    """
    data = {"format": FORMAT, "package": package, "integrity": integrity, "files": dict(files)}
    atomic_write_text(root / MANIFEST, json.dumps(data, indent=1, sort_keys=True) + "\n")


def read_verified(root: Path, path: str, *, package: str) -> bytes | None:
    """The bytes of the package file ``path`` (``/``-separated), if they have the digest recorded.

    Returns
    -------
    bytes or None
        The file; None when the package as published has no such file.

    Parameters
    ----------
    root : pathlib.Path
        The package's folder.
    path : str
        The file's path in the package.
    package : str
        ``NAME@VERSION``, for messages.

    Raises
    ------
    Damaged
        When the manifest is missing or unreadable, or the file was changed, removed or replaced.
    """
    files = _manifest_files(root, package=package)
    if path not in files:
        return None
    file = root.joinpath(*path.split("/"))
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise Damaged(f"the cached file {path} cannot be read ({exc.strerror or exc})") from exc
    if sri(data) != files[path]:
        what = f"the cached file {path} ({len(data):,} bytes) is not what the registry published"
        raise Damaged(f"{what} (changed or damaged since it was fetched)")
    return data


#: Manifests read in this process, by package folder and the manifest's modification time.
_READ: dict[tuple[str, int], dict[str, str]] = {}


def _manifest_files(root: Path, *, package: str) -> dict[str, str]:
    """The digests a package folder's manifest records; :class:`Damaged` if it has none that will do."""
    manifest = root / MANIFEST
    try:
        key = (str(root), manifest.stat().st_mtime_ns)
    except OSError as exc:
        raise Damaged(f"the cached package has no record of its files' digests ({MANIFEST})") from exc
    if key not in _READ:
        try:
            data: Any = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Damaged(f"the cached package's {MANIFEST} cannot be read") from exc
        if not _is_manifest(data, package=package):
            raise Damaged(f"the cached package's {MANIFEST} is not one for {package}")
        _READ[key] = dict(data["files"])
    return _READ[key]


def _is_manifest(data: Any, *, package: str) -> bool:
    """Whether decoded JSON is a manifest of :data:`FORMAT` for ``package``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("package") != package:
        return False
    files = data.get("files")
    return isinstance(files, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v.startswith("sha512-") for k, v in files.items()
    )
