"""Small tree-sitter helpers shared by the Rust extractor modules.

Everything here is iterative: files can nest expressions thousands of levels deep, and Python
recursion would overflow long before tree-sitter does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

COMMENT_TYPES = frozenset({"line_comment", "block_comment"})

# Nodes whose "path"/"name" fields make up a `a::b::c` path.
_SCOPED = frozenset({"scoped_identifier", "scoped_type_identifier"})
_LEAF_SEGMENTS = frozenset(
    {"identifier", "type_identifier", "field_identifier", "primitive_type", "crate", "self", "super"}
)


def text(node: Node | None) -> str:
    """The node's source text (undecodable bytes become U+FFFD)."""
    if node is None:
        return ""
    raw = node.text
    return raw.decode("utf-8", errors="replace") if raw is not None else ""


def path_segments(node: Node | None) -> list[str] | None:
    """`std::fs::read` → ["std", "fs", "read"]; generics are dropped (`Builder::<R>::new` →
    ["Builder", "new"], `read::<u8>` → ["read"]). None when the node is not a plain path.
    A leading `::` is dropped too.
    """
    names: list[str] = []
    cur = node
    while cur is not None:
        kind = cur.type
        if kind in _SCOPED:
            name = cur.child_by_field_name("name")
            if name is None:
                return None
            names.append(text(name))
            cur = cur.child_by_field_name("path")
        elif kind in _LEAF_SEGMENTS:
            names.append(text(cur))
            cur = None
        elif kind == "generic_type":
            cur = cur.child_by_field_name("type")
        elif kind == "generic_function":
            cur = cur.child_by_field_name("function")
        else:
            return None
    names.reverse()
    return names or None


def first_type_argument(args: Node | None) -> Node | None:
    """The first type in `<...>`, skipping lifetimes (`Cow<'_, [u8]>` → `[u8]`)."""
    if args is None:
        return None
    for child in args.named_children:
        if child.type not in ("lifetime", "line_comment", "block_comment"):
            return child
    return None


def ancestors(root: Node, start: int, end: int) -> list[Node]:
    """Nodes from the root down to the smallest node covering [start, end), outermost first.

    Walking down with a cursor costs O(depth) once, where repeated `Node.parent` calls would cost
    O(depth) each (tree-sitter finds a parent by descending from the root).
    """
    chain = [root]
    cursor = root.walk()
    while cursor.goto_first_child_for_byte(start) is not None:
        node = cursor.node
        if node is None or node.start_byte > start or node.end_byte < end:
            break
        chain.append(node)
    return chain


def string_value(node: Node | None) -> str | None:
    """The value of a plain (or raw) string literal, None for anything else."""
    if node is None or node.type not in ("string_literal", "raw_string_literal"):
        return None
    parts = [text(c) for c in node.named_children if c.type == "string_content"]
    return "".join(parts)


def cfg_predicate(args: Node) -> str:
    """`(debug_assertions)` → "debug_assertions", whitespace collapsed."""
    raw = text(args)
    if len(raw) >= 2 and raw[0] in "([{" and raw[-1] in ")]}":
        raw = raw[1:-1]
    return " ".join(raw.split())


def combine_cfgs(predicates: list[str]) -> str | None:
    """One `#[cfg(p)]` → "p"; several (they all must hold) → "all(p1, p2)"."""
    if not predicates:
        return None
    if len(predicates) == 1:
        return predicates[0]
    return f"all({', '.join(predicates)})"


def attribute_cfg(item: Node) -> str | None:
    """The predicate of a `#[cfg(...)]` attribute item, None for any other attribute."""
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    if attribute is None or attribute.named_child_count == 0:
        return None
    if path_segments(attribute.named_child(0)) != ["cfg"]:
        return None
    args = attribute.child_by_field_name("arguments")
    return cfg_predicate(args) if args is not None else None


def method_chain(node: Node) -> list[Node]:
    """The links of a method chain, outermost first, its root last: `a.b()?.c()` → the `.c()` call,
    the `?`, the `.b()` call, then `a`. The root is whatever the chain starts from (an identifier, a
    path call such as `Builder::new("x")`, a macro, ...)."""
    links: list[Node] = []
    cur: Node | None = node
    for _ in range(256):  # chains are short; the bound guards against pathological input
        if cur is None:
            break
        links.append(cur)
        kind = cur.type
        if kind == "call_expression":
            func = cur.child_by_field_name("function")
            if func is not None and func.type == "generic_function":
                func = func.child_by_field_name("function")  # `x.emit_to::<T>(..)`
            if func is None or func.type != "field_expression":
                break  # a path call: the root of the chain
            cur = func.child_by_field_name("value")
        elif kind == "field_expression":
            cur = cur.child_by_field_name("value")
        elif kind in ("try_expression", "await_expression", "parenthesized_expression"):
            cur = cur.named_child(0)
        else:
            break
    return links


@dataclass
class Imports:
    """The `use` declarations in scope: local name → full path, plus glob imports."""

    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    globs: list[tuple[str, ...]] = field(default_factory=list)

    def copy(self) -> Imports:
        return Imports(dict(self.names), list(self.globs))

    def resolve(self, segments: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Expand the first segment through the imports: `fs::read` → ("std", "fs", "read")."""
        if not segments:
            return ()
        full = self.names.get(segments[0])
        if full is None:
            return tuple(segments)
        return full + tuple(segments[1:])

    def is_known(self, name: str) -> bool:
        return name in self.names

    def has_glob(self, *prefix: str) -> bool:
        return prefix in self.globs

    def add_use(self, decl: Node) -> None:
        """Record one `use` declaration (nested lists walked with an explicit stack)."""
        arg = decl.child_by_field_name("argument")
        if arg is None:
            return
        stack: list[tuple[Node, tuple[str, ...]]] = [(arg, ())]
        while stack:
            node, prefix = stack.pop()
            kind = node.type
            if kind == "use_list":
                stack.extend((c, prefix) for c in node.named_children if c.type not in COMMENT_TYPES)
            elif kind == "scoped_use_list":
                segs = path_segments(node.child_by_field_name("path")) or []
                lst = node.child_by_field_name("list")
                if lst is not None:
                    stack.append((lst, prefix + tuple(segs)))
            elif kind == "use_as_clause":
                full = self._full(prefix, node.child_by_field_name("path"))
                alias = text(node.child_by_field_name("alias"))
                if full and alias and alias != "_":
                    self.names[alias] = full
            elif kind == "use_wildcard":
                path = next((c for c in node.named_children if c.type not in COMMENT_TYPES), None)
                self.globs.append(prefix + tuple(path_segments(path) or []))
            else:
                full = self._full(prefix, node)
                if full:
                    self.names[full[-1]] = full

    @staticmethod
    def _full(prefix: tuple[str, ...], path: Node | None) -> tuple[str, ...]:
        if path is not None and path.type == "self":
            return prefix  # `use std::fs::{self}` binds `fs`
        segs = path_segments(path)
        return prefix + tuple(segs) if segs else ()
