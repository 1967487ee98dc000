"""The frontend extractor's facts, pinned exactly: how invoke is reached, what happens to its promise,
what repeats it, which wrappers forward to it, and what becomes of listen()'s unlisten function.

Sources are inline (positions are easy to check against them) except the two wrapper modules under
fixtures/frontend. Columns are 1-based characters; `end_col` is exclusive.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tauri_lint.frontend.extract import extract_frontend
from tauri_lint.model import (
    Args,
    ArrowTarget,
    CallCandidate,
    ChannelCreation,
    CommandRef,
    ConstTable,
    EmitSite,
    EnclosingFn,
    FrontendFacts,
    ImportBinding,
    InvokeSite,
    Lifecycle,
    Listener,
    ListenerFate,
    NameBuilder,
    RepeatKind,
    Repetition,
    ResultUse,
    Span,
    Use,
    Via,
    WrapperDef,
    WrapperKind,
)

FIXTURES = Path(__file__).parent / "fixtures" / "frontend"
CORE = 'import { invoke } from "@tauri-apps/api/core";\n'


def extract(source: str | bytes, path: str = "src/app.ts") -> FrontendFacts:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return extract_frontend(path, data)


def locate(source: str, needle: str, path: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `needle` in `source` (no BOM, `\\n` or `\\r\\n` line ends)."""
    start = -1
    for _ in range(nth + 1):
        start = source.index(needle, start + 1)
    end = start + len(needle)

    def position(offset: int) -> tuple[int, int]:
        line = source.count("\n", 0, offset) + 1
        return line, offset - (source.rfind("\n", 0, offset) + 1) + 1

    return Span(path, *position(start), *position(end))


def site_of(facts: FrontendFacts, command: str) -> InvokeSite:
    found = [s for s in facts.invokes if s.command == command]
    assert len(found) == 1, (command, facts.invokes)
    return found[0]


def wrapper_of(facts: FrontendFacts, name: str) -> WrapperDef:
    found = [w for w in facts.wrappers if w.name == name]
    assert len(found) == 1, (name, facts.wrappers)
    return found[0]


def listener_of(facts: FrontendFacts, event: str) -> Listener:
    found = [li for li in facts.listeners if li.event == event]
    assert len(found) == 1, (event, facts.listeners)
    return found[0]


def direct(span: Span, command: str | None, use: ResultUse, args: Args | None = None) -> InvokeSite:
    return InvokeSite(span=span, command=command, via=Via.DIRECT, args=args or Args("none"), result=use)


# --------------------------------------------------------------------------------------------------
# 1. Every way code reaches Tauri's invoke, and look-alikes that are not Tauri
# --------------------------------------------------------------------------------------------------

# (header, setup lines inside the async function, the call expression)
RECOGNISED: dict[str, tuple[str, str, str]] = {
    "named": (CORE, "", 'invoke("ping")'),
    "aliased": (
        'import { invoke as TAURI_INVOKE } from "@tauri-apps/api/core";\n',
        "",
        'TAURI_INVOKE("ping")',
    ),
    "namespace": ('import * as core from "@tauri-apps/api/core";\n', "", 'core.invoke("ping")'),
    "api-root-core": ('import { core } from "@tauri-apps/api";\n', "", 'core.invoke("ping")'),
    "api-root-core-renamed": (
        'import { core as tauriCore } from "@tauri-apps/api";\n',
        "",
        'tauriCore.invoke("ping")',
    ),
    "v1-tauri-module": ('import { invoke } from "@tauri-apps/api/tauri";\n', "", 'invoke("ping")'),
    "v1-api-root": ('import { invoke } from "@tauri-apps/api";\n', "", 'invoke("ping")'),
    "v1-api-root-tauri-namespace": ('import { tauri } from "@tauri-apps/api";\n', "", 'tauri.invoke("ping")'),
    "v2-alpha-primitives": ('import { invoke } from "@tauri-apps/api/primitives";\n', "", 'invoke("ping")'),
    "dynamic-destructured": (
        "",
        'const { invoke } = await import("@tauri-apps/api/core");\n',
        'invoke("ping")',
    ),
    "dynamic-renamed": ("", 'const { invoke: ipc } = await import("@tauri-apps/api/core");\n', 'ipc("ping")'),
    "dynamic-namespace": ("", 'const m = await import("@tauri-apps/api/core");\n', 'm.invoke("ping")'),
    "global-core": ("", "", 'window.__TAURI__.core.invoke("ping")'),
    "global-v1": ("", "", 'window.__TAURI__.invoke("ping")'),
    "global-v1-tauri": ("", "", 'window.__TAURI__.tauri.invoke("ping")'),
    "global-internals": ("", "", 'window.__TAURI_INTERNALS__.invoke("ping")'),
    "global-this": ("", "", 'globalThis.__TAURI__.core.invoke("ping")'),
    "global-subscript": ("", "", 'window["__TAURI__"]["core"].invoke("ping")'),
    "global-destructured": ("const { invoke } = window.__TAURI__.core;\n", "", 'invoke("ping")'),
    "global-destructured-renamed": ("const { invoke: send } = window.__TAURI__.core;\n", "", 'send("ping")'),
    "global-optional-const": ("const invoke = window.__TAURI__?.core?.invoke;\n", "", 'invoke("ping")'),
    "global-core-const": ("const tauriCore = window.__TAURI__.core;\n", "", 'tauriCore.invoke("ping")'),
    "optional-chain": ("", "", 'window.__TAURI__?.core?.invoke("ping")'),
    "non-null": ("", "", 'window.__TAURI__!.core!.invoke("ping")'),
    "as-any-cast": ("", "", '(window as any).__TAURI__.core.invoke("ping")'),
    "parenthesised": ("", "", '((window as any).__TAURI__.core).invoke("ping")'),
    "cast-callee": (CORE, "", '(invoke as any)("ping")'),
    "optional-call": (CORE, "", 'invoke?.("ping")'),
}


@pytest.mark.parametrize("form", sorted(RECOGNISED))
def test_every_form_of_invoke_is_recognised(form: str) -> None:
    header, setup, call = RECOGNISED[form]
    source = f"{header}export async function run(): Promise<void> {{\n  {setup}  await {call};\n}}\n"
    facts = extract(source)
    span = locate(source, call, "src/app.ts")
    # `run` holds one invoke with a literal command: a typed wrapper, which its invoke records
    assert facts.invokes == [replace(direct(span, "ping", ResultUse(Use.AWAITED)), in_wrapper="run")]


NOT_TAURI: dict[str, str] = {
    "method-on-other-object": "export function run(ipc: Ipc) {\n  ipc.invoke('ping');\n}\n",
    "electron-style-global": "window.electron.invoke('ping');\n",
    "invoke-from-npm-package": "import { invoke } from 'electron-better-ipc';\ninvoke('ping');\n",
    "namespace-from-npm-package": "import * as core from 'some-rpc/core';\ncore.invoke('ping');\n",
    "local-function": "function invoke(cmd: string) {\n  return cmd;\n}\ninvoke('ping');\n",
    "local-arrow": "const invoke = (cmd: string) => cmd;\ninvoke('ping');\n",
    "local-object": "const core = { invoke(cmd: string) {} };\ncore.invoke('ping');\n",
    "undeclared-free-name": "invoke('ping');\n",
    "shadowing-window-object": "const window = { __TAURI__: { core: { invoke() {} } } };\n"
    "window.__TAURI__.core.invoke('ping');\n",
}


@pytest.mark.parametrize("case", sorted(NOT_TAURI))
def test_lookalikes_are_not_invoke(case: str) -> None:
    facts = extract(NOT_TAURI[case])
    assert facts.invokes == []
    assert facts.candidates == []
    assert facts.wrappers == []


def test_invoke_imported_from_a_project_module_is_only_a_wrapper_candidate() -> None:
    source = "import { invoke } from './ipc';\nexport async function run() {\n  await invoke('ping');\n}\n"
    facts = extract(source)
    assert facts.invokes == []
    assert facts.candidates == [
        CallCandidate(
            span=Span("src/app.ts", 3, 9, 3, 23),
            name="invoke",
            import_source="./ipc",
            imported_name="invoke",
            arg_literals=("ping",),
            arg_shapes=(Args("unknown", span=Span("src/app.ts", 3, 16, 3, 22)),),
            result=ResultUse(Use.AWAITED),
            enclosing=EnclosingFn(
                name="run",
                exported=True,
                span=Span("src/app.ts", 2, 8, 4, 2),
                params=(),
                propagates=True,
                handles_rejection=False,
            ),
            arg_refs=(None,),
            arg_names=(None,),
        )
    ]
    assert facts.imports == [ImportBinding("invoke", "./ipc", "invoke")]


def test_tauri_import_bindings_are_recorded() -> None:
    facts = extract(
        'import { invoke as TAURI_INVOKE, Channel } from "@tauri-apps/api/core";\n'
        'import * as event from "@tauri-apps/api/event";\n'
    )
    assert facts.imports == [
        ImportBinding("TAURI_INVOKE", "@tauri-apps/api/core", "invoke"),
        ImportBinding("Channel", "@tauri-apps/api/core", "Channel"),
        ImportBinding("event", "@tauri-apps/api/event", "*"),
    ]


# --------------------------------------------------------------------------------------------------
# 2. `await invoke<T>(x)`: tree-sitter folds the operator into the callee (tree-sitter-typescript#282)
# --------------------------------------------------------------------------------------------------


