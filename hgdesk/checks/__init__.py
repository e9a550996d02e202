"""Kiểm tra thể thức: the format checker of drafts, stored programs and Word files.

Rules are data (resources/rules/*.toml, hgdesk.checks.rules); each has a check function
(header_rules, body_rules, closing_rules, docx_rules) run by hgdesk.checks.engine on a Subject.
"""

# Importing the package registers every check function with the engine (the rule modules use
# hgdesk.checks.engine.check; the engine itself never imports them).
from hgdesk.checks import body_rules, closing_rules, docx_rules, header_rules  # noqa: F401
