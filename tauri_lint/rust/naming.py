"""JS argument keys, computed exactly as tauri-macros computes them with the `heck` crate (0.5).

tauri-macros turns each command parameter into a key with `ident.unraw().to_string()` followed by
`to_lower_camel_case()` (default) or `to_snake_case()` (`rename_all = "snake_case"`). The word
splitting below is a port of heck's `transform`, so keys such as `url2_path` → `url2Path` and
`HTTPServer` → `httpServer` match what the frontend must send.
"""

from __future__ import annotations

from collections.abc import Iterator

_BOUNDARY, _LOWER, _UPPER = 0, 1, 2


def split_words(text: str) -> Iterator[str]:
    """heck's word split: on non-alphanumerics, after a lowercase run before an uppercase char, and
    before the last capital of an acronym followed by lowercase (`HTTPServer` → HTTP, Server).
    Digits are caseless: they stay in the word they follow (`url2_path` → url2, path).
    """
    word = ""
    for ch in text:
        if ch.isalnum():
            word += ch
            continue
        yield from _split_cased(word)
        word = ""
    yield from _split_cased(word)


def _split_cased(word: str) -> Iterator[str]:
    init = 0
    mode = _BOUNDARY
    last = len(word) - 1
    for i, ch in enumerate(word):
        if i == last:
            yield word[init:]
            return
        nxt = word[i + 1]
        if ch.islower():
            next_mode = _LOWER
        elif ch.isupper():
            next_mode = _UPPER
        else:
            next_mode = mode
        if next_mode == _LOWER and nxt.isupper():
            yield word[init : i + 1]
            init = i + 1
            mode = _BOUNDARY
        elif mode == _UPPER and ch.isupper() and nxt.islower():
            yield word[init:i]
            init = i
            mode = _BOUNDARY
        else:
            mode = next_mode


def _lowercase(word: str) -> str:
    # heck lowercases char by char (no context rules), except that a word-final capital sigma
    # becomes the final-form small sigma.
    if word.endswith("Σ"):
        return "".join(c.lower() for c in word[:-1]) + "ς"
    return "".join(c.lower() for c in word)


def _capitalize(word: str) -> str:
    return word[:1].upper() + _lowercase(word[1:]) if word else ""


def unraw(ident: str) -> str:
    """`r#type` → `type` (what `Ident::unraw` does)."""
    return ident[2:] if ident.startswith("r#") else ident


def lower_camel_case(text: str) -> str:
    """heck's `to_lower_camel_case`: `file_path` → `filePath`, `_id` → `id`."""
    words = [w for w in split_words(text) if w]
    if not words:
        return ""
    return _lowercase(words[0]) + "".join(_capitalize(w) for w in words[1:])


def snake_case(text: str) -> str:
    """heck's `to_snake_case`: `filePath` → `file_path`, `_id` → `id`."""
    return "_".join(_lowercase(w) for w in split_words(text) if w)


def js_key(ident: str, rename_all: str | None) -> str:
    """The key JS must send for a parameter named `ident` (raw prefix dropped, then re-cased)."""
    name = unraw(ident)
    if rename_all == "snake_case":
        return snake_case(name)
    return lower_camel_case(name)
