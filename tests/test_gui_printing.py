"""Printing hands the program's PDF (vector, A4) to the chosen printer through the OS spooler."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from ui.printing import _send


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
    if sys.platform.startswith("win"):
        pytest.skip("Windows prints through ShellExecute")
    assert _send(tmp_path / "x.pdf", "X", 1) is False
