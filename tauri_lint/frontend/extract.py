"""Frontend extraction: one parse and one query per file, out come plain facts (model.FrontendFacts)."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from enum import Enum

from tree_sitter import Node

from tauri_lint.deferral import LAZY_KINDS, LAZY_WORDS, MAX_LAZY_WORDS
from tauri_lint.frontend import context as ctx
from tauri_lint.frontend import roots
from tauri_lint.frontend.bindings import (
    GLOBAL_ROOTS,
    WINDOW_EVENT_METHODS,
    Bindings,
    bind_declarator,
    bind_import,
    binds_nothing,
    enum_table,
    name_builder,
    top_level_constants,
)
from tauri_lint.frontend.syntax import (
    FIRST_WORD,
    FUNCTION_TYPES,
    TRANSPARENT,
    call_args,
    call_function,
    captures,
    declared_as,
    early_exit_conditions,
    enclosing_function,
    enclosing_scope,
    field_of,
    function_name,
    is_async,
    member_chain,
    module_level,
    outer_node,
    param_names,
    parser,
    pre_order,
    return_type_text,
    string_value,
    text,
    unwrap,
)
from tauri_lint.model import (
    Args,
    ArrowTarget,
    CallCandidate,
    ChannelCreation,
    CommandRef,
    Comment,
    ConstTable,
    EmitSite,
    EnclosingFn,
    FrontendFacts,
    InvokeSite,
    Lifecycle,
    Listener,
    ListenerFate,
    NameBuilder,
    NameSet,
    Note,
    ResultUse,
    Span,
    Use,
    Via,
    WrapperDef,
    WrapperKind,
)
from tauri_lint.settings import RuleOptions
from tauri_lint.text import LineIndex, identifier_words

EMBEDDED_SUFFIXES = frozenset({".vue", ".svelte", ".html", ".htm"})
TS_SUFFIXES = frozenset({".ts", ".mts", ".cts"})
RAW_CONSTRUCTORS = frozenset(
    {
        "Uint8Array",
        "ArrayBuffer",
        "Uint8ClampedArray",
        "Int8Array",
        "Uint16Array",
        "Int16Array",
        "Uint32Array",
        "Int32Array",
        "Float32Array",
        "Float64Array",
        "DataView",
    }
)
MAX_DEPTH_NOTE = "deeply nested code: analysed what could be read"
# How deep below the file's top a call may sit and still have its context analysed. Finding the context
# walks up every level, and tree-sitter's Node.parent costs O(depth): deeper calls would cost O(depth²).
MAX_CALL_DEPTH = 1000


# Module specifiers that name project files (relative paths and the usual aliases), as opposed to
# npm packages, which never hold the project's invoke wrappers.
DEFAULT_PROJECT_PREFIXES = (".", "/", "@/", "~/", "#", "$")
_TAURI_MARKERS = (b"@tauri-apps", b"__TAURI")
# Command-name tables (`enum`, `as const`): they matter only to an invoke that folds its name from them.
_TABLE_MARKERS = (b"enum", b"as const")


class Relevance(Enum):
    """What a file's bytes say about whether parsing it can yield a fact."""

    NONE = "none"  # reaches neither Tauri nor a project module: nothing to find
    ALWAYS = "always"  # reaches Tauri, re-exports, mounts an app, or carries a tauri-lint comment
    # Imports project modules: it matters just when it names one of the project's wrappers, command
    # tables or name builders (see deferral.py), which only the other files can tell.
    ON_NAMES = "on-names"
    # Exports, or holds a table, but imports no project module: it can only be the home of a command
    # table, a name builder or a root component, so it matters just when it names one (NameSet.refs).
    ON_REFS = "on-refs"


# `export * from`, `export { a as b } from`: the names a module passes on, needed to resolve imports.
# (No leading \b: a pattern that starts with a literal is searched for far faster.)
_REEXPORT = re.compile(rb"export\s*(?:\*|(?:type\s*)?\{[^}]*\}\s*from\b)")


# `app.config.errorHandler = ...` (Vue 3), `Vue.config.errorHandler = ...` (Vue 2)
_VUE_ERROR_HANDLER = re.compile(rb"config\s*\.\s*errorHandler\s*=(?!=)")


def _has_word(data: bytes, word: bytes) -> bool:
    """`word` stands alone somewhere in `data` (a leading-\\b regex would be tried at every byte)."""
    start = data.find(word)
    while start >= 0:
        end = start + len(word)
        if not _is_word_byte(data[start - 1 : start]) and not _is_word_byte(data[end : end + 1]):
            return True
        start = data.find(word, end)
    return False


def _is_word_byte(b: bytes) -> bool:
    return b.isalnum() or b in (b"_", b"$")


def _mounts_a_component(data: bytes) -> bool:
    """Might this module mount a .vue/.svelte component as an app's root (FrontendFacts.mounts)?
    Vue's createApp and Svelte's mount are named in their import even when renamed there; Svelte 3/4
    mounts with `new App({ target })` (also `new App<Props>(...)`, `new /* c */ App(...)`); Solid
    renders with `render`/`hydrate` of `solid-js/web`."""
    if b"solid-js/web" in data and (_has_word(data, b"render") or _has_word(data, b"hydrate")):
        return True
    vue, svelte = b".vue" in data, b".svelte" in data
    if not vue and not svelte:
        return False
    if vue and (b"createApp" in data or b"createSSRApp" in data):
        return True
    if svelte and (_has_word(data, b"mount") or _has_word(data, b"hydrate")):
        return True
    return _has_word(data, b"new")


def relevance(data: bytes, prefixes: tuple[str, ...], options: RuleOptions) -> Relevance:
    """Can this file hold any fact, by its bytes? ALWAYS when it reaches Tauri, carries a tauri-lint
    comment, re-exports or mounts an app root; ON_NAMES when it imports project modules (a wrapper may
    live there); ON_REFS when it imports none but exports or holds `enum`/`as const` tables (a table or
    name builder may live there); else NONE."""
    if any(marker in data for marker in _TAURI_MARKERS) or b"tauri-lint" in data:
        return Relevance.ALWAYS
    if b"errorHandler" in data and _VUE_ERROR_HANDLER.search(data) is not None:
        return Relevance.ALWAYS  # FrontendFacts.vue_error_handler, wherever the app sets it
    if any(name.encode() in data for name in options.wrapper_names):
        return Relevance.ALWAYS
    if _import_pattern(prefixes).search(data) is None:
        # a module that exports may hold a command table or name builder other files fold names from
        # (`export function cmd(c) { return `plugin:x|${c}` }`): lazy, not NONE
        if b"export" in data or any(marker in data for marker in _TABLE_MARKERS):
            return Relevance.ON_REFS
        return Relevance.NONE
    if _REEXPORT.search(data) is not None or _mounts_a_component(data):
        return Relevance.ALWAYS
    return Relevance.ON_NAMES


