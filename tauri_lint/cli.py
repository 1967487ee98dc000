"""The `tauri-lint` command: `tauri-lint [check] [PATHS]...`, `tauri-lint rule NAME`, `tauri-lint rules`.

Exit codes: 0 no findings, 1 findings, 2 usage, configuration or internal error. Errors are one line on
stderr (`-v` adds the traceback of an unexpected one). Heavy modules (the engine and tree-sitter, rich,
the SARIF and JSON reporters) are imported only by the code paths that need them, so `--version` and
`--help` start fast.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from tauri_lint import __version__
from tauri_lint.reporters import FORMATS

if TYPE_CHECKING:
    from tauri_lint.config import CliOverrides, Resolved
    from tauri_lint.model import Note
    from tauri_lint.result import LintResult
    from tauri_lint.rule import Rule
    from tauri_lint.settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CHECK = "check"
_verbose = False  # set once the check options are parsed; decides whether crashes show a traceback


def _stderr(message: str) -> None:
    click.echo(message, err=True)


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, starts the default `check` command.

    So `tauri-lint src/` and `tauri-lint --select ALL` mean `tauri-lint check ...`, as with ruff's old
    CLI. A directory named like a subcommand (`rules`) can be linted as `tauri-lint check rules`.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        group_flags = {*ctx.help_option_names, "-V", "--version"}
        if not args or (args[0] not in self.commands and args[0] not in group_flags):
            args = [CHECK, *args]
        return super().parse_args(ctx, args)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=DefaultGroup, context_settings=CONTEXT, invoke_without_command=False)
@click.version_option(__version__, "-V", "--version", prog_name="tauri-lint", message="%(prog)s %(version)s")
def cli() -> None:
    """A static analyzer for Tauri apps: checks both sides of the invoke() bridge.

    `tauri-lint [PATHS]...` is short for `tauri-lint check [PATHS]...`; see `tauri-lint check --help`
    for its options.
    """


# --------------------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------------------


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated, repeatable flag values, flattened."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _per_file_ignores(values: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for value in values:
        glob, sep, rules = value.rpartition(":")
        if not sep or not glob.strip() or not _split([rules]):
            raise click.BadParameter(f'expected GLOB:RULES, got "{value}"', param_hint="'--per-file-ignores'")
        out.append((glob.strip(), _split([rules])))
    return tuple(out)


def _jobs(value: str | None) -> int | None:
    if value is None or value == "auto":
        return None
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise click.BadParameter(f'expected a positive number or "auto", got "{value}"', param_hint="'--jobs'")


def _use_color(choice: str, output_file: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if output_file is not None or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _write(text: str, output_file: str | None) -> None:
    text = _encodable(text)
    if output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    parent = os.path.dirname(os.path.abspath(output_file))
    os.makedirs(parent, exist_ok=True)
    with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _encodable(text: str) -> str:
    """Lone surrogates (file names that are not UTF-8) as `\\udcff` escapes: never a crash, never a
    report that is not valid UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _statistics(result: LintResult, output_format: str) -> str:
    from collections import Counter

    active = result.active
    counts = Counter(d.rule for d in active)
    severity = {d.rule: d.severity.value for d in active}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format == "json":
        import json

        data = [{"rule": rule, "severity": severity[rule], "count": n} for rule, n in rows]
        return json.dumps(data, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(rule) for rule, _ in rows)
    count_width = len(str(rows[0][1]))
    return "".join(f"{n:>{count_width}}\t{rule:<{width}}\t{severity[rule]}\n" for rule, n in rows)


