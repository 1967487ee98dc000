"""Command registrations: handler lists, `.invoke_handler(...)` calls and plugin builders.

These constructs can sit anywhere in a function body (or inside another macro's tokens), so instead
of walking every node in Python the source bytes are searched for the few words that introduce them
(`generate_handler`, `collect_commands`, `invoke_handler`, `Builder`) and each hit is mapped back to
its tree-sitter node. Hits in comments and strings map to comment/string nodes and are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from tauri_lint.model import HandlerEntry, HandlerList, InvokeHandlerCall, Note, PluginDef, Span
from tauri_lint.rust.syntax import (
    COMMENT_TYPES,
    Imports,
    ancestors,
    attribute_cfg,
    cfg_predicate,
    combine_cfgs,
    method_chain,
    path_segments,
    string_value,
    text,
)
from tauri_lint.rust.types import strip_references, type_path
from tauri_lint.text import LineIndex

APP = "app"
UNKNOWN_PLUGIN = "plugin:?"

_WORDS = (b"generate_handler", b"collect_commands", b"invoke_handler", b"PluginBuilder", b"Builder")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_LIST_MACROS = (b"generate_handler", b"collect_commands")
_NAME_NODES = frozenset({"identifier", "type_identifier", "field_identifier"})
_PATH_NODES = frozenset(
    {"scoped_identifier", "scoped_type_identifier", "generic_type", "identifier", "type_identifier"}
)
_PATH_TOKENS = frozenset({"identifier", "crate", "self", "super"})
_CHAIN_WRAPPERS = frozenset({"try_expression", "await_expression", "parenthesized_expression"})
# Nodes whose children can carry outer attributes as preceding siblings.
_ATTRIBUTE_HOLDERS = frozenset({"block", "declaration_list", "source_file"})
# Bound on following `let x = y...; let y = ...` bindings backwards.
_MAX_BINDING_HOPS = 8


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    handler_list: HandlerList


class Registrations:
    """Finds the registration facts of one file."""

    def __init__(
        self,
        path: str,
        data: bytes,
        root: Node,
        index: LineIndex,
        imports: Imports,
        str_consts: dict[str, str],
    ) -> None:
        self._path = path
        self._data = data
        self._root = root
        self._index = index
        self._imports = imports
        self._consts = str_consts
        self._lists: list[_Found] = []
        self.handler_lists: list[HandlerList] = []
        self.handler_calls: list[InvokeHandlerCall] = []
        self.plugins: list[PluginDef] = []
        self.notes: list[Note] = []

    def run(self) -> None:
        hits = _find_words(self._data)
        # Lists first: invoke_handler calls refer to them.
        for word, start, end in hits:
            if word in _LIST_MACROS:
                self._list_hit(word.decode(), start, end)
        self._lists.sort(key=lambda f: f.start)
        self.handler_lists = [f.handler_list for f in self._lists]
        for word, start, end in hits:
            if word == b"invoke_handler":
                self._invoke_handler_hit(start, end)
            elif word in (b"Builder", b"PluginBuilder"):
                self._builder_hit(start, end)

    def _name_node(self, start: int, end: int) -> list[Node] | None:
        """Ancestors of the identifier exactly at [start, end), or None if the hit is not one."""
        node = self._root.descendant_for_byte_range(start, end)
        if node is None or node.type not in _NAME_NODES or node.start_byte != start or node.end_byte != end:
            return None
        chain = ancestors(self._root, start, end)
        return chain if chain[-1].type in _NAME_NODES else None

    def _span(self, start: int, end: int) -> Span:
        return self._index.span(start, end)

    # ---------------------------------------------------------------------------------------------
    # handler lists

    def _list_hit(self, macro: str, start: int, end: int) -> None:
        chain = self._name_node(start, end)
        if chain is None or len(chain) < 2:
            return
        # `tauri::generate_handler`: climb to the whole macro path.
        idx = len(chain) - 1
        while idx > 1 and chain[idx - 1].type == "scoped_identifier" and chain[idx - 1].end_byte == end:
            idx -= 1
        host, parent = chain[idx], chain[idx - 1]
        if parent.type == "macro_invocation":
            tree = parent.named_children[-1] if parent.named_child_count else None
            if tree is None or tree.type != "token_tree":
                return
            span_start, span_end = parent.start_byte, parent.end_byte
        elif parent.type == "token_tree":
            # Inside another macro's tokens (cfg_if!, a builder in a macro): `name ! [ ... ]`.
            bang = host.next_sibling
            tree = bang.next_sibling if bang is not None and bang.type == "!" else None
            if tree is None or tree.type != "token_tree":
                return
            span_start, span_end = _token_path_start(host), tree.end_byte
        else:
            return  # `use tauri::generate_handler;`, a field named so, ...
        entries, complete = self._entries(tree)
        span = self._span(span_start, span_end)
        self._lists.append(_Found(span_start, span_end, HandlerList(macro, entries, span, complete)))

    def _entries(self, tree: Node) -> tuple[tuple[HandlerEntry, ...], bool]:
        """Comma-separated paths, each optionally preceded by attributes; comments anywhere."""
        parser = _EntryParser(self)
        tokens = tree.children
        for tok in tokens[1:-1] if len(tokens) >= 2 else ():
            parser.feed(tok)
        parser.finish()
        return tuple(parser.entries), parser.complete

    def entry_for(self, tokens: list[Node], name: str, cfgs: list[str]) -> HandlerEntry:
        start, end = tokens[0].start_byte, tokens[-1].end_byte
        path = self._data[start:end].decode("utf-8", errors="replace")
        return HandlerEntry(name=name, path=path, span=self._span(start, end), cfg=combine_cfgs(cfgs))

    def _lists_within(self, start: int, end: int) -> tuple[HandlerList, ...]:
        return tuple(f.handler_list for f in self._lists if f.start >= start and f.end <= end)

    # ---------------------------------------------------------------------------------------------
    # .invoke_handler(...)

    def _invoke_handler_hit(self, start: int, end: int) -> None:
        chain = self._name_node(start, end)
        if chain is None or len(chain) < 3:
            return
        if chain[-1].type == "identifier" and chain[-2].type == "token_tree":
            self._token_invoke_handler(chain[-1])
            return
        field_expr, call = chain[-2], chain[-3]
        if field_expr.type != "field_expression" or call.type != "call_expression":
            return
        if call.child_by_field_name("function") != field_expr:
            return
        args = _arguments(call)
        if not args:
            return  # tauri-specta's `builder.invoke_handler()` produces a handler; it registers nothing
        call_idx = len(chain) - 3
        lists, complete = self._resolve_argument(args[0], chain[: call_idx + 1])
        receiver = field_expr.child_by_field_name("value")
        builder, chain_id = self._builder_and_chain(receiver, chain, call_idx)
        span = self._span(start, call.end_byte)
        complete = complete and not call.has_error
        call_fact = _make_call(span, builder, chain_id, lists, complete, _statement_cfg(chain, call_idx))
        self.handler_calls.append(replace(call_fact, branches=_branches(chain, call_idx)))

    def _token_invoke_handler(self, ident: Node) -> None:
        """`.invoke_handler(...)` among another macro's tokens: no tree to follow, lists only."""
        dot, args = ident.prev_sibling, ident.next_sibling
        if dot is None or dot.type != "." or args is None or args.type != "token_tree":
            return
        lists = self._lists_within(args.start_byte, args.end_byte)
        # The statement's first token: the chain start, as for parsed chains.
        anchor = ident
        prev = ident.prev_sibling
        while prev is not None and prev.type not in (";", "(", "[", "{"):
            anchor, prev = prev, prev.prev_sibling
        line = self._index.position(anchor.start_byte)[0]
        span = self._span(ident.start_byte, args.end_byte)
        self.handler_calls.append(_make_call(span, APP, f"{self._path}:{line}", lists, bool(lists), None))

    def _resolve_argument(self, arg: Node, chain: list[Node]) -> tuple[tuple[HandlerList, ...], bool]:
        """Lists the argument of `.invoke_handler(ARG)` reaches, and whether that is certain."""
        inside = self._lists_within(arg.start_byte, arg.end_byte)
        if arg.type == "macro_invocation" and len(inside) == 1:
            return inside, True
        name = _handler_variable(arg)
        if name is None:
            # A closure, a function call, ...: lists written inside it count, but it may do more.
            return inside, False
        before = arg.start_byte
        for _ in range(_MAX_BINDING_HOPS):
            value = _binding(name, before, chain)
            if value is None:
                break
            found = self._lists_within(value.start_byte, value.end_byte)
            if found:
                return found, True
            # `let builder = builder.path(..)`: keep following the variable the value starts from.
            root = method_chain(value)[-1]
            if root.type != "identifier":
                break
            name, before = text(root), value.start_byte
        return (), False

    def _builder_and_chain(self, receiver: Node | None, chain: list[Node], call_idx: int) -> tuple[str, str]:
        fn_name = _enclosing_fn_name(chain)
        root = method_chain(receiver)[-1] if receiver is not None else None
        if root is not None and root.type == "identifier":
            var = text(root)
            return self._builder_of_variable(var, root.start_byte, chain), self._var_chain_id(fn_name, var)
        builder = self._builder_of_root(root)
        assigned = _assigned_variable(chain, call_idx)
        if assigned is not None:
            return builder, self._var_chain_id(fn_name, assigned)
        anchor = root if root is not None else chain[call_idx]
        return builder, f"{self._path}:{self._index.position(anchor.start_byte)[0]}"

    def _var_chain_id(self, fn_name: str, var: str) -> str:
        return f"{self._path}:var:{fn_name}:{var}"

    def _builder_of_variable(self, var: str, before: int, chain: list[Node]) -> str:
        for _ in range(_MAX_BINDING_HOPS):
            value = _binding(var, before, chain)
            if value is None:
                return self._builder_of_parameter(var, chain)
            root = method_chain(value)[-1]
            if root.type != "identifier":
                return self._builder_of_root(root)
            var, before = text(root), value.start_byte
        return APP

    def _builder_of_parameter(self, var: str, chain: list[Node]) -> str:
        """`fn register<R>(builder: PluginBuilder<R>) { builder.invoke_handler(..) }`: a plugin
        builder whose name is given by the caller, out of sight ("plugin:?")."""
        fn = next((a for a in reversed(chain) if a.type == "function_item"), None)
        params = fn.child_by_field_name("parameters") if fn is not None else None
        for param in params.named_children if params is not None else ():
            pattern = param.child_by_field_name("pattern")
            if param.type != "parameter" or pattern is None or text(pattern) != var:
                continue
            segs, _ = type_path(strip_references(param.child_by_field_name("type") or param))
            full = self._imports.resolve(segs or [])
            if full[-1:] == ("Builder",) and "plugin" in full:
                return UNKNOWN_PLUGIN
        return APP

    def _builder_of_root(self, root: Node | None) -> str:
        if root is None or root.type != "call_expression":
            return APP
        name = self._plugin_name(root)
        return APP if name is None else f"plugin:{name}"

    # ---------------------------------------------------------------------------------------------
    # plugin builders

    def _builder_hit(self, start: int, end: int) -> None:
        chain = self._name_node(start, end)
        if chain is None:
            return
        idx = len(chain) - 1
        while idx > 0 and chain[idx - 1].type in _PATH_NODES:
            idx -= 1
        if idx == 0 or chain[idx - 1].type != "call_expression":
            return
        call = chain[idx - 1]
        if call.child_by_field_name("function") != chain[idx]:
            return
        name = self._plugin_name(call)
        if name is None:
            return
        line, col = self._index.position(call.start_byte)
        if name == "?":
            self.notes.append(
                Note(self._path, "plugin name is not a string literal; its commands cannot be named", line, col)
            )
            return
        self.plugins.append(PluginDef(name, self._span(call.start_byte, call.end_byte)))

    def _plugin_name(self, call: Node) -> str | None:
        """The NAME of `tauri::plugin::Builder::new("NAME")` ("?" when not a literal); None when the
        call is not a plugin builder (tauri::Builder, tauri_plugin::Builder in build.rs, ...)."""
        segs = path_segments(call.child_by_field_name("function"))
        if not segs or len(segs) < 2 or segs[-1] != "new" or segs[-2] not in ("Builder", "PluginBuilder"):
            return None
        module = self._imports.resolve(segs)[:-2]
        args = _arguments(call)
        if len(args) != 1:
            return None
        literal = string_value(args[0])
        if literal is None and args[0].type == "identifier":
            literal = self._consts.get(text(args[0]))
        if "plugin" in module:
            return literal if literal is not None else "?"
        if module:
            return None  # tauri::Builder, tokio::runtime::Builder, ...: not a plugin
        # A bare `Builder`/`PluginBuilder` whose import is out of sight: only a one-string-argument
        # `new` looks like tauri's plugin builder.
        return literal


