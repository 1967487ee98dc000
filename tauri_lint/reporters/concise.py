"""One line per finding, `path:line:col: rule-id message`, then the summary (unless quiet).

The shape editors and problem matchers parse (as ruff's and ESLint's compact formats).
"""

from __future__ import annotations

from collections.abc import Sequence

from tauri_lint.reporters._common import SEVERITY_STYLE, Line, emit, one_line, rel_path, summary, visible
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[Rule] | None = None,
) -> str:
    lines: list[Line] = []
    for diag in visible(result):
        span = diag.span
        lines.append(
            [
                (f"{rel_path(span.path, result.root)}:{span.line}:{span.col}:", "bold"),
                (" ", ""),
                (diag.rule, SEVERITY_STYLE[diag.severity]),
                (f" {one_line(diag.message)}", ""),
            ]
        )
    if not quiet:
        lines.append(summary(result))
    return emit(lines, color)
