"""bench/generate.py: the synthetic monorepo is deterministic, and its seeded findings are real.

The second test runs the real CLI on a tiny generated monorepo and expects exactly the findings the
generator says it planted (rule, file and line), nothing more: so the rest of the generated code is
clean, node_modules and dist/ are pruned, and every seeded problem is one tauri-lint reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import MANIFEST, generate


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_arguments_give_identical_trees(tmp_path: Path) -> None:
    first = generate(str(tmp_path / "a"), scale=1)
    second = generate(str(tmp_path / "b"), scale=1)
    assert first == second
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert a == b
    assert len(a) > 100
    # another seed gives another tree
    generate(str(tmp_path / "c"), scale=1, seed=7)
    assert _tree(tmp_path / "c") != a


def test_regenerating_into_a_previous_output_replaces_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate(str(out), scale=1)
    (out / "stray.ts").write_text("export {};\n")
    generate(str(out), scale=1)
    assert not (out / "stray.ts").exists()
    other = tmp_path / "not-ours"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="refusing"):
        generate(str(other), scale=1)
    assert (other / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("seed", [1729, 7])
def test_tauri_lint_finds_exactly_the_seeded_findings(tmp_path: Path, seed: int) -> None:
    out = tmp_path / "mono"
    manifest = generate(str(out), scale=1, seed=seed)
    expected = sorted((e["rule"], e["path"], e["line"]) for e in manifest["expected_findings"])
    assert {rule for rule, _, _ in expected} == {
        "invoke-in-hot-loop",
        "unknown-command",
        "large-json-response",
        "floating-invoke",
        "listen-leak",
    }
    assert json.loads((out / MANIFEST).read_text())["expected_findings"] == manifest["expected_findings"]
    assert (out / "node_modules" / "@tauri-apps" / "api" / "core.js").is_file()  # present, and must be pruned

    report = tmp_path / "report.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tauri_lint",
            str(out),
            "--output-format",
            "json",
            "-o",
            str(report),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr  # 1: findings
    found = sorted(
        (d["rule"], os.path.relpath(d["absolute_path"], out), d["start"]["line"])
        for d in json.loads(report.read_text())
    )
    assert found == expected


def test_parallel_floor_parses_every_file_once_across_the_workers(tmp_path: Path) -> None:
    from bench import run

    out = tmp_path / "mono"
    generate(str(out), scale=1)
    paths = run.lint_files(str(out))
    assert paths and len(set(paths)) == len(paths)
    seconds, parsed = run.measure_parallel_floor(paths, 2, repeat=1)
    assert 0 < seconds < 60
    assert parsed == sum(os.path.getsize(p) for p in paths) == run.parse_all(paths)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert run.resolve_jobs("3") == 3 and run.resolve_jobs("auto") == run.resolve_jobs("0") == cpus
