"""The Rust extractor: one .rs file in, plain picklable RustFacts out.

How the file is read, cheapest first:
- items (uses, fns, mods, impls, type aliases, consts) by an explicit-stack walk over item lists only,
  never descending into function bodies;
- command bodies, and only those, in depth (see body.py);
- comments and registration macros anywhere, by searching the source bytes for their few introducing
  tokens and mapping each hit back to its node (see registrations.py), instead of visiting every node
  of every body in Python.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field

import tree_sitter_rust
from tree_sitter import Language, Node, Parser

from tauri_lint.model import Command, Comment, Note, Param, RustFacts
from tauri_lint.rust.body import BodyScanner
from tauri_lint.rust.naming import js_key
from tauri_lint.rust.registrations import Registrations
from tauri_lint.rust.syntax import (
    COMMENT_TYPES,
    Imports,
    attribute_cfg,
    combine_cfgs,
    path_segments,
    string_value,
    text,
)
from tauri_lint.rust.types import INJECTED_TYPES, ReturnClassifier, last_segment, param_type, type_path
from tauri_lint.text import BOM, LineIndex

__all__ = ["extract_rust"]

# The prefix the engine counts as an internal error: tauri_lint.extraction.INTERNAL (not imported, to
# keep this module free of the engine's imports; a test checks they agree).
INTERNAL_ERROR_PREFIX = "internal-error"

_parser: Parser | None = None


def _get_parser() -> Parser:
    """The shared parser, built on first use (loading the grammar costs time at import)."""
    global _parser
    if _parser is None:
        _parser = Parser(Language(tree_sitter_rust.language()))
    return _parser


def extract_rust(path: str, data: bytes) -> RustFacts:
    """Facts about one Rust source file. Never raises: a bug here becomes an internal-error note (with
    its traceback, for the engine to report) next to whatever was extracted before it struck."""
    facts = RustFacts(path=path)
    if not _worth_parsing(data):
        facts.line_count = _line_count(data)
        return facts
    try:
        _FileExtractor(path, data, facts).run()
    except Exception as exc:  # one odd file must not stop a whole run
        detail = "".join(traceback.format_exception(exc))
        message = f"{INTERNAL_ERROR_PREFIX}: Rust extraction failed: {type(exc).__name__}: {exc}\n{detail}"
        facts.notes.append(Note(path, message))
    return facts


# A file can hold a fact only through one of these words: a command attribute or `use tauri::command`,
# `impl CommandArg`, a registration or plugin builder, a mobile plugin, or a suppression comment. The
# one other fact, a type alias of an injected type (`type Db<'a> = State<'a, Pool>`), needs `type X =`.
# Most Rust files of a workspace (models, repositories, other crates) have none: they are not parsed,
# and say nothing (a parse gap there could hide nothing tauri-lint reads).
_MARKERS = (b"command", b"CommandArg", b"generate_handler", b"invoke_handler", b"Builder", b"plugin", b"tauri-lint")
_TYPE_ALIAS = re.compile(rb"\btype\s+[A-Za-z_]\w*\s*(?:<[^;{]*?>)?\s*=")


def _worth_parsing(data: bytes) -> bool:
    return any(marker in data for marker in _MARKERS) or _TYPE_ALIAS.search(data) is not None


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)


# Item containers the walk descends into; function bodies are not among them.
_CONTAINERS = frozenset({"mod_item", "impl_item", "ERROR"})
_COMMENT_START = re.compile(rb"/[/*]")
_STRINGS = frozenset({"string_literal", "raw_string_literal", "string_content", "char_literal"})
_MAX_ALIAS_ROUNDS = 8
_REGISTRATION_WORDS = (b"generate_handler", b"collect_commands", b"invoke_handler")
_MOBILE_PLUGIN_WORDS = (b"register_android_plugin", b"register_ios_plugin")


@dataclass(slots=True)
class _CommandAttr:
    async_option: bool = False
    rename_all: str | None = None
    rename: str | None = None


@dataclass(slots=True)
class _Candidate:
    """A fn with a command attribute, built once all of the file's aliases are known."""

    fn: Node
    attr: _CommandAttr
    cfgs: list[str]
    module_path: tuple[str, ...]
    imports: Imports


@dataclass(slots=True)
class _Scope:
    container: Node
    module_path: tuple[str, ...]
    imports: Imports
    cfgs: list[str] = field(default_factory=list)