class _EntryParser:
    """State machine over the tokens of `generate_handler![...]`."""

    def __init__(self, owner: Registrations) -> None:
        self._owner = owner
        self.entries: list[HandlerEntry] = []
        self.complete = True
        self._tokens: list[Node] = []
        self._name = ""
        self._cfgs: list[str] = []
        self._depth = 0  # inside `::<...>` generics
        self._attr_next = False
        self._broken = False

    def feed(self, tok: Node) -> None:
        kind = tok.type
        if kind in COMMENT_TYPES:
            return
        if self._attr_next:
            self._attr_next = False
            self._attribute(tok)
        elif self._depth > 0:
            self._tokens.append(tok)
            self._depth += {"<": 1, ">": -1, ">>": -2}.get(kind, 0)
            self._depth = max(self._depth, 0)
        elif kind == ",":
            self.finish()
        elif kind == "#" and not self._tokens:
            self._attr_next = True
        elif kind in _PATH_TOKENS:
            self._tokens.append(tok)
            self._name = text(tok)
        elif kind == "::":
            self._tokens.append(tok)
        elif kind == "<" and self._tokens and self._tokens[-1].type == "::":
            self._tokens.append(tok)
            self._depth = 1
        else:
            self._broken = True  # `$cmd`, a literal, ...: not a path we can name

    def _attribute(self, tok: Node) -> None:
        if tok.type != "token_tree":
            self._broken = True
            return
        inner = [c for c in tok.named_children if c.type not in COMMENT_TYPES]
        is_cfg = len(inner) == 2 and inner[0].type == "identifier" and text(inner[0]) == "cfg"
        if is_cfg and inner[1].type == "token_tree":
            self._cfgs.append(cfg_predicate(inner[1]))

    def finish(self) -> None:
        if self._broken or self._attr_next or (self._cfgs and not self._tokens):
            self.complete = False
        elif self._tokens and self._name:
            self.entries.append(self._owner.entry_for(self._tokens, self._name, self._cfgs))
        self._tokens, self._name, self._cfgs = [], "", []
        self._depth, self._attr_next, self._broken = 0, False, False


