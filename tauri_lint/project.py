"""The project model: per-file facts merged into one picture of both sides of the bridge.

Frontend: wrapper calls resolved across files into invoke sites, command names folded through
constant tables and name builders. Rust: commands grouped by crate, registrations by namespace
(the app, or `plugin:NAME`). Rules read only this.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from tauri_lint.model import (
    Args,
    CallCandidate,
    Command,
    CommandRef,
    FrontendFacts,
    HandlerEntry,
    HandlerList,
    InvokeHandlerCall,
    InvokeSite,
    Listener,
    Note,
    RustFacts,
    Span,
    Use,
    Via,
    WrapperDef,
    WrapperKind,
)
from tauri_lint.modules import Aliases, ModuleResolver
from tauri_lint.settings import RuleOptions

# The app's own namespace in `registered`: no plugin name, so that Tauri's core plugin `app`
# (`plugin:app|version`) never reads as an app command.
APP = ""
# Names too generic to match a wrapper by bare name when its import cannot be resolved.
GENERIC_NAMES = frozenset({"get", "set", "add", "has", "remove", "delete", "update", "list", "clear", "run", "send"})
_MAX_ROUNDS = 8  # wrapper-of-wrapper depth followed (real apps reach 4)
_SpanKey = tuple[str, int, int]  # (path, line, col)
_MAX_REEXPORT_DEPTH = 6


@dataclass(slots=True)
class Project:
    root: str
    tauri_dir: str | None
    frontend: dict[str, FrontendFacts] = field(default_factory=dict)
    rust: dict[str, RustFacts] = field(default_factory=dict)
    invokes: list[InvokeSite] = field(default_factory=list)
    wrappers: list[WrapperDef] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)
    # namespace (APP or a plugin name) → JS command name → handler entries registering it
    registered: dict[str, dict[str, list[HandlerEntry]]] = field(default_factory=dict)
    handler_calls: list[InvokeHandlerCall] = field(default_factory=list)
    plugins_defined: set[str] = field(default_factory=set)
    # plugins with a Kotlin/Swift half: a command their Rust handler lacks may be answered there
    mobile_plugins: set[str] = field(default_factory=set)
    cargo_deps: list[str] = field(default_factory=list)
    tauri_major: int | None = None  # 1 for a Tauri v1 app (its advice differs), 2 or None otherwise
    requested: set[str] = field(default_factory=set)
    notes: list[Note] = field(default_factory=list)
    # the rules of this run (set by the engine; None: every rule), so one rule can defer to another only
    # when that other one reports
    enabled_rules: frozenset[str] | None = None
    # frontend files of root components mounted once per page by an entry module, and used nowhere else
    root_components: set[str] = field(default_factory=set)
    # (file, exported name) of Solid function components rendered once per page by an entry module, and
    # imported nowhere else: their bodies run once
    root_functions: set[tuple[str, str]] = field(default_factory=set)
    # some module sets Vue's `app.config.errorHandler`, which gets what template handlers reject
    vue_error_handler: bool = False
    # False when a registration could not be read: rules that need the full command list stay quiet
    registrations_complete: bool = True
    # crate dir → is it a plugin crate (defines `tauri::plugin::Builder::new`)
    plugin_crates: dict[str, str] = field(default_factory=dict)
    # Rust file → (crate dir, module path of the file), to tell same-named fns of one crate apart
    rust_modules: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # lookups, filled on first use once the model is complete
    _by_name: dict[str, list[Command]] = field(default_factory=dict, repr=False)
    _definitions_memo: dict[str, list[Command]] = field(default_factory=dict, repr=False)

    # -- queries rules use ---------------------------------------------------------------------
    @property
    def has_rust(self) -> bool:
        return bool(self.rust)

    def split(self, command: str) -> tuple[str, str]:
        """`plugin:fs|read` → ("fs", "read"); `save` → (APP, "save")."""
        if command.startswith("plugin:") and "|" in command:
            plugin, _, name = command[len("plugin:") :].partition("|")
            return plugin, name
        return APP, command

    def definitions(self, command: str) -> list[Command]:
        """The Rust fns that answer `command` (cfg variants give several)."""
        memo = self._definitions_memo
        if command not in memo:  # rules ask once per invoke site: thousands of times in a big app
            memo[command] = self._definitions(command)
        return memo[command]

    def _definitions(self, command: str) -> list[Command]:
        namespace, name = self.split(command)
        if not self._by_name and self.commands:
            for cmd in self.commands:
                self._by_name.setdefault(cmd.name, []).append(cmd)
        named = self._by_name.get(name, [])
        if namespace == APP:
            found = [c for c in named if c.crate_dir not in self.plugin_crates]
            found = found or [c for c in named if self._registered_anywhere(c)]
            return self._as_registered(namespace, name, found)
        crates = {d for d, p in self.plugin_crates.items() if p == namespace}
        listed = name in self.registered.get(namespace, {})
        found = [c for c in named if c.crate_dir in crates or (listed and c.crate_dir not in self.plugin_crates)]
        return self._as_registered(namespace, name, found)

    def _as_registered(self, namespace: str, name: str, found: list[Command]) -> list[Command]:
        """Same-named fns in different modules (the app's `ping` and an in-crate plugin's `ping`): keep
        those the namespace's handler entries name, by module path. Unresolvable entries keep all."""
        if len({(c.crate_dir, c.module_path) for c in found}) < 2:
            return found
        wanted = {self._entry_module(e) for e in self.registered.get(namespace, {}).get(name, [])}
        return [c for c in found if (c.crate_dir, c.module_path) in wanted] or found

    def _entry_module(self, entry: HandlerEntry) -> tuple[str, tuple[str, ...]]:
        """(crate dir, module path) of the fn a `generate_handler!` entry names, read from where it is
        written: `files::read` in src/lib.rs → ("files",); `crate::`, `self::`, `super::` understood."""
        crate, base = self.rust_modules.get(entry.span.path, ("", ()))
        segs = entry.path.split("::")[:-1]
        if segs[:1] == ["crate"]:
            return crate, tuple(segs[1:])
        while segs[:1] in (["self"], ["super"]):
            base = base[:-1] if segs[0] == "super" else base
            segs = segs[1:]
        return crate, base + tuple(segs)

    def _registered_anywhere(self, cmd: Command) -> bool:
        return any(cmd.name in names for names in self.registered.values())

    def is_registered(self, command: str) -> bool:
        namespace, name = self.split(command)
        return name in self.registered.get(namespace, {})

    def callers(self, command: str) -> list[InvokeSite]:
        return [s for s in self.invokes if s.command == command]

    def command_of(self, cmd: Command) -> str:
        """The string JS invokes to reach `cmd`."""
        plugin = self.plugin_crates.get(cmd.crate_dir)
        if plugin is None and cmd.name not in self.registered.get(APP, {}):
            # a plugin defined inside the app crate: its list names the command
            plugin = next((p for p, names in self.registered.items() if p != APP and cmd.name in names), None)
        elif plugin is None:
            # the app registers this name, but this fn may be an in-crate plugin's namesake
            here = (cmd.crate_dir, cmd.module_path)
            owners = [
                ns
                for ns, names in self.registered.items()
                if any(self._entry_module(e) == here for e in names.get(cmd.name, []))
            ]
            plugin = owners[0] if owners and APP not in owners else None
        return f"plugin:{plugin}|{cmd.name}" if plugin else cmd.name

    def is_requested(self, path: str) -> bool:
        return not self.requested or path in self.requested


