"""Suppression comments: where each directive applies, which comments count, and unused directives."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.model import Comment, Span
from tauri_lint.suppressions import apply_suppressions, comment_body, parse_directive

PATH = "/p/src/App.tsx"
ALL_ENABLED = {"floating-invoke", "listen-leak", "unknown-command", "unused-suppression", "internal-error"}


def diag(line: int, rule: str = "floating-invoke", end_line: int | None = None, col: int = 3) -> Diagnostic:
    return Diagnostic(rule, Severity.WARNING, Span(PATH, line, col, end_line or line, col + 5), "m")


def comment(line: int, text: str, col: int = 1) -> Comment:
    return Comment(line, col, line + text.count("\n"), text)


def run(diags: Sequence[Diagnostic], comments: Sequence[Comment], enabled: set[str] = ALL_ENABLED) -> list[Diagnostic]:
    return apply_suppressions(list(diags), {PATH: list(comments)}, enabled)


def states(out: Sequence[Diagnostic]) -> list[tuple[str, int, bool]]:
    return [(d.rule, d.span.line, d.suppressed) for d in out]


def notes(out: Sequence[Diagnostic]) -> list[str]:
    return [d.message for d in out if d.rule == "unused-suppression"]


def test_next_line() -> None:
    out = run([diag(2), diag(3)], [comment(1, "// tauri-lint-disable-next-line floating-invoke")])
    assert states(out) == [("floating-invoke", 2, True), ("floating-invoke", 3, False)]
    assert notes(out) == []


def test_same_line_and_multiline_findings_match_their_first_line() -> None:
    out = run(
        [diag(5), diag(7, end_line=9)],
        [
            comment(5, "// tauri-lint-disable-line floating-invoke", col=30),
            comment(9, "// tauri-lint-disable-line floating-invoke", col=10),
        ],
    )
    assert states(out)[:2] == [("floating-invoke", 5, True), ("floating-invoke", 7, False)]
    assert notes(out) == ["unused suppression: no floating-invoke finding on line 9"]


def test_file_level_covers_everything_after_it() -> None:
    out = run(
        [diag(1, col=1), diag(4), diag(40, "listen-leak")],
        [comment(2, "/* tauri-lint-disable floating-invoke, listen-leak -- generated code */")],
    )
    assert states(out) == [
        ("floating-invoke", 1, False),
        ("floating-invoke", 4, True),
        ("listen-leak", 40, True),
    ]


def test_no_rule_list_means_every_rule() -> None:
    out = run([diag(2), diag(2, "listen-leak")], [comment(1, "// tauri-lint-disable-next-line")])
    assert [d.suppressed for d in out] == [True, True]
    out = run([diag(2)], [comment(1, "// tauri-lint-disable-next-line -- all of them, for a reason")])
    assert [d.suppressed for d in out] == [True]


def test_reason_and_separators() -> None:
    directive = parse_directive(PATH, comment(1, "// tauri-lint-disable-line a,b  c -- because -- really"))
    assert directive is not None
    assert directive.names == ("a", "b", "c")


def test_comment_styles() -> None:
    styles = [
        "// tauri-lint-disable-next-line floating-invoke",
        "/// tauri-lint-disable-next-line floating-invoke",
        "//! tauri-lint-disable-next-line floating-invoke",
        "/* tauri-lint-disable-next-line floating-invoke */",
        "/** tauri-lint-disable-next-line floating-invoke */",
        "<!-- tauri-lint-disable-next-line floating-invoke -->",
        "<!--tauri-lint-disable-next-line floating-invoke-->",
    ]
    for text in styles:
        out = run([diag(2)], [comment(1, text)])
        assert out[0].suppressed, text


def test_multiline_block_comment_applies_after_its_end() -> None:
    text = "/* tauri-lint-disable-next-line floating-invoke\n   the bridge is idle here */"
    out = run([diag(2), diag(3)], [comment(1, text)])
    assert states(out) == [("floating-invoke", 2, False), ("floating-invoke", 3, True)]
    assert comment_body(text) == "tauri-lint-disable-next-line floating-invoke"


def test_only_a_comment_that_opens_with_the_directive_counts() -> None:
    for text in (
        "// see tauri-lint-disable-next-line floating-invoke",
        "// tauri-lint-cache is not committed",
        "// tauri-lint-disable-next-line: floating-invoke",
    ):
        out = run([diag(2)], [comment(1, text)])
        assert states(out) == [("floating-invoke", 2, False)], text


def test_unused_named_rule_only_when_enabled() -> None:
    directive = comment(1, "// tauri-lint-disable-next-line floating-invoke, listen-leak")
    out = run([diag(2)], [directive])
    assert notes(out) == ["unused suppression: no listen-leak finding on line 2"]
    note = next(d for d in out if d.rule == "unused-suppression")
    assert note.severity == Severity.NOTE
    assert note.help == "Remove listen-leak from the suppression comment."
    assert (note.span.line, note.span.col, note.span.end_col) == (1, 1, 1 + len(directive.text))
    out = run([diag(2)], [directive], enabled={"floating-invoke", "unused-suppression"})
    assert notes(out) == []  # listen-leak is not enabled: it might fire if it were


def test_unused_everything() -> None:
    out = run([], [comment(3, "// tauri-lint-disable-line floating-invoke")])
    assert notes(out) == ["unused suppression: no floating-invoke finding on line 3"]
    assert out[0].help == "Remove the suppression comment."
    out = run([], [comment(3, "// tauri-lint-disable-next-line")])
    assert notes(out) == ["unused suppression: no finding of any rule on line 4"]
    out = run([], [comment(3, "/* tauri-lint-disable floating-invoke */")])
    assert notes(out) == ["unused suppression: no floating-invoke finding after line 3"]


def test_unknown_rule_and_misspelt_directive() -> None:
    out = run([], [comment(1, "// tauri-lint-disable-next-line floating-invokes")])
    assert notes(out) == ['unused suppression: unknown rule "floating-invokes" (did you mean "floating-invoke"?)']
    out = run([diag(2)], [comment(1, "// tauri-lint-disable-nextline floating-invoke")])
    assert notes(out) == [
        'unknown suppression directive "tauri-lint-disable-nextline" (did you mean "tauri-lint-disable-next-line"?)'
    ]
    assert not out[0].suppressed
    out = run([diag(2)], [comment(1, "// tauri-lint-disabled floating-invoke")])
    assert notes(out) == ['unknown suppression directive "tauri-lint-disabled" (did you mean "tauri-lint-disable"?)']
    assert not [d for d in out if d.suppressed]


def test_no_notes_when_unused_suppression_is_disabled() -> None:
    out = run([], [comment(1, "// tauri-lint-disable-next-line nope")], enabled={"floating-invoke"})
    assert out == []


def test_unused_notes_can_be_silenced_by_naming_the_rule() -> None:
    out = run(
        [],
        [
            comment(1, "/* tauri-lint-disable unused-suppression */"),
            comment(5, "// tauri-lint-disable-next-line floating-invoke"),
        ],
    )
    assert states(out) == [("unused-suppression", 5, True)]


def test_internal_errors_are_never_suppressed() -> None:
    crash = diag(2, "internal-error")
    out = run([crash], [comment(1, "// tauri-lint-disable-next-line")])
    assert ("internal-error", 2, False) in states(out)


def test_other_files_and_presuppressed_findings_pass_through() -> None:
    elsewhere = Diagnostic("floating-invoke", Severity.WARNING, Span("/p/other.ts", 2, 1, 2, 2), "m")
    already = Diagnostic("floating-invoke", Severity.WARNING, Span(PATH, 9, 1, 9, 2), "m", suppressed=True)
    out = run([elsewhere, already], [comment(1, "// tauri-lint-disable-next-line floating-invoke")])
    assert elsewhere in out and already in out
    assert notes(out) == ["unused suppression: no floating-invoke finding on line 2"]


def test_no_comments_is_a_no_op() -> None:
    diags = [diag(3), diag(1)]
    assert apply_suppressions(diags, {}, ALL_ENABLED) == sorted(diags, key=Diagnostic.sort_key)


@given(
    lines=st.lists(st.integers(min_value=1, max_value=30), max_size=12),
    directives=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=30),
            st.sampled_from(["disable-next-line", "disable-line", "disable"]),
            st.sampled_from(["", "floating-invoke", "listen-leak", "floating-invoke, listen-leak", "bogus"]),
        ),
        max_size=6,
    ),
)
def test_findings_are_never_dropped_or_invented(lines: list[int], directives: list[tuple[int, str, str]]) -> None:
    diags = [diag(line, "floating-invoke" if line % 2 else "listen-leak") for line in lines]
    comments = [comment(line, f"// tauri-lint-{kind} {names}") for line, kind, names in directives]
    out = run(diags, comments)
    kept = [d for d in out if d.rule != "unused-suppression"]
    assert sorted(d.span.line for d in kept) == sorted(lines)
    assert len([d for d in out if d.rule == "unused-suppression"]) <= 2 * len(comments)
