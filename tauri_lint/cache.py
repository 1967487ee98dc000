"""A cache of per-file facts, so a run where little changed re-extracts little.

One pickle per project under `.tauri-lint-cache/` (with its own `.gitignore`), keyed by the tool
version and the settings that change extraction. An entry is reused when the file's (mtime, size)
match; otherwise the content hash decides. A corrupt or foreign cache is ignored and rewritten; writes
go to a temp file that is renamed over the old one, so concurrent runs never see half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
import zlib
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


# A big project's facts are split over shards, so a run that re-extracts one file rewrites one shard
# rather than every file's facts. Small projects keep a single file.
SHARDS = 16
SHARD_FROM = 512  # entries


def _shard_of(path: str, shards: int) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % shards


def _shard_key(key: str, k: int, shards: int) -> str:
    """The key a shard is stored under: the cache key, which shard, and how many there are."""
    return f"{key}/{k}/{shards}"


def _shard_path(first: str, k: int) -> str:
    return first if k == 0 else first.replace(".pickle", f".{k}.pickle")


@dataclass(slots=True)
class FactsCache:
    path: str  # the first (or only) shard's pickle file
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    shards: int = 1  # as stored on disk
    dirty: set[int] = field(default_factory=set)  # shards to rewrite; -1: all of them

    def _touch(self, path: str) -> None:
        self.dirty.add(_shard_of(path, self.shards))

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
            trusted = _trusted(stamp)
            if trusted != entry.stamp:
                self.entries[path] = Entry(trusted, digest, entry.facts)
                self._touch(path)
            return entry.facts
        return None

    def store(self, path: str, facts: FileFacts, stamp: tuple[int, int], digest: str) -> None:
        if stamp[1] < 0 or not digest:
            return  # unreadable, vanished or stdin content: nothing stable to key on
        self.entries[path] = Entry(_trusted(stamp), digest, facts)
        self._touch(path)

    def prune(self, keep: set[str]) -> None:
        for path in list(self.entries):
            if path not in keep:
                del self.entries[path]
                self._touch(path)

    def save(self) -> None:
        if not self.dirty:
            return
        shards = SHARDS if len(self.entries) >= SHARD_FROM else 1
        rewrite = set(range(shards)) if shards != self.shards or -1 in self.dirty else self.dirty
        directory = os.path.dirname(self.path)
        try:
            os.makedirs(directory, exist_ok=True)
            ignore = os.path.join(directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as f:
                    f.write("# Automatically created by tauri-lint.\n*\n")
            parts: list[dict[str, Entry]] = [{} for _ in range(shards)]
            for path, entry in self.entries.items():
                parts[_shard_of(path, shards)][path] = entry
            # The first shard last: it names the shard count, so a reader never pairs it with shards
            # of another layout (a concurrent run at worst loses some entries, which are re-extracted).
            for k in sorted(rewrite, reverse=True):
                fd, tmp = tempfile.mkstemp(dir=directory, prefix=".facts-", suffix=".tmp")
                with os.fdopen(fd, "wb") as f:
                    pickle.dump(
                        (_FORMAT, _shard_key(self.key, k, shards), parts[k]), f, protocol=pickle.HIGHEST_PROTOCOL
                    )
                os.replace(tmp, _shard_path(self.path, k))
            for k in range(shards, max(self.shards, shards)):
                with contextlib.suppress(OSError):
                    os.remove(_shard_path(self.path, k))
            self.shards, self.dirty = shards, set()
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
        shards = 1
        k = 0
        while k < shards:
            with open(_shard_path(path, k), "rb") as f:
                fmt, stored_key, entries = pickle.load(f)
            if k == 0 and isinstance(stored_key, str):
                count = stored_key.rpartition("/")[2]
                shards = int(count) if count.isdigit() and 1 <= int(count) <= 64 else 1
            if fmt != _FORMAT or stored_key != _shard_key(key, k, shards) or not isinstance(entries, dict):
                raise ValueError("foreign cache")
            # a damaged entry is dropped (and re-extracted), never trusted
            sound = {p: e for p, e in entries.items() if _sound(p, e)}
            if len(sound) != len(entries):
                cache.dirty.add(k)
            cache.entries.update(sound)
            k += 1
        cache.shards = shards
    except Exception:  # missing, corrupt, foreign, from another version: start afresh
        cache.entries = {}
        cache.dirty = {-1}
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


# Recorded instead of the stamp of a file seen within the racy window: it never matches, so the next
# run hashes the file (and records its stamp then, once it can be trusted).
RACY = (0, -2)


def _trusted(stamp: tuple[int, int]) -> tuple[int, int]:
    return RACY if _just_written(stamp[0]) else stamp


def stamp_of(path: str) -> tuple[int, int] | None:
    """(mtime_ns, size) when it can vouch for the content, else None (unreadable, or just written)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    return None if _trusted(stamp) == RACY else stamp


def save_results(project_root: str, cache_dir: str | None, key: str, results: ProjectResults) -> None:
    path = _results_path(project_root, cache_dir)
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".results-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((_FORMAT, key, results), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return
