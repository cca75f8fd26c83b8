"""Reports as people read them: lines that fit the terminal, and CSV whose columns hold what they say."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from geo.cli import main
from geo.columns import display_width
from geo.report import CSV_FIELDS


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("command", [["check"], ["layers"]])
def test_every_line_fits_columns(monkeypatch, capsys, command, columns, lang):
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main([*command, *(["--lang", lang] if command == ["check"] else [])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= columns
    monkeypatch.setenv("COLUMNS", "1000")
    assert main([*command, *(["--lang", lang] if command == ["check"] else [])]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in wide) > columns  # so the narrow run wrapped something
    assert sorted("".join(words(" ".join(lines)))) == sorted("".join(words(" ".join(wide))))  # all there


@pytest.mark.slow  # a subprocess whose standard output is a pipe
def test_a_pipe_gets_80_columns():
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [sys.executable, "-m", "geo", "check"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0
    assert 70 < max(display_width(line) for line in done.stdout.splitlines()) <= 80


def test_layers_that_do_not_exist_say_so(tmp_path, capsys):
    assert main(["check", "--layers", str(tmp_path / "no" / "such")]) == 2
    assert capsys.readouterr().err == (
        f"gba-atlas: error: {tmp_path / 'no' / 'such'}: does not exist; "
        "fix: pass the folder that holds your .geojson layers\n"
    )


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_columns_hold_what_their_headers_say(capsys):
    assert main(["check", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert not text.startswith("\ufeff")
    table = rows(text)
    assert list(table[0]) == list(CSV_FIELDS)
    area = next(r for r in table if r["check"] == "area")
    assert area["source_url"].startswith("http") and area["detail"] == "" and area["sentence"] == ""
    assert not area["source"].startswith("http")
    claim = next(r for r in table if r["check"] == "claim")
    assert claim["source"] == "" and claim["sentence"].startswith("The Hetao Hong Kong Park is located")
    assert "northern_metropolis" in claim["detail"]


def test_excel_gets_a_byte_order_mark_on_request_and_in_the_built_report(tmp_path, capsys):
    assert main(["check", "--format", "csv", "--excel", "--lang", "zh-Hant"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeff核對類別,")
    assert main(["build", "--out", str(tmp_path / "map.html")]) == 0
    data = (tmp_path / "area-report.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcheck,id,name,")
    assert "河套香港園區" not in data.decode("utf-8")  # the English report, but Excel-ready