def test_await_and_void_with_type_arguments() -> None:
    source = (
        CORE
        + "export async function run(name: string) {\n"
        + "  const a = await invoke<string>(name);\n"
        + '  void invoke<number>("voided");\n'
        + '  typeof invoke<string>("type_of");\n'
        + "  return a;\n"
        + "}\n"
    )
    facts = extract(source)
    path = "src/app.ts"
    assert facts.invokes == [
        # the span is the call itself, as it is without type arguments: not the folded operator
        direct(Span(path, 3, 19, 3, 39), None, ResultUse(Use.AWAITED)),
        direct(Span(path, 4, 8, 4, 32), "voided", ResultUse(Use.VOID)),
        direct(Span(path, 5, 10, 5, 35), "type_of", ResultUse(Use.OTHER)),
    ]


def test_multi_line_type_arguments() -> None:
    source = (
        CORE
        + "export async function run() {\n"
        + "  const pending = invoke<{\n"
        + "    a: string\n"
        + "  }>(\n"
        + '    "multi_line", { a: 1 });\n'
        + "  const value = await invoke<{\n"
        + "    b: number\n"
        + "  }>(\n"
        + '    "multi_line_awaited");\n'
        + "  return [pending, value];\n"
        + "}\n"
    )
    facts = extract(source)
    path = "src/app.ts"
    keys = Args("object", ("a",), (Span(path, 6, 21, 6, 22),), span=Span(path, 6, 19, 6, 27))
    assert facts.invokes == [
        direct(Span(path, 3, 19, 6, 28), "multi_line", ResultUse(Use.ASSIGNED), keys),
        direct(Span(path, 7, 23, 10, 26), "multi_line_awaited", ResultUse(Use.AWAITED)),
    ]
    assert not facts.had_syntax_errors


# --------------------------------------------------------------------------------------------------
# 3. Wrappers
# --------------------------------------------------------------------------------------------------


def test_wrapper_kinds() -> None:
    path = str(FIXTURES / "wrappers.ts")
    data = (FIXTURES / "wrappers.ts").read_bytes()
    facts = extract_frontend(path, data)
    source = data.decode()

    def sp(line: int, col: int, end_line: int, end_col: int) -> Span:
        return Span(path, line, col, end_line, end_col)

    def obj(text: str, *keys: str) -> Args:
        """The object literal `text` (unique in the file) with these keys."""
        whole = locate(source, text, path)
        spans = []
        for key in keys:
            k = locate(text, key, path)  # within the literal, which sits on one line
            spans.append(Span(path, whole.line, whole.col + k.col - 1, whole.line, whole.col + k.end_col - 1))
        return Args("object", keys, tuple(spans), span=whole)

    def typed(
        name: str,
        span: Span,
        command: str,
        args: Args,
        exported: bool = True,
        handles_rejection: bool = False,
        settles_inside: bool = False,
    ) -> WrapperDef:
        return WrapperDef(
            name,
            WrapperKind.TYPED,
            span,
            exported,
            command,
            args,
            handles_rejection=handles_rejection,
            settles_inside=settles_inside,
        )

    def passthrough(name: str, span: Span, cmd: int, args: int, rejection: bool = False) -> WrapperDef:
        return WrapperDef(
            name,
            WrapperKind.PASSTHROUGH,
            span,
            True,
            cmd_param=cmd,
            args_param=args,
            handles_rejection=rejection,
            settles_inside=rejection,  # here: awaited inside the try, so it sees the command finish
        )

    expected = [
        typed("getProfiles", sp(3, 8, 5, 2), "get_profiles", Args("none")),
        typed("getSettings", sp(7, 28, 7, 82), "get_settings", obj("{ full: true }", "full")),
        typed("saveSettings", sp(9, 8, 11, 2), "save_settings", obj("{ settings }", "settings")),
        typed("profiles.rename", sp(14, 3, 16, 4), "rename_profile", obj("{ id, name }", "id", "name")),
        typed("profiles.remove", sp(17, 11, 17, 59), "delete_profile", obj("{ id }", "id")),
        # a static class method: callers write `Store.load(...)`
        typed("Store.load", sp(21, 3, 23, 4), "store_load", obj("{ key }", "key")),
        passthrough("call", sp(26, 8, 28, 2), 0, 1),
        # try/catch around the forwarded invoke: rejections never reach safeCall's callers
        passthrough("safeCall", sp(30, 8, 37, 2), 0, 1, rejection=True),
        # the command is the second parameter, the args the third
        passthrough("callWith", sp(39, 8, 41, 2), 1, 2),
        # an RPC multiplexer: `cmd` travels inside the payload of the one real command "rpc"
        typed("rpc", sp(43, 8, 45, 2), "rpc", obj("{ cmd, payload }", "cmd", "payload")),
        typed("localOnly", sp(47, 1, 49, 2), "local_only", Args("none"), exported=False),
        # the promise is dropped inside: its callers never see a rejection
        typed("notify", sp(51, 8, 53, 2), "notify", Args("none"), handles_rejection=True, settles_inside=True),
    ]
    got = sorted(facts.wrappers, key=lambda w: (w.span.line, w.span.col))
    assert got == expected
    # twice() makes two invokes: a function with its own logic, not a wrapper (left out above)
    assert "twice" not in {w.name for w in facts.wrappers}


def test_tauri_specta_bindings() -> None:
    path = str(FIXTURES / "bindings.ts")
    facts = extract_frontend(path, (FIXTURES / "bindings.ts").read_bytes())

    def sp(line: int, col: int, end_line: int, end_col: int) -> Span:
        return Span(path, line, col, end_line, end_col)

    got = sorted(facts.wrappers, key=lambda w: w.span.line)
    assert got == [
        WrapperDef(
            "commands.greet",
            WrapperKind.BINDINGS,
            sp(5, 1, 7, 2),
            True,
            "greet",
            Args("object", ("name",), (sp(6, 42, 6, 46),), span=sp(6, 40, 6, 48)),
        ),
        # the Result variant awaits inside a try, catches the rejection and returns it as a value
        WrapperDef(
            "commands.loadNote",
            WrapperKind.BINDINGS,
            sp(8, 1, 15, 2),
            True,
            "load_note",
            Args("object", ("id",), (sp(10, 68, 10, 70),), span=sp(10, 66, 10, 72)),
            handles_rejection=True,
            settles_inside=True,
        ),
        # Promise<null>: the command returns ()
        WrapperDef(
            "commands.clearNotes",
            WrapperKind.BINDINGS,
            sp(16, 1, 18, 2),
            True,
            "clear_notes",
            Args("none"),
            typed_unit=True,
        ),
    ]


def test_wrapper_of_a_wrapper_is_a_candidate_with_its_enclosing_function() -> None:
    source = (
        'import { call } from "$lib/ipc";\n'
        'export const getUser = (id: number) => call<User>("get_user", { id });\n'
        "export async function removeUser(id: number) {\n"
        "  try {\n"
        '    await call("remove_user", { id });\n'
        "  } catch {}\n"
        "}\n"
    )
    facts = extract(source)
    path = "src/app.ts"
    assert facts.invokes == []
    assert [(c.name, c.import_source, c.imported_name, c.arg_literals, c.enclosing) for c in facts.candidates] == [
        (
            "call",
            "$lib/ipc",
            "call",
            ("get_user", None),
            EnclosingFn(
                "getUser",
                True,
                locate(source, '(id: number) => call<User>("get_user", { id })', path),
                ("id",),
                propagates=True,
                handles_rejection=False,
            ),
        ),
        (
            "call",
            "$lib/ipc",
            "call",
            ("remove_user", None),
            EnclosingFn("removeUser", True, Span(path, 3, 8, 7, 2), ("id",), True, True, settles_inside=True),
        ),
    ]
    assert facts.candidates[0].arg_shapes[1] == Args(
        "object", ("id",), (locate(source, "id", path, nth=1),), span=locate(source, "{ id }", path)
    )


def test_command_names_through_tables_enums_constants_and_builders() -> None:
    source = (
        CORE
        + 'import { Remote, REMOTE_TABLE, remoteName } from "./commands";\n'
        + 'const TAURI_COMMAND = { OPEN: "open_file", SAVE: "save_file" } as const;\n'
        + 'export enum Cmd { Ping = "ping", Quit = "quit_app" }\n'
        + 'const NAME = "constant_name";\n'
        + "const jarvis = (c: string) => `plugin:jarvis|${c}`;\n"
        + "export function wrapped(c: string) {\n  return `x_${c}_y`;\n}\n"
        + "export async function run() {\n"
        + "  await invoke(TAURI_COMMAND.OPEN);\n"
        + "  await invoke(Cmd.Quit);\n"
        + "  await invoke(NAME);\n"
        + '  await invoke(jarvis("listen"));\n'
        + "  await invoke(Remote.Thing);\n"
        + "  await invoke(REMOTE_TABLE.KEY);\n"
        + '  await invoke(remoteName("wake"));\n'
        + "}\n"
    )
    facts = extract(source)
    assert [(s.span.line, s.command) for s in facts.invokes] == [
        (11, "open_file"),
        (12, "quit_app"),
        (13, "constant_name"),
        (14, "plugin:jarvis|listen"),
        # imported from another file: folded by the project model
        (15, None),
        (16, None),
        (17, None),
    ]
    refs = [(c.span.line, c.name, c.arg_refs) for c in facts.candidates if c.name == "<invoke>"]
    assert refs == [
        (15, "<invoke>", (CommandRef(table="Remote", key="Thing"),)),
        (16, "<invoke>", (CommandRef(table="REMOTE_TABLE", key="KEY"),)),
        (17, "<invoke>", (CommandRef(builder="remoteName", builder_arg="wake"),)),
    ]
    assert facts.tables == [
        ConstTable("TAURI_COMMAND", (("OPEN", "open_file"), ("SAVE", "save_file")), exported=False),
        ConstTable("Cmd", (("Ping", "ping"), ("Quit", "quit_app")), exported=True),
    ]
    # a function declaration that returns a template of its one parameter builds names too
    assert facts.builders == [
        NameBuilder("jarvis", "plugin:jarvis|", "", exported=False),
        NameBuilder("wrapped", "x_", "_y", exported=True),
    ]


