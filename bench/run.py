"""Benchmark tauri-lint on a generated monorepo (see bench/generate.py and bench/README.md).

    python bench/generate.py --out /tmp/tauri-bench
    python bench/run.py /tmp/tauri-bench

In one run, on the same files, it measures:

- the parse-only floor, in-process: read and tree-sitter parse every file tauri-lint would lint (the
  file list from `tauri_lint.discovery.discover`; .vue/.svelte/.html masked with `mask_embedded` first),
  with the grammar tauri-lint uses for each. Nothing else: no queries, no facts.
- the real CLI in a subprocess (start-up included), `--output-format json -o /dev/null`:
  cold `-j 1` and cold `-j auto` (each run with a fresh, empty `--cache-dir`), warm (nothing changed,
  cache present) and one changed file (one component edited, cache present);
- start-up: `tauri-lint --version`, and linting one small file outside any project.

Every figure is the best of `--repeat` runs (default 3): the machine may be shared and noisy. Peak memory
is each subprocess's `ru_maxrss` (from `wait4`); the largest process is what the RSS target checks. One
extra, untimed cold run per mode also samples the whole process tree's RSS (main process plus pool
workers) and checks that the findings are exactly the ones the generator seeded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Targets from the issue: ratios to the parse-only floor, absolute for the rest.
TARGET_COLD_J1 = 1.5
TARGET_COLD_AUTO = 1.0
TARGET_WARM = 0.15
TARGET_CHANGED_S = 0.5
TARGET_RSS_MB = 400.0


# --------------------------------------------------------------------------------------------------
# The parse-only floor
# --------------------------------------------------------------------------------------------------


@dataclass
class Floor:
    files: int
    bytes: int
    seconds: list[float]
    cpu: list[float]
    discover_seconds: float

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)


def lint_files(root: str) -> list[str]:
    """Every file tauri-lint would lint under `root`, each once (a plugin crate shared by several
    apps is listed in each app's project but parsed once here)."""
    from tauri_lint.discovery import discover
    from tauri_lint.settings import Settings

    found = discover([root], Settings())
    files: set[str] = set()
    for project in found.projects:
        files.update(project.frontend_files)
        files.update(project.rust_files)
    return sorted(files)


def parse_all(paths: Sequence[str]) -> int:
    """Read and parse every file with the grammar tauri-lint uses for it; returns the bytes read."""
    import tree_sitter_rust
    import tree_sitter_typescript
    from tree_sitter import Language, Parser

    from tauri_lint.frontend.embedded import mask_embedded

    rust = Parser(Language(tree_sitter_rust.language()))
    tsx = Parser(Language(tree_sitter_typescript.language_tsx()))
    ts = Parser(Language(tree_sitter_typescript.language_typescript()))
    total = 0
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read()
        total += len(data)
        ext = os.path.splitext(path)[1].lower()
        if ext == ".rs":
            rust.parse(data)
        elif ext in (".vue", ".svelte", ".html", ".htm"):
            emb = mask_embedded(path, data)
            # like the extractor: TSX only for lang="tsx"/"jsx" blocks, else TypeScript
            (tsx if emb.is_tsx else ts).parse(emb.masked)
        elif ext in (".ts", ".mts", ".cts"):
            ts.parse(data)
        else:  # .tsx .jsx .js .mjs .cjs
            tsx.parse(data)
    return total


def resolve_jobs(jobs: str) -> int:
    """The worker count tauri-lint's `-j` gives (auto: the CPUs this process may run on)."""
    from tauri_lint.engine import resolve_jobs as engine_jobs

    return engine_jobs(None if jobs == "auto" else int(jobs))


def measure_parallel_floor(paths: Sequence[str], workers: int, repeat: int) -> tuple[float, int]:
    """The parse-only floor split round-robin over `workers` processes (best wall time): what a linter
    doing nothing but parsing would take with `-j workers` on this machine. Informational: it shows how
    far two shared cores really scale."""
    from concurrent.futures import ProcessPoolExecutor

    parts = [list(paths[i::workers]) for i in range(workers)]
    best = float("inf")
    parsed = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(parse_all, [list(paths[:20])] * workers))  # start the workers, load the grammars
        for _ in range(repeat):
            t0 = time.perf_counter()
            parsed = sum(pool.map(parse_all, parts))
            best = min(best, time.perf_counter() - t0)
    return best, parsed  # the bytes parsed: every file's, once


def measure_floor(root: str, repeat: int) -> Floor:
    t0 = time.perf_counter()
    paths = lint_files(root)
    discover_s = time.perf_counter() - t0
    parse_all(paths[:20])  # load the grammars and warm the imports outside the timing
    seconds, cpu = [], []
    size = 0
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        size = parse_all(paths)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return Floor(len(paths), size, seconds, cpu, discover_s)


