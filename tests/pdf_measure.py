"""Measuring printed pages: where the text ends on each page, and LibreOffice's pagination
of the DOCX (what the user will see in Word), for the pagination tests and the benchmarks."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf

MM = 72 / 25.4


def lowest_text(page) -> float | None:
    """The y (points from the bottom edge) of the lowest text baseline on the page."""
    ys: list[float] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            ys.append(tm[5] * cm[3] + tm[4] * cm[1] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(ys) if ys else None


def empty_at_foot_mm(pdf: bytes, bottom_margin_mm: float = 20) -> list[float]:
    """For each page, the empty height in mm between the last line and the bottom margin."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        low = lowest_text(page)
        out.append(round((low / MM - bottom_margin_mm) if low is not None else 257.0, 1))
    return out


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = 180) -> bytes:
    """The DOCX laid out by LibreOffice Writer (headless), as PDF bytes."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "lo-profile"
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=timeout)
        return (Path(tmp) / "doc.pdf").read_bytes()
