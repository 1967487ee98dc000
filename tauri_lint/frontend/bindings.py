"""What names mean in one file: which local names reach Tauri's invoke, listen, emit, Channel...

Every way shared/tauri-ipc.md lists is folded into a small state machine over member chains:
`window.__TAURI__.core.invoke`, `core.invoke` after `import * as core`, `const { invoke } =
window.__TAURI__.core`, v1's `@tauri-apps/api/tauri`, dynamic `await import(...)`. A name that is
declared locally or imported from anywhere else never gets a Tauri meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from tauri_lint.frontend.syntax import (
    FIRST_WORD,
    call_function,
    enclosing_function,
    literal_array_length,
    member_chain,
    module_level,
    number_value,
    sole_value,
    string_value,
    text,
    unwrap,
)
from tauri_lint.model import ImportBinding

# Meaning of a module specifier's namespace.
MODULE_KINDS: dict[str, str] = {
    "@tauri-apps/api/core": "core",
    "@tauri-apps/api/tauri": "core",  # v1
    "@tauri-apps/api/primitives": "core",  # v2 alphas
    "@tauri-apps/api": "api",
    "@tauri-apps/api/event": "event",
    "@tauri-apps/api/window": "window-module",
    "@tauri-apps/api/webview": "window-module",
    "@tauri-apps/api/webviewWindow": "window-module",
}

# Window/webview methods that listen to one window event and, like listen(), resolve to an unlisten
# function (v1 and v2).
WINDOW_EVENT_METHODS = frozenset(
    {
        "onResized",
        "onMoved",
        "onCloseRequested",
        "onFocusChanged",
        "onScaleChanged",
        "onThemeChanged",
        "onFileDropEvent",
        "onDragDropEvent",
    }
)

# kind --member--> kind
TRANSITIONS: dict[str, dict[str, str]] = {
    "window-root": {"__TAURI__": "global", "__TAURI_INTERNALS__": "core"},
    "global": {
        "core": "core",
        "tauri": "core",
        "primitives": "core",
        "invoke": "invoke",
        "event": "event",
        "window": "window-module",
        "webview": "window-module",
        "webviewWindow": "window-module",
    },
    "api": {
        "core": "core",
        "tauri": "core",
        "primitives": "core",
        "invoke": "invoke",  # v1 exported invoke from the package root
        "event": "event",
        "window": "window-module",
        "webview": "window-module",
        "webviewWindow": "window-module",
    },
    "core": {"invoke": "invoke", "Channel": "channel"},
    "event": {"listen": "listen", "once": "once", "emit": "emit", "emitTo": "emitTo"},
    "window-module": {
        "getCurrentWindow": "window-getter",
        "getCurrent": "window-getter",
        "getCurrentWebview": "window-getter",
        "getCurrentWebviewWindow": "window-getter",
        "appWindow": "window",
        "Window": "window-class",
        "WebviewWindow": "window-class",
        "Webview": "window-class",
    },
    "window-class": {"getByLabel": "window-getter", "getCurrent": "window-getter"},
    "window": {
        "listen": "listen",
        "once": "once",
        "emit": "emit",
        "emitTo": "emitTo",
        **dict.fromkeys(WINDOW_EVENT_METHODS, "window-event"),
    },
}

# Free names that mean something without any import.
GLOBAL_ROOTS: dict[str, str] = {
    "window": "window-root",
    "globalThis": "window-root",
    "self": "window-root",
    "__TAURI__": "global",
    "__TAURI_INTERNALS__": "core",
}

# Lifecycle hooks by import source.
HOOK_SOURCES: dict[str, dict[str, str]] = {
    "react": {"useEffect": "react-effect", "useLayoutEffect": "react-effect"},
    "vue": {"onMounted": "vue-mounted", "onUnmounted": "vue-cleanup", "onBeforeUnmount": "vue-cleanup"},
    "svelte": {"onMount": "svelte-mount", "onDestroy": "svelte-cleanup"},
    "solid-js": {"onMount": "solid", "createEffect": "solid", "onCleanup": "solid-cleanup"},
}


# Hooks used without an import: unplugin-auto-import (Vue), Svelte 5 runes, `React.useEffect`.
GLOBAL_HOOKS: dict[str, str] = {
    "useEffect": "react-effect",
    "useLayoutEffect": "react-effect",
    "onMounted": "vue-mounted",
    "onUnmounted": "vue-cleanup",
    "onBeforeUnmount": "vue-cleanup",
    "$effect": "svelte-effect",
    "onDestroy": "svelte-cleanup",
    "createEffect": "solid",
    "onCleanup": "solid-cleanup",
}


@dataclass(slots=True)
class Bindings:
    kinds: dict[str, str] = field(default_factory=dict)
    imports: dict[str, ImportBinding] = field(default_factory=dict)
    hooks: dict[str, str] = field(default_factory=dict)  # local name → hook kind
    strings: dict[str, str] = field(default_factory=dict)  # const NAME = "literal"
    # the module's own `const NAME = "literal"` (top level only, so one per name): name builders read them
    constants: dict[str, str] = field(default_factory=dict)
    arrays: dict[str, int] = field(default_factory=dict)  # const NAME = [...] literal length
    # const NAME = 3000 (or 5 * 1000): (start, end) of the function declaring it (the file: (0, -1)), value
    numbers: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    builders: dict[str, tuple[str, str]] = field(default_factory=dict)
    local_functions: set[str] = field(default_factory=set)
    local_objects: set[str] = field(default_factory=set)
    exported: set[str] = field(default_factory=set)
    default_export: str | None = None
    invoke_aliases: set[str] = field(default_factory=set)  # local names bound to invoke itself
    source: bytes = b""  # the parsed bytes, for cheap first-word checks
    _own_require: bool | None = None  # does the file define its own `require` (read once, on first use)

    @property
    def own_require(self) -> bool:
        if self._own_require is None:
            self._own_require = _OWN_REQUIRE.search(self.source) is not None
        return self._own_require

    def add_global_hooks(self, svelte: bool) -> None:
        """Hooks reachable without an import, unless the name is imported or declared otherwise."""
        hooks = dict(GLOBAL_HOOKS, onMount="svelte-mount" if svelte else "solid")
        for name, kind in hooks.items():
            if name not in self.imports and name not in self.local_functions and name not in self.kinds:
                self.hooks.setdefault(name, kind)

    def number_at(self, name: str, offset: int) -> int | None:
        """The number `name` holds where `offset` reads it: its declaration in the innermost function
        around that spot (a function declared elsewhere cannot see it)."""
        found = self.number_scope(name, offset)
        return found[2] if found is not None else None

    def number_scope(self, name: str, offset: int) -> tuple[int, int, int] | None:
        """(start, end, value) of the `const` declaring the number `name` read at `offset`; the file's
        scope is (0, -1)."""
        seen = [entry for entry in self.numbers.get(name, ()) if entry[1] == -1 or entry[0] <= offset < entry[1]]
        # the innermost scope wins; the file's (0, -1) is the outermost
        return min(seen, key=lambda e: (e[1] == -1, e[1] - e[0]), default=None)

    def kind_of(self, node: Node | None) -> str | None:
        """The Tauri meaning of an expression, if it has one."""
        node = unwrap(node)
        if node is None:
            return None
        if node.type in ("call_expression", "new_expression", "await_expression"):
            return self._kind_of_value(node)
        chain = member_chain(node)
        if not chain:
            return None
        return self.kind_of_chain(chain)

    def kind_of_chain(self, chain: list[str]) -> str | None:
        head = chain[0]
        kind = self.kinds.get(head)
        if kind is None and head not in self.imports and head not in self.local_objects:
            kind = GLOBAL_ROOTS.get(head)
        for name in chain[1:]:
            if kind is None:
                return None
            kind = TRANSITIONS.get(kind, {}).get(name)
        return kind

    def _kind_of_value(self, node: Node) -> str | None:
        if node.type == "await_expression":
            inner = unwrap(node.named_children[0]) if node.named_child_count else None
            if inner is not None and inner.type == "call_expression":
                return self._dynamic_import(inner) or self._kind_of_value(inner)
            return None
        if node.type == "new_expression":
            ctor = node.child_by_field_name("constructor")
            return "window" if self.kind_of(ctor) == "window-class" else None
        required = self._dynamic_import(node, awaited=False)
        if required is not None:
            return required
        fn, _ = call_function(node)
        if self.kind_of(fn) == "window-getter":
            return "window"
        return None

    def _dynamic_import(self, call: Node, awaited: bool = True) -> str | None:
        """`await import("@tauri-apps/api/core")`, and CommonJS `require("@tauri-apps/api")` (not a local
        `require`); a bare `import(...)` is a promise of the module, not the module."""
        fn = call.child_by_field_name("function")
        if fn is None:
            return None
        if fn.type == "identifier" and text(fn) == "require":
            if "require" in self.imports or self.own_require:
                return None
        elif fn.type != "import" or not awaited:
            return None
        args = call.child_by_field_name("arguments")
        spec = string_value(args.named_children[0]) if args is not None and args.named_child_count else None
        return MODULE_KINDS.get(spec or "")


def bind_import(b: Bindings, node: Node) -> None:
    source = string_value(node.child_by_field_name("source"))
    if source is None:
        return
    clause = next((c for c in node.named_children if c.type == "import_clause"), None)
    if clause is None:
        return
    module_kind = MODULE_KINDS.get(source)
    hooks = HOOK_SOURCES.get(source, {})
    for part in clause.named_children:
        if part.type == "identifier":  # default import
            _add_import(b, text(part), source, "default", module_kind, hooks)
        elif part.type == "namespace_import":
            ident = next((c for c in part.named_children if c.type == "identifier"), None)
            if ident is not None:
                b.imports[text(ident)] = ImportBinding(text(ident), source, "*")
                if module_kind:
                    b.kinds[text(ident)] = module_kind
        elif part.type == "named_imports":
            for spec in part.named_children:
                if spec.type != "import_specifier":
                    continue
                name = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                imported = string_value(name) or text(name)
                local = text(alias) if alias is not None else imported
                _add_import(b, local, source, imported, module_kind, hooks, named=True)


def _add_import(
    b: Bindings,
    local: str,
    source: str,
    imported: str,
    module_kind: str | None,
    hooks: dict[str, str],
    named: bool = False,
) -> None:
    b.imports[local] = ImportBinding(local, source, imported)
    if module_kind and named:
        kind = TRANSITIONS.get(module_kind, {}).get(imported)
        if kind:
            b.kinds[local] = kind
            if kind == "invoke":
                b.invoke_aliases.add(local)
    if imported in hooks:
        b.hooks[local] = hooks[imported]
    if imported == "$effect":
        b.hooks[local] = "svelte-effect"


_OWN_REQUIRE = re.compile(rb"\b(?:function\s*\*?|const|let|var|class)\s+require(?![\w$])")

_TAURI_VALUE_HEADS = frozenset(
    {b"window", b"globalThis", b"self", b"__TAURI__", b"__TAURI_INTERNALS__", b"import", b"new", b"require"}
)


# `name = word(...)`, `name = word.prop`: an initializer led by a plain name (not an arrow's parameter)
# is none of the values a declaration binds (literal, array, object, function, class, Tauri value)
_PLAIN_INIT = re.compile(rb"[A-Za-z_$][\w$]*\s*=\s*([A-Za-z_$][\w$]*)(?![\w$])(?!\s*=>)")
_VALUE_WORDS = frozenset({b"async", b"function", b"class", b"await", b"void", b"typeof"}) | _TAURI_VALUE_HEADS


def binds_nothing(b: Bindings, start: int) -> bool:
    """Whether the declarator at `start` surely binds nothing, read from the bytes alone: most
    declarations of a component (`const data = useMemo(...)`) need no node touched."""
    m = _PLAIN_INIT.match(b.source, start)
    if m is None:
        return False
    head = m.group(1)
    return head not in _VALUE_WORDS and head.decode("utf-8", "replace") not in b.kinds


def _may_be_tauri(b: Bindings, value: Node) -> bool:
    """Can this initializer mean something Tauri? Only if it starts from a global root, an import or a
    name already bound to Tauri: a cheap look at its first word spares resolving most declarations."""
    if not b.source:
        return True
    m = FIRST_WORD.match(b.source, value.start_byte)
    if m is None:
        return True
    head = m.group(1)
    return head in _TAURI_VALUE_HEADS or head.decode("utf-8", "replace") in b.kinds


def bind_declarator(b: Bindings, node: Node) -> None:
    """`const x = ...`: Tauri aliases, string constants, literal arrays, command tables, name builders."""
    name = node.child_by_field_name("name")
    value = unwrap(node.child_by_field_name("value"))
    if name is None or value is None:
        return
    if name.type == "identifier":
        local = text(name)
        kind = b.kind_of(value) if _may_be_tauri(b, value) else None
        if kind is not None:
            b.kinds[local] = kind
            if kind == "invoke":
                b.invoke_aliases.add(local)
            return
        _bind_value(b, local, value)
    elif name.type == "object_pattern":
        kind = b.kind_of(value) if _may_be_tauri(b, value) else None
        if kind is None:
            return
        for prop in name.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                key = local = text(prop)
            elif prop.type == "pair_pattern":
                key_node = prop.child_by_field_name("key")
                val_node = prop.child_by_field_name("value")
                if key_node is None or val_node is None or val_node.type != "identifier":
                    continue
                key, local = text(key_node), text(val_node)
            else:
                continue
            sub = TRANSITIONS.get(kind, {}).get(key)
            if sub is not None:
                b.kinds[local] = sub
                if sub == "invoke":
                    b.invoke_aliases.add(local)


def _bind_value(b: Bindings, local: str, value: Node) -> None:
    literal = string_value(value)
    if literal is not None:
        b.strings[local] = literal
        return
    if value.type == "array":
        length = literal_array_length(value)
        if length is not None:
            b.arrays[local] = length
        return
    number = number_value(value, lambda n: b.number_at(text(n), n.start_byte))
    if number is not None:
        # Other bindings are per file; three functions' `const interval` may differ, so numbers keep
        # the scope that declares them. Only `const`: a `let` may be reassigned.
        declaration = value.parent.parent if value.parent is not None else None
        if declaration is None or not declaration.children or declaration.children[0].type != "const":
            return
        scope = enclosing_function(declaration)
        where = (scope.start_byte, scope.end_byte) if scope is not None else (0, -1)
        b.numbers.setdefault(local, []).append((*where, number))
        return
    if value.type == "object":
        b.local_objects.add(local)
        table = object_table(value)
        if table:
            b.tables[local] = table
        return
    if value.type in ("arrow_function", "function_expression", "function"):
        b.local_functions.add(local)
        # a builder of the module's top level may read its constants; a nested one only its parameter
        # (`(name) => { const cmd = (c) => `${name}_${c}` }`: `name` is not the module's)
        top = module_level(value.parent.parent if value.parent is not None else None)
        built = name_builder(value, b.constants if top else None)
        if built is not None:
            b.builders[local] = built
        return
    if value.type == "class":
        b.local_objects.add(local)


def object_table(obj: Node) -> dict[str, str]:
    """`{ X: "x", Y: "y" }` → {"X": "x", "Y": "y"} when every value is a string literal."""
    table: dict[str, str] = {}
    for pair in obj.named_children:
        if pair.type == "comment":
            continue
        if pair.type != "pair":
            return {}
        key = pair.child_by_field_name("key")
        value = string_value(pair.child_by_field_name("value"))
        if key is None or value is None:
            return {}
        table[string_value(key) or text(key)] = value
    return table


def enum_table(node: Node) -> dict[str, str]:
    body = node.child_by_field_name("body")
    table: dict[str, str] = {}
    if body is None:
        return table
    for member in body.named_children:
        if member.type != "enum_assignment":
            continue
        key = member.child_by_field_name("name")
        value = string_value(member.child_by_field_name("value"))
        if key is not None and value is not None:
            table[string_value(key) or text(key)] = value
    return table


def top_level_constants(root: Node) -> dict[str, str]:
    """`const NAME = "literal"` statements of the module's top level (Bindings.constants)."""
    found: dict[str, str] = {}
    for stmt in root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None or decl.type != "lexical_declaration" or not decl.children or decl.children[0].type != "const":
            continue
        for declarator in decl.named_children:
            name = declarator.child_by_field_name("name")
            literal = string_value(declarator.child_by_field_name("value"))
            if name is not None and name.type == "identifier" and literal is not None:
                found[text(name)] = literal
    return found


