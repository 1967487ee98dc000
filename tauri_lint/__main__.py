"""`python -m tauri_lint`: the same as the `tauri-lint` command."""

from tauri_lint.cli import main

if __name__ == "__main__":
    main()
