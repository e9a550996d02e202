"""The secretary's whole job driven through the widgets, offscreen."""

from __future__ import annotations

import sqlite3
from datetime import date

import docx
import pypdf
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hgdesk import services
from hgdesk.db import Database
from tests.conftest import SEEDS, read_done
from tests.modals import answer_done
from ui import checking, dialogs
from ui.main_window import MainWindow
from ui.tools import SettingsDialog


@pytest.fixture
def window(main_window):
    return main_window


def accept_with(monkeypatch, cls, prepare=lambda d: None):
    """Make `cls.exec` accept at once after `prepare` filled the dialog in."""

    def fake_exec(dialog):
        prepare(dialog)
        if isinstance(dialog, dialogs.DeriveWizard):
            dialog.accept()
            return QDialog.DialogCode.Accepted if dialog.created else QDialog.DialogCode.Rejected
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(cls, "exec", fake_exec)


def check_models(win):
    for model in (win.programs.model(), win.editor.tree.model(), win.tracking.model, win.tracking.proxy,
                  win.indicators.model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def message_boxes(qtbot, action) -> list[tuple[str, str]]:
    """Run `action`; close every message box it opens and return their titles and texts."""
    seen: list[tuple[str, str]] = []

    def close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.done(0)

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(close_box)
    timer.start()
    try:
        action()
    finally:
        timer.stop()
    return seen


def test_import_derive_track_close_carry_export_issue(window, monkeypatch, tmp_path, qtbot):
    win = window
    # 1. import the annual program through the import dialog
    seen = {}
    accept_with(monkeypatch, dialogs.ImportPreviewDialog, lambda d: seen.setdefault("title", d.windowTitle()))
    annual = win.import_path(str(SEEDS / "seed000.txt"))
    assert seen["title"] == "Xem trước khi nhập" and win.program["id"] == annual
    assert win.editor.tree.model().index(0, 0).data() == "I. MỤC TIÊU, NHIỆM VỤ TRỌNG TÂM VÀ CÁC CHỈ TIÊU"
    win.tabs.setCurrentWidget(win.indicators)  # tabs fill themselves when shown
    assert win.indicators.model.rowCount() == 18
    check_models(win)

    # 2. derive quarter II through the wizard
    accept_with(monkeypatch, dialogs.DeriveWizard, lambda w: w.quarter.setCurrentIndex(1))
    q2 = win.derive_dialog()
    assert win.program["id"] == q2 and win.program["quarter"] == 2
    assert win.indicators.model.rowCount() == 18  # the quarter tracks the annual indicators
    check_models(win)

    # 3. set task statuses in the tracking table
    win.tabs.setCurrentWidget(win.tracking)
    table = win.tracking
    assert table.model.rowCount() == len(services.program_tasks(win.db, q2))
    status_column = 3
    timer = answer_done("Đã thực hiện xong", "15-BC/TU")  # done asks for its result and evidence
    for row in range(2, table.model.rowCount()):
        table.proxy.setData(table.proxy.index(row, status_column), "done")
    timer.stop()
    lead = table.proxy.index(0, 4)
    assert table.proxy.setData(lead, "Ban Tổ chức Tỉnh ủy")
    assert table.proxy.setData(table.proxy.index(1, status_column), "in_progress")
    rows = {r["task_id"]: r for r in services.program_tasks(win.db, q2)}
    assert sum(1 for r in rows.values() if r["status"] == "done") == len(rows) - 2
    table.status.setCurrentIndex(table.status.findData("done"))
    assert table.proxy.rowCount() == len(rows) - 2
    table.status.setCurrentIndex(0)
    table.unit.setCurrentText("Ban Tổ chức")
    assert table.proxy.rowCount() == 1
    table.unit.setCurrentText("")

    # 4. close the quarter: every unfinished task (in progress or not started) is proposed for carrying
    def carry_both(d):
        assert len(d.chosen()) == 2 == d.table.rowCount()

    accept_with(monkeypatch, dialogs.CloseQuarterDialog, carry_both)
    win.close_quarter_dialog()
    assert win.program["closed"] and not win.close_quarter_action.isEnabled()

    # 5. derive quarter III and see the carried tasks
    accept_with(monkeypatch, dialogs.DeriveWizard, lambda w: (w.annual.setCurrentIndex(w.annual.findData(annual)),
                                                              w.quarter.setCurrentIndex(2)))
    q3 = win.derive_dialog()
    carried = [r for r in services.program_tasks(win.db, q3) if r["carried_from"]]
    assert len(carried) == 2 and all(r["carried_count"] == 1 for r in carried)
    assert {r["lead_unit"] for r in carried} == {"Ban Tổ chức Tỉnh ủy", ""}
    proxy = win.tracking.proxy
    row = next(r for r in range(proxy.rowCount())
               if win.tracking.model.rows[proxy.mapToSource(proxy.index(r, 0)).row()]["carried_from"])
    first = win.tracking.proxy.index(row, 0)
    win.tracking.table.setCurrentIndex(first)
    assert "Quý II/2024" in win.tracking.chain.toPlainText() and "Quý III/2024" in win.tracking.chain.toPlainText()

    # 6. export PDF and DOCX: the format check runs first; errors are shown and the user goes on anyway
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    pdf = win.export("pdf", str(tmp_path / "q3.pdf"))
    assert not win.checker.dock.isHidden() and win.checker.view.report is not None
    assert len(asked) == (1 if win.checker.view.report.errors else 0)
    docx_path = win.export("docx", str(tmp_path / "q3.docx"))
    assert (tmp_path / "q3.pdf").read_bytes()[:5] == b"%PDF-" and pdf
    assert (tmp_path / "q3.docx").stat().st_size > 5000
    assert docx_path

    # 7. issue the program (giving the reason the format errors ask for) and see editing refused
    accept_with(monkeypatch, dialogs.IssueDialog, lambda d: d.number.setText("126"))
    accept_with(monkeypatch, checking.ReasonDialog, lambda d: d.reason.setPlainText("Lãnh đạo đã duyệt"))
    # issued today, after quarter III/2024 ended: asked once, as the checker's error that needs the reason
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    win.issue_dialog()
    assert asked == []
    assert win.program["status"] == "issued" and win.program["number"] == "126"
    entry = next(e for e in services.audit_entries(win.db, win.program["id"]) if e["action"] == "issue")
    assert "date.period" in entry["summary"]["check_override"]["errors"]
    assert not win.editor.add_action.isEnabled() and win.editor.text.isReadOnly()
    assert "đã ban hành" in win.editor.banner.text()
    assert win.new_version_action.isEnabled() and not win.issue_action.isEnabled()
    win.editor.tree.setCurrentIndex(win.editor.tree.model().index(0, 0))
    boxes = message_boxes(qtbot, lambda: win.editor.move_current("down"))
    assert boxes and "đã ban hành" in boxes[0][1]
    # tracking stays open after issue
    win.tabs.setCurrentWidget(win.tracking)
    assert win.tracking.proxy.setData(win.tracking.proxy.index(0, 3), "in_progress")


def test_typing_is_saved_and_undo_redo_restore_it(window, qtbot):
    win = window
    program = services.import_file(win.db, SEEDS / "seed001.txt")
    win.refresh_programs(program)
    editor = win.editor
    first_item = editor.tree.model().index(0, 0, editor.tree.model().index(0, 0))
    editor.tree.setCurrentIndex(first_item)
    original = editor.text.toPlainText()
    editor.text.setPlainText("Nội dung mới của nhiệm vụ 1.")
    qtbot.waitUntil(lambda: editor.undo_stack.count() == 1, timeout=3000)
    node_id = editor.current["id"]

    def stored() -> str:
        return next(n for n in services.program_json(win.db, program)["nodes"][0]["children"] if n["id"] == node_id)["text"]

    assert stored() == "Nội dung mới của nhiệm vụ 1."
    assert "Đã lưu lúc" in win.saved_label.text()
    editor.undo_action.trigger()
    assert stored() == original and editor.text.toPlainText() == original
    editor.redo_action.trigger()
    assert stored() == "Nội dung mới của nhiệm vụ 1."


def test_structure_edits_undo_in_order(window, qtbot, monkeypatch):
    win = window
    program = services.import_file(win.db, SEEDS / "seed001.txt")
    win.refresh_programs(program)
    editor = win.editor

    def outline():
        return [(n["label"], n["heading"] or n["text"][:20]) for n in services.program_json(win.db, program)["nodes"][0]["children"]]

    before = outline()
    part1 = editor.tree.model().index(0, 0)
    editor.tree.setCurrentIndex(editor.tree.model().index(2, 0, part1))
    editor.move_current("up")
    assert outline()[1] == ("2.", before[2][1])
    editor.delete_current()
    assert len(outline()) == 5
    editor.undo_action.trigger()
    editor.undo_action.trigger()
    assert outline() == before
    editor.redo_action.trigger()
    editor.redo_action.trigger()
    assert len(outline()) == 5


def test_find_and_replace_all_in_one_undo_step(window, qtbot):
    win = window
    program = services.import_file(win.db, SEEDS / "seed001.txt")
    win.refresh_programs(program)
    editor = win.editor
    editor.show_replace()
    editor.find_edit.setText("Nhân dân")
    editor.find_next()
    assert "kết quả" in editor.find_status.text()
    editor.replace_edit.setText("nhân dân")
    editor.replace_all()
    text = str(services.program_json(win.db, program)["nodes"])
    assert "Nhân dân" not in text and "nhân dân" in text
    editor.undo_action.trigger()
    assert "Nhân dân" in str(services.program_json(win.db, program)["nodes"])


def test_dropping_a_file_on_the_window_imports_it(window, monkeypatch, qtbot):
    accept_with(monkeypatch, dialogs.ImportPreviewDialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEEDS / "seed002.txt"))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.program is not None and window.program["quarter"] == 4, timeout=3000)
    assert [p.quarter for p in services.list_programs(window.db)] == [4]


