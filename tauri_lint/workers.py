"""Extraction over a process pool (tree-sitter's parse holds the GIL, so threads would not help).

One pool serves every round of a run: the first extracts what the cache lacks, later ones the lazy
files the project turns out to need (deferral.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from tauri_lint.extraction import Extracted, Work, extract_batch, extract_one
from tauri_lint.settings import RuleOptions

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

# Below this many files to extract, starting worker processes costs more than it saves.
POOL_THRESHOLD = 48
BATCH_BYTES = 256 * 1024

Progress = Callable[[int, int], None]


class Extractor:
    """Extracts lists of files, in `jobs` processes when there are enough of them; a context manager
    that shuts its pool down."""

    def __init__(self, options: RuleOptions, jobs: int) -> None:
        self.options = options
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            with contextlib.suppress(Exception):  # a broken pool has nothing left to lose
                pool.shutdown()

    def run(
        self,
        todo: list[Work],
        progress: Progress | None = None,
        start: int = 0,
        total: int = 0,
        start_pool: bool = True,
    ) -> list[Extracted]:
        """`start_pool=False`: use the pool only if it is already running (later rounds: lazy files
        checked again are mostly read and let be, cheaper here than the start of worker processes)."""
        if progress is not None:
            progress(start, total)
        in_process = self.jobs <= 1 or len(todo) < POOL_THRESHOLD or self._broken
        if in_process or (self._pool is None and not start_pool):
            return self._in_process(todo, progress, start, total)
        out: list[Extracted] = []
        try:
            pool = self._pool or self._start()
            batches = _batches(todo, self.jobs)
            for batch in pool.map(extract_batch, batches, [self.options] * len(batches)):
                out.extend(batch)
                if progress is not None:
                    progress(start + len(out), total)
        except Exception:
            # A broken pool (no /dev/shm, a killed worker) must not lose the run: finish in-process,
            # without the batches still queued.
            self._broken = True
            broken, self._pool = self._pool, None
            if broken is not None:
                with contextlib.suppress(Exception):
                    broken.shutdown(wait=False, cancel_futures=True)
            seen = {e[0] for e in out}
            out.extend(self._in_process([w for w in todo if w[0] not in seen], None, 0, 0))
        return out

    def _in_process(self, todo: list[Work], progress: Progress | None, start: int, total: int) -> list[Extracted]:
        out = []
        for i, (path, aliases, names) in enumerate(todo):
            out.append(extract_one(path, self.options, None, aliases, names))
            if progress is not None and i % 64 == 63:
                progress(start + i + 1, total)
        return out

    def _start(self) -> ProcessPoolExecutor:
        # imported here: the pool machinery costs start-up time that runs with little to extract never use
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
        return self._pool


def _context() -> BaseContext:
    import multiprocessing

    # fork shares the already-imported grammars with the workers; elsewhere use the default
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _batches(todo: list[Work], jobs: int) -> list[list[Work]]:
    """Batches of roughly equal bytes, several per worker so a slow batch does not idle the others."""
    sizes = []
    for path, _, _ in todo:
        try:
            sizes.append(os.path.getsize(path))
        except OSError:
            sizes.append(0)
    target = max(BATCH_BYTES, sum(sizes) // (jobs * 8) + 1)
    batches: list[list[Work]] = [[]]
    acc = 0
    for work, size in zip(todo, sizes, strict=True):
        if acc >= target and batches[-1]:
            batches.append([])
            acc = 0
        batches[-1].append(work)
        acc += size
    return [b for b in batches if b]