def build_project(
    root: str,
    tauri_dir: str | None,
    facts: Iterable[FrontendFacts | RustFacts],
    *,
    requested: Iterable[str] = (),
    cargo_deps: Sequence[str] = (),
    options: RuleOptions | None = None,
    aliases: Aliases | None = None,
    tauri_major: int | None = None,
) -> Project:
    """The model of one project from its files' facts. `aliases`: the project's import aliases
    (modules.load_aliases), read from its tsconfig when not given; `tauri_major`: from Cargo.toml."""
    project = Project(
        root=root, tauri_dir=tauri_dir, requested=set(requested), cargo_deps=list(cargo_deps), tauri_major=tauri_major
    )
    for f in facts:
        if isinstance(f, FrontendFacts):
            project.frontend[f.path] = f
        else:
            project.rust[f.path] = f
    _build_rust(project)
    _build_frontend(project, options or RuleOptions(), aliases)
    return project


# ------------------------------------------------------------------------------------------------
# Rust side
# ------------------------------------------------------------------------------------------------


def _crate_dir(path: str, cache: dict[str, str]) -> str:
    start = os.path.dirname(path)
    d = start
    seen: list[str] = []
    while True:
        if d in cache:
            found = cache[d]
            break
        seen.append(d)
        if os.path.isfile(os.path.join(d, "Cargo.toml")):
            found = d
            break
        parent = os.path.dirname(d)
        if parent == d:
            found = start
            break
        d = parent
    for s in seen:
        cache[s] = found
    return found


