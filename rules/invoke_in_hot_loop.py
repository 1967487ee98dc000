"""## What it does
Reports an `invoke()` (direct, through a wrapper, or through generated bindings) that runs once per
loop iteration, array element, timer tick, animation frame or high-frequency DOM event (`mousemove`,
`pointermove`, `touchmove`, `drag`, `dragover`, `scroll`, `wheel`, `resize`).

## Why is this bad?
`invoke()` looks like a function call, but each one is an asynchronous message across processes: the
arguments are JSON-serialised on the webview's main thread, posted to the Rust side, dispatched, and the
answer travels back the same way. A webview manages on the order of a thousand such round trips a
second, so a loop over a few hundred items, a 60 fps render loop or a `mousemove` handler spends most
of its time in the bridge. A synchronous Rust command (a plain `fn` without `#[tauri::command(async)]`)
also runs on the main thread, so each call blocks the UI as well.

Not reported:
- a function merely created in a loop that runs later (a click handler built in `.map()`);
- `setTimeout` one-shots, and `setInterval` polling once a second or slower (a delay of at least
  `min-poll-interval` ms, written as a number, a product or a constant: a round trip a second costs
  nothing measurable);
- a `requestAnimationFrame` callback that does not re-schedule itself;
- loops with a small literal bound (`i < 3`, up to 20) or over a small literal array (up to 8 elements);
- an invoke after which the loop body always leaves the loop (`break`/`return`/`throw` later in its
  block or a block around it, with no `continue` on the way; a `break` in a `switch` leaves only the
  switch), or under an equality test on the loop item (it runs for one match at most);
- inside a timer, an invoke under an equality test, in a `switch` case or in a `catch` (it runs once
  that state is reached, not on every tick); inside an event handler, an invoke under any condition
  (`if (nearBottom && !loading) loadMore()` loads at the bottom, not on every scroll event).

## Example
```ts
import { invoke } from "@tauri-apps/api/core";

export async function saveAll(items: { id: string }[]) {
  for (const item of items) {
    await invoke("save_item", { id: item.id }); // warning
  }
}

export function startPolling() {
  setInterval(() => invoke("get_status"), 250); // warning
}
```

Use instead:
```ts
import { invoke, Channel } from "@tauri-apps/api/core";

export async function saveAll(items: { id: string }[]) {
  await invoke("save_items", { ids: items.map((item) => item.id) });
}

export async function watchStatus(onStatus: (s: string) => void) {
  const channel = new Channel<string>();
  channel.onmessage = onStatus;
  await invoke("watch_status", { channel });
}
```

## Options
- `hot-events`: more DOM event names to treat as high-frequency.
- `max-loop-bound` (20) and `max-array-length` (8): loops up to these literal sizes are not reported.
- `min-poll-interval` (1000): `setInterval` with a literal delay of at least this many milliseconds is
  not reported (an unknown delay is).

## References
- [Calling Rust from the frontend: channels](https://v2.tauri.app/develop/calling-rust/#channels)
- [Calling the frontend from Rust: events](https://v2.tauri.app/develop/calling-frontend/)
"""

from __future__ import annotations

from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import InvokeSite, RepeatKind, Repetition, Use
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.rulekit import command_related, what
from tauri_lint.settings import RuleOptions

HOT_EVENTS = frozenset(
    {
        "mousemove",
        "pointermove",
        "touchmove",
        "drag",
        "dragover",
        "scroll",
        "wheel",
        "resize",
        "pointerrawupdate",
        "mousewheel",
    }
)

MESSAGES = {
    "loop": "{what} is invoked on every iteration of this {detail} loop: one IPC round trip per item",
    "polling": "{what} is invoked in an unbounded polling loop ({detail}): a round trip on every pass",
    "iteration": "{what} is invoked once per element in `.{detail}()`: one IPC round trip per item",
    "iteration-all": "{what} is invoked once per element in `.{detail}()` and fired concurrently: N round trips "
    "at once",
    "interval": "{what} is invoked on every setInterval tick{interval}: polling across the IPC bridge",
    "frame": "{what} is invoked on every animation frame (a self-rescheduling requestAnimationFrame loop)",
    "event": "{what} is invoked on every `{detail}` event, which fires many times a second",
    "blocking": "; `{command}` is a synchronous command, so each call also blocks the UI thread",
}
HELP = {
    "batch": "send the whole list in one batched command (e.g. `save_items(items: Vec<Item>)`), or move the "
    "loop into Rust; for long jobs per item, report each one's progress or error through a `Channel<T>`",
    "push": "push updates from Rust instead: pass a `Channel<T>` to one command and send on it, or `emit` "
    "events the frontend `listen()`s to",
    "frame": "pull the state once and stream changes from Rust through a `Channel<T>` instead of asking every frame",
    "event": "keep the state in JS while the gesture lasts and invoke once at its end (or throttle the handler)",
    "blocking": "; and make the command `async fn` or `#[tauri::command(async)]` so it leaves the main thread",
}


