"""Progress bars: on a terminal's standard error for long work, and nothing anywhere else."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo import progress
from geo.geodesy import geodesic_area
from geo.model import Feature, measure_areas
from geo.model import features as model_features
from tests.helpers import SOURCE, stated, write


class FakeTerminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> FakeTerminal:
    """Standard error is a terminal; bars show at once and redraw on every update.

    The fixture sets the variables; each test puts the stream in place with :func:`install`,
    since pytest's capture sets ``sys.stderr`` again between a fixture and its test.
    """
    stream = FakeTerminal()
    monkeypatch.setenv(progress.DELAY_ENV, "0")
    monkeypatch.delenv(progress.SWITCH_ENV, raising=False)
    monkeypatch.setattr(progress, "MIN_INTERVAL_S", 0)
    return stream


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch):
    return lambda stream: monkeypatch.setattr(sys, "stderr", stream)


def test_no_terminal_no_bar_and_the_items_themselves(monkeypatch, install):
    stream = io.StringIO()
    install(stream)
    monkeypatch.setenv(progress.DELAY_ENV, "0")
    items = list(range(5000))
    assert not progress.enabled()
    assert progress.tracked(items, desc="counting") is items  # nothing wraps the hot loop
    with progress.progress("counting", total=10) as bar:
        bar.update(10)
    assert stream.getvalue() == ""


def test_a_terminal_shows_a_bar_advanced_in_batches(terminal, install):
    install(terminal)
    assert progress.enabled()
    assert list(progress.tracked(range(10), desc="counting things", total=10, every=3)) == list(range(10))
    shown = terminal.getvalue()
    assert "counting things" in shown and "%|" in shown
    counts = [n for n in range(11) if f" {n}/10 " in shown]
    assert {0, 3, 6, 9} <= set(counts) <= {0, 3, 6, 9, 10}  # drawn per batch of 3, never per item


@pytest.mark.parametrize("value", ["0", "off", "No", "false"])
def test_the_switch_turns_bars_off_on_a_terminal(terminal, install, monkeypatch, value):
    install(terminal)
    monkeypatch.setenv(progress.SWITCH_ENV, value)
    assert not progress.enabled()
    assert list(progress.tracked(range(3), desc="counting")) == [0, 1, 2]
    assert terminal.getvalue() == ""


def test_bars_wait_two_seconds_by_default_and_vanish_when_done(terminal, install, monkeypatch):
    install(terminal)
    monkeypatch.delenv(progress.DELAY_ENV)
    with progress.progress("counting", total=3) as bar:
        assert (bar.delay, bar.leave, bar.fp) == (2.0, False, terminal)  # type: ignore[attr-defined]
    monkeypatch.setenv(progress.DELAY_ENV, "soon")
    assert progress.delay_s() == 2.0


def test_nothing_to_count_shows_nothing(terminal, install):
    install(terminal)
    with progress.progress("measuring areas", total=0) as bar:
        bar.update(0)
    assert terminal.getvalue() == ""


def test_a_bar_escapes_what_the_data_names(terminal, install):
    install(terminal)
    list(progress.tracked([1], desc="validating evil\x1b[2J\rname.geojson"))
    assert "\x1b[2J" not in terminal.getvalue() and "evil" in terminal.getvalue()


def test_a_closed_standard_error_means_no_bar(install):
    stream = FakeTerminal()
    stream.close()
    install(stream)
    assert not progress.enabled()


def square(index: int) -> shapely.Polygon:
    x, y = 113.5 + (index % 100) * 0.01, 22.2 + (index // 100) * 0.01
    return shapely.box(x, y, x + 0.001 * (1 + index % 7), y + 0.001)


def test_measure_areas_in_batches_equals_one_vectorised_call(terminal, install, monkeypatch):
    install(terminal)
    monkeypatch.setattr(model_features, "AREA_BATCH", 3)
    items = [Feature(f"f{i}", f"F {i}", square(i), "layer") for i in range(10)]
    expected = geodesic_area(np.array([f.geometry for f in items], dtype=object))
    assert measure_areas(items).tolist() == expected.tolist()
    assert [f.area_m2 for f in items] == expected.tolist()
    assert "measuring areas" in terminal.getvalue() and " 9/10 " in terminal.getvalue()


# --- the command line, its standard error a pseudo-terminal or a pipe ---------------------------------


def big_layer(folder: Path, count: int = 3000) -> Path:
    """A layer of ``count`` small squares, one with a stated figure, and a claim about two of them."""
    ring = lambda i: [list(p) for p in square(i).exterior.coords]  # noqa: E731
    features_ = [
        {
            "type": "Feature",
            "properties": {"id": f"b{i}", "name": f"Block {i}"},
            "geometry": {"type": "Polygon", "coordinates": [ring(i)]},
        }
        for i in range(count)
    ]
    features_[0]["properties"]["stated"] = [
        stated(value=1.14, hectares=1.14, as_stated="1.14 ha", tolerance_pct=5)
    ]
    claim = {
        "id": "b1_near_b2",
        "claim": "Block 1 is near Block 2",
        "sentence": "Block 1 lies near Block 2.",
        "source": dict(SOURCE),
        "test": "adjacent",
        "feature": "b1",
        "to": "b2",
        "max_distance_m": 5000,
    }
    write(folder / "blocks.geojson", {"type": "FeatureCollection", "features": features_, "claims": [claim]})
    return folder


def run_check(layers: Path, *, stderr_tty: bool, **env: str) -> tuple[str, str, int]:
    """``python -m geo check --layers DIR``: stdout to a file, stderr to a pseudo-terminal or a pipe."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **env}
    command = [sys.executable, "-m", "geo", "check", "--layers", str(layers)]
    with tempfile.TemporaryFile() as out:
        if not stderr_tty:
            done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=environment, check=False)
            err, status = done.stderr, done.returncode
        else:
            master, slave = os.openpty()
            proc = subprocess.Popen(
                command, stdout=out, stderr=slave, stdin=subprocess.DEVNULL, env=environment
            )
            os.close(slave)
            err, status = read_all(master), proc.wait()
        out.seek(0)
        return out.read().decode("utf-8"), err.decode("utf-8", "replace"), status


