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
    for diag in result.diagnostics:
        for text in (diag.message, diag.help, *(r.message for r in diag.related)):
            # a code span cut short (a string literal split over two statements) leaves a lone backtick
            assert text.count("`") % 2 == 0, f"{diag.rule}: unbalanced code span in {text!r}"


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


def test_fire_and_forget_help_fits_the_call() -> None:
    """The suggested `emit` carries a payload only when the invoke sent arguments, and a call that already
    has a `.catch` is not told to add a try/catch."""
    root = os.path.join(FIXTURES, "floating")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    helps = {
        (os.path.basename(d.span.path), d.span.line): d.help
        for d in result.diagnostics
        if d.rule == "fire-and-forget-invoke"
    }
    direct = os.path.join(root, "src", "direct.ts")
    with open(direct, encoding="utf-8") as f:
        lines = f.read().splitlines()

    def help_at(snippet: str) -> str:
        line = next(i for i, text in enumerate(lines, 1) if snippet in text)
        return helps[("direct.ts", line)]

    plain = help_at('invoke("track_click", { button: "buy" })')
    assert '`emit("track_click", payload)`' in plain and "try/catch" in plain
    caught = help_at('invoke("mark_read", { id: 2 }).catch(console.error)')
    assert "keep the `.catch`" in caught and "try/catch" not in caught
    no_args = help_at("commands.ping()")
    assert '`emit("ping")`' in no_args


def test_large_json_related_callers_are_those_that_see_the_value() -> None:
    root = os.path.join(FIXTURES, "large_json")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    finding = next(d for d in result.diagnostics if d.rule == "large-json-response" and "read_log" in d.message)
    callers = sorted(
        (os.path.basename(r.span.path), r.span.line) for r in finding.related if r.message.startswith("called here")
    )
    # images.ts and logText return the promise; `void refreshLog(path)` drops it
    assert callers == [("images.ts", 12), ("viewer.ts", 7), ("viewer.ts", 15), ("viewer.ts", 19), ("viewer.ts", 23)]


def test_floating_message_names_command_errors_only_for_commands_that_return_result() -> None:
    root = os.path.join(FIXTURES, "floating")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    direct = os.path.join(root, "src", "direct.ts")
    with open(direct, encoding="utf-8") as f:
        lines = f.read().splitlines()
    messages = {
        d.span.line: d.message for d in result.diagnostics if d.rule == "floating-invoke" and d.span.path == direct
    }
    fallible = next(i for i, text in enumerate(lines, 1) if 'invoke("save_document"' in text and "floating" in text)
    infallible = next(i for i, text in enumerate(lines, 1) if 'invoke("focus_me"); //' in text)
    assert "a command error" in messages[fallible]
    assert "a command error" not in messages[infallible] and "an ACL denial" in messages[infallible]
    # `Option<()>` cannot be an error type in disguise: None is a value, not a rejection
    option = next(i for i, text in enumerate(lines, 1) if 'invoke("maybe_flag"); //' in text)
    assert "a command error" not in messages[option] and "a missing argument" in messages[option]
    # `bool` cannot be an alias of a `Result` either
    boolean = next(i for i, text in enumerate(lines, 1) if 'invoke("is_dir", { path }); //' in text)
    assert "a command error" not in messages[boolean] and "a missing argument" in messages[boolean]


def test_arg_mismatch_help_names_a_rust_parameter_that_compiles() -> None:
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    [typed] = [
        d
        for d in result.diagnostics
        if d.rule == "invoke-arg-mismatch" and "no parameter for the key `type`" in d.message
    ]
    assert typed.help == "remove `type`, or add a parameter `r#type` to the command (it takes: none)"


def test_arg_mismatch_helps_name_a_lone_unknown_key_and_the_required_parameter_left_out() -> None:
    # `{ kind }` for `r#type`: too unlike to call it a rename, but each help names the other half
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    mismatches = [d for d in result.diagnostics if d.rule == "invoke-arg-mismatch"]
    [missing] = [d for d in mismatches if d.message.startswith("`set_kind` requires the key `type`")]
    assert (
        missing.help
        == "send `type` (String); if `kind`, which no parameter takes, holds that value, rename it to `type`"
    )
    [unknown] = [d for d in mismatches if "no parameter for the key `kind`" in d.message]
    assert unknown.help == (
        "rename `kind` to `type` if it holds the value of `type`, the one required parameter this call does not "
        "send; else remove it"
    )
    # an optional parameter left out as well (`force`) does not blur the guess
    [task] = [d for d in mismatches if "no parameter for the key `processId`" in d.message]
    assert task.help == (
        "rename `processId` to `pid` if it holds the value of `pid`, the one required parameter this call does not "
        "send; else remove it"
    )
    # the parameter left out is optional (`readOnly`): the call works, so no guess
    [debug] = [d for d in mismatches if "`debug`" in d.message]
    assert debug.help is not None and debug.help.startswith("remove `debug`, or add a parameter `debug`")


