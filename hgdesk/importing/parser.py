"""Source lines -> ParsedProgram.

Three passes: pull out footnotes and rebuild paragraphs (joining the hard line breaks of
text copied out of a PDF), read the header block, then read the body into a tree.
Faults in the source numbering are kept and reported as warnings, never repaired.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

from hgdesk.errors import InputError
from hgdesk.importing.model import Footnote, ParsedIndicator, ParsedNode, ParsedProgram, Signer
from hgdesk.importing.readers import Source
from hgdesk.text import NUMBER_PATTERN, clean, fold, from_roman, parse_vn_number
from hgdesk.vocab import NodeKind

# --- line patterns ---------------------------------------------------------------------------
PHAN = re.compile(r"^(Phần\s+(?:thứ\s+\S+|[IVXLC]+|\d+))\s*[.:]?\s*(.*)$", re.IGNORECASE)
ROMAN = re.compile(r"^([IVXL]+)\.\s*(\S.*)$")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?:\s+|(?=[^\W\d_]))(\S.*)$")
ITEM = re.compile(r"^\((\d{1,3})\)\.?\s*(\S.*)$")
BULLET = re.compile(r"^[-–—•+∙·]\s*(\S.*)$")
FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
SEPARATOR = re.compile(r"^[-–_]{3,}$")
STAR = re.compile(r"^\*+$")
NUMBER_LINE = re.compile(
    r"^Số\s*:?\s*(?P<number>[\d\s]*?)\s*-\s*(?P<code>[A-Za-zĐđ]{1,6})\s*/\s*(?P<issuer>[A-Za-zĐđ0-9]{1,12})\b"
)
DRAFT = re.compile(r"^(?:\(?\s*)Dự\s+thảo(?:\s+lần\s+(\d+))?\s*\)?\s*$", re.IGNORECASE)
DATE_LINE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})"
)
AUTHORITY = re.compile(r"^(T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\S")
DOC_TYPES = (
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "NGHỊ QUYẾT", "BÁO CÁO", "TÓM TẮT", "THÔNG BÁO", "QUYẾT ĐỊNH",
    "ĐỀ ÁN", "CHỈ THỊ", "KẾT LUẬN", "HƯỚNG DẪN", "TỜ TRÌNH", "QUY ĐỊNH", "QUY CHẾ", "THÔNG TRI",
)
BODY_WORDS = ("tinh uy", "huyen uy", "thanh uy", "thi uy", "dang uy", "dang bo", "ban ", "van phong", "chi bo", "uy ban")
TERMINAL = (".", ";", "!", "?", ":", "…")


def parse_source(source: Source) -> ParsedProgram:
    footnotes = dict(source.footnotes)
    raw = [line for line in source.lines]
    body_lines: list[str] = []
    for line in raw:
        stripped = line.strip()
        if stripped.startswith("\ufffd") and len(stripped) > 20:
            footnotes[max(footnotes, default=0) + 1] = clean(stripped)
            continue
        cleaned = clean(line)
        if not cleaned:
            continue
        m = FOOTNOTE.match(cleaned)
        if m and not source.word:
            footnotes[int(m.group(1))] = m.group(2)
            continue
        body_lines.append(cleaned)
    paragraphs = body_lines if source.paragraphs else join_wrapped_lines(body_lines)
    program = _Parser(paragraphs).run()
    program.footnotes = [Footnote(n, footnotes[n]) for n in sorted(footnotes)]
    program.warnings = list(source.warnings) + program.warnings
    if not any(n.kind not in (NodeKind.PARAGRAPH, NodeKind.BULLET) for n in program.walk()):
        raise InputError(
            f"Không nhận ra cấu trúc chương trình trong “{source.name}”: không thấy phần (I., II.), "
            "mục (1., 1.1.) hay điểm ((1)) nào. Hãy kiểm tra lại tệp."
        )
    return program


# --- paragraphs ------------------------------------------------------------------------------
def _is_structural(line: str) -> bool:
    return bool(
        PHAN.match(line) or ROMAN.match(line) or NUMBERED.match(line) or ITEM.match(line)
        or BULLET.match(line) or SEPARATOR.match(line) or AUTHORITY.match(line)
        or fold(line).startswith("noi nhan")
    )


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from text that was wrapped at a fixed width (copied from a PDF).

    Text whose lines are already paragraphs is returned as it is: the decision is made for
    the whole text, from its line lengths and how often a line runs on in lower case.
    """
    text_lines = [x for x in lines if not _is_structural(x) and not STAR.match(x)]
    if len(text_lines) < 8:
        return lines
    width = _percentile([len(x) for x in text_lines], 0.9)
    runs_on = sum(1 for a, b in pairwise(text_lines) if not a.endswith(TERMINAL) and b[:1].islower())
    if width > 130 or runs_on < 0.12 * len(text_lines):
        return lines
    out: list[str] = []
    last_physical = ""
    for line in lines:
        # A numbered line that stops well short of the width is a heading, not a wrapped line.
        starts_heading = out and out[-1] == last_physical and bool(NUMBERED.match(last_physical))
        full = (0.9 if starts_heading else 0.8) * width
        if not out or _is_structural(line) or DATE_LINE.match(line) or SEPARATOR.match(out[-1]):
            out.append(line)
        elif line[:1].islower() or (not last_physical.endswith(TERMINAL) and len(last_physical) >= full):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last_physical = line
    return out


