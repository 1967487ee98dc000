"""Finding Tauri projects and their files from the paths a user (or pre-commit) gives."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tauri_lint.discovery import (
    SKIP_LARGE,
    SKIP_MINIFIED,
    SKIP_NOT_SOURCE,
    SKIP_NOT_TAURI_CRATE,
    Discovery,
    ProjectFiles,
    _Excluder,
    discover,
)
from tauri_lint.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"

APP_CARGO = '[package]\nname = "app"\n\n[dependencies]\ntauri = "2"\ntauri-plugin-fs = "2"\nserde = "1"\n'


def make(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path → text) under `root`; a path ending in / is an empty folder."""
    for rel, text in files.items():
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def tauri_app(root: Path, extra: dict[str, str] | None = None) -> Path:
    """A typical app: frontend at `root`, src-tauri beside src."""
    return make(
        root,
        {
            "package.json": "{}",
            "index.html": "<script type='module' src='/src/main.ts'></script>",
            "src/main.ts": "",
            "src/App.vue": "",
            "src/lib/api.ts": "",
            "src-tauri/tauri.conf.json": "{}",
            "src-tauri/Cargo.toml": APP_CARGO,
            "src-tauri/build.rs": "",
            "src-tauri/src/main.rs": "",
            "src-tauri/src/commands/mod.rs": "",
            "src-tauri/scripts/inject.js": "",
            "src-tauri/target/debug/build/x.rs": "",
            "src-tauri/gen/android/x.js": "",
            "node_modules/pkg/index.js": "",
            "dist/assets/index.js": "",
            **(extra or {}),
        },
    )


def rel(root: Path, paths: Iterator[str] | list[str] | set[str]) -> list[str]:
    return sorted(os.path.relpath(p, root) for p in paths)


def only(found: Discovery) -> ProjectFiles:
    assert len(found.projects) == 1, found.projects
    return found.projects[0]


APP_FRONTEND = ["index.html", "src-tauri/scripts/inject.js", "src/App.vue", "src/lib/api.ts", "src/main.ts"]
APP_RUST = ["src-tauri/build.rs", "src-tauri/src/commands/mod.rs", "src-tauri/src/main.rs"]


# --------------------------------------------------------------------------------------------------
# Where a project is found from
# --------------------------------------------------------------------------------------------------