def test_broken_file_shows_a_message_and_leaves_the_database_as_it_was(window, qtbot, tmp_path):
    services.import_file(window.db, SEEDS / "seed001.txt")
    before = dump(window.db.path)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    boxes = message_boxes(qtbot, lambda: window.import_path(str(broken)))
    assert boxes[0][0] == "Không nhập được tệp" and "bị hỏng" in boxes[0][1]
    assert dump(window.db.path) == before


def test_preview_renders_off_the_gui_thread(window, qtbot):
    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)
    window.tabs.setCurrentWidget(window.preview)
    qtbot.waitUntil(lambda: window.preview.document.pageCount() > 0, timeout=20000)
    assert window.preview.document.pageCount() == 9  # as LibreOffice lays out the DOCX (tests/test_pagination.py)
    first = window.preview.current
    window.preview.rebuild()
    qtbot.waitUntil(lambda: window.preview.current != first, timeout=20000)
    assert window.preview.current.name != first.name  # a fresh file each time


def test_reports_show_counts_and_export_charts(window, tmp_path):
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(window.db, annual, 1)
    window.refresh_programs(q1)
    window.tabs.setCurrentWidget(window.reports)
    table = read_done(window.reports).status_box.itemAt(0).widget()
    assert table.item(0, 0).text() == "Tổng số nhiệm vụ" and int(table.item(0, 1).text()) > 0
    out = window.reports.status_chart.export(str(tmp_path / "chart.png"))
    assert (tmp_path / "chart.png").stat().st_size > 1000 and out


