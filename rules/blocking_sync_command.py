"""## What it does
Reports a synchronous command — a plain `fn` without `#[tauri::command(async)]` — whose body does
blocking work: file system calls (`std::fs`), spawning a process and waiting for its output or status,
`std::thread::sleep`, blocking HTTP (`reqwest::blocking`, `ureq`), blocking channel receives, or
building a window.

## Why is this bad?
Tauri runs a non-async command on the main thread, the thread that also drives the window and the
webview. While the command works, the UI cannot repaint or react to input: a slow disk or network
freezes the whole app. Building a window from a synchronous command is worse: it can deadlock on
Windows.

A lone `std::fs::metadata` call is not reported: it is one cheap `stat`, and flagging it would bury the
real cases. Neither is work inside a closure that runs elsewhere or later: a spawned thread or task, an
event listener, or a dialog's answer callback (`ask`, `confirm`, `pick_file`, `.show(...)`).

## Example
```rust
#[tauri::command]
fn export_report(path: String, body: String) -> Result<(), String> {
    std::fs::write(&path, body).map_err(|e| e.to_string()) // warning
}
```

Use instead:
```rust
#[tauri::command]
async fn export_report(path: String, body: String) -> Result<(), String> {
    tokio::fs::write(&path, body).await.map_err(|e| e.to_string())
}
```

## References
- [Calling Rust from the frontend: async commands](https://v2.tauri.app/develop/calling-rust/#async-commands)
"""

from __future__ import annotations

from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.rulekit import MAX_RELATED
from tauri_lint.settings import RuleOptions

BLOCKING_KINDS = frozenset({"blocking", "window-build"})
MESSAGES = {
    "blocking": "`{name}` is a synchronous command, so it runs on the main thread and `{call}` freezes the "
    "UI until it returns",
    "window": "`{name}` is a synchronous command that builds a window on the main thread: this can deadlock on Windows",
}
HELP = (
    "make it `async fn` (owned arguments such as String instead of &str; return a Result if it borrows) or "
    "`#[tauri::command(async)]` so it runs on the async runtime"
)


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for cmd in project.commands:
        if not cmd.runs_on_main_thread or not project.is_requested(cmd.name_span.path):
            continue
        fact = next((f for f in cmd.body if f.kind in BLOCKING_KINDS), None)
        if fact is None:
            continue
        key = "window" if fact.kind == "window-build" else "blocking"
        message = MESSAGES[key].format(name=cmd.name, call=fact.detail)
        related = [Related(cmd.name_span, f"`{cmd.fn_name}` is declared without async here")]
        callers = project.callers(project.command_of(cmd))
        related += [Related(s.span, "called from the frontend here") for s in callers[: MAX_RELATED - 1]]
        yield Diagnostic(RULE.id, RULE.severity, fact.span, message, HELP, tuple(related))


RULE = Rule(
    id="blocking-sync-command",
    severity=Severity.WARNING,
    summary="synchronous command doing blocking work on the main thread",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("performance", "rust"),
    precision="high",
    side="rust",
)
