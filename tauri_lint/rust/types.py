"""Shapes of Rust types as tauri-lint cares about them: what a command returns, what a parameter is."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from tauri_lint.model import ReturnShape, ReturnType
from tauri_lint.rust.syntax import Imports, first_type_argument, path_segments, text
from tauri_lint.text import LineIndex

# Parameter types Tauri fills in itself; JS never sends them (see tauri-ipc.md).
INJECTED_TYPES = frozenset(
    {
        "State",
        "AppHandle",
        "Window",
        "Webview",
        "WebviewWindow",
        "Request",
        "CommandScope",
        "GlobalScope",
    }
)

# `[u8; N]` up to this size is a key or a hash, not a payload.
SMALL_BYTES_MAX = 32

# Smart pointers that serialize exactly like what they point to.
_TRANSPARENT = frozenset({"Box", "Rc", "Arc", "Cow"})
# Bound on alias expansion / wrapper unwrapping: type aliases may be cyclic in broken code.
_MAX_UNWRAP = 16


def strip_references(node: Node) -> Node:
    """`&'a mut T` → `T`."""
    for _ in range(_MAX_UNWRAP):
        if node.type != "reference_type":
            break
        inner = node.child_by_field_name("type")
        if inner is None:
            break
        node = inner
    return node


def type_path(node: Node) -> tuple[list[str] | None, Node | None]:
    """(path segments, type arguments) of a named type: `tauri::State<'_, T>` → (["tauri", "State"], <..>)."""
    if node.type == "generic_type":
        return path_segments(node.child_by_field_name("type")), node.child_by_field_name("type_arguments")
    if node.type in ("type_identifier", "scoped_type_identifier", "primitive_type"):
        return path_segments(node), None
    return None, None


def last_segment(node: Node) -> str:
    """Last path segment of a type after stripping references: `&State<'_, T>` → "State"."""
    segs, _ = type_path(strip_references(node))
    return segs[-1] if segs else ""


@dataclass(frozen=True, slots=True)
class ParamType:
    last: str  # last path segment of the type ("" when not a path)
    optional: bool
    is_channel: bool
    is_request: bool


def param_type(node: Node) -> ParamType:
    last = last_segment(node)
    return ParamType(last, last == "Option", last == "Channel", last == "Request")


def is_result_name(name: str, result_aliases: frozenset[str]) -> bool:
    """`Result`, `anyhow::Result`, crate aliases such as `CmdResult<T>`, and same-file aliases."""
    return name.endswith("Result") or name in result_aliases


class ReturnClassifier:
    """Classifies return types against one file's imports and type aliases."""

    def __init__(
        self,
        index: LineIndex,
        result_aliases: frozenset[str],
        plain_aliases: dict[str, Node],
    ) -> None:
        self._index = index
        self._result_aliases = result_aliases
        # Non-generic same-file aliases (`type CmdResult = Result<Vec<u8>, String>`), expanded so the
        # success type is known.
        self._plain_aliases = plain_aliases

    def classify(self, node: Node | None, imports: Imports) -> ReturnType:
        if node is None:
            return ReturnType(text="", span=None, shape=ReturnShape.UNIT)
        span = self._index.span(node.start_byte, node.end_byte)
        is_result = is_option = False
        cur: Node | None = node
        for _ in range(_MAX_UNWRAP):
            if cur is None:
                break
            segs, args = type_path(cur)
            if not segs:
                break
            name = segs[-1]
            if args is None and len(segs) == 1 and name in self._plain_aliases:
                cur = self._plain_aliases[name]
            elif args is not None and is_result_name(name, self._result_aliases):
                is_result, cur = True, first_type_argument(args)
            elif args is not None and name == "Option":
                is_option, cur = True, first_type_argument(args)
            elif args is None and name == "Result":
                # A `Result` alias from elsewhere with the success type baked in: unknown shape.
                return ReturnType(text(node), span, ReturnShape.OTHER, True, is_option, "")
            else:
                break
        if cur is None:
            return ReturnType(text(node), span, ReturnShape.OTHER, is_result, is_option, "")
        return ReturnType(text(node), span, shape_of(cur, imports), is_result, is_option, text(cur))