def _classify(
    path: str, data: bytes, prefixes: tuple[str, ...], options: RuleOptions, names: NameSet | None
) -> tuple[Relevance, bool]:
    """The file's relevance, and whether it stays lazy: ON_NAMES or ON_REFS, checked against `names`
    (not None; ON_REFS against its refs only), and naming none of them."""
    if names is None:
        return relevance(data, prefixes, options), False
    key = (path, len(data), hash(data), prefixes, tuple(options.wrapper_names))
    refs_only = LAZY_KINDS.get(key)  # .get: never a KeyError, even if another thread clears it
    if refs_only is None:
        kind = relevance(data, prefixes, options)
        if kind not in (Relevance.ON_NAMES, Relevance.ON_REFS):
            return kind, False
        refs_only = LAZY_KINDS[key] = kind is Relevance.ON_REFS
    kind = Relevance.ON_REFS if refs_only else Relevance.ON_NAMES
    wanted = names.refs if refs_only else names.words
    if not wanted:
        return kind, True
    words = LAZY_WORDS.get(key)
    if words is None:
        if len(LAZY_WORDS) >= MAX_LAZY_WORDS:
            LAZY_WORDS.clear()
        words = LAZY_WORDS[key] = identifier_words(data)
    return kind, wanted.isdisjoint(words)


_IMPORT_PATTERNS: dict[tuple[str, ...], re.Pattern[bytes]] = {}


def _import_pattern(prefixes: tuple[str, ...]) -> re.Pattern[bytes]:
    found = _IMPORT_PATTERNS.get(prefixes)
    if found is None:
        alts = b"|".join(re.escape(p.encode()) for p in prefixes)
        found = re.compile(rb"""(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](?:""" + alts + rb")")
        _IMPORT_PATTERNS[prefixes] = found
    return found


def extract_frontend(
    path: str,
    data: bytes,
    options: RuleOptions | None = None,
    aliases: tuple[str, ...] = (),
    names: NameSet | None = None,
) -> FrontendFacts:
    """Facts of one frontend file. Never raises on bad input: trouble becomes a Note.

    `aliases` are the project's import alias prefixes (tsconfig `paths`), so that calls of functions
    imported through them are recorded as possible wrapper calls. With `names`, a file that only
    imports project modules or holds tables is analysed only if it names one of them; else it is lazy
    (FrontendFacts.lazy), to be looked at again when the project's names change.
    """
    facts = FrontendFacts(path=path)
    options = options or RuleOptions()
    prefixes = DEFAULT_PROJECT_PREFIXES + tuple(a for a in aliases if a)
    kind, lazy = _classify(path, data, prefixes, options, names)
    if kind is Relevance.NONE or lazy:
        facts.line_count = data.count(b"\n") + 1
        facts.lazy = names.key_for(kind is Relevance.ON_REFS) if lazy and names is not None else None
        return facts
    suffix = os.path.splitext(path)[1].lower()
    index = LineIndex(path, data)
    facts.line_count = index.line_count
    handlers: list[ctx.TemplateSpot] = []
    components: list[tuple[int, int]] = []
    if suffix in EMBEDDED_SUFFIXES:
        from tauri_lint.frontend.embedded import mask_embedded

        emb = mask_embedded(path, data)
        source = emb.masked
        tsx = emb.is_tsx
        handlers = [ctx.TemplateSpot(h.start, h.end, h.event, h.framework) for h in emb.handlers]
        facts.comments.extend(emb.comments)
        components = _component_ranges(data, suffix)
        if emb.blocks == 0 and not handlers:
            return facts
    else:
        source = data
        tsx = suffix not in TS_SUFFIXES
    tree = parser(tsx).parse(source)
    root = tree.root_node
    facts.had_syntax_errors = root.has_error
    caps = captures(root, tsx)
    fc = ctx.FileContext(
        bindings=Bindings(source=source),
        index=index,
        handlers=handlers,
        component_ranges=components,
        source=source,
        root=root,
    )
    _Extractor(facts, fc, caps, root, options, prefixes, source).run()
    return facts


