"""One lint run: discover → extract (pool + cache) → project model → rules → settings/suppressions."""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import ParamSpec, TypeVar

from tauri_lint.cache import (
    RACY,
    FactsCache,
    ProjectResults,
    cache_key,
    load_results,
    open_cache,
    save_results,
    stamp_of,
)
from tauri_lint.deferral import UNCHECKED, ProjectNames, forget_lazy_words
from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.discovery import ProjectFiles, discover
from tauri_lint.extraction import INTERNAL, Extracted, Work, extract_one
from tauri_lint.model import REFS_KEY, Comment, FileFacts, FrontendFacts, Note, Span
from tauri_lint.modules import Aliases, load_aliases
from tauri_lint.project import Project, build_project
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule
from tauri_lint.selection import apply_settings, enabled_rules
from tauri_lint.settings import RuleOptions, Settings
from tauri_lint.suppressions import apply_suppressions
from tauri_lint.workers import Extractor, Progress

P = ParamSpec("P")
R = TypeVar("R")


def resolve_jobs(jobs: int | None) -> int:
    if jobs is None or jobs <= 0:
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    return jobs


def _without_cyclic_gc(run: Callable[P, R]) -> Callable[P, R]:
    """A lint run allocates millions of small objects and frees them all at the end, with no cycles to
    find; CPython's cyclic collector would re-scan them over and over (about 15% of a cold run, and most
    of unpickling a cache)."""

    @functools.wraps(run)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_cyclic_gc
def lint(
    paths: Sequence[str],
    settings: Settings,
    *,
    jobs: int | None = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    stdin: tuple[str, bytes] | None = None,
    progress: Progress | None = None,
) -> LintResult:
    rules = enabled_rules(settings)
    result = LintResult()
    stdin_path = os.path.abspath(stdin[0]) if stdin is not None else None
    if stdin_path is not None and stdin is not None:
        discovery = discover([os.path.dirname(stdin_path) or "."], settings)
        result.overrides[stdin_path] = stdin[1]
        discovery.projects = _adopt_stdin(discovery.projects, stdin_path)
    else:
        discovery = discover(list(paths) or ["."], settings)
    result.notes.extend(discovery.notes)
    n_jobs = resolve_jobs(jobs)
    roots: list[str] = []
    diags: list[Diagnostic] = []
    comments: dict[str, list[Comment]] = {}
    outcomes = _outcomes(discovery.projects, rules, settings.options, n_jobs, cache_dir, use_cache, result, progress)
    for files, outcome in zip(discovery.projects, outcomes, strict=True):
        roots.append(files.root)
        for path in sorted(outcome.comments):
            if path not in files.requested:
                continue
            result.files.append(path)
            comments[path] = outcome.comments[path]
            for note in outcome.notes.get(path, []):
                if note.message.startswith(INTERNAL):
                    result.internal_errors += 1
                    diag, detail = _internal(note)
                    diags.append(diag)
                    result.tracebacks.append(detail)
                else:
                    result.notes.append(note)
        # a plugin crate shared by several apps is reported once, by the project that owns it
        diags.extend(d for d in outcome.raw if d.span.path in files.requested or d.rule == INTERNAL)
    result.root = _common_root(roots)
    diags = apply_suppressions(diags, comments, {r.id for r in rules})
    diags = apply_settings(diags, settings, result.root)
    result.diagnostics = sorted(diags, key=Diagnostic.sort_key)
    result.files.sort()
    return result


# Files besides the sources whose content changes what the rules see.
_CONFIG_NAMES = ("tsconfig.json", "tsconfig.app.json", "jsconfig.json", "package.json")


def _config_files(files: ProjectFiles) -> list[str]:
    """tsconfig/jsconfig (aliases), the Tauri config, and every Cargo.toml of the project's crates (which
    crate a file belongs to decides app versus plugin commands)."""
    found = {os.path.join(files.root, name) for name in _CONFIG_NAMES}
    if files.tauri_dir is not None:
        found.update(os.path.join(files.tauri_dir, n) for n in ("tauri.conf.json", "tauri.conf.json5", "Tauri.toml"))
    top = os.path.commonpath([files.root, files.tauri_dir]) if files.tauri_dir else files.root
    seen: set[str] = set()
    for path in files.rust_files:
        folder = os.path.dirname(path)
        while folder not in seen and folder.startswith(top) and len(folder) > 1:
            seen.add(folder)
            found.add(os.path.join(folder, "Cargo.toml"))
            folder = os.path.dirname(folder)
    return sorted(p for p in found if os.path.isfile(p))