@pytest.mark.parametrize(
    ("source", "builder"),
    [
        # string constants of the file, on either side of the parameter
        (
            'const PREFIX = "plugin:jarvis";\nexport function cmd(c: string) {\n  return `${PREFIX}|${c}`;\n}\n',
            NameBuilder("cmd", "plugin:jarvis|", "", exported=True),
        ),
        (
            'const END = "_v2";\nexport const cmd = (c: string) => `app_${c}${END}`;\n',
            NameBuilder("cmd", "app_", "_v2", exported=True),
        ),
        # the module's own constant, not a function's local of the same name
        (
            'const NS = "settings";\nexport function cmd(c: string) {\n  return `${NS}_${c}`;\n}\n'
            'function describe() {\n  const NS = "legacy";\n  return NS;\n}\n',
            NameBuilder("cmd", "settings_", "", exported=True),
        ),
        # a constant declared after the builder
        (
            'export const cmd = (c: string) => `${NS}_${c}`;\nconst NS = "settings";\n',
            NameBuilder("cmd", "settings_", "", exported=True),
        ),
        # near misses: a name the file does not hold as a string, two parameters, the parameter twice
        ("export function cmd(c: string) {\n  return `${prefix}|${c}`;\n}\n", None),
        ("export function cmd(a: string, b: string) {\n  return `${a}|${b}`;\n}\n", None),
        ("export const cmd = (c: string) => `${c}|${c}`;\n", None),
        ("export function cmd(c: string) {\n  log(c);\n  return `x|${c}`;\n}\n", None),
        # a `let` may change; a builder inside a function reads that function's `name`, not the module's
        ('let v = "v1";\nexport const cmd = (c: string) => `${v}_${c}`;\n', None),
        (
            'const name = "world";\nexport function api(name: string) {\n'
            "  const cmd = (c: string) => `${name}_${c}`;\n  return cmd;\n}\n",
            None,
        ),
    ],
)
def test_name_builders(source: str, builder: NameBuilder | None) -> None:
    assert extract(source).builders == ([builder] if builder is not None else [])


def test_exported_tables_and_builders_for_other_files() -> None:
    source = (
        'export const COMMANDS = { LIST: "list_items" } as const;\n'
        'export enum Plugin { Open = "plugin:fs|open" }\n'
        "export const pluginCmd = (name: string) => { return `plugin:store|${name}`; };\n"
    )
    facts = extract(source)
    assert facts.tables == [
        ConstTable("COMMANDS", (("LIST", "list_items"),), exported=True),
        ConstTable("Plugin", (("Open", "plugin:fs|open"),), exported=True),
    ]
    assert facts.builders == [NameBuilder("pluginCmd", "plugin:store|", "", exported=True)]


def test_typed_wrapper_through_an_imported_table_keeps_the_reference() -> None:
    source = CORE + 'import { Cmd } from "./commands";\nexport const openFile = () => invoke(Cmd.OpenFile);\n'
    facts = extract(source)
    assert facts.wrappers == [
        WrapperDef(
            "openFile",
            WrapperKind.TYPED,
            Span("src/app.ts", 3, 25, 3, 51),
            True,
            command=None,
            args=Args("none"),
            command_ref=CommandRef(table="Cmd", key="OpenFile"),
        )
    ]


# --------------------------------------------------------------------------------------------------
# 4. What happens to the promise
# --------------------------------------------------------------------------------------------------

USES = """import { invoke } from "@tauri-apps/api/core";
class Cache { pending = invoke("field"); }
export async function run(el: HTMLElement, helper: (p: unknown) => void, flag: boolean) {
  await invoke("awaited");
  const a = invoke("assigned");
  let b; b = invoke("reassigned");
  const o = { p: invoke("pair") };
  helper(invoke("passed"));
  await Promise.all([invoke("in_array"), invoke("in_array_2")]);
  void invoke("voided");
  invoke("statement");
  if (await invoke("awaited_condition")) {}
  if (invoke("condition")) {}
  const s = `${invoke("template")}`;
  const t = flag ? invoke("ternary") : null;
  const u = flag && invoke("logical");
  invoke("then").then((v) => console.log(v));
  invoke("then_both").then(ok, (e) => console.error(e));
  invoke("catch").catch(console.error);
  invoke("finally").finally(done);
  invoke("then_undefined").then(undefined, report);
  invoke("then_catch").then(ok).catch(report);
  await invoke("awaited_catch").catch(report);
  const c = invoke("assigned_chain").then(ok);
  el.addEventListener("click", () => invoke("listener"));
  el.onclick = () => invoke("onclick_property");
  setTimeout(() => invoke("timeout"), 10);
  queueMicrotask(() => invoke("microtask"));
  requestIdleCallback(() => invoke("idle"));
  const all = [1, 2].map(() => invoke("map_arrow"));
  const bytes = new Uint8Array(await invoke("bytes"));
  const bytes2 = Uint8Array.from(await invoke("bytes_from"));
  const buffer = new Uint8Array((await invoke("bytes_parenthesised")) as number[]);
  return invoke("returned");
}
"""

# command → (use, chain, handles_rejection, value_ignored_by_chain, arrow_target, wrapped_in_typed_array)
USE_TABLE: dict[str, tuple[Use, tuple[str, ...], bool, bool, ArrowTarget | None, bool]] = {
    "field": (Use.ASSIGNED, (), False, False, None, False),
    "awaited": (Use.AWAITED, (), False, False, None, False),
    "assigned": (Use.ASSIGNED, (), False, False, None, False),
    "reassigned": (Use.ASSIGNED, (), False, False, None, False),
    "pair": (Use.ASSIGNED, (), False, False, None, False),
    "passed": (Use.PASSED, (), False, False, None, False),
    "in_array": (Use.PASSED, (), False, False, None, False),
    "in_array_2": (Use.PASSED, (), False, False, None, False),
    "voided": (Use.VOID, (), False, False, None, False),
    "statement": (Use.STATEMENT, (), False, False, None, False),
    "awaited_condition": (Use.AWAITED, (), False, False, None, False),
    "condition": (Use.OTHER, (), False, False, None, False),
    "template": (Use.OTHER, (), False, False, None, False),
    "ternary": (Use.ASSIGNED, (), False, False, None, False),
    "logical": (Use.ASSIGNED, (), False, False, None, False),
    "then": (Use.STATEMENT, ("then",), False, False, None, False),
    "then_both": (Use.STATEMENT, ("then",), True, False, None, False),
    "catch": (Use.STATEMENT, ("catch",), True, True, None, False),
    "finally": (Use.STATEMENT, ("finally",), False, True, None, False),
    "then_undefined": (Use.STATEMENT, ("then",), True, True, None, False),
    "then_catch": (Use.STATEMENT, ("then", "catch"), True, False, None, False),
    "awaited_catch": (Use.AWAITED, ("catch",), True, True, None, False),
    "assigned_chain": (Use.ASSIGNED, ("then",), False, False, None, False),
    "listener": (Use.ARROW_BODY, (), False, False, ArrowTarget.EVENT_LISTENER, False),
    "onclick_property": (Use.ARROW_BODY, (), False, False, ArrowTarget.EVENT_LISTENER, False),
    "timeout": (Use.ARROW_BODY, (), False, False, ArrowTarget.TIMER, False),
    "microtask": (Use.ARROW_BODY, (), False, False, ArrowTarget.TIMER, False),
    "idle": (Use.ARROW_BODY, (), False, False, ArrowTarget.TIMER, False),
    "map_arrow": (Use.ARROW_BODY, (), False, False, ArrowTarget.OTHER, False),
    "bytes": (Use.AWAITED, (), False, False, None, True),
    "bytes_from": (Use.AWAITED, (), False, False, None, True),
    "bytes_parenthesised": (Use.AWAITED, (), False, False, None, True),
    "returned": (Use.RETURNED, (), False, False, None, False),
}


def test_every_use_is_covered_by_the_table() -> None:
    assert {row[0] for row in USE_TABLE.values()} == set(Use)
    facts = extract(USES)
    assert sorted(s.command or "" for s in facts.invokes) == sorted(USE_TABLE)


@pytest.mark.parametrize("command", list(USE_TABLE))
def test_result_use(command: str) -> None:
    facts = extract(USES)
    site = site_of(facts, command)
    use, chain, handles, ignored, target, typed_array = USE_TABLE[command]
    assert site.result == ResultUse(use, chain, handles, ignored, target)
    assert site.wrapped_in_typed_array is typed_array
    assert site.via is Via.DIRECT


def test_result_use_spans() -> None:
    facts = extract(USES)
    path = "src/app.ts"
    for command in ("awaited", "then_catch", "listener", "bytes", "returned"):
        call = f'invoke("{command}")'
        assert site_of(facts, command).span == locate(USES, call, path), command


