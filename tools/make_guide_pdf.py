"""The user guide as one PDF (for the installer and for printing): the HTML pages shipped in
hgdesk/resources/help, in reading order, one topic per page. Usage: make_guide_pdf.py OUT.pdf"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORDER = ("index", "nhap", "soan-quy", "theo-doi", "ket-thuc-quy", "ban-hanh", "in", "sao-luu")


def picture(path: Path, width: int = 430) -> str:
    """An image scaled to the text width (width and height both given, or the layout keeps the full height)."""
    from PySide6.QtGui import QImage

    size = QImage(str(path)).size()
    return f'src="{path.as_uri()}" width="{width}" height="{round(width * size.height() / size.width())}"'


def guide_html(folder: Path) -> str:
    style = (folder / "style.css").read_text(encoding="utf-8")
    parts = []
    for index, name in enumerate(ORDER):
        page = (folder / f"{name}.html").read_text(encoding="utf-8")
        body = re.search(r"<body>(.*)</body>", page, re.S).group(1)
        body = re.sub(r"<p><a href=\"index.html\">Mục lục</a>.*?</p>", "", body, count=1, flags=re.S)  # web nav
        body = re.sub(r'href="[^"]+"', "", body)
        body = re.sub(r'src="([^"]+)" width="\d+"', lambda m: picture(folder / m.group(1)), body)
        parts.append(body if index == 0 else f'<div style="page-break-before: always">{body}</div>')
    return f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"


def main(out: str) -> int:
    from PySide6.QtCore import QMarginsF, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from hgdesk.resources import resource

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = resource("help")
    document = QTextDocument()
    document.setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
    document.setHtml(guide_html(folder))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(out)
    printer.setDocName("Hướng dẫn sử dụng hgdesk")
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(20, 18, 18, 18), QPageLayout.Unit.Millimeter))
    document.print_(printer)
    del app
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "huong-dan.pdf"))
