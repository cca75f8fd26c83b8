"""The user's journey from a wheel: built once, installed in a fresh virtualenv, used in an empty folder.

How the virtualenv gets gba-atlas's dependencies without downloading them on every run: it is
made without them, a ``.pth`` file puts this environment's site-packages at the end of its path,
and pip installs the wheel (with its ``[test]`` extra) with ``--no-index``, resolving every
declared dependency against what it finds there. A ``.pth`` line only adds a folder (the
editable install's own ``.pth`` hook in it never runs), and the venv's site-packages come first,
so what runs is the wheel's own files, checked below: ``geo`` from the venv, its bundled layers
inside it, the repository nowhere on the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.data_helpers import BUNDLED
from tests.gdal_tools import gdal_clean

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
#: What a checkout holds that a build does not need.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "dist", "output", "*.egg-info", "__pycache__", ".*cache*"
)


#: Not handed to pip or the user's commands. With ``make test``'s pycache prefix, pip compiled the
#: wheel into the prefix (a copy under .venv/pycache per run, never removed) and every command looked
#: for compiled modules there instead of beside the sources: on a fresh clone, each dependency not yet
#: in the prefix (pyogrio's, pyarrow's ...) was compiled again by each command, about a second of CPU
#: an export. A user's installed wheel runs from its own compiled files, as these now do.
NOT_PASSED = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONPYCACHEPREFIX")


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED and "PYTEST" not in k}
    env |= {"PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    if check:
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built by pip from a copy of the sources (as ``pip wheel .`` in a clone)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCES)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", root / "dist", source, cwd=root)
    (built,) = (root / "dist").glob("gba_atlas-*.whl")
    return built


@pytest.fixture(scope="session")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed (dependencies resolved from this environment)."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", home, cwd=home.parent)
    site = Path(run(home / "bin/python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=home.parent).stdout.strip())  # fmt: skip
    (site / "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", home / "bin/python", "install", "--quiet", "--no-index"]
    run(*pip, f"{wheel}[test]", cwd=home.parent)
    return home


@pytest.fixture
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder far from the repository."""
    folder = tmp_path_factory.mktemp("empty")
    assert REPO not in folder.parents and not list(folder.iterdir())
    return folder


def test_the_wheel_holds_the_bundled_layers_and_the_starter(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    layers = sorted(n for n in names if n.startswith("geo/data/layers/"))
    assert layers == sorted(f"geo/data/layers/{p.name}" for p in (REPO / "layers").iterdir())
    assert "geo/commands/starter/test_atlas.py.tmpl" in names
    assert not [n for n in names if n.startswith(("tests/", "layers/"))]


def test_what_runs_is_the_wheels_own_files(venv: Path, empty: Path) -> None:
    code = (
        "import geo, geo.atlas, sys; print(geo.__file__); print(geo.atlas.BUNDLED_LAYERS); print(*sys.path)"
    )
    module, layers, path = run(venv / "bin/python", "-c", code, cwd=empty).stdout.splitlines()
    assert Path(module).is_relative_to(venv) and Path(layers).is_relative_to(venv)
    dependencies = sysconfig.get_paths()["purelib"]
    assert not [p for p in path.split() if p != dependencies and Path(p).is_relative_to(REPO)]


def test_check_init_build_export_and_pytest_from_an_empty_folder(venv: Path, empty: Path) -> None:
    gba, python = venv / "bin/gba-atlas", venv / "bin/python"
    assert run(gba, "--version", cwd=empty).stdout.startswith("gba-atlas 0.")
    all_hold = f"{BUNDLED.checks} of {BUNDLED.checks} checks hold"
    assert all_hold in run(gba, "check", cwd=empty).stdout  # the bundled atlas
    run(gba, "init", "mine", cwd=empty)
    project = empty / "mine"
    assert all_hold in run(gba, "check", cwd=project).stdout
    run(gba, "build", cwd=project)
    assert (project / "output/map.html").stat().st_size > 100_000
    run(gba, "figure", "--out", "figure.png", cwd=project)  # the base map from the npm asset cache
    assert (project / "figure.png").read_bytes().startswith(b"\x89PNG")
    exports = ("atlas.gpkg", "atlas.geojson", "atlas.parquet", "atlas.csv")
    for name in exports:
        run(gba, "export", "--out", name, cwd=project)
    tests = run(python, "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=project)
    assert "18 passed" in tests.stdout  # 16 layer items and the project's own 2 tests
    run(gba, "init", "blank", "--template", "blank", cwd=empty)
    tests = run(python, "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=empty / "blank")
    assert "3 passed" in tests.stdout  # 1 layer item and the project's own 2 tests
    for name in exports:  # last: where Debian's GDAL tools are missing these skip, after the rest has run
        gdal_clean(project / name)
