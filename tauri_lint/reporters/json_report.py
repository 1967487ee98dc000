"""`--output-format json`: a list of finding objects, sorted by path, line and column.

    [
      {
        "rule": "floating-invoke",
        "severity": "warning",                  // "error" | "warning" | "note"
        "path": "src/App.tsx",                  // relative to the report root, "/"-separated
        "absolute_path": "/home/me/app/src/App.tsx",
        "start": {"line": 12, "column": 5},     // 1-based; columns count characters
        "end": {"line": 12, "column": 29},      // exclusive
        "message": "...",
        "help": "...",                          // "" when the rule has no fix to suggest
        "url": "https://github.com/tauri-lint/tauri-lint/blob/main/docs/rules.md#floating-invoke",
        "related": [
          {"path": "src-tauri/src/lib.rs", "start": {...}, "end": {...}, "message": "..."}
        ]
      }
    ]

Suppressed findings (comments, baseline) are left out. Keys and their meaning are stable; new keys
may be added.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from tauri_lint.model import Span
from tauri_lint.registry import rule_url
from tauri_lint.reporters._common import rel_path, visible
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule


def _position(line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": column}


def _absolute(path: str, root: str) -> str:
    return os.path.normpath(path if os.path.isabs(path) else os.path.join(os.path.abspath(root), path))


def _location(span: Span, root: str) -> dict[str, Any]:
    return {
        "path": rel_path(span.path, root),
        "start": _position(span.line, span.col),
        "end": _position(span.end_line, span.end_col),
    }


def to_objects(result: LintResult) -> list[dict[str, Any]]:
    out = []
    for diag in visible(result):
        location = _location(diag.span, result.root)
        out.append(
            {
                "rule": diag.rule,
                "severity": diag.severity.value,
                "path": location["path"],
                "absolute_path": _absolute(diag.span.path, result.root),
                "start": location["start"],
                "end": location["end"],
                "message": diag.message,
                "help": diag.help,
                "url": rule_url(diag.rule),
                "related": [{**_location(r.span, result.root), "message": r.message} for r in diag.related],
            }
        )
    return out


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[Rule] | None = None,
) -> str:
    return json.dumps(to_objects(result), indent=2, ensure_ascii=False) + "\n"
