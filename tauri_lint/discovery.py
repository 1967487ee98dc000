"""Finding the Tauri projects behind the paths the user gave, and every file each one holds.

A project is found from any path inside it: walking UP from each given path (a folder holding
`src-tauri/tauri.conf.*`, being inside the tauri dir, or a folder whose package.json sits beside a
tauri dir of another name) and walking DOWN each given folder (a monorepo holds several). Each project
loads ALL its files, because rules need cross-file facts; `requested` keeps what the user asked for.

- Project root: the nearest folder at or above the tauri dir holding package.json (the tauri dir itself
  only when its parent holds none), looking at most `_ROOT_SEARCH_LEVELS` folders up and never above
  the git repo root; else the tauri dir's parent.
- Each file belongs to the project whose root is its deepest ancestor (its home). Files under no
  project root form one frontend-only project (tauri_dir=None, root: the common folder of the given
  paths) holding the frontend files asked for and the whole of any tauri crate asked about.
- Rust: the `.rs` files of every crate whose Cargo.toml depends on `tauri` or a `tauri-*` crate, among
  the crates under the project root, the tauri dir's own crate (always), the members of the Cargo
  workspace holding it (not those under another project's root) and, transitively, path dependencies
  (plugin crates outside the root).
- `requested`: the files at or under the given paths, in their home project only (a plugin crate
  borrowed through a path dependency is reported once). A project a given path points into is
  returned even when `requested` ends up empty (every given file force-excluded).
- Frontend files named `*.min.js` / `*-iife.js` or larger than 1 MiB are skipped, with a Note when
  they were asked for.
- Excludes: `settings.exclude` + `extend_exclude` are gitignore patterns matched against paths relative
  to the folder being walked (the project root, or a given folder outside any project): `src/legacy`
  is anchored there, a bare `gen` matches anywhere below. `.git` and `node_modules` are never entered.
  With `respect_gitignore`, every `.gitignore` from the git repo root down applies (plus
  `.git/info/exclude`); outside a git repo, those from the walked folder down. A nested repo (a folder
  holding `.git`) starts afresh. Paths given explicitly are linted even when excluded, unless
  `force_exclude`; their descendants are still filtered.
- Directory symlinks are not followed (no loops); file symlinks are. Unreadable folders and files become
  Notes; nothing here raises on file system trouble.
"""

from __future__ import annotations

import glob
import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pathspec import GitIgnoreSpec

from tauri_lint.model import Note
from tauri_lint.settings import Settings

