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


def _data(db: Database | None, source: int | str | Path) -> dict:
    if isinstance(source, int):
        if db is None:
            raise NotFoundError("Cần cơ sở dữ liệu để in một chương trình đã lưu.")
        from hgdesk.services.programs import program_json

        return program_json(db, source)
    return parse_file(source).to_json()


def _tone(tone: str | None) -> str | None:
    from hgdesk.text import TONE_STYLES

    if tone in (None, "", "profile"):
        return None
    if tone not in TONE_STYLES:
        raise InputError(f"Kiểu đặt dấu “{tone}” không hợp lệ; chọn “uỷ” hoặc “ủy”.")
    return tone


def document_for(db: Database | None, source: int | str | Path, profile: str = "party", tone: str | None = None,
                 duplex: bool = False):
    """The printable Document of a stored program (by id) or of a file parsed on the fly.

    `profile`: "party" (the Party format in force on the document's date; an undated draft:
    today), a profile id (the user's override, e.g. "party_hd36_2018") or "state"; `tone`: the
    house style of tone marks ("uỷ"/"ủy", None = the profile's); `duplex`: mirrored back pages."""
    from hgdesk.layout import build_document

    return build_document(_data(db, source), profile, tone=_tone(tone), duplex=duplex)


def profile_in_use(db: Database | None, source: int | str | Path, profile: str = "party") -> dict[str, str]:
    """Which format profile prints this program, and why (shown to the user beside the preview)."""
    from hgdesk.layout import choose_profile

    chosen, reason = choose_profile(_data(db, source), profile)
    return {"id": chosen.id, "name": chosen.name, "reason": reason}


def format_profiles() -> list[dict[str, str]]:
    """The profiles the user may choose, "party" (by date) first."""
    from hgdesk.formats import available_profiles

    rows = [{"id": "party", "name": "Văn bản của Đảng – theo ngày văn bản (tự chọn Hướng dẫn 36 hoặc 05)"}]
    return rows + [{"id": p["id"], "name": p["name"]} for p in available_profiles()]


def export_pdf(db: Database | None, source: int | str | Path, out: str | Path, profile: str = "party",
               tone: str | None = None, duplex: bool = False) -> Path:
    from hgdesk.render.pdf import render_pdf_bytes

    return _write_atomically(Path(out), render_pdf_bytes(document_for(db, source, profile, tone, duplex)))


def export_docx(db: Database | None, source: int | str | Path, out: str | Path, profile: str = "party",
                tone: str | None = None, duplex: bool = False) -> Path:
    from hgdesk.render.docx import render_docx_bytes

    return _write_atomically(Path(out), render_docx_bytes(document_for(db, source, profile, tone, duplex)))


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
