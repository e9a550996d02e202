"""The use cases. GUI, CLI and tests call these and nothing below them.

Each function is one transaction: it either completes or leaves the database as it was,
and it raises only HgdeskError subclasses for conditions the user can act on.

Names are loaded from their submodule on first use (PEP 562), so `hgdesk-cli render FILE`
starts without loading the database layer.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOME = {
    "numbers": ["issue_questions", "suggested_number"],
    "output": ["document_for", "export_docx", "export_pdf", "format_profiles", "profile_in_use"],
    "checking": ["apply_fixes", "check_data", "check_file", "check_program", "export_check_note", "fixes_of",
                 "issue_checked", "undo_fixes"],
    "exchange": ["database_id", "export_package", "import_package"],
    "safety": ["audit_entries", "backup_if_due", "backup_now", "export_audit_csv", "latest_good_backup", "list_backups",
               "restore_backup"],
    "editing": ["add_node", "delete_node", "edit_node", "merge_with_next", "set_tracked", "split_node", "issue_program", "move_node", "move_node_direction", "new_version",
                "restore_node", "update_program"],
    "work": [
        "add_anniversary", "close_quarter", "close_quarter_proposal", "derive_for_organisation", "derive_quarter",
        "diff_versions", "program_ids_of", "report_carried", "report_coverage", "report_status",
        "save_draft_version", "set_template", "task_chain", "update_task", "program_tasks", "program_indicators",
        "record_indicator", "achieved_percent", "carried_into", "draft_versions", "export_tracking_workbook",
        "import_tracking_workbook", "import_own_tasks", "read_own_workbook",
    ],
    "programs": [
        "ProgramInfo", "audit", "create_lower_organization", "create_organization", "current_user", "describe", "import_bytes", "import_file",
        "list_organizations", "list_programs", "organization", "parse_only", "program_json", "save_parsed", "search",
        "set_secretary",
        "templates_for", "update_organization",
        "set_program_parent",
    ],
}
_WHERE = {name: module for module, names in _HOME.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hgdesk.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"hgdesk.services.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
