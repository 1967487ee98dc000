"""The project model: wrapper calls resolved across files into invoke sites, command names folded
through tables, enums and name builders of other files, and discovery that loads the whole project
while reporting only on what was asked for.

fixtures/model/app is a small Vite-style app: pass-through wrappers in src/lib/ipc.ts, typed wrappers
of them in src/api (re-exported by src/api/index.ts), tauri-specta shaped bindings in
src/lib/bindings.ts, and components that reach them through every kind of import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tauri_lint.discovery import discover
from tauri_lint.engine import lint
from tauri_lint.extraction import extract_one
from tauri_lint.model import Args, CommandRef, InvokeSite, Span, Use, Via, WrapperDef, WrapperKind
from tauri_lint.modules import ModuleResolver
from tauri_lint.project import Project, build_project
from tauri_lint.settings import RuleOptions, Settings
from tests.projects import make_project

APP = str(Path(__file__).parent / "fixtures" / "model" / "app")


def load(root: str) -> Project:
    """Discover, extract and build the one project under `root`, as the engine does."""
    found = discover([root], Settings())
    assert len(found.projects) == 1
    files = found.projects[0]
    aliases = tuple(prefix for prefix, _ in ModuleResolver(files.root, ()).aliases)
    paths = sorted({*files.frontend_files, *files.rust_files})
    facts = [extract_one(path, RuleOptions(), None, aliases)[1] for path in paths]
    return build_project(files.root, files.tauri_dir, facts, requested=files.requested, cargo_deps=files.cargo_deps)


@pytest.fixture(scope="module")
def app() -> Project:
    return load(APP)


def rel(project: Project, path: str) -> str:
    return os.path.relpath(path, project.root).replace(os.sep, "/")


def locate(project: Project, relpath: str, needle: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `needle` in a project file, from its text alone."""
    path = os.path.join(project.root, relpath)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    start = -1
    for _ in range(nth + 1):
        start = source.index(needle, start + 1)
    end = start + len(needle)

    def position(offset: int) -> tuple[int, int]:
        return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1

    return Span(path, *position(start), *position(end))


def sites_in(project: Project, relpath: str) -> list[InvokeSite]:
    return [s for s in project.invokes if rel(project, s.span.path) == relpath]


def wrapper(project: Project, relpath: str, name: str) -> WrapperDef:
    found = [w for w in project.wrappers if w.name == name and rel(project, w.span.path) == relpath]
    assert len(found) == 1, (relpath, name, project.wrappers)
    return found[0]


@dataclass(frozen=True)
class Expect:
    file: str
    call: str  # the call's text: its span is found in the file
    command: str | None
    via: Via
    use: Use
    wrapper: str | None = None
    kind: str = "none"  # of the args
    keys: tuple[str, ...] = ()
    rejection: bool = False  # wrapper_handles_rejection
    unit: bool = False  # typed_unit
    checked: bool = True  # args_checked_here


