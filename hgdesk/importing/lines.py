"""Source lines -> clean logical lines, before anything is classified.

What a reader's eye does without thinking: drop page markers, read a two-column line
(layout text, OCR) as two lines, read table rows as rows, undo the usual OCR confusions in
numbering and header words (reporting each), and rejoin lines a PDF wrapped at its width.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise

from hgdesk.importing import patterns as pt
from hgdesk.importing.header import find_start, page_matter
from hgdesk.resources import resource
from hgdesk.text import clean as clean_text

# Fast path of hgdesk.text.clean for one line of a large file: the same result, but the slow
# steps (NFC, removing converter artefacts) only run on the lines that need them.
_NEEDS_NFC = re.compile(r"[\u0300-\u036f\u0340-\u0344\u2126\u212a\u212b\uf900-\ufaff]")
_INVISIBLE_OR_BOOKMARK = re.compile(r"[\ufffd\u200b\u200c\u200d\u2060\ufeff\u00ad]|\[[Bb][Oo][Oo][Kk][Mm][Aa][Rr][Kk]:")


def _quick_clean(line: str) -> str:
    if "  " not in line and "\t" not in line and "\xa0" not in line and line[:1] != " " and line[-1:] != " ":
        return line  # already clean (most lines): skip splitting and joining it
    return " ".join(line.split())


def _dirty_lines(lines: list[str]) -> set[int]:
    """The indexes of the few lines that need the full clean (NFC, converter artefacts), found in
    one pass over the whole text: testing each line of a 5 MB file costs a tenth of a second."""
    text = "\n".join(lines)
    marks = [m.start() for m in _NEEDS_NFC.finditer(text)] + [m.start() for m in _INVISIBLE_OR_BOOKMARK.finditer(text)]
    if not marks:
        return set()
    starts = list(accumulate((len(x) + 1 for x in lines), initial=0))
    return {bisect_right(starts, at) - 1 for at in marks}


# A line longer than this is not one paragraph of a Party document (about two pages):
# it is kept to this length and reported, so no field grows without bound.
MAX_LINE_CHARS = 6000
PAGE_NOISE = re.compile(
    r"^(?:\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|[Tt]rang\s+\d{1,3}(?:\s*/\s*\d{1,3})?"
    r"|[Pp]age\s+\d+(?:\s+of\s+\d+)?)$"
)
# Two columns: a run of 3+ spaces (or a tab) between two pieces of text.
_COLUMN_GAP = re.compile(r"(?<=\S)(?: {3,}|\s*\t\s*)(?=\S)")
# Gaps that are blanks inside one field, not a column break: "Số      -CTr/TU", "ngày     tháng".
_NOT_A_BREAK_AFTER = re.compile(r"(?:^|\s)(?:Số:?|ngày|tháng)$", re.IGNORECASE)
_NOT_A_BREAK_BEFORE = re.compile(r"^(?:tháng|năm\s+\d{4}|-\s*[A-Za-zĐđ]{1,6}\s*/)", re.IGNORECASE)
_INDENT = re.compile(r"^(?: {3,}|\t)")
_SYMBOL_WRAP = re.compile(r"\d-\s*$")
_SYMBOL_START = re.compile(r"^[A-ZĐ][A-Za-zĐđ]{0,5}/[A-ZĐ]")


_LABEL_STARTS = "lI1|Í(0123456789Đ"


@dataclass
class PreparedLines:
    lines: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _confusions() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    data = json.loads(resource("importing", "ocr_confusions.json").read_text(encoding="utf-8"))
    return {key: [(re.compile(p), r) for p, r in data[key]] for key in ("label", "header")}


def fix_ocr(line: str, *, header: bool, corrections: list[str]) -> str:
    """Undo the known OCR confusions of the data table; each change is noted for the user."""
    table = _confusions()
    rules = (table["label"] if line[:1] in _LABEL_STARTS else []) + (table["header"] if header and len(line) < 120 else [])
    fixed = line
    for pattern, replacement in rules:
        fixed = pattern.sub(replacement, fixed)
    if fixed != line:
        at = next((i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b), min(len(line), len(fixed)))
        start = max(0, line.rfind(" ", 0, max(0, at - 12)) + 1)
        corrections.append(f"“{line[start:at + 12].strip()}” → “{fixed[start:at + 12].strip()}”")
    return fixed


_LONE_I = re.compile(r"^I[.\-]\s")
_NEXT_ARABIC = re.compile(r"^(\d{1,2})[.\-]\s")
_NEXT_ROMAN = re.compile(r"^(?:II|[lI|][lI1|])[.\-]\s")
LABEL_LOOKAHEAD = 80  # lines searched for the label that follows a misread one


def _one_or_i(lines: list[str], read_as_i: list[tuple[int, int]], corrections: list[str]) -> None:
    """"l." is OCR's reading of "1." as often as of "I.": the numbering that follows decides ("2."
    next: it was "1."; "1." next, its first point, or "II.": it was "I.")."""
    for at, note in read_as_i:
        for following in lines[at + 1:at + LABEL_LOOKAHEAD]:
            if _NEXT_ROMAN.match(following):
                break
            if m := _NEXT_ARABIC.match(following):
                if m.group(1) != "2":
                    break
                lines[at] = "1" + lines[at][1:]
                if 0 <= note < len(corrections):
                    before, _, after = corrections[note].partition(" → ")
                    corrections[note] = f"{before} → {after.replace('“I', '“1', 1)}"
                break


# --- text flattened onto one line (a web page or forum copy) ----------------------------------------
FLAT_MIN_CHARS = 300
HEADER_ROW_CHARS = 250  # a header row read as one line is shorter than this
_FLAT_MARKS = (
    re.compile(r"Số\s*:?\s*\d+\s*-\s*[A-ZĐ]"), re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"),
    re.compile(r"Nơi nhận\s*:"), re.compile(r"(?:T/M|TM\.|K/T|KT\.)\s+[A-ZĐ]"),
)
_FLAT_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_FLAT_BREAKS = [
    re.compile(r"\*{3,}"),
    re.compile(r"-{3,}"),
    re.compile(r"(?=Số\s*:?\s*\d+\s*-\s*[A-ZĐ])"),
    re.compile(r"(?<=năm \d{4})(?=\s+[A-ZĐ])"),
    re.compile(r"(?=Nơi nhận\s*:)"),
    re.compile(r"(?=(?:T/M|TM\.|K/T|KT\.|T/L|TL\.)\s+[A-ZĐ])"),
    re.compile(r"(?<=[A-ZĐ])(?=(?:PHÓ )?BÍ THƯ|CHÁNH VĂN PHÒNG)"),
    re.compile(r"\((?:đã ký|Đã ký)\)"),
]
_GLUED_TYPE = re.compile("(" + "|".join(pt.DOC_TYPES) + r")(?=[^\W\d_]{2})")


def _break_glued_type(text: str) -> str:
    """"QUYẾT ĐỊNHVề việc …": the type and the title it was glued to."""
    def cut(m: re.Match[str]) -> str:
        after = text[m.end():m.end() + 2]
        return f"\n{m.group(1)}\n" if after[0].isupper() and after[1].islower() else m.group(0)

    return _GLUED_TYPE.sub(cut, text)


def _break_before_place(text: str) -> str:
    """"… HỒ CHÍ MINH Hà Nội, ngày 29 tháng 10 năm 2013" -> a line starting at the place."""
    for m in reversed(list(_FLAT_DATE.finditer(text))):
        words = text[: m.start()].split(" ")
        place = 0
        while place < min(4, len(words)) and words[-1 - place][:1].isupper() and not words[-1 - place].isupper():
            place += 1
        if place:
            cut = len(" ".join(words[:-place]))
            text = text[:cut] + "\n" + text[cut:]
    return text


def _may_be_flat(line: str) -> bool:
    """Three of the four marks of a flattened document include "Nơi nhận" or a signing authority:
    a cheap test before the regular expressions (most long lines are just long paragraphs)."""
    return "Nơi nhận" in line or "/M " in line or "K/T" in line or "TM." in line or "KT." in line


_MOTTO_TEXT = "ĐẢNG CỘNG SẢN VIỆT NAM"
_HEADER_ROW_BREAKS = [
    re.compile(r"\s*" + _MOTTO_TEXT + r"\s*"),
    re.compile(r"(?:^|\s)\*(?:\s|$)"),
    re.compile(r"(?<=\S)\s+(?=Số\s*:?\s*\d+\s*-\s*[A-ZĐ])"),
    re.compile(r"(?<=[A-ZĐÀ-Ỹ])\s+(?=ĐẢNG [ỦU][YỶ] |BAN THƯỜNG VỤ |BAN CHẤP HÀNH )"),
]


def _header_row(line: str) -> list[str]:
    """A row of the header whose two columns were read as one line with single spaces (a web page, an
    OCR layer): "ĐẢNG BỘ TỈNH THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM", "* Sao Vàng, ngày 10 tháng 10 năm 2025",
    or the whole header on one line. Cut at the motto, the star, the number, the place and a second body."""
    if "   " in line or "\t" in line or len(line) > HEADER_ROW_CHARS:
        return [line]  # layout text: its columns are split by their gap
    text = line.strip()
    if not (_MOTTO_TEXT in text and text != _MOTTO_TEXT) and not (text.startswith("* ") and _FLAT_DATE.search(text)):
        return [line]
    text = _break_before_place(text)
    for pattern in _HEADER_ROW_BREAKS:
        text = pattern.sub(lambda m: f"\n{m.group(0).strip()}\n", text)
    return [x.strip() for x in text.split("\n") if x.strip()]


# A table copied as Markdown ("| ĐẢNG BỘ … | ĐẢNG CỘNG SẢN VIỆT NAM |", "|---|---|").
_MARKDOWN_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MARKDOWN_RULE = re.compile(r"^\s*\|[\s:|\-]*-[\s:|\-]*\|\s*$")
_RULE_IN_CELL = re.compile(r"\s*(-{3,}|\*{3,})\s*")
_POSITION_IN_CELL = re.compile(r"\s+(?=(?:PHÓ\s+)?(?:BÍ THƯ|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|CHỦ NHIỆM)\b|ĐOÀN CHỦ TỊCH\b)")


def markdown_row(line: str) -> list[str]:
    """A row of a table copied as Markdown, as the eye reads it: a rule row is nothing; a header or
    signature row (two cells) gives the lines of its left cell, then of its right one (each cell's
    lines were run together: cut at the motto, a second body, a rule, the number, the position, the
    name); a data row gives its cells joined with " | " as a Word table's row."""
    if "|" not in line or not (m := _MARKDOWN_ROW.match(line)):
        return [line]
    if _MARKDOWN_RULE.match(line):
        return []
    cells = [c.strip() for c in m.group(1).split("|") if c.strip()]
    if len(cells) > 2:
        return [" | ".join(cells)]
    return [piece for cell in cells for piece in _cell_lines(cell)]


