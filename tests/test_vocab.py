"""The vocabulary is declared once: every code has a Vietnamese label, and no other module
spells a list of the codes again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hgdesk import vocab

ROOT = Path(__file__).resolve().parent.parent
ENUMS = [vocab.NodeKind, vocab.TaskStatus, vocab.Timeliness, vocab.ProgramKind, vocab.ProgramStatus,
         vocab.AuditAction, vocab.AuditEntity, vocab.BackupKind, vocab.Profile]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_code_has_a_vietnamese_label(enum):
    for member in enum:
        assert member.label and member.label != member.value
        assert enum.label_of(member.value) == member.label
    assert enum.label_of("unknown-code") == "unknown-code"


def test_a_status_is_read_from_its_code_or_its_vietnamese_name():
    assert vocab.TaskStatus.parse("hoàn thành") is vocab.TaskStatus.DONE
    assert vocab.TaskStatus.parse("Dang thuc hien") is vocab.TaskStatus.IN_PROGRESS
    assert vocab.TaskStatus.parse("not-started") is vocab.TaskStatus.NOT_STARTED
    assert vocab.TaskStatus.parse("xong") is None


def test_members_equal_the_strings_stored_in_the_database():
    assert vocab.TaskStatus.DONE == "done" and vocab.NodeKind.PART == "part"
    assert vocab.BackupKind.PRE_ISSUE == "pre-issue"


def test_no_other_module_spells_a_list_of_the_codes():
    code_sets = [set(e.codes()) for e in ENUMS]
    offenders = []
    for path in [*(ROOT / "hgdesk").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        if path.name == "vocab.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if len(values) >= 3 and len(values) == len(node.elts) and any(values <= c for c in code_sets):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Dict) and len(node.keys) >= 3:
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
                if len(keys) == len(node.keys) and any(keys <= c for c in code_sets):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
