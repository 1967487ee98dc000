"""Benchmark tooling: a synthetic Tauri monorepo generator (generate.py) and the benchmark (run.py)."""
