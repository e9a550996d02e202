"""Word (.docx) -> source lines, read as a stream so memory stays bounded.

Word keeps automatic list numbers ("1.", "1.1.", "(1)") out of the paragraph text, in the
numbering definitions; we recompute them so the parser sees what the reader sees on screen.
Footnote references become "[n]" in the text and the notes themselves are returned apart.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from defusedxml import ElementTree as SafeET

from hgdesk import inline
from hgdesk.errors import InputError
from hgdesk.importing import patterns as pt
from hgdesk.importing.source import Source
from hgdesk.messages import details, xml_problem
from hgdesk.text import clean, to_roman
from hgdesk.zipfiles import check_zip, malformed_data_errors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T = TypeVar("T")
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


# What is kept of a Word file: text beyond this is not one Party document (about 500 pages).
MAX_TEXT_CHARS = 2_000_000
# Parts read whole (numbering, styles, footnotes, relationships) are small in any real document.
MAX_SMALL_PART_BYTES = 8 * 1024 * 1024
# The main part unpacked: a 500-page document is a few MB of XML; far more is not a document.
MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024
REL_TYPES = {
    "numbering": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
    "styles": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "footnotes": RT_FOOTNOTES,
}
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_docx(data: bytes, name: str) -> Source:
    """Stream word/document.xml paragraph by paragraph (memory stays bounded whatever the
    file holds) and stop with a clear message when it holds far more text than a document."""
    archive = check_zip(data, name)
    try:
        return _read(archive, name)
    except InputError:
        raise
    except malformed_data_errors() as exc:
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc được nội dung Word: {xml_problem(exc)}.",
                         details=details(exc)) from None


def _read(archive: zipfile.ZipFile, name: str) -> Source:
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise InputError(f"Tệp “{name}” bị hỏng hoặc không phải tệp Word (.docx): thiếu phần nội dung chính.")
    if archive.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML_BYTES:
        raise InputError(
            f"Tệp “{name}” có phần nội dung lớn bất thường (hơn {MAX_DOCUMENT_XML_BYTES // 1024 // 1024} MB khi giải nén) "
            "để là một văn bản; không nhập. Hãy tách thành từng văn bản."
        )
    parts = _related_parts(archive, names)
    numbering = _Numbering(_small_part(archive, parts.get("numbering"), name),
                           _small_part(archive, parts.get("styles"), name))
    footnote_texts = _footnote_texts(_small_part(archive, parts.get("footnotes"), name))
    footnote_numbers: dict[str, int] = {}
    lines: list[str] = []
    kept = 0
    with archive.open("word/document.xml") as stream:
        body = None
        depth = 0
        for event, element in SafeET.iterparse(stream, events=("start", "end")):
            if event == "start":
                depth += 1
                if element.tag == W + "body":
                    body = element
                continue
            depth -= 1
            if body is None or depth != 2:
                continue
            if element.tag in (W + "p", W + "tbl"):
                _number_footnotes(element, footnote_texts, footnote_numbers)
                if element.tag == W + "p":
                    lines.append(_paragraph_line(element, numbering, footnote_numbers).replace("\n", " "))
                else:
                    lines.extend(_table_lines(element, numbering, footnote_numbers))
                kept += len(lines[-1]) if lines else 0
                if kept > MAX_TEXT_CHARS:
                    raise InputError(
                        f"Tệp “{name}” chứa quá nhiều chữ (hơn {MAX_TEXT_CHARS // 4000} trang) để là một văn bản; "
                        "có thể tệp gộp nhiều văn bản. Hãy tách thành từng văn bản rồi nhập lại."
                    )
            body.remove(element)
    if not any(line.strip() for line in lines):
        raise InputError(f"Tệp “{name}” không có đoạn văn bản nào.")
    footnotes = {number: footnote_texts[key] for key, number in footnote_numbers.items()}
    return Source(name=name, lines=lines, paragraphs=False, word=True, footnotes=footnotes)


def _related_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    rels_name = "word/_rels/document.xml.rels"
    found: dict[str, str] = {}
    if rels_name not in names:
        return found
    root = SafeET.fromstring(archive.read(rels_name)[:MAX_SMALL_PART_BYTES])
    for rel in root.iter(PKG_REL + "Relationship"):
        for key, rel_type in REL_TYPES.items():
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target", "").lstrip("/")
                found[key] = target if target.startswith("word/") else f"word/{target}"
    return found


def _small_part(archive: zipfile.ZipFile, part: str | None, name: str):
    if not part:
        return None
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_SMALL_PART_BYTES:
        raise InputError(f"Tệp “{name}” có phần định dạng quá lớn bất thường; không nhập.")
    return SafeET.fromstring(archive.read(part))


def _footnote_texts(root) -> dict[str, str]:
    texts: dict[str, str] = {}
    if root is None:
        return texts
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(
            (t.text or "") if t.tag == W + "t" else " " for t in note.iter() if t.tag in (W + "t", W + "tab")
        )
        texts[note.get(W + "id")] = text.strip()
    return texts


def _number_footnotes(element, texts: dict[str, str], numbers: dict[str, int]) -> None:
    """Footnotes are numbered 1, 2, … in the order the body refers to them."""
    for ref in element.iter(W + "footnoteReference"):
        ref_id = ref.get(W + "id")
        if ref_id in texts and ref_id not in numbers:
            numbers[ref_id] = len(numbers) + 1


def _on(rpr, tag: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(W + tag)
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


def _paragraph_text(p, footnote_numbers: dict[str, int]) -> str:
    """The paragraph's text; emphasis inside it (not the whole paragraph) kept as **…** / __…__."""
    pieces: list[tuple[str, bool, bool]] = []
    for run in p.iter(W + "r"):
        rpr = run.find(W + "rPr")
        bold, italic = _on(rpr, "b"), _on(rpr, "i")
        for el in run:
            tag = el.tag
            if tag == W + "t":
                pieces.append((el.text or "", bold, italic))
            elif tag == W + "tab":
                pieces.append(("\t", bold, italic))  # a column typed with tabs: read as in a text file
            elif tag in (W + "br", W + "cr"):
                pieces.append(("\n", bold, italic))  # a line break: a new line in a table cell, a space in text
            elif tag == W + "noBreakHyphen":
                pieces.append(("-", bold, italic))
            elif tag == W + "footnoteReference":
                number = footnote_numbers.get(el.get(W + "id"))
                if number:
                    pieces.append((f"[{number}]", False, False))
    visible = [x for x in pieces if x[0].strip()]
    all_bold = bool(visible) and all(b for _, b, _ in visible)
    all_italic = bool(visible) and all(i for _, _, i in visible)
    return inline.join([(t, b and not all_bold, i and not all_italic) for t, b, i in pieces])


