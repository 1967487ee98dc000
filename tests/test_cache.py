"""The facts and results caches: sharding of big projects, results reuse, and what invalidates them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tauri_lint.cache import CACHE_DIR_NAME, SHARD_FROM, SHARDS
from tauri_lint.engine import lint
from tauri_lint.settings import Settings
from tests.projects import LOAD_ROW_RUST, make_project

RUST = LOAD_ROW_RUST
COMPONENT = """import {{ invoke }} from "@tauri-apps/api/core";

export async function load{n}(rows: number[]) {{
  for (const index of rows) {{
    await invoke<number>("load_row", {{ index }});
  }}
}}
"""


def _big_project(root: Path) -> Path:
    files = {"src-tauri/src/lib.rs": RUST}
    for n in range(SHARD_FROM + 20):
        files[f"src/rows/load{n}.ts"] = COMPONENT.format(n=n)
    make_project(str(root), files)
    _age(root)
    return root


def _age(root: Path) -> None:
    """Files written a moment ago are re-hashed (their mtime may not move on a quick edit): age them."""
    past = time.time() - 60
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))


def _shards(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (root / CACHE_DIR_NAME).glob("facts-*.pickle")}


def _keys(root: Path) -> list[tuple[str, int, str]]:
    result = lint([str(root)], Settings(), jobs=1, use_cache=True)
    return [(os.path.relpath(d.span.path, root), d.span.line, d.rule) for d in result.diagnostics]


def test_a_big_project_is_sharded_and_one_change_rewrites_one_shard(tmp_path: Path) -> None:
    root = _big_project(tmp_path / "app")
    first = _keys(root)
    assert len(first) == SHARD_FROM + 20  # one hot loop per file
    before = _shards(root)
    assert len(before) == SHARDS
    changed = root / "src" / "rows" / "load7.ts"
    changed.write_text(changed.read_text() + "\n// edited\n")
    time.sleep(0.01)
    assert _keys(root) == first
    after = _shards(root)
    rewritten = {name for name in after if after[name] != before[name]}
    assert len(rewritten) == 1


def test_unchanged_project_answers_from_results_and_a_change_is_seen(tmp_path: Path) -> None:
    root = make_project(str(tmp_path / "app"), {"src-tauri/src/lib.rs": RUST, "src/a.ts": COMPONENT.format(n=1)})
    _age(Path(root))
    first = _keys(Path(root))
    assert first == [("src/a.ts", 5, "invoke-in-hot-loop")]
    assert list((Path(root) / CACHE_DIR_NAME).glob("results-*.pickle"))
    assert _keys(Path(root)) == first
    # same size, new content: the hash, not (mtime, size), decides for a freshly written file
    text = Path(root, "src/a.ts").read_text().replace("for (const index of rows)", "if (rows.length > 0) ")
    Path(root, "src/a.ts").write_text(text.replace("{\n    await", "{\n    await", 1))
    assert _keys(Path(root)) == []


def test_results_of_a_partial_run_are_not_served_to_a_full_run(tmp_path: Path) -> None:
    """Rules report only on the requested files: linting one file must not leave results that a later
    run over the whole project would take for its own."""
    root = make_project(
        str(tmp_path / "app"),
        {
            "src-tauri/src/lib.rs": RUST,
            "src/a.ts": COMPONENT.format(n=1),
            "src/b.ts": COMPONENT.format(n=2),
        },
    )
    _age(Path(root))
    one = lint([os.path.join(root, "src", "a.ts")], Settings(), jobs=1, use_cache=True)
    assert [os.path.relpath(d.span.path, root) for d in one.diagnostics] == ["src/a.ts"]
    assert {os.path.relpath(p, root) for p in one.files} == {"src/a.ts"}
    assert [k[0] for k in _keys(Path(root))] == ["src/a.ts", "src/b.ts"]


WRAPPED = 'import {{ invoke }} from "@tauri-apps/api/core";\nexport const doThing = () => {body};\n'
CALLER = (
    'import { doThing } from "@x/wrap";\n'
    "export async function all(xs: number[]) {\n  for (const x of xs) {\n    await doThing();\n  }\n}\n"
)


def test_retargeting_an_alias_in_tsconfig_invalidates_results(tmp_path: Path) -> None:
    root = Path(
        make_project(
            str(tmp_path / "app"),
            {
                "src-tauri/src/lib.rs": RUST,
                "src/a/wrap.ts": WRAPPED.format(body='invoke<number>("load_row", { index: 1 })'),
                "src/b/wrap.ts": WRAPPED.format(body="Promise.resolve(42)"),
                "src/main.ts": CALLER,
                "tsconfig.json": '{ "compilerOptions": { "paths": { "@x/*": ["./src/a/*"] } } }',
            },
        )
    )
    _age(root)
    assert ("src/main.ts", 4, "invoke-in-hot-loop") in _keys(root)
    (root / "tsconfig.json").write_text('{ "compilerOptions": { "paths": { "@x/*": ["./src/b/*"] } } }')
    _age(root)
    assert ("src/main.ts", 4, "invoke-in-hot-loop") not in _keys(root)


def test_a_file_cached_within_the_racy_window_is_hashed_next_time(tmp_path: Path) -> None:
    """A same-size rewrite in the same timestamp tick as the cached read must still be seen."""
    root = Path(make_project(str(tmp_path / "app"), {"src-tauri/src/lib.rs": RUST}))
    _age(root)
    main = root / "src" / "main.ts"
    main.parent.mkdir()
    main.write_text(
        'import { invoke } from "@tauri-apps/api/core";\nexport const f = () => invoke("load_row", { index: 1 });\n'
    )
    stamp = main.stat().st_mtime_ns
    assert _keys(root) == []  # cached right after the write: within the racy window
    main.write_text(
        'import { invoke } from "@tauri-apps/api/core";\nexport const f = () => invoke("load_rox", { index: 1 });\n'
    )
    os.utime(main, ns=(stamp, stamp))  # same size, same mtime: only the content changed
    time.sleep(2.1)
    assert _keys(root) == [("src/main.ts", 2, "unknown-command")]


def test_absurdly_nested_config_files_do_not_crash(tmp_path: Path) -> None:
    depth = 100_000
    root = Path(
        make_project(
            str(tmp_path / "app"),
            {
                "src-tauri/src/lib.rs": RUST,
                "src/a.ts": COMPONENT.format(n=1),
                "tsconfig.json": '{"compilerOptions": ' + "[" * depth + "]" * depth + "}",
            },
        )
    )
    with open(root / "src-tauri" / "Cargo.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[package.metadata]\nx = " + "[" * depth + "]" * depth + "\n")
    result = lint([str(root)], Settings(), jobs=1, use_cache=False)
    assert result.internal_errors == 0
