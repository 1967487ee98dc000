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
from dataclasses import dataclass, field

from tauri_lint import __version__
from tauri_lint.model import FileFacts, FrontendFacts, RustFacts
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
        if stamp == entry.stamp:
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


def cache_key(options: RuleOptions, aliases: tuple[str, ...] = ()) -> str:
    # Only what extraction reads belongs here; rule-only options do not invalidate facts.
    material = repr((_FORMAT, __version__, tuple(options.wrapper_names), aliases))
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
