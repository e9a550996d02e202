"""Importing this module registers every check function with the engine."""

from hgdesk.checks import body_rules, closing_rules, docx_rules, header_rules  # noqa: F401
