"""The tracking table as a secretary uses it: sort by a column, type in the filter box (pausing,
typing on, correcting), change a task while sorted and filtered, clear the filter, leave and come
back. After every step what the table shows is what is stored, in the order asked for."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from hgdesk import services
from hgdesk.text import fold
from tests.conftest import SEEDS
from tests.modals import answer_done


def shown(tab) -> list[dict]:
    """The rows as the table shows them, top to bottom."""
    return [tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(tab.proxy.rowCount())]


def stored(db, program) -> dict[int, dict]:
    return {r["task_id"]: r for r in services.program_tasks(db, program)}


def assert_shows_what_is_stored(tab, db, program) -> None:
    truth = stored(db, program)
    for row in shown(tab):
        for key in ("status", "lead_unit", "result_note", "text"):
            assert row[key] == truth[row["task_id"]][key], key


def note_through_the_bar(tab, task: dict, note: str) -> None:
    """Select the task's row alone and give it a result through the bar under the table."""
    row = next(i for i, r in enumerate(shown(tab)) if r["task_id"] == task["task_id"])
    tab.table.selectionModel().select(tab.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
    tab.bulk.note.insert(note)
    assert tab.bulk.apply()


def open_second_quarter(win):
    """The annual program of seed 000 imported, its quarter II drafted and opened in the tracking tab:
    (the tab, the quarter's id, its number of tasks)."""
    annual = services.import_file(win.db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(win.db, annual, 2)
    win.refresh_programs(q2)
    win.tabs.setCurrentWidget(win.tracking)
    return win.tracking, q2, len(services.program_tasks(win.db, q2))


def test_sorting_filtering_and_editing_the_tracking_table_keep_what_is_shown_true(qtbot, main_window):
    win, db = main_window, main_window.db
    tab, q2, everything = open_second_quarter(win)
    assert tab.proxy.rowCount() == everything > 20

    # sort by the task text (header click): Vietnamese order, ignoring marks and case
    header = tab.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point_of(header, 2))
    texts = [fold(r["text"]) for r in shown(tab)]
    assert texts == sorted(texts) or texts == sorted(texts, reverse=True)
    tab.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [fold(r["text"]) for r in shown(tab)] == sorted(fold(r["text"]) for r in shown(tab))

    # type in the filter box, pause, type on, correct a typo
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "tri")
    qtbot.wait(30)
    qtbot.keyClicks(tab.search, "enx")
    assert tab.proxy.rowCount() == 0 or all("trienx" in fold(r["text"] + " " + r["result_note"]) for r in shown(tab))
    qtbot.keyClick(tab.search, Qt.Key.Key_Backspace)
    matching = shown(tab)
    assert matching and len(matching) < everything
    assert all("trien" in fold(f"{r['text']} {r['result_note']} {r['lead_unit']}") for r in matching)
    expected = sum("trien" in fold(f"{r['text']} {r['result_note']} {r['lead_unit']}")
                   for r in services.program_tasks(db, q2))
    assert len(matching) == expected
    assert f"Hiển thị {expected}/{everything}" in tab.summary.text()

    # select the second row shown and mark it done from the keyboard, sorted and filtered
    target = matching[1]
    tab.table.selectionModel().select(tab.proxy.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    timer = answer_done("Đã triển khai")  # done asks for its result
    qtbot.keyClick(tab.table, Qt.Key.Key_3)
    timer.stop()
    assert stored(db, q2)[target["task_id"]]["status"] == "done"
    assert_shows_what_is_stored(tab, db, q2)

    # sort by status, descending: the selection follows its task
    tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    selected = tab.selected_rows()
    assert [r["task_id"] for r in selected] == [target["task_id"]]
    statuses = [r["status"] for r in shown(tab)]
    assert statuses == sorted(statuses, key=lambda s: fold(s), reverse=True)

    # a note typed into the bar makes a hidden task match: it appears at once
    hidden = next(r for r in services.program_tasks(db, q2) if r["task_id"] not in {m["task_id"] for m in shown(tab)})
    tab.search.clear()
    tab.table.selectionModel().clearSelection()
    note_through_the_bar(tab, hidden, "Đã triển khai xong")
    qtbot.keyClicks(tab.search, "trien")
    assert hidden["task_id"] in {r["task_id"] for r in shown(tab)}
    assert_shows_what_is_stored(tab, db, q2)

    # clear the filter, leave for the editor, come back: everything, as stored
    tab.search.clear()
    assert tab.proxy.rowCount() == everything
    win.tabs.setCurrentIndex(0)
    win.refresh_programs(q2)
    win.tabs.setCurrentWidget(win.tracking)
    assert tab.proxy.rowCount() == everything
    assert_shows_what_is_stored(tab, db, q2)


def point_of(header, logical: int):
    """The centre of a header section, where a person clicks to sort by it."""
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
    return QPoint(x, header.height() // 2)


def test_a_long_table_filters_when_typing_pauses_and_then_shows_what_is_stored(qtbot, main_window, monkeypatch):
    """Thousands of tasks: each key only types (the window never waits for the table); when typing
    pauses the table shows exactly the matching tasks, and a task changed meanwhile shows as stored."""
    from ui.tracking import TrackingTab

    monkeypatch.setattr(TrackingTab, "TYPE_AHEAD_ROWS", 10)  # the seed's quarter counts as a long table
    win, db = main_window, main_window.db
    tab, q2, everything = open_second_quarter(win)
    assert tab.proxy.rowCount() == everything > 10

    def matching(word: str) -> set[int]:
        return {r["task_id"] for r in services.program_tasks(db, q2)
                if word in fold(f"{r['text']} {r['result_note']} {r['lead_unit']}")}

    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "tri")
    assert tab.filtering and tab.proxy.rowCount() == everything  # typing: not filtered yet
    qtbot.wait(30)  # a short pause between words is still typing
    qtbot.keyClicks(tab.search, "en")
    qtbot.waitUntil(lambda: not tab.filtering)  # the pause: filtered once
    assert {r["task_id"] for r in shown(tab)} == matching("trien")
    assert f"Hiển thị {len(matching('trien'))}/{everything}" in tab.summary.text()

    # a note typed into the bar for a hidden task: it matches at once (no typing to wait for)
    hidden = next(r for r in services.program_tasks(db, q2) if r["task_id"] not in matching("trien"))
    tab.search.clear()
    qtbot.waitUntil(lambda: not tab.filtering)
    assert tab.proxy.rowCount() == everything
    note_through_the_bar(tab, hidden, "Đã triển khai xong")
    qtbot.keyClicks(tab.search, "trien")
    qtbot.keyClick(tab.search, Qt.Key.Key_Backspace)  # a typo corrected before the pause
    qtbot.keyClicks(tab.search, "n")
    qtbot.waitUntil(lambda: not tab.filtering)
    assert hidden["task_id"] in {r["task_id"] for r in shown(tab)}
    assert {r["task_id"] for r in shown(tab)} == matching("trien")
    assert_shows_what_is_stored(tab, db, q2)

    # the dashboard opening a task hidden by the typed filter: shown at once, filter cleared
    other = next(r for r in services.program_tasks(db, q2) if r["task_id"] not in matching("trien"))
    qtbot.keyClicks(tab.search, "x")
    assert tab.select_task(other["task_id"])
    assert not tab.filtering and tab.search.text() == "" and tab.proxy.rowCount() == everything
    assert tab.table.currentIndex().data(Qt.ItemDataRole.UserRole)["task_id"] == other["task_id"]


def test_hoan_tac_in_theo_doi_takes_back_the_last_cell_edit_first(quarter_window, qtbot):
    """In progress for I.4, its deadline moved, in progress for I.5; Hoàn tác takes back I.5's status first,
    then the deadline, then I.4's status — the order they were made, whichever column."""
    from datetime import date

    from hgdesk import services

    win, quarter = quarter_window(2)
    win.tabs.setCurrentWidget(win.tracking)
    tab = win.tracking
    qtbot.waitUntil(lambda: bool(tab.model.rows))
    model = tab.model
    column = {key: i for i, (key, _title) in enumerate(model.COLUMNS)}
    first, second = model.rows[3]["task_id"], model.rows[4]["task_id"]

    def row_of(task_id):
        return next(r for r, row in enumerate(model.rows) if row["task_id"] == task_id)

    def stored(task_id):
        return next(r for r in services.program_tasks(win.db, quarter) if r["task_id"] == task_id)

    assert model.setData(model.index(row_of(first), column["status"]), "in_progress")
    assert model.setData(model.index(row_of(first), column["deadline"]), "15/6/2024")
    assert model.setData(model.index(row_of(second), column["status"]), "in_progress")
    tab.bulk.undo_button.click()
    assert stored(second)["status"] == "not_started" and stored(first)["due_date"] == date(2024, 6, 15)
    tab.bulk.undo_button.click()
    assert stored(first)["due_date"] == date(2024, 6, 30) and stored(first)["status"] == "in_progress"
    tab.bulk.undo_button.click()
    assert stored(first)["status"] == "not_started"
    assert model.rows[row_of(first)]["status"] == "not_started"  # the table shows what is stored
    tab.bulk.redo_button.click()
    assert stored(first)["status"] == "in_progress" == model.rows[row_of(first)]["status"]


def test_the_task_column_keeps_a_few_words_a_line_when_the_table_is_narrow(quarter_window, qtbot):
    """With the format panel open at 1366×768 the table is narrow: the task column keeps its width and the
    table scrolls sideways, instead of one word a line; wide again, the column takes what is left."""
    from PySide6.QtWidgets import QHeaderView

    win, _quarter = quarter_window(2)
    win.tabs.setCurrentWidget(win.tracking)
    tab = win.tracking
    qtbot.waitUntil(lambda: bool(tab.model.rows))
    header = tab.table.horizontalHeader()
    tab.resize(700, 500)
    qtbot.waitUntil(lambda: tab.table.columnWidth(2) >= tab.TASK_COLUMN_AT_LEAST)
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Interactive
    assert tab.table.horizontalScrollBar().maximum() > 0
    tab.resize(1600, 500)
    qtbot.waitUntil(lambda: header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch)
    assert tab.table.columnWidth(2) > tab.TASK_COLUMN_AT_LEAST
