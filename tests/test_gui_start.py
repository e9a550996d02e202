"""The application opens on its database and imports a file the way a secretary would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hgdesk import services
from ui.app import open_database
from ui.dialogs import ImportPreviewDialog
from ui.main_window import MainWindow


@pytest.fixture
def demo_db(tmp_path):
    db = open_database(str(tmp_path / "demo.sqlite3"))
    yield db
    db.dispose()


def test_first_run_fills_the_new_database_with_demo_programs(demo_db):
    titles = [(p.organization, p.title) for p in services.list_programs(demo_db)]
    assert titles == [
        ("Tỉnh ủy Hậu Giang", "Chương trình công tác quý II/2024"),
        ("Tỉnh ủy Hậu Giang", "Chương trình công tác năm 2024"),
        ("Huyện ủy Phụng Hiệp", "Chương trình công tác năm 2024"),
    ]


def test_reopening_does_not_add_the_demo_again(tmp_path):
    open_database(str(tmp_path / "x.sqlite3")).dispose()
    again = open_database(str(tmp_path / "x.sqlite3"))
    assert len(services.list_programs(again)) == 3


def test_main_window_shows_organisations_programs_and_the_tree(qtbot, demo_db, tmp_path):
    from PySide6.QtTest import QAbstractItemModelTester

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    programs = window.programs.model()
    QAbstractItemModelTester(programs, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert [programs.index(r, 0).data() for r in range(programs.rowCount())] == [
        "Tỉnh ủy Hậu Giang – Dữ liệu mẫu", "Huyện ủy Phụng Hiệp – Dữ liệu mẫu"  # the sample data says so
    ]
    nodes = window.editor.tree.model()
    QAbstractItemModelTester(nodes, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert nodes.index(0, 0).data() == "I. Các nhiệm vụ trọng tâm"
    assert "CHƯƠNG TRÌNH" in window.header.text()
    shots = window.save_screenshots(tmp_path)
    assert len(shots) == 6 and all(p.stat().st_size > 10_000 for p in shots)


def test_importing_through_the_preview_dialog_saves_the_program(qtbot, demo_db, seed, monkeypatch):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    seen = {}

    def accept(dialog):
        seen["title"] = dialog.windowTitle()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    program_id = window.import_path(str(seed(2)))
    assert seen["title"] == "Xem trước khi nhập"
    assert program_id is not None
    assert window.program["id"] == program_id
    assert any(p.id == program_id for p in services.list_programs(demo_db))


def test_cancelling_the_preview_saves_nothing(qtbot, demo_db, seed, monkeypatch):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert window.import_path(str(seed(2))) is None
    assert len(services.list_programs(demo_db)) == 3


def test_a_broken_file_shows_a_vietnamese_message_and_changes_nothing(qtbot, demo_db, tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    messages = []

    def close_box():  # the message comes after the file was read in the background: wait for it
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            messages.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
            box.accept()
        else:
            QTimer.singleShot(50, close_box)

    QTimer.singleShot(50, close_box)
    assert window.import_path(str(broken)) is None
    assert messages and messages[0][0] == "Không nhập được tệp"
    assert "bị hỏng" in messages[0][1] and messages[0][2] == ["Đóng"]
    assert len(services.list_programs(demo_db)) == 3


def test_smoke_start_exits_cleanly(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(root / "main.py"), "--smoke", "--database", str(tmp_path / "s.sqlite3")],
        capture_output=True, text=True, timeout=60, check=False,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
