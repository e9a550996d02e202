"""Frozen entry point of the desktop application (hgdesk.exe, no console)."""

import sys

from ui.app import excepthook, main

if __name__ == "__main__":
    sys.excepthook = excepthook
    sys.exit(main())
