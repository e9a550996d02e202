"""The secretary chooses how documents print (format profile, tone marks, two-sided) in Cài đặt,
sees in the preview which format applies and why, and the exported files follow the choice."""

from __future__ import annotations

import docx
import pypdf
import pytest
from PySide6.QtWidgets import QDialog

from hgdesk import services
from hgdesk.db import Database
from tests.conftest import SEEDS
from ui.main_window import MainWindow
from ui.tools import SettingsDialog


@pytest.fixture
def window(qtbot, tmp_path):
    db = Database(str(tmp_path / "print.sqlite3"))
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    db.dispose()


def settle_preview(window, qtbot, before):
    window.tabs.setCurrentWidget(window.preview)
    qtbot.waitUntil(lambda: window.preview.current is not None and window.preview.current != before
                    and window.preview._job is None, timeout=30000)
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
