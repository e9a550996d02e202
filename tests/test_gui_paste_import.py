"""Dán văn bản: a secretary who has only a PDF (refused as a file) copies its text and pastes it;
the program goes through the same preview and is stored as from a .txt file."""

from __future__ import annotations

import textwrap

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from hgdesk import services
from tests.conftest import SEEDS
from ui.dialogs import ImportPreviewDialog
from ui.paste import PasteDialog


def _labels(nodes, out=None):
    out = [] if out is None else out
    for n in nodes:
        out.append(n["label"])
        _labels(n["children"], out)
    return out


def test_a_pdf_is_refused_with_the_way_to_paste_its_text_and_the_pasted_text_imports_like_the_file(
        main_window, qtbot, monkeypatch, tmp_path):
    win = main_window
    errors = []
    from ui import runner

    monkeypatch.setattr(runner, "show_error", lambda parent, title, message, details="": errors.append(message))
    pdf = tmp_path / "chuong-trinh.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%...")
    assert win.import_path(str(pdf)) is None
    assert "Dán văn bản để nhập" in errors[0] and "Ctrl+Shift+V" in errors[0]

    text = (SEEDS / "seed001.txt").read_text(encoding="utf-8")
    QGuiApplication.clipboard().setText(text)  # the secretary copied the whole text from the PDF viewer
    seen = {}

    def paste_and_read(dialog: PasteDialog):
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        seen["enabled before"] = ok.isEnabled()
        dialog.paste_clipboard()
        dialog.name.setText("Chương trình quý II năm 2024 (bản PDF)")
        seen["enabled after"] = ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PasteDialog, "exec", paste_and_read)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    win.paste_action.trigger()
    assert seen == {"enabled before": False, "enabled after": True}
    pasted = win.program
    assert pasted is not None and errors == [errors[0]]
    from_file = services.parse_only(SEEDS / "seed001.txt").to_json()
    stored = services.program_json(win.db, pasted["id"])
    assert stored["title"] == from_file["title"] and _labels(stored["nodes"]) == _labels(from_file["nodes"])


def test_text_copied_from_a_pdf_with_its_lines_broken_keeps_the_program_structure():
    text = (SEEDS / "seed001.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(textwrap.fill(line, 90) if len(line) > 90 else line for line in text.splitlines())
    parsed = services.parse_pasted(wrapped, "bản PDF").to_json()
    labelled = [x for x in _labels(parsed["nodes"]) if x]
    assert labelled == [x for x in _labels(services.parse_only(SEEDS / "seed001.txt").to_json()["nodes"]) if x]


def test_an_empty_paste_is_refused_in_vietnamese():
    import pytest

    from hgdesk.errors import InputError

    with pytest.raises(InputError, match="Chưa có nội dung"):
        services.parse_pasted("   \n ")
