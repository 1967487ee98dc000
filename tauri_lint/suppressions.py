"""Suppression comments: `tauri-lint-disable-next-line`, `tauri-lint-disable-line`, `tauri-lint-disable`.

Only comments count (the parsers hand us `Comment`s), so the same text inside a string never suppresses
anything. A directive must open the comment: `//`, `///`, `//!`, `/* */`, `/** */` and `<!-- -->` all work.

    // tauri-lint-disable-next-line floating-invoke, listen-leak -- fire and forget is fine here
    invoke("ping");
    invoke("ping"); // tauri-lint-disable-line floating-invoke
    /* tauri-lint-disable unknown-command -- commands registered by a macro */
    <!-- tauri-lint-disable-next-line invoke-in-hot-loop -->

Rule ids are separated by commas (or spaces); no rule id means every rule; text after ` -- ` is a reason
and is ignored. Where each directive applies:
- `disable-next-line`: findings that start on the line after the comment ends;
- `disable-line`: findings that start on the line the comment starts on (a finding spanning several
  lines is matched by its first line);
- `disable`: findings that start after the comment, to the end of the file. Put it at the top of the file,
  before any code, to cover the whole file. (It is not an ESLint-style block: there is no `enable`.)

Suppressed findings are kept with `suppressed=True` (SARIF reports them as in-source suppressions).
A directive that suppresses nothing is reported by the `unused-suppression` rule when that rule is
enabled: a named rule that is enabled but did not fire there, a rule id tauri-lint does not know, a
disable-all that matched nothing, or a misspelt directive (`tauri-lint-disable-nextline`). Rules that are
not enabled in this run are never reported as unused. `internal-error` cannot be suppressed.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from tauri_lint.diagnostics import Diagnostic
from tauri_lint.model import Comment, Span
from tauri_lint.registry import INTERNAL_ERROR, UNUSED_SUPPRESSION, get_rule, rule_ids

NEXT_LINE = "disable-next-line"
SAME_LINE = "disable-line"
FILE = "disable"
KINDS = (NEXT_LINE, SAME_LINE, FILE)

_DIRECTIVE = re.compile(r"tauri-lint-([A-Za-z-]*)")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_SEPARATORS = re.compile(r"[,\s]+")


@dataclass(slots=True)
class Directive:
    path: str
    comment: Comment
    kind: str  # NEXT_LINE | SAME_LINE | FILE, or the misspelt keyword
    names: tuple[str, ...]  # rule ids as written, lower-cased; () = every rule
    used: set[str] = field(default_factory=set)  # rule ids it suppressed

    def covers(self, diag: Diagnostic) -> bool:
        span = diag.span
        if self.kind == NEXT_LINE:
            return span.line == self.comment.end_line + 1
        if self.kind == SAME_LINE:
            return span.line == self.comment.line
        if self.kind == FILE:
            return (span.line, span.col) > (self.comment.line, self.comment.col)
        return False  # a misspelt directive suppresses nothing (and is reported)

    def names_rule(self, rule: str) -> bool:
        return not self.names or rule in self.names

    @property
    def span(self) -> Span:
        c = self.comment
        last = c.text.rstrip("\r\n").rsplit("\n", 1)
        end_col = c.col + len(last[0]) if len(last) == 1 else len(last[1].rstrip("\r")) + 1
        return Span(self.path, c.line, c.col, max(c.end_line, c.line), end_col)

    @property
    def where(self) -> str:
        if self.kind == NEXT_LINE:
            return f"on line {self.comment.end_line + 1}"
        if self.kind == SAME_LINE:
            return f"on line {self.comment.line}"
        return f"after line {self.comment.line}"


def comment_body(text: str) -> str:
    """The first line of a comment's content, delimiters and leading doc markers removed."""
    if text.startswith("<!--"):
        body = text[4:].removesuffix("-->")
    elif text.startswith("//"):
        body = text.lstrip("/").removeprefix("!")
    elif text.startswith("/*"):
        body = text[2:].removesuffix("*/").lstrip("*!")
    else:
        body = text
    return body.strip().split("\n", 1)[0].strip()


