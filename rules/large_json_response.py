"""## What it does
Reports a `#[tauri::command]` whose success value (after unwrapping `Result`, `Option` and `async`) is a
byte buffer sent as JSON — `Vec<u8>`, `Box<[u8]>`, `&[u8]`, `Cow<[u8]>`, `bytes::Bytes`, `[u8; N]` above
32 bytes — or a `String` made by reading a whole file or by base64-encoding bytes.

## Why is this bad?
A command's return value is serialised with serde to JSON unless it is a `tauri::ipc::Response`. A
`Vec<u8>` becomes a JSON array of numbers: 3-4 bytes of text for every byte, built in Rust and then parsed
on the webview's main thread, so a 10 MB image freezes the UI while ~35 MB of JSON is parsed. Base64 adds
a third on top of the bytes before the same JSON round trip, and a whole file read into a `String` is sent
in one piece however large it grows.

`tauri::ipc::Response::new(bytes)` skips serialisation: the bytes arrive in JS as an `ArrayBuffer`.
Callers then receive an `ArrayBuffer`, not `number[]`, so update them (`new Uint8Array(buffer)`); the
related locations list the frontend call sites that must change. Tauri v1 (a Cargo.toml asking for
`tauri` 1.x) has no `Response`: there the help points to a custom or asset protocol instead.

Not reported: `tauri::ipc::Response` (a `Response` from another crate is not special), `Vec<String>`,
structs, scalars, and small fixed arrays such as `[u8; 32]` keys and hashes.

## Example
```rust
#[tauri::command]
async fn read_cover(path: String) -> Result<Vec<u8>, String> { // warning
    std::fs::read(path).map_err(|e| e.to_string())
}
```

Use instead:
```rust
use tauri::ipc::Response;

#[tauri::command]
async fn read_cover(path: String) -> Result<Response, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    Ok(Response::new(bytes))
}
```

## References
- [Calling Rust from the frontend: returning array buffers](https://v2.tauri.app/develop/calling-rust/#returning-array-buffers)
- [tauri::ipc::Response](https://docs.rs/tauri/latest/tauri/ipc/struct.Response.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from tauri_lint.diagnostics import Diagnostic, Related, Severity
from tauri_lint.model import Command, InvokeSite, ReturnShape, WrapperKind
from tauri_lint.project import Project
from tauri_lint.rule import Rule
from tauri_lint.rulekit import MAX_RELATED, discarded
from tauri_lint.settings import RuleOptions

MESSAGES = {
    "bytes": "`{name}` returns `{type}` as JSON: each byte becomes a number in a JSON array, parsed on the "
    "webview's main thread",
    "file": "`{name}` returns a whole file (`{call}`) as one JSON string: the entire file is serialised and "
    "parsed on the webview's main thread in one piece",
    "base64": "`{name}` returns base64 text (`{call}`) as JSON: a third larger than the bytes, then serialised "
    "and parsed on the webview's main thread",
}
HELP = {
    "bytes": "return `tauri::ipc::Response::new(bytes)`: it skips JSON and arrives in JS as an ArrayBuffer "
    "(not number[]), so update the callers",
    "string": "return the raw bytes with `tauri::ipc::Response::new(bytes)` (an ArrayBuffer in JS; decode text "
    "with TextDecoder), or stream large files in chunks through a `Channel`",
}
# Tauri v1 has no `tauri::ipc::Response`: bytes reach the webview without JSON through a protocol.
HELP_V1 = (
    "Tauri v1 has no raw IPC response: serve the bytes through a custom protocol "
    "(`register_uri_scheme_protocol`, or the asset protocol with `convertFileSrc`), or move to Tauri v2's "
    "`tauri::ipc::Response`"
)
FILE_READS = ("whole-file-read", "from-utf8-read")


def _finding(cmd: Command) -> tuple[str, str] | None:
    shape = cmd.returns.shape
    if shape == ReturnShape.BYTES:
        ty = cmd.returns.success_text or cmd.returns.text
        return MESSAGES["bytes"].format(name=cmd.name, type=ty), HELP["bytes"]
    if shape != ReturnShape.STRING:
        return None
    for fact in cmd.body:
        if fact.kind == "base64":
            return MESSAGES["base64"].format(name=cmd.name, call=fact.detail), HELP["string"]
    for fact in cmd.body:
        if not fact.reaches_return:
            continue  # the file is read, but what the command returns is something else
        if (fact.kind in FILE_READS and "to_string" in fact.detail) or fact.kind == "from-utf8-read":
            return MESSAGES["file"].format(name=cmd.name, call=fact.detail), HELP["string"]
    return None


def _in_generated_bindings(project: Project, site: InvokeSite) -> bool:
    """The invoke inside a tauri-specta `commands.x()`: a file to regenerate, not to edit."""
    facts = project.frontend.get(site.span.path)
    return (
        site.in_wrapper is not None
        and facts is not None
        and any(w.name == site.in_wrapper and w.kind == WrapperKind.BINDINGS for w in facts.wrappers)
    )


def check(project: Project, options: RuleOptions) -> Iterator[Diagnostic]:
    for cmd in project.commands:
        span = cmd.returns.span
        if span is None or not project.is_requested(span.path):
            continue
        found = _finding(cmd)
        if found is None:
            continue
        message, help_ = found
        if project.tauri_major == 1:
            help_ = HELP_V1
        related = []
        # callers that drop the result (`initCanvas();`, a click handler) never see the value; a
        # `.then((v) => ...)` does
        users = [
            site
            for site in project.callers(project.command_of(cmd))
            if not discarded(site.result) or "then" in site.result.chain
        ]
        for site in users[:MAX_RELATED]:
            note = "called here: this caller must handle an ArrayBuffer after the change"
            if project.tauri_major == 1:
                note = "called here: this caller reads the bytes, so it changes with the transport"
            if site.wrapped_in_typed_array:
                note = "called here, already converting the result with new Uint8Array(...)"
            if _in_generated_bindings(project, site):
                note = "called here, in tauri-specta's generated bindings: regenerate them after the change"
            related.append(Related(site.span, note))
        yield Diagnostic(RULE.id, RULE.severity, span, message, help_, tuple(related))


RULE = Rule(
    id="large-json-response",
    severity=Severity.WARNING,
    summary="command returns bytes or a whole file as JSON instead of tauri::ipc::Response",
    docs=__doc__ or "",
    check=check,
    messages=MESSAGES,
    tags=("performance", "ipc", "rust"),
    precision="high",
    side="rust",
)