def test_jsx_handlers_and_other_jsx_attributes() -> None:
    source = (
        CORE
        + "export function Toolbar() {\n"
        + "  return (\n"
        + '    <div onClickCapture={() => invoke("captured")} title={String(() => invoke("title"))}>\n'
        + '      <button onClick={() => invoke("clicked")}>Save</button>\n'
        + "    </div>\n"
        + "  );\n"
        + "}\n"
    )
    facts = extract(source, "src/Toolbar.tsx")
    path = "src/Toolbar.tsx"
    assert facts.invokes == [
        InvokeSite(
            span=locate(source, 'invoke("captured")', path),
            command="captured",
            via=Via.DIRECT,
            args=Args("none"),
            result=ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.JSX_HANDLER),
            repetition=(
                Repetition(
                    RepeatKind.EVENT,
                    "click",
                    locate(source, 'onClickCapture={() => invoke("captured")}', path),
                ),
            ),
        ),
        direct(
            locate(source, 'invoke("title")', path),
            "title",
            ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.OTHER),
        ),
        InvokeSite(
            span=locate(source, 'invoke("clicked")', path),
            command="clicked",
            via=Via.DIRECT,
            args=Args("none"),
            result=ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.JSX_HANDLER),
            repetition=(
                Repetition(RepeatKind.EVENT, "click", locate(source, 'onClick={() => invoke("clicked")}', path)),
            ),
        ),
    ]


VUE_HANDLERS = """<template>
  <button @click="() => invoke('vue_arrow')">A</button>
  <button @click="invoke('vue_inline')">B</button>
  <button v-on:dblclick="save().catch(report)">C</button>
  <button @click="report(1); invoke('vue_block')">D</button>
</template>

<script setup lang="ts">
import { invoke } from "@tauri-apps/api/core";
function save() {
  return invoke("vue_save");
}
function report(e: unknown) {}
</script>
"""


def test_vue_template_handlers() -> None:
    path = "src/Panel.vue"
    facts = extract(VUE_HANDLERS, path)
    assert site_of(facts, "vue_arrow") == InvokeSite(
        span=Span(path, 2, 25, 2, 44),
        command="vue_arrow",
        via=Via.DIRECT,
        args=Args("none"),
        result=ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.VUE_HANDLER, caught_by_vue=True),
        repetition=(Repetition(RepeatKind.EVENT, "click", Span(path, 2, 19, 2, 44)),),
    )
    # a handler statement: its value goes back to Vue, which catches a rejection
    assert site_of(facts, "vue_inline") == InvokeSite(
        span=Span(path, 3, 19, 3, 39),
        command="vue_inline",
        via=Via.DIRECT,
        args=Args("none"),
        result=ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.VUE_HANDLER, caught_by_vue=True),
        repetition=(Repetition(RepeatKind.EVENT, "click", Span(path, 3, 19, 3, 39)),),
    )
    # with a `;`, Vue compiles the handler into a block that returns nothing: Vue never sees the promise
    assert site_of(facts, "vue_block").result == ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.VUE_HANDLER)
    assert facts.candidates == [
        CallCandidate(
            span=Span(path, 4, 26, 4, 32),
            name="save",
            import_source=None,
            imported_name=None,
            arg_literals=(),
            arg_shapes=(),
            result=ResultUse(
                Use.ARROW_BODY,
                chain=("catch",),
                handles_rejection=True,
                value_ignored_by_chain=True,
                arrow_target=ArrowTarget.VUE_HANDLER,
                caught_by_vue=True,
            ),
            repetition=(Repetition(RepeatKind.EVENT, "dblclick", Span(path, 4, 26, 4, 46)),),
        )
    ]
    assert wrapper_of(facts, "save").command == "vue_save"


SVELTE_HANDLERS = """<script lang="ts">
  import { invoke } from "@tauri-apps/api/core";
</script>

<button onclick={() => invoke("svelte5_click")}>A</button>
<button on:click={() => invoke("svelte4_click")}>B</button>
<button on:click|preventDefault={() => invoke("with_modifier")}>C</button>
"""


def test_svelte_template_handlers() -> None:
    path = "src/Widget.svelte"
    facts = extract(SVELTE_HANDLERS, path)
    handler = ResultUse(Use.ARROW_BODY, arrow_target=ArrowTarget.SVELTE_HANDLER)
    assert facts.invokes == [
        InvokeSite(
            Span(path, 5, 24, 5, 47),
            "svelte5_click",
            Via.DIRECT,
            Args("none"),
            handler,
            (Repetition(RepeatKind.EVENT, "click", Span(path, 5, 18, 5, 47)),),
        ),
        InvokeSite(
            Span(path, 6, 25, 6, 48),
            "svelte4_click",
            Via.DIRECT,
            Args("none"),
            handler,
            (Repetition(RepeatKind.EVENT, "click", Span(path, 6, 19, 6, 48)),),
        ),
        InvokeSite(
            Span(path, 7, 40, 7, 63),
            "with_modifier",
            Via.DIRECT,
            Args("none"),
            handler,
            (Repetition(RepeatKind.EVENT, "click", Span(path, 7, 34, 7, 63)),),
        ),
    ]


def test_invoke_args_shapes() -> None:
    source = (
        CORE
        + "export async function run(extra: object, key: string, bytes: Uint8Array) {\n"
        + '  await invoke("keys", { filePath: "a", "quoted-key": 1, shorthand, method() {} });\n'
        + '  await invoke("open", { ...extra, known: 1 });\n'
        + '  await invoke("computed", { [key]: 1 });\n'
        + '  await invoke("raw", new Uint8Array([1, 2]));\n'
        + '  await invoke("variable", bytes);\n'
        + '  await invoke("explicit_undefined", undefined);\n'
        + "}\n"
    )
    facts = extract(source)
    path = "src/app.ts"
    assert site_of(facts, "keys").args == Args(
        "object",
        ("filePath", "quoted-key", "shorthand", "method"),
        tuple(locate(source, key, path) for key in ("filePath", '"quoted-key"', "shorthand", "method")),
        span=locate(source, '{ filePath: "a", "quoted-key": 1, shorthand, method() {} }', path),
    )
    assert site_of(facts, "open").args == Args(
        "object",
        ("known",),
        (locate(source, "known", path),),
        open=True,
        span=locate(source, "{ ...extra, known: 1 }", path),
    )
    computed = locate(source, "{ [key]: 1 }", path)
    assert site_of(facts, "computed").args == Args("object", (), (), open=True, span=computed)
    assert site_of(facts, "raw").args == Args("raw", span=locate(source, "new Uint8Array([1, 2])", path))
    assert site_of(facts, "variable").args == Args("unknown", span=locate(source, "bytes", path, nth=1))
    assert site_of(facts, "explicit_undefined").args == Args("none")


# --------------------------------------------------------------------------------------------------
# 5. What repeats an invoke
# --------------------------------------------------------------------------------------------------

LOOPS = """import { invoke } from "@tauri-apps/api/core";
const IDS = [1, 2, 3];
export async function run(items: { id: number; ok: boolean }[], target: number) {
  for (let i = 0; i < 3; i++) await invoke("for_lt");
  for (let i = 0; i <= 3; i++) { await invoke("for_le"); }
  for (let i = 0; i < IDS.length; i++) await invoke("for_array_length");
  for (let i = 0; i < items.length; i++) await invoke("for_unknown");
  for (;;) { await invoke("for_ever"); }
  for (const id of IDS) await invoke("for_of_const");
  for (const id of [1, 2]) await invoke("for_of_literal");
  for (const k in items) await invoke("for_in");
  while (true) { await invoke("while_true"); }
  do { await invoke("do_while"); } while (items.length);
  for (const item of items) {
    if (item.id === target) {
      await invoke("equality_guard");
    }
  }
  for (const item of items) {
    await invoke("break_after");
    break;
  }
  for (const item of items) {
    if (item.ok) return invoke("return_unbraced");
  }
  for (const item of items) {
    if (item.ok) {
      return invoke("return_braced");
    }
  }
  for (const x of await invoke<number[]>("iterable")) {}
  for (const a of IDS) for (let j = 0; j < 5; j++) await invoke("nested");
  for (const item of items) {
    (async () => { await invoke("iife_in_loop"); })();
  }
}
"""


def loop(
    detail: str,
    line: int,
    col: int,
    end: int,
    bound: int | None = None,
    infinite: bool = False,
    exits_after: bool = False,
    equality_guard: bool = False,
) -> Repetition:
    span = Span("src/app.ts", line, col, line, end)
    return Repetition(
        RepeatKind.LOOP,
        detail,
        span,
        bound=bound,
        infinite=infinite,
        exits_after=exits_after,
        equality_guard=equality_guard,
    )


LOOP_TABLE: dict[str, tuple[Repetition, ...]] = {
    "for_lt": (loop("for", 4, 3, 6, bound=3),),
    "for_le": (loop("for", 5, 3, 6, bound=4),),
    "for_array_length": (loop("for", 6, 3, 6, bound=3),),
    "for_unknown": (loop("for", 7, 3, 6),),
    "for_ever": (loop("for", 8, 3, 6, infinite=True),),
    "for_of_const": (loop("for-of", 9, 3, 6, bound=3),),
    "for_of_literal": (loop("for-of", 10, 3, 6, bound=2),),
    "for_in": (loop("for-in", 11, 3, 6),),
    "while_true": (loop("while", 12, 3, 8, infinite=True),),
    "do_while": (loop("do-while", 13, 3, 5),),
    "equality_guard": (loop("for-of", 14, 3, 6, equality_guard=True),),
    "break_after": (loop("for-of", 19, 3, 6, exits_after=True),),
    "return_unbraced": (loop("for-of", 23, 3, 6, exits_after=True),),
    "return_braced": (loop("for-of", 26, 3, 6, exits_after=True),),
    # the iterable is evaluated once
    "iterable": (),
    "nested": (loop("for", 32, 24, 27, bound=5), loop("for-of", 32, 3, 6, bound=3)),
    # an immediately invoked function runs where it is written
    "iife_in_loop": (loop("for-of", 33, 3, 6),),
}