def _find_words(data: bytes) -> list[tuple[bytes, int, int]]:
    """(word, start, end) of each whole-word occurrence of _WORDS. bytes.find is far faster than a
    regex with look-arounds, and most files contain none of the words at all."""
    hits = []
    size = len(data)
    for word in _WORDS:
        find = data.find
        i = find(word)
        while i != -1:
            end = i + len(word)
            if (i == 0 or data[i - 1] not in _WORD_BYTES) and (end == size or data[end] not in _WORD_BYTES):
                hits.append((word, i, end))
            i = find(word, end)
    hits.sort(key=lambda h: h[1])
    return hits


def _make_call(
    span: Span, builder: str, chain_id: str, lists: tuple[HandlerList, ...], complete: bool, cfg: str | None
) -> InvokeHandlerCall:
    return InvokeHandlerCall(span, builder, chain_id, lists, complete, cfg=cfg)


def _branches(chain: list[Node], idx: int) -> tuple[tuple[int, int], ...]:
    """The if/else and match-arm branches enclosing chain[idx] inside its fn, outermost first."""
    found: list[tuple[int, int]] = []
    for i in range(idx, 0, -1):
        parent, child = chain[i - 1], chain[i]
        if parent.type == "function_item":
            break
        if parent.type == "if_expression" and child.type in ("block", "else_clause"):
            found.append((parent.start_byte, 0 if child.type == "block" else 1))
        elif parent.type == "match_block" and child.type == "match_arm":
            found.append((parent.start_byte, child.start_byte))
    return tuple(reversed(found))