def shape_of(node: Node, imports: Imports) -> ReturnShape:
    """Shape of a success type (Result/Option already unwrapped)."""
    cur = node
    for _ in range(_MAX_UNWRAP):
        kind = cur.type
        if kind == "unit_type":
            return ReturnShape.UNIT
        if kind == "reference_type":
            inner = cur.child_by_field_name("type")
            if inner is None:
                return ReturnShape.OTHER
            cur = inner
            continue
        if kind == "array_type":
            return _array_shape(cur)
        if kind == "primitive_type":
            return ReturnShape.STRING if text(cur) == "str" else ReturnShape.OTHER
        segs, args = type_path(cur)
        if not segs:
            return ReturnShape.OTHER
        name = segs[-1]
        if name in _TRANSPARENT and args is not None:
            inner = first_type_argument(args)
            if inner is None:
                return ReturnShape.OTHER
            cur = inner
            continue
        return _named_shape(segs, args, imports)
    return ReturnShape.OTHER


def _named_shape(segs: list[str], args: Node | None, imports: Imports) -> ReturnShape:
    if _is_ipc_response(segs, imports):
        return ReturnShape.IPC_RESPONSE
    name = segs[-1]
    if name == "Vec":
        elem = first_type_argument(args)
        is_u8 = elem is not None and elem.type == "primitive_type" and text(elem) == "u8"
        return ReturnShape.BYTES if is_u8 else ReturnShape.OTHER
    if name == "String":
        return ReturnShape.STRING
    if name == "Bytes" and (len(segs) == 1 or segs[-2] == "bytes"):
        return ReturnShape.BYTES
    return ReturnShape.OTHER


def _is_ipc_response(segs: list[str], imports: Imports) -> bool:
    """tauri::ipc::Response, `ipc::Response`, or a bare `Response` imported from tauri::ipc.

    reqwest, axum, http and friends all export a `Response` too: those are ordinary values.
    """
    full = imports.resolve(segs)
    if full[-3:] == ("tauri", "ipc", "Response"):
        return True  # also `use tauri::ipc::Response as Raw;` then `-> Raw`
    if segs[-1] != "Response":
        return False
    if len(segs) == 1:
        # `use tauri::ipc::*;` brings the bare name in unless something else named it.
        return not imports.is_known("Response") and imports.has_glob("tauri", "ipc")
    # `ipc::Response`: tauri's unless `ipc` itself was imported from somewhere else.
    return full == ("ipc", "Response") or full[:2] == ("tauri", "ipc")


def _array_shape(node: Node) -> ReturnShape:
    elem = node.child_by_field_name("element")
    if elem is None or elem.type != "primitive_type" or text(elem) != "u8":
        return ReturnShape.OTHER
    length = node.child_by_field_name("length")
    if length is None:
        return ReturnShape.BYTES  # a `[u8]` slice behind a pointer
    size = _int_literal(length)
    if size is not None and size <= SMALL_BYTES_MAX:
        return ReturnShape.SMALL_BYTES
    return ReturnShape.BYTES  # large, or a const whose value is not known here


def _int_literal(node: Node) -> int | None:
    """Value of `32`, `0x20`, `1_024usize`; None for anything else."""
    if node.type != "integer_literal":
        return None
    raw = text(node).replace("_", "").lower()
    for suffix in ("usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8"):
        if raw.endswith(suffix):
            raw = raw[: -len(suffix)]
            break
    try:
        # base 0 understands 0x/0o/0b but rejects leading zeros, which Rust reads as decimal
        return int(raw, 10) if raw.isdigit() else int(raw, 0)
    except ValueError:
        return None
