"""Property tests: mutated fixture files and generated Rust and TS/TSX/Vue/Svelte/HTML never break a run.

For every input the run ends, raises nothing, reports no internal error, keeps every span inside its
file, renders in every format and produces SARIF valid against the 2.1.0 schema (see
`tests.test_robustness.check_run`). Example counts are modest and the runs derandomized, so CI is
reproducible and the file takes seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tauri_lint.cache import CACHE_DIR_NAME
from tauri_lint.engine import lint
from tauri_lint.result import LintResult
from tauri_lint.settings import Settings
from tauri_lint.text import BOM, LineIndex
from tests.test_robustness import check_run, line_lengths

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SOURCE_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".vue", ".svelte", ".html", ".rs")
# Files discovery and the module resolver parse besides source: mutating them must not break a run either.
CONFIG_NAMES = ("Cargo.toml", "tauri.conf.json", "package.json", "tsconfig.json")

# TAURI_LINT_FUZZ_EXAMPLES=5000 hunts with fresh random examples; CI runs the same 50 each time.
HUNT = int(os.environ.get("TAURI_LINT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=HUNT or 50,
    deadline=None,
    derandomize=not HUNT,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _corpus() -> list[tuple[str, bytes]]:
    """Every source file of the fixture projects, the example app and the extractor fixtures."""
    roots = [FIXTURES / "rules", FIXTURES / "embedded", FIXTURES / "rust", REPO / "examples" / "demo-app"]
    found = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != CACHE_DIR_NAME)
            for name in sorted(filenames):
                if name.endswith(SOURCE_SUFFIXES):
                    path = Path(dirpath) / name
                    found.append((str(path.relative_to(REPO)), path.read_bytes()))
    return found


CORPUS = _corpus()


def _lint(root: Path) -> LintResult:
    return lint([str(root)], Settings(), jobs=1, use_cache=False)


def _base_project(target: Path) -> Path:
    """The example app plus the hot-loop fixture's frontend: wrappers, JSX, Vue, Svelte, tsconfig paths."""
    shutil.copytree(REPO / "examples" / "demo-app", target, ignore=shutil.ignore_patterns(CACHE_DIR_NAME))
    for path in (FIXTURES / "rules" / "hot_loop" / "src").iterdir():
        shutil.copy(path, target / "src" / f"hot_{path.name}")
    return target


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = _base_project(tmp_path_factory.mktemp("fuzz") / "app")
    result = _lint(app)
    check_run(result)
    assert result.active, "the base project must have findings for mutations to disturb"
    return app


@pytest.fixture(scope="module")
def pristine(scratch: Path) -> dict[str, bytes]:
    """The base project's own files, to restore after each example."""
    out = {}
    for dirpath, _, filenames in os.walk(scratch):
        for name in filenames:
            if name.endswith(SOURCE_SUFFIXES) or name in CONFIG_NAMES:
                path = os.path.join(dirpath, name)
                with open(path, "rb") as fh:
                    out[os.path.relpath(path, scratch)] = fh.read()
    return out


def _restore(root: Path, pristine: dict[str, bytes], extra: list[Path]) -> None:
    for path in extra:
        if path.exists():
            path.unlink()
    for rel, data in pristine.items():
        path = root / rel
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


# --------------------------------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------------------------------

TOKEN = re.compile(rb"\s+|\w+|[^\w\s]")  # every byte belongs to exactly one token
NASTY = [
    b"{",
    b"}",
    b"(",
    b")",
    b"[",
    b"]",
    b"<",
    b">",
    b"<script>",
    b"</script>",
    b'<script lang="ts">',
    b"<script setup>",
    b'<script context="module">',
    b"<template>",
    b"</template>",
    b"<style>",
    b"/*",
    b"*/",
    b"//",
    b"<!--",
    b"-->",
    b"`",
    b"${",
    b'"',
    b"'",
    b"\\",
    b'r#"',
    b"#[tauri::command]",
    b"#[cfg(",
    b"invoke(",
    b"await ",
    b"=>",
    b"\x00",
    b"\r",
    b"\r\n",
    BOM,
    b"\xff",
    b"\xc3",
    "\u2028".encode(),
    "名".encode(),
    b"{#if a}",
    b"{/if}",
    b"{#each xs as x}",
    b'@click="',
    b"on:click={",
    b"// tauri-lint-disable-next-line",
    b"/* tauri-lint-disable */",
    b"<!-- tauri-lint-disable -->",
    b"generate_handler![",
    b".invoke_handler(",
    b"mod m {",
    b"fn ",
    b"async ",
    b"for (;;) {",
    b"\n",
]