def _cell_lines(cell: str) -> list[str]:
    if pt.AUTHORITY.match(cell):  # "T/M BAN THƯỜNG VỤ BÍ THƯ Nguyễn Việt Ba": authority, position, name
        words = cell.split()
        name_at = next((k for k, w in enumerate(words) if w[:1].isupper() and any(c.islower() for c in w)), len(words))
        text = _POSITION_IN_CELL.sub("\n", " ".join(words[:name_at]), count=1) + "\n" + " ".join(words[name_at:])
    else:
        text = _RULE_IN_CELL.sub(lambda m: f"\n{m.group(1)}\n", cell)
        for pattern in _HEADER_ROW_BREAKS:
            text = pattern.sub(lambda m: f"\n{m.group(0).strip()}\n", text)
    return [x.strip() for x in text.split("\n") if x.strip()]


def unflatten(line: str) -> list[str]:
    """A whole document flattened onto one line, back into its lines: header fields, the
    "Nơi nhận" entries and the signature are cut where their patterns begin."""
    if len(line) < FLAT_MIN_CHARS:
        return _header_row(line) if ("ĐẢNG CỘNG" in line or line.lstrip().startswith("* ")) else [line]
    if not _may_be_flat(line) or sum(1 for m in _FLAT_MARKS if m.search(line)) < 3:
        return [line]
    text = _break_before_place(_break_glued_type(line))
    for pattern in _FLAT_BREAKS:
        text = pattern.sub(lambda m: f"\n{m.group(0)}\n" if m.group(0) else "\n", text)
    head, sep, tail = text.partition("Nơi nhận")
    if sep:
        tail = re.sub(r"\s(?=-\s)", "\n", tail)
        text = head + sep + tail
    return [x.strip() for x in text.split("\n") if x.strip()]


