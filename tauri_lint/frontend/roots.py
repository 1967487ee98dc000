"""Solid root components: the function components an entry module renders once per page, and whether
the context providers around them pass their children through (FrontendFacts.rendered / .providers).

A Solid component function runs once per instance, so a listener in the body of one rendered at the
app's root runs once per page (listen-leak, through project._root_functions). React's run on every
render: only `solid-js/web`'s `render`/`hydrate` count.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from tauri_lint.frontend import context as ctx
from tauri_lint.frontend.bindings import Bindings
from tauri_lint.frontend.syntax import (
    FUNCTION_TYPES,
    call_args,
    declared_as,
    enclosing_scope,
    field_of,
    module_level,
    text,
    unwrap,
)

SOLID_RENDERERS = frozenset({("solid-js/web", "render"), ("solid-js/web", "hydrate")})
_JSX_ELEMENTS = frozenset({"jsx_element", "jsx_self_closing_element"})
# Where a name is written without being a use of it.
_DECLARING = frozenset(
    {"import_specifier", "import_clause", "namespace_import", "export_specifier", "export_statement"}
)

_DECLARATIONS = frozenset({"function_declaration", "variable_declarator", "class_declaration"})
# (import source, exported name) of a component; source "" for one of this module.
ComponentRef = tuple[str, str]


@dataclass(frozen=True, slots=True)
class JsxRoot:
    name: str
    tags: tuple[int, ...]  # where its tag names start (opening and closing)
    through: tuple[str, ...]  # the `*Provider` components around it, outermost first


def jsx_roots(node: Node) -> list[JsxRoot]:
    """The outermost components of a JSX tree, looking through plain elements, fragments and context
    providers (`<XProvider>`, `<Ctx.Provider>`: they render their children once, with them, if they pass
    them through: checked at the project level), never into another component's children (`<Show>`, a
    router, a gate decide when those mount) or an `{expression}`."""
    roots: list[JsxRoot] = []
    todo: list[tuple[Node, tuple[str, ...]]] = [(node, ())]
    while todo:  # a stack, not recursion: JSX can nest deeper than Python's recursion limit
        element, through = todo.pop()
        if element.type not in _JSX_ELEMENTS:
            continue
        self_closing = element.type == "jsx_self_closing_element"
        tag = element if self_closing else element.child_by_field_name("open_tag")
        name = tag.child_by_field_name("name") if tag is not None else None
        tag_name = text(name) if name is not None else ""
        plain = name is None or (name.type == "identifier" and not tag_name[:1].isupper())  # a fragment, <div>
        component = name is not None and name.type == "identifier" and not plain
        if component and name is not None:
            close = None if self_closing else element.child_by_field_name("close_tag")
            close_name = close.child_by_field_name("name") if close is not None else None
            tags = (name.start_byte, *((close_name.start_byte,) if close_name is not None else ()))
            roots.append(JsxRoot(tag_name, tags, through))
        if plain or tag_name.endswith("Provider"):  # look inside
            inner = (*through, tag_name) if component else through
            todo.extend((child, inner) for child in reversed(element.named_children))
    return roots


def solid_renders(
    calls: list[Node], b: Bindings, fc: ctx.FileContext, prefixes: tuple[str, ...]
) -> list[tuple[str, str, tuple[ComponentRef, ...]]]:
    """What `render(App, el)` / `render(() => <Provider><App /></Provider>, el)` at the module's top
    level mounts: (source, exported name, the project providers it renders through). A component this
    module also uses anywhere else (`<For>{() => <Row />}</For>`) is left out: it may mount again."""
    renderers = {local for local, imp in b.imports.items() if (imp.source, imp.imported) in SOLID_RENDERERS}
    if not renderers:
        return []
    found: list[tuple[str, str, tuple[ComponentRef, ...]]] = []
    for call in calls:
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "identifier" or text(fn) not in renderers or enclosing_scope(call) is not None:
            continue
        args = call_args(call)
        code = unwrap(args[0]) if args else None
        if code is not None and code.type == "arrow_function":
            body = unwrap(code.child_by_field_name("body"))
            roots = jsx_roots(body) if body is not None else []
        elif code is not None and code.type == "identifier":
            roots = [JsxRoot(text(code), (code.start_byte,), ())]
        else:
            roots = []
        for root in roots:
            ref = _ref(root.name, b, prefixes)
            if ref is None or used_elsewhere(root.name, set(root.tags), fc):
                continue
            through = [_ref(name, b, prefixes) for name in root.through]
            # a provider from npm (`QueryClientProvider`) is taken at its name; the project's are checked
            found.append((*ref, tuple(r for r in through if r is not None)))
    return found


def _ref(name: str, b: Bindings, prefixes: tuple[str, ...]) -> ComponentRef | None:
    """The project component `name` stands for here; None for one from npm."""
    imp = b.imports.get(name)
    if imp is not None:
        if imp.source.startswith(prefixes) and imp.imported != "*":
            return imp.source, imp.imported
        return None
    return ("", name) if name in b.local_functions else None


def used_elsewhere(name: str, keep: set[int], fc: ctx.FileContext) -> bool:
    """Does this module refer to `name` anywhere but at the offsets in `keep` and in import or export
    clauses (`export default App`)?"""
    root = fc.root
    if root is None:
        return True
    size = len(name.encode())
    for at in fc.mentions(name):
        if at in keep:
            continue
        node = root.named_descendant_for_byte_range(at, at + size)
        if node is None or node.type in ctx.NOT_A_REFERENCE:
            continue
        parent = node.parent
        if parent is not None and parent.type in _DECLARING:
            continue
        if parent is not None and parent.type in _DECLARATIONS and field_of(parent, node) == "name":
            continue  # `function App() {...}` itself
        return True
    return False


def component_name(fn: Node, b: Bindings, fc: ctx.FileContext) -> str | None:
    """exported_name, but None for a function the module also uses itself (`<Row />` in a list of the
    same file: it may mount many times)."""
    found = exported_name(fn, b)
    if found is None:
        return None
    local = found[1]
    # its own `render(() => <App />, el)` is checked where renders are (solid_renders)
    if used_elsewhere(text(local), {local.start_byte, *_render_uses(text(local), b, fc)}, fc):
        return None
    return found[0]


def exported_name(fn: Node, b: Bindings) -> tuple[str, Node] | None:
    """The name a function of the module's top level is exported under ("default" for the default
    export), or its own name, and the node of its own name; None for any other function."""
    statement, name = declared_as(fn)
    if not module_level(statement) or name is None or name.type != "identifier" or statement is None:
        return None
    export = statement.parent
    default = (
        export is not None and export.type == "export_statement" and any(c.type == "default" for c in export.children)
    )
    return ("default" if default or text(name) == b.default_export else text(name)), name


_MAX_RENDER_DEPTH = 64  # how far above a tag its render() call may be (Node.parent costs O(depth))


def _render_uses(name: str, b: Bindings, fc: ctx.FileContext) -> set[int]:
    """Where this module names `name` inside a Solid `render(...)`/`hydrate(...)` call."""
    renderers = {local for local, imp in b.imports.items() if (imp.source, imp.imported) in SOLID_RENDERERS}
    root = fc.root
    if not renderers or root is None:
        return set()
    found: set[int] = set()
    size = len(name.encode())
    for at in fc.mentions(name):
        node = root.named_descendant_for_byte_range(at, at + size)
        for _ in range(_MAX_RENDER_DEPTH):
            node = node.parent if node is not None else None
            if node is None:
                break
            if node.type == "call_expression":
                fn = node.child_by_field_name("function")
                if fn is not None and fn.type == "identifier" and text(fn) in renderers:
                    found.add(at)
                    break
    return found


def providers(root: Node, b: Bindings) -> list[tuple[str, bool]]:
    """The module's `*Provider` function components, by the name they are exported under, and whether
    each renders its children once, with it: every `{props.children}` below plain elements, fragments
    and providers only (`<Show>` around it would mount them again whenever it toggles)."""
    found: list[tuple[str, bool]] = []
    for stmt in root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        fns: list[tuple[Node | None, Node]] = []
        if decl is not None and decl.type == "function_declaration":
            fns.append((decl.child_by_field_name("name"), decl))
        elif decl is not None and decl.type in ("lexical_declaration", "variable_declaration"):
            for declarator in decl.named_children:
                value = unwrap(declarator.child_by_field_name("value"))
                if value is not None and value.type in ("arrow_function", "function_expression", "function"):
                    fns.append((declarator.child_by_field_name("name"), value))
        for local, fn in fns:
            if local is None or not text(local).endswith("Provider"):
                continue
            # (its own uses do not matter here: a provider that hides its children is opaque anyway)
            exported = exported_name(fn, b)
            places = [node for node in _descendants(fn, "jsx_expression") if b"children" in (node.text or b"")]
            if exported is not None:
                passes = bool(places) and all(_bare_children(n) and _through_providers(n, fn) for n in places)
                found.append((exported[0], passes))
    return found


def _descendants(node: Node, kind: str) -> list[Node]:
    found: list[Node] = []
    todo = [node]
    while todo:
        current = todo.pop()
        if current.type == kind:
            found.append(current)
        todo.extend(current.named_children)
    return found


def _bare_children(expression: Node) -> bool:
    """`{props.children}` or `{children}`, nothing around it."""
    inner = unwrap(expression.named_children[0]) if expression.named_child_count == 1 else None
    if inner is None:
        return False
    if inner.type == "identifier":
        return text(inner) == "children"
    prop = inner.child_by_field_name("property") if inner.type == "member_expression" else None
    return prop is not None and text(prop) == "children"


_MAX_JSX_DEPTH = 64  # a provider's children sit a few elements deep; Node.parent costs O(depth)


def _through_providers(node: Node, fn: Node) -> bool:
    parent = node.parent
    for _ in range(_MAX_JSX_DEPTH):
        if parent is None or parent.id == fn.id:
            return parent is not None
        if parent.type in FUNCTION_TYPES:
            return False  # a render prop: called whenever its owner likes
        if parent.type in _JSX_ELEMENTS:
            tag = parent.child_by_field_name("open_tag") if parent.type == "jsx_element" else parent
            name = tag.child_by_field_name("name") if tag is not None else None
            tag_name = text(name) if name is not None else ""
            plain = name is None or (name.type == "identifier" and not tag_name[:1].isupper())
            if not plain and not tag_name.endswith("Provider"):
                return False
        parent = parent.parent
    return False
