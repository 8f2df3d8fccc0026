"""The `kit` command line: the typer app (`app`), its commands, and `main`, the entry point."""

from __future__ import annotations

from kit.cli.app import app, main

__all__ = ["app", "main"]
