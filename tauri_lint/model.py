"""The project model: plain, picklable facts about both sides of the IPC bridge.

Parsers fill these; rules read them. Nothing here refers to tree-sitter, so facts can cross a process
pool and live in the cache. Positions are 1-based lines and 1-based character columns; `end_col` is
exclusive (the column after the last character), as SARIF expects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Span:
    path: str
    line: int
    col: int
    end_line: int
    end_col: int


# --------------------------------------------------------------------------------------------------
# Frontend facts
# --------------------------------------------------------------------------------------------------


class Via(str, Enum):
    """How an invoke site reaches Tauri's invoke."""

    DIRECT = "direct"  # invoke(...) / core.invoke(...) / window.__TAURI__.core.invoke(...)
    WRAPPER = "wrapper"  # a project function that forwards to invoke
    BINDINGS = "bindings"  # tauri-specta generated `commands.x()`


class Use(str, Enum):
    """What the code does with the promise an invoke (or a chain on it) returns."""

    AWAITED = "awaited"
    RETURNED = "returned"
    ASSIGNED = "assigned"  # stored in a variable, property or field
    PASSED = "passed"  # an argument to another call (Promise.all, a helper, ...)
    VOID = "void"  # `void invoke(...)`: an explicit opt-out
    STATEMENT = "statement"  # a bare expression statement: the promise is dropped
    ARROW_BODY = "arrow-body"  # the expression body of an arrow function (see `arrow_target`)
    OTHER = "other"  # conditions, template literals, ...: used somehow


class ArrowTarget(str, Enum):
    """Where an arrow whose expression body is the invoke is passed; its return is ignored there."""

    JSX_HANDLER = "jsx-handler"  # <button onClick={() => invoke(...)}>
    EVENT_LISTENER = "event-listener"  # x.addEventListener("click", () => invoke(...))
    VUE_HANDLER = "vue-handler"  # @click="() => invoke(...)" (script-visible handlers only)
    SVELTE_HANDLER = "svelte-handler"  # on:click / onclick
    TIMER = "timer"  # setTimeout / setInterval / requestAnimationFrame / queueMicrotask
    OTHER = "other"  # an arrow passed elsewhere (.map, a helper): its return may well be used


@dataclass(frozen=True)
class ResultUse:
    use: Use
    # Promise methods chained on the call, outermost last: ("then", "catch").
    chain: tuple[str, ...] = ()
    # True when some link of the chain handles rejection: .catch(h) or .then(f, h).
    handles_rejection: bool = False
    # True when the chain only adds .catch/.finally/.then(undefined, h): nothing consumes the value.
    value_ignored_by_chain: bool = False
    arrow_target: ArrowTarget | None = None
    # A Vue template handler that gives the promise back to Vue (`@click="save()"`, `@click="() =>
    # save()"`: one expression, no `;`), which catches a rejection and hands it to app.config.errorHandler
    # (else logs it). `@click="a(); save()"` is compiled into a block that returns nothing.
    caught_by_vue: bool = False


class RepeatKind(str, Enum):
    LOOP = "loop"  # for / for-in / for-of / while / do-while
    ITERATION = "iteration"  # xs.forEach / map / flatMap / filter / reduce / ...
    INTERVAL = "interval"  # setInterval callback
    ANIMATION_FRAME = "animation-frame"  # requestAnimationFrame callback
    EVENT = "event"  # a DOM event handler (detail = event name); the rule decides which are hot


@dataclass(frozen=True)
class Repetition:
    """One enclosing construct that makes an invoke run many times."""

    kind: RepeatKind
    detail: str  # "for-of", "while", "forEach", "setInterval", "mousemove", ...
    span: Span  # the loop keyword / the iteration call / the timer call / the handler
    # Literal bound of the loop (`i < 3` → 3) or length of a literal array iterated (possibly a const
    # declared in the same scope). None when unknown or unbounded.
    bound: int | None = None
    # `while (true)` / `for (;;)`: an unbounded loop (polling when it also awaits/sleeps).
    infinite: bool = False
    interval_ms: int | None = None  # setInterval delay when literal
    reschedules: bool = False  # a requestAnimationFrame callback that calls rAF with itself again
    # The invoke is directly followed by break/return inside this construct, so it runs at most once.
    exits_after: bool = False
    # The invoke sits under an `if (item.id === x)`-style equality test on the loop variable.
    equality_guard: bool = False