def _adopt_stdin(projects: list[ProjectFiles], path: str) -> list[ProjectFiles]:
    """Lint stdin as `path`: inside the project that owns it, reporting on it alone."""
    owner = None
    for p in projects:
        inside = path.startswith(os.path.join(p.root, ""))
        if inside and (owner is None or len(p.root) > len(owner.root)):
            owner = p
    if owner is None:
        owner = ProjectFiles(
            root=os.path.dirname(path),
            tauri_dir=None,
            frontend_files=[],
            rust_files=[],
            cargo_deps=[],
            requested=set(),
        )
        projects = [owner]
    target = owner.rust_files if path.endswith(".rs") else owner.frontend_files
    if path not in target:
        target.append(path)
    owner.requested = {path}
    return [owner]


@dataclass(slots=True)
class _Pending:
    """A project whose rules must run: what the cache already had, and what is left to extract."""

    files: ProjectFiles
    paths: list[str]
    aliases: tuple[str, ...]
    resolver_aliases: Aliases  # read once per run, for the cache key and the project's module resolver
    key: str | None
    cache: FactsCache | None
    watched: list[str]  # config files whose change invalidates the project's results
    done: dict[str, FileFacts] = field(default_factory=dict)
    todo: list[str] = field(default_factory=list)
    names: ProjectNames | None = None  # of the files analysed so far (deferral.py)


def _outcomes(
    projects: list[ProjectFiles],
    rules: list[Rule],
    options: RuleOptions,
    jobs: int,
    cache_dir: str | None,
    use_cache: bool,
    result: LintResult,
    progress: Progress | None,
) -> list[ProjectResults]:
    """What the rules say about each project. A project none of whose files changed is answered from
    the results cache; the files of all the others are extracted together, in one pool."""
    outcomes: list[ProjectResults | None] = []
    pending: list[_Pending] = []
    for files in projects:
        stored, work = _plan(files, rules, options, cache_dir, use_cache, result)
        outcomes.append(stored)
        if work is not None:
            pending.append(work)
    todo: list[Work] = [(path, work.aliases, UNCHECKED) for work in pending for path in work.todo]
    total = sum(len(work.paths) for work in pending)
    by_path: dict[str, Extracted] = {}
    with Extractor(options, jobs) as extractor:
        by_path.update((e[0], e) for e in extractor.run(todo, progress, total - len(todo), total))
        for work in pending:
            work.done.update((path, by_path[path][1]) for path in work.todo)
        # Lazy files the project needs after all, until no analysed file adds a name (deferral.py).
        # Each round analyses files or marks them checked against names that then stay the same, so
        # it ends once the analysed files stop growing.
        while True:
            wanted = [(work, _needed(work, options)) for work in pending]
            todo = [w for _, ws in wanted for w in ws]
            if not todo:
                break
            # the lazy files being checked again count as not done yet
            fresh = {e[0]: e for e in extractor.run(todo, progress, total - len(todo), total, start_pool=False)}
            by_path.update(fresh)
            for work, ws in wanted:
                listed = set(work.todo)
                for path, _, _ in ws:
                    work.done[path] = fresh[path][1]
                    if path not in listed:
                        work.todo.append(path)  # so that _finish caches what the recheck found
    forget_lazy_words()
    finished = iter(_finish(work, by_path, rules, options, cache_dir, result) for work in pending)
    return [o if o is not None else next(finished) for o in outcomes]


def _needed(work: _Pending, options: RuleOptions) -> list[Work]:
    """The project's lazy files not yet checked against the names its analysed files now give."""
    frontend = [f for f in work.done.values() if isinstance(f, FrontendFacts)]
    if not any(f.lazy is not None for f in frontend):
        return []
    if work.names is None:
        work.names = ProjectNames(options.wrapper_names)
    for f in frontend:
        work.names.add(f)
    names = work.names.current()
    return [
        (f.path, work.aliases, names)
        for f in frontend
        if f.lazy is not None and f.lazy != names.key_for(f.lazy.startswith(REFS_KEY))
    ]


def _plan(
    files: ProjectFiles,
    rules: list[Rule],
    options: RuleOptions,
    cache_dir: str | None,
    use_cache: bool,
    result: LintResult,
) -> tuple[ProjectResults | None, _Pending | None]:
    paths = sorted(set(files.frontend_files) | set(files.rust_files))
    resolver_aliases = load_aliases(files.root, files.frontend_files)
    aliases = tuple(prefix for prefix, _ in resolver_aliases)
    watched = _config_files(files)
    key: str | None = None
    if use_cache and not any(p in result.overrides for p in paths):
        rule_ids = ",".join(r.id for r in rules)
        # rules report only on the requested files, so results are only as good as that set
        asked = hashlib.blake2b("\0".join(sorted(files.requested)).encode("utf-8", "surrogateescape")).hexdigest()
        # where each alias points matters to the rules (which module a wrapper call resolves to)
        key = (
            f"{cache_key(options, aliases)}:{rule_ids}:{options!r}:{files.tauri_dir}:{sorted(files.cargo_deps)}:"
            f"{files.tauri_major}:"
            f"{asked}:{resolver_aliases!r}:{watched!r}"
        )
        stored = load_results(files.root, cache_dir, key, paths + watched)
        if stored is not None:
            return stored, None
    cache = open_cache(files.root, options, cache_dir, aliases) if use_cache else None
    work = _Pending(files, paths, aliases, resolver_aliases, key, cache, watched)
    for path in paths:
        if path in result.overrides:
            # stdin is analysed whatever it imports: it cannot be re-read later, and it was asked for
            work.done[path] = extract_one(path, options, result.overrides[path], aliases)[1]
            continue
        hit = cache.lookup(path) if cache is not None else None
        if hit is not None:
            work.done[path] = hit
        else:
            work.todo.append(path)
    return None, work


