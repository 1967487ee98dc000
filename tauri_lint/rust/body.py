"""Body facts: what a command's body does that rules care about (blocking I/O, whole-file reads, ...).

Only command bodies are walked, with an explicit stack. Paths are resolved through the file's `use`
declarations, so `fs::read` is told apart from tokio's. A call whose module cannot be resolved is
assumed to be std's unless it is awaited: an un-awaited tokio call does nothing, so code that compiles
and calls an unresolved `fs::read` without `.await` is reading synchronously.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from tauri_lint.model import BodyFact
from tauri_lint.rust.syntax import COMMENT_TYPES, Imports, method_chain, path_segments, text
from tauri_lint.text import LineIndex

BLOCKING = "blocking"
WHOLE_FILE_READ = "whole-file-read"
BASE64 = "base64"
FROM_UTF8_READ = "from-utf8-read"
WINDOW_BUILD = "window-build"
EMIT_IN_LOOP = "emit-in-loop"
METADATA = "metadata"

# Subtrees that cannot hold a call we look for; not pushing them keeps the walk cheap. Token trees
# (macro arguments) are opaque to tree-sitter; nested items are not part of this command.
_SKIP = frozenset(
    {
        "line_comment",
        "block_comment",
        "string_literal",
        "raw_string_literal",
        "char_literal",
        "integer_literal",
        "float_literal",
        "boolean_literal",
        "identifier",
        "field_identifier",
        "self",
        "token_tree",
        "attribute_item",
        "inner_attribute_item",
        "function_item",
        "impl_item",
        "mod_item",
        "struct_item",
        "enum_item",
        "union_item",
        "trait_item",
        "use_declaration",
        "type_item",
        "const_item",
        "static_item",
        "macro_definition",
        "type_arguments",
        "type_identifier",
        "scoped_type_identifier",
        "generic_type",
        "reference_type",
        "primitive_type",
        "array_type",
        "tuple_type",
        "function_type",
        "pointer_type",
        "dynamic_type",
        "abstract_type",
        "unit_type",
        "closure_parameters",
        "parameters",
    }
)

_STD_FS = (("std", "fs"), ("fs",), ("fs_err",))  # ("fs",): unresolved, assumed std unless awaited
_ASYNC_FS = (("tokio", "fs"), ("async_std", "fs"))
_READS = ("read", "read_to_string")
_METADATA_FNS = ("metadata", "symlink_metadata")
_STD_COMMAND_MODULES = ((), ("std", "process"), ("process",))
_WAITING_METHODS = frozenset({"output", "status", "wait", "wait_with_output"})
# `.recv()` on a std/crossbeam channel (tokio's is awaited), and a runtime's `.block_on(..)`.
_BLOCKING_METHODS = frozenset({"recv", "recv_timeout", "blocking_recv", "block_on"})
_EMIT_METHODS = frozenset({"emit", "emit_to", "emit_all", "emit_filter"})
# Calls whose closure/future argument runs elsewhere or later (a thread, the async runtime, an event
# listener), so blocking work inside it does not block the command itself.
_DEFERRING = frozenset({"spawn", "spawn_blocking", "spawn_local", "listen", "listen_any", "once", "once_any"})
# Dialogs whose answer callback runs after the command returned: only their closure arguments are
# deferred (`ask(w, "t", &fs::read_to_string(p)?, |yes| ..)` still reads the file now).
_CALLBACK_DEFERRING = frozenset({"ask", "confirm", "pick_file", "pick_files", "pick_folder", "pick_folders", "show"})
_ITERATING_METHODS = frozenset({"for_each", "try_for_each"})
_WINDOW_BUILDERS = frozenset({"WebviewWindowBuilder", "WindowBuilder", "WebviewBuilder"})
_BASE64_RECEIVER_MARKERS = ("standard", "url_safe", "engine", "base64")
_RECEIVER_PATHS = frozenset({"identifier", "scoped_identifier", "field_expression"})
_PATH_TOKENS = frozenset({"identifier", "crate", "self", "super"})
# Wrappers between `String::from_utf8(` and the read it converts.
_VALUE_WRAPPERS = frozenset(
    {
        "unwrap",
        "expect",
        "unwrap_or_default",
        "unwrap_or",
        "unwrap_or_else",
        "map_err",
        "context",
        "with_context",
    }
)


# Methods that give back (nearly) the text they are called on: `text.trim().to_string()` is still the file.
_SAME_TEXT = _VALUE_WRAPPERS | {"into", "to_string", "to_owned", "clone", "trim", "trim_end", "replace"}
_PASS_THROUGH = frozenset({"try_expression", "await_expression", "parenthesized_expression", "reference_expression"})


@dataclass(frozen=True, slots=True)
class _Ctx:
    in_loop: bool = False
    # Inside the arguments of spawn()/spawn_blocking()/listen(): runs elsewhere, blocks nothing here.
    deferred: bool = False
    # The arguments of a dialog call: its closures run later (see _CALLBACK_DEFERRING).
    callbacks: bool = False


_PLAIN = _Ctx()
_Item = tuple[Node, str, _Ctx]  # node, parent node type, context


class BodyScanner:
    """Collects BodyFacts of one command body."""

    def __init__(self, index: LineIndex, imports: Imports) -> None:
        self._index = index
        self._imports = imports
        self._facts: list[BodyFact] = []
        # Variables holding a std::process::Command (or a Child spawned from one).
        self._command_vars: set[str] = set()
        self._body: Node | None = None
        self._returned: tuple[set[int], set[str]] | None = None  # see _returned_values

    def scan(self, body: Node) -> tuple[BodyFact, ...]:
        self._body = body
        stack: list[_Item] = [(body, "", _PLAIN)]
        while stack:
            node, parent_kind, ctx = stack.pop()
            kind = node.type
            child_ctx = ctx
            arg_ctx: _Ctx | None = None
            if kind == "call_expression":
                arg_ctx = self._call(node, parent_kind, ctx)
            elif kind == "macro_invocation":
                self._macro_tokens(node, ctx)
            elif kind == "let_declaration":
                self._let(node)
            elif kind in ("while_expression", "loop_expression"):
                child_ctx = _Ctx(True, ctx.deferred)
            elif kind == "for_expression":
                self._push_for(stack, node, ctx)
                continue
            children = [c for c in node.named_children if c.type not in _SKIP]
            for child in reversed(children):  # reversed: pop in source order (lets before uses)
                use_ctx = arg_ctx if arg_ctx is not None and child.type == "arguments" else child_ctx
                if ctx.callbacks:  # `kind` is a dialog call's arguments
                    use_ctx = _Ctx(ctx.in_loop, ctx.deferred or child.type == "closure_expression")
                stack.append((child, kind, use_ctx))
        # Source order (macro tokens are read apart from the tree walk); stable for equal starts.
        return tuple(sorted(self._facts, key=lambda f: (f.span.line, f.span.col)))

    @staticmethod
    def _push_for(stack: list[_Item], node: Node, ctx: _Ctx) -> None:
        # Only the body repeats; the iterated expression runs once.
        body = node.child_by_field_name("body")
        if body is not None:
            stack.append((body, "for_expression", _Ctx(True, ctx.deferred)))
        value = node.child_by_field_name("value")
        if value is not None and value.type not in _SKIP:
            stack.append((value, "for_expression", ctx))

    def _add(self, kind: str, detail: str, node: Node) -> None:
        self._add_range(kind, detail, node.start_byte, node.end_byte)

    def _add_range(self, kind: str, detail: str, start: int, end: int) -> None:
        self._facts.append(BodyFact(kind, detail, self._index.span(start, end)))

    # ---------------------------------------------------------------------------------------------
    # calls

    def _call(self, node: Node, parent_kind: str, ctx: _Ctx) -> _Ctx | None:
        """Record facts for one call; returns the context for its arguments when it changes."""
        func = node.child_by_field_name("function")
        if func is None:
            return None
        if func.type == "generic_function":
            inner = func.child_by_field_name("function")
            if inner is not None and inner.type == "field_expression":
                func = inner  # `x.emit_to::<T>(..)`
        awaited = parent_kind == "await_expression"
        if func.type == "field_expression":
            return self._method_call(node, func, awaited, ctx)
        segs = path_segments(func)
        if segs is None:
            return None
        full = self._imports.resolve(segs)
        written = text(func)
        before = len(self._facts)
        self._path_call(node.start_byte, node.end_byte, written, full, awaited, ctx)
        if full[-2:-1] == ("String",) and full[-1] in ("from_utf8", "from_utf8_lossy") and self._reads_file(node):
            self._add(FROM_UTF8_READ, written, node)
        for i in range(before, len(self._facts)):  # text reads: is that text what the command returns?
            fact = self._facts[i]
            text_read = fact.kind == FROM_UTF8_READ or (fact.kind == WHOLE_FILE_READ and full[-1] == "read_to_string")
            if text_read and not self._reaches_return(node):
                self._facts[i] = replace(self._facts[i], reaches_return=False)
        if full[-1] in _DEFERRING and _has_arguments(node):
            return _Ctx(ctx.in_loop, True)
        if full[-1] in _CALLBACK_DEFERRING:
            return _Ctx(ctx.in_loop, ctx.deferred, callbacks=True)
        return None

    def _path_call(self, start: int, end: int, written: str, full: tuple[str, ...], awaited: bool, ctx: _Ctx) -> None:
        """Facts for a call of the function at `full`, spanning bytes [start, end)."""
        module, name = full[:-1], full[-1]
        if name in _READS and (module in _STD_FS or module in _ASYNC_FS):
            self._add_range(WHOLE_FILE_READ, written, start, end)
        if full[0] == "base64" and name.startswith("encode"):
            self._add_range(BASE64, written, start, end)
        if ctx.deferred:
            return
        if len(full) >= 2 and full[-2] in _WINDOW_BUILDERS and name == "new":
            self._add_range(WINDOW_BUILD, written, start, end)
        blocking = self._blocking_path(full, awaited)
        if blocking:
            self._add_range(blocking, written, start, end)

    @staticmethod
    def _blocking_path(full: tuple[str, ...], awaited: bool) -> str | None:
        """METADATA, BLOCKING or None for a call of the function at path `full`."""
        if awaited:
            return None
        if len(full) > 1 and any(full[: len(m)] == m for m in _STD_FS):
            # `fs::metadata` alone is a cheap stat; `File::metadata` on an open file is not "lone".
            return METADATA if full[-1] in _METADATA_FNS and full[:-1] in _STD_FS else BLOCKING
        if full in (("std", "thread", "sleep"), ("thread", "sleep")):
            return BLOCKING
        if full[:2] == ("reqwest", "blocking") or full[0] == "ureq":
            return BLOCKING
        if full[-1] == "block_on":  # tauri::async_runtime::block_on, futures::executor::block_on
            return BLOCKING
        # `File::open` with no import in sight: std's File (tokio's would have to be awaited).
        if full in (("File", "open"), ("File", "create")):
            return BLOCKING
        return None

    def _macro_tokens(self, macro: Node, ctx: _Ctx) -> None:
        """Calls among a macro's tokens, e.g. `format!("data:;base64,{}", STANDARD.encode(&b))`.

        tree-sitter leaves macro arguments as flat tokens, so a path followed by a `(...)` group is
        read as a call here. Only facts that need no tree (no chains, no spawn contexts) apply.
        """
        trees = [c for c in macro.children if c.type == "token_tree"]
        while trees:
            toks = [c for c in trees.pop().children if c.type not in COMMENT_TYPES]
            i, count = 0, len(toks)
            while i < count:
                tok = toks[i]
                if tok.type == "token_tree":
                    trees.append(tok)
                if tok.type not in _PATH_TOKENS or (i > 0 and toks[i - 1].type == "::"):
                    i += 1
                    continue
                j = i  # extend over `a::b::c`
                while j + 2 < count and toks[j + 1].type == "::" and toks[j + 2].type in _PATH_TOKENS:
                    j += 2
                group = toks[j + 1] if j + 1 < count else None
                if group is not None and group.type == "token_tree" and text(group).startswith("("):
                    awaited = j + 3 < count and toks[j + 2].type == "." and toks[j + 3].type == "await"
                    self._token_call(toks, i, j, group.end_byte, awaited, ctx)
                i = j + 1

    def _token_call(self, toks: list[Node], i: int, j: int, end: int, awaited: bool, ctx: _Ctx) -> None:
        """A call `toks[i..=j](...)` ending at byte `end`, among macro tokens."""
        if i == j and i >= 2 and toks[i - 1].type == ".":
            receiver, start = _token_receiver(toks, i - 2)
            self._method_facts(start, end, text(toks[i]), receiver, awaited, ctx)
            return
        segs = [text(toks[k]) for k in range(i, j + 1, 2)]
        written = "::".join(segs)
        self._path_call(toks[i].start_byte, end, written, self._imports.resolve(segs), awaited, ctx)

    def _method_facts(self, start: int, end: int, method: str, receiver: str | None, awaited: bool, ctx: _Ctx) -> None:
        """Facts any `receiver.method(..)` call gives, whatever the receiver's type."""
        if method in _EMIT_METHODS and ctx.in_loop:
            self._add_range(EMIT_IN_LOOP, f".{method}()", start, end)
        if method.startswith("encode") and receiver is not None and _is_base64_engine(receiver):
            self._add_range(BASE64, f"{receiver}.{method}", start, end)
        if not ctx.deferred and not awaited and method in _BLOCKING_METHODS:
            self._add_range(BLOCKING, f".{method}()", start, end)

    def _method_call(self, node: Node, func: Node, awaited: bool, ctx: _Ctx) -> _Ctx | None:
        method = text(func.child_by_field_name("field"))
        receiver = func.child_by_field_name("value")
        path_like = receiver is not None and receiver.type in _RECEIVER_PATHS
        self._method_facts(node.start_byte, node.end_byte, method, text(receiver) if path_like else None, awaited, ctx)
        if not ctx.deferred and not awaited and receiver is not None and method in _WAITING_METHODS:
            command = self._command_in_chain(receiver)
            if command is not None:
                self._add(BLOCKING, f"{command}.{method}()", node)
        if method in _DEFERRING and _has_arguments(node):
            return _Ctx(ctx.in_loop, True)
        if method in _CALLBACK_DEFERRING:
            return _Ctx(ctx.in_loop, ctx.deferred, callbacks=True)
        if method in _ITERATING_METHODS:
            return _Ctx(True, ctx.deferred)
        return None

    def _command_in_chain(self, receiver: Node) -> str | None:
        """The `Command::new` path written in a receiver chain (`Command::new("x").arg(..)`), or the
        variable name when the chain starts at a variable bound to such a chain."""
        for step in method_chain(receiver):
            if step.type == "identifier":
                name = text(step)
                return name if name in self._command_vars else None
            if step.type == "call_expression":
                func = step.child_by_field_name("function")
                segs = path_segments(func) if func is not None else None
                if segs is not None and self._is_std_command_new(segs):
                    return f"{text(func)}(..)"
        return None

    def _is_std_command_new(self, segs: list[str]) -> bool:
        full = self._imports.resolve(segs)
        return full[-2:] == ("Command", "new") and full[:-2] in _STD_COMMAND_MODULES

    def _let(self, node: Node) -> None:
        """Remember `let cmd = Command::new(..)...;` so a later `cmd.output()` is recognised."""
        pattern = node.child_by_field_name("pattern")
        value = node.child_by_field_name("value")
        if pattern is None or value is None or pattern.type != "identifier":
            return
        if self._command_in_chain(value) is not None:
            self._command_vars.add(text(pattern))
        else:
            self._command_vars.discard(text(pattern))  # shadowed by something else

    def _reaches_return(self, node: Node) -> bool:
        """Can the value of `node` be what the command returns? Directly (through `?`, `.await`, Ok/Some
        and text-keeping methods) or through a `let name = ...` local that is returned."""
        if self._body is None:
            return True
        if self._returned is None:
            self._returned = _returned_values(self._body)
        ids, names = self._returned
        cur = node
        for _ in range(16):
            if cur.id in ids:
                return True
            parent = cur.parent
            if parent is None:
                return False
            if parent.type in _PASS_THROUGH:
                cur = parent
            elif parent.type == "field_expression" and text(parent.child_by_field_name("field")) in _SAME_TEXT:
                call = parent.parent
                if call is None or call.type != "call_expression":
                    return False
                cur = call
            elif parent.type == "arguments" and parent.parent is not None and _is_ok_or_some(parent.parent):
                cur = parent.parent
            elif parent.type == "let_declaration":
                pattern = parent.child_by_field_name("pattern")
                return pattern is not None and pattern.type == "identifier" and text(pattern) in names
            else:
                return False
        return True

    def _reads_file(self, call: Node) -> bool:
        """`String::from_utf8(fs::read(p)?)`: the first argument, through `?`/`&`/`.unwrap()`, is a read."""
        args = call.child_by_field_name("arguments")
        first = next((c for c in args.named_children if c.type not in COMMENT_TYPES), None) if args else None
        for _ in range(16):
            if first is None:
                return False
            kind = first.type
            if kind in (
                "try_expression",
                "await_expression",
                "reference_expression",
                "parenthesized_expression",
            ):
                first = first.named_children[-1] if kind == "reference_expression" else first.named_child(0)
                continue
            if kind != "call_expression":
                return False
            func = first.child_by_field_name("function")
            if func is not None and func.type == "field_expression":
                if text(func.child_by_field_name("field")) not in _VALUE_WRAPPERS:
                    return False
                first = func.child_by_field_name("value")
                continue
            segs = path_segments(func)
            if segs is None:
                return False
            full = self._imports.resolve(segs)
            return full[-1] == "read" and (full[:-1] in _STD_FS or full[:-1] in _ASYNC_FS)
        return False


