"""Configuration files and how they merge with command-line flags into `Settings`.

Where: `--config FILE` if given; else, searching upward from the first linted path to the filesystem root,
the first directory holding `tauri-lint.toml`, `.tauri-lint.toml` or a `pyproject.toml` with a
`[tool.tauri-lint]` table (in that order within a directory). `--isolated` ignores every config file.

    select = ["ALL"]
    extend-select = []
    ignore = ["invoke-in-hot-loop"]
    exclude = ["node_modules", "dist"]      # replaces the default excludes
    extend-exclude = ["src/legacy"]
    respect-gitignore = true
    force-exclude = false
    output-format = "full"

    [per-file-ignores]
    "src/bindings.ts" = ["floating-invoke"]

    [severity]
    listen-leak = "error"

    [options]
    hot-events = ["pointerrawupdate"]
    known-commands = ["macro_built_command"]
    max-loop-bound = 20

Merge order: defaults < config file < flags. A flag replaces the config value for `select`, `exclude`,
`respect-gitignore`, `force-exclude` and `output-format`; `extend-select`, `ignore`, `extend-exclude` and
`per-file-ignores` given as flags add to the config's.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tauri_lint.diagnostics import Severity
from tauri_lint.errors import ConfigError
from tauri_lint.reporters import FORMATS
from tauri_lint.selection import check_rule_names
from tauri_lint.settings import DEFAULT_EXCLUDES, RuleOptions, Settings

CONFIG_FILES = ("tauri-lint.toml", ".tauri-lint.toml")
PYPROJECT = "pyproject.toml"
SEVERITIES = tuple(s.value for s in Severity)


def _parse_toml(data: bytes) -> dict[str, Any]:
    # tomllib is 3.11+; tomli is the same parser for 3.10. Imported by name to keep mypy happy on both.
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    result: dict[str, Any] = toml.loads(data.decode("utf-8"))
    return result


def _display(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass(frozen=True, slots=True)
class FileConfig:
    """Validated values of one config file, by kebab-case key (tables as dicts)."""

    path: str | None = None
    values: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def display(self) -> str:
        return "" if self.path is None else _display(self.path)


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"tauri-lint" not in data:  # cheap pre-check before parsing every pyproject up the tree
        return False
    try:
        return isinstance(_parse_toml(data).get("tool", {}).get("tauri-lint"), dict)
    except (ValueError, RecursionError):  # a broken pyproject.toml that is not ours: not a config file
        return False


def find_config(start: str) -> str | None:
    """The config file governing `start` (a file or directory), searching upward; None if there is none."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(here, name)
            if os.path.isfile(candidate):
                return candidate
        candidate = os.path.join(here, PYPROJECT)
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


# --------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------

Check = Callable[[Any, str, str], Any]  # (value, key, where) -> cleaned value


def _fail(where: str, key: str, expected: str, value: Any) -> ConfigError:
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    return ConfigError(f'{where}: "{key}" must be {expected}, got {shown}')


def _string_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, key, "a list of strings", value)
    return tuple(value)


def _rule_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, key, 'a list of rule ids (or "ALL")', value)
    try:
        check_rule_names(value, key)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return tuple(value)


def _bool(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, key, "true or false", value)
    return value


