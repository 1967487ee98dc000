"""Config files: finding them, validating every key with a useful message, merging with flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from tauri_lint.config import CliOverrides, find_config, load_config, merge, resolve
from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.errors import ConfigError
from tauri_lint.selection import apply_settings, enabled_rules, glob_matches
from tauri_lint.settings import DEFAULT_EXCLUDES, RuleOptions, Settings
from tests._reporting_cases import sample_result

FULL = """\
select = ["ALL"]
extend-select = ["unused-suppression"]
ignore = ["stale-baseline"]
exclude = ["vendor"]
extend-exclude = ["src/legacy"]
respect-gitignore = false
force-exclude = true
output-format = "concise"

[per-file-ignores]
"src/bindings.ts" = ["unused-suppression"]

[severity]
unused-suppression = "warning"

[options]
hot-events = ["pointerrawupdate"]
wrapper-names = ["call"]
known-commands = ["macro_cmd"]
known-plugins = ["store"]
max-loop-bound = 5
max-array-length = 3
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key(tmp_path: Path) -> None:
    config = load_config(str(write(tmp_path / "tauri-lint.toml", FULL)))
    resolved = merge(config, CliOverrides())
    assert resolved == Settings(
        select=("ALL",),
        extend_select=("unused-suppression",),
        ignore=("stale-baseline",),
        per_file_ignores=(("src/bindings.ts", ("unused-suppression",)),),
        exclude=("vendor",),
        extend_exclude=("src/legacy",),
        respect_gitignore=False,
        force_exclude=True,
        severity=(("unused-suppression", Severity.WARNING),),
        options=RuleOptions(
            hot_events=("pointerrawupdate",),
            wrapper_names=("call",),
            known_commands=("macro_cmd",),
            known_plugins=("store",),
            max_loop_bound=5,
            max_array_length=3,
        ),
    )
    assert config.values["output-format"] == "concise"


def test_search_order_and_upward_walk(tmp_path: Path) -> None:
    deep = tmp_path / "app" / "src" / "components"
    deep.mkdir(parents=True)
    outside = find_config(str(deep))
    assert outside is None or not outside.startswith(str(tmp_path))
    write(tmp_path / "pyproject.toml", "[tool.tauri-lint]\nselect = ['ALL']\n")
    assert find_config(str(deep)) == str(tmp_path / "pyproject.toml")
    write(tmp_path / "app" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table: not a config
    assert find_config(str(deep)) == str(tmp_path / "pyproject.toml")
    write(tmp_path / "app" / ".tauri-lint.toml", "")
    assert find_config(str(deep)) == str(tmp_path / "app" / ".tauri-lint.toml")
    write(tmp_path / "app" / "tauri-lint.toml", "")
    assert find_config(str(deep)) == str(tmp_path / "app" / "tauri-lint.toml")
    # A file path starts the search in its directory.
    file = write(deep / "Button.tsx", "")
    assert find_config(str(file)) == str(tmp_path / "app" / "tauri-lint.toml")


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.tauri-lint]\nignore = ["unused-suppression"]\n[tool.tauri-lint.options]\nmax-loop-bound = 2\n',
    )
    settings = merge(load_config(str(path)), CliOverrides())
    assert settings.ignore == ("unused-suppression",)
    assert settings.options.max_loop_bound == 2


def test_broken_unrelated_pyproject_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "this is [not toml tauri-lint")
    found = find_config(str(tmp_path))
    assert found is None or not found.startswith(str(tmp_path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'selcet = ["ALL"]',
            'tauri-lint.toml: unknown key "selcet"; did you mean "select"? (allowed: select, extend-select, '
            "ignore, per-file-ignores, exclude, extend-exclude, respect-gitignore, force-exclude, "
            "output-format, severity, options)",
        ),
        ('select = "ALL"', 'tauri-lint.toml: "select" must be a list of rule ids (or "ALL"), got "ALL"'),
        ('select = ["flaoting-invoke"]', 'tauri-lint.toml: unknown rule "flaoting-invoke" in select'),
        ("respect-gitignore = 1", 'tauri-lint.toml: "respect-gitignore" must be true or false, got 1'),
        ('output-format = "xml"', 'tauri-lint.toml: "output-format" must be one of full, concise, json'),
        ('exclude = ["a", 1]', 'tauri-lint.toml: "exclude" must be a list of strings'),
        ("[severity]\nunused-suppression = 'fatal'", '"severity.unused-suppression" must be one of error,'),
        ("[severity]\nALL = 'error'", 'unknown rule "ALL" in severity'),
        ("[options]\nmax-loop-bound = -1", '"options.max-loop-bound" must be a whole number >= 0, got -1'),
        ("[options]\nmax-loop-bound = true", '"options.max-loop-bound" must be a whole number >= 0'),
        ("[options]\nhot-event = []", 'unknown key "options.hot-event"; did you mean "hot-events"?'),
        ("[per-file-ignores]\n'*.ts' = 'x'", '"per-file-ignores.*.ts" must be a list of rule ids'),
        ("per-file-ignores = []", '"per-file-ignores" must be a table, got []'),
        ("select = [", "tauri-lint.toml: invalid TOML:"),
    ],
)
def test_errors_name_the_file_the_key_and_what_is_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "tauri-lint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config("tauri-lint.toml")
    assert str(info.value).startswith("tauri-lint.toml: ")
    assert message in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", "[tool.tauri-lint]\nnope = 1\n")
    with pytest.raises(ConfigError, match=r'^pyproject.toml \[tool.tauri-lint\]: unknown key "nope"'):
        load_config("pyproject.toml")


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        resolve(["."], config_file=str(tmp_path / "nope.toml"))