EXPECTED: list[Expect] = [
    # direct invokes of typed wrappers: plain facts of their own file
    Expect("src/api/dashboard.ts", 'invoke("load_dashboard")', "load_dashboard", Via.DIRECT, Use.RETURNED),
    Expect("src/api/dashboard.ts", 'invoke("get_everything")', "get_everything", Via.DIRECT, Use.RETURNED),
    Expect(
        "src/api/dashboard.ts",
        'invoke("fetch_all_dashboard")',
        "fetch_all_dashboard",
        Via.DIRECT,
        Use.RETURNED,
    ),
    Expect("src/api/reports.ts", 'invoke("fetch_all_reports")', "fetch_all_reports", Via.DIRECT, Use.RETURNED),
    # `call` imported through the `$lib` default alias; the args come from this call
    Expect(
        "src/api/users.ts",
        'call<string>("get_user", { id })',
        "get_user",
        Via.WRAPPER,
        Use.ARROW_BODY,
        wrapper="call",
        kind="object",
        keys=("id",),
    ),
    # a string enum imported from another file, passed as the pass-through's command
    Expect(
        "src/api/users.ts",
        "call<string[]>(Cmd.ListUsers)",
        "list_users",
        Via.WRAPPER,
        Use.RETURNED,
        wrapper="call",
    ),
    # an `as const` table of another file; quietCall catches rejections itself
    Expect(
        "src/api/users.ts",
        "quietCall(TAURI_COMMAND.REFRESH)",
        "refresh_cache",
        Via.WRAPPER,
        Use.RETURNED,
        wrapper="quietCall",
        rejection=True,
    ),
    # a direct invoke whose name comes from an imported enum
    Expect("src/api/users.ts", "invoke(Cmd.OpenFile)", "open_file", Via.DIRECT, Use.ARROW_BODY),
    # a one-line name builder of another file
    Expect(
        "src/api/users.ts",
        'call(jarvis("wake"))',
        "plugin:jarvis|wake",
        Via.WRAPPER,
        Use.ARROW_BODY,
        wrapper="call",
    ),
    # a same-file wrapper that is itself derived (getUser → call)
    Expect(
        "src/api/users.ts",
        "getUser(id)",
        "get_user",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="getUser",
        kind="object",
        keys=("id",),
        checked=False,
    ),
    # "#api" cannot be resolved: a unique, non-generic exported wrapper name is the last resort
    Expect(
        "src/components/Legacy.ts",
        "loadDashboard()",
        "load_dashboard",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="loadDashboard",
        checked=False,
    ),
    # tauri-specta shaped bindings imported through `$lib`
    Expect(
        "src/components/Notes.tsx",
        "commands.greet(name)",
        "greet",
        Via.BINDINGS,
        Use.ARROW_BODY,
        wrapper="commands.greet",
        kind="object",
        keys=("name",),
        checked=False,
    ),
    Expect(
        "src/components/Notes.tsx",
        "commands.clearNotes()",
        "clear_notes",
        Via.BINDINGS,
        Use.ARROW_BODY,
        wrapper="commands.clearNotes",
        unit=True,
        checked=False,
    ),
    Expect(
        "src/components/Notes.tsx",
        "commands.loadNote(7)",
        "load_note",
        Via.BINDINGS,
        Use.ARROW_BODY,
        wrapper="commands.loadNote",
        kind="object",
        keys=("id",),
        rejection=True,
        checked=False,
    ),
    # the project's own function around bindings is a typed wrapper
    Expect(
        "src/components/Notes.tsx",
        'greetUser("Ada")',
        "greet",
        Via.WRAPPER,
        Use.ARROW_BODY,
        wrapper="greetUser",
        kind="object",
        keys=("name",),
        checked=False,
    ),
    # `@/api` is src/api/index.ts, which has `export * from "./users"`
    Expect(
        "src/components/Profile.tsx",
        "getUser(id)",
        "get_user",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="getUser",
        kind="object",
        keys=("id",),
        checked=False,
    ),
    # a namespace import of the wrappers module, spelled with a .js extension
    Expect(
        "src/components/Profile.tsx",
        "api.openFile()",
        "open_file",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="openFile",
        checked=False,
    ),
    # `export { call as rawCall } from "../lib/ipc"`
    Expect("src/components/Profile.tsx", 'rawCall("ping")', "ping", Via.WRAPPER, Use.STATEMENT, wrapper="call"),
    # "../api/users.js" is users.ts
    Expect(
        "src/components/Profile.tsx",
        "listUsers()",
        "list_users",
        Via.WRAPPER,
        Use.ARROW_BODY,
        wrapper="listUsers",
        checked=False,
    ),
    # generated bindings call invoke directly
    Expect(
        "src/lib/bindings.ts",
        'TAURI_INVOKE("greet", { name })',
        "greet",
        Via.DIRECT,
        Use.AWAITED,
        kind="object",
        keys=("name",),
    ),
    Expect(
        "src/lib/bindings.ts",
        'TAURI_INVOKE("load_note", { id })',
        "load_note",
        Via.DIRECT,
        Use.AWAITED,
        kind="object",
        keys=("id",),
    ),
    Expect("src/lib/bindings.ts", 'TAURI_INVOKE("clear_notes")', "clear_notes", Via.DIRECT, Use.AWAITED),
    # the pass-through wrappers' own invokes: the command is whatever their callers pass
    Expect("src/lib/ipc.ts", "invoke<T>(cmd, args)", None, Via.DIRECT, Use.RETURNED, kind="unknown"),
    Expect("src/lib/ipc.ts", "invoke<T>(cmd, args)", None, Via.DIRECT, Use.AWAITED, kind="unknown"),
    # `@api/*` comes from tsconfig.json (which has comments and trailing commas); a wrapper two levels deep
    Expect(
        "src/main.ts",
        "loadProfile(1)",
        "get_user",
        Via.WRAPPER,
        Use.STATEMENT,
        wrapper="loadProfile",
        kind="object",
        keys=("id",),
        checked=False,
    ),
    Expect(
        "src/routes/+page.svelte",
        'call("save_page", { title: "x" })',
        "save_page",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="call",
        kind="object",
        keys=("title",),
    ),
    Expect(
        "src/routes/+page.svelte",
        "refresh()",
        "refresh_cache",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="refresh",
        rejection=True,
        checked=False,
    ),
    Expect(
        "src/routes/+page.svelte",
        "wake()",
        "plugin:jarvis|wake",
        Via.WRAPPER,
        Use.AWAITED,
        wrapper="wake",
        checked=False,
    ),
]


