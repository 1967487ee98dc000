"""`--output-format github`: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=src/App.tsx,line=12,col=5,endLine=12,endColumn=29,title=floating-invoke::message

Levels: error -> `error`, warning -> `warning`, note -> `notice`. Paths are relative to the repository
root ($GITHUB_WORKSPACE, else the enclosing git work tree), which is what GitHub resolves them against.
Columns are given only for single-line findings, as GitHub ignores them on multi-line annotations.
Escaping follows the runner's rules: `%`, CR and LF in the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from collections.abc import Sequence

from tauri_lint.diagnostics import Severity
from tauri_lint.reporters._common import rel_path, source_root, visible
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[Rule] | None = None,
) -> str:
    base = source_root(result.root)
    lines = []
    for diag in visible(result):
        span = diag.span
        one_line = span.end_line <= span.line
        props: list[tuple[str, object]] = [("file", rel_path(span.path, base)), ("line", span.line)]
        if one_line:
            props.append(("col", span.col))
        props.append(("endLine", max(span.end_line, span.line)))
        if one_line:
            props.append(("endColumn", max(span.end_col, span.col)))
        props.append(("title", diag.rule))
        prop_text = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
        message = diag.message + (f"\nhelp: {diag.help}" if diag.help else "")
        lines.append(f"::{LEVELS[diag.severity]} {prop_text}::{escape_data(message)}\n")
    return "".join(lines)
