"""The user guide (HTML shipped in hgdesk/resources/help) in a window beside the work: F1 opens
the page of the current tab; links, back and home work offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from hgdesk.services import resource

HELP = resource("help")
# The guide's page for each main tab, in tab order (Soạn thảo, Theo dõi, Chỉ tiêu, Báo cáo, Xem trước).
# One page per tab of the main window, in the tabs' order (the last, Tổng quan, is about tracking).
TAB_PAGES = ("theo-doi.html", "soan-quy.html", "theo-doi.html", "theo-doi.html#chi-tieu", "theo-doi.html#bao-cao",
             "in.html")


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng hgdesk"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(HELP)])
        self.browser.document().setDefaultStyleSheet((HELP / "style.css").read_text(encoding="utf-8"))
        back = QPushButton(self.tr("← &Quay lại"))
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        home = QPushButton(self.tr("&Mục lục"))
        home.clicked.connect(lambda: self.show_page("index.html"))
        close = QPushButton(self.tr("Đó&ng"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (back, home):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.browser, 1)
        self.resize(760, 600)

    def show_page(self, page: str) -> None:
        name, _, anchor = page.partition("#")
        url = QUrl.fromLocalFile(str(HELP / name))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)

    def page(self) -> str:
        """The file name (and anchor) shown, e.g. 'theo-doi.html#chi-tieu'."""
        source = self.browser.source()
        name = source.fileName()
        return f"{name}#{source.fragment()}" if source.fragment() else name
