"""Tiny Tauri projects built on disk for tests: a frontend folder and a src-tauri crate."""

from __future__ import annotations

import os
from collections.abc import Mapping

CARGO_TOML = """[package]
name = "example-app"
version = "0.1.0"
edition = "2021"

[dependencies]
tauri = { version = "2", features = [] }
serde = { version = "1", features = ["derive"] }
"""
TAURI_CONF = '{ "productName": "example", "identifier": "dev.tauri-lint.example" }\n'
PACKAGE_JSON = '{ "name": "example", "private": true, "type": "module" }\n'
# A backend with one registered command, `load_row(index: u32) -> u32`.
LOAD_ROW_RUST = """
#[tauri::command]
async fn load_row(index: u32) -> u32 {
    index
}

pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![load_row])
        .run(tauri::generate_context!())
        .unwrap();
}
"""


def make_project(root: str, files: Mapping[str, str]) -> str:
    """Write `files` (relative path → text) under a fresh Tauri project skeleton at `root`."""
    skeleton = {
        "package.json": PACKAGE_JSON,
        "src-tauri/Cargo.toml": CARGO_TOML,
        "src-tauri/tauri.conf.json": TAURI_CONF,
    }
    for rel, text in {**skeleton, **files}.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return root