def test_merge_defaults_config_flags(tmp_path: Path) -> None:
    config = load_config(
        str(
            write(
                tmp_path / "tauri-lint.toml",
                'select = ["unused-suppression"]\nignore = ["stale-baseline"]\nextend-exclude = ["a"]\n'
                "respect-gitignore = false\n[per-file-ignores]\n'x.ts' = ['unused-suppression']\n",
            )
        )
    )
    assert merge(config, CliOverrides()).exclude == DEFAULT_EXCLUDES
    flags = CliOverrides(
        select=("ALL",),
        ignore=("internal-error",),
        extend_exclude=("b",),
        per_file_ignores=(("y.ts", ("stale-baseline",)),),
        respect_gitignore=True,
        exclude=("only",),
    )
    merged = merge(config, flags)
    assert merged.select == ("ALL",)  # a flag replaces
    assert merged.ignore == ("stale-baseline", "internal-error")  # ... or adds, for the additive keys
    assert merged.extend_exclude == ("a", "b")
    assert merged.exclude == ("only",)
    assert merged.per_file_ignores == (("x.ts", ("unused-suppression",)), ("y.ts", ("stale-baseline",)))
    assert merged.respect_gitignore is True


def test_resolve_finds_isolates_and_picks_output_format(tmp_path: Path) -> None:
    write(tmp_path / "tauri-lint.toml", 'output-format = "json"\nignore = ["unused-suppression"]\n')
    project = tmp_path / "src"
    project.mkdir()
    found = resolve([str(project)])
    assert found.config_path == str(tmp_path / "tauri-lint.toml")
    assert found.output_format == "json"
    assert found.settings.ignore == ("unused-suppression",)
    assert resolve([str(project)], cli=CliOverrides(output_format="sarif")).output_format == "sarif"
    isolated = resolve([str(project)], isolated=True)
    assert isolated.config_path is None and isolated.output_format == "full"
    assert isolated.settings == Settings()
    via_stdin = resolve([], stdin_filename=str(project / "App.tsx"))
    assert via_stdin.config_path == str(tmp_path / "tauri-lint.toml")


def test_selection() -> None:
    ids = [r.id for r in enabled_rules(Settings(select=("unused-suppression",)))]
    assert ids == ["internal-error", "unused-suppression"]  # internal-error is always on
    everything = {r.id for r in enabled_rules(Settings())}
    assert {r.id for r in enabled_rules(Settings(ignore=("ALL",)))} == {"internal-error"}
    fewer = {r.id for r in enabled_rules(Settings(ignore=("unused-suppression",)))}
    assert everything - fewer == {"unused-suppression"}
    more = enabled_rules(Settings(select=(), extend_select=("stale-baseline",)))
    assert [r.id for r in more] == ["internal-error", "stale-baseline"]
    with pytest.raises(ConfigError, match=r'unknown rule "bogus" in ignore \(known rules: ALL, '):
        enabled_rules(Settings(ignore=("bogus",)))


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("*.test.ts", "src/a/b.test.ts", True),  # no slash: any depth
        ("bindings.ts", "src/bindings.ts", True),
        ("src/legacy/**", "src/legacy/x/y.ts", True),
        ("src/legacy/", "src/legacy/x.ts", True),
        ("src/*.ts", "src/a/b.ts", False),  # * stays in one segment
        ("/App.tsx", "src/App.tsx", False),  # anchored
        ("src/**/*.tsx", "src/a/b/C.tsx", True),
    ],
)
def test_per_file_ignore_globs(glob: str, path: str, matches: bool) -> None:
    assert glob_matches(glob, path) is matches


def test_apply_settings() -> None:
    result = sample_result()
    settings = Settings(
        per_file_ignores=(("src/my files/*", ("floating-invoke",)), ("*.tsx", ("unknown-command",))),
        severity=(("invoke-arg-mismatch", Severity.NOTE),),
    )
    out = apply_settings(result.diagnostics, settings, result.root)
    kept = [(d.rule, d.span.path.rsplit("/", 1)[1], d.severity.value) for d in out]
    assert ("unknown-command", "App.tsx", "error") not in kept
    assert ("unknown-command", "deleted.ts", "error") in kept
    assert ("invoke-arg-mismatch", "App.tsx", "note") in kept
    assert not [k for k in kept if k[1].startswith("ünïcode")]
    crash = apply_settings(
        [Diagnostic("internal-error", Severity.ERROR, result.diagnostics[0].span, "x")],
        Settings(per_file_ignores=(("*", ("ALL",)),), severity=(("internal-error", Severity.NOTE),)),
        result.root,
    )
    assert [(d.rule, d.severity) for d in crash] == [("internal-error", Severity.ERROR)]