def test_indicator_results_are_recorded_with_percent_achieved(window, monkeypatch):
    from ui.indicators import RecordDialog

    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    window.refresh_programs(annual)
    tab = window.indicators
    window.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)

    def fill(dialog):
        dialog.value.setText("575")
        dialog.result_value = 575.0

    accept_with(monkeypatch, RecordDialog, fill)
    tab.record()
    row = tab.model.rows[0]
    assert (row["actual"], row["percent"]) == (575.0, 50.0)
    assert tab.model.index(0, 6).data() == "50%"


def test_window_state_is_remembered_within_a_day_and_a_new_day_opens_on_tong_quan(qtbot, tmp_path, monkeypatch):
    """Reopened the same day the window shows the tab it was left on; the first start of a day
    opens on Tổng quan (what is overdue today), the program still the one left open."""
    from datetime import date

    from ui import main_window

    db = Database(str(tmp_path / "s.sqlite3"))
    program = services.import_file(db, SEEDS / "seed001.txt")
    monkeypatch.setattr(main_window, "today", lambda: date(2024, 5, 6))
    first = MainWindow(db)
    qtbot.addWidget(first)
    first.show()
    assert first.tabs.currentWidget() is first.dashboard  # never opened today: Tổng quan
    first.tabs.setCurrentWidget(first.tracking)
    first.close()
    second = MainWindow(db)
    qtbot.addWidget(second)
    assert second.tabs.currentWidget() is second.tracking and second.program["id"] == program
    second.close()
    monkeypatch.setattr(main_window, "today", lambda: date(2024, 5, 7))
    third = MainWindow(db)
    qtbot.addWidget(third)
    assert third.tabs.currentWidget() is third.dashboard and third.program["id"] == program
    third.close()
    db.dispose()