def test_every_invoke_site_of_the_project(app: Project) -> None:
    seen: dict[tuple[str, str], int] = {}
    expected = []
    for e in EXPECTED:
        nth = seen.get((e.file, e.call), 0)
        seen[(e.file, e.call)] = nth + 1
        span = locate(app, e.file, e.call, nth)
        expected.append((span, e.command, e.via, e.wrapper, e.kind, e.keys, e.rejection, e.unit, e.checked, e.use))
    got = [
        (
            s.span,
            s.command,
            s.via,
            s.wrapper,
            s.args.kind,
            s.args.keys,
            s.wrapper_handles_rejection,
            s.typed_unit,
            s.args_checked_here,
            s.result.use,
        )
        for s in app.invokes
    ]
    assert got == expected


def test_a_wrapper_site_carries_the_callers_context(app: Project) -> None:
    [site] = [s for s in sites_in(app, "src/components/Notes.tsx") if s.command == "load_note"]
    path = os.path.join(app.root, "src/components/Notes.tsx")
    assert site.span == Span(path, 9, 30, 9, 50)
    assert site.result.arrow_target is not None and site.result.arrow_target.value == "jsx-handler"
    assert [(r.kind.value, r.detail, r.span) for r in site.repetition] == [
        ("event", "click", Span(path, 9, 15, 9, 51)),
    ]
    # the args are those of the wrapper's own invoke, already checked there
    bindings = os.path.join(app.root, "src/lib/bindings.ts")
    assert site.args == Args("object", ("id",), (Span(bindings, 9, 68, 9, 70),), span=Span(bindings, 9, 66, 9, 72))


