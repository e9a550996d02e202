"""Source lines -> ParsedProgram, in the order a reader reads a document.

lines (lines.py: page noise, columns, OCR, wraps) -> header (header.py) -> classified blocks
(blocks.py) nested by their numbering style into a tree, with the recipients, the signature
and any appendix read apart -> meaning (meaning.py: kind, period, indicators, organisation).
Faults in the source numbering are kept and reported as warnings, never repaired.
"""

from __future__ import annotations

import re
from collections import Counter

from hgdesk.errors import InputError
from hgdesk.importing import patterns as pt
from hgdesk.importing.blocks import Block, classify, label_number
from hgdesk.importing.header import read_header
from hgdesk.importing.lines import join_wrapped_lines, prepare
from hgdesk.importing.meaning import interpret
from hgdesk.importing.model import Footnote, ParsedNode, ParsedProgram, Signer
from hgdesk.importing.source import Source
from hgdesk.text import fold
from hgdesk.vocab import NodeKind

__all__ = ["join_wrapped_lines", "parse_source"]

# A "Nơi nhận" entry longer than this is running text, not a recipient: the list ends there.
MAX_RECIPIENT_CHARS = 300
# An addressee under "Kính gửi:" is a name, not a sentence.
MAX_ADDRESSEE_CHARS = 150
# The depth of each numbering style in Party documents (Phần > I. > 1. > 1.1. > a) / (1) / 1)).
_RANK = {"phan": 0, "chuong": 0, "appendix": 0, "upper": 0.5, "roman": 1, "dieu": 1.5, "num:1": 2, "num/": 2, "khoan": 2,
         "num:2": 3, "num:3": 4, "num:4": 5, "letter": 6}
_FOOTNOTE_MARK = re.compile(r"(?:\[\d{1,3}\])+$")


def parse_source(source: Source) -> ParsedProgram:
    prepared = prepare(source.lines, word=source.word, has_footnotes=bool(source.footnotes),
                       paragraphs=source.paragraphs)
    footnotes = {**prepared.footnotes, **source.footnotes}
    program = ParsedProgram()
    start = read_header(prepared.lines, program)
    _Body(prepared.lines, start, program).run()
    interpret(program)
    _check_numbering(program, program.nodes, "văn bản")
    program.footnotes = [Footnote(n, footnotes[n]) for n in sorted(footnotes)]
    program.warnings = list(source.warnings) + prepared.warnings + program.warnings
    has_structure = any(n.kind != NodeKind.PARAGRAPH for n in program.walk())
    has_header = bool(program.document_type or program.symbol)
    # a document without numbering is still a document when it says what it is: a header, a
    # title, a signature, or a kind named in its first lines (a letter, a directive reprinted)
    says_what_it_is = has_header or bool(program.title) or bool(program.signer.authority) or bool(
        program.document_kind)
    if not has_structure and not (says_what_it_is and (program.nodes or program.opening)):
        raise InputError(
            f"Không nhận ra cấu trúc chương trình trong “{source.name}”: không thấy phần (I., II.), "
            "mục (1., 1.1.) hay điểm ((1)) nào. Hãy kiểm tra lại tệp."
        )
    return program