def read_all(master: int) -> bytes:
    """Everything written to a pseudo-terminal until the child closes it."""
    chunks = []
    try:
        while data := os.read(master, 65536):
            chunks.append(data)
    except OSError:  # EIO: the child is gone
        pass
    finally:
        os.close(master)
    return b"".join(chunks)


@pytest.fixture(scope="module")
def blocks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_layer(tmp_path_factory.mktemp("blocks"))


@pytest.mark.slow
def test_check_on_a_terminal_shows_bars_on_stderr_only(blocks):
    out, err, status = run_check(blocks, stderr_tty=True, GBA_ATLAS_PROGRESS_DELAY="0")
    assert status == 0, err
    for what in ("reading layers", "validating blocks.geojson", "measuring areas", "checking claims"):
        assert what in err
    assert "%|" in err and "3000/3000" not in out
    assert "%|" not in out and "\r" not in out and "2 of 2 checks hold." in out


@pytest.mark.slow
def test_check_into_a_pipe_shows_no_bar(blocks):
    out, err, status = run_check(blocks, stderr_tty=False, GBA_ATLAS_PROGRESS_DELAY="0")
    assert status == 0
    assert err == "" and "2 of 2 checks hold." in out


@pytest.mark.slow
def test_check_on_a_terminal_with_bars_switched_off_shows_none(blocks):
    _, err, status = run_check(blocks, stderr_tty=True, GBA_ATLAS_PROGRESS_DELAY="0", GBA_ATLAS_PROGRESS="0")
    assert status == 0 and "%|" not in err and err.strip() == ""
