"""## What it does
Reports an `.invoke_handler(...)` call on a Tauri builder that a later `.invoke_handler(...)` on the same
builder replaces.

## Why is this bad?
A builder keeps only the last handler it was given. Every command registered in the earlier call fails
at run time with `Command <name> not found`, although it is plainly listed in `generate_handler!`.
Calls under different `#[cfg(...)]` attributes (a desktop and a mobile handler), or in different
branches of one `if`/`match`, are not reported.

## Example
```rust
#[tauri::command]
fn open_file() {}

#[tauri::command]
fn save_file() {}

pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![open_file]) // error
        .invoke_handler(tauri::generate_handler![save_file])
        .run(tauri::generate_context!())
        .unwrap();
}
```

Use instead:
```rust
#[tauri::command]
fn open_file() {}

#[tauri::command]
fn save_file() {}

pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![open_file, save_file])
        .run(tauri::generate_context!())
        .unwrap();
}
```

## References
- [tauri::Builder::invoke_handler](https://docs.rs/tauri/latest/tauri/struct.Builder.html#method.invoke_handler)
"""

from __future__ import annotations

from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import InvokeHandlerCall
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.settings import RuleOptions

MESSAGES = {
    "shadowed": "this `.invoke_handler(...)` is replaced by a later one on the same builder: its commands "
    '({names}) fail with "Command not found"',
}
HELP = "merge both lists into one `generate_handler![...]` passed to a single `.invoke_handler(...)`"


def _names(call: InvokeHandlerCall) -> str:
    names = [e.name for lst in call.lists for e in lst.entries]
    shown = ", ".join(f"`{n}`" for n in names[:4])
    return shown + (f" and {len(names) - 4} more" if len(names) > 4 else "") if names else "all of them"


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    chains: dict[str, list[InvokeHandlerCall]] = {}
    for call in project.handler_calls:
        chains.setdefault(call.chain_id, []).append(call)
    for calls in chains.values():
        calls.sort(key=lambda c: (c.span.line, c.span.col))
        for i, call in enumerate(calls[:-1]):
            if not project.is_requested(call.span.path):
                continue
            later = [c for c in calls[i + 1 :] if _same_config(call, c)]
            if not later:
                continue
            last = later[-1]
            yield Diagnostic(
                RULE.id,
                RULE.severity,
                call.span,
                MESSAGES["shadowed"].format(names=_names(call)),
                HELP,
                (Related(last.span, "the handler that takes effect"),),
            )


def _same_config(a: InvokeHandlerCall, b: InvokeHandlerCall) -> bool:
    """Two calls can both run only when neither is behind a cfg the other excludes, and they are not in
    different branches of one `if`/`match`."""
    arms = dict(a.branches)
    if any(at in arms and arms[at] != arm for at, arm in b.branches):
        return False
    return a.cfg is None or b.cfg is None or a.cfg == b.cfg


RULE = Rule(
    id="shadowed-invoke-handler",
    severity=Severity.ERROR,
    summary="a second .invoke_handler() on one builder replaces the first",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("correctness", "rust"),
    precision="very-high",
    side="rust",
)
