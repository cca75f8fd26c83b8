"""Ctrl-C while the command loads, and while files are written (issue 25, signals).

A Ctrl-C in the first half-second, while numpy, shapely and the rest load, is one line and exit
130, as later; a Ctrl-C (or SIGTERM) that falls between a temporary file's creation and the note
that it must be removed, or between a rename and its note, still leaves no ``.*.tmp`` behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from geo.cli import main
from geo.io import atomic
from geo.io.atomic import atomic_write_bytes, atomic_write_group, signals_deferred
from tests.helpers import collection, write

INTERRUPTED = "gba-atlas: interrupted\n"

#: A child that raises SIGINT at itself the moment the module named in argv[1] starts to be imported.
INTERRUPT_DURING_IMPORT = textwrap.dedent(
    """
    import os, signal, sys
    import geo.launch

    MODULE = sys.argv[1]

    class Interrupt:
        def find_spec(self, name, path=None, target=None):
            if name == MODULE:
                os.kill(os.getpid(), signal.SIGINT)
            return None

    sys.meta_path.insert(0, Interrupt())
    sys.argv = ["gba-atlas", *sys.argv[2:]]
    geo.launch.console_main()
    """
)


def child(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


# ------------------------------------------------ Ctrl-C while the command loads


@pytest.mark.slow
@pytest.mark.parametrize(
    "module", ["numpy", "shapely", "pyproj", "geo.atlas", "geo.validation", "geo.report", "geo.cli"]
)
def test_ctrl_c_while_a_module_loads_is_one_line_and_130(module: str) -> None:
    done = child(INTERRUPT_DURING_IMPORT, module, "check")
    assert (done.returncode, done.stderr, done.stdout) == (130, INTERRUPTED, ""), done.stderr[-500:]


#: A child that says "ready" on stderr when the command line starts to load (inside the entry point).
READY_WHEN_LOADING = textwrap.dedent(
    """
    import sys
    import geo.launch

    class Ready:
        def find_spec(self, name, path=None, target=None):
            if name == "geo.cli":
                sys.stderr.write("ready\\n")
                sys.stderr.flush()
            return None

    sys.meta_path.insert(0, Ready())
    sys.argv = ["gba-atlas", "check"]
    geo.launch.console_main()
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.06, 0.1, 0.2])
def test_a_real_ctrl_c_while_the_command_loads_is_one_line(delay: float) -> None:
    """A SIGINT from outside, ``delay`` seconds after the command line started to load."""
    process = subprocess.Popen(
        [sys.executable, "-c", READY_WHEN_LOADING], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None and process.stderr.readline() == "ready\n"
    time.sleep(delay)  # loading takes a quarter of a second or more: every delay falls in it, or just after
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err, out) == (130, INTERRUPTED, ""), err[-500:]


@pytest.mark.slow
def test_the_entry_point_loads_nothing_heavy_before_its_guard() -> None:
    code = "import sys, geo.launch; print(sorted(m for m in sys.modules if m.split('.')[0] in "
    code += "('numpy', 'shapely', 'pyproj', 'pandas', 'geo')))"
    done = child(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['geo', 'geo.launch']"


def test_the_console_script_and_python_m_geo_use_the_guarded_entry_point() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["gba-atlas"] == "geo.launch:console_main"
    main_module = (Path(__file__).parents[1] / "geo" / "__main__.py").read_text(encoding="utf-8")
    assert "from geo.launch import console_main" in main_module


def test_the_package_still_gives_its_public_names() -> None:
    import geo
    from geo import Atlas, AtlasError, ClaimError, InputError, LayerError, geodesic_area
    from geo.atlas import Atlas as AtlasItself
    from geo.errors import InputError as InputErrorItself

    assert Atlas is AtlasItself and InputError is InputErrorItself
    assert issubclass(LayerError, InputError) and issubclass(ClaimError, AtlasError)
    assert callable(geodesic_area) and set(geo.__all__) <= set(dir(geo))
    with pytest.raises(AttributeError, match="module 'geo' has no attribute 'Nothing'"):
        geo.Nothing  # noqa: B018


# ------------------------------------------------ Ctrl-C while files are written


def temps_beside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def signal_after(monkeypatch):
    """``signal_after(module, name, signum, nth)``: the nth call of module.name raises signum after it."""

    def arm(module: object, name: str, signum: int = signal.SIGINT, nth: int = 1) -> list[int]:
        real, calls = getattr(module, name), []

        def call(*args: object, **kwargs: object) -> object:
            result = real(*args, **kwargs)
            calls.append(1)
            if len(calls) == nth:
                signal.raise_signal(signum)  # delivered at the next bytecode, as a real Ctrl-C is
            return result

        monkeypatch.setattr(module, name, call)
        return calls

    return arm


@pytest.mark.parametrize("nth", [1, 2, 3])
def test_ctrl_c_just_after_a_temporary_file_is_made_leaves_none(tmp_path, signal_after, nth) -> None:
    files = {tmp_path / name: name.encode() * 100 for name in ("map.html", "a.csv", "a.md")}
    (tmp_path / "map.html").write_bytes(b"old")
    signal_after(tempfile, "mkstemp", nth=nth)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_group(files)
    assert temps_beside(tmp_path) == []
    assert (tmp_path / "map.html").read_bytes() == b"old"
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "a.md").exists()


