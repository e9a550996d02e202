"""Real documents the importer was not written against, through the window: a district
resolution copied from its portal (with the portal's lines before it), then a guidance.
The secretary sees what was skipped, types into a paragraph, undoes it, and imports the
same file again; after every step what the window shows is what is stored."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPlainTextEdit

from hgdesk import services
from tests.corpus_score import CORPUS
from tests.test_gui_workflow import message_boxes
from ui import dialogs, managing

RESOLUTION = CORPUS / "c33_nq_dhdb_huyen_tanky_web.txt"  # Nghị quyết Đại hội Đảng bộ huyện Tân Kỳ, as on its portal
GUIDANCE = CORPUS / "c41_hd06_ubkttw_web.txt"  # Hướng dẫn 06-HD/UBKTTW, as on a law library


def preview_accepting(monkeypatch, seen: dict):
    def look_and_accept(dialog):
        seen["warnings"] = [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]
        seen["labels"] = [w.text() for w in dialog.findChildren(QLabel)]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", look_and_accept)


def ime_commit(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def duplicate_choosing(monkeypatch, choice: str):
    def choose(dialog):
        dialog.choice = choice
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(managing.DuplicateImportDialog, "exec", choose)


def stored_text(win, program_id: int, node_id: int) -> str:
    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n["children"])

    return next(n for n in walk(services.program_json(win.db, program_id)["nodes"]) if n["id"] == node_id)["text"]


def select_first_paragraph(editor) -> None:
    model = editor.tree.model()

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            yield index
            yield from walk(index)

    paragraph = next(i for i in walk(editor.tree.rootIndex()) if "Giai đoạn 2015 - 2020" in (i.data() or ""))
    editor.tree.setCurrentIndex(paragraph)


def test_a_resolution_from_a_portal_is_imported_edited_undone_and_imported_again(main_window, qtbot, monkeypatch):
    win = main_window
    seen: dict = {}
    preview_accepting(monkeypatch, seen)
    program = win.import_path(str(RESOLUTION))
    assert program is not None
    # the preview said what was skipped and what the document is
    assert any("Đã bỏ qua 4 dòng trước phần đầu văn bản" in w and "ĐĂNG NHẬP" in w for w in seen["warnings"])
    assert any("Nghị quyết" in x for x in seen["labels"])
    # the window's header names it and counts the warning; its tooltip lists it
    assert "NGHỊ QUYẾT" in win.header.text() and "1 cảnh báo khi nhập" in win.header.text()
    assert "Đã bỏ qua 4 dòng" in win.header.toolTip()

    editor = win.editor
    select_first_paragraph(editor)
    node_id = editor.current["id"]
    original = editor.text.toPlainText()
    assert original == stored_text(win, program, node_id)
    assert original.startswith("Giai đoạn 2015 - 2020, mặc dù gặp nhiều khó khăn")

    # the secretary types at the end (letters with marks come from the Vietnamese input method,
    # as Unikey commits them), pauses, types again
    editor.text.setFocus()
    editor.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.text, " Kinh t")
    ime_commit(editor.text, "ế tăng trưởng")
    qtbot.wait(120)
    qtbot.keyClicks(editor.text, " kh")
    ime_commit(editor.text, "á.")
    qtbot.waitUntil(lambda: stored_text(win, program, node_id) == editor.text.toPlainText(), timeout=5000)
    assert stored_text(win, program, node_id) == original + " Kinh tế tăng trưởng khá."

    # undo until the paragraph is as imported: the window and the database agree at each step
    for _ in range(10):
        if stored_text(win, program, node_id) == original:
            break
        editor.undo_action.trigger()
        assert editor.text.toPlainText() == stored_text(win, program, node_id)
    assert stored_text(win, program, node_id) == original and editor.text.toPlainText() == original

    # the same file again: the window offers the stored program; opening it adds nothing
    count = len(services.list_programs(win.db))
    duplicate_choosing(monkeypatch, managing.DuplicateImportDialog.OPEN)
    assert win.import_path(str(RESOLUTION)) == program
    assert len(services.list_programs(win.db)) == count
    assert win.program["id"] == program

    # … or imports it as a new copy, leaving the first as it was
    duplicate_choosing(monkeypatch, managing.DuplicateImportDialog.NEW)
    copy = win.import_path(str(RESOLUTION))
    assert copy not in (None, program) and len(services.list_programs(win.db)) == count + 1
    assert stored_text(win, program, node_id) == original
    assert win.program["id"] == copy and win.program["document_kind"] == "resolution"


def test_a_guidance_cannot_be_drafted_into_a_quarter_and_the_window_says_why(main_window, qtbot, monkeypatch):
    win = main_window
    preview_accepting(monkeypatch, {})
    guidance = win.import_path(str(GUIDANCE))
    assert guidance is not None and win.program["document_kind"] == "guidance"
    before = [p.id for p in services.list_programs(win.db)]
    boxes = message_boxes(qtbot, win.derive_dialog)
    assert len(boxes) == 1
    title, text = boxes[0]
    assert title == "Văn bản không có nhiệm vụ"
    assert "Văn bản đang mở là hướng dẫn" in text and "không có nhiệm vụ để soạn chương trình quý" in text
    assert [p.id for p in services.list_programs(win.db)] == before
    # the tracking tab has nothing to track for it
    win.tabs.setCurrentWidget(win.tracking)
    assert win.tracking.proxy.rowCount() == 0