@pytest.mark.parametrize("command", list(LOOP_TABLE))
def test_loops(command: str) -> None:
    assert site_of(extract(LOOPS), command).repetition == LOOP_TABLE[command]


ITERATIONS = """import { invoke } from "@tauri-apps/api/core";
const IDS = [1, 2, 3];
export function run(items: { id: number }[], target: number) {
  items.forEach((item) => invoke("forEach"));
  IDS.map(async (id) => await invoke("map_const"));
  items.flatMap((x) => invoke("flatMap"));
  items.filter((x) => invoke("filter"));
  items.reduce((acc, x) => invoke("reduce"), 0);
  items.some((x) => invoke("some"));
  Array.from(items, (x) => invoke("array_from"));
  Array.from(IDS, (x) => invoke("array_from_const"));
  items.forEach((item) => {
    if (item.id === target) invoke("guarded");
  });
}
"""


def iteration(
    detail: str, line: int, col: int, end: int, bound: int | None = None, equality_guard: bool = False
) -> Repetition:
    span = Span("src/app.ts", line, col, line, end)
    return Repetition(RepeatKind.ITERATION, detail, span, bound=bound, equality_guard=equality_guard)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("forEach", iteration("forEach", 4, 9, 16)),
        ("map_const", iteration("map", 5, 7, 10, bound=3)),
        ("flatMap", iteration("flatMap", 6, 9, 16)),
        ("filter", iteration("filter", 7, 9, 15)),
        ("reduce", iteration("reduce", 8, 9, 15)),
        ("some", iteration("some", 9, 9, 13)),
        ("array_from", iteration("Array.from", 10, 9, 13)),
        ("array_from_const", iteration("Array.from", 11, 9, 13, bound=3)),
        ("guarded", iteration("forEach", 12, 9, 16, equality_guard=True)),
    ],
)
def test_iteration_methods(command: str, expected: Repetition) -> None:
    assert site_of(extract(ITERATIONS), command).repetition == (expected,)


TIMERS_AND_EVENTS = """import { invoke } from "@tauri-apps/api/core";
export function start(list: HTMLElement[], delay: number) {
  setInterval(() => invoke("interval"), 1000);
  setInterval(() => { invoke("interval_variable_delay"); }, delay);
  window.setInterval(() => invoke("window_interval"), 250);
  setTimeout(() => invoke("timeout_once"), 1000);
  requestAnimationFrame(() => invoke("raf_inline"));
  function frame() {
    invoke("raf_named");
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  function tick() {
    invoke("tick");
  }
  setInterval(tick, 500);
  document.addEventListener("mousemove", () => invoke("mousemove_inline"));
  window.addEventListener("scroll", onScroll);
  list.map((item) => {
    item.addEventListener("click", () => invoke("click_made_in_map"));
    return item;
  });
}
function onScroll() {
  invoke("scroll_named");
}
"""


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "interval",
            (Repetition(RepeatKind.INTERVAL, "setInterval", Span("src/app.ts", 3, 3, 3, 14), interval_ms=1000),),
        ),
        (
            "interval_variable_delay",
            (Repetition(RepeatKind.INTERVAL, "setInterval", Span("src/app.ts", 4, 3, 4, 14)),),
        ),
        (
            "window_interval",
            (Repetition(RepeatKind.INTERVAL, "setInterval", Span("src/app.ts", 5, 3, 5, 21), interval_ms=250),),
        ),
        ("timeout_once", ()),
        # an inline callback runs once: it does not call requestAnimationFrame again
        (
            "raf_inline",
            (Repetition(RepeatKind.ANIMATION_FRAME, "requestAnimationFrame", Span("src/app.ts", 7, 3, 7, 24)),),
        ),
        # a named frame callback that reschedules itself: a render loop (its first scheduling too)
        (
            "raf_named",
            (
                Repetition(
                    RepeatKind.ANIMATION_FRAME,
                    "requestAnimationFrame",
                    Span("src/app.ts", 10, 5, 10, 33),
                    reschedules=True,
                ),
                Repetition(RepeatKind.ANIMATION_FRAME, "requestAnimationFrame", Span("src/app.ts", 12, 3, 12, 31)),
            ),
        ),
        (
            "tick",
            (Repetition(RepeatKind.INTERVAL, "setInterval", Span("src/app.ts", 16, 3, 16, 25), interval_ms=500),),
        ),
        ("mousemove_inline", (Repetition(RepeatKind.EVENT, "mousemove", Span("src/app.ts", 17, 3, 17, 75)),)),
        ("scroll_named", (Repetition(RepeatKind.EVENT, "scroll", Span("src/app.ts", 18, 3, 18, 46)),)),
        # the stop rule: a handler made inside .map() runs per click, not per item of the map
        ("click_made_in_map", (Repetition(RepeatKind.EVENT, "click", Span("src/app.ts", 20, 5, 20, 70)),)),
    ],
)
def test_timers_and_dom_events(command: str, expected: tuple[Repetition, ...]) -> None:
    got = site_of(extract(TIMERS_AND_EVENTS), command).repetition
    # the places that schedule a named callback are not nested in each other: any order
    assert sorted(got, key=lambda r: (r.span.line, r.span.col)) == list(expected)


def test_jsx_event_handlers_inline_and_named() -> None:
    source = (
        CORE
        + "export function Canvas() {\n"
        + "  function onMove() {\n"
        + '    invoke("jsx_named_move");\n'
        + "  }\n"
        + '  return <canvas onMouseMove={onMove} onWheel={() => invoke("jsx_inline_wheel")} />;\n'
        + "}\n"
    )
    path = "src/Canvas.tsx"
    facts = extract(source, path)
    assert site_of(facts, "jsx_named_move").repetition == (
        Repetition(RepeatKind.EVENT, "mousemove", Span(path, 6, 18, 6, 38)),
    )
    assert site_of(facts, "jsx_inline_wheel").repetition == (
        Repetition(RepeatKind.EVENT, "wheel", Span(path, 6, 39, 6, 81)),
    )


VUE_EVENTS = """<template>
  <div @mousemove="onMove" @scroll.passive="onScroll">x</div>
</template>
<script setup lang="ts">
import { invoke } from "@tauri-apps/api/core";
function onMove(e: MouseEvent) {
  invoke("vue_mousemove", { x: e.clientX });
}
function onScroll() {
  invoke("vue_scroll");
}
</script>
"""


def test_vue_handler_naming_a_script_function() -> None:
    path = "src/Surface.vue"
    facts = extract(VUE_EVENTS, path)
    assert site_of(facts, "vue_mousemove").repetition == (
        Repetition(RepeatKind.EVENT, "mousemove", Span(path, 2, 20, 2, 26)),
    )
    assert site_of(facts, "vue_scroll").repetition == (
        Repetition(RepeatKind.EVENT, "scroll", Span(path, 2, 45, 2, 53)),
    )


SVELTE_EVENTS = """<script lang="ts">
  import { invoke } from "@tauri-apps/api/core";
  function move() {
    invoke("svelte5_mousemove");
  }
  function legacyMove() {
    invoke("svelte4_mousemove");
  }
  function wheel() {
    invoke("window_wheel");
  }
</script>

<svelte:window onwheel={wheel} />
<div onmousemove={move}></div>
<div on:mousemove={legacyMove}></div>
"""


def test_svelte_handlers_naming_a_script_function() -> None:
    path = "src/Board.svelte"
    facts = extract(SVELTE_EVENTS, path)
    assert site_of(facts, "svelte5_mousemove").repetition == (
        Repetition(RepeatKind.EVENT, "mousemove", Span(path, 15, 19, 15, 23)),
    )
    assert site_of(facts, "svelte4_mousemove").repetition == (
        Repetition(RepeatKind.EVENT, "mousemove", Span(path, 16, 20, 16, 30)),
    )
    assert site_of(facts, "window_wheel").repetition == (
        Repetition(RepeatKind.EVENT, "wheel", Span(path, 14, 25, 14, 30)),
    )


# --------------------------------------------------------------------------------------------------
# 6. Listeners, emits, channels
# --------------------------------------------------------------------------------------------------

LISTENERS = """import { listen, once, emit, emitTo } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { Channel } from "@tauri-apps/api/core";
import * as ev from "@tauri-apps/api/event";
import { useEffect } from "react";

listen("module_dropped", () => {});
const unModule = await listen("module_stored", () => {});
once("module_once", () => {});
getCurrentWindow().listen("window_listen", () => {});
window.__TAURI__.event.listen("global_listen", () => {});
ev.emit("namespace_emit", { a: 1 });
emit("plain_emit");
emitTo("main", "to_main", 1);
const progress = new Channel<number>();
document.addEventListener("DOMContentLoaded", async () => {
  await listen("dom_loaded", () => {});
});

export function Panel() {
  useEffect(() => {
    const pending = listen("react_cleanup", () => {});
    return () => {
      pending.then((un) => un());
    };
  }, []);
  useEffect(() => {
    listen("react_dropped", () => {});
  }, []);
  useEffect(() => {
    let un: (() => void) | undefined;
    listen("react_then_assigned", () => {}).then((f) => (un = f));
    return () => un?.();
  }, []);
  useEffect(() => {
    (async () => {
      const unlisten = await listen("react_iife", () => {});
    })();
  }, []);
  useEffect(() => {
    let un: (() => void) | undefined;
    (async () => {
      un = await listen("react_await_assigned", () => {});
    })();
    return () => un?.();
  }, []);
  return null;
}

export async function subscribe() {
  return listen("returned", () => {});
}

export async function helper() {
  const unlisten = await listen("function_stored", () => {});
}
"""

