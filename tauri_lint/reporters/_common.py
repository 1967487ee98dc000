"""What the reporters share: paths, source lines, the summary line and optional colour."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.result import LintResult
from tauri_lint.selection import relative_to_root
from tauri_lint.text import LineIndex

# A styled piece of output: (text, rich style or "" for none). A line is a list of them.
Seg = tuple[str, str]
Line = list[Seg]

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.NOTE: "bold cyan"}


def rel_path(path: str, root: str) -> str:
    return relative_to_root(path, root)


def visible(result: LintResult) -> list[Diagnostic]:
    """The findings a human report shows: unsuppressed, in path/line order."""
    return sorted(result.active, key=Diagnostic.sort_key)


def one_line(text: str) -> str:
    """Messages are single sentences; a stray line break must not split a finding's line."""
    return " ".join(text.split())


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: LintResult) -> Line:
    diags = visible(result)
    files = plural(len(result.files), "file")
    if not diags:
        return [("All checks passed!", "bold green"), (f" ({files})", "")]
    counts = [
        plural(n, severity.value)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTE)
        if (n := sum(d.severity == severity for d in diags))
    ]
    return [(f"Found {plural(len(diags), 'problem')} ({', '.join(counts)}) in {files}.", "bold")]


def source_root(root: str) -> str:
    """The repository root that holds `root`: what GitHub resolves annotation and SARIF paths against.

    $GITHUB_WORKSPACE when it contains `root`, else the nearest directory upward with a `.git` entry,
    else `root` itself.
    """
    root = os.path.abspath(root)
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        workspace = os.path.abspath(workspace)
        if root == workspace or root.startswith(workspace.rstrip(os.sep) + os.sep):
            return workspace
    here = root
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return root
        here = parent


class Sources:
    """Line access to the files findings point at: result.overrides first, then the disk (once each)."""

    def __init__(self, result: LintResult) -> None:
        self._root = os.path.abspath(result.root)
        self._overrides = result.overrides
        self._cache: dict[str, LineIndex | None] = {}

    def _absolute(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.normpath(os.path.join(self._root, path))

    def index(self, path: str) -> LineIndex | None:
        """None when the file vanished or cannot be read."""
        if path not in self._cache:
            absolute = self._absolute(path)
            data = self._overrides.get(absolute, self._overrides.get(path))
            if data is None:
                try:
                    with open(absolute, "rb") as fh:
                        data = fh.read()
                except OSError:
                    data = None
            self._cache[path] = None if data is None else LineIndex(path, data)
        return self._cache[path]

    def line(self, path: str, line: int) -> str | None:
        index = self.index(path)
        if index is None or line < 1 or line > index.line_count:
            return None
        return index.line_text(line)


def emit(lines: Sequence[Line], color: bool) -> str:
    """Join styled lines into text; ANSI colour via rich only when asked (rich is imported only then)."""
    if not color:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    # Fixed, environment-independent rendering: the CLI already decided that colour is wanted.
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        width=100_000,
        legacy_windows=False,
        _environ={},
    )
    for line in lines:
        console.print(Text.assemble(*((text, style) if style else text for text, style in line)))
    return buffer.getvalue()
