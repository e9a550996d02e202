"""Never lose a keystroke: what a person types into the editor reaches the database, typed the way
people type (a paragraph, a pause, more words; a heading then Tab; minutes of continuous typing)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from hgdesk import services
from hgdesk.db import Database
from tests import keyboard
from tests.conftest import SEEDS
from tests.test_gui_workflow import window  # noqa: F401 - the shared window fixture
from ui.main_window import MainWindow


@pytest.fixture
def seeded(window):  # noqa: F811 - the fixture imported above
    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)
    return window, program


class Boxes:
    """Closes every message box that opens and remembers what it said (none must open here)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._close)
        self.timer.start()

    def _close(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.seen.append(box.text())
            box.done(0)


def stored_node(db, program_id: int, node_id: int) -> dict:
    def walk(nodes):
        for n in nodes:
            if n["id"] == node_id:
                return n
            found = walk(n["children"])
            if found:
                return found
        return None

    return walk(services.program_json(db, program_id)["nodes"])


def select(editor, *rows: int) -> None:
    model = editor.tree.model()
    index = model.index(rows[0], 0)
    for row in rows[1:]:
        index = model.index(row, 0, index)
    editor.tree.setCurrentIndex(index)


def type_text(widget, text: str) -> None:
    widget.setFocus()
    keyboard.type_text(widget, text)


def first_paragraph(seeded):
    """The window, the program, the editor, a message-box watcher, and the first paragraph selected
    with the cursor at its end."""
    win, program = seeded
    boxes = Boxes()
    select(win.editor, 0, 0)
    win.editor.text.moveCursor(win.editor.text.textCursor().MoveOperation.End)
    return win, program, win.editor, boxes, win.editor.current["id"]


def test_typing_again_after_an_autosave_is_saved_not_refused_as_a_conflict(seeded, qtbot):
    win, program, editor, boxes, node = first_paragraph(seeded)
    type_text(editor.text, " Thêm câu thứ nhất.")
    qtbot.wait(1500)  # a pause: autosave
    type_text(editor.text, " Và câu thứ hai.")
    qtbot.wait(1500)
    stored = stored_node(win.db, program, node)["text"]
    assert stored.endswith("Thêm câu thứ nhất. Và câu thứ hai.")
    assert editor.text.toPlainText().endswith("Thêm câu thứ nhất. Và câu thứ hai.")
    assert boxes.seen == []


def test_coming_back_to_an_edited_paragraph_shows_and_saves_the_new_text(seeded, qtbot):
    win, program, editor, boxes, node = first_paragraph(seeded)
    type_text(editor.text, " một")
    select(editor, 0, 1)
    select(editor, 0, 0)
    assert editor.text.toPlainText().endswith(" một")
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(editor.text, " hai")
    select(editor, 0, 1)
    assert stored_node(win.db, program, node)["text"].endswith(" một hai")
    assert boxes.seen == []


def test_a_heading_edit_then_tab_into_the_text_keeps_both(seeded, qtbot):
    win, program = seeded
    editor = win.editor
    boxes = Boxes()
    select(editor, 1)  # part II: a heading
    node = editor.current["id"]
    editor.heading.end(False)
    type_text(editor.heading, " mới")
    QTest.keyClick(editor.heading, Qt.Key.Key_Tab)
    editor.text.setFocus()
    type_text(editor.text, "Ghi chú")
    qtbot.wait(2500)
    stored = stored_node(win.db, program, node)
    assert stored["heading"].endswith(" mới")
    assert stored["text"].endswith("Ghi chú")
    assert boxes.seen == []


def test_continuous_typing_is_saved_within_two_seconds(seeded, qtbot):
    win, program = seeded
    editor = win.editor
    select(editor, 0, 0)
    node = editor.current["id"]
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.text.setFocus()
    start = time.monotonic()
    typed = ""
    while time.monotonic() - start < 3.5:  # a key every 150 ms, never a pause
        keyboard.type_text(editor.text, "a")
        typed += "a"
        qtbot.wait(150)
        if time.monotonic() - start > 2.6:
            break
    stored = stored_node(win.db, program, node)["text"]
    assert "a" * 5 in stored, "nothing saved after 2.6 s of continuous typing"


def test_the_header_form_is_saved_when_switching_program(window, qtbot):  # noqa: F811
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    program = services.import_file(window.db, SEEDS / "seed001.txt")
    window.refresh_programs(program)
    editor = window.editor
    editor.side.setCurrentIndex(1)
    editor.f_signer.end(False)
    type_text(editor.f_signer, " Hai")
    typed = editor.f_signer.text().strip()
    window._select_program(annual)
    assert services.program_json(window.db, program)["signer"]["name"] == typed


def test_a_header_changed_elsewhere_is_not_overwritten_and_both_are_shown(seeded, monkeypatch):
    from ui.save_dialogs import ConflictDialog

    win, program = seeded
    editor = win.editor
    other = Database(win.db.url)  # another secretary's machine on the same database
    services.update_program(other, program, recipients=["Ban Bí thư (máy khác)"])
    other.dispose()
    shown = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, parent, mine, theirs: (
        shown.append((mine, theirs)), ConflictDialog.LATER)[1]))
    editor.side.setCurrentIndex(1)
    type_text(editor.f_place, " mới")
    editor.commit_pending()
    assert shown and "Ban Bí thư (máy khác)" in shown[0][1] and "mới" in shown[0][0]
    assert services.program_json(win.db, program)["recipients"] == ["Ban Bí thư (máy khác)"]
    assert editor.f_place.text().endswith(" mới")  # the user's text stays on screen


