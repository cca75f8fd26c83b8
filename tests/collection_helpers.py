"""Which test modules a ``-m`` expression deselects whole, read from their source without importing them.

A module's ``pytestmark`` marks every test in it. When the expression is false for those marks,
whatever other marks a test of the module may carry (every ``pytest.mark.NAME`` the module
names, in every combination), no test of it can be selected, so pytest need not import it.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from _pytest.mark.expression import Expression

#: More marks than this named in one module: the module is imported and filtered as usual.
MAX_OTHER_MARKS = 8


def deselects_module(path: Path, markexpr: str, *, slow_too: Iterable[str] = ()) -> bool:
    """Whether ``-m markexpr`` deselects every test of the module at ``path``.

    Parameters
    ----------
    path : Path
        A test module.
    markexpr : str
        The ``-m`` expression; empty selects everything.
    slow_too : iterable of str
        Marks that add the ``slow`` mark (as ``tests/conftest.py`` does).

    Returns
    -------
    bool
        True only when no test of the module can match: False for an empty expression, a module
        without ``pytestmark``, or one that cannot be read.
    """
    if not markexpr or not _names_pytestmark(path):
        return False  # most modules: no syntax tree needed
    marks = module_marks(path)
    if marks is None or not marks[0]:
        return False
    always, named = marks
    others = sorted(named - always - {"slow"} - set(slow_too))
    if len(others) > MAX_OTHER_MARKS:
        return False
    expression = Expression.compile(markexpr)
    for chosen in itertools.product((False, True), repeat=len(others)):
        present = set(always) | {name for name, on in zip(others, chosen, strict=True) if on}
        if present & set(slow_too):
            present.add("slow")
        if expression.evaluate(_matcher(frozenset(present))):
            return False
    return True


@cache
def module_marks(path: Path) -> tuple[frozenset[str], frozenset[str]] | None:
    """The marks of a module's ``pytestmark`` and every mark name its source uses, or None if unreadable.

    Parameters
    ----------
    path : Path
        A test module.

    Returns
    -------
    tuple of (frozenset of str, frozenset of str) or None
        The names in ``pytestmark = pytest.mark.NAME`` (or a list of them), and every ``NAME`` of
        ``pytest.mark.NAME`` (or ``mark.NAME``) anywhere in the module.
    """
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    named = frozenset(_mark_names(tree))
    always: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytestmark" for target in node.targets
        ):
            always.update(_mark_names(node.value))
    return frozenset(always), named


def _names_pytestmark(path: Path) -> bool:
    """Whether the module's source holds the word ``pytestmark`` at all (True when it cannot be read)."""
    try:
        return b"pytestmark" in path.read_bytes()
    except OSError:
        return True


def _matcher(present: frozenset[str]) -> Callable[..., bool]:
    """An ``-m`` matcher: a name matches when the test has that mark (mark arguments are not known here)."""

    def matches(name: str, /, **_: object) -> bool:
        return name in present

    return matches


def _mark_names(tree: ast.AST) -> Iterable[str]:
    """The ``NAME`` of every ``<...>.mark.NAME`` attribute under ``tree``."""
    for node in ast.walk(tree):
        parent = node.value if isinstance(node, ast.Attribute) else None
        if isinstance(parent, ast.Attribute) and parent.attr == "mark":
            yield node.attr  # type: ignore[attr-defined]