def test_wrapper_definitions(app: Project) -> None:
    path = os.path.join(app.root, "src/lib/ipc.ts")
    assert wrapper(app, "src/lib/ipc.ts", "call") == WrapperDef(
        "call", WrapperKind.PASSTHROUGH, Span(path, 4, 8, 6, 2), True, cmd_param=0, args_param=1
    )
    assert wrapper(app, "src/lib/ipc.ts", "quietCall") == WrapperDef(
        "quietCall",
        WrapperKind.PASSTHROUGH,
        Span(path, 8, 8, 15, 2),
        True,
        cmd_param=0,
        args_param=1,
        handles_rejection=True,
        settles_inside=True,
    )
    users = os.path.join(app.root, "src/api/users.ts")
    # derived from a call of a wrapper: the function's promise is that call's promise
    assert wrapper(app, "src/api/users.ts", "getUser") == WrapperDef(
        "getUser",
        WrapperKind.TYPED,
        locate(app, "src/api/users.ts", '(id: number) => call<string>("get_user", { id })'),
        True,
        command="get_user",
        args=Args(
            "object",
            ("id",),
            (locate(app, "src/api/users.ts", "id", nth=1),),
            span=locate(app, "src/api/users.ts", "{ id }"),
        ),
    )
    assert wrapper(app, "src/api/users.ts", "refresh") == WrapperDef(
        "refresh",
        WrapperKind.TYPED,
        Span(users, 11, 8, 13, 2),
        True,
        command="refresh_cache",
        args=Args("none"),
        handles_rejection=True,
        settles_inside=True,  # quietCall awaits the command in its own try/catch
    )
    # a typed wrapper whose command comes from another file keeps the unfolded reference
    assert wrapper(app, "src/api/users.ts", "openFile") == WrapperDef(
        "openFile",
        WrapperKind.TYPED,
        locate(app, "src/api/users.ts", "() => invoke(Cmd.OpenFile)"),
        True,
        args=Args("none"),
        command_ref=CommandRef(table="Cmd", key="OpenFile"),
    )
    # two levels: loadProfile awaits getUser, which returns call("get_user")
    assert wrapper(app, "src/api/users.ts", "loadProfile") == WrapperDef(
        "loadProfile",
        WrapperKind.TYPED,
        Span(users, 19, 8, 22, 2),
        True,
        command="get_user",
        args=wrapper(app, "src/api/users.ts", "getUser").args,
    )
    notes = os.path.join(app.root, "src/lib/bindings.ts")
    assert wrapper(app, "src/lib/bindings.ts", "commands.clearNotes") == WrapperDef(
        "commands.clearNotes",
        WrapperKind.BINDINGS,
        Span(notes, 15, 1, 17, 2),
        True,
        command="clear_notes",
        args=Args("none"),
        typed_unit=True,
    )
    assert wrapper(app, "src/components/Notes.tsx", "greetUser").kind is WrapperKind.TYPED


def test_functions_making_several_calls_are_not_wrappers(app: Project) -> None:
    """`async save() { await call("a"); await refresh(); await wake() }` wraps none of them, so callers
    of save() (main.ts calls boot()) are not invoke sites of its first command."""
    names = {(rel(app, w.span.path), w.name) for w in app.wrappers}
    assert ("src/routes/+page.svelte", "save") not in names
    assert ("src/components/Profile.tsx", "load") not in names
    assert ("src/components/Legacy.ts", "boot") not in names
    assert [s.wrapper for s in sites_in(app, "src/main.ts")] == ["loadProfile"]


def test_bare_name_last_resort(app: Project) -> None:
    # loadDashboard: unique; get: too generic; fetchAll: exported by two files
    assert [(s.wrapper, s.command) for s in sites_in(app, "src/components/Legacy.ts")] == [
        ("loadDashboard", "load_dashboard")
    ]


