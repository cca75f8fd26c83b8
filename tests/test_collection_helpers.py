"""tests/collection_helpers.py: which modules ``-m`` deselects whole, so that pytest need not import them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.collection_helpers import deselects_module


def module(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "test_mod.py"
    path.write_text("import pytest\n" + source, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("source", "markexpr", "deselected"),
    [
        ("pytestmark = pytest.mark.slow\n", "not slow", True),
        ("pytestmark = pytest.mark.slow\n", "slow", False),
        ("pytestmark = pytest.mark.slow\n", "", False),
        ("pytestmark = [pytest.mark.browser]\n", "not slow", True),  # a browser test is slow too
        ("def test_a():\n    pass\n", "not slow", False),  # no pytestmark: imported, filtered as usual
        # a test of the module may carry another mark the expression selects
        (
            "pytestmark = pytest.mark.slow\n@pytest.mark.areas\ndef test_a():\n    pass\n",
            "not slow or areas",
            False,
        ),
        (
            "pytestmark = pytest.mark.slow\n@pytest.mark.areas\ndef test_a():\n    pass\n",
            "not slow and areas",
            True,
        ),
        ("pytestmark = pytest.mark.slow\ndef (:\n", "not slow", False),
    ],
)
def test_a_module_is_skipped_only_when_no_test_of_it_can_match(tmp_path, source, markexpr, deselected):
    assert deselects_module(module(tmp_path, source), markexpr, slow_too=("browser", "npm")) is deselected
