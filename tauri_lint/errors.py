"""Errors the user caused and can fix: they end the run with exit code 2 and one line on stderr."""

from __future__ import annotations


class ConfigError(Exception):
    """A bad setting: an unknown config key or rule name, a malformed value, an unreadable file.

    The message is a complete sentence for the user (it names the file, key or flag at fault and what
    is allowed), so the CLI prints it as is, without a traceback.
    """
