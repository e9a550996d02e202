"""Views that read off the GUI thread (Tổng quan, Báo cáo, the format panel's re-check) and the window
that paints before it opens the last program never show stale or empty data: a tab first shown after
an edit shows the edit, an undo shows again what was there, and a read made out of date meanwhile is
never shown over a newer one."""

from __future__ import annotations

import threading

from hgdesk import services
from tests.conftest import SEEDS, read_done
from ui import runner
from ui.main_window import MainWindow
from ui.printing import print_options


def _quarter(db) -> int:
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 1)


def _reported_totals(window) -> list[int]:
    """The 'Tổng số nhiệm vụ' row of the Báo cáo tab, as the user reads it."""
    table = read_done(window.reports).status_box.itemAt(0).widget()
    return [int(table.item(0, c).text()) for c in range(1, table.columnCount())]


def _stored_totals(db, program_id: int) -> list[int]:
    return [r["total"] for r in services.report_status(db, program_id)]


def _section_with_tasks(db, program_id: int) -> int:
    def walk(nodes):
        for n in nodes:
            if n["kind"] in ("part", "section") and any(c["kind"] not in ("part", "section") for c in n["children"]):
                return n["id"]
            found = walk(n["children"])
            if found:
                return found
        return None

    return walk(services.program_json(db, program_id)["nodes"])


def test_a_tab_first_shown_after_an_edit_shows_the_edit_and_follows_its_undo(qtbot, tmp_path):
    from hgdesk.db import Database

    db = Database(str(tmp_path / "lazy.sqlite3"))
    quarter = _quarter(db)
    window = MainWindow(db, open_later=True)  # as the application opens it
    qtbot.addWidget(window)
    window.show()
    assert window.program is None  # the window paints first…
    qtbot.waitUntil(lambda: window.program is not None)  # …then opens the program last worked on
    assert window.program["id"] == quarter
    assert window.editor.tree.model().rowCount() == len(services.program_json(db, quarter)["nodes"])

    # Tổng quan, read in the background, shows what is stored
    assert window.tabs.currentWidget() is window.dashboard
    board = read_done(window.dashboard).board
    stored = services.dashboard(db, window.dashboard.as_of)
    assert (board.count(board.overdue), len(board.drafts)) == (stored.count(stored.overdue), len(stored.drafts))

    # an edit in the editor, before Báo cáo was ever shown
    window.tabs.setCurrentWidget(window.editor)
    before = _stored_totals(db, quarter)
    window.editor.select_node(_section_with_tasks(db, quarter))
    window.editor.delete_current()
    after = _stored_totals(db, quarter)
    assert after[0] < before[0]  # the section's tasks went with it

    window.tabs.setCurrentWidget(window.reports)  # first shown now: the edit is there
    assert _reported_totals(window) == after

    window.tabs.setCurrentWidget(window.editor)
    window.editor.undo_stack.undo()
    assert _stored_totals(db, quarter) == before
    window.tabs.setCurrentWidget(window.reports)  # shown again after the undo
    assert _reported_totals(window) == before

    window.tabs.setCurrentWidget(window.dashboard)  # and back: still what is stored
    board = read_done(window.dashboard).board
    stored = services.dashboard(db, window.dashboard.as_of)
    assert board.count(board.overdue) == stored.count(stored.overdue)
    window.close()
    db.dispose()


def test_the_format_panel_follows_an_edit_without_holding_the_window(main_window, qtbot):
    window = main_window
    quarter = _quarter(window.db)
    window.refresh_programs(quarter)
    first = window.checker.check_now()  # F7: the panel opens with the report
    assert window.checker.dock.isVisible() and window.checker.view.report is first
    window.tabs.setCurrentWidget(window.editor)
    window.editor.select_node(_section_with_tasks(window.db, quarter))
    window.editor.delete_current()
    qtbot.waitUntil(lambda: window.checker.view.report is not first and not window.checker.reader.busy)
    options = print_options()
    stored = services.check_program(window.db, quarter, options["profile"], tone=options["tone"])
    shown = window.checker.view.report
    assert [(f.rule_id, f.where, f.message) for f in shown.findings] == \
        [(f.rule_id, f.where, f.message) for f in stored.findings]
    assert window.checker.view.tree.topLevelItemCount() > 0  # and the panel lists it