@dataclass(frozen=True)
class Args:
    """The second argument of invoke (or what a wrapper passes as it)."""

    kind: str  # "none" | "object" | "raw" (ArrayBuffer/typed array) | "unknown"
    keys: tuple[str, ...] = ()
    key_spans: tuple[Span, ...] = ()
    open: bool = False  # spread or computed keys: the full key set cannot be known
    span: Span | None = None


@dataclass(frozen=True)
class InvokeSite:
    span: Span  # the call expression
    command: str | None  # folded literal command name, None when unknown
    via: Via
    args: Args
    result: ResultUse
    repetition: tuple[Repetition, ...] = ()  # innermost first
    wrapper: str | None = None  # the wrapper/bindings function name for via != DIRECT
    wrapper_handles_rejection: bool = False  # the wrapper catches rejections itself
    wrapper_settles: bool = False  # the wrapper sees the command finish itself (WrapperDef.settles_inside)
    # tauri-specta typed the promise as Promise<null>: the command returns ().
    typed_unit: bool = False
    # The enclosing function's name when it is itself a wrapper definition (its own callers count).
    in_wrapper: str | None = None
    # Context for arg-mismatch: keys come from the call itself (direct, pass-through) and not from a
    # typed wrapper's fixed body (already checked where the wrapper calls invoke).
    args_checked_here: bool = True
    # `new Uint8Array(await invoke(...))`: the caller expects bytes.
    wrapped_in_typed_array: bool = False


@dataclass(frozen=True)
class CommandRef:
    """A command name not yet folded: through a constant table or a name builder from another file."""

    literal: str | None = None
    # `TAURI_COMMAND.X` where TAURI_COMMAND is a const object (local or imported)
    table: str | None = None
    key: str | None = None
    # `` build("open") `` where build = c => `plugin:x|${c}`
    builder: str | None = None
    builder_arg: str | None = None


class WrapperKind(str, Enum):
    TYPED = "typed"  # one invoke with a literal command: getProfiles() → invoke("get_profiles")
    PASSTHROUGH = "passthrough"  # call(cmd, args) → invoke(cmd, args)
    BINDINGS = "bindings"  # tauri-specta: commands.getUser(id) → TAURI_INVOKE("get_user", {id})


@dataclass(frozen=True)
class WrapperDef:
    """A function in the project that forwards to invoke, so calls of it are invoke sites too."""

    name: str  # "getProfiles", or "commands.getUser" / "Api.getUser" for members
    kind: WrapperKind
    span: Span
    exported: bool
    command: str | None = None  # TYPED / BINDINGS
    args: Args | None = None  # TYPED / BINDINGS: what the inner invoke sends
    cmd_param: int | None = None  # PASSTHROUGH: index of the parameter that is the command
    args_param: int | None = None  # PASSTHROUGH: index of the parameter passed as invoke's args
    # Rejections do not reach the wrapper's caller: caught inside, or the promise is not passed on.
    handles_rejection: bool = False
    # The wrapper itself sees the command finish: it awaits the call inside a try/catch, or drops it
    # (then the invoke inside is a site of its own). Its caller waits for nothing the command decides.
    settles_inside: bool = False
    typed_unit: bool = False  # declared Promise<null> / Promise<void>  (bindings)
    command_ref: CommandRef | None = None  # TYPED with a not-yet-folded name


@dataclass(frozen=True)
class EnclosingFn:
    """The named function a call sits in, so that a thin function around a wrapper call can become a
    wrapper itself (getUser() → call("get_user") → invoke(cmd))."""

    name: str
    exported: bool
    span: Span
    params: tuple[str, ...]
    # The call's promise is what the function gives back (returned, arrow body, or awaited in an async fn).
    propagates: bool
    handles_rejection: bool
    typed_unit: bool = False
    settles_inside: bool = False  # as WrapperDef.settles_inside


