"""``gba-atlas init``: a starter project where check, build, export and pytest work at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from geo import Atlas
from geo.cli import main
from tests.data_helpers import BUNDLED

STARTER = ["README.md", "layers", "pytest.ini", "test_atlas.py"]


@pytest.mark.parametrize(("template", "features"), [("bundled", len(BUNDLED.ids)), ("blank", 1)])
def test_init_writes_a_project_whose_layers_check(tmp_path, monkeypatch, capsys, template, features):
    project = tmp_path / "mine"
    assert main(["init", str(project), "--template", template]) == 0
    assert sorted(p.name for p in project.iterdir()) == STARTER
    assert {"claims.json", "atlas.json"} <= {p.name for p in (project / "layers").iterdir()}
    atlas = Atlas.load(project / "layers")
    assert len(atlas.features) == features and atlas.report().ok
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["check"]) == 0  # ./layers is the default
    assert "checks hold" in capsys.readouterr().out


@pytest.mark.slow
def test_pytest_in_the_project_runs_the_users_tests_beside_the_layer_items(tmp_path):
    project = tmp_path / "mine"
    assert main(["init", str(project), "--template", "blank"]) == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q"],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    assert "layers::example_site::about-28.5-hectares" in ids
    assert "test_atlas.py::test_the_layers_are_valid" in ids


def test_init_refuses_a_folder_with_files_unless_forced_and_then_keeps_them(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"gba-atlas: error: cannot write {tmp_path}: the folder holds files already; fix: choose a new or "
        "empty folder, or pass --force to write the starter files over those there\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert main(["init", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "notes.txt").read_text() == "mine" and (tmp_path / "layers").is_dir()


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("file", "cannot write {tmp}/file: it is a file, not a folder"),
        ("file/sub", "cannot write {tmp}/file/sub/"),
    ],
)
def test_init_into_a_file_is_one_line_and_leaves_nothing(tmp_path, capsys, where, words):
    (tmp_path / "file").write_text("keep")
    assert main(["init", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gba-atlas: error: ")
    assert words.format(tmp=tmp_path) in err
    assert [p.name for p in tmp_path.iterdir()] == ["file"] and (tmp_path / "file").read_text() == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_init_into_an_unwritable_folder_is_one_line(tmp_path, capsys):
    tmp_path.chmod(0o555)
    try:
        assert main(["init", str(tmp_path / "mine")]) == 2
    finally:
        tmp_path.chmod(0o755)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied" in err
    assert not list(tmp_path.iterdir())


def test_version_alone_and_with_other_arguments(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("gba-atlas 0.")
    for argv in (["--version", "check"], ["check", "--version"]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert (
            captured.err
            == "gba-atlas: error: --version takes no other argument; fix: run gba-atlas --version alone\n"
        )


def test_a_write_failing_midway_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    """As an unwritable folder would (root writes anywhere, so the failure is made): all files or none."""
    import errno

    from geo.io import atomic

    real, written = atomic._write_temp, []

    def fail_on_the_third(path, data, *rest):
        if len(written) == 2:
            raise PermissionError(errno.EACCES, "Permission denied")
        written.append(path)
        return real(path, data, *rest)

    monkeypatch.setattr(atomic, "_write_temp", fail_on_the_third)
    assert main(["init", str(tmp_path / "mine")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied; fix:" in err
    assert len(written) == 2 and not list(tmp_path.iterdir())
