"""The rule interface: a rule is a small function over the project model, plus its metadata.

A rule module under `rules/` defines one `Rule` instance named `RULE`. Its docstring (the module
docstring) is the user documentation in fixed sections; `tests/test_rule_docs.py` runs its examples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tauri_lint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from tauri_lint.project import Project
    from tauri_lint.settings import RuleOptions


Check = Callable[["Project", "RuleOptions"], Iterable[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # kebab-case: what users select, ignore and suppress
    severity: Severity  # default severity
    summary: str  # one line
    docs: str  # markdown, the module docstring
    check: Check
    messages: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    precision: str = "high"  # SARIF properties.precision: very-high | high | medium | low
    side: str = "frontend"  # "frontend" | "rust" | "both": which files its examples need