def _file_module(path: str, crate: str) -> tuple[str, ...]:
    """src/commands/files.rs → ("commands", "files"); src/lib.rs → ()."""
    rel = os.path.relpath(path, os.path.join(crate, "src"))
    parts = rel.replace(os.sep, "/").split("/")
    if parts[0] == "..":
        return ()
    stem = os.path.splitext(parts[-1])[0]
    parts = parts[:-1] if stem in ("mod", "lib", "main") else [*parts[:-1], stem]
    return tuple(parts)


def _build_rust(project: Project) -> None:
    crate_cache: dict[str, str] = {}
    injected: set[str] = set()
    for facts in project.rust.values():
        injected.update(facts.command_arg_types)
        injected.update(facts.injected_aliases)
    for path in sorted(project.rust):
        facts = project.rust[path]
        crate = _crate_dir(path, crate_cache)
        prefix = _file_module(path, crate)
        project.rust_modules[path] = (crate, prefix)
        for plugin in facts.plugins:
            project.plugins_defined.add(plugin.name)
            # A plugin built inside the app crate registers its own list on its builder; the crate's
            # other commands and lists stay the app's.
            if crate != project.tauri_dir:
                project.plugin_crates.setdefault(crate, plugin.name)
        for cmd in facts.commands:
            params = cmd.params
            if injected:
                params = tuple(
                    replace(p, injected=True) if not p.injected and base_type(p.type_text) in injected else p
                    for p in params
                )
            project.commands.append(replace(cmd, crate_dir=crate, params=params, module_path=prefix + cmd.module_path))
        project.handler_calls.extend(facts.handler_calls)
        if facts.had_syntax_errors and any(
            "generate_handler" in n.message or "handler" in n.message for n in facts.notes
        ):
            project.registrations_complete = False
    mobile_crates = {project.rust_modules[p][0] for p, f in project.rust.items() if f.registers_mobile_plugin}
    project.mobile_plugins = {name for crate, name in project.plugin_crates.items() if crate in mobile_crates}
    # Registrations: lists passed to .invoke_handler on a plugin builder belong to that plugin; any
    # other list belongs to the plugin of its crate if the crate defines one, else to the app.
    in_calls: set[tuple[str, int, int]] = set()
    unfollowed: set[str] = set()  # namespaces with an .invoke_handler(...) argument we could not follow
    for call in project.handler_calls:
        namespace = call.builder[len("plugin:") :] if call.builder.startswith("plugin:") else APP
        if not call.complete:
            unfollowed.add(namespace)
        for lst in call.lists:
            in_calls.add(_list_key(lst))
            _register(project, namespace, lst)
    loose: set[str] = set()
    for path in sorted(project.rust):
        crate = _crate_dir(path, crate_cache)
        for lst in project.rust[path].handler_lists:
            if _list_key(lst) in in_calls:
                continue
            namespace = project.plugin_crates.get(crate, APP)
            loose.add(namespace)
            _register(project, namespace, lst)
    # `.invoke_handler(handlers())` with the generate_handler! inside a helper fn: the argument cannot
    # be followed, but the list is there. Only an argument with no list anywhere leaves us blind.
    if unfollowed - loose:
        project.registrations_complete = False
    by_fn: dict[str, list[Command]] = {}
    for cmd in project.commands:
        by_fn.setdefault(cmd.fn_name, []).append(cmd)
    # `rename` changes the JS-visible name, while generate_handler! lists the fn name.
    for namespace, names in project.registered.items():
        for fn_name in list(names):
            renamed = {c.name for c in by_fn.get(fn_name, []) if c.name != fn_name}
            for new in renamed:
                names.setdefault(new, []).extend(names[fn_name])
            if renamed and not any(c.name == fn_name for c in by_fn.get(fn_name, [])):
                del names[fn_name]
        project.registered[namespace] = names


def _list_key(lst: HandlerList) -> tuple[str, int, int]:
    return (lst.span.path, lst.span.line, lst.span.col)


