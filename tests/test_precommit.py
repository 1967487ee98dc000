"""The pre-commit hooks, through the real `pre-commit try-repo`, on a throwaway git repo holding the
fixture app. Slow the first time (pre-commit builds a virtualenv with tauri-lint in it).

try-repo gets a committed snapshot of this repository's working tree rather than the repository itself:
on a dirty repository pre-commit copies tracked changes only, so new, uncommitted files (this test's own
hooks file, a new rule) would silently be missing. The snapshot tests exactly the code next to this file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "cli" / "app"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "tauri-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@tauri-lint.invalid",
    "GIT_COMMITTER_NAME": "tauri-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@tauri-lint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
CLEAN_MAIN = """\
import { invoke } from "@tauri-apps/api/core";

export async function saveAll(ids: string[]) {
  await invoke("save_items", { ids });
}
"""
LOOPING_MTS = """\
import { invoke } from "@tauri-apps/api/core";

export async function each(ids: string[]) {
  for (const id of ids) {
    await invoke("save_item", { id });
  }
}
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home / "pre-commit"), HOME=str(home))
    env.pop("PYTHONPATH", None)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, home: Path) -> Path:
    """This repository's working tree (tracked and new files, minus ignored ones), committed afresh."""
    env = _env(home)
    listed = _git(REPO, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    target = tmp_path_factory.mktemp("hook-repo")
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    _git(target, env, "init", "-q")
    _git(target, env, "add", "-A")
    _git(target, env, "commit", "-q", "-m", "snapshot")
    return target


@pytest.fixture
def project(tmp_path: Path, home: Path) -> Path:
    """A git repo holding the fixture app, committed clean (no findings)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "src" / "main.ts").write_text(CLEAN_MAIN)
    env = _env(home)
    _git(root, env, "init", "-q")
    _git(root, env, "add", "-A")
    _git(root, env, "commit", "-q", "-m", "clean app")
    return root


def try_repo(project: Path, hook_repo: Path, home: Path, hook: str, *args: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--verbose", *args],
        cwd=project,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_staged_files_hook(project: Path, hook_repo: Path, home: Path) -> None:
    env = _env(home)
    main = project / "src" / "main.ts"
    main.write_text((FIXTURE / "src" / "main.ts").read_text())
    _git(project, env, "add", "src/main.ts")
    code, output = try_repo(project, hook_repo, home, "tauri-lint")
    assert code == 1, output
    assert "src/main.ts:5:11: invoke-in-hot-loop" in output

    main.write_text(CLEAN_MAIN + "// batched now\n")  # differs from HEAD, so it is still staged
    _git(project, env, "add", "src/main.ts")
    code, output = try_repo(project, hook_repo, home, "tauri-lint")
    assert code == 0, output
    assert "tauri-lint" in output and "Passed" in output

    # .mts files have no pre-commit type tag: the hook must still pick them up.
    (project / "src" / "util.mts").write_text(LOOPING_MTS)
    _git(project, env, "add", "src/util.mts")
    code, output = try_repo(project, hook_repo, home, "tauri-lint")
    assert code == 1, output
    assert "src/util.mts:5:11: invoke-in-hot-loop" in output


def test_whole_project_hook(project: Path, hook_repo: Path, home: Path) -> None:
    env = _env(home)
    # The finding is in a committed file; only the Rust side is staged.
    (project / "src" / "main.ts").write_text((FIXTURE / "src" / "main.ts").read_text())
    _git(project, env, "commit", "-q", "-am", "loop")
    lib = project / "src-tauri" / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "\n// a comment\n")
    _git(project, env, "add", "-A")
    code, output = try_repo(project, hook_repo, home, "tauri-lint-project")
    assert code == 1, output
    assert "src/main.ts:5:11: invoke-in-hot-loop" in output
    # The staged-files hook only sees lib.rs, which is fine.
    code, output = try_repo(project, hook_repo, home, "tauri-lint")
    assert code == 0 and "Passed" in output, output