Op = tuple[int, int, int, bytes]
ops = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 1 << 16), st.integers(0, 1 << 16), st.binary(max_size=12)),
    min_size=1,
    max_size=6,
)


def mutate(data: bytes, operations: list[Op]) -> bytes:
    """Delete, duplicate or swap tokens and lines, truncate, insert random bytes or unbalanced syntax."""
    for op, a, b, payload in operations:
        if op <= 2:
            tokens = TOKEN.findall(data)
            if not tokens:
                data = payload
                continue
            i, j = a % len(tokens), b % len(tokens)
            if op == 0:
                del tokens[i]
            elif op == 1:
                tokens.insert(i, tokens[i])
            else:
                tokens[i], tokens[j] = tokens[j], tokens[i]
            data = b"".join(tokens)
        elif op <= 5:
            lines = data.split(b"\n")
            i, j = a % len(lines), b % len(lines)
            if op == 3:
                del lines[i]
            elif op == 4:
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif op == 6:
            data = data[: a % (len(data) + 1)]
        else:
            at = a % (len(data) + 1)
            insert = payload if op == 7 else NASTY[b % len(NASTY)]
            cut = at + (b % 16 if op == 9 else 0)  # op 9 replaces a few bytes instead of inserting
            data = data[:at] + insert + data[cut:]
    return data


def test_mutations_cover_every_byte() -> None:
    for _, data in CORPUS:
        assert b"".join(TOKEN.findall(data)) == data
    assert mutate(b"a b", [(6, 1, 0, b"")]) == b"a"
    assert mutate(b"x\ny", [(5, 0, 1, b"")]) == b"y\nx"


def _slot(name: str) -> str:
    """Where a mutated file goes in the scratch project: beside the others, by kind."""
    suffix = os.path.splitext(name)[1]
    return f"src-tauri/src/fuzz{suffix}" if suffix == ".rs" else f"src/fuzz{suffix}"


@FUZZ
@given(source=st.sampled_from(CORPUS), operations=ops)
def test_mutated_fixture_files(
    scratch: Path, pristine: dict[str, bytes], source: tuple[str, bytes], operations: list[Op]
) -> None:
    name, data = source
    target = scratch / _slot(name)
    target.write_bytes(mutate(data, operations))
    try:
        check_run(_lint(scratch))
    finally:
        _restore(scratch, pristine, [target])


@FUZZ
@given(data=st.data(), operations=ops)
def test_mutated_project_files(
    scratch: Path, pristine: dict[str, bytes], data: st.DataObject, operations: list[Op]
) -> None:
    """The project's own files mutated in place, its configuration too (Cargo.toml, tauri.conf.json,
    package.json, tsconfig.json), so cross-file and cross-language facts break in every way."""
    rel = data.draw(st.sampled_from(sorted(pristine)), label="file")
    (scratch / rel).write_bytes(mutate(pristine[rel], operations))
    try:
        check_run(_lint(scratch))
    finally:
        _restore(scratch, pristine, [])


# --------------------------------------------------------------------------------------------------
# Generated Rust
# --------------------------------------------------------------------------------------------------