def test_a_template_typed_then_closed_with_the_dialogs_save_button_is_kept(seeded):
    from ui.tools import SettingsDialog

    win, _program = seeded
    org = win.program["organization_id"]
    dialog = SettingsDialog(win.db, org, win, win.editor.journal)
    dialog.show()
    dialog.template_choice.setCurrentIndex(0)
    dialog.template_body.moveCursor(dialog.template_body.textCursor().MoveOperation.End)
    type_text(dialog.template_body, " thêm")
    dialog.save()  # "Lưu", not "Lưu mẫu này"
    assert services.templates_for(win.db, org)[0]["body"].endswith(" thêm")


def test_a_template_with_an_unclosed_brace_is_refused_with_its_position(seeded, monkeypatch):
    from hgdesk.errors import InputError
    from hgdesk.templates import validate
    from ui import runner
    from ui.tools import SettingsDialog

    with pytest.raises(InputError, match="dòng 2, cột 5"):
        validate("Năm {year}\nQuý {Q", "quarterly", "title")
    with pytest.raises(InputError, match=r"không có “\{nam\}”"):
        validate("Năm {nam}", "quarterly", "title")
    win, _program = seeded
    org = win.program["organization_id"]
    before = services.templates_for(win.db, org)[0]["body"]
    told = []
    monkeypatch.setattr(runner, "show_error", lambda parent, title, message, details="": told.append(message))
    dialog = SettingsDialog(win.db, org, win, win.editor.journal)
    dialog.template_choice.setCurrentIndex(0)
    dialog.template_body.setPlainText("Chương trình quý {Q năm {year}")
    assert not dialog.save_template()
    assert told and "chưa đóng" in told[0] and "cột" in told[0]
    assert "cột" in dialog.template_fault.text()
    assert services.templates_for(win.db, org)[0]["body"] == before


def test_ctrl_s_saves_everything_and_makes_no_new_version(seeded):
    win, program = seeded
    editor = win.editor
    select(editor, 0, 0)
    node = editor.current["id"]
    type_text(editor.text, "Chữ mới ")
    for _ in range(4):
        win.save_all_action.trigger()
    assert "Chữ mới" in stored_node(win.db, program, node)["text"]
    assert services.program_json(win.db, program)["draft_version"] == 1
    assert "Đã lưu mọi nội dung" in win.statusBar().currentMessage()


def test_saving_a_draft_version_twice_without_changes_makes_one_version(seeded):
    win, program = seeded
    win.save_version()
    win.save_version()
    assert services.draft_versions(win.db, program) == [1]
    assert "chưa thay đổi" in win.statusBar().currentMessage()
    select(win.editor, 0, 0)
    type_text(win.editor.text, "Sửa ")
    win.save_version()
    assert services.draft_versions(win.db, program) == [1, 2]


@pytest.mark.parametrize("error", ["database is locked", "attempt to write a readonly database",
                                   "database or disk is full"])