class _FileExtractor:
    def __init__(self, path: str, data: bytes, facts: RustFacts) -> None:
        self._path = path
        self._data = data
        self._facts = facts
        self._index = LineIndex(path, data)
        self._candidates: list[_Candidate] = []
        self._type_items: list[Node] = []
        self._str_consts: dict[str, str] = {}
        self._arg_types: list[tuple[int, str]] = []  # (start byte, name) of `impl CommandArg for X`
        self._file_imports = Imports()

    def run(self) -> None:
        data = self._data
        # A BOM is not Rust; blank it out (same length, so byte offsets stay valid for LineIndex).
        source = b"   " + data[len(BOM) :] if data.startswith(BOM) else data
        tree = _get_parser().parse(source)
        root = tree.root_node
        facts = self._facts
        facts.line_count = _line_count(data)
        if root.has_error:
            facts.had_syntax_errors = True
            line, col = self._index.position(_first_error(root).start_byte)
            # Valid Rust can hit a gap in tree-sitter-rust (`#[cfg]` on a struct pattern's field): say
            # what happened without claiming the code is wrong.
            message = "tree-sitter could not parse all of this file: only the parts that parse were analysed"
            if _registration_unreadable(root, data):
                # The project layer reads "handler" in this note as: registrations may be incomplete.
                message += (
                    "; a command registration (generate_handler / invoke_handler) is in the part that did not "
                    "parse, so unknown-command is not checked for this project"
                )
            facts.notes.append(Note(self._path, message, line, col))
        facts.comments = self._comments(root)
        facts.registers_mobile_plugin = any(word in data for word in _MOBILE_PLUGIN_WORDS)
        self._walk_items(root)
        # The item walk visits containers in stack order; report everything in source order.
        self._candidates.sort(key=lambda c: c.fn.start_byte)
        self._type_items.sort(key=lambda t: t.start_byte)
        self._arg_types.sort()
        facts.command_arg_types = [name for _, name in self._arg_types]
        injected_extra = self._resolve_aliases()
        classifier = ReturnClassifier(self._index, frozenset(facts.result_aliases), self._plain_aliases())
        for cand in self._candidates:
            facts.commands.append(self._command(cand, classifier, injected_extra))
        regs = Registrations(self._path, data, root, self._index, self._file_imports, self._str_consts)
        regs.run()
        facts.handler_lists = regs.handler_lists
        facts.handler_calls = regs.handler_calls
        facts.plugins = regs.plugins
        facts.notes.extend(regs.notes)

    # ---------------------------------------------------------------------------------------------
    # comments

    def _comments(self, root: Node) -> list[Comment]:
        """Every comment, found by searching for `//` and `/*` and keeping hits that start a comment
        node (the same bytes inside a string or a URL literal map to a string node)."""
        out: list[Comment] = []
        data = self._data
        pos = 0
        while True:
            match = _COMMENT_START.search(data, pos)
            if match is None:
                break
            start = match.start()
            # The `//` / `/*` token is anonymous: the smallest named node is the comment itself.
            node = root.named_descendant_for_byte_range(start, start + 2)
            if node is None or node.type not in COMMENT_TYPES or node.start_byte != start:
                skip_to = node.end_byte if node is not None and node.type in _STRINGS else 0
                pos = max(start + 1, skip_to)
                continue
            raw = data[start : node.end_byte].rstrip(b"\r\n")  # doc comments include their newline
            line, col = self._index.position(start)
            end_line = line + raw.count(b"\n")
            out.append(Comment(line, col, end_line, raw.decode("utf-8", errors="replace")))
            pos = max(node.end_byte, start + 2)
        return out

    # ---------------------------------------------------------------------------------------------
    # items

    def _walk_items(self, root: Node) -> None:
        stack = [_Scope(root, (), Imports())]
        while stack:
            scope = stack.pop()
            children = scope.container.named_children
            # `use` may follow the code that relies on it: read a scope's uses first.
            imports = scope.imports.copy()
            for child in children:
                if child.type == "use_declaration":
                    imports.add_use(child)
            if scope.container is root:
                self._file_imports = imports
            if _imports_tauri_command(imports):
                self._facts.uses_tauri_command_import = True
            attrs: list[Node] = []
            for child in children:
                kind = child.type
                if kind == "attribute_item":
                    attrs.append(child)
                    continue
                if kind in COMMENT_TYPES:
                    continue
                self._item(child, attrs, scope, imports, stack)
                attrs = []

    def _item(self, node: Node, attrs: list[Node], scope: _Scope, imports: Imports, stack: list[_Scope]) -> None:
        kind = node.type
        if kind == "function_item":
            attr = _command_attr(attrs, imports)
            if attr is not None:
                cfgs = scope.cfgs + _cfgs(attrs)
                self._candidates.append(_Candidate(node, attr, cfgs, scope.module_path, imports))
        elif kind in _CONTAINERS:
            self._container(node, attrs, scope, imports, stack)
        elif kind == "type_item":
            self._type_items.append(node)
        elif kind in ("const_item", "static_item"):
            value = string_value(node.child_by_field_name("value"))
            if value is not None:
                self._str_consts[text(node.child_by_field_name("name"))] = value

    def _container(self, node: Node, attrs: list[Node], scope: _Scope, imports: Imports, stack: list[_Scope]) -> None:
        kind = node.type
        if kind == "ERROR":
            # tree-sitter wraps what it could not fit in ERROR; items inside it still count.
            stack.append(_Scope(node, scope.module_path, imports, scope.cfgs))
            return
        body = node.child_by_field_name("body")
        if kind == "impl_item":
            trait = node.child_by_field_name("trait")
            if trait is not None and last_segment(trait) == "CommandArg":
                target = node.child_by_field_name("type")
                name = last_segment(target) if target is not None else ""
                if name:
                    self._arg_types.append((node.start_byte, name))
            if body is not None:
                stack.append(_Scope(body, scope.module_path, imports, scope.cfgs))
            return
        if body is not None:  # `mod x { ... }`; `mod x;` lives in another file
            module_path = (*scope.module_path, text(node.child_by_field_name("name")))
            # A module does not inherit its parent's imports in Rust, but `use super::*;` is the
            # norm in inline modules, so starting from the parent's is the better approximation.
            stack.append(_Scope(body, module_path, imports, scope.cfgs + _cfgs(attrs)))

    # ---------------------------------------------------------------------------------------------
    # type aliases

    def _resolve_aliases(self) -> frozenset[str]:
        """Fill injected_aliases and result_aliases; returns every injected name beyond Tauri's own."""
        facts = self._facts
        injected = set(facts.command_arg_types)
        results: set[str] = set()
        items = []
        for item in self._type_items:
            target = item.child_by_field_name("type")
            name = text(item.child_by_field_name("name"))
            if target is not None and name:
                generic = type_path(target)[1] is not None
                items.append((name, last_segment(target), generic))
        # Aliases of aliases (`type S<'a> = AppState<'a>`) need a few rounds.
        for _ in range(_MAX_ALIAS_ROUNDS):
            before = len(injected) + len(results)
            for name, last, generic in items:
                if last in INJECTED_TYPES or last in injected:
                    if name not in injected and name not in facts.command_arg_types:
                        facts.injected_aliases.append(name)
                    injected.add(name)
                elif (last.endswith("Result") and generic) or last in results:
                    if name not in results:
                        facts.result_aliases.append(name)
                    results.add(name)
            if len(injected) + len(results) == before:
                break
        return frozenset(injected)

    def _plain_aliases(self) -> dict[str, Node]:
        """Non-generic aliases (`type CmdResult = Result<Vec<u8>, String>`), expandable in place."""
        out: dict[str, Node] = {}
        for item in self._type_items:
            target = item.child_by_field_name("type")
            if target is not None and item.child_by_field_name("type_parameters") is None:
                out[text(item.child_by_field_name("name"))] = target
        return out

    # ---------------------------------------------------------------------------------------------
    # commands

    def _command(self, cand: _Candidate, classifier: ReturnClassifier, injected_extra: frozenset[str]) -> Command:
        fn = cand.fn
        index = self._index
        name_node = fn.child_by_field_name("name")
        fn_name = text(name_node)
        anchor = name_node if name_node is not None else fn
        params_node = fn.child_by_field_name("parameters")
        params = tuple(
            self._param(p, cand.attr.rename_all, injected_extra)
            for p in (params_node.named_children if params_node is not None else ())
            if p.type == "parameter"
        )
        body = fn.child_by_field_name("body")
        return Command(
            name=cand.attr.rename or fn_name,
            fn_name=fn_name,
            name_span=index.span(anchor.start_byte, anchor.end_byte),
            fn_span=index.span(fn.start_byte, fn.end_byte),
            is_async=_is_async_fn(fn),
            async_option=cand.attr.async_option,
            rename_all=cand.attr.rename_all,
            params=params,
            returns=classifier.classify(fn.child_by_field_name("return_type"), cand.imports),
            body=BodyScanner(index, cand.imports).scan(body) if body is not None else (),
            module_path=cand.module_path,
            cfg=combine_cfgs(cand.cfgs),
        )

    def _param(self, node: Node, rename_all: str | None, injected_extra: frozenset[str]) -> Param:
        pattern = node.child_by_field_name("pattern")
        type_node = node.child_by_field_name("type")
        info = param_type(type_node) if type_node is not None else None
        type_last = info.last if info is not None else ""
        name, key_source = _param_name(pattern, type_last)
        return Param(
            name=name,
            type_text=text(type_node),
            js_key=js_key(key_source, rename_all),
            optional=info is not None and info.optional,
            injected=type_last in INJECTED_TYPES or type_last in injected_extra,
            is_channel=info is not None and info.is_channel,
            is_request=info is not None and info.is_request,
            span=self._index.span(node.start_byte, node.end_byte),
        )


