"""Program -> Document: what goes where on the printed page, following the format profile.

The input is the program in the JSON shape shared by `parse --json` and `show --json`,
so a stored program and a file parsed on the fly are laid out by the same code.
"""

from __future__ import annotations

import re
from typing import Any

from hgdesk import inline
from hgdesk.document import Document, Para, Row, Run
from hgdesk.formats import FormatProfile, load_profile
from hgdesk.levels import level as level_of
from hgdesk.text import nfc, to_roman

NBSP = "\u00a0"
SECTION_STYLE = {1: "section1", 2: "section2"}
_FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\]")


def _runs(text: str, footnote_numbers: set[int]) -> list[Run]:
    """Text with its **bold** and __italic__ pieces and its "[n]" footnote references
    (superscript numbers)."""
    runs: list[Run] = []
    for piece, bold, italic in inline.segments(text):
        pos = 0
        for m in _FOOTNOTE_REF.finditer(piece):
            if int(m.group(1)) not in footnote_numbers:
                continue
            if m.start() > pos:
                runs.append(Run(nfc(piece[pos:m.start()]), bold=bold, italic=italic))
            runs.append(Run(m.group(1), superscript=True))
            pos = m.end()
        if pos < len(piece):
            runs.append(Run(nfc(piece[pos:]), bold=bold, italic=italic))
    return runs or [Run("")]


def _para(profile: FormatProfile, style: str, text: str, notes: set[int] = frozenset(), **kw: Any) -> Para:
    return Para(style, _runs(profile.style(style).apply_case(text), notes), **kw)


def _blank(width: str) -> str:
    return width.replace(" ", NBSP)


def date_line(profile: FormatProfile, place: str, day: int | None, month: int | None, year: int | None) -> str:
    """Leading zero for days below 10 and for months 1 and 2 (NĐ 30; HD 36 examples)."""
    blank = _blank(profile.header.blank_day)
    return profile.header.date.format(
        place=place,
        day=f"{day:02d}" if day else blank,
        month=(f"{month:02d}" if month <= 2 else str(month)) if month else blank,
        year=year or _blank(profile.header.blank_year),
    )


def number_line(profile: FormatProfile, number: str | None, code: str, issuer: str) -> str:
    return profile.header.number.format(number=number or _blank(profile.header.blank_number), code=code,
                                        issuer=issuer)


def _header(profile: FormatProfile, data: dict[str, Any]) -> list[Row]:
    h = profile.header
    names = level_of(data.get("level") or "province")
    level_word, level_code = names.body.upper(), names.suffix
    issuer = data.get("issuing_body") or (data.get("organization") or level_word).upper()
    symbol = data.get("symbol") or ""
    code, _, issuer_code = symbol.partition("/")
    left_top: list[Para] = []
    if data.get("superior_body"):
        left_top.append(_para(profile, "superior", data["superior_body"]))
    left_top.append(_para(profile, "issuer", issuer, rule=h.issuer_rule))
    if h.issuer_mark:
        left_top.append(_para(profile, "issuer_mark", h.issuer_mark))
    right_top = []
    for i, line in enumerate(h.motto):
        style = "motto" if i == 0 or "motto_line2" not in profile.styles else "motto_line2"
        last = i == len(h.motto) - 1
        right_top.append(_para(profile, style, line, rule=h.motto_rule if last else 0.0))
    left_bottom = [_para(profile, "number", number_line(profile, data.get("number"), code or "CTr",
                                                          issuer_code or level_code))]
    if data.get("draft"):
        version = data.get("draft_version") or 1
        mark = h.draft_mark_version.format(n=version) if version > 1 else h.draft_mark
        left_bottom.append(_para(profile, "draft_mark", mark, boxed=True))
    day = month = None
    year = data.get("date_year") or data.get("year")
    if data.get("date"):
        year, month, day = (int(x) for x in data["date"].split("-"))
    right_bottom = [_para(profile, "place_date", date_line(profile, _place(data), day, month, year))]
    return [Row(left_top, right_top), Row(left_bottom, right_bottom)]


def _place(data: dict[str, Any]) -> str:
    """The place of the date line; else the organisation's name without its level word."""
    if data.get("place"):
        return data["place"]
    name = data.get("organization") or ""
    return re.sub(r"^(Tỉnh|Huyện|Thành|Thị|Đảng)\s+[uủ][yỷ]\s*", "", name).strip()


