"""The tauri-lint command end to end, on a tiny fixture app (tests/fixtures/cli/app) copied per test."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tauri_lint import __version__, cli
from tauri_lint.registry import all_rules

FIXTURE = Path(__file__).parent / "fixtures" / "cli" / "app"
HEADER = "src/main.ts:5:11: invoke-in-hot-loop "
FIXED_MAIN = """\
import { invoke } from "@tauri-apps/api/core";

export async function saveAll(ids: string[]) {
  await invoke("save_items", { ids });
}
"""
SUPPRESSED_MAIN = """\
import { invoke } from "@tauri-apps/api/core";

export async function saveAll(ids: string[]) {
  for (const id of ids) {
    // tauri-lint-disable-next-line invoke-in-hot-loop -- a handful of ids at most
    await invoke("save_item", { id });
  }
}
"""
# The directive's text inside a string is not a comment: the finding stays.
STRING_MAIN = """\
import { invoke } from "@tauri-apps/api/core";

export async function saveAll(ids: string[]) {
  for (const id of ids) {
    const s = "// tauri-lint-disable-next-line invoke-in-hot-loop";
    await invoke("save_item", { id, s });
  }
}
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "app"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def tl(app: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run `tauri-lint ARGS` in-process, in the app directory; stdin=bytes feeds standard input."""
    monkeypatch.chdir(app)
    monkeypatch.setattr(cli, "_verbose", False)
    for var in ("NO_COLOR", "FORCE_COLOR", "TAURI_LINT_OUTPUT_FORMAT", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(var, raising=False)

    def run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        with pytest.raises(SystemExit) as info:
            cli.main(list(args))
        captured = capsys.readouterr()
        code = info.value.code
        return Result(code if isinstance(code, int) else 0, captured.out, captured.err)

    return run


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


def test_default_command_is_check(tl: Runner) -> None:
    for args in ((), ("check",), (".",), ("check", "src"), ("--no-cache",)):
        result = tl(*args)
        assert result.code == 1, args
        assert result.out.startswith(HEADER), args
        assert "Found 1 problem (1 warning)" in result.out


def test_clean_project_exits_zero(tl: Runner, app: Path) -> None:
    (app / "src" / "main.ts").write_text(FIXED_MAIN)
    result = tl()
    assert result.code == 0 and result.out == "All checks passed! (2 files)\n"


def test_comment_suppresses_but_a_string_does_not(tl: Runner, app: Path) -> None:
    (app / "src" / "main.ts").write_text(SUPPRESSED_MAIN)
    assert tl().code == 0
    (app / "src" / "main.ts").write_text(STRING_MAIN)
    assert tl().code == 1


def test_unused_suppression_is_reported(tl: Runner, app: Path) -> None:
    (app / "src" / "main.ts").write_text("// tauri-lint-disable-next-line invoke-in-hot-loop\n" + FIXED_MAIN)
    result = tl("--output-format", "concise")
    assert result.code == 1
    assert "src/main.ts:1:1: unused-suppression unused suppression: no invoke-in-hot-loop finding" in result.out


def test_exit_zero(tl: Runner) -> None:
    assert tl("--exit-zero").code == 0


def test_selection_flags(tl: Runner) -> None:
    assert tl("--ignore", "invoke-in-hot-loop").code == 0
    assert tl("--select", "unused-suppression,stale-baseline").code == 0
    assert tl("--select", "unused-suppression", "--extend-select", "invoke-in-hot-loop").code == 1
    assert tl("--per-file-ignores", "src/*.ts:invoke-in-hot-loop").code == 0
    assert tl("--per-file-ignores", "*.rs:invoke-in-hot-loop").code == 1


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--selec", "x"), ("No such option", "--select")),
        (("--output-format", "xml"), ("'xml' is not one of",)),
        (("--select", "flaoting-invoke"), ('unknown rule "flaoting-invoke" in --select', "floating-invoke")),
        (("--per-file-ignores", "nocolon"), ("expected GLOB:RULES",)),
        (("--per-file-ignores", "*.ts:bogus"), ('unknown rule "bogus" in --per-file-ignores "*.ts"',)),
        (("--jobs", "many"), ("--jobs", 'expected a positive number or "auto"')),
        (("--update-baseline",), ("--update-baseline needs --baseline FILE",)),
        (("missing-dir",), ("path not found", "missing-dir")),
        (("--config", "nope.toml"), ("nope.toml: config file not found",)),
        (("rule", "flaoting-invoke"), ('unknown rule "flaoting-invoke"', 'did you mean "floating-invoke"?')),
        (("rule",), ("give either a rule id or --all",)),
    ],
)
def test_errors_are_one_line(tl: Runner, args: tuple[str, ...], fragments: tuple[str, ...]) -> None:
    assert_one_line_error(tl(*args), *fragments)


def test_bad_config_and_isolated(tl: Runner, app: Path) -> None:
    (app / "tauri-lint.toml").write_text('selcet = ["ALL"]\n')
    assert_one_line_error(tl(), 'tauri-lint.toml: unknown key "selcet"; did you mean "select"?')
    assert tl("--isolated").code == 1


def test_config_file_is_used(tl: Runner, app: Path) -> None:
    (app / "tauri-lint.toml").write_text('output-format = "concise"\nignore = ["invoke-in-hot-loop"]\n')
    result = tl()
    assert (result.code, result.out) == (0, "All checks passed! (2 files)\n")
    (app / "elsewhere.toml").write_text('output-format = "json"\n')
    result = tl("--config", "elsewhere.toml")
    assert result.code == 1 and json.loads(result.out)[0]["rule"] == "invoke-in-hot-loop"


def test_output_formats(tl: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    concise = tl("--output-format", "concise")
    assert concise.out.splitlines()[0].startswith(HEADER) and len(concise.out.splitlines()) == 2
    data = json.loads(tl("--output-format", "json").out)
    assert [(d["rule"], d["path"], d["start"]["line"]) for d in data] == [("invoke-in-hot-loop", "src/main.ts", 5)]
    github = tl("--output-format", "github").out
    assert github.startswith("::warning file=") and "title=invoke-in-hot-loop::" in github
    sarif = json.loads(tl("--output-format", "sarif").out)
    run = sarif["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["invoke-in-hot-loop"]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {r.id for r in all_rules()}
    monkeypatch.setenv("TAURI_LINT_OUTPUT_FORMAT", "concise")
    assert tl().out.splitlines()[0].startswith(HEADER)
    assert tl("--output-format", "json").out.startswith("[")  # the flag beats the environment


def test_sarif_ignored_rules_are_not_listed(tl: Runner) -> None:
    sarif = json.loads(tl("--output-format", "sarif", "--ignore", "listen-leak").out)
    ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "listen-leak" not in ids and "invoke-in-hot-loop" in ids


def test_output_file(tl: Runner, app: Path) -> None:
    result = tl("--output-format", "json", "-o", "reports/lint.json")
    assert result.code == 1 and result.out == ""
    assert json.loads((app / "reports" / "lint.json").read_text())[0]["rule"] == "invoke-in-hot-loop"


def test_statistics(tl: Runner) -> None:
    result = tl("--statistics")
    assert result.code == 1 and result.out == "1\tinvoke-in-hot-loop\twarning\n"
    data = json.loads(tl("--statistics", "--output-format", "json").out)
    assert data == [{"rule": "invoke-in-hot-loop", "severity": "warning", "count": 1}]


def test_quiet(tl: Runner) -> None:
    result = tl("-q")
    assert result.code == 1 and result.out.startswith(HEADER) and "Found" not in result.out


def test_color(tl: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in tl().out  # captured stdout is not a terminal
    assert "\x1b[" in tl("--color", "always").out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in tl().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in tl().out
    assert "\x1b[" in tl("--color", "always").out  # an explicit flag wins
    assert "\x1b[" not in tl("--color", "always", "--output-format", "json").out


def test_show_settings_and_files(tl: Runner) -> None:
    settings = tl("--show-settings", "--ignore", "listen-leak")
    assert settings.code == 0
    assert "config file: (none)" in settings.out and "ignore: ('listen-leak',)" in settings.out
    assert "options.max-loop-bound: 20" in settings.out
    files = tl("--show-files")
    assert (files.code, files.out) == (0, "src-tauri/src/lib.rs\nsrc/main.ts\n")


def test_stdin_filename(tl: Runner, app: Path) -> None:
    result = tl("--stdin-filename", "src/main.ts", stdin=FIXED_MAIN.encode())
    assert (result.code, result.out) == (0, "All checks passed! (1 file)\n")
    (app / "src" / "main.ts").write_text(FIXED_MAIN)
    source = (FIXTURE / "src" / "main.ts").read_bytes()
    result = tl("--stdin-filename", "src/main.ts", stdin=source)
    assert result.code == 1 and result.out.startswith(HEADER)
    assert 'await invoke("save_item", { id });' in result.out  # the frame shows stdin, not the disk


def test_baseline_round_trip(tl: Runner, app: Path) -> None:
    result = tl("--baseline", "baseline.json", "--update-baseline")
    assert result.code == 0 and "Wrote a baseline of 1 findings in 1 files" in result.err
    assert json.loads((app / "baseline.json").read_text()) == {"src/main.ts": {"invoke-in-hot-loop": 1}}
    assert tl("--baseline", "baseline.json").code == 0
    main = app / "src" / "main.ts"
    main.write_text(
        main.read_text() + "\nexport async function more(xs: string[]) {\n"
        "  for (const x of xs) await invoke('save_item', { id: x });\n}\n"
    )
    result = tl("--baseline", "baseline.json", "--output-format", "concise")
    assert result.code == 1 and result.out.startswith("src/main.ts:14:")  # only the new one
    main.write_text(FIXED_MAIN)
    result = tl("--baseline", "baseline.json", "--output-format", "concise")
    assert result.code == 1
    assert result.out.startswith("src/main.ts:1:1: stale-baseline the baseline expects 1 invoke-in-hot-loop")
    assert tl("--baseline", "baseline.json", "--ignore", "stale-baseline").code == 0


def test_bad_baseline_file(tl: Runner, app: Path) -> None:
    (app / "baseline.json").write_text("[1]")
    assert_one_line_error(tl("--baseline", "baseline.json"), "baseline.json: a baseline must be")
    assert_one_line_error(tl("--baseline", "nope.json"), "nope.json: baseline file not found")


def test_jobs_and_cache_flags(tl: Runner, app: Path) -> None:
    assert tl("-j", "2", "--cache-dir", "cache").code == 1
    assert (app / "cache").is_dir()
    assert tl("--jobs", "auto", "--no-cache").code == 1


def test_internal_error_is_one_line_unless_verbose(tl: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import tauri_lint.engine

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(tauri_lint.engine, "lint", boom)
    assert_one_line_error(tl(), "internal error: RuntimeError: kaput")
    result = tl("-v")
    assert result.code == 2 and "Traceback" in result.err and "kaput" in result.err


def test_rule_docs_and_rule_list(tl: Runner) -> None:
    doc = tl("rule", "invoke-in-hot-loop")
    assert doc.code == 0 and doc.out.startswith("# invoke-in-hot-loop (warning)\n") and "## What it does" in doc.out
    data = json.loads(tl("rule", "unused-suppression", "--output-format", "json").out)
    assert data["id"] == "unused-suppression" and data["severity"] == "note"
    every = json.loads(tl("rule", "--all", "--output-format", "json").out)
    assert [r["id"] for r in every] == sorted(r.id for r in all_rules())
    listing = tl("rules")
    assert listing.code == 0
    assert [line.split()[0] for line in listing.out.splitlines()] == sorted(r.id for r in all_rules())
    internal = next(line for line in listing.out.splitlines() if line.startswith("internal-error"))
    assert internal.split()[1] == "error"


def test_help_and_version(tl: Runner) -> None:
    assert tl("--version").out == f"tauri-lint {__version__}\n"
    assert "check" in tl("--help").out and "rules" in tl("-h").out
    assert "--output-format" in tl("check", "--help").out


def _python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


def test_version_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from tauri_lint import cli\n"
        "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'tree_sitter', 'jsonschema')"
        " or m in ('tauri_lint.engine', 'tauri_lint.reporters.sarif', 'tauri_lint.reporters.json_report'))\n"
        "print(heavy)\n"
    )
    result = _python("-c", code)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_python_dash_m(app: Path) -> None:
    result = _python("-m", "tauri_lint", "--output-format", "concise", "--no-cache", cwd=app)
    assert result.returncode == 1 and result.stdout.startswith(HEADER)
    assert _python("-m", "tauri_lint", "--version").stdout == f"tauri-lint {__version__}\n"


def test_settings_apply_to_unused_suppression_notes(tl: Runner, app: Path) -> None:
    (app / "src" / "extra.ts").write_text("// tauri-lint-disable-next-line invoke-in-hot-loop\nexport const x = 1;\n")
    (app / "tauri-lint.toml").write_text('[severity]\nunused-suppression = "error"\n')
    data = json.loads(tl("--output-format", "json").out)
    assert ("unused-suppression", "error") in {(d["rule"], d["severity"]) for d in data}
    (app / "tauri-lint.toml").write_text('[per-file-ignores]\n"extra.ts" = ["unused-suppression"]\n')
    data = json.loads(tl("--output-format", "json").out)
    assert "unused-suppression" not in {d["rule"] for d in data}