# --- the parser ------------------------------------------------------------------------------
class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        self.p = ParsedProgram()

    def run(self) -> ParsedProgram:
        self._header()
        self._body()
        self._classify()
        self._check_numbering(self.p.nodes, "văn bản")
        return self.p

    # header ------------------------------------------------------------------------------
    def _header(self) -> None:
        p = self.p
        in_title = False
        while self.i < len(self.lines):
            line = self.lines[self.i]
            upper = line == line.upper() and any(c.isalpha() for c in line)
            if SEPARATOR.match(line):
                self.i += 1
                return
            if STAR.match(line):
                pass
            elif m := NUMBER_LINE.match(line):
                p.number = m.group("number").strip() or None
                p.doc_code, p.issuer_code = m.group("code"), m.group("issuer")
            elif m := DRAFT.match(line):
                p.draft = True
                p.draft_version = int(m.group(1)) if m.group(1) else None
            elif fold(line) == "dang cong san viet nam":
                pass
            elif m := DATE_LINE.match(line):
                self._date(m)
            elif not in_title and upper and line.strip(" :") in DOC_TYPES:
                p.document_type = line.strip(" :")
                in_title = True
            elif not in_title and upper and fold(line).startswith(BODY_WORDS) and len(line) < 80:
                if fold(line).startswith("dang bo") and p.issuing_body is None:
                    p.superior_body = line
                else:
                    p.issuing_body = line
            elif in_title and len(line) < 200 and not _is_structural(line):
                p.title.append(line)
            else:
                return
            self.i += 1

    def _date(self, m: re.Match[str]) -> None:
        p = self.p
        p.place = m.group("place").strip()
        p.date_year = int(m.group("year"))
        day, month = m.group("day"), m.group("month")
        if day and month:
            try:
                p.issue_date = date(p.date_year, int(month), int(day))
            except ValueError:
                p.warnings.append(f"Ngày ban hành không hợp lệ: ngày {day} tháng {month} năm {p.date_year}.")

    # body --------------------------------------------------------------------------------
    def _body(self) -> None:
        p = self.p
        stack: list[tuple[int, ParsedNode]] = []
        mode = "opening"
        pending_phan: ParsedNode | None = None
        signer_lines: list[str] = []

        def container() -> list[ParsedNode]:
            return stack[-1][1].children if stack else p.nodes

        def open_heading(rank: int, node: ParsedNode) -> None:
            while stack and stack[-1][0] >= rank:
                stack.pop()
            container().append(node)
            stack.append((rank, node))

        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            folded = fold(line)
            if pending_phan is not None:
                if _is_upper(line) and not _is_structural(line):
                    pending_phan.heading = f"{pending_phan.heading} {line}".strip()
                    continue
                pending_phan = None
            if signer_lines:
                if _continues_signature(line, signer_lines):
                    signer_lines.append(line)
                    continue
                signer_lines = self._signer(signer_lines)
            if AUTHORITY.match(line):
                signer_lines = [line]
                continue
            if folded.startswith("noi nhan"):
                mode = "recipients"
                rest = _recipient(line.split(":", 1)[1]) if ":" in line else ""
                if rest:
                    p.recipients.append(rest)
                continue
            if mode == "recipients":
                if BULLET.match(line) or not p.recipients:
                    p.recipients.append(_recipient(line))
                else:
                    p.recipients[-1] = _recipient(f"{p.recipients[-1]} {line}")
                continue
            if folded.startswith("tren day la") or mode == "closing":
                mode = "closing"
                p.closing.append(line)
                continue
            if m := PHAN.match(line):
                node = ParsedNode("part", label=_phan_label(m.group(1)), heading=m.group(2).strip())
                open_heading(0, node)
                pending_phan = node
                mode = "body"
                continue
            if (m := ROMAN.match(line)) and _roman_ok(m.group(1)):
                open_heading(1, ParsedNode("part", label=f"{m.group(1)}.", heading=m.group(2)))
                mode = "body"
                continue
            if m := NUMBERED.match(line):
                label, text = f"{m.group(1)}.", m.group(2)
                depth = label.count(".")
                if _reads_as_heading(text):
                    open_heading(1 + depth, ParsedNode("section", label=label, heading=text))
                else:
                    container().append(ParsedNode("item", label=label, text=text))
                mode = "body"
                continue
            if m := ITEM.match(line):
                container().append(ParsedNode("item", label=f"({m.group(1)})", text=m.group(2)))
                mode = "body"
                continue
            if mode == "opening":
                p.opening.append(line)
                continue
            if m := BULLET.match(line):
                container().append(ParsedNode("bullet", label="-", text=m.group(1)))
            else:
                container().append(ParsedNode("paragraph", text=line))
        if signer_lines:
            self._signer(signer_lines)

    def _signer(self, lines: list[str]) -> list[str]:
        signer = Signer(authority=lines[0])
        for line in lines[1:]:
            if _is_upper(line) and not signer.position:
                signer.position = line
            elif _looks_like_name(line):
                signer.name = line
        self.p.signer = signer
        return []

    # meaning -----------------------------------------------------------------------------
    def _classify(self) -> None:
        """Indicators, kind, year, quarter and organisation, from what the text says."""
        p = self.p
        for node in p.walk():
            if node.kind == "section" and "chi tieu" in fold(node.heading):
                for child in node.children:
                    if child.kind == "item":
                        child.kind = "indicator"
                        child.indicator = extract_quantity(child.text)
        # The title decides; the opening sentence only when the title is silent (seeds 002, 003).
        title = " ".join(p.title)
        opening = " ".join(p.opening[:2])
        quarter_re = r"[Qq]u[ýỳ]\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:năm|/)\s*(\d{4}))?"
        year_re = r"\b[Nn]ăm\s+(\d{4})\b"
        term = re.findall(r"nhiệm kỳ\s+(\d{4})\s*[-–]\s*(\d{4})", title, re.IGNORECASE)
        year = re.search(year_re, title)
        quarter = re.search(quarter_re, title)
        if not (quarter or term or year):
            quarter = re.search(quarter_re, opening)
            year = re.search(year_re, opening)
        if quarter:
            p.kind = "quarterly"
            q = quarter.group(1)
            p.quarter = int(q) if q.isdigit() else from_roman(q)
            p.year = int(quarter.group(2)) if quarter.group(2) else (int(year.group(1)) if year else None)
        elif term:
            start, end = max(term)
            p.kind, p.year, p.term = "term", int(start), f"{start} - {end}"
        elif re.search(r"6 tháng|sáu tháng", title, re.IGNORECASE):
            p.kind, p.year = "half_year", int(year.group(1)) if year else None
        elif year:
            p.kind, p.year = "annual", int(year.group(1))
        else:
            p.warnings.append("Không xác định được loại chương trình (năm, quý…) từ tiêu đề.")
        self._organization()

    def _organization(self) -> None:
        p = self.p
        everything = " ".join([*p.opening, *p.closing, *(n.text for n in p.walk()), *p.recipients])
        levels = {
            "province": ("Tỉnh ủy", "TU", r"Tỉnh\s+[uủ][yỷ]", r"Đảng bộ tỉnh|VPTU"),
            "district": ("Huyện ủy", "HU", r"Huyện\s+[uủ][yỷ]", r"Đảng bộ huyện|VPHU"),
            "commune": ("Đảng ủy", "ĐU", r"Đảng\s+[uủ][yỷ]\s+(?:xã|phường)", r"Đảng bộ (?:xã|phường)"),
        }
        by_code = {v[1]: k for k, v in levels.items()}
        level = by_code.get((p.issuer_code or "").upper())
        if level is None:
            scores = Counter()
            for key, (_, _, name_re, extra_re) in levels.items():
                scores[key] = len(re.findall(name_re, everything)) + len(re.findall(extra_re, everything))
            if scores and scores.most_common(1)[0][1] > 0:
                level = scores.most_common(1)[0][0]
        p.level = level
        if p.issuing_body:
            p.organization = display_name(p.issuing_body)
            return
        if level is None:
            return
        word, _, name_re, _ = levels[level]
        place = p.place
        if not place:
            m = re.search(name_re + r"\s+((?:[A-ZĐ][^\W\d_]*)(?:\s+[A-ZĐ][^\W\d_]*)*)", everything)
            place = m.group(1) if m else None
        if not place and level == "province":
            m = re.search(r"tỉnh\s+((?:[A-ZĐ][^\W\d_]*)(?:\s+[A-ZĐ][^\W\d_]*)+)", everything)
            place = m.group(1) if m else None
        p.organization = f"{word} {place}" if place else word

    # numbering faults --------------------------------------------------------------------
    def _check_numbering(self, nodes: list[ParsedNode], where: str) -> None:
        seen: dict[tuple[str, int], list[int]] = {}
        for node in nodes:
            key_number = _label_number(node)
            if key_number is not None:
                seen.setdefault((node.kind if node.kind != "indicator" else "item", key_number[0]), []).append(
                    key_number[1]
                )
        for (kind, depth), numbers in seen.items():
            del depth
            counts = Counter(numbers)
            for number, count in counts.items():
                if count > 1:
                    self.p.warnings.append(
                        f"Số thứ tự {number} lặp lại {count} lần ({_kind_vi(kind)}) trong {where}."
                    )
            previous = None
            for number in numbers:
                if previous is not None and number > previous + 1:
                    self.p.warnings.append(
                        f"Số thứ tự nhảy từ {previous} sang {number} ({_kind_vi(kind)}) trong {where}."
                    )
                previous = number
        for node in nodes:
            if node.children:
                self._check_numbering(node.children, f"“{node.label} {node.heading or node.text[:40]}”".strip())