def test_tsconfig_paths_with_comments_and_trailing_commas(tmp_path: Path) -> None:
    root = make_project(
        str(tmp_path),
        {
            "tsconfig.json": """{
  // the frontend lives in app/, not src/
  "compilerOptions": {
    /* aliases */
    "paths": {
      "@/*": ["./app/*"],
      "~ipc": ["./app/ipc/index.ts"],
    },
  },
}
""",
            "app/ipc/index.ts": 'export { call } from "./core";\n',
            "app/ipc/core.ts": (
                'import { invoke } from "@tauri-apps/api/core";\n'
                "export function call(cmd: string, args?: Record<string, unknown>) {\n"
                "  return invoke(cmd, args);\n"
                "}\n"
            ),
            "app/views/Home.ts": (
                'import { call } from "@/ipc";\n'
                'import { call as again } from "~ipc";\n'
                'import { call as missing } from "./not-there";\n'
                'import { run } from "#unresolved";\n'
                "export async function home() {\n"
                '  await call("home_alias");\n'
                '  await again("home_exact_alias");\n'
                '  await missing("never_guessed");\n'
                '  await run("too_short_to_guess");\n'
                "}\n"
            ),
            "app/tasks.ts": (
                'import { invoke } from "@tauri-apps/api/core";\n'
                "export function run(cmd: string) {\n"
                "  return invoke(cmd);\n"
                "}\n"
            ),
        },
    )
    project = load(root)
    home = os.path.join(project.root, "app/views/Home.ts")
    assert [(s.span, s.command, s.via, s.wrapper) for s in sites_in(project, "app/views/Home.ts")] == [
        (Span(home, 6, 9, 6, 27), "home_alias", Via.WRAPPER, "call"),
        (Span(home, 7, 9, 7, 34), "home_exact_alias", Via.WRAPPER, "call"),
    ]


def test_a_local_function_named_like_a_wrapper_elsewhere_is_not_matched(tmp_path: Path) -> None:
    root = make_project(
        str(tmp_path),
        {
            "src/api.ts": (
                'import { invoke } from "@tauri-apps/api/core";\n'
                'export function loadSettings() {\n  return invoke("load_settings");\n}\n'
            ),
            "src/other.ts": (
                'import "./api";\nfunction loadSettings() {\n  return 1;\n}\nexport const value = loadSettings();\n'
            ),
        },
    )
    project = load(root)
    assert sites_in(project, "src/other.ts") == []


# --------------------------------------------------------------------------------------------------
# Discovery through the engine: the whole project is loaded, only the requested paths reported
# --------------------------------------------------------------------------------------------------

ONLY_UNKNOWN = Settings(select=("unknown-command",))


def findings(paths: list[str]) -> tuple[list[tuple[str, int, int, str]], list[str]]:
    result = lint(paths, ONLY_UNKNOWN, use_cache=False, jobs=1)
    assert result.internal_errors == 0
    diags = [(rel_to_app(d.span.path), d.span.line, d.span.col, d.rule) for d in result.diagnostics]
    return diags, [rel_to_app(f) for f in result.files]


def rel_to_app(path: str) -> str:
    return os.path.relpath(path, APP).replace(os.sep, "/")


def test_linting_the_whole_project() -> None:
    diags, files = findings([APP])
    assert diags == [
        ("src/api/dashboard.ts", 4, 10, "unknown-command"),
        ("src/api/dashboard.ts", 8, 10, "unknown-command"),
        ("src/api/dashboard.ts", 12, 10, "unknown-command"),
        ("src/api/reports.ts", 4, 10, "unknown-command"),
        ("src/api/users.ts", 12, 10, "unknown-command"),
        ("src/components/Profile.tsx", 9, 5, "unknown-command"),
        ("src/routes/+page.svelte", 6, 11, "unknown-command"),
    ]
    assert "src-tauri/src/lib.rs" in files
    assert "src/components/Profile.tsx" in files


def test_linting_a_sub_folder_loads_the_whole_project() -> None:
    diags, files = findings([os.path.join(APP, "src", "components")])
    # `rawCall("ping")` is a finding only because src/api/index.ts and src/lib/ipc.ts were loaded
    assert diags == [("src/components/Profile.tsx", 9, 5, "unknown-command")]
    assert files == [
        "src/components/Legacy.ts",
        "src/components/Notes.tsx",
        "src/components/Profile.tsx",
    ]


