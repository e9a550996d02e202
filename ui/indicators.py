"""Chỉ tiêu: indicators with target, latest actual value and % achieved; recording results."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import format_vn_number, parse_vn_number, to_roman
from ui import runner
from ui.models import LazyTab, RowsModel

Index = QModelIndex | QPersistentModelIndex


def _number(value: float | None) -> str:
    return "" if value is None else format_vn_number(value)


class IndicatorModel(RowsModel):
    COLUMNS = (("label", "STT"), ("text", "Chỉ tiêu"), ("target", "Mục tiêu"), ("unit", "Đơn vị"),
               ("actual", "Thực hiện"), ("period", "Kỳ"), ("percent", "% đạt"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[key]
            if key in ("target", "actual"):
                return _number(value)
            if key == "percent":
                return "" if value is None else f"{format_vn_number(value)}%"
            if key == "period" and value:
                year, quarter = value.split("-Q")
                return self.tr("Quý {q}/{y}").format(q=to_roman(int(quarter)), y=year)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("target", "actual", "percent"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecordDialog(QDialog):
    def __init__(self, parent: QWidget, row: dict[str, Any], year: int | None, quarter: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ghi kết quả thực hiện chỉ tiêu"))
        form = QFormLayout(self)
        text = QLabel(f"{row['label']} {row['text']}")
        text.setWordWrap(True)
        form.addRow(text)
        self.period = QComboBox()
        for y in ((year or 2024) - 1, year or 2024):
            for q in (1, 2, 3, 4):
                self.period.addItem(self.tr("Quý {q}/{y}").format(q=to_roman(q), y=y), f"{y}-Q{q}")
        self.period.setCurrentIndex(3 + (quarter or 1))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("ví dụ 1.150 hoặc 7,5"))
        self.note = QLineEdit()
        form.addRow(self.tr("Kỳ:"), self.period)
        form.addRow(self.tr("Giá trị thực hiện ({unit}):").format(unit=row.get("unit") or "—"), self.value)
        form.addRow(self.tr("Ghi chú:"), self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.result_value: float | None = None

    def _check(self) -> None:
        try:
            self.result_value = parse_vn_number(self.value.text())
        except ValueError:
            self.error.setText(self.tr("Giá trị phải là một số, ví dụ 1.150 hoặc 7,5."))
            return
        self.accept()


def value_axis(values: list[float]) -> QValueAxis:
    """The results axis: small whole counts (chi bộ, đảng viên…) tick on whole numbers, never
    "0, 0, 1, 1, 2"; other values get nice round steps with one decimal only when a step needs it."""
    axis = QValueAxis()
    top = max(values) if values else 1
    if all(float(v).is_integer() for v in values) and top <= 8:
        axis.setRange(0, int(top) + 1)
        axis.setTickCount(int(top) + 2)
        axis.setLabelFormat("%.0f")
        return axis
    axis.setRange(0, top * 1.15)
    axis.applyNiceNumbers()
    step = (axis.max() - axis.min()) / max(1, axis.tickCount() - 1)
    axis.setLabelFormat("%.0f" if float(step).is_integer() else "%.1f")
    return axis


class IndicatorsTab(LazyTab):
    changedContent = Signal()

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = IndicatorModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 50), (2, 100), (3, 140), (4, 100), (5, 90), (6, 70)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.doubleClicked.connect(self.record)
        self.record_button = QPushButton(self.tr("Ghi kết quả…"))
        self.record_button.clicked.connect(self.record)
        self.empty = QLabel(self.tr("Chương trình này không có chỉ tiêu. Chỉ tiêu nằm trong chương trình công tác năm "
                                    "(mục “Các chỉ tiêu chủ yếu”)."))
        self.empty.setWordWrap(True)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(200)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_history())
        top = QHBoxLayout()
        top.addWidget(self.empty, 1)
        top.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignRight)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([480, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def concerned(self, changes: Any) -> bool:
        """A quarter shows its annual program's indicators: a result recorded there (from this very tab)
        concerns it as much as a change of the quarter itself."""
        if not self.program:
            return False
        return bool({self.program["id"], self.program.get("parent_id")} & set(changes.touched))

    def fill(self) -> None:
        """A quarterly program tracks the indicators of the annual program it came from."""
        rows = services.program_indicators(self.db, self.program["id"]) if self.program else []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.record_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
        self.show_history()

    def select_indicator(self, node_id: int) -> bool:
        """Show one indicator's row, current (Tổng quan's "behind" list and a report's line open it)."""
        if self.stale:
            self.refresh()
        row = next((i for i, r in enumerate(self.model.rows) if r.get("node_id") == node_id), None)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def show_history(self) -> None:
        """The selected indicator's results period by period, against its target."""
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.rows:
            chart.setTitle(self.tr("Chọn một chỉ tiêu để xem kết quả qua các kỳ"))
            self.chart.setChart(chart)
            return
        row = self.model.rows[index.row()]
        chart.setTitle(f"{row['label']} {services.clip(row['text'], 90)}")
        periods = [h["period"] for h in row["history"]]
        actual = QLineSeries()
        actual.setName(self.tr("Thực hiện"))
        actual.setPointsVisible(True)  # a single result is a point, not nothing
        for i, h in enumerate(row["history"]):
            if h["actual"] is not None:
                actual.append(QPointF(i, h["actual"]))
        chart.addSeries(actual)
        values = [h["actual"] for h in row["history"] if h["actual"] is not None]
        if row["target"] is not None:
            target = QLineSeries()
            target.setName(self.tr("Mục tiêu ({v})").format(v=_number(row["target"])))
            target.setPen(QPen(Qt.GlobalColor.darkRed, 1.5, Qt.PenStyle.DashLine))
            target.append(QPointF(0, row["target"]))
            target.append(QPointF(max(1, len(periods) - 1), row["target"]))
            chart.addSeries(target)
            values.append(row["target"])
        axis_x = QCategoryAxis()
        for i, period in enumerate(periods):
            year, quarter = period.split("-Q")
            axis_x.append(self.tr("Quý {q}/{y}").format(q=to_roman(int(quarter)), y=year), i)
        axis_x.setRange(-0.3, max(1, len(periods) - 1) + 0.3)  # room for the end labels
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis_y = value_axis(values)
        chart.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        chart.setLocalizeNumbers(True)  # "8,5" as written in Vietnamese, not "8.5"
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        if not periods:
            chart.setTitle(chart.title() + self.tr(" — chưa ghi kết quả kỳ nào"))
        self.chart.setChart(chart)

    def record(self, *_args) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            runner.show_error(self, self.tr("Chưa chọn chỉ tiêu"), self.tr("Hãy chọn một chỉ tiêu trong bảng."))
            return
        row = self.model.rows[index.row()]
        dialog = RecordDialog(self, row, (self.program or {}).get("year"), (self.program or {}).get("quarter"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        done = runner.call(self, self.tr("Không ghi được kết quả"), services.record_indicator, self.db,
                           row["indicator_id"], dialog.period.currentData(), dialog.result_value, dialog.note.text())
        if done is not runner.FAILED:  # the broadcast of the operation reloads the table
            self.table.selectRow(index.row())
            self.changedContent.emit()
