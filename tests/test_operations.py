"""Every write is an operation: undo and redo bring back the same rows under the same ids, the
audit entry is the undo record, and what changed is told to whoever listens."""

from __future__ import annotations

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import ConflictError, InputError, LockedError
from tests.conftest import SEEDS, table_rows

VOLATILE = {"version", "updated_at"}


def visible_rows(db) -> dict[str, list[tuple]]:
    """Every stored row except the audit trail, optimistic-lock counters and the search index."""
    from hgdesk.models import Base

    rows = table_rows(db)
    out = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ("audit_entry", "node_search"):
            continue
        keep = [i for i, c in enumerate(table.columns) if c.name not in VOLATILE]
        out[table.name] = [tuple(r[i] for i in keep) for r in rows[table.name]]
    return out


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n["children"])


@pytest.fixture
def q2(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 2)


def first_task_node(db, program_id):
    return next(n for n in walk(services.program_json(db, program_id)["nodes"]) if "task" in n)


def test_undo_of_a_delete_brings_back_the_same_task_with_its_history(db, q2, tmp_path):
    node = first_task_node(db, q2)
    task_id = node["task"]["id"]
    services.update_task(db, task_id, status="in_progress")
    services.update_task(db, task_id, status="done")
    workbook = tmp_path / "so.xlsx"
    services.export_tracking_workbook(db, q2, workbook)
    services.delete_node(db, node["id"])
    op = services.last_changes(db).op_id
    assert node["id"] not in {n["id"] for n in walk(services.program_json(db, q2)["nodes"])}
    services.undo(db, op)
    back = next(n for n in walk(services.program_json(db, q2)["nodes"]) if n["id"] == node["id"])
    assert back["task"]["id"] == task_id and back["task"]["status"] == "done"
    assert [e.to_status for e in services.task_history(db, task_id)] == ["in_progress", "done"]
    services.import_tracking_workbook(db, q2, workbook)  # the workbook exported before still matches


def test_undo_then_redo_is_identity_on_the_stored_rows(db, q2):
    node = first_task_node(db, q2)
    before = visible_rows(db)
    services.split_node(db, node["id"], node["text"].index(" ") + 1)
    split = services.last_changes(db)
    after_split = visible_rows(db)
    services.undo(db, split.op_id)
    assert _live(visible_rows(db)) == _live(before)
    services.redo(db, split.op_id)
    assert _live(visible_rows(db)) == _live(after_split)


def _live(rows):
    """Rows as the user sees them: soft-deleted ones are not there."""
    from hgdesk.models import Base

    out = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in rows:
            continue
        names = [c.name for c in table.columns if c.name not in VOLATILE]
        if "deleted_at" in names:
            at = names.index("deleted_at")
            out[table.name] = [r for r in rows[table.name] if r[at] is None]
        else:
            out[table.name] = rows[table.name]
    return out


def test_a_merge_is_one_operation_and_undoes_in_one_step(db, q2):
    program = services.program_json(db, q2)
    section = program["nodes"][1]["children"][0]["children"][1]
    first, second = section["children"][0], section["children"][1]
    before = _live(visible_rows(db))
    services.merge_with_next(db, first["id"])
    services.undo(db, services.last_changes(db).op_id)
    assert _live(visible_rows(db)) == before
    again = services.program_json(db, q2)["nodes"][1]["children"][0]["children"][1]["children"]
    assert [again[0]["id"], again[1]["id"]] == [first["id"], second["id"]]


def test_an_operation_cannot_be_undone_twice_nor_over_a_later_change(db, q2):
    node = first_task_node(db, q2)
    services.edit_node(db, node["id"], text="Lần một")
    first = services.last_changes(db).op_id
    services.edit_node(db, node["id"], text="Lần hai")
    with pytest.raises(ConflictError):
        services.undo(db, first)
    second = services.last_changes(db).op_id
    services.undo(db, second)
    with pytest.raises(InputError):
        services.undo(db, second)
    services.undo(db, first)
    assert first_task_node(db, q2)["text"] == node["text"]


def test_undo_refuses_to_change_an_issued_program(db, q2):
    node = first_task_node(db, q2)
    services.edit_node(db, node["id"], text="Sửa trước khi ban hành")
    op = services.last_changes(db).op_id
    from datetime import date

    services.issue_program(db, q2, "12", date(2024, 4, 2))
    rows = table_rows(db)
    with pytest.raises(LockedError):
        services.undo(db, op)
    assert table_rows(db) == rows


def test_listeners_hear_what_each_operation_changed(db, q2):
    heard = []
    db.listeners.append(heard.append)
    node = first_task_node(db, q2)
    services.update_task(db, node["task"]["id"], status="in_progress")
    assert heard and node["task"]["id"] in heard[-1].tasks and q2 in heard[-1].touched
    services.edit_node(db, node["id"], text="Nội dung mới")
    assert q2 in heard[-1].tree
    services.list_programs(db)  # reading is no operation
    assert len(heard) == 2


def test_the_cli_undoes_and_redoes_an_operation_by_its_number(db, q2, capsys):
    node = first_task_node(db, q2)
    url = str(db.engine.url)
    assert cli(["--database", url, "node", "set", str(node["id"]), "--text", "Sửa từ dòng lệnh"]) == 0
    op = services.audit_entries(db)[0]["id"]  # the CLI ran on its own connection
    assert cli(["--database", url, "audit", str(q2)]) == 0
    assert capsys.readouterr().out.split()[0] == str(op)  # the first column is what undo takes
    assert cli(["--database", url, "undo", str(op)]) == 0
    assert first_task_node(db, q2)["text"] == node["text"]
    assert cli(["--database", url, "redo", str(op)]) == 0
    assert first_task_node(db, q2)["text"] == "Sửa từ dòng lệnh"
    assert cli(["--database", url, "redo", str(op)]) == 2  # not undone: one Vietnamese line, exit 2
    assert "chưa được hoàn tác" in capsys.readouterr().err


def test_deleting_a_section_records_only_what_changed_and_undo_brings_back_every_row(db):
    """The undo record of an update keeps the changed columns (and what the row belongs to), not the
    paragraph's text twice; undo and redo still restore every stored row exactly."""
    import json

    from sqlalchemy import select

    from hgdesk.models import AuditEntry

    program = services.import_file(db, SEEDS / "seed000.txt")
    before = visible_rows(db)
    section = next(n for n in services.program_json(db, program)["nodes"][1]["children"] if len(n["children"]) > 3)
    services.delete_node(db, section["id"])
    op = services.last_changes(db).op_id
    with db.transaction() as s:
        rows = s.scalar(select(AuditEntry.rows).where(AuditEntry.id == op))
    deleted = [r for r in rows if r["t"] == "node" and r["id"] == section["id"]]
    assert deleted and set(deleted[0]["after"]) <= {"deleted_at", "program_id", "updated_at"}
    assert all(r["before"] is not None and r["after"] is not None for r in rows)  # updates only: soft delete
    assert len(json.dumps(rows)) < 20_000
    after = visible_rows(db)
    services.undo(db, op)
    assert visible_rows(db) == before
    services.redo(db, op)
    assert visible_rows(db) == after
