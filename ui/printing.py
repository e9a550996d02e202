"""Printing: the print dialog chooses printer and copies. Where the system has a print spooler
command (CUPS `lp`/`lpr` on Linux and macOS) the program's PDF goes to it, vector output exactly as
previewed. On Windows — whose only generic way, the "printto" verb, depends on the default PDF
viewer (Edge has none) and ignores the copies — and wherever no spooler command exists, Qt prints
the same PDF's pages itself onto the chosen printer at its resolution, honouring the copies."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from hgdesk import services
from ui import runner


def print_options() -> dict:
    """The print settings the user chose in Cài đặt: format profile ("party" = by the document's
    date), tone-mark house style ("" = the profile's), two-sided printing."""
    settings = QSettings()
    duplex = str(settings.value("duplex", "false")).lower() in ("true", "1")
    return {"profile": str(settings.value("profile", "party")), "tone": str(settings.value("tone", "")) or None,
            "duplex": duplex}


def _send(pdf: Path, printer: str, copies: int) -> bool:
    """Hand the PDF to the system's print spooler; False if this system has no spooler command."""
    if sys.platform.startswith("win"):
        return False
    lp = shutil.which("lp") or shutil.which("lpr")
    if lp is None:
        return False
    args = [lp, "-d", printer, "-n", str(copies), str(pdf)] if lp.endswith("lp") else \
        [lp, "-P", printer, "-#", str(copies), str(pdf)]
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


def paint_pdf(pdf: Path, printer: QPrinter) -> int:
    """Print the PDF's pages through Qt onto `printer` (its copies honoured: by the driver where it
    can, else page by page here); the number of sheets painted, 0 if the PDF could not be read."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
        return 0
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    painted = 0
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        full = printer.pageLayout().fullRectPixels(printer.resolution())
        for copy in range(copies):
            for page in range(document.pageCount()):
                if painted:
                    printer.newPage()
                points = document.pagePointSize(page)  # the page at the printer's resolution, edge to edge
                size = QSize(round(points.width() / 72 * printer.resolution()),
                             round(points.height() / 72 * printer.resolution()))
                image = document.render(page, size)
                painter.drawImage(QRectF(-target.x(), -target.y(), full.width(), full.height()), image)
                painted += 1
            del copy
    finally:
        painter.end()
        document.close()
    return painted


def print_program(parent: QWidget, db: services.Database, program_id: int) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("In chương trình"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # some native dialogs reset the paper
    target = Path(tempfile.gettempdir()) / f"hgdesk-in-{program_id}-{time.time_ns()}.pdf"
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        target = Path(printer.outputFileName())
    options = print_options()
    if printer.duplex() != QPrinter.DuplexMode.DuplexNone:  # two-sided chosen in the dialog
        options["duplex"] = True
    pdf = runner.call(parent, parent.tr("Không in được"), services.export_pdf, db, program_id, target, **options)
    if pdf is runner.FAILED or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return
    if _send(Path(pdf), printer.printerName(), printer.copyCount()):
        return
    if paint_pdf(Path(pdf), printer) == 0:
        runner.show_error(parent, parent.tr("Không in được"), parent.tr(
            "Không gửi được văn bản tới máy in “{printer}”. Hãy kiểm tra máy in, hoặc xuất PDF (Ctrl+E) "
            "rồi in tệp đó.").format(printer=printer.printerName()))