def _label_number(node: ParsedNode) -> tuple[int, int] | None:
    label = node.label
    if m := re.fullmatch(r"\((\d+)\)", label):
        return 0, int(m.group(1))
    if m := re.fullmatch(r"(\d+(?:\.\d+)*)\.", label):
        parts = m.group(1).split(".")
        return len(parts), int(parts[-1])
    if m := re.fullmatch(r"([IVXL]+)\.", label):
        return 100, from_roman(m.group(1))
    return None


def _recipient(text: str) -> str:
    """One "Nơi nhận" entry without its dash and its closing comma or full stop."""
    text = text.strip()
    if m := BULLET.match(text):
        text = m.group(1)
    return text.rstrip(",;. ")


def _is_upper(line: str) -> bool:
    return line == line.upper() and any(c.isalpha() for c in line)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in line)


def _continues_signature(line: str, so_far: list[str]) -> bool:
    """Position and name follow the authority line; anything else ends the signature."""
    if len(so_far) >= 4 or len(line) > 60 or BULLET.match(line) or fold(line).startswith("noi nhan"):
        return False
    return _is_upper(line) or _looks_like_name(line) or fold(line).strip("() ") in ("da ky", "ky ten")


def _kind_vi(kind: str) -> str:
    return NodeKind.label_of(kind).lower()