def test_linting_one_file_loads_the_whole_project() -> None:
    diags, files = findings([os.path.join(APP, "src", "components", "Profile.tsx")])
    assert diags == [("src/components/Profile.tsx", 9, 5, "unknown-command")]
    assert files == ["src/components/Profile.tsx"]


def test_linting_a_file_with_no_finding_reports_nothing_from_others() -> None:
    diags, files = findings([os.path.join(APP, "src", "main.ts")])
    assert diags == []
    assert files == ["src/main.ts"]


@pytest.mark.parametrize(
    ("before", "setup", "checked"),
    [
        # valid Rust that tree-sitter-rust cannot parse, away from the registration: still checked
        ("", ".setup(|#[allow(unused_variables)] app| Ok(()))", True),
        # the registration is inside the part that did not parse: the list may be incomplete, no guesses
        ("impl {\n", ".setup(|app| Ok(()))", False),
    ],
)
def test_a_parse_gap_turns_unknown_command_off_only_when_it_hides_registrations(
    tmp_path: Path, before: str, setup: str, checked: bool
) -> None:
    lib = (
        f"{before}#[tauri::command]\nfn ping() {{}}\n\npub fn run() {{\n    tauri::Builder::default()\n"
        f"        .invoke_handler(tauri::generate_handler![ping])\n        {setup}\n        .run(ctx);\n}}\n"
    )
    ts = 'import { invoke } from "@tauri-apps/api/core";\nexport const go = () => invoke("pong");\n'
    root = make_project(str(tmp_path), {"src-tauri/src/lib.rs": lib, "src/api.ts": ts})
    result = lint([root], ONLY_UNKNOWN, use_cache=False, jobs=1)
    assert [d.rule for d in result.diagnostics] == (["unknown-command"] if checked else [])


PLUGIN_CARGO = """[package]
name = "tauri-plugin-bridge"
version = "0.1.0"
edition = "2021"

[dependencies]
tauri = { version = "2", features = [] }
"""


@pytest.mark.parametrize(("mobile", "reported"), [(True, []), (False, ["unknown-command"])])
def test_commands_of_a_plugin_with_a_native_mobile_half_are_not_checked(
    tmp_path: Path, mobile: bool, reported: list[str]
) -> None:
    plugin_lib = (
        "#[tauri::command]\nfn ping() {}\n\npub fn init<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {\n"
        '    tauri::plugin::Builder::new("bridge")\n        .invoke_handler(tauri::generate_handler![ping])\n'
        "        .build()\n}\n"
    )
    mobile_rs = (
        "pub fn init<R: tauri::Runtime>(api: tauri::plugin::PluginApi<R, ()>) {\n"
        '    let _ = api.register_android_plugin("com.example.bridge", "BridgePlugin");\n}\n'
    )
    app_lib = (
        "pub fn run() {\n    tauri::Builder::default()\n        .plugin(tauri_plugin_bridge::init())\n"
        "        .invoke_handler(tauri::generate_handler![])\n        .run(ctx);\n}\n"
    )
    files = {
        "src-tauri/src/lib.rs": app_lib,
        "src-tauri/plugins/bridge/Cargo.toml": PLUGIN_CARGO,
        "src-tauri/plugins/bridge/src/lib.rs": plugin_lib,
        "src/api.ts": 'import { invoke } from "@tauri-apps/api/core";\n'
        'export const a = () => invoke("plugin:bridge|ping");\n'
        'export const b = () => invoke("plugin:bridge|android_only");\n',
    }
    if mobile:
        files["src-tauri/plugins/bridge/src/mobile.rs"] = mobile_rs
    root = make_project(str(tmp_path), files)
    result = lint([root], ONLY_UNKNOWN, use_cache=False, jobs=1)
    assert [d.rule for d in result.diagnostics] == reported