def _hot(rep: Repetition, options: RuleOptions) -> bool:
    kind = rep.kind
    if kind == RepeatKind.LOOP:
        if rep.exits_after or rep.equality_guard:
            return False
        if rep.infinite:
            return True
        limit = options.max_array_length if rep.detail in ("for-of", "for-in") else options.max_loop_bound
        return rep.bound is None or rep.bound > limit
    if kind == RepeatKind.ITERATION:
        if rep.equality_guard:
            return False
        return rep.bound is None or rep.bound > options.max_array_length
    if rep.equality_guard:
        return False  # `if (status === "done")` inside a timer or handler: runs once that state is reached
    if kind == RepeatKind.INTERVAL:
        return rep.interval_ms is None or rep.interval_ms < options.min_poll_interval
    if kind == RepeatKind.ANIMATION_FRAME:
        return rep.reschedules
    if kind == RepeatKind.EVENT:
        return rep.detail in HOT_EVENTS or rep.detail in options.hot_events
    return False


def _message(site: InvokeSite, rep: Repetition) -> tuple[str, str]:
    w = what(site)
    if rep.kind == RepeatKind.LOOP:
        if rep.infinite:
            loop = {"for": "`for (;;)`", "while": "`while (true)`", "do-while": "`do … while (true)`"}
            return MESSAGES["polling"].format(what=w, detail=loop.get(rep.detail, rep.detail)), HELP["push"]
        detail = {"for-of": "`for…of`", "for-in": "`for…in`", "do-while": "`do…while`"}.get(
            rep.detail, f"`{rep.detail}`"
        )
        return MESSAGES["loop"].format(what=w, detail=detail), HELP["batch"]
    if rep.kind == RepeatKind.ITERATION:
        key = "iteration-all" if site.result.use == Use.ARROW_BODY else "iteration"
        if rep.detail in ("forEach",):
            key = "iteration"
        return MESSAGES[key].format(what=w, detail=rep.detail), HELP["batch"]
    if rep.kind == RepeatKind.INTERVAL:
        interval = f" ({rep.interval_ms} ms)" if rep.interval_ms is not None else ""
        return MESSAGES["interval"].format(what=w, interval=interval), HELP["push"]
    if rep.kind == RepeatKind.ANIMATION_FRAME:
        return MESSAGES["frame"].format(what=w), HELP["frame"]
    return MESSAGES["event"].format(what=w, detail=rep.detail), HELP["event"]


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    # Wrappers already reported where they are called hot: `@mousemove="onMove($event)"` makes both the
    # call of onMove and the invoke inside it repeat; the call site is the one to report.
    hot_wrappers = {s.wrapper for s in project.invokes if s.wrapper and any(_hot(r, options) for r in s.repetition)}
    for site in project.invokes:
        if not project.is_requested(site.span.path):
            continue
        if site.in_wrapper is not None and site.in_wrapper in hot_wrappers:
            continue
        rep = next((r for r in site.repetition if _hot(r, options)), None)
        if rep is None:
            continue
        message, help_ = _message(site, rep)
        related: list[Related] = [Related(rep.span, "repeated by this")]
        defs = project.definitions(site.command) if site.command else []
        if defs and all(d.runs_on_main_thread for d in defs):
            message += MESSAGES["blocking"].format(command=site.command)
            help_ += HELP["blocking"]
            related += command_related(project, defs)
        elif defs:
            related += command_related(project, defs)
        yield Diagnostic(RULE.id, RULE.severity, site.span, message, help_, tuple(related))


RULE = Rule(
    id="invoke-in-hot-loop",
    severity=Severity.WARNING,
    summary="invoke() that runs per iteration, tick, frame or high-frequency event",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("performance", "ipc"),
    precision="high",
    side="frontend",
)
