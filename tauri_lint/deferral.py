"""Which lazy files a project needs analysed after all.

Most files of a big frontend import project modules (components, stores, utilities) or hold `enum`/
`as const` tables, and reach nothing of Tauri. Such a file yields a fact only by calling one of the
project's invoke wrappers, by holding a command table or name builder some invoke folds its command
from, or by importing a component mounted as an app's root (which makes it no root), and each of those
is named in its text. So those files are first left unparsed (FrontendFacts.lazy), the names that matter
are read off the analysed files, and a lazy file is parsed only if it mentions one of them. That can
make new wrappers (a thin function around a wrapper call), so it repeats until no new file is needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tauri_lint.model import CommandRef, FrontendFacts, NameSet
from tauri_lint.project import wrapper_keys
from tauri_lint.text import identifier_words

# A lazy file comes back each time its project's names grow: what its bytes said is kept per process
# (frontend.extract._classify), keyed by path, content and the settings relevance() reads. LAZY_KINDS:
# whether only the project's refs matter to it (ON_REFS), small and kept for every file; LAZY_WORDS: its
# words once read, capped. The engine forgets both when a run's extraction is over.
_Key = tuple[str, int, int, tuple[str, ...], tuple[str, ...]]
LAZY_KINDS: dict[_Key, bool] = {}
LAZY_WORDS: dict[_Key, frozenset[bytes]] = {}
MAX_LAZY_WORDS = 4_000  # about 16 KB of words each


def forget_lazy_words() -> None:
    LAZY_KINDS.clear()
    LAZY_WORDS.clear()


# Not yet checked against any names: the first pass, before the project's names are known.
UNCHECKED = NameSet(frozenset(), "")


# A call that may resolve to a wrapper: the names it is looked up as (any of which makes it fire), the
# bare name that does, and the wrapper names and table/builder names it then adds.
_Edge = tuple[tuple[str, ...], str | None, tuple[str, ...], tuple[str, ...]]


class ProjectNames:
    """The names of the analysed files' wrappers and of the imported tables and builders their invokes
    fold command names from; then, around every call that resolves to one of those wrappers: the
    function that gives its promise back (it may become a wrapper at the project level), the tables
    and builders of its arguments, and the names a module re-exports it under.

    Files are added as they are analysed, each once; current() follows the calls to a fixpoint."""

    def __init__(self, wrapper_names: Sequence[str] = ()) -> None:
        self.wrappers: set[str] = set(wrapper_names)  # as calls look them up (project._lookup_candidate)
        # The objects and classes wrappers are members of (`api` of `api.getUser`), under every name a
        # module re-exports them as: a call `client.getUser()` of `export { api as client }` is theirs.
        self.heads: set[str] = set()
        self.bare: set[str] = set(wrapper_names)  # exported wrappers by last name (the last-resort lookup)
        self.refs: set[str] = set()
        # The file names of components mounted as an app's root: a module importing one makes it no root
        # (project._root_components), so files that name one are analysed for their imports.
        self.mounted: set[str] = set()
        # Exported functions that give back a listen() promise: a module calling one holds a listener
        # (project._wrapped_listeners).
        self.listen_wrappers: set[str] = set()
        self.edges: list[_Edge] = []  # not fired yet
        self.renames: list[tuple[str, str]] = []  # re-exports: (name in the source module, name exported)
        self.added: set[str] = set()

    def add(self, f: FrontendFacts) -> None:
        if f.lazy is not None or f.path in self.added:
            return
        self.added.add(f.path)
        imported = {i.local: i.imported for i in f.imports}
        for w in f.wrappers:
            self._add_wrapper(w.name)
            if w.exported:
                self.bare.add(w.name.rpartition(".")[2])
            self.refs.update(_ref_names(w.command_ref, imported))
        for source in f.mounts:
            self.mounted.add(_module_stem(source))
        self.listen_wrappers.update(name for name, exported in f.listen_wrappers if exported)
        for source, export, _through in f.rendered:
            if source:  # a default export is imported under any name, but from a path naming its file
                self.mounted.add(_module_stem(source) if export == "default" else export)
        for exported, _source, original in f.reexports:
            if exported != "*" and original != "*":
                self.renames.append((original, exported))
        for c in f.candidates:
            arg_refs = tuple(n for ref in c.arg_refs for n in _ref_names(ref, imported))
            if c.name == "<invoke>":
                self.refs.update(arg_refs)
                continue
            # only a function that gives the call's promise back becomes a wrapper (project._derive)
            enclosing = (c.enclosing.name,) if c.enclosing is not None and c.enclosing.propagates else ()
            if not enclosing and not arg_refs:
                continue
            if c.import_source is None:
                self.edges.append(((c.name,), None, enclosing, arg_refs))
            else:
                name, last_resort = wrapper_keys(c)
                self.edges.append(((name,) if name else (), last_resort, enclosing, arg_refs))

    def _add_wrapper(self, name: str) -> None:
        self.wrappers.add(name)
        head, dot, _ = name.partition(".")
        if dot:
            self.heads.add(head)

    def _fires(self, keys: tuple[str, ...], last_resort: str | None) -> bool:
        if last_resort in self.bare:
            return True
        return any(key in self.wrappers or key.partition(".")[0] in self.heads for key in keys)

    def current(self) -> NameSet:
        grew = True
        while grew:
            grew = False
            for original, exported in self.renames:
                if original in self.wrappers and exported not in self.wrappers:
                    self._add_wrapper(exported)
                    grew = True
                if original in self.heads and exported not in self.heads:
                    self.heads.add(exported)  # a re-exported object or class of wrappers
                    grew = True
                if exported in self.refs and original not in self.refs:
                    self.refs.add(original)  # a table read under the name a module re-exports it as
                    grew = True
            waiting: list[_Edge] = []
            for edge in self.edges:
                keys, last_resort, adds, more_refs = edge
                if not self._fires(keys, last_resort):
                    waiting.append(edge)
                    continue
                for name in adds:
                    self._add_wrapper(name)
                self.bare.update(a.rpartition(".")[2] for a in adds)
                self.refs.update(more_refs)
                grew = True
            self.edges = waiting
        # split as a file's words are (text.identifier_words): a name is found wherever it is written
        words: set[bytes] = set()
        for name in (*self.wrappers, *self.heads, *self.refs, *self.mounted, *self.listen_wrappers):
            words.update(identifier_words(name.encode("utf-8", "surrogateescape")))
        words.discard(b"default")
        ordered = sorted(words)
        digest = hashlib.blake2b(b"\0".join(ordered), digest_size=16).hexdigest()
        # a module importing no project module matters as the home of a table, a builder, or a component
        # rendered at the root (a provider whose code says whether it passes its children through)
        homes = (*self.refs, *self.mounted)
        refs = sorted({w for name in homes for w in identifier_words(name.encode("utf-8", "surrogateescape"))})
        refs_digest = hashlib.blake2b(b"\0".join(refs), digest_size=16).hexdigest()
        return NameSet(frozenset(ordered), digest, frozenset(refs) - {b"default"}, refs_digest)


def _ref_names(ref: CommandRef | None, imported: dict[str, str]) -> tuple[str, ...]:
    """The table or builder a command ref reads, by its local and its exported name."""
    if ref is None:
        return ()
    local = ref.table or ref.builder
    return (local, imported.get(local, local)) if local is not None else ()


def _module_stem(source: str) -> str:
    """`./App.vue` → `App`, `@/root/index.svelte` → `index`, `./App` → `App`: the word every import of
    that module spells out."""
    last = source.rstrip("/").rpartition("/")[2]
    stem, dot, ext = last.rpartition(".")
    return stem if dot and ext in ("vue", "svelte", "ts", "js", "tsx", "jsx") else last
