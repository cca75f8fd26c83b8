"""tools/check_docstrings.py, the docstring limit of `make lint`: what it flags and what it leaves alone."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "check_docstrings.py"

SOURCE = '''
"""A module."""


def documented(x: int, *, y: str = "") -> int:
    """Add.

    Parameters
    ----------
    x : int
        A number.
    y : str
        A text.

    Returns
    -------
    int
        The number.
    """
    return x


def undocumented(x: int) -> int:
    """Add, its argument unsaid."""
    return x


def no_returns(x: int) -> int:
    """Add.

    Parameters
    ----------
    x : int
        A number.
    """
    return x


def stale(x: int) -> None:
    """Print.

    Parameters
    ----------
    x : int
        A number.
    z : int
        Gone from the signature.
    """


def no_arguments() -> int:
    """A number (no arguments: nothing to document)."""
    return 1


def _private(x: int) -> int:
    """Private: left alone."""

    def inner(y: int) -> int:
        return y

    return inner(x)


class Public:
    """A class whose constructor takes an argument it does not document."""

    def __init__(self, size: int) -> None:
        self.size = size

    def method(self, other: int) -> int:
        """A method, its argument unsaid."""
        return other

    @property
    def area(self) -> int:
        """A property (no arguments)."""
        return self.size
'''


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_docstrings", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_flags_each_public_definition_with_undocumented_arguments(
    tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sample.py"
    path.write_text(textwrap.dedent(SOURCE), encoding="utf-8")
    status = tool.main([str(path), "--count"])
    out = capsys.readouterr().out
    flagged = {line.split(": ")[1].rsplit(".", 1)[-1] + " " + line.split(": ")[2].split()[0]
               for line in out.splitlines() if line.startswith(str(path))}  # fmt: skip
    assert status == 1
    assert flagged == {
        "undocumented PR01",
        "undocumented RT01",
        "no_returns RT01",
        "stale PR02",
        "Public PR01",
        "method PR01",
        "method RT01",
    }
    assert "1 of 6 public definitions with arguments document them" in out
