"""Packages for a test's asset cache: an npm tarball, and a hand-made folder recorded as a fetch would."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from geo.map.offline.integrity import file_digests, sri, write_manifest


def record_package(folder: Path, package: str) -> Path:
    """Write ``folder``'s manifest from the files it holds now, as if ``npm pack`` had just given them."""
    write_manifest(folder, package=package, integrity=sri(package.encode()), files=file_digests(folder))
    return folder


def npm_tarball(files: dict[str, bytes]) -> bytes:
    """A gzipped tarball as ``npm pack`` writes one: every file under ``package/``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