def split_columns(raw: str) -> list[str]:
    """The pieces of a two-column line, left to right; a line of one column as it is."""
    text = raw.strip()
    if "\t" not in text and "   " not in text:
        return [text]
    pieces: list[str] = []
    start = 0
    for gap in _COLUMN_GAP.finditer(text):
        left, right = text[start:gap.start()], text[gap.end():]
        if _NOT_A_BREAK_AFTER.search(left) or _NOT_A_BREAK_BEFORE.match(right):
            continue
        pieces.append(left)
        start = gap.end()
    pieces.append(text[start:])
    if len(pieces) > 2 and "\t" in text:
        return [" | ".join(p.strip() for p in pieces)]  # a table row
    return pieces


def prepare(raw_lines: list[str], *, word: bool, has_footnotes: bool, paragraphs: bool) -> PreparedLines:
    """Clean lines in reading order, footnotes apart, page noise dropped, wraps rejoined."""
    out = PreparedLines([])
    corrections: list[str] = []
    dropped_pages = 0
    right_column: list[str] = []
    too_long = 0
    indented: list[bool] = []  # the physical line started with an indent (layout text marks paragraphs so)
    read_as_i: list[tuple[int, int]] = []  # (line, correction) where a misread label was taken for "I."
    raw_lines = [piece for raw in raw_lines for row in markdown_row(raw) for piece in unflatten(row)]
    dirty = _dirty_lines(raw_lines)
    for index, line in enumerate(raw_lines):
        clean = clean_text if index in dirty else _quick_clean
        stripped = line.strip()
        if stripped.startswith("\ufffd") and len(stripped) > 20:
            out.footnotes[max(out.footnotes, default=0) + 1] = clean(stripped)
            continue
        # a Word paragraph has no layout spaces, but its tabs separate columns as in a text file
        pieces = [clean(p) for p in split_columns(line)] if not word or "\t" in line else [clean(line)]
        pieces = [_EMPHASIS.sub(r"\2", p) for p in pieces if p]
        if len(pieces) > 1 and not (right_column and pt.BULLET.match(pieces[0])) and not any(
            pt.is_header_piece(p) for p in pieces
        ):
            pieces = [" ".join(pieces)]  # a wide gap inside a sentence, not a second column
        if not pieces:
            continue
        if len(pieces) == 2 and (_signature_piece(pieces[1]) or (right_column and not pt.BULLET.match(pieces[1]))):
            right_column.append(pieces[1])
            pieces = pieces[:1]
        elif len(pieces) == 1 and right_column and _RIGHT_HALF.match(line):
            right_column.append(pieces[0])  # the signer's name alone on its line, under the right column
            pieces = []
        for piece in pieces:
            if _CELL_RULE.match(piece):
                continue  # "|": a table cell boundary copied from a web page, not text
            if PAGE_NOISE.match(piece):
                dropped_pages += 1
                continue
            if len(piece) > MAX_LINE_CHARS:
                piece = piece[:MAX_LINE_CHARS]
                too_long += 1
            m = pt.FOOTNOTE.match(piece)
            if m and not has_footnotes and not pt.BULLET.match(piece):
                out.footnotes[int(m.group(1))] = m.group(2)
                continue
            fixed = fix_ocr(piece, header=index < 40, corrections=corrections)
            if _LONE_I.match(fixed) and not _LONE_I.match(piece):
                read_as_i.append((len(out.lines), len(corrections) - 1))
            out.lines.append(fixed)
            indented.append(piece is not pieces[0] or bool(_INDENT.match(line)))
        if right_column and not _in_recipients(pieces):
            out.lines.extend(right_column)
            indented.extend([True] * len(right_column))
            right_column = []
    out.lines.extend(right_column)
    indented.extend([True] * len(right_column))
    _one_or_i(out.lines, read_as_i, corrections)
    if corrections:
        shown = "; ".join(corrections[:5]) + ("; …" if len(corrections) > 5 else "")
        out.warnings.append(f"Đã sửa {len(corrections)} lỗi nhận dạng chữ (OCR): {shown}.")
    if too_long:
        out.warnings.append(
            f"{too_long} đoạn dài quá {MAX_LINE_CHARS} ký tự (hơn một trang) đã được cắt bớt; hãy kiểm tra lại tệp."
        )
    del dropped_pages
    out.lines, indented = _rejoin_cells(out.lines, indented)
    out.lines, indented = _label_with_heading(out.lines, indented)
    if not paragraphs:
        share = sum(indented) / max(1, len(indented))
        out.lines = join_wrapped_lines(out.lines, indented if 0.25 <= share <= 0.85 and not word else None)
    return out


