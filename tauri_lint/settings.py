"""Resolved settings: what the CLI flags and the config file decide, in one picklable object."""

from __future__ import annotations

from dataclasses import dataclass, field

from tauri_lint.diagnostics import Severity

DEFAULT_EXCLUDES: tuple[str, ...] = (
    "node_modules",
    "dist",
    "build",
    "target",
    ".git",
    ".svelte-kit",
    ".next",
    ".nuxt",
    "out",
    "coverage",
    "gen",
    ".tauri-lint-cache",
)


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """Options rules read. Extraction-relevant ones are part of the cache key."""

    # extra high-frequency DOM events for invoke-in-hot-loop (besides mousemove, scroll, ...)
    hot_events: tuple[str, ...] = ()
    # extra function names to treat as pass-through invoke wrappers: name → (cmd param, args param)
    wrapper_names: tuple[str, ...] = ()
    # commands answered by something tauri-lint cannot see (e.g. a macro-built handler)
    known_commands: tuple[str, ...] = ()
    # external plugins whose `plugin:NAME|...` commands are not checked (besides Cargo.toml deps)
    known_plugins: tuple[str, ...] = ()
    # loops up to this literal bound are not reported by invoke-in-hot-loop
    max_loop_bound: int = 20
    # literal arrays up to this length are not reported by invoke-in-hot-loop
    max_array_length: int = 8
    # setInterval polling with a literal delay of at least this many ms is not reported by invoke-in-hot-loop
    min_poll_interval: int = 1000


@dataclass(frozen=True, slots=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    severity: tuple[tuple[str, Severity], ...] = ()
    options: RuleOptions = field(default_factory=RuleOptions)
