"""Use cases that print: a program (stored, or a file parsed on the fly) to PDF or DOCX.

Rendering a file does not touch the database, so this module does not import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hgdesk.errors import InputError, NotFoundError
from hgdesk.importing import parse_file

if TYPE_CHECKING:
    from hgdesk.db import Database


def document_for(db: Database | None, source: int | str | Path, profile: str = "party"):
    """The printable Document of a stored program (by id) or of a file parsed on the fly."""
    from hgdesk.layout import build_document

    if isinstance(source, int):
        if db is None:
            raise NotFoundError("Cần cơ sở dữ liệu để in một chương trình đã lưu.")
        from hgdesk.services.programs import program_json

        data = program_json(db, source)
    else:
        data = parse_file(source).to_json()
    return build_document(data, profile)


def export_pdf(db: Database | None, source: int | str | Path, out: str | Path, profile: str = "party") -> Path:
    from hgdesk.render.pdf import render_pdf_bytes

    return _write_atomically(Path(out), render_pdf_bytes(document_for(db, source, profile)))


def export_docx(db: Database | None, source: int | str | Path, out: str | Path, profile: str = "party") -> Path:
    from hgdesk.render.docx import render_docx_bytes

    return _write_atomically(Path(out), render_docx_bytes(document_for(db, source, profile)))


def _write_atomically(path: Path, data: bytes) -> Path:
    """Write beside the target and rename, so a half-written file never replaces a good one."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"Không ghi được tệp “{path}”: {exc.strerror or exc}. "
                         "Nếu tệp đang mở trong chương trình khác, hãy đóng lại rồi thử lại.") from exc
    return path
