"""The crash journal: text typed but not yet committed, kept in a small file beside the database.

Why: a save reaches the database at most ~2 s after typing, but a crash or a power cut in those
seconds would lose it. Every pending value is appended here (one JSON line, fsync) within about a
second, and marked done once the database holds it. At the next start, whatever the database still
lacks is offered back ("Khôi phục nội dung chưa lưu").
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hgdesk.db import Database


@dataclass(frozen=True)
class Entry:
    """One unsaved value: `key` names the field ("node:12:text", "header:3"), `value` is what was
    typed, `program_id` where it belongs, `at` when it was typed (epoch seconds)."""

    key: str
    value: Any
    program_id: int | None
    at: float


def path_for(db: Database) -> Path:
    """Beside the SQLite file; for a server database, in the user's data folder (one per URL)."""
    if db.path is not None:
        return db.path.with_name(db.path.name + ".journal")
    import platformdirs

    digest = hashlib.sha1(db.url.encode()).hexdigest()[:12]
    return platformdirs.user_data_path("hgdesk", appauthor=False) / f"journal-{digest}.jsonl"


class Journal:
    """Append-only lines: {"k", "v", "p", "t"} records a value, {"k", "done": true} forgets it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def _open(self):
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open while typing
        return self._file

    def _append(self, lines: list[dict[str, Any]]) -> None:
        f = self._open()
        f.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        f.flush()
        os.fsync(f.fileno())

    def record(self, entries: list[Entry]) -> None:
        """Keep these unsaved values on disk now (one write, one fsync)."""
        if entries:
            self._append([{"k": e.key, "v": e.value, "p": e.program_id, "t": e.at} for e in entries])

    def done(self, keys: list[str]) -> None:
        """The database holds these values now."""
        if keys:
            self._append([{"k": k, "done": True, "t": time.time()} for k in keys])

    def pending(self) -> list[Entry]:
        """The values recorded and never marked done, newest per key (a torn last line is ignored)."""
        out: dict[str, Entry] = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        for line in text.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # the line the crash cut short
            if not isinstance(item, dict) or "k" not in item:
                continue
            if item.get("done"):
                out.pop(item["k"], None)
            elif "v" in item:
                out[item["k"]] = Entry(item["k"], item["v"], item.get("p"), float(item.get("t") or 0))
        return list(out.values())

    def clear(self) -> None:
        """Everything pending has been dealt with: start an empty journal."""
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def compact(self) -> None:
        """Rewrite the journal with only what is still pending (it would otherwise grow all day)."""
        keep = self.pending()
        self.close()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for e in keep:
                f.write(json.dumps({"k": e.key, "v": e.value, "p": e.program_id, "t": e.at}, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(self.path)


def program_header(program: dict[str, Any]) -> dict[str, Any]:
    """The header form's fields of a program, in the shape the form saves them."""
    signer = program.get("signer") or {}
    return {"number": program.get("number") or "", "issue_date": program.get("date"),
            "place": program.get("place") or "", "title_lines": list(program.get("title") or []),
            "signer_authority": signer.get("authority", ""), "signer_position": signer.get("position", ""),
            "signer_name": signer.get("name", ""), "recipients": list(program.get("recipients") or []),
            "opening": list(program.get("opening") or []), "closing": list(program.get("closing") or [])}