def test_qt_dialogs_speak_vietnamese():
    from PySide6.QtCore import QCoreApplication

    from ui.app import install_vietnamese

    install_vietnamese(QApplication.instance())
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QMessageBox", "Show Details...") == "Xem chi tiết…"
    assert QCoreApplication.translate("QWizard", "&Next >") == "&Tiếp >"


def test_issue_date_and_number_reach_the_header(window, monkeypatch):
    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)

    def fill(d):
        d.number.setText("130")
        from PySide6.QtCore import QDate

        d.date.setDate(QDate(2024, 4, 5))

    accept_with(monkeypatch, dialogs.IssueDialog, fill)
    accept_with(monkeypatch, checking.ReasonDialog, lambda d: d.reason.setPlainText("Lãnh đạo đã duyệt"))
    window.issue_dialog()
    data = services.program_json(window.db, program)
    assert (data["number"], data["date"]) == ("130", date(2024, 4, 5).isoformat())
    assert "Số 130-CTr/TU" in window.header.text()


def test_excel_round_trip_through_the_window(window, monkeypatch, tmp_path):
    import openpyxl

    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(window.db, annual, 1)
    window.refresh_programs(q1)
    window.tabs.setCurrentWidget(window.tracking)
    out = window.export_workbook(str(tmp_path / "q1.xlsx"))
    wb = openpyxl.load_workbook(out)
    wb["Nhiệm vụ"]["G2"] = "hoàn thành"
    wb.save(tmp_path / "back.xlsx")
    accept_with(monkeypatch, dialogs.WorkbookReviewDialog)
    assert window.import_workbook(str(tmp_path / "back.xlsx"))
    assert services.program_tasks(window.db, q1)[0]["status"] == "done"
    assert window.tracking.model.rows[0]["status"] == "done"


def test_package_round_trip_through_the_window(window, monkeypatch, tmp_path):
    annual = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(annual)
    path = window.export_package(str(tmp_path / "q2.hgdesk"))
    accept_with(monkeypatch, dialogs.PackageTargetDialog)
    new = window.import_package(path)
    assert new != annual and window.program["id"] == new and window.program["quarter"] == 2


@pytest.mark.parametrize("choice", ["mine", "theirs", "later"])
def test_a_concurrent_edit_shows_both_versions_and_keeps_the_users_text(window, qtbot, monkeypatch, choice):
    from ui.save_dialogs import ConflictDialog

    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)
    editor = window.editor
    part1 = editor.tree.model().index(0, 0)
    editor.tree.setCurrentIndex(editor.tree.model().index(0, 0, part1))
    node_id = editor.current["id"]
    other = Database(window.db.url)  # another secretary's machine, on the same database, saved first
    services.edit_node(other, node_id, text="Sửa từ máy khác")
    other.dispose()
    shown = []
    answer = {"mine": ConflictDialog.KEEP_MINE, "theirs": ConflictDialog.TAKE_THEIRS, "later": ConflictDialog.LATER}
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, parent, mine, theirs: (
        shown.append((mine, theirs)), answer[choice])[1]))
    editor.text.setPlainText("Sửa ở máy này")
    editor.commit_pending()
    assert shown == [("Sửa ở máy này", "Sửa từ máy khác")]
    stored = services.program_json(window.db, program)["nodes"][0]["children"][0]["text"]
    if choice == "mine":
        assert stored == "Sửa ở máy này" and editor.text.toPlainText() == "Sửa ở máy này"
    elif choice == "theirs":
        assert stored == "Sửa từ máy khác" and editor.text.toPlainText() == "Sửa từ máy khác"
    else:  # decided later: the text stays on screen and pending, nothing overwritten
        assert stored == "Sửa từ máy khác" and editor.text.toPlainText() == "Sửa ở máy này"
        assert editor.autosave.pending(f"node:{node_id}:text") == "Sửa ở máy này"


