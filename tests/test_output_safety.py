"""Text from data on its way to a terminal, a CSV or a Markdown report (issue 13: text from data)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from geo.cli import main
from geo.text_safety import csv_cell, for_stream, markdown_cell, terminal_text
from tests.helpers import collection, feature, run_cli, stated, write


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """A terminal wide enough that no row of a report wraps (tests/test_cli_width.py wraps them)."""
    monkeypatch.setenv("COLUMNS", "1000")


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


@pytest.mark.slow  # runs the CLI in a subprocess
def test_control_characters_in_an_id_stay_on_the_problems_one_line(tmp_path):
    write(tmp_path / "a.geojson", collection(feature("bad\nid\x1b[2J\u202e", name="x\x07")))
    done = run_cli("check", "--layers", str(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines and all(line.startswith("gba-atlas: error: ") for line in lines)
    assert "bad\\nid\\x1b[2J\\u202e" in done.stderr
    assert_safe(done.stderr)


@pytest.mark.slow  # runs the CLI in a subprocess
def test_a_newline_in_a_file_name_stays_on_the_problems_one_line(tmp_path):
    write(tmp_path / "two\nlines.geojson", "{ broken")
    done = run_cli("check", "--layers", str(tmp_path))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "two\\nlines.geojson" in done.stderr


@pytest.mark.slow  # runs the CLI in a subprocess
def test_the_table_shows_names_escaped_on_one_line(tmp_path):
    done = run_cli("check", "--layers", str(evil_layers(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout)
    row = next(line for line in done.stdout.splitlines() if line.startswith("Evil"))
    assert "\\x1b]0;pwned\\x07" in row and "-5 ha\\x1b[2J | more\\nline" in row


@pytest.mark.slow  # runs the CLI in a subprocess
def test_the_markdown_report_keeps_one_row_per_check(tmp_path):
    done = run_cli("check", "--layers", str(evil_layers(tmp_path)), "--format", "markdown")
    assert_safe(done.stdout)
    rows = [line for line in done.stdout.splitlines() if line.startswith("| Evil")]
    assert len(rows) == 1
    assert rows[0].count(" | ") == 6  # seven cells: every | of the data is escaped
    assert "Evil \\| name\\n" in rows[0]


@pytest.mark.slow  # runs the CLI in a subprocess
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


@pytest.mark.slow  # runs the CLI in a subprocess
def test_the_json_report_escapes_what_a_terminal_would_act_on(tmp_path):
    import json

    done = run_cli("check", "--layers", str(evil_layers(tmp_path)), "--format", "json")
    assert_safe(done.stdout)
    assert json.loads(done.stdout)["areas"][0]["name"] == EVIL_NAME  # the same data


@pytest.mark.slow  # runs the CLI in a subprocess
def test_layers_output_is_escaped(tmp_path):
    done = run_cli("layers", "--layers", str(evil_layers(tmp_path)))
    assert done.returncode == 0
    assert_safe(done.stdout)
    assert len(done.stdout.splitlines()) == 3  # the layer, the columns' names and its one feature


@pytest.mark.slow  # runs the CLI in a subprocess
def test_a_lone_surrogate_in_a_name_is_refused_on_one_escaped_line(tmp_path):
    text = '{"type": "FeatureCollection", "features": [%s]}'
    layer = tmp_path / "layers" / "a.geojson"
    write(layer, text % __import__("json").dumps(feature("lone", name="lone \ud800 name")))
    done = run_cli("layers", "--layers", str(layer.parent))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "\\ud800" in done.stderr, done.stderr
