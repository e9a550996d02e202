"""A person at the keyboard, at random: typing into paragraphs, headings, the header form and the
templates, pausing or not, switching node, tab and program, undo and redo, adding, deleting and moving
nodes, Ctrl+S, saving a version, closing and reopening the window. After every step what the user sees
is what the database holds, and no typed character is lost."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hgdesk import services
from hgdesk.db import Database
from hgdesk.text import clean
from tests import keyboard
from ui import editor as editor_module
from ui.main_window import MainWindow
from ui.tools import SettingsDialog

TINY = """TỈNH ỦY HẬU GIANG
*
Số      -CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hậu Giang, ngày     tháng    năm 2024
CHƯƠNG TRÌNH
Công tác quý {q} năm 2024
-----
Mở đầu chương trình.
I. Các nhiệm vụ trọng tâm
1. Nhiệm vụ một.
2. Nhiệm vụ hai.
II. Những nhiệm vụ và giải pháp
1. Công tác xây dựng Đảng
Đoạn văn thứ nhất.
Đoạn văn thứ hai.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn A
"""

WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơuưyàảãáạềểễếệ", min_size=1, max_size=6).map(lambda w: " " + w)
HEADER_FIELDS = ("f_place", "f_signer", "f_position")


def nodes_of(db: Database, program_id: int) -> dict[int, dict]:
    out: dict[int, dict] = {}

    def walk(nodes):
        for n in nodes:
            out[n["id"]] = {"heading": clean(n["heading"] or ""), "text": clean(n["text"] or "")}
            walk(n["children"])

    walk(services.program_json(db, program_id)["nodes"])
    return out


def header_of(db: Database, program_id: int) -> dict[str, str]:
    p = services.program_json(db, program_id)
    return {"f_place": clean(p["place"] or ""), "f_signer": clean(p["signer"]["name"]),
            "f_position": clean(p["signer"]["position"])}


def close_message_boxes(seen: list[str]) -> QTimer:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(close)
    timer.start()
    return timer


class Secretary(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = QApplication.instance() or QApplication([])
        self.folder = Path(tempfile.mkdtemp(prefix="hgdesk-stateful-"))
        self.path = self.folder / "hgdesk.sqlite3"
        self.db = Database(str(self.path))
        self.programs = [services.import_bytes(self.db, TINY.format(q=q).encode(), f"q{q}.txt") for q in ("II", "III")]
        self.org = services.program_json(self.db, self.programs[0])["organization_id"]
        # What the person typed and sees: node and header values per program, templates.
        self.expected = {p: nodes_of(self.db, p) for p in self.programs}
        self.header = {p: header_of(self.db, p) for p in self.programs}
        self.template = services.templates_for(self.db, self.org)[0]["body"]
        self.dirty: set[tuple] = set()  # typed, possibly not yet saved (the autosave delay)
        self.boxes: list[str] = []
        self.box_timer = close_message_boxes(self.boxes)
        self.add_patch = editor_module.AddNodeDialog.exec
        self._open_window()

    def _open_window(self) -> None:
        self.win = MainWindow(self.db)
        self.win.show()
        self.win._select_program(self.programs[0])
        QApplication.processEvents()

    @property
    def editor(self):
        return self.win.editor

    @property
    def program(self) -> int:
        return self.win.program["id"]

    def teardown(self) -> None:
        self.box_timer.stop()
        editor_module.AddNodeDialog.exec = self.add_patch
        self.win.close()
        self.win.deleteLater()
        QApplication.processEvents()
        self.db.dispose()

    # --- helpers ----------------------------------------------------------------------------
    def _settled(self) -> None:
        """Everything typed is now saved: the model forgets the delay."""
        self.dirty.clear()

    def _resync(self) -> None:
        """After a structural change or undo, the database is the reference again (checked by the
        invariant: the screen must show the same)."""
        for p in self.programs:
            self.expected[p] = nodes_of(self.db, p)
            self.header[p] = header_of(self.db, p)
        self.dirty.clear()

    def _current(self) -> int | None:
        return self.editor.current["id"] if self.editor.current else None

    # --- rules ------------------------------------------------------------------------------
    @precondition(lambda self: self.editor.current is not None)
    @rule(words=WORDS)
    def type_in_text(self, words: str) -> None:
        node = self._current()
        self.win.tabs.setCurrentWidget(self.editor)
        self.editor.side.setCurrentIndex(0)
        self.editor.text.setFocus()
        self.editor.text.moveCursor(self.editor.text.textCursor().MoveOperation.End)
        keyboard.type_text(self.editor.text, words)
        self.expected[self.program][node]["text"] = clean(self.editor.text_value())
        self.dirty.add((self.program, node, "text"))

    @precondition(lambda self: self.editor.current is not None and self.editor.heading.isEnabled())
    @rule(words=WORDS)
    def type_in_heading(self, words: str) -> None:
        node = self._current()
        self.win.tabs.setCurrentWidget(self.editor)
        self.editor.side.setCurrentIndex(0)
        self.editor.heading.setFocus()
        self.editor.heading.end(False)
        keyboard.type_text(self.editor.heading, words)
        self.expected[self.program][node]["heading"] = clean(self.editor.heading.text())
        self.dirty.add((self.program, node, "heading"))

    @rule(field=st.sampled_from(HEADER_FIELDS), words=WORDS)
    def type_in_header_form(self, field: str, words: str) -> None:
        self.win.tabs.setCurrentWidget(self.editor)
        self.editor.side.setCurrentIndex(1)
        widget = getattr(self.editor, field)
        widget.setFocus()
        widget.end(False)
        keyboard.type_text(widget, words)
        self.header[self.program][field] = clean(widget.text())
        self.dirty.add((self.program, "header", field))

    @rule(words=WORDS, close_with_save=st.booleans())
    def edit_a_template_and_close_the_dialog(self, words: str, close_with_save: bool) -> None:
        dialog = SettingsDialog(self.db, self.org, self.win)
        dialog.show()
        dialog.template_choice.setCurrentIndex(0)
        dialog.template_body.setFocus()
        dialog.template_body.moveCursor(dialog.template_body.textCursor().MoveOperation.End)
        keyboard.type_text(dialog.template_body, words)
        self.template = dialog.template_body.toPlainText().strip()
        if close_with_save:
            dialog.save()  # the dialog's own "Lưu"
        else:
            dialog.close()  # the window's close box
        dialog.deleteLater()
        QApplication.processEvents()
        assert services.templates_for(self.db, self.org)[0]["body"].strip() == self.template

    @rule(ms=st.sampled_from([50, 400, 1200, 2300]))
    def pause(self, ms: int) -> None:
        QTest.qWait(ms)
        if ms >= 2300:
            self._settled()  # the bounded autosave delay has passed

    @precondition(lambda self: self.editor.tree.model() is not None and self.editor.tree.model().rowCount() > 0)
    @rule(data=st.data())
    def choose_another_node(self, data) -> None:
        model = self.editor.tree.model()
        index = model.index(data.draw(st.integers(0, model.rowCount() - 1)), 0)
        while model.rowCount(index) and data.draw(st.booleans()):
            index = model.index(data.draw(st.integers(0, model.rowCount(index) - 1)), 0, index)
        self.editor.tree.setCurrentIndex(index)
        self._settled()

    @rule(tab=st.integers(0, 4))
    def switch_tab(self, tab: int) -> None:
        self.win.tabs.setCurrentIndex(tab)
        self._settled()

    @rule(which=st.integers(0, 1))
    def switch_program(self, which: int) -> None:
        self.win._select_program(self.programs[which])
        self._settled()

    @rule()
    def press_ctrl_s(self) -> None:
        self.win.save_all_action.trigger()
        self._settled()

    @rule()
    def save_a_draft_version(self) -> None:
        self.win.save_version()
        self._settled()

    @rule(redo=st.booleans())
    def undo_or_redo(self, redo: bool) -> None:
        self.win.tabs.setCurrentWidget(self.editor)
        action = self.editor.redo_action if redo else self.editor.undo_action
        if not action.isEnabled():
            return  # nothing to undo or redo: the menu item is greyed out, typing stays pending
        action.trigger()
        self._resync()

    @precondition(lambda self: self.editor.current is not None)
    @rule(words=WORDS)
    def add_a_paragraph(self, words: str) -> None:
        def fill_and_accept(dialog):
            dialog.kind.setCurrentIndex(0)
            dialog.text.setPlainText(words.strip())
            return QDialog.DialogCode.Accepted

        editor_module.AddNodeDialog.exec = fill_and_accept
        self.editor.add_dialog()
        self._resync()

    @precondition(lambda self: self.editor.current is not None)
    @rule(direction=st.sampled_from(["up", "down"]))
    def move_the_node(self, direction: str) -> None:
        index = self.editor.tree.currentIndex()
        last = self.editor.tree.model().rowCount(index.parent()) - 1
        if (direction == "up" and index.row() == 0) or (direction == "down" and index.row() == last):
            return  # the action would rightly say it cannot
        self.editor.move_current(direction)
        self._resync()

    @precondition(lambda self: self.editor.current is not None and self.editor.current["kind"] == "paragraph")
    @rule()
    def delete_the_node(self) -> None:
        self.editor.delete_current()
        self._resync()

    @rule()
    def close_and_reopen_the_window(self) -> None:
        self.win.close()
        self.win.deleteLater()
        QApplication.processEvents()
        self._settled()
        self._open_window()

    # --- what must always hold --------------------------------------------------------------
    @invariant()
    def no_message_box_appeared(self) -> None:
        assert self.boxes == []

    @invariant()
    def the_screen_shows_what_was_typed(self) -> None:
        node = self._current()
        if node is not None:
            want = self.expected[self.program][node]
            assert clean(self.editor.text_value()) == want["text"]
            if self.editor.heading.isEnabled():
                assert clean(self.editor.heading.text()) == want["heading"]
        for field in HEADER_FIELDS:
            assert clean(getattr(self.editor, field).text()) == self.header[self.program][field]

    @invariant()
    def the_database_holds_what_was_typed(self) -> None:
        for p in self.programs:
            stored = nodes_of(self.db, p)
            assert set(stored) == set(self.expected[p])
            for node, fields in self.expected[p].items():
                for field, value in fields.items():
                    if (p, node, field) not in self.dirty:
                        assert stored[node][field] == value, (p, node, field)
            stored_header = header_of(self.db, p)
            for field, value in self.header[p].items():
                if (p, "header", field) not in self.dirty:
                    assert stored_header[field] == value, (p, field)


Secretary.TestCase.settings = settings(
    max_examples=int(os.environ.get("HGDESK_STATEFUL_EXAMPLES", "4")), stateful_step_count=15, deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking in the suite (each step waits)
    suppress_health_check=list(HealthCheck), derandomize=True)
test_a_person_typing_at_random_never_loses_a_character = Secretary.TestCase
