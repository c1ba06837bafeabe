"""The package's layering: module-level imports form no cycle, and no function imports
another package module to get around one (``importlib`` lookups by name, used for lazy
loading, are the one sanctioned indirection)."""

from __future__ import annotations

import ast
from pathlib import Path

import openmetadata_fluent

ROOT = Path(openmetadata_fluent.__file__).parent
PACKAGE = "openmetadata_fluent"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text()) for p in ROOT.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    names: set[str] = set()
    if isinstance(node, ast.Import):
        names = {a.name for a in node.names}
    elif node.module:
        names = {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in names if n in known and n.startswith(PACKAGE)}


def _top_level_imports(tree: ast.Module, known: set[str]) -> set[str]:
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found |= _targets(node, known)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    found |= _targets(inner, known)
    return found


def test_module_level_imports_have_no_cycle() -> None:
    modules = _modules()
    known = set(modules)
    graph = {name: _top_level_imports(tree, known) - {name} for name, tree in modules.items()}
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every back edge found by a depth-first walk. A package's ``__init__`` is loaded
    before its submodules, so an edge from inside a package to the package is no cycle."""
    graph = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def _all_imports(tree: ast.Module, known: set[str]) -> set[str]:
    """Every import of a package module, at any depth, outside ``if TYPE_CHECKING:``."""
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped:
            found |= _targets(node, known)
    return found


def test_no_cycle_is_closed_by_an_import_inside_a_function() -> None:
    """Lazy imports inside functions are fine for start-up time, but not as a way
    around a cycle: with them counted, the graph still has none."""
    modules = _modules()
    known = set(modules)
    graph = {name: _all_imports(tree, known) - {name} for name, tree in modules.items()}
    assert _cycles(graph) == []
