"""The secretary's morning through the real window: it opens on Tổng quan, she sees what is overdue,
opens a task, marks it done with its result and evidence (a document number and a file kept in the
database), goes back to Tổng quan and sees the counts follow; she types a deadline (a bad one is
refused in Vietnamese, nothing changed), undoes, prints a unit's "nhắc việc", drafts the results
report twice and is asked before her edits are overwritten."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from hgdesk import services
from tests.conftest import SEEDS, read_done
from tests.modals import answer_modals
from ui import runner


def _overdue(window) -> int:
    board = read_done(window.dashboard).board
    return board.count(board.overdue)


def _done_dialog(box, steps: list[str], note: str, reference: str, file: str) -> None:
    """First an empty result (refused, the dialog stays), then the result and its evidence."""
    from ui.evidence import DoneDialog

    if not isinstance(box, DoneDialog):
        return
    ok = box.findChild(QDialogButtonBox).buttons()[0]
    if not steps:
        ok.click()  # nothing typed yet
        steps.append(box.problem.text())
        return
    box.note.setPlainText(note)
    box.reference.setText(reference)
    box.file.setText(file)
    ok.click()


@pytest.fixture
def morning(qtbot, tmp_path, monkeypatch):
    from hgdesk.db import Database
    from ui import main_window

    db = Database(str(tmp_path / "office.sqlite3"))
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    services.issue_program(db, quarter, "12", date(2024, 4, 2))  # issued in April: its tasks are assigned
    rows = services.program_tasks(db, quarter)
    for row, unit in zip(rows[:6], ["Văn phòng"] * 3 + ["Ban Tổ chức"] * 3, strict=True):
        services.update_task(db, row["task_id"], lead_unit=unit)
    monkeypatch.setattr(main_window, "today", lambda: date(2024, 7, 3))  # a new day: opens on Tổng quan
    told: list[str] = []
    monkeypatch.setattr(runner, "show_error", lambda parent, title, message, details="": told.append(message))
    window = main_window.MainWindow(db)
    window.dashboard.as_of = date(2024, 7, 3)
    window.dashboard.stale = True
    qtbot.addWidget(window)
    window.show()
    yield window, quarter, rows, told
    window.close()
    db.dispose()


def test_a_task_marked_done_with_evidence_from_tong_quan_updates_the_counts(morning, qtbot, tmp_path):
    window, quarter, rows, told = morning
    assert window.tabs.currentWidget() is window.dashboard and window.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: window.dashboard.tree.topLevelItemCount() == 5)
    before = _overdue(window)
    assert before == len(rows) and f"<b>{before}</b> nhiệm vụ quá hạn" in window.dashboard.summary.text()

    # she opens one of the office's overdue tasks: the tracking table, on its row
    top = window.dashboard.tree.topLevelItem(0)
    office = next(top.child(j) for j in range(top.childCount()) if top.child(j).text(0).startswith("Văn phòng"))
    assert office.text(0) == "Văn phòng (3)"
    item = office.child(0)
    window.dashboard.tree.itemActivated.emit(item, 0)
    assert window.tabs.currentWidget() is window.tracking
    task = window.tracking.table.currentIndex().data(Qt.ItemDataRole.UserRole)
    assert task["task_id"] == item.data(0, Qt.ItemDataRole.UserRole)[2] and task["lead_unit"] == "Văn phòng"

    # marks it done (key 3 of the bulk bar): asked for the result, empty is refused, then result + evidence
    proof = tmp_path / "bien-ban-hoi-nghi.pdf"
    proof.write_bytes(b"%PDF-1.4 minutes\n" * 100)
    steps: list[str] = []
    timer = answer_modals(lambda box: _done_dialog(box, steps, "Đã tổ chức hội nghị ngày 25/6/2024",
                                                   "15-BC/VPTU", str(proof)))
    assert window.tracking.bulk.apply(status="done")
    timer.stop()
    assert steps and "Hãy ghi kết quả thực hiện" in steps[0]
    stored = next(r for r in services.program_tasks(window.db, quarter) if r["task_id"] == task["task_id"])
    assert (stored["status"], stored["result_note"], stored["evidence_ref"], stored["evidence_name"]) == (
        "done", "Đã tổ chức hội nghị ngày 25/6/2024", "15-BC/VPTU", "bien-ban-hoi-nghi.pdf")
    shown = window.tracking.table.currentIndex()
    evidence = shown.siblingAtColumn([c[0] for c in window.tracking.model.COLUMNS].index("evidence"))
    assert evidence.data() == "15-BC/VPTU · tệp bien-ban-hoi-nghi.pdf"
    assert window.tracking.chain.toPlainText().endswith("– hoàn thành")  # the chain under the table says it at once
    assert window.tracking.save_evidence.isEnabled()
    from ui.evidence import save_evidence

    out = save_evidence(window.tracking, window.db, task["task_id"], "x.pdf", str(tmp_path / "ra.pdf"))
    assert out is not None and out.read_bytes() == proof.read_bytes()

    # back to Tổng quan: one overdue task fewer, under the office
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: _overdue(window) == before - 1)
    assert f"<b>{before - 1}</b> nhiệm vụ quá hạn" in window.dashboard.summary.text()
    top = window.dashboard.tree.topLevelItem(0)
    assert any(top.child(j).text(0) == "Văn phòng (2)" for j in range(top.childCount()))

    # undo in the tracking tab takes the whole operation back; Tổng quan follows
    window.tabs.setCurrentWidget(window.tracking)
    window.tracking.bulk.undo_button.click()
    assert next(r for r in services.program_tasks(window.db, quarter)
                if r["task_id"] == task["task_id"])["evidence_ref"] == ""
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: _overdue(window) == before)
    assert told == []


def test_a_deadline_typed_in_the_tracking_table_is_read_or_refused_and_undone(morning, qtbot):
    window, quarter, rows, told = morning
    window.tabs.setCurrentWidget(window.tracking)
    model = window.tracking.model
    column = [c[0] for c in model.COLUMNS].index("deadline")
    r = next(i for i, row in enumerate(model.rows) if row["task_id"] == rows[1]["task_id"])
    index = model.index(r, column)
    before = index.data()
    assert before == "30/06/2024"
    assert not model.setData(index, "khi nào xong thì thôi")  # not a deadline: refused, nothing changed
    assert told and told[-1].startswith("Không hiểu hạn “khi nào xong thì thôi”")
    assert index.data() == before and services.program_tasks(window.db, quarter)[1]["due_date"] == date(2024, 6, 30)
    assert model.setData(index, "tháng 12/2024")
    assert index.data() == "tháng 12/2024"
    assert services.program_tasks(window.db, quarter)[1]["due_date"] == date(2024, 12, 31)
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: _overdue(window) == len(rows) - 1)  # no longer overdue on 3/7/2024
    window.tabs.setCurrentWidget(window.tracking)
    assert window.tracking.bulk.undo_stack.undoText() == "Đặt hạn nhiệm vụ"
    window.tracking.bulk.undo_button.click()
    assert services.program_tasks(window.db, quarter)[1]["due_date"] == date(2024, 6, 30)
    assert window.tracking.model.index(r, column).data() == "30/06/2024"
    window.tracking.bulk.redo_button.click()
    assert services.program_tasks(window.db, quarter)[1]["deadline_text"] == "tháng 12/2024"


def test_a_units_nhac_viec_prints_on_one_page(morning, qtbot, tmp_path):
    from pypdf import PdfReader

    window, _quarter, _rows, told = morning
    qtbot.waitUntil(lambda: window.dashboard.unit.count() > 0)
    top = window.dashboard.tree.topLevelItem(0)
    group = next(top.child(j) for j in range(top.childCount()) if top.child(j).text(0).startswith("Ban Tổ chức"))
    window.dashboard.tree.setCurrentItem(group.child(0))  # choosing a unit's task chooses the unit
    assert window.dashboard.unit.currentText() == "Ban Tổ chức"
    out = window.dashboard.print_reminder(str(tmp_path / "nhac-viec.pdf"))
    pdf = PdfReader(str(out))
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1 and "NHẮC VIỆC" in text and "Kính gửi: Ban Tổ chức" in text and "Quá hạn (3)" in text
    assert told == []


def test_drafting_the_report_again_asks_before_overwriting_edits(morning, qtbot):
    window, quarter, _rows, told = morning
    window._select_program(quarter)
    first = window.draft_report()
    assert window.program["id"] == first and window.tabs.currentWidget() is window.editor
    node = services.program_json(window.db, first)["nodes"][0]["children"][0]
    services.edit_node(window.db, node["id"], text=node["text"] + " Nhận xét thêm của Văn phòng.")
    window._select_program(quarter)
    answers = iter(["Mở bản đã sửa", "Soạn lại, thay bản đã sửa"])
    asked: list[str] = []

    def answer(box) -> None:
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            wanted = next(answers)
            next(b for b in box.buttons() if b.text() == wanted).click()

    timer = answer_modals(answer)
    assert window.draft_report() == first  # kept: her edited report is shown
    assert window.program["id"] == first
    window._select_program(quarter)
    second = window.draft_report()
    timer.stop()
    QApplication.processEvents()
    assert second not in (None, first) and window.program["id"] == second
    assert len(asked) == 2 and "đã được sửa sau khi soạn" in asked[0]
    assert first in {p["id"] for p in services.trash(window.db)}
    assert told == []


def test_an_indicator_behind_its_progress_opens_the_indicators(morning, qtbot):
    window, quarter, _rows, _told = morning
    indicator = services.program_indicators(window.db, quarter)[0]
    services.record_indicator(window.db, indicator["indicator_id"], "2024-Q2", (indicator["target"] or 100) * 0.1)
    window.dashboard.refresh()
    behind = read_done(window.dashboard).tree.topLevelItem(3)
    assert behind.text(0) == "Chỉ tiêu chậm so với tiến độ (1)"
    assert behind.child(0).text(2) == "đạt 10%, cần 50%"
    window.dashboard.tree.itemActivated.emit(behind.child(0), 0)
    assert window.tabs.currentWidget() is window.indicators
