"""--baseline files: their format, what they hide, and stale entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tauri_lint.baseline import apply_baseline, load_baseline, write_baseline
from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.errors import ConfigError
from tauri_lint.model import Span

ROOT = "/proj"
APP = f"{ROOT}/src/App.tsx"
LIB = f"{ROOT}/src-tauri/src/lib.rs"


def diag(path: str, line: int, rule: str = "floating-invoke", suppressed: bool = False) -> Diagnostic:
    return Diagnostic(rule, Severity.WARNING, Span(path, line, 1, line, 5), f"m{line}", suppressed=suppressed)


def test_written_format_is_sorted_and_stable(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "baseline.json"
    diags = [
        diag(LIB, 3, "blocking-sync-command"),
        diag(APP, 9),
        diag(APP, 2),
        diag(APP, 4, "listen-leak"),
        diag(APP, 5, suppressed=True),  # already suppressed in source: not baselined
        diag(APP, 6, "internal-error"),  # about the run, not the code
    ]
    write_baseline(str(out), diags, ROOT)
    assert out.read_text(encoding="utf-8") == (
        "{\n"
        '  "src-tauri/src/lib.rs": {\n'
        '    "blocking-sync-command": 1\n'
        "  },\n"
        '  "src/App.tsx": {\n'
        '    "floating-invoke": 2,\n'
        '    "listen-leak": 1\n'
        "  }\n"
        "}\n"
    )
    assert load_baseline(str(out)) == {
        "src-tauri/src/lib.rs": {"blocking-sync-command": 1},
        "src/App.tsx": {"floating-invoke": 2, "listen-leak": 1},
    }


def test_hides_the_earliest_findings_up_to_the_count() -> None:
    diags = [diag(APP, 30), diag(APP, 10), diag(APP, 20), diag(APP, 5, "listen-leak")]
    kept, stale = apply_baseline(diags, {"src/App.tsx": {"floating-invoke": 2}}, ROOT)
    assert [(d.rule, d.span.line) for d in kept] == [("listen-leak", 5), ("floating-invoke", 30)]
    assert stale == []


def test_suppressed_findings_pass_through_without_using_counts() -> None:
    diags = [diag(APP, 1, suppressed=True), diag(APP, 2)]
    kept, stale = apply_baseline(diags, {"src/App.tsx": {"floating-invoke": 1}}, ROOT)
    assert [(d.span.line, d.suppressed) for d in kept] == [(1, True)]
    assert stale == []


def test_stale_entries_become_notes_at_line_one() -> None:
    kept, stale = apply_baseline([diag(APP, 7)], {"src/App.tsx": {"floating-invoke": 3, "listen-leak": 1}}, ROOT)
    assert kept == []
    assert [(d.rule, d.severity, d.span.path, d.span.line) for d in stale] == [
        ("stale-baseline", Severity.NOTE, APP, 1),
        ("stale-baseline", Severity.NOTE, APP, 1),
    ]
    assert stale[0].message == "the baseline expects 3 floating-invoke findings in src/App.tsx but 1 remains"
    assert stale[1].message == "the baseline expects 1 listen-leak finding in src/App.tsx but 0 remain"
    assert "--update-baseline" in stale[0].help


def test_stale_only_for_files_this_run_checked() -> None:
    baseline = {"src/App.tsx": {"floating-invoke": 1}, "src/Other.tsx": {"floating-invoke": 1}}
    _, stale = apply_baseline([], baseline, ROOT, checked=[APP])
    assert [d.message.split(" in ")[1].split(" ")[0] for d in stale] == ["src/App.tsx"]


def test_update_from_a_partial_run_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "baseline.json"
    out.write_text(json.dumps({"src/App.tsx": {"floating-invoke": 5}, "src/Other.tsx": {"listen-leak": 2}}))
    written = write_baseline(str(out), [diag(APP, 1)], ROOT, checked=[APP])
    assert written == {"src/App.tsx": {"floating-invoke": 1}, "src/Other.tsx": {"listen-leak": 2}}
    # A file of this run without findings drops out of the baseline.
    written = write_baseline(str(out), [], ROOT, checked=[APP])
    assert written == {"src/Other.tsx": {"listen-leak": 2}}
    assert load_baseline(str(out)) == written


def test_relative_spans_and_roots() -> None:
    kept, _ = apply_baseline([diag("src/App.tsx", 1)], {"src/App.tsx": {"floating-invoke": 1}}, ".")
    assert kept == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", "must be an object like"),
        ('{"src/App.tsx": 3}', 'entry "src/App.tsx" must map rule ids to counts'),
        ('{"src/App.tsx": {"floating-invoke": -1}}', "must map rule ids to counts"),
        ('{"src/App.tsx": {"floating-invoke": true}}', "must map rule ids to counts"),
        ("{oops", "cannot read baseline"),
    ],
)
def test_malformed_baselines(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text)
    with pytest.raises(ConfigError, match=expected) as info:
        load_baseline(str(path))
    assert str(path) in str(info.value)


def test_missing_baseline_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--update-baseline"):
        load_baseline(str(tmp_path / "nope.json"))
