"""A task recorded "không thực hiện" in Theo dõi nhiệm vụ asks why, wherever the status is set (the
status cell, the bar under the table, key 4): an empty reason is refused, cancelling changes nothing,
the reason is kept as the task's result note, one undo takes it back, and the results report says
"Lý do: …" after the task. The bar's status goes back to "(giữ trạng thái)" after it is applied."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from hgdesk import services
from tests.modals import answer_modals
from tests.test_gui_tracking_table import open_second_quarter, shown


def _reason_user(seen: list[str], reason: str | None):
    """The secretary in the reason dialog: presses Không thực hiện with nothing typed (refused, the
    dialog stays), then types the reason and confirms — or, with no reason to give, presses Hủy."""
    from ui.evidence import DropDialog

    def step(box) -> None:
        if not isinstance(box, DropDialog):
            return
        ok, cancel = box.findChild(QDialogButtonBox).buttons()
        if not seen or seen[-1] == "answered":
            seen.append(box.windowTitle())
            ok.click()  # nothing typed yet
            seen.append(box.problem.text())
            assert box.isVisible()
        if reason is None:
            cancel.click()
        else:
            box.note.setPlainText(reason)
            ok.click()
        seen.append("answered")

    return step


def _stored(db, program) -> dict[int, tuple[str, str]]:
    return {r["task_id"]: (r["status"], r["result_note"]) for r in services.program_tasks(db, program)}


def _select(tab, rows: list[int]) -> None:
    selection = tab.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(tab.proxy.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _edit_status(qtbot, tab, row: int, label: str) -> None:
    """Open the status cell's drop-down, choose `label`, press Enter."""
    column = [c[0] for c in tab.model.COLUMNS].index("status")
    index = tab.proxy.index(row, column)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = next(c for c in tab.table.viewport().findChildren(QComboBox) if c.isVisible())  # not the last one
    editor.setCurrentIndex(editor.findText(label))
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_not_carrying_out_a_task_asks_why_everywhere_and_the_report_says_it(qtbot, main_window):
    win = main_window
    tab, q2, _count = open_second_quarter(win)
    rows = shown(tab)
    first, second, third, fourth = (r["task_id"] for r in rows[:4])
    before = _stored(win.db, q2)

    # 1. the status cell: Không thực hiện asks why; empty is refused; Hủy leaves the task as it was
    seen: list[str] = []
    timer = answer_modals(_reason_user(seen, None))
    _edit_status(qtbot, tab, 0, "Không thực hiện")
    qtbot.waitUntil(lambda: "answered" in seen)  # the delegate commits on the next event-loop turn
    timer.stop()
    assert seen[:2] == ["Ghi nhiệm vụ không thực hiện",
                        "Hãy ghi lý do không thực hiện: báo cáo kết quả nêu lý do của từng nhiệm vụ không thực hiện."]
    assert _stored(win.db, q2) == before
    status = [c[0] for c in tab.model.COLUMNS].index("status")
    assert tab.proxy.index(0, status).data() == "Chưa thực hiện"

    # 2. again, with the reason: stored as the result note, shown in the row
    seen.clear()
    timer = answer_modals(_reason_user(seen, "Tỉnh ủy lùi hội nghị sang quý IV"))
    _edit_status(qtbot, tab, 0, "Không thực hiện")
    qtbot.waitUntil(lambda: "answered" in seen)  # the delegate commits on the next event-loop turn
    timer.stop()
    assert _stored(win.db, q2)[first] == ("dropped", "Tỉnh ủy lùi hội nghị sang quý IV")
    assert tab.proxy.index(0, status).data() == "Không thực hiện"
    assert tab.model.rows[0]["result_note"] == "Tỉnh ủy lùi hội nghị sang quý IV"

    # 3. the bar under the table, two rows: asked once; the bar's status goes back to "(giữ trạng thái)"
    _select(tab, [1, 2])
    tab.bulk.status.setCurrentIndex(tab.bulk.status.findText("Không thực hiện"))
    seen.clear()
    timer = answer_modals(_reason_user(seen, "Chưa có kinh phí"))
    tab.bulk.apply_button.click()
    timer.stop()
    assert seen.count("answered") == 1
    stored = _stored(win.db, q2)
    assert stored[second] == stored[third] == ("dropped", "Chưa có kinh phí")
    assert tab.bulk.status.currentText() == "(giữ trạng thái)"
    tab.bulk.unit.insert("Ban Tuyên giáo")  # a later Áp dụng changes only the unit, never the status again
    assert tab.bulk.apply()
    assert _stored(win.db, q2)[second] == ("dropped", "Chưa có kinh phí")

    # 4. key 4 on the fourth row: asked too; Hủy changes nothing
    _select(tab, [3])
    win.activateWindow()  # back from the dialogs: the table has the keyboard again
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    seen.clear()
    timer = answer_modals(_reason_user(seen, None))
    qtbot.keyClick(tab.table, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: "answered" in seen)
    timer.stop()
    assert seen and _stored(win.db, q2)[fourth] == before[fourth]

    # 5. one undo takes back the unit, the next the two rows' status and reason together
    tab.bulk.undo_button.click()
    tab.bulk.undo_button.click()
    stored = _stored(win.db, q2)
    assert stored[second] == before[second] and stored[third] == before[third]
    assert [tab.model.rows[r]["status"] for r in (1, 2)] == ["not_started", "not_started"]
    assert stored[first] == ("dropped", "Tỉnh ủy lùi hội nghị sang quý IV")

    # 6. Soạn báo cáo kết quả quý: the report gives the reason after the task
    report = win.draft_report()
    assert report and win.tabs.currentWidget() is win.editor
    texts = _all_texts(services.program_json(win.db, report)["nodes"])
    dropped = [t for t in texts if t.startswith("Không thực hiện: ")]
    assert len(dropped) == 1 and dropped[0].endswith(". Lý do: Tỉnh ủy lùi hội nghị sang quý IV.")


