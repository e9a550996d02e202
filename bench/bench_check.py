"""Format checker (Kiểm tra thể thức): a 20-page program checked in-process (target ≤ 100 ms) — the
engine on its data, and the whole use case on the stored program — and a 20-page .docx (≤ 500 ms)."""

from __future__ import annotations

import copy
import io
import tempfile
from pathlib import Path

from bench.common import SEEDS, median_ms, report


def twenty_pages():
    """Seed 000 with its first part repeated until the printed program has at least 20 A4 pages."""
    from pypdf import PdfReader

    from hgdesk.importing import parse_file
    from hgdesk.layout import build_document
    from hgdesk.render.pdf import render_pdf_bytes

    program = parse_file(SEEDS / "seed000.txt")
    first_part = program.nodes[0]
    while True:
        pages = len(PdfReader(io.BytesIO(render_pdf_bytes(build_document(program.to_json())))).pages)
        if pages >= 20:
            return program, pages
        program.nodes.append(copy.deepcopy(first_part))


def main() -> None:
    from hgdesk import services
    from hgdesk.checks.engine import run
    from hgdesk.checks.subject import program_subject
    from hgdesk.db import Database

    program, pages = twenty_pages()
    data = program.to_json()
    print(f"program of {pages} pages, {sum(1 for _ in program.walk())} nodes")
    report(f"check a {pages}-page program: engine on its data (median)",
           median_ms(lambda: run(program_subject(data)), 9), 100)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "bench.sqlite3"))
        program_id = services.save_parsed(db, program, "bench")
        report(f"check a {pages}-page stored program: services.check_program (median)",
               median_ms(lambda: services.check_program(db, program_id), 9), 100)
        docx_path = services.export_docx(db, program_id, Path(tmp) / "bench.docx")
        report(f"check a {pages}-page .docx: services.check_file (median)",
               median_ms(lambda: services.check_file(docx_path), 7), 500)
        db.dispose()


if __name__ == "__main__":
    main()
