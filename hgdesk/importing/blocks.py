"""A line of the body -> a classified block: what kind of line it is, the numbering style of
its label, and how sure we are. The tree builder nests blocks by their numbering style."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hgdesk.importing import patterns as pt
from hgdesk.text import from_roman


@dataclass
class Block:
    kind: str  # "label", "bullet", "text", "appendix"
    text: str
    label: str = ""
    style: str = ""  # numbering style: "phan", "roman", "num:1", "num:2", "paren", "num)", "letter", …
    part: bool = False  # a Phần or Roman heading: always a part of the document
    confidence: float = 1.0
    heading: bool = False  # an article or clause ("Điều 2.", "Khoản 11"): a heading whatever its punctuation


def _roman_ok(text: str) -> bool:
    try:
        return from_roman(text) <= 20
    except ValueError:
        return False


def _phan_label(text: str) -> str:
    words = text.split()
    head = words[0][:1].upper() + words[0][1:].lower()
    rest = [w if re.fullmatch(r"[IVXLC]+", w) and _roman_ok(w) else w.lower() for w in words[1:]]
    return " ".join([head, *rest])


def classify(line: str) -> Block:
    """The block a body line is; numbering is read as the reader sees it on the page."""
    if m := pt.PHAN.match(line):
        return Block("label", m.group(2).strip(), _phan_label(m.group(1)), "phan", part=True)
    if pt.APPENDIX.match(line):
        return Block("appendix", "", line.strip(" .:").upper(), "appendix", part=True)
    if m := pt.CHUONG.match(line):
        return Block("label", m.group(2).strip(), m.group(1), "chuong", part=True)
    if (m := pt.ROMAN.match(line)) and _roman_ok(m.group(1)):
        punct = "-" if m.group(2) in "-–" else "."
        return Block("label", m.group(3), f"{m.group(1)}{punct}", "roman", part=True)
    if (m := pt.UPPER_LETTER.match(line)) and pt.is_upper(m.group(3)[:30]):
        return Block("label", m.group(3), f"{m.group(1)}{'-' if m.group(2) in '-–' else '.'}", "upper", part=True)
    if m := pt.DIEU.match(line):
        return Block("label", m.group(2).strip(), f"{m.group(1)}.", "dieu", heading=True)
    if m := pt.KHOAN.match(line):
        return Block("label", (m.group(2) or "").strip(), m.group(1), "khoan", heading=True)
    if m := pt.NUMBERED.match(line):
        label = f"{m.group(1)}."
        return Block("label", m.group(2), label, f"num:{label.count('.')}")
    if m := pt.NUMBERED_NO_DOT.match(line):
        label = f"{m.group(1)}."
        return Block("label", m.group(2), label, f"num:{label.count('.')}", confidence=0.8)
    if m := pt.NUMBER_DASH.match(line):
        return Block("label", m.group(2), f"{m.group(1)}-", "num:1")
    if m := pt.ITEM.match(line):
        return Block("label", m.group(2), f"({m.group(1)})", "paren")
    if m := pt.NUMBER_SLASH.match(line):
        return Block("label", m.group(2), f"{m.group(1)}/", "num/")
    if m := pt.NUMBER_PAREN.match(line):
        return Block("label", m.group(2), f"{m.group(1)})", "num)")
    if m := pt.LETTER.match(line):
        punct = line[1:2] if line[1:2] in ")-" else "-" if line[1:2] == "–" else "."
        return Block("label", m.group(2), f"{m.group(1)}{punct}", "letter")
    if (m := pt.BULLET.match(line)) and not pt.SEPARATOR.match(line):
        return Block("bullet", m.group(1), "-")
    return Block("text", line)


def label_number(label: str) -> tuple[str, int] | None:
    """(family, number) of a label, to check that the numbering runs 1, 2, 3 …"""
    text = label.rstrip(".-)").lstrip("(")
    if text.isdigit():
        return label.replace(text, "#"), int(text)
    if "." in text and all(x.isdigit() for x in text.split(".")):
        parts = text.split(".")
        return f"num{len(parts)}", int(parts[-1])
    if _roman_ok(text):
        return "roman", from_roman(text)
    return None  # "Phần thứ nhất", "a)": not checked