def test_sub_folder_loads_whole_project(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    project = only(discover([str(app / "src" / "lib")], Settings()))
    assert project.root == str(app)
    assert project.tauri_dir == str(app / "src-tauri")
    assert rel(app, project.frontend_files) == APP_FRONTEND
    assert rel(app, project.rust_files) == APP_RUST
    assert project.cargo_deps == ["serde", "tauri", "tauri-plugin-fs"]
    assert rel(app, project.requested) == ["src/lib/api.ts"]


def test_single_file(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    found = discover([str(app / "src" / "main.ts")], Settings())
    project = only(found)
    assert rel(app, project.frontend_files) == APP_FRONTEND
    assert rel(app, project.requested) == ["src/main.ts"]
    assert found.notes == []


def test_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = tauri_app(tmp_path / "app")
    monkeypatch.chdir(app)
    project = only(discover(["src"], Settings()))
    assert project.root == str(app)
    assert rel(app, project.requested) == ["src/App.vue", "src/lib/api.ts", "src/main.ts"]


def test_src_tauri_folder(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    project = only(discover([str(app / "src-tauri")], Settings()))
    assert project.root == str(app)
    assert rel(app, project.requested) == sorted([*APP_RUST, "src-tauri/scripts/inject.js"])


def test_whole_project_folder(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    project = only(discover([str(app)], Settings()))
    assert rel(app, project.requested) == sorted(APP_FRONTEND + APP_RUST)


def test_tauri_conf_in_frontend_folder(tmp_path: Path) -> None:
    app = make(
        tmp_path / "app",
        {
            "package.json": "{}",
            "tauri.conf.json": "{}",
            "Cargo.toml": APP_CARGO,
            "src/main.rs": "",
            "web/main.ts": "",
        },
    )
    project = only(discover([str(app / "web" / "main.ts")], Settings()))
    assert (project.root, project.tauri_dir) == (str(app), str(app))
    assert rel(app, project.rust_files) == ["src/main.rs"]


def test_tauri_dir_with_another_name(tmp_path: Path) -> None:
    app = make(
        tmp_path / "app",
        {
            "package.json": "{}",
            "src/main.ts": "",
            "desktop/Tauri.toml": "",
            "desktop/Cargo.toml": APP_CARGO,
            "desktop/src/lib.rs": "",
        },
    )
    project = only(discover([str(app / "src" / "main.ts")], Settings()))
    assert (project.root, project.tauri_dir) == (str(app), str(app / "desktop"))
    assert rel(app, project.rust_files) == ["desktop/src/lib.rs"]


def test_no_package_json_root_is_tauri_dir_parent(tmp_path: Path) -> None:
    app = make(
        tmp_path / "plain",
        {
            "ui/index.html": "",
            "ui/main.js": "",
            "src-tauri/tauri.conf.json5": "{}",
            "src-tauri/Cargo.toml": APP_CARGO,
            "src-tauri/src/main.rs": "",
        },
    )
    project = only(discover([str(app / "src-tauri" / "src" / "main.rs")], Settings()))
    assert project.root == str(app)
    assert rel(app, project.frontend_files) == ["ui/index.html", "ui/main.js"]
    assert rel(app, project.requested) == ["src-tauri/src/main.rs"]


def test_loose_frontend_files(tmp_path: Path) -> None:
    web = make(tmp_path / "web", {"package.json": "{}", "src/a.ts": "", "src/b.svelte": "", "README.md": ""})
    project = only(discover([str(web)], Settings()))
    assert project.tauri_dir is None
    assert project.root == str(web)  # the given folder
    assert rel(web, project.frontend_files) == ["src/a.ts", "src/b.svelte"]
    assert project.requested == set(project.frontend_files)
    assert project.rust_files == [] and project.cargo_deps == []


def test_loose_file_does_not_pull_in_its_folder(tmp_path: Path) -> None:
    web = make(tmp_path / "web", {"a.ts": "", "b.ts": ""})
    project = only(discover([str(web / "a.ts")], Settings()))
    assert project.tauri_dir is None
    assert rel(web, project.frontend_files) == ["a.ts"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    found = discover([str(tmp_path / "empty")], Settings())
    assert found.projects == [] and found.notes == []


# --------------------------------------------------------------------------------------------------
# Monorepos, workspaces and plugin crates
# --------------------------------------------------------------------------------------------------


def test_monorepo_two_apps_and_loose_package(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", {"package.json": "{}", "packages/ui/button.tsx": ""})
    tauri_app(repo / "apps" / "one")
    tauri_app(repo / "apps" / "two")
    found = discover([str(repo)], Settings())
    assert [p.root for p in found.projects] == [
        str(repo),
        str(repo / "apps" / "one"),
        str(repo / "apps" / "two"),
    ]
    loose, one, two = found.projects
    assert rel(repo / "apps" / "one", one.frontend_files) == APP_FRONTEND
    assert rel(repo / "apps" / "two", two.rust_files) == APP_RUST
    assert one.requested == set(one.frontend_files + one.rust_files)
    assert loose.tauri_dir is None
    assert rel(repo, loose.frontend_files) == ["packages/ui/button.tsx"]


def test_monorepo_single_file_only_loads_its_app(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", {"package.json": "{}"})
    tauri_app(repo / "apps" / "one")
    tauri_app(repo / "apps" / "two")
    project = only(discover([str(repo / "apps" / "two" / "src" / "main.ts")], Settings()))
    assert project.root == str(repo / "apps" / "two")


def test_nested_project_files_go_to_nearest(tmp_path: Path) -> None:
    outer = tauri_app(tmp_path / "outer")
    inner = tauri_app(outer / "examples" / "inner")
    found = discover([str(outer)], Settings())
    assert [p.root for p in found.projects] == [str(outer), str(inner)]
    outer_p, inner_p = found.projects
    assert rel(outer, outer_p.frontend_files) == APP_FRONTEND
    assert rel(inner, inner_p.frontend_files) == APP_FRONTEND
    assert rel(outer, outer_p.rust_files) == APP_RUST
    assert rel(inner, inner_p.rust_files) == APP_RUST


def test_nested_project_not_reported_when_not_asked(tmp_path: Path) -> None:
    outer = tauri_app(tmp_path / "outer")
    tauri_app(outer / "examples" / "inner")
    project = only(discover([str(outer / "src")], Settings()))
    assert project.root == str(outer)
    assert all("examples" not in f for f in project.frontend_files)


def test_plugin_crates_in_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURES / "workspace", ws)
    project = only(discover([str(ws / "app" / "src")], Settings()))
    assert project.root == str(ws / "app")
    assert rel(ws, project.rust_files) == [
        "app/src-tauri/src/lib.rs",
        "plugins/tauri-plugin-clip/src/commands.rs",
        "plugins/tauri-plugin-clip/src/lib.rs",
        "shared/tauri-plugin-shared/src/lib.rs",
    ]
    # `util` does not depend on tauri; plugin examples are their own crates
    assert "tauri-plugin-clip" in project.cargo_deps
    assert "tauri-plugin-shell" in project.cargo_deps
    assert "regex" not in project.cargo_deps
    assert rel(ws, project.requested) == ["app/src/main.ts"]


def test_workspace_members_of_other_apps_are_not_merged(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", {"Cargo.toml": '[workspace]\nmembers = ["apps/*/src-tauri"]\n'})
    tauri_app(repo / "apps" / "one")
    tauri_app(repo / "apps" / "two")
    found = discover([str(repo)], Settings())
    one, two = found.projects
    assert all("/apps/one/" in f for f in one.rust_files)
    assert all("/apps/two/" in f for f in two.rust_files)


def test_plugin_repo_with_example_app(tmp_path: Path) -> None:
    plugin = make(
        tmp_path / "tauri-plugin-foo",
        {
            "Cargo.toml": '[package]\nname = "tauri-plugin-foo"\n[dependencies]\ntauri = "2"\n',
            "package.json": "{}",
            "src/lib.rs": "",
            "src/commands.rs": "",
            "guest-js/index.ts": "",
            "examples/app/package.json": "{}",
            "examples/app/src/main.ts": "",
            "examples/app/src-tauri/tauri.conf.json": "{}",
            "examples/app/src-tauri/Cargo.toml": (
                '[package]\nname = "app"\n[dependencies]\ntauri = "2"\ntauri-plugin-foo = { path = "../../../" }\n'
            ),
            "examples/app/src-tauri/src/main.rs": "",
        },
    )
    found = discover([str(plugin)], Settings())
    loose, example = found.projects
    assert (loose.root, loose.tauri_dir) == (str(plugin), None)
    assert rel(plugin, loose.rust_files) == ["src/commands.rs", "src/lib.rs"]
    assert rel(plugin, loose.frontend_files) == ["guest-js/index.ts"]
    assert example.tauri_dir == str(plugin / "examples" / "app" / "src-tauri")
    # the example app sees the plugin's commands (a path dependency) ...
    assert rel(plugin, example.rust_files) == [
        "examples/app/src-tauri/src/main.rs",
        "src/commands.rs",
        "src/lib.rs",
    ]
    # ... but only the plugin's own project reports on them
    assert rel(plugin, example.requested) == [
        "examples/app/src-tauri/src/main.rs",
        "examples/app/src/main.ts",
    ]
    assert loose.requested == set(loose.rust_files + loose.frontend_files)


def test_several_tauri_configs_sharing_a_root(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"other-shell/tauri.conf.json": "{}"})
    found = discover([str(app)], Settings())
    assert only(found).tauri_dir == str(app / "src-tauri")
    assert [(os.path.relpath(n.path, app), n.message) for n in found.notes] == [
        ("other-shell", f"several Tauri configs share {app}; using {app / 'src-tauri'}")
    ]


def test_odd_workspace_manifest(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"Cargo.toml": '[workspace]\nmembers = "not-a-list"\nexclude = [1, 2]\n'})
    project = only(discover([str(app)], Settings()))
    assert rel(app, project.rust_files) == APP_RUST


def test_bad_cargo_toml_is_a_note(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"src-tauri/Cargo.toml": "[package\nname="})
    found = discover([str(app)], Settings())
    project = only(found)
    assert project.cargo_deps == []
    assert [n.message.split(":")[0] for n in found.notes] == ["cannot parse Cargo.toml"]


# --------------------------------------------------------------------------------------------------
# Excludes
# --------------------------------------------------------------------------------------------------


def test_default_excludes_prune(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    project = only(discover([str(app)], Settings()))
    everything = project.frontend_files + project.rust_files
    for pruned in ("node_modules", "dist", "target", "gen"):
        assert not any(f"/{pruned}/" in f for f in everything)


def test_node_modules_never_entered(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    files = rel(app, only(discover([str(app)], Settings(exclude=()))).frontend_files)
    assert not any("node_modules" in f for f in files)
    assert "dist/assets/index.js" in files


def test_extend_exclude_patterns(tmp_path: Path) -> None:
    app = tauri_app(
        tmp_path / "app",
        {
            "src/legacy/old.ts": "",
            "lib/src/legacy/kept.ts": "",
            "src/a.test.ts": "",
            "src/deep/b.test.ts": "",
        },
    )
    settings = Settings(extend_exclude=("src/legacy", "**/*.test.ts"))
    project = only(discover([str(app)], settings))
    files = rel(app, project.frontend_files)
    assert "src/legacy/old.ts" not in files
    assert "lib/src/legacy/kept.ts" in files  # `src/legacy` is anchored at the project root
    assert not [f for f in files if f.endswith(".test.ts")]


def test_gitignore_outside_git_repo(tmp_path: Path) -> None:
    app = tauri_app(
        tmp_path / "app",
        {
            ".gitignore": "generated/\n*.gen.ts\n!keep.gen.ts\n",
            "src/generated/api.ts": "",
            "src/x.gen.ts": "",
            "src/keep.gen.ts": "",
            "src/sub/.gitignore": "local.ts\n",
            "src/sub/local.ts": "",
            "src/sub/other.ts": "",
            "local.ts": "",
        },
    )
    files = rel(app, only(discover([str(app)], Settings())).frontend_files)
    assert "src/generated/api.ts" not in files
    assert "src/x.gen.ts" not in files
    assert "src/keep.gen.ts" in files
    assert "src/sub/local.ts" not in files
    assert "local.ts" in files  # the nested .gitignore applies below its folder only
    assert "src/sub/other.ts" in files
    unfiltered = rel(app, only(discover([str(app)], Settings(respect_gitignore=False))).frontend_files)
    assert "src/generated/api.ts" in unfiltered


def test_gitignore_above_root_needs_git_repo(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", {".gitignore": "*.gen.ts\n"})
    app = tauri_app(repo / "apps" / "one", {"src/x.gen.ts": ""})
    files = rel(app, only(discover([str(app)], Settings())).frontend_files)
    assert "src/x.gen.ts" in files  # not a git repo: .gitignore files above the project do not apply
    (repo / ".git").mkdir()
    (repo / ".git" / "info").mkdir()
    (repo / ".git" / "info" / "exclude").write_text("src/main.ts\n")
    files = rel(app, only(discover([str(app)], Settings())).frontend_files)
    assert "src/x.gen.ts" not in files
    assert "src/main.ts" in files  # info/exclude patterns are relative to the repo root


def test_explicit_excluded_file_is_linted_unless_force_exclude(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"src/legacy/old.ts": ""})
    target = str(app / "src" / "legacy" / "old.ts")
    settings = Settings(extend_exclude=("legacy",))
    project = only(discover([target], settings))
    assert target in project.frontend_files
    assert project.requested == {target}
    forced = only(discover([target], Settings(extend_exclude=("legacy",), force_exclude=True)))
    assert target not in forced.frontend_files
    assert forced.requested == set()
    assert forced.root == str(app)  # the project still loads


def test_explicit_excluded_folder(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"src/legacy/old.ts": "", "src/legacy/node_modules/x.js": ""})
    folder = str(app / "src" / "legacy")
    project = only(discover([folder], Settings(extend_exclude=("legacy",))))
    assert rel(app, project.requested) == ["src/legacy/old.ts"]
    forced = only(discover([folder], Settings(extend_exclude=("legacy",), force_exclude=True)))
    assert forced.requested == set()


def test_force_exclude_with_gitignored_file(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {".gitignore": "src/secret.ts\n", "src/secret.ts": ""})
    target = str(app / "src" / "secret.ts")
    assert only(discover([target], Settings())).requested == {target}
    assert only(discover([target], Settings(force_exclude=True))).requested == set()


# --------------------------------------------------------------------------------------------------
# Skipped files and notes
# --------------------------------------------------------------------------------------------------


def test_minified_and_large_files_skipped_with_notes(tmp_path: Path) -> None:
    app = tauri_app(
        tmp_path / "app",
        {"public/vendor.min.js": "", "src-tauri/scripts/api-iife.js": "", "src/big.js": "x" * (1 << 20 + 1)},
    )
    found = discover([str(app)], Settings())
    project = only(found)
    files = rel(app, project.frontend_files)
    assert "public/vendor.min.js" not in files and "src/big.js" not in files
    assert "src-tauri/scripts/api-iife.js" not in files
    notes = {(os.path.relpath(n.path, app), n.message) for n in found.notes}
    assert notes == {
        ("public/vendor.min.js", SKIP_MINIFIED),
        ("src-tauri/scripts/api-iife.js", SKIP_MINIFIED),
        ("src/big.js", SKIP_LARGE),
    }


def test_skip_notes_only_for_requested_files(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"public/vendor.min.js": ""})
    assert discover([str(app / "src")], Settings()).notes == []
    found = discover([str(app / "public" / "vendor.min.js")], Settings())
    assert [(n.message) for n in found.notes] == [SKIP_MINIFIED]


def test_missing_path_note(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    missing = str(tmp_path / "nope.ts")
    found = discover([missing, str(app / "src" / "main.ts")], Settings())
    assert [(n.path, n.message) for n in found.notes] == [(missing, f"path not found: {missing}")]
    assert len(found.projects) == 1


def test_non_source_and_non_tauri_rust_files(tmp_path: Path) -> None:
    app = tauri_app(
        tmp_path / "app",
        {"README.md": "", "tools/Cargo.toml": '[package]\nname = "tools"\n', "tools/src/main.rs": ""},
    )
    found = discover([str(app / "README.md"), str(app / "tools" / "src" / "main.rs")], Settings())
    assert sorted((os.path.relpath(n.path, app), n.message) for n in found.notes) == [
        ("README.md", SKIP_NOT_SOURCE),
        ("tools/src/main.rs", SKIP_NOT_TAURI_CRATE),
    ]
    assert not any("tools" in f for f in only(found).rust_files)


# --------------------------------------------------------------------------------------------------
# File system trouble
# --------------------------------------------------------------------------------------------------


def test_symlink_loops(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    (app / "src" / "loop").symlink_to(app, target_is_directory=True)
    (app / "src" / "self.ts").symlink_to(app / "src" / "self.ts")
    (app / "src" / "dangling.ts").symlink_to(app / "nowhere.ts")
    (app / "src" / "alias.ts").symlink_to(app / "src" / "main.ts")
    project = only(discover([str(app)], Settings()))
    assert rel(app, project.frontend_files) == sorted([*APP_FRONTEND, "src/alias.ts"])


def test_unreadable_folder_does_not_crash(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {"src/locked/a.ts": ""})
    locked = app / "src" / "locked"
    locked.chmod(0)
    try:
        found = discover([str(app)], Settings())
    finally:
        locked.chmod(0o755)
    project = only(found)
    assert str(app / "src" / "main.ts") in project.frontend_files
    if os.access(locked, os.R_OK):  # root reads anyway: nothing was skipped
        return
    assert [n.message for n in found.notes] == ["skipped: permission denied"]


def test_permission_denied_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = tauri_app(tmp_path / "app", {"src/locked/a.ts": ""})
    locked = str(app / "src" / "locked")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([str(app)], Settings())
    assert [(n.path, n.message) for n in found.notes] == [(locked, "skipped: permission denied")]
    assert rel(app, only(found).frontend_files) == APP_FRONTEND


def test_non_utf8_file_name(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app")
    raw = os.fsencode(str(app / "src")) + b"/caf\xe9.ts"
    with open(raw, "wb") as fh:
        fh.write(b"")
    project = only(discover([str(app)], Settings()))
    decoded = os.fsdecode(raw)
    assert decoded in project.frontend_files
    assert decoded in project.requested


def test_deterministic_and_sorted(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", {"package.json": "{}"})
    for name in ("zeta", "alpha", "mid"):
        tauri_app(repo / name, {f"src/{c}.ts": "" for c in "zyxabc"})
    first = discover([str(repo)], Settings())
    second = discover([str(repo)], Settings())
    assert first == second
    for project in first.projects:
        assert project.frontend_files == sorted(project.frontend_files)
        assert project.rust_files == sorted(project.rust_files)
        assert project.cargo_deps == sorted(project.cargo_deps)
    assert [p.root for p in first.projects] == sorted(p.root for p in first.projects)


def test_many_paths_from_pre_commit(tmp_path: Path) -> None:
    app = tauri_app(tmp_path / "app", {f"src/f{i}.ts": "" for i in range(200)})
    paths = [str(app / "src" / f"f{i}.ts") for i in range(200)] + [str(app / "src-tauri" / "src" / "main.rs")]
    project = only(discover(paths, Settings(force_exclude=True)))
    assert len(project.requested) == 201


def _sibling_monorepo(root: Path) -> Path:
    """apps/web is the frontend, apps/desktop the Tauri app building it (`../web/dist`)."""
    return make(
        root,
        {
            ".git/": "",
            "package.json": "{}",
            "apps/web/package.json": "{}",
            "apps/web/src/main.ts": "",
            "apps/web/src/pages/Home.vue": "",
            "apps/desktop/tauri.conf.json": '{ "build": { "frontendDist": "../web/dist" } }',
            "apps/desktop/Cargo.toml": APP_CARGO,
            "apps/desktop/src/lib.rs": "",
            "apps/other/package.json": "{}",
            "apps/other/src/x.ts": "",
        },
    )


@pytest.mark.parametrize("given", ["", "apps/web", "apps/web/src/pages/Home.vue"])
def test_frontend_beside_its_tauri_app_is_found_from_any_path(tmp_path: Path, given: str) -> None:
    repo = _sibling_monorepo(tmp_path / "repo")
    found = discover([str(repo / given) if given else str(repo)], Settings())
    app = next(p for p in found.projects if p.tauri_dir is not None)
    assert app.root == str(repo / "apps" / "web")
    assert app.tauri_dir == str(repo / "apps" / "desktop")
    assert rel(repo, app.frontend_files) == ["apps/web/src/main.ts", "apps/web/src/pages/Home.vue"]
    assert rel(repo, app.rust_files) == ["apps/desktop/src/lib.rs"]


def test_a_sibling_package_is_not_pulled_into_the_app(tmp_path: Path) -> None:
    repo = _sibling_monorepo(tmp_path / "repo")
    found = discover([str(repo / "apps" / "other" / "src" / "x.ts")], Settings())
    assert all(p.tauri_dir is None for p in found.projects)


@pytest.mark.parametrize(
    ("spec", "major"),
    [
        ('tauri = "1.5"', 1),
        ('tauri = { version = "^2.0.0", features = [] }', 2),
        ('tauri = "=1.8.1"', 1),
        ('tauri = { path = "../tauri/crates/tauri" }', None),
        ("tauri = { workspace = true }", None),
    ],
)
def test_tauri_major_version_from_cargo_toml(tmp_path: Path, spec: str, major: int | None) -> None:
    app = tauri_app(tmp_path / "app", {"src-tauri/Cargo.toml": f'[package]\nname = "app"\n\n[dependencies]\n{spec}\n'})
    assert only(discover([str(app)], Settings())).tauri_major == major


@pytest.mark.parametrize(
    ("shared", "major"),
    [
        ('tauri = "1.8"', 1),
        ('tauri = { version = "2.1", features = ["tray-icon"] }', 2),
        ('serde = "1"', None),  # the workspace does not say: unknown, not guessed
    ],
)
def test_tauri_major_inherited_from_the_workspace(tmp_path: Path, shared: str, major: int | None) -> None:
    # `tauri = { workspace = true }` takes its version from [workspace.dependencies] of the root Cargo.toml
    member = '[package]\nname = "app"\n\n[dependencies]\ntauri = { workspace = true, features = [] }\n'
    app = tauri_app(
        tmp_path / "app",
        {
            "Cargo.toml": f'[workspace]\nmembers = ["src-tauri"]\n\n[workspace.dependencies]\n{shared}\n',
            "src-tauri/Cargo.toml": member,
        },
    )
    assert only(discover([str(app)], Settings())).tauri_major == major


@pytest.mark.parametrize(
    "rel",
    ["dist", "src/dist", "src/dist.ts", "src/out", "src/output.ts", "gen", "src/gen.rs", "a/b/coverage"],
)
@pytest.mark.parametrize("is_dir", [True, False])
def test_bare_name_excludes_match_as_the_gitignore_spec_does(rel: str, is_dir: bool) -> None:
    settings = Settings()
    ex = _Excluder(settings)
    assert ex.names is not None  # the defaults are all bare names: the fast path is taken
    top = os.path.join(os.sep, "repo")
    path = os.path.join(top, rel)
    # (during a walk the folders above an entry were checked already: none of these is excluded)
    assert ex.excluded(top, (), path, is_dir) == ex.by_settings(top, path, is_dir)


def test_patterns_with_a_slash_or_glob_use_the_full_gitignore_spec() -> None:
    ex = _Excluder(Settings(extend_exclude=("src/legacy", "*.gen.ts")))
    assert ex.names is None
    top = os.path.join(os.sep, "repo")
    assert ex.excluded(top, (), os.path.join(top, "src", "legacy"), True)
    assert ex.excluded(top, (), os.path.join(top, "src", "api.gen.ts"), False)
    assert not ex.excluded(top, (), os.path.join(top, "lib", "legacy"), True)
