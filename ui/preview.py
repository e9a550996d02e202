"""Xem trước: the PDF the renderer makes, shown with QtPdf; rendered off the GUI thread into a
fresh temporary file each time (Windows keeps an open PDF locked)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from hgdesk import services
from ui import runner


class PreviewTab(QWidget):
    rendered = Signal(str)  # path of the PDF now shown

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.program_id: int | None = None
        self.options: dict = {"profile": "party"}
        self.folder = Path(tempfile.mkdtemp(prefix="hgdesk-preview-"))
        self.current: Path | None = None
        self.stale = True
        self.reader = runner.Reader(self)  # one render at a time, off the GUI thread
        self._again = False

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.status = QLabel()
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.setPrefix(self.tr("Trang "))
        self.page.valueChanged.connect(self._go_to)
        self.pages = QLabel()
        self.zoom = QComboBox()
        for text, value in ((self.tr("Vừa chiều ngang"), 0.0), (self.tr("Cả trang"), -1.0), ("50%", 0.5),
                            ("75%", 0.75), ("100%", 1.0), ("150%", 1.5), ("200%", 2.0)):
            self.zoom.addItem(text, value)
        self.zoom.currentIndexChanged.connect(self._zoom)
        refresh = QPushButton(self.tr("Làm mới"))
        refresh.clicked.connect(self.rebuild)
        bar = QHBoxLayout()
        for w in (self.page, self.pages, QLabel(self.tr("Thu phóng:")), self.zoom, refresh):
            bar.addWidget(w)
        bar.addStretch(1)
        # the status (time and which format profile applies, and why) wraps on its own line: a long
        # reason must never widen the window beyond a 1366-pixel screen
        self.status.setWordWrap(True)
        self.status.setStyleSheet("QLabel{color:#444;}")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(1200)
        self.debounce.timeout.connect(self.rebuild)

    def load(self, program: dict[str, Any] | None, options: dict | None = None) -> None:
        """Show `program` printed with the print options (profile, tone, duplex)."""
        self.program_id = program["id"] if program else None
        self.options = dict(options or {"profile": "party"})
        self.mark_stale()

    def mark_stale(self) -> None:
        """The program changed: render again soon if the preview is on screen, else when shown."""
        self.stale = True
        if self.isVisible():
            self.debounce.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.rebuild()

    def rebuild(self) -> None:
        if self.program_id is None:
            return
        if self.reader.busy:  # one render at a time; do it again when this one ends
            self._again = True
            return
        self.stale = False
        target = self.folder / f"xem-truoc-{self.program_id}-{time.time_ns()}.pdf"
        program_id, options, db = self.program_id, self.options, self.db
        self.status.setText(self.tr("Đang dựng bản xem trước…"))
        self.reader.start(lambda: services.export_pdf(db, program_id, target, **options), self._done, self._failed)

    def _done(self, path) -> None:
        old = self.current
        self.current = Path(path)
        self.document.load(str(path))
        count = self.document.pageCount()
        self.page.setMaximum(max(1, count))
        self.pages.setText(self.tr("/ {n}").format(n=count))
        used = services.profile_in_use(self.db, self.program_id, self.options.get("profile", "party")) \
            if self.program_id is not None else None
        self.status.setText(self.tr("Đã cập nhật lúc {t}. {why}").format(
            t=time.strftime("%H:%M:%S"), why=used["reason"] if used else ""))
        if old is not None:
            old.unlink(missing_ok=True)  # on Windows the old file may still be open: then it stays
        self.rendered.emit(str(path))
        if self._again:
            self._again = False
            self.rebuild()

    def _failed(self, message: str, details: str) -> None:
        self.status.setText(self.tr("Không dựng được bản xem trước"))
        runner.show_error(self, self.tr("Không dựng được bản xem trước"), message, details)

    def _go_to(self, page: int) -> None:
        if self.document.pageCount():
            self.view.pageNavigator().jump(page - 1, QPointF(), self.view.pageNavigator().currentZoom())

    def _zoom(self) -> None:
        value = self.zoom.currentData()
        if value == 0.0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == -1.0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(value)
