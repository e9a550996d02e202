"""Start the hgdesk desktop application."""

import sys

from ui.app import excepthook, main

if __name__ == "__main__":
    sys.excepthook = excepthook
    sys.exit(main())