def name_builder(fn: Node, strings: dict[str, str] | None = None) -> tuple[str, str] | None:
    """`` (c) => `plugin:jarvis|${c}` `` → ("plugin:jarvis|", ""); the template may also read string
    constants of the file (`` `${PREFIX}|${c}` `` with `const PREFIX = "plugin:jarvis"`)."""
    params = fn.child_by_field_name("parameters")
    single = fn.child_by_field_name("parameter")
    if single is not None:
        param = text(single)
    elif params is not None and params.named_child_count == 1:
        p = params.named_children[0]
        pattern = p.child_by_field_name("pattern") if p.type.endswith("_parameter") else p
        if pattern is None or pattern.type != "identifier":
            return None
        param = text(pattern)
    else:
        return None
    body = sole_value(fn, "return_statement")
    if body is None or body.type != "template_string":
        return None
    prefix, suffix, seen = "", "", False
    for part in body.named_children:
        if part.type == "template_substitution":
            inner = unwrap(part.named_children[0]) if part.named_child_count else None
            if inner is None or inner.type != "identifier":
                return None
            name = text(inner)
            if name != param:
                constant = strings.get(name) if strings is not None else None
                if constant is None:
                    return None
                if seen:
                    suffix += constant
                else:
                    prefix += constant
                continue
            if seen:
                return None
            seen = True
        elif seen:
            suffix += text(part)
        else:
            prefix += text(part)
    return (prefix, suffix) if seen else None
