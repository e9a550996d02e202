"""Full-text search over every program: folded text kept current on every write, a word-prefix index.

Why a stored folded column: folding (đ → d, tone placement, NFC/NFD) in Python at query time cost
seconds on a province's decade of programs; SQLite's own `remove_diacritics` does not fold đ. The
folded text is written by an ORM flush hook, so every write path of the core keeps it current, and is
indexed by FTS5 (SQLite) or a GIN tsvector (PostgreSQL); a query matches every word as a word prefix
("tinh u" finds "Tỉnh ủy"; "uy" does not match inside "quý").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from hgdesk.inline import plain
from hgdesk.models import Node
from hgdesk.text import fold

_WORD = re.compile(r"\w+")
SNIPPET = 200


def node_folded(heading: str | None, body: str | None) -> str:
    """What the index holds for a node: its heading and text, without formatting, folded."""
    return fold(plain(f"{heading or ''} {body or ''}".strip()))


def query_words(query: str) -> list[str]:
    """The folded words of a query (punctuation dropped: it never reaches the index's query syntax)."""
    return _WORD.findall(fold(query))


@event.listens_for(Session, "after_flush")
def _keep_folded_text_current(session: Session, _context) -> None:
    nodes = [o for o in (*session.new, *session.dirty) if isinstance(o, Node) and o.id is not None]
    if not nodes:
        return
    rows = [{"n": n.id, "p": n.program_id, "f": node_folded(n.heading, n.text)} for n in nodes
            if n not in session.deleted]
    if not rows:
        return
    connection = session.connection()
    upsert = ("INSERT INTO node_search (node_id, program_id, folded) VALUES (:n, :p, :f) "
              "ON CONFLICT (node_id) DO UPDATE SET program_id = excluded.program_id, folded = excluded.folded")
    connection.execute(text(upsert), rows)


@dataclass(frozen=True)
class Hit:
    node_id: int
    program_id: int
    folded: str


def matching_nodes(session: Session, query: str, limit: int, program_ids: list[int] | None = None) -> list[Hit]:
    """Nodes whose text has every word of `query` as a word prefix, best first."""
    words = query_words(query)
    if not words:
        return []
    within = ""
    params: dict[str, object] = {"limit": limit}
    if program_ids is not None:
        if not program_ids:
            return []
        within = " AND s.program_id IN (" + ", ".join(str(int(p)) for p in program_ids) + ")"
    if session.get_bind().dialect.name == "sqlite":
        params["match"] = " AND ".join(f'"{w}"*' for w in words)
        sql = ("SELECT s.node_id, s.program_id, s.folded FROM node_fts JOIN node_search s ON s.node_id = node_fts.rowid "
               f"WHERE node_fts MATCH :match{within} ORDER BY bm25(node_fts), s.node_id LIMIT :limit")
    else:
        params["match"] = " & ".join(f"{w}:*" for w in words)
        sql = ("SELECT s.node_id, s.program_id, s.folded FROM node_search s, to_tsquery('simple', :match) q "
               f"WHERE to_tsvector('simple', s.folded) @@ q{within} "
               "ORDER BY ts_rank(to_tsvector('simple', s.folded), q) DESC, s.node_id LIMIT :limit")
    return [Hit(*row) for row in session.execute(text(sql), params)]


def highlight_spans(content: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each word of `content` that a query word is a prefix of, in `content`'s own
    characters (folding keeps one character per character for NFC Vietnamese text)."""
    words = query_words(query)
    folded = fold_per_char(content)
    spans = []
    for match in _WORD.finditer(folded):
        if any(match.group().startswith(w) for w in words):
            spans.append((match.start(), match.end()))
    return spans


def fold_per_char(content: str) -> str:
    """`content` folded character by character, so positions in the result are positions in `content`."""
    return "".join((fold(c) or " ")[:1] if not c.isspace() else " " for c in content)
