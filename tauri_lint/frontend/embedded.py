"""Script blocks and template event handlers of .vue, .svelte and .html files, masked in place.

`mask_embedded` returns a copy of the file, byte for byte the same length, in which everything that is
not script code or a template event handler expression is blanked to spaces (line ends kept). The
frontend extractor parses that copy with tree-sitter as one TS/JS program, so every byte offset it
reports is already an offset in the original file. Build the `LineIndex` from the ORIGINAL bytes:
columns count characters, and masked non-ASCII markup has become single-byte spaces.

Layout of the masked program:
- each kept `<script>` block's content, unchanged, followed by a `;` written over the `<` of its
  `</script` closing tag, so two blocks on one line stay separate statements;
- each handler expression unchanged, with the delimiter just before and after it (the quotes, the
  `{` `}` of Svelte) turned into `;`, so the program reads `...;expr;...` and every handler is its
  own expression statement. When the value is padded (`" expr "`, `{ expr }`) or unquoted, the `;`
  goes on the blank byte right next to the expression instead, so the statement still ends where the
  expression does (a line end is never overwritten: the `;` then goes past it).

What counts:
- Vue: only top-level `<script>` blocks; a `<script>` inside `<template>` is skipped as raw text (Vue
  drops such tags from templates anyway). Other top-level custom blocks (`<i18n>`, `<docs>`) are raw
  text. `<template lang="pug">` (any lang but html) is skipped whole. Handlers: `@evt`, `v-on:evt`,
  with `.modifiers`; dynamic `@[evt]` and object `v-on="{...}"` are ignored.
- Svelte and HTML: every `<script>` block, at any depth (one inside `<svelte:head>` is page JS too).
  Svelte handlers: `on:evt|mods={expr}` (or `"{expr}"`), Svelte 5 `onevt={expr}` and the shorthand
  `{onevt}`. A Svelte `onX` attribute counts when X is lower-case letters only and the value is a
  `{...}` expression (never a string: a string value is not code), except the non-event words in
  `_NOT_EVENTS`. A false hit on a component callback prop is harmless: the value is a JS expression.
- HTML: `onX="..."` attributes (any case) where X is a known DOM event, since a value of an unknown
  attribute is not code.
- `<script src=...>` blocks (their content is ignored by browsers and Vue) and non-JS types
  (`application/json`, `importmap`, `text/template`, ...) are skipped; Vue `lang` other than
  js/ts/jsx/tsx (coffee, ...) too.
- `<!-- -->` comments in the markup are masked and returned as `Comment`s; scripts inside them are not
  scripts. `<style>`, `<textarea>` and `<title>` contents are raw text: no handlers inside.
- Limits: HTML entities inside handler values are not decoded (`a &amp;&amp; b` will not parse).
  Svelte `{...}` and Vue `{{ }}` text expressions stay masked.

Never raises: all scans are bounded by the buffer and an unterminated construct runs to the end.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tauri_lint.model import Comment
from tauri_lint.text import LineIndex


@dataclass(frozen=True, slots=True)
class TemplateHandler:
    event: str  # DOM event name, lower case, without modifiers: "mousemove", "click", "wheel"
    start: int  # byte offset in the file of the handler expression (inclusive)
    end: int  # byte offset (exclusive)
    framework: str  # "vue" | "svelte" | "html"
    target: str  # the element/tag name: "div", "svelte:window", "MyComp"


@dataclass(frozen=True, slots=True)
class Embedded:
    # SAME LENGTH as the input: every byte outside script code and handler expressions replaced by b" "
    # except b"\n" and b"\r" which are kept; plus the `;` separators described in the module docs.
    masked: bytes
    is_ts: bool  # any block has lang="ts"/"typescript"/"tsx" (tsx → also set is_tsx)
    is_tsx: bool
    blocks: int  # number of script blocks found
    handlers: tuple[TemplateHandler, ...]
    comments: tuple[Comment, ...]  # <!-- ... --> comments in the markup (1-based line/char col)


_FRAMEWORK_BY_EXT = {".vue": "vue", ".svelte": "svelte", ".html": "html", ".htm": "html"}

# Every byte becomes a space except line ends, in one C-speed pass.
_MASK_TABLE = bytes(b if b in (0x0A, 0x0D) else 0x20 for b in range(256))
_SEMI = ord(";")
_NEWLINES = b"\r\n"
_WS_BYTES = b" \t\r\n\f"

_JS_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "text/ecmascript",
        "application/ecmascript",
        "application/x-javascript",
        "text/x-javascript",
        "javascript",
        "text/jsx",
        "text/babel",
        "text/typescript",
        "application/typescript",
    }
)
_JS_LANGS = frozenset({"", "js", "javascript", "mjs", "ts", "typescript", "tsx", "jsx"})
_TS_MARKERS = frozenset({"ts", "typescript", "tsx", "text/typescript", "application/typescript"})
_TSX_MARKERS = frozenset({"tsx", "jsx", "text/jsx", "text/babel"})

# Elements whose content is text, never tags: no handlers or scripts are looked for inside.
_RAW_TEXT = frozenset({b"style", b"textarea", b"title", b"script"})

# Words that start with "on" but are not `on` + event (Svelte props such as `once={true}`).
_NOT_EVENTS = frozenset({"once", "only", "one", "ones", "onward", "onwards"})

# DOM events an HTML `onX` attribute may name (the value of any other attribute is not code).
_DOM_EVENT_NAMES = """
    abort afterprint animationcancel animationend animationiteration animationstart auxclick
    beforeinput beforematch beforeprint beforetoggle beforeunload blur cancel canplay canplaythrough
    change click close contextlost contextmenu contextrestored copy cuechange cut dblclick drag
    dragend dragenter dragleave dragover dragstart drop durationchange emptied ended error focus
    focusin focusout formdata fullscreenchange fullscreenerror gotpointercapture hashchange input
    invalid keydown keypress keyup languagechange load loadeddata loadedmetadata loadstart
    lostpointercapture message messageerror mousedown mouseenter mouseleave mousemove mouseout
    mouseover mouseup mousewheel offline online pagehide pagereveal pageshow pageswap paste pause
    play playing pointercancel pointerdown pointerenter pointerleave pointermove pointerout
    pointerover pointerrawupdate pointerup popstate progress ratechange rejectionhandled reset resize
    scroll scrollend securitypolicyviolation seeked seeking select selectionchange selectstart
    slotchange stalled storage submit suspend timeupdate toggle touchcancel touchend touchmove
    touchstart transitioncancel transitionend transitionrun transitionstart unhandledrejection
    unload visibilitychange volumechange waiting wheel