NAMES = st.sampled_from(
    ["save_item", "get_status", "load_row", "read_cover", "r#type", "camelName", "x1", "Ünïcode", "_", "a"]
)
RUST_TYPES = st.sampled_from(
    [
        "String",
        "u32",
        "Vec<u8>",
        "Option<bool>",
        "Result<(), String>",
        "Result<Vec<u8>, Error>",
        "tauri::State<'_, AppState>",
        "tauri::AppHandle",
        "tauri::Window",
        "&str",
        "serde_json::Value",
        "tauri::ipc::Response",
        "tauri::ipc::Channel<u8>",
        "()",
        "Box<dyn std::error::Error>",
        "HashMap<String, Vec<u8>>",
        "[u8; 4]",
        "(u8, String)",
        "impl Serialize",
        "Result<Vec<u8>>",
    ]
)
RUST_LEAVES = st.sampled_from(
    [
        'std::fs::read("x").unwrap();',
        "fs::read_to_string(&path)?;",
        "std::thread::sleep(std::time::Duration::from_secs(1));",
        'tokio::fs::read("x").await?;',
        "let _ = x;",
        "reqwest::blocking::get(url)?;",
        'std::process::Command::new("ls").output()?;',
        "tauri::async_runtime::spawn(async move { std::fs::read(p) });",
        "return Ok(());",
        'println!("{x}");',
        'WebviewWindowBuilder::new(&app, "w", url).build()?;',
        "rx.recv().unwrap();",
        'app.emit("progress", 1)?;',
        "channel.send(bytes)?;",
        "Ok(tauri::ipc::Response::new(bytes))",
        "vec![0u8; 10]",
        "}",
        "{",
        "#[",
        "'a: loop { break 'a; }",
    ]
)
rust_stmts = st.recursive(
    st.lists(RUST_LEAVES, max_size=3).map(" ".join),
    lambda inner: st.one_of(
        inner.map(lambda s: "{ " + s + " }"),
        st.tuples(inner, inner).map(lambda t: f"if x {{ {t[0]} }} else {{ {t[1]} }}"),
        inner.map(lambda s: f"for i in 0..n {{ {s} }}"),
        inner.map(lambda s: f"match x {{ Some(v) => {{ {s} }}, _ => {{}} }}"),
        inner.map(lambda s: f"let f = move || {{ {s} }};"),
        inner.map(lambda s: f"async move {{ {s} }}.await;"),
        inner.map(lambda s: f"unsafe {{ {s} }}"),
        st.tuples(inner, inner).map(" ".join),
    ),
    max_leaves=10,
)
ATTRS = st.sampled_from(
    [
        "#[tauri::command]",
        '#[tauri::command(rename_all = "snake_case")]',
        "#[tauri::command(async)]",
        "#[command]",
        "#[cfg(debug_assertions)]",
        "#[specta::specta]",
        "/// a doc comment",
        "// tauri-lint-disable-next-line large-json-response",
        "#[allow(dead_code)]",
    ]
)


@st.composite
def rust_command(draw: st.DrawFn) -> str:
    attrs = "\n".join(draw(st.lists(ATTRS, max_size=3)))
    params = ", ".join(f"{draw(NAMES)}: {draw(RUST_TYPES)}" for _ in range(draw(st.integers(0, 3))))
    ret = draw(st.one_of(st.just(""), RUST_TYPES.map(lambda t: f" -> {t}")))
    asyncness = draw(st.sampled_from(["", "async ", "pub ", "pub async ", "pub(crate) "]))
    generics = draw(st.sampled_from(["", "<R: tauri::Runtime>", "<'a>"]))
    return f"{attrs}\n{asyncness}fn {draw(NAMES)}{generics}({params}){ret} {{ {draw(rust_stmts)} }}"


@st.composite
def rust_builder(draw: st.DrawFn) -> str:
    def handler() -> str:
        names = ", ".join(draw(st.lists(st.one_of(NAMES, NAMES.map(lambda n: f"commands::{n}")), max_size=4)))
        macro = draw(
            st.sampled_from(["tauri::generate_handler!", "generate_handler!", "tauri_specta::collect_commands!"])
        )
        return f".invoke_handler({macro}[{names}])"

    calls = draw(
        st.lists(
            st.one_of(
                st.builds(handler),
                st.sampled_from(
                    [
                        ".plugin(tauri_plugin_fs::init())",
                        ".setup(|app| { Ok(()) })",
                        ".manage(AppState::default())",
                        ".run(tauri::generate_context!())",
                        '.expect("error while running tauri application")',
                        "#[cfg(debug_assertions)]",
                    ]
                ),
            ),
            max_size=5,
        )
    )
    start = draw(st.sampled_from(["tauri::Builder::default()", "let b = tauri::Builder::default(); b", "builder"]))
    return "pub fn run() {\n    " + start + "\n        ".join(["", *calls]) + ";\n}"


RUST_ITEMS = st.sampled_from(
    [
        "use tauri::command;",
        "use std::fs;",
        "use tauri::{command as cmd, Manager};",
        "use commands::*;",
        "mod commands;",
        "type Result<T> = std::result::Result<T, Error>;",
        "const X: u32 = 1;",
        "struct AppState { x: u32 }",
        "impl AppState { fn new() -> Self { Self { x: 0 } } }",
        "macro_rules! m { () => {} }",
        '#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]',
        "}",
        "fn (",
        '"unterminated',
        "/* unterminated",
    ]
)
rust_items = st.recursive(
    st.one_of(rust_command(), rust_builder(), RUST_ITEMS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "mod m {\n" + "\n".join(items) + "\n}"),
        st.lists(inner, max_size=3).map(lambda items: "#[cfg(test)]\nmod tests {\n" + "\n".join(items) + "\n}"),
    ),
    max_leaves=6,
)
rust_files = st.lists(rust_items, min_size=1, max_size=6).map("\n\n".join)


# --------------------------------------------------------------------------------------------------
# Generated TS / TSX / Vue / Svelte / HTML
# --------------------------------------------------------------------------------------------------