WINDOW_PLUGIN = (
    "#[tauri::command]\nfn hide_window() {}\n\npub fn init<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {\n"
    '    tauri::plugin::Builder::new("window")\n        .invoke_handler(tauri::generate_handler![hide_window])\n'
    "        .build()\n}\n"
)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        # Tauri's core plugin `app`: never the app's own namespace
        ('invoke("plugin:app|version")', None),
        # a plugin of the project named like a core plugin (v1 apps do this) is checked
        ('invoke("plugin:window|hide_window")', None),
        ('invoke("plugin:window|hide_windowx")', "plugin `window` has no command `hide_windowx`"),
        # an empty app handler registers nothing: a bare command is unknown
        ('invoke("ping")', "no registered command is named `ping`"),
        # a plugin's command called without its prefix
        ('invoke("hide_window")', "`hide_window` is a command of plugin `window`"),
    ],
)
def test_unknown_command_namespaces(tmp_path: Path, call: str, message: str | None) -> None:
    app_lib = (
        "pub fn run() {\n    tauri::Builder::default()\n        .plugin(window::init())\n"
        "        .invoke_handler(tauri::generate_handler![])\n        .run(ctx);\n}\n"
    )
    files = {
        "src-tauri/src/lib.rs": app_lib,
        "src-tauri/src/window.rs": WINDOW_PLUGIN,
        "src/api.ts": f'import {{ invoke }} from "@tauri-apps/api/core";\nexport const go = () => {call};\n',
    }
    root = make_project(str(tmp_path), files)
    result = lint([root], ONLY_UNKNOWN, use_cache=False, jobs=1)
    if message is None:
        assert result.diagnostics == []
    else:
        (diag,) = result.diagnostics
        assert diag.message.startswith(message)
        if "hide_window`" in message:
            assert diag.help == "call it as `plugin:window|hide_window`"


V1_CARGO = """[package]
name = "old-app"
version = "0.1.0"
edition = "2021"

[dependencies]
tauri = { version = "1.6", features = ["shell-open"] }
"""


@pytest.mark.parametrize("major", [1, 2])
def test_advice_follows_the_tauri_version(tmp_path: Path, major: int) -> None:
    lib = (
        "#[tauri::command]\nfn cover(path: String) -> Vec<u8> { std::fs::read(path).unwrap() }\n\n"
        "#[tauri::command]\nfn save(text: String) -> Result<(), String> { Ok(()) }\n\n"
        "#[tauri::command]\nfn status() -> String { String::new() }\n\n"
        "fn main() {\n    tauri::Builder::default()\n"
        "        .invoke_handler(tauri::generate_handler![cover, save, status])\n"
        "        .run(ctx);\n}\n"
    )
    ts = (
        'import { invoke } from "@tauri-apps/api/tauri";\n'
        'export const go = () => invoke<number[]>("cover", { path: "a" });\n'
        'export function keep(text: string) {\n  invoke("save", { text });\n}\n'
        'export function poke() {\n  invoke("status");\n}\n'
    )
    files = {"src-tauri/src/main.rs": lib, "src/api.ts": ts}
    if major == 1:
        files["src-tauri/Cargo.toml"] = V1_CARGO
    root = make_project(str(tmp_path), files)
    result = lint([root], Settings(select=("large-json-response", "floating-invoke")), use_cache=False, jobs=1)
    (large,) = [d for d in result.diagnostics if d.rule == "large-json-response"]
    floating, infallible = sorted(
        (d for d in result.diagnostics if d.rule == "floating-invoke"), key=lambda d: d.span.line
    )
    if major == 1:
        assert large.help.startswith("Tauri v1 has no raw IPC response")
        assert "ACL" not in floating.message and "a command error" in floating.message
        assert "(a missing or mistyped argument)" in infallible.message
    else:
        assert "tauri::ipc::Response::new(bytes)" in large.help
        assert "a command error" in floating.message and "an ACL denial" in floating.message
        assert "a command error" not in infallible.message and "an ACL denial" in infallible.message