def _register(project: Project, namespace: str, lst: HandlerList) -> None:
    if not lst.complete:
        project.registrations_complete = False
    names = project.registered.setdefault(namespace, {})
    for entry in lst.entries:
        names.setdefault(entry.name, []).append(entry)


def base_type(type_text: str) -> str:
    """`&'a tauri::WebviewWindow<R>` → "WebviewWindow": a parameter type's own name."""
    t = type_text.strip().lstrip("&").strip()
    if t.startswith("'"):
        t = t.split(None, 1)[-1]
    t = t.removeprefix("mut ").strip()
    t = t.split("<", 1)[0]
    return t.rsplit("::", 1)[-1].strip()


# ------------------------------------------------------------------------------------------------
# Frontend side
# ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Index:
    resolver: ModuleResolver
    wrappers: dict[str, dict[str, WrapperDef]]  # file → name → def
    by_name: dict[str, list[WrapperDef]]  # bare name → defs (last-resort matching)
    tables: dict[str, dict[str, dict[str, str]]]  # file → table → key → value
    builders: dict[str, dict[str, tuple[str, str]]]  # file → builder → (prefix, suffix)
    reexports: dict[str, list[tuple[str, str, str]]]
    imports: dict[str, dict[str, tuple[str, str]]]  # file → local → (source, imported)


def _build_frontend(project: Project, options: RuleOptions, aliases: Aliases | None) -> None:
    files = project.frontend
    index = _Index(
        resolver=ModuleResolver(project.root, files, aliases),
        wrappers={},
        by_name={},
        tables={p: {t.name: dict(t.entries) for t in f.tables} for p, f in files.items()},
        builders={p: {b.name: (b.prefix, b.suffix) for b in f.builders} for p, f in files.items()},
        reexports={p: f.reexports for p, f in files.items()},
        imports={p: {i.local: (i.source, i.imported) for i in f.imports} for p, f in files.items()},
    )
    for path, f in files.items():
        for w in f.wrappers:
            _add_wrapper(index, path, w)
    project.root_components = _root_components(index, files)
    project.root_functions = _root_functions(index, files)
    project.vue_error_handler = any(f.vue_error_handler for f in files.values())
    for name in options.wrapper_names:
        index.by_name.setdefault(name, []).append(
            WrapperDef(name, WrapperKind.PASSTHROUGH, _nowhere(), True, cmd_param=0, args_param=1)
        )

    # Fold command refs of direct invokes (`invoke(TAURI_COMMAND.X)` with an imported table).
    folded: dict[tuple[str, int, int], str] = {}
    pending: dict[str, list[CallCandidate]] = {}
    for path in sorted(files):
        for cand in files[path].candidates:
            if cand.name == "<invoke>":
                ref = cand.arg_refs[0] if cand.arg_refs else None
                folded_name = _fold(index, path, ref) if ref is not None else None
                if folded_name is not None:
                    folded[_key(cand.span)] = folded_name
            else:
                pending.setdefault(path, []).append(cand)

    sites: list[InvokeSite] = []
    for path in sorted(files):
        for site in files[path].invokes:
            command = folded.get(_key(site.span))
            sites.append(replace(site, command=command) if command is not None and site.command is None else site)
        project.listeners.extend(files[path].listeners)
    project.listeners.extend(_wrapped_listeners(index, files))

    # Wrapper calls: resolve, then let thin functions around wrapper calls become wrappers too.
    by_fn: dict[_SpanKey, list[CallCandidate]] = {}
    for cands in pending.values():
        for cand in cands:
            if cand.enclosing is not None:
                by_fn.setdefault(_key(cand.enclosing.span), []).append(cand)
    resolved: set[tuple[str, int, int]] = set()
    for _ in range(_MAX_ROUNDS):
        derived: list[tuple[str, WrapperDef]] = []
        for path, cands in pending.items():
            for cand in cands:
                key = _key(cand.span)
                if key in resolved:
                    continue
                wrapper = _lookup_candidate(index, path, cand)
                if wrapper is None:
                    continue
                resolved.add(key)
                site = _site_from_wrapper(index, path, cand, wrapper)
                sites.append(site)
                new = _derive(cand, wrapper, site)
                if new is not None and (
                    cand.result.use != Use.AWAITED or _single_command(index, path, files[path], by_fn, new)
                ):
                    derived.append((path, new))
        if not derived:
            break
        for path, w in derived:
            _add_wrapper(index, path, w)
    project.invokes = sorted(sites, key=lambda s: (s.span.path, s.span.line, s.span.col))
    project.wrappers = [w for defs in index.wrappers.values() for w in defs.values()]


