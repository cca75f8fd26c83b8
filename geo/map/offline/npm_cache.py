"""The per-user cache of extracted npm packages, filled with ``npm pack``.

A package ``NAME@VERSION`` is extracted once into ``CACHE/NAME@VERSION/`` (a
scoped ``@scope/name`` into ``CACHE/@scope/name@VERSION/``) and read from there
ever after.  A fetch works in a temporary directory inside the cache and renames
the extracted package into place, so a failed or concurrent fetch never leaves a
half-filled entry: the first rename wins and a later one keeps the winner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec
from geo.progress import note

__all__ = ["asset_error", "default_cache_dir", "package_dir"]

_FIX_HINT = ", ".join(
    (
        "install Node.js with npm",
        "or build without --self-contained",
        "or pre-fill the cache at {cache_dir}",
    ),
)
#: How long one ``npm pack`` may take (seconds).
_NPM_TIMEOUT_S = 300


def default_cache_dir() -> Path:
    """Return the directory caching extracted npm packages.

    Returns
    -------
    pathlib.Path
        ``$GBA_ATLAS_CACHE`` if set, else ``$XDG_CACHE_HOME/gba-atlas/assets``,
        else ``~/.cache/gba-atlas/assets``.
    """
    explicit = os.environ.get("GBA_ATLAS_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "gba-atlas" / "assets"


def asset_error(url: str | None, spec: AssetSpec, what: str, cache_dir: Path) -> AssetError:
    """Build the one-line error for an asset that could not be obtained.

    Parameters
    ----------
    url : str or None
        The URL being inlined; None when a package file was asked for directly.
    spec : AssetSpec
        The package file that could not be obtained.
    what : str
        What went wrong, e.g. ``"npm not found on PATH"``.
    cache_dir : pathlib.Path
        The cache root, named in the hint on how to fix it.

    Returns
    -------
    AssetError
        ``cannot inline URL: WHAT (npm package NAME@VERSION); to fix, ...``.
    """
    subject = f"cannot inline {url}" if url else f"cannot fetch {spec.path}"
    hint = _FIX_HINT.format(cache_dir=cache_dir)
    return AssetError(f"{subject}: {what} (npm package {spec.package}); to fix, {hint}")


def package_dir(spec: AssetSpec, *, cache_dir: Path, url: str | None) -> Path:
    """Return the extracted package directory of ``spec``, running ``npm pack`` if absent.

    Parameters
    ----------
    spec : AssetSpec
        Any file of the package; only its name and version are used.
    cache_dir : pathlib.Path
        The cache root; created if missing.
    url : str or None
        The URL being inlined, only used in error messages.

    Returns
    -------
    pathlib.Path
        ``cache_dir/NAME@VERSION``, the package root.

    Raises
    ------
    AssetError
        If npm is missing or ``npm pack`` fails.
    """
    target = cache_dir.joinpath(*spec.package.split("/"))
    if target.is_dir():
        return target
    _make_cache_dir(cache_dir)
    npm = shutil.which("npm")
    if npm is None:
        raise asset_error(url, spec, "npm not found on PATH", cache_dir)
    note(f"fetching {spec.package} with npm into {cache_dir} (once; later builds reuse it)")
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".fetch-") as tmp:
        tarball = _npm_pack(npm, spec, Path(tmp), cache_dir=cache_dir, url=url)
        extracted = _extract(tarball, Path(tmp) / "x")
        _move_into_place(extracted, target)
    return target


def _make_cache_dir(cache_dir: Path) -> None:
    """Create the cache folder, or say in one line why it cannot be (a file in the way, say)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else exc
        msg = (
            f"cannot use the asset cache {cache_dir}: {reason}; "
            "fix: set GBA_ATLAS_CACHE to a folder you can write, or move the file away"
        )
        raise AssetError(msg) from exc


def _npm_pack(npm: str, spec: AssetSpec, dest: Path, *, cache_dir: Path, url: str | None) -> Path:
    """Download the package tarball into ``dest`` and return its path."""
    # --loglevel=error is as quiet as --silent but keeps npm's error text.
    cmd = [npm, "pack", spec.package, "--loglevel=error", "--pack-destination", str(dest)]
    try:
        proc = subprocess.run(
            cmd, cwd=dest, capture_output=True, text=True, timeout=_NPM_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise asset_error(url, spec, f"npm pack failed: {exc}", cache_dir) from exc
    tarballs = sorted(dest.glob("*.tgz"))
    if proc.returncode != 0 or len(tarballs) != 1:
        reason = _npm_error_line(proc.stderr) or f"exit status {proc.returncode}"
        raise asset_error(url, spec, f"npm pack failed: {reason}", cache_dir)
    return tarballs[0]


def _npm_error_line(stderr: str) -> str:
    """Pick the most telling line of npm's stderr (skipping ``error code``)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("npm error", "npm ERR!")) and " code " not in line[:15]:
            return line
    return lines[0] if lines else ""


def _extract(tarball: Path, dest: Path) -> Path:
    """Safely extract an npm tarball; return the package root inside ``dest``."""
    dest.mkdir()
    with tarfile.open(tarball, "r:gz") as archive:
        archive.extractall(dest, filter="data")
    package = dest / "package"
    if package.is_dir():
        return package
    tops = [p for p in dest.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else dest


def _move_into_place(extracted: Path, target: Path) -> None:
    """Atomically rename ``extracted`` to ``target``; a concurrent winner is kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        extracted.rename(target)
    except OSError:
        if not target.is_dir():
            raise