def default_title(data: dict[str, Any]) -> list[str]:
    """The summary line the seeds use when a program has none written."""
    year = data.get("year")
    if data.get("kind") == "quarterly" and data.get("quarter") and year:
        return [f"Công tác quý {to_roman(data['quarter'])} năm {year}"]
    if data.get("kind") == "annual" and year:
        return [f"thực hiện nhiệm vụ công tác năm {year}"]
    if data.get("kind") == "half_year" and year:
        return [f"Công tác 6 tháng năm {year}"]
    return []


def _title(profile: FormatProfile, data: dict[str, Any]) -> list[Para]:
    h = profile.header
    paras = [_para(profile, "doc_type", data.get("document_type") or "CHƯƠNG TRÌNH", keep_with_next=True)]
    title = list(data.get("title") or default_title(data))
    for i, line in enumerate(title):
        last = i == len(title) - 1
        paras.append(_para(profile, "title", line, keep_with_next=True, rule=h.title_rule if last else 0.0))
    if h.title_separator:
        paras.append(_para(profile, "title_separator", h.title_separator))
    return paras


def _nodes(profile: FormatProfile, nodes: list[dict[str, Any]], notes: set[int]) -> list[Para]:
    paras: list[Para] = []
    for node in nodes:
        kind, label = node["kind"], node.get("label") or ""
        heading, text = node.get("heading") or "", node.get("text") or ""
        if kind == "part" and label.lower().startswith("phần"):
            paras.append(_para(profile, "part_named", label, keep_with_next=True))
            if heading:
                paras.append(_para(profile, "part_named_heading", heading, notes, keep_with_next=True))
        elif kind == "part":
            paras.append(_para(profile, "part", f"{label} {heading}".strip(), notes, keep_with_next=True))
        elif kind == "section":
            depth = label.count(".")
            style = SECTION_STYLE.get(depth, "section3")
            paras.append(_para(profile, style, f"{label} {heading}".strip(), notes, keep_with_next=True))
        elif kind in ("item", "indicator"):
            paras.append(_para(profile, "item", f"{label} {text}".strip(), notes))
        elif kind == "bullet":
            paras.append(_para(profile, "bullet", f"- {text}", notes))
        else:
            paras.append(_para(profile, "body", text, notes))
        if kind in ("part", "section") and text:
            paras.append(_para(profile, "body", text, notes))
        paras.extend(_nodes(profile, node.get("children") or [], notes))
    return paras


def _signature(profile: FormatProfile, data: dict[str, Any]) -> Row:
    row = Row()
    recipients = [r for r in data.get("recipients") or [] if r.strip()]
    if recipients:
        r = profile.recipients
        row.left.append(_para(profile, "recipients_label", r.label))
        for i, entry in enumerate(recipients):
            end = r.terminator if i == len(recipients) - 1 else r.separator
            row.left.append(_para(profile, "recipient", f"{r.prefix}{entry}{end}"))
    signer = data.get("signer") or {}
    if signer.get("authority"):
        row.right.append(_para(profile, "authority", signer["authority"]))
    if signer.get("position"):
        row.right.append(_para(profile, "position", signer["position"]))
    if row.right:
        row.right.append(_para(profile, "signer_name", signer.get("name") or NBSP,
                               space_before_mm=profile.signature.gap_mm))
    return row


def build_document(data: dict[str, Any], profile: FormatProfile | str = "party") -> Document:
    if isinstance(profile, str):
        profile = load_profile(profile)
    footnotes = [(int(f["number"]), nfc(f["text"])) for f in data.get("footnotes") or []]
    notes = {n for n, _ in footnotes}
    body = _title(profile, data)
    body += [_para(profile, "body", p, notes) for p in data.get("opening") or []]
    body += _nodes(profile, data.get("nodes") or [], notes)
    body += [_para(profile, "body", p, notes) for p in data.get("closing") or []]
    title = " ".join([data.get("document_type") or "", *(data.get("title") or [])]).strip()
    return Document(
        profile=profile,
        title=nfc(title),
        author=nfc(data.get("organization") or ""),
        subject=nfc(title),
        header=_header(profile, data),
        body=body,
        signature=_signature(profile, data),
        footnotes=footnotes,
        draft=bool(data.get("draft")),
    )