def test_arg_mismatch_pairs_the_one_unknown_key_with_the_one_unsent_parameter() -> None:
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    mismatches = [d for d in result.diagnostics if d.rule == "invoke-arg-mismatch"]
    [soft] = [d for d in mismatches if "`viewOnly`" in d.message]
    assert soft.message == (
        "`open_project` takes the optional key `readOnly` but this call sends `viewOnly`: the command silently "
        "gets None"
    )
    assert soft.help == "rename the key to `readOnly` (the one parameter this call does not send with a similar name)"
    [kind] = [d for d in mismatches if "`kindType`" in d.message]
    assert kind.message.startswith("`set_kind` expects the key `type` but this call sends `kindType`")
    assert kind.help == "rename the key to `type` (the one parameter this call does not send with a similar name)"
    [debug] = [d for d in mismatches if "`debug`" in d.message]
    assert debug.message == "`open_project` has no parameter for the key `debug`: the value is ignored"
    [on_top] = [d for d in mismatches if "`onTop`" in d.message]
    assert on_top.message == "`open_window` has no parameter for the key `onTop`: the value is ignored"
    twice = sorted(d.message for d in mismatches if "`ro`" in d.message or "`locked`" in d.message)
    assert twice == [
        "`open_project` has no parameter for the key `locked`: the value is ignored",
        "`open_project` has no parameter for the key `ro`: the value is ignored",
    ]


def test_listen_leak_help_names_the_framework_hook() -> None:
    root = os.path.join(FIXTURES, "listen_leak")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    scripts = {
        os.path.splitext(d.span.path)[1]: d.help
        for d in result.diagnostics
        if d.rule == "listen-leak" and "a component's script" in d.message
    }
    assert scripts[".vue"] == "keep the unlisten function and call it in onUnmounted/onBeforeUnmount"
    assert scripts[".svelte"] == "keep the unlisten function and call it in onDestroy"
    mounts = [d.help for d in result.diagnostics if d.rule == "listen-leak" and "Svelte onMount" in d.message]
    assert mounts and all("onDestroy when the callback is async" in h for h in mounts)


def test_with_unknown_command_off_the_argument_check_still_applies() -> None:
    """Users turn unknown-command off when registrations are out of sight: its verdict must not silence
    the argument check (whose missing key then makes the dropped call a floating promise)."""
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(ignore=("unknown-command",)), use_cache=False, jobs=1)
    panel = sorted((d.rule, d.message.split(":")[0]) for d in result.diagnostics if "`show_panel`" in d.message)
    assert panel == [
        ("floating-invoke", "`show_panel` returns a promise nobody handles"),
        ("invoke-arg-mismatch", "`show_panel` requires the key `overlay`, which this call does not send"),
    ]


def test_floating_message_for_a_command_no_handler_answers() -> None:
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    [panel] = [d for d in result.diagnostics if d.rule == "floating-invoke" and "`show_panel`" in d.message]
    assert panel.message == (
        "`show_panel` returns a promise nobody handles: no registered command answers it, so it always "
        "rejects, unhandled"
    )


def test_unknown_command_in_a_wrapper_nothing_calls_suggests_deleting_it() -> None:
    root = os.path.join(FIXTURES, "contract")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    unknown = {d.message.split("`")[1]: d.help for d in result.diagnostics if d.rule == "unknown-command"}
    # `madeUp` wraps a command that exists nowhere and is called nowhere: a command removed in Rust
    assert unknown["frobnicate_everything"] == (
        "check the command name, or register a `#[tauri::command]` fn named `frobnicate_everything`; if the "
        "command was removed, delete `madeUp` too: nothing in the project calls it"
    )
    # `removeProject` is called (use.ts): the wrapper is live, only the name is wrong
    assert unknown["remove_projects"] == (
        "check the command name, or register a `#[tauri::command]` fn named `remove_projects`"
    )


def test_large_json_notes_generated_bindings_as_regenerated_not_edited() -> None:
    root = os.path.join(FIXTURES, "large_json")
    result = lint([root], Settings(), use_cache=False, jobs=1)
    finding = next(d for d in result.diagnostics if d.rule == "large-json-response" and "`thumbnail`" in d.message)
    notes = sorted(
        (os.path.basename(r.span.path), r.message) for r in finding.related if r.message.startswith("called")
    )
    assert notes == [
        ("Gallery.tsx", "called here: this caller must handle an ArrayBuffer after the change"),
        ("bindings.ts", "called here, in tauri-specta's generated bindings: regenerate them after the change"),
    ]
