"""A cache of per-file facts, so a run where little changed re-extracts little.

One pickle per project under `.tauri-lint-cache/` (with its own `.gitignore`), keyed by the tool
version and the settings that change extraction. An entry is reused when the file's (mtime, size)
match; otherwise the content hash decides. A corrupt or foreign cache is ignored and rewritten; writes
go to a temp file that is renamed over the old one, so concurrent runs never see half a file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field

from tauri_lint import __version__
from tauri_lint.diagnostics import Diagnostic
from tauri_lint.model import Comment, FileFacts, FrontendFacts, Note, RustFacts
from tauri_lint.settings import RuleOptions

CACHE_DIR_NAME = ".tauri-lint-cache"
_FORMAT = 1


@dataclass(slots=True)
class Entry:
    stamp: tuple[int, int]  # (mtime_ns, size)
    digest: str
    facts: FileFacts


@dataclass(slots=True)
class FactsCache:
    path: str  # the pickle file
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    dirty: bool = False

    def lookup(self, path: str) -> FileFacts | None:
        entry = self.entries.get(path)
        if entry is None:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp == entry.stamp and not _just_written(st.st_mtime_ns):
            return entry.facts
        try:
            with open(path, "rb") as f:
                digest = hashlib.blake2b(f.read(), digest_size=16).hexdigest()
        except OSError:
            return None
        if digest == entry.digest:
            self.entries[path] = Entry(stamp, digest, entry.facts)
            self.dirty = True
            return entry.facts
        return None

    def store(self, path: str, facts: FileFacts, stamp: tuple[int, int], digest: str) -> None:
        if stamp[1] < 0 or not digest:
            return  # unreadable, vanished or stdin content: nothing stable to key on
        self.entries[path] = Entry(stamp, digest, facts)
        self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for path in list(self.entries):
            if path not in keep:
                del self.entries[path]
                self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        directory = os.path.dirname(self.path)
        try:
            os.makedirs(directory, exist_ok=True)
            ignore = os.path.join(directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as f:
                    f.write("# Automatically created by tauri-lint.\n*\n")
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".facts-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump((_FORMAT, self.key, self.entries), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            # A read-only checkout still lints; it just does not get faster.
            return


def _sound(path: object, entry: object) -> bool:
    return (
        isinstance(path, str)
        and isinstance(entry, Entry)
        and isinstance(entry.facts, (FrontendFacts, RustFacts))
        and entry.facts.path == path
    )


def _code_fingerprint() -> str:
    """Sizes and mtimes of tauri-lint's own modules: facts pickled by other code (an upgrade, an
    editable install being worked on) are never read back as if they were current."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        import importlib

        rules = importlib.import_module("tauri_lint.rules")  # by name: rules/ is mapped into the package
        folders = [os.path.dirname(os.path.abspath(__file__)), *rules.__path__]
        parts = []
        for top in folders:
            for folder, _, names in os.walk(top):
                for name in names:
                    if name.endswith(".py"):
                        st = os.stat(os.path.join(folder, name))
                        parts.append(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}")
        _FINGERPRINT = hashlib.blake2b("|".join(sorted(parts)).encode(), digest_size=8).hexdigest()
    return _FINGERPRINT


_FINGERPRINT: str | None = None


def cache_key(options: RuleOptions, aliases: tuple[str, ...] = ()) -> str:
    # Only what extraction reads belongs here; rule-only options do not invalidate facts.
    material = repr((_FORMAT, __version__, _code_fingerprint(), tuple(options.wrapper_names), aliases))
    return hashlib.blake2b(material.encode(), digest_size=16).hexdigest()


def open_cache(
    project_root: str, options: RuleOptions, cache_dir: str | None, aliases: tuple[str, ...] = ()
) -> FactsCache:
    base = cache_dir or os.path.join(project_root, CACHE_DIR_NAME)
    name = hashlib.blake2b(os.path.abspath(project_root).encode(), digest_size=8).hexdigest()
    path = os.path.join(base, f"facts-{name}.pickle")
    key = cache_key(options, aliases)
    cache = FactsCache(path=path, key=key)
    try:
        with open(path, "rb") as f:
            fmt, stored_key, entries = pickle.load(f)
        if fmt == _FORMAT and stored_key == key and isinstance(entries, dict):
            # a damaged entry is dropped (and re-extracted), never trusted
            cache.entries = {p: e for p, e in entries.items() if _sound(p, e)}
            cache.dirty = len(cache.entries) != len(entries)
    except Exception:  # missing, corrupt, foreign, from another version: start afresh
        cache.dirty = True
    return cache


# --------------------------------------------------------------------------------------------------
# Results of a whole project: when not one of its files changed, the rules need not run again.
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ProjectResults:
    stamps: dict[str, tuple[int, int]]  # every file of the project → (mtime_ns, size)
    raw: list[Diagnostic]  # what the rules reported on the whole project, before any filtering
    comments: dict[str, list[Comment]]
    notes: dict[str, list[Note]]


def _results_path(project_root: str, cache_dir: str | None) -> str:
    base = cache_dir or os.path.join(project_root, CACHE_DIR_NAME)
    name = hashlib.blake2b(os.path.abspath(project_root).encode(), digest_size=8).hexdigest()
    return os.path.join(base, f"results-{name}.pickle")


def load_results(project_root: str, cache_dir: str | None, key: str, paths: list[str]) -> ProjectResults | None:
    """The stored results, if they were made with this key for exactly these files, all unchanged."""
    try:
        with open(_results_path(project_root, cache_dir), "rb") as f:
            fmt, stored_key, results = pickle.load(f)
    except Exception:  # missing, corrupt, foreign: run the rules
        return None
    if fmt != _FORMAT or stored_key != key or not isinstance(results, ProjectResults):
        return None
    shapes = ((results.stamps, dict), (results.raw, list), (results.comments, dict), (results.notes, dict))
    if not all(isinstance(value, kind) for value, kind in shapes):
        return None  # damaged: run the rules
    if len(results.stamps) != len(paths):
        return None
    for path in paths:
        stamp = results.stamps.get(path)
        try:
            st = os.stat(path)
        except OSError:
            return None
        if stamp != (st.st_mtime_ns, st.st_size) or _just_written(st.st_mtime_ns):
            return None
    return results


# A file written less than this long ago may be written again within the same timestamp tick, keeping
# its size: its (mtime, size) cannot vouch for its content, so the content hash decides instead.
_RACY_NS = 2_000_000_000


def _just_written(mtime_ns: int) -> bool:
    return time.time_ns() - mtime_ns < _RACY_NS


def save_results(project_root: str, cache_dir: str | None, key: str, results: ProjectResults) -> None:
    path = _results_path(project_root, cache_dir)
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".results-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((_FORMAT, key, results), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return