def test_a_failed_write_keeps_the_typed_text_and_saves_it_on_retry(seeded, monkeypatch, error):
    from sqlalchemy.exc import OperationalError

    from ui import saving

    win, program = seeded
    editor = win.editor
    select(editor, 0, 0)
    node = editor.current["id"]
    real = services.edit_node

    def failing(*args, **kwargs):
        raise OperationalError("UPDATE node", {}, Exception(error))

    told = []
    monkeypatch.setattr(services, "edit_node", failing)
    monkeypatch.setattr(saving, "ask_retry", lambda parent, message: (told.append(message), False)[1])
    type_text(editor.text, "Không được mất ")
    assert not editor.commit_pending()
    assert told and "vẫn được giữ" in told[0] and "Thử lại" in told[0]
    assert editor.text.toPlainText().startswith("Không được mất")  # still on screen
    pending = [e for e in editor.journal.pending() if e.key == f"node:{node}:text"]
    assert pending and pending[0].value.startswith("Không được mất")  # and in the journal
    assert services.recoverable(win.db, editor.journal)
    monkeypatch.setattr(services, "edit_node", real)
    assert editor.commit_pending()  # the retry
    assert stored_node(win.db, program, node)["text"].startswith("Không được mất")
    assert not services.recoverable(win.db, editor.journal)


def test_the_data_file_alone_holds_everything_after_a_quit(qtbot, tmp_path):
    import shutil

    folder = tmp_path / "live"
    folder.mkdir()
    db = Database(str(folder / "hgdesk.sqlite3"))
    program = services.import_file(db, SEEDS / "seed001.txt")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    win._select_program(program)
    select(win.editor, 0, 0)
    node = win.editor.current["id"]
    type_text(win.editor.text, "Gõ trước khi thoát ")
    win.close()
    db.close()
    copy = tmp_path / "usb" / "hgdesk.sqlite3"
    copy.parent.mkdir()
    shutil.copy2(folder / "hgdesk.sqlite3", copy)  # only the main file, as a secretary would
    other = Database(str(copy))
    assert stored_node(other, program, node)["text"].startswith("Gõ trước khi thoát")
    other.dispose()


def test_typing_left_unsaved_by_a_crash_is_offered_back_at_the_next_start(qtbot, tmp_path, monkeypatch):
    from ui.save_dialogs import RecoveryDialog

    db = Database(str(tmp_path / "hgdesk.sqlite3"))
    program = services.import_file(db, SEEDS / "seed001.txt")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win._select_program(program)
    select(win.editor, 0, 0)
    node = win.editor.current["id"]
    type_text(win.editor.text, "Chưa kịp lưu ")
    qtbot.wait(500)  # the journal has it (≤ 300 ms), the database not yet (pause 700 ms)
    win.editor.autosave.abandon()  # the crash: nothing more reaches the database
    win.editor.journal.close()
    assert not stored_node(db, program, node)["text"].startswith("Chưa kịp lưu")
    offered = []

    def accept(dialog):
        offered.append(dialog.items)
        return RecoveryDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", accept)
    again = MainWindow(db)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: bool(offered), timeout=3000)
    assert "Chưa kịp lưu" in offered[0][0][1]
    assert stored_node(db, program, node)["text"].startswith("Chưa kịp lưu")
    db.dispose()


def test_restoring_a_backup_from_the_window_works_and_is_audited(seeded, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from ui.tools import BackupsDialog

    win, _program = seeded
    services.backup_now(win.db)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = BackupsDialog(win.db, win)
    dialog.restored.connect(lambda: win.reopen_database(dialog.restored_from))
    dialog.table.setCurrentCell(0, 0)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("Khôi phục"))
    button.click()  # clicked(bool) used to arrive as the path
    entries = services.audit_entries(win.db, entity="database")
    assert entries and entries[0]["action"] == "restore"


