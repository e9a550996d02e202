"""Printing hands the program's PDF (vector, A4) to the chosen printer through the OS spooler, or\nwhere there is none (and on Windows) Qt paints the same pages onto the printer, copies honoured."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.conftest import SEEDS
from ui.printing import _send

SEED000 = SEEDS / "seed000.txt"


@pytest.mark.skipif(sys.platform.startswith("win"), reason="the CUPS command line is tested on POSIX")
def test_the_pdf_goes_to_the_chosen_printer_with_the_copies(tmp_path, monkeypatch):
    record = tmp_path / "args.txt"
    fake = tmp_path / "lp"
    fake.write_text(f"#!/bin/sh\necho \"$@\" > {record}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    pdf = tmp_path / "q2.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert _send(pdf, "May-in-Van-phong", 2)
    assert record.read_text().split() == ["-d", "May-in-Van-phong", "-n", "2", str(pdf)]


def test_without_a_spooler_the_caller_is_told(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert _send(tmp_path / "x.pdf", "X", 1) is False


def test_without_a_spooler_qt_prints_every_page_of_every_copy(qtbot, tmp_path):
    """The fallback (and the Windows path): the same PDF painted onto the chosen printer, copies honoured."""
    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from hgdesk import services
    from hgdesk.db import Database
    from ui.printing import paint_pdf

    db = Database(str(tmp_path / "p.sqlite3"))
    program = services.import_file(db, SEED000)
    pdf = tmp_path / "chuong-trinh.pdf"
    services.export_pdf(db, program, pdf)
    pages = len(PdfReader(str(pdf)).pages)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(150)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" whose output the test can read
    printer.setOutputFileName(str(tmp_path / "tren-giay.pdf"))
    printer.setCopyCount(2)
    assert paint_pdf(pdf, printer) == 2 * pages
    printed = PdfReader(str(tmp_path / "tren-giay.pdf"))
    assert len(printed.pages) == 2 * pages
    assert abs(float(printed.pages[0].mediabox.width) - 595) < 2  # A4, not scaled to some other paper
    db.dispose()


def test_an_unreadable_pdf_prints_nothing(tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import paint_pdf

    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert paint_pdf(broken, printer) == 0
