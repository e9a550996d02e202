"""Tracking at office speed: many tasks changed at once, by mouse or keyboard, as one operation
that undoes and redoes exactly, with the summary following at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from hgdesk import services
from hgdesk.errors import InputError
from tests.conftest import SEEDS, table_rows
from tests.modals import answer_done


@pytest.fixture
def quarter(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 2)


def statuses(db, program):
    return [t["status"] for t in services.program_tasks(db, program)]


def test_a_bulk_change_is_one_operation_all_or_nothing(db, quarter):
    tasks = [t["task_id"] for t in services.program_tasks(db, quarter)]
    services.update_task(db, tasks[2], status="done")
    before = table_rows(db)
    with pytest.raises(InputError, match="Không thể chuyển nhiệm vụ từ “hoàn thành” sang “không thực hiện”"):
        services.update_tasks(db, tasks[:4], status="dropped")
    assert table_rows(db) == before  # the first two were not changed either
    services.update_tasks(db, tasks[:2], status="in_progress", lead_unit="Ban Tổ chức")
    op = services.last_changes(db).op_id
    assert statuses(db, quarter)[:3] == ["in_progress", "in_progress", "done"]
    services.undo(db, op)  # one step takes back both tasks
    rows = services.program_tasks(db, quarter)
    assert [(r["status"], r["lead_unit"]) for r in rows[:2]] == [("not_started", "")] * 2
    services.redo(db, op)
    assert statuses(db, quarter)[:2] == ["in_progress", "in_progress"]


def test_bulk_status_from_the_keyboard_undo_redo_and_the_summary(qtbot, main_window):
    win = main_window
    db = win.db
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    win.refresh_programs(q2)
    win.tabs.setCurrentWidget(win.tracking)
    tab = win.tracking
    table = tab.table
    selection = table.selectionModel()
    for row in (0, 1, 3):
        selection.select(tab.proxy.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    timer = answer_done("Đã triển khai xong")  # done asks once for the result of the three
    qtbot.keyClick(table, Qt.Key.Key_3)  # "hoàn thành" for the three selected rows, no mouse
    timer.stop()
    win.activateWindow()  # back from the dialog: the table has the keyboard again
    qtbot.waitUntil(table.hasFocus)
    assert statuses(db, q2)[:4] == ["done", "done", "not_started", "done"]
    assert [tab.model.rows[r]["status"] for r in (0, 1, 2, 3)] == ["done", "done", "not_started", "done"]
    assert "hoàn thành 3" in tab.summary.text()
    qtbot.keyClick(table, Qt.Key.Key_2)  # reopen them: "đang thực hiện"
    assert "đang thực hiện 3" in tab.summary.text() and "hoàn thành" not in tab.summary.text()
    tab.bulk.undo_button.click()
    assert statuses(db, q2)[:4] == ["done", "done", "not_started", "done"] and "hoàn thành 3" in tab.summary.text()
    tab.bulk.undo_button.click()
    assert statuses(db, q2)[:4] == ["not_started"] * 4 and not tab.bulk.undo_button.isEnabled()
    tab.bulk.redo_button.click()
    assert statuses(db, q2)[:4] == ["done", "done", "not_started", "done"]
    # unit and note for the selection from the bar, then a single-cell edit still works (versions kept)
    tab.bulk.unit.insert("Ban Tuyên giáo")
    tab.bulk.note.insert("Đã triển khai")
    assert tab.bulk.apply()
    rows = services.program_tasks(db, q2)
    assert {(rows[i]["lead_unit"], rows[i]["result_note"]) for i in (0, 1, 3)} == {("Ban Tuyên giáo", "Đã triển khai")}
    assert tab.proxy.setData(tab.proxy.index(0, 4), "Ban Dân vận")
    assert services.program_tasks(db, q2)[0]["lead_unit"] == "Ban Dân vận"