def _param_name(pattern: Node | None, type_last: str) -> tuple[str, str]:
    """(name as written, what tauri derives the key from).

    tauri-macros keys `x` and `r#x` by the unraw'd identifier, `_` by "" and `State(s)` / `Foo { .. }`
    by the pattern's path's last segment. Other patterns do not compile as commands; the type's last
    segment is the best guess for them.
    """
    if pattern is None:
        return type_last, type_last
    kind = pattern.type
    if kind == "identifier":
        return text(pattern), text(pattern)
    if kind in ("ref_pattern", "mut_pattern"):
        inner = next((c for c in pattern.named_children if c.type == "identifier"), None)
        if inner is not None:
            return text(inner), text(inner)
    if kind == "_":
        return "_", ""
    if kind in ("tuple_struct_pattern", "struct_pattern"):
        segs = path_segments(pattern.child_by_field_name("type"))
        if segs:
            return segs[-1], segs[-1]
    return type_last or text(pattern), type_last


def _command_attr(attrs: list[Node], imports: Imports) -> _CommandAttr | None:
    """The options of a `#[tauri::command(...)]` among a fn's attributes, None if there is none.

    A bare `#[command]` counts only when `command` comes from tauri (`use tauri::command;`, an alias
    of it, or `use tauri::*;`): clap and others export a `command` attribute too.
    """
    for item in attrs:
        attribute = next((c for c in item.named_children if c.type == "attribute"), None)
        if attribute is None or attribute.named_child_count == 0:
            continue
        segs = path_segments(attribute.named_child(0))
        if not segs or not _is_tauri_command(segs, imports):
            continue
        return _command_options(attribute.child_by_field_name("arguments"))
    return None


