"""Kiểm tra thể thức in the window, driven like a secretary would: check a faulty draft, click a
fault, fix what is safe, undo and redo, fix by hand, issue with a reason; check a Word file sent up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from hgdesk import services
from tests.test_check_services import FAULTY_DRAFT
from ui import checking, dialogs


@pytest.fixture
def window(window_on, tmp_path):
    path = tmp_path / "du_thao.txt"
    path.write_text(FAULTY_DRAFT, encoding="utf-8")
    return window_on(lambda db: services.import_file(db, path), "check.sqlite3")


def shown(win) -> list[tuple[str, str]]:
    """(severity group, message) of every row the panel shows."""
    tree = win.checker.view.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        rows += [(group.text(0).split(" (")[0], group.child(j).text(0)) for j in range(group.childCount())]
    return rows


def stored_rules(win) -> list[str]:
    return sorted(f.rule_id for f in services.check_program(win.db, win.program["id"]).findings)


def test_check_fix_undo_redo_and_issue_with_a_reason(window, qtbot, monkeypatch):
    win = window
    win.checker.check_action.trigger()
    assert not win.checker.dock.isHidden()
    rows = shown(win)
    assert [g for g, _ in rows] == ["Lỗi", "Lỗi", "Cảnh báo", "Cảnh báo"]
    assert rows[1][1] == "Số thứ tự “1.” lặp lại trong “I. Các nhiệm vụ trọng tâm”."
    assert [r for r in stored_rules(win)] == ["number.form", "numbering.duplicate", "recipients.storage_last",
                                              "tone.consistent"]

    # a click on the duplicate number selects that node in the editor
    group = win.checker.view.tree.topLevelItem(0)
    duplicate = group.child(1)
    win.checker.view.tree.setCurrentItem(duplicate)
    hint = win.checker.view.hint.text()
    assert "Căn cứ: HD 36 Phụ lục 3 (bố cục)" in hint and "Cách sửa: Đánh số lại các mục cùng cấp cho liên tục: 1., 2." in hint
    win.checker.view.tree.itemClicked.emit(duplicate, 0)
    assert win.editor.current["label"] == "1." and "Triển khai" in win.editor.current["text"]

    # the number fault jumps to the header field
    win.checker.view.tree.itemClicked.emit(group.child(0), 0)
    assert win.editor.side.currentWidget() is win.editor.header_page

    # safe fixes, previewed and applied as one step
    seen = {}

    def accept_safe(dialog):
        seen["rows"] = [dialog.list.item(i).text().split("\n")[0] for i in range(dialog.list.count())]
        seen["ticked"] = [dialog.list.item(i).checkState() == Qt.CheckState.Checked for i in range(dialog.list.count())]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(checking.FixPreviewDialog, "exec", accept_safe)
    assert win.checker.fix_dialog()
    assert seen["ticked"] == [True, False, True, True]  # the renumbering asks; the safe ones are ticked
    assert seen["rows"][:2] == ["Số “7” → “07”", "Đánh số lại: 1., 2. (cần xác nhận)"]
    assert [g for g, _ in shown(win)] == ["Lỗi"]
    assert stored_rules(win) == ["numbering.duplicate"]
    assert win.editor.undo_stack.count() == 1

    # one undo puts all three back; redo applies them again
    win.editor.undo_stack.undo()
    win.checker.check_now()
    assert len(shown(win)) == 4 and stored_rules(win)[0] == "number.form"
    assert services.program_json(win.db, win.program["id"])["number"] == "7"
    win.editor.undo_stack.redo()
    win.checker.check_now()
    assert stored_rules(win) == ["numbering.duplicate"]

    # issuing with the error left: cancelling the reason leaves it a draft
    def number_and_date(d):
        d.number.setText("15")
        d.date.setDate(QDate(2024, 4, 3))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.IssueDialog, "exec", number_and_date)
    monkeypatch.setattr(checking.ReasonDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    win.issue_dialog()
    assert win.program["status"] == "draft"

    # tick the renumbering too: nothing left, and issuing asks for no reason
    def tick_all(dialog):
        for i in range(dialog.list.count()):
            dialog.list.item(i).setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(checking.FixPreviewDialog, "exec", tick_all)
    assert win.checker.fix_dialog()
    assert stored_rules(win) == []
    assert win.checker.view.tree.topLevelItem(0).text(0) == "Không phát hiện sai sót thể thức nào."

    # the signer's name is needed to issue: typed into the header form
    monkeypatch.setattr(checking.ReasonDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    win.issue_dialog()
    assert win.program["status"] == "draft"
    assert any("họ tên người ký" in m for _, m in shown(win))
    win.editor.f_signer.setText("Nguyễn Văn An")
    win.editor.save_header()
    monkeypatch.setattr(checking.ReasonDialog, "exec", lambda d: pytest.fail("no reason should be asked"))
    win.issue_dialog()
    assert win.program["status"] == "issued" and win.program["number"] == "15"
    entry = next(e for e in services.audit_entries(win.db, win.program["id"]) if e["action"] == "issue")
    assert "check_override" not in entry["summary"]


def test_issuing_with_an_error_records_the_reason_given(window, monkeypatch):
    def number_and_date(d):  # inside quarter II/2024: no question about the date
        d.number.setText("16")
        d.date.setDate(QDate(2024, 4, 3))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.IssueDialog, "exec", number_and_date)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail(f"unexpected question: {a[2]}"))

    def give_reason(d):
        ok = d.buttons.button(d.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # an empty reason is not a reason
        d.reason.setPlainText("   ")
        assert not ok.isEnabled()
        d.reason.setPlainText("Đồng chí Phó Bí thư duyệt ký ngay")
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(checking.ReasonDialog, "exec", give_reason)
    window.issue_dialog()
    assert window.program["status"] == "issued"
    entry = next(e for e in services.audit_entries(window.db, window.program["id"]) if e["action"] == "issue")
    assert entry["summary"]["check_override"]["reason"] == "Đồng chí Phó Bí thư duyệt ký ngay"
    assert "signature.name" in entry["summary"]["check_override"]["errors"]


def test_a_late_issue_date_is_asked_about_once_as_an_error_that_needs_a_reason(window, monkeypatch):
    """Quý II/2024 issued on 05/08/2024: no earlier "Vẫn ban hành?" question, only the checker's error in the
    reason dialog, with an honest clause; the reason is audited with date.period among the errors."""
    def late(d):
        d.number.setText("17")
        d.date.setDate(QDate(2024, 8, 5))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.IssueDialog, "exec", late)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail(f"asked twice: {a[2]}"))
    seen = {}

    def give_reason(d):
        seen["text"] = d.findChild(checking.QLabel).text()
        d.reason.setPlainText("Ban hành bù theo chỉ đạo của Thường trực")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(checking.ReasonDialog, "exec", give_reason)
    window.issue_dialog()
    assert "Ngày ban hành 05/08/2024 nằm sau kỳ của chương trình (quý II/2024, đến 30/06/2024)." in seen["text"]
    assert "Nghiệp vụ: ngày ban hành trong hoặc trước kỳ của chương trình" in seen["text"]
    assert window.program["status"] == "issued"
    entry = next(e for e in services.audit_entries(window.db, window.program["id"]) if e["action"] == "issue")
    assert "date.period" in entry["summary"]["check_override"]["errors"]


def test_export_with_errors_asks_first_and_no_means_no_file(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert window.export("pdf", str(tmp_path / "x.pdf")) is None
    assert not (tmp_path / "x.pdf").exists()
    assert not window.checker.dock.isHidden()


def test_check_a_word_file_and_export_its_note(window, tmp_path, hd05_profile):
    from tests.docx_samples import build_docx

    path = build_docx(tmp_path / "huyen.docx", motto_pt=13)
    dialog = window.checker.check_file(str(path))
    assert dialog is not None
    rows = [dialog.view.tree.topLevelItem(0).child(i).text(0) for i in range(dialog.view.tree.topLevelItem(0).childCount())]
    assert rows == ["Tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” trình bày cỡ 13, đúng là cỡ 15."]
    note = checking.export_note(dialog, dialog.view.report, str(tmp_path / "phieu.pdf"))
    assert note and (tmp_path / "phieu.pdf").read_bytes()[:5] == b"%PDF-"
    dialog.close()


def test_the_note_is_proposed_under_a_name_with_its_diacritics(window, tmp_path, monkeypatch):
    """"Phiếu kiểm tra - huyện.pdf", like every other name the app proposes, for a Word file and a program."""
    from PySide6.QtWidgets import QFileDialog

    from tests.docx_samples import build_docx

    proposed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, kinds: (proposed.append(start),
                                                                                            ("", ""))[1])
    dialog = window.checker.check_file(str(build_docx(tmp_path / "huyện.docx")))
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Xuất phiếu kiểm tra…").click()
    dialog.close()
    window.checker.check_now()
    window.checker.note_button.click()
    names = [Path(p).name for p in proposed]
    assert names[0] == "Phiếu kiểm tra - huyện.pdf"
    assert names[1].startswith("Phiếu kiểm tra - Chương trình công tác quý II năm 2024")


def test_a_file_that_cannot_be_read_shows_a_vietnamese_message(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(checking.runner, "show_error", lambda parent, title, text, details="": messages.append(text))
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a word file")
    assert window.checker.check_file(str(bad)) is None
    assert messages and "hong.docx" in messages[0]


def test_printing_checks_first_and_goes_on_when_the_user_says_so(window, monkeypatch):
    import ui.printing

    sent = []
    monkeypatch.setattr(ui.printing, "print_program", lambda parent, db, program_id: sent.append(program_id))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: next(answers))
    window.print_program()
    assert sent == [] and not window.checker.dock.isHidden()
    window.print_program()
    assert sent == [window.program["id"]]


def test_on_a_1366_screen_the_check_panel_and_the_preview_never_push_the_window_off_screen(window, qtbot):
    win = window
    win.resize(1350, 728)  # what fit_to_screen gives on 1366×768
    win.checker.check_action.trigger()
    win.tabs.setCurrentWidget(win.preview)
    win.preview.status.setText("Đã cập nhật lúc 22:09:00. Theo năm ghi trên dự thảo (2027): Văn bản của Đảng "
                               "(Hướng dẫn 05-HD/VPTW, 2026) — áp dụng từ ngày 27/5/2026 cho mọi văn bản của Đảng.")
    qtbot.wait(50)
    assert win.minimumSizeHint().width() <= 1366 and win.width() <= 1366
    for index in range(win.tabs.count()):  # and no other tab, with the panel open
        win.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert win.minimumSizeHint().width() <= 1366, win.tabs.tabText(index)
    nav = win.splitter.widget(0)
    assert nav.width() >= 120  # the program list stays readable beside the panel


def test_ban_hanh_proposes_the_date_already_written_in_the_header(main_window, monkeypatch):
    """The secretary typed the issue date in Thông tin văn bản weeks ago; Ban hành proposes that date,
    not today's (today's would re-date the program and could change its format profile)."""
    from datetime import date

    from tests.conftest import SEEDS

    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(window.db, annual, 3)
    services.update_program(window.db, quarter, issue_date=date(2024, 7, 2))
    window.refresh_programs(quarter)
    seen = {}

    def look(dialog):
        seen["date"] = dialog.date.date().toString("dd/MM/yyyy")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs.IssueDialog, "exec", look)
    window.issue_dialog()
    assert seen["date"] == "02/07/2024"
    assert services.program_json(window.db, quarter)["status"] == "draft"  # Hủy: nothing issued


def test_a_long_finding_is_read_whole_in_a_narrow_panel(window, qtbot):
    """At 1366×768 the panel is narrow: a long message wraps onto more lines (its row grows) instead of
    ending in "…"; widening the panel gives it back one line."""
    win = window
    win.checker.check_action.trigger()
    view = win.checker.view
    tree = view.tree
    tone_row = next(tree.topLevelItem(1).child(j) for j in range(tree.topLevelItem(1).childCount())
                    if tree.topLevelItem(1).child(j).text(0).startswith("Văn bản đặt dấu thanh"))
    one_line = tree.visualItemRect(tree.topLevelItem(0)).height()
    view.resize(300, 500)
    qtbot.waitUntil(lambda: tree.visualItemRect(tone_row).height() >= 3 * one_line)
    view.resize(1400, 500)
    qtbot.waitUntil(lambda: tree.visualItemRect(tone_row).height() < 2 * one_line)


def test_a_section_title_typed_with_a_second_number_is_found_and_fixed_in_one_undoable_step(window, monkeypatch):
    """The secretary types "1.1. " in front of the title of mục II: the preview would print "II. 1.1. Tổ chức …".
    F7 reports it as an error; the fix removes the typed number; one Ctrl+Z puts her typing back."""
    from tests.keyboard import type_text
    from tests.test_gui_saving import select, stored_node

    win, editor = window, window.editor
    select(editor, 1)  # part II
    node = editor.current["id"]
    editor.heading.home(False)
    editor.heading.setFocus()
    type_text(editor.heading, "1.1. ")
    win.checker.check_action.trigger()  # F7 saves what was typed first
    assert stored_node(win.db, win.program["id"], node)["heading"] == "1.1. Tổ chức thực hiện"
    typed = [m for g, m in shown(win) if "1.1." in m]
    assert typed == ["Mục “II.” có thêm số thứ tự “1.1.” gõ ở đầu, in ra thành “II. 1.1. Tổ chức thực hiện”."]
    assert next(g for g, m in shown(win) if m == typed[0]) == "Lỗi"

    def only_the_typed_number(dialog):
        for i in range(dialog.list.count()):
            item = dialog.list.item(i)
            mine = item.text().startswith("Mục II.: bỏ số “1.1.” gõ thừa")
            assert not mine or item.checkState() == Qt.CheckState.Checked  # a safe fix: ticked already
            item.setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(checking.FixPreviewDialog, "exec", only_the_typed_number)
    assert win.checker.fix_dialog()
    assert stored_node(win.db, win.program["id"], node)["heading"] == "Tổ chức thực hiện"
    assert not [m for _, m in shown(win) if "gõ ở đầu" in m]
    assert "numbering.typed_label" not in stored_rules(win)
    win.editor.undo_stack.undo()
    assert stored_node(win.db, win.program["id"], node)["heading"] == "1.1. Tổ chức thực hiện"
    win.checker.check_now()
    assert "numbering.typed_label" in stored_rules(win)


def test_a_rule_that_could_not_be_checked_is_shown_apart_and_not_counted_as_an_error(window, tmp_path):
    from tests.check_samples import GOOD_HD36

    path = tmp_path / "khong-dau-chu-thich.txt"
    path.write_text(GOOD_HD36.replace("[1].", "."), encoding="utf-8")
    dialog = window.checker.check_file(str(path))
    view = dialog.view
    assert view.summary.text().startswith("<b>0 lỗi</b>, 0 cảnh báo và gợi ý, 1 không kiểm tra được")
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert groups == ["Không kiểm tra được (1)"]
    dialog.close()