# --------------------------------------------------------------------------------------------------
# Running the CLI
# --------------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and its reaped descendants (pool workers)
    maxrss_mb: float  # the largest peak (ru_maxrss) of the process and its reaped descendants
    code: int
    tree_peak_mb: float | None = None  # sampled sum over the process tree


class CliError(Exception):
    """A tauri-lint run that exited with an unexpected code."""


@dataclass
class Measure:
    name: str
    runs: list[Run] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min((r.seconds for r in self.runs), default=float("nan"))

    @property
    def best_cpu(self) -> float:
        return min((r.cpu for r in self.runs), default=float("nan"))

    @property
    def maxrss_mb(self) -> float:
        return max((r.maxrss_mb for r in self.runs), default=float("nan"))


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _tree_rss_kb(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


# tauri-lint runs as a user's shell would start it. Some machines set PYTHONDONTWRITEBYTECODE, which
# makes an editable install compile every module on every run (0.07 s here); a pip install has its
# bytecode compiled at install time, so the child gets to cache it too.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_cli(cmd: Sequence[str], sample_tree: bool = False, ok_codes: tuple[int, ...] = (0, 1)) -> Run:
    """Run `cmd`, timing it wall-clock and reading its peak RSS from wait4()."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=err, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=CHILD_ENV
        )
        peak = [0]
        stop = threading.Event()
        sampler = None
        if sample_tree:

            def sample() -> None:
                while not stop.is_set():
                    peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                    stop.wait(0.01)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        stop.set()
        if sampler is not None:
            sampler.join()
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped above: keep Popen from waiting again
        if code not in ok_codes:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip()
            raise CliError(f"`{' '.join(cmd)}` exited with {code}" + (f":\n{detail}" if detail else ""))
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / scale, code, peak[0] / 1024 if sample_tree else None)


class Bench:
    def __init__(self, root: str, exe: str, repeat: int, jobs_auto: str, log: Callable[[str], None]) -> None:
        self.root = root
        self.exe = exe
        self.repeat = repeat
        self.jobs_auto = jobs_auto
        self.log = log
        self.tmp = tempfile.mkdtemp(prefix="tauri-lint-bench-")

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fresh_cache(self) -> str:
        return tempfile.mkdtemp(prefix="cache-", dir=self.tmp)

    def lint_cmd(self, cache: str, jobs: str, output: str = os.devnull, paths: Sequence[str] = ()) -> list[str]:
        return [
            self.exe,
            *(paths or [self.root]),
            "--output-format",
            "json",
            "-o",
            output,
            "--cache-dir",
            cache,
            "-j",
            jobs,
        ]

    def repeat_runs(
        self, name: str, make: Callable[[int], list[str]], before: Callable[[int], None] | None = None
    ) -> Measure:
        m = Measure(name)
        for i in range(self.repeat):
            if before is not None:
                before(i)
            cmd = make(i)
            try:
                run = run_cli(cmd)
            except CliError as e:
                m.failures.append(f"{e}{self.explain(cmd)}")
                self.log(f"  {name:<24} run {i + 1}: FAILED: {m.failures[-1]}")
                continue
            m.runs.append(run)
            self.log(
                f"  {name:<24} run {i + 1}: {run.seconds:7.3f} s wall {run.cpu:7.3f} s CPU {run.maxrss_mb:6.0f} MB"
            )
        return m

    def explain(self, cmd: list[str]) -> str:
        """Run a failed command again, keeping the report and -v output, to show what went wrong."""
        if "-o" not in cmd:
            return ""
        out = os.path.join(self.tmp, "failed-report.json")
        again = [*cmd, "-v"]
        again[again.index("-o") + 1] = out
        proc = subprocess.run(again, capture_output=True, text=True, check=False)
        report = ""
        if os.path.exists(out):
            with open(out, encoding="utf-8") as fh:
                report = fh.read()
            internal = [d for d in json.loads(report or "[]") if d.get("rule") == "internal-error"]
            report = "; ".join(f"{d['path']}: {d['message']}" for d in internal[:3])
        return f"\n    re-run exited with {proc.returncode}; internal errors: {report or 'none'}\n" + "\n".join(
            "    " + line for line in proc.stderr.strip().splitlines()[-12:]
        )

    def cold(self, jobs: str) -> Measure:
        return self.repeat_runs(f"cold -j {jobs}", lambda _: self.lint_cmd(self.fresh_cache(), jobs))

    def check_run(self, jobs: str, expected: list[dict[str, object]] | None) -> tuple[float, list[str]]:
        """An untimed cold run that samples the process tree's memory and checks the findings."""
        out = os.path.join(self.tmp, f"findings-{jobs}.json")
        run = run_cli(self.lint_cmd(self.fresh_cache(), jobs, out), sample_tree=True)
        with open(out, encoding="utf-8") as fh:
            found = json.load(fh)
        problems: list[str] = []
        if expected is not None:
            got = sorted((d["rule"], os.path.relpath(d["absolute_path"], self.root), d["start"]["line"]) for d in found)
            want = sorted((str(e["rule"]), str(e["path"]), int(str(e["line"]))) for e in expected)
            if got != want:
                problems.append(f"-j {jobs}: findings differ from the seeded ones: got {got}, want {want}")
        return run.tree_peak_mb or 0.0, problems


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def machine() -> dict[str, object]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": cores,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark tauri-lint on a generated monorepo.")
    ap.add_argument("root", help="a folder written by bench/generate.py")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    ap.add_argument("--tauri-lint", dest="exe", help="the tauri-lint executable (default: next to this Python)")
    ap.add_argument("--jobs", default="auto", help="the -j value of the parallel cold run (default auto)")
    ap.add_argument("--json", dest="json_out", help="also write the results to this JSON file")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    args = ap.parse_args(argv)

    root = os.path.abspath(args.root)
    if not os.path.isdir(root):
        ap.error(f"{root} is not a folder (generate one with bench/generate.py)")
    exe = args.exe or os.path.join(os.path.dirname(sys.executable), "tauri-lint")
    if not os.path.exists(exe):
        exe = shutil.which("tauri-lint") or exe
    manifest_path = os.path.join(root, "bench-manifest.json")
    expected = None
    if os.path.isfile(manifest_path):
        with open(manifest_path, encoding="utf-8") as fh:
            expected = json.load(fh).get("expected_findings")

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, flush=True)

    mach = machine()
    load_before = os.getloadavg()
    log(f"machine: {mach['nproc']} cores ({mach['cpu']}), Python {mach['python']}, load {load_before[0]:.2f}")
    log(f"tauri-lint: {exe}")

    bench = Bench(root, exe, args.repeat, args.jobs, log)
    try:
        # 1. the floor (in-process)
        log("parse-only floor ...")
        floor = measure_floor(root, args.repeat)
        for i, (s, c) in enumerate(zip(floor.seconds, floor.cpu, strict=True)):
            log(f"  {'floor':<24} run {i + 1}: {s:7.3f} s wall {c:7.3f} s CPU")
        log(f"  {floor.files} files, {floor.bytes / 1e6:.1f} MB; discovery alone {floor.discover_seconds:.3f} s")
        workers = resolve_jobs(args.jobs)
        parallel_floor = measure_parallel_floor(lint_files(root), workers, args.repeat)[0] if workers > 1 else None
        if parallel_floor is not None:
            log(f"  {'floor in ' + str(workers) + ' processes':<24} best: {parallel_floor:7.3f} s wall")

        # 2. start-up, after one untimed run of every module (so that its bytecode is cached)
        log("start-up ...")
        small_dir = tempfile.mkdtemp(prefix="small-", dir=bench.tmp)
        small = os.path.join(small_dir, "small.ts")
        with open(small, "w", encoding="utf-8") as fh:
            fh.write(
                'import { invoke } from "@tauri-apps/api/core";\n\nexport const ping = () => invoke<string>("ping");\n'
            )
        run_cli([exe, root, "--output-format", "json", "-o", os.devnull, "--no-cache", "-j", "2"])
        version = bench.repeat_runs("--version", lambda _: [exe, "--version"])
        one_small = bench.repeat_runs(
            "one small file",
            lambda _: [exe, small, "--output-format", "json", "-o", os.devnull, "--no-cache"],
        )

        # 3. cold, sequential and parallel; plus the untimed checking runs
        log("cold ...")
        cold1 = bench.cold("1")
        cold_auto = bench.cold(args.jobs)
        log("checking findings and sampling process-tree memory (untimed) ...")
        tree1, problems1 = bench.check_run("1", expected)
        tree_auto, problems_auto = bench.check_run(args.jobs, expected)
        problems = problems1 + problems_auto

        # 4. warm: one untimed run fills the cache, then nothing changes
        log("warm ...")
        warm_cache = bench.fresh_cache()
        run_cli(bench.lint_cmd(warm_cache, args.jobs))
        warm = bench.repeat_runs("warm", lambda _: bench.lint_cmd(warm_cache, args.jobs))

        # 5. one changed component, with the warm cache
        target = changed_file(root)
        with open(target, "rb") as src:
            original = src.read()
        st = os.stat(target)

        def edit(i: int) -> None:
            with open(target, "wb") as dst:
                dst.write(original + f"// bench edit {i} at {time.time_ns()}\n".encode())

        try:
            changed = bench.repeat_runs("one changed file", lambda _: bench.lint_cmd(warm_cache, args.jobs), edit)
        finally:
            with open(target, "wb") as dst:
                dst.write(original)
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    finally:
        bench.cleanup()

    # ---- summary ----
    load_after = os.getloadavg()
    f, fc = floor.best, floor.best_cpu
    measures = (cold1, cold_auto, warm, changed, version, one_small)
    peak_rss = max(m.maxrss_mb for m in measures)
    targets = {
        "cold_j1": cold1.best / f <= TARGET_COLD_J1,
        "cold_auto": cold_auto.best / f <= TARGET_COLD_AUTO,
        "warm": warm.best / f <= TARGET_WARM,
        "changed": changed.best < TARGET_CHANGED_S,
        "rss": peak_rss < TARGET_RSS_MB,
    }
    goals = {
        cold1.name: (f"<= {TARGET_COLD_J1:g}x floor", targets["cold_j1"]),
        cold_auto.name: (f"<= {TARGET_COLD_AUTO:g}x floor", targets["cold_auto"]),
        warm.name: (f"<= {TARGET_WARM:g}x floor", targets["warm"]),
        changed.name: (f"< {TARGET_CHANGED_S:g} s", targets["changed"]),
    }
    print()
    print(
        f"{floor.files} files, {floor.bytes / 1e6:.1f} MB of source; {mach['nproc']} cores ({mach['cpu']}); "
        f"Python {mach['python']}; best of {args.repeat}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after"
    )
    head = f"{'measurement':<26} {'wall s':>8} {'x floor':>8} {'CPU s':>8} {'x floor':>8} {'max RSS':>9}  target"
    print(head)
    print(f"{'parse-only floor':<26} {f:8.3f} {1:8.2f} {fc:8.3f} {1:8.2f}")
    for m in measures:
        goal, ok = goals.get(m.name, ("", True))
        tgt = f"{goal}: {verdict(ok)}" if goal else ""
        print(
            f"{m.name:<26} {m.best:8.3f} {m.best / f:8.2f} {m.best_cpu:8.3f} {m.best_cpu / fc:8.2f} "
            f"{m.maxrss_mb:6.0f} MB  {tgt}"
        )
    failed = [(m.name, msg) for m in measures for msg in m.failures]
    for name, msg in failed:
        print(f"FAILED run of {name} (left out of the figures): {msg}")
    print(f"peak RSS, largest process: {peak_rss:.0f} MB (< {TARGET_RSS_MB:g} MB: {verdict(targets['rss'])})")
    print(f"peak RSS, whole process tree (sampled): cold -j 1 {tree1:.0f} MB, cold -j {args.jobs} {tree_auto:.0f} MB")
    print(f"discovery alone (in-process): {floor.discover_seconds:.3f} s")
    if parallel_floor is not None:
        print(
            f"parse-only floor split over {workers} processes: {parallel_floor:.3f} s "
            f"({parallel_floor / f:.2f}x floor, a {f / parallel_floor:.2f}x speed-up): no -j {args.jobs} run "
            "that parses every file can beat it"
        )
    if expected is not None:
        print("findings: " + ("exactly the seeded ones" if not problems else "; ".join(problems)))
    if mach["nproc"] != 2:
        print(f"note: the -j auto target is stated for 2 cores; this machine has {mach['nproc']}")
    if max(load_before[0], load_after[0]) > float(str(mach["nproc"])) * 0.5:
        print("note: the machine was busy (load average above half the cores): wall times are inflated")

    if args.json_out:
        result = {
            "machine": mach,
            "load_average": {"before": load_before, "after": load_after},
            "files": floor.files,
            "bytes": floor.bytes,
            "repeat": args.repeat,
            "floor": {"seconds": floor.seconds, "cpu": floor.cpu},
            "discover_s": floor.discover_seconds,
            "parallel_floor_s": parallel_floor,
            "measures": {
                m.name: {
                    "seconds": [r.seconds for r in m.runs],
                    "cpu": [r.cpu for r in m.runs],
                    "maxrss_mb": [r.maxrss_mb for r in m.runs],
                }
                for m in measures
            },
            "tree_peak_mb": {"cold -j 1": tree1, f"cold -j {args.jobs}": tree_auto},
            "targets": targets,
            "findings_ok": not problems,
            "failed_runs": [{"measure": n, "error": e} for n, e in failed],
        }
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)
            fh.write("\n")
    return 1 if problems or failed else 0


def changed_file(root: str) -> str:
    """The component the "one changed file" run edits: a mid-sized desktop component, found the same
    way every time."""
    folder = os.path.join(root, "apps", "desktop", "src", "components")
    candidates = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".tsx") and "BulkActions" not in name:
                path = os.path.join(dirpath, name)
                candidates.append((os.path.getsize(path), path))
    if not candidates:
        raise SystemExit(f"no component under {folder}: is {root} a generated monorepo?")
    candidates.sort()
    return candidates[len(candidates) // 2][1]


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CliError as e:
        sys.exit(f"error: {e}")