_SCRIPT_RE = re.compile(rb"<script\b([^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_SCRIPT_END_RE = re.compile(rb"</script", re.IGNORECASE)
_MODULE_ATTR_RE = re.compile(rb"\bcontext\s*=\s*[\"']module[\"']|\smodule\b", re.IGNORECASE)
_SETUP_ATTR_RE = re.compile(rb"\ssetup\b", re.IGNORECASE)


def _component_ranges(data: bytes, suffix: str) -> list[tuple[int, int]]:
    """Script blocks whose top level runs once per component instance (Vue setup, Svelte instance)."""
    if suffix not in (".vue", ".svelte"):
        return []
    ranges: list[tuple[int, int]] = []
    for m in _SCRIPT_RE.finditer(data):
        tag = m.group(0)
        end = _SCRIPT_END_RE.search(data, m.end())
        stop = end.start() if end else len(data)
        if (suffix == ".vue" and _SETUP_ATTR_RE.search(tag)) or (
            suffix == ".svelte" and not _MODULE_ATTR_RE.search(tag)
        ):
            ranges.append((m.end(), stop))
    return ranges


class _Extractor:
    def __init__(
        self,
        facts: FrontendFacts,
        fc: ctx.FileContext,
        caps: dict[str, list[Node]],
        root: Node,
        options: RuleOptions,
        prefixes: tuple[str, ...] = DEFAULT_PROJECT_PREFIXES,
        source: bytes = b"",
    ) -> None:
        self.source = source
        self.facts = facts
        self.fc = fc
        self.b = fc.bindings
        self.caps = caps
        self.root = root
        self.options = options
        self.index = fc.index
        # enclosing function id → direct invoke calls in it (for wrapper detection)
        self.invokes_by_fn: dict[int, list[tuple[Node, InvokeSite, Node]]] = {}
        self.prefixes = prefixes
        self._called: set[str] | None = None
        self.passed: set[str] = set()
        # calls of project functions, examined once this file's own wrappers are known
        self.pending: list[tuple[Node, Node, str | None, list[str]]] = []
        self.listen_wrappers: set[str] = set()  # this file's functions that give back a listen() promise
        self.uses_by_scope: dict[int, tuple[set[str], set[str]]] = {}  # see _uses_in
        self.kept_by_scope: dict[int, set[str]] = {}  # see _kept_in
        self.shadowed: dict[str, bool] = {}  # see _shadowed

    def get(self, name: str) -> list[Node]:
        return self.caps.get(name, [])

    # ------------------------------------------------------------------------------------------
    def run(self) -> None:
        self._comments()
        self._declarations()
        calls = self.get("call")
        # Functions called by name from timers/handlers: needed only once some call's context is asked for.
        self.fc.named_loader = lambda: ctx.collect_named(calls, self.get("jsx"), self.get("assign"), self.fc, self.root)
        # Most calls in a file (setState, console.log, array methods...) start with a name that can mean
        # nothing to us; reading that name from the bytes is far cheaper than resolving the callee node.
        wanted = self._interesting_heads()
        head = FIRST_WORD.match
        source = self.source
        kept = [call for call in calls if (m := head(source, call.start_byte)) is None or m.group(1) in wanted]
        kept.sort(key=pre_order)  # facts in source order, whatever order the query returned calls in
        for call in kept:
            self._call(call)
        if self.listen_wrappers:
            self._listen_wrapper_calls(kept)
        for new in self.get("new"):
            if self.b.kind_of(new.child_by_field_name("constructor")) == "channel":
                self.facts.channels.append(ChannelCreation(self.index.span(new.start_byte, new.end_byte)))
        self._wrappers()
        self._pending_candidates()
        self._mounts()
        if any(imp.source == "vue" for imp in self.b.imports.values()):  # an app's config, not any `config`
            self.facts.vue_error_handler = any(self._sets_vue_error_handler(node) for node in self.get("assign"))
        self.facts.invokes.sort(key=lambda site: (site.span.line, site.span.col))

    def _listen_wrapper_calls(self, calls: list[Node]) -> None:
        """Calls of this file's listen wrappers, read as listeners (an imported one's calls are
        CallCandidate.listener, matched at the project level)."""
        for call in calls:
            callee, prefix = call_function(call)
            if callee is not None and callee.type == "identifier" and text(callee) in self.listen_wrappers:
                self._listen(call, text(callee), prefix)  # (not shadowed anywhere: see _listen)

    def _mounts(self) -> None:
        """Components this module mounts as the app's root, at its top level (see FrontendFacts.mounts)."""
        imports = self.b.imports
        self._roots_and_dynamic_imports()
        components = {
            local: imp.source
            for local, imp in imports.items()
            if imp.imported == "default" and imp.source.endswith((".vue", ".svelte"))
        }
        if not components:
            return
        found: list[tuple[Node, Node | None]] = []
        mounters = {local for local, imp in imports.items() if (imp.source, imp.imported) in _MOUNT_FUNCTIONS}
        if mounters:
            for call in self.get("call"):
                fn = call.child_by_field_name("function")
                if fn is not None and fn.type == "identifier" and text(fn) in mounters:
                    args = call_args(call)
                    found.append((call, unwrap(args[0]) if args else None))
        for new in self.get("new"):  # Svelte 3/4: `new App({ target: document.body })`
            found.append((new, new.child_by_field_name("constructor")))
        for node, component in found:
            if component is None or component.type != "identifier" or text(component) not in components:
                continue
            if _at_top_level(node):
                self.facts.mounts.append(components[text(component)])

    def _sets_vue_error_handler(self, assignment: Node) -> bool:
        """`app.config.errorHandler = handler` on a Vue app: `createApp(...)`'s, a plugin's `install(app)`
        parameter, or Vue 2's `Vue`; not `= null`, not another object's `config`, not Vue Test Utils'
        `config.global.config.errorHandler`."""
        chain = member_chain(assignment.child_by_field_name("left"))
        value = unwrap(assignment.child_by_field_name("right"))
        if chain is None or len(chain) != 3 or chain[1:] != ["config", "errorHandler"]:
            return False
        if value is None or text(value) in ("null", "undefined", "void 0"):
            return False
        app = chain[0]
        imp = self.b.imports.get(app)
        if imp is not None:
            return imp.source == "vue" and imp.imported == "default"
        fn = enclosing_function(assignment)
        if fn is not None and app in param_names(fn):
            return True
        made = re.compile(rb"(?<![\w$])" + re.escape(app.encode()) + rb"\s*=\s*create(?:SSR)?App\s*\(")
        return made.search(self.source) is not None

    def _roots_and_dynamic_imports(self) -> None:
        """FrontendFacts.rendered and .providers (frontend/roots.py), and .dynamic_imports."""
        source = self.source
        for m in _DYNAMIC_IMPORT.finditer(source):
            specifier = m.group(1).decode("utf-8", "replace")
            before = source[m.start() - 1 : m.start()]
            if before != b"." and not _is_word_byte(before) and specifier.startswith(self.prefixes):
                self.facts.dynamic_imports.append(specifier)
        self.facts.rendered.extend(roots.solid_renders(self.get("call"), self.b, self.fc, self.prefixes))
        if b"Provider" in self.source and b"children" in self.source:
            self.facts.providers.extend(roots.providers(self.root, self.b))

    def _pending_candidates(self) -> None:
        """Record calls of imported project functions, and calls of same-file functions that are (or may
        become, at the project level) wrappers: a function holding an invoke or another kept call."""
        local = {w.name for w in self.facts.wrappers}
        kept: set[int] = set()
        changed = True
        while changed:
            changed = False
            for i, (call, _callee, _prefix, chain) in enumerate(self.pending):
                if i in kept or not (chain[0] in self.b.imports or ".".join(chain) in local):
                    continue
                kept.add(i)
                fn = enclosing_function(call)
                info = self._function_info(fn) if fn is not None else None
                if info is not None and info[0] not in local:
                    local.add(info[0])
                    changed = True
        for i in sorted(kept):
            call, callee, prefix, chain = self.pending[i]
            self._candidate(call, callee, prefix, chain)

    def _interesting_heads(self) -> set[bytes]:
        """First names of callees that may be Tauri, a project function, or a wrapper."""
        b = self.b
        # npm imports (useState, ref, expect...) are most calls of a file and never Tauri or a wrapper
        project = {name for name, imp in b.imports.items() if imp.source.startswith(self.prefixes)}
        names = set(b.kinds) | set(GLOBAL_ROOTS) | project | b.local_functions | b.local_objects
        names |= set(self.options.wrapper_names)
        names |= {"new", "import"}  # `new WebviewWindow(...).once(...)`, `(await import(...)).invoke(...)`
        return {n.encode() for n in names}

    @property
    def called(self) -> set[str]:
        if self._called is None:
            self._called = set()
            self._call_facts(self.get("call"))
        return self._called

    def _comments(self) -> None:
        for node in self.get("comment"):
            line, col = self.index.position(node.start_byte)
            end_line, _ = self.index.position(node.end_byte)
            self.facts.comments.append(Comment(line, col, end_line, text(node)))

    def _declarations(self) -> None:
        b = self.b
        for node in self.get("import"):
            bind_import(b, node)
        b.constants = top_level_constants(self.root)  # before the builders that read them, wherever they are
        source = self.source
        # in source order (see syntax.captures): a name may build on an earlier one
        for node in self.get("decl"):
            start = node.start_byte
            # `const [value, setValue] = useState()`: an array pattern binds nothing Tauri can mean
            if source[start : start + 1] != b"[" and not binds_nothing(b, start):
                bind_declarator(b, node)
        for node in self.get("enum"):
            name = node.child_by_field_name("name")
            table = enum_table(node)
            if name is not None and table:
                b.tables[text(name)] = table
                if node.parent is not None and node.parent.type == "export_statement":
                    b.exported.add(text(name))
        for node in self.get("export"):
            self._export(node)
        # function declarations and classes: found through the functions that hold calls, so a quick
        # scan of top-level statements is enough here
        for stmt in self.root.named_children:
            decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
            if decl is None:
                continue
            if decl.type in ("function_declaration", "generator_function_declaration"):
                name = decl.child_by_field_name("name")
                if name is not None:
                    b.local_functions.add(text(name))
                    built = name_builder(decl, b.constants)  # `function cmd(c) { return `plugin:x|${c}` }`
                    if built is not None:
                        b.builders[text(name)] = built
                    if decl is not stmt:
                        b.exported.add(text(name))
            elif decl.type in ("class_declaration", "abstract_class_declaration"):
                name = decl.child_by_field_name("name")
                if name is not None:
                    b.local_objects.add(text(name))
                    if decl is not stmt:
                        b.exported.add(text(name))
        b.add_global_hooks(svelte=self.facts.path.endswith(".svelte"))
        f = self.facts
        f.imports.extend(b.imports.values())
        for table_name, table in b.tables.items():
            f.tables.append(ConstTable(table_name, tuple(table.items()), table_name in b.exported))
        for builder_name, (prefix, suffix) in b.builders.items():
            f.builders.append(NameBuilder(builder_name, prefix, suffix, builder_name in b.exported))

    def _export(self, node: Node) -> None:
        decl = node.child_by_field_name("declaration")
        if decl is not None and decl.type in ("lexical_declaration", "variable_declaration"):
            for declarator in decl.named_children:
                name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
                if name is not None and name.type == "identifier":
                    self.b.exported.add(text(name))
            return
        source = string_value(node.child_by_field_name("source"))
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if source is not None:
            if clause is None:
                self.facts.reexports.append(("*", source, "*"))
                return
            for spec in clause.named_children:
                if spec.type == "export_specifier":
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    self.facts.reexports.append((text(alias or name), source, text(name)))
            return
        if clause is not None:
            for spec in clause.named_children:
                if spec.type == "export_specifier":
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    local = text(name)
                    exported = text(alias) if alias is not None else local
                    self.b.exported.add(local)
                    if exported == "default":
                        self.b.default_export = local
                    elif exported != local:
                        self.facts.reexports.append((exported, ".", local))
            return
        if any(c.type == "default" for c in node.children):
            value = unwrap(node.child_by_field_name("value") or node.child_by_field_name("declaration"))
            if value is not None and value.type == "identifier":
                self.b.default_export = text(value)

    # ------------------------------------------------------------------------------------------
    def _call_facts(self, calls: list[Node]) -> None:
        """Names that are called (`un()`, `p.then(...)`) or passed on, for unlisten tracking."""
        for call in calls:
            callee, _ = call_function(call)
            if callee is not None and callee.type == "await_expression" and callee.named_child_count:
                callee = unwrap(callee.named_children[0])
            chain = member_chain(callee)
            if chain:
                called = self._called
                assert called is not None
                called.add(".".join(chain))
                if chain[-1] in ("then", "finally") and len(chain) > 1:
                    called.add(".".join(chain[:-1]))
            for arg in call_args(call):
                arg_chain = member_chain(arg)
                if arg_chain:
                    self.passed.add(".".join(arg_chain))

    def _call(self, call: Node) -> None:
        callee, prefix = call_function(call)
        if callee is None:
            return
        kind = self.b.kind_of(callee)
        if kind is None and callee.type == "member_expression":
            # `getCurrentWindow().listen(...)`, `appWindow.once(...)`
            obj_kind = self.b.kind_of(callee.child_by_field_name("object"))
            prop = text(callee.child_by_field_name("property"))
            if obj_kind == "window" and prop in ("listen", "once", "emit", "emitTo"):
                kind = prop
            elif obj_kind == "window" and prop in WINDOW_EVENT_METHODS:
                kind = "window-event"
        if kind is not None and self._too_deep(call):
            return
        if kind == "invoke":
            self._invoke(call, prefix)
        elif kind in ("listen", "once"):
            self._listen(call, kind, prefix)
        elif kind == "window-event":  # `appWindow.onResized(handler)`: named after the method, no event arg
            chain = member_chain(callee)
            self._listen(call, chain[-1] if chain else text(callee.child_by_field_name("property")), prefix)
        elif kind in ("emit", "emitTo"):
            args = call_args(call)
            event_arg = args[1] if kind == "emitTo" and len(args) > 1 else (args[0] if args else None)
            self.facts.emits.append(EmitSite(self._call_span(call, prefix), string_value(event_arg), kind))
        elif kind is None:
            self._maybe_candidate(call, callee, prefix)

    def _span(self, node: Node) -> Span:
        return self.index.span(node.start_byte, node.end_byte)

    def _too_deep(self, call: Node) -> bool:
        """Whether `call` sits more than MAX_CALL_DEPTH levels down (found by descending from the root,
        which costs O(depth)); the first such call is noted."""
        cursor = self.root.walk()
        for _ in range(MAX_CALL_DEPTH):
            node = cursor.node
            if node is None or node.id == call.id:
                return False
            if cursor.goto_first_child_for_byte(call.start_byte) is None:
                return False
        if not any(n.message == MAX_DEPTH_NOTE for n in self.facts.notes):
            line, col = self.index.position(call.start_byte)
            self.facts.notes.append(Note(self.facts.path, MAX_DEPTH_NOTE, line, col))
        return True

    def _call_span(self, call: Node, prefix: str | None) -> Span:
        """The call without the operator the grammar folded into it (`await invoke<T>(x)`, see
        syntax.call_function): it starts where it would without the type arguments."""
        fn = call.child_by_field_name("function") if prefix is not None else None
        inner = fn.named_children[-1] if fn is not None and fn.named_child_count else None
        return self.index.span(inner.start_byte if inner is not None else call.start_byte, call.end_byte)

    # ------------------------------------------------------------------------------------------
    def command_ref(self, node: Node | None) -> CommandRef | None:
        node = unwrap(node)
        if node is None:
            return None
        literal = string_value(node)
        if literal is not None:
            return CommandRef(literal=literal)
        if node.type == "identifier":
            value = self.b.strings.get(text(node))
            return CommandRef(literal=value) if value is not None else None
        chain = member_chain(node)
        if chain and len(chain) == 2:
            table = self.b.tables.get(chain[0])
            if table is not None:
                value = table.get(chain[1])
                return CommandRef(literal=value) if value is not None else None
            if chain[0] in self.b.imports:
                return CommandRef(table=chain[0], key=chain[1])
        if node.type == "call_expression":
            callee, _ = call_function(node)
            args = call_args(node)
            if callee is not None and callee.type == "identifier" and len(args) == 1:
                arg = string_value(args[0])
                name = text(callee)
                if arg is not None:
                    built = self.b.builders.get(name)
                    if built is not None:
                        return CommandRef(literal=built[0] + arg + built[1])
                    if name in self.b.imports:
                        return CommandRef(builder=name, builder_arg=arg)
        return None

    def args_of(self, node: Node | None) -> Args:
        node = unwrap(node)
        if node is None:
            return Args("none")
        span = self.index.span(node.start_byte, node.end_byte)
        if node.type == "object":
            keys: list[str] = []
            spans = []
            open_ = False
            for prop in node.named_children:
                if prop.type == "pair":
                    key = prop.child_by_field_name("key")
                    if key is None or key.type == "computed_property_name":
                        open_ = True
                        continue
                    keys.append(string_value(key) or text(key))
                    spans.append(self.index.span(key.start_byte, key.end_byte))
                elif prop.type in ("shorthand_property_identifier", "method_definition"):
                    target = prop if prop.type == "shorthand_property_identifier" else prop.child_by_field_name("name")
                    if target is None:
                        continue
                    keys.append(text(target))
                    spans.append(self.index.span(target.start_byte, target.end_byte))
                elif prop.type == "spread_element":
                    open_ = True
            return Args("object", tuple(keys), tuple(spans), open_, span)
        if node.type == "new_expression" and text(node.child_by_field_name("constructor")) in RAW_CONSTRUCTORS:
            return Args("raw", span=span)
        if node.type in ("undefined", "null"):
            return Args("none")
        return Args("unknown", span=span)

    # ------------------------------------------------------------------------------------------
    def _invoke(self, call: Node, prefix: str | None) -> None:
        args = call_args(call)
        ref = self.command_ref(args[0]) if args else None
        use, typed_array = ctx.result_use(call, prefix, self.fc)
        reps, _ = ctx.repetitions(call, self.fc)
        site = InvokeSite(
            span=self._call_span(call, prefix),
            command=ref.literal if ref is not None else None,
            via=Via.DIRECT,
            args=self.args_of(args[1]) if len(args) > 1 else Args("none"),
            result=use,
            repetition=reps,
            wrapped_in_typed_array=typed_array,
        )
        fn = enclosing_function(call)
        if fn is not None:
            self.invokes_by_fn.setdefault(fn.id, []).append((call, site, fn))
        self.facts.invokes.append(site)
        if ref is not None and ref.literal is None:
            # a name from another file: resolved by the project model as a one-call candidate
            self.facts.candidates.append(
                CallCandidate(
                    span=site.span,
                    name="<invoke>",
                    import_source=None,
                    imported_name=None,
                    arg_literals=(None,),
                    arg_shapes=(site.args,),
                    result=use,
                    repetition=reps,
                    arg_refs=(ref,),
                )
            )

    def _maybe_candidate(self, call: Node, callee: Node, prefix: str | None) -> None:
        """Keep calls of functions imported from project modules, and of same-file functions (kept once
        they prove to be wrappers). npm packages never hold the project's invoke wrappers."""
        chain = member_chain(callee)
        if not chain or len(chain) > 2:
            return
        head = chain[0]
        imp = self.b.imports.get(head)
        if imp is not None:
            if not imp.source.startswith(self.prefixes):
                return
        elif len(chain) == 1:
            if head not in self.b.local_functions and head not in self.options.wrapper_names:
                return
        elif head not in self.b.local_objects:
            return
        if len(chain) == 1 and head.startswith("use") and head[3:4].isupper():
            return  # React hooks are never invoke wrappers
        if self._too_deep(call):
            return
        if head in self.options.wrapper_names and imp is None:
            self._candidate(call, callee, prefix, chain)
            return
        self.pending.append((call, callee, prefix, chain))

    def _candidate(self, call: Node, callee: Node, prefix: str | None, chain: list[str]) -> None:
        imp = self.b.imports.get(chain[0])
        args = call_args(call)
        use, typed_array = ctx.result_use(call, prefix, self.fc)
        reps, _ = ctx.repetitions(call, self.fc)
        self.facts.candidates.append(
            CallCandidate(
                span=self._call_span(call, prefix),
                name=".".join(chain),
                import_source=imp.source if imp is not None else None,
                imported_name=imp.imported if imp is not None else None,
                arg_literals=tuple(string_value(a) for a in args),
                arg_shapes=tuple(self.args_of(a) for a in args),
                result=use,
                repetition=reps,
                enclosing=self._enclosing(call, use),
                wrapped_in_typed_array=typed_array,
                arg_refs=tuple(self._ref_if_unresolved(a) for a in args),
                arg_names=tuple(_identifier(a) for a in args),
                listener=self._listener(call, chain[-1], prefix)[0]
                if len(chain) == 1 and _LISTENER_NAME.search(chain[0]) and not self._shadowed(chain[0])
                else None,
            )
        )

    def _ref_if_unresolved(self, node: Node) -> CommandRef | None:
        ref = self.command_ref(node)
        if ref is None:
            return None
        return ref if ref.literal is None or string_value(node) is None else None

    def _enclosing(self, call: Node, use: ResultUse) -> EnclosingFn | None:
        fn = enclosing_function(call)
        if fn is None:
            return None
        info = self._function_info(fn)
        if info is None:
            return None
        name, exported = info
        propagates, handles, settles = _propagation(call, fn, use)
        return EnclosingFn(
            name=name,
            exported=exported,
            span=self._span(fn),
            params=tuple(param_names(fn)),
            propagates=propagates,
            handles_rejection=handles,
            typed_unit=return_type_text(fn) == "Promise<null>",
            settles_inside=settles,
        )

    def _function_info(self, fn: Node) -> tuple[str, bool] | None:
        """The name callers use for `fn` ("getUser", "commands.getUser", "Api.getUser") and whether it
        is exported."""
        name = function_name(fn)
        if name is None:
            return None
        parent = outer_node(fn)
        if fn.type == "method_definition" or (parent is not None and parent.type == "pair"):
            holder = fn if fn.type == "method_definition" else parent  # its parent: object / class_body
            holder = holder.parent if holder is not None else None
            if holder is None:
                return None
            if holder.type == "class_body":
                cls = holder.parent
                cls_name = cls.child_by_field_name("name") if cls is not None else None
                if cls_name is None:
                    return None
                owner = text(cls_name)
                exported = cls is not None and cls.parent is not None and cls.parent.type == "export_statement"
                return f"{owner}.{name}", exported or owner in self.b.exported
            if holder.type == "object":
                decl = outer_node(holder)
                if decl is None:
                    return None
                if decl.type == "variable_declarator":
                    owner_node = decl.child_by_field_name("name")
                    owner = text(owner_node) if owner_node is not None else ""
                    return f"{owner}.{name}", owner in self.b.exported or owner == self.b.default_export
                if decl.type == "export_statement":
                    return f"default.{name}", True
            return None
        exported = name in self.b.exported or name == self.b.default_export
        return name, exported

    # ------------------------------------------------------------------------------------------
    def _wrappers(self) -> None:
        for sites in self.invokes_by_fn.values():
            if len(sites) != 1:
                continue  # several invokes: a function with its own logic, not a thin wrapper
            call, site, fn = sites[0]
            info = self._function_info(fn)
            if info is None:
                continue
            name, exported = info
            args = call_args(call)
            params = param_names(fn)
            propagates, handles, settles = _propagation(call, fn, site.result)
            first = unwrap(args[0]) if args else None
            span = self._span(fn)
            if first is not None and first.type == "identifier" and text(first) in params and text(first):
                second = unwrap(args[1]) if len(args) > 1 else None
                args_param = (
                    params.index(text(second))
                    if second is not None and second.type == "identifier" and text(second) in params
                    else None
                )
                self.facts.wrappers.append(
                    WrapperDef(
                        name=name,
                        kind=WrapperKind.PASSTHROUGH,
                        span=span,
                        exported=exported,
                        cmd_param=params.index(text(first)),
                        args_param=args_param,
                        handles_rejection=handles,
                        # a pass-through that drops the call: its invoke has no command of its own to
                        # report, so its callers' calls are the sites that name one
                        settles_inside=settles and propagates,
                    )
                )
                continue
            if site.command is None and not (args and self.command_ref(args[0])):
                continue
            bindings = name.startswith("commands.") and any(
                a in ("TAURI_INVOKE", "__TAURI_INVOKE") for a in self.b.invoke_aliases
            )
            ref = self.command_ref(args[0]) if args else None
            self.facts.wrappers.append(
                WrapperDef(
                    name=name,
                    kind=WrapperKind.BINDINGS if bindings else WrapperKind.TYPED,
                    span=span,
                    exported=exported,
                    command=site.command,
                    args=site.args,
                    handles_rejection=handles,
                    settles_inside=settles,
                    typed_unit=bindings and return_type_text(fn) == "Promise<null>",
                    command_ref=ref if ref is not None and ref.literal is None else None,
                )
            )
            # the invoke inside knows its wrapper, so a rule can report a repeated call once, at the caller
            at = next((i for i, s in enumerate(self.facts.invokes) if s is site), None)
            if at is not None:
                self.facts.invokes[at] = replace(site, in_wrapper=name)

    # ------------------------------------------------------------------------------------------
    def _listen(self, call: Node, api: str, prefix: str | None) -> None:
        listener, holder = self._listener(call, api, prefix)
        self.facts.listeners.append(listener)
        # `export const onProgress = (cb) => listen("progress", cb)`: its calls are listeners too
        if listener.fate == ListenerFate.RETURNED and api != "once" and holder is not None:
            name = _top_level_name(holder) if listener.lifecycle == Lifecycle.FUNCTION else None
            if name is not None and not self._shadowed(name):
                self.facts.listen_wrappers.append((name, name in self.b.exported))
                self.listen_wrappers.add(name)

    def _listener(self, call: Node, api: str, prefix: str | None) -> tuple[Listener, Node | None]:
        """The call read as a listener (what becomes of its unlisten function, where it runs), and the
        hook callback or function that holds it."""
        args = call_args(call)
        use, _ = ctx.result_use(call, prefix, self.fc)
        life, holder = ctx.lifecycle(call, self.fc)
        fate, var = self._fate(call, use)
        has_cleanup = False
        cleanup_calls = False
        if holder is not None and life in (Lifecycle.REACT_EFFECT, Lifecycle.SVELTE_MOUNT, Lifecycle.SVELTE_EFFECT):
            cleanup = ctx.returned_cleanup(holder)
            has_cleanup = cleanup is not None
            cleanup_calls = cleanup is not None and var is not None and _mentions(cleanup, var)
        elif life in (Lifecycle.VUE_MOUNTED, Lifecycle.SOLID, Lifecycle.COMPONENT_BODY):
            cleanup_calls = var is not None and self._cleanup_hook_mentions(var)
            has_cleanup = cleanup_calls
        event_arg = args[0] if args else None
        listener = Listener(
            span=self._call_span(call, prefix),
            event=string_value(event_arg),
            api=api,
            fate=fate,
            lifecycle=life,
            has_cleanup=has_cleanup,
            cleanup_calls_unlisten=cleanup_calls,
            component=roots.component_name(holder, self.b, self.fc)
            if life == Lifecycle.FUNCTION and holder is not None
            else None,
        )
        return listener, holder

    def _uses_in(self, scope: Node) -> tuple[set[str], set[str]]:
        """The names called and the names passed to calls in `scope` (see _uses), read once per scope:
        a function with thousands of calls would otherwise be read once per call."""
        found = self.uses_by_scope.get(scope.id)
        if found is None:
            inside = [c for c in self.get("call") if scope.start_byte <= c.start_byte < scope.end_byte]
            found = self.uses_by_scope[scope.id] = _uses(inside)
        return found

    def _shadowed(self, name: str) -> bool:
        """Is `name` bound anywhere but at the module's top level (a parameter, a local `const`, a
        `catch (name)`)? Then a call of it may not mean the module's (or the import's) function."""
        found = self.shadowed.get(name)
        if found is None:
            found = self.shadowed[name] = any(
                ctx.binds_locally(self.root.named_descendant_for_byte_range(at, at + len(name.encode())))
                for at in self.fc.mentions(name)
            )
        return found

    def _kept_in(self, scope: Node) -> set[str]:
        """Names `scope` returns or stores where this file's calls cannot follow them (_KEPT), read once
        per scope."""
        found = self.kept_by_scope.get(scope.id)
        if found is None:
            raw = scope.text or b""
            found = self.kept_by_scope[scope.id] = {
                next(g for g in m.groups() if g is not None).decode("utf-8", "replace") for m in _KEPT.finditer(raw)
            }
        return found

    def _cleanup_hook_mentions(self, var: str) -> bool:
        for call in self.get("call"):
            callee, _ = call_function(call)
            chain = member_chain(callee)
            cleanup = chain is not None and len(chain) == 1 and self.b.hooks.get(chain[0]) in CLEANUP_HOOKS
            if cleanup and _mentions(call, var):
                return True
        return False

    def _fate(self, call: Node, use: ResultUse) -> tuple[ListenerFate, str | None]:
        """What becomes of the unlisten function, and the name it is kept under."""
        if use.use == Use.ARROW_BODY and use.arrow_target in (None, ArrowTarget.OTHER):
            # `(cb) => listen(name, cb)`: the arrow hands the promise to its caller
            return ListenerFate.RETURNED, None
        if use.use in (Use.STATEMENT, Use.VOID, Use.ARROW_BODY) and not use.chain:
            return ListenerFate.DROPPED, None
        if use.chain:
            if "then" in use.chain:
                assigned = _then_assigns(call)
                if assigned is not None:
                    called = assigned in self.called
                    if called and _then_calls_param(call):
                        # `.then((un) => { if (disposed) un(); else stop = un; })`: the race is settled
                        return ListenerFate.CALLED, assigned
                    return (ListenerFate.THEN_ASSIGNED if called else ListenerFate.STORED_NEVER_CALLED), assigned
                if _then_uses_param(call):
                    return ListenerFate.UNKNOWN, None
            if use.use in (Use.STATEMENT, Use.VOID, Use.ARROW_BODY):
                return ListenerFate.DROPPED, None
            return ListenerFate.UNKNOWN, None
        if use.use == Use.RETURNED:
            return ListenerFate.RETURNED, None
        if use.use in (Use.AWAITED, Use.ASSIGNED):
            target = _assigned_name(call)
            if target is None:
                if use.use == Use.AWAITED and _awaited_statement(call):
                    return ListenerFate.DROPPED, None
                return ListenerFate.UNKNOWN, None
            # (a name mentioned once, where it is set, is tested nowhere: skip the search before the call)
            if ("." in target or len(self.fc.mentions(target)) > 1) and _guarded_by(call, target):
                # `if (un === null) un = listen(...)`: registers once however often this runs
                return ListenerFate.UNKNOWN, target
            scope = _declaring_function(call)
            if scope is not None:
                # a local (`const un = ...` in a function): only that function's code can reach it, so
                # another effect's `un()` in the same file does not count
                called_names, passed_names = self._uses_in(scope)
                called, passed = target in called_names, target in passed_names
                passed = passed or target in self._kept_in(scope)
            else:
                called = target in self.called
                passed = target in self.passed or target in self._kept_in(self.root)
            if called and use.use == Use.AWAITED and scope is None and _set_after_await_in_nested_fn(call, target):
                # `(async () => { un = await listen(...) })(); return () => un?.()`: the same race as
                # `.then((f) => (un = f))`: a cleanup that runs first finds nothing to call
                return ListenerFate.AWAIT_ASSIGNED, target
            if called:
                return ListenerFate.CALLED, target
            if passed:
                return ListenerFate.UNKNOWN, target
            return ListenerFate.STORED_NEVER_CALLED, target
        return ListenerFate.UNKNOWN, None


CLEANUP_HOOKS = frozenset({"vue-cleanup", "solid-cleanup", "svelte-cleanup"})
# Names a listen wrapper goes by (`onProgress`, `listenToClipboard`, `subscribeEvent`): only calls of
# these are read as possible listeners, which costs a look at their context.
_LISTENER_NAME = re.compile(r"^on[A-Z]|[lL]isten|[sS]ubscribe")
# Functions that mount a root component: (module, exported name).
_MOUNT_FUNCTIONS = frozenset(
    {("vue", "createApp"), ("vue", "createSSRApp"), ("svelte", "mount"), ("svelte", "hydrate")}
)


# `import("./Panel")`, `import('@/views/Settings.vue')`: a literal specifier only. It starts with a
# literal, so it is searched for fast; the byte before is checked apart.
_DYNAMIC_IMPORT = re.compile(rb"import\s*\(\s*[\"'`]([^\"'`$]+)[\"'`]\s*\)")


def _at_top_level(node: Node) -> bool:
    """Runs once per module load: outside every function and loop."""
    return enclosing_scope(node) is None


def _identifier(node: Node) -> str | None:
    inner = unwrap(node)
    return text(inner) if inner is not None and inner.type == "identifier" else None


def _propagation(call: Node, fn: Node, use: ResultUse) -> tuple[bool, bool, bool]:
    """(does the function give the call's promise back to its caller, are rejections caught inside,
    does the function see the call settle itself: awaited inside a try/catch, or not passed on)"""
    if use.use == Use.RETURNED or (use.use == Use.ARROW_BODY and _arrow_is(call, fn)):
        return True, use.handles_rejection or _inside_try(call, fn), False
    if use.use == Use.AWAITED and is_async(fn):
        in_try = _inside_try(call, fn)
        return True, use.handles_rejection or in_try, in_try
    return False, True, True


def _arrow_is(call: Node, fn: Node) -> bool:
    body = unwrap(fn.child_by_field_name("body"))
    node: Node | None = call
    while node is not None and node.id != fn.id:
        if body is not None and node.id == body.id:
            return True
        node = node.parent
    return False


def _inside_try(node: Node, stop: Node) -> bool:
    child = node
    parent = node.parent
    while parent is not None and parent.id != stop.id:
        if parent.type == "try_statement":
            body = parent.child_by_field_name("body")
            has_catch = parent.child_by_field_name("handler") is not None
            if has_catch and body is not None and body.id == child.id:
                return True
        child = parent
        parent = parent.parent
    return False


def _mentions(node: Node, name: str) -> bool:
    needle = name.encode()
    raw = node.text or b""
    return re.search(rb"(?<![\w$])" + re.escape(needle) + rb"(?![\w$])", raw) is not None


def _assigned_name(call: Node) -> str | None:
    """`const un = await listen(...)` / `un = await listen(...)` / `this.un = ...` → the target name."""
    node = call
    parent = node.parent
    while parent is not None and (parent.type in TRANSPARENT or parent.type == "await_expression"):
        node = parent
        parent = parent.parent
    if parent is None:
        return None
    if parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
    elif parent.type == "assignment_expression":
        target = parent.child_by_field_name("left")
        holder = outer_node(parent)
        if holder is not None and holder.type not in ("expression_statement", "arrow_function"):
            return None  # `await (p ?? (p = listen(...)))`: the value goes on too, who knows where
    else:
        return None
    chain = member_chain(target)
    return ".".join(chain) if chain else None


_GUARD_LOOKBACK = 12  # statements before the listener searched for an early return


def _guarded_by(call: Node, target: str) -> bool:
    """Is `call` in the branch of an `if` whose condition tests `target` (`if (!un)`, `if (un === 0)`),
    or after an early return that does (`if (un) return;`)?"""
    needle = re.compile(rb"(?<![\w$.])" + re.escape(target.encode()) + rb"(?![\w$])")
    node = call
    parent = node.parent
    while parent is not None:
        if parent.type == "if_statement" and field_of(parent, node) == "consequence":
            cond = parent.child_by_field_name("condition")
            if cond is not None and needle.search(cond.text or b""):
                return True
        if parent.type == "statement_block" and _returns_early_on(node, needle):
            return True
        node, parent = parent, parent.parent
    return False


def _returns_early_on(stmt: Node, needle: re.Pattern[bytes]) -> bool:
    """Does a statement before `stmt` in its block leave when the condition on the variable holds?"""
    conds = early_exit_conditions(stmt, _LEAVING, _GUARD_LOOKBACK)
    return any(needle.search(cond.text or b"") for cond in conds)


_LEAVING = frozenset({"return_statement", "throw_statement"})


def _set_after_await_in_nested_fn(call: Node, target: str) -> bool:
    """`un = await listen(...)` in a function that does not declare `un` itself: the variable belongs
    to an enclosing scope (an effect, whose cleanup reads it), and is set only once the await is over."""
    if "." in target:
        return False  # `this.un = ...`: an object's field, not a local of an enclosing effect
    fn = enclosing_function(call)
    if fn is None:
        return False
    if target in param_names(fn):
        return False
    raw = fn.text or b""
    name = re.escape(target.encode())
    if re.search(rb"\b(?:let|const|var)\s+" + name + rb"(?![\w$])", raw):
        return False
    # settled inside (`un = await listen(...); if (cancelled) un();`), or the cleanup can wait for the
    # function's promise (`const ready = (async () => {...})(); ... ready.then(() => un?.())`)
    if re.search(rb"(?<![\w$.])" + name + rb"\s*(?:\?\.)?\(", raw):
        return False
    return not _promise_kept(fn)


def _promise_kept(fn: Node) -> bool:
    """`const ready = (async () => {...})()`: the immediately called function's promise is kept."""
    call = outer_node(fn)
    if call is None or call.type != "call_expression":
        return False
    holder = outer_node(call)
    if holder is not None and holder.type == "await_expression":
        holder = outer_node(holder)
    return holder is not None and holder.type in ("variable_declarator", "assignment_expression")


def _declaring_function(call: Node) -> Node | None:
    """The function holding `const un = (await) listen(...)`, when the call's value declares a local."""
    parent = call.parent
    while parent is not None and (parent.type in TRANSPARENT or parent.type == "await_expression"):
        parent = parent.parent
    if parent is None or parent.type != "variable_declarator":
        return None
    return enclosing_function(parent)


def _uses(calls: list[Node]) -> tuple[set[str], set[str]]:
    """Among `calls`: the names called (`un()`, `un.then(...)`), and the names passed to a call."""
    called: set[str] = set()
    passed: set[str] = set()
    for call in calls:
        callee, _ = call_function(call)
        if callee is not None and callee.type == "await_expression" and callee.named_child_count:
            callee = unwrap(callee.named_children[0])
        chain = member_chain(callee) or []
        called.add(".".join(chain))
        if chain[-1:] in (["then"], ["finally"]):
            called.add(".".join(chain[:-1]))
        passed.update(".".join(member_chain(a) or []) for a in call_args(call))
    return called, passed


def _awaited_statement(call: Node) -> bool:
    node = call
    parent = node.parent
    while parent is not None and (parent.type in TRANSPARENT or parent.type == "await_expression"):
        node = parent
        parent = parent.parent
    return parent is not None and parent.type == "expression_statement"


def _then_callback(call: Node) -> Node | None:
    parent = outer_node(call)
    if parent is None or parent.type != "member_expression" or text(parent.child_by_field_name("property")) != "then":
        return None
    outer = parent.parent
    args = call_args(outer) if outer is not None and outer.type == "call_expression" else []
    cb = unwrap(args[0]) if args else None
    return cb if cb is not None and cb.type in FUNCTION_TYPES else None


def _then_assigns(call: Node) -> str | None:
    """`listen(...).then(f => (un = f))` / `.then(f => { un = f })` → "un"."""
    cb = _then_callback(call)
    if cb is None:
        return None
    params = param_names(cb)
    if not params or not params[0]:
        return None
    stack = [cb.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if n.type == "assignment_expression" and text(unwrap(n.child_by_field_name("right"))) == params[0]:
            chain = member_chain(n.child_by_field_name("left"))
            return ".".join(chain) if chain else None
        stack.extend(n.named_children)
    return None


def _then_calls_param(call: Node) -> bool:
    """Does the `.then` callback call the unlisten function it gets (`if (disposed) un()`)?"""
    cb = _then_callback(call)
    params = param_names(cb) if cb is not None else []
    body = cb.child_by_field_name("body") if cb is not None else None
    if not params or not params[0] or body is None:
        return False
    return re.search(rb"(?<![\w$.])" + re.escape(params[0].encode()) + rb"\s*\(", body.text or b"") is not None


def _then_uses_param(call: Node) -> bool:
    cb = _then_callback(call)
    if cb is None:
        return True  # a function reference: it gets the unlisten function, assume it keeps it
    params = param_names(cb)
    body = cb.child_by_field_name("body")
    return bool(params) and bool(params[0]) and body is not None and _mentions(body, params[0])


def _top_level_name(fn: Node) -> str | None:
    """The name of `fn` when the module's top level declares it (`function f`, `const f = () => ...`,
    exported or not); None for a method, a nested function, a generator."""
    if fn.type not in ("function_declaration", "arrow_function", "function_expression", "function"):
        return None
    statement, name = declared_as(fn)
    if not module_level(statement) or name is None or name.type != "identifier":
        return None
    return text(name)


# Where an unlisten function is kept out of this file's sight, so whether it is called is unknown:
# `return un` (a helper hands it back), `set({ un })`, `{ cleanup: un }`, `state.un = un`, `subs[key] = un`.
_KEPT = re.compile(
    rb"return\s+([\w$.]+)\s*[;\n}]"
    rb"|[{,]\s*([\w$]+)\s*(?=[,}])"
    rb"|:\s*([\w$.]+)\s*(?=[,}])"
    rb"|(?:\.[\w$]+|\])\s*=\s*([\w$.]+)(?![\w$])(?!\s*[.(\[])"
)
