"""The header form "Thông tin văn bản" as a commune secretary uses it: the issue date typed as
dd/mm/yyyy (or left empty), impossible or absurd dates told in Vietnamese and never stored, the
calendar opening on the program's period; an issued program's header read-only and saying how to
change it. Driven through the real widgets (type, pause, type again, undo, close, reopen)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from hgdesk import services
from hgdesk.errors import InputError
from tests import keyboard
from tests.conftest import SEEDS
from ui import runner
from ui.dialogs import IssueDialog

PAUSE_MS = 1000  # longer than the autosave pause (700 ms)


def quarter_draft(db) -> int:
    annual = services.import_file(db, SEEDS / "seed000.txt")  # annual program 2024
    return services.derive_quarter(db, annual, 1)


def stored(db, program_id: int) -> dict:
    return services.program_json(db, program_id)


def retype(qtbot, line, text: str) -> None:
    """Select what the box holds and type over it, then pause as a person does."""
    line.setFocus()
    line.selectAll()
    if text:
        keyboard.type_text(line, text)
    else:
        QTest.keyClick(line, Qt.Key.Key_Delete)
    qtbot.wait(PAUSE_MS)


# --- the core: what a typed date means ---------------------------------------------------------
def test_a_typed_date_is_read_as_day_month_year_and_empty_means_no_date_yet():
    assert services.parse_day("05/01/2027") == date(2027, 1, 5)
    assert services.parse_day(" 5-1-2027 ") == date(2027, 1, 5)
    assert services.parse_day("05012027") == date(2027, 1, 5)
    assert services.parse_day("") is None
    with pytest.raises(InputError, match=r"Ngày 31/02/2027 không có thật: tháng 2/2027 chỉ có 28 ngày"):
        services.parse_day("31/02/2027")
    with pytest.raises(InputError, match=r"tháng phải từ 1 đến 12"):
        services.parse_day("01/13/2027")
    with pytest.raises(InputError, match=r"chỉ nhận ngày từ năm 1930"):
        services.parse_day("15/09/1752")
    with pytest.raises(InputError, match=r"chỉ nhận ngày từ năm 1930 đến năm"):
        services.parse_day("01/01/2999")
    with pytest.raises(InputError, match=r"chưa phải là ngày"):
        services.parse_day("(chưa có ngày)31022027")


def test_an_absurd_issue_date_is_refused_by_the_core_and_nothing_changes(db):
    program = quarter_draft(db)
    before = stored(db, program)
    with pytest.raises(InputError, match="1930"):
        services.update_program(db, program, issue_date=date(1752, 9, 15))
    with pytest.raises(InputError, match="1930"):
        services.issue_program(db, program, "5", date(1752, 9, 15))
    assert stored(db, program) == before


def test_the_calendar_opens_on_the_date_set_else_the_programs_quarter_else_today():
    today = date(2026, 11, 23)
    assert services.calendar_start(2027, 1, None, today) == date(2027, 1, 1)
    assert services.calendar_start(2026, 4, None, today) == today
    assert services.calendar_start(2026, None, None, today) == today
    assert services.calendar_start(None, None, None, today) == today
    assert services.calendar_start(2027, 1, date(2027, 2, 3), today) == date(2027, 2, 3)


# --- the form, through its widgets ------------------------------------------------------------
def test_typing_the_issue_date_in_the_header_form_saves_real_dates_and_explains_impossible_ones(window_on, qtbot):
    holder = {}
    win = window_on(lambda db: holder.update(program=quarter_draft(db)))
    program = holder["program"]
    win.refresh_programs(program)
    editor = win.editor
    win.tabs.setCurrentWidget(editor)  # the window opens on Tổng quan at the first start of a day
    editor.side.setCurrentWidget(editor.header_page)
    field = editor.f_date
    assert field.text() == "" and field.line.placeholderText()  # "chưa có ngày": an empty box, not 1752

    # an impossible date: told under the box, kept as typed, not stored
    retype(qtbot, field.line, "31/02/2027")
    assert field.line.text() == "31/02/2027"
    assert field.message.isVisible() and "không có thật" in field.message.text()
    assert stored(win.db, program)["date"] is None

    # other fields typed meanwhile are saved all the same; the wrong date stays on screen
    retype(qtbot, editor.f_signer, "Nguyễn Văn A")
    assert stored(win.db, program)["signer"]["name"] == "Nguyễn Văn A"
    assert field.line.text() == "31/02/2027" and stored(win.db, program)["date"] is None

    # corrected: saved, the message goes away as soon as it is right
    retype(qtbot, field.line, "28/02/2027")
    assert not field.message.isVisible()
    assert stored(win.db, program)["date"] == "2027-02-28"

    # a stray year (what ↑ gave in a spin box) is refused, the stored date is kept
    retype(qtbot, field.line, "15/09/1752")
    assert "1930" in field.message.text()
    assert stored(win.db, program)["date"] == "2027-02-28"

    # undo goes back over the saved steps: the date, then the signer
    retype(qtbot, field.line, "01/03/2027")
    assert stored(win.db, program)["date"] == "2027-03-01"
    editor.undo()
    assert stored(win.db, program)["date"] == "2027-02-28"
    assert field.text() == "28/02/2027"  # the form shows what is stored

    # emptied: "chưa có ngày" is allowed
    retype(qtbot, field.line, "")
    assert stored(win.db, program)["date"] is None and not field.message.isVisible()
    retype(qtbot, field.line, "10/01/2027")

    # switch away and back, close and reopen: the saved date is shown as typed
    win.tabs.setCurrentWidget(win.tracking)
    win.tabs.setCurrentWidget(editor)
    path = win.db.path
    win.close()
    from hgdesk.db import Database
    from ui.main_window import MainWindow

    again = MainWindow(Database(str(path)))
    qtbot.addWidget(again)
    again.show()
    again.refresh_programs(program)
    assert again.editor.f_date.text() == "10/01/2027"
    assert stored(again.db, program)["signer"]["name"] == "Nguyễn Văn A"
    again.close()
    again.db.dispose()


def test_the_header_calendar_opens_on_the_programs_quarter_not_1752(main_window):
    program = quarter_draft(main_window.db)
    main_window.refresh_programs(program)
    field = main_window.editor.f_date
    field.button.menu().aboutToShow.emit()  # what opening the pop-up does first
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (2024, 1)  # Q1/2024
    assert field.calendar.minimumDate().year() == 1930
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(14))  # picks 15/01/2024
    assert field.text() == "15/01/2024"


def test_an_issued_programs_header_cannot_be_typed_into_and_says_how_to_change_it(main_window, qtbot):
    db = main_window.db
    program = quarter_draft(db)
    services.update_program(db, program, signer_name="Trần Thị B")
    services.issue_program(db, program, "3", date(2024, 1, 5))
    main_window.refresh_programs(program)
    editor = main_window.editor
    main_window.tabs.setCurrentWidget(editor)  # the window opens on Tổng quan at the first start of a day
    editor.side.setCurrentWidget(editor.header_page)
    assert all(w.isReadOnly() for w in editor.header_inputs) and editor.f_date.line.isReadOnly()
    assert not editor.f_date.button.isEnabled() and not editor.apply_header.isEnabled()
    assert editor.header_locked.isVisible() and "Tạo phiên bản mới" in editor.header_locked.text()
    editor.f_signer.setFocus()
    keyboard.type_text(editor.f_signer, "X")  # what the secretary tried
    qtbot.wait(PAUSE_MS)
    assert editor.f_signer.text() == "Trần Thị B"
    assert stored(db, program)["signer"]["name"] == "Trần Thị B" and not editor.autosave.has_pending()
    keyboard.type_text(editor.heading, "X")  # the tree editor's fields are locked the same way
    assert editor.heading.isReadOnly()
    # a new draft made from it is editable again
    main_window.new_version()
    assert not main_window.editor.f_signer.isReadOnly() and not main_window.editor.header_locked.isVisible()


# --- Ban hành: the number --------------------------------------------------------------------
def test_the_issue_dialog_fills_in_the_next_number_selected_so_typing_replaces_it(main_window, monkeypatch):
    program = quarter_draft(main_window.db)
    main_window.refresh_programs(program)
    seen = {}

    def look(dialog):
        seen["text"], seen["selected"] = dialog.number.text(), dialog.number.selectedText()
        keyboard.type_text(dialog.number, "7")
        seen["typed"] = dialog.number.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(IssueDialog, "exec", look)
    main_window.issue_dialog()
    assert seen == {"text": "01", "selected": "01", "typed": "7"}


def test_a_duplicate_number_is_refused_naming_the_program_even_with_a_reason(main_window, monkeypatch):
    db = main_window.db
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1, q2 = services.derive_quarter(db, annual, 1), services.derive_quarter(db, annual, 2)
    services.issue_program(db, q1, "16", date(2026, 11, 20))
    before = stored(db, q2)
    with pytest.raises(InputError, match=r"Số 16-CTr/TU đã dùng cho “Chương trình công tác quý I/2024”.*số tiếp theo"):
        services.issue_checked(db, q2, "16", date(2026, 11, 23), reason="Lãnh đạo đồng ý")
    assert stored(db, q2) == before

    # in the window: the refusal comes at once, the dialog comes back with what was typed
    main_window.refresh_programs(q2)
    errors, opened = [], []

    def fill(dialog):
        opened.append(dialog.number.text())
        if len(opened) == 2:
            return QDialog.DialogCode.Rejected
        dialog.number.setText("16")
        dialog.date.setDate(dialog.date.date().fromString("23/11/2026", "dd/MM/yyyy"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(IssueDialog, "exec", fill)
    monkeypatch.setattr(runner, "show_error", lambda _p, _t, message, _d="": errors.append(message))
    main_window.issue_dialog()
    assert opened == ["17", "16"] and "Chương trình công tác quý I/2024" in errors[0]
    assert stored(db, q2)["status"] == "draft"


def test_the_issue_dialog_date_box_cannot_reach_1752(main_window):
    dialog = IssueDialog("CTr/ĐU", main_window)
    dialog.date.setFocus()
    dialog.date.setDate(dialog.date.minimumDate())
    dialog.date.stepBy(-1)
    assert dialog.date.date().year() == 1930
    dialog.close()
