"""The code standards are part of the suite: ruff (lint and format) and mypy --strict must stay clean."""

from __future__ import annotations

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
