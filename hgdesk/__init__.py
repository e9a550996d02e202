"""hgdesk: quarterly work programs for Party committee offices (the core, without Qt)."""

__version__ = "0.1.0"