def _finish(
    work: _Pending,
    extracted: dict[str, Extracted],
    rules: list[Rule],
    options: RuleOptions,
    cache_dir: str | None,
    result: LintResult,
) -> ProjectResults:
    files, cache = work.files, work.cache
    for path in work.todo:
        # the project's own facts (a file in two projects was extracted for each), the read's stamp
        _, read_facts, stamp, digest = extracted[path]
        facts = work.done.setdefault(path, read_facts)
        # a contained crash is not a fact of the file: retry it next run rather than replay it forever
        if cache is not None and not any(n.message.startswith(INTERNAL) for n in facts.notes):
            cache.store(path, facts, stamp, digest)
    stamps: dict[str, tuple[int, int]] | None = None
    if cache is not None:
        cache.prune(set(work.paths))
        cache.save()
        stamps = {p: cache.entries[p].stamp for p in work.paths if p in cache.entries}
        for config in work.watched:
            if (config_stamp := stamp_of(config)) is not None:
                stamps[config] = config_stamp
        # results are kept only when every stamp can vouch for its file
        if len(stamps) != len(work.paths) + len(work.watched) or RACY in stamps.values():
            stamps = None
    facts_list = [work.done[p] for p in work.paths]
    project = build_project(
        files.root,
        files.tauri_dir,
        facts_list,
        requested=files.requested,
        cargo_deps=files.cargo_deps,
        options=options,
        aliases=work.resolver_aliases,
        tauri_major=files.tauri_major,
    )
    project.enabled_rules = frozenset(rule.id for rule in rules)
    failures = result.internal_errors
    raw: list[Diagnostic] = []
    for rule in rules:
        raw.extend(_run_rule(rule, project, options, result))
    outcome = ProjectResults(
        stamps=stamps or {},
        raw=raw,
        comments={f.path: list(f.comments) for f in facts_list},
        notes={f.path: list(f.notes) for f in facts_list if f.notes},
    )
    clean = result.internal_errors == failures and not any(
        n.message.startswith(INTERNAL) for ns in outcome.notes.values() for n in ns
    )
    if work.key is not None and stamps is not None and clean:
        save_results(files.root, cache_dir, work.key, outcome)
    return outcome


def _run_rule(rule: Rule, project: Project, options: RuleOptions, result: LintResult) -> list[Diagnostic]:
    try:
        found = list(rule.check(project, options))
    except Exception as e:  # contain it: one failing rule never hides the others' findings
        result.internal_errors += 1
        where = project.tauri_dir or project.root
        detail = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        span = Span(where, 1, 1, 1, 1)
        result.tracebacks.append(detail)
        return [
            Diagnostic(
                INTERNAL,
                Severity.ERROR,
                span,
                f"rule {rule.id} failed on the project at {where}: {type(e).__name__}: {e}",
                help="this is a bug in tauri-lint: please report it with the traceback (-v shows it)",
            )
        ]
    severity = rule.severity
    return [
        d if d.rule == rule.id or d.rule == INTERNAL else replace(d, rule=rule.id, severity=severity) for d in found
    ]


def _internal(note: Note) -> tuple[Diagnostic, str]:
    first, _, detail = note.message.partition("\n")
    diag = Diagnostic(
        INTERNAL,
        Severity.ERROR,
        Span(note.path, note.line, note.col, note.line, note.col),
        first.removeprefix(INTERNAL + ": ") + f" in {os.path.basename(note.path)}",
        help="this is a bug in tauri-lint: please report it with the traceback (-v shows it)",
    )
    return diag, detail


def _common_root(roots: list[str]) -> str:
    cwd = os.getcwd()
    if not roots:
        return cwd
    # Report paths relative to the working directory when every project lies below it, like ruff.
    if all(r == cwd or r.startswith(os.path.join(cwd, "")) for r in roots):
        return cwd
    return os.path.commonpath(roots)
