"""The code standards are part of the suite: ruff (lint and format) and mypy --strict must stay clean."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _tool(name: str) -> list[str]:
    beside = os.path.join(os.path.dirname(sys.executable), name)
    return [beside] if os.path.exists(beside) else [shutil.which(name) or name]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check() -> None:
    result = _run(*_tool("ruff"), "check", "tauri_lint", "rules", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(*_tool("ruff"), "format", "--check", "tauri_lint", "rules", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "tauri_lint", "rules")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_string_statement_outside_docstrings() -> None:
    """A string literal on its own line after an assignment is a broken implicit concatenation: the
    text silently ends early (a help message once lost the end of its code example so)."""
    stray: list[str] = []
    for folder in ("tauri_lint", "rules"):
        for dirpath, _dirs, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    tree = ast.parse(f.read())
                for node in ast.walk(tree):
                    body = getattr(node, "body", None)
                    for stmt in body[1:] if isinstance(body, list) else ():
                        value = stmt.value if isinstance(stmt, ast.Expr) else None
                        if isinstance(value, ast.JoinedStr) or (
                            isinstance(value, ast.Constant) and isinstance(value.value, str)
                        ):
                            stray.append(f"{os.path.relpath(path, ROOT)}:{stmt.lineno}")
    assert stray == []
