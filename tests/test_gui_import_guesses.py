"""The import preview shows what the importer guessed (organisation, level, kind, period) with
its confidence; the secretary corrects it before saving and nothing guessed changes an
existing organisation."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel

from hgdesk import services
from tests.corpus_score import CORPUS
from ui.app import open_database
from ui.dialogs import ImportPreviewDialog
from ui.main_window import MainWindow


def labels(dialog) -> list[str]:
    return [w.text() for w in dialog.findChildren(QLabel)]


def test_secretary_sees_guesses_with_confidence_corrects_them_and_saves(qtbot, tmp_path, seed, monkeypatch):
    db = open_database(str(tmp_path / "demo.sqlite3"))
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        organizations_before = services.list_organizations(db)
        seen: dict[str, list[str]] = {}

        def correct_and_accept(dialog: ImportPreviewDialog):
            seen["guessed"] = labels(dialog)
            # the organisation of seed 002 is read from its running text: a weak guess, shown as such
            assert dialog.organization.text() == "Tỉnh ủy Hậu Giang"
            dialog.organization.clear()
            dialog.organization.insert("Tỉnh ủy Hậu Giang")  # typed with the Vietnamese keyboard (IME)
            qtbot.wait(20)
            dialog.level.setCurrentIndex(dialog.level.findData("province"))
            assert dialog.period.currentData() == "quarterly" and dialog.quarter.currentData() == 4
            dialog.year.selectAll()
            qtbot.keyClicks(dialog.year, "2024")
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ImportPreviewDialog, "exec", correct_and_accept)
        program_id = window.import_path(str(seed(2)))
        assert any("độ tin cậy 40%" in x and "hãy kiểm tra" in x for x in seen["guessed"])
        saved = next(p for p in services.list_programs(db) if p.id == program_id)
        assert (saved.organization, saved.kind, saved.year, saved.quarter) == ("Tỉnh ủy Hậu Giang", "quarterly", 2024, 4)
        after = services.list_organizations(db)
        # the existing records are untouched (a user's import is never filed under the sample data's office,
        # so it may get an office record of its own)
        assert [o for o in after if o["id"] in {b["id"] for b in organizations_before}] == organizations_before

        # a commune notice: organisation and level read from its header, kind named; the user cancels
        def look_and_cancel(dialog: ImportPreviewDialog):
            seen["notice"] = labels(dialog)
            assert dialog.organization.text() == "Đảng ủy xã Hữu Liên"
            assert dialog.level.currentData() == "commune"
            return QDialog.DialogCode.Rejected

        monkeypatch.setattr(ImportPreviewDialog, "exec", look_and_cancel)
        count = len(services.list_programs(db))
        assert window.import_path(str(CORPUS / "c14_tb_btv_xa_huulien.txt")) is None
        assert "Thông báo" in seen["notice"]
        assert any(x.startswith("(đọc từ dòng cơ quan ban hành") for x in seen["notice"])
        assert len(services.list_programs(db)) == count
    finally:
        db.dispose()


def test_a_year_the_user_mistypes_is_refused_with_a_message_and_nothing_is_saved(qtbot, tmp_path, seed, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    db = open_database(str(tmp_path / "demo.sqlite3"))
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)

        def mistype(dialog: ImportPreviewDialog):
            dialog.year.setText("1800")
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ImportPreviewDialog, "exec", mistype)
        messages: list[str] = []

        def close_box():
            for w in QApplication.topLevelWidgets():
                if isinstance(w, QMessageBox) and w.isVisible():
                    messages.append(w.text())
                    w.button(QMessageBox.StandardButton.Ok).click() if w.button(QMessageBox.StandardButton.Ok) else w.close()

        timer = QTimer()
        timer.timeout.connect(close_box)
        timer.start(50)
        count = len(services.list_programs(db))
        assert window.import_path(str(seed(1))) is None
        timer.stop()
        assert any("Năm 1800 không hợp lệ" in m for m in messages)
        assert len(services.list_programs(db)) == count
    finally:
        db.dispose()


def test_preview_labels_are_vietnamese(qtbot, seed):
    from hgdesk.importing import parse_file

    dialog = ImportPreviewDialog(parse_file(seed(0)))
    qtbot.addWidget(dialog)
    texts = labels(dialog)
    assert "Cơ quan ban hành:" in texts and "Loại văn bản:" in texts and "Chương trình" in texts
    assert dialog.organization.text() == "Tỉnh ủy Hậu Giang"


def test_a_guess_the_secretary_corrects_no_longer_says_check_it(qtbot, seed):
    from hgdesk.importing import parse_file

    dialog = ImportPreviewDialog(parse_file(seed(2)))  # its office is a weak guess from the running text
    qtbot.addWidget(dialog)
    assert any("độ tin cậy 40%" in text for text in labels(dialog))
    from tests.keyboard import type_text

    dialog.organization.selectAll()
    type_text(dialog.organization, "Tỉnh ủy Hậu Giang")
    assert not any("độ tin cậy 40%" in text for text in labels(dialog)) and "(đã sửa)" in labels(dialog)
