"""What rules produce and reporters print."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from tauri_lint.model import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Related:
    """A location across the bridge: the Rust command for a frontend finding, call sites for Rust."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: str  # kebab-case rule id
    severity: Severity
    span: Span
    message: str  # one sentence: what and why, naming the command
    help: str = ""  # the fix
    related: tuple[Related, ...] = field(default_factory=tuple)
    suppressed: bool = False  # kept (for SARIF) but not counted

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.col, self.rule)
