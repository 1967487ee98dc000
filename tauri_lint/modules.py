"""Resolving frontend import specifiers to project files: relative paths and tsconfig-style aliases."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable

EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs", ".vue", ".svelte")
# Aliases nearly every Vite / SvelteKit template sets up, used when no tsconfig says otherwise.
DEFAULT_ALIASES = (("@/", "src/"), ("~/", "src/"), ("$lib/", "src/lib/"), ("$lib", "src/lib"))

_COMMENTS = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def load_jsonc(path: str) -> object:
    """tsconfig.json is JSON with comments and trailing commas."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
    except OSError:
        return None
    stripped = _COMMENTS.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", raw)
    stripped = _TRAILING_COMMA.sub(r"\1", stripped)
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None


Aliases = list[tuple[str, list[str]]]  # import prefix → folders it stands for, longest prefix first


def load_aliases(root: str, files: Iterable[str] = ()) -> Aliases:
    """The project's import aliases: tsconfig/jsconfig `paths`, then the usual defaults (`@/`, `~/`,
    `$lib`) where those do not say otherwise, then the workspace packages that hold `files`."""
    aliases: Aliases = []
    for name in ("tsconfig.json", "tsconfig.app.json", "jsconfig.json"):
        path = os.path.join(root, name)
        data = load_jsonc(path) if os.path.isfile(path) else None
        options = data.get("compilerOptions") if isinstance(data, dict) else None
        if not isinstance(options, dict):
            continue
        base = os.path.join(root, str(options.get("baseUrl", ".")))
        paths = options.get("paths")
        if not isinstance(paths, dict):
            continue
        for pattern, targets in paths.items():
            if not isinstance(pattern, str) or not isinstance(targets, list):
                continue
            prefix = pattern[:-1] if pattern.endswith("*") else pattern
            dirs = [os.path.normpath(os.path.join(base, str(t).rstrip("*"))) for t in targets]
            if pattern.endswith("*"):
                dirs = [d + os.sep if not d.endswith(os.sep) else d for d in dirs]
            aliases.append((prefix, dirs))
    for prefix, target in DEFAULT_ALIASES:
        if not any(a == prefix for a, _ in aliases):
            aliases.append((prefix, [os.path.join(root, target)]))
    for prefix, targets in workspace_aliases(root, files):
        if not any(a == prefix for a, _ in aliases):
            aliases.append((prefix, targets))
    # longest prefix first, so "@/lib/" wins over "@/"
    aliases.sort(key=lambda a: -len(a[0]))
    return aliases


# Where a workspace package's entry may point, and the source file its build came from.
_ENTRY_FIELDS = ("source", "module", "main", "types", "typings")
_BUILD_DIRS = ("dist/", "lib/", "build/", "out/")


def workspace_aliases(root: str, files: Iterable[str]) -> Aliases:
    """Packages of an npm/pnpm workspace inside the project, by their package.json `name`: a file of
    `frontend/app` importing `@acme/ipc` reaches `frontend/ipc/src/index.ts`, even when the package's
    `main` names a `dist/` that was never built."""
    packages: dict[str, tuple[str, list[str]]] = {}
    seen: set[str] = set()
    root = os.path.normpath(root)
    inside = root if root.endswith(os.sep) else root + os.sep  # `/` is its own prefix
    for path in sorted(files):
        folder = os.path.dirname(path)
        while folder not in seen and folder != root and folder.startswith(inside):
            seen.add(folder)
            manifest = os.path.join(folder, "package.json")
            if os.path.isfile(manifest):
                found = _package(folder, manifest)
                if found is not None and found[0] not in packages:
                    packages[found[0]] = (folder, found[1])
            folder = os.path.dirname(folder)
    aliases: Aliases = []
    for name, (folder, entries) in sorted(packages.items()):
        aliases.append((name + "/", [folder + os.sep, os.path.join(folder, "src") + os.sep]))
        aliases.append((name, entries))
    return aliases


def _package(folder: str, manifest: str) -> tuple[str, list[str]] | None:
    """(name, entry files to try, best first) of a package.json, None without a usable name."""
    data = load_jsonc(manifest)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(name, str) or not name or name.startswith("."):
        return None
    fields: list[object] = [data.get(key) for key in _ENTRY_FIELDS]
    exports = data.get("exports")
    main = exports.get(".") if isinstance(exports, dict) else exports
    if isinstance(main, dict):
        fields[:0] = [main.get(key) for key in ("source", "import", "default", "types")]
    else:
        fields.insert(0, main)
    entries: list[str] = []
    for value in fields:
        if not isinstance(value, str) or not value:
            continue
        rel = value.removeprefix("./")
        entries.append(os.path.normpath(os.path.join(folder, rel)))
        for build in _BUILD_DIRS:
            if rel.startswith(build):
                entries.append(os.path.normpath(os.path.join(folder, "src", rel[len(build) :])))
    entries += [os.path.join(folder, "src", "index"), os.path.join(folder, "index")]
    return name, entries


class ModuleResolver:
    def __init__(self, root: str, files: Iterable[str], aliases: Aliases | None = None) -> None:
        """`aliases`: those of load_aliases(root), when the caller has them already."""
        self.root = root
        self.files = set(files)
        self.aliases = aliases if aliases is not None else load_aliases(root, self.files)
        self._cache: dict[tuple[str, str], str | None] = {}

    def resolve(self, spec: str, importer: str) -> str | None:
        key = (spec, os.path.dirname(importer))
        if key not in self._cache:
            self._cache[key] = self._resolve(spec, importer)
        return self._cache[key]

    def _resolve(self, spec: str, importer: str) -> str | None:
        if spec.startswith("."):
            return self._probe(os.path.normpath(os.path.join(os.path.dirname(importer), spec)))
        for prefix, targets in self.aliases:
            if spec == prefix.rstrip("/") or spec.startswith(prefix):
                rest = spec[len(prefix) :]
                for target in targets:
                    hit = self._probe(os.path.normpath(os.path.join(target, rest)) if rest else target.rstrip(os.sep))
                    if hit:
                        return hit
        return None

    def _probe(self, base: str) -> str | None:
        if base in self.files:
            return base
        stem, ext = os.path.splitext(base)
        if ext in (".js", ".mjs", ".cjs", ".jsx"):
            # TS ESM imports name the emitted .js file
            for alt in (".ts", ".tsx", ".mts", ".cts"):
                if stem + alt in self.files:
                    return stem + alt
        for ext in EXTENSIONS:
            if base + ext in self.files:
                return base + ext
        for ext in EXTENSIONS:
            candidate = os.path.join(base, "index" + ext)
            if candidate in self.files:
                return candidate
        return None
