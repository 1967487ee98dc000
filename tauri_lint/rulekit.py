"""Small helpers rules share: naming sites and commands, related locations across the bridge."""

from __future__ import annotations

from collections.abc import Iterable

from tauri_lint.diagnostics import Related
from tauri_lint.model import ArrowTarget, Command, InvokeSite, ResultUse, ReturnShape, Use, Via
from tauri_lint.project import Project

MAX_RELATED = 5


def what(site: InvokeSite) -> str:
    """How a message names the call: "`save_item`", or "this invoke" when the name is not known."""
    name = f"`{site.command}`" if site.command else "this invoke"
    if site.via == Via.WRAPPER and site.wrapper:
        return f"{name} (through `{site.wrapper}()`)"
    if site.via == Via.BINDINGS and site.wrapper:
        return f"{name} (through the generated `{site.wrapper}()`)"
    return name


def command_related(project: Project, commands: Iterable[Command], label: str = "the command") -> list[Related]:
    out: list[Related] = []
    for cmd in commands:
        span = cmd.returns.span if label == "return" and cmd.returns.span is not None else cmd.name_span
        text = f"{label} `{cmd.fn_name}` is defined here"
        if cmd.cfg:
            text += f" (#[cfg({cmd.cfg})])"
        out.append(Related(span, text))
        if len(out) >= MAX_RELATED:
            break
    return out


def returns_unit(cmd: Command) -> bool:
    return cmd.returns.shape == ReturnShape.UNIT and not cmd.returns.is_result and not cmd.returns.is_option


def discarded(result: ResultUse) -> bool:
    """The caller never sees the promise settle: a statement, `void`, or an arrow body whose return is
    ignored (a DOM/JSX/Vue/Svelte handler or a timer callback)."""
    if result.use in (Use.STATEMENT, Use.VOID):
        return True
    return result.use == Use.ARROW_BODY and result.arrow_target not in (None, ArrowTarget.OTHER)
