"""Every rule's docs are tests: each `## Example` line marked `// <severity>` must get exactly that
finding from that rule, and each `Use instead:` block must get none. Docs cannot drift from behaviour."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tauri_lint.engine import lint
from tauri_lint.registry import all_rules
from tauri_lint.rule import Rule
from tauri_lint.settings import Settings
from tests.expectations import actual, expectations_under, explain
from tests.projects import make_project

FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SUFFIX = {"ts": ".ts", "tsx": ".tsx", "js": ".js", "jsx": ".jsx", "vue": ".vue", "svelte": ".svelte"}

RULES = [r for r in all_rules() if r.docs and "## Example" in r.docs]


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def _groups(rule: Rule) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    example = rule.docs.split("## Example", 1)[1]
    example = re.split(r"\n## ", example, maxsplit=1)[0]
    bad, _, good = example.partition("Use instead:")
    return _blocks(bad), _blocks(good)


def _write(root: Path, blocks: list[tuple[str, str]], inherited_rust: list[str]) -> str:
    rust = [code for lang, code in blocks if lang == "rust"] or inherited_rust
    files: dict[str, str] = {}
    if rust:
        files["src-tauri/src/lib.rs"] = "\n".join(rust)
    for i, (lang, code) in enumerate(blocks):
        if lang in SUFFIX:
            files[f"src/example_{i}{SUFFIX[lang]}"] = code
    return make_project(str(root), files)


def _run(root: str, rule: Rule) -> list:
    return lint([root], Settings(select=(rule.id,)), use_cache=False, jobs=1).diagnostics


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_fire(rule: Rule, tmp_path: Path) -> None:
    bad, _ = _groups(rule)
    assert bad, f"{rule.id}: the docs have no example code"
    root = _write(tmp_path, bad, [])
    expected = expectations_under(root, default_rule=rule.id)
    assert expected, f"{rule.id}: no line of the example is marked with // error|warning|note"
    diags = _run(root, rule)
    got = actual(diags, root)
    assert got == expected, explain(expected, got, diags, root)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_use_instead_is_clean(rule: Rule, tmp_path: Path) -> None:
    bad, good = _groups(rule)
    assert good, f"{rule.id}: the docs have no 'Use instead:' code"
    inherited = [code for lang, code in bad if lang == "rust"]
    root = _write(tmp_path, good, inherited)
    diags = _run(root, rule)
    assert not [d for d in diags if not d.suppressed], "\n".join(
        f"{os.path.relpath(d.span.path, root)}:{d.span.line} {d.message}" for d in diags
    )


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_docs_have_the_fixed_sections(rule: Rule) -> None:
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in rule.docs, f"{rule.id}: missing {heading!r}"
    assert rule.summary and not rule.summary.endswith(".")
