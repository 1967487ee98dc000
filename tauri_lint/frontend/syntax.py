"""tree-sitter plumbing for TS/JS: grammars, the one query run per file, and small node helpers.

This is the only frontend module besides the extractor that touches tree-sitter nodes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import attrgetter

import tree_sitter_typescript as ts_typescript
from tree_sitter import Language, Node, Parser, Query, QueryCursor

# One query per file: tree-sitter finds the candidate nodes in C, so Python only looks at the few
# nodes that matter instead of walking every node of every file.
_QUERY_COMMON = """
(import_statement) @import
(export_statement) @export
(variable_declarator) @decl
(enum_declaration) @enum
(call_expression) @call
(new_expression) @new
(comment) @comment
(assignment_expression) @assign
"""
_QUERY_JSX = "(jsx_attribute) @jsx\n"

# Wrappers that never change what an expression evaluates to.
TRANSPARENT = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
    }
)

FUNCTION_TYPES = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "function_declaration",
        "generator_function",
        "generator_function_declaration",
        "method_definition",
    }
)

LOOP_TYPES = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})


@lru_cache(maxsize=2)
def language(tsx: bool) -> Language:
    raw = ts_typescript.language_tsx() if tsx else ts_typescript.language_typescript()
    return Language(raw)


@lru_cache(maxsize=2)
def parser(tsx: bool) -> Parser:
    return Parser(language(tsx))


@lru_cache(maxsize=2)
def query(tsx: bool) -> Query:
    compiled: Query = Query(language(tsx), _QUERY_COMMON + (_QUERY_JSX if tsx else ""))
    return compiled


def pre_order(node: Node) -> tuple[int, int]:
    """Sort key: source order, outer before inner."""
    return node.start_byte, -node.end_byte


# Most calls of a file are dropped by a look at their first word; the extractor sorts the few it keeps.
UNSORTED_CAPTURES = frozenset({"call"})


def captures(root: Node, tsx: bool) -> dict[str, list[Node]]:
    """Each capture's nodes in source order, outer before inner (except UNSORTED_CAPTURES).
    py-tree-sitter does not return them so (`import` statements came back as 0, 122, 52, 82, 21), and
    facts, bindings built on earlier names, and the run's output must not depend on that order."""
    found: dict[str, list[Node]] = QueryCursor(query(tsx)).captures(root)
    for name, nodes in found.items():
        if name not in UNSORTED_CAPTURES:
            # no two nodes of one of these captures start at the same byte: the start alone orders them
            nodes.sort(key=_START)
    return found


_START = attrgetter("start_byte")


def text(node: Node | None) -> str:
    if node is None:
        return ""
    raw = node.text
    return raw.decode("utf-8", errors="replace") if raw is not None else ""


# The first name of an expression's text, past parentheses and prefix operators (`await invoke<T>(x)`,
# see call_function): read from the bytes, far cheaper than resolving the node.
FIRST_WORD = re.compile(rb"(?:[(\s!]|await\b|void\b|typeof\b)*([A-Za-z_$][\w$]*)")


def outer_node(node: Node) -> Node | None:
    """The nearest ancestor that is not a parenthesis, cast or `!` around `node`: where its value goes."""
    parent = node.parent
    while parent is not None and parent.type in TRANSPARENT:
        parent = parent.parent
    return parent


def enclosing_function(node: Node) -> Node | None:
    """The innermost function around `node` (not `node` itself); None at top level."""
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_TYPES:
        parent = parent.parent
    return parent


def module_level(statement: Node | None) -> bool:
    """Is `statement` one of the module's own: its parent the program, or an `export` there?"""
    parent = statement.parent if statement is not None else None
    if parent is not None and parent.type == "export_statement":
        parent = parent.parent
    return parent is not None and parent.type == "program"


