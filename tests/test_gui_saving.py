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
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    db = Database(str(tmp_path / "gui.sqlite3"))
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    db.dispose()


@pytest.fixture
def seeded(window):
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


def test_typing_again_after_an_autosave_is_saved_not_refused_as_a_conflict(seeded, qtbot):
    win, program = seeded
    editor = win.editor
    boxes = Boxes()
    select(editor, 0, 0)
    node = editor.current["id"]
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(editor.text, " Thêm câu thứ nhất.")
    qtbot.wait(1500)  # a pause: autosave
    type_text(editor.text, " Và câu thứ hai.")
    qtbot.wait(1500)
    stored = stored_node(win.db, program, node)["text"]
    assert stored.endswith("Thêm câu thứ nhất. Và câu thứ hai.")
    assert editor.text.toPlainText().endswith("Thêm câu thứ nhất. Và câu thứ hai.")
    assert boxes.seen == []


def test_coming_back_to_an_edited_paragraph_shows_and_saves_the_new_text(seeded, qtbot):
    win, program = seeded
    editor = win.editor
    boxes = Boxes()
    select(editor, 0, 0)
    node = editor.current["id"]
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
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
