"""One lint run: discover → extract (pool + cache) → project model → rules → settings/suppressions."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing.context import BaseContext

from tauri_lint.cache import FactsCache, open_cache
from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.discovery import ProjectFiles, discover
from tauri_lint.extraction import INTERNAL, Extracted, extract_batch, extract_one
from tauri_lint.model import Comment, FileFacts, Note, Span
from tauri_lint.modules import ModuleResolver
from tauri_lint.project import Project, build_project
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule
from tauri_lint.selection import apply_settings, enabled_rules
from tauri_lint.settings import RuleOptions, Settings
from tauri_lint.suppressions import apply_suppressions

# Below this many files to extract, starting worker processes costs more than it saves.
POOL_THRESHOLD = 48
BATCH_BYTES = 256 * 1024

Progress = Callable[[int, int], None]


def resolve_jobs(jobs: int | None) -> int:
    if jobs is None or jobs <= 0:
        return max(
            1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        )
    return jobs


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
    for files in discovery.projects:
        roots.append(files.root)
        facts = _extract(files, settings.options, n_jobs, cache_dir, use_cache, result.overrides, progress)
        project = build_project(
            files.root,
            files.tauri_dir,
            facts,
            requested=files.requested,
            cargo_deps=files.cargo_deps,
            options=settings.options,
        )
        for f in facts:
            if f.path in files.requested:
                result.files.append(f.path)
                comments[f.path] = list(f.comments)
                for note in f.notes:
                    if note.message.startswith(INTERNAL):
                        result.internal_errors += 1
                        diag, detail = _internal(note)
                        diags.append(diag)
                        result.tracebacks.append(detail)
                    else:
                        result.notes.append(note)
        for rule in rules:
            found = _run_rule(rule, project, settings.options, result)
            # a plugin crate shared by several apps is reported once, by the project that owns it
            diags.extend(d for d in found if d.span.path in files.requested or d.rule == INTERNAL)
    result.root = _common_root(roots)
    diags = apply_suppressions(diags, comments, {r.id for r in rules})
    diags = apply_settings(diags, settings, result.root)
    result.diagnostics = sorted(diags, key=Diagnostic.sort_key)
    result.files.sort()
    return result


def _adopt_stdin(projects: list[ProjectFiles], path: str) -> list[ProjectFiles]:
    """Lint stdin as `path`: inside the project that owns it, reporting on it alone."""
    owner = None
    for p in projects:
        if path.startswith(os.path.join(p.root, "")):
            if owner is None or len(p.root) > len(owner.root):
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


def _extract(
    files: ProjectFiles,
    options: RuleOptions,
    jobs: int,
    cache_dir: str | None,
    use_cache: bool,
    overrides: dict[str, bytes],
    progress: Progress | None,
) -> list[FileFacts]:
    paths = sorted(set(files.frontend_files) | set(files.rust_files))
    aliases = tuple(prefix for prefix, _ in ModuleResolver(files.root, ()).aliases)
    cache: FactsCache | None = open_cache(files.root, options, cache_dir, aliases) if use_cache else None
    done: dict[str, FileFacts] = {}
    todo: list[str] = []
    for path in paths:
        if path in overrides:
            done[path] = extract_one(path, options, overrides[path], aliases)[1]
            continue
        hit = cache.lookup(path) if cache is not None else None
        if hit is not None:
            done[path] = hit
        else:
            todo.append(path)
    total = len(paths)
    extracted = _run_extraction(todo, options, aliases, jobs, progress, total - len(todo), total)
    for path, facts, stamp, digest in extracted:
        done[path] = facts
        # a contained crash is not a fact of the file: retry it next run rather than replay it forever
        if cache is not None and not any(n.message.startswith(INTERNAL) for n in facts.notes):
            cache.store(path, facts, stamp, digest)
    if cache is not None:
        cache.prune(set(paths))
        cache.save()
    return [done[p] for p in paths]


def _run_extraction(
    todo: list[str],
    options: RuleOptions,
    aliases: tuple[str, ...],
    jobs: int,
    progress: Progress | None,
    start: int,
    total: int,
) -> list[Extracted]:
    if progress is not None:
        progress(start, total)
    if jobs <= 1 or len(todo) < POOL_THRESHOLD:
        out = []
        for i, path in enumerate(todo):
            out.append(extract_one(path, options, None, aliases))
            if progress is not None and i % 64 == 63:
                progress(start + i + 1, total)
        return out
    batches = _batches(todo, jobs)
    out = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            n = len(batches)
            for batch in pool.map(extract_batch, batches, [options] * n, [aliases] * n):
                out.extend(batch)
                if progress is not None:
                    progress(start + len(out), total)
    except Exception:
        # A broken pool (no /dev/shm, a killed worker) must not lose the run: finish in-process.
        seen = {e[0] for e in out}
        out.extend(extract_one(p, options, None, aliases) for p in todo if p not in seen)
    return out


def _context() -> BaseContext:
    import multiprocessing

    # fork shares the already-imported grammars with the workers; elsewhere use the default
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _batches(paths: list[str], jobs: int) -> list[list[str]]:
    """Batches of roughly equal bytes, several per worker so a slow batch does not idle the others."""
    sizes = []
    for p in paths:
        try:
            sizes.append(os.path.getsize(p))
        except OSError:
            sizes.append(0)
    target = max(BATCH_BYTES, sum(sizes) // (jobs * 8) + 1)
    batches: list[list[str]] = [[]]
    acc = 0
    for p, size in zip(paths, sizes):
        if acc >= target and batches[-1]:
            batches.append([])
            acc = 0
        batches[-1].append(p)
        acc += size
    return [b for b in batches if b]


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
        d if d.rule == rule.id or d.rule == INTERNAL else replace(d, rule=rule.id, severity=severity)
        for d in found
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