def declared_as(fn: Node) -> tuple[Node | None, Node | None]:
    """The statement that declares `fn` and its name node: `function f() {}` itself, or the declaration
    around `const f = () => {}`; (None, None) for a function declared any other way."""
    if fn.type == "function_declaration":
        return fn, fn.child_by_field_name("name")
    holder = outer_node(fn)
    if holder is None or holder.type != "variable_declarator":
        return None, None
    return holder.parent, holder.child_by_field_name("name")


def enclosing_scope(node: Node) -> Node | None:
    """The innermost function or loop around `node` (not `node` itself); None at a module's top level."""
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_TYPES and parent.type not in LOOP_TYPES:
        parent = parent.parent
    return parent


def sole_value(fn: Node, statement: str) -> Node | None:
    """What a function body amounts to: an arrow's expression, or the value of the one `statement`
    (`expression_statement`, `return_statement`) its block holds; None for a longer body."""
    body = unwrap(fn.child_by_field_name("body"))
    if body is not None and body.type == "statement_block":
        stmts = [c for c in body.named_children if c.type != "comment"]
        if len(stmts) != 1 or stmts[0].type != statement or not stmts[0].named_child_count:
            return None
        body = unwrap(stmts[0].named_children[0])
    return body


def early_exit_conditions(stmt: Node, exits: frozenset[str], lookback: int | None = None) -> Iterator[Node]:
    """Conditions of the `if (cond) return;` statements (no else; the branch, or its first statement, of
    a type in `exits`) before `stmt` in its block, nearest first, looking at most `lookback` back."""
    prev = stmt.prev_named_sibling
    seen = 0
    while prev is not None and (lookback is None or seen < lookback):
        if prev.type == "if_statement" and prev.child_by_field_name("alternative") is None:
            cond = prev.child_by_field_name("condition")
            branch = prev.child_by_field_name("consequence")
            if branch is not None and branch.type == "statement_block":
                branch = branch.named_children[0] if branch.named_child_count else None
            if cond is not None and branch is not None and branch.type in exits:
                yield cond
        prev = prev.prev_named_sibling
        seen += 1


def unwrap(node: Node | None) -> Node | None:
    """Strip parentheses, `as T`, `!` and `satisfies` around an expression."""
    while node is not None and node.type in TRANSPARENT:
        node = node.named_children[0] if node.named_child_count else None
    return node