def _roman_ok(text: str) -> bool:
    try:
        return from_roman(text) <= 20
    except ValueError:
        return False


def _phan_label(text: str) -> str:
    return re.sub(r"\s+", " ", text[:1].upper() + text[1:])


def _reads_as_heading(text: str) -> bool:
    """A numbered line is a heading when it is a title, not a sentence."""
    return len(text) <= 300 and not text.rstrip().endswith((".", ";", "!", "?", "…"))


_LOWER_WORDS = {"ủy", "uỷ", "bộ", "xã", "phường", "tỉnh", "huyện", "thị", "trấn"}


def display_name(upper: str) -> str:
    """'TỈNH ỦY HẬU GIANG' -> 'Tỉnh ủy Hậu Giang' (the form used in running text)."""
    words = upper.lower().split()
    out = []
    for i, word in enumerate(words):
        out.append(word if (i > 0 and word in _LOWER_WORDS) else word[:1].upper() + word[1:])
    return " ".join(out)


# --- indicators ------------------------------------------------------------------------------
_QUANTITY = re.compile(
    r"(?<![\w/.,(])(" + NUMBER_PATTERN + r")(?:\s*[-–]\s*(?:" + NUMBER_PATTERN + r"))?(?![\d/])\s*(%o|‰|%)?(/[^\W\d_]+)?"
)
_UNIT_STOP = re.compile(
    r"[,;.:()\[\]]|\s(?:so với|trở lên|trở xuống|trong đó|là|đạt|tăng|giảm|và|trên|dưới|của|với|theo|tại|từ|đến)\b"
)