# event → (api, fate, lifecycle, has_cleanup, cleanup_calls_unlisten)
LISTENER_TABLE: dict[str, tuple[str, ListenerFate, Lifecycle, bool, bool]] = {
    "module_dropped": ("listen", ListenerFate.DROPPED, Lifecycle.MODULE, False, False),
    "module_stored": ("listen", ListenerFate.STORED_NEVER_CALLED, Lifecycle.MODULE, False, False),
    "module_once": ("once", ListenerFate.DROPPED, Lifecycle.MODULE, False, False),
    "window_listen": ("listen", ListenerFate.DROPPED, Lifecycle.MODULE, False, False),
    "global_listen": ("listen", ListenerFate.DROPPED, Lifecycle.MODULE, False, False),
    "dom_loaded": ("listen", ListenerFate.DROPPED, Lifecycle.ONCE_PER_PAGE, False, False),
    "react_cleanup": ("listen", ListenerFate.CALLED, Lifecycle.REACT_EFFECT, True, True),
    "react_dropped": ("listen", ListenerFate.DROPPED, Lifecycle.REACT_EFFECT, False, False),
    "react_then_assigned": ("listen", ListenerFate.THEN_ASSIGNED, Lifecycle.REACT_EFFECT, True, True),
    # an async IIFE runs inside the effect; its local `unlisten` is never called by anyone
    "react_iife": ("listen", ListenerFate.STORED_NEVER_CALLED, Lifecycle.REACT_EFFECT, False, False),
    "react_await_assigned": ("listen", ListenerFate.AWAIT_ASSIGNED, Lifecycle.REACT_EFFECT, True, True),
    "returned": ("listen", ListenerFate.RETURNED, Lifecycle.FUNCTION, False, False),
    # `unlisten` in another function of the file does not count as this one being called
    "function_stored": ("listen", ListenerFate.STORED_NEVER_CALLED, Lifecycle.FUNCTION, False, False),
}


@pytest.mark.parametrize("event", list(LISTENER_TABLE))
def test_listeners(event: str) -> None:
    facts = extract(LISTENERS, "src/Panel.tsx")
    listener = listener_of(facts, event)
    api, fate, life, has_cleanup, calls = LISTENER_TABLE[event]
    assert (listener.api, listener.fate, listener.lifecycle) == (api, fate, life)
    assert (listener.has_cleanup, listener.cleanup_calls_unlisten) == (has_cleanup, calls)


def test_listener_spans_emits_and_channels() -> None:
    path = "src/Panel.tsx"
    facts = extract(LISTENERS, path)
    assert {li.event for li in facts.listeners} == set(LISTENER_TABLE)
    assert listener_of(facts, "module_dropped").span == Span(path, 7, 1, 7, 35)
    assert listener_of(facts, "module_stored").span == Span(path, 8, 24, 8, 57)
    assert listener_of(facts, "window_listen").span == Span(path, 10, 1, 10, 53)
    assert listener_of(facts, "global_listen").span == Span(path, 11, 1, 11, 57)
    assert sorted(facts.emits, key=lambda e: e.span.line) == [
        EmitSite(Span(path, 12, 1, 12, 36), "namespace_emit", "emit"),
        EmitSite(Span(path, 13, 1, 13, 19), "plain_emit", "emit"),
        EmitSite(Span(path, 14, 1, 14, 29), "to_main", "emitTo"),
    ]
    assert facts.channels == [ChannelCreation(Span(path, 15, 18, 15, 39))]
    assert facts.invokes == []


def test_v1_app_window_listeners() -> None:
    source = (
        'import { appWindow } from "@tauri-apps/api/window";\n'
        'appWindow.once("v1_once", () => {});\n'
        'export const unlisten = await appWindow.listen("v1_listen", () => {});\n'
    )
    facts = extract(source)
    assert facts.listeners == [
        Listener(Span("src/app.ts", 2, 1, 2, 36), "v1_once", "once", ListenerFate.DROPPED, Lifecycle.MODULE),
        Listener(
            Span("src/app.ts", 3, 31, 3, 70),
            "v1_listen",
            "listen",
            ListenerFate.STORED_NEVER_CALLED,
            Lifecycle.MODULE,
        ),
    ]


def test_solid_listeners() -> None:
    source = (
        'import { listen } from "@tauri-apps/api/event";\n'
        'import { createEffect, onCleanup, onMount } from "solid-js";\n'
        "export function Clock() {\n"
        "  onMount(async () => {\n"
        '    const un = await listen("solid_mount", () => {});\n'
        "    onCleanup(() => un());\n"
        "  });\n"
        "  createEffect(() => {\n"
        '    listen("solid_effect", () => {});\n'
        "  });\n"
        "}\n"
    )
    facts = extract(source, "src/Clock.tsx")
    mount = listener_of(facts, "solid_mount")
    assert (mount.fate, mount.lifecycle, mount.has_cleanup, mount.cleanup_calls_unlisten) == (
        ListenerFate.CALLED,
        Lifecycle.SOLID,
        True,
        True,
    )
    effect = listener_of(facts, "solid_effect")
    assert (effect.fate, effect.lifecycle, effect.has_cleanup) == (
        ListenerFate.DROPPED,
        Lifecycle.SOLID,
        False,
    )


VUE_LISTENERS = """<script setup lang="ts">
import { listen } from "@tauri-apps/api/event";
import { onMounted, onUnmounted } from "vue";
let un: (() => void) | undefined;
onMounted(async () => {
  un = await listen("vue_mounted", () => {});
});
onUnmounted(() => un?.());
listen("vue_setup", () => {});
</script>
"""


def test_vue_listeners() -> None:
    path = "src/Status.vue"
    facts = extract(VUE_LISTENERS, path)
    assert sorted(facts.listeners, key=lambda li: li.span.line) == [
        Listener(
            Span(path, 6, 14, 6, 45),
            "vue_mounted",
            "listen",
            # set once the await is over, by a function that does not own `un` (listen-leak reports
            # that race only in React effects)
            ListenerFate.AWAIT_ASSIGNED,
            Lifecycle.VUE_MOUNTED,
            has_cleanup=True,
            cleanup_calls_unlisten=True,
        ),
        # <script setup> runs per component instance
        Listener(Span(path, 9, 1, 9, 30), "vue_setup", "listen", ListenerFate.DROPPED, Lifecycle.COMPONENT_BODY),
    ]


SVELTE_LISTENERS = """<script context="module" lang="ts">
  import { listen } from "@tauri-apps/api/event";
  listen("svelte_module", () => {});
</script>

<script lang="ts">
  import { onMount } from "svelte";
  onMount(() => {
    const pending = listen("svelte_mount", () => {});
    return () => {
      pending.then((f) => f());
    };
  });
  listen("svelte_instance", () => {});
</script>
"""


def test_svelte_listeners() -> None:
    path = "src/Live.svelte"
    facts = extract(SVELTE_LISTENERS, path)
    assert sorted(facts.listeners, key=lambda li: li.span.line) == [
        Listener(Span(path, 3, 3, 3, 36), "svelte_module", "listen", ListenerFate.DROPPED, Lifecycle.MODULE),
        Listener(
            Span(path, 9, 21, 9, 53),
            "svelte_mount",
            "listen",
            ListenerFate.CALLED,
            Lifecycle.SVELTE_MOUNT,
            has_cleanup=True,
            cleanup_calls_unlisten=True,
        ),
        Listener(
            Span(path, 14, 3, 14, 38),
            "svelte_instance",
            "listen",
            ListenerFate.DROPPED,
            Lifecycle.COMPONENT_BODY,
        ),
    ]


# --------------------------------------------------------------------------------------------------
# 7. Positions: CRLF, non-ASCII text before the call, BOM
# --------------------------------------------------------------------------------------------------


