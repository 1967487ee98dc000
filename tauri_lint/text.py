"""Source text: decoding and mapping tree-sitter byte offsets to 1-based line / character columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

from tauri_lint.model import Span

BOM = b"\xef\xbb\xbf"
_CONTINUATION = re.compile(rb"[\x80-\xbf]")


def decode(data: bytes) -> str:
    """Decode source bytes as UTF-8 (BOM dropped); undecodable bytes become U+FFFD, never an error."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    return data.decode("utf-8", errors="replace")


# Identifier words, to see whether a text names any of a set of names (a superset of what it references):
# every byte that cannot be part of one becomes a space, then split (several times faster than a regex).
# Text with non-ASCII bytes is read both ways, so that `getÜser` is one word and `getUser` before a
# no-break space still a word of its own.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_ASCII_WORDS = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))
_UTF8_WORDS = bytes(c if c in _WORD_BYTES or c >= 0x80 else 0x20 for c in range(256))


def identifier_words(data: bytes) -> frozenset[bytes]:
    found = data.translate(_ASCII_WORDS).split()
    if not data.isascii():
        found += data.translate(_UTF8_WORDS).split()
    return frozenset(found)


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB: not source code."""
    return b"\x00" in data[:8192]


class LineIndex:
    """Maps byte offsets of a UTF-8 buffer (as tree-sitter reports them) to 1-based line/char columns.

    Columns count characters (code points), not bytes, so a caret lands under the right character on
    lines holding non-ASCII text. A leading BOM is not counted. CRLF line ends are ordinary line ends.
    """

    __slots__ = ("_ascii", "_bom", "_data", "_rows", "_starts", "path")

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self._data = data
        self._bom = len(BOM) if data.startswith(BOM) else 0
        self._ascii = data.isascii()  # most files: a column is then a byte count
        # line starts: the running sum of (line length + 1), all in C
        starts = list(accumulate(map(add, map(len, data.split(b"\n")), repeat(1)), initial=0))
        starts.pop()
        self._starts = starts
        self._rows: dict[int, list[int] | bool] = {}  # line start → continuation bytes (_continuations)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of the byte at `offset`."""
        offset = max(0, min(offset, len(self._data)))
        row = bisect_right(self._starts, offset) - 1
        start = self._starts[row]
        if self._ascii:
            return row + 1, offset - start + 1
        if row == 0 and self._bom and offset >= self._bom:
            start = self._bom
        conts = self._rows.get(start)
        if conts is None:
            conts = self._rows[start] = self._continuations(start, row)
        if isinstance(conts, list):
            col = offset - start - bisect_right(conts, offset - 1)
        else:  # invalid UTF-8 on this line: count as decode() does
            col = len(self._data[start:offset].decode("utf-8", errors="replace"))
        return row + 1, col + 1

    def _continuations(self, start: int, row: int) -> list[int] | bool:
        """Offsets of UTF-8 continuation bytes on a row (which do not start a character), or False when
        the row is not valid UTF-8. Computed once per row, so a long line costs O(log n) per lookup."""
        end = self._starts[row + 1] if row + 1 < len(self._starts) else len(self._data)
        line = self._data[start:end]
        if line.isascii():
            return []
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return [start + m.start() for m in _CONTINUATION.finditer(line)]

    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(self.path, line, col, end_line, end_col)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._data)
        raw = self._data[start:end]
        if line == 1 and self._bom:
            raw = raw[self._bom :]
        return raw.decode("utf-8", errors="replace").rstrip("\r\n")
