"""Reading a drafted results report as its reader does: each task's line in part I, the status words it
is said under ("- Đã hoàn thành: …" alone, or "+ …" under "- Chưa thực hiện 5 nhiệm vụ:"), its section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hgdesk.models import Node


@dataclass(frozen=True)
class Line:
    phrase: str  # "Đã hoàn thành", "Chuyển sang quý sau", …
    said: str  # the task, its lead unit, note and evidence
    section: dict[str, Any]  # the report's section node it is under


def sources(db, report: dict[str, Any]) -> dict[int, int | None]:
    """Report node id -> the node it was drafted from."""
    with db.transaction() as s:
        return {n.id: n.source_node_id for n in s.query(Node).filter(Node.program_id == report["id"])}


def _group_phrase(text: str, count: int) -> str:
    if m := re.fullmatch(r"(.+?) (\d+) nhiệm vụ:", text):
        phrase, n = m.group(1), int(m.group(2))
    else:
        m = re.fullmatch(r"(\d+) nhiệm vụ (.+):", text)
        assert m, text
        phrase, n = m.group(2)[:1].upper() + m.group(2)[1:], int(m.group(1))
    assert n == count, (text, count)  # the line says how many are listed under it
    return phrase


def task_lines(db, report: dict[str, Any]) -> dict[int, Line]:
    """Task node (of the quarter) -> its line in part I."""
    drafted_from = sources(db, report)
    found: dict[int, Line] = {}
    for section in report["nodes"][0]["children"]:
        for bullet in section["children"]:
            if bullet["kind"] != "bullet":  # the indicators table's rows
                continue
            if drafted_from.get(bullet["id"]):
                phrase, said = bullet["text"].split(": ", 1)
                found[drafted_from[bullet["id"]]] = Line(phrase, said, section)
            elif bullet["children"]:
                phrase = _group_phrase(bullet["text"], len(bullet["children"]))
                for item in bullet["children"]:
                    assert item["label"] == "+"
                    found[drafted_from[item["id"]]] = Line(phrase, item["text"], section)
    return found
