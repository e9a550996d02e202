"""Chỉ tiêu on a quarter: the secretary records a figure there and sees it there at once (the figure is
kept with the annual program's indicator, which the quarter shows), after switching tabs, and after
recording the same quarter again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.modals import answer_modals
from ui.indicators import RecordDialog


def _type_value(value: str):
    def answer(box) -> None:
        if isinstance(box, RecordDialog):
            box.value.setText(value)
            box._check()
    return answer


def _shown_actual(win) -> str:
    tab = win.indicators
    row = tab.table.currentIndex().row()
    column = [c[0] for c in tab.model.COLUMNS].index("actual")
    return tab.model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""


def test_a_figure_recorded_on_the_quarter_shows_on_the_quarter_at_once_and_after_switching(quarter_window, window_on,
                                                                                          qtbot):
    win, q3 = quarter_window(3)
    win.tabs.setCurrentWidget(win.indicators)
    tab = win.indicators
    qtbot.waitUntil(lambda: bool(tab.model.rows))
    tab.table.selectRow(0)
    chosen = tab.model.rows[0]["indicator_id"]
    timer = answer_modals(_type_value("820"))
    tab.record()
    timer.stop()
    qtbot.waitUntil(lambda: tab.model.rows[0]["actual"] == 820)
    assert tab.model.rows[0]["indicator_id"] == chosen and tab.model.rows[0]["period"] == "2024-Q3"
    assert "820" in _shown_actual(win)

    win.tabs.setCurrentWidget(win.tracking)  # away and back: still there
    win.tabs.setCurrentWidget(win.indicators)
    qtbot.waitUntil(lambda: bool(tab.model.rows) and tab.model.rows[0]["actual"] == 820)

    tab.table.selectRow(0)
    timer = answer_modals(_type_value("900"))  # recording the quarter again replaces its figure
    tab.record()
    timer.stop()
    qtbot.waitUntil(lambda: tab.model.rows[0]["actual"] == 900)
    assert [h["actual"] for h in tab.model.rows[0]["history"]] == [900]

    win.close()  # closed and opened again on the same file: the figure is still the quarter's
    again = window_on()
    again.refresh_programs(q3)
    again.tabs.setCurrentWidget(again.indicators)
    qtbot.waitUntil(lambda: bool(again.indicators.model.rows))
    assert again.indicators.model.rows[0]["actual"] == 900 and again.indicators.model.rows[0]["period"] == "2024-Q3"
