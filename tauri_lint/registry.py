"""Every rule tauri-lint knows: the modules under `rules/` plus the built-in pseudo-rules.

Pseudo-rules have no check of their own: the suppression, baseline and engine code emit their
diagnostics. They live here so that selection, severity overrides, `tauri-lint rule NAME` and the SARIF
rule table treat them like any other rule.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.rule import Rule

if TYPE_CHECKING:
    from tauri_lint.project import Project
    from tauri_lint.settings import RuleOptions

UNUSED_SUPPRESSION = "unused-suppression"
INTERNAL_ERROR = "internal-error"
STALE_BASELINE = "stale-baseline"

# Where `rule_url` points: one page with an anchor per rule (`## rule-id` headings).
DOCS_URL = "https://github.com/tauri-lint/tauri-lint/blob/main/docs/rules.md"


def rule_url(rule_id: str) -> str:
    return f"{DOCS_URL}#{rule_id}"


def _no_check(project: Project, options: RuleOptions) -> Iterable[Diagnostic]:
    return ()


_UNUSED_SUPPRESSION_DOCS = """\
## What it does
Reports a `tauri-lint-disable...` comment that suppresses nothing: it names a rule that did not fire
where the comment applies, names a rule tauri-lint does not know, or disables every rule where none
fired.

## Why is this bad?
A stale suppression hides the next real finding on that line, and a misspelt rule name silently
suppresses nothing at all. Either way the comment no longer says anything true about the code.

## Example
```ts
import { invoke } from "@tauri-apps/api/core";

export function save(settings: object) {
  // tauri-lint-disable-next-line floating-invokes -- fire and forget // note
  invoke("save_settings", { settings });
}
```

Use instead:
```ts
import { invoke } from "@tauri-apps/api/core";

export function save(settings: object) {
  // tauri-lint-disable-next-line floating-invoke -- fire and forget
  invoke("save_settings", { settings });
}
```

## Syntax
A directive is a comment that starts with `tauri-lint-disable-next-line`, `tauri-lint-disable-line` or
`tauri-lint-disable`, followed by rule ids separated by commas (none means every rule) and an optional
`-- reason`. It works in `//`, `/* */`, Rust and `<!-- -->` comments. Rules that are not enabled in this
run are never reported as unused.
"""

_INTERNAL_ERROR_DOCS = """\
## What it does
Reports a file tauri-lint could not analyse because of a bug in tauri-lint itself (a crash while
parsing or while running a rule).

## Why is this bad?
The file was not checked, so findings in it may be missing. The run exits with code 2.

## What to do
Please report the message, and the file if you can share it, at
https://github.com/tauri-lint/tauri-lint/issues. Run with `-v` to see the traceback.

This rule cannot be disabled, ignored per file or suppressed by comments.
"""

_STALE_BASELINE_DOCS = """\
## What it does
Reports a `--baseline` entry that expects more findings in a file than the file now has.

## Why is this bad?
The baseline hides up to its count of old findings per file and rule. Once some of them are fixed,
the spare count would hide new findings of that rule in that file. Shrinking the baseline keeps the
ratchet tight.

## What to do
Run `tauri-lint --baseline FILE --update-baseline` and commit the smaller baseline. For instance, when
the baseline says `"src/App.tsx": {"floating-invoke": 2}` and one of the two calls was fixed, the
update writes `1`.
"""


PSEUDO_RULES: tuple[Rule, ...] = (
    Rule(
        id=UNUSED_SUPPRESSION,
        severity=Severity.NOTE,
        summary="suppression comment that suppresses nothing",
        docs=_UNUSED_SUPPRESSION_DOCS,
        check=_no_check,
        tags=("suppression",),
        precision="very-high",
        side="both",
    ),
    Rule(
        id=INTERNAL_ERROR,
        severity=Severity.ERROR,
        summary="tauri-lint failed to analyse a file",
        docs=_INTERNAL_ERROR_DOCS,
        check=_no_check,
        tags=("internal",),
        precision="very-high",
        side="both",
    ),
    Rule(
        id=STALE_BASELINE,
        severity=Severity.NOTE,
        summary="baseline entry that expects more findings than remain",
        docs=_STALE_BASELINE_DOCS,
        check=_no_check,
        tags=("baseline",),
        precision="very-high",
        side="both",
    ),
)


@functools.cache
def _load() -> tuple[Rule, ...]:
    # The top-level `rules/` directory, installed under this name (mypy cannot follow the mapping).
    package = importlib.import_module("tauri_lint.rules")

    found = {rule.id: rule for rule in PSEUDO_RULES}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            continue  # a helper module shared by rules
        if rule.id in found:
            raise RuntimeError(f"duplicate rule id {rule.id!r} in {module.__name__}")
        found[rule.id] = rule
    return tuple(sorted(found.values(), key=lambda r: r.id))


def all_rules() -> list[Rule]:
    """Every rule, pseudo-rules included, sorted by id. Loaded once per process."""
    return list(_load())


@functools.cache
def _by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in _load()}


def get_rule(rule_id: str) -> Rule | None:
    return _by_id().get(rule_id)


def rule_ids() -> list[str]:
    return [rule.id for rule in _load()]
