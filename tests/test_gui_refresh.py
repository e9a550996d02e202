"""Every view follows every change: one broadcast of each operation's Changes reloads the tabs it
concerns, whichever tab (or dialog) made it; undo in the editor brings back the same rows."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QDialog

from hgdesk import services
from tests import test_gui_workflow
from tests.conftest import SEEDS, read_done
from tests.modals import answer_done
from ui import dialogs, runner

window = test_gui_workflow.window  # the fixture: the main window on a fresh database


def open_quarter(win) -> int:
    annual = services.import_file(win.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(win.db, annual, 1)
    win.refresh_programs(q1)
    return q1


def reported_done(win) -> int:
    """The 'hoàn thành' count of quarter I in the Báo cáo tab, as the user reads it."""
    win.tabs.setCurrentWidget(win.reports)
    table = read_done(win.reports).status_box.itemAt(0).widget()
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Hoàn thành")
    return int(table.item(row, 1).text())


def test_a_status_set_in_the_tracking_tab_shows_in_reports_and_the_summary(window):
    open_quarter(window)
    assert reported_done(window) == 0
    window.tabs.setCurrentWidget(window.tracking)
    proxy = window.tracking.proxy
    status_column = next(i for i, (key, _) in enumerate(window.tracking.model.COLUMNS) if key == "status")
    timer = answer_done("Đã ban hành kế hoạch thực hiện")  # done asks for its result
    assert proxy.setData(proxy.index(0, status_column), "done")
    timer.stop()
    assert "hoàn thành 1" in window.tracking.summary.text()
    assert reported_done(window) == 1


def test_a_workbook_import_refreshes_tracking_and_reports(window, monkeypatch, tmp_path):
    q1 = open_quarter(window)
    assert reported_done(window) == 0
    window.tabs.setCurrentWidget(window.tracking)
    out = window.export_workbook(str(tmp_path / "q1.xlsx"))
    wb = openpyxl.load_workbook(out)
    wb["Nhiệm vụ"]["G2"] = "hoàn thành"
    wb["Nhiệm vụ"]["G3"] = "hoàn thành"
    wb.save(tmp_path / "back.xlsx")
    monkeypatch.setattr(dialogs.WorkbookReviewDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    assert window.import_workbook(str(tmp_path / "back.xlsx"))
    assert "hoàn thành 2" in window.tracking.summary.text()
    assert reported_done(window) == 2
    assert [t["status"] for t in services.program_tasks(window.db, q1)][:2] == ["done", "done"]


def test_a_change_made_outside_the_window_reaches_every_tab(window):
    q1 = open_quarter(window)
    window.tabs.setCurrentWidget(window.tracking)
    task = services.program_tasks(window.db, q1)[0]
    services.update_task(window.db, task["task_id"], status="in_progress")  # e.g. a dialog or a script
    assert window.tracking.model.rows[0]["status"] == "in_progress"


def test_deleting_in_the_editor_and_undoing_keeps_the_task_and_its_history(window, qtbot):
    q1 = open_quarter(window)
    task = services.program_tasks(window.db, q1)[0]
    services.update_task(window.db, task["task_id"], status="in_progress")
    services.update_task(window.db, task["task_id"], status="done")
    editor = window.editor
    window.tabs.setCurrentWidget(editor)
    editor.select_node(task["node_id"])
    assert editor.current["id"] == task["node_id"]
    editor.delete_action.trigger()
    assert task["task_id"] not in {t["task_id"] for t in services.program_tasks(window.db, q1)}
    command = editor.undo_stack.command(editor.undo_stack.count() - 1)
    assert command.ops and all(isinstance(op, int) for op in command.ops)  # the stack holds op ids only
    editor.undo_stack.undo()
    back = next(t for t in services.program_tasks(window.db, q1) if t["task_id"] == task["task_id"])
    assert back["node_id"] == task["node_id"] and back["status"] == "done"
    assert [e.to_status for e in services.task_history(window.db, task["task_id"])] == ["in_progress", "done"]
    editor.undo_stack.redo()
    assert task["task_id"] not in {t["task_id"] for t in services.program_tasks(window.db, q1)}


def test_the_runner_names_the_widget_a_change_came_from(window):
    q1 = open_quarter(window)
    heard = []
    runner.bus().changed.connect(lambda changes, origin: heard.append((changes, origin)))
    task = services.program_tasks(window.db, q1)[0]
    runner.call(window.tracking, "t", services.update_task, window.db, task["task_id"], status="in_progress")
    changes, origin = heard[-1]
    assert origin is window.tracking and task["task_id"] in changes.tasks and q1 in changes.touched