def _int(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(where, key, "a whole number >= 0", value)
    return value


def _output_format(value: Any, key: str, where: str) -> str:
    if value not in FORMATS:
        raise _fail(where, key, f"one of {', '.join(FORMATS)}", value)
    return str(value)


def _table(value: Any, key: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, key, "a table", value)
    return value


def _per_file_ignores(value: Any, key: str, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = _table(value, key, where)
    return tuple((glob, _rule_list(rules, f"{key}.{glob}", where)) for glob, rules in table.items())


def _severity(value: Any, key: str, where: str) -> tuple[tuple[str, Severity], ...]:
    table = _table(value, key, where)
    try:
        check_rule_names(table, key, allow_all=False)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    out = []
    for rule, level in table.items():
        if level not in SEVERITIES:
            raise _fail(where, f"{key}.{rule}", f"one of {', '.join(SEVERITIES)}", level)
        out.append((rule, Severity(level)))
    return tuple(out)


def _strict_str(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, key, "a string", value)
    return value


def _check_for(default: object) -> Check:
    if isinstance(default, bool):
        return _bool
    if isinstance(default, int):
        return _int
    if isinstance(default, tuple):
        return _string_list
    return _strict_str


def _option_checks() -> dict[str, tuple[str, Check]]:
    """RuleOptions fields in kebab-case, each checked by the type of its default value."""
    defaults = RuleOptions()
    return {
        f.name.replace("_", "-"): (f.name, _check_for(getattr(defaults, f.name)))
        for f in dataclasses.fields(RuleOptions)
    }


def _options(value: Any, key: str, where: str) -> dict[str, Any]:
    table = _table(value, key, where)
    checks = _option_checks()
    out = {}
    for name, item in table.items():
        if name not in checks:
            raise _unknown_key(where, f"{key}.{name}", name, list(checks))
        field_name, check = checks[name]
        out[field_name] = check(item, f"{key}.{name}", where)
    return out


KEYS: dict[str, Check] = {
    "select": _rule_list,
    "extend-select": _rule_list,
    "ignore": _rule_list,
    "per-file-ignores": _per_file_ignores,
    "exclude": _string_list,
    "extend-exclude": _string_list,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "output-format": _output_format,
    "severity": _severity,
    "options": _options,
}


def _unknown_key(where: str, shown: str, name: str, allowed: Sequence[str]) -> ConfigError:
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return ConfigError(f'{where}: unknown key "{shown}"{hint} (allowed: {", ".join(allowed)})')


def validate(raw: dict[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        check = KEYS.get(key)
        if check is None:
            raise _unknown_key(where, key, key, list(KEYS))
        values[key] = check(value, key, where)
    return values


def load_config(path: str) -> FileConfig:
    """Read and validate a config file (a tauri-lint.toml, or a pyproject.toml's [tool.tauri-lint])."""
    where = _display(path)
    try:
        with open(path, "rb") as fh:
            raw = _parse_toml(fh.read())
    except FileNotFoundError:
        raise ConfigError(f"{where}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: config file is not UTF-8") from None
    except (ValueError, RecursionError) as exc:  # tomllib.TOMLDecodeError, or absurd nesting
        raise ConfigError(f"{where}: invalid TOML: {type(exc).__name__}") from None
    if os.path.basename(path) == PYPROJECT:
        table = raw.get("tool", {}).get("tauri-lint", {})
        where = f"{where} [tool.tauri-lint]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: must be a table")
        raw = table
    return FileConfig(path, validate(raw, where))


# --------------------------------------------------------------------------------------------------
# Merging
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CliOverrides:
    """What flags said; None / () = the flag was not given."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    output_format: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    settings: Settings
    output_format: str
    config_path: str | None


def config_start(paths: Sequence[str], stdin_filename: str | None = None) -> str:
    """Where the config search starts: the first path, else the stdin file's directory, else the cwd."""
    if paths:
        return paths[0]
    if stdin_filename:
        return os.path.dirname(os.path.abspath(stdin_filename))
    return "."


def resolve(
    paths: Sequence[str],
    *,
    config_file: str | None = None,
    isolated: bool = False,
    cli: CliOverrides | None = None,
    stdin_filename: str | None = None,
) -> Resolved:
    """Find and load the config (unless isolated) and merge it with the flags into Settings."""
    cli = cli or CliOverrides()
    if isolated:
        file_config = FileConfig()
    elif config_file is not None:
        file_config = load_config(config_file)
    else:
        found = find_config(config_start(paths, stdin_filename))
        file_config = load_config(found) if found else FileConfig()
    settings = merge(file_config, cli)
    output_format = cli.output_format or file_config.values.get("output-format") or "full"
    return Resolved(settings, output_format, file_config.path)


def merge(file_config: FileConfig, cli: CliOverrides) -> Settings:
    v = file_config.values
    defaults = Settings()

    def pick(key: str, flag: Any, default: Any) -> Any:
        return flag if flag is not None else v.get(key, default)

    return Settings(
        select=pick("select", cli.select, defaults.select),
        extend_select=v.get("extend-select", ()) + cli.extend_select,
        ignore=v.get("ignore", ()) + cli.ignore,
        per_file_ignores=v.get("per-file-ignores", ()) + cli.per_file_ignores,
        exclude=pick("exclude", cli.exclude, DEFAULT_EXCLUDES),
        extend_exclude=v.get("extend-exclude", ()) + cli.extend_exclude,
        respect_gitignore=pick("respect-gitignore", cli.respect_gitignore, defaults.respect_gitignore),
        force_exclude=pick("force-exclude", cli.force_exclude, defaults.force_exclude),
        severity=v.get("severity", ()),
        options=RuleOptions(**v.get("options", {})),
    )