def test_a_read_made_out_of_date_is_never_shown_over_a_newer_one(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    reader = runner.Reader(owner)
    shown: list[str] = []
    release = threading.Event()
    reader.start(lambda: (release.wait(5), "old")[1], shown.append, lambda *_: shown.append("failed"))
    qtbot.waitUntil(lambda: bool(reader._running))  # the first read is under way…
    reader.start(lambda: "new", shown.append, lambda *_: shown.append("failed"))  # …when the data changes
    qtbot.waitUntil(lambda: shown == ["new"])
    release.set()
    qtbot.waitUntil(lambda: not reader._running)
    assert shown == ["new"]  # the older read ended later and was dropped
    reader.start(lambda: 1 / 0, shown.append, lambda message, _details: shown.append(message))
    reader.cancel()  # the data changed before it began: nothing is shown, not even its failure
    assert not reader.busy
    qtbot.waitUntil(lambda: not reader._running)
    assert shown == ["new"]
    reader.start(lambda: 1 / 0, shown.append, lambda message, _details: shown.append(message))
    qtbot.waitUntil(lambda: not reader.busy)  # a failure that is current is told
    assert shown[-1] == "Đã xảy ra lỗi không mong muốn."


def test_closing_the_search_dialog_stops_building_its_results(main_window, qtbot):
    from ui.search import BATCH, SearchDialog

    window = main_window
    _quarter(window.db)
    dialog = SearchDialog(window.db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    total = len(services.search(window.db, "tinh"))
    assert total > 2 * BATCH
    real_add = dialog._add

    def close_on_first_rows(generation, found):
        real_add(generation, found)
        dialog.close()  # the user closes the dialog as the first rows appear, more on their way

    dialog._add = close_on_first_rows
    qtbot.keyClicks(dialog.query, "tinh")
    qtbot.waitUntil(lambda: dialog.isHidden() and dialog.results.count() > 0)
    qtbot.wait(100)
    assert dialog.results.count() == BATCH  # closed: nothing more is built unseen
    del dialog._add
    dialog.show()  # opened again: the results afresh, all of them
    qtbot.waitUntil(lambda: dialog.results.count() == total)
    dialog.close()


def test_a_long_program_list_opens_by_office_with_the_shown_program_in_view(main_window, monkeypatch):
    """A province's decade (thousands of programs): the list is not opened row by row; the shown
    program's year is, and opening another program from elsewhere opens its year."""
    window, db = main_window, main_window.db
    text = (SEEDS / "seed000.txt").read_text(encoding="utf-8")
    current = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, current, 1)
    earlier = services.import_bytes(db, text.replace("2024", "2023").encode("utf-8"), "nam-2023.txt")
    monkeypatch.setattr(MainWindow, "EXPAND_ALL_UP_TO", 1)
    window.refresh_programs(quarter)
    view, model = window.programs, window.programs.model()

    def year_of(program_id: int):
        index = view.currentIndex()
        assert index.data(256)["program_id"] == program_id
        return index.parent()

    shown_year = year_of(quarter)
    assert view.isExpanded(shown_year) and shown_year.data() == "Năm 2024"
    office = shown_year.parent()
    assert view.isExpanded(office)
    years = {model.index(r, 0, office).data(): model.index(r, 0, office) for r in range(model.rowCount(office))}
    assert not view.isExpanded(years["Năm 2023"])  # folded: its rows are not laid out
    assert window.program["id"] == quarter

    window._open_program_in_editor(earlier)  # as the dashboard opens a draft
    assert view.isExpanded(year_of(earlier)) and window.program["id"] == earlier
    assert window.program["title"] == services.program_json(db, earlier)["title"]