def test_a_task_changed_elsewhere_is_not_overwritten_from_the_table(window, qtbot):
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(window.db, annual, 1)
    window.refresh_programs(q1)
    window.tabs.setCurrentWidget(window.tracking)
    row = window.tracking.model.rows[0]
    other = Database(window.db.url)  # another machine
    services.update_task(other, row["task_id"], lead_unit="Ban Tổ chức (máy khác)")
    other.dispose()
    boxes = message_boxes(qtbot, lambda: window.tracking.proxy.setData(window.tracking.proxy.index(0, 4), "Ban Dân vận"))
    assert boxes and "vừa được người khác sửa" in boxes[0][1]
    assert services.program_tasks(window.db, q1)[0]["lead_unit"] == "Ban Tổ chức (máy khác)"
    assert window.tracking.model.rows[0]["lead_unit"] == "Ban Tổ chức (máy khác)"


def test_split_and_merge_from_the_editor_undo_exactly(window):
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(window.db, annual, 2)
    section_12 = next(s for s in services.quarter_candidates(window.db, q2) if s["label"] == "1.2.")
    services.pick_candidates(window.db, q2, [c["annual_node_id"] for c in section_12["candidates"]])  # all 3
    window.refresh_programs(q2)
    editor = window.editor
    model = editor.tree.model()
    section = model.index(1, 0, model.index(0, 0, model.index(1, 0)))  # 1.2.
    editor.tree.setCurrentIndex(model.index(0, 0, section))
    original = editor.text.toPlainText()
    cursor = editor.text.textCursor()
    cursor.setPosition(original.index(". ") + 1)
    editor.text.setTextCursor(cursor)
    editor.split_current()

    def texts():
        data = services.program_json(window.db, q2)
        return [c["text"] for c in data["nodes"][1]["children"][0]["children"][1]["children"]]

    assert texts()[0] == original[: original.index(". ") + 1] and len(texts()) == 4
    editor.undo_action.trigger()
    assert texts()[0] == original and len(texts()) == 3
    editor.tree.setCurrentIndex(editor.tree.model().index(0, 0, editor._index_of(section.data(256)["id"])))
    editor.merge_current()
    assert len(texts()) == 2
    editor.undo_action.trigger()
    assert texts()[0] == original and len(texts()) == 3


def test_indicator_history_is_charted(window):
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    indicator = services.program_indicators(window.db, annual)[0]["indicator_id"]
    services.record_indicator(window.db, indicator, "2024-Q1", 300.0)
    services.record_indicator(window.db, indicator, "2024-Q2", 640.0)
    window.refresh_programs(annual)
    window.tabs.setCurrentWidget(window.indicators)
    chart = window.indicators.chart.chart()
    assert [s.name() for s in chart.series()] == ["Thực hiện", "Mục tiêu (1.150)"]
    assert [p.y() for p in chart.series()[0].points()] == [300.0, 640.0]
    assert window.indicators.model.rows[0]["percent"] == 55.7


def test_tasks_from_an_own_workbook_through_the_mapping_dialog(window, monkeypatch, tmp_path):
    import openpyxl

    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(window.db, annual, 1)
    window.refresh_programs(q1)
    wb = openpyxl.Workbook()
    wb.active.append(["Công việc", "Chủ trì"])
    wb.active.append(["Rà soát quy hoạch cán bộ", "Ban Tổ chức"])
    wb.save(tmp_path / "rieng.xlsx")
    seen = {}

    def check(dialog):
        seen["preview"] = dialog.table.item(0, 0).text()
        dialog.section.setCurrentIndex(1)

    accept_with(monkeypatch, dialogs.OwnWorkbookDialog, check)
    before = len(services.program_tasks(window.db, q1))
    assert window.import_own_workbook(str(tmp_path / "rieng.xlsx")) == 1
    assert seen["preview"] == "Rà soát quy hoạch cán bộ"
    assert len(services.program_tasks(window.db, q1)) == before + 1


