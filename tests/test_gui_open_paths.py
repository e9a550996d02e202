"""Start-up as the secretary meets it: a locked database is named and opened on "Thử lại"; a database
on a network share is copied into a new dated local file, earlier local work kept, a stale WAL
never replayed, and the copy goes through the health check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from hgdesk import services
from hgdesk.db import Database, default_database_path
from tests.conftest import SEEDS
from tests.modals import answer_modals
from ui import app


def answer(seen: list, button_text: str, before_click=lambda: None) -> QTimer:
    def step(box):
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            chosen = next((b for b in box.buttons() if b.text() == button_text), None)
            if chosen is not None:
                before_click()
                chosen.click()
            else:
                box.done(0)

    return answer_modals(step)


def test_a_locked_database_is_named_and_opens_when_the_secretary_tries_again(qtbot, tmp_path):
    path = tmp_path / "hgdesk.sqlite3"
    Database(str(path)).dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    def let_go():
        if holder.in_transaction:
            holder.execute("ROLLBACK")

    seen: list = []
    timer = answer(seen, "Thử lại", let_go)
    db = app.open_or_recover(str(path))
    timer.stop()
    holder.close()
    assert db is not None and db.healthy()
    assert "đang bị một chương trình khác khóa" in seen[0] and "PID" in seen[0]
    db.dispose()


def test_each_network_copy_is_a_new_dated_file_and_earlier_local_work_is_kept(qtbot, tmp_path, monkeypatch):
    share = tmp_path / "share" / "hgdesk.sqlite3"
    share.parent.mkdir()
    source = Database(str(share))
    program = services.import_file(source, SEEDS / "seed001.txt")
    source.dispose()
    import hgdesk.db

    def on_the_share(path):
        return "thư mục mạng (UNC)" if Path(path).parent == share.parent else None

    monkeypatch.setattr(hgdesk.db, "network_location", on_the_share)
    monkeypatch.setattr(services, "network_location", on_the_share)
    seen: list = []
    timer = answer(seen, "Chép về máy này và mở bản sao")
    first = app.open_or_recover(str(share))
    services.update_program(first, program, title_lines=["Làm trên máy này"])
    first_path = first.path
    first.dispose()
    second = app.open_or_recover(str(share))
    timer.stop()
    assert second is not None and second.healthy() and second.path != first_path
    assert second.path.parent == default_database_path().parent
    assert services.program_json(second, program)["title"] != ["Làm trên máy này"]
    second.dispose()
    kept = Database(str(first_path))
    assert services.program_json(kept, program)["title"] == ["Làm trên máy này"]
    kept.dispose()
    assert sum("nằm trên thư mục mạng" in text for text in seen) == 2


def test_a_read_only_database_says_so_in_the_title_exports_and_refuses_an_import_in_vietnamese(qtbot, tmp_path,
                                                                                             monkeypatch):
    from tests.dbstate import file_digest
    from tests.test_database_files import read_only_folder
    from ui import dialogs
    from ui.main_window import MainWindow

    folder = tmp_path / "chia-se"
    folder.mkdir()
    db = Database(str(folder / "hgdesk.sqlite3"))
    program = services.import_file(db, SEEDS / "seed001.txt")
    services.own_fingerprint(db)  # the signing key exists (made at the first export)
    db.dispose()
    with read_only_folder(folder) as view:
        path = view / "hgdesk.sqlite3"
        before = file_digest(path)
        db = Database(str(path))
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        window.refresh_programs(program)
        assert "chỉ đọc" in window.windowTitle()
        package = window.export_package(str(tmp_path / "q2.hgdesk"))
        assert package is not None and Path(package).stat().st_size > 0
        monkeypatch.setattr(dialogs.PackageTargetDialog, "exec", lambda self: 1)
        seen: list = []
        timer = answer(seen, "—")
        assert window.import_package(package) is None
        timer.stop()
        assert len(seen) == 1 and "chỉ đọc" in seen[0]
        window.close()
        db.dispose()
        assert file_digest(path) == before
