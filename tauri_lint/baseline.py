"""`--baseline FILE`: accept the findings a project has today, fail only on new ones.

The file maps paths (relative to the report root, `/`-separated) to counts per rule:

    {
      "src/App.tsx": {
        "floating-invoke": 2
      }
    }

Counts, not line numbers, so that edits above a finding do not resurrect it. Per file and rule, the
earliest findings up to the count are hidden. Keys are sorted and the indentation fixed, so the file
diffs cleanly. An entry expecting more findings than remain is stale: it is reported by the
`stale-baseline` rule, at line 1 of that file, until `--update-baseline` shrinks it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Collection, Sequence

from tauri_lint.diagnostics import Diagnostic
from tauri_lint.errors import ConfigError
from tauri_lint.model import Span
from tauri_lint.registry import INTERNAL_ERROR, STALE_BASELINE, get_rule
from tauri_lint.selection import relative_to_root

Baseline = dict[str, dict[str, int]]

# Findings about the run itself, not about the code: never baselined.
_NOT_BASELINED = frozenset({INTERNAL_ERROR, STALE_BASELINE})


def load_baseline(path: str) -> Baseline:
    """Read and check a baseline file; ConfigError (naming the file) when it is missing or malformed."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: baseline file not found (create it with --baseline {path} --update-baseline)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc}") from None
    shape = 'an object like {"src/App.tsx": {"floating-invoke": 2}}'
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a baseline must be {shape}")
    for file, counts in data.items():
        if not isinstance(counts, dict) or not all(
            isinstance(rule, str) and isinstance(n, int) and not isinstance(n, bool) and n >= 0
            for rule, n in counts.items()
        ):
            raise ConfigError(f'{path}: entry "{file}" must map rule ids to counts, as in {shape}')
    return data


def _rel(diag: Diagnostic, root: str) -> str:
    return relative_to_root(diag.span.path, root)


def count_findings(diags: Sequence[Diagnostic], root: str) -> Baseline:
    counts: Counter[tuple[str, str]] = Counter(
        (_rel(d, root), d.rule) for d in diags if not d.suppressed and d.rule not in _NOT_BASELINED
    )
    out: Baseline = {}
    for (file, rule), n in counts.items():
        out.setdefault(file, {})[rule] = n
    return out


def dumps(baseline: Baseline) -> str:
    cleaned = {f: {r: n for r, n in rules.items() if n > 0} for f, rules in baseline.items()}
    return json.dumps({f: r for f, r in cleaned.items() if r}, indent=2, sort_keys=True) + "\n"


def write_baseline(
    path: str,
    diags: Sequence[Diagnostic],
    root: str,
    *,
    checked: Collection[str] | None = None,
) -> Baseline:
    """Write the baseline for the active findings in `diags`; returns what was written.

    With `checked` (the absolute paths of the files this run linted), entries of an existing baseline
    for files outside this run are kept, so updating from a partial run does not forget the rest.
    """
    baseline = count_findings(diags, root)
    if checked is not None and os.path.exists(path):
        linted = {relative_to_root(p, root) for p in checked}
        for file, rules in load_baseline(path).items():
            if file not in linted:
                baseline.setdefault(file, rules)
    text = dumps(baseline)
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return baseline


def apply_baseline(
    diags: Sequence[Diagnostic],
    baseline: Baseline,
    root: str,
    *,
    checked: Collection[str] | None = None,
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Hide baselined findings. Returns (kept findings, stale-baseline notes).

    Suppressed findings pass through untouched and do not use up counts. Stale entries are only
    reported for files this run linted (`checked`, absolute paths; None = every file in the baseline).
    """
    budget: dict[tuple[str, str], int] = {
        (file, rule): n for file, rules in baseline.items() for rule, n in rules.items()
    }
    found: Counter[tuple[str, str]] = Counter()
    kept: list[Diagnostic] = []
    for diag in sorted(diags, key=Diagnostic.sort_key):  # earliest lines are hidden first
        key = (_rel(diag, root), diag.rule)
        if diag.suppressed or diag.rule in _NOT_BASELINED or key not in budget:
            kept.append(diag)
            continue
        found[key] += 1
        if found[key] > budget[key]:
            kept.append(diag)

    linted = None if checked is None else {relative_to_root(p, root) for p in checked}
    rule = get_rule(STALE_BASELINE)
    assert rule is not None
    stale: list[Diagnostic] = []
    for (file, rule_id), expected in sorted(budget.items()):
        if found[(file, rule_id)] >= expected or (linted is not None and file not in linted):
            continue
        have = found[(file, rule_id)]
        span = Span(os.path.normpath(os.path.join(os.path.abspath(root), file)), 1, 1, 1, 1)
        message = (
            f"the baseline expects {expected} {rule_id} finding{'s' if expected != 1 else ''} "
            f"in {file} but {have} remain{'s' if have == 1 else ''}"
        )
        stale.append(Diagnostic(STALE_BASELINE, rule.severity, span, message, "Run tauri-lint --update-baseline."))
    return kept, stale