def _all_texts(nodes, out=None) -> list[str]:
    out = [] if out is None else out
    for node in nodes:
        out.append(node["text"])
        _all_texts(node["children"], out)
    return out


def test_applying_a_status_the_rows_already_have_adds_no_undo_step(qtbot, main_window):
    """Such an Áp dụng makes no operation: Hoàn tác must not take back an earlier one (it took back
    the drafting of the quarter itself)."""
    win = main_window
    tab, q2, count = open_second_quarter(win)
    _select(tab, [0, 1])
    tab.bulk.status.setCurrentIndex(tab.bulk.status.findText("Đang thực hiện"))
    assert tab.bulk.apply()
    assert tab.bulk.undo_stack.count() == 1
    _select(tab, [0, 1])
    tab.bulk.status.setCurrentIndex(tab.bulk.status.findText("Đang thực hiện"))  # again: nothing to change
    assert tab.bulk.apply()
    assert tab.bulk.undo_stack.count() == 1 and tab.bulk.status.currentText() == "(giữ trạng thái)"
    tab.bulk.undo_button.click()
    assert not tab.bulk.undo_button.isEnabled()
    assert len(services.program_tasks(win.db, q2)) == count  # the quarter is still there
    assert {r["status"] for r in services.program_tasks(win.db, q2)} == {"not_started"}


def test_a_done_task_is_refused_before_any_reason_is_asked(qtbot, main_window, monkeypatch):
    from ui import runner

    win = main_window
    tab, q2, _count = open_second_quarter(win)
    task = shown(tab)[0]["task_id"]
    services.complete_tasks(win.db, [task], "Đã tổ chức hội nghị")
    tab.reload_rows()
    told: list[str] = []
    monkeypatch.setattr(runner, "show_error", lambda _parent, _title, message, details="": told.append(message))
    seen: list[str] = []
    timer = answer_modals(_reason_user(seen, "không dùng đến"))
    status = [c[0] for c in tab.model.COLUMNS].index("status")
    assert not tab.proxy.setData(tab.proxy.index(0, status), "dropped")
    timer.stop()
    assert seen == [] and told == ["Không thể chuyển nhiệm vụ từ “hoàn thành” sang “không thực hiện”."]
    assert _stored(win.db, q2)[task] == ("done", "Đã tổ chức hội nghị")