@dataclass(frozen=True)
class CallCandidate:
    """A call of an imported or same-file function that may turn out to be a wrapper.

    Recorded during extraction; the project model resolves it against WrapperDefs of all files.
    """

    span: Span
    name: str  # local callee name, "x" or "obj.method"
    import_source: str | None  # module specifier when the callee (or obj) is imported
    imported_name: str | None  # the exported name it was imported as ("default" for default imports)
    arg_literals: tuple[str | None, ...]  # string literal value per positional arg, None otherwise
    arg_shapes: tuple[Args, ...]  # object/raw/unknown shape per positional arg
    result: ResultUse
    repetition: tuple[Repetition, ...] = ()
    enclosing: EnclosingFn | None = None
    wrapped_in_typed_array: bool = False
    arg_refs: tuple[CommandRef | None, ...] = ()  # non-literal command refs per positional arg
    # identifier per positional arg (`call(cmd, args)` → ("cmd", "args")), to see parameters passed on
    arg_names: tuple[str | None, ...] = ()
    # the call read as a listener, should the callee turn out to give back a listen() promise (a listen
    # wrapper, FrontendFacts.listen_wrappers); only for callees named like one (`onProgress`, `listenTo`)
    listener: Listener | None = None


class ListenerFate(str, Enum):
    """What happens to the Promise<UnlistenFn> a listen()/once() returns."""

    DROPPED = "dropped"  # not stored, not awaited into a variable
    STORED_NEVER_CALLED = "stored-never-called"
    CALLED = "called"  # the unlisten function is called somewhere reachable (cleanup, later)
    RETURNED = "returned"  # returned to the caller (their responsibility)
    THEN_ASSIGNED = "then-assigned"  # listen().then(f => un = f) and un called: unmount race
    # `un = await listen(...)` inside a nested async function, `un` declared outside it and called: the
    # same race, reported where the mount/unmount pair can overlap at once (React StrictMode)
    AWAIT_ASSIGNED = "await-assigned"
    UNKNOWN = "unknown"


class Lifecycle(str, Enum):
    """The kind of code a listen() runs in, which decides whether it can run more than once."""

    MODULE = "module"  # top level: once per page load
    ONCE_PER_PAGE = "once-per-page"  # DOMContentLoaded / load handler
    REACT_EFFECT = "react-effect"
    VUE_MOUNTED = "vue-mounted"
    SVELTE_MOUNT = "svelte-mount"
    SVELTE_EFFECT = "svelte-effect"  # $effect: re-runs whenever what it reads changes
    SOLID = "solid"
    COMPONENT_BODY = "component-body"  # a component function body / <script setup> / svelte instance
    FUNCTION = "function"  # any other function: may be called again


@dataclass(frozen=True)
class Listener:
    span: Span
    event: str | None
    api: str  # "listen" | "once"
    fate: ListenerFate
    lifecycle: Lifecycle
    # For effects/mount hooks: does the hook return a cleanup or register onCleanup/onUnmounted?
    has_cleanup: bool = False
    cleanup_calls_unlisten: bool = False
    # Lifecycle.FUNCTION right in the body of a function of the module's top level (a function
    # component) that the module does not use itself: the name it is exported under ("default"; its own
    # name if not exported), which project.root_functions are named by (a Solid root runs once)
    component: str | None = None


@dataclass(frozen=True)
class EmitSite:
    span: Span
    event: str | None
    api: str  # "emit" | "emitTo"


@dataclass(frozen=True)
class ChannelCreation:
    span: Span


@dataclass(frozen=True)
class ConstTable:
    """`export const TAURI_COMMAND = { X: "x" } as const` and one-line name builders."""

    name: str
    entries: tuple[tuple[str, str], ...] = ()
    exported: bool = False


@dataclass(frozen=True)
class NameBuilder:
    """`const cmd = (c) => `plugin:jarvis|${c}``: folds a literal argument into a command name."""

    name: str
    prefix: str
    suffix: str
    exported: bool = False


@dataclass(frozen=True)
class ImportBinding:
    local: str
    source: str
    imported: str  # "default", "*" for namespaces, else the exported name


