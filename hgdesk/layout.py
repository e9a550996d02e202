"""Program -> Document: what goes where on the printed page, following the format profile.

The input is the program in the JSON shape shared by `parse --json` and `show --json`,
so a stored program and a file parsed on the fly are laid out by the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from hgdesk import inline
from hgdesk.document import Appendix, Block, Document, Para, Row, Run, Table
from hgdesk.formats import FAMILIES, FormatProfile, load_profile, profile_for
from hgdesk.levels import level as level_of
from hgdesk.text import apply_tone_style, fold, nfc, table_cells, to_roman, tone_style_of

NBSP = "\u00a0"
SECTION_STYLE = {1: "section1", 2: "section2"}
_FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\]")
_STORAGE = re.compile(r"^lưu\b[:\s]*(?:vt\s*,\s*)?", re.IGNORECASE)
_SYMBOL = re.compile(r"\b\d+-[A-ZĐa-zđ]+/[A-ZĐ]+\b")
_APPENDIX_START = re.compile(r"^phụ lục\b", re.IGNORECASE)
LANDSCAPE_COLUMNS = 7  # a table with this many columns or more goes on landscape pages


def document_date(data: dict[str, Any], today: date | None = None) -> date:
    """The date that decides which format applies: the issue date; for a draft whose date line
    only names a year (the one typed, else the program's, which the date line prints), the latest
    day of that year not after today; else today. The checker judges a program by the same date."""
    today = today or date.today()
    if data.get("date"):
        return date.fromisoformat(data["date"])
    year = data.get("date_year") or data.get("year")
    if year and year < today.year:
        return date(year, 12, 31)
    if year and year > today.year:
        return date(year, 1, 1)
    return today


def choose_profile(data: dict[str, Any], name: str = "party", today: date | None = None) -> tuple[FormatProfile, str]:
    """The profile for this document and, in Vietnamese, why: chosen from the document's date
    when `name` is a family ("party"), else the one the user chose."""
    if name not in FAMILIES:
        profile = load_profile(name)
        return profile, f"Người dùng chọn: {profile.name}"
    today = today or date.today()
    day = document_date(data, today)
    profile = profile_for(name, day)
    dated = "ngày văn bản" if data.get("date") else ("hôm nay" if day == today else "năm ghi trên dự thảo")
    return profile, f"Theo {dated} ({day.strftime('%d/%m/%Y')}): {profile.name}"


def _runs(text: str, footnote_numbers: AbstractSet[int]) -> list[Run]:
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


_SPACES = re.compile(r"[ \t\r\n\u200b]+")


def _para(profile: FormatProfile, style: str, text: str, notes: AbstractSet[int] = frozenset(), **kw: Any) -> Para:
    """One paragraph; runs of spaces and tabs become one space (as the PDF shows them), so Word
    breaks the lines where the PDF does."""
    text = _SPACES.sub(" ", text).strip(" ")
    return Para(style, _runs(profile.style(style).apply_case(text), notes), **kw)


def keep_name_together(profile: FormatProfile, line: str) -> str:
    """A header line breaks before a place name, never inside it: "ĐẢNG BỘ THÀNH PHỐ / CẦN THƠ", not
    "… CẦN / THƠ". The name follows the last area word of the profile ("THÀNH PHỐ", "XÃ", …) or the
    committee word ("ỦY"); its words are joined by no-break spaces, with the area word when the whole
    is four words at most."""
    words = line.split(" ")
    folded = [fold(w) for w in words]
    kinds = [[fold(k) for k in kind.split(" ")]
             for kind in (*profile.presets.province_kinds, *profile.presets.commune_kinds, "ỦY")]
    start = end = 0  # the last area or committee word is words[start:end]
    for i in range(len(words)):
        for kind in kinds:
            if folded[i:i + len(kind)] == kind and i + len(kind) >= end:
                start, end = i, i + len(kind)
    if not end or end == len(words):
        return line
    cut = start if folded[start] != "uy" and len(words) - start <= 4 else end
    return " ".join([*words[:cut], NBSP.join(words[cut:])])


def _blank(width: str) -> str:
    return width.replace(" ", NBSP)


def date_line(profile: FormatProfile, place: str, day: int | None, month: int | None, year: int | None) -> str:
    """Leading zero for days below 10 and for months 1 and 2 (NĐ 30; HD 36 examples).
    An unknown place is left out with its comma, never printed as a hole."""
    blank = _blank(profile.header.blank_day)
    line = profile.header.date.format(
        place=place or "\0",
        day=f"{day:02d}" if day else blank,
        month=(f"{month:02d}" if month <= 2 else str(month)) if month else blank,
        year=year or _blank(profile.header.blank_year),
    )
    # The date phrase never breaks: a long place name wraps before "ngày", never "năm 2026" alone.
    head, sep, phrase = line.rpartition(", ")
    if sep and place:
        line = head + sep + phrase.replace(" ", NBSP)
    if not place:
        line = re.sub(r"^\0[,\s]*", "", line).replace("\0", "")
        line = line[:1].upper() + line[1:]
    return line


def padded_number(profile: FormatProfile, number: str | int | None) -> str:
    """"7" -> "07": the profile's minimum number of digits ("Số 07-CTr/ĐU")."""
    text = str(number or "").strip()
    return text.zfill(profile.header.number_min_digits) if text.isdigit() else text


def number_line(profile: FormatProfile, number: str | None, code: str, issuer: str) -> str:
    number = padded_number(profile, number)
    return profile.header.number.format(number=number or _blank(profile.header.blank_number), code=code,
                                        issuer=issuer)


def _issuer(data: dict[str, Any]) -> str:
    """The issuing body's header name; "" when only the bare level word is known ("Huyện ủy")."""
    issuer = data.get("issuing_body") or data.get("organization") or ""
    bare = {fold(lv.body) for lv in _levels()}
    return "" if fold(issuer) in bare else issuer


def _levels():
    from hgdesk.levels import LEVELS

    return LEVELS.values()


def _numbered(data: dict[str, Any]) -> bool:
    """Whether the document carries a "Số" line: a program, or any document with a symbol.
    A summary (TÓM TẮT) or a report without a symbol has none (no "Số -CTr/TU" hole)."""
    kind = fold(data.get("document_type") or "CHƯƠNG TRÌNH")
    return bool(data.get("symbol") or data.get("number")) or kind == "chuong trinh"


def _header(profile: FormatProfile, data: dict[str, Any]) -> list[Row]:
    h = profile.header
    names = level_of(data.get("level") or "province")
    level_code = names.suffix
    issuer = _issuer(data)
    symbol = data.get("symbol") or ""
    code, _, issuer_code = symbol.partition("/")
    left_top: list[Para] = []
    if data.get("superior_body"):
        left_top.append(_para(profile, "superior", keep_name_together(profile, data["superior_body"])))
    for line in [x for x in issuer.split("\n") if x.strip()]:
        left_top.append(_para(profile, "issuer", keep_name_together(profile, line), rule=h.issuer_rule))
    if h.issuer_mark and left_top:
        left_top.append(_para(profile, "issuer_mark", h.issuer_mark))
    right_top = []
    for i, line in enumerate(h.motto):
        style = "motto" if i == 0 or "motto_line2" not in profile.styles else "motto_line2"
        last = i == len(h.motto) - 1
        right_top.append(_para(profile, style, line, rule=h.motto_rule if last else 0.0))
    left_bottom = []
    if _numbered(data):
        left_bottom.append(_para(profile, "number", number_line(profile, data.get("number"), code or "CTr",
                                                                issuer_code or level_code)))
    if data.get("draft"):
        version = data.get("draft_version") or 1
        mark = h.draft_mark_version.format(n=version) if version > 1 else h.draft_mark
        left_bottom.append(_para(profile, "draft_mark", mark, boxed=h.draft_mark_boxed))
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
    return re.sub(r"^(Tỉnh|Huyện|Thành|Thị|Đảng)\s+(uỷ|ủy|uy)\s*", "", name, flags=re.IGNORECASE).strip()


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


def make_table(profile: FormatProfile, rows: list[list[str]], header_rows: int = 1,
               notes: AbstractSet[int] = frozenset()) -> Table:
    """A real table: rows padded to the same width, column widths from the longest cell text,
    landscape when it has many columns."""
    count = max(len(r) for r in rows)
    rows = [r + [""] * (count - len(r)) for r in rows]
    # a column as wide as its longest cell (up to 60 characters), never narrower than a short bold header
    # such as "STT" needs (narrower, it broke "ST/T")
    longest = [max(6, *(min(len(r[i]), 60) for r in rows)) + 4 for i in range(count)]
    total = sum(longest)
    cells = [[_para(profile, "table_header" if n < header_rows else "table_cell", c, notes) for c in r]
             for n, r in enumerate(rows)]
    return Table(cells, [w / total for w in longest], header_rows, landscape=count >= LANDSCAPE_COLUMNS)


def _tables(profile: FormatProfile, paras: list[Para], texts: list[str], notes: set[int]) -> list[Block]:
    """Runs of "a | b | c" paragraphs with the same number of cells become one table."""
    out: list[Block] = []
    i = 0
    while i < len(paras):
        cells = table_cells(texts[i])
        if cells is None:
            out.append(paras[i])
            i += 1
            continue
        rows = [cells]
        i += 1
        while i < len(paras) and (more := table_cells(texts[i])) is not None and len(more) == len(cells):
            rows.append(more)
            i += 1
        out.append(make_table(profile, rows, 1 if len(rows) > 1 else 0, notes))
    return out


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
        elif kind == "bullet":  # "+" marks a bullet under a bullet, as written; any other mark prints "-"
            paras.append(_para(profile, "bullet", f"{'+' if label == '+' else '-'} {text}", notes))
        else:
            paras.append(_para(profile, "body", text, notes))
        if kind in ("part", "section") and text:
            paras.append(_para(profile, "body", text, notes))
        paras.extend(_nodes(profile, node.get("children") or [], notes))
    return paras


def split_recipients(entries: list[str]) -> tuple[list[str], list[str]]:
    """(recipients, what follows them): the list ends at its storage line ("Lưu VPTU"); an
    appendix the importer read into the list (a "Phụ lục" or table rows) is returned apart."""
    clean = [e.strip() for e in entries if e and e.strip()]
    for i, entry in enumerate(clean):
        if _STORAGE.match(entry):
            return clean[:i + 1], clean[i + 1:]
        if table_cells(entry) is not None or _APPENDIX_START.match(entry):
            return clean[:i], clean[i:]
    return clean, []


def recipient_lines(profile: FormatProfile, entries: list[str]) -> list[str]:
    """"- Ban Bí thư Trung ương Đảng;" … "- Lưu VPTU.": the profile's punctuation (HD 05 ";",
    HD 36 ",", NĐ 30 ";" with "Lưu: VT, …"), whatever the entries were typed with."""
    r = profile.recipients
    lines = []
    for i, entry in enumerate(entries):
        text = entry.strip().lstrip("-–+• ").rstrip(" ,;.")
        storage = _STORAGE.match(text)
        if storage and i == len(entries) - 1:
            text = r.storage.format(office=text[storage.end():].strip()).rstrip(" ,:")
        end = r.terminator if i == len(entries) - 1 else r.separator
        lines.append(f"{r.prefix}{text}{end}")
    return lines


def signer_lines(profile: FormatProfile, signer: dict[str, Any], organization: str = "") -> tuple[str, str]:
    """(authority, position) as printed: the profile's form of the prefix ("T/M" -> "TM." in the
    state profile) and, where the profile says so, the position without the committee's name
    ("PHÓ BÍ THƯ TỈNH UỶ" -> "PHÓ BÍ THƯ", HD 05 7.1.2)."""
    s = profile.signature
    authority = " ".join((signer.get("authority") or "").split())
    for written, printed in s.authority_forms.items():
        if authority.upper().startswith(written.upper() + " ") or authority.upper() == written.upper():
            authority = printed + authority[len(written):]
            break
    position = " ".join((signer.get("position") or "").split())
    if s.position_without_committee and position:
        committee = authority.split(" ", 1)[1] if " " in authority else ""
        names = [n for n in (committee, organization, *(lv.body for lv in _levels())) if n]
        for name in names:
            m = re.search(r"\s+" + re.escape(fold(name)) + r"(\s+.*)?$", fold(position))
            if m and m.start() > 0:
                position = position[:m.start()]
                break
    return authority, position


def signature_problems(profile: FormatProfile, signer: dict[str, Any]) -> list[str]:
    """What the profile's signing rules find wrong (HD 05 7.1): an unknown prefix (T/UQ), T/M
    with a position other than bí thư/phó bí thư (or chủ nhiệm/chủ tịch and deputies).
    Reported to the user and the checker; printing is never refused."""
    s = profile.signature
    authority = " ".join((signer.get("authority") or "").split()).upper()
    position = " ".join((signer.get("position") or "").split()).upper()
    problems = []
    if authority:
        prefix = authority.split(" ", 1)[0]
        known = [p.upper() for p in s.authority_prefixes]
        forms = {k.upper(): v.upper() for k, v in s.authority_forms.items()}
        if prefix not in known and forms.get(prefix) not in known:
            problems.append(f"Thẩm quyền ký “{prefix}” không có trong {profile.name}; "
                            f"chỉ dùng: {', '.join(s.authority_prefixes)}.")
        if prefix in ("T/M", "TM.") and s.tm_positions and position:
            stripped = signer_lines(profile, signer)[1].upper()
            if stripped not in [p.upper() for p in s.tm_positions]:
                problems.append(f"Ký “T/M” chỉ dùng với chức vụ: {', '.join(s.tm_positions).lower()}; "
                                f"chức vụ “{position}” không hợp lệ.")
    return problems


def _signature(profile: FormatProfile, data: dict[str, Any], entries: list[str]) -> Row:
    row = Row()
    if entries:
        row.left.append(_para(profile, "recipients_label", profile.recipients.label))
        for line in recipient_lines(profile, entries):
            row.left.append(_para(profile, "recipient", line))
    signer = data.get("signer") or {}
    authority, position = signer_lines(profile, signer, data.get("organization") or "")
    if authority:
        row.right.append(_para(profile, "authority", authority))
    if position:
        row.right.append(_para(profile, "position", position))
    if row.right:
        row.right.append(_para(profile, "signer_name", signer.get("name") or NBSP,
                               space_before_mm=profile.signature.gap_mm))
    return row


def _anchor_orphan_notes(data: dict[str, Any], numbers: list[int], texts: dict[int, str]) -> dict[str, Any]:
    """A footnote whose reference mark was lost on import (seed 003: the mark became U+FFFD)
    is attached to the paragraph that shares most words with it, never silently dropped."""
    blob = " ".join(_all_texts(data))
    used = {int(m.group(1)) for m in _FOOTNOTE_REF.finditer(blob)}
    orphans = [n for n in numbers if n not in used]
    if not orphans:
        return data
    import copy

    data = copy.deepcopy(data)
    slots = _text_slots(data)
    for n in orphans:
        words = set(fold(texts[n]).split())
        symbols = set(_SYMBOL.findall(texts[n]))

        def score(slot, words=words, symbols=symbols) -> tuple[int, int]:
            text = slot[0][slot[1]]  # shared document symbols ("01-KL/TW") first, then shared words
            return len(symbols & set(_SYMBOL.findall(text))), len(words & set(fold(text).split()))

        best = max(slots, key=score, default=None)
        if best is None:
            continue
        holder, key = best
        holder[key] = holder[key].rstrip().rstrip("\ufffd") + f"[{n}]"
    return data


def _text_slots(data: dict[str, Any]) -> list[tuple[Any, Any]]:
    slots: list[tuple[Any, Any]] = []
    for key in ("opening", "closing"):
        slots += [(data[key], i) for i in range(len(data.get(key) or []))]

    def walk(nodes):
        for node in nodes:
            for key in ("text", "heading"):
                if node.get(key):
                    slots.append((node, key))
            walk(node.get("children") or [])

    walk(data.get("nodes") or [])
    return slots


def _all_texts(data: dict[str, Any]) -> list[str]:
    return [holder[key] for holder, key in _text_slots(data)]


def _appendix(profile: FormatProfile, data: dict[str, Any], number: int, count: int, raw: dict[str, Any],
              notes: set[int]) -> Appendix:
    a = profile.appendix
    label = a.label.format(n=number) if count > 1 else a.label_single
    heading = [_para(profile, "appendix_label", raw.get("label") or label, keep_with_next=True)]
    if raw.get("title"):
        heading.append(_para(profile, "appendix_title", raw["title"], keep_with_next=True))
    reference = _appendix_reference(profile, data)
    if reference:
        heading.append(_para(profile, "appendix_reference", reference, keep_with_next=True))
    if a.separator:
        heading.append(_para(profile, "title_separator", a.separator, keep_with_next=True))
    lines = [str(x) for x in raw.get("paragraphs") or []]
    paras = [_para(profile, "body", t, notes) for t in lines]
    body = _tables(profile, paras, lines, notes)
    if raw.get("rows"):
        body.append(make_table(profile, [[str(c) for c in r] for r in raw["rows"]], int(raw.get("header_rows", 1)),
                               notes))
    landscape = any(isinstance(b, Table) and b.landscape for b in body)
    return Appendix(heading, body, landscape)


def _appendix_reference(profile: FormatProfile, data: dict[str, Any]) -> str:
    """"(Kèm theo Chương trình số 07-CTr/ĐU, ngày 05/6/2026 của Đảng uỷ xã …)": the parts known;
    a draft has no number or date yet, so they are left out rather than printed as holes."""
    kind = (data.get("document_type") or "CHƯƠNG TRÌNH").capitalize()
    symbol = data.get("symbol") or ""
    number = padded_number(profile, data.get("number"))
    parts = [f"(Kèm theo {kind}"]
    if number and symbol:
        parts.append(f" số {number}-{symbol}")
    if data.get("date"):
        y, m, d = (int(x) for x in data["date"].split("-"))
        parts.append(f", ngày {d:02d}/{m}/{y}" if m > 2 else f", ngày {d:02d}/{m:02d}/{y}")
    if data.get("organization"):
        parts.append(f" của {data['organization']}")
    return "".join(parts) + ")"


def _appendix_sources(data: dict[str, Any], trailing: list[str]) -> list[dict[str, Any]]:
    """Appendices given explicitly, and those the importer left after the recipient list."""
    raws = [dict(a) for a in data.get("appendices") or []]
    if trailing:
        label, title = "", ""
        lines: list[str] = []
        for entry in trailing:
            if not lines and not label and _APPENDIX_START.match(entry):
                label = entry
            elif not lines and label and not title and table_cells(entry) is None:
                title = entry
            else:
                lines.append(entry)
        raws.append({"label": label, "title": title, "paragraphs": lines})
    return raws


def build_document(data: dict[str, Any], profile: FormatProfile | str = "party", *, tone: str | None = None,
                   duplex: bool = False, today: date | None = None) -> Document:
    """The printable Document. `profile` is a family ("party": chosen by the document's date)
    or a profile id / loaded profile (the user's override); `tone` the house style of tone
    placement ("uỷ"/"ủy"; default the profile's); `duplex` mirrors the back pages' margins."""
    reason = ""
    if isinstance(profile, str):
        profile, reason = choose_profile(data, profile, today)
    style = tone or tone_style_of(_strings(data)) or profile.house_style.tone_placement
    data = _toned(data, style)
    footnotes = [(int(f["number"]), nfc(f["text"])) for f in data.get("footnotes") or []]
    notes = {n for n, _ in footnotes}
    data = _anchor_orphan_notes(data, [n for n, _ in footnotes], dict(footnotes))
    recipients, trailing = split_recipients(list(data.get("recipients") or []))
    body: list[Block] = list(_title(profile, data))
    prose = [*(data.get("opening") or [])]
    body += _tables(profile, [_para(profile, "body", p, notes) for p in prose], prose, notes)
    nodes = _nodes(profile, data.get("nodes") or [], notes)
    body += _tables(profile, nodes, [p.text for p in nodes], notes)
    closing = [*(data.get("closing") or [])]
    body += _tables(profile, [_para(profile, "body", p, notes) for p in closing], closing, notes)
    raws = _appendix_sources(data, trailing)
    appendices = [_appendix(profile, data, i, len(raws), raw, notes) for i, raw in enumerate(raws, start=1)]
    title = " ".join([data.get("document_type") or "", *(data.get("title") or [])]).strip()
    return Document(
        profile=profile,
        title=nfc(title),
        author=nfc(data.get("organization") or ""),
        subject=nfc(title),
        header=_header(profile, data),
        body=body,
        signature=_signature(profile, data, recipients),
        footnotes=footnotes,
        draft=bool(data.get("draft")),
        appendices=appendices,
        duplex=duplex,
        date=data.get("date") or "",
        profile_reason=reason,
    )


_CODES = ("date", "kind", "level", "status")  # keys of the document's data that hold codes, not printed words


def _strings(data: Any) -> Iterator[str]:
    """Every printed string of the document's data (what its tone placement is judged on)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _CODES:
                yield from _strings(value)


def _toned(data: Any, style: str) -> Any:
    """Every printed string in the house style of tone placement."""
    if isinstance(data, str):
        return apply_tone_style(data, style)
    if isinstance(data, list):
        return [_toned(v, style) for v in data]
    if isinstance(data, dict):
        return {k: _toned(v, style) if k not in _CODES else v for k, v in data.items()}
    return data
