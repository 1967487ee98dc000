"""Tests for the Rust extractor (tauri_lint.rust.extract) and its helpers."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tauri_lint.extraction import INTERNAL
from tauri_lint.model import (
    BodyFact,
    Command,
    Comment,
    HandlerEntry,
    HandlerList,
    InvokeHandlerCall,
    Note,
    Param,
    PluginDef,
    ReturnShape,
    ReturnType,
    RustFacts,
    Span,
)
from tauri_lint.rust import extract
from tauri_lint.rust.body import BodyScanner
from tauri_lint.rust.extract import extract_rust
from tauri_lint.rust.naming import js_key, lower_camel_case, snake_case

FIXTURES = Path(__file__).parent / "fixtures" / "rust"


def load(name: str) -> RustFacts:
    return extract_rust(name, (FIXTURES / name).read_bytes())


def sp(path: str, line: int, col: int, end_line: int, end_col: int) -> Span:
    return Span(path, line, col, end_line, end_col)


def by_name(facts: RustFacts) -> dict[str, Command]:
    return {c.name: c for c in facts.commands}


def body(cmd: Command) -> list[tuple[str, str, int, int, int, int]]:
    return [(f.kind, f.detail, f.span.line, f.span.col, f.span.end_line, f.span.end_col) for f in cmd.body]


def no_internal_errors(facts: RustFacts) -> bool:
    return not any(n.message.startswith(INTERNAL) for n in facts.notes)


# --------------------------------------------------------------------------------------------------
# JS key naming (heck port)


@pytest.mark.parametrize(
    ("ident", "camel", "snake"),
    [
        ("file_path", "filePath", "file_path"),
        ("url2_path", "url2Path", "url2_path"),
        ("_id", "id", "id"),
        ("__private_key", "privateKey", "private_key"),
        ("HTTPServer", "httpServer", "http_server"),
        ("getHTTPResponseCode", "getHttpResponseCode", "get_http_response_code"),
        ("userID", "userId", "user_id"),
        ("v2Api", "v2Api", "v2_api"),
        ("CamelCase", "camelCase", "camel_case"),
        ("x_", "x", "x"),
        ("_", "", ""),
        ("", "", ""),
    ],
)
def test_heck_case_conversion(ident: str, camel: str, snake: str) -> None:
    assert lower_camel_case(ident) == camel
    assert snake_case(ident) == snake


def test_js_key_unraws_then_cases() -> None:
    assert js_key("r#type", None) == "type"
    assert js_key("r#my_type", None) == "myType"
    assert js_key("filePath", "snake_case") == "file_path"
    assert js_key("file_path", "camelCase") == "filePath"


# --------------------------------------------------------------------------------------------------
# command attributes


def test_command_attribute_forms() -> None:
    path = "commands_attrs.rs"
    facts = load(path)
    assert [c.name for c in facts.commands] == [
        "plain",
        "async_option",
        "async_fn",
        "snake_args",
        "renamedCommand",
        "with_root",
        "leading_colons",
        "in_mod",
        "nested",
        "in_impl",
    ]
    cmds = by_name(facts)
    assert cmds["plain"] == Command(
        name="plain",
        fn_name="plain",
        name_span=sp(path, 5, 4, 5, 9),
        fn_span=sp(path, 5, 1, 5, 14),
        is_async=False,
        async_option=False,
        rename_all=None,
        params=(),
        returns=ReturnType(text="", span=None, shape=ReturnShape.UNIT),
    )
    assert cmds["plain"].runs_on_main_thread
    assert (cmds["async_option"].is_async, cmds["async_option"].async_option) == (False, True)
    assert not cmds["async_option"].runs_on_main_thread
    assert (cmds["async_fn"].is_async, cmds["async_fn"].async_option) == (True, False)
    assert cmds["async_fn"].name_span == sp(path, 11, 14, 11, 22)

    snake = cmds["snake_args"]
    assert snake.rename_all == "snake_case"
    assert snake.cfg == "debug_assertions"
    assert [p.js_key for p in snake.params] == ["file_path"]

    renamed = cmds["renamedCommand"]
    assert (renamed.fn_name, renamed.async_option) == ("original_name", True)
    assert renamed.name_span == sp(path, 20, 4, 20, 17)

    assert cmds["with_root"].rename_all is None
    assert cmds["in_mod"].module_path == ("files",)
    assert cmds["nested"].module_path == ("files", "mac")
    assert cmds["nested"].cfg == 'all(target_os = "macos", debug_assertions)'
    assert cmds["in_impl"].module_path == ()
    assert all(c.crate_dir == "" for c in facts.commands)
    assert not facts.uses_tauri_command_import
    assert facts.comments == [
        Comment(1, 1, 1, "// Attribute forms of #[tauri::command]."),
        Comment(13, 1, 13, "/// Doc comment first, then cfg, then the command, then specta."),
    ]


def test_bare_command_with_tauri_import_but_not_clap_structs() -> None:
    facts = load("command_import.rs")
    assert [(c.name, c.async_option) for c in facts.commands] == [
        ("imported", False),
        ("imported_async", True),
    ]
    assert facts.uses_tauri_command_import


def test_bare_command_with_braced_import() -> None:
    facts = load("command_braced_import.rs")
    assert [c.name for c in facts.commands] == ["braced"]
    assert facts.commands[0].params[0].injected
    assert facts.uses_tauri_command_import


def test_command_imported_under_an_alias() -> None:
    facts = load("command_alias_import.rs")
    # `#[command]` there is not tauri's: only the alias is.
    assert [c.name for c in facts.commands] == ["aliased"]
    assert facts.uses_tauri_command_import


def test_bare_command_without_tauri_import_is_not_a_command() -> None:
    facts = load("command_no_import.rs")
    assert facts.commands == []
    assert not facts.uses_tauri_command_import


# --------------------------------------------------------------------------------------------------
# parameters


def test_param_keys() -> None:
    path = "params.rs"
    cmds = by_name(load(path))
    assert cmds["keys"].params == (
        Param("r#type", "String", "type", False, False, span=sp(path, 21, 9, 21, 23)),
        Param("_id", "u32", "id", False, False, span=sp(path, 21, 25, 21, 33)),
        Param("file_path", "String", "filePath", False, False, span=sp(path, 21, 35, 21, 52)),
        Param("url2_path", "String", "url2Path", False, False, span=sp(path, 21, 54, 21, 71)),
        Param("HTTPServer", "bool", "httpServer", False, False, span=sp(path, 21, 73, 21, 89)),
        Param("count", "u8", "count", False, False, span=sp(path, 21, 91, 21, 104)),
    )
    assert [(p.name, p.js_key) for p in cmds["snake"].params] == [
        ("filePath", "file_path"),
        ("r#type", "type"),
        ("_id", "id"),
    ]


def test_destructured_and_wildcard_params() -> None:
    cmds = by_name(load("params.rs"))
    assert [(p.name, p.type_text, p.js_key, p.injected) for p in cmds["patterns"].params] == [
        ("State", "State<'_, Db>", "state", True),
        ("Counter", "Counter", "counter", False),
        ("_", "u8", "", False),
        ("(a, b)", "(u8, u8)", "", False),
    ]


def test_optional_params() -> None:
    cmds = by_name(load("params.rs"))
    assert [(p.name, p.optional) for p in cmds["optional"].params] == [
        ("maybe", True),
        ("full", True),
        ("wrapped", False),
    ]


def test_injected_params() -> None:
    facts = load("params.rs")
    cmds = by_name(facts)
    params = cmds["injected"].params
    assert [(p.name, p.js_key) for p in params if p.injected] == [
        ("state", "state"),
        ("app", "app"),
        ("window", "window"),
        ("webview", "webview"),
        ("webview_window", "webviewWindow"),
        ("full_path", "fullPath"),
        ("by_ref", "byRef"),
        ("scope", "scope"),
        ("global", "global"),
        ("alias", "alias"),
        ("alias_of_alias", "aliasOfAlias"),
        ("auth", "auth"),
    ]
    assert len(params) == 12
    assert params[2].type_text == "Window<R>"
    assert facts.command_arg_types == ["Auth"]
    assert facts.injected_aliases == ["AppState", "Shared"]


def test_channel_and_request_params() -> None:
    cmds = by_name(load("params.rs"))
    assert [(p.name, p.is_channel, p.injected, p.js_key) for p in cmds["streaming"].params] == [
        ("on_event", True, False, "onEvent"),
        ("full", True, False, "full"),
    ]
    assert [(p.name, p.type_text, p.is_request, p.injected) for p in cmds["raw"].params] == [
        ("request", "Request<'_>", True, True),
        ("full", "tauri::ipc::Request", True, True),
    ]


# --------------------------------------------------------------------------------------------------
# return types


@pytest.mark.parametrize(
    ("fn", "text", "shape"),
    [
        ("r_unit", "()", ReturnShape.UNIT),
        ("r_vec", "Vec<u8>", ReturnShape.BYTES),
        ("r_box", "Box<[u8]>", ReturnShape.BYTES),
        ("r_slice", "&'static [u8]", ReturnShape.BYTES),
        ("r_cow", "Cow<'static, [u8]>", ReturnShape.BYTES),
        ("r_bytes", "Bytes", ReturnShape.BYTES),
        ("r_bytes_path", "bytes::Bytes", ReturnShape.BYTES),
        ("r_arr32", "[u8; 32]", ReturnShape.SMALL_BYTES),
        ("r_arr64", "[u8; 64]", ReturnShape.BYTES),
        ("r_arr_const", "[u8; KEY_LEN]", ReturnShape.BYTES),
        ("r_string", "String", ReturnShape.STRING),
        ("r_str", "&'static str", ReturnShape.STRING),
        ("r_cow_str", "Cow<'static, str>", ReturnShape.STRING),
        ("r_response", "Response", ReturnShape.IPC_RESPONSE),
        ("r_response_path", "tauri::ipc::Response", ReturnShape.IPC_RESPONSE),
        ("r_vec_string", "Vec<String>", ReturnShape.OTHER),
        ("r_vec_vec", "Vec<Vec<u8>>", ReturnShape.OTHER),
        ("r_u64", "u64", ReturnShape.OTHER),
        ("r_struct", "Profile", ReturnShape.OTHER),
        ("r_arr_u16", "[u16; 4]", ReturnShape.OTHER),
    ],
)
def test_return_shapes(fn: str, text: str, shape: ReturnShape) -> None:
    ret = by_name(load("returns.rs"))[fn].returns
    assert (ret.text, ret.shape, ret.is_result, ret.is_option, ret.success_text) == (
        text,
        shape,
        False,
        False,
        text,
    )


def test_return_spans() -> None:
    path = "returns.rs"
    cmds = by_name(load(path))
    assert cmds["r_none"].returns == ReturnType("", None, ReturnShape.UNIT)
    assert cmds["r_vec"].returns.span == sp(path, 10, 33, 10, 40)
    assert cmds["r_response_path"].returns.span == sp(path, 23, 43, 23, 63)


def test_response_from_other_crates_is_not_ipc() -> None:
    cmds = by_name(load("returns_reqwest.rs"))
    assert cmds["proxied"].returns.shape is ReturnShape.OTHER
    assert cmds["bare_ipc"].returns.shape is ReturnShape.IPC_RESPONSE


def test_response_imported_in_braces() -> None:
    ret = load("returns_ipc_braced.rs").commands[0].returns
    assert (ret.shape, ret.is_result, ret.success_text) == (ReturnShape.IPC_RESPONSE, True, "Response")


@pytest.mark.parametrize(
    ("fn", "shape", "is_result", "is_option", "success"),
    [
        ("a_result", ReturnShape.BYTES, True, False, "Vec<u8>"),
        ("a_cmd_result", ReturnShape.STRING, True, False, "String"),
        ("a_anyhow", ReturnShape.SMALL_BYTES, True, False, "[u8; 16]"),
        ("a_tauri", ReturnShape.UNIT, True, False, "()"),
        ("a_plain", ReturnShape.BYTES, True, False, "Vec<u8>"),  # non-generic alias, expanded
        ("a_res", ReturnShape.BYTES, True, False, "Bytes"),  # same-file alias not named *Result
        ("a_option", ReturnShape.STRING, False, True, "String"),
        ("a_both", ReturnShape.BYTES, True, True, "Vec<u8>"),
        ("a_search", ReturnShape.OTHER, False, False, "SearchResult"),  # a struct, not a Result
        ("a_not_alias", ReturnShape.BYTES, False, False, "Vec<u8>"),
    ],
)
def test_result_and_option_unwrapping(
    fn: str, shape: ReturnShape, is_result: bool, is_option: bool, success: str
) -> None:
    ret = by_name(load("result_alias.rs"))[fn].returns
    assert (ret.shape, ret.is_result, ret.is_option, ret.success_text) == (
        shape,
        is_result,
        is_option,
        success,
    )


def test_result_aliases_recorded() -> None:
    assert load("result_alias.rs").result_aliases == ["CmdResult", "Plain", "Res"]


# --------------------------------------------------------------------------------------------------
# body facts


def test_body_reads_with_std_fs() -> None:
    cmds = by_name(load("body_std.rs"))
    assert body(cmds["reads"]) == [
        ("whole-file-read", "fs::read", 13, 17, 13, 32),
        ("blocking", "fs::read", 13, 17, 13, 32),
        ("whole-file-read", "std::fs::read_to_string", 14, 16, 14, 46),
        ("blocking", "std::fs::read_to_string", 14, 16, 14, 46),
        ("from-utf8-read", "String::from_utf8", 15, 19, 15, 62),
        ("whole-file-read", "fs::read", 15, 37, 15, 52),
        ("blocking", "fs::read", 15, 37, 15, 52),
        ("metadata", "fs::metadata", 16, 16, 16, 35),
        ("blocking", "File::open", 17, 16, 17, 33),
        ("blocking", "fs::write", 18, 5, 18, 27),
    ]


def test_body_base64() -> None:
    cmds = by_name(load("body_std.rs"))
    # hex::encode (line 27) is not base64; the call inside format!'s tokens is found.
    assert body(cmds["encodes"]) == [
        ("base64", "base64::encode", 24, 13, 24, 34),
        ("base64", "general_purpose::STANDARD.encode", 25, 13, 25, 52),
        ("base64", "BASE64_STANDARD.encode", 26, 13, 26, 42),
        ("base64", "general_purpose::URL_SAFE_NO_PAD.encode", 28, 41, 28, 87),
    ]


def test_body_blocking_calls() -> None:
    cmds = by_name(load("body_std.rs"))
    assert body(cmds["blocks"]) == [
        ("blocking", "thread::sleep", 33, 5, 33, 56),
        ("blocking", "Command::new(..).output()", 34, 15, 34, 57),
        ("blocking", "std::process::Command::new(..).status()", 35, 18, 35, 59),
        ("blocking", "cmd.wait()", 38, 18, 38, 45),
        ("blocking", ".recv()", 39, 15, 39, 24),
        ("blocking", "reqwest::blocking::get", 40, 16, 40, 66),
        ("blocking", "ureq::get", 41, 17, 41, 49),
    ]


def test_body_window_builders() -> None:
    cmds = by_name(load("body_std.rs"))
    assert body(cmds["windows"]) == [
        ("window-build", "WebviewWindowBuilder::new", 46, 5, 46, 68),
        ("window-build", "tauri::WindowBuilder::new", 47, 5, 47, 45),
    ]


def test_body_emit_in_loops_only() -> None:
    cmds = by_name(load("body_std.rs"))
    # line 52's emit is outside any loop
    assert body(cmds["loops"]) == [
        ("emit-in-loop", ".emit()", 54, 9, 54, 31),
        ("emit-in-loop", ".emit_to()", 57, 9, 57, 39),
        ("emit-in-loop", ".emit()", 60, 9, 60, 29),
        ("emit-in-loop", ".emit()", 64, 9, 64, 28),
    ]


def test_body_block_on_is_blocking() -> None:
    cmds = by_name(load("body_std.rs"))
    assert body(cmds["waits"]) == [
        ("blocking", "tauri::async_runtime::block_on", 70, 5, 70, 73),
        ("whole-file-read", "tokio::fs::read", 70, 44, 70, 64),  # awaited, but inside block_on
        ("blocking", ".block_on()", 71, 5, 71, 24),
    ]


def test_body_tokio_awaited_calls_are_not_blocking() -> None:
    cmd = load("body_tokio.rs").commands[0]
    # `use tokio::fs;`: fs::read is still a whole-file read, but awaited, so not blocking; nor are
    # tokio's Command output, mpsc recv, sleep, write or metadata.
    assert body(cmd) == [
        ("whole-file-read", "fs::read", 6, 17, 6, 32),
        ("whole-file-read", "fs::read_to_string", 7, 16, 7, 41),
    ]


def test_body_spawned_work_does_not_block_the_command() -> None:
    facts = load("body_spawn.rs")
    assert [c.name for c in facts.commands] == ["offloaded", "listens"]  # helper() is not a command
    assert body(facts.commands[0]) == [
        ("whole-file-read", "std::fs::read", 7, 20, 7, 40),
        ("emit-in-loop", ".emit()", 9, 13, 9, 43),
        ("whole-file-read", "std::fs::read_to_string", 13, 16, 13, 51),
        ("blocking", "std::fs::read_to_string", 13, 16, 13, 51),
    ]


def test_body_listener_closure_is_deferred_and_from_utf8_through_map_err() -> None:
    cmd = by_name(load("body_spawn.rs"))["listens"]
    # std::fs::write (line 23) runs in an event listener, later: not this command's blocking work
    assert body(cmd) == [
        ("from-utf8-read", "String::from_utf8", 25, 5, 25, 72),
        ("whole-file-read", "std::fs::read", 25, 23, 25, 43),
        ("blocking", "std::fs::read", 25, 23, 25, 43),
    ]


def test_body_fact_type() -> None:
    fact = load("body_spawn.rs").commands[0].body[0]
    assert fact == BodyFact("whole-file-read", "std::fs::read", sp("body_spawn.rs", 7, 20, 7, 40))


# --------------------------------------------------------------------------------------------------
# registrations


def test_generate_handler_entries() -> None:
    path = "handlers.rs"
    facts = load(path)
    main = facts.handler_lists[0]
    assert main == HandlerList(
        macro="generate_handler",
        entries=(
            HandlerEntry("greet", "greet", sp(path, 9, 13, 9, 18)),
            HandlerEntry("read_file", "commands::files::read_file", sp(path, 10, 13, 10, 39)),
            HandlerEntry("dump_state", "commands::debug::dump_state", sp(path, 13, 13, 13, 40), "debug_assertions"),
            HandlerEntry("window", "commands::window::<tauri::Wry>", sp(path, 14, 35, 14, 65)),
            HandlerEntry("r#type", "r#type", sp(path, 16, 13, 16, 19), "all(desktop, not(test))"),
        ),
        span=sp(path, 8, 25, 17, 10),
    )
    assert Comment(11, 13, 11, "// debug-only helpers below") in facts.comments
    assert Comment(14, 13, 14, "/* generic command */") in facts.comments


def test_handler_lists_everywhere_but_comments_and_strings() -> None:
    facts = load("handlers.rs")
    assert [(hl.macro, [e.name for e in hl.entries], hl.complete) for hl in facts.handler_lists] == [
        ("generate_handler", ["greet", "read_file", "dump_state", "window", "r#type"], True),
        ("generate_handler", ["alpha", "beta"], True),
        ("collect_commands", ["hello", "bye"], True),
        ("generate_handler", ["closure_cmd"], True),
        ("generate_handler", ["ok_one", "ok_two"], False),  # `$weird` cannot be named
    ]
    bye = facts.handler_lists[2].entries[1]
    assert (bye.path, bye.span) == ("nested::bye::<tauri::Wry>", sp("handlers.rs", 29, 44, 29, 69))


def test_invoke_handler_calls_follow_arguments() -> None:
    path = "handlers.rs"
    facts = load(path)
    lists = facts.handler_lists
    assert facts.handler_calls == [
        InvokeHandlerCall(sp(path, 8, 10, 17, 11), "app", f"{path}:6", (lists[0],), True),
        # `let handler = tauri::generate_handler![..]` then `.invoke_handler(handler)`
        InvokeHandlerCall(sp(path, 24, 31, 24, 54), "app", f"{path}:24", (lists[1],), True),
        # tauri-specta: `.invoke_handler(builder.invoke_handler())`, builder from collect_commands!
        InvokeHandlerCall(sp(path, 33, 10, 33, 50), "app", f"{path}:32", (lists[2],), True),
        # a parameter: cannot be followed
        InvokeHandlerCall(sp(path, 39, 31, 39, 54), "app", f"{path}:39", (), False),
        # a closure: the list inside counts, but the closure may do more
        InvokeHandlerCall(sp(path, 44, 10, 47, 11), "app", f"{path}:43", (lists[3],), False),
    ]


def test_invoke_handler_chains_and_builders() -> None:
    path = "builders.rs"
    facts = load(path)
    calls = [(c.builder, c.chain_id, [e.name for hl in c.lists for e in hl.entries]) for c in facts.handler_calls]
    assert calls == [
        # two calls on one chain: same chain
        ("app", f"{path}:7", ["first"]),
        ("app", f"{path}:7", ["second"]),
        # `builder = builder.invoke_handler(..)` twice on one variable: same chain
        ("app", f"{path}:var:on_variable:builder", ["one"]),
        ("app", f"{path}:var:on_variable:builder", ["two"]),
        # two builders in one fn: two chains
        ("app", f"{path}:var:two_builders:a", ["from_a"]),
        ("app", f"{path}:var:two_builders:b", ["from_b"]),
        ("plugin:my-plugin", f"{path}:32", ["plugin_cmd"]),
        ("plugin:const-named", f"{path}:38", ["const_cmd"]),
        ("plugin:var-plugin", f"{path}:var:init_var:builder", ["var_cmd"]),
    ]
    assert facts.handler_calls[0].span == sp(path, 8, 10, 8, 57)
    assert all(c.complete for c in facts.handler_calls)


def test_invoke_handler_cfg() -> None:
    facts = load("handler_cfg.rs")
    assert [c.cfg for c in facts.handler_calls] == [
        "desktop",
        "mobile",
        None,
        'all(feature = "extra", debug_assertions)',
    ]
    chains = [(c.builder, c.chain_id) for c in facts.handler_calls]
    assert chains == [("app", "handler_cfg.rs:var:run:builder")] * 3 + [("app", "handler_cfg.rs:var:register:builder")]


def test_plugin_defs() -> None:
    path = "builders.rs"
    # tokio / std::thread / WebviewWindow builders are not plugins
    assert load(path).plugins == [
        PluginDef("my-plugin", sp(path, 32, 5, 32, 45)),
        PluginDef("const-named", sp(path, 38, 5, 38, 41)),
        PluginDef("var-plugin", sp(path, 44, 19, 44, 51)),
    ]


def test_registrations_inside_macro_tokens() -> None:
    path = "macro_tokens.rs"
    facts = load(path)
    assert facts.handler_lists == [
        HandlerList(
            "generate_handler",
            (
                HandlerEntry("extra_a", "extra_a", sp(path, 5, 58, 5, 65)),
                HandlerEntry("b", "extra::b", sp(path, 5, 67, 5, 75)),
            ),
            sp(path, 5, 33, 5, 76),
        )
    ]
    assert facts.handler_calls == [
        InvokeHandlerCall(sp(path, 5, 18, 5, 77), "app", f"{path}:4", (facts.handler_lists[0],), True)
    ]


def test_plugin_builder_parameter() -> None:
    src = b"""