class _Body:
    """Blocks -> tree. Each numbering style takes the depth at which it first appears; a label of
    a style already open closes everything below it (so "5." after "4.1." is a sibling of "4.")."""

    def __init__(self, lines: list[str], start: int, p: ParsedProgram) -> None:
        self.lines = lines
        self.i = start
        self.p = p
        self.stack: list[tuple[str, ParsedNode]] = []
        self.mode = "opening"
        self.pending_heading: ParsedNode | None = None
        self.signer_lines: list[str] = []
        self.tail_seen = False
        self.addressees = False  # the opening's last line was "Kính gửi:" or one of its addressees

    # containers -----------------------------------------------------------------------------
    def container(self) -> list[ParsedNode]:
        for _, node in reversed(self.stack):
            if node.kind in ("part", "section"):
                return node.children
        return self.p.nodes

    def open_label(self, block: Block) -> None:
        rank = _RANK.get(block.style, _RANK["letter"])
        while self.stack:
            style, _ = self.stack[-1]
            top = _RANK.get(style, _RANK["letter"])
            if top > rank or (top == rank and (style == block.style or block.part)):
                self.stack.pop()
            else:
                break
        parent = self.stack[-1][1] if self.stack else None
        if parent is not None and parent.kind == "item":
            self._item_becomes_section(parent)
        node = self._node(block)
        (parent.children if parent is not None else self.p.nodes).append(node)
        self.stack.append((block.style, node))

    def _item_becomes_section(self, item: ParsedNode) -> None:
        """An item followed by deeper numbering is a heading after all: the text read after
        it (put beside it while it was an item) is its content."""
        owner = next((n.children for _, n in reversed(self.stack[:-1]) if item in n.children), self.p.nodes)
        at = next(i for i, n in enumerate(owner) if n is item)
        item.kind, item.heading, item.text = "section", item.text, ""
        item.children.extend(owner[at + 1:])
        del owner[at + 1:]

    def _node(self, block: Block) -> ParsedNode:
        if block.part:
            return ParsedNode("part", label=block.label, heading=block.text)
        if block.heading or _reads_as_heading(block.text):
            return ParsedNode("section", label=block.label, heading=block.text)
        return ParsedNode("item", label=block.label, text=block.text)

    # the walk -------------------------------------------------------------------------------
    def run(self) -> None:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if not self.step(line):
                break
        if self.signer_lines:
            self._signer()
        _last_heading_without_content(self.p.nodes)
        if not self.p.nodes and self.p.opening and (self.p.document_type or self.p.symbol):
            # a document without any numbering or bullets: its paragraphs are its body (its
            # "- Căn cứ …" preamble stays the opening)
            basis = 0
            while basis < len(self.p.opening) and _is_basis(self.p.opening[basis].lstrip("-–• ")):
                basis += 1
            self.p.nodes = [ParsedNode("paragraph", text=x) for x in self.p.opening[basis:]]
            self.p.opening = self.p.opening[:basis]

    def step(self, line: str) -> bool:
        """Read one line; False when the rest of the text is another document."""
        p = self.p
        if self.pending_heading is not None:
            if pt.is_upper(line) and not pt.is_structural(line):
                self.pending_heading.heading = f"{self.pending_heading.heading} {line}".strip()
                return True
            self.pending_heading = None
        if self.signer_lines:
            if _continues_signature(line, self.signer_lines):
                self.signer_lines.append(line)
                return True
            self._signer()
        if self.tail_seen and self._another_document():
            p.warnings.append(
                "Tệp có thể chứa nhiều văn bản (sau phần ký lại có phần đầu của văn bản khác); "
                "chỉ nhập văn bản đầu tiên. Hãy tách các văn bản thành từng tệp."
            )
            return False
        if pt.AUTHORITY.match(line):
            self.signer_lines = [line]
            self.tail_seen = True
            if self.mode == "recipients":
                self.mode = "closing"  # the signature ends the list of recipients
            return True
        if pt.is_recipients_start(line):
            self.mode = "recipients"
            self.tail_seen = True
            rest = line.split(":", 1)[1] if ":" in line else ""
            self._recipients_inline(rest)
            return True
        block = classify(line)
        if self.mode == "recipients":
            if block.kind == "appendix" or not self._recipient(line):
                self.mode = "body" if block.kind == "appendix" else "closing"
            else:
                return True
        if block.kind == "appendix":
            self.open_label(block)
            self.pending_heading = self.stack[-1][1]
            self.mode = "body"
            return True
        if self.mode == "closing" or (line[:1] in "Tt" and pt.head(line).startswith("tren day la") and self.mode != "opening"):
            if self.tail_seen and self.mode == "closing" and block.kind != "text":
                self.mode = "body"  # text after the signature that is numbered: an annex
            else:
                self.mode = "closing"
                p.closing.append(line)
                return True
        if block.kind == "label":
            self.open_label(block)
            node = self.stack[-1][1]
            if block.style == "phan" or (node.kind == "part" and pt.is_upper(node.heading)):
                self.pending_heading = node  # a heading in capitals may go on over the next line
            self.mode = "body"
            return True
        if self.mode == "opening" and (block.kind == "text" or (block.kind == "bullet" and _is_basis(block.text))):
            p.opening.append(line)  # the preamble, its "- Căn cứ …" lines included
            self.addressees = bool(pt.ADDRESSEE.match(line))
            return True
        if self.mode == "opening" and self.addressees and block.kind == "bullet" and len(line) <= MAX_ADDRESSEE_CHARS:
            p.opening.append(line)  # "Kính gửi:" and the list of those the letter is sent to
            return True
        self.mode = "body"
        if block.kind == "bullet":
            self.container().append(ParsedNode("bullet", label="-", text=block.text))
        else:
            self.container().append(ParsedNode("paragraph", text=line))
        return True

    # tail -----------------------------------------------------------------------------------
    def _recipients_inline(self, rest: str) -> None:
        """"Nơi nhận: - A; - B" on one line (text flattened by a web page)."""
        rest = rest.strip()
        if not rest:
            return
        for piece in ([rest] if not rest.startswith("-") else rest.split(" - ")):
            entry = _recipient(piece)
            if entry:
                self.p.recipients.append(entry)

    def _recipient(self, line: str) -> bool:
        """Take `line` as a recipient (or the rest of one); False when the list has ended."""
        p = self.p
        if len(line) > MAX_RECIPIENT_CHARS:
            return False
        if pt.BULLET.match(line) or not p.recipients:
            if not pt.BULLET.match(line) and (pt.is_label(line) or pt.is_upper(line)):
                return False
            p.recipients.append(_recipient(line))
            return True
        last = p.recipients[-1]
        continues = (len(line) < 80 and not line.endswith(":") and not _looks_like_name(line)
                     and not pt.is_label(line) and not pt.is_upper(line))
        if continues and len(last) + len(line) <= MAX_RECIPIENT_CHARS:
            p.recipients[-1] = _recipient(f"{last} {line}")
            return True
        return False

    def _another_document(self) -> bool:
        """After the signature, the header of a new document (body line, number, date)."""
        line = self.lines[self.i - 1]
        if not (pt.is_body_line(line) or pt.NUMBER_LINE.match(line) or pt.is_motto(line)):
            return False
        ahead = self.lines[self.i:self.i + 5]
        return any(pt.NUMBER_LINE.match(x) or pt.DATE_LINE.match(x) for x in ahead)

    def _signer(self) -> None:
        lines = self.signer_lines
        authority = lines[0]
        rest = lines[1:]
        if authority.strip() in ("T/M", "K/T", "T/L", "TM.", "KT.", "TL.") and rest:
            authority = f"{authority.strip()} {rest.pop(0)}"
        signer = Signer(authority=authority)
        for line in rest:
            if (fold(line).strip("() ") if len(line) < 30 else "") in ("da ky", "ky ten", "da ky va dong dau"):
                continue
            if pt.is_upper(line) and not signer.position:
                signer.position = line
            elif _looks_like_name(line) and not signer.name:
                signer.name = line
        self.p.signer = signer
        self.signer_lines = []


