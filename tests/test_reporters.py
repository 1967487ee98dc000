"""Every output format against a stored snapshot, plus the code-frame details that matter."""

from __future__ import annotations

import json

import pytest

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import Span
from tauri_lint.reporters import FORMATS, get_renderer
from tauri_lint.reporters.full import layout
from tauri_lint.reporters.github import escape_data, escape_property
from tauri_lint.result import LintResult
from tests._reporting_cases import APP, ROOT, RULES, check_snapshot, empty_result, sample_result

EXTENSIONS = {"full": "txt", "concise": "txt", "json": "json", "sarif": "sarif", "github": "txt"}


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)  # CI sets it; paths must not depend on it


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(fmt: str) -> None:
    text = get_renderer(fmt)(sample_result(), rules=RULES)
    check_snapshot(f"sample.{fmt}.{EXTENSIONS[fmt]}", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot_empty(fmt: str) -> None:
    text = get_renderer(fmt)(empty_result(), rules=RULES)
    check_snapshot(f"empty.{fmt}.{EXTENSIONS[fmt]}", text)


def test_snapshot_full_color() -> None:
    check_snapshot("sample.full-color.txt", get_renderer("full")(sample_result(), color=True))


def test_snapshot_full_quiet() -> None:
    check_snapshot("sample.full-quiet.txt", get_renderer("full")(sample_result(), quiet=True))


def test_plain_output_has_no_escape_codes() -> None:
    for fmt in ("full", "concise"):
        assert "\x1b[" not in get_renderer(fmt)(sample_result())


def test_suppressed_findings_only_in_sarif() -> None:
    result = sample_result()
    for fmt in ("full", "concise", "json", "github"):
        assert "a suppressed finding" not in get_renderer(fmt)(result)
    assert "a suppressed finding" in get_renderer("sarif")(result, rules=RULES)


def test_full_header_frame_help_and_related() -> None:
    text = get_renderer("full")(sample_result())
    block = text.split("\n\n")[0].splitlines()
    assert block[0] == ("src/App.tsx:3:3: floating-invoke the promise of `save` is dropped: a rejection goes unnoticed")
    assert block[2] == '3 |   invoke("save", { data });'
    assert block[3] == "  |   " + "^" * 24
    assert "help: await it, return it, or add .catch()" in block
    assert "note: the command `save` is defined at src-tauri/src/lib.rs:2" in block


def test_full_related_note_on_the_findings_own_line_has_a_column() -> None:
    # `Promise.all(keys.map((k) => invoke(...)))`: the loop that repeats the call is on the same line
    source = b'Promise.all(keys.map((k) => invoke("size", { k })));\n'
    here = Related(Span(APP, 1, 18, 1, 21), "repeated by this")
    there = Related(Span(APP, 3, 5, 3, 9), "repeated by this")
    diags = [Diagnostic("invoke-in-hot-loop", Severity.WARNING, Span(APP, 1, 29, 1, 50), "hot", "", (here, there))]
    text = get_renderer("full")(LintResult(diagnostics=diags, files=[APP], root=ROOT, overrides={APP: source}))
    assert "note: repeated by this at src/App.tsx:1:18\n" in text
    assert "note: repeated by this at src/App.tsx:3\n" in text


def test_full_tab_expansion_keeps_carets_aligned() -> None:
    text = get_renderer("full")(sample_result())
    lines = text.splitlines()
    i = lines.index('4 |     invoke("sav", {});')  # the tab became four spaces
    assert lines[i + 1] == "  |            ^^^^^"  # under "sav" with its quotes


def test_full_wide_characters_take_two_cells() -> None:
    shown, starts = layout("a名b\tc")
    assert shown == "a名b    c"  # the tab runs to the next multiple of four
    assert starts == [0, 1, 3, 4, 8, 9]


def test_full_multiline_span_and_vanished_file() -> None:
    text = get_renderer("full")(sample_result())
    assert '5 |   const r = invoke("open", {\n  |                    ^^^^^^^^^\n' in text
    assert '6 |     filePath: "a",\n  |     ^^^^^^^^^^^^^^\n' in text
    assert "7 |   });\n  |   ^\n" in text
    # The vanished file: header, then straight to the next block.
    assert "src/deleted.ts:2:1: unknown-command a file that vanished\n\n" in text


def test_full_long_span_is_elided() -> None:
    source = "".join(f"line{i}\n" for i in range(1, 21)).encode()
    diag = Diagnostic("floating-invoke", Severity.WARNING, Span(APP, 2, 1, 15, 3), "long")
    result = LintResult(diagnostics=[diag], files=[APP], root=ROOT, overrides={APP: source})
    text = get_renderer("full")(result)
    assert " 2 | line2" in text and " 4 | line4" in text and ".. | ..." in text
    assert " 5 | line5" not in text and "14 | line14" in text and "15 | line15" in text


def test_summary_lines() -> None:
    assert get_renderer("full")(empty_result()).endswith("All checks passed! (2 files)\n")
    assert get_renderer("full")(sample_result()).endswith(
        "Found 6 problems (3 errors, 2 warnings, 1 note) in 4 files.\n"
    )


def test_json_is_documented_shape() -> None:
    data = json.loads(get_renderer("json")(sample_result()))
    assert [d["rule"] for d in data][:2] == ["floating-invoke", "unknown-command"]
    first = data[0]
    assert set(first) == {
        "rule",
        "severity",
        "path",
        "absolute_path",
        "start",
        "end",
        "message",
        "help",
        "url",
        "related",
    }
    assert first["path"] == "src/App.tsx" and first["absolute_path"] == APP
    assert first["start"] == {"line": 3, "column": 3} and first["end"] == {"line": 3, "column": 27}
    assert first["related"][0]["path"] == "src-tauri/src/lib.rs"
    assert all(d["message"] != "a suppressed finding" for d in data)


def test_github_escaping() -> None:
    assert escape_data("100%\r\nok: a,b") == "100%25%0D%0Aok: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    lines = get_renderer("github")(sample_result()).splitlines()
    multi = next(line for line in lines if "invoke-arg-mismatch" in line)
    assert multi.startswith("::error file=src/App.tsx,line=5,endLine=7,title=invoke-arg-mismatch::")
    assert "col=" not in multi  # GitHub ignores columns on multi-line annotations
    assert "100%25 sure" in multi
    note = next(line for line in lines if "unused-suppression" in line)
    assert note.startswith("::notice ")
    odd = next(line for line in lines if "second line" in line)  # annotations may span lines
    assert "%0Asecond line" in odd and "file=src/my files/ünïcode 名前.ts," in odd


def test_github_paths_relative_to_workspace(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", "/")
    lines = get_renderer("github")(sample_result()).splitlines()
    assert lines[0].startswith("::warning file=project/src/App.tsx,")


def test_human_formats_keep_one_line_per_finding_header() -> None:
    for fmt in ("full", "concise"):
        text = get_renderer(fmt)(sample_result())
        assert "is dropped second line" in text
        assert "\nsecond line" not in text
