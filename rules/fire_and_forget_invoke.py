"""## What it does
Reports an `invoke()` whose completion and result the caller never uses — a bare statement,
`void invoke(...)`, a chain ending only in `.catch(...)`/`.finally(...)`, or the body of an event-handler
or timer arrow — when the Rust command returns exactly `()` (or its tauri-specta binding is typed
`Promise<null>`). Such a call is a one-way notification sent as a request.

## Why is this bad?
A command is a request that expects an answer: Tauri registers a resolve and a reject callback for every
call and keeps them until Rust replies. When nothing waits for the answer and the command cannot fail,
what the code means is "tell the backend something happened", which is what events are for: `emit()`
states the one-way intent, needs no reply, and any number of Rust listeners can react to it.

Be honest about the trade-off: JS `emit()` is itself an IPC call (`plugin:event|emit`, allowed by
`core:event:allow-emit`), so the gain is clarity and decoupling, not raw speed. If the caller needs to
know that the call failed, await it inside `try`/`catch` instead. A command returning `Result<(), E>` can
fail, so dropping it is `floating-invoke`'s business, not this rule's.

Not reported:
- a command that takes the calling `Window`, `WebviewWindow` or `Webview` as a parameter. It acts on
  whichever window called it, and an event cannot say that: a Rust listener gets only the payload, not
  the window that emitted it;
- a call of a wrapper that awaits the command inside `try`/`catch` (`async function save() { try { await
  invoke("save") } catch (e) { report(e) } }`): it already wants to know that the call failed;
- a call of a wrapper that drops its own fixed command (`function notify() { invoke("track") }`): the
  `invoke` inside it is reported instead, once;
- a call Tauri rejects before the command runs (the command is not registered, or a required argument
  is missing): it always fails, so `floating-invoke` reports the dropped rejection, next to the
  `unknown-command` or `invoke-arg-mismatch` error.

## Example
```rust
#[tauri::command]
async fn track_click(button: String) {
    println!("clicked {button}");
}
```

```ts
import { invoke } from "@tauri-apps/api/core";

export function onBuy() {
  invoke("track_click", { button: "buy" }); // note
}
```

Use instead:
```rust
use tauri::Listener;

pub fn setup(app: &tauri::App) {
    app.listen("click", |event| println!("clicked {}", event.payload()));
}
```

```ts
import { emit } from "@tauri-apps/api/event";

export async function onBuy() {
  await emit("click", { button: "buy" });
}
```

## References
- [Calling Rust from the frontend: events](https://v2.tauri.app/develop/calling-rust/#event-system)
"""

from __future__ import annotations

from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.model import Command, InvokeSite
from tauri_lint.project import Project, base_type
from tauri_lint.rule import Rule
from tauri_lint.rulekit import command_related, discarded, returns_unit, what
from tauri_lint.settings import RuleOptions

from .invoke_arg_mismatch import fails_before_running

MESSAGES = {
    "notify": "{what} is a one-way notification sent as a command: nothing uses its result and `{command}` "
    "returns `()`",
}
HELP = {
    "event": "send it as an event (`emit({event})` with a Rust `{listen}`)",
    "await": "; or `await` it in a try/catch if you need to know it failed",
    # `.catch(h)` sees only IPC failures (a missing argument, an ACL denial): `emit` rejects on those too
    "caught": " (keep the `.catch`: `emit` can be denied by the ACL too)",
}
# Injected parameters that are the caller itself: an event reaches Rust without them.
CALLER_TYPES = frozenset({"Window", "WebviewWindow", "Webview"})


def applies(project: Project, site: InvokeSite, options: RuleOptions) -> bool:
    """Shared with floating-invoke, which yields to this rule where both would fire."""
    if site.command is None or site.wrapper_settles or not discarded_completely(site):
        # a wrapper that awaits the command in a try/catch wants to know it failed; one that drops it
        # holds a site of its own, reported there
        return False
    defs = project.definitions(site.command)
    if defs:
        # The Rust signature decides: tauri-specta also types `Result<(), E>` as Promise<null> when it
        # throws errors, and a command that can fail is not a notification.
        if not all(returns_unit(d) and not acts_on_caller(d) for d in defs):
            return False
    elif not site.typed_unit:
        return False
    # a call Tauri rejects (unregistered, a required key missing) always fails: that dropped rejection
    # is floating-invoke's, beside the error that explains it
    return not fails_before_running(project, site, options)


def acts_on_caller(cmd: Command) -> bool:
    """Does the command take the window or webview that called it (`window: tauri::Window`)?"""
    return any(p.injected and base_type(p.type_text) in CALLER_TYPES for p in cmd.params)


def discarded_completely(site: InvokeSite) -> bool:
    result = site.result
    return discarded(result) and (not result.chain or result.value_ignored_by_chain)


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for site in project.invokes:
        if not project.is_requested(site.span.path) or not applies(project, site, options):
            continue
        assert site.command is not None
        message = MESSAGES["notify"].format(what=what(site), command=site.command)
        related = command_related(project, project.definitions(site.command))
        yield Diagnostic(RULE.id, RULE.severity, site.span, message, _help(site, project.tauri_major), tuple(related))


def _help(site: InvokeSite, tauri_major: int | None) -> str:
    event = f'"{site.command}"' if site.args.kind == "none" else f'"{site.command}", payload'
    v1 = tauri_major == 1  # Rust listens with `listen_global` there, and there is no ACL
    text = HELP["event"].format(event=event, listen="listen_global" if v1 else "listen")
    if not site.result.handles_rejection:
        return text + HELP["await"]
    return text if v1 else text + HELP["caught"]


RULE = Rule(
    id="fire-and-forget-invoke",
    severity=Severity.NOTE,
    summary="a command returning () invoked as a notification: an event states that intent",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("design", "ipc"),
    precision="high",
    side="both",
)
