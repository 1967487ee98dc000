"""tauri-lint: a static analyzer for the IPC bridge of Tauri apps."""

__version__ = "0.1.0"
