"""The package's shape: imports point inward, toward the model, and never in a circle.

Read from the source with ``ast`` (no imports run), so the check is fast and sees
lazy imports inside functions too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geo"

#: The rings of the package, innermost first. A module may import from its own ring or an inner one.
RINGS: tuple[tuple[str, ...], ...] = (
    (
        "geo.errors",
        "geo.columns",
        "geo.units",
        "geo.geodesy",
        "geo.text_safety",
        "geo.i18n",
        "geo.progress",
        "geo.api_boundary",
    ),
    ("geo.model",),
    ("geo.claim_tests", "geo.validation"),
    ("geo.io", "geo.verify", "geo.report"),
    ("geo.inputs", "geo.map", "geo.figure", "geo.article"),
    ("geo.atlas", "geo.atlas_views", "geo.notebook", "geo.dask_layers"),
    (
        "geo.cli",
        "geo.commands",
        "geo.article_cli",
        "geo.console",
        "geo.__main__",
        "geo.launch",
        "geo.testing",
        "geo.pytest_plugin",
        "geo",
    ),
)

#: Lazy imports outward that are there on purpose (the facade and the CLI load the map on demand).
LAZY_OUTWARD = {("geo.atlas", "geo.map"), ("geo.atlas_views", "geo.map")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def parsed(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once a run (the checks below only read it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def imports(path: Path) -> set[tuple[str, bool]]:
    """The geo modules a file imports, each with whether the import is at module level."""
    tree = parsed(path)
    top_level = {id(node) for node in tree.body}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo"):
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found |= {(resolve(name), id(node) in top_level) for name in [node.module, *names]}
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.startswith("geo")]
            found |= {(resolve(name), id(node) in top_level) for name in names}
    return {(name, top) for name, top in found if name}


@cache
def resolve(name: str) -> str:
    """The module a dotted name refers to (``geo.model.Feature`` -> ``geo.model``), or ""."""
    while name:
        if (PACKAGE.parent / name.replace(".", "/")).with_suffix(".py").is_file():
            return name
        if (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file():
            return name
        name = name.rpartition(".")[0]
    return ""


def ring(module: str) -> int:
    for index, members in enumerate(RINGS):
        if any(module == m or module.startswith(m + ".") for m in members if m != "geo"):
            return index
    assert module == "geo", f"{module} is in no ring: add it to RINGS"
    return len(RINGS) - 1


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def edges() -> frozenset[tuple[str, str, bool]]:
    """Every (module, geo module it imports, whether at module level): read when a test first asks."""
    return frozenset((name, target, top) for name, path in MODULES.items() for target, top in imports(path))


def test_every_module_has_a_ring():
    for name in MODULES:
        ring(name)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_inward(module):
    outward = [
        target
        for source, target, _ in edges()
        if source == module
        and ring(target) > ring(module)
        and (source, target.rsplit(".", 1)[0]) not in LAZY_OUTWARD
        and (source, target) not in LAZY_OUTWARD
    ]
    assert not outward, f"{module} imports outward: {outward}"


def test_the_map_never_imports_the_atlas_or_the_cli():
    offending = [
        (s, t) for s, t, _ in edges() if s.startswith("geo.map") and t in ("geo.atlas", "geo.cli", "geo")
    ]
    assert not offending


def is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def test_no_import_cycle():
    """No cycle among module-level imports; importing a package counts as importing what it re-exports."""
    graph: dict[str, set[str]] = {}
    for source, target, top in edges():
        if top and source != target and not (target.startswith(source + ".") and source != "geo"):
            graph.setdefault(source, set()).add(target)

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"import cycle: {' -> '.join([*path, node])}"
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, (*path, node))

    for start in sorted(graph):
        visit(start, ())


def test_a_cycle_would_be_found(monkeypatch):
    more = edges() | {("geo.model", "geo.verify", True)}
    monkeypatch.setattr(sys.modules[__name__], "edges", lambda: more)
    with pytest.raises(AssertionError, match="import cycle"):
        test_no_import_cycle()


def runtime_imports(path: Path) -> set[str]:
    """The geo modules a file imports when it runs: at module level or inside functions (lazily),
    but not under ``if TYPE_CHECKING:`` (imports for the type checker only run nothing)."""
    found = set()
    for node in _runtime_nodes(parsed(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo"):
            found |= {
                resolve(name) for name in [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            }
        elif isinstance(node, ast.Import):
            found |= {resolve(a.name) for a in node.names if a.name.startswith("geo")}
    return found - {""}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` blocks (their ``else`` is kept)."""
    found, todo = [], [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            children = [node.test, *node.orelse]
        todo.extend(children)
    return found


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The modules that import one another in a circle, one sorted list per circle (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            members = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(members) > 1:
                cycles.append(sorted(members))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return sorted(cycles)


def runtime_graph() -> dict[str, set[str]]:
    """Who imports whom at run time, lazily or not; a package importing its own submodules is left out."""
    return {source: set(targets) for source, targets in _runtime_graph().items()}  # a copy to change


@cache
def _runtime_graph() -> dict[str, frozenset[str]]:
    graph: dict[str, set[str]] = {}
    for source, path in MODULES.items():
        for target in runtime_imports(path):
            if source != target and not (target.startswith(source + ".") and source != "geo"):
                graph.setdefault(source, set()).add(target)
    return {source: frozenset(targets) for source, targets in graph.items()}


#: Circles through a lazy import that are known and left to their owner (each with why).
KNOWN_LAZY_CYCLES = {
    (
        "geo.io.export",
        "geo.io.geopackage",
    ): "export loads the GeoPackage writer on demand, which uses export's "
    "ring and measure helpers: move those into a module of their own",
}


def test_no_import_cycle_even_through_lazy_imports():
    """A lazy import inside a function closes a circle too (geo.pytest_plugin <-> geo.testing.items did)."""
    cycles = [tuple(cycle) for cycle in import_cycles(runtime_graph())]
    assert [cycle for cycle in cycles if cycle not in KNOWN_LAZY_CYCLES] == []


def test_a_lazy_cycle_would_be_found():
    graph = runtime_graph()
    graph["geo.model"] = {*graph.get("geo.model", ()), "geo.testing.items"}  # items imports the model
    assert any({"geo.model", "geo.testing.items"} <= set(cycle) for cycle in import_cycles(graph))
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.slow
@pytest.mark.parametrize("module", ["geo.model", "geo.map", "geo.validation", "geo.verify"])
def test_imports_alone_in_a_fresh_interpreter(module):
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


#: Modules the README's package map allows over the size limit, and why it says they are.
LONG_MODULES = {
    "geo.geodesy.area": "half of it is the module docstring: the method and its measured accuracy",
    "geo.validation.claims": "the claim schema's checks kept together",
}
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 300, 50


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of a function after its docstring."""
    first = node.body[0]
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    start = first.end_lineno + 1 if docstring and first.end_lineno else first.lineno
    return (node.end_lineno or start) - start + 1


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_are_readable_in_one_sitting(module):
    text = MODULES[module].read_text(encoding="utf-8")
    if module not in LONG_MODULES:
        assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{module}: split it, or say why in the README"
    functions = [
        n for n in ast.walk(parsed(MODULES[module])) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    long = [f.name for f in functions if code_lines(f) > MAX_FUNCTION_LINES]
    assert not long, f"{module}: functions over {MAX_FUNCTION_LINES} lines of code: {long}"
