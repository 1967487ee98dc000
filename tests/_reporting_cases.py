"""Hand-built LintResults for reporter tests, and snapshot comparison.

Sources come from `LintResult.overrides`, under a root that does not exist on disk, so every format
renders the same on every machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import Note, Span
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROOT = "/project"

APP = f"{ROOT}/src/App.tsx"
LIB = f"{ROOT}/src-tauri/src/lib.rs"
ODD = f"{ROOT}/src/my files/ünïcode 名前.ts"
GONE = f"{ROOT}/src/deleted.ts"

APP_SOURCE = """\
import { invoke } from "@tauri-apps/api/core";
export function save(data: string) {
  invoke("save", { data });
\tinvoke("sav", {});
  const r = invoke("open", {
    filePath: "a",
  });
  return r; // 注意 wide
}
"""

LIB_SOURCE = """\
#[tauri::command]
fn save(data: String) {}

#[tauri::command]
fn open(file_path: String) {}
"""

ODD_SOURCE = 'const label = "名前"; invoke("save", { data: label });\n'


def _rule(rule_id: str, severity: Severity, summary: str) -> Rule:
    docs = (
        f"## What it does\nReports {summary.lower()}.\n\n## Why is this bad?\nBecause.\n\n"
        '## Example\n```ts\ninvoke("x");\n```\n'
    )
    return Rule(rule_id, severity, summary, docs, lambda project, options: (), tags=("ipc",))


RULES = [
    _rule("floating-invoke", Severity.WARNING, "An invoke promise nobody awaits"),
    _rule("invoke-arg-mismatch", Severity.ERROR, "Arguments that do not match the command"),
    _rule("unknown-command", Severity.ERROR, "A command the Rust side does not define"),
    _rule("unused-suppression", Severity.NOTE, "A suppression comment that suppresses nothing"),
]


def sample_result() -> LintResult:
    diags = [
        Diagnostic(
            "floating-invoke",
            Severity.WARNING,
            Span(APP, 3, 3, 3, 27),
            "the promise of `save` is dropped: a rejection goes unnoticed",
            help="await it, return it, or add .catch()",
            related=(Related(Span(LIB, 2, 4, 2, 8), "the command `save` is defined here"),),
        ),
        Diagnostic(
            "unknown-command",
            Severity.ERROR,
            Span(APP, 4, 9, 4, 14),
            'no Rust command is named "sav"',
            help='did you mean "save"?',
        ),
        Diagnostic(
            "invoke-arg-mismatch",
            Severity.ERROR,
            Span(APP, 5, 20, 7, 4),
            "`open` expects the key `filePath`, with commas, colons: and 100% sure",
            related=(
                Related(Span(LIB, 5, 4, 5, 8), "the command `open` is defined here"),
                Related(Span(LIB, 5, 9, 5, 18), "parameter `file_path`"),
            ),
        ),
        Diagnostic(
            "floating-invoke",
            Severity.WARNING,
            Span(APP, 8, 3, 8, 12),
            "a suppressed finding",
            suppressed=True,
        ),
        Diagnostic(
            "unused-suppression",
            Severity.NOTE,
            Span(APP, 8, 13, 8, 23),
            "unused suppression: no floating-invoke finding on line 9",
            help="Remove the suppression comment.",
        ),
        Diagnostic(
            "floating-invoke",
            Severity.WARNING,
            Span(ODD, 1, 21, 1, 52),
            "the promise of `save` is dropped\nsecond line",
        ),
        Diagnostic("unknown-command", Severity.ERROR, Span(GONE, 2, 1, 2, 5), "a file that vanished"),
    ]
    return LintResult(
        diagnostics=sorted(diags, key=Diagnostic.sort_key),
        notes=[Note(f"{ROOT}/dist/app.min.js", "skipped: minified bundle")],
        files=[APP, LIB, ODD, GONE],
        root=ROOT,
        overrides={
            APP: APP_SOURCE.encode(),
            LIB: LIB_SOURCE.encode(),
            ODD: ODD_SOURCE.encode(),
        },
    )


def empty_result() -> LintResult:
    return LintResult(files=[APP, LIB], root=ROOT, overrides={APP: APP_SOURCE.encode()})


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/NAME exactly; UPDATE_SNAPSHOTS=1 rewrites it instead."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"no snapshot {path}; run the tests with UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)"
