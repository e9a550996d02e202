"""Command-line parsing in Vietnamese for both programs (hgdesk-cli and the window's hgdesk):
never English library text, and a mistake is one line and exit 2."""

from __future__ import annotations

import argparse
import tomllib
from typing import NoReturn

from hgdesk.resources import resource


class _Parser(argparse.ArgumentParser):
    """argparse in Vietnamese, and a mistake on the command line is one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (xem: {self.prog} -h)\n")


def speak_vietnamese() -> None:
    """argparse looks its messages up through gettext at call time; give it ours."""
    table = tomllib.loads(resource("i18n", "argparse_vi.toml").read_text(encoding="utf-8"))["messages"]
    argparse._ = lambda message: table.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: table.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]


def argument_parser(prog: str, description: str | None = None) -> argparse.ArgumentParser:
    speak_vietnamese()
    return _Parser(prog=prog, description=description)