def _is_tauri_command(segs: list[str], imports: Imports) -> bool:
    if segs == ["tauri", "command"]:
        return True
    if len(segs) != 1:
        return False
    if imports.resolve(segs) == ("tauri", "command"):
        return True
    return segs == ["command"] and not imports.is_known("command") and imports.has_glob("tauri")


def _imports_tauri_command(imports: Imports) -> bool:
    return ("tauri", "command") in imports.names.values() or imports.has_glob("tauri")


def _command_options(args: Node | None) -> _CommandAttr:
    """`(async, rename_all = "snake_case", rename = "x", root = "crate")`."""
    attr = _CommandAttr()
    if args is None:
        return attr
    tokens = [c for c in args.children[1:-1] if c.type not in COMMENT_TYPES]
    for i, tok in enumerate(tokens):
        if tok.type == "async":
            attr.async_option = True
        elif tok.type == "identifier" and i + 2 < len(tokens) and tokens[i + 1].type == "=":
            value = string_value(tokens[i + 2])
            key = text(tok)
            if key == "rename_all":
                attr.rename_all = value
            elif key == "rename":
                attr.rename = value
    return attr


def _cfgs(attrs: list[Node]) -> list[str]:
    """Predicates of the `#[cfg(...)]` attributes among `attrs`."""
    return [cfg for cfg in map(attribute_cfg, attrs) if cfg is not None]


def _is_async_fn(fn: Node) -> bool:
    for child in fn.children:
        if child.type == "function_modifiers":
            return any(c.type == "async" for c in child.children)
        if child.type == "fn":
            break
    return False


def _registration_unreadable(root: Node, data: bytes) -> bool:
    """Does a `generate_handler!` / `invoke_handler` / `collect_commands!` sit in a part that did not
    parse? A parse gap elsewhere in the file (readest's `|#[allow(...)] app|` closure parameter) leaves
    the registrations readable, and must not switch unknown-command off for the whole project."""
    for word in _REGISTRATION_WORDS:
        start = data.find(word)
        while start != -1:
            node: Node | None = root.descendant_for_byte_range(start, start + len(word))
            macro_checked = False
            while node is not None:
                if node.is_error or node.is_missing:
                    return True
                if node.type == "macro_invocation" and not macro_checked:
                    if node.has_error:
                        return True
                    macro_checked = True
                node = node.parent
            start = data.find(word, start + len(word))
    return False


def _first_error(root: Node) -> Node:
    """The first ERROR or MISSING node, found by descending only into subtrees that hold one."""
    node = root
    while True:
        nxt = None
        for child in node.children:
            if child.is_error or child.is_missing:
                return child
            if child.has_error:
                nxt = child
                break
        if nxt is None:
            return node
        node = nxt
