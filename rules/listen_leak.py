"""## What it does
Reports a Tauri event listener (`listen`/`once` from `@tauri-apps/api/event`, a window or webview
object, or `window.__TAURI__.event`, and the window helpers `onResized`, `onMoved`, `onCloseRequested`,
`onFocusChanged`, `onScaleChanged`, `onThemeChanged`, `onDragDropEvent`, `onFileDropEvent`), or a call of
a project function that gives back such a promise (`export const onPrice = (cb) => listen("price", cb)`;
from another module, when named like one: `on…`, `…listen…`, `…subscribe…`, `…Event`), whose
`Promise<UnlistenFn>` is dropped, or whose unlisten function is never called, in code that can run more
than once: a React `useEffect`, a Vue `onMounted` or `<script setup>`, a Svelte component or
`onMount`/`$effect`, a Solid `onMount`/`createEffect`, or any other function.

It also reports the async trap `listen(...).then((f) => (un = f))` with a cleanup `() => un?.()`: if
the component unmounts before `listen()` resolved, the cleanup finds nothing to call. In a React effect
the same trap written with `await` (`(async () => { un = await listen(...) })()`) is reported too:
StrictMode runs the cleanup right after the first mount, always before the await is over.

## Why is this bad?
A listener stays registered, in the webview and in the Rust backend, until its unlisten function is
called. Dropping it in a component means every mount adds one more: handlers run twice, then three
times, state updates land on unmounted components, and memory grows. React's StrictMode mounts every
effect twice in development, so the leak shows up at once.

Not reported at module top level or in a once-per-page handler (`DOMContentLoaded`, `load`), nor in a
module's private function called exactly once from there (`function setupUI() { listen(...) }` and
`initApp()` calling it at the top level of an entry file, not in a loop) or an async one whose one
call keeps its promise in a module variable that nothing unsets (`p ?? (p = start())`, `p ??= start()`,
`if (!p) p = start()`: it starts once however often its caller runs), nor in the script or mount
hooks of a Vue or Svelte root component that an entry module mounts once (`createApp(App)`,
`mount(App, ...)`, `new App({ target })`) and no other component uses, nor in the body of a Solid root
component (`render(() => <App />, root)`, also inside context providers that render their children
straight through; a Solid component function runs once per instance, unlike a React one, which runs on
every render). A `setInterval` callback runs on every tick, wherever it is started. Not reported either
when the unlisten function is kept and called on cleanup, returned to the caller, handed to something else that
owns it, or guards the listener itself (`if (un) return; un = await listen(...)`), and not behind a
latch the function sets and never clears (`if (!listening) { listen(...); listening = true }`). `once()` removes
itself when its event fires, so a dropped `once()` is reported only inside a component lifecycle (where
remounts pile them up before the event comes), and never for the window-creation events
`tauri://created` and `tauri://error`, as in the documented pattern.

## Example
```tsx
import { useEffect } from "react";
import { listen } from "@tauri-apps/api/event";

export function Progress() {
  useEffect(() => {
    listen<number>("progress", (event) => console.log(event.payload)); // warning
  }, []);
  return null;
}
```

Use instead:
```tsx
import { useEffect } from "react";
import { listen } from "@tauri-apps/api/event";

export function Progress() {
  useEffect(() => {
    const unlisten = listen<number>("progress", (event) => console.log(event.payload));
    return () => {
      unlisten.then((stop) => stop());
    };
  }, []);
  return null;
}
```

## References
- [Listening to events on the frontend](https://v2.tauri.app/develop/calling-frontend/#listening-to-events-on-the-frontend)
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.model import Lifecycle, Listener, ListenerFate
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.settings import RuleOptions

WHERE = {
    Lifecycle.REACT_EFFECT: "a useEffect, which re-runs on every mount and dependency change",
    Lifecycle.VUE_MOUNTED: "onMounted, which runs for every component instance",
    Lifecycle.SVELTE_MOUNT: "a Svelte onMount, which runs for every component instance",
    Lifecycle.SVELTE_EFFECT: "a Svelte $effect, which re-runs whenever what it reads changes",
    Lifecycle.SOLID: "a Solid onMount/createEffect, which runs for every component instance",
    Lifecycle.COMPONENT_BODY: "a component's script, which runs for every component instance",
    Lifecycle.FUNCTION: "a function that may run more than once",
}
FIX: dict[Lifecycle, str] = {
    Lifecycle.REACT_EFFECT: "keep the promise and return a cleanup: `const un = listen(...); return () => { "
    "un.then((f) => f()); }`",
    Lifecycle.VUE_MOUNTED: "keep the unlisten function and call it in onUnmounted/onBeforeUnmount",
    Lifecycle.SVELTE_MOUNT: "return a cleanup that calls the unlisten function (`return () => un.then((f) => "
    "f())`), or call it in onDestroy when the callback is async (Svelte ignores what an async callback returns)",
    Lifecycle.SVELTE_EFFECT: "return a cleanup that calls the unlisten function (`return () => un.then((f) => f())`)",
    Lifecycle.SOLID: "call the unlisten function in onCleanup(...)",
    Lifecycle.COMPONENT_BODY: "keep the unlisten function and call it when the component is destroyed "
    "(onUnmounted / onDestroy)",
    Lifecycle.FUNCTION: "keep the unlisten function and call it when the listener is no longer needed, or "
    "return it to the caller",
}
# A component's script: the hook that runs at its end depends on the framework.
COMPONENT_FIX: dict[str, str] = {
    ".vue": "keep the unlisten function and call it in onUnmounted/onBeforeUnmount",
    ".svelte": "keep the unlisten function and call it in onDestroy",
}
MESSAGES = {
    "dropped": "`{api}({event})` drops its unlisten function inside {where}: each run adds one more listener "
    "that is never removed",
    "never-called": "`{api}({event})` keeps its unlisten function but never calls it, inside {where}: each run "
    "adds one more listener",
    "race": "`{api}({event})` assigns its unlisten function only when the promise resolves: if the component "
    "unmounts first, the cleanup finds nothing to call and the listener leaks",
}
RACE_HELP = (
    "keep the promise itself and unlisten through it: `const un = listen(...); return () => { un.then((f) => f()); }`"
)
COMPONENT_LIFECYCLES = frozenset(
    {
        Lifecycle.REACT_EFFECT,
        Lifecycle.VUE_MOUNTED,
        Lifecycle.SVELTE_MOUNT,
        Lifecycle.SVELTE_EFFECT,
        Lifecycle.SOLID,
        Lifecycle.COMPONENT_BODY,
    }
)


# A root component's script and mount hooks run once per page (React effects still re-run on their deps).
ROOT_ONCE = frozenset({Lifecycle.COMPONENT_BODY, Lifecycle.VUE_MOUNTED, Lifecycle.SVELTE_MOUNT})


def _in_root(listener: Listener, project: Project) -> bool:
    """Runs once per page: in a Vue/Svelte root component's script or mount hooks, or directly in the
    body of a Solid root component (a Solid component function runs once per instance)."""
    if listener.lifecycle in ROOT_ONCE:
        return listener.span.path in project.root_components
    return (
        listener.lifecycle == Lifecycle.FUNCTION
        and listener.component is not None
        and (listener.span.path, listener.component) in project.root_functions
    )


def _finding(listener: Listener, in_root: bool = False) -> tuple[str, str] | None:
    life = listener.lifecycle
    if life in (Lifecycle.MODULE, Lifecycle.ONCE_PER_PAGE) or in_root:
        return None
    if listener.api == "once" and (life not in COMPONENT_LIFECYCLES or _self_settling(listener.event)):
        # once() removes itself when its event fires; only a component that remounts before that
        # piles them up. Window lifecycle events (the documented `tauri://created` pattern) always fire.
        return None
    event = f'"{listener.event}"' if listener.event is not None else "…"
    fmt = {"api": listener.api, "event": event, "where": WHERE.get(life, "")}
    if listener.fate == ListenerFate.DROPPED:
        return MESSAGES["dropped"].format(**fmt), _fix(listener)
    if listener.fate == ListenerFate.STORED_NEVER_CALLED:
        return MESSAGES["never-called"].format(**fmt), _fix(listener)
    if listener.fate == ListenerFate.THEN_ASSIGNED and life in COMPONENT_LIFECYCLES:
        return MESSAGES["race"].format(**fmt), RACE_HELP
    if listener.fate == ListenerFate.AWAIT_ASSIGNED and life == Lifecycle.REACT_EFFECT:
        # React (StrictMode in development) runs effect, cleanup, effect back to back: the cleanup always
        # comes before the await is over. A Vue/Svelte mount rarely ends that fast.
        return MESSAGES["race"].format(**fmt), RACE_HELP
    return None


def _fix(listener: Listener) -> str:
    if listener.lifecycle == Lifecycle.COMPONENT_BODY:
        suffix = os.path.splitext(listener.span.path)[1].lower()
        return COMPONENT_FIX.get(suffix, FIX[Lifecycle.COMPONENT_BODY])
    return FIX[listener.lifecycle]


# A new window or webview emits exactly one of these, right after it is built (Tauri's documented
# `webview.once("tauri://created", ...)` pattern).
SETTLING_EVENTS = frozenset({"tauri://created", "tauri://error", "tauri://webview-created"})


def _self_settling(event: str | None) -> bool:
    return event in SETTLING_EVENTS


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for listener in project.listeners:
        if not project.is_requested(listener.span.path):
            continue
        found = _finding(listener, _in_root(listener, project))
        if found is not None:
            yield Diagnostic(RULE.id, RULE.severity, listener.span, found[0], found[1])


RULE = Rule(
    id="listen-leak",
    severity=Severity.WARNING,
    summary="event listener whose unlisten function is never called in code that runs more than once",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("correctness", "memory", "events"),
    precision="high",
    side="frontend",
)
