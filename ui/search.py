"""Tìm trong mọi chương trình: results as you type, off the GUI thread, the matched words marked."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from ui import runner

RESULTS = 200
BATCH = 10  # result rows added per turn of the event loop (a screenful; ~1 ms each on a quiet machine)


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` as rich text with each span in bold."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [html.escape(text[at:start]), "<b>", html.escape(text[start:end]), "</b>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class SearchDialog(QDialog):
    """Each keystroke starts a new search in the background; an older search's answer is dropped."""

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.chosen: tuple[int, int] | None = None
        self.generation = 0  # the newest search: batches of older results stop being added
        self.reader = runner.Reader(self)  # searches off the GUI thread, the newest shown
        self.setWindowTitle(self.tr("Tìm trong mọi chương trình"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Gõ vài từ hoặc đầu từ, có dấu hay không dấu (ví dụ: dan van kheo)"))
        filters = QHBoxLayout()
        self.organization = QComboBox()
        self.organization.addItem(self.tr("Mọi cơ quan"), None)
        for org in services.list_organizations(db):
            self.organization.addItem(org["name"], org["id"])
        self.kind = QComboBox()
        for label, kind in ((self.tr("Mọi loại"), None), (self.tr("Chương trình năm"), "annual"),
                            (self.tr("Chương trình quý"), "quarterly")):
            self.kind.addItem(label, kind)
        self.year = QComboBox()
        self.year.addItem(self.tr("Mọi năm"), None)
        for year in sorted({p.year for p in services.list_programs(db)}, reverse=True):
            self.year.addItem(str(year), year)
        for box, caption in ((self.organization, self.tr("Cơ quan:")), (self.kind, self.tr("Loại:")),
                             (self.year, self.tr("Năm:"))):
            filters.addWidget(QLabel(caption))
            filters.addWidget(box, 1 if box is self.organization else 0)
            box.currentIndexChanged.connect(self.run)
        self.count = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._open)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self.timer.start())

    def run(self) -> None:
        self.generation += 1
        generation, query = self.generation, self.query.text()
        if not query.strip():
            self.reader.cancel()
            self._show(generation, [])
            return
        options = {"organization_id": self.organization.currentData(), "kind": self.kind.currentData(),
                   "year": self.year.currentData()}
        self.count.setText(self.tr("Đang tìm…"))
        self.reader.start(lambda: services.search(self.db, query, RESULTS, **options),
                          lambda found: self._show(generation, found),
                          lambda message, details: self._failed(generation, message, details))

    def _failed(self, generation: int, message: str, details: str) -> None:
        if generation == self.generation:
            self.count.setText("")
            runner.show_error(self, self.tr("Không tìm được"), message, details)

    def _show(self, generation: int, found: list[dict]) -> None:
        if generation != self.generation:
            return
        self.results.clear()
        self._add(generation, found)
        text = self.query.text().strip()
        more = self.tr(" (chỉ hiện {n} kết quả đầu)").format(n=RESULTS) if len(found) >= RESULTS else ""
        self.count.setText(self.tr("{n} kết quả").format(n=len(found)) + more if text else "")

    def _add(self, generation: int, found: list[dict]) -> None:
        """The results BATCH at a time, the next batch after the event loop has run: a rich-text row
        costs about a millisecond, so 200 at once held the window for a quarter of a second."""
        if generation != self.generation:  # a newer search replaced these
            return
        for r in found[:BATCH]:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, (r["program_id"], r["node_id"]))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{r['program']} {r['label']} {r['snippet']}")
            label = QLabel(f"<span style='color:#555'>{html.escape(r['program'])}</span><br>"
                           f"{html.escape(r['label'])} {marked(r['snippet'], r.get('spans', []))}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if len(found) > BATCH:
            QTimer.singleShot(0, self, lambda: self._add(generation, found[BATCH:]))

    def hideEvent(self, event) -> None:
        """Closed: the results still to add (and a search under way) are dropped, not built unseen."""
        self.generation += 1
        self.reader.cancel()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.query.text().strip() and self.generation:  # shown again: its results afresh
            self.timer.start()

    def _open(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