def _statement_cfg(chain: list[Node], idx: int) -> str | None:
    """`#[cfg(...)]` attributes on the statements, blocks and items enclosing chain[idx], outermost
    first: `#[cfg(debug_assertions)] { builder = builder.invoke_handler(..) }` → "debug_assertions"."""
    levels: list[list[str]] = []
    for i in range(idx, 0, -1):
        if chain[i - 1].type not in _ATTRIBUTE_HOLDERS:
            continue
        found: list[str] = []
        prev = chain[i].prev_named_sibling
        while prev is not None and (prev.type == "attribute_item" or prev.type in COMMENT_TYPES):
            cfg = attribute_cfg(prev) if prev.type == "attribute_item" else None
            if cfg is not None:
                found.insert(0, cfg)
            prev = prev.prev_named_sibling
        levels.append(found)
    return combine_cfgs([cfg for level in reversed(levels) for cfg in level])


def _token_path_start(host: Node) -> int:
    """Start of `a::b::name` among flat tokens, given the `name` token."""
    start = host.start_byte
    prev = host.prev_sibling
    while prev is not None and prev.type == "::":
        seg = prev.prev_sibling
        if seg is None or seg.type not in _PATH_TOKENS:
            break
        start = seg.start_byte
        prev = seg.prev_sibling
    return start