def _nowhere() -> Span:
    """Where a wrapper named in the options is defined: nowhere in the project."""
    return Span("", 1, 1, 1, 1)


def _key(span: Span) -> tuple[str, int, int]:
    return (span.path, span.line, span.col)


def _add_wrapper(index: _Index, path: str, w: WrapperDef) -> None:
    defs = index.wrappers.setdefault(path, {})
    if w.name in defs:
        return
    defs[w.name] = w
    if w.exported:
        index.by_name.setdefault(w.name.rsplit(".", 1)[-1], []).append(w)


def _fold(index: _Index, path: str, ref: CommandRef, depth: int = 0) -> str | None:
    if ref.literal is not None:
        return ref.literal
    if ref.table is not None and ref.key is not None:
        target = _import_target(index, path, ref.table)
        if target is None:
            return None
        table = _exported(index, *target, index.tables)
        return table.get(ref.key) if table else None
    if ref.builder is not None and ref.builder_arg is not None:
        target = _import_target(index, path, ref.builder)
        if target is None:
            return None
        built = _exported(index, *target, index.builders)
        return built[0] + ref.builder_arg + built[1] if built else None
    return None


_Def = TypeVar("_Def")


def _exported(
    index: _Index,
    module: str,
    name: str,
    defs: dict[str, dict[str, _Def]],
    depth: int = 0,
    seen: set[tuple[str, str]] | None = None,
) -> _Def | None:
    """What `module` exports as `name` in `defs` (wrappers, tables or builders by file), also through
    its re-exports; a member name (`api.getUser`) is re-exported with its object."""
    found = defs.get(module, {}).get(name)
    # `seen`: barrels that re-export each other would otherwise be walked along every path
    seen = seen if seen is not None else set()
    if found is not None or depth > _MAX_REEXPORT_DEPTH or (module, name) in seen:
        return found
    seen.add((module, name))
    head, dot, member = name.partition(".")
    for exported, source, original in index.reexports.get(module, []):
        if source == ".":  # `export { local as exported }`
            if exported == head:
                return _exported(index, module, original + dot + member, defs, depth + 1, seen)
            continue
        if exported in ("*", head):
            target = index.resolver.resolve(source, module)
            if target is None:
                continue
            inner = name if exported == "*" else original + dot + member
            hit = _exported(index, target, inner, defs, depth + 1, seen)
            if hit is not None:
                return hit
    return None


def _import_target(index: _Index, path: str, local: str) -> tuple[str, str] | None:
    imp = index.imports.get(path, {}).get(local)
    if imp is None:
        return None
    module = index.resolver.resolve(imp[0], path)
    return (module, imp[1]) if module is not None else None


def _lookup(index: _Index, module: str, name: str) -> WrapperDef | None:
    return _exported(index, module, name, index.wrappers)


def wrapper_keys(cand: CallCandidate) -> tuple[str | None, str | None]:
    """What a call is looked up as, when it is imported: the wrapper name in the module it is imported
    from (None: never a wrapper, as for a default import), and the bare name it may match anywhere
    when that module is not in the project (None: no guessing). Shared with deferral.py."""
    head, _, member = cand.name.partition(".")
    imported = cand.imported_name or head
    if imported == "*":
        name = member or None
    elif imported == "default":
        name = None
    else:
        name = imported + ("." + member if member else "")
    bare: str | None = member or imported
    if (cand.import_source or ".").startswith((".", "@/", "~/", "$lib")):
        bare = None  # a project file we do not have (excluded): no guessing
    elif bare is None or bare in GENERIC_NAMES or len(bare) <= 3:
        bare = None
    return name, bare


def _lookup_candidate(index: _Index, path: str, cand: CallCandidate) -> WrapperDef | None:
    if cand.import_source is None:
        hit = _lookup(index, path, cand.name)
        if hit is None and cand.name.partition(".")[0] != "this":
            hits = index.by_name.get(cand.name, [])
            hit = hits[0] if len(hits) == 1 and hits[0].span.path == "" else None
        return hit
    module = index.resolver.resolve(cand.import_source, path)
    name, bare = wrapper_keys(cand)
    if module is not None:
        return _lookup(index, module, name) if name is not None else None
    # Last resort: a unique exported wrapper of that bare name anywhere in the project.
    hits = index.by_name.get(bare, []) if bare is not None else []
    return hits[0] if len(hits) == 1 else None


