"""Báo cáo: status counts per quarter, tasks carried two or more times by lead unit, and the
annual tasks no quarter has scheduled yet; as tables and charts, charts exportable as PNG."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import to_roman
from hgdesk.vocab import TaskStatus, Timeliness
from ui import runner
from ui.models import LazyTab

STATUS_VI, TIMELINESS_VI = TaskStatus.labels(), Timeliness.labels()
STATUS_ORDER = [TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED, TaskStatus.CARRIED,
                TaskStatus.DROPPED]
COLOURS: dict[str, str] = {TaskStatus.DONE: "#4caf50", TaskStatus.IN_PROGRESS: "#2f80ed",
                           TaskStatus.NOT_STARTED: "#9e9e9e", TaskStatus.CARRIED: "#f2994a",
                           TaskStatus.DROPPED: "#bdbdbd"}


def _table(headers: list[str], rows: list[list[Any]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def _axes(chart: QChart, series, categories: list[str]) -> None:
    """Add the series with categories below and whole-number counts on the left."""
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)


class ChartPanel(QWidget):
    """A chart with an export button."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(180)  # the tab fits a 1366×768 screen at 125 %
        export = QPushButton(self.tr("Xuất ảnh PNG…"))
        export.clicked.connect(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(export)
        layout.addLayout(row)

    def set_chart(self, chart: QChart) -> None:
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view.setChart(chart)

    def export(self, path: str | None = None) -> str | None:
        if not path:
            settings = QSettings()
            start = str(settings.value("last_folder", ""))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu biểu đồ"), f"{start}/{self.name}.png",
                                                  self.tr("Ảnh PNG (*.png)"))
            if not path:
                return None
        if not self.view.grab().save(path, "PNG"):
            runner.show_error(self, self.tr("Không lưu được ảnh"), self.tr("Không ghi được tệp “{p}”.").format(p=path))
            return None
        return path


class ReportsTab(LazyTab):
    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.tabs = QTabWidget()
        self.status_chart = ChartPanel("trang-thai-theo-quy")
        self.carried_chart = ChartPanel("chuyen-nhieu-lan")
        self.status_box = QVBoxLayout()
        self.carried_box = QVBoxLayout()
        self.coverage_box = QVBoxLayout()
        for title, box, chart in ((self.tr("Trạng thái theo quý"), self.status_box, self.status_chart),
                                  (self.tr("Chuyển quý từ 2 lần trở lên"), self.carried_box, self.carried_chart),
                                  (self.tr("Nhiệm vụ năm chưa đưa vào quý"), self.coverage_box, None)):
            page = QWidget()
            layout = QVBoxLayout(page)
            if chart is not None:
                split = QSplitter(Qt.Orientation.Vertical)
                holder = QWidget()
                holder.setLayout(box)
                split.addWidget(holder)
                split.addWidget(chart)
                split.setSizes([320, 420])
                layout.addWidget(split)
            else:
                layout.addLayout(box)
            self.tabs.addTab(page, title)
        self.note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)

    def concerned(self, changes) -> bool:
        """Reports span the organisation's year: any task, tree or program change may move them."""
        return bool(self.program) and bool(changes.tasks or changes.tree or changes.programs)

    @staticmethod
    def _replace(box: QVBoxLayout, widget: QWidget) -> None:
        while box.count():
            item = box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        box.addWidget(widget)

    def gather(self):
        """The organisation's year (four quarters, their carries, the annual coverage) read off the GUI thread."""
        p = self.program
        if not p:
            return None
        db, program_id = self.db, p["id"]

        def read() -> dict[str, Any]:
            annual_id = services.annual_program_of(db, program_id)
            return {"status": services.report_status(db, program_id),
                    "carried": services.report_carried(db, program_id), "annual_id": annual_id,
                    "coverage": services.report_coverage(db, annual_id) if annual_id else []}

        return read

    def fill(self) -> None:  # no program: nothing to read
        pass

    def present(self, data: dict[str, Any]) -> None:
        p = self.program
        if not p:
            return
        self.note.setText(self.tr("{org} · năm {year}").format(org=p["organization"], year=p.get("year") or ""))
        self._status(data["status"])
        self._carried(data["carried"])
        self._coverage(data["coverage"], bool(data["annual_id"]))

    def _read_failed(self, message: str, details: str) -> None:
        runner.show_error(self, self.tr("Không lập được báo cáo"), message, details)

    def _status(self, rows: list[dict[str, Any]]) -> None:
        headers = [self.tr("Trạng thái")] + [self.tr("Quý {q}").format(q=to_roman(r["quarter"])) for r in rows]
        lines = [[self.tr("Tổng số nhiệm vụ"), *(r["total"] for r in rows)]]
        lines += [[STATUS_VI[s].capitalize(), *(r["status"][s] for r in rows)] for s in STATUS_ORDER]
        lines += [[TIMELINESS_VI[k].capitalize(), *(r["timeliness"][k] for r in rows)]
                  for k in (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.OPEN_ON_TIME,
                            Timeliness.OPEN_LATE)]
        self._replace(self.status_box, _table(headers, lines) if rows else
                      QLabel(self.tr("Chưa có chương trình quý nào của năm này.")))
        chart = QChart()
        chart.setTitle(self.tr("Nhiệm vụ theo trạng thái, từng quý"))
        series = QStackedBarSeries()
        series.setBarWidth(0.45)
        for s in STATUS_ORDER:
            bar = QBarSet(STATUS_VI[s].capitalize())
            bar.setColor(COLOURS[s])
            bar.append([r["status"][s] for r in rows])
            series.append(bar)
        _axes(chart, series, [self.tr("Quý {q}").format(q=to_roman(r["quarter"])) for r in rows])
        self.status_chart.set_chart(chart)

    def _carried(self, groups: dict[str, list[dict[str, Any]]]) -> None:
        rows = [[unit, t["carries"], services.clip(t["text"], 160)] for unit, tasks in groups.items() for t in tasks]
        self._replace(self.carried_box, _table([self.tr("Cơ quan chủ trì"), self.tr("Số lần chuyển"),
                                                self.tr("Nhiệm vụ")], rows) if rows else
                      QLabel(self.tr("Không có nhiệm vụ nào bị chuyển từ 2 lần trở lên.")))
        chart = QChart()
        chart.setTitle(self.tr("Số nhiệm vụ chuyển từ 2 lần trở lên, theo cơ quan chủ trì"))
        series = QBarSeries()
        series.setBarWidth(0.45)
        bar = QBarSet(self.tr("Nhiệm vụ"))
        bar.setColor(COLOURS["carried"])
        bar.append([len(tasks) for tasks in groups.values()])
        series.append(bar)
        _axes(chart, series, list(groups) or [""])
        chart.legend().hide()
        self.carried_chart.set_chart(chart)

    def _coverage(self, rows: list[dict[str, Any]], has_annual: bool) -> None:
        if not has_annual:
            widget: QWidget = QLabel(self.tr("Chương trình này không gắn với chương trình năm nào."))
        elif not rows:
            widget = QLabel(self.tr("Mọi nhiệm vụ của chương trình năm đều đã được đưa vào ít nhất một quý."))
        else:
            widget = _table([self.tr("Số"), self.tr("Nhiệm vụ năm chưa có trong quý nào")],
                            [[r["label"], r["text"][:220]] for r in rows])
        self._replace(self.coverage_box, widget)