def extract_quantity(text: str) -> ParsedIndicator:
    """The first quantity of an indicator with its unit: "Kết nạp 1150 đảng viên" -> 1150 đảng viên.

    Years ("năm 2023", "giá so sánh 2010"), ages ("dưới 5 tuổi"), remarks in brackets
    ("(5 năm)") and denominators ("trên 10.000 người dân") qualify the quantity and are
    skipped; of a range ("80 - 87 triệu đồng") the first value is taken.
    """
    for m in _QUANTITY.finditer(text):
        before = text[: m.start()].rstrip().lower()
        after = text[m.end():]
        number = m.group(1)
        if before.endswith(("năm", "quý", "tháng", "ngày", "khu vực", "nhiệm kỳ", "lần thứ", "số")):
            continue
        if re.match(r"\s*tuổi", after) or (before.endswith("trên") and re.match(r"\s*(?:người dân|dân)\b", after)):
            continue
        value = parse_vn_number(number)
        direction = "at_most" if before.endswith(("dưới", "không quá", "tối đa", "không vượt quá")) else "at_least"
        if m.group(2):
            unit = ("‰" if m.group(2) in ("%o", "‰") else "%") + (m.group(3) or "")
            return ParsedIndicator(value, unit, direction)
        stop = _UNIT_STOP.search(after)
        unit_text = ((m.group(3) or "") + after[: stop.start()]) if stop else after
        unit = " ".join(unit_text.split()[:4]).strip() or None
        if unit and not any(c.isalpha() for c in unit):
            unit = None
        if unit is None and re.fullmatch(r"(19|20)\d\d", number):
            continue  # a bare year
        return ParsedIndicator(value, unit, direction)
    return ParsedIndicator(None, None)
