"""Công cụ in the window: backups and restore, the audit trail, settings; recovering at start-up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hgdesk import services
from hgdesk.db import Database
from tests.conftest import SEEDS
from tests.keyboard import type_text
from ui.tools import AuditDialog, BackupsDialog, SettingsDialog


@pytest.fixture
def window(window_on):
    return window_on(lambda db: services.import_file(db, SEEDS / "seed001.txt"), "tools.sqlite3")


def test_backup_now_and_restore_from_the_dialog(window, qtbot):
    program = window.program["id"]
    node = window.program["nodes"][0]["children"][0]
    dialog = BackupsDialog(window.db, window)
    qtbot.addWidget(dialog)
    dialog.backup_now()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "người dùng tạo"
    services.edit_node(window.db, node["id"], text="sửa sau khi sao lưu")
    dialog.restored.connect(window.reopen_database)
    assert dialog.restore_selected(dialog.rows[0]["path"], confirm=False)
    restored = services.program_json(window.db, program)["nodes"][0]["children"][0]["text"]
    assert restored == node["text"] and window.program["id"] == program


def test_audit_dialog_filters_and_exports(window, qtbot, tmp_path):
    node = window.program["nodes"][0]["children"][0]["id"]
    services.edit_node(window.db, node, text="Nội dung đã sửa")
    dialog = AuditDialog(window.db, window.program["id"], window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    dialog.filter.setText("sua muc")
    assert dialog.table.rowCount() == 1 and "Nội dung đã sửa" in dialog.table.item(0, 3).text()
    out = dialog.export(str(tmp_path / "nk.csv"))
    assert "Thao tác" in Path(out).read_text(encoding="utf-8-sig")


def test_settings_change_the_organisation_templates_and_secretary(window, qtbot):
    org = window.program["organization_id"]
    dialog = SettingsDialog(window.db, org, window)
    qtbot.addWidget(dialog)
    dialog.secretary.setText("Lê Thị Văn")
    dialog.org_fields["signer_name"].setText("Nguyễn Văn An")
    dialog.template_choice.setCurrentIndex(dialog.template_choice.findText("Chương trình quý: Câu kết thúc"))
    dialog.template_body.setPlainText("Trên đây là chương trình quý {Q}/{year}.")
    assert dialog.save_template()
    dialog.save()
    assert services.organization(window.db, org)["signer_name"] == "Nguyễn Văn An"
    assert any(t["kind"] == "closing" and t["body"] == "Trên đây là chương trình quý {Q}/{year}."
               for t in services.templates_for(window.db, org))
    assert services.current_user().endswith("(Lê Thị Văn)")
    services.set_secretary("")


def _answer_with(button_text: str) -> QTimer:
    """Clicks the named button of the next question box (a person answering it)."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            next(b for b in box.buttons() if b.text() == button_text).click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    return timer


def test_settings_typed_then_cancelled_asks_and_never_drops_the_typing_silently(window, qtbot):
    org = window.program["organization_id"]
    before = services.organization(window.db, org)["signer_name"]
    dialog = SettingsDialog(window.db, org, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.org_fields["signer_name"], " Trần Văn Bình")
    _timer = _answer_with("Quay lại")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc: asked, "Quay lại" keeps the dialog and the typing
    assert dialog.isVisible() and dialog.org_fields["signer_name"].text().endswith("Trần Văn Bình")
    assert services.organization(window.db, org)["signer_name"] == before
    _timer = _answer_with("Lưu")
    dialog.close()  # the window's X: "Lưu" stores what was typed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.organization(window.db, org)["signer_name"].endswith("Trần Văn Bình")

    again = SettingsDialog(window.db, org, window)
    qtbot.addWidget(again)
    again.show()
    again.org_fields["place"].setText("Vị Thanh")
    _timer = _answer_with("Không lưu")
    again.reject()
    assert not again.isVisible() and services.organization(window.db, org)["place"] != "Vị Thanh"
    untouched = SettingsDialog(window.db, org, window)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.reject()  # nothing typed: closes without a question
    assert not untouched.isVisible()


def test_a_damaged_database_at_start_up_is_restored_from_the_latest_backup(qtbot, tmp_path):
    from ui.app import open_or_recover

    path = tmp_path / "hong.sqlite3"
    db = Database(str(path))
    program = services.import_file(db, SEEDS / "seed001.txt")
    services.backup_now(db)
    db.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    seen = []

    def click_restore():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            button = next(b for b in box.buttons() if b.text() == "Khôi phục")
            button.click()
        else:
            QTimer.singleShot(30, click_restore)

    QTimer.singleShot(30, click_restore)
    recovered = open_or_recover(str(path))
    assert recovered is not None and "Có bản sao lưu còn tốt" in seen[0]
    assert services.program_json(recovered, program)["quarter"] == 2
    recovered.dispose()


def test_the_tools_menu_opens_its_dialogs(window, monkeypatch):
    opened = []
    for cls in (BackupsDialog, AuditDialog, SettingsDialog):
        monkeypatch.setattr(cls, "exec", lambda self, c=cls: opened.append(c.__name__) or QDialog.DialogCode.Rejected)
    window.backups_action.trigger()
    window.audit_action.trigger()
    window.settings_action.trigger()
    assert opened == ["BackupsDialog", "AuditDialog", "SettingsDialog"]


def test_the_reports_tab_on_a_results_report_shows_the_annual_coverage_without_an_error(window_on, qtbot, monkeypatch):
    from hgdesk.services import demo
    from ui import runner

    errors = []
    monkeypatch.setattr(runner, "show_error", lambda parent, title, message, details="": errors.append(message))
    win = window_on(lambda db: None, "bao-cao.sqlite3")
    annual, quarter, _district = demo.load_demo(win.db)
    report = services.draft_results_report(win.db, quarter)
    assert services.annual_program_of(win.db, report) == annual == services.annual_program_of(win.db, quarter)
    win.refresh_programs(report)
    win.tabs.setCurrentWidget(win.reports)
    qtbot.wait(50)
    assert errors == []  # before: "Báo cáo độ phủ cần một chương trình công tác năm." popped up
