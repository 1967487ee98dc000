"""Strict fixture projects, as ESLint's RuleTester: every finding is expected inline and every
expectation is met. All rules run on every fixture, so a near-miss that some other rule flags fails too."""

from __future__ import annotations

import os

import pytest

from tauri_lint.engine import lint
from tauri_lint.registry import all_rules
from tauri_lint.settings import Settings
from tests.expectations import actual, expectations_under, explain

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "rules")
CASES = sorted(d for d in os.listdir(FIXTURES) if os.path.isdir(os.path.join(FIXTURES, d)))


@pytest.mark.parametrize("case", CASES)
def test_fixture_project(case: str) -> None:
    root = os.path.join(FIXTURES, case)
    expected = expectations_under(root)
    assert expected, f"{case}: a fixture project with no expectation proves nothing"
    result = lint([root], Settings(), use_cache=False, jobs=1)
    got = actual(result.diagnostics, root)
    assert got == expected, explain(expected, got, result.diagnostics, root)
    assert result.internal_errors == 0


def test_demo_app_shows_every_rule_firing() -> None:
    """The README's first command runs on examples/demo-app: it must show each rule, and only the
    findings its comments announce."""
    root = os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples", "demo-app")
    expected = expectations_under(root)
    result = lint([root], Settings(), use_cache=False, jobs=1)
    got = actual(result.diagnostics, root)
    assert got == expected, explain(expected, got, result.diagnostics, root)
    shipped = {r.id for r in all_rules() if r.docs and "## Example" in r.docs and r.id != "unused-suppression"}
    assert shipped <= {rule for _, _, rule, _ in got}
