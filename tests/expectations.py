"""Inline expectations, as semgrep and clippy write them: a comment on the offending line.

`// warning: [invoke-in-hot-loop]` (TS/JS/Rust), `<!-- error: [rule-a, rule-b] -->` (markup) or
`{/* note: [rule] */}` (JSX) says that line gets exactly these findings at this severity;
`// error: [a] warning: [b]` mixes severities. In rule docs the rule is implied: `// warning`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from tauri_lint.diagnostics import Diagnostic

# One or more `severity: [rules]` groups in the comment that ends the line.
MARK = re.compile(r"(?://|<!--|\{?/\*)\s*((?:(?:error|warning|note)(?::\s*\[[^\]]*\])?\s*)+)(?:-->|\*/\}?)?\s*$")
GROUP = re.compile(r"(error|warning|note)(?::\s*\[([^\]]*)\])?")
SOURCE_SUFFIXES = (
    ".ts",
    ".tsx",
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".mts",
    ".cts",
    ".vue",
    ".svelte",
    ".html",
    ".rs",
)

Expectation = tuple[str, int, str, str]  # (relative path, line, rule, severity)


def expectations_in(path: str, rel: str, default_rule: str | None = None) -> set[Expectation]:
    found: set[Expectation] = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            m = MARK.search(line.rstrip("\r\n"))
            if m is None:
                continue
            for severity, rules in GROUP.findall(m.group(1)):
                names = [r.strip() for r in rules.split(",")] if rules else [default_rule]
                for name in names:
                    if name:
                        found.add((rel, number, name, severity))
    return found


def expectations_under(root: str, default_rule: str | None = None) -> set[Expectation]:
    found: set[Expectation] = set()
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name.endswith(SOURCE_SUFFIXES):
                path = os.path.join(dirpath, name)
                found |= expectations_in(path, os.path.relpath(path, root), default_rule)
    return found


def actual(diags: Iterable[Diagnostic], root: str) -> set[Expectation]:
    return {
        (os.path.relpath(d.span.path, root), d.span.line, d.rule, d.severity.value) for d in diags if not d.suppressed
    }


def explain(expected: set[Expectation], got: set[Expectation], diags: Iterable[Diagnostic], root: str) -> str:
    lines = []
    for e in sorted(expected - got):
        lines.append(f"expected but not reported: {e[0]}:{e[1]} {e[3]} [{e[2]}]")
    messages = {(os.path.relpath(d.span.path, root), d.span.line, d.rule): d.message for d in diags}
    for g in sorted(got - expected):
        lines.append(f"reported but not expected: {g[0]}:{g[1]} {g[3]} [{g[2]}] {messages.get(g[:3], '')}")
    return "\n".join(lines)
