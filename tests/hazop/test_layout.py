"""The hazop package's shape (issue 14): no import circles, files under 500 lines, functions under 60."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "pse" / "hazop"
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def _edges() -> dict[str, set[str]]:
    """Every import of a pse.hazop module by another, top-level or inside a function (from the AST)."""
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pse.hazop."):
                targets.add(node.module.split(".")[2])
            elif isinstance(node, ast.ImportFrom) and node.module == "pse.hazop":
                targets.update(a.name for a in node.names if a.name in MODULES)
            elif isinstance(node, ast.Import):
                targets.update(a.name.split(".")[2] for a in node.names if a.name.startswith("pse.hazop."))
        edges[name] = targets - {name}
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_a_planted_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_inside_pse_hazop():
    edges = _edges()
    assert "merge" not in edges["excel"] or "excel" not in edges["merge"]
    assert not ("module" in edges["cli"] and "cli" in edges["module"])
    assert _cycle(edges) is None, f"import circle: {' -> '.join(_cycle(edges) or [])}"


@pytest.mark.parametrize("name", ["excel", "merge", "cli", "module", "cells", "excel_read", "excel_write"])
def test_each_module_imports_alone_in_a_fresh_interpreter(name):
    code = f"import pse.hazop.{name}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_files_and_functions_are_small():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") < 500, f"{path.name}: {text.count(chr(10))} lines"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{path.name}:{node.lineno} {node.name}: {length} lines"
