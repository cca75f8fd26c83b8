"""A hand-made package in a test's asset cache, recorded as a verified fetch would record it."""

from __future__ import annotations

from pathlib import Path

from geo.map.offline.integrity import file_digests, sri, write_manifest


def record_package(folder: Path, package: str) -> Path:
    """Write ``folder``'s manifest from the files it holds now, as if ``npm pack`` had just given them."""
    write_manifest(folder, package=package, integrity=sri(package.encode()), files=file_digests(folder))
    return folder