FRONTEND_SUFFIXES = frozenset(
    {".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".vue", ".svelte", ".html"}
)
RUST_SUFFIX = ".rs"
TAURI_CONFIGS = ("tauri.conf.json", "tauri.conf.json5", "Tauri.toml")
MAX_FRONTEND_BYTES = 1 << 20  # larger frontend files are generated bundles, not code to lint
MINIFIED_SUFFIXES = (".min.js", "-iife.js")

SKIP_MINIFIED = "skipped: minified bundle"
SKIP_LARGE = "skipped: larger than 1 MiB"
SKIP_NOT_SOURCE = "skipped: not a frontend or Rust source file"
SKIP_NOT_TAURI_CRATE = "skipped: not in a crate that depends on tauri"

_ALWAYS_PRUNED = frozenset({".git", "node_modules"})
_ROOT_SEARCH_LEVELS = 4  # how far above a tauri dir a package.json may make the project root
_CRATE_SEARCH_LEVELS = 8  # how far above a .rs file its Cargo.toml may be
_UP_SEARCH_LEVELS = 12  # how far above a given path its project may start (outside a git repo)
_DEP_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")


@dataclass(slots=True)
class ProjectFiles:
    # the project root: the frontend folder (nearest folder at or above the tauri dir holding
    # package.json; else the tauri dir's parent)
    root: str
    # the folder holding tauri.conf.json / tauri.conf.json5 / Tauri.toml (usually src-tauri); None for
    # loose frontend files with no Tauri project
    tauri_dir: str | None
    # absolute paths: .ts .mts .cts .tsx .js .mjs .cjs .jsx .vue .svelte .html (sorted)
    frontend_files: list[str] = field(default_factory=list)
    # .rs files of the crates that depend on tauri (src-tauri, workspace and plugin crates) (sorted)
    rust_files: list[str] = field(default_factory=list)
    # dependency names from those Cargo.toml files (e.g. "tauri-plugin-fs"), for knowing external plugins
    cargo_deps: list[str] = field(default_factory=list)
    # the major version of the `tauri` dependency those crates ask for (1 or 2), None when not written
    tauri_major: int | None = None
    # the files in this project that the user asked to lint (report only on these)
    requested: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Discovery:
    projects: list[ProjectFiles]
    notes: list[Note]  # clear one-line notes: skipped files and why


def discover(paths: Sequence[str], settings: Settings) -> Discovery:
    """Find the Tauri projects of `paths` (files or folders) and all their files."""
    return _Discoverer(settings).run(paths)


# --------------------------------------------------------------------------------------------------
# Small path helpers
# --------------------------------------------------------------------------------------------------


def _ancestors(path: str) -> Iterator[str]:
    """`path`, its parent, ... up to the filesystem root."""
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def _is_under(path: str, folder: str) -> bool:
    """`path` is `folder` or inside it (lexically)."""
    if path == folder:
        return True
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path.startswith(prefix)


def _rel(path: str, folder: str) -> str:
    """`path` relative to its ancestor `folder`, with `/` separators, as gitignore patterns expect."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    rel = path[len(prefix) :] if path.startswith(prefix) else path.lstrip(os.sep)
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _is_tauri_dir(folder: str) -> bool:
    return any(os.path.isfile(os.path.join(folder, name)) for name in TAURI_CONFIGS)


def _has_package_json(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "package.json"))


def _is_git_root(folder: str) -> bool:
    return os.path.exists(os.path.join(folder, ".git"))  # a folder, or a file in worktrees/submodules


def _has_entry(folder: str, names: set[str] | None, name: str) -> bool:
    """Whether `folder` holds `name`; `names` is its listing when already read."""
    return name in names if names is not None else os.path.lexists(os.path.join(folder, name))


def _minimal(folders: Iterable[str]) -> list[str]:
    """The folders that are not inside another one of them, sorted."""
    kept: list[str] = []
    for folder in sorted(set(folders)):
        if not any(_is_under(folder, k) for k in kept):
            kept.append(folder)
    return kept


def _frontend_skip_reason(name: str, size: int) -> str | None:
    if name.lower().endswith(MINIFIED_SUFFIXES):
        return SKIP_MINIFIED
    if size > MAX_FRONTEND_BYTES:
        return SKIP_LARGE
    return None


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


# --------------------------------------------------------------------------------------------------
# Excludes: settings patterns and .gitignore files
# --------------------------------------------------------------------------------------------------

_GLOB_CHARS = frozenset("*?[]!/\\#")


def _bare_name(pattern: str) -> bool:
    """A gitignore pattern that is just a name: it matches files and folders of that name anywhere."""
    return bool(pattern) and pattern.strip() == pattern and not _GLOB_CHARS.intersection(pattern)


# The .gitignore specs in force for a folder, outermost first: (folder the patterns are relative to, spec).
IgnoreContext = tuple[tuple[str, GitIgnoreSpec], ...]


class _Excluder:
    def __init__(self, settings: Settings) -> None:
        patterns = [*settings.exclude, *settings.extend_exclude]
        self.spec = GitIgnoreSpec.from_lines(patterns)
        # Bare names (the defaults: `node_modules`, `dist`...) match any path component; during a walk
        # every folder above an entry was already checked, so only the entry's own name is left.
        self.names: frozenset[str] | None = frozenset(patterns) if all(_bare_name(p) for p in patterns) else None
        self.respect_gitignore = settings.respect_gitignore
        self._gitignores: dict[str, GitIgnoreSpec | None] = {}

    def excluded(self, top: str, ctx: IgnoreContext, path: str, is_dir: bool) -> bool:
        """Whether `path`, met while walking `top` with .gitignore context `ctx`, is excluded."""
        if self.names is not None:
            by_settings = path != top and os.path.basename(path) in self.names
        else:
            by_settings = self.by_settings(top, path, is_dir)
        return by_settings or self.gitignored(ctx, path, is_dir)

    def by_settings(self, top: str, path: str, is_dir: bool) -> bool:
        """`exclude`/`extend_exclude` match `path` relative to `top` (never `top` itself)."""
        if path == top or not _is_under(path, top):
            return False
        return bool(self.spec.match_file(_rel(path, top) + ("/" if is_dir else "")))

    def gitignored(self, ctx: IgnoreContext, path: str, is_dir: bool) -> bool:
        # The deepest .gitignore with a matching pattern decides, so `!pattern` below can re-include.
        slash = "/" if is_dir else ""
        for folder, spec in reversed(ctx):
            if path == folder:
                continue
            result = spec.check_file(_rel(path, folder) + slash)
            if result.include is not None:
                return bool(result.include)
        return False

    def context_above(self, path: str, floor: str) -> IgnoreContext:
        """The .gitignore specs that apply to `path` from its ancestors (not `path` itself).

        From the git repo root holding `path` down; outside a repo, from `floor` down.
        """
        if not self.respect_gitignore:
            return ()
        chain: list[str] = []
        git_root: str | None = None
        for folder in _ancestors(os.path.dirname(path)):
            chain.append(folder)
            if _is_git_root(folder):
                git_root = folder
                break
        if git_root is None:
            chain = [f for f in chain if _is_under(f, floor)]
        ctx: IgnoreContext = ()
        for folder in reversed(chain):
            ctx = self.enter(ctx, folder, None)
        return ctx

    def enter(self, ctx: IgnoreContext, folder: str, names: set[str] | None) -> IgnoreContext:
        """The context inside `folder` (`names`: its entries when already listed)."""
        if not self.respect_gitignore:
            return ctx
        # A (nested) repo: the outer .gitignore files do not apply inside it.
        if _has_entry(folder, names, ".git"):
            ctx = ()
            exclude = self._spec(os.path.join(folder, ".git", "info", "exclude"))
            if exclude is not None:
                ctx = ((folder, exclude),)
        if _has_entry(folder, names, ".gitignore"):
            spec = self._spec(os.path.join(folder, ".gitignore"))
            if spec is not None:
                ctx = (*ctx, (folder, spec))
        return ctx

    def _spec(self, file: str) -> GitIgnoreSpec | None:
        if file not in self._gitignores:
            try:
                with open(file, "rb") as fh:
                    lines = fh.read().decode("utf-8", errors="replace").splitlines()
                spec = GitIgnoreSpec.from_lines(lines)
                self._gitignores[file] = spec if len(spec) else None
            except (OSError, ValueError):  # unreadable or a pattern pathspec rejects: no rules
                self._gitignores[file] = None
        return self._gitignores[file]


# --------------------------------------------------------------------------------------------------
# Walking folders
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """Everything the walks saw, across all walked folders."""

    frontend: set[str] = field(default_factory=set)
    rust: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)  # frontend file → reason
    cargo_dirs: set[str] = field(default_factory=set)
    tauri_dirs: set[str] = field(default_factory=set)
    visited: set[str] = field(default_factory=set)
    walked: list[str] = field(default_factory=list)  # walk tops

    def covered(self, path: str) -> bool:
        return any(_is_under(path, top) for top in self.walked)


def _entry_kind(entry: os.DirEntry[str]) -> str | None:
    """`dir` (symlinks not followed: no loops), `file` (symlinks followed), else None."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        if entry.is_file():
            return "file"
    except OSError:
        pass
    return None


class _Walker:
    def __init__(self, excluder: _Excluder, found: _Found, notes: list[Note]) -> None:
        self.ex = excluder
        self.found = found
        self.notes = notes

    def walk(self, top: str) -> None:
        """Collect the files under `top` (itself never excluded), pruning excluded folders."""
        self.found.walked.append(top)
        stack: list[tuple[str, IgnoreContext]] = [(top, self.ex.context_above(top, top))]
        while stack:
            folder, ctx = stack.pop()
            entries = self._list(folder)
            if entries is None:
                continue
            self.found.visited.add(folder)
            names = {e.name for e in entries}
            ctx = self.ex.enter(ctx, folder, names)
            if any(c in names for c in TAURI_CONFIGS):
                self.found.tauri_dirs.add(folder)
            subdirs: list[str] = []
            for entry in entries:
                kind = _entry_kind(entry)
                if kind == "dir":
                    if entry.name not in _ALWAYS_PRUNED and not self.ex.excluded(top, ctx, entry.path, True):
                        subdirs.append(entry.path)
                elif kind == "file":
                    self._file(top, ctx, folder, entry)
            stack.extend((d, ctx) for d in sorted(subdirs, reverse=True))

    def _list(self, folder: str) -> list[os.DirEntry[str]] | None:
        try:
            with os.scandir(folder) as it:
                return list(it)
        except PermissionError:
            self.notes.append(Note(folder, "skipped: permission denied"))
        except OSError as exc:
            self.notes.append(Note(folder, f"skipped: cannot read folder ({exc.strerror or exc})"))
        return None

    def _file(self, top: str, ctx: IgnoreContext, folder: str, entry: os.DirEntry[str]) -> None:
        name = entry.name
        suffix = _suffix(name)
        relevant = suffix in FRONTEND_SUFFIXES or suffix == RUST_SUFFIX or name == "Cargo.toml"
        # Exclusion is checked only for files that matter: most files in a tree are not source.
        if not relevant or self.ex.excluded(top, ctx, entry.path, False):
            return
        if suffix in FRONTEND_SUFFIXES:
            try:
                size = entry.stat().st_size
            except OSError as exc:
                self.notes.append(Note(entry.path, f"skipped: cannot read ({exc.strerror or exc})"))
                return
            reason = _frontend_skip_reason(name, size)
            if reason is None:
                self.found.frontend.add(entry.path)
            else:
                self.found.skipped[entry.path] = reason
        elif suffix == RUST_SUFFIX:
            self.found.rust.add(entry.path)
        elif name == "Cargo.toml":
            self.found.cargo_dirs.add(folder)


# --------------------------------------------------------------------------------------------------
# Cargo manifests
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Crate:
    folder: str
    deps: frozenset[str]  # dependency keys and `package = "..."` names
    path_deps: tuple[str, ...]  # folders of `path = "..."` dependencies
    members: tuple[str, ...] | None  # [workspace] members globs; None when not a workspace root
    workspace_exclude: tuple[str, ...]
    has_package: bool
    tauri_major: int | None = None  # of the `tauri` dependency's version requirement
    inherits_tauri: bool = False  # `tauri = { workspace = true }`: the version is the workspace's
    workspace_tauri_major: int | None = None  # of `tauri` in [workspace.dependencies]

    @property
    def uses_tauri(self) -> bool:
        return any(d == "tauri" or d.startswith("tauri-") for d in self.deps)


def _parse_toml(text: str) -> dict[str, Any]:
    # tomllib is 3.11+; tomli is the same parser for 3.10 (imported by name so mypy accepts both).
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    result: dict[str, Any] = toml.loads(text)
    return result


def _dep_tables(manifest: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """[dependencies] and friends, also under [target.'cfg(...)'] tables."""
    scopes: list[Any] = [manifest]
    targets = manifest.get("target")
    if isinstance(targets, dict):
        scopes.extend(targets.values())
    for scope in scopes:
        if not isinstance(scope, dict):
            continue
        for key in _DEP_TABLES:
            table = scope.get(key)
            if isinstance(table, dict):
                yield table


def _strings(value: Any) -> tuple[str, ...]:
    """The strings of a TOML array (anything else: none)."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


_MAJOR = re.compile(r"\s*[\^~=>]*\s*(\d+)")


def _major(spec: Any) -> int | None:
    """`"1.5"`, `"^2.0.0"`, `{ version = "1" }` → the major version; None for a path or git dependency."""
    version = spec.get("version") if isinstance(spec, dict) else spec
    m = _MAJOR.match(version) if isinstance(version, str) else None
    return int(m.group(1)) if m else None


def _crate_from_manifest(folder: str, manifest: dict[str, Any]) -> _Crate:
    deps: set[str] = set()
    path_deps: list[str] = []
    tauri_major: int | None = None
    inherits_tauri = False
    for table in _dep_tables(manifest):
        for key, spec in table.items():
            deps.add(str(key))
            if key == "tauri" and tauri_major is None:
                tauri_major = _major(spec)
                inherits_tauri = isinstance(spec, dict) and spec.get("workspace") is True
            if isinstance(spec, dict):
                if isinstance(spec.get("package"), str):
                    deps.add(spec["package"])
                if isinstance(spec.get("path"), str):
                    path_deps.append(os.path.normpath(os.path.join(folder, spec["path"])))
    workspace = manifest.get("workspace")
    members: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    workspace_major: int | None = None
    if isinstance(workspace, dict):
        members = _strings(workspace.get("members"))
        exclude = _strings(workspace.get("exclude"))
        shared = workspace.get("dependencies")
        if isinstance(shared, dict):
            workspace_major = _major(shared.get("tauri"))
    return _Crate(
        folder=folder,
        deps=frozenset(deps),
        path_deps=tuple(path_deps),
        members=members,
        workspace_exclude=exclude,
        has_package="package" in manifest,
        tauri_major=tauri_major,
        inherits_tauri=inherits_tauri,
        workspace_tauri_major=workspace_major,
    )


class _Crates:
    """Cargo.toml files, read once each."""

    def __init__(self, notes: list[Note]) -> None:
        self.notes = notes
        self._cache: dict[str, _Crate | None] = {}
        self._crate_of_dir: dict[str, str | None] = {}

    def get(self, folder: str) -> _Crate | None:
        if folder not in self._cache:
            self._cache[folder] = self._read(folder)
        return self._cache[folder]

    def _read(self, folder: str) -> _Crate | None:
        path = os.path.join(folder, "Cargo.toml")
        if not os.path.isfile(path):
            return None
        try:
            with open(path, "rb") as fh:
                manifest = _parse_toml(fh.read().decode("utf-8"))
        except OSError as exc:
            self.notes.append(Note(path, f"cannot read Cargo.toml ({exc.strerror or exc})"))
            return None
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError, TOMLDecodeError; absurd nesting
            self.notes.append(Note(path, f"cannot parse Cargo.toml: {type(exc).__name__}: {exc}"))
            return None
        return _crate_from_manifest(folder, manifest)

    def crate_of(self, file: str) -> str | None:
        """The folder of the nearest Cargo.toml at or above `file`'s folder."""
        start = os.path.dirname(file)
        seen: list[str] = []
        result: str | None = None
        for level, folder in enumerate(_ancestors(start)):
            if folder in self._crate_of_dir:
                result = self._crate_of_dir[folder]
                break
            seen.append(folder)
            if os.path.isfile(os.path.join(folder, "Cargo.toml")):
                result = folder
                break
            if level >= _CRATE_SEARCH_LEVELS:
                break
        for folder in seen:
            self._crate_of_dir[folder] = result
        return result

    def workspace_of(self, folder: str) -> _Crate | None:
        """The Cargo workspace root crate at or above `folder` (not above the git repo root)."""
        for level, ancestor in enumerate(_ancestors(folder)):
            crate = self.get(ancestor)
            if crate is not None and crate.members is not None:
                return crate
            if _is_git_root(ancestor) or level >= _ROOT_SEARCH_LEVELS + 2:
                return None
        return None

    def members(self, workspace: _Crate) -> list[str]:
        excluded = {os.path.normpath(os.path.join(workspace.folder, e)) for e in workspace.workspace_exclude}
        found: set[str] = set()
        for pattern in workspace.members or ():
            for match in glob.glob(os.path.join(glob.escape(workspace.folder), pattern), recursive=True):
                folder = os.path.normpath(match)
                if folder not in excluded and os.path.isfile(os.path.join(folder, "Cargo.toml")):
                    found.add(folder)
        return sorted(found)

    def closure(self, seeds: Iterable[str]) -> set[str]:
        """The tauri-using crates among `seeds` and, transitively, their path dependencies."""
        todo = list(seeds)
        result: set[str] = set()
        while todo:
            folder = todo.pop()
            if folder in result:
                continue
            crate = self.get(folder)
            if crate is None or not crate.uses_tauri:
                continue
            result.add(folder)
            todo.extend(crate.path_deps)
        return result


# --------------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------------


def _tauri_dir_above(start: str) -> str | None:
    """The tauri dir of the project the folder `start` is in, looking upward (nearest first).

    Stops at the git repo root, or `_UP_SEARCH_LEVELS` folders up outside a repo.
    """
    frontends: list[str] = []  # folders with a package.json on the way up
    repo: str | None = None
    for level, folder in enumerate(_ancestors(start)):
        if level > _UP_SEARCH_LEVELS:
            break
        if _is_tauri_dir(folder):
            return folder
        candidate = os.path.join(folder, "src-tauri")
        if _is_tauri_dir(candidate):
            return candidate
        if _has_package_json(folder):
            other = _tauri_child(folder)
            if other is not None:
                return other
            frontends.append(folder)
        if _is_git_root(folder):
            repo = folder
            break
    # A monorepo whose frontend and Tauri app are siblings (apps/app-frontend beside apps/app, joined by
    # `frontendDist: "../app-frontend/dist"`): the walk of the whole repo finds it, and so must one file.
    # Only inside a repo or a workspace (a package.json further up): the siblings of a repo's root, or of
    # a lone folder in /tmp, are other people's projects.
    for i, frontend in enumerate(frontends):
        inside = (repo is not None and frontend != repo) or i + 1 < len(frontends)
        sibling = _sibling_tauri_dir(frontend) if inside else None
        if sibling is not None:
            return sibling
    return None


def _sibling_tauri_dir(frontend: str) -> str | None:
    """A tauri dir next to `frontend` (or in a sibling's src-tauri) whose frontendDist builds into it."""
    parent = os.path.dirname(frontend)
    if parent == frontend or parent in _TOO_WIDE:
        return None
    for sibling in _child_dirs(parent):
        if sibling == frontend:
            continue
        for candidate in (sibling, os.path.join(sibling, "src-tauri")):
            if _is_tauri_dir(candidate) and _root_from_dist(candidate) == frontend:
                return candidate
    return None


def _tauri_child(folder: str) -> str | None:
    """A child folder holding a Tauri config (a tauri dir not named src-tauri), first by name."""
    return next((n for n in _child_dirs(folder) if _is_tauri_dir(n)), None)


def _child_dirs(folder: str) -> list[str]:
    """The folders directly in `folder` that may hold a project (not hidden, not node_modules), by name."""
    try:
        with os.scandir(folder) as it:
            return sorted(
                e.path
                for e in it
                if e.name not in _ALWAYS_PRUNED and not e.name.startswith(".") and _entry_kind(e) == "dir"
            )
    except OSError:
        return []


_BUILD_DIRS = frozenset({"dist", "build", "out", ".output", "public", "www"})


def _frontend_dist(tauri_dir: str) -> str | None:
    """`build.frontendDist` of the Tauri config when it is a relative folder (not a URL)."""
    value: object = None
    json_conf = os.path.join(tauri_dir, "tauri.conf.json")
    toml_conf = os.path.join(tauri_dir, "Tauri.toml")
    if os.path.isfile(json_conf):
        from tauri_lint.modules import load_jsonc

        data = load_jsonc(json_conf)
        build = data.get("build") if isinstance(data, dict) else None
        if isinstance(build, dict):
            value = build.get("frontendDist", build.get("distDir"))  # distDir: Tauri v1
    elif os.path.isfile(toml_conf):
        if sys.version_info >= (3, 11):
            import tomllib
        else:
            import tomli as tomllib
        try:
            with open(toml_conf, "rb") as f:
                build = tomllib.load(f).get("build")
        except (OSError, ValueError, RecursionError):
            build = None
        if isinstance(build, dict):
            value = build.get("frontend-dist", build.get("frontendDist"))
    if not isinstance(value, str) or "://" in value or not value.strip():
        return None
    return os.path.normpath(os.path.join(tauri_dir, value))


def _root_from_dist(tauri_dir: str) -> str | None:
    """The frontend of a monorepo app, found through where it builds to: `../../apps/desktop/build` →
    apps/desktop; `../../dist/apps/client` (an Nx-style dist tree) → apps/client."""
    dist = _frontend_dist(tauri_dir)
    if dist is None:
        return None
    parts = dist.split(os.sep)
    candidates = [dist]
    candidates += [os.sep.join(parts[:i] + parts[i + 1 :]) for i, part in enumerate(parts) if part in _BUILD_DIRS]
    for candidate in candidates:
        folder = candidate
        # the dist folder itself may not exist yet: look at it and up to two folders above
        for _ in range(3):
            looks_like_root = os.path.isdir(folder) and _has_package_json(folder) and folder not in _TOO_WIDE
            if looks_like_root and os.path.basename(folder) not in _BUILD_DIRS:
                return folder
            folder = os.path.dirname(folder)
    return None


def _project_root(tauri_dir: str) -> str:
    """The frontend folder: where `build.frontendDist` points into, else the nearest folder at or above
    the tauri dir holding package.json, else the tauri dir's parent."""
    from_dist = _root_from_dist(tauri_dir)
    if from_dist is not None:
        return from_dist
    parent = os.path.dirname(tauri_dir)
    if _has_package_json(tauri_dir) and not _has_package_json(parent):
        return tauri_dir
    for level, folder in enumerate(_ancestors(parent)):
        # A stray package.json in the home folder or / must not make a whole disk one project.
        if _has_package_json(folder) and folder not in _TOO_WIDE:
            return folder
        if _is_git_root(folder) or level >= _ROOT_SEARCH_LEVELS:
            break
    return parent


_TOO_WIDE = frozenset({os.path.expanduser("~"), os.path.abspath(os.sep)})


def _prefer(tauri_dirs: list[str]) -> str:
    """Of several tauri dirs sharing a root, the one named src-tauri, else the shallowest."""
    return min(tauri_dirs, key=lambda t: (os.path.basename(t) != "src-tauri", t.count(os.sep), t))


class _Discoverer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.notes: list[Note] = []
        self.ex = _Excluder(settings)
        self.found = _Found()
        self.walker = _Walker(self.ex, self.found, self.notes)
        self.crates = _Crates(self.notes)
        self.explicit_files: set[str] = set()
        self.given_dirs: set[str] = set()
        self.explicit_dirs: set[str] = set()  # given folders whose files are requested
        self.roots: dict[str, str] = {}  # project root → tauri dir
        self._root_memo: dict[str, str | None] = {}
        self._above_memo: dict[str, str | None] = {}
        self._forced_memo: dict[str, bool] = {}
        self._requested_memo: dict[str, bool] = {}

    def run(self, paths: Sequence[str]) -> Discovery:
        self.given_dirs = self._classify(paths)
        given = self.explicit_files | self.given_dirs
        tauri_dirs = {t for p in sorted(given) if (t := self._tauri_dir_of(p))}
        self._walk_all(tauri_dirs, self.given_dirs)
        extra_frontend, extra_rust = self._explicit_file_extras()
        return Discovery(self._projects(extra_frontend, extra_rust), self._sorted_notes())

    # ---- the given paths -------------------------------------------------------------------------

    def _classify(self, paths: Sequence[str]) -> set[str]:
        given_dirs: set[str] = set()
        for raw in paths:
            path = os.path.abspath(os.fsdecode(raw))
            if os.path.isdir(path):
                given_dirs.add(path)
            elif os.path.exists(path):
                self.explicit_files.add(path)
            else:
                self.notes.append(Note(os.fsdecode(raw), f"path not found: {os.fsdecode(raw)}"))
        return given_dirs

    def _tauri_dir_of(self, path: str) -> str | None:
        start = path if path in self.given_dirs else os.path.dirname(path)
        if start not in self._above_memo:  # pre-commit passes many files of one folder
            self._above_memo[start] = _tauri_dir_above(start)
        return self._above_memo[start]

    def _force_excluded(self, path: str, is_dir: bool) -> bool:
        """With force_exclude, whether a given path is excluded (judged within its project root)."""
        if not self.settings.force_exclude:
            return False
        if path not in self._forced_memo:
            scope = self._root_of(path) or (path if is_dir else os.path.dirname(path))
            self._forced_memo[path] = self.ex.by_settings(scope, path, is_dir) or self.ex.gitignored(
                self.ex.context_above(path, scope), path, is_dir
            )
        return self._forced_memo[path]

    # ---- walking ---------------------------------------------------------------------------------

    def _walk_all(self, tauri_dirs: set[str], given_dirs: set[str]) -> None:
        self._add_projects(tauri_dirs)
        # Project roots must be known before a given folder is judged against force_exclude.
        kept_dirs = {d for d in given_dirs if not self._force_excluded(d, True)}
        self.explicit_dirs = kept_dirs
        pending = set(self.roots) | kept_dirs
        while pending:
            for top in _minimal(pending):
                if not self.found.covered(top):
                    self.walker.walk(top)
            new = self.found.tauri_dirs - set(self.roots.values())
            before = set(self.roots)
            self._add_projects(new)
            pending = set(self.roots) - before
        # A given folder pruned by an exclude inside a project walk is walked on its own.
        for folder in sorted(kept_dirs):
            if folder not in self.found.visited and folder not in self.found.walked:
                self.walker.walk(folder)

    def _add_projects(self, tauri_dirs: Iterable[str]) -> None:
        by_root: dict[str, list[str]] = {}
        for tauri_dir in sorted(tauri_dirs):
            by_root.setdefault(_project_root(tauri_dir), []).append(tauri_dir)
        for root, candidates in sorted(by_root.items()):
            known = self.roots.get(root)
            chosen = known if known is not None else _prefer(candidates)
            self.roots[root] = chosen
            for other in candidates:
                if other != chosen:
                    self.notes.append(Note(other, f"several Tauri configs share {root}; using {chosen}"))
        self._root_memo.clear()
        self._forced_memo.clear()

    def _root_of(self, path: str) -> str | None:
        """The deepest project root at or above `path`."""
        if path in self.roots:
            return path
        folder = os.path.dirname(path)
        if folder == path:
            return None
        if folder not in self._root_memo:  # memoised per folder: files share their folder's answer
            self._root_memo[folder] = self._root_of(folder)
        return self._root_memo[folder]

    # ---- explicit files --------------------------------------------------------------------------

    def _explicit_file_extras(self) -> tuple[set[str], set[str]]:
        """Given files the walks did not collect (excluded, or outside any walked folder)."""
        frontend: set[str] = set()
        rust: set[str] = set()
        for path in sorted(self.explicit_files):
            name = os.path.basename(path)
            suffix = _suffix(name)
            if suffix not in FRONTEND_SUFFIXES and suffix != RUST_SUFFIX:
                self.notes.append(Note(path, SKIP_NOT_SOURCE))
            elif self._force_excluded(path, False):
                continue
            elif suffix == RUST_SUFFIX:
                rust.add(path)
            elif path not in self.found.frontend and path not in self.found.skipped:
                reason = _frontend_skip_reason(name, _size(path))
                if reason is None:
                    frontend.add(path)
                else:
                    self.found.skipped[path] = reason
        return frontend, rust

    def _is_requested(self, path: str) -> bool:
        if path in self.explicit_files:
            return not self._force_excluded(path, False)
        folder = os.path.dirname(path)
        found = self._requested_memo.get(folder)
        if found is None:  # once per folder, not once per file
            found = any(a in self.explicit_dirs for a in _ancestors(folder))
            self._requested_memo[folder] = found
        return found

    # ---- projects --------------------------------------------------------------------------------

    def _projects(self, extra_frontend: set[str], extra_rust: set[str]) -> list[ProjectFiles]:
        projects = {root: ProjectFiles(root, tauri_dir) for root, tauri_dir in self.roots.items()}
        loose = ProjectFiles("", None)
        for path in sorted(self.found.frontend | extra_frontend):
            root = self._root_of(path)
            if root is not None:
                projects[root].frontend_files.append(path)
            elif self._is_requested(path):
                loose.frontend_files.append(path)
        rust_files = self.found.rust | extra_rust
        self._add_rust(projects, loose, rust_files)
        for path, reason in sorted(self.found.skipped.items()):
            if self._is_requested(path):
                self.notes.append(Note(path, reason))
        result = [p for p in projects.values() if self._keep(p)]
        if loose.frontend_files or loose.rust_files:
            loose.root = self._loose_root(loose)
            self._fill_requested(loose)
            result.append(loose)
        return sorted(result, key=lambda p: p.root)

    def _loose_root(self, loose: ProjectFiles) -> str:
        """The common folder of the given paths outside every project."""
        anchors = [d for d in self.given_dirs if self._root_of(d) is None]
        anchors += [os.path.dirname(f) for f in self.explicit_files if self._root_of(f) is None]
        if not anchors:
            anchors = [os.path.dirname(f) for f in loose.frontend_files + loose.rust_files]
        return os.path.commonpath(anchors)

    def _add_rust(self, projects: dict[str, ProjectFiles], loose: ProjectFiles, rust_files: set[str]) -> None:
        by_crate: dict[str, set[str]] = {}
        for path in sorted(rust_files):
            crate = self.crates.crate_of(path)
            if crate is not None:
                by_crate.setdefault(crate, set()).add(path)
        seeds: dict[str, set[str]] = {root: set() for root in projects}
        for folder in sorted(self.found.cargo_dirs | set(by_crate)):
            root = self._root_of(folder)
            if root is not None:
                seeds[root].add(folder)
        for root, project in sorted(projects.items()):
            tauri_dir = self.roots[root]
            seeds[root].add(tauri_dir)
            seeds[root].update(self._workspace_members(root, tauri_dir))
            self._fill_rust(project, self.crates.closure(seeds[root]), by_crate)
        loose_crates = {
            c for c, files in by_crate.items() if any(self._root_of(f) is None and self._is_requested(f) for f in files)
        }
        crates = {c for c in loose_crates if (info := self.crates.get(c)) is not None and info.uses_tauri}
        self._fill_rust(loose, crates, by_crate)
        self._note_unused_rust(rust_files, projects, loose)

    def _workspace_members(self, root: str, tauri_dir: str) -> list[str]:
        """Crates of the Cargo workspace holding the tauri dir, minus those of other projects."""
        workspace = self.crates.workspace_of(tauri_dir)
        if workspace is None:
            return []
        members = self.crates.members(workspace)
        if workspace.has_package:
            members.append(workspace.folder)
        return [m for m in members if self._root_of(m) in (None, root)]

    def _fill_rust(self, project: ProjectFiles, crates: set[str], by_crate: dict[str, set[str]]) -> None:
        files: set[str] = set()
        deps: set[str] = set()
        for folder in sorted(crates):
            if not self.found.covered(folder):  # a plugin crate outside every walked folder
                self.walker.walk(folder)
                own = {p for p in self.found.rust if _is_under(p, folder) and self.crates.crate_of(p) == folder}
                by_crate.setdefault(folder, set()).update(own)
            files.update(by_crate.get(folder, ()))
            crate = self.crates.get(folder)
            if crate is not None:
                deps.update(crate.deps)
                major = self._tauri_major(crate)
                if project.tauri_major is None or folder == project.tauri_dir:
                    project.tauri_major = major if major is not None else project.tauri_major
        project.rust_files = sorted(files)
        project.cargo_deps = sorted(deps)

    def _tauri_major(self, crate: _Crate) -> int | None:
        if crate.tauri_major is None and crate.inherits_tauri:
            workspace = self.crates.workspace_of(crate.folder)
            return workspace.workspace_tauri_major if workspace is not None else None
        return crate.tauri_major

    def _note_unused_rust(self, rust_files: set[str], projects: dict[str, ProjectFiles], loose: ProjectFiles) -> None:
        used: set[str] = set(loose.rust_files)
        for project in projects.values():
            used.update(project.rust_files)
        for path in sorted(self.explicit_files & rust_files - used):
            if not self._force_excluded(path, False):
                self.notes.append(Note(path, SKIP_NOT_TAURI_CRATE))

    def _fill_requested(self, project: ProjectFiles) -> None:
        # A crate borrowed from elsewhere (a path dependency) is reported by its home project only.
        home = project.root if project.tauri_dir is not None else None
        project.requested = {
            f for f in project.frontend_files + project.rust_files if self._root_of(f) == home and self._is_requested(f)
        }

    def _keep(self, project: ProjectFiles) -> bool:
        """A project is reported when a given path is in it (even if `requested` ends up empty)."""
        self._fill_requested(project)
        if project.requested:
            return True
        if any(_is_under(project.root, d) for d in self.explicit_dirs):
            return True
        given = self.explicit_files | self.given_dirs
        return any(self._root_of(p) == project.root for p in given)

    def _sorted_notes(self) -> list[Note]:
        unique = {(n.path, n.message): n for n in self.notes}
        return [unique[k] for k in sorted(unique)]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
