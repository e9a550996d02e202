"""Word (.docx) -> source lines.

Word keeps automatic list numbers ("1.", "1.1.", "(1)") out of the paragraph text, in the
numbering definitions; we recompute them so the parser sees what the reader sees on screen.
Footnote references become "[n]" in the text and the notes themselves are returned apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET

from hgdesk import inline
from hgdesk.errors import InputError
from hgdesk.importing.readers import Source, check_zip
from hgdesk.text import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


def read_docx(data: bytes, name: str) -> Source:
    check_zip(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"Tệp “{name}” bị hỏng hoặc không phải tệp Word (.docx): {exc}") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError, among others
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc được nội dung Word: {exc}") from None

    numbering = _Numbering(document)
    footnotes, footnote_numbers = _footnotes(document)
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == W + "p":
            lines.append(_paragraph_line(block, document, numbering, footnote_numbers))
        elif block.tag == W + "tbl":
            lines.extend(_table_lines(block, document, numbering, footnote_numbers))
    if not any(line.strip() for line in lines):
        raise InputError(f"Tệp “{name}” không có đoạn văn bản nào.")
    return Source(name=name, lines=lines, paragraphs=True, word=True, footnotes=footnotes)


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
            elif tag in (W + "tab", W + "br", W + "cr"):
                pieces.append((" ", bold, italic))
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


def _paragraph_line(p, document, numbering: _Numbering, footnote_numbers) -> str:
    text = _paragraph_text(p, footnote_numbers)
    label = numbering.label_for(p, document)
    if label and text.strip():
        return f"{label} {text.strip()}"
    return text


def _table_lines(tbl, document, numbering, footnote_numbers) -> list[str]:
    """Header tables (issuing body | party title) read cell by cell; data tables row by row."""
    lines: list[str] = []
    for row in tbl.iter(W + "tr"):
        cells = [c for c in row if c.tag == W + "tc"]
        cell_lines = [
            [_paragraph_line(p, document, numbering, footnote_numbers) for p in c.iter(W + "p")]
            for c in cells
        ]
        multi = any(sum(1 for x in cl if x.strip()) > 1 for cl in cell_lines)
        if multi:
            for cl in cell_lines:
                lines.extend(cl)
        else:
            joined = " | ".join(" ".join(x.strip() for x in cl if x.strip()) for cl in cell_lines)
            lines.append(joined.strip(" |"))
    return lines


class _Numbering:
    """Counters of Word's automatic numbering, advanced paragraph by paragraph."""

    def __init__(self, document) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        # Styles by id, looked up for every paragraph (a scan per paragraph made long files slow).
        self.styles = {s.get(W + "styleId"): s for s in document.styles.element.iter(W + "style")}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
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

    def label_for(self, p, document) -> str:
        num_id, ilvl = self._num_pr(p, document)
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
            value = counters[k] if counters[k] is not None else (lv.start if lv else 1)
            label = label.replace(f"%{k + 1}", _format(value, lv.fmt if lv else "decimal"))
        return label

    def _num_pr(self, p, document) -> tuple[str | None, int]:
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        style_id = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            style_id = ppr.find(W + "pStyle").get(W + "val")
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
        if num_id is None and style_id:
            num_id, style_ilvl = self._style_num_pr(style_id, document)
            ilvl = ilvl if ilvl is not None else style_ilvl
        return num_id, int(ilvl or 0)

    def _style_num_pr(self, style_id: str, document) -> tuple[str | None, str | None]:
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


def _footnotes(document) -> tuple[dict[int, str], dict[str, int]]:
    """Footnote texts numbered 1, 2, … in the order the body refers to them."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype == RT_FOOTNOTES and not rel.is_external:
            part = rel.target_part
            break
    if part is None:
        return {}, {}
    try:
        root = SafeET.fromstring(part.blob)
    except Exception:
        return {}, {}
    texts: dict[str, str] = {}
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(
            (t.text or "") if t.tag == W + "t" else " "
            for t in note.iter()
            if t.tag in (W + "t", W + "tab")
        )
        texts[note.get(W + "id")] = text.strip()
    numbers: dict[str, int] = {}
    for ref in document.element.body.iter(W + "footnoteReference"):
        ref_id = ref.get(W + "id")
        if ref_id in texts and ref_id not in numbers:
            numbers[ref_id] = len(numbers) + 1
    return {numbers[k]: texts[k] for k in numbers}, numbers