def column_text(data: bytes, span: Span, length: int) -> str:
    """The `length` characters of the file at the span's start (BOM dropped, as editors show it)."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    line = text.split("\n")[span.line - 1]
    return line[span.col - 1 : span.col - 1 + length]


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def test_positions_in_vue_with_crlf_and_non_ascii() -> None:
    data = crlf(
        "<template>\n"
        "  <p>é 日本 🎉</p><button @click=\"invoke('vue_template')\">é</button>\n"
        "</template>\n"
        '<script setup lang="ts">\n'
        'import { invoke } from "@tauri-apps/api/core";\n'
        'const s = "é日本🎉"; await invoke("vue_script");\n'
        "</script>\n"
    )
    path = "src/Intl.vue"
    facts = extract(data, path)
    assert [(s.command, s.span) for s in facts.invokes] == [
        ("vue_template", Span(path, 2, 32, 2, 54)),
        ("vue_script", Span(path, 6, 25, 6, 45)),
    ]
    for site in facts.invokes:
        assert column_text(data, site.span, 6) == "invoke"
    assert facts.line_count == 8


def test_positions_in_svelte_with_crlf_and_non_ascii() -> None:
    data = crlf(
        "<script>\n"
        '  import { invoke } from "@tauri-apps/api/core";\n'
        '  const t = "🎉 日本"; invoke("svelte_script");\n'
        "</script>\n"
        '<p>é 🎉</p><button on:click={() => invoke("svelte_template")}>日本</button>\n'
    )
    path = "src/Intl.svelte"
    facts = extract(data, path)
    assert [(s.command, s.span) for s in facts.invokes] == [
        ("svelte_script", Span(path, 3, 21, 3, 44)),
        ("svelte_template", Span(path, 5, 35, 5, 60)),
    ]
    assert facts.invokes[1].repetition == (Repetition(RepeatKind.EVENT, "click", Span(path, 5, 29, 5, 60)),)
    for site in facts.invokes:
        assert column_text(data, site.span, 6) == "invoke"


def test_positions_in_html_with_crlf_and_non_ascii() -> None:
    data = crlf(
        "<!doctype html>\n"
        "<html><body>\n"
        "<p>日本</p><button onclick=\"window.__TAURI__.core.invoke('html_attribute')\">é</button>\n"
        '<script type="module">\n'
        '  const label = "🎉é"; window.__TAURI__.core.invoke("html_script");\n'
        "</script>\n"
        "</body></html>\n"
    )
    path = "index.html"
    facts = extract(data, path)
    assert [(s.command, s.span, s.result.arrow_target) for s in facts.invokes] == [
        ("html_attribute", Span(path, 3, 27, 3, 73), ArrowTarget.EVENT_LISTENER),
        ("html_script", Span(path, 5, 23, 5, 66), None),
    ]
    for site in facts.invokes:
        assert column_text(data, site.span, 6) == "window"


def test_positions_after_a_bom() -> None:
    data = '\ufeffwindow.__TAURI__.core.invoke("first_line"); const é = "日本";\ninvoke("x");\n'.encode()
    facts = extract(data, "src/bom.ts")
    assert facts.invokes == [
        direct(Span("src/bom.ts", 1, 1, 1, 43), "first_line", ResultUse(Use.STATEMENT)),
    ]
    assert column_text(data, facts.invokes[0].span, 6) == "window"


def test_positions_after_a_bom_with_imports_and_crlf() -> None:
    data = "\ufeff".encode() + crlf(CORE + 'const 名前 = "é"; invoke("after_bom");\n')
    facts = extract(data, "src/bom.ts")
    assert facts.invokes == [direct(Span("src/bom.ts", 2, 17, 2, 36), "after_bom", ResultUse(Use.STATEMENT))]
    assert column_text(data, facts.invokes[0].span, 6) == "invoke"


# tree-sitter 0.26 returns these imports' captures as 0, 122, 52, 82, 21 (and the calls of `g(h(1))`
# inner-first in other files): the extractor must not inherit that order.
_OUT_OF_ORDER = b"""import fs from "fs";
import fsp from "fs/promises";
import AdmZip from "adm-zip";
import { createRequire } from "module";
import path from "path";
import { invoke } from "@tauri-apps/api/core";
const core = window.__TAURI__.core;
const run = core.invoke;
function f() { return invoke(g(h(1))).then(() => run("later")); }
"""


def test_captures_come_in_source_order_outer_before_inner() -> None:
    from tauri_lint.frontend.syntax import UNSORTED_CAPTURES, captures, parser

    root = parser(True).parse(_OUT_OF_ORDER).root_node
    found = captures(root, True)
    for name in found.keys() - UNSORTED_CAPTURES:
        keys = [(n.start_byte, -n.end_byte) for n in found[name]]
        assert keys == sorted(keys), name


def test_facts_follow_the_source_order() -> None:
    facts = extract_frontend("/p/src/order.ts", _OUT_OF_ORDER)
    assert [i.local for i in facts.imports] == ["fs", "fsp", "AdmZip", "createRequire", "path", "invoke"]
    # `run` is bound through `core`, declared before it: binding in source order sees that
    assert [site.command for site in facts.invokes] == [None, "later"]
    # the query returns these calls as g(3), g(1), g(2)
    calls = extract_frontend(
        "/p/src/calls.ts",
        b"""import { invoke } from "@tauri-apps/api/core";
