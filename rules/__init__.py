"""The rules tauri-lint ships: one module per rule, each defining `RULE`."""
