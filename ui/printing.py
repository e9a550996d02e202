"""Printing: the print dialog chooses printer and copies; the program's PDF goes to that printer
through the operating system, so the page stays vector output exactly as previewed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from hgdesk import services
from hgdesk.db import Database
from ui import runner


def print_options() -> dict:
    """The print settings the user chose in Cài đặt: format profile ("party" = by the document's
    date), tone-mark house style ("" = the profile's), two-sided printing."""
    settings = QSettings()
    duplex = str(settings.value("duplex", "false")).lower() in ("true", "1")
    return {"profile": str(settings.value("profile", "party")), "tone": str(settings.value("tone", "")) or None,
            "duplex": duplex}


def _send(pdf: Path, printer: str, copies: int) -> bool:
    """Hand the PDF to the system's print spooler; False if this system has no way to."""
    if sys.platform.startswith("win"):
        import ctypes

        result = ctypes.windll.shell32.ShellExecuteW(None, "printto", str(pdf), f'"{printer}"', None, 0)  # type: ignore[attr-defined]
        return result > 32
    lp = shutil.which("lp") or shutil.which("lpr")
    if lp is None:
        return False
    args = [lp, "-d", printer, "-n", str(copies), str(pdf)] if lp.endswith("lp") else \
        [lp, "-P", printer, "-#", str(copies), str(pdf)]
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


def print_program(parent: QWidget, db: Database, program_id: int) -> None:
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
    if not _send(Path(pdf), printer.printerName(), printer.copyCount()):
        runner.show_error(parent, parent.tr("Chưa gửi được tới máy in"), parent.tr(
            "Máy này không có dịch vụ in để gửi thẳng tệp PDF. Tệp sẽ được mở trong trình xem PDF; "
            "hãy in từ đó (khổ A4, tỷ lệ 100%)."))
        QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(pdf)))