def test_a_commune_program_from_the_provinces_annual_program(window, monkeypatch):
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    window.refresh_programs(annual)

    def fill(dialog):
        dialog.organization.setCurrentIndex(dialog.organization.count() - 1)  # a new organisation
        dialog.name.setText("Đảng ủy xã Hòa An")
        dialog.place.setText("Hòa An")

    accept_with(monkeypatch, dialogs.LowerProgramDialog, fill)
    created = window.derive_lower_dialog()
    data = services.program_json(window.db, created)
    assert data["organization"] == "Đảng ủy xã Hòa An" and data["symbol"] == "CTr/ĐU"
    assert data["title"][0] == "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ" and data["place"] == "Hòa An"
    assert data["superior_body"] == "ĐẢNG BỘ TỈNH HẬU GIANG"
    assert window.program["id"] == created


def test_bold_and_italic_in_the_editor_are_saved_as_formatting(window, qtbot):
    from PySide6.QtGui import QTextCursor

    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)
    editor = window.editor
    editor.tree.setCurrentIndex(editor.tree.model().index(0, 0, editor.tree.model().index(0, 0)))
    cursor = editor.text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    editor.bold_action.trigger()
    editor.commit_pending()
    stored = services.program_json(window.db, program)["nodes"][0]["children"][0]["text"]
    assert stored.startswith("**Triển**") and "Triển khai" not in stored
    assert editor.tree.currentIndex().data().startswith("1. Triển khai")  # the tree shows plain text
    editor.undo_action.trigger()
    assert services.program_json(window.db, program)["nodes"][0]["children"][0]["text"].startswith("Triển khai")


def test_a_long_read_shows_progress_and_can_be_cancelled(window, qtbot):
    import time

    from PySide6.QtWidgets import QProgressDialog

    from ui import runner

    def slow():
        time.sleep(1.5)
        return "xong"

    def cancel():
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()),
                      None)
        if dialog is None:
            QTimer.singleShot(50, cancel)
        else:
            assert dialog.labelText() == "Đang đọc…"
            from PySide6.QtWidgets import QPushButton

            button = dialog.findChild(QPushButton)
            assert button.text() == "Hủy"
            button.click()

    QTimer.singleShot(350, cancel)
    assert runner.long_call(window, "Nhập", "Đang đọc…", slow) is runner.CANCELLED
    assert runner.long_call(window, "Nhập", "Đang đọc…", lambda: "nhanh") == "nhanh"


def test_searching_every_program_as_you_type_opens_the_place_found(window, qtbot, monkeypatch):
    from ui import search

    services.import_file(window.db, SEEDS / "seed000.txt")
    quarter = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs()

    def find(dialog):
        qtbot.keyClicks(dialog.query, "dan van")  # a first query, overtaken by the next keystrokes
        dialog.query.clear()
        qtbot.keyClicks(dialog.query, "49 nam ngay mien na")  # word prefixes, no diacritics
        qtbot.waitUntil(lambda: dialog.count.text().endswith("kết quả"), timeout=5000)
        first = dialog.results.item(0)
        assert dialog.results.count() >= 1 and "quý II/2024" in first.data(Qt.ItemDataRole.AccessibleTextRole)
        shown = dialog.results.itemWidget(first).text()
        assert "<b>49</b>" in shown and "<b>miền</b>" in shown and "<b>Nam</b>" in shown
        dialog.kind.setCurrentIndex(dialog.kind.findData("annual"))
        qtbot.waitUntil(lambda: dialog.count.text() == "0 kết quả", timeout=5000)
        dialog.kind.setCurrentIndex(0)
        qtbot.waitUntil(lambda: dialog.results.count() >= 1, timeout=5000)
        dialog._open(dialog.results.item(0))

    accept_with(monkeypatch, search.SearchDialog, find)
    window.search_dialog()
    assert window.program["id"] == quarter
    assert "49 năm ngày miền Nam" in window.editor.current["text"]