def _site_from_wrapper(index: _Index, path: str, cand: CallCandidate, w: WrapperDef) -> InvokeSite:
    via = Via.BINDINGS if w.kind == WrapperKind.BINDINGS else Via.WRAPPER
    if w.kind == WrapperKind.PASSTHROUGH:
        command: str | None = None
        i = w.cmd_param if w.cmd_param is not None else 0
        if i < len(cand.arg_literals):
            command = cand.arg_literals[i]
            if command is None and i < len(cand.arg_refs) and cand.arg_refs[i] is not None:
                command = _fold(index, path, cand.arg_refs[i])  # type: ignore[arg-type]
        if w.args_param is None:
            args = Args("unknown")
        elif w.args_param < len(cand.arg_shapes):
            args = cand.arg_shapes[w.args_param]
        else:
            args = Args("none")
        checked = w.args_param is not None
    else:
        command = w.command
        if command is None and w.command_ref is not None:
            command = _fold(index, w.span.path, w.command_ref)
        args = w.args or Args("unknown")
        checked = False
    return InvokeSite(
        span=cand.span,
        command=command,
        via=via,
        args=args,
        result=cand.result,
        repetition=cand.repetition,
        wrapper=w.name,
        wrapper_handles_rejection=w.handles_rejection,
        wrapper_settles=w.settles_inside,
        typed_unit=w.typed_unit,
        args_checked_here=checked,
        wrapped_in_typed_array=cand.wrapped_in_typed_array,
    )


def _root_components(index: _Index, files: dict[str, FrontendFacts]) -> set[str]:
    """Components an entry module mounts as the app's root (FrontendFacts.mounts) that no other module
    imports: they are created once per page, so their mount hooks run once."""
    mounted: dict[str, set[str]] = {}
    for path in sorted(files):
        for source in files[path].mounts:
            target = index.resolver.resolve(source, path)
            if target is not None:
                mounted.setdefault(target, set()).add(path)
    if not mounted:
        return set()
    roots = set(mounted)
    for path in sorted(files):
        # `defineAsyncComponent(() => import("./Settings.vue"))` uses it as much as an import does
        sources = [imp.source for imp in files[path].imports] + files[path].dynamic_imports
        for source in sources:
            if source.endswith((".vue", ".svelte")):  # both require the extension in an import
                target = index.resolver.resolve(source, path)
                if target in roots and path not in mounted[target]:
                    roots.discard(target)  # also a child of another component: it may mount many times
    return roots


def _wrapped_listeners(index: _Index, files: dict[str, FrontendFacts]) -> list[Listener]:
    """Calls of another module's listen wrappers (FrontendFacts.listen_wrappers), read as listeners."""
    defs = {
        path: {name: (path, name) for name, exported in f.listen_wrappers if exported}
        for path, f in files.items()
        if f.listen_wrappers
    }
    found: list[Listener] = []
    for path in sorted(files) if defs else ():
        for cand in files[path].candidates:
            if cand.listener is None or cand.import_source is None or cand.imported_name is None or "." in cand.name:
                continue
            module = index.resolver.resolve(cand.import_source, path)
            if module is not None and _exported(index, module, cand.imported_name, defs) is not None:
                found.append(cand.listener)
    return found


