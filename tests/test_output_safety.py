"""Text from data on its way out, and outputs that cannot be written (issue 13: text, output)."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import OutputError
from geo.io import atomic
from geo.io.target import check_target
from geo.text_safety import csv_cell, for_stream, markdown_cell, terminal_text
from tests.helpers import collection, feature, run_cli, stated, write

RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\r")
EVIL_NAME = 'Evil | name\n\x1b]0;pwned\x07 \u202eright-to-left\u2066 \x9b31m =cmd|" /C calc"!A0'


def assert_safe(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, f"raw {char!r} in output"


def evil_layers(tmp_path: Path) -> Path:
    figure = stated(as_stated="-5 ha\x1b[2J | more\nline")
    return write(
        tmp_path / "layers" / "a.geojson", collection(feature("evil_square", name=EVIL_NAME, stated=[figure]))
    ).parent


# --------------------------------------------------------------------------- #
# The sanitiser
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\r\nb\tc", "a\\r\\nb\\tc"),
        ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),
        ("\x00\x7f", "\\x00\\x7f"),
        ("\x9b31m", "\\u009b31m"),
        ("\u202ea\u202c \u2066b\u2069", "\\u202ea\\u202c \\u2066b\\u2069"),
        ("x\u2028y", "x\\u2028y"),
        ("lone \ud800", "lone \\ud800"),
        ("深圳 Hengqin – ok", "深圳 Hengqin – ok"),
    ],
)
def test_terminal_text_escapes_every_control_and_keeps_the_rest(raw, shown):
    assert terminal_text(raw) == shown


def test_markdown_cell_escapes_pipes_and_newlines():
    assert markdown_cell("a | b\nc") == "a \\| b\\nc"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_be_formulas_get_a_quote(start):
    cell = csv_cell(f"{start}1+1")
    assert cell.startswith("'") and "\t" not in cell and "\r" not in cell


def test_csv_cells_keep_numbers_numbers_and_plain_text_plain():
    assert csv_cell(-0.15) == -0.15 and csv_cell(True) is True and csv_cell("Nansha") == "Nansha"


def test_for_stream_falls_back_to_ascii_signs_only_where_needed():
    latin1 = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    ascii_ = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    text = "✓ ✗ ±2 % 3 km² → 面"
    assert for_stream(text, latin1) == "ok FAIL ±2 % 3 km² -> \\u9762"
    assert for_stream(text, ascii_) == "ok FAIL +/-2 % 3 km2 -> \\u9762"
    assert for_stream("lone \ud800", io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) == "lone \\ud800"


# --------------------------------------------------------------------------- #
# Text from data in the error lines, the table, the Markdown, the CSV and `layers`
# --------------------------------------------------------------------------- #


def test_control_characters_in_an_id_stay_on_the_problems_one_line(tmp_path):
    write(tmp_path / "a.geojson", collection(feature("bad\nid\x1b[2J\u202e", name="x\x07")))
    done = run_cli("check", "--layers", str(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines and all(line.startswith("gba-atlas: error: ") for line in lines)
    assert "bad\\nid\\x1b[2J\\u202e" in done.stderr
    assert_safe(done.stderr)


def test_a_newline_in_a_file_name_stays_on_the_problems_one_line(tmp_path):
    write(tmp_path / "two\nlines.geojson", "{ broken")
    done = run_cli("check", "--layers", str(tmp_path))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "two\\nlines.geojson" in done.stderr


def test_the_table_shows_names_escaped_on_one_line(tmp_path):
    done = run_cli("check", "--layers", str(evil_layers(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout)
    row = next(line for line in done.stdout.splitlines() if line.startswith("Evil"))
    assert "\\x1b]0;pwned\\x07" in row and "-5 ha\\x1b[2J | more\\nline" in row


def test_the_markdown_report_keeps_one_row_per_check(tmp_path):
    done = run_cli("check", "--layers", str(evil_layers(tmp_path)), "--format", "markdown")
    assert_safe(done.stdout)
    rows = [line for line in done.stdout.splitlines() if line.startswith("| Evil")]
    assert len(rows) == 1
    assert rows[0].count(" | ") == 6  # seven cells: every | of the data is escaped
    assert "Evil \\| name\\n" in rows[0]


def test_the_csv_report_neutralises_formulas_and_keeps_numbers(tmp_path):
    done = run_cli("check", "--layers", str(evil_layers(tmp_path)), "--format", "csv")
    assert_safe(done.stdout)
    assert len(done.stdout.splitlines()) == 2  # the header and one row
    row = next(csv.DictReader(io.StringIO(done.stdout)))
    assert row["stated"] == "'-5 ha\\x1b[2J | more\\nline"
    assert row["name"].startswith("Evil")
    assert float(row["deviation_pct"]) < 0 and row["deviation_pct"].startswith("-")
    assert float(row["stated_ha"]) == 114


def test_a_name_that_is_a_formula_gets_a_quote_in_the_written_csv(tmp_path):
    layers = write(tmp_path / "layers" / "a.geojson", collection(feature("f", name="@SUM(A1)")))
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers.parent), "--out", str(out)]) == 0
    row = next(csv.DictReader(io.StringIO(out.with_name("area-report.csv").read_text("utf-8"))))
    assert row["name"] == "'@SUM(A1)"


def test_the_json_report_escapes_what_a_terminal_would_act_on(tmp_path):
    import json

    done = run_cli("check", "--layers", str(evil_layers(tmp_path)), "--format", "json")
    assert_safe(done.stdout)
    assert json.loads(done.stdout)["areas"][0]["name"] == EVIL_NAME  # the same data


def test_layers_output_is_escaped(tmp_path):
    done = run_cli("layers", "--layers", str(evil_layers(tmp_path)))
    assert done.returncode == 0
    assert_safe(done.stdout)
    assert len(done.stdout.splitlines()) == 2  # the layer and its one feature


def test_a_lone_surrogate_in_a_name_is_printed_and_written_escaped(tmp_path):
    text = '{"type": "FeatureCollection", "features": [%s]}'
    layer = tmp_path / "layers" / "a.geojson"
    write(layer, text % __import__("json").dumps(feature("lone", name="lone \ud800 name")))
    done = run_cli("layers", "--layers", str(layer.parent))
    assert done.returncode == 0 and "lone \\ud800 name" in done.stdout, done.stderr
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layer.parent), "--out", str(out)]) == 0
    assert "lone \\ud800 name" in out.with_name("area-report.md").read_text("utf-8")


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
def test_a_bad_out_is_one_line_and_exit_2(tmp_path, out, says):
    write(tmp_path / "file.txt", "a file")
    before = snapshot(tmp_path)
    done = run_cli("build", "--out", out.format(tmp=tmp_path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("gba-atlas: error: cannot write ")
    assert says in done.stderr and len(done.stderr.splitlines()) == 1
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


def test_a_cache_path_that_is_a_file_is_one_line(tmp_path, layers):
    blocker = write(tmp_path / "cache", "not a folder")
    env = {**os.environ, "GBA_ATLAS_CACHE": str(blocker / "assets"), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "geo", "build", "--self-contained"),
            *("--layers", str(layers), "--out", str(tmp_path / "o" / "map.html")),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"gba-atlas: error: cannot use the asset cache {blocker / 'assets'}: a file is in the way; "
        "fix: set GBA_ATLAS_CACHE to a folder you can write, or move the file away\n"
    )