def _paragraph_line(p, numbering: _Numbering, footnote_numbers) -> str:
    text = _paragraph_text(p, footnote_numbers)
    label = numbering.label_for(p)
    if label and text.strip():
        return f"{label} {text.strip()}"
    return text


def table_cells(tbl) -> list[list[list[Any]]]:
    """A table's rows, each as its cells, each cell as its paragraphs (w:p), in document order."""
    return [[list(c.iter(W + "p")) for c in row if c.tag == W + "tc"] for row in tbl.iter(W + "tr")]


def by_columns(rows: list[list[list[T]]]) -> list[T]:
    """What a layout table holds, column by column as the eye reads it: the left column ("Nơi nhận" and
    every recipient, whatever row it sits in) before the right one (the signature)."""
    columns = max((len(r) for r in rows), default=0)
    return [item for col in range(columns) for r in rows if col < len(r) for item in r[col]]


def _table_lines(tbl, numbering, footnote_numbers) -> list[str]:
    """Layout tables (issuing body | party motto, "Nơi nhận" | signature) read column by column,
    as the eye reads them; data tables row by row, cells joined with " | "."""
    # a cell's lines: its paragraphs, and the lines its paragraphs break with Shift+Enter
    rows = [[[line for p in cell for line in _paragraph_line(p, numbering, footnote_numbers).split("\n")]
             for cell in row] for row in table_cells(tbl)]
    if is_layout_table(x for r in rows for cell in r for x in cell):
        return [line for line in by_columns(rows) if line.strip()]
    lines: list[str] = []
    for cell_lines in rows:
        if any(sum(1 for x in cl if x.strip()) > 1 for cl in cell_lines):
            for cl in cell_lines:
                lines.extend(cl)
        else:
            joined = " | ".join(" ".join(x.strip() for x in cl if x.strip()) for cl in cell_lines)
            lines.append(joined.strip(" |"))
    return lines


def is_layout_table(texts: Iterable[str]) -> bool:
    """A table that places the header or the signature block (not a table of data)."""
    cleaned = (clean(x) for x in texts if x.strip())
    return any(pt.is_motto(x) or pt.NUMBER_LINE.match(x) or pt.DATE_LINE.match(x) or pt.AUTHORITY.match(x)
               or pt.is_recipients_start(x) for x in cleaned)


class _Numbering:
    """Counters of Word's automatic numbering, advanced paragraph by paragraph."""

    def __init__(self, root, styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = {s.get(W + "styleId"): s for s in styles.iter(W + "style")} if styles is not None else {}
        if root is None:
            return
        for absnum in root.iter(W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in absnum.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                levels[ilvl] = _Level(
                    start=int(_val(lvl, "start") or 1),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                )
            self.abstract[absnum.get(W + "abstractNumId")] = levels
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId")
            self.num_to_abstract[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iter(W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    ilvl = int(override.get(W + "ilvl", "0"))
                    self.overrides.setdefault(num_id, {})[ilvl] = int(start)

    def label_for(self, p) -> str:
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0":
            return ""
        levels = self.abstract.get(self.num_to_abstract.get(num_id, ""), {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        start = self.overrides.get(num_id, {}).get(ilvl, level.start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet":
            return "-"
        label = level.text
        for k in range(ilvl + 1):
            lv = levels.get(k)
            counted = counters[k]
            value = counted if counted is not None else (lv.start if lv else 1)
            label = label.replace(f"%{k + 1}", _format(value, lv.fmt if lv else "decimal"))
        return label

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        style_id = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            style_id = ppr.find(W + "pStyle").get(W + "val")
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
        if num_id is None and style_id:
            num_id, style_ilvl = self._style_num_pr(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        return num_id, int(ilvl or 0)

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None, None
            ppr = style.find(W + "pPr")
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            if num_pr is not None and _val(num_pr, "numId"):
                return _val(num_pr, "numId"), _val(num_pr, "ilvl")
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
        return None, None


def _val(el, child: str) -> str | None:
    if el is None:
        return None
    found = el.find(W + child)
    return found.get(W + "val") if found is not None else None


def _format(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = to_roman(max(value, 1))
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