def test_recent_programs_and_files_are_remembered(window, monkeypatch):
    accept_with(monkeypatch, dialogs.ImportPreviewDialog)
    q2 = window.import_path(str(SEEDS / "seed001.txt"))
    annual = window.import_path(str(SEEDS / "seed000.txt"))
    window.refresh_programs(annual)
    model = window.programs.model()
    recent = model.index(0, 0)
    assert recent.data() == "Gần đây"
    assert [model.index(r, 0, recent).data(256)["program_id"] for r in range(model.rowCount(recent))][:2] == [annual, q2]
    assert [a.text() for a in window.recent_menu.actions()] == ["seed000.txt", "seed001.txt"]
    # choosing a recent file imports it again: the duplicate question, answered "open the one stored"
    from ui.managing import DuplicateImportDialog

    monkeypatch.setattr(DuplicateImportDialog, "exec", lambda d: setattr(d, "choice", d.OPEN) or 1)
    window.recent_menu.actions()[1].trigger()
    assert window.program["id"] == q2


# --- print format settings: profile by date or chosen, tone marks, two-sided ------------------
def settle_preview(window, qtbot, before):
    window.tabs.setCurrentWidget(window.preview)
    qtbot.waitUntil(lambda: window.preview.current is not None and window.preview.current != before
                    and not window.preview.reader.busy, timeout=30000)
    return window.preview.status.text()


def choose(window, qtbot, monkeypatch, profile: str, tone: str, duplex: bool) -> None:
    def fill(dialog: SettingsDialog):
        dialog.profile.setCurrentIndex(dialog.profile.findData(profile))
        dialog.tone.setCurrentIndex(dialog.tone.findData(tone))
        dialog.duplex.setChecked(duplex)
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.settings_action.trigger()


def test_format_choice_tone_and_duplex_follow_the_settings(window, qtbot, monkeypatch, tmp_path):
    program = services.import_file(window.db, SEEDS / "seed001.txt")  # a 2024 draft
    window.refresh_programs(program)
    status = settle_preview(window, qtbot, None)
    assert "Hướng dẫn 36" in status and "năm ghi trên dự thảo" in status  # chosen by its date

    first = window.preview.current
    choose(window, qtbot, monkeypatch, "party_hd05_2026", "ủy", True)
    status = settle_preview(window, qtbot, first)
    assert "Người dùng chọn" in status and "05-HD/VPTW" in status
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(window.preview.current).pages)
    assert "TỈNH ỦY" in text and "Lưu VPTU." in text and ";" in text  # HD 05 entries, "ủy" house style

    # the format check runs before the export; the draft's errors are accepted
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    out = window.export("docx", str(tmp_path / "q2.docx"))
    word = docx.Document(out)
    assert word.settings.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}mirrorMargins") is not None

    # Back to "by date", the HD 05 house style: the preview follows again after the dialog closes.
    second = window.preview.current
    choose(window, qtbot, monkeypatch, "party", "", False)
    status = settle_preview(window, qtbot, second)
    assert "Hướng dẫn 36" in status
    reopened = SettingsDialog(window.db, None, window)
    qtbot.addWidget(reopened)
    assert (reopened.profile.currentData(), reopened.tone.currentData(), reopened.duplex.isChecked()) == (
        "party", "", False)


def test_indicator_axes_read_whole_counts_on_whole_numbers_and_decimals_with_a_comma(window):
    from ui.indicators import value_axis

    counts = value_axis([1.0, 2.0])  # e.g. "thành lập mới 02 chi bộ": 0, 1, 2, 3 — never "0, 0, 1, 1, 2"
    assert (counts.min(), counts.max(), counts.tickCount(), counts.labelFormat()) == (0, 3, 4, "%.0f")
    rates = value_axis([8.5, 9.25])
    step = (rates.max() - rates.min()) / (rates.tickCount() - 1)
    assert rates.max() >= 9.25 and (rates.labelFormat() == "%.0f") == float(step).is_integer()

    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    indicator = services.program_indicators(window.db, annual)[0]["indicator_id"]
    services.record_indicator(window.db, indicator, "2024-Q1", 300.0)  # one result so far
    window.refresh_programs(annual)
    window.tabs.setCurrentWidget(window.indicators)
    chart = window.indicators.chart.chart()
    assert chart.series()[0].pointsVisible() and [p.y() for p in chart.series()[0].points()] == [300.0]
    assert chart.localizeNumbers() and chart.locale().decimalPoint() == ","