function g(x: number) { return invoke("g", { x }); }
export function a() { return g(1); }
export const b = () => g(2);
export function c() { return g(3); }
""",
    )
    assert [(c.name, c.span.line) for c in calls.candidates] == [("g", 3), ("g", 4), ("g", 5)]


@pytest.mark.parametrize(
    ("declarator", "skipped"),
    [
        (b"data = useMemo(() => rows.length)", True),
        (b"value = props.value", True),
        (b"done = true", True),
        (b"run = cmd => invoke(cmd)", False),  # an arrow with a bare parameter is a function
        (b"run = async () => invoke('a')", False),
        (b"load = function () {}", False),
        (b"Store = class {}", False),
        (b"tauri = window.__TAURI__", False),
        (b"un = await listen('x', f)", False),
        (b"ch = new Channel()", False),
        (b"mod = import('@tauri-apps/api/core')", False),
        (b"name = 'get_user'", False),
        (b"rows = [1, 2]", False),
        (b"typed: Fn = useMemo(f)", False),  # annotated: not read from the bytes, bound the long way
        (b"inv = core.invoke", False),  # `core` is already a Tauri name
    ],
)
def test_declarators_skipped_from_the_bytes_alone(declarator: bytes, skipped: bool) -> None:
    from tauri_lint.frontend.bindings import Bindings, binds_nothing

    b = Bindings(source=b"const " + declarator, kinds={"core": "core"})
    assert binds_nothing(b, len(b"const ")) is skipped


DELAYS = """import { invoke } from "@tauri-apps/api/core";
const POLL_MS = 5 * 1000;
export function a() {
  setInterval(() => invoke("through_constant"), POLL_MS);
}
export function b() {
  const every = 3000;
  setInterval(() => invoke("local_constant"), every);
}
export function c() {
  const every = 50;
  setInterval(() => invoke("same_name_other_value"), every);
}
export function d() {
  setInterval(() => invoke("product"), 60 * 60 * 1000);
}
export function e() {
  function inner() {
    const hidden = 9000;
    return hidden;
  }
  setInterval(() => invoke("declared_in_another_function"), hidden);
}
const SECOND = 1000;
const HUGE = 1e400;
export function f(POLL_MS: number) {
  setInterval(() => invoke("fraction_product"), 0.5 * 2000);
  setInterval(() => invoke("product_of_a_constant"), 30 * SECOND);
  setInterval(() => invoke("parameter_hides_the_constant"), POLL_MS);
  setInterval(() => invoke("infinite"), HUGE);
}
export function g() {
  let every = 5000;
  every = 10;
  setInterval(() => invoke("let_may_change"), every);
}
"""


@pytest.mark.parametrize(
    ("command", "delay"),
    [
        ("through_constant", 5000),
        # each function sees its own `every`
        ("local_constant", 3000),
        ("same_name_other_value", 50),
        ("declared_in_another_function", None),
        ("fraction_product", 1000),
        ("product_of_a_constant", 30_000),
        ("parameter_hides_the_constant", None),
        ("infinite", None),
        ("let_may_change", None),
        ("product", 3_600_000),
    ],
)
def test_interval_delays_through_constants(command: str, delay: int | None) -> None:
    (rep,) = site_of(extract(DELAYS), command).repetition
    assert rep.kind == RepeatKind.INTERVAL and rep.interval_ms == delay


SAME_NAME_TIMERS = """import { invoke } from "@tauri-apps/api/core";
export function watchImages() {
  const poll = async () => { await invoke("poll_images"); };
  setInterval(poll, 100);
}
export function watchVideos() {
  const poll = async () => { await invoke("poll_videos"); };
  setInterval(poll, 5000);
}
export function unrelated() {
  const poll = async () => { await invoke("never_repeated"); };
  return poll;
}
"""


@pytest.mark.parametrize(
    ("command", "line", "delay"),
    [("poll_images", 4, 100), ("poll_videos", 8, 5000), ("never_repeated", None, None)],
)
def test_functions_passed_by_name_are_matched_within_their_scope(
    command: str, line: int | None, delay: int | None
) -> None:
    reps = site_of(extract(SAME_NAME_TIMERS), command).repetition
    if line is None:
        assert reps == ()
    else:
        assert [(r.span.line, r.interval_ms) for r in reps] == [(line, delay)]


INLINE_CALLBACKS = """import { invoke } from "@tauri-apps/api/core";
export function log(message: string) {
  void invoke("log_line", { message });
}
export async function refresh() {
  await invoke("refresh_all");
}
export class Player {
  poll: () => Promise<void>;
  constructor() {
    this.poll = async () => {
      await invoke("assigned_poll");
    };
  }
  start(store: { refresh(): void }) {
    setInterval(() => console.log("tick"), 16);
    setInterval(() => store.refresh(), 16);
    setInterval(this.poll, 100);
  }
}
"""


@pytest.mark.parametrize(
    ("command", "repeated"), [("log_line", False), ("refresh_all", False), ("assigned_poll", True)]
)
def test_inline_callbacks_repeat_only_this_files_functions(command: str, repeated: bool) -> None:
    reps = site_of(extract(INLINE_CALLBACKS), command).repetition
    assert [r.kind for r in reps] == ([RepeatKind.INTERVAL] if repeated else [])


def test_commonjs_require_of_the_tauri_api() -> None:
    source = (
        "export function drives() {\n"
        '  const { invoke } = require("@tauri-apps/api");\n'
        '  return invoke("get_drives");\n'
        "}\n"
        'const api = require("@tauri-apps/api/tauri");\n'
        'export const listDir = () => api.invoke("list_dir");\n'
        'const { listen } = require("@tauri-apps/api/event");\n'
        'listen("ready", () => {});\n'
    )
    facts = extract(source, "src/Service/drives.js")
    assert [(s.command, s.span.line) for s in facts.invokes] == [("get_drives", 3), ("list_dir", 6)]
    assert [(li.event, li.span.line) for li in facts.listeners] == [("ready", 8)]


@pytest.mark.parametrize(
    "source",
    [
        # a module of the project, not Tauri
        'const { invoke } = require("./ipc");\ninvoke("x");\n',
        # the file's own `require`
        'function require(name) { return name; }\nconst { invoke } = require("@tauri-apps/api");\ninvoke("x");\n',
        'import require from "./loader";\nconst { invoke } = require("@tauri-apps/api");\ninvoke("x");\n',
        # a bare dynamic import is a promise of the module, not the module
        'const core = import("@tauri-apps/api/core");\ncore.invoke("x");\n',
    ],
)
def test_require_near_misses(source: str) -> None:
    assert extract(source, "src/Service/x.js").invokes == []


@pytest.mark.parametrize(
    ("source", "mounts"),
    [
        (
            'import { mount } from "svelte";\nimport App from "./App.svelte";\n'
            "mount(App, { target: document.body });\n",
            ["./App.svelte"],
        ),
        (
            'import { createSSRApp } from "vue";\nimport App from "@/App.vue";\ncreateSSRApp(App).mount("#app");\n',
            ["@/App.vue"],
        ),
        (
            'import App from "./App.svelte";\nif (document.body) {\n  new App({ target: document.body });\n}\n',
            ["./App.svelte"],
        ),
        # inside a function or a loop: it may run many times
        (
            'import { mount } from "svelte";\nimport App from "./App.svelte";\n'
            "export const boot = () => mount(App, {});\n",
            [],
        ),
        ('import App from "./App.svelte";\nfor (const el of els) new App({ target: el });\n', []),
        # not the framework's mount, or not a component
        ('import { mount } from "./dom";\nimport App from "./App.svelte";\nmount(App);\n', []),
        ('import { createApp } from "vue";\nimport App from "./App";\ncreateApp(App);\n', []),
    ],
)
def test_root_component_mounts(source: str, mounts: list[str]) -> None:
    assert extract(source, "src/main.ts").mounts == mounts


_SOLID = 'import { render } from "solid-js/web";\n'


@pytest.mark.parametrize(
    ("source", "rendered"),
    [
        (_SOLID + 'import { App } from "./App";\nrender(() => <App />, root);\n', [("./App", "App", ())]),
        (_SOLID + 'import App from "@/App";\nrender(App, root);\n', [("@/App", "default", ())]),
        # through fragments and plain elements, not into a component's children
        (
            _SOLID + 'import { Store } from "./store";\nimport { Bar } from "./Bar";\nimport { Page } from "./Page";\n'
            "render(() => (\n  <>\n    <Store><Page /></Store>\n    <div><Bar /></div>\n  </>\n), root);\n",
            [("./store", "Store", ()), ("./Bar", "Bar", ())],
        ),
        # a function of this module (a file reaching no module of the project is analysed only for Tauri)
        (
            _SOLID + 'import { listen } from "@tauri-apps/api/event";\n'
            "function Splash() { listen('boot', f); return <p />; }\nrender(() => <Splash />, root);\n",
            [("", "Splash", ())],
        ),
        # under an npm component (a router decides when its children mount), or a member tag
        (
            _SOLID + 'import { Router } from "@solidjs/router";\nimport { App } from "./App";\n'
            "render(() => <Router><App /></Router>, root);\n",
            [],
        ),
        (_SOLID + 'import { Ctx } from "./ctx";\nrender(() => <Ctx.Provider value={1} />, root);\n', []),
        # a context provider renders its children once, with it
        (
            _SOLID
            + 'import { Ctx } from "./ctx";\nimport { ApiProvider } from "./api";\nimport { App } from "./App";\n'
            "render(() => <ApiProvider><Ctx.Provider value={1}><App /></Ctx.Provider></ApiProvider>, root);\n",
            [("./api", "ApiProvider", ()), ("./App", "App", (("./api", "ApiProvider"),))],
        ),
        # not at the top level, or not Solid's render (React's runs its components on every render)
        (_SOLID + 'import { App } from "./App";\nexport const boot = () => render(() => <App />, root);\n', []),
        ('import { render } from "react-dom";\nimport { App } from "./App";\nrender(<App />, root);\n', []),
        ('import { render } from "./dom";\nimport { App } from "./App";\nrender(() => <App />, root);\n', []),
    ],
)
def test_solid_root_renders(source: str, rendered: list[tuple[str, str, tuple[tuple[str, str], ...]]]) -> None:
    assert extract(source, "src/index.tsx").rendered == rendered


@pytest.mark.parametrize(
    ("source", "component"),
    [
        ("export function Panel() {\n  listen('x', f);\n}\n", "Panel"),
        ("export default function Panel() {\n  listen('x', f);\n}\n", "default"),
        ("const Panel = () => {\n  listen('x', f);\n};\nexport default Panel;\n", "default"),
        ("export const Panel = (p: P) => {\n  setTimeout(() => listen('x', f));\n};\n", "Panel"),
        # a function inside another, or a method: not a component of the module's top level
        ("export function Panel() {\n  const on = () => listen('x', f);\n}\n", None),
        ("class Panel {\n  start() {\n    listen('x', f);\n  }\n}\n", None),
    ],
)
def test_listener_component(source: str, component: str | None) -> None:
    facts = extract('import { listen } from "@tauri-apps/api/event";\n' + source, "src/Panel.tsx")
    assert [listener.component for listener in facts.listeners] == [component]


@pytest.mark.parametrize(
    ("source", "sets"),
    [
        # a plugin's install(app), an app createApp made, Vue 2's global config
        (
            'import type { App } from "vue";\nexport function install(app: App) {\n'
            "  app.config.errorHandler = (e) => alert(e);\n}\n",
            True,
        ),
        (
            'import { createApp } from "vue";\nimport Root from "./Root.vue";\nconst app = createApp(Root);\n'
            "app.config.errorHandler = report;\n",
            True,
        ),
        ('import Vue from "vue";\nVue.config.errorHandler = function (err) { report(err); };\n', True),
        # cleared, another object's config, a test setup's, a comparison, a comment, not a Vue file
        ('import { createApp } from "vue";\nconst app = createApp(Root);\napp.config.errorHandler = null;\n', False),
        ('import { createApp } from "vue";\nimport { up } from "./up";\nup.config.errorHandler = warn;\n', False),
        (
            'import { config } from "@vue/test-utils";\nimport "vue";\nconfig.global.config.errorHandler = fail;\n',
            False,
        ),
        ('import { createApp } from "vue";\nif (app.config.errorHandler === undefined) warn();\n', False),
        ('import { createApp } from "vue";\n// app.config.errorHandler = (e) => alert(e);\n', False),
        ("export function install(app) {\n  app.config.errorHandler = (e) => alert(e);\n}\n", False),
    ],
)
def test_vue_error_handler(source: str, sets: bool) -> None:
    assert extract(source, "src/plugins/errors.ts").vue_error_handler is sets


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        ("return <Ctx.Provider value={store}>{props.children}</Ctx.Provider>;", True),
        ("return (\n    <div class='app'>\n      <>{props.children}</>\n    </div>\n  );", True),
        # children mounted again whenever a condition toggles, or whenever a render prop is called
        ("return <Show when={ready()}>{props.children}</Show>;", False),
        ("return <div>{ready() ? props.children : null}</div>;", False),
        ("return <List render={() => props.children} />;", False),
        ("return <div />;", False),
    ],
)
def test_providers_that_pass_their_children_through(body: str, passes: bool) -> None:
    source = (
        'import { Show, type JSX } from "solid-js";\nimport { listen } from "@tauri-apps/api/event";\n'
        f"export function SessionProvider(props: {{ children: JSX.Element }}) {{\n  {body}\n}}\n"
    )
    assert extract(source, "src/SessionProvider.tsx").providers == [("SessionProvider", passes)]


def test_listen_wrappers_and_the_calls_that_may_reach_one() -> None:
    source = (
        'import { listen, once } from "@tauri-apps/api/event";\n'
        'import { getCurrentWindow } from "@tauri-apps/api/window";\n'
        'import { onTopic, saveAll } from "./topics";\n'
        "export const onPrice = (cb: () => void) => listen('price', cb);\n"
        "function watchSize(cb: () => void) {\n  return getCurrentWindow().onResized(cb);\n}\n"
        "export const onFirst = () => once('first', () => {});\n"
        "export function relay() {\n  onTopic('x', () => {});\n  saveAll();\n}\n"
    )
    facts = extract(source, "src/topics.ts")
    # once() removes itself: no wrapper
    assert facts.listen_wrappers == [("onPrice", True), ("watchSize", False)]
    # the imported callee named like a listen wrapper carries its listener reading; the other does not
    by_name = {c.name: c.listener for c in facts.candidates}
    assert by_name["onTopic"] is not None and by_name["onTopic"].fate == ListenerFate.DROPPED
    assert by_name["saveAll"] is None


def test_dynamic_imports_of_project_modules() -> None:
    source = (
        'import { lazy } from "solid-js";\nimport { invoke } from "@tauri-apps/api/core";\n'
        "export const Help = lazy(() => import(\"./Help\"));\nexport const Page = () => import('@/pages/Page.vue');\n"
        # npm, a method named import, a computed specifier
        'export const chart = () => import("chart.js");\nloader.import("./NotThis");\n'
        "export const pick = (name: string) => import(`./views/${name}`);\n"
    )
    assert extract(source, "src/routes.ts").dynamic_imports == ["./Help", "@/pages/Page.vue"]


def test_a_provider_its_own_module_uses_is_still_read() -> None:
    # used in its own module, it is no root itself, but what it does with its children still counts
    source = (
        'import { Show, type JSX } from "solid-js";\n'
        "export function GateProvider(props: { children: JSX.Element }) {\n"
        "  return <Show when={ready()}>{props.children}</Show>;\n}\n"
        "export const Preview = () => <GateProvider><p /></GateProvider>;\n"
    )
    assert extract(source, "src/GateProvider.tsx").providers == [("GateProvider", False)]
