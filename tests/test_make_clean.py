"""``make clean`` removes what was generated in output/ and keeps what git keeps there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow  # make and git in subprocesses
def test_make_clean_keeps_the_committed_files_of_output(tmp_path: Path) -> None:
    if shutil.which("make") is None or not (REPO / ".git").exists():
        pytest.skip("needs make and a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "output"], cwd=REPO, capture_output=True, text=True, check=True
    )
    kept = sorted(listed.stdout.split())
    assert "output/preview-phone.png" in kept and "output/preview-zh.png" in kept
    for name in [*kept, "output/map.html", "output/area-report.csv", "output/figure.svg"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    commands = subprocess.run(["make", "-n", "clean"], cwd=REPO, capture_output=True, text=True, check=True)
    lines = commands.stdout.replace("\\\n", " ").split("\n")  # (under make, "Entering directory" first)
    find = " ".join(next(line for line in lines if line.startswith("find ")).split())
    assert find.startswith("find output ")
    subprocess.run(find, shell=True, cwd=tmp_path, check=True)
    assert sorted(f"output/{p.name}" for p in (tmp_path / "output").iterdir()) == kept
