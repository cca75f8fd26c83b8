"""Signals, pipes and output streams (issue 13: signals and pipes), run as real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from tests.helpers import collection, write

pytestmark = pytest.mark.slow  # real subprocesses: the CLI, signals, pipes, full disks

#: Start the CLI through its console entry point, saying "ready" on stderr once imported.
READY_THEN_CLI = (
    "import sys, geo.cli; sys.stderr.write('ready\\n'); sys.stderr.flush(); geo.cli.console_main()"
)
OUTPUTS = {"map.html", "area-report.csv", "area-report.md"}


def cli(*args: str, encoding: str = "utf-8", **popen: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.Popen([sys.executable, "-m", "geo", *args], env=env, **popen)  # type: ignore[call-overload]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def squares(folder: Path, count: int) -> Path:
    """A layer ``big`` of ``count`` small squares in ``folder``; returns the folder."""
    features = []
    for i in range(count):
        x, y = 113.5 + (i % 200) * 0.002, 22.3 + (i // 200) * 0.002
        ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append(
            {"type": "Feature", "properties": {"id": f"p{i}", "name": f"P {i}"}, "geometry": geometry}
        )
    (folder / "big.geojson").write_text(json.dumps(collection(*features)), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big_layers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A layer of 20,000 small squares: reading, checking and mapping it takes a few seconds."""
    return squares(tmp_path_factory.mktemp("big"), 20_000)


@pytest.fixture(scope="module")
def long_listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A layer of 5,000 small squares: ``layers`` lists it in about 170 kB, far more than a pipe holds.

    A pipe holds 64 KiB and ``head -1`` reads one buffer (8 KiB) before it exits, so the listing is
    still being written when the reader is gone, as with 20,000 squares, at a quarter of the work
    (``layers`` measures every feature before printing).
    """
    return squares(tmp_path_factory.mktemp("listing"), 5_000)


@pytest.fixture
def old_build(tmp_path: Path) -> Path:
    """The map and reports of an earlier build of a small layer; returns the map's path."""
    layers = write(tmp_path / "small" / "a.geojson", collection()).parent
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 0
    return out


# --------------------------------------------------------------------------- #
# Ctrl-C and SIGTERM
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [
        (signal.SIGINT, 130, "gba-atlas: interrupted\n"),
        (signal.SIGTERM, 143, "gba-atlas: interrupted by SIGTERM\n"),
    ],
)
def test_a_signal_during_a_build_is_one_line_and_leaves_the_old_outputs(
    big_layers, old_build, signum, status, line
):
    before = snapshot(old_build.parent)
    args = ["build", "--layers", str(big_layers), "--out", str(old_build)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-c", READY_THEN_CLI, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None and process.stderr.readline() == "ready\n"
    try:
        process.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err, out) == (status, line, "")
    assert snapshot(old_build.parent) == before  # old outputs intact, no temporary file


@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [
        (signal.SIGINT, 130, "gba-atlas: interrupted\n"),
        (signal.SIGTERM, 143, "gba-atlas: interrupted by SIGTERM\n"),
    ],
)
def test_a_signal_while_temporary_files_exist_removes_them(
    old_build, monkeypatch, capsys, signum, status, line
):
    """The signal arrives between the second and the third temporary file."""
    before, real_fsync, calls = snapshot(old_build.parent), os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        real_fsync(fd)
        if len(calls) == 2:
            assert len(list(old_build.parent.glob(".*.tmp"))) == 2
            os.kill(os.getpid(), signum)

    monkeypatch.setattr(os, "fsync", fsync)
    layers = old_build.parent.parent / "small"
    assert main(["build", "--layers", str(layers), "--out", str(old_build)]) == status
    assert capsys.readouterr().err == line
    assert snapshot(old_build.parent) == before


def test_main_puts_the_previous_sigterm_handler_back(capsys):
    previous = signal.getsignal(signal.SIGTERM)
    assert main(["layers"]) == 0
    assert signal.getsignal(signal.SIGTERM) is previous


# --------------------------------------------------------------------------- #
# Pipes and streams
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("args", [["layers"], ["check"], ["check", "--format", "json"], ["--help"]])
def test_a_closed_pipe_ends_quietly_with_141(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        process = cli(*args, stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (141, "")


def test_layers_piped_into_head_ends_quietly(long_listing):
    producer = cli("layers", "--layers", str(long_listing), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    assert producer.stdout is not None
    producer.stdout.close()  # only head reads it now
    first, _ = head.communicate(timeout=120)
    _, err = producer.communicate(timeout=120)
    assert first.decode().startswith("big  (")
    assert (producer.returncode, err) == (141, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["layers"], ["check"], ["build", "--out", "{tmp}/map.html"]])
def test_stdout_on_a_full_device_is_one_line_and_exit_2(tmp_path, args):
    args = [a.format(tmp=tmp_path) for a in args]
    with open("/dev/full", "w") as full:
        process = cli(*args, stdout=full, stderr=subprocess.PIPE, text=True)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 2
    assert err == (
        "gba-atlas: error: cannot write to standard output: No space left on device; "
        "fix: free some space, or send the output elsewhere\n"
    )


def run_encoded(encoding: str, *args: str) -> tuple[int, str, str]:
    process = cli(*args, encoding=encoding, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    return process.returncode, out.decode(encoding), err.decode(encoding)


def test_a_latin1_stdout_gets_ascii_marks_and_keeps_what_latin1_has():
    status, out, err = run_encoded("latin-1", "check")
    assert (status, err) == (0, "")
    area_rows = [line for line in out.splitlines() if "%" in line and line.endswith(" ok")]
    assert len(area_rows) >= 10 and "+/-2 %" in area_rows[0]  # the table's signs are all ASCII then
    assert "3.89 km²" in out and "(allowed ±2 %)" in out  # text keeps what latin-1 has


def test_an_ascii_stdout_gets_ascii_everything(tmp_path):
    status, out, err = run_encoded("ascii", "check", "--format", "markdown")
    assert (status, err) == (0, "")
    assert "| ok |" in out and "+/-2 %" in out and "3.89 km2" in out
    status, out, err = run_encoded("ascii", "layers")
    assert (status, err) == (0, "")
    assert "Shenzhen-Hong Kong" in out


def test_an_ascii_stderr_gets_escapes_not_a_traceback(tmp_path):
    write(tmp_path / "深圳.geojson", "{ broken")
    status, _, err = run_encoded("ascii", "check", "--layers", str(tmp_path))
    assert status == 2 and len(err.splitlines()) == 1
    assert "\\u6df1\\u5733.geojson" in err and "Traceback" not in err
