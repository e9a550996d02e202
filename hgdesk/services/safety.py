"""Use cases that keep work safe: backups and restore, the audit trail."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hgdesk import backup
from hgdesk.audit_text import action_label, describe
from hgdesk.db import Database
from hgdesk.errors import DatabaseError
from hgdesk.models import AuditEntry, Program
from hgdesk.vocab import AuditAction, BackupKind


def _sqlite_path(db: Database) -> Path:
    if not db.is_sqlite or db.path is None:
        raise DatabaseError("Sao lưu trong phần mềm chỉ dùng cho tệp SQLite; máy chủ PostgreSQL được sao lưu "
                            "bằng công cụ của máy chủ (pg_dump).")
    return db.path


def backup_now(db: Database, kind: str = "manual") -> dict[str, Any]:
    made = backup.make(_sqlite_path(db), kind)
    return {"path": str(made.path), "kind": made.kind, "created": made.created.isoformat(timespec="seconds"),
            "size": made.size}


def backup_if_due(db: Database) -> dict[str, Any] | None:
    """The once-a-day backup at start-up (SQLite only; nothing for a server database)."""
    if not db.is_sqlite or db.path is None:
        return None
    made = backup.daily_if_due(db.path)
    return None if made is None else {"path": str(made.path), "kind": made.kind}


def list_backups(db: Database) -> list[dict[str, Any]]:
    return [{"path": str(b.path), "kind": b.kind, "kind_vi": BackupKind.label_of(b.kind),
             "created": b.created.isoformat(timespec="seconds"), "when": b.created.strftime("%d/%m/%Y %H:%M"),
             "size": b.size}  # backups are named by the local clock: "when" is as the secretary reads it
            for b in backup.list_backups(_sqlite_path(db))]


def restore_backup(db: Database, backup_file: str | Path) -> dict[str, Any] | None:
    """Replace the database with a backup (the current one is backed up first). `db` is closed
    by this call: open the database again afterwards."""
    path = _sqlite_path(db)
    db.dispose()
    safety = backup.restore(path, Path(backup_file))
    _keep_the_trail(path, safety.path if safety else None, Path(backup_file))
    return None if safety is None else {"path": str(safety.path), "kind": safety.kind}


def _keep_the_trail(path: Path, replaced: Path | None, backup_file: Path) -> None:
    """A restore never rewinds the audit trail: the entries the replaced file had after the backup
    was taken are carried into the restored one (as stored), then the restore itself is recorded."""
    import sqlite3

    from hgdesk.services.programs import audit

    restored = Database(str(path))  # brings an older backup to the current schema first
    restored.dispose()
    carried = 0
    if replaced is not None:
        try:
            with backup.opened(replaced) as plain, sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as old, \
                    sqlite3.connect(path) as new:
                last = new.execute("SELECT coalesce(max(id), 0) FROM audit_entry").fetchone()[0]
                have = {r[1] for r in old.execute("PRAGMA table_info(audit_entry)")}
                names = [r[1] for r in new.execute("PRAGMA table_info(audit_entry)") if r[1] in have]
                rows = old.execute(f"SELECT {', '.join(names)} FROM audit_entry WHERE id > ? ORDER BY id",
                                   (last,)).fetchall()
                new.executemany(f"INSERT INTO audit_entry ({', '.join(names)}) "
                                f"VALUES ({', '.join('?' for _ in names)})", rows)
                carried = len(rows)
        except sqlite3.DatabaseError:  # a damaged file: it is kept as it is, beside the backups
            carried = 0
    restored = Database(str(path))
    try:
        with restored.transaction() as s:
            audit(s, AuditAction.RESTORE_BACKUP, "database", None, None, backup=backup_file.name,
                  replaced=replaced.name if replaced else "", carried_entries=carried)
    finally:
        restored.dispose()


def latest_good_backup(database: str | Path) -> str | None:
    """The newest backup that passes the integrity check, for a damaged database."""
    for b in backup.list_backups(Path(database)):
        if backup.integrity_ok(b.path):
            return str(b.path)
    return None


def audit_entries(db: Database, program_id: int | None = None, entity: str | None = None,
                  limit: int = 5000) -> list[dict[str, Any]]:
    with db.transaction() as s:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if program_id is not None:
            query = query.where(AuditEntry.program_id == program_id)
            program = s.get(Program, program_id)
            if program is not None and program.created_at is not None:
                # SQLite gives a deleted program's number to the next one (sample data removed, the trash
                # emptied): what was recorded before this program existed is another program's history
                query = query.where(AuditEntry.at >= program.created_at)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "when": local_time(e.at), "user": e.user,
                 "program_id": e.program_id, "entity": e.entity, "entity_id": e.entity_id, "action": e.action,
                 "action_vi": action_label(e.action, e.entity), "detail": describe(e.summary),
                 "summary": e.summary}
                for e in s.scalars(query)]


def local_time(at: datetime) -> str:
    """A stored UTC time as the secretary's clock shows it: "23/11/2026 14:05"."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def export_audit_csv(db: Database, program_id: int | None, out: str | Path) -> Path:
    from hgdesk.services.output import _write_atomically

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Thời điểm", "Người thực hiện", "Chương trình", "Mã", "Thao tác", "Chi tiết"])
    for e in audit_entries(db, program_id):
        writer.writerow([e["when"], e["user"], e["program_id"] or "", e["entity_id"] or "", e["action_vi"],
                         e["detail"]])
    return _write_atomically(Path(out), buffer.getvalue().encode("utf-8-sig"))
