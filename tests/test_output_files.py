"""Outputs that cannot be written, and outputs written together (issue 13: output)."""

from __future__ import annotations

import errno
import os
import subprocess
import time
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import OutputError
from geo.io import atomic
from geo.io.target import check_target
from tests.helpers import collection, run_cli, write

pytestmark = pytest.mark.slow  # real subprocesses: the CLI, signals, pipes, full disks

# --------------------------------------------------------------------------- #
# --out, checked up front
# --------------------------------------------------------------------------- #


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("", "cannot write '': the path is empty; fix: "),
        ("/", "cannot write /: it is a folder; fix: give the path of a file in it, e.g. /map.html"),
        ("{tmp}", "it is a folder; fix: "),
        ("{tmp}/new/", "it ends in a slash, so it names a folder; fix: add a file name, e.g. "),
        ("{tmp}/file.txt/map.html", "file.txt is a file, not a folder; fix: "),
        ("{tmp}/file.txt/deeper/map.html", "file.txt is a file, not a folder; fix: "),
        ("{tmp}/" + "m" * 250 + ".html", "a name is too long (255 bytes; at most 237 here); fix: "),
        ("{tmp}/" + "/".join(["d" * 200] * 25) + "/map.html", "the path is too long"),
        ("{tmp}/area-report.md", "the area report is written under that name; fix: "),
    ],
)
def test_a_bad_out_is_one_line_and_exit_2(tmp_path, out, says, capsys):
    """In process: ``main``'s status is the process's (``test_a_bad_out_is_the_same_line_from_a_process``)."""
    write(tmp_path / "file.txt", "a file")
    before = snapshot(tmp_path)
    assert main(["build", "--out", out.format(tmp=tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gba-atlas: error: cannot write ")
    assert says in err and len(err.splitlines()) == 1
    assert snapshot(tmp_path) == before


def test_a_bad_out_is_the_same_line_from_a_process(tmp_path, capsys):
    """``python -m geo`` exits 2 with the line ``main`` writes, and touches nothing."""
    write(tmp_path / "file.txt", "a file")
    before = snapshot(tmp_path)
    out = str(tmp_path / "file.txt" / "map.html")
    done = run_cli("build", "--out", out)
    assert main(["build", "--out", out]) == 2
    assert (done.returncode, done.stderr) == (2, capsys.readouterr().err)
    assert done.stderr.startswith("gba-atlas: error: cannot write ") and len(done.stderr.splitlines()) == 1
    assert snapshot(tmp_path) == before


def test_check_target_accepts_a_new_file_in_a_new_folder(tmp_path):
    assert check_target(tmp_path / "a" / "b" / "map.html") == tmp_path / "a" / "b" / "map.html"


# --------------------------------------------------------------------------- #
# Writing: read-only and full disks, the map and its reports together, stale temporary files
# --------------------------------------------------------------------------- #


def build(layers: Path, out: Path) -> int:
    return main(["build", "--layers", str(layers), "--out", str(out)])


@pytest.fixture
def layers(tmp_path: Path) -> Path:
    return write(tmp_path / "layers" / "a.geojson", collection()).parent


@pytest.fixture
def old_outputs(tmp_path: Path, layers: Path) -> Path:
    """A map and its reports from an earlier build; returns the map's path."""
    out = tmp_path / "out" / "map.html"
    assert build(layers, out) == 0
    for name in ("map.html", "area-report.csv", "area-report.md"):
        write(out.with_name(name), f"old {name}")
    return out


def tmpfs(folder: Path, *options: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    return folder


@pytest.fixture
def mount_point(tmp_path: Path):
    folder = tmp_path / "mnt"
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_a_read_only_disk_is_one_line_and_exit_2(layers, mount_point, capsys):
    tmpfs(mount_point, "size=64k")
    write(mount_point / "map.html", "old map")
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
    assert build(layers, mount_point / "map.html") == 2
    err = capsys.readouterr().err
    assert err == (
        f"gba-atlas: error: cannot write {mount_point / 'area-report.csv'}: Read-only file system; "
        "fix: that disk is read-only: write somewhere else\n"
    )
    assert snapshot(mount_point) == {"map.html": b"old map"}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_folder_without_write_permission_is_one_line_and_exit_2(layers, tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert build(layers, folder / "map.html") == 2
    finally:
        folder.chmod(0o755)
    assert "Permission denied; fix: write to a folder you may write to" in capsys.readouterr().err


def test_a_full_disk_keeps_the_old_outputs_and_leaves_no_temporary_file(layers, mount_point, capsys):
    tmpfs(mount_point, "size=32k")
    for name in ("map.html", "area-report.csv", "area-report.md"):
        write(mount_point / name, f"old {name}")
    before = snapshot(mount_point)
    assert build(layers, mount_point / "map.html") == 2  # the map (~60 KiB) does not fit
    err = capsys.readouterr().err
    assert err.startswith(f"gba-atlas: error: cannot write {mount_point / 'map.html'}: No space left")
    assert err.endswith("; fix: free some space on that disk, or write somewhere else\n")
    assert snapshot(mount_point) == before


def failing_on_call(number: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the ``number``-th ``os.replace`` fail; returns the calls' targets."""
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == number:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_a_failed_third_rename_puts_the_first_two_back(layers, old_outputs, monkeypatch, capsys):
    before = snapshot(old_outputs.parent)
    calls = failing_on_call(3, monkeypatch)
    assert build(layers, old_outputs) == 2
    assert calls[:3] == ["area-report.csv", "area-report.md", "map.html"]
    assert snapshot(old_outputs.parent) == before  # old content back, no temporary or backup file
    assert "cannot write" in capsys.readouterr().err


def test_a_failed_rename_of_a_first_build_leaves_nothing(layers, tmp_path, monkeypatch):
    failing_on_call(3, monkeypatch)
    out = tmp_path / "first" / "map.html"
    assert build(layers, out) == 2
    assert list(out.parent.iterdir()) == []


def test_without_hard_links_a_failed_rename_still_leaves_no_temporary_file(layers, old_outputs, monkeypatch):
    def no_link(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    failing_on_call(3, monkeypatch)
    assert build(layers, old_outputs) == 2
    after = snapshot(old_outputs.parent)
    assert set(after) == {"map.html", "area-report.csv", "area-report.md"}
    assert after["map.html"] == b"old map.html"  # as documented: the two renamed reports stay new
    assert after["area-report.md"] != b"old area-report.md"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_failure_while_writing_temporary_files_touches_no_target(layers, old_outputs, monkeypatch, stop):
    before, real_fsync, calls = snapshot(old_outputs.parent), os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise stop(errno.EIO, "Input/output error") if stop is OSError else stop()
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert build(layers, old_outputs) == (130 if stop is KeyboardInterrupt else 2)
    assert snapshot(old_outputs.parent) == before


def test_stale_temporary_files_of_a_killed_build_are_removed_and_nothing_else(layers, tmp_path):
    out = tmp_path / "out" / "map.html"
    folder = write(out, "old").parent
    old = time.time() - 3600
    stale = [".map.html.abcd_123.tmp", ".map.html.k2m9x0qz.old.tmp", ".area-report.md.a1b2c3d4.tmp"]
    keep = [".map.html.notours.tmp", ".map.html.abcd1234.tmp.bak", "map.html.abcd1234.tmp", ".x.abcd1234.tmp"]
    for name in [*stale, *keep]:
        os.utime(write(folder / name, "x"), (old, old))
    fresh = write(folder / ".map.html.fresh123.tmp", "a build running now")
    assert build(layers, out) == 0
    names = {p.name for p in folder.iterdir()}
    assert names == {"map.html", "area-report.csv", "area-report.md", *keep, fresh.name}


def test_output_error_is_an_oserror_with_the_errno():
    error = atomic.output_error("m.html", OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(error, OutputError) and isinstance(error, OSError) and error.errno == errno.ENOSPC
    assert str(error) == (
        "cannot write m.html: No space left on device; "
        "fix: free some space on that disk, or write somewhere else"
    )


def test_a_cache_path_that_is_a_file_is_one_line(tmp_path, layers, monkeypatch, capsys):
    blocker = write(tmp_path / "cache", "not a folder")
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(blocker / "assets"))
    args = ["build", "--self-contained", "--layers", str(layers), "--out", str(tmp_path / "o" / "map.html")]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"gba-atlas: error: cannot use the asset cache {blocker / 'assets'}: a file is in the way; "
        "fix: set GBA_ATLAS_CACHE to a folder you can write, or move the file away\n"
    )