_CELL_RULE = re.compile(r"^\|+$")
# A whole line in the emphasis marks of a web editor or Markdown copy ("**KẾ HOẠCH**", "*Hà Nội, ngày …*").
_EMPHASIS = re.compile(r"^(\*\*|__|\*)(?=\S)(.*?\S)\1$")
# A line of layout text that starts in the right half of the page (the signature's column).
_RIGHT_HALF = re.compile(r"^[ \t]{30,}\S")


HEADER_CELL_LINES = 40  # a header table copied from a web page sits in the first lines


def _rejoin_cells(lines: list[str], indented: list[bool]) -> tuple[list[str], list[bool]]:
    """A header table copied from a web page breaks its cells inside words ("BỘ" / "CHÍNH TRỊ",
    "Số:" / "216-QĐ/TW", "Hà" / "Nội, ngày 01 tháng 4 năm 2009"): the pieces, put back together."""
    out: list[str] = []
    marks: list[bool] = []
    for k, line in enumerate(lines):
        if out and k < HEADER_CELL_LINES and _cell_continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
            continue
        out.append(line)
        marks.append(indented[k])
    return out, marks


def _cell_continues(previous: str, line: str) -> bool:
    if pt.is_structural(line) or pt.SEPARATOR.match(line) or pt.STAR.match(line):
        return False
    if previous in ("Số", "Số:"):
        return True
    words = previous.split()
    if len(words) == 1 and pt.is_upper(previous) and len(previous) <= 6 and not re.fullmatch(r"[IVXL]+", previous):
        return pt.is_upper(line)  # "BỘ" / "CHÍNH TRỊ", "ĐẢNG" / "CỘNG SẢN VIỆT NAM"
    return (len(words) <= 2 and previous[:1].isupper() and all(w.isalpha() for w in words) and not pt.DRAFT.match(previous)
            and bool(pt.DATE_LINE.match(line)) and line[:1].isupper())  # "Hà" / "Nội, ngày …"


