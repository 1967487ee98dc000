"""## What it does
Compares the literal argument object of an `invoke()` (direct, through a pass-through wrapper, or inside
a typed wrapper or bindings) with the parameters of the Rust command, as JS must send them: each
parameter's name in lowerCamelCase (`file_path` → `filePath`), or unchanged with
`#[tauri::command(rename_all = "snake_case")]`. Parameters Tauri injects (`State`, `AppHandle`, `Window`,
`Webview`, `WebviewWindow`, `Request`, scopes) are not sent from JS; a `Channel<T>` is.

It reports, as an error, a required (non-`Option`) key that is missing — naming the key when it was
sent in the other case (`project_path` for `projectPath`), the most common Tauri mistake — and, as a
warning, an `Option` key sent under a wrong name (silently `None`) or a key no parameter takes (ignored).

## Why is this bad?
A missing required key fails at run time with ``invalid args `filePath` for command `open`: command open
missing required key filePath``. An optional argument under the wrong key is worse: the command runs
with `None` and nothing tells you. Neither the TypeScript compiler nor rustc can see this mismatch.

Skipped when the arguments are not a literal object, hold a spread or computed keys, are a raw
`ArrayBuffer`/`Uint8Array`, or when the command takes `tauri::ipc::Request`. `#[cfg]` variants of one
command are merged: a key is required only if every variant requires it.

## Example
```rust
#[tauri::command]
fn open_project(project_path: String, read_only: Option<bool>) {}
```

```ts
import { invoke } from "@tauri-apps/api/core";

export async function open(path: string) {
  await invoke("open_project", { project_path: path }); // error
}
```

Use instead:
```ts
import { invoke } from "@tauri-apps/api/core";

export async function open(path: string) {
  await invoke("open_project", { projectPath: path });
}
```

## References
- [Calling Rust from the frontend: passing arguments](https://v2.tauri.app/develop/calling-rust/#passing-arguments)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import Command, InvokeSite, Param, Span
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.settings import RuleOptions

from .unknown_command import unanswered

MESSAGES = {
    "other-case": "`{command}` expects the key `{key}` but this call sends `{sent}`: the call fails with "
    '"missing required key {key}"',
    "missing": "`{command}` requires the key `{key}`, which this call does not send: the call fails with "
    '"missing required key {key}"',
    "optional-other-case": "`{command}` takes the optional key `{key}` but this call sends `{sent}`: the "
    "command silently gets None",
    "unknown-key": "`{command}` has no parameter for the key `{sent}`: the value is ignored",
}
HELP = {
    "rename": "rename the key to `{key}`{why}",
    "only-unsent": " (the one parameter this call does not send with a similar name)",
    "add": "send `{key}` ({type}), or make the parameter `Option<...>` if it may be left out",
    "remove": "remove `{sent}`, or add a parameter `{snake}` to the command{known}",
    # one key no parameter takes, one parameter the call does not send, names too unlike to be sure
    "add-or-rename": "send `{key}` ({type}); if `{sent}`, which no parameter takes, holds that value, "
    "rename it to `{key}`",
    "remove-or-rename": "rename `{sent}` to `{key}` if it holds the value of `{key}`, the one required parameter "
    "this call does not send; else remove it",
}


# Rust keywords a parameter can still be named with the raw prefix (`r#type`); Tauri drops the prefix
# from the key, so `r#type` receives `{ type }`.
_RUST_KEYWORDS = frozenset(
    {
        "as",
        "async",
        "await",
        "break",
        "const",
        "continue",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "fn",
        "for",
        "gen",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "match",
        "mod",
        "move",
        "mut",
        "pub",
        "ref",
        "return",
        "static",
        "struct",
        "trait",
        "true",
        "type",
        "unsafe",
        "use",
        "where",
        "while",
        "abstract",
        "become",
        "box",
        "do",
        "final",
        "macro",
        "override",
        "priv",
        "try",
        "typeof",
        "unsized",
        "virtual",
        "yield",
    }
)


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


def _rust_param(key: str) -> str:
    """The Rust parameter that receives `key`: snake_case, raw (`r#type`) when it is a keyword."""
    snake = _snake(key)
    return f"r#{snake}" if snake in _RUST_KEYWORDS else snake


def _fold(key: str) -> str:
    return key.replace("_", "").lower()


def _words(key: str) -> set[str]:
    return {w for w in _snake(key).split("_") if len(w) > 1}


def _alike(sent: str, param: str) -> bool:
    """Names that share a word (`altHtml`/`altText`, `type`/`winType`) or most of their letters."""
    return (
        bool(_words(sent) & _words(param)) or difflib.SequenceMatcher(None, _fold(sent), _fold(param)).ratio() >= 0.75
    )


def _case_note(cmds: list[Command]) -> str:
    if any(c.rename_all == "snake_case" for c in cmds):
        return ' (the command keeps snake_case keys with rename_all = "snake_case")'
    return " (Tauri converts parameter names to lowerCamelCase)"


def _params(cmds: list[Command]) -> tuple[dict[str, Param], set[str]]:
    """Keys JS may send (first variant's param per key) and keys every cfg variant requires."""
    keys: dict[str, Param] = {}
    required: set[str] | None = None
    for cmd in cmds:
        sent = [p for p in cmd.params if not p.injected]
        for p in sent:
            keys.setdefault(p.js_key, p)
        need = {p.js_key for p in sent if not p.optional}
        required = need if required is None else required & need
    return keys, required or set()


def _check_site(project: Project, site: InvokeSite, options: RuleOptions) -> Iterator[Diagnostic]:
    args = site.args
    if site.command is None or not site.args_checked_here or args.open or args.kind not in ("object", "none"):
        return
    if unanswered(project, site.command, options):
        return  # Tauri fails on the unknown command before it reads the arguments: unknown-command says so
    cmds = project.definitions(site.command)
    if not cmds or any(p.is_request for c in cmds for p in c.params):
        return
    keys, required = _params(cmds)
    sent = dict(zip(args.keys, args.key_spans, strict=True)) if args.key_spans else {k: site.span for k in args.keys}
    related = tuple(_related(cmds))
    by_fold = {_fold(k): k for k in keys}
    targets = {key: by_fold.get(_fold(key)) for key in sent if key not in keys}
    targets = {key: t if t is not None and t not in sent else None for key, t in targets.items()}
    # one key the command does not know and one parameter (of every cfg variant) the call leaves out,
    # with a word in common: most likely a misnamed key (`{ altHtml }` for `alt_text`), so say which
    strays = [key for key, t in targets.items() if t is None]
    everywhere = set.intersection(*({p.js_key for p in c.params if not p.injected} for c in cmds))
    unsent = [k for k in keys if k not in sent and k not in targets.values() and k in everywhere]
    lone = len(strays) == 1 and len(unsent) == 1
    paired = lone and _alike(strays[0], unsent[0])
    if paired:
        targets[strays[0]] = unsent[0]
    # `{ processId }` for the one required `pid` left out: too unlike to be sure, but worth a word in both helps
    needed = [k for k in unsent if k in required]
    guess = (strays[0], needed[0]) if len(strays) == 1 and len(needed) == 1 and not paired else None
    matched: set[str] = set()
    for key, span in sent.items():
        if key in keys:
            matched.add(key)
            continue
        target = targets[key]
        if target is not None:
            matched.add(target)
            param = keys[target]
            msg = "optional-other-case" if param.optional or target not in required else "other-case"
            severity = Severity.WARNING if msg == "optional-other-case" else Severity.ERROR
            why = HELP["only-unsent"] if paired and key == strays[0] else _case_note(cmds)
            yield Diagnostic(
                RULE.id,
                severity,
                span,
                MESSAGES[msg].format(command=site.command, key=target, sent=key),
                HELP["rename"].format(key=target, why=why),
                related,
            )
            continue
        known = ", ".join(f"`{k}`" for k in sorted(keys)) or "none"
        yield Diagnostic(
            RULE.id,
            Severity.WARNING,
            span,
            MESSAGES["unknown-key"].format(command=site.command, sent=key),
            HELP["remove-or-rename"].format(sent=key, key=guess[1])
            if guess is not None
            else HELP["remove"].format(sent=key, snake=_rust_param(key), known=f" (it takes: {known})"),
            related,
        )
    for key in sorted(required - matched):
        where: Span = args.span if args.span is not None else site.span
        yield Diagnostic(
            RULE.id,
            Severity.ERROR,
            where,
            MESSAGES["missing"].format(command=site.command, key=key),
            HELP["add-or-rename"].format(key=key, type=keys[key].type_text, sent=guess[0])
            if guess is not None
            else HELP["add"].format(key=key, type=keys[key].type_text),
            related,
        )


def fails_before_running(project: Project, site: InvokeSite, options: RuleOptions) -> bool:
    """Does Tauri reject this call before the command runs: no handler answers it, or a required key is
    missing? Shared with fire-and-forget-invoke: such a call is no notification that cannot fail."""
    if site.command is not None and unanswered(project, site.command, options):
        return True
    return any(d.severity == Severity.ERROR for d in _check_site(project, site, options))


def _related(cmds: list[Command]) -> Iterator[Related]:
    for cmd in cmds[:3]:
        span = next((p.span for p in cmd.params if p.span is not None), None) or cmd.name_span
        cfg = f" (#[cfg({cmd.cfg})])" if cmd.cfg else ""
        yield Related(span, f"parameters of `{cmd.fn_name}`{cfg}")


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for site in project.invokes:
        if project.is_requested(site.span.path):
            yield from _check_site(project, site, options)


RULE = Rule(
    id="invoke-arg-mismatch",
    severity=Severity.ERROR,
    summary="invoke() argument keys that do not match the command's parameters",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("correctness", "contract"),
    precision="high",
    side="both",
)