def _show_settings(resolved: Resolved, rules: Sequence[Rule]) -> str:
    lines = [
        f"config file: {resolved.config_path or '(none)'}",
        f"output-format: {resolved.output_format}",
    ]
    for field in dataclasses.fields(resolved.settings):
        value = getattr(resolved.settings, field.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for sub in dataclasses.fields(value):
                lines.append(f"{field.name}.{sub.name.replace('_', '-')}: {getattr(value, sub.name)!r}")
        else:
            lines.append(f"{field.name.replace('_', '-')}: {value!r}")
    lines.append(f"enabled rules: {', '.join(rule.id for rule in rules)}")
    return "\n".join(lines) + "\n"


def _missing_paths(notes: Sequence[Note]) -> list[str]:
    return [
        note.message if note.path in note.message else f"{note.message}: {note.path}"
        for note in notes
        if note.message.startswith("path not found")
    ]


class Progress:
    """`checking 120/900 files` on a terminal's stderr, for runs long enough to need it."""

    MIN_FILES = 200
    INTERVAL = 0.1  # seconds between redraws

    def __init__(self) -> None:
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total < self.MIN_FILES or (now - self._last < self.INTERVAL and done < total):
            return
        self._last = now
        self._shown = True
        sys.stderr.write(f"\rchecking {done}/{total} files\x1b[K")  # [K: the count may get shorter
        sys.stderr.flush()

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _show_files(paths: Sequence[str], settings: Settings) -> tuple[str, list[str]]:
    """The files a run would report on, relative to the cwd, and the missing-path errors."""
    from tauri_lint.discovery import discover
    from tauri_lint.selection import relative_to_root

    found = discover(list(paths) or ["."], settings)
    files = sorted({relative_to_root(f, os.getcwd()) for p in found.projects for f in p.requested})
    return "".join(f"{f}\n" for f in files), _missing_paths(found.notes)


def _exit_code(result: LintResult, exit_zero: bool) -> int:
    from tauri_lint.registry import INTERNAL_ERROR

    if result.internal_errors or any(d.rule == INTERNAL_ERROR for d in result.active):
        return EXIT_ERROR
    if result.active and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command(CHECK, context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    envvar="TAURI_LINT_OUTPUT_FORMAT",
    show_envvar=True,
    help="Output format [default: full, or output-format from the config file].",
)
@click.option("-o", "--output-file", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--select", multiple=True, metavar="RULES", help="Rules to enable (comma-separated; ALL).")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to enable on top of select.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to disable.")
@click.option(
    "--per-file-ignores",
    multiple=True,
    metavar="GLOB:RULES",
    help="Disable RULES in files matching GLOB (gitignore-style, relative to the project root).",
)
@click.option("--exclude", multiple=True, metavar="GLOBS", help="Files to skip, replacing the defaults.")
@click.option("--extend-exclude", multiple=True, metavar="GLOBS", help="Files to skip, besides the defaults.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None, help="Skip files .gitignore ignores.")
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply excludes to paths named on the command line too (for pre-commit).",
)
@click.option("--config", "config_file", metavar="FILE", help="Use this config file; no search.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the full and concise formats (auto honours NO_COLOR and FORCE_COLOR).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no notes, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Explain what is happening; tracebacks on crashes.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and exit.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings, and exit.")
@click.option("--stdin-filename", metavar="PATH", help="Read the source from stdin and lint it as PATH.")
@click.option("--baseline", metavar="FILE", help="Hide the findings recorded in FILE.")
@click.option("--update-baseline", is_flag=True, help="Record the current findings in the --baseline FILE.")
@click.option("-j", "--jobs", metavar="N|auto", help="Parallel workers [default: auto].")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option("--cache-dir", metavar="DIR", help="Where to keep the cache.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    per_file_ignores: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    force_exclude: bool | None,
    config_file: str | None,
    isolated: bool,
    statistics: bool,
    exit_zero: bool,
    color: str,
    quiet: bool,
    verbose: bool,
    show_files: bool,
    show_settings: bool,
    stdin_filename: str | None,
    baseline: str | None,
    update_baseline: bool,
    jobs: str | None,
    no_cache: bool,
    cache_dir: str | None,
) -> int:
    """Lint PATHS (files or directories; default: the current directory)."""
    global _verbose
    _verbose = verbose
    from tauri_lint.config import resolve
    from tauri_lint.selection import enabled_rules

    if update_baseline and not baseline:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    overrides = _overrides(select, extend_select, ignore, per_file_ignores, exclude, extend_exclude)
    overrides = dataclasses.replace(
        overrides,
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        output_format=output_format,
    )
    resolved = resolve(paths, config_file=config_file, isolated=isolated, cli=overrides, stdin_filename=stdin_filename)
    rules = enabled_rules(resolved.settings)
    if verbose:
        _stderr(f"tauri-lint {__version__}: config file {resolved.config_path or '(none)'}")
        _stderr(f"enabled rules: {', '.join(rule.id for rule in rules)}")
    if show_settings:
        _write(_show_settings(resolved, rules), output_file)
        return EXIT_OK
    if show_files:
        listing, missing = _show_files(paths, resolved.settings)
        _report_missing(missing)
        _write(listing, output_file)
        return EXIT_ERROR if missing else EXIT_OK

    from tauri_lint.baseline import load_baseline, write_baseline

    recorded = load_baseline(baseline) if baseline and not update_baseline else None
    stdin = None
    if stdin_filename is not None:
        stdin = (os.path.abspath(stdin_filename), sys.stdin.buffer.read())
    result = _lint(paths, resolved.settings, _jobs(jobs), cache_dir, not no_cache, stdin, quiet, verbose)
    missing = _missing_paths(result.notes)
    if missing:
        _report_missing(missing)
        return EXIT_ERROR

    if baseline and update_baseline:
        written = write_baseline(baseline, result.diagnostics, result.root, checked=result.files)
        total = sum(n for counts in written.values() for n in counts.values())
        _stderr(f"Wrote a baseline of {total} findings in {len(written)} files to {baseline}.")
        return EXIT_ERROR if result.internal_errors else EXIT_OK
    if recorded is not None:
        _apply_baseline(result, recorded, resolved.settings, rules)

    fmt = resolved.output_format
    if statistics:
        text = _statistics(result, fmt)
    else:
        from tauri_lint.reporters import get_renderer

        use_color = fmt in ("full", "concise") and _use_color(color, output_file)
        text = get_renderer(fmt)(result, color=use_color, quiet=quiet, rules=rules)
    _write(text, output_file)
    if verbose and fmt != "full":
        for note in result.notes:
            _stderr(f"note: {note.path}: {note.message}")
    return _exit_code(result, exit_zero)


def _overrides(
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    per_file_ignores: Sequence[str],
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
) -> CliOverrides:
    """The list-valued flags as config overrides, rule names checked here so that errors name the flag."""
    from tauri_lint.config import CliOverrides
    from tauri_lint.selection import check_rule_names

    overrides = CliOverrides(
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        per_file_ignores=_per_file_ignores(per_file_ignores),
        exclude=_split(exclude) if exclude else None,
        extend_exclude=_split(extend_exclude),
    )
    check_rule_names(overrides.select or (), "--select")
    check_rule_names(overrides.extend_select, "--extend-select")
    check_rule_names(overrides.ignore, "--ignore")
    for glob, names in overrides.per_file_ignores:
        check_rule_names(names, f'--per-file-ignores "{glob}"')
    return overrides


def _lint(
    paths: Sequence[str],
    settings: Settings,
    jobs: int | None,
    cache_dir: str | None,
    use_cache: bool,
    stdin: tuple[str, bytes] | None,
    quiet: bool,
    verbose: bool,
) -> LintResult:
    from tauri_lint.engine import lint

    started = time.perf_counter()
    progress = Progress() if sys.stderr.isatty() and not quiet else None
    try:
        result = lint(
            list(paths) or ["."],
            settings,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=use_cache,
            stdin=stdin,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.clear()
    if verbose:
        _stderr(f"checked {len(result.files)} files in {time.perf_counter() - started:.2f}s")
        for detail in result.tracebacks:
            _stderr(detail.rstrip())
    return result


def _apply_baseline(
    result: LintResult, recorded: dict[str, dict[str, int]], settings: Settings, rules: Sequence[Rule]
) -> None:
    """Hide baselined findings; report stale entries when stale-baseline is enabled."""
    from tauri_lint.baseline import apply_baseline
    from tauri_lint.diagnostics import Diagnostic
    from tauri_lint.registry import STALE_BASELINE
    from tauri_lint.selection import apply_settings

    kept, stale = apply_baseline(result.diagnostics, recorded, result.root, checked=result.files)
    if any(rule.id == STALE_BASELINE for rule in rules):
        kept += apply_settings(stale, settings, result.root)
    result.diagnostics = sorted(kept, key=Diagnostic.sort_key)


def _report_missing(messages: Sequence[str]) -> None:
    for message in messages:
        _stderr(f"error: {message}")


# --------------------------------------------------------------------------------------------------
# rule / rules
# --------------------------------------------------------------------------------------------------


def _rule_json(rule: Rule) -> dict[str, Any]:
    from tauri_lint.registry import rule_url

    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "summary": rule.summary,
        "docs": rule.docs,
        "tags": list(rule.tags),
        "precision": rule.precision,
        "url": rule_url(rule.id),
    }


def _rule_text(rule: Rule) -> str:
    from tauri_lint.registry import rule_url

    header = f"# {rule.id} ({rule.severity.value})\n\n{rule.summary}"
    return f"{header}\n\n{rule.docs.strip()}\n\n{rule_url(rule.id)}\n"


@cli.command("rule", context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--all", "show_all", is_flag=True, help="Show every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule_command(name: str | None, show_all: bool, output_format: str) -> int:
    """Explain a rule (its documentation)."""
    import json

    from tauri_lint.errors import ConfigError
    from tauri_lint.registry import all_rules, get_rule
    from tauri_lint.selection import unknown_rule_message

    if show_all == (name is not None):
        raise click.UsageError("give either a rule id or --all")
    if show_all:
        chosen = all_rules()
    else:
        assert name is not None
        found = get_rule(name.strip().lower())
        if found is None:
            raise ConfigError(unknown_rule_message(name, allow_all=False))
        chosen = [found]
    if output_format == "json":
        data: Any = [_rule_json(r) for r in chosen] if show_all else _rule_json(chosen[0])
        _write(json.dumps(data, indent=2) + "\n", None)
    else:
        _write("\n".join(_rule_text(r) for r in chosen), None)
    return EXIT_OK


@cli.command("rules", context_settings=CONTEXT)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(output_format: str) -> int:
    """List every rule with its default severity and summary."""
    from tauri_lint.registry import all_rules

    rules = all_rules()
    if output_format == "json":
        import json

        _write(json.dumps([_rule_json(r) for r in rules], indent=2) + "\n", None)
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    _write("".join(f"{r.id:<{width}}  {r.severity.value:<7}  {r.summary}\n" for r in rules), None)
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the CLI and turn every failure into one line on stderr and exit code 2."""
    from tauri_lint.errors import ConfigError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args=args, prog_name="tauri-lint", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "tauri-lint"
        _stderr(f"error: {_one_line(exc.format_message())} (see '{where} --help')")
        code = EXIT_ERROR
    except click.ClickException as exc:
        _stderr(f"error: {_one_line(exc.format_message())}")
        code = EXIT_ERROR
    except ConfigError as exc:
        _stderr(f"error: {exc}")
        code = EXIT_ERROR
    except click.Abort:
        _stderr("error: interrupted")
        code = EXIT_ERROR
    except BrokenPipeError:
        # `tauri-lint | head`: the reader left; say nothing more (and keep Python from complaining).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_ERROR
    except Exception as exc:  # a bug: one line, the traceback only with -v
        if _verbose or "-v" in args or "--verbose" in args:
            traceback.print_exc()
        _stderr(f"error: internal error: {type(exc).__name__}: {exc} (run with -v for the traceback)")
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