TS_IMPORTS = st.sampled_from(
    [
        'import { invoke } from "@tauri-apps/api/core";',
        'import { invoke as call } from "@tauri-apps/api/core";',
        'import * as core from "@tauri-apps/api/core";',
        'import { listen, once, emit } from "@tauri-apps/api/event";',
        'import { invoke } from "@tauri-apps/api/tauri";',
        "const { invoke } = window.__TAURI__.core;",
        'import { listTracks, logEvent } from "@/api";',
        'import { saveItem, call as send } from "./hot_api";',
        'import { useEffect } from "react";',
        'import { onMount, onDestroy } from "svelte";',
        'const core2 = await import("@tauri-apps/api/core");',
        'export enum Cmd { Save = "save_item", Load = "load_row" }',
        'export const CMDS = { save: "save_item" } as const;',
    ]
)
CALLEES = st.sampled_from(
    [
        "invoke",
        "call",
        "core.invoke",
        "window.__TAURI__.core.invoke",
        "core2.invoke",
        "send",
        "invoke<string>",
        "invoke<number[]>",
    ]
)
COMMANDS = st.sampled_from(
    [
        "save_item",
        "get_status",
        "load_row",
        "read_cover",
        "list_tracks",
        "log_event",
        "nope",
        "plugin:fs|read",
        "",
    ]
)
CALL_ARGS = st.sampled_from(
    [
        "",
        ", { id }",
        ", { trackId: 1, seconds: 2 }",
        ", { track_id: 1 }",
        ", new Uint8Array(4)",
        ", undefined",
        ", args",
        ", { ...rest }",
    ]
)


@st.composite
def ts_call(draw: st.DrawFn) -> str:
    name = draw(
        st.one_of(COMMANDS.map(lambda c: f'"{c}"'), st.sampled_from(["Cmd.Save", "CMDS.save", "cmd", "`load_${x}`"]))
    )
    call = draw(
        st.one_of(
            st.builds(lambda c, a: f"{c}({name}{a})", CALLEES, CALL_ARGS),
            st.sampled_from(["saveItem(id)", "listTracks()", 'logEvent("x")', "commands.getStatus()"]),
        )
    )
    shape = draw(
        st.sampled_from(
            [
                "{}",
                "await {}",
                "void {}",
                "{}.then(f)",
                "{}.catch(console.error)",
                "{}.then(f, g)",
                "{}.finally(f)",
                "return {}",
                "const v = await {}",
                "new Uint8Array(await {})",
                "Promise.all(xs.map((x) => {}))",
            ]
        )
    )
    return shape.format(call) + ";"


TS_LEAVES = st.one_of(
    ts_call(),
    st.sampled_from(
        [
            'const un = await listen("evt", (e) => console.log(e));',
            'listen("evt", h);',
            'const p = listen("e", h); p.then((u) => u());',
            'once("ready", h);',
            'emit("click", { x: 1 });',
            "un();",
            "// tauri-lint-disable-next-line floating-invoke",
            "/* tauri-lint-disable */",
            "// tauri-lint-disable-line",
            "break;",
            "return;",
            "{",
            "}",
            ")",
            "`${",
            "/*",
            '"',
            "<div>",
            "=>",
        ]
    ),
)
ts_stmts = st.recursive(
    st.lists(TS_LEAVES, max_size=3).map(" ".join),
    lambda inner: st.one_of(
        inner.map(lambda s: f"for (const x of xs) {{ {s} }}"),
        inner.map(lambda s: f"for (let i = 0; i < n; i++) {{ {s} }}"),
        inner.map(lambda s: f"while (true) {{ {s} }}"),
        inner.map(lambda s: f"xs.forEach(async (x) => {{ {s} }});"),
        inner.map(lambda s: f"setInterval(async () => {{ {s} }}, 100);"),
        inner.map(lambda s: f"requestAnimationFrame(() => {{ {s} }});"),
        inner.map(lambda s: f'window.addEventListener("mousemove", async () => {{ {s} }});'),
        inner.map(lambda s: f"useEffect(() => {{ {s} return () => un(); }}, []);"),
        inner.map(lambda s: f"onMount(async () => {{ {s} }});"),
        st.tuples(inner, inner).map(lambda t: f"try {{ {t[0]} }} catch (e) {{ {t[1]} }}"),
        st.tuples(inner, inner).map(lambda t: f"if (a) {{ {t[0]} }} else {{ {t[1]} }}"),
        inner.map(lambda s: f"export async function f(cmd: string, args?: object) {{ {s} }}"),
        inner.map(lambda s: f"const g = async (id: string) => {{ {s} }};"),
        inner.map(lambda s: f"class C {{ async m() {{ {s} }} }}"),
        st.tuples(inner, inner).map(" ".join),
    ),
    max_leaves=10,
)


