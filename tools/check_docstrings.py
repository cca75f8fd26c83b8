"""Check that every public function with arguments documents them, numpy style (``make lint``).

numpydoc's own validation (``numpydoc.validate``, run on the source with ``ast``: nothing is
imported) with the project's scope: public functions and methods (no name in the path starts
with ``_``) that take arguments, and public classes whose ``__init__`` does. Functions nested in
functions are their parent's business and are not checked. The checks and the files left out
are read from ``[tool.numpydoc_validation]`` in pyproject.toml.

Usage: ``python tools/check_docstrings.py [--count] geo``. Prints one line per problem and exits
with status 1 when there is any; ``--count`` also prints how many functions are in scope and how
many of them pass.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import warnings
from pathlib import Path
from typing import Any

from numpydoc import validate
from numpydoc.hooks.validate_docstrings import AstValidator, parse_config

ROOT = Path(__file__).resolve().parent.parent
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _parameters(node: Definition, in_class: bool) -> list[str]:
    """The names a caller passes: a function's arguments, a class's ``__init__``'s; no self/cls."""
    if isinstance(node, ast.ClassDef):
        inits = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
        return _parameters(inits[0], True) if inits else []
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if in_class and not static and names and names[0] in {"self", "cls"}:
        names = names[1:]
    return names


def _in_scope(path: Path) -> list[tuple[Definition, list[ast.AST], str]]:
    """The public definitions of one module that take arguments, with their ancestry and name."""
    module = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[Definition, list[ast.AST], str]] = []

    def visit(parent: ast.Module | ast.ClassDef, ancestry: list[ast.AST], prefix: str) -> None:
        for node in parent.body:
            if not isinstance(node, Definition) or node.name.startswith("_"):
                continue
            name = f"{prefix}.{node.name}"
            if _parameters(node, isinstance(parent, ast.ClassDef)):
                found.append((node, [*ancestry, parent], name))
            if isinstance(node, ast.ClassDef):
                visit(node, [*ancestry, parent], name)

    visit(module, [], ".".join(_shown(path).with_suffix("").parts))
    return found


def _problems(path: Path, config: dict[str, Any]) -> tuple[int, list[str]]:
    """How many definitions of one file are in scope, and one line per problem found in them."""
    checks: set[str] = config["checks"]
    scoped = _in_scope(path)
    lines: list[str] = []
    for node, ancestry, name in scoped:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # sections numpydoc does not know
            report = validate.validate(
                name, AstValidator, ast_node=node, filename=str(path), ancestry=ancestry
            )
        lines += [
            f"{_shown(path)}:{node.lineno}: {name}: {code} {message}"
            for code, message in report["errors"]
            if code in checks
        ]
    return len(scoped), lines


def _files(paths: list[str], exclude: re.Pattern[str] | None) -> list[Path]:
    """The Python files under the given paths, minus those left out (see :func:`_shown`)."""
    files = sorted(f for p in paths for f in ([Path(p)] if p.endswith(".py") else Path(p).rglob("*.py")))
    return [f for f in files if not (exclude and exclude.match(_shown(f).as_posix()))]


def _shown(path: Path) -> Path:
    """The path relative to the project's root when inside it (as exclusions and names are written)."""
    resolved = path.resolve()
    return resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    """Run the check; the exit status is 1 when a problem was found, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--count", action="store_true", help="print how many definitions pass")
    options = parser.parse_args(argv)
    config = parse_config(ROOT)
    total = failing = 0
    for path in _files(options.paths, config["exclude_files"]):
        scoped, lines = _problems(path, config)
        total += scoped
        failing += len({line.split(": ")[1] for line in lines})
        for line in lines:
            print(line)
    if options.count:
        print(f"{total - failing} of {total} public definitions with arguments document them")
    if failing:
        print(f"{failing} docstrings need numpy Parameters/Returns sections (see tools/check_docstrings.py)")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