def _is_ok_or_some(call: Node) -> bool:
    func = call.child_by_field_name("function")
    return call.type == "call_expression" and func is not None and text(func) in ("Ok", "Some")


def _tail(block: Node | None) -> Node | None:
    """The value a block ends with (no `;` after it)."""
    if block is None or block.type != "block":
        return None
    kids = [c for c in block.named_children if c.type not in COMMENT_TYPES]
    last = kids[-1] if kids else None
    if last is not None and last.type == "expression_statement":
        ends_with_semicolon = any(c.type == ";" for c in last.children)
        return None if ends_with_semicolon or not last.named_child_count else last.named_children[0]
    if last is None or last.type in ("let_declaration", "empty_statement") or last.type.endswith("_item"):
        return None
    return last


def _returned_values(body: Node) -> tuple[set[int], set[str]]:
    """What a fn body gives back: its tail and `return` values, followed through `?`, `.await`, Ok/Some,
    text-keeping methods and if/match branches. Returns their node ids and the variable names among them."""
    starts = [_tail(body)]
    stack = [body]
    while stack:  # `return x` anywhere, except inside closures (their returns are their own)
        n = stack.pop()
        if n.type == "return_expression" and n.named_child_count:
            starts.append(n.named_children[0])
        stack.extend(c for c in n.named_children if c.type not in _SKIP and c.type != "closure_expression")
    ids: set[int] = set()
    names: set[str] = set()
    todo = [s for s in starts if s is not None]
    while todo:
        n = todo.pop()
        if n.id in ids:
            continue
        ids.add(n.id)
        kind = n.type
        nxt: list[Node | None] = []
        if kind == "identifier":
            names.add(text(n))
        elif kind in _PASS_THROUGH:
            nxt = [n.named_children[-1] if n.named_child_count else None]
        elif kind == "call_expression":
            func = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            if _is_ok_or_some(n) and args is not None:
                nxt = [next((c for c in args.named_children if c.type not in COMMENT_TYPES), None)]
            elif (
                func is not None
                and func.type == "field_expression"
                and text(func.child_by_field_name("field")) in _SAME_TEXT
            ):
                nxt = [func.child_by_field_name("value")]
        elif kind == "block":
            nxt = [_tail(n)]
        elif kind == "if_expression":
            nxt = [n.child_by_field_name("consequence"), n.child_by_field_name("alternative")]
        elif kind in ("else_clause", "match_block"):
            nxt = list(n.named_children)
        elif kind == "match_expression":
            nxt = [n.child_by_field_name("body")]
        elif kind == "match_arm":
            nxt = [n.child_by_field_name("value")]
        todo.extend(c for c in nxt if c is not None)
    return ids, names


def _token_receiver(toks: list[Node], last: int) -> tuple[str | None, int]:
    """The `a::b.c` path tokens ending at index `last` (text, start byte); None if not a path."""
    k = last
    if toks[k].type not in _PATH_TOKENS:
        return None, toks[k].start_byte
    while k >= 2 and toks[k - 1].type in ("::", ".") and toks[k - 2].type in _PATH_TOKENS:
        k -= 2
    return "".join(text(t) for t in toks[k : last + 1]), toks[k].start_byte


def _has_arguments(call: Node) -> bool:
    args = call.child_by_field_name("arguments")
    return args is not None and any(c.type not in COMMENT_TYPES for c in args.named_children)


def _is_base64_engine(receiver: str) -> bool:
    """`general_purpose::STANDARD`, `BASE64_STANDARD`, `URL_SAFE_NO_PAD`, `self.engine`, ..."""
    lowered = receiver.lower()
    return any(marker in lowered for marker in _BASE64_RECEIVER_MARKERS)
