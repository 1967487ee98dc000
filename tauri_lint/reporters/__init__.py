"""Output formats. Each module defines `render(result, *, color=False, quiet=False, rules=None) -> str`.

Modules are imported only when their format is used, so `tauri-lint --version` and the plain formats
never load rich or the SARIF code.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tauri_lint.result import LintResult
    from tauri_lint.rule import Rule

FORMATS: tuple[str, ...] = ("full", "concise", "json", "sarif", "github")

_MODULES = {
    "full": "full",
    "concise": "concise",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
}


class Renderer(Protocol):
    def __call__(
        self,
        result: LintResult,
        *,
        color: bool = False,
        quiet: bool = False,
        rules: Sequence[Rule] | None = None,
    ) -> str: ...


def get_renderer(name: str) -> Renderer:
    """The `render` function of an output format (one of FORMATS)."""
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    renderer: Renderer = module.render
    return renderer
