"""Lazy files: a file that only imports project modules is parsed only when it names one of the
project's wrappers, command tables or name builders (deferral.py), and never at the cost of a finding."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tauri_lint import workers
from tauri_lint.cache import open_cache
from tauri_lint.deferral import UNCHECKED, ProjectNames
from tauri_lint.engine import lint
from tauri_lint.frontend.extract import DEFAULT_PROJECT_PREFIXES, Relevance, extract_frontend, relevance
from tauri_lint.model import FrontendFacts
from tauri_lint.modules import ModuleResolver, load_aliases
from tauri_lint.settings import RuleOptions, Settings
from tests.projects import LOAD_ROW_RUST, make_project

RUST = LOAD_ROW_RUST
API = """import { invoke } from "@tauri-apps/api/core";

export const getRow = (index: number) => invoke<number>("load_row", { index });
"""
# No Tauri in sight: a thin function around the wrapper, which makes it a wrapper too.
ROWS = """import { getRow } from "./api";

export const loadRow = (index: number) => getRow(index);
"""
VIEW = """import { loadRow } from "./rows";

export async function loadAll(rows: number[]) {
  for (const index of rows) {
    await loadRow(index);
  }
}
"""
# A component that reaches no wrapper: it stays unparsed.
UNRELATED = """import { formatDate } from "./format";

