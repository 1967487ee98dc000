"""Masking of .vue / .svelte / .html files: scripts and handlers keep their exact offsets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import tree_sitter_typescript
from hypothesis import given, settings
from hypothesis import strategies as st
from tree_sitter import Language, Node, Parser

from tauri_lint.frontend.embedded import Embedded, TemplateHandler, mask_embedded, match_brace
from tauri_lint.text import LineIndex

FIXTURES = Path(__file__).parent / "fixtures" / "embedded"
TS = Parser(Language(tree_sitter_typescript.language_typescript()))
TSX = Parser(Language(tree_sitter_typescript.language_tsx()))


def load(name: str) -> tuple[bytes, Embedded]:
    data = (FIXTURES / name).read_bytes()
    return data, mask_embedded(name, data)


def handlers(data: bytes, emb: Embedded) -> list[tuple[str, str, str]]:
    """(event, expression text, target) per handler, in file order."""
    return [(h.event, data[h.start : h.end].decode(), h.target) for h in emb.handlers]


def error_nodes(node: Node) -> list[Node]:
    found = [node] if node.type == "ERROR" or node.is_missing else []
    for child in node.children:
        found.extend(error_nodes(child))
    return found


def parse(emb: Embedded) -> Node:
    return (TSX if emb.is_tsx else TS).parse(emb.masked).root_node


def script_between(data: bytes, opening: bytes) -> tuple[int, int]:
    """Content range of the script block whose opening tag is exactly `opening`."""
    start = data.index(opening) + len(opening)
    return start, data.lower().index(b"</script", start)


def check_invariants(data: bytes, emb: Embedded) -> None:
    masked = emb.masked
    assert len(masked) == len(data)
    for h in emb.handlers:
        assert 0 <= h.start < h.end <= len(data)
        assert masked[h.start : h.end] == data[h.start : h.end]
    for i, (m, d) in enumerate(zip(masked, data, strict=True)):
        assert m == d or m in b" ;", i
        assert (m in b"\r\n") == (d in b"\r\n"), i  # line ends stay exactly where they were


# --------------------------------------------------------------------------------------------------
# Vue
# --------------------------------------------------------------------------------------------------


def test_vue_blocks_and_flags() -> None:
    data, emb = load("Panel.vue")
    check_invariants(data, emb)
    assert emb.blocks == 2
    assert emb.is_ts and not emb.is_tsx
    for opening in (b'<script lang="ts">', b'<script setup lang="ts">'):
        start, end = script_between(data, opening)
        assert emb.masked[start:end] == data[start:end]
    # the <i18n> custom block holds "<script>" text: not a block, and masked
    assert b"not code" not in emb.masked
    assert b"color: red" not in emb.masked


def test_vue_handlers() -> None:
    data, emb = load("Panel.vue")
    assert handlers(data, emb) == [
        ("mousemove", "onMove", "div"),
        ("click", "invoke('clicked', { n: count })", "div"),
        ("click", "count++; invoke('bump')", "button"),
        ("keydown", 'invoke("enter")', "input"),
        ("wheel", "(e) => invoke('zoom', { d: e.deltaY })", "span"),
    ]
    assert all(h.framework == "vue" for h in emb.handlers)
    first = emb.handlers[0]
    assert data[first.start - 1 : first.start] == b'"'
    assert emb.masked[first.start - 1 : first.start] == b";"
    assert emb.masked[first.end : first.end + 1] == b";"
    assert b"ignored()" not in emb.masked  # dynamic @[event]
    assert b"many" not in emb.masked  # {{ }} interpolation stays masked


def test_vue_comment_recorded() -> None:
    _, emb = load("Panel.vue")
    assert len(emb.comments) == 1
    comment = emb.comments[0]
    assert (comment.line, comment.col, comment.end_line) == (16, 3, 16)
    assert comment.text == "<!-- tauri-lint-disable-next-line invoke-in-hot-loop -->"


def test_vue_template_scripts_pug_and_src() -> None:
    data, emb = load("Nested.vue")
    check_invariants(data, emb)
    assert emb.blocks == 1  # <SCRIPT> only: template script, src script skipped
    assert b"notABlock" not in emb.masked
    assert b"notParsed" not in emb.masked  # pug template skipped whole
    assert b"export default {};" in emb.masked
    assert handlers(data, emb) == [("click", "ok()", "button")]


# --------------------------------------------------------------------------------------------------
# Svelte
# --------------------------------------------------------------------------------------------------


def test_svelte_module_instance_and_generics() -> None:
    data, emb = load("Widget.svelte")
    check_invariants(data, emb)
    assert emb.blocks == 2
    assert emb.is_ts
    for opening in (
        b'<script context="module" lang="ts">',
        b'<script lang="ts" generics="T extends Record<string, unknown>">',
    ):
        start, end = script_between(data, opening)
        assert emb.masked[start:end] == data[start:end]
    assert b"Record<string" not in emb.masked  # the attribute itself is markup


def test_svelte_handlers() -> None:
    data, emb = load("Widget.svelte")
    assert handlers(data, emb) == [
        ("resize", '() => invoke("resized")', "svelte:window"),
        ("wheel", '(e) => { if (e.deltaY > 0) invoke("down"); }', "svelte:window"),
        ("mousemove", "moved", "div"),
        ("click", '() => invoke("pick", { label: `item ${item["id"]}` })', "button"),
        ("scroll", "onscroll", "button"),
        ("select", '(v) => invoke("select", { v: "}" })', "Child"),
    ]
    assert b"true" not in emb.masked  # once={true} is a prop, not a handler
    assert b"alert(1)" not in emb.masked  # a script inside a comment is not a script
    assert emb.comments[0].text.startswith("<!-- a comment")


def test_svelte_legacy_quoted_and_padded() -> None:
    data, emb = load("Legacy.svelte")
    check_invariants(data, emb)
    assert handlers(data, emb) == [
        ("click", "() => invoke('legacy', { n })", "button"),
        ("scroll", "onScroll", "button"),
        ("mousemove", '(e) => invoke("body", { x: e.clientX, s: `${n}}` })', "svelte:body"),
    ]
    padded = emb.handlers[1]
    # `{ onScroll }`: the `;` sit right against the expression, so the statement ends with it
    assert emb.masked[padded.start - 1 : padded.end + 1] == b";onScroll;"
    assert b'"a" : "b"' not in emb.masked  # other attribute expressions stay masked


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------


def test_html_scripts() -> None:
    data, emb = load("index.html")
    check_invariants(data, emb)
    assert emb.blocks == 2  # the module src script and the application/json one are skipped
    assert not emb.is_ts
    assert b"not code" not in emb.masked
    assert b"window.__TAURI__.core" in emb.masked
    assert b'addEventListener("scroll"' in emb.masked
    assert b"commented out" not in emb.masked


def test_html_handlers() -> None:
    data, emb = load("index.html")
    assert handlers(data, emb) == [
        ("load", "invoke('ready')", "body"),
        ("mousemove", "invoke('hover')", "div"),
        ("click", "invoke(1)", "div"),
    ]
    assert all(h.framework == "html" for h in emb.handlers)
    unquoted = emb.handlers[2]
    assert emb.masked[unquoted.start - 1 : unquoted.end + 1] == b";invoke(1);"


@pytest.mark.parametrize(
    "script_type",
    [b"application/json", b"text/template", b"importmap", b"application/ld+json", b"text/x-handlebars"],
)
def test_html_non_js_types_skipped(script_type: bytes) -> None:
    data = b'<script type="' + script_type + b'">invoke("x")</script>'
    emb = mask_embedded("a.html", data)
    assert emb.blocks == 0
    assert emb.masked.strip() == b""


@pytest.mark.parametrize("script_type", [b"module", b"text/javascript", b"TEXT/JavaScript; charset=utf-8"])
def test_html_js_types_kept(script_type: bytes) -> None:
    data = b"<script type='" + script_type + b"'>invoke('x')</script >"
    emb = mask_embedded("a.html", data)
    assert emb.blocks == 1
    assert b"invoke('x')" in emb.masked


def test_script_content_ends_at_first_close_tag_any_case() -> None:
    data = b'<script>a("</scriptx>"); b()</SCRIPT\t>rest onclick="x"'
    emb = mask_embedded("a.html", data)
    assert emb.masked.rstrip().endswith(b"b();")  # `;` written over the `<` of `</SCRIPT`
    assert emb.handlers == ()  # `onclick=` is text here, not an attribute


# --------------------------------------------------------------------------------------------------
# Positions and parsing
# --------------------------------------------------------------------------------------------------


def test_crlf_non_ascii_positions() -> None:
    data, emb = load("Crlf.vue")
    assert data.count(b"\r\n") == data.count(b"\n") == 10
    check_invariants(data, emb)
    index = LineIndex("Crlf.vue", data)
    lines = data.decode("utf-8").split("\r\n")
    expected = {
        b"invoke('hover')": (3, lines[2].index("invoke('hover')") + 1),
        b"invoke('tap')": (3, lines[2].index("invoke('tap')") + 1),
        b'invoke("save"': (9, lines[8].index('invoke("save"') + 1),
    }
    for needle, position in expected.items():
        offset = emb.masked.index(needle)
        assert index.position(offset) == position
    # the same offsets hold for tree-sitter's nodes in the masked program
    root = parse(emb)
    assert not error_nodes(root)
    calls = [n for n in walk(root) if n.type == "call_expression" and (n.text or b"").startswith(b"invoke(")]
    assert sorted(index.position(n.start_byte) for n in calls) == sorted(expected.values())


def walk(node: Node) -> list[Node]:
    nodes = [node]
    for child in node.children:
        nodes.extend(walk(child))
    return nodes


@pytest.mark.parametrize(
    "name", ["Panel.vue", "Widget.svelte", "index.html", "Crlf.vue", "Legacy.svelte", "Nested.vue"]
)
def test_masked_parses_without_errors(name: str) -> None:
    _, emb = load(name)
    assert not error_nodes(parse(emb))


def test_each_handler_is_its_own_statement() -> None:
    data = (
        b'<template><div @click="a()" @mousemove="b()" @wheel="c"></div></template>\n'
        b"<script setup>\nconst x = 1\n</script>"
    )
    emb = mask_embedded("x.vue", data)
    root = parse(emb)
    assert not error_nodes(root)
    statements = [n for n in root.children if n.type == "expression_statement"]
    assert [s.children[0].text for s in statements] == [b"a()", b"b()", b"c"]
    for statement, handler in zip(statements, emb.handlers, strict=True):
        assert statement.children[0].start_byte == handler.start
        assert statement.children[0].end_byte == handler.end
        assert statement.end_byte == handler.end + 1


def test_blocks_on_one_line_stay_separate() -> None:
    emb = mask_embedded("a.html", b"<script>let a = 1</script><script>a()</script>")
    assert emb.blocks == 2
    assert not error_nodes(parse(emb))


@pytest.mark.parametrize(
    ("attrs", "ts", "tsx"),
    [
        (b' lang="ts"', True, False),
        (b' lang="tsx"', True, True),
        (b' lang="jsx"', False, True),
        (b"", False, False),
    ],
)
def test_lang_flags(attrs: bytes, ts: bool, tsx: bool) -> None:
    emb = mask_embedded("c.vue", b"<script" + attrs + b">let a = 1</script>")
    assert (emb.is_ts, emb.is_tsx) == (ts, tsx)


def test_coffee_script_skipped() -> None:
    emb = mask_embedded("c.vue", b'<script lang="coffee">x = -> 1</script>')
    assert emb.blocks == 0


def test_html_on_attribute_must_be_a_dom_event() -> None:
    data = b'<a onfoo="x y z" ONCLICK="go()" on="1" onion="2">'
    emb = mask_embedded("a.html", data)
    assert handlers(data, emb) == [("click", "go()", "a")]


def test_svelte_string_valued_on_attribute_is_not_a_handler() -> None:
    data = b'<Comp onchange="some text" on:click />'
    emb = mask_embedded("a.svelte", data)
    assert emb.handlers == ()


def test_template_handler_is_frozen_record() -> None:
    handler = TemplateHandler("click", 1, 2, "vue", "div")
    with pytest.raises(AttributeError):
        handler.event = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------------------------------
# Brace matching
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        b"{a}",
        b"{ {b: 1} }",
        b"{'}'}",
        b'{"}\\"}"}',
        b"{`}${ {x: `}`} }`}",
        b"{/* } */ a}",
        b"{a // }\n}",
        b"{x.replace(/}'/g, '')}",
        b"{a / b / c}",
    ],
)
def test_match_brace(text: bytes) -> None:
    assert match_brace(text + b"tail", 0) == len(text)


def test_match_brace_unterminated() -> None:
    assert match_brace(b"{ `${ '", 0) == 7


# --------------------------------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------------------------------

NASTY = [
    b"",
    b"<",
    b"<script",
    b"<script>",
    b"<script>invoke(",
    b"<!--",
    b"<!-- <script>x</script>",
    b'<div onclick="',
    b"<div onclick=",
    b"<div on:click={",
    b"<div on:click={`${",
    b'<div on:click="{',
    b"<template><div @click='",
    b"<template>",
    b"</template></template>",
    b"<custom>",
    b"\xff\xfe<script>\x80\x81</script>\x00",
    b"<script>\r</script>\r\n<div @click=\r\nfoo\r\n>",
    b"<a onclick=\nx\n>",
    b"{{{{",
    b"}}}}",
    b"<svelte:window {onwheel",
    b"<p {...rest} {onclick} on:x|y={z}>",
    b"<!><?xml?><![CDATA[ < ]]>",
    b"<style>",
    b"<textarea><div onclick='x'></textarea>",
]


@pytest.mark.parametrize("suffix", [".vue", ".svelte", ".html"])
@pytest.mark.parametrize("data", NASTY)
def test_nasty_inputs(suffix: str, data: bytes) -> None:
    emb = mask_embedded("x" + suffix, data)
    check_invariants(data, emb)


TOKENS = [
    b"<script>",
    b'<script lang="ts">',
    b"</script>",
    b"<template>",
    b"</template>",
    b"<div ",
    b"<svelte:window ",
    b">",
    b"/>",
    b'@click="',
    b"on:click={",
    b"onclick=",
    b"onmousemove={",
    b'"',
    b"'",
    b"`",
    b"${",
    b"{",
    b"}",
    b"{{",
    b"}}",
    b"<!--",
    b"-->",
    b"<style>",
    b"</style>",
    b"invoke('x')",
    b" ",
    b"\n",
    b"\r\n",
    b"\xc3\xa9",
    b"\xff",
    b"/",
    b"//",
    b"/*",
    b"=",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40), st.sampled_from([".vue", ".svelte", ".html"]))
def test_token_soup_never_raises(tokens: list[bytes], suffix: str) -> None:
    data = b"".join(tokens)
    check_invariants(data, mask_embedded("f" + suffix, data))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".vue", ".svelte", ".html", ".htm"]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    check_invariants(data, mask_embedded("f" + suffix, data))


@pytest.mark.parametrize("suffix", [".vue", ".svelte", ".html"])
@pytest.mark.parametrize(
    "line",
    [
        b"<" * 1_000_000,
        b"{" * 1_000_000,
        b"<a " + b"x " * 500_000,
        b"<script>" + b"a;" * 500_000,
        b"<div onclick={" + b"`${" * 300_000,
        b"<!--" * 250_000,
        b"</x" * 300_000,
    ],
)
def test_one_megabyte_line_is_fast(suffix: str, line: bytes) -> None:
    started = time.perf_counter()
    emb = mask_embedded("big" + suffix, line)
    assert len(emb.masked) == len(line)
    assert time.perf_counter() - started < 5.0
