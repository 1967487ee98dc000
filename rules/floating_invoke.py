"""## What it does
Reports an `invoke()` promise that is dropped with no rejection handling: a bare statement, a chain
ending in `.then(f)` or `.finally(f)` alone, or the body of an event-handler or timer arrow. `void
invoke(...)` is an explicit opt-out, and so is an ESLint suppression of
`@typescript-eslint/no-floating-promises` on the call (`eslint-disable-next-line`, `eslint-disable-line`,
or an `eslint-disable` block comment up to its `eslint-enable`). `.catch(h)` or `.then(f, h)` handle the
rejection. A call through a wrapper that catches rejections itself does not float. A Vue template
handler of one expression (`@click="save()"`, `@click="() => save()"`: no `;`) gives its promise back to
Vue, which catches a rejection and passes it to `app.config.errorHandler`: reported only when the app
sets none, as Vue then just logs it.

## Why is this bad?
An invoke rejects when the command returns an error, when an argument is missing or misnamed, or when the
ACL denies the command. With nobody listening, that rejection becomes an unhandled rejection (or vanishes
entirely in some webviews), so the failure is invisible to the user and to you. The call's ordering
relative to later calls is lost too. And if the command never answers (a reload mid-call, a command that
never returns), its two callbacks stay registered on the window.

When the Rust command returns exactly `()`, `fire-and-forget-invoke` reports the call instead: never both
(unless the command acts on the calling window, which no event can replace: then it is reported here).

## Example
```ts
import { invoke } from "@tauri-apps/api/core";

export function save(text: string) {
  invoke("save_document", { text }); // warning
}
```

Use instead:
```ts
import { invoke } from "@tauri-apps/api/core";

export async function save(text: string) {
  try {
    await invoke("save_document", { text });
  } catch (error) {
    console.error("saving failed", error);
  }
}
```

## References
- [typescript-eslint: no-floating-promises](https://typescript-eslint.io/rules/no-floating-promises/)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.model import Comment, InvokeSite, ReturnShape, Use
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.rulekit import command_related, discarded, what
from tauri_lint.settings import RuleOptions

from . import fire_and_forget_invoke
from .unknown_command import unanswered

MESSAGES = {
    "floating": "{what} returns a promise nobody handles: a rejection ({reasons}) becomes an unhandled rejection",
    # a Vue template handler gives the promise back to Vue, which catches it (ResultUse.caught_by_vue)
    "floating-vue": "{what} hands its promise to Vue alone, and the app sets no `app.config.errorHandler`: a "
    "rejection ({reasons}) is only logged to the console",
    # no registered command answers it (unknown-command says so): every call rejects
    "floating-unanswered": "{what} returns a promise nobody handles: no registered command answers it, so it "
    "always rejects, unhandled",
}
# What can reject the call, by what the command returns and the Tauri version.
REASONS = {
    "": "a command error, a missing argument, an ACL denial",
    # the command returns no `Result`: only the IPC layer can reject
    "infallible": "a missing argument, an ACL denial",
    # v1 has no ACL for app commands: only a command error or a missing or mistyped argument rejects
    "v1": "a command error, a missing argument",
    "infallible-v1": "a missing or mistyped argument",
}
# Return types that cannot hide a `Result` behind an alias.
PRIMITIVES = frozenset(
    {"bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128"}
    | {"usize", "&str", "&'static str"}
)
HELP = "await it inside try/catch, or add `.catch(...)`; write `void` in front if dropping it is intended"
VUE_HELP = (
    "await it inside try/catch and tell the user, or set `app.config.errorHandler` to report errors app-wide; "
    "write `void` in front if dropping it is intended"
)


def floats(site: InvokeSite) -> bool:
    result = site.result
    if result.use == Use.VOID or not discarded(result):
        return False
    return not result.handles_rejection and not site.wrapper_handles_rejection


_ESLINT_RULE = re.compile(r"@typescript-eslint/no-floating-promises\b")


def _eslint_comments(project: Project, path: str) -> list[Comment]:
    """The file's ESLint directive comments, in source order (embedded markup comments come first)."""
    facts = project.frontend.get(path)
    found = [c for c in facts.comments if "eslint-" in c.text] if facts is not None else []
    return sorted(found, key=lambda c: (c.line, c.col))


def _dropped_on_purpose(comments: list[Comment], line: int) -> bool:
    """An ESLint `no-floating-promises` suppression says what `void` says: dropping it is intended."""
    disabled = False  # by a block `eslint-disable` above, until an `eslint-enable`
    for comment in comments:
        body = comment.text
        if comment.line > line:
            break
        names = _ESLINT_RULE.search(body) is not None
        if "eslint-disable-next-line" in body:
            if names and comment.end_line == line - 1:
                return True
        elif "eslint-disable-line" in body:
            if names and comment.line == line:
                return True
        elif "eslint-enable" in body:
            if names or not re.search(r"eslint-enable\s+[\w@]", body):  # that rule, or every rule
                disabled = False
        elif "eslint-disable" in body and names and comment.line < line:
            disabled = True
    return disabled


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    eslint: dict[str, list[Comment]] = {}  # per file, read once
    for site in project.invokes:
        if not project.is_requested(site.span.path) or not floats(site):
            continue
        vue = site.result.caught_by_vue
        if vue and project.vue_error_handler:
            continue  # Vue hands the rejection to the app's own error handler
        path = site.span.path
        if path not in eslint:
            eslint[path] = _eslint_comments(project, path)
        if _dropped_on_purpose(eslint[path], site.span.line):
            continue
        if fire_and_forget_invoke.applies(project, site, options):
            continue
        defs = project.definitions(site.command) if site.command else []
        related = command_related(project, defs)
        # only a return type we can read (`()`, `String`, bytes) proves no command error: a `Fallible<T>`
        # alias from another file looks like any other type
        known = (ReturnShape.UNIT, ReturnShape.STRING, ReturnShape.BYTES, ReturnShape.SMALL_BYTES)
        infallible = defs and all(
            not d.returns.is_result
            and (d.returns.shape in known or d.returns.is_option or d.returns.text in PRIMITIVES)
            for d in defs
        )
        reasons = "-".join(
            k for k in ("infallible" if infallible else "", "v1" if project.tauri_major == 1 else "") if k
        )
        key = "floating-vue" if vue else "floating"
        if not vue and site.command is not None and unanswered(project, site.command, options):
            key = "floating-unanswered"
        yield Diagnostic(
            RULE.id,
            RULE.severity,
            site.span,
            MESSAGES[key].format(what=what(site), reasons=REASONS[reasons]),
            VUE_HELP if vue else HELP,
            tuple(related),
        )


RULE = Rule(
    id="floating-invoke",
    severity=Severity.WARNING,
    summary="invoke() promise dropped without handling its rejection",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("correctness", "ipc"),
    precision="high",
    side="frontend",
)