@st.composite
def frontend_file(draw: st.DrawFn) -> tuple[str, str]:
    imports = "\n".join(draw(st.lists(TS_IMPORTS, max_size=4)))
    code = imports + "\n" + "\n".join(draw(st.lists(ts_stmts, min_size=1, max_size=4)))
    call = draw(ts_call())
    kind = draw(st.sampled_from([".ts", ".tsx", ".js", ".vue", ".svelte", ".html"]))
    if kind == ".tsx":
        items = f"{{xs.map((x) => <b key={{x}} onClick={{() => {call}}}>{{x}}</b>)}}"
        code += f"\nexport const C = () => <div onMouseMove={{() => {call}}} onClick={{h}}>{items}</div>;"
    elif kind == ".vue":
        setup = draw(st.sampled_from(['<script setup lang="ts">', '<script lang="ts">', "<script>"]))
        template = f'<template><div @mousemove="h" @click="{call}">{{{{ x }}}}</div></template>'
        code = f"{setup}\n{code}\n</script>\n{template}"
    elif kind == ".svelte":
        code = (
            f'<script lang="ts">\n{code}\n</script>\n<button on:click={{() => {call}}}>x</button>\n'
            f"{{#each xs as x}}<b onclick={{h}}>{{x}}</b>{{/each}}"
        )
    elif kind == ".html":
        code = f'<!doctype html><html><body><script type="module">\n{code}\n</script></body></html>'
    return kind, code


# --------------------------------------------------------------------------------------------------
# Generated projects
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _base_project(tmp_path_factory.mktemp("generated") / "app")


@FUZZ
@given(
    rust=st.lists(rust_files, min_size=1, max_size=2),
    frontend=st.lists(frontend_file(), min_size=1, max_size=3),
)
def test_generated_projects(generated: Path, rust: list[str], frontend: list[tuple[str, str]]) -> None:
    """Generated Rust replaces the backend, generated frontend files join the app. The run keeps every
    invariant, and a warm cache gives exactly what a cold run gave."""
    backend = generated / "src-tauri" / "src"
    originals = {name: (backend / name).read_bytes() for name in ("commands.rs", "lib.rs")}
    added = []
    try:
        for name, text in zip(("commands.rs", "lib.rs"), rust, strict=False):
            (backend / name).write_text(text, encoding="utf-8")
        for i, (kind, code) in enumerate(frontend):
            path = generated / "src" / f"gen{i}{kind}"
            path.write_text(code, encoding="utf-8")
            added.append(path)
        with tempfile.TemporaryDirectory() as cache_dir:
            cold = lint([str(generated)], Settings(), jobs=1, cache_dir=cache_dir)
            check_run(cold)
            warm = lint([str(generated)], Settings(), jobs=1, cache_dir=cache_dir)
        assert warm.diagnostics == cold.diagnostics
        assert warm.notes == cold.notes
    finally:
        for path in added:
            path.unlink()
        for name, data in originals.items():
            (backend / name).write_bytes(data)


# --------------------------------------------------------------------------------------------------
# The position arithmetic every span goes through
# --------------------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [b"a", b"\n", b"\r\n", b"\r", "é".encode(), "名".encode(), "😀".encode(), b"\xff", b"\xc3", b"\x80", BOM]
)


def _reference(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) by brute force: count newlines, decode the line's prefix."""
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    if start == 0 and data.startswith(BOM) and offset >= len(BOM):
        start = len(BOM)
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", errors="replace")) + 1


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(data=st.lists(PIECES, max_size=40).map(b"".join), offsets=st.lists(st.integers(-2, 200), max_size=30))
def test_line_index_positions(data: bytes, offsets: list[int]) -> None:
    """Byte offsets to (line, character column), valid UTF-8 or not, BOM or not, in any order of lookups."""
    index = LineIndex("x.ts", data)
    lengths = line_lengths(data)
    assert index.line_count == len(lengths)
    for offset in offsets:
        line, col = index.position(offset)
        assert (line, col) == _reference(data, offset)
        if not (data.startswith(BOM) and 0 < offset < len(BOM)):  # no node starts inside a BOM
            assert 1 <= col <= lengths[line - 1] + 1


def test_corpus_is_not_empty() -> None:
    kinds = {os.path.splitext(name)[1] for name, _ in CORPUS}
    assert {".ts", ".tsx", ".vue", ".svelte", ".html", ".rs"} <= kinds
