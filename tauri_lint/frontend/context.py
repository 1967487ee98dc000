"""Where a call sits: what happens to its promise, what repeats it, and what lifecycle runs it.

All of it is found by walking up from the call, so the cost is paid only for the few calls that
matter (invoke sites, wrapper calls, listen calls), never for every node of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tree_sitter import Node

from tauri_lint.frontend.bindings import Bindings
from tauri_lint.frontend.syntax import (
    FUNCTION_TYPES,
    LOOP_TYPES,
    TRANSPARENT,
    call_args,
    call_function,
    early_exit_conditions,
    enclosing_function,
    enclosing_scope,
    field_of,
    function_name,
    is_async,
    literal_array_length,
    member_chain,
    module_level,
    number_value,
    outer_node,
    param_names,
    sole_value,
    string_value,
    text,
    unwrap,
)
from tauri_lint.model import ArrowTarget, Lifecycle, RepeatKind, Repetition, ResultUse, Span, Use
from tauri_lint.text import LineIndex

ITERATION_METHODS = frozenset(
    {
        "forEach",
        "map",
        "flatMap",
        "filter",
        "reduce",
        "reduceRight",
        "some",
        "every",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "sort",
        "toSorted",
        "from",  # Array.from(xs, x => ...)
    }
)
TYPED_ARRAYS = frozenset({"Uint8Array", "Uint8ClampedArray", "ArrayBuffer", "Int8Array", "Blob"})
TIMERS = frozenset({"setTimeout", "setInterval", "requestAnimationFrame", "queueMicrotask", "requestIdleCallback"})
ONCE_PER_PAGE_EVENTS = frozenset({"DOMContentLoaded", "load"})
REPEATING_TIMERS = frozenset({"setInterval"})
HOOK_LIFECYCLES = {
    "react-effect": Lifecycle.REACT_EFFECT,
    "vue-mounted": Lifecycle.VUE_MOUNTED,
    "svelte-mount": Lifecycle.SVELTE_MOUNT,
    "svelte-effect": Lifecycle.SVELTE_EFFECT,
    "solid": Lifecycle.SOLID,
}


@dataclass(frozen=True, slots=True)
class TemplateSpot:
    """A template event handler statement (Vue @x, Svelte on:x / onx, HTML onx) in the masked source."""

    start: int
    end: int
    event: str
    framework: str


@dataclass(slots=True)
class FileContext:
    bindings: Bindings
    index: LineIndex
    handlers: list[TemplateSpot] = field(default_factory=list)
    # function name → (byte offset, repetition) it runs under when called by name from there
    # (setInterval(tick), onMouseMove={f})
    named: dict[str, list[tuple[int, Repetition]]] = field(default_factory=dict)
    # byte ranges of Vue <script setup> / Svelte instance scripts: their top level runs per component
    component_ranges: list[tuple[int, int]] = field(default_factory=list)
    # fills `named` on first use (most files never need it)
    named_loader: Callable[[], None] | None = None
    source: bytes = b""  # the parsed bytes, for cheap byte-level pre-checks
    root: Node | None = None  # the tree's root (Node.parent costs O(depth): never walk up to it)
    # name → start offsets of its bare mentions (not after a `.`), read in one pass on first use
    _mentions: dict[bytes, list[int]] | None = None

    def mentions(self, name: str) -> list[int]:
        if self._mentions is None:
            found: dict[bytes, list[int]] = {}
            for m in _WORD.finditer(self.source):
                found.setdefault(m.group(0), []).append(m.start())
            self._mentions = found
        return self._mentions.get(name.encode(), [])

    def named_contexts(self) -> dict[str, list[tuple[int, Repetition]]]:
        if self.named_loader is not None:
            loader, self.named_loader = self.named_loader, None
            loader()
        return self.named

    def span(self, node: Node) -> Span:
        return self.index.span(node.start_byte, node.end_byte)

    def handler_at(self, node: Node) -> TemplateSpot | None:
        if not self.handlers or node.type != "expression_statement":
            return None
        # The statement may run past the expression (`;` and line ends before the closing brace), so
        # match on the expression it holds.
        expr = node.named_children[0] if node.named_child_count else node
        for h in self.handlers:
            if h.start <= expr.start_byte and expr.end_byte <= h.end:
                return h
        return None

    def delay(self, node: Node | None) -> int | None:
        """A timer delay in ms: a number, a product, or a `const` declared as one where it is read."""
        return number_value(node, self._constant)

    def _constant(self, node: Node) -> float | None:
        name = text(node)
        found = self.bindings.number_scope(name, node.start_byte)
        if found is None:
            return None
        start, end, value = found
        # a parameter of a function between the read and the declaration hides the constant
        fn = node.parent
        while fn is not None and (end == -1 or start < fn.start_byte):
            if fn.type in FUNCTION_TYPES and name in param_names(fn):
                return None
            fn = fn.parent
        return value

    def array_length(self, node: Node | None) -> int | None:
        node = unwrap(node)
        if node is None:
            return None
        if node.type == "array":
            return literal_array_length(node)
        if node.type == "identifier":
            return self.bindings.arrays.get(text(node))
        return None


# ------------------------------------------------------------------------------------------------
# What happens to the promise
# ------------------------------------------------------------------------------------------------


def result_use(call: Node, prefix: str | None, fc: FileContext) -> tuple[ResultUse, bool]:
    """How the promise of `call` (and any .then/.catch/.finally chain on it) is used. `prefix` is the
    operator the grammar folded into the callee (see syntax.call_function).

    Returns the use and whether the awaited value is wrapped in `new Uint8Array(...)`.
    """
    chain: list[str] = []
    handles = False
    value_used = False
    kept = True  # the value reached so far is the promise (or its chain): not in an array, not a `,` before
    node = call
    if prefix == "await":
        return ResultUse(Use.AWAITED), _in_typed_array(call)
    if prefix == "void":
        return ResultUse(Use.VOID), False
    if prefix is not None:
        return ResultUse(Use.OTHER), False
    while True:
        parent = node.parent
        if parent is None:
            return _use(Use.OTHER, chain, handles, value_used), False
        t = parent.type
        if t in TRANSPARENT or t == "array" or t == "sequence_expression":
            if t == "array" or (t == "sequence_expression" and parent.named_children[-1].id != node.id):
                kept = False
            node = parent
            continue
        if t == "ternary_expression" and field_of(parent, node) != "condition":
            node = parent
            continue
        if t == "binary_expression" and field_of(parent, node) == "right":
            op = parent.child_by_field_name("operator")
            if op is not None and op.type in ("&&", "||", "??"):
                node = parent
                continue
        if t == "member_expression" and field_of(parent, node) == "object":
            prop = text(parent.child_by_field_name("property"))
            outer = parent.parent
            if prop in ("then", "catch", "finally") and outer is not None and outer.type == "call_expression":
                args = call_args(outer)
                if prop == "then":
                    if args and not _is_nothing(args[0]):
                        value_used = True
                    if len(args) >= 2 and not _is_nothing(args[1]):
                        handles = True
                elif prop == "catch" and args:
                    handles = True
                chain.append(prop)
                node = outer
                continue
            return _use(Use.OTHER, chain, handles, value_used), False
        if t == "await_expression":
            return _use(Use.AWAITED, chain, handles, value_used), _in_typed_array(parent)
        if t == "return_statement":
            return _use(Use.RETURNED, chain, handles, value_used), False
        if t == "arrow_function":
            use = _use(Use.ARROW_BODY, chain, handles, value_used)
            target = arrow_target(parent, fc)
            caught = kept and target == ArrowTarget.VUE_HANDLER and _vue_catches(outer_node(parent), fc)
            return replace(use, arrow_target=target, caught_by_vue=caught), False
        if t in ("variable_declarator", "assignment_expression", "augmented_assignment_expression", "pair"):
            return _use(Use.ASSIGNED, chain, handles, value_used), False
        if t in ("public_field_definition", "field_definition"):
            return _use(Use.ASSIGNED, chain, handles, value_used), False
        if t == "arguments":
            return _use(Use.PASSED, chain, handles, value_used), False
        if t == "unary_expression" and text(parent.child_by_field_name("operator")) == "void":
            return _use(Use.VOID, chain, handles, value_used), False
        if t == "expression_statement":
            spot = fc.handler_at(parent)
            if spot is not None:
                target = ArrowTarget.VUE_HANDLER if spot.framework == "vue" else ArrowTarget.SVELTE_HANDLER
                if spot.framework == "html":
                    target = ArrowTarget.EVENT_LISTENER
                use = _use(Use.ARROW_BODY, chain, handles, value_used)
                return replace(use, arrow_target=target, caught_by_vue=kept and _vue_catches(parent, fc)), False
            return _use(Use.STATEMENT, chain, handles, value_used), False
        return _use(Use.OTHER, chain, handles, value_used), False


def _vue_catches(statement: Node | None, fc: FileContext) -> bool:
    """Is `statement` a Vue template handler whose value Vue gets back? Its compiler wraps a handler
    without `;` as `$event => (handler)` and one with `;` as `$event => { handler }` (vOn transform), and
    catches a promise it gets back (callWithAsyncErrorHandling)."""
    spot = fc.handler_at(statement) if statement is not None else None
    if statement is None or spot is None or spot.framework != "vue":
        return False
    code = fc.source[spot.start : spot.end]
    expr = statement.named_children[0] if statement.named_child_count else statement
    # the whole handler, not a statement inside an arrow of it (`() => { save() }` returns nothing)
    start, end = spot.start + len(code) - len(code.lstrip()), spot.start + len(code.rstrip())
    return (expr.start_byte, expr.end_byte) == (start, end) and b";" not in code


def _use(use: Use, chain: list[str], handles: bool, value_used: bool) -> ResultUse:
    return ResultUse(
        use=use,
        chain=tuple(chain),
        handles_rejection=handles,
        value_ignored_by_chain=bool(chain) and not value_used,
    )


def _is_nothing(node: Node) -> bool:
    node_u = unwrap(node)
    return node_u is None or text(node_u) in ("undefined", "null", "void 0")


def _in_typed_array(node: Node) -> bool:
    """`new Uint8Array(await invoke(...))`: the caller expects bytes."""
    parent = outer_node(node)
    if parent is None or parent.type != "arguments":
        return False
    outer = parent.parent
    if outer is None:
        return False
    if outer.type == "new_expression":
        return text(outer.child_by_field_name("constructor")) in TYPED_ARRAYS
    if outer.type == "call_expression":
        chain = member_chain(outer.child_by_field_name("function"))
        return chain is not None and len(chain) == 2 and chain[0] in TYPED_ARRAYS and chain[1] == "from"
    return False


def arrow_target(arrow: Node, fc: FileContext) -> ArrowTarget:
    parent = outer_node(arrow)
    if parent is None:
        return ArrowTarget.OTHER
    if parent.type == "jsx_expression":
        attr = parent.parent
        if attr is not None and attr.type == "jsx_attribute" and _jsx_event(attr) is not None:
            return ArrowTarget.JSX_HANDLER
        return ArrowTarget.OTHER
    if parent.type == "expression_statement":
        spot = fc.handler_at(parent)
        if spot is not None:
            if spot.framework == "vue":
                return ArrowTarget.VUE_HANDLER
            return ArrowTarget.SVELTE_HANDLER if spot.framework == "svelte" else ArrowTarget.EVENT_LISTENER
        return ArrowTarget.OTHER
    if parent.type == "assignment_expression":
        if _handler_property(parent.child_by_field_name("left")) is not None:
            return ArrowTarget.EVENT_LISTENER
        return ArrowTarget.OTHER
    if parent.type == "arguments" and parent.parent is not None:
        callee, _ = call_function(parent.parent)
        chain = member_chain(callee)
        name = chain[-1] if chain else ""
        if name in ("addEventListener", "on", "addListener"):
            return ArrowTarget.EVENT_LISTENER
        if name in TIMERS:
            return ArrowTarget.TIMER
    return ArrowTarget.OTHER


def _handler_property(left: Node | None) -> str | None:
    """`el.onclick` / `document.querySelector("#x").onclick` (an assignment target) → "onclick"."""
    left = unwrap(left)
    if left is None or left.type != "member_expression":
        return None
    prop = text(left.child_by_field_name("property"))
    return prop if prop.startswith("on") and len(prop) > 2 else None


def _jsx_event(attr: Node) -> str | None:
    """`onMouseMove` → "mousemove"; None for attributes that are not DOM event handlers."""
    name_node = attr.named_children[0] if attr.named_child_count else None
    if name_node is None:
        return None
    name = text(name_node)
    if len(name) > 2 and name.startswith("on") and name[2].isupper():
        event = name[2:].lower()
        return event[: -len("capture")] if event.endswith("capture") else event
    return None


# ------------------------------------------------------------------------------------------------
# What repeats it
# ------------------------------------------------------------------------------------------------


def repetitions(call: Node, fc: FileContext) -> tuple[tuple[Repetition, ...], Node | None]:
    """The constructs that run `call` many times, innermost first, and the function boundary the walk
    stopped at (None at top level)."""
    found: list[Repetition] = []
    node = call
    while True:
        parent = node.parent
        if parent is None:
            return tuple(found), None
        if parent.type in LOOP_TYPES:
            rep = _loop(parent, node, call, fc)
            if rep is not None:
                found.append(rep)
        elif parent.type in FUNCTION_TYPES:
            reps, keep_going = _callback(parent, call, fc)
            found.extend(reps)
            if not keep_going:
                return tuple(found), parent
        elif parent.type == "expression_statement":
            spot = fc.handler_at(parent)
            if spot is not None:
                found.append(Repetition(RepeatKind.EVENT, spot.event, fc.index.span(spot.start, spot.end)))
                return tuple(found), None
        node = parent


def _loop(loop: Node, below: Node, call: Node, fc: FileContext) -> Repetition | None:
    where = field_of(loop, below)
    keyword = loop.children[0]
    span = fc.index.span(keyword.start_byte, keyword.end_byte)
    loop_vars: set[str] = set()
    bound: int | None = None
    infinite = False
    if loop.type == "for_in_statement":
        if where != "body":
            return None  # the iterable is evaluated once
        detail = "for-of" if any(c.type == "of" for c in loop.children) else "for-in"
        bound = fc.array_length(loop.child_by_field_name("right"))
        loop_vars = _pattern_names(loop.child_by_field_name("left"))
    elif loop.type == "for_statement":
        if where == "initializer":
            return None
        detail = "for"
        init = loop.child_by_field_name("initializer")
        for decl in init.named_children if init is not None else []:
            if decl.type == "variable_declarator":
                loop_vars |= _pattern_names(decl.child_by_field_name("name"))
        cond = unwrap(loop.child_by_field_name("condition"))
        if cond is not None and cond.type == "expression_statement":
            cond = unwrap(cond.named_children[0]) if cond.named_child_count else None
        if cond is None or text(cond) in ("", ";", "true"):
            infinite = True
        else:
            bound = _for_bound(cond, fc)
    else:
        detail = "while" if loop.type == "while_statement" else "do-while"
        cond = unwrap(loop.child_by_field_name("condition"))
        infinite = cond is not None and text(cond) in ("true", "1", "!0")
    exits, guarded = _guards(call, loop, loop_vars)
    if not infinite and loop.type in ("while_statement", "do_statement") and _drains(loop):
        exits = True  # `while (pending) { const r = pending; pending = null; ... }`: a coalescing loop
    return Repetition(
        RepeatKind.LOOP,
        detail,
        span,
        bound=bound,
        infinite=infinite,
        exits_after=exits,
        equality_guard=guarded,
    )


def _drains(loop: Node) -> bool:
    """A while loop over a variable it resets at the top of its body runs once per pending request
    that arrived meanwhile, not once per item of a collection."""
    cond = unwrap(loop.child_by_field_name("condition"))
    body = loop.child_by_field_name("body")
    if cond is None or body is None or cond.type not in ("identifier", "member_expression"):
        return False
    name = text(cond)
    for stmt in body.named_children[:3]:
        expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_child_count else None
        if expr is not None and expr.type == "assignment_expression":
            left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
            if text(left) == name and text(right) in ("null", "undefined", "false", "0"):
                return True
    return False


def _for_bound(cond: Node, fc: FileContext) -> int | None:
    """`i < 3` → 3, `i <= 3` → 4, `i < xs.length` with a literal array xs → its length."""
    if cond.type != "binary_expression":
        return None
    op = text(cond.child_by_field_name("operator"))
    right = unwrap(cond.child_by_field_name("right"))
    if right is None or op not in ("<", "<="):
        return None
    value: int | None = None
    if right.type == "number":
        try:
            value = int(float(text(right)))
        except ValueError:
            return None
    else:
        chain = member_chain(right)
        if chain and len(chain) == 2 and chain[1] == "length":
            value = fc.bindings.arrays.get(chain[0])
    if value is None:
        return None
    return value + 1 if op == "<=" else value


def _pattern_names(node: Node | None) -> set[str]:
    if node is None:
        return set()
    if node.type == "identifier":
        return {text(node)}
    names: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier_pattern"):
            names.add(text(n))
        elif n.type != "pair_pattern":
            stack.extend(n.named_children)
        else:
            value = n.child_by_field_name("value")
            if value is not None:
                stack.append(value)
    return names


def _guards(call: Node, top: Node, loop_vars: set[str]) -> tuple[bool, bool]:
    """(runs at most once: break/return right after it; under an equality test on the loop item)."""
    exits = False
    guarded = False
    node = call
    stmt: Node | None = None
    while node.parent is not None and node.id != top.id:
        parent = node.parent
        if (stmt is None and parent.type in ("statement_block", "switch_case", "else_clause")) or (
            stmt is None and parent.id == top.id
        ):
            stmt = node
        elif stmt is None and parent.type == "if_statement" and field_of(parent, node) == "consequence":
            stmt = node  # `if (x) return invoke(...)` without braces
        in_then = parent.type == "if_statement" and field_of(parent, node) == "consequence"
        if in_then and loop_vars and _equality_on(parent.child_by_field_name("condition"), loop_vars):
            guarded = True
        node = parent
    if stmt is not None:
        exits = stmt.type in _EXITS or _exits_after(stmt, top)
    return exits, guarded


_EXITS = frozenset({"return_statement", "break_statement", "throw_statement"})


def _exits_after(stmt: Node, top: Node) -> bool:
    """Does the loop body leave the loop after `stmt`, whatever happens in between: a `break`, `return`
    or `throw` statement later in its block or in a block around it (`if (external) { invoke(...);
    e.preventDefault(); } break;`)? A `continue` on the way could skip it, and a `break` inside a
    `switch` only leaves the switch."""
    node = stmt
    while node.parent is not None and node.id != top.id:
        in_switch = node.parent.type in ("switch_case", "switch_default")
        sibling = node.next_named_sibling
        while sibling is not None:
            if sibling.type in ("return_statement", "throw_statement"):
                return True
            if sibling.type == "break_statement" and not in_switch:
                return True
            if sibling.type in LOOP_TYPES or _CONTINUE.search(sibling.text or b""):
                return False
            sibling = sibling.next_named_sibling
        if node.parent.type in FUNCTION_TYPES:
            return False
        node = node.parent
    return False


_CONTINUE = re.compile(rb"\bcontinue\b")


def _equality_on(cond: Node | None, names: set[str]) -> bool:
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        if n.type == "binary_expression":
            op = text(n.child_by_field_name("operator"))
            if op in ("===", "=="):
                for side in (n.child_by_field_name("left"), n.child_by_field_name("right")):
                    chain = member_chain(side)
                    if chain and chain[0] in names:
                        return True
            elif op == "&&":
                stack.extend(c for c in (n.child_by_field_name("left"), n.child_by_field_name("right")) if c)
        elif n.type == "parenthesized_expression":
            stack.extend(n.named_children)
    return False


_ONE_SHOT_KINDS = frozenset({RepeatKind.INTERVAL, RepeatKind.ANIMATION_FRAME, RepeatKind.EVENT})


def _callback(fn: Node, call: Node, fc: FileContext) -> tuple[list[Repetition], bool]:
    """Classify a function boundary on the way up: is it a callback that repeats? keep walking?

    In a timer callback, a call under an equality test (`if (status === "done")`, a `case`) or in a
    `catch` runs when that state is reached, not on every tick. In an event handler any condition does
    (`if (nearBottom && !loading) loadMore()`: infinite scroll loads at the bottom, not per scroll
    event). Such repetitions are recorded as guarded.
    """
    reps, keep_going = _callback_kind(fn, call, fc)
    marked = []
    for r in reps:
        if r.kind in _ONE_SHOT_KINDS and _conditional(call, fn, any_condition=r.kind == RepeatKind.EVENT):
            r = replace(r, equality_guard=True)
        marked.append(r)
    return marked, keep_going


def _conditional(call: Node, top: Node, any_condition: bool) -> bool:
    node = call
    while node.parent is not None and node.id != top.id:
        parent = node.parent
        if parent.type in ("switch_case", "catch_clause"):
            return True
        in_branch = parent.type == "if_statement" and field_of(parent, node) in ("consequence", "alternative")
        if in_branch and (any_condition or _has_equality(parent.child_by_field_name("condition"))):
            return True
        if any_condition and parent.type == "ternary_expression" and field_of(parent, node) != "condition":
            return True
        node = parent
    return False


def _has_equality(cond: Node | None) -> bool:
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        if n.type == "binary_expression" and text(n.child_by_field_name("operator")) in ("===", "=="):
            return True
        if n.type in ("binary_expression", "parenthesized_expression", "unary_expression"):
            stack.extend(n.named_children)
    return False


def _callback_kind(fn: Node, call: Node, fc: FileContext) -> tuple[list[Repetition], bool]:
    parent = outer_node(fn)
    if parent is not None and parent.type == "call_expression" and _is_callee(parent, fn):
        return [], True  # `(async () => { ... })()` runs where it is written: keep walking
    if parent is not None and parent.type == "arguments" and parent.parent is not None:
        outer = parent.parent
        callee, _ = call_function(outer)
        chain = member_chain(callee)
        name = _called_name(callee, chain)
        args = call_args(outer)
        index = next((i for i, a in enumerate(args) if (u := unwrap(a)) is not None and u.id == fn.id), -1)
        if name in ITERATION_METHODS and callee is not None and callee.type == "member_expression":
            is_from = name == "from"
            if (index == 0 and not is_from) or (is_from and index == 1):
                obj = args[0] if is_from else callee.child_by_field_name("object")
                prop = callee.child_by_field_name("property") or callee
                params = param_names(fn)
                # a return inside a callback ends one iteration, not the loop: only the guard counts
                _, guarded = _guards(call, fn, {params[0]} if params and params[0] else set())
                rep = Repetition(
                    RepeatKind.ITERATION,
                    name if not is_from else "Array.from",
                    fc.index.span(prop.start_byte, prop.end_byte),
                    bound=fc.array_length(obj),
                    equality_guard=guarded,
                    exits_after=False,
                )
                return [rep], True
        if index == 0 and name == "setInterval" and _is_global_call(chain) and callee is not None:
            delay = fc.delay(args[1]) if len(args) > 1 else None
            span = fc.index.span(callee.start_byte, callee.end_byte)
            return [Repetition(RepeatKind.INTERVAL, "setInterval", span, interval_ms=delay)], False
        if index == 0 and name == "requestAnimationFrame" and _is_global_call(chain) and callee is not None:
            own = function_name(fn)
            span = fc.index.span(callee.start_byte, callee.end_byte)
            again = own is not None and _calls_raf_with(fn, own)
            return [Repetition(RepeatKind.ANIMATION_FRAME, "requestAnimationFrame", span, reschedules=again)], False
        if index == 1 and name == "addEventListener" and args:
            event = string_value(args[0])
            if event:
                span = fc.index.span(outer.start_byte, outer.end_byte)
                return [Repetition(RepeatKind.EVENT, event.lower(), span)], False
        return [], False
    if parent is not None and parent.type == "jsx_expression":
        attr = parent.parent
        event = _jsx_event(attr) if attr is not None and attr.type == "jsx_attribute" else None
        if event is not None and attr is not None:
            return [Repetition(RepeatKind.EVENT, event, fc.index.span(attr.start_byte, attr.end_byte))], False
        return [], False
    if parent is not None and parent.type == "expression_statement":
        spot = fc.handler_at(parent)
        if spot is not None:
            return [Repetition(RepeatKind.EVENT, spot.event, fc.index.span(spot.start, spot.end))], False
    if parent is not None and parent.type == "assignment_expression":
        handler = _handler_property(parent.child_by_field_name("left"))
        if handler is not None:
            span = fc.index.span(parent.start_byte, parent.end_byte)
            return [Repetition(RepeatKind.EVENT, handler[2:].lower(), span)], False
    own_name = function_name(fn)
    named = fc.named_contexts()
    if own_name is not None and own_name in named:
        # Only code that can see the name: three functions may each hold their own `poll`, passed to
        # their own setInterval. That holds for declared functions; one assigned to a property
        # (`this.poll = async () => ...`) is reachable from anywhere.
        scope = enclosing_function(fn) if _declared(fn) else None
        if scope is None:
            return [rep for _, rep in named[own_name]], False
        return [rep for at, rep in named[own_name] if scope.start_byte <= at < scope.end_byte], False
    return [], False


def _declared(fn: Node) -> bool:
    """`function poll() {}` or `const poll = () => {}`: a name only its scope can see."""
    if fn.type in ("function_declaration", "generator_function_declaration"):
        return True
    parent = outer_node(fn)
    return parent is not None and parent.type == "variable_declarator"


def _called_name(callee: Node | None, chain: list[str] | None) -> str:
    """The name a call invokes: `rows.map` and `[...ids].map` (whose receiver is no name chain) → "map"."""
    if chain:
        return chain[-1]
    if callee is not None and callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        return text(prop) if prop is not None and prop.type == "property_identifier" else ""
    return ""


def _is_global_call(chain: list[str] | None) -> bool:
    return chain is not None and (len(chain) == 1 or chain[0] in ("window", "globalThis", "self"))


def _calls_raf_with(fn: Node, name: str) -> bool:
    """Does the body of `fn` call requestAnimationFrame(name)? (a self-rescheduling render loop)"""
    stack = [fn]
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            callee, _ = call_function(n)
            chain = member_chain(callee)
            if chain and chain[-1] == "requestAnimationFrame":
                args = call_args(n)
                if args and text(unwrap(args[0])) == name:
                    return True
        stack.extend(n.named_children)
    return False


_REPEATER_NAMES = frozenset({"setInterval", "requestAnimationFrame", "addEventListener"} | ITERATION_METHODS)
_ITERATION_ALTS = b"|".join(n.encode() for n in sorted(ITERATION_METHODS))
# Timers and listeners taking any callback, and iteration methods given a function *by name*
# (`rows.forEach(save)`); `rows.map((r) => ...)` is handled where the arrow is, not here. Two searches,
# each starting with something re can skip to quickly (a word only tried where present, a `.`): one
# alternation led by `\b` costs a try at every byte of every file.
_TIMER_WORDS = (b"setInterval", b"requestAnimationFrame", b"addEventListener")
_TIMERS = re.compile(rb"\b(setInterval|requestAnimationFrame|addEventListener)\s*[(<]")
_ITERATIONS = re.compile(rb"\.\s*(" + _ITERATION_ALTS + rb")\s*(?:<[^>()]*>)?\(\s*(?:this\.)?[A-Za-z_$][\w$]*\s*[,)]")


def _repeater_calls(calls: list[Node], source: bytes, root: Node) -> list[Node]:
    """The calls naming setInterval, requestAnimationFrame, addEventListener or an iteration method,
    found by a byte search of the source rather than by looking at every call of the file."""
    if not source:
        return calls
    spots = [m.span(1) for m in _ITERATIONS.finditer(source)]
    if any(word in source for word in _TIMER_WORDS):
        spots.extend(m.span(1) for m in _TIMERS.finditer(source))
        spots.sort()
    found: list[Node] = []
    for start, end in spots:
        node = root.descendant_for_byte_range(start, end)
        # identifier → (member_expression) → call_expression whose callee it is
        for _ in range(3):
            if node is None or node.type == "call_expression":
                break
            node = node.parent
        if node is not None and node.type == "call_expression":
            found.append(node)
    return found


def collect_named(calls: list[Node], jsx: list[Node], assigns: list[Node], fc: FileContext, root: Node) -> None:
    """Functions passed by name to something that repeats them: setInterval(tick), onMouseMove={f}..."""

    def add(name: str, rep: Repetition, at: int) -> None:
        fc.named.setdefault(name, []).append((at, rep))

    for call in _repeater_calls(calls, fc.source, root):
        callee, _ = call_function(call)
        chain = member_chain(callee)
        name = _called_name(callee, chain)
        if name not in _REPEATER_NAMES:
            continue
        args = call_args(call)
        span = fc.index.span(call.start_byte, call.end_byte)
        if name == "setInterval" and args and _is_global_call(chain):
            target = _repeated_target(args[0])
            if target:
                delay = fc.delay(args[1]) if len(args) > 1 else None
                add(target, Repetition(RepeatKind.INTERVAL, "setInterval", span, interval_ms=delay), call.start_byte)
        elif name == "requestAnimationFrame" and args and _is_global_call(chain):
            target = _repeated_target(args[0])
            if target:
                again = _inside_function_named(call, target)
                add(
                    target,
                    Repetition(RepeatKind.ANIMATION_FRAME, "requestAnimationFrame", span, reschedules=again),
                    call.start_byte,
                )
        elif name == "addEventListener" and len(args) >= 2:
            event = string_value(args[0])
            target = _repeated_target(args[1])
            if event and target:
                add(target, Repetition(RepeatKind.EVENT, event.lower(), span), call.start_byte)
        elif (
            name in ITERATION_METHODS
            and name != "from"
            and args
            and callee is not None
            and callee.type == "member_expression"
        ):
            target = _callee_name(args[0])
            if target:
                bound = fc.array_length(callee.child_by_field_name("object"))
                add(target, Repetition(RepeatKind.ITERATION, name, span, bound=bound), call.start_byte)
    source = fc.source
    for attr in jsx:
        # `onX=` attributes only: a byte test before touching the node (a big component has thousands)
        start = attr.start_byte
        if source and not (source.startswith(b"on", start) and source[start + 2 : start + 3].isupper()):
            continue
        event = _jsx_event(attr)
        value = attr.named_children[-1] if attr.named_child_count > 1 else None
        if event is None or value is None or value.type != "jsx_expression" or not value.named_child_count:
            continue
        target = _handler_target(value.named_children[0])
        if target:
            add(
                target,
                Repetition(RepeatKind.EVENT, event, fc.index.span(attr.start_byte, attr.end_byte)),
                attr.start_byte,
            )
    for assign in assigns:
        prop = _handler_property(assign.child_by_field_name("left"))
        if prop is not None:
            target = _callee_name(assign.child_by_field_name("right"))
            if target:
                span = fc.index.span(assign.start_byte, assign.end_byte)
                add(target, Repetition(RepeatKind.EVENT, prop[2:].lower(), span), assign.start_byte)
    for spot in fc.handlers:
        stmt = root.named_descendant_for_byte_range(spot.start, spot.end)
        while stmt is not None and stmt.type != "expression_statement" and stmt.parent is not None:
            if stmt.type in ("identifier", "member_expression", "call_expression"):
                break
            stmt = stmt.parent
        target = _handler_target(stmt) if stmt is not None else None
        if target:
            add(target, Repetition(RepeatKind.EVENT, spot.event, fc.index.span(spot.start, spot.end)), spot.start)


def _handler_target(node: Node | None) -> str | None:
    """The function a handler runs: `onMove`, and also `onMove($event)` / `(e) => onMove(e)`, which
    Vue templates and JSX write as often as the bare reference."""
    node = unwrap(node)
    if node is not None and node.type == "expression_statement" and node.named_child_count:
        node = unwrap(node.named_children[0])
    if node is not None and node.type == "arrow_function":
        node = unwrap(node.child_by_field_name("body"))
    if node is not None and node.type == "call_expression":
        callee, _ = call_function(node)
        chain = member_chain(callee)
        if chain and chain[-1] != "bind" and len(chain) <= 2:
            return chain[-1]
    return _callee_name(node)


def _callee_name(node: Node | None) -> str | None:
    """`tick`, `this.tick`, `handlers.tick`, `tick.bind(this)` → "tick"."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "expression_statement" and node.named_child_count:
        node = unwrap(node.named_children[0])
        if node is None:
            return None
    if node.type == "call_expression":
        callee, _ = call_function(node)
        chain = member_chain(callee)
        if chain and chain[-1] == "bind" and len(chain) >= 2:
            return chain[-2]
        return None
    chain = member_chain(node)
    return chain[-1] if chain else None