def parse_directive(path: str, comment: Comment) -> Directive | None:
    body = comment_body(comment.text)
    m = _DIRECTIVE.match(body)
    if m is None:
        return None
    rest = body[m.end() :]
    if rest and not rest[0].isspace() and rest[0] != ",":
        return None  # `tauri-lint-disable: ...`: prose, not a directive
    if not m.group(1).startswith(("disable", "enable")):
        return None  # `tauri-lint-cache is ignored`: prose about the tool
    reason = _REASON.search(rest)
    names_text = rest[: reason.start()] if reason else rest
    names = tuple(n.lower() for n in _SEPARATORS.split(names_text) if n)
    return Directive(path, comment, m.group(1), names)


def _note(directive: Directive, message: str, help: str) -> Diagnostic:
    rule = get_rule(UNUSED_SUPPRESSION)
    assert rule is not None
    return Diagnostic(UNUSED_SUPPRESSION, rule.severity, directive.span, message, help)


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _unused_notes(directive: Directive, enabled: Collection[str]) -> list[Diagnostic]:
    if directive.kind not in KINDS:
        keyword = f"tauri-lint-{directive.kind}"
        expected = ", ".join(f"tauri-lint-{k}" for k in KINDS)
        return [
            _note(
                directive,
                f'unknown suppression directive "{keyword}"'
                + _did_you_mean(keyword, [f"tauri-lint-{k}" for k in KINDS]),
                f"Use one of {expected}.",
            )
        ]
    if not directive.names:
        if directive.used:
            return []
        return [
            _note(
                directive,
                f"unused suppression: no finding of any rule {directive.where}",
                "Remove the suppression comment.",
            )
        ]
    notes: list[Diagnostic] = []
    known = set(rule_ids())
    for name in directive.names:
        if name not in known:
            notes.append(
                _note(
                    directive,
                    f'unused suppression: unknown rule "{name}"' + _did_you_mean(name, sorted(known)),
                    "Use rule ids as listed by `tauri-lint rules`.",
                )
            )
    unused = [
        n
        for n in dict.fromkeys(directive.names)
        if n in known and n in enabled and n not in directive.used and n != UNUSED_SUPPRESSION
    ]
    if unused:
        listed = " or ".join(unused)
        help = (
            "Remove the suppression comment."
            if len(unused) == len(set(directive.names))
            else f"Remove {', '.join(unused)} from the suppression comment."
        )
        notes.append(_note(directive, f"unused suppression: no {listed} finding {directive.where}", help))
    return notes


def _suppress(diags: list[Diagnostic], directives: Sequence[Directive]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for diag in diags:
        hit = False
        if not diag.suppressed and diag.rule != INTERNAL_ERROR:
            for directive in directives:
                if directive.names_rule(diag.rule) and directive.covers(diag):
                    directive.used.add(diag.rule)  # every covering directive counts as used
                    hit = True
        out.append(dataclasses.replace(diag, suppressed=True) if hit else diag)
    return out


def apply_suppressions(
    diags: list[Diagnostic],
    comments: Mapping[str, Sequence[Comment]],
    enabled: Collection[str],
) -> list[Diagnostic]:
    """Mark findings covered by a directive as suppressed and add unused-suppression notes.

    `comments` maps a file path (the same string as in the findings' spans) to its comments; `enabled`
    holds the ids of the rules that ran. Returns all findings, sorted, suppressed ones included.
    """
    by_path: dict[str, list[Directive]] = {}
    for path, file_comments in comments.items():
        for comment in file_comments:
            directive = parse_directive(path, comment)
            if directive is not None:
                by_path.setdefault(path, []).append(directive)
    if not by_path:
        return sorted(diags, key=Diagnostic.sort_key)

    grouped: dict[str, list[Diagnostic]] = {}
    for diag in diags:
        grouped.setdefault(diag.span.path, []).append(diag)

    out: list[Diagnostic] = []
    report_unused = UNUSED_SUPPRESSION in enabled
    for path, file_diags in grouped.items():
        directives = by_path.get(path, [])
        out.extend(_suppress(file_diags, directives) if directives else file_diags)
    if report_unused:
        notes = [note for ds in by_path.values() for d in ds for note in _unused_notes(d, enabled)]
        # Only a directive naming unused-suppression explicitly can silence these notes.
        for path, directives in by_path.items():
            named = [d for d in directives if UNUSED_SUPPRESSION in d.names]
            file_notes = [n for n in notes if n.span.path == path]
            if named:
                out.extend(_suppress(file_notes, named))
            else:
                out.extend(file_notes)
    return sorted(out, key=Diagnostic.sort_key)
