"""Printing a program's data to PDF or DOCX, without the database: the core of the print use
cases (hgdesk.services.output) and of `hgdesk-cli render FILE`, which imports only this, so a
file renders without loading the database layer."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from hgdesk.errors import InputError


def check_tone(tone: str | None) -> str | None:
    """The tone-mark house style asked for: None (the profile's), "uỷ" or "ủy"."""
    from hgdesk.text import TONE_STYLES

    if tone in (None, "", "profile"):
        return None
    if tone not in TONE_STYLES:
        raise InputError(f"Kiểu đặt dấu “{tone}” không hợp lệ; chọn “uỷ” hoặc “ủy”.")
    return tone


def document_of(data: dict[str, Any], profile: str = "party", tone: str | None = None, duplex: bool = False):
    """The printable Document (see hgdesk.layout.build_document for the options)."""
    from hgdesk.layout import build_document

    return build_document(data, profile, tone=check_tone(tone), duplex=duplex)


def render(document, kind: str) -> bytes:
    if kind == "pdf":
        from hgdesk.render.pdf import render_pdf_bytes

        return render_pdf_bytes(document)
    from hgdesk.render.docx import render_docx_bytes

    return render_docx_bytes(document)


def write_atomically(path: Path, data: bytes, what: str = "tệp") -> Path:
    """Write beside the target and rename, so a half-written file never replaces a good one.
    `what` names the file in the message ("phiếu": "Không ghi được phiếu vào “…”: …")."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"Không ghi được {what} vào “{path}”: {write_problem(exc)}.") from exc
    return path


def write_problem(exc: OSError) -> str:
    """Why a file could not be written, in Vietnamese (the system's own text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "thư mục không tồn tại"
    if isinstance(exc, IsADirectoryError):
        return "đó là một thư mục"
    if isinstance(exc, PermissionError):
        return "không có quyền ghi, hoặc tệp đang mở trong chương trình khác (hãy đóng lại rồi thử lại)"
    if exc.errno == errno.ENOSPC:
        return "ổ đĩa đã đầy"
    if exc.errno == errno.EROFS:
        return "ổ đĩa chỉ cho đọc"
    return f"lỗi hệ thống khi ghi (mã lỗi {exc.errno})"


def render_file(source: str | Path, outputs: dict[str, str | Path], profile: str = "party", tone: str | None = None,
                duplex: bool = False) -> list[Path]:
    """A program file parsed on the fly, printed to each of `outputs` ({"pdf": path, "docx": path})."""
    from hgdesk.importing import parse_file

    document = document_of(parse_file(source).to_json(), profile, tone, duplex)
    return [write_atomically(Path(out), render(document, kind)) for kind, out in outputs.items() if out]