@dataclass(frozen=True)
class Note:
    """Something the user should know that is not a finding (skipped file, parse trouble)."""

    path: str
    message: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Comment:
    """A source comment, for suppressions. `text` includes the delimiters."""

    line: int
    col: int
    end_line: int
    text: str


@dataclass
class FrontendFacts:
    path: str
    invokes: list[InvokeSite] = field(default_factory=list)
    candidates: list[CallCandidate] = field(default_factory=list)
    wrappers: list[WrapperDef] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    emits: list[EmitSite] = field(default_factory=list)
    channels: list[ChannelCreation] = field(default_factory=list)
    tables: list[ConstTable] = field(default_factory=list)
    builders: list[NameBuilder] = field(default_factory=list)
    imports: list[ImportBinding] = field(default_factory=list)
    # names re-exported from other modules: (local exported name, source, imported name)
    reexports: list[tuple[str, str, str]] = field(default_factory=list)
    # assigns `app.config.errorHandler`: Vue then reports what its template handlers reject (ResultUse)
    vue_error_handler: bool = False
    # import sources of the components this module mounts as an app's root, at its top level
    # (`createApp(App)`, `mount(App, ...)`, `new App({ target })`): they run once per page
    mounts: list[str] = field(default_factory=list)
    # function components this module renders as an app's root with Solid's `render(() => <App />, el)`,
    # at its top level, as (import source, exported name, the project's `*Provider` components it is
    # rendered through, each as (source, name)); source "" for a function of this module. Their bodies
    # run once per page (unlike React's, which run on every render) (frontend/roots.py).
    rendered: list[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    # this module's `*Provider` function components (exported names), and whether each renders its
    # children once, with it (no `<Show>` around them)
    providers: list[tuple[str, bool]] = field(default_factory=list)
    # functions that give back the promise of a listen() (or a window's onX) they call, by the name
    # callers use, and whether exported: their calls are listeners too
    listen_wrappers: list[tuple[str, bool]] = field(default_factory=list)
    # the project modules it imports with `import("./x")`, by their literal specifier
    dynamic_imports: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    line_count: int = 0
    had_syntax_errors: bool = False
    # Not analysed: the file only imports project modules, or only exports or holds tables, and names
    # none of the project's names (deferral.py). The value is the NameSet.key_for it was checked against
    # ("" or REFS_KEY alone: not yet).
    lazy: str | None = None


@dataclass(frozen=True)
class NameSet:
    """The words a file that only imports project modules or holds tables must mention to be worth
    analysing: the project's wrappers, command tables and name builders, what passes them on, and its
    mounted root components (deferral.py)."""

    words: frozenset[bytes]
    digest: str
    # the words of the command tables, name builders and root components alone: all that a module
    # importing no project module can matter by (a subset of `words`, so `digest` covers it)
    refs: frozenset[bytes] = frozenset()
    refs_digest: str = ""  # of `refs` alone: an ON_REFS file is checked again only when it changes

    def key_for(self, refs_only: bool) -> str:
        """What FrontendFacts.lazy records for a file checked against these names (REFS_KEY: refs)."""
        return REFS_KEY + self.refs_digest if refs_only else self.digest


REFS_KEY = "r:"  # FrontendFacts.lazy of a file that only the project's refs matter to (ON_REFS)


# --------------------------------------------------------------------------------------------------
# Rust facts
# --------------------------------------------------------------------------------------------------


class ReturnShape(str, Enum):
    UNIT = "unit"  # () or no return type
    BYTES = "bytes"  # Vec<u8>, Box<[u8]>, &[u8], Cow<[u8]>, bytes::Bytes, [u8; N] (N > 32)
    SMALL_BYTES = "small-bytes"  # [u8; N] with N <= 32: a key or hash
    STRING = "string"
    IPC_RESPONSE = "ipc-response"  # tauri::ipc::Response
    OTHER = "other"


@dataclass(frozen=True)
class ReturnType:
    text: str  # the return type as written ("" for none)
    span: Span | None  # the return type in the source (None when there is none)
    shape: ReturnShape  # of the success value, after unwrapping Result/Option
    is_result: bool = False
    is_option: bool = False
    success_text: str = ""  # the unwrapped success type as written


@dataclass(frozen=True)
class Param:
    name: str  # as written, r#type kept
    type_text: str
    js_key: str  # the key JS must send (camelCase or snake_case per rename_all)
    optional: bool  # Option<T>: a missing key is None
    injected: bool  # State, AppHandle, Window, ...: not sent from JS
    is_channel: bool = False
    is_request: bool = False  # tauri::ipc::Request: raw body, keys not checked
    span: Span | None = None


@dataclass(frozen=True)
class BodyFact:
    """Something a command body does that a rule cares about."""

    kind: str  # "blocking" | "whole-file-read" | "base64" | "emit-in-loop" | "window-build" | ...
    detail: str  # the call as written, e.g. "std::fs::read_to_string"
    span: Span
    # For text reads: does the text flow (unchanged) to what the command returns? `first_line` reads
    # a whole file but returns one line of it.
    reaches_return: bool = True


@dataclass(frozen=True)
class Command:
    name: str  # the name JS calls (after `rename`)
    fn_name: str
    name_span: Span
    fn_span: Span
    is_async: bool  # `async fn`
    async_option: bool  # #[tauri::command(async)]
    rename_all: str | None
    params: tuple[Param, ...]
    returns: ReturnType
    body: tuple[BodyFact, ...] = ()
    module_path: tuple[str, ...] = ()  # module path inside the crate, from the file and `mod` blocks
    cfg: str | None = None  # #[cfg(...)] text when the fn is conditional
    crate_dir: str = ""

    @property
    def runs_on_main_thread(self) -> bool:
        return not self.is_async and not self.async_option


@dataclass(frozen=True)
class HandlerEntry:
    name: str  # last path segment, generics dropped
    path: str  # the full path as written: "commands::files::read"
    span: Span
    cfg: str | None = None


@dataclass(frozen=True)
class HandlerList:
    """One `generate_handler![...]` or `collect_commands![...]` invocation."""

    macro: str  # "generate_handler" | "collect_commands"
    entries: tuple[HandlerEntry, ...]
    span: Span
    complete: bool = True  # False when a macro/entry could not be read


@dataclass(frozen=True)
class InvokeHandlerCall:
    """One `.invoke_handler(...)` call, with the builder chain it belongs to."""

    span: Span
    builder: str  # "app" or "plugin:<name>"
    chain_id: str  # identifies the builder chain (file + statement/let binding)
    lists: tuple[HandlerList, ...]  # handler lists reached from the argument (direct or via a let)
    complete: bool = True  # False when the argument could not be followed to a handler list
    cfg: str | None = None  # #[cfg(...)] of the statements, fn and mods around the call
    # The if/match branches around the call in its fn, as (if/match start byte, branch): two calls in
    # different branches of one `if`/`match` never both run.
    branches: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PluginDef:
    name: str  # tauri::plugin::Builder::new("NAME")
    span: Span


@dataclass
class RustFacts:
    path: str
    commands: list[Command] = field(default_factory=list)
    handler_calls: list[InvokeHandlerCall] = field(default_factory=list)
    # handler lists not passed to .invoke_handler directly (e.g. tauri-specta's collect_commands!)
    handler_lists: list[HandlerList] = field(default_factory=list)
    plugins: list[PluginDef] = field(default_factory=list)
    # types with `impl CommandArg` (treated as injected parameters)
    command_arg_types: list[str] = field(default_factory=list)
    # `type AppState<'a> = State<'a, X>` style aliases of injected types
    injected_aliases: list[str] = field(default_factory=list)
    # crate-local `type Result<T> = std::result::Result<T, Error>` aliases
    result_aliases: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    line_count: int = 0
    had_syntax_errors: bool = False
    uses_tauri_command_import: bool = False  # `use tauri::command;` seen
    # registers a Kotlin/Swift plugin (`register_android_plugin`, `register_ios_plugin`): commands its Rust
    # handler does not answer are sent on to that native code
    registers_mobile_plugin: bool = False


FileFacts = FrontendFacts | RustFacts