def _arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [c for c in args.named_children if c.type not in COMMENT_TYPES and c.type != "attribute_item"]


def _handler_variable(arg: Node) -> str | None:
    """`handler` in `.invoke_handler(handler)` / `.invoke_handler(builder.invoke_handler())`."""
    if arg.type == "identifier":
        return text(arg)
    if arg.type != "call_expression" or _arguments(arg):
        return None
    func = arg.child_by_field_name("function")
    if func is None or func.type != "field_expression":
        return None
    if text(func.child_by_field_name("field")) != "invoke_handler":
        return None
    root = method_chain(func.child_by_field_name("value") or func)[-1]
    return text(root) if root.type == "identifier" else None


def _binding(name: str, before: int, chain: list[Node]) -> Node | None:
    """The value last bound to `name` (let or assignment) before byte `before`, in the blocks that
    enclose it inside the same function."""
    for anc in reversed(chain):
        if anc.type == "function_item":
            return None
        if anc.type != "block":
            continue
        found: Node | None = None
        for stmt in anc.named_children:
            if stmt.end_byte > before:
                break
            value = _bound_value(stmt, name)
            if value is not None:
                found = value
        if found is not None:
            return found
    return None


def _bound_value(stmt: Node, name: str) -> Node | None:
    if stmt.type == "let_declaration":
        pattern = stmt.child_by_field_name("pattern")
        if pattern is not None and pattern.type == "identifier" and text(pattern) == name:
            return stmt.child_by_field_name("value")
        return None
    if stmt.type == "expression_statement" and stmt.named_child_count:
        expr = stmt.named_child(0)
        if expr is not None and expr.type == "assignment_expression":
            left = expr.child_by_field_name("left")
            if left is not None and left.type == "identifier" and text(left) == name:
                return expr.child_by_field_name("right")
    return None


def _assigned_variable(chain: list[Node], idx: int) -> str | None:
    """`let builder = <chain containing chain[idx]>` or `builder = <chain>`: the variable's name."""
    cur = chain[idx]
    while idx > 0:
        parent = chain[idx - 1]
        kind = parent.type
        links = (
            (kind == "field_expression" and parent.child_by_field_name("value") == cur)
            or (kind == "call_expression" and parent.child_by_field_name("function") == cur)
            or kind in _CHAIN_WRAPPERS
        )
        if not links:
            break
        idx -= 1
        cur = parent
    if idx == 0:
        return None
    parent = chain[idx - 1]
    if parent.type == "let_declaration" and parent.child_by_field_name("value") == cur:
        pattern = parent.child_by_field_name("pattern")
        return text(pattern) if pattern is not None and pattern.type == "identifier" else None
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == cur:
        left = parent.child_by_field_name("left")
        return text(left) if left is not None and left.type == "identifier" else None
    return None


def _enclosing_fn_name(chain: list[Node]) -> str:
    for anc in reversed(chain):
        if anc.type == "function_item":
            return text(anc.child_by_field_name("name"))
    return ""
