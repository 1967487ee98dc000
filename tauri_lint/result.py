"""The outcome of one lint run, as reporters see it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tauri_lint.diagnostics import Diagnostic
from tauri_lint.model import Note


@dataclass(slots=True)
class LintResult:
    # Every finding on the requested files, sorted; suppressed ones are kept with suppressed=True
    # (SARIF reports them as inSource suppressions; other formats hide them).
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # absolute paths of the files checked
    # Where relative paths in reports start: the common root of the linted projects (or the cwd).
    root: str = "."
    # Source text for files that did not come from disk (--stdin-filename), by absolute path.
    overrides: dict[str, bytes] = field(default_factory=dict)
    internal_errors: int = 0
    # Tracebacks of contained internal errors, shown with -v.
    tracebacks: list[str] = field(default_factory=list)

    @property
    def active(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.suppressed]
