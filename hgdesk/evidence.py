"""Evidence that a task was done: the number and symbol of the document that shows it, and/or a
file kept in the database.

Files are size-limited (a scan of a report, a photo of the minutes) so the database stays small
enough to back up and send; the same bytes attached twice are stored once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk.errors import InputError, NotFoundError
from hgdesk.models import EvidenceFile, Task

MAX_BYTES = 10 * 1024 * 1024
NAME_LIMIT = 255


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_file(path: str | Path) -> tuple[str, bytes]:
    """The name and bytes of a file the user chose, refused in Vietnamese when unreadable or too large."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(f"Không đọc được tệp “{path.name}”: tệp không tồn tại hoặc không mở được.") from None
    if size > MAX_BYTES:
        raise InputError(f"Tệp “{path.name}” lớn {_megabytes(size)} MB, vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB "
                         "cho một tệp minh chứng. Hãy nén, chụp lại nhỏ hơn hoặc ghi số, ký hiệu văn bản thay cho tệp.")
    try:
        return path.name, path.read_bytes()
    except OSError:
        raise InputError(f"Không đọc được tệp “{path.name}”.") from None


def attach(session: Session, task: Task, name: str, data: bytes, user: str) -> EvidenceFile:
    """Keep `data` as the task's evidence file (one row per distinct content)."""
    if len(data) > MAX_BYTES:
        raise InputError(f"Tệp “{name}” vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB cho một tệp minh chứng.")
    if not data:
        raise InputError(f"Tệp “{name}” rỗng; không dùng làm minh chứng được.")
    name = Path(name).name[-NAME_LIMIT:] or "minh-chung"
    digest = hashlib.sha256(data).hexdigest()
    row = session.scalars(select(EvidenceFile).where(EvidenceFile.sha256 == digest,
                                                     EvidenceFile.size == len(data))).first()
    if row is None:
        row = EvidenceFile(name=name, size=len(data), sha256=digest, data=data, added_by=user[:100])
        session.add(row)
        session.flush()
    task.evidence_file_id, task.evidence_name = row.id, name
    return row


def file_of(session: Session, task: Task) -> tuple[str, bytes]:
    """The task's evidence file: its name and bytes."""
    row = session.get(EvidenceFile, task.evidence_file_id) if task.evidence_file_id else None
    if row is None:
        raise NotFoundError("Nhiệm vụ này chưa có tệp minh chứng.")
    return task.evidence_name or row.name, row.data


def describe(task: Task) -> str:
    """The evidence as the report writes it: "Văn bản: 15-BC/HU; tệp: bien-ban.pdf"."""
    parts = []
    reference = task.evidence_ref.strip()
    if reference:
        # "Báo cáo số 15-BC/HU ngày 20/9/2024" names itself; a bare "15-BC/HU" gets "văn bản số"
        named = not reference[:1].isdigit() and " số " in f" {reference.lower()} "
        parts.append(reference if named else f"văn bản số {reference}")
    if task.evidence_name:
        parts.append(f"tệp “{task.evidence_name}”")
    return "; ".join(parts)
