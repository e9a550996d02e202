"""Rendering: seed 000 to PDF and DOCX in-process; the whole `hgdesk-cli render` process
against LibreOffice converting the app's own DOCX of the same program (ratio, target ≤ 0.35)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import SEEDS, median_ms, report


def _wall(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    from hgdesk.importing import parse_file
    from hgdesk.layout import build_document
    from hgdesk.render.docx import render_docx_bytes
    from hgdesk.render.pdf import render_pdf_bytes

    seed = SEEDS / "seed000.txt"
    document = build_document(parse_file(seed).to_json())
    report("render seed 000 to PDF (median, in-process)", median_ms(lambda: render_pdf_bytes(document), 9), 300)
    report("render seed 000 to DOCX (median, in-process)", median_ms(lambda: render_docx_bytes(document), 9), 100)
    report("layout seed 000 (Program -> Document, median)",
           median_ms(lambda: build_document(parse_file(seed).to_json()), 9), 50)

    cli = Path(sys.executable).with_name("hgdesk-cli")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        docx_path = out / "seed000.docx"
        subprocess.run([str(cli), "render", str(seed), "--docx", str(docx_path)], check=True)
        ours = _wall([str(cli), "render", str(seed), "--pdf", str(out / "ours.pdf")], 5)
        print(f"{'hgdesk-cli render seed000 --pdf (whole process, median)':<58} {ours:9.1f} ms")
        if soffice is None:
            print("soffice not found (Debian package libreoffice-writer-nogui): LibreOffice comparison skipped")
            return
        profile = out / "lo-profile"
        lo_cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(out / "lo"), str(docx_path)]
        subprocess.run(lo_cmd, check=True, capture_output=True)  # first start creates the profile
        theirs = _wall(lo_cmd, 5)
        print(f"{'soffice --convert-to pdf of the same DOCX (median)':<58} {theirs:9.1f} ms")
        report("ratio hgdesk / LibreOffice", ours / theirs, 0.35, unit="×")


if __name__ == "__main__":
    main()