def _repeated_target(node: Node | None) -> str | None:
    """The function a timer or listener runs: passed by name (`tick`, `this.tick`, `tick.bind(this)`), or
    the one call of an inline callback (`() => tick()`, `() => { void this.#poll(); }`)."""
    named = _callee_name(node)
    if named is not None:
        return named
    fn = unwrap(node)
    if fn is None or fn.type not in ("arrow_function", "function_expression", "function"):
        return None
    body = sole_value(fn, "expression_statement")
    while body is not None and (body.type == "await_expression" or body.type == "unary_expression"):
        if body.type == "unary_expression" and text(body.child_by_field_name("operator")) != "void":
            return None
        body = unwrap(body.named_children[0]) if body.named_child_count else None
    if body is None or body.type != "call_expression":
        return None
    callee, prefix = call_function(body)
    if prefix not in (None, "await", "void"):
        return None
    chain = member_chain(callee)
    # a function of this file by name (`tick()`, `this.#poll()`); `console.log()` or `store.refresh()`
    # would match any same-named function of the file
    if chain and (len(chain) == 1 or (len(chain) == 2 and chain[0] == "this")):
        return chain[-1]
    return None


def _inside_function_named(node: Node, name: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_TYPES and function_name(parent) == name:
            return True
        parent = parent.parent
    return False


# ------------------------------------------------------------------------------------------------
# Lifecycle (for listen)
# ------------------------------------------------------------------------------------------------


def lifecycle(call: Node, fc: FileContext) -> tuple[Lifecycle, Node | None]:
    """The lifecycle that runs `call`, and the hook callback / function node that holds it."""
    node = call
    while True:
        parent = node.parent
        if parent is None:
            if any(a <= call.start_byte < b for a, b in fc.component_ranges):
                return Lifecycle.COMPONENT_BODY, None
            return Lifecycle.MODULE, None
        if parent.type in FUNCTION_TYPES:
            outer = outer_node(parent)
            if outer is not None and outer.type == "call_expression" and _is_callee(outer, parent):
                node = parent  # `(async () => { ... })()` runs right where it is written
                continue
            if outer is not None and outer.type == "arguments" and outer.parent is not None:
                host = outer.parent
                callee, _ = call_function(host)
                chain = member_chain(callee)
                name = chain[-1] if chain else ""
                hook = fc.bindings.hooks.get(chain[0]) if chain and len(chain) == 1 else None
                if chain and len(chain) == 2 and chain[0] == "React" and name in ("useEffect", "useLayoutEffect"):
                    hook = "react-effect"
                if chain and chain[0] == "$effect":
                    hook = "svelte-effect"
                if hook in HOOK_LIFECYCLES:
                    return HOOK_LIFECYCLES[hook], parent
                if name == "addEventListener":
                    args = call_args(host)
                    if args and string_value(args[0]) in ONCE_PER_PAGE_EVENTS:
                        return Lifecycle.ONCE_PER_PAGE, parent
                if name in REPEATING_TIMERS:
                    return Lifecycle.FUNCTION, parent  # runs on every tick, wherever it was started
                if name in ("then", "catch", "finally") or name in TIMERS:
                    node = parent  # a callback inside the same lifecycle: keep looking
                    continue
                return Lifecycle.FUNCTION, parent
            if outer is not None and outer.type == "assignment_expression":
                chain = member_chain(outer.child_by_field_name("left"))
                if chain and chain[-1] in ("onload", "onDOMContentLoaded"):
                    return Lifecycle.ONCE_PER_PAGE, parent
            if _runs_once(parent, fc) or _latched(call, parent, fc):
                return Lifecycle.ONCE_PER_PAGE, parent
            return Lifecycle.FUNCTION, parent
        node = parent


def _latched(call: Node, fn: Node, fc: FileContext) -> bool:
    """Is `call` behind a latch: `if (!listening) { listen(...); listening = true }` or `if (listening)
    return; listening = true; listen(...)`, on a module-level flag that is only ever set to a true value?
    Then it runs once, however often the function is called."""
    node = call
    parent = node.parent
    # an early return needs a `return` before the call (and each sibling step costs O(position))
    returns = fc.source.find(b"return", fn.start_byte, call.start_byte) >= 0
    while parent is not None and parent.id != fn.id:
        if parent.type == "if_statement" and field_of(parent, node) == "consequence":
            flag = _flag_tested(parent.child_by_field_name("condition"), negated=True)
            if flag is not None and _latch(flag, node.text or b"", fn, fc):
                return True
        if returns and parent.type == "statement_block":
            for cond in early_exit_conditions(node, _RETURN):
                flag = _flag_tested(cond, negated=False)
                if flag is not None and _latch(flag, fn.text or b"", fn, fc):
                    return True
        node, parent = parent, parent.parent
    return False


_RETURN = frozenset({"return_statement"})


def _flag_tested(cond: Node | None, negated: bool) -> bytes | None:
    """The variable a condition tests: `(!flag)` when `negated`, else `(flag)`."""
    inner = unwrap(cond)
    if negated:
        if inner is None or inner.type != "unary_expression" or text(inner.child_by_field_name("operator")) != "!":
            return None
        inner = unwrap(inner.child_by_field_name("argument"))
    return inner.text if inner is not None and inner.type == "identifier" else None


_TRUTHY = re.compile(rb"true\b|[1-9][\d_]*\b|\"[^\"]+\"|'[^']+'")


def _latch(flag: bytes, where: bytes, fn: Node, fc: FileContext) -> bool:
    """Is `flag` set in `where`, declared at the module's top level (not a component script, whose top
    level runs per instance), and only ever assigned a true value anywhere in the file?"""
    name = re.escape(flag)
    if re.search(rb"(?<![\w$.])" + name + rb"\s*=(?![=>])", where) is None:
        return False
    source = fc.source
    root = fn
    while root.parent is not None:
        root = root.parent
    declared_once = False
    for at in fc.mentions(flag.decode("utf-8", "replace")):
        after = _ASSIGNED.match(source, at + len(flag))
        if _DECLARATION.search(source, max(0, at - 8), at):
            # `let listening = false` at the module's top level, outside any component script
            node = root.named_descendant_for_byte_range(at, at + len(flag))
            if node is None or enclosing_function(node) is not None:
                return False  # a function's own flag: fresh for every call (or every render)
            if any(a <= at < b for a, b in fc.component_ranges):
                return False
            declared_once = True
        elif after is not None and _TRUTHY.match(source, after.end()) is None:
            return False  # cleared (`= false`), or set to a value that changes (`= id`)
    return declared_once


_ASSIGNED = re.compile(rb"\s*=(?![=>])\s*")
_DECLARATION = re.compile(rb"\b(?:let|var)\s+$")


_WORD = re.compile(rb"(?<![\w$.])[A-Za-z_$][\w$]*")
NOT_A_REFERENCE = frozenset(
    {"string", "string_fragment", "template_string", "comment", "regex_pattern", "escape_sequence"}
    | {"property_identifier"}
)
_MAX_CALLER_HOPS = 3  # setup() called from init() called from the top level: followed this far


def _runs_once(fn: Node, fc: FileContext, hops: int = 0) -> bool:
    """Is `fn` a module-private function called exactly once, from the top level of a plain module (or
    from another such function)? `function setupUI() { listen(...) }  initApp()` in an entry file runs
    once per page load, like top-level code."""
    if fc.handlers or fc.component_ranges or hops > _MAX_CALLER_HOPS:
        return False  # a component script's top level runs per instance; template handlers run often
    name = function_name(fn)
    if fn.type in ("function_declaration", "generator_function_declaration"):
        statement: Node | None = fn
        declared = fn.child_by_field_name("name")
    else:  # `const setupUI = () => { ... }`
        holder = outer_node(fn)
        if holder is None or holder.type != "variable_declarator":
            return False
        statement = holder.parent
        declared = holder.child_by_field_name("name")
    if name is None or declared is None or statement is None or statement.parent is None:
        return False
    if statement.parent.type != "program" or name in fc.bindings.exported or name == fc.bindings.default_export:
        return False  # nested functions and exports: callers we cannot all see
    root = statement.parent
    calls: list[Node] = []
    size = len(name.encode())
    for at in fc.mentions(name):
        ref = root.named_descendant_for_byte_range(at, at + size)
        if ref is None or ref.type in NOT_A_REFERENCE:
            continue  # inside a string or a comment, or an object key (`{ setup: 1 }`)
        if ref.type != "identifier" or ref.start_byte != at:
            return False  # `{ setup }`, a type, anything else: it may be handed on
        if ref.start_byte == declared.start_byte:
            continue  # the declaration itself
        host = ref.parent
        if host is None or host.type != "call_expression" or field_of(host, ref) != "function":
            return False  # passed on, stored, exported later: it may run any number of times
        calls.append(host)
    if len(calls) != 1:
        return False
    # an async function's promise is never unset again: stored as a memo, the function runs once
    return _runs_once_at(calls[0], fc, hops) or (is_async(fn) and _memoised(calls[0], fc))


_MEMO_OPERATORS = frozenset({"??", "||"})
_MEMO_ASSIGNMENTS = frozenset({"??=", "||="})
_MAX_PARENS = 8  # `p ?? (p = start())`: a few parentheses at most (each .parent costs O(depth))


def _memoised(call: Node, fc: FileContext) -> bool:
    """Is `call` the only value ever stored in a module-level `let`/`var`, and stored only while that
    is unset: `p ?? (p = start())`, `p || (p = start())`, `p ??= start()`, `p ||= start()`, `if (!p) p
    = start()`? Then however often the code around it runs, `call` runs once (when it gives a truthy
    value, as a promise always is)."""
    node, parent = _outside_parens(call)
    if parent is None or field_of(parent, node) != "right":
        return False
    left = parent.child_by_field_name("left")
    if left is None or left.type != "identifier" or left.text is None:
        return False
    if parent.type == "augmented_assignment_expression":
        if text(parent.child_by_field_name("operator")) not in _MEMO_ASSIGNMENTS:
            return False
    elif parent.type != "assignment_expression" or not _stored_while_unset(parent, left.text):
        return False
    return _memo_variable(left, fc)


def _outside_parens(node: Node) -> tuple[Node, Node | None]:
    """`node` with the parentheses around it, and what holds them."""
    parent = node.parent
    for _ in range(_MAX_PARENS):
        if parent is None or parent.type != "parenthesized_expression":
            break
        node, parent = parent, parent.parent
    return node, parent


def _stored_while_unset(assignment: Node, name: bytes) -> bool:
    """`name ?? (name = ...)`, `name || (name = ...)`, `if (!name) name = ...`."""
    node, parent = _outside_parens(assignment)
    if parent is None:
        return False
    if parent.type == "binary_expression":
        tested = unwrap(parent.child_by_field_name("left"))
        return (
            field_of(parent, node) == "right"
            and text(parent.child_by_field_name("operator")) in _MEMO_OPERATORS
            and tested is not None
            and tested.type == "identifier"
            and tested.text == name
        )
    if parent.type != "expression_statement":
        return False
    holder = parent.parent
    if holder is not None and holder.type == "statement_block" and holder.named_child_count == 1:
        parent, holder = holder, holder.parent
    return (
        holder is not None
        and holder.type == "if_statement"
        and field_of(holder, parent) == "consequence"
        and _flag_tested(holder.child_by_field_name("condition"), negated=True) == name
    )


# Where a bare name is bound by a parameter or a destructuring pattern, by the type of what holds it.
LOCAL_BINDINGS = frozenset(
    {"required_parameter", "optional_parameter", "formal_parameters", "catch_clause", "assignment_pattern"}
    | {"array_pattern", "object_pattern", "pair_pattern", "rest_pattern"}
)


def binds_locally(node: Node | None) -> bool:
    """Is `node` (a mention of a name) a binding of it inside a function or block: a parameter, a
    pattern, a `catch (name)`, a declaration anywhere but the module's top level?"""
    if node is None or node.type not in ("identifier", "shorthand_property_identifier_pattern"):
        return False
    parent = node.parent
    if parent is None:
        return False
    if node.type == "shorthand_property_identifier_pattern" or parent.type in LOCAL_BINDINGS:
        return True
    if parent.type == "arrow_function" and field_of(parent, node) == "parameter":
        return True
    if parent.type in ("variable_declarator", "function_declaration", "class_declaration"):
        statement = parent.parent if parent.type == "variable_declarator" else parent
        return field_of(parent, node) == "name" and not module_level(statement)
    return False


_WRITES = frozenset({"assignment_expression", "augmented_assignment_expression", "for_in_statement"})


def _written(node: Node) -> bool:
    """Is `node` (a mention of a name) assigned there: `p = null`, `p ??= x`, `for (p of xs)`, `p++`?"""
    parent = node.parent
    if node.type != "identifier" or parent is None:
        return False
    return parent.type == "update_expression" or (parent.type in _WRITES and field_of(parent, node) == "left")


def _memo_variable(target: Node, fc: FileContext) -> bool:
    """Is `target` (the left of the memo assignment) a `let`/`var` of the module's top level, outside
    any component script, that nothing else binds or writes (`p = null`, `[p] = ...`, `p++`, a
    parameter or a `catch (p)` of the same name)?"""
    flag = target.text or b""
    root = fc.root
    if root is None:
        return False
    declared = False
    for at in fc.mentions(flag.decode("utf-8", "replace")):
        node = root.named_descendant_for_byte_range(at, at + len(flag))
        if at == target.start_byte or node is None or node.type in NOT_A_REFERENCE:
            continue
        parent = node.parent
        if parent is not None and parent.type == "variable_declarator" and field_of(parent, node) == "name":
            if not module_level(parent.parent) or any(a <= at < b for a, b in fc.component_ranges):
                return False  # a function's, a block's or a component script's own variable
            declared = True
        elif binds_locally(node) or _written(node):
            return False
    return declared


def _runs_once_at(call: Node, fc: FileContext, hops: int) -> bool:
    """Does the code at `call` run once: the top level outside loops, an IIFE there, or a function
    that runs once?"""
    node = enclosing_scope(call)
    if node is None:
        return True
    if node.type in LOOP_TYPES:
        return False
    outer = outer_node(node)
    if outer is not None and outer.type == "call_expression" and _is_callee(outer, node):
        return _runs_once_at(outer, fc, hops + 1)  # `(async () => { setupUI() })()`
    return _runs_once(node, fc, hops + 1)


def _is_callee(call: Node, fn: Node) -> bool:
    callee, _ = call_function(call)
    return callee is not None and callee.id == fn.id


def returned_cleanup(hook_fn: Node) -> Node | None:
    """The cleanup function a React effect / Svelte onMount / $effect callback returns."""
    body = hook_fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return None
    for stmt in body.named_children:
        if stmt.type == "return_statement" and stmt.named_child_count:
            value = unwrap(stmt.named_children[0])
            if value is not None and value.type in (
                "arrow_function",
                "function_expression",
                "function",
                "identifier",
            ):
                return value
            if value is not None and value.type == "member_expression":
                return value
    return None
