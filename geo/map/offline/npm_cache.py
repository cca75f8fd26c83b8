"""The per-user cache of extracted npm packages, filled with ``npm pack``.

A package ``NAME@VERSION`` is extracted once into ``CACHE/NAME@VERSION/`` (a
scoped ``@scope/name`` into ``CACHE/@scope/name@VERSION/``) and read from there
ever after, each file checked against the digests recorded when the tarball was
checked against the registry's integrity (:mod:`geo.map.offline.integrity`).
A fetch works in a temporary directory inside the cache and renames the
extracted package into place, so a failed or concurrent fetch never leaves a
half-filled entry: the first rename wins and a later one keeps the winner.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec
from geo.map.offline.cache_dir import cache_error, cache_problem, make_cache_dir
from geo.map.offline.integrity import MANIFEST, file_digests, sri, write_manifest
from geo.progress import note

__all__ = [
    "asset_error",
    "cache_error",
    "cache_problem",
    "default_cache_dir",
    "discard_package",
    "fetch_again",
    "package_dir",
]

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
    make_cache_dir(cache_dir)
    if os.path.lexists(target):  # a file, a dangling link or a link loop where the folder belongs
        discard_package(spec, cache_dir=cache_dir, url=url)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".fetch-") as tmp:
        extracted = _fetch(spec, Path(tmp), cache_dir=cache_dir, url=url)
        _move_into_place(extracted, target)
    return target


def fetch_again(spec: AssetSpec, *, cache_dir: Path, url: str | None) -> Path:
    """Fetch a package whose cached copy failed its check; return its folder.

    When the folder holds exactly the files of the tarball fetched (a cache filled before
    manifests were written, say), only the manifest is added; otherwise the folder is replaced.

    Parameters
    ----------
    spec : AssetSpec
        The package file.
    cache_dir : pathlib.Path
        The package cache.
    url : str or None
        The URL being inlined, for messages.

    Returns
    -------
    pathlib.Path
        The package's folder.
    """
    target = cache_dir.joinpath(*spec.package.split("/"))
    make_cache_dir(cache_dir)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".fetch-") as tmp:
        extracted = _fetch(spec, Path(tmp), cache_dir=cache_dir, url=url)
        fresh = extracted / MANIFEST
        if target.is_dir() and not target.is_symlink() and file_digests(target) == file_digests(extracted):
            shutil.copyfile(fresh, target / MANIFEST)
            return target
        discard_package(spec, cache_dir=cache_dir, url=url)
        _move_into_place(extracted, target)
    return target


def _fetch(spec: AssetSpec, tmp: Path, *, cache_dir: Path, url: str | None) -> Path:
    """``npm pack`` the package into ``tmp``, check it, extract it, write its manifest; its folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise asset_error(url, spec, "npm not found on PATH", cache_dir)
    note(f"fetching {spec.package} with npm into {cache_dir} (once; later builds reuse it)")
    tarball, integrity = _npm_pack(npm, spec, tmp, cache_dir=cache_dir, url=url)
    if sri(tarball.read_bytes()) != integrity:
        what = f"the tarball npm wrote does not match the registry's integrity {integrity[:24]}..."
        raise asset_error(url, spec, what, cache_dir)
    extracted = _extract(tarball, tmp / "x")
    write_manifest(extracted, package=spec.package, integrity=integrity, files=file_digests(extracted))
    return extracted


def discard_package(spec: AssetSpec, *, cache_dir: Path, url: str | None) -> None:
    """Move a damaged package (folder, file or link) out of the cache's way and delete it.

    Parameters
    ----------
    spec : AssetSpec
        The damaged package's file.
    cache_dir : pathlib.Path
        The package cache.
    url : str or None
        The URL being inlined, for messages.
    """
    target = cache_dir.joinpath(*spec.package.split("/"))
    aside = cache_dir / f".discarded-{secrets.token_hex(4)}"
    try:
        target.rename(aside)
    except FileNotFoundError:
        return
    except OSError as exc:
        what = f"cannot move the damaged cached package {target} away ({exc.strerror or exc})"
        raise asset_error(url, spec, what + f"; delete {target} by hand", cache_dir) from exc
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        aside.unlink(missing_ok=True)


def _npm_pack(npm: str, spec: AssetSpec, dest: Path, *, cache_dir: Path, url: str | None) -> tuple[Path, str]:
    """Download the package tarball into ``dest``; its path, and the integrity npm checked it against."""
    # --loglevel=error is as quiet as --silent but keeps npm's error text.
    cmd = [npm, "pack", spec.package, "--json", "--loglevel=error", "--pack-destination", str(dest)]
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
    return tarballs[0], _integrity(proc.stdout, spec, cache_dir=cache_dir, url=url)


def _integrity(stdout: str, spec: AssetSpec, *, cache_dir: Path, url: str | None) -> str:
    """The sha512 integrity ``npm pack --json`` reports (the registry's ``dist.integrity``)."""
    try:
        reported = json.loads(stdout)[0]["integrity"]
    except (ValueError, LookupError, TypeError):
        reported = None
    if not isinstance(reported, str) or not reported.startswith("sha512-"):
        what = "npm pack reported no sha512 integrity for the tarball, so it cannot be verified"
        raise asset_error(url, spec, what, cache_dir)
    return reported


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