def _label_with_heading(lines: list[str], indented: list[bool]) -> tuple[list[str], list[bool]]:
    """A label alone on its line ("I.", "1.") and its heading on the next: one line, as read."""
    out: list[str] = []
    marks: list[bool] = []
    skip = False
    for k, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if pt.LABEL_ONLY.match(line) and following and not pt.is_structural(following):
            out.append(f"{line} {following}")
            skip = True
        else:
            out.append(line)
        marks.append(indented[k])
    return out, marks


def _signature_piece(text: str) -> bool:
    return bool(pt.AUTHORITY.match(text))


def _in_recipients(pieces: list[str]) -> bool:
    first = pieces[0] if pieces else ""
    return bool(pt.BULLET.match(first) or pt.is_recipients_start(first))


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def join_wrapped_lines(lines: list[str], indented: list[bool] | None = None) -> list[str]:
    """Rebuild paragraphs from text that was wrapped at a fixed width (copied from a PDF).

    Text whose lines are already paragraphs is returned as it is: the decision is made for
    the whole text, from its line lengths and how often a line runs on in lower case. Layout
    text that indents the first line of each paragraph says itself where paragraphs start.
    """
    if indented is not None:
        return _join_by_indent(lines, indented)
    # decided on the document's own lines: a web page's menu or a scanner's banner before it must not
    # change how its paragraphs are read
    start = find_start(lines)
    own = lines[start if start is not None else page_matter(lines):]
    text_lines = [x for x in own if not pt.is_structural(x) and not pt.STAR.match(x)]
    if len(text_lines) < 8:
        return lines
    width = _percentile([len(x) for x in text_lines], 0.9)
    runs_on = sum(1 for a, b in pairwise(text_lines) if not a.endswith(pt.TERMINAL) and b[:1].islower())
    if width > 130 or runs_on < 0.12 * len(text_lines):
        return lines
    out: list[str] = []
    last_physical = ""
    for line in lines:
        # A numbered line that stops well short of the width is a heading, not a wrapped line.
        starts_heading = out and out[-1] == last_physical and bool(pt.NUMBERED.match(last_physical))
        full = (0.9 if starts_heading else 0.8) * width
        if out and _SYMBOL_WRAP.search(out[-1]) and _SYMBOL_START.match(line):
            out[-1] = out[-1].rstrip() + line  # "số 35-" / "CT/TW"
        elif (not out or pt.is_structural(line) or pt.SEPARATOR.match(out[-1]) or pt.is_header_piece(line)
              or pt.is_header_piece(out[-1])):
            out.append(line)
        elif line[:1].islower() or (not last_physical.endswith(pt.TERMINAL) and (
                len(last_physical) >= full or _runs_on(last_physical, line))):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last_physical = line
    return out