def test_another_window_notices_a_restore_and_keeps_its_typing(qtbot, tmp_path, monkeypatch):
    from ui.save_dialogs import RecoveryDialog

    path = tmp_path / "hgdesk.sqlite3"
    db = Database(str(path))
    program = services.import_file(db, SEEDS / "seed001.txt")
    services.backup_now(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win._select_program(program)
    select(win.editor, 0, 0)
    elsewhere = Database(str(path))  # the other instance restores the backup
    services.restore_backup(elsewhere, services.list_backups(elsewhere)[0]["path"])
    offered = []
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: (offered.append(dialog.items),
                                                                RecoveryDialog.DialogCode.Accepted)[1])
    told = []
    from ui import runner

    monkeypatch.setattr(runner, "show_error", lambda parent, title, message, details="": told.append(message))
    type_text(win.editor.text, "Gõ sau khi khôi phục ")
    win.editor.commit_pending()
    qtbot.waitUntil(lambda: win.db is not db, timeout=3000)
    assert told and "bản sao lưu" in told[0]
    assert offered and offered[0][0][1].startswith("Gõ sau khi khôi phục")  # the typing is offered back
    assert len(offered) == 1 and not win.db.replaced()  # reopened once, on the new file
    # Known gap (reported in issue 10): here the recovered text does not reach the reopened file;
    # the recovery after a crash (test above) does. Not asserted until the cause is found.


def test_find_and_replace_agree_ignoring_case_and_diacritics(seeded):
    win, program = seeded
    editor = win.editor

    def texts():
        out = []

        def walk(nodes):
            for n in nodes:
                out.append((n["heading"], n["text"]))
                walk(n["children"])

        walk(services.program_json(win.db, program)["nodes"])
        return out

    before = texts()
    editor.show_replace()
    editor.find_edit.setText("tinh uy")
    editor.find_next()
    found = int(editor.find_status.text().split()[0])
    assert found > 0
    editor.replace_edit.setText("Tỉnh ủy Hậu Giang")
    depth = editor.undo_stack.count()
    editor.replace_all()
    assert editor.find_status.text() == f"Đã thay {found} chỗ"
    assert editor.undo_stack.count() == depth + 1  # one undo step
    editor.find_edit.setText("xyz không có")
    editor.replace_all()
    assert editor.undo_stack.count() == depth + 1  # nothing replaced: no empty undo step
    assert texts() != before
    editor.undo_action.trigger()
    assert texts() == before


def test_find_spans_map_folded_matches_back_to_the_text():
    from hgdesk.text import find_spans

    text = "Ban Thường vụ TỈNH ỦY và Tỉnh uỷ, tỉnh đoàn"
    spans = find_spans(text, "tinh uy")
    assert [text[a:b] for a, b in spans] == ["TỈNH ỦY", "Tỉnh uỷ"]
    assert find_spans(text, "tinh uy", exact=True) == []
    assert [text[a:b] for a, b in find_spans(text, "đoàn")] == ["đoàn"]


@pytest.mark.slow
def test_a_kill_while_typing_loses_at_most_about_a_second_after_recovery():
    from bench import bench_kill

    for typed, lost in bench_kill.run(3, seed=7, longest=6.0):
        assert typed > 0
        assert lost <= 20, f"{lost} of {typed} characters lost"


def _tree_text(editor, node: int) -> str:
    index = editor._index_of(node)
    return index.data(Qt.ItemDataRole.UserRole)["text"]


def test_ctrl_z_in_the_text_undoes_one_step_that_the_tree_and_the_database_agree_on(seeded, qtbot, monkeypatch):
    from ui import commands

    clock = [1000.0]
    monkeypatch.setattr(commands.time, "monotonic", lambda: clock[0])
    win, program, editor, boxes, node = first_paragraph(seeded)
    original = editor.text.toPlainText()
    type_text(editor.text, " Câu một.")
    qtbot.wait(900)  # a pause: saved
    clock[0] += 1.0
    type_text(editor.text, " Câu hai.")  # typing on: the same undo step
    qtbot.wait(900)
    clock[0] += 5.0  # a longer pause before typing again: a step of its own
    type_text(editor.text, " Câu ba.")
    qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # before the autosave fired
    for shown in (original + " Câu một. Câu hai.", original):
        assert editor.text.toPlainText() == shown
        assert stored_node(win.db, program, node)["text"] == shown
        assert _tree_text(editor, node) == shown
        qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.text, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo: back one step
    assert editor.text.toPlainText() == stored_node(win.db, program, node)["text"] == original + " Câu một. Câu hai."
    assert boxes.seen == []
