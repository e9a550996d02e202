"""Full-text search over every program: folded text kept current on every write, a word-prefix index.

Why a stored folded column: folding (đ → d, tone placement, NFC/NFD) in Python at query time cost
seconds on a province's decade of programs; SQLite's own `remove_diacritics` does not fold đ. The
folded text is written by an ORM flush hook, so every write path of the core keeps it current, and is
indexed by FTS5 (SQLite) or a GIN tsvector (PostgreSQL); a query matches every word as a word prefix
("tinh u" finds "Tỉnh ủy"; "uy" does not match inside "quý").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import event, inspect, text
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


_INDEXED = ("heading", "text", "program_id", "deleted_at")


def _words_changed(node: Node) -> bool:
    state = inspect(node)
    return any(state.attrs[key].history.has_changes() for key in _INDEXED)


@event.listens_for(Session, "after_flush")
def _keep_folded_text_current(session: Session, _context) -> None:
    nodes = [o for o in session.new if isinstance(o, Node) and o.id is not None]
    # a changed node is folded again only when its words, program or deletion changed (renumbering
    # the siblings of a deleted section changes only their labels)
    nodes += [o for o in session.dirty if isinstance(o, Node) and o.id is not None and _words_changed(o)]
    if not nodes:
        return
    gone = [{"n": n.id} for n in nodes if n.deleted_at is not None]  # soft-deleted: not found any more
    rows = [{"n": n.id, "p": n.program_id, "f": node_folded(n.heading, n.text)} for n in nodes
            if n not in session.deleted and n.deleted_at is None]
    connection = session.connection()
    if gone:
        connection.execute(text("DELETE FROM node_search WHERE node_id = :n"), gone)
    if not rows:
        return
    upsert = ("INSERT INTO node_search (node_id, program_id, folded) VALUES (:n, :p, :f) "
              "ON CONFLICT (node_id) DO UPDATE SET program_id = excluded.program_id, folded = excluded.folded")
    connection.execute(text(upsert), rows)


# Ranking reads every match's word positions (bm25): for a one-letter prefix at 100× that is 27,000
# rows and 45 ms. The newest WINDOW matches are ranked instead: a query costs the same at any scale,
# and a search among ten years of programs shows the recent ones first when too many match.
WINDOW = 2000


@dataclass(frozen=True)
class Hit:
    node_id: int
    program_id: int


def matching_nodes(session: Session, query: str, limit: int, program_ids: list[int] | None = None) -> list[Hit]:
    """Nodes whose text has every word of `query` as a word prefix, best first among the newest
    WINDOW matches."""
    words = query_words(query)
    if not words:
        return []
    within = ""
    if program_ids is not None:
        if not program_ids:
            return []
        within = " AND s.program_id IN (" + ", ".join(str(int(p)) for p in program_ids) + ")"
    if session.get_bind().dialect.name == "sqlite":
        match = " AND ".join(f'"{w}"*' for w in words)
        matches = f"FROM node_fts JOIN node_search s ON s.node_id = node_fts.rowid WHERE node_fts MATCH :match{within}"
        rank, node = "bm25(node_fts)", "node_fts.rowid"
    else:
        match = " & ".join(f"{w}:*" for w in words)
        matches = (f"FROM node_search s, to_tsquery('simple', :match) q WHERE to_tsvector('simple', s.folded) @@ q{within}")
        rank, node = "-ts_rank(to_tsvector('simple', s.folded), q)", "s.node_id"
    params = {"match": match, "limit": limit, "skip": WINDOW - 1}
    oldest = session.execute(text(f"SELECT {node} {matches} ORDER BY {node} DESC LIMIT 1 OFFSET :skip"), params).scalar()
    params["oldest"] = oldest or 0
    sql = f"SELECT s.node_id, s.program_id {matches} AND {node} >= :oldest ORDER BY {rank}, s.node_id LIMIT :limit"
    return [Hit(*row) for row in session.execute(text(sql), params)]


def highlighter(query: str) -> Callable[[str], list[tuple[int, int]]]:
    """For one query: (start, end) of each word of a text that a query word is a prefix of, in the
    text's own characters (folding keeps one character per character for NFC Vietnamese text)."""
    words = query_words(query)
    if not words:
        return lambda _content: []
    starts = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + r")\w*")
    return lambda content: [m.span() for m in starts.finditer(fold_per_char(content))]


def closeness(query: str) -> Callable[[str, str], float]:
    """For one query: how closely a text matches it, to order the hits the index found (all of which have
    every word as a prefix). The words as typed, diacritics included ("chi bộ", not "chính bó"), then the
    whole phrase, then whole words folded, count more than prefixes."""
    import unicodedata

    typed = unicodedata.normalize("NFC", " ".join(query.lower().split()))
    words = _WORD.findall(typed)
    folded = query_words(query)
    if not words:
        return lambda _content, _folded: 0.0

    def whole(word: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")

    exact, loose = [whole(w) for w in words], [whole(w) for w in folded]
    phrase, loose_phrase = whole(" ".join(words)), whole(" ".join(folded))

    def score(content: str, flat: str) -> float:
        """`content` as stored (NFC), `flat` its folded text from the index (folding again costs most)."""
        text = " ".join(content.lower().split())
        return (4.0 * bool(phrase.search(text)) + 2.0 * bool(loose_phrase.search(flat))
                + sum(1.0 for w in exact if w.search(text)) + sum(0.5 for w in loose if w.search(flat)))

    return score


def highlight_spans(content: str, query: str) -> list[tuple[int, int]]:
    """The words of `content` that `query` highlights (see `highlighter`)."""
    return highlighter(query)(content)


@lru_cache(maxsize=1)
def _per_char_table() -> dict[int, str]:
    """One character to one folded character, for Latin letters with marks (Vietnamese) and capitals."""
    table = {}
    for code in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        folded = fold(chr(code))
        if folded and folded != chr(code):
            table[code] = folded[:1]
    for space in "\t\n\r\v\f\u00a0":
        table[ord(space)] = " "
    return table


def fold_per_char(content: str) -> str:
    """`content` folded character by character, so positions in the result are positions in `content`."""
    return content.translate(_per_char_table())