use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
fn build<R: Runtime>(builder: PluginBuilder<R>) -> TauriPlugin<R> {
    builder.invoke_handler(tauri::generate_handler![a]).build()
}
"""
    call = extract_rust("p.rs", src).handler_calls[0]
    # The name is the caller's: known to be a plugin, not which one.
    assert (call.builder, call.chain_id) == ("plugin:?", "p.rs:var:build:builder")


def test_plugin_name_not_literal_is_a_note() -> None:
    facts = extract_rust("n.rs", b"fn f() { tauri::plugin::Builder::new(other::NAME).build(); }\n")
    assert facts.plugins == []
    assert facts.notes == [Note("n.rs", "plugin name is not a string literal; its commands cannot be named", 1, 10)]


# --------------------------------------------------------------------------------------------------
# odd input


def test_syntax_errors_analyse_what_parses() -> None:
    path = "syntax_error.rs"
    facts = load(path)
    assert facts.had_syntax_errors
    # the gap is in a command body: the registration parsed, so nothing is said about it
    message = "tree-sitter could not parse all of this file: only the parts that parse were analysed"
    assert facts.notes == [Note(path, message, 5, 11)]
    assert [c.name for c in facts.commands] == ["broken", "fine"]
    assert body(by_name(facts)["fine"]) == [
        ("whole-file-read", "std::fs::read", 11, 5, 11, 24),
        ("blocking", "std::fs::read", 11, 5, 11, 24),
    ]
    assert [e.name for e in facts.handler_lists[0].entries] == ["broken", "fine"]


@pytest.mark.parametrize(
    ("source", "unreadable"),
    [
        # valid Rust tree-sitter-rust cannot parse, in the same builder chain: the list still reads
        (
            b"fn main() {\n    tauri::Builder::default()\n        .invoke_handler(tauri::generate_handler![a])\n"
            b"        .setup(|#[allow(unused_variables)] app| Ok(()))\n        .run(ctx);\n}\n",
            False,
        ),
        (
            b"fn main() {\n    let x = (1 + ;\n"
            b"    tauri::Builder::default().invoke_handler(generate_handler![a]);\n}\n",
            False,
        ),
        # the registration itself sits in the part that did not parse
        (b"impl { fn main() { tauri::Builder::default().invoke_handler(tauri::generate_handler![a]) }\n", True),
    ],
)
def test_parse_gaps_switch_registrations_off_only_where_they_are(source: bytes, unreadable: bool) -> None:
    facts = extract_rust("lib.rs", source)
    (note,) = facts.notes
    assert note.message.startswith("tree-sitter could not parse all of this file")
    assert ("unknown-command is not checked" in note.message) is unreadable
    assert [e.name for e in facts.handler_lists[0].entries] == ["a"]


def test_syntax_error_note_without_registrations() -> None:
    facts = extract_rust("e.rs", b"#[tauri::command]\nfn f( {}\n")
    assert facts.notes == [
        Note("e.rs", "tree-sitter could not parse all of this file: only the parts that parse were analysed", 2, 6)
    ]


@pytest.mark.parametrize(
    "source",
    [
        b"#[tauri::command]\nfn f() {}\n",
        b"use tauri::command;\n",
        b"impl<'a> CommandArg<'a, R> for Db {}\n",
        b"fn main() { tauri::Builder::default().invoke_handler(h); }\n",
        b"fn main() { let _ = generate_handler![a]; }\n",
        b'pub fn init() -> TauriPlugin<R> { PluginBuilder::new("x").build() }\n',
        b'fn setup() { api.register_android_plugin("app.x", "P"); }\n',
        b"// tauri-lint-disable\nfn f() {}\n",
        b"pub type Db<'a> = State<'a, Pool>;\n",
        b"type Store=AppHandle;\n",
    ],
)
def test_files_that_may_hold_a_fact_are_parsed(source: bytes) -> None:
    # each holds one of the words a fact needs; broken after it, so the parse gap note proves the parse
    facts = extract_rust("m.rs", source + b"fn broken( {}\n")
    assert facts.had_syntax_errors
    assert facts.line_count == source.count(b"\n") + 1


@pytest.mark.parametrize(
    "source",
    [
        b"pub struct Row { id: i64 }\nimpl Row { fn new() -> Self { Row { id: 0 } } }\n",
        b"fn broken( {}\n",  # a parse gap where no fact can be is not worth a note
        b"// a comment about types: a type of thing\nconst N: usize = 3;\n",
    ],
)
def test_files_without_any_fact_word_are_not_parsed(source: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "_get_parser", lambda: pytest.fail("parsed"))
    facts = extract_rust("m.rs", source)
    assert facts == RustFacts(path="m.rs", line_count=source.count(b"\n"))


def test_internal_error_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: Any) -> None:
        raise ValueError("bug")

    monkeypatch.setattr(BodyScanner, "scan", boom)
    facts = extract_rust("x.rs", b"// c\n#[tauri::command] fn f() {}\n")
    assert facts.comments == [Comment(1, 1, 1, "// c")]  # what was extracted before the bug stays
    (note,) = facts.notes
    assert note.message.startswith(f"{INTERNAL}: Rust extraction failed: ValueError: bug\nTraceback")
    assert extract.INTERNAL_ERROR_PREFIX == INTERNAL


def test_empty_file() -> None:
    assert extract_rust("empty.rs", b"") == RustFacts(path="empty.rs")


def test_line_count() -> None:
    assert extract_rust("a.rs", b"fn a() {}\n").line_count == 1
    assert extract_rust("a.rs", b"fn a() {}\nfn b() {}").line_count == 2


def test_deep_nesting_does_not_recurse() -> None:
    depth = 10_000
    src = (
        b"#[tauri::command]\nfn deep(p: String) -> u8 { let x = "
        + b"(" * depth
        + b"std::fs::read(p) /* deep */"
        + b")" * depth
        + b"; 0 }\nfn main() { let b = "
        + b"{" * depth
        + b"tauri::Builder::default().invoke_handler(tauri::generate_handler![deep])"
        + b"}" * depth
        + b"; }\n"
    )
    facts = extract_rust("deep.rs", src)
    assert no_internal_errors(facts)
    assert not facts.had_syntax_errors
    read_col = 36 + depth  # after `fn deep(p: String) -> u8 { let x = ` (35 chars) and the parens
    assert body(facts.commands[0]) == [
        ("whole-file-read", "std::fs::read", 2, read_col, 2, read_col + 16),
        ("blocking", "std::fs::read", 2, read_col, 2, read_col + 16),
    ]
    assert facts.comments == [Comment(2, read_col + 17, 2, "/* deep */")]
    assert [e.name for e in facts.handler_lists[0].entries] == ["deep"]
    # the chain is the tail of the innermost block, not itself bound to `b`
    assert [(c.builder, c.chain_id) for c in facts.handler_calls] == [("app", "deep.rs:3")]


def test_deeply_nested_modules_and_types() -> None:
    depth = 10_000
    src = (
        b"use tauri::command;\n"
        + b"mod m { " * depth
        + b"#[command] fn inner() -> "
        + b"Vec<" * depth
        + b"u8"
        + b">" * depth
        + b" {}"
        + b" }" * depth
    )
    facts = extract_rust("mods.rs", src)
    assert no_internal_errors(facts)
    (cmd,) = facts.commands
    assert cmd.module_path == ("m",) * depth
    assert cmd.returns.shape is ReturnShape.OTHER


def test_non_utf8_bytes() -> None:
    src = b'#[tauri::command]\nfn bad(x: String) -> String { let s = "\xff\xfe"; // \xc3 tail\n x }\n'
    facts = extract_rust("bad.rs", src)
    assert [c.name for c in facts.commands] == ["bad"]
    # each undecodable byte counts as one character (U+FFFD)
    assert facts.comments == [Comment(2, 45, 2, "// \ufffd tail")]


def test_crlf_and_non_ascii_columns() -> None:
    path = "u.rs"
    src = (
        "// café ünïcode\r\n"
        "#[tauri::command]\r\n"
        'fn héllo_wörld(naïve_arg: String, größe: u8) -> Vec<u8> { let s = "ä"; /* ñ */ '
        "std::fs::read(s).unwrap() }\r\n"
    ).encode()
    facts = extract_rust(path, src)
    (cmd,) = facts.commands
    assert cmd.name == "héllo_wörld"
    assert cmd.name_span == sp(path, 3, 4, 3, 15)
    assert cmd.fn_span == sp(path, 3, 1, 3, 107)
    assert [(p.name, p.js_key, p.span) for p in cmd.params] == [
        ("naïve_arg", "naïveArg", sp(path, 3, 16, 3, 33)),
        ("größe", "größe", sp(path, 3, 35, 3, 44)),
    ]
    assert cmd.returns.span == sp(path, 3, 49, 3, 56)
    assert cmd.body[0].span == sp(path, 3, 80, 3, 96)
    assert facts.comments == [Comment(1, 1, 1, "// café ünïcode"), Comment(3, 72, 3, "/* ñ */")]
    assert facts.line_count == 3


def test_bom_is_not_a_column() -> None:
    facts = extract_rust("bom.rs", b"\xef\xbb\xbf#[tauri::command] fn b() {} // x\n")
    assert facts.commands[0].name_span == sp("bom.rs", 1, 22, 1, 23)
    assert facts.comments == [Comment(1, 29, 1, "// x")]
    assert not facts.had_syntax_errors


def test_multiline_block_comment_and_suppression() -> None:
    src = b"/* a\n   b */\n// tauri-lint-disable-next-line blocking-command -- reason\nfn f() {}\n"
    assert extract_rust("c.rs", src).comments == [
        Comment(1, 1, 2, "/* a\n   b */"),
        Comment(3, 1, 3, "// tauri-lint-disable-next-line blocking-command -- reason"),
    ]


def test_slashes_in_strings_are_not_comments() -> None:
    src = b'#[tauri::command]\nfn f() { let u = "https://x.dev/*"; let r = r#"//"#; } // real\n'
    assert extract_rust("s.rs", src).comments == [Comment(2, 56, 2, "// real")]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.rs")))
def test_facts_are_plain_and_picklable(name: str) -> None:
    facts = load(name)
    assert no_internal_errors(facts)
    assert pickle.loads(pickle.dumps(facts)) == facts


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_bytes(data: bytes) -> None:
    assert no_internal_errors(extract_rust("fuzz.rs", data))


_TOKENS = [
    *"#[](){}<>:;,.!?&'\"/*_ \n",
    "tauri::command",
    "fn ",
    "mod ",
    "use ",
    "generate_handler!",
    ".invoke_handler",
    "async ",
    "Builder::new",
    "std::fs::read",
    "Result<",
    "Vec<u8>",
    "r#",
    "é",
    "let x = ",
    "for ",
]
_RUSTY = st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(_RUSTY)
def test_never_raises_on_rust_like_text(source: str) -> None:
    assert no_internal_errors(extract_rust("fuzz.rs", source.encode()))
