"""Text from the data in the pytest plugin's output and geo.testing's messages: always escaped (issue 25).

A failing item's headline, its summary and ``source:`` lines, and pytest's short summary all
carry text from layer files (names, figures, sources, claims, file names); none of it may reach
the terminal raw: no ESC, BEL, bidi override or line break from the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import shapely

from geo.model import AreaCheck, ClaimResult, Source, StatedFigure
from geo.testing import assert_area, format_area_failure, format_claim_failure
from tests.test_pytest_plugin import CLAIMS, LAYER, run

pytestmark = pytest.mark.slow  # pytester runs

pytest_plugins = ["pytester"]

#: A retitle-the-terminal sequence, a bell, a right-to-left override, a CSI colour and a line break.
EVIL = "\x1b]0;pwned\x07\u202eevil\x1b[31m\nnext"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_folder(folder: Path, *, file_name: str = "squares.geojson") -> Path:
    """The plugin tests' folder with EVIL in a name, a figure's text, its source and a claim's text."""
    layer: dict[str, Any] = json.loads(json.dumps(LAYER))
    small = layer["features"][0]["properties"]
    small["name"] = f"Small {EVIL}"
    small["stated"][1]["as_stated"] = f"1.5 km² {EVIL}"
    small["stated"][1]["source"] = {**small["stated"][1]["source"], "title": f"Plan {EVIL}", "issuer": EVIL}
    claims: dict[str, Any] = json.loads(json.dumps(CLAIMS))
    claims["claims"][1]["claim"] = f"claim {EVIL}"
    claims["claims"][1]["sentence"] = f"The large {EVIL} is in the small."
    folder.mkdir(parents=True)
    (folder / file_name).write_text(json.dumps(layer, ensure_ascii=False), encoding="utf-8")
    (folder / "claims.json").write_text(json.dumps(claims, ensure_ascii=False), encoding="utf-8")
    return folder


def raw_controls(lines: list[str]) -> list[str]:
    return [line for line in lines if RAW.search(line)]


@pytest.mark.parametrize("options", [("-rA",), ("-v", "-rf"), ("-q", "-rf", "--tb=short")])
def test_no_raw_control_character_anywhere_in_the_output(pytester: pytest.Pytester, options) -> None:
    hostile_folder(pytester.path / "layers")
    result = run(pytester, "--atlas-layers", "layers", *options)
    result.assert_outcomes(passed=3, failed=2)
    assert raw_controls(result.outlines + result.errlines) == []
    text = "\n".join(result.outlines)
    assert "\\x1b]0;pwned\\x07\\u202eevil\\x1b[31m\\nnext" in text  # shown, escaped, not dropped


def test_the_headline_summary_and_source_lines_are_escaped(pytester: pytest.Pytester) -> None:
    hostile_folder(pytester.path / "layers", file_name="sq\x1b[2Jclear.geojson")
    result = run(pytester, "--atlas-layers", "layers", "-rf")
    out = result.outlines
    headline = next(line for line in out if line.startswith("_") and "1.5-km" in line)
    assert "(sq\\x1b[2Jclear.geojson)" in headline
    summary = out[out.index(headline) + 1]
    assert summary.startswith("Small \\x1b]0;pwned\\x07\\u202eevil\\x1b[31m\\nnext: computed 114.0 ha")
    source = next(line for line in out if line.startswith("source: "))
    assert source.startswith("source: \\x1b]0;pwned") and ", Plan \\x1b]0;pwned" in source
    short = [line for line in out if line.startswith("FAILED ")]
    assert len(short) == 2 and raw_controls(short) == []
    assert any("Small \\x1b]0;pwned" in line for line in short)
    sentence = next(line for line in out if line.startswith("sentence: "))
    assert sentence == "sentence: The large \\x1b]0;pwned\\x07\\u202eevil\\x1b[31m\\nnext is in the small."


def test_a_clean_folder_prints_as_before(pytester: pytest.Pytester) -> None:
    """Escaping leaves ordinary text (CJK, ², ±, accents) alone."""
    layer: dict[str, Any] = json.loads(json.dumps(LAYER))
    layer["features"][0]["properties"]["name"] = "小方塊 Café"
    folder = pytester.path / "layers"
    folder.mkdir()
    (folder / "squares.geojson").write_text(json.dumps(layer, ensure_ascii=False), encoding="utf-8")
    (folder / "claims.json").write_text(json.dumps(CLAIMS), encoding="utf-8")
    result = run(pytester, "--atlas-layers", "layers", "-rf")
    assert any(line.startswith("小方塊 Café: computed 114.0 ha against 1.5 km²") for line in result.outlines)
    assert "allowed ±2 %" in "\n".join(result.outlines)


# ------------------------------------------------ the same messages from geo.testing, without pytester


SOURCE = Source(f"Plan {EVIL}", f"Bureau {EVIL}", "2024", f"https://example.org/{EVIL}")
FIGURE = StatedFigure(f"87 ha {EVIL}", 87, "ha", 87.0, False, 2.0, "r", SOURCE)


@pytest.mark.parametrize(
    "message",
    [
        format_area_failure(AreaCheck("park", f"Park {EVIL}", FIGURE, computed_ha=95.0)),
        format_claim_failure(
            ClaimResult(
                f"c_{EVIL}", f"claim {EVIL}", f"sentence {EVIL}", False, f"detail {EVIL}", ("a", EVIL)
            )
        ),
    ],
    ids=["area", "claim"],
)
def test_failure_messages_keep_one_line_per_item(message: str) -> None:
    lines = message.split("\n")
    assert raw_controls(lines) == []
    assert len(lines) == 5, message
    assert all("\\x1b]0;pwned\\x07\\u202eevil" in line for line in lines if "pwned" in line)


def test_assert_area_names_a_hostile_name_escaped() -> None:
    square = shapely.box(114.0, 22.4, 114.01, 22.41)
    with pytest.raises(AssertionError) as caught:
        assert_area(square, 100, tolerance_pct=1, name=f"Sq {EVIL}")
    lines = str(caught.value).split("\n")
    assert raw_controls(lines) == [] and len(lines) == 4
    assert lines[0].startswith("Sq \\x1b]0;pwned\\x07\\u202eevil\\x1b[31m\\nnext: computed 114.0 ha")
