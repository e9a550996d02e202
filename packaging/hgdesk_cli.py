"""Frozen entry point of the command line (hgdesk-cli.exe, console)."""

import sys

from hgdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