def test_floating_keeps_command_errors_for_a_return_type_it_cannot_read(tmp_path: Path) -> None:
    files = {
        "src-tauri/src/error.rs": "pub type Fallible<T> = std::result::Result<T, String>;\n",
        "src-tauri/src/lib.rs": (
            "mod error;\nuse error::Fallible;\n\n"
            "#[tauri::command]\nfn save(text: String) -> Fallible<()> { Ok(()) }\n\n"
            "pub fn run() {\n    tauri::Builder::default()\n        .invoke_handler(tauri::generate_handler![save])\n"
            "        .run(ctx);\n}\n"
        ),
        "src/api.ts": 'import { invoke } from "@tauri-apps/api/core";\nexport function keep(text: string) {\n'
        '  invoke("save", { text });\n}\n',
    }
    root = make_project(str(tmp_path), files)
    result = lint([root], Settings(select=("floating-invoke", "fire-and-forget-invoke")), use_cache=False, jobs=1)
    (diag,) = result.diagnostics
    assert diag.rule == "floating-invoke" and "a command error" in diag.message


def test_workspace_packages_resolve_by_name_to_their_source(tmp_path: Path) -> None:
    """A pnpm workspace package imported by name (`@acme/ipc`) reaches its source, even though its
    `main` names a `dist/` build that is not there (`dist/api.js` → `src/api.ts`, not an index file)."""
    root = make_project(
        str(tmp_path / "repo"),
        {
            "src-tauri/src/lib.rs": (
                "#[tauri::command]\nasync fn open_that(url: String) -> Result<(), String> { let _ = url; Ok(()) }\n"
                "#[tauri::command]\nasync fn ping() -> Result<(), String> { Ok(()) }\n"
                "#[tauri::command]\nasync fn legacy_open(url: String) -> Result<(), String> { let _ = url; Ok(()) }\n"
                "pub fn run() {\n"
                "    let handler = tauri::generate_handler![open_that, ping, legacy_open];\n"
                "    tauri::Builder::default().invoke_handler(handler);\n"
                "}\n"
            ),
            "frontend/ipc/package.json": '{ "name": "@acme/ipc", "main": "dist/api.js" }\n',
            "frontend/ipc/src/api.ts": (
                'import { invoke } from "@tauri-apps/api/core";\n'
                'export const openThat = (url: string) => invoke<void>("open_that", { url });\n'
            ),
            # the same wrapper name in another package: only the import's resolution can tell them apart
            "frontend/legacy/package.json": '{ "name": "@acme/legacy", "main": "src/index.ts" }\n',
            "frontend/legacy/src/index.ts": (
                'import { invoke } from "@tauri-apps/api/core";\n'
                'export const openThat = (url: string) => invoke<void>("legacy_open", { url });\n'
                'export const useIt = () => openThat("x").catch(() => {});\n'
            ),
            "frontend/ipc/src/extra.ts": (
                'import { invoke } from "@tauri-apps/api/core";\nexport const ping = () => invoke<void>("ping");\n'
            ),
            "frontend/app/package.json": '{ "name": "@acme/app" }\n',
            "frontend/app/src/main.ts": (
                'import { openThat } from "@acme/ipc";\n'
                'import { ping } from "@acme/ipc/extra";\n'
                'import { openThat as other } from "@other/ipc";\n'
                'openThat("https://tauri.app");\n'
                "ping();\n"
                'other("not ours");\n'
            ),
        },
    )
    result = lint([root], Settings(), use_cache=False, jobs=1)
    found = sorted(
        (os.path.relpath(d.span.path, root), d.span.line, d.rule, d.message.split("`")[1])
        for d in result.diagnostics
        if d.span.path.endswith("main.ts")
    )
    assert found == [
        ("frontend/app/src/main.ts", 4, "floating-invoke", "open_that"),
        ("frontend/app/src/main.ts", 5, "floating-invoke", "ping"),
    ]
