"""A date box a secretary can use: type dd/mm/yyyy (or leave it empty: "chưa có ngày"), or pick
from a calendar that opens on the program's period. What was typed stays as typed; whether it is
a real, plausible date is the core's answer (services.parse_day), shown under the box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from hgdesk import services
from hgdesk.errors import InputError


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QWidget):
    """`edited` fires on every change the user makes (typing or a calendar pick)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period: tuple[int | None, int | None] = (None, None)  # (year, quarter) the calendar opens on
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy — để trống khi chưa có ngày"))
        self.line.setAccessibleName(self.tr("Ngày ban hành"))
        self.line.setMaxLength(20)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self.validate)
        self.button = QToolButton()
        self.button.setText(self.tr("Lịch…"))
        self.button.setToolTip(self.tr("Chọn ngày trên lịch"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._open_calendar)
        self.button.setMenu(menu)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel{color:#b00020;}")
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.message)

    # --- what the form reads and writes -----------------------------------------------------
    def text(self) -> str:
        return self.line.text().strip()

    def set_iso(self, value: str | None) -> None:
        """Show a stored date (ISO text) or nothing; clears any message."""
        self.line.setText(date.fromisoformat(value).strftime("%d/%m/%Y") if value else "")
        self.show_problem("")

    def value(self) -> date | None:
        """The typed date; InputError (Vietnamese) when it is not a real, plausible date."""
        return services.parse_day(self.text())

    def iso_or_text(self) -> str | None:
        """For the form's saved values: ISO for a good date, None when empty, else the text as typed."""
        try:
            day = self.value()
        except InputError:
            return self.text()
        return day.isoformat() if day else None

    def validate(self) -> bool:
        """Show what is wrong with the typed text (or nothing); True when it can be saved."""
        try:
            self.value()
        except InputError as exc:
            self.show_problem(str(exc))
            return False
        self.show_problem("")
        return True

    def show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- user actions -----------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        if self.message.isVisible():
            self.validate()  # a correction clears the message as soon as it is right
        self.edited.emit()

    def _open_calendar(self) -> None:
        first, last = services.plausible_range()
        self.calendar.setDateRange(_qdate(first), _qdate(last))
        try:
            current = self.value()
        except InputError:
            current = None
        start = services.calendar_start(*self.period, current)
        self.calendar.setSelectedDate(_qdate(start))
        self.calendar.setCurrentPage(start.year, start.month)

    def _picked(self, picked: QDate) -> None:
        self.line.setText(picked.toString("dd/MM/yyyy"))
        self.show_problem("")
        menu = self.button.menu()
        if menu is not None:
            menu.close()
        self.edited.emit()
