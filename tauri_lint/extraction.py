"""Turning files into facts: read, dispatch to the right extractor, contain every failure.

This runs inside pool workers too, so everything here is picklable in and out.
"""

from __future__ import annotations

import hashlib
import os
import stat
import traceback

from tauri_lint.model import FileFacts, FrontendFacts, NameSet, Note, RustFacts
from tauri_lint.settings import RuleOptions
from tauri_lint.text import looks_binary

MAX_FILE_BYTES = 1 << 20  # larger frontend files are bundles, not source
MAX_RUST_BYTES = 8 << 20
INTERNAL = "internal-error"


def is_rust(path: str) -> bool:
    return path.endswith(".rs")


def read_file(path: str) -> bytes | Note:
    try:
        # a FIFO blocks and /dev/zero never ends: only regular files are read, and never much past the
        # size limit (one byte more tells extract_bytes the file is too large)
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            return Note(path, "skipped: a directory, not a file")
        if not stat.S_ISREG(mode):
            return Note(path, "skipped: not a regular file")
        with open(path, "rb") as f:
            return f.read((MAX_RUST_BYTES if is_rust(path) else MAX_FILE_BYTES) + 1)
    except FileNotFoundError:
        return Note(path, "skipped: the file disappeared while tauri-lint was running")
    except IsADirectoryError:
        return Note(path, "skipped: a directory, not a file")
    except PermissionError:
        return Note(path, "skipped: permission denied")
    except OSError as e:
        return Note(path, f"skipped: cannot read ({e.strerror or e})")


def empty_facts(path: str, note: Note | None = None) -> FileFacts:
    facts: FileFacts = RustFacts(path=path) if is_rust(path) else FrontendFacts(path=path)
    if note is not None:
        facts.notes.append(note)
    return facts


def extract_bytes(
    path: str, data: bytes, options: RuleOptions, aliases: tuple[str, ...] = (), names: NameSet | None = None
) -> FileFacts:
    """Facts of one file's content. Never raises: a crash in an extractor becomes an internal-error note.
    `names`: leave a frontend file that only imports project modules or holds tables lazy (deferral.py)
    unless it names one of them."""
    limit = MAX_RUST_BYTES if is_rust(path) else MAX_FILE_BYTES
    if len(data) > limit:
        return empty_facts(path, Note(path, f"skipped: larger than {limit >> 20} MiB"))
    if looks_binary(data):
        return empty_facts(path, Note(path, "skipped: binary content (a NUL byte in its first 8 KiB)"))
    try:
        if is_rust(path):
            from tauri_lint.rust.extract import extract_rust

            return extract_rust(path, data)
        from tauri_lint.frontend.extract import extract_frontend

        return extract_frontend(path, data, options, aliases, names)
    except RecursionError:
        return empty_facts(path, Note(path, "skipped: nesting too deep to analyse"))
    except Exception as e:  # contain it: one bad file never stops the run
        detail = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        return empty_facts(path, Note(path, f"{INTERNAL}: extraction failed: {type(e).__name__}: {e}\n{detail}"))


def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


Extracted = tuple[str, FileFacts, tuple[int, int], str]


def extract_one(
    path: str,
    options: RuleOptions,
    override: bytes | None = None,
    aliases: tuple[str, ...] = (),
    names: NameSet | None = None,
) -> Extracted:
    """Facts of one file plus what the cache keys on: (mtime_ns, size) and the content digest."""
    if override is not None:
        return path, extract_bytes(path, override, options, aliases, names), (0, -1), ""
    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (0, -1)
    data = read_file(path)
    if isinstance(data, Note):
        return path, empty_facts(path, data), (0, -1), ""
    return path, extract_bytes(path, data, options, aliases, names), stamp, digest_of(data)


# A file to extract: its path, its project's import alias prefixes, and the names it must mention to be
# analysed when it only imports project modules or holds tables (None: analyse it regardless).
Work = tuple[str, tuple[str, ...], NameSet | None]


def extract_batch(work: list[Work], options: RuleOptions) -> list[Extracted]:
    """Pool worker entry point."""
    return [extract_one(path, options, None, aliases, names) for path, aliases, names in work]
