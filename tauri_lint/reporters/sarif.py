"""`--output-format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).

One run. `tool.driver.rules` lists every enabled rule (plus any rule a result names), with help rendered
from the rule docs. Results point at repository-relative, percent-encoded URIs under `%SRCROOT%`, which
`originalUriBaseIds` maps to the repository root ($GITHUB_WORKSPACE, else the enclosing git work tree,
else the report root). Columns are Unicode code points (`columnKind`), end columns exclusive.

`partialFingerprints.primaryLocationLineHash` is `<16 hex>:<n>`: a hash of the rule id, the file's URI and
the offending line with all whitespace removed, and n counting identical hashes in the file in line
order. It ignores line numbers, so alerts survive code moving around them. (upload-sarif computes its
own value for this key when absent; when present it keeps ours and logs that they differ.)

Suppressed findings are kept with `suppressions: [{"kind": "inSource"}]`, so code scanning shows them as
dismissed rather than fixed. Notes about the run (skipped files) become tool execution notifications.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tauri_lint import __version__
from tauri_lint.diagnostics import Diagnostic, Severity
from tauri_lint.model import Span
from tauri_lint.registry import INTERNAL_ERROR, all_rules, get_rule, rule_url
from tauri_lint.reporters._common import Sources, rel_path, source_root
from tauri_lint.result import LintResult
from tauri_lint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/tauri-lint/tauri-lint"
SRCROOT = "%SRCROOT%"
# GitHub's own severity scale for non-security alerts.
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}

_WHITESPACE = re.compile(r"\s+")
_FENCE = re.compile(r"^\s*```")
_HEADING = re.compile(r"^#+\s*")


def pascal_case(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", rule_id))


def uri_for(path: str, base: str) -> str:
    """A relative URI reference: `/` separators, everything outside unreserved characters %-encoded (the
    bytes of a file name that is not UTF-8 too)."""
    return quote(rel_path(path, base), safe="/", errors="surrogateescape")


def root_uri(base: str) -> str:
    uri = Path(base).absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _sections(docs: str) -> list[tuple[str, str]]:
    """(heading, body) pairs of `## Heading` sections; text before the first heading has heading ""."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in docs.splitlines():
        if line.startswith("## "):
            out.append((line[3:].strip(), []))
        else:
            out[-1][1].append(line)
    return [(heading, "\n".join(body).strip()) for heading, body in out if heading or "\n".join(body).strip()]


def full_description(rule: Rule) -> str:
    """The first paragraph of the docs' first section ("What it does"), else the summary."""
    for _, body in _sections(rule.docs):
        paragraph = body.split("\n\n", 1)[0].strip()
        if paragraph and not paragraph.startswith("```"):
            return " ".join(paragraph.split())
    return rule.summary


def help_text(rule: Rule) -> str:
    """The docs as plain text: heading markers and code fences dropped, code kept."""
    lines = [_HEADING.sub("", line) for line in rule.docs.splitlines() if not _FENCE.match(line)]
    text = "\n".join(lines).strip()
    return f"{text}\n\nDocumentation: {rule_url(rule.id)}" if text else rule_url(rule.id)


def help_markdown(rule: Rule) -> str:
    docs = rule.docs.strip()
    link = f"[Documentation for {rule.id}](<{rule_url(rule.id)}>)"
    return f"{docs}\n\n{link}" if docs else link


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule)},
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "helpUri": rule_url(rule.id),
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {
            "tags": list(rule.tags),
            "precision": rule.precision,
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
        },
    }


def _region(span: Span) -> dict[str, int]:
    end_line = max(span.end_line, span.line)
    end_col = span.end_col if end_line > span.line else max(span.end_col, span.col)
    return {
        "startLine": max(span.line, 1),
        "startColumn": max(span.col, 1),
        "endLine": max(end_line, 1),
        "endColumn": max(end_col, 1),
    }


def _physical(span: Span, base: str) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": uri_for(span.path, base), "uriBaseId": SRCROOT},
        "region": _region(span),
    }


def _fingerprints(diags: Sequence[Diagnostic], base: str, sources: Sources) -> list[str]:
    """primaryLocationLineHash per finding (same order as `diags`, which is sorted by position)."""
    seen: Counter[str] = Counter()
    out = []
    for diag in diags:
        text = sources.line(diag.span.path, diag.span.line)
        context = _WHITESPACE.sub("", text) if text is not None else diag.message
        h = hashlib.sha256()
        for part in (diag.rule, uri_for(diag.span.path, base), context):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        digest = h.hexdigest()[:16]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _result(diag: Diagnostic, index: int, fingerprint: str, base: str) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "ruleId": diag.rule,
        "ruleIndex": index,
        "level": diag.severity.value,
        "message": {"text": diag.message},
        "locations": [{"physicalLocation": _physical(diag.span, base)}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
    }
    if diag.related:
        obj["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(r.span, base), "message": {"text": r.message}}
            for i, r in enumerate(diag.related, start=1)
        ]
    if diag.suppressed:
        obj["suppressions"] = [{"kind": "inSource"}]
    return obj


def _rule_table(diags: Sequence[Diagnostic], rules: Sequence[Rule] | None) -> list[Rule]:
    table = {rule.id: rule for rule in (all_rules() if rules is None else rules)}
    for diag in diags:
        if diag.rule not in table:
            rule = get_rule(diag.rule)
            if rule is None:  # a rule id the registry does not know: describe it minimally
                rule = Rule(diag.rule, diag.severity, diag.rule, "", lambda project, options: ())
            table[diag.rule] = rule
    return sorted(table.values(), key=lambda r: r.id)


def to_sarif(result: LintResult, rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    base = source_root(result.root)
    sources = Sources(result)
    diags = sorted(result.diagnostics, key=Diagnostic.sort_key)
    table = _rule_table(diags, rules)
    index = {rule.id: i for i, rule in enumerate(table)}
    results = [
        _result(diag, index[diag.rule], fingerprint, base)
        for diag, fingerprint in zip(diags, _fingerprints(diags, base, sources), strict=True)
    ]
    notifications = [
        {
            "level": "note",
            "message": {"text": note.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_for(note.path, base), "uriBaseId": SRCROOT},
                        "region": {"startLine": max(note.line, 1), "startColumn": max(note.col, 1)},
                    }
                }
            ],
        }
        for note in sorted(result.notes, key=lambda n: (n.path, n.line, n.col, n.message))
    ]
    failed = result.internal_errors > 0 or any(d.rule == INTERNAL_ERROR for d in result.active)
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tauri-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in table],
                    }
                },
                "automationDetails": {"id": "tauri-lint/"},
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri(base)}},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": results,
            }
        ],
    }


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Sequence[Rule] | None = None,
) -> str:
    return json.dumps(to_sarif(result, rules), indent=2, ensure_ascii=False) + "\n"