export function label(when: Date): string {
  return `Updated ${formatDate(when)}`;
}
"""
FORMAT = """export const formatDate = (d: Date) => d.toISOString();
"""


def _relevance(source: str) -> Relevance:
    return relevance(source.encode(), DEFAULT_PROJECT_PREFIXES, RuleOptions())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('import { invoke } from "@tauri-apps/api/core";\ninvoke("x");\n', Relevance.ALWAYS),
        ("const { invoke } = window.__TAURI__.core;\n", Relevance.ALWAYS),
        ('import { a } from "./a";\n// tauri-lint: disable-next-line floating-invoke\na();\n', Relevance.ALWAYS),
        ('export * from "./api";\n', Relevance.ALWAYS),
        ('export { getRow as fetchRow } from "./api";\n', Relevance.ALWAYS),
        (
            'import { createApp } from "vue";\nimport App from "./App.vue";\ncreateApp(App).mount("#app");\n',
            Relevance.ALWAYS,
        ),
        (
            'import { mount } from "svelte";\nimport App from "./App.svelte";\nmount(App, { target: el });\n',
            Relevance.ALWAYS,
        ),
        ('import App from "./App.svelte";\nconst app = new App({ target: document.body });\n', Relevance.ALWAYS),
        # near misses: plain components and utilities that import project modules
        ('import { Button } from "./Button";\nexport const Save = () => Button();\n', Relevance.ON_NAMES),
        (
            'import Child from "./Child.svelte";\nimport { onMount } from "svelte";\nonMount(() => {});\n',
            Relevance.ON_NAMES,
        ),
        ('import { exportedRows } from "@/rows";\nexport const total = exportedRows.length;\n', Relevance.ON_NAMES),
        # a module that exports, or holds a table, may be the home of a table or name builder that other
        # files fold names from: only those names matter to it
        ('import { ref } from "vue";\nexport const count = ref(0);\n', Relevance.ON_REFS),
        ("export const answer = 42;\n", Relevance.ON_REFS),
        ('enum Theme {\n  Light = "light",\n}\nconsole.log(Theme.Light);\n', Relevance.ON_REFS),
        # a script that reaches neither Tauri nor a project module, and gives nothing to others
        ('import { ref } from "vue";\nconst count = ref(0);\nconsole.log(count);\n', Relevance.NONE),
    ],
)
def test_relevance_from_the_bytes(source: str, expected: Relevance) -> None:
    assert _relevance(source) is expected


def _facts(files: dict[str, str]) -> list[FrontendFacts]:
    return [extract_frontend(f"/p/src/{name}", text.encode()) for name, text in files.items()]


def _names_of(facts: list[FrontendFacts]) -> set[str]:
    names = ProjectNames()
    for f in facts:
        names.add(f)
    return {w.decode() for w in names.current().words}


def _names(files: dict[str, str]) -> set[str]:
    return _names_of(_facts(files))


def test_names_grow_through_functions_that_give_a_wrapper_promise_back() -> None:
    names = _names({"api.ts": API, "rows.ts": ROWS})
    assert {"getRow", "loadRow"} <= names


def test_a_function_that_drops_the_wrapper_promise_adds_no_name() -> None:
    refresh = 'import { getRow } from "./api";\n\nexport function refresh() {\n  getRow(1);\n}\n'
    names = _names({"api.ts": API, "refresh.ts": refresh})
    assert "getRow" in names
    assert "refresh" not in names


def test_a_renaming_reexport_passes_only_wrapper_names_on() -> None:
    barrel = 'export { getRow as fetchRow } from "./api";\nexport { Button as Btn } from "./ui";\n'
    names = _names({"api.ts": API, "index.ts": barrel})
    assert "fetchRow" in names
    assert "Btn" not in names and "Button" not in names


def test_the_table_an_invoke_folds_its_command_from_is_named() -> None:
    caller = (
        'import { invoke } from "@tauri-apps/api/core";\nimport { COMMANDS } from "./names";\n\n'
        "export const load = () => invoke(COMMANDS.load);\n"
    )
    assert "COMMANDS" in _names({"caller.ts": caller})


def test_lazy_files_are_not_read_for_names() -> None:
    lazy = extract_frontend("/p/src/rows.ts", ROWS.encode(), names=UNCHECKED)
    assert lazy.lazy == ""
    assert "loadRow" not in _names_of([lazy])


def _age(root: str) -> None:
    past = time.time() - 60
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))


def _project(root: Path, rows: str = ROWS) -> str:
    return make_project(
        str(root),
        {
            "src-tauri/src/lib.rs": RUST,
            "src/api.ts": API,
            "src/rows.ts": rows,
            "src/view.ts": VIEW,
            "src/unrelated.ts": UNRELATED,
            "src/format.ts": FORMAT,
        },
    )


def _findings(root: str, jobs: int = 1) -> list[tuple[str, int, str]]:
    result = lint([root], Settings(), jobs=jobs, use_cache=True)
    assert result.internal_errors == 0
    return [(os.path.relpath(d.span.path, root), d.span.line, d.rule) for d in result.diagnostics]


def _lazy_files(root: str) -> set[str]:
    aliases = tuple(prefix for prefix, _ in load_aliases(root))  # as the engine keys the cache
    cache = open_cache(root, RuleOptions(), None, aliases)
    assert cache.entries
    return {os.path.relpath(p, root) for p, e in cache.entries.items() if getattr(e.facts, "lazy", None) is not None}


def test_a_wrapper_two_files_away_is_found_and_unrelated_files_stay_unparsed(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    assert _findings(root) == [("src/view.ts", 5, "invoke-in-hot-loop")]
    # rows.ts and view.ts were needed (they name wrappers); unrelated.ts and format.ts were never parsed
    assert _lazy_files(root) == {os.path.join("src", "unrelated.ts"), os.path.join("src", "format.ts")}


def test_the_pool_runs_the_later_rounds_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 0)

    def no_fallback(*args: object) -> None:
        raise AssertionError("the pool failed and the run fell back to extracting in-process")

    monkeypatch.setattr(workers.Extractor, "_in_process", no_fallback)
    root = _project(tmp_path / "app")
    assert _findings(root, jobs=2) == [("src/view.ts", 5, "invoke-in-hot-loop")]


def test_a_cached_lazy_file_is_checked_again_when_a_new_wrapper_appears(tmp_path: Path) -> None:
    not_yet = 'import { clamp } from "./format";\n\nexport const loadRow = (index: number) => clamp(index);\n'
    root = _project(tmp_path / "app", rows=not_yet)
    _age(root)
    assert _findings(root) == []
    assert os.path.join("src", "view.ts") in _lazy_files(root)
    # view.ts does not change; rows.ts now forwards to the wrapper, so view.ts must be read after all
    rows = Path(root) / "src" / "rows.ts"
    rows.write_text(ROWS)
    assert _findings(root) == [("src/view.ts", 5, "invoke-in-hot-loop")]
    assert os.path.join("src", "view.ts") not in _lazy_files(root)


def test_a_command_table_in_a_lazy_file_is_folded(tmp_path: Path) -> None:
    names = 'import { PREFIX } from "./prefix";\n\nexport const COMMANDS = { load: "load_rows" };\n'
    caller = (
        'import { invoke } from "@tauri-apps/api/core";\nimport { COMMANDS } from "./names";\n\n'
        "export const load = () => invoke(COMMANDS.load, { index: 1 });\n"
    )
    root = make_project(
        str(tmp_path / "app"),
        {
            "src-tauri/src/lib.rs": RUST,
            "src/names.ts": names,
            "src/prefix.ts": 'export const PREFIX = "app";\n',
            "src/caller.ts": caller,
        },
    )
    # the table's file imports a project module only, yet the misspelt command is still read from it
    assert _findings(root) == [("src/caller.ts", 4, "unknown-command")]


def _lint_files(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    root = make_project(str(tmp_path / "app"), {"src-tauri/src/lib.rs": RUST, **files})
    return _findings(root)


def test_a_wrapper_object_exported_under_another_name_is_followed(tmp_path: Path) -> None:
    api = (
        'import { invoke } from "@tauri-apps/api/core";\n\n'
        'const rowsApi = {\n  getRow: (index: number) => invoke<number>("load_row", { index }),\n};\n\n'
        "export { rowsApi as backend };\n"
    )
    rows = 'import { backend } from "./api";\n\nexport const loadRow = (index: number) => backend.getRow(index);\n'
    found = _lint_files(tmp_path, {"src/api.ts": api, "src/rows.ts": rows, "src/view.ts": VIEW})
    assert found == [("src/view.ts", 5, "invoke-in-hot-loop")]


def test_a_wrapper_class_renamed_by_a_barrel_is_followed(tmp_path: Path) -> None:
    api = (
        'import { invoke } from "@tauri-apps/api/core";\n\n'
        "export class RowApi {\n  static get(index: number) {\n"
        '    return invoke<number>("load_row", { index });\n  }\n}\n'
    )
    barrel = 'export { RowApi as Rows } from "./api";\n'
    rows = 'import { Rows } from "./index";\n\nexport const loadRow = (index: number) => Rows.get(index);\n'
    found = _lint_files(tmp_path, {"src/api.ts": api, "src/index.ts": barrel, "src/rows.ts": rows, "src/view.ts": VIEW})
    assert found == [("src/view.ts", 5, "invoke-in-hot-loop")]


def test_a_wrapper_with_a_non_ascii_name_is_matched_whole(tmp_path: Path) -> None:
    api = (
        'import { invoke } from "@tauri-apps/api/core";\n\n'
        'export const zeileLädt = (i: number) => invoke("load_row", { index: i });\n'
    )
    view = VIEW.replace('import { loadRow } from "./rows";', 'import { zeileLädt as loadRow } from "./api";')
    assert _lint_files(tmp_path, {"src/api.ts": api, "src/view.ts": view}) == [("src/view.ts", 5, "invoke-in-hot-loop")]


ROOT_VUE = """<script setup lang="ts">
import { onMounted } from "vue";
import { listen } from "@tauri-apps/api/event";