"""
_DOM_EVENTS = frozenset(_DOM_EVENT_NAMES.split())

_WS = re.compile(rb"[ \t\r\n\f]*")
_TAG_NAME = re.compile(rb"[A-Za-z][^ \t\r\n\f/>{]*")
_ATTR_NAME = re.compile(rb"[^ \t\r\n\f/>][^ \t\r\n\f/>=]*")
_SVELTE_ATTR_NAME = re.compile(rb"[^ \t\r\n\f/>{][^ \t\r\n\f/>={]*")
_UNQUOTED = re.compile(rb"[^ \t\r\n\f>]*")
_MARKUP = {
    "html": re.compile(rb"<!--|</?[A-Za-z]|<[!?]"),
    "vue": re.compile(rb"<!--|</?[A-Za-z]|<[!?]|\{\{"),
    "svelte": re.compile(rb"<!--|</?[A-Za-z]|<[!?]|\{"),
}
_ON_EVENT = re.compile(r"on([a-z]+)")
_SHORTHAND_HANDLER = re.compile(rb"[ \t\r\n\f]*on([a-z]+)[ \t\r\n\f]*")

# Tokens of JS code inside a Svelte `{...}`: what can hide or close a brace.
_CODE_TOKEN = re.compile(rb"""[{}`'"/]""")
_TEMPLATE_TOKEN = re.compile(rb"\\.|`|\$\{", re.S)
_STRING_REST = {
    ord("'"): re.compile(rb"(?:[^'\\\n]|\\.)*'?", re.S),
    ord('"'): re.compile(rb'(?:[^"\\\n]|\\.)*"?', re.S),
}
_REGEX_REST = re.compile(rb"(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\]?)*/?", re.S)
# After these bytes a `/` starts a regex literal rather than a division.
_REGEX_PRECEDERS = frozenset(b"(,=:[!&|?{};+-*%<>~^")


def mask_embedded(path: str, data: bytes) -> Embedded:
    """Mask `data` (a .vue, .svelte or .html file) down to its script code and handler expressions."""
    ext = os.path.splitext(path)[1].lower()
    return _Scanner(path, data, _FRAMEWORK_BY_EXT.get(ext, "html")).run()


# --------------------------------------------------------------------------------------------------
# JS-aware brace matching (Svelte expressions may hold braces, strings and template literals)
# --------------------------------------------------------------------------------------------------


def match_brace(data: bytes, start: int) -> int:
    """Offset just past the `}` matching the `{` at `start`, or len(data) when unterminated."""
    n = len(data)
    stack = [b"{"]  # b"{" for a brace (also `${`), b"`" for a template literal
    pos = start + 1
    while pos < n:
        if stack[-1] == b"`":
            m = _TEMPLATE_TOKEN.search(data, pos)
            if m is None:
                return n
            tok = m.group()
            if tok == b"`":
                stack.pop()
            elif tok == b"${":
                stack.append(b"{")
            pos = m.end()
            continue
        m = _CODE_TOKEN.search(data, pos)
        if m is None:
            return n
        k = m.start()
        c = data[k]
        if c == 0x7B:  # {
            stack.append(b"{")
            pos = k + 1
        elif c == 0x7D:  # }
            stack.pop()
            pos = k + 1
            if not stack:
                return pos
        elif c == 0x60:  # `
            stack.append(b"`")
            pos = k + 1
        elif c in _STRING_REST:
            pos = _STRING_REST[c].match(data, k + 1).end()  # type: ignore[union-attr]
        else:
            pos = _skip_slash(data, k, start)
    return n


def _skip_slash(data: bytes, k: int, floor: int) -> int:
    """Skip a comment or regex literal starting with the `/` at k; a division is one byte."""
    nxt = data[k + 1 : k + 2]
    if nxt == b"/":
        end = data.find(b"\n", k)
        return len(data) if end < 0 else end
    if nxt == b"*":
        end = data.find(b"*/", k + 2)
        return len(data) if end < 0 else end + 2
    j = k - 1
    while j > floor and data[j] in _WS_BYTES:
        j -= 1
    if data[j] in _REGEX_PRECEDERS:
        return _REGEX_REST.match(data, k + 1).end()  # type: ignore[union-attr]
    return k + 1


# --------------------------------------------------------------------------------------------------
# The markup scanner
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Attr:
    name: str  # as written, decoded latin-1 (names are ASCII in practice)
    name_start: int
    kind: str  # "none" | "quoted" | "unquoted" | "brace" (Svelte `={...}`) | "bare-brace" (`{x}`)
    start: int = 0  # value content, without quotes / braces
    end: int = 0


class _Scanner:
    def __init__(self, path: str, data: bytes, framework: str) -> None:
        self.path = path
        self.data = data
        self.lower = data.lower()  # ASCII-only lowering: same length, for case-insensitive finds
        self.n = len(data)
        self.fw = framework
        self.out = bytearray(data.translate(_MASK_TABLE))
        self.handlers: list[TemplateHandler] = []
        self.comment_ranges: list[tuple[int, int]] = []
        self.blocks = 0
        self.is_ts = False
        self.is_tsx = False
        self.depth = 0  # Vue: <template> nesting; 0 is the SFC top level

    def run(self) -> Embedded:
        pattern = _MARKUP[self.fw]
        pos = 0
        while pos < self.n:
            m = pattern.search(self.data, pos)
            if m is None:
                break
            pos = self._dispatch(m.start(), m.group())
        return Embedded(
            masked=bytes(self.out),
            is_ts=self.is_ts,
            is_tsx=self.is_tsx,
            blocks=self.blocks,
            handlers=tuple(self.handlers),
            comments=self._comments(),
        )

    def _dispatch(self, at: int, tok: bytes) -> int:
        """Handle the construct starting at `at`; return where scanning resumes (always > at)."""
        if tok == b"<!--":
            return self._comment(at)
        if tok == b"{{":
            end = self.data.find(b"}}", at + 2)
            return self.n if end < 0 else end + 2
        if tok == b"{":
            return match_brace(self.data, at)
        if tok in (b"<!", b"<?"):
            return self._past(b">", at + 2)
        if tok.startswith(b"</"):
            return self._close_tag(at)
        return self._open_tag(at)

    def _past(self, needle: bytes, start: int) -> int:
        k = self.data.find(needle, start)
        return self.n if k < 0 else k + len(needle)

    def _comment(self, at: int) -> int:
        end = self._past(b"-->", at + 4)
        self.comment_ranges.append((at, end))
        return end

    def _close_tag(self, at: int) -> int:
        m = _TAG_NAME.match(self.data, at + 2)
        if self.fw == "vue" and m is not None and m.group().lower() == b"template":
            self.depth = max(0, self.depth - 1)
        return self._past(b">", at + 2)

    def _open_tag(self, at: int) -> int:
        m = _TAG_NAME.match(self.data, at + 1)
        if m is None:  # cannot happen: the markup pattern saw a letter
            return at + 1
        name = m.group()
        lname = name.lower()
        attrs, tag_end, self_closing = self._attrs(m.end())
        if self.fw == "vue":
            return self._vue_tag(name, lname, attrs, tag_end, self_closing)
        if lname == b"script":
            return self._script(attrs, tag_end, self_closing)
        self._handlers(name, attrs)
        if lname in _RAW_TEXT and not self_closing:
            return self._raw_text(lname, tag_end)
        return tag_end

    def _vue_tag(self, name: bytes, lname: bytes, attrs: list[_Attr], tag_end: int, self_closing: bool) -> int:
        if self.depth == 0:
            if lname == b"script":
                return self._script(attrs, tag_end, self_closing)
            if self_closing:
                return tag_end
            if lname == b"template":
                lang = self._attr_value(attrs, "lang")
                if lang not in (None, "", "html"):
                    return self._raw_text(b"template", tag_end)
                self.depth = 1
                return tag_end
            # <style> and custom blocks (<i18n>, <docs>) are raw text at the top level.
            return self._raw_text(lname, tag_end)
        if lname == b"template" and not self_closing:
            self.depth += 1
        self._handlers(name, attrs)
        if lname in _RAW_TEXT and not self_closing:
            return self._raw_text(lname, tag_end)
        return tag_end

    # ---- scripts ---------------------------------------------------------------------------------

    def _script(self, attrs: list[_Attr], tag_end: int, self_closing: bool) -> int:
        if self_closing and self.fw != "html":  # `<script src="x" />` in an SFC: no content
            return tag_end
        close = self._find_close(b"script", tag_end)
        resume = self._past(b">", close) if close < self.n else self.n
        kind = self._script_kind(attrs)
        if kind is None:
            return resume
        self.out[tag_end:close] = self.data[tag_end:close]
        if close < self.n:
            self.out[close] = _SEMI
        self.blocks += 1
        self.is_ts = self.is_ts or kind in _TS_MARKERS
        self.is_tsx = self.is_tsx or kind in _TSX_MARKERS
        return resume

    def _script_kind(self, attrs: list[_Attr]) -> str | None:
        """The lang/type marker of a JS script block ("" for plain JS), None when not JS."""
        if self._attr_value(attrs, "src") is not None:
            return None
        type_ = (self._attr_value(attrs, "type") or "").split(";")[0].strip()
        lang = (self._attr_value(attrs, "lang") or "").strip()
        if type_ not in _JS_TYPES or lang not in _JS_LANGS:
            return None
        return lang or type_

    def _attr_value(self, attrs: list[_Attr], name: str) -> str | None:
        """Lower-cased value of the attribute `name` ("" when it has none), None when absent."""
        for a in attrs:
            if a.name.lower() == name:
                if a.kind == "none":
                    return ""
                return self.data[a.start : a.end].decode("latin-1").lower()
        return None

    def _find_close(self, lname: bytes, start: int) -> int:
        """Offset of the `<` of the first `</lname` (followed by a name end), or len(data)."""
        needle = b"</" + lname
        while True:
            k = self.lower.find(needle, start)
            if k < 0:
                return self.n
            after = k + len(needle)
            if after >= self.n or self.data[after] in b" \t\r\n\f/>":
                return k
            start = k + 1

    def _raw_text(self, lname: bytes, start: int) -> int:
        close = self._find_close(lname, start)
        return self._past(b">", close) if close < self.n else self.n

    # ---- attributes ------------------------------------------------------------------------------

    def _attrs(self, pos: int) -> tuple[list[_Attr], int, bool]:
        """Parse attributes from `pos`; return them, the offset past the tag, and self-closing."""
        data, n = self.data, self.n
        svelte = self.fw == "svelte"
        name_re = _SVELTE_ATTR_NAME if svelte else _ATTR_NAME
        attrs: list[_Attr] = []
        while True:
            pos = _WS.match(data, pos).end()  # type: ignore[union-attr]
            if pos >= n:
                return attrs, n, False
            c = data[pos]
            if c == 0x3E:  # >
                return attrs, pos + 1, False
            if c == 0x2F:  # /
                if data[pos + 1 : pos + 2] == b">":
                    return attrs, pos + 2, True
                pos += 1
                continue
            if svelte and c == 0x7B:  # {spread}, {shorthand}, {@attach ...}
                end = match_brace(data, pos)
                attrs.append(_Attr("", pos, "bare-brace", pos + 1, _brace_content_end(data, end)))
                pos = end
                continue
            m = name_re.match(data, pos)
            if m is None:  # a stray byte the name pattern refuses: skip it
                pos += 1
                continue
            attr = _Attr(m.group().decode("latin-1"), pos, "none")
            attrs.append(attr)
            pos = self._attr_value_at(attr, m.end())

    def _attr_value_at(self, attr: _Attr, pos: int) -> int:
        """Read `= value` after an attribute name into `attr`; return the offset after it."""
        data, n = self.data, self.n
        eq = _WS.match(data, pos).end()  # type: ignore[union-attr]
        if eq >= n or data[eq] != 0x3D:  # no `=`: a boolean attribute
            return pos
        pos = _WS.match(data, eq + 1).end()  # type: ignore[union-attr]
        if pos >= n:
            attr.kind, attr.start, attr.end = "unquoted", n, n
            return n
        c = data[pos]
        if c in (0x22, 0x27):  # " or '
            close = self._quoted_end(pos)
            attr.kind, attr.start, attr.end = "quoted", pos + 1, min(close, n)
            return min(close + 1, n)
        if c == 0x7B and self.fw == "svelte":
            end = match_brace(data, pos)
            attr.kind, attr.start, attr.end = "brace", pos + 1, _brace_content_end(data, end)
            return end
        m = _UNQUOTED.match(data, pos)
        end = m.end() if m is not None else pos
        attr.kind, attr.start, attr.end = "unquoted", pos, end
        return end

    def _quoted_end(self, pos: int) -> int:
        """Offset of the quote closing the value opened at `pos` (Svelte: `{...}` may hold quotes)."""
        quote = self.data[pos : pos + 1]
        if self.fw != "svelte":
            k = self.data.find(quote, pos + 1)
            return self.n if k < 0 else k
        stops = re.compile(re.escape(quote) + rb"|\{")
        k = pos + 1
        while k < self.n:
            m = stops.search(self.data, k)
            if m is None:
                return self.n
            if m.group() == quote:
                return m.start()
            k = match_brace(self.data, m.start())
        return self.n

    # ---- handlers --------------------------------------------------------------------------------

    def _handlers(self, tag: bytes, attrs: list[_Attr]) -> None:
        target = tag.decode("latin-1")
        for attr in attrs:
            found = self._handler_range(attr)
            if found is None:
                continue
            event, start, end = found
            self._expose(start, end)
            self.handlers.append(TemplateHandler(event, start, end, self.fw, target))

    def _handler_range(self, attr: _Attr) -> tuple[str, int, int] | None:
        """(event, expression start, expression end) of a handler attribute, None for others."""
        event = self._event_name(attr)
        if event is None:
            return None
        start, end = self._trim(attr.start, attr.end)
        if self.fw == "svelte" and attr.kind == "quoted":  # Svelte 3/4 `on:click="{handler}"`
            if start >= end or self.data[start] != 0x7B or match_brace(self.data, start) != end:
                return None
            start, end = self._trim(start + 1, end - 1)
        if start >= end:
            return None
        return event, start, end

    def _event_name(self, attr: _Attr) -> str | None:
        name = attr.name
        if self.fw == "vue":
            return _vue_event(name) if attr.kind in ("quoted", "unquoted") else None
        if self.fw == "svelte":
            return self._svelte_event(attr)
        if attr.kind in ("quoted", "unquoted"):
            m = _ON_EVENT.fullmatch(name.lower())
            if m is not None and m.group(1) in _DOM_EVENTS:
                return m.group(1)
        return None

    def _svelte_event(self, attr: _Attr) -> str | None:
        if attr.kind == "bare-brace":  # `{onclick}` shorthand
            short = _SHORTHAND_HANDLER.fullmatch(self.data, attr.start, attr.end)
            if short is None or short.group(0).strip().decode("latin-1") in _NOT_EVENTS:
                return None
            return str(short.group(1).decode("latin-1"))
        if attr.kind not in ("brace", "quoted"):
            return None
        if attr.name.startswith("on:"):
            event = attr.name[3:].split("|")[0].lower()
            return event or None
        m = _ON_EVENT.fullmatch(attr.name)
        if m is None or attr.name in _NOT_EVENTS:
            return None
        return m.group(1)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        data = self.data
        while start < end and data[start] in _WS_BYTES:
            start += 1
        while end > start and data[end - 1] in _WS_BYTES:
            end -= 1
        return start, end

    def _expose(self, start: int, end: int) -> None:
        """Unmask a handler expression and put a `;` on the blanked byte on each side of it.

        Those bytes are the delimiters (quotes, `{` `}`) or, when the value is padded or unquoted, the
        blank right next to the expression, so the statement ends where the expression does. Line ends
        are stepped over, never overwritten, to keep the line structure of the masked text.
        """
        self.out[start:end] = self.data[start:end]
        before = start - 1
        while before >= 0 and self.data[before] in _NEWLINES:
            before -= 1
        if before >= 0:
            self.out[before] = _SEMI
        after = end
        while after < self.n and self.data[after] in _NEWLINES:
            after += 1
        if after < self.n:
            self.out[after] = _SEMI

    # ---- comments --------------------------------------------------------------------------------

    def _comments(self) -> tuple[Comment, ...]:
        if not self.comment_ranges:
            return ()
        index = LineIndex(self.path, self.data)
        comments = []
        for start, end in self.comment_ranges:
            line, col = index.position(start)
            end_line, _ = index.position(max(start, end - 1))
            text = self.data[start:end].decode("utf-8", errors="replace")
            comments.append(Comment(line, col, end_line, text))
        return tuple(comments)


def _brace_content_end(data: bytes, end: int) -> int:
    """End of the content of a `{...}` that `match_brace` ended at `end` (no `}` when unterminated)."""
    return end - 1 if data[end - 1 : end] == b"}" else end


def _vue_event(name: str) -> str | None:
    """`@click.prevent` / `v-on:click` → "click"; None for other attributes and dynamic `@[x]`."""
    if name.startswith("@"):
        arg = name[1:]
    elif name.startswith("v-on:"):
        arg = name[5:]
    else:
        return None
    if arg.startswith("["):
        return None
    event = arg.split(".")[0].lower()
    return event or None
