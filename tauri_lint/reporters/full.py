"""The default human format: a header per finding, a code frame with a caret underline, help and notes.

    src/App.tsx:12:5: floating-invoke The promise returned by invoke("save") is dropped
       |
    12 |     invoke("save", { data });
       |     ^^^^^^^^^^^^^^^^^^^^^^^^
       |
    help: await the call, or handle rejection with .catch()
    note: the command `save` is defined at src-tauri/src/lib.rs:42

Columns are characters; tabs expand to the next multiple of 4 and wide (CJK) characters take two cells,
in the source line and the underline alike, so carets stay under their characters. A file that cannot be
read any more gets the header only. Related locations read "<message> at path:line", the message's "here"
becoming that location. Notes (skipped files) and a one-line summary follow the findings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tauri_lint.diagnostics import Diagnostic
from tauri_lint.model import Span
from tauri_lint.reporters._common import (
    SEVERITY_STYLE,
    Line,
    Sources,
    emit,
    one_line,
    rel_path,
    summary,
    visible,
)
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule

TAB_WIDTH = 4
MAX_FRAME_LINES = 6  # longer spans show their first and last lines around a "..."
MAX_NOTES = 10

GUTTER = "bold blue"
_HERE = re.compile(r"\s+here\b")


def _cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def layout(text: str) -> tuple[str, list[int]]:
    """Display text of a source line and the display column where each character starts.

    `starts[i]` is the cell of character i (0-based); `starts[len(text)]` is the total width.
    Control characters are shown as U+FFFD so that source text cannot drive the terminal.
    """
    out: list[str] = []
    starts: list[int] = []
    cell = 0
    for ch in text:
        starts.append(cell)
        if ch == "\t":
            width = TAB_WIDTH - cell % TAB_WIDTH
            out.append(" " * width)
        elif ch < " " or ch == "\x7f":
            width = 1
            out.append("\ufffd")
        else:
            width = _cells(ch)
            out.append(ch)
        cell += width
    starts.append(cell)
    return "".join(out), starts


def _underline(text: str, start_col: int | None, end_col: int | None) -> tuple[str, int, int]:
    """(display line, first caret cell, caret count) for 1-based columns; None = line start / end."""
    shown, starts = layout(text)
    n = len(text)
    # A continuation line is underlined from its first non-blank character.
    start = len(text) - len(text.lstrip()) if start_col is None else min(max(start_col - 1, 0), n)
    end = n if end_col is None else min(max(end_col - 1, start), n)
    first = starts[start]
    return shown, first, max(starts[end] - first, 1)


def _frame(diag: Diagnostic, sources: Sources) -> list[Line]:
    span = diag.span
    end_line, end_col = span.end_line, span.end_col
    last_col: int | None = end_col
    if end_line > span.line and end_col <= 1:  # ends at the very start of a line: the line before
        end_line, last_col = end_line - 1, None
    end_line = max(end_line, span.line)
    rows = list(range(span.line, end_line + 1))
    if len(rows) > MAX_FRAME_LINES:
        rows = [*rows[:3], 0, *rows[-2:]]  # 0 marks the elision
    texts = {row: sources.line(span.path, row) for row in rows if row}
    if any(text is None for text in texts.values()):
        return []  # the file changed or vanished under us: a frame would lie
    width = len(str(end_line))
    style = SEVERITY_STYLE[diag.severity]
    blank: Line = [(" " * width + " |", GUTTER)]
    lines: list[Line] = [blank]
    for row in rows:
        if row == 0:
            lines.append([("." * width + " |", GUTTER), (" ...", "")])
            continue
        text = texts[row] or ""
        shown, first, count = _underline(
            text,
            span.col if row == span.line else None,
            last_col if row == end_line else None,
        )
        lines.append([(f"{row:>{width}} |", GUTTER), (" " + shown if shown else "", "")])
        lines.append([*blank, (" " + " " * first, ""), ("^" * count, style)])
    lines.append(blank)
    return lines


def _located(message: str, span: Span, root: str, finding: Span) -> str:
    """ "defined here (#[cfg(test)])" -> "defined at src/lib.rs:4 (#[cfg(test)])"; else append " at ...".
    With the column when it is the finding's own line, which alone would not say where."""
    col = f":{span.col}" if (span.path, span.line) == (finding.path, finding.line) else ""
    at = f" at {rel_path(span.path, root)}:{span.line}{col}"
    located, n = _HERE.subn(lambda _: at, message, count=1)
    return located if n else message + at


def _finding(diag: Diagnostic, root: str, sources: Sources) -> list[Line]:
    span = diag.span
    header: Line = [
        (f"{rel_path(span.path, root)}:{span.line}:{span.col}:", "bold"),
        (" ", ""),
        (diag.rule, SEVERITY_STYLE[diag.severity]),
        (f" {one_line(diag.message)}", ""),
    ]
    lines = [header, *_frame(diag, sources)]
    if diag.help:
        lines.append([("help:", "bold cyan"), (f" {diag.help}", "")])
    for related in diag.related:
        lines.append([("note:", "bold"), (f" {_located(related.message, related.span, root, span)}", "")])
    return lines


def _notes(result: LintResult) -> list[Line]:
    notes = sorted(result.notes, key=lambda n: (n.path, n.line, n.col))
    lines: list[Line] = []
    for note in notes[:MAX_NOTES]:
        where = f"{rel_path(note.path, result.root)}: " if note.path else ""
        lines.append([("note:", "bold"), (f" {where}{note.message}", "")])
    if len(notes) > MAX_NOTES:
        lines.append([("note:", "bold"), (f" ... and {len(notes) - MAX_NOTES} more", "")])
    return lines


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[Rule] | None = None,
) -> str:
    sources = Sources(result)
    lines: list[Line] = []
    for diag in visible(result):
        lines.extend(_finding(diag, result.root, sources))
        lines.append([])
    if not quiet:
        lines.extend(_notes(result))
        if result.notes:
            lines.append([])
        lines.append(summary(result))
    return emit(lines, color)