onMounted(() => {
  listen("sync-progress", (event) => console.log(event.payload));
});
</script>

<template><main /></template>
"""
ROOT_SVELTE = (
    '<script lang="ts">\n  import { onMount } from "svelte";\n  import { listen } from "@tauri-apps/api/event";\n\n'
    '  onMount(() => {\n    listen("sync-progress", (event) => console.log(event.payload));\n  });\n</script>\n'
)
VUE_MAIN = 'import { createApp } from "vue";\nimport Root from "./Root.vue";\n\ncreateApp(Root).mount("#app");\n'


def test_a_root_component_mounted_once_keeps_its_listener(tmp_path: Path) -> None:
    assert _lint_files(tmp_path, {"src/main.ts": VUE_MAIN, "src/Root.vue": ROOT_VUE}) == []


def test_a_root_component_imported_by_a_lazy_file_is_no_root(tmp_path: Path) -> None:
    # a preview file imports the root component: it may be created many times, so the listener leaks
    preview = (
        'import Root from "./Root.vue";\nimport { frame } from "./frame";\n\n'
        "export const preview = () => frame(Root);\n"
    )
    files = {"src/main.ts": VUE_MAIN, "src/Root.vue": ROOT_VUE, "src/Root.preview.ts": preview}
    assert _lint_files(tmp_path, files) == [("src/Root.vue", 6, "listen-leak")]


def test_a_svelte_mount_imported_under_another_name_still_makes_a_root(tmp_path: Path) -> None:
    main = (
        'import { mount as attach } from "svelte";\nimport Root from "./Root.svelte";\n\n'
        "export default attach(Root, { target: document.body });\n"
    )
    assert _lint_files(tmp_path, {"src/main.ts": main, "src/Root.svelte": ROOT_SVELTE}) == []


COMMAND_TABLE = 'export const Commands = {\n  loadRow: "load_rowz",\n} as const;\n'
TABLE_CALLER = (
    'import { invoke } from "@tauri-apps/api/core";\nimport { Cmds } from "./index";\n\n'
    "export const load = () => invoke(Cmds.loadRow, { index: 1 });\n"
)


def test_a_table_read_under_a_re_exported_name_is_folded(tmp_path: Path) -> None:
    # the table's file imports nothing: it is parsed because an invoke reads it, through the rename
    files = {
        "src/commands.ts": COMMAND_TABLE,
        "src/index.ts": 'export { Commands as Cmds } from "./commands";\n',
        "src/caller.ts": TABLE_CALLER,
    }
    assert _lint_files(tmp_path, files) == [("src/caller.ts", 4, "unknown-command")]


def test_a_table_no_invoke_reads_stays_unparsed(tmp_path: Path) -> None:
    files = {
        "src/commands.ts": COMMAND_TABLE,
        "src/theme.ts": 'export enum Theme {\n  Light = "light",\n  Dark = "dark",\n}\n',
        "src/index.ts": 'export { Commands as Cmds } from "./commands";\n',
        "src/caller.ts": TABLE_CALLER,
    }
    root = str(tmp_path / "app")
    assert _lint_files(tmp_path, files) == [("src/caller.ts", 4, "unknown-command")]
    assert _lazy_files(root) == {os.path.join("src", "theme.ts")}


def test_a_table_behind_a_star_barrel_is_folded(tmp_path: Path) -> None:
    files = {
        "src/commands.ts": COMMAND_TABLE,
        "src/index.ts": 'export * from "./commands";\n',
        "src/caller.ts": TABLE_CALLER.replace("Cmds", "Commands"),
    }
    assert _lint_files(tmp_path, files) == [("src/caller.ts", 4, "unknown-command")]


def test_a_table_and_a_builder_in_modules_that_import_nothing_are_folded(tmp_path: Path) -> None:
    # neither module reaches Tauri or a project module, nor has `as const`/`enum`: read because invokes
    # fold names from them (kunkun's `generateJarvisPluginCommand`)
    files = {
        "src/names.ts": 'export const Commands = {\n  loadRow: "load_rowz",\n};\n',
        "src/builder.ts": (
            'export const VERB = "load";\n\nexport function command(noun: string) {\n  return `${VERB}_${noun}`;\n}\n'
        ),
        "src/caller.ts": (
            'import { invoke } from "@tauri-apps/api/core";\nimport { Commands } from "./names";\n'
            'import { command } from "./builder";\n\n'
            "export const load = () => invoke(Commands.loadRow, { index: 1 });\n"
            'export const loadAll = () => invoke(command("rows"), { index: 1 });\n'
        ),
    }
    assert _lint_files(tmp_path, files) == [
        ("src/caller.ts", 5, "unknown-command"),
        ("src/caller.ts", 6, "unknown-command"),
    ]


def test_a_root_component_whose_file_name_is_not_one_word(tmp_path: Path) -> None:
    main = VUE_MAIN.replace("./Root.vue", "./app-root.vue")
    preview = 'import Root from "./app-root.vue";\nimport { frame } from "./frame";\n\nexport default frame(Root);\n'
    files = {"src/main.ts": main, "src/app-root.vue": ROOT_VUE, "src/preview.ts": preview}
    assert _lint_files(tmp_path, files) == [("src/app-root.vue", 6, "listen-leak")]


@pytest.mark.parametrize("call", ["new Root<{ title: string }>({ target })", "new /* legacy */ Root({ target })"])
def test_a_svelte_4_mount_in_any_spelling_makes_a_root(tmp_path: Path, call: str) -> None:
    main = f'import Root from "./Root.svelte";\nimport {{ target }} from "./dom";\n\nexport default {call};\n'
    assert _lint_files(tmp_path, {"src/main.ts": main, "src/Root.svelte": ROOT_SVELTE}) == []


def test_barrels_re_exporting_each_other_are_walked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    resolve = ModuleResolver.resolve

    def counting(self: ModuleResolver, source: str, importer: str) -> str | None:
        nonlocal calls
        calls += 1
        return resolve(self, source, importer)

    monkeypatch.setattr(ModuleResolver, "resolve", counting)
    barrels = {
        f"src/b{i}/index.ts": "".join(f'export * from "../b{j}";\n' for j in range(8) if j != i) for i in range(8)
    }
    caller = TABLE_CALLER.replace("./index", "./b0")  # `Cmds` is exported by none of them
    assert _lint_files(tmp_path, {**barrels, "src/caller.ts": caller}) == []
    assert calls < 500  # every (module, name) once; along every path it was 7^7


def test_a_lazy_file_calling_a_listen_wrapper_is_analysed(tmp_path: Path) -> None:
    # Panel.tsx reaches no Tauri module: it is parsed because it names a function that gives back a
    # listen() promise, and its dropped call is the leak
    files = {
        "src/topics.ts": (
            'import { listen } from "@tauri-apps/api/event";\n\n'
            "export const onTopic = (name: string, cb: () => void) => listen(name, cb);\n"
        ),
        "src/Panel.tsx": (
            'import { useEffect } from "react";\nimport { onTopic } from "./topics";\n\n'
            'export function Panel() {\n  useEffect(() => {\n    onTopic("price", () => {});\n  }, []);\n'
            "  return null;\n}\n"
        ),
    }
    assert _lint_files(tmp_path, files) == [("src/Panel.tsx", 6, "listen-leak")]