def string_value(node: Node | None) -> str | None:
    """The value of a string literal or a template literal without substitutions."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        return "".join(_fragment(c) for c in node.named_children)
    if node.type == "template_string":
        parts: list[str] = []
        for c in node.named_children:
            if c.type == "template_substitution":
                return None
            parts.append(_fragment(c))
        return "".join(parts)
    return None


def number_value(node: Node | None, lookup: Callable[[Node], float | None] | None = None) -> int | None:
    """A literal number, or a product of numbers (`5 * 60 * 1000`, `0.5 * 2000`, as delays are often
    written); `lookup` gives the value of a name (`30 * SECOND`)."""
    value = _number(node, lookup)
    return int(value) if value is not None else None


def _number(node: Node | None, lookup: Callable[[Node], float | None] | None) -> float | None:
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "*":
        left = _number(node.child_by_field_name("left"), lookup)
        right = _number(node.child_by_field_name("right"), lookup) if left is not None else None
        product = left * right if left is not None and right is not None else None
        return product if product is not None and math.isfinite(product) else None
    if node.type == "identifier":
        return lookup(node) if lookup is not None else None
    if node.type != "number":
        return None
    try:
        value = float(text(node).replace("_", ""))
    except ValueError:  # hex, octal, bigint: not a delay anyone writes
        return None
    return value if math.isfinite(value) else None  # `1e400` is inf


def literal_array_length(node: Node) -> int | None:
    """The element count of an array literal; None with a spread (`[...ids]` is as long as `ids`)."""
    count = 0
    for child in node.named_children:
        if child.type == "spread_element":
            return None
        if child.type != "comment":
            count += 1
    return count


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "`": "`", "0": "\0"}


def _fragment(node: Node) -> str:
    if node.type == "escape_sequence":
        raw = text(node)
        return _ESCAPES.get(raw[1:2], raw[1:])
    return text(node)


def member_chain(node: Node | None) -> list[str] | None:
    """`(window as any).__TAURI__?.core!.invoke` → ["window", "__TAURI__", "core", "invoke"].

    None when the chain holds anything but identifiers and plain property names.
    """
    names: list[str] = []
    node = unwrap(node)
    while node is not None:
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            if prop is None or prop.type not in ("property_identifier", "private_property_identifier"):
                return None
            names.append(text(prop))
            node = unwrap(node.child_by_field_name("object"))
        elif node.type == "subscript_expression":
            key = string_value(node.child_by_field_name("index"))
            if key is None:
                return None
            names.append(key)
            node = unwrap(node.child_by_field_name("object"))
        elif node.type in ("identifier", "this"):
            names.append(text(node))
            names.reverse()
            return names
        else:
            return None
    return None


def call_function(call: Node) -> tuple[Node | None, str | None]:
    """The callee of a call, and the prefix operator the grammar wrongly folded into it.

    tree-sitter-typescript parses `await invoke<T>(x)` (and `void f<T>(x)`, `typeof f<T>(x)`, ...) as a
    call whose function is the await/unary expression (tree-sitter-typescript#282). The operator really
    applies to the call: "await" means the call is awaited, "void" that it is voided.
    """
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "await_expression":
        inner = fn.named_children[0] if fn.named_child_count else None
        return unwrap(inner), "await"
    if fn is not None and fn.type == "unary_expression":
        inner = fn.child_by_field_name("argument")
        op = fn.child_by_field_name("operator")
        return unwrap(inner), text(op) if op is not None else "?"
    return unwrap(fn), None


def call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return []
    return [c for c in args.named_children if c.type != "comment"]


def field_of(parent: Node, child: Node) -> str | None:
    """The field name under which `child` hangs off `parent`."""
    for i, c in enumerate(parent.children):
        if c.id == child.id:
            return parent.field_name_for_child(i)
    return None


def function_name(fn: Node) -> str | None:
    """A function's own name, or the name it is bound to (`const f = () => ...`, `f: function() {}`)."""
    name = fn.child_by_field_name("name")
    if name is not None and fn.type != "method_definition":
        return text(name)
    if fn.type == "method_definition":
        return text(name) if name is not None else None
    parent = outer_node(fn)
    if parent is None:
        return None
    if parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
        return text(target) if target is not None and target.type == "identifier" else None
    if parent.type == "pair":
        key = parent.child_by_field_name("key")
        return text(key) if key is not None else None
    if parent.type in ("public_field_definition", "field_definition"):
        key = parent.child_by_field_name("name") or parent.child_by_field_name("property")
        return text(key) if key is not None else None
    if parent.type == "assignment_expression":
        chain = member_chain(parent.child_by_field_name("left"))
        return chain[-1] if chain else None
    return None


def param_names(fn: Node) -> list[str]:
    """Positional parameter names (destructured parameters give "")."""
    params = fn.child_by_field_name("parameters")
    if params is None:
        single = fn.child_by_field_name("parameter")  # `x => ...`
        return [text(single)] if single is not None else []
    names: list[str] = []
    for p in params.named_children:
        if p.type == "comment":
            continue
        pattern = p.child_by_field_name("pattern") if p.type.endswith("_parameter") else p
        if pattern is not None and pattern.type == "assignment_pattern":
            pattern = pattern.child_by_field_name("left")
        names.append(text(pattern) if pattern is not None and pattern.type == "identifier" else "")
    return names


def is_async(fn: Node) -> bool:
    for c in fn.children:
        if c.type == "async":
            return True
        if c.is_named and c.type not in ("decorator", "accessibility_modifier"):
            break
    return False


def return_type_text(fn: Node) -> str:
    rt = fn.child_by_field_name("return_type")
    if rt is None:
        return ""
    raw = text(rt).lstrip(":").strip()
    return "".join(raw.split())
