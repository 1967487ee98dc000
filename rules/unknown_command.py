"""## What it does
Reports an `invoke()` (direct, through a wrapper, or through bindings) of a command name that no
registered command answers: the name is missing from the app's `generate_handler![...]` /
`collect_commands![...]`, or, for `plugin:NAME|cmd` with a plugin defined in this project, from that
plugin's handler list. When a `#[tauri::command]` fn of that name exists but is not registered, it says
so and points at it; when a registered name is close, it suggests it.

## Why is this bad?
The call compiles and type-checks, then fails at run time with `Command <name> not found`. Commands that
were renamed on one side only, or written but never added to `generate_handler!`, are among the most
common Tauri bugs, and the failure surfaces only when that code path runs.

Not checked:
- Tauri's core plugins (`plugin:app|…`, `plugin:event|…`, `plugin:window|…`, …); a plugin the project
  defines under such a name, as v1 apps do, is checked;
- plugins that are not defined in this project (plugin crates from Cargo.toml, mobile plugins written
  in Kotlin or Swift);
- for a project plugin that registers a Kotlin/Swift half (`register_android_plugin`,
  `register_ios_plugin`), the commands its Rust handler lacks: Tauri hands those to the native code.

Nothing is reported when the Rust side could not be found or read completely, for example when the
handler is built by a macro tauri-lint cannot read: it says nothing rather than guess. A typed wrapper
or binding with a wrong name is reported once, at its own `invoke`, not again at every caller.

## Example
```rust
#[tauri::command]
fn delete_project(id: u32) {}

pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![delete_project])
        .run(tauri::generate_context!())
        .unwrap();
}
```

```ts
import { invoke } from "@tauri-apps/api/core";

export async function remove(id: number) {
  await invoke("remove_project", { id }); // error
}
```

Use instead:
```ts
import { invoke } from "@tauri-apps/api/core";

export async function remove(id: number) {
  await invoke("delete_project", { id });
}
```

## Options
- `known-commands`: command names answered by something tauri-lint cannot see.
- `known-plugins`: plugin names whose commands are never checked.

## References
- [Calling Rust from the frontend: commands](https://v2.tauri.app/develop/calling-rust/)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import InvokeSite
from tauri_lint.project import APP, Project
from tauri_lint.rule import Rule
from tauri_lint.rulekit import command_related
from tauri_lint.settings import RuleOptions

MESSAGES = {
    "unregistered": '`{command}` is defined but not registered: the call fails with "Command {name} not found"',
    "unknown": 'no registered command is named `{command}`: the call fails with "Command {name} not found"',
    "plugin": 'plugin `{plugin}` has no command `{name}`: the call fails with "Command {command} not found"',
    "plugin-prefix": "`{command}` is a command of plugin `{plugin}`, which the app does not register: the call "
    'fails with "Command {command} not found"',
}
HELP = {
    "unregistered": "add `{fn}` to `generate_handler![...]` (the list passed to `.invoke_handler(...)`)",
    "suggest": "did you mean `{suggestion}`?",
    "unknown": "check the command name, or register a `#[tauri::command]` fn named `{name}`",
    "plugin-prefix": "call it as `plugin:{plugin}|{name}`",
    # the command is nowhere and so are the wrapper's callers: most likely a command removed in Rust
    "stale-wrapper": "; if the command was removed, delete `{wrapper}` too: nothing in the project calls it",
}


def _suggest(name: str, names: list[str]) -> str | None:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return close[0] if close else None


RULE_ID = "unknown-command"


def unanswered(project: Project, command: str, options: RuleOptions) -> bool:
    """Does no registered handler answer `command`, as far as this project shows? Shared with
    invoke-arg-mismatch: Tauri looks the command up before it reads the arguments."""
    if project.enabled_rules is not None and RULE_ID not in project.enabled_rules:
        return False  # turned off, often because registrations are out of sight: do not act on its verdict
    if not project.has_rust or project.tauri_dir is None or not project.registrations_complete:
        return False
    if command in options.known_commands:
        return False
    namespace, _ = project.split(command)
    if namespace != APP:
        if namespace in options.known_plugins:
            return False
        if namespace not in project.plugins_defined:
            return False  # a core, external or mobile plugin: not ours to check
        if namespace in project.mobile_plugins:
            return False  # Tauri hands what the Rust handler lacks to the plugin's Kotlin/Swift code
    elif APP not in project.registered:
        return False  # no app handler at all (an empty `generate_handler![]` counts as one): it is unseen
    return not project.is_registered(command)


def _check_site(project: Project, site: InvokeSite, options: RuleOptions) -> Diagnostic | None:
    command = site.command
    if command is None or not site.args_checked_here:
        return None  # unknown, or a typed wrapper's or binding's call: reported at the wrapper's own invoke
    if not unanswered(project, command, options):
        return None
    namespace, name = project.split(command)
    registered = sorted(project.registered.get(namespace, {}))
    defs = project.definitions(command)
    if namespace != APP:
        message = MESSAGES["plugin"].format(plugin=namespace, name=name, command=command)
    elif defs:
        message = MESSAGES["unregistered"].format(command=command, name=name)
    else:
        message = MESSAGES["unknown"].format(command=command, name=name)
    # `#[tauri::command(rename = "fetchUser")] fn fetch_user`: JS must call the new name
    renamed = [c.name for c in project.commands if c.fn_name == name != c.name and c.name in registered]
    suggestion = renamed[0] if renamed else _suggest(name, registered)
    owners = [ns for ns, names in project.registered.items() if ns != APP and name in names] if namespace == APP else []
    plugin = owners[0] if len(owners) == 1 else None
    if plugin is not None:
        # `invoke("coords")` for a command the mouse plugin registers: it needs the plugin prefix
        message = MESSAGES["plugin-prefix"].format(command=command, plugin=plugin)
        help_ = HELP["plugin-prefix"].format(plugin=plugin, name=name)
    elif defs:
        help_ = HELP["unregistered"].format(fn=defs[0].fn_name)
    elif suggestion:
        full = suggestion if namespace == APP else f"plugin:{namespace}|{suggestion}"
        help_ = HELP["suggest"].format(suggestion=full)
    else:
        help_ = HELP["unknown"].format(name=name)
        if site.in_wrapper is not None and not any(s.wrapper == site.in_wrapper for s in project.invokes):
            help_ += HELP["stale-wrapper"].format(wrapper=site.in_wrapper)
    related: list[Related] = command_related(project, defs)
    if suggestion and not defs:
        entries = project.registered.get(namespace, {}).get(suggestion, [])
        related += [Related(e.span, f"`{suggestion}` is registered here") for e in entries[:1]]
    return Diagnostic(RULE.id, RULE.severity, site.span, message, help_, tuple(related))


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for site in project.invokes:
        if project.is_requested(site.span.path):
            found = _check_site(project, site, options)
            if found is not None:
                yield found


RULE = Rule(
    id=RULE_ID,
    severity=Severity.ERROR,
    summary="invoke() of a command that no registered #[tauri::command] answers",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("correctness", "contract"),
    precision="high",
    side="both",
)