def test_ctrl_c_just_after_the_old_content_is_linked_leaves_no_old_tmp(tmp_path, signal_after) -> None:
    for name in ("map.html", "a.csv"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    signal_after(os, "link", nth=2)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_group({tmp_path / "map.html": b"new", tmp_path / "a.csv": b"new"})
    assert temps_beside(tmp_path) == []
    assert (tmp_path / "map.html").read_bytes() == b"old map.html"
    assert (tmp_path / "a.csv").read_bytes() == b"old a.csv"


def test_ctrl_c_just_after_a_rename_puts_the_group_back(tmp_path, signal_after) -> None:
    for name in ("map.html", "a.csv"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    signal_after(os, "replace", nth=1)  # the first target renamed: it must be put back
    with pytest.raises(KeyboardInterrupt):
        atomic_write_group({tmp_path / "map.html": b"new", tmp_path / "a.csv": b"new"})
    assert temps_beside(tmp_path) == []
    assert (tmp_path / "map.html").read_bytes() == b"old map.html"
    assert (tmp_path / "a.csv").read_bytes() == b"old a.csv"


def test_sigterm_just_after_a_temporary_file_is_made_in_the_cli(tmp_path, signal_after, capsys) -> None:
    layers = write(tmp_path / "layers" / "a.geojson", collection()).parent
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.parent.iterdir()}
    capsys.readouterr()
    for signum, status, line in [(signal.SIGINT, 130, INTERRUPTED),
                                 (signal.SIGTERM, 143, "gba-atlas: interrupted by SIGTERM\n")]:  # fmt: skip
        signal_after(tempfile, "mkstemp", signum, nth=1)
        assert main(["build", "--layers", str(layers), "--out", str(out)]) == status
        assert capsys.readouterr().err == line
        assert {p.name: p.read_bytes() for p in out.parent.iterdir()} == before  # nothing new, nothing left


def test_a_single_file_write_interrupted_at_its_rename_keeps_the_old_file(tmp_path, signal_after) -> None:
    target = tmp_path / "figure.svg"
    target.write_bytes(b"old")
    signal_after(os, "replace", nth=1)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert temps_beside(tmp_path) == []
    assert target.read_bytes() == b"new"  # renamed whole before the interruption was let through


def test_signals_deferred_lets_each_signal_through_once_on_leaving() -> None:
    seen: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    try:
        with signals_deferred():
            signal.raise_signal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)
            assert seen == []  # held back inside
        assert seen == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is not None and atomic.HELD_SIGNALS[0] == signal.SIGINT
    finally:
        signal.signal(signal.SIGINT, previous)


def test_signals_deferred_does_nothing_outside_the_main_thread() -> None:
    import threading

    handlers: list[object] = []

    def run() -> None:
        with signals_deferred():
            handlers.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert handlers == [before]