_RUNS_ON_START = re.compile(r"^(?:[“\"(]|\d+\s+[^\W\d_])")


def _runs_on(previous: str, line: str) -> bool:
    """A short wrapped line that still runs on: the next line opens a quotation or starts with a
    number inside the sentence ("… quý IV năm" / "2023 của tỉnh …"), or the previous line is a
    bullet cut before its end ("- Chủ tịch Quốc hội" / "Vương Đình Huệ và …")."""
    if pt.is_label(previous) and len(previous) < 30:
        return False  # a short heading ("* Khoản 11", "1. Mục tiêu"): what follows is its content
    return bool(_RUNS_ON_START.match(line)) or bool(pt.BULLET.match(previous))


def _join_by_indent(lines: list[str], indented: list[bool]) -> list[str]:
    out: list[str] = []
    for line, starts in zip(lines, indented, strict=True):
        if starts and out and line[:1].islower() and not out[-1].endswith(pt.TERMINAL):
            starts = False  # a hanging indent: a paragraph never starts in lower case, its wrapped line does
        if out and _SYMBOL_WRAP.search(out[-1]) and _SYMBOL_START.match(line):
            out[-1] = out[-1].rstrip() + line
        elif (starts or not out or pt.is_structural(line) or pt.is_header_piece(line) or pt.is_header_piece(out[-1])
              or pt.SEPARATOR.match(out[-1]) or (pt.is_structural(out[-1]) and out[-1].endswith(pt.TERMINAL[:1]))):
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return out