def _recipient(text: str) -> str:
    """One "Nơi nhận" entry without its dash and its closing comma or full stop."""
    text = text.strip()
    if m := pt.BULLET.match(text):
        text = m.group(1)
    return text.rstrip(",;. ")


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in line)
            and not pt.is_upper(line))


def _continues_signature(line: str, so_far: list[str]) -> bool:
    """Position and name follow the authority line; anything else ends the signature."""
    if len(so_far) >= 4 or len(line) > 60 or pt.BULLET.match(line) or pt.is_recipients_start(line):
        return False
    if any(_looks_like_name(x) for x in so_far[1:]):
        return False  # the name closes the signature
    if pt.is_body_line(line) and len(so_far) >= 2:
        return False
    return pt.is_upper(line) or _looks_like_name(line) or (fold(line).strip("() ") if len(line) < 30 else "") in ("da ky", "ky ten")


def _last_heading_without_content(nodes: list[ParsedNode]) -> None:
    """The document's last numbered line read as a heading, with nothing under it (a copy cut off
    mid-sentence: "3. Ban Chấp hành Đoàn các cấp do Đại"): a heading heads something, so it is a point.
    An article ("Điều 3.") is a heading whatever follows it."""
    while nodes:
        last = nodes[-1]
        if last.kind == "section" and not last.children and not last.label.startswith(("Điều", "Khoản")):
            last.kind, last.text, last.heading = "item", last.heading, ""
            return
        nodes = last.children


def _is_basis(text: str) -> bool:
    """A line of the preamble that cites what the document rests on ("Căn cứ …", "Xét đề nghị …")."""
    return pt.head(text, 12).startswith(("can cu", "xet de nghi", "theo de nghi"))


def _reads_as_heading(text: str) -> bool:
    """A numbered line is a heading when it is a title, not a sentence (a footnote mark aside). A
    line ending in a colon is a heading ("Mục tiêu cụ thể:") unless it is a sentence that announces
    a list ("Thống nhất cơ bản nội dung các văn kiện sau:"): a point whose bullets follow."""
    text = _FOOTNOTE_MARK.sub("", text.rstrip())
    if len(text) > 300 or text.endswith((".", ";", "!", "?", "…")):
        return False
    return not (text.endswith(":") and _announces_list(text))


def _announces_list(text: str) -> bool:
    """"… các văn kiện sau:", "… bao gồm:", "… tập trung thực hiện các nội dung:": a sentence that
    announces what follows, not a title ("Nội dung chủ yếu:" is short: a title)."""
    words = fold(text.rstrip(" :")).split()
    return (len(words) >= 4 and words[-1] in ("sau", "gom")) or (len(words) >= 6 and words[-2:] == ["noi", "dung"])


# --- numbering faults ----------------------------------------------------------------------------
def _check_numbering(p: ParsedProgram, nodes: list[ParsedNode], where: str) -> None:
    seen: dict[tuple[str, str], list[int]] = {}
    for node in nodes:
        key = label_number(node.label)
        if key is not None:
            kind = node.kind if node.kind != "indicator" else "item"
            seen.setdefault((kind, key[0]), []).append(key[1])
    for (kind, _family), numbers in seen.items():
        for number, count in Counter(numbers).items():
            if count > 1:
                p.warnings.append(f"Số thứ tự {number} lặp lại {count} lần ({_kind_vi(kind)}) trong {where}.")
        previous = None
        for number in numbers:
            if previous is not None and number > previous + 1:
                p.warnings.append(f"Số thứ tự nhảy từ {previous} sang {number} ({_kind_vi(kind)}) trong {where}.")
            previous = number
    for node in nodes:
        if node.children:
            _check_numbering(p, node.children, f"“{node.label} {node.heading or node.text[:40]}”".strip())


def _kind_vi(kind: str) -> str:
    return NodeKind.label_of(kind).lower()
