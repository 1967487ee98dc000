"""Which rules run, and what settings do to their findings (per-file ignores, severity overrides).

Rule names are rule ids (kebab-case, case-insensitive) and `ALL`. `internal-error` is always enabled and
always an error: a file tauri-lint failed to analyse must never pass silently.

Per-file-ignore globs use gitignore semantics (pathspec's GitIgnoreSpec), matched against the path
relative to the report root with `/` separators:
- a glob without a `/` matches the file name at any depth (`*.test.ts`, `bindings.ts`);
- a glob with a `/` is anchored at the root (`src/legacy/**`, `/src/gen.ts`);
- a directory pattern covers everything below it (`src/generated/`);
- `*` stays within one path segment, `**` crosses segments. Negation (`!glob`) is not supported.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tauri_lint.diagnostics import Diagnostic
from tauri_lint.errors import ConfigError
from tauri_lint.registry import INTERNAL_ERROR, all_rules, rule_ids
from tauri_lint.rule import Rule
from tauri_lint.settings import Settings

if TYPE_CHECKING:
    import pathspec

ALL = "ALL"


def normalize_rule_name(name: str) -> str:
    name = name.strip()
    return ALL if name.upper() == ALL else name.lower()


def unknown_rule_message(name: str, where: str = "", *, allow_all: bool = True) -> str:
    """`unknown rule "x" in select; did you mean "y"? (known rules: ALL, a, b)`"""
    known = rule_ids()
    close = difflib.get_close_matches(name.lower(), known, n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    listed = ", ".join([ALL, *known] if allow_all else known)
    return f'unknown rule "{name}"{f" in {where}" if where else ""}{hint} (known rules: {listed})'


def check_rule_names(names: Iterable[str], where: str, *, allow_all: bool = True) -> None:
    known = set(rule_ids())
    for raw in names:
        name = normalize_rule_name(raw)
        if name == ALL and allow_all:
            continue
        if name not in known:
            raise ConfigError(unknown_rule_message(raw.strip(), where, allow_all=allow_all))


def validate_settings(settings: Settings) -> None:
    """Raise ConfigError for the first unknown rule name anywhere in the settings."""
    check_rule_names(settings.select, "select")
    check_rule_names(settings.extend_select, "extend-select")
    check_rule_names(settings.ignore, "ignore")
    for glob, names in settings.per_file_ignores:
        check_rule_names(names, f'per-file-ignores "{glob}"')
    check_rule_names((name for name, _ in settings.severity), "severity", allow_all=False)


def _expand(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for raw in names:
        name = normalize_rule_name(raw)
        out.update(rule_ids() if name == ALL else (name,))
    return out


def enabled_rules(settings: Settings) -> list[Rule]:
    """The rules to run, sorted by id: (select + extend-select) - ignore, plus internal-error.

    Raises ConfigError naming an unknown rule and listing the valid ids.
    """
    validate_settings(settings)
    chosen = (_expand(settings.select) | _expand(settings.extend_select)) - _expand(settings.ignore)
    chosen.add(INTERNAL_ERROR)
    return [rule for rule in all_rules() if rule.id in chosen]


def relative_to_root(path: str, root: str) -> str:
    """`path` relative to `root` with `/` separators; relative paths are taken as relative already."""
    if not os.path.isabs(path):
        rel = os.path.normpath(path)
    else:
        try:
            rel = os.path.relpath(path, os.path.abspath(root))
        except ValueError:  # another drive on Windows: nothing relative to say
            rel = path
    return rel.replace(os.sep, "/")


@functools.lru_cache(maxsize=64)
def _matcher(glob: str) -> pathspec.GitIgnoreSpec:
    import pathspec  # only when per-file-ignores are set

    return pathspec.GitIgnoreSpec.from_lines([glob])


def glob_matches(glob: str, rel_path: str) -> bool:
    return bool(_matcher(glob).match_file(rel_path))


def ignored_rules_for(rel_path: str, per_file_ignores: Sequence[tuple[str, Sequence[str]]]) -> set[str]:
    ignored: set[str] = set()
    for glob, names in per_file_ignores:
        if glob_matches(glob, rel_path):
            ignored |= _expand(names)
    return ignored


def apply_settings(diags: Sequence[Diagnostic], settings: Settings, root: str) -> list[Diagnostic]:
    """Drop findings silenced by per-file-ignores and apply per-rule severity overrides.

    Pseudo-rule findings (unused-suppression, stale-baseline) obey both like any rule; internal-error
    is never dropped or downgraded.
    """
    overrides = {normalize_rule_name(name): level for name, level in settings.severity}
    ignored_by_path: dict[str, set[str]] = {}
    out: list[Diagnostic] = []
    for diag in diags:
        if diag.rule == INTERNAL_ERROR:
            out.append(diag)
            continue
        path = diag.span.path
        ignored = ignored_by_path.get(path)
        if ignored is None:
            ignored = ignored_by_path[path] = ignored_rules_for(relative_to_root(path, root), settings.per_file_ignores)
        if diag.rule in ignored:
            continue
        level = overrides.get(diag.rule)
        out.append(dataclasses.replace(diag, severity=level) if level and level != diag.severity else diag)
    return out