def _root_functions(index: _Index, files: dict[str, FrontendFacts]) -> set[tuple[str, str]]:
    """Function components an entry module renders as the app's root (FrontendFacts.rendered), also
    through barrels, inside providers that pass their children through, and that no other module
    imports: their bodies run once per page. Only the components that hold a listener
    (Listener.component) are looked for."""
    defs: dict[str, dict[str, tuple[str, str]]] = {}
    for path, f in files.items():
        wrapped = [c.listener for c in f.candidates if c.listener is not None]
        for listener in [*f.listeners, *wrapped]:
            if listener.component is not None:
                defs.setdefault(path, {})[listener.component] = (path, listener.component)
    if not defs:
        return set()
    # the project's providers whose code is read: a provider made otherwise (`makeProvider(...)`), like
    # one from npm, is taken at its name
    providers = {path: {name: (path, name) for name, _ in f.providers} for path, f in files.items() if f.providers}
    opaque = {(path, name) for path, f in files.items() for name, passes in f.providers if not passes}

    def find(source: str, name: str, path: str, among: dict[str, dict[str, tuple[str, str]]]) -> tuple[str, str] | None:
        module = path if not source else index.resolver.resolve(source, path)
        return _exported(index, module, name, among) if module is not None else None

    rendered: dict[tuple[str, str], set[str]] = {}
    for path in sorted(files):
        for source, name, through in files[path].rendered:
            found = find(source, name, path, defs)
            # inside a provider that does not pass its children straight through (`<Show>`): no root
            if found is not None and not any(find(s, n, path, providers) in opaque for s, n in through):
                rendered.setdefault(found, set()).add(path)
    if not rendered:
        return set()
    # the names an import of one of them can use: its own, a barrel's renames of it, a namespace
    names = {name for _, name in rendered} | {"*"}
    renames = [(original, exported) for moves in index.reexports.values() for exported, _, original in moves]
    grew = True
    while grew:
        more = {exported for original, exported in renames if original in names}
        grew = not more <= names
        names |= more
    roots = set(rendered)
    for path in sorted(files):
        # a dynamic `import("./Panel")` (Solid's `lazy`) may reach any of the module's exports
        uses = [(imp.source, imp.imported) for imp in files[path].imports] + [
            (source, "*") for source in files[path].dynamic_imports
        ]
        for source, imported in uses:
            if imported not in names or not roots:
                continue
            module = index.resolver.resolve(source, path)
            if module is None:
                continue
            if imported == "*":
                hits = {key for key in roots if _exported(index, module, key[1], defs) == key}
            else:
                hit = _exported(index, module, imported, defs)
                hits = {hit} if hit is not None else set()
            roots -= {key for key in hits & roots if path not in rendered[key]}  # used elsewhere: it may mount again
    return roots


def _single_command(
    index: _Index,
    path: str,
    facts: FrontendFacts,
    by_fn: dict[_SpanKey, list[CallCandidate]],
    w: WrapperDef,
) -> bool:
    """A function that awaits wrapper calls gives back one command's promise only when every call in it
    reaches that command (`if (retry) return await withRetry("im_request", a); return await call(
    "im_request", a)`). `async save() { await call("a"); await call("b") }` has its own logic."""
    for other in by_fn.get(_key(w.span), []):
        hit = _lookup_candidate(index, path, other)
        if hit is None or _site_from_wrapper(index, path, other, hit).command != w.command:
            return False
    return not any(_within(s.span, w.span) and s.command != w.command for s in facts.invokes)


def _within(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.col) <= (inner.line, inner.col) and (inner.end_line, inner.end_col) <= (
        outer.end_line,
        outer.end_col,
    )


def _derive(cand: CallCandidate, w: WrapperDef, site: InvokeSite) -> WrapperDef | None:
    """A thin named function around a wrapper call with a known command is a wrapper too:
    `export const getUser = (id) => call("get_user", { id })`."""
    enc = cand.enclosing
    if enc is None or not enc.propagates:
        return None
    if w.kind == WrapperKind.PASSTHROUGH and w.cmd_param is not None and site.command is None:
        # `withRetry(cmd, args) { ... return await call(cmd, args) }`: a pass-through of a pass-through
        names = cand.arg_names
        cmd = names[w.cmd_param] if w.cmd_param < len(names) else None
        if cmd is None or cmd not in enc.params:
            return None
        args = names[w.args_param] if w.args_param is not None and w.args_param < len(names) else None
        return WrapperDef(
            name=enc.name,
            kind=WrapperKind.PASSTHROUGH,
            span=enc.span,
            exported=enc.exported,
            cmd_param=enc.params.index(cmd),
            args_param=enc.params.index(args) if args in enc.params else None,
            handles_rejection=enc.handles_rejection or w.handles_rejection,
            settles_inside=enc.settles_inside or w.settles_inside,
        )
    if site.command is None:
        return None
    return WrapperDef(
        name=enc.name,
        kind=WrapperKind.TYPED,  # the project's own function, even when it wraps generated bindings
        span=enc.span,
        exported=enc.exported,
        command=site.command,
        args=site.args,
        handles_rejection=enc.handles_rejection or w.handles_rejection,
        settles_inside=enc.settles_inside or w.settles_inside,
        typed_unit=enc.typed_unit or w.typed_unit,
    )
