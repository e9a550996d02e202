"""What the parsed text means: the kind of document, its period, its indicators, and who
issued it — each guess with how sure it is, so nothing guessed is stored without being shown."""

from __future__ import annotations

import re
from collections import Counter

from hgdesk.importing import patterns as pt
from hgdesk.importing.model import Guess, ParsedIndicator, ParsedNode, ParsedProgram
from hgdesk.text import NUMBER_PATTERN, fold, from_roman, parse_vn_number
from hgdesk.vocab import DocumentKind

# Document kinds, from the type line or, failing that, the symbol's document code.
D = DocumentKind
KIND_BY_TYPE = {
    "CHƯƠNG TRÌNH": D.PROGRAM, "KẾ HOẠCH": D.PLAN, "NGHỊ QUYẾT": D.RESOLUTION, "BÁO CÁO": D.REPORT,
    "TÓM TẮT": D.REPORT, "KẾT LUẬN": D.CONCLUSION, "HƯỚNG DẪN": D.GUIDANCE, "THÔNG BÁO": D.NOTICE,
    "CHỈ THỊ": D.DIRECTIVE, "QUYẾT ĐỊNH": D.DECISION, "QUY ĐỊNH": D.REGULATION, "QUY CHẾ": D.REGULATION,
    "ĐỀ ÁN": D.SCHEME, "TỜ TRÌNH": D.SUBMISSION, "THÔNG TRI": D.CIRCULAR,
}
KIND_BY_CODE = {
    "ctr": D.PROGRAM, "kh": D.PLAN, "nq": D.RESOLUTION, "bc": D.REPORT, "kl": D.CONCLUSION, "hd": D.GUIDANCE,
    "tb": D.NOTICE, "ct": D.DIRECTIVE, "qd": D.DECISION, "qđ": D.DECISION, "cv": D.LETTER, "da": D.SCHEME,
    "tt": D.SUBMISSION, "qc": D.REGULATION,
}
# The type line of each kind, as a reader names it ("CÔNG VĂN" has no type line: its "V/v …" is its summary).
TYPE_BY_KIND: dict[str, str] = {**{kind: words for words, kind in reversed(KIND_BY_TYPE.items())}, D.LETTER: "CÔNG VĂN"}
# Kinds whose numbered points are tasks to carry out and track (derive, tracking apply).
TASK_KINDS = (D.PROGRAM, D.PLAN, D.RESOLUTION, D.CONCLUSION, D.DIRECTIVE, None)

_QUARTER = re.compile(r"\bqu[ýỳy]\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:năm|/|-|–)\s*(\d{4}))?", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_TERM = re.compile(r"(?:nhiệm\s+kỳ|5\s+năm|giai\s+đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_HALF = re.compile(r"6 tháng|sáu tháng", re.IGNORECASE)
# A month ("tháng 7 năm 2020", "tháng 9/2022"), not a date ("ngày 08 tháng 01 năm 2020")
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*(?:năm\s+|/\s*)(\d{4})\b", re.IGNORECASE)


def interpret(p: ParsedProgram) -> None:
    mark_indicators(p)
    p.document_kind = document_kind(p)
    _period(p)
    _organization(p)


# --- kind ----------------------------------------------------------------------------------------
def document_kind(p: ParsedProgram) -> str | None:
    if p.document_type:
        for words, kind in KIND_BY_TYPE.items():
            if p.document_type.startswith(words):
                return kind
    if p.doc_code:
        by_code = KIND_BY_CODE.get(p.doc_code.lower())
        if by_code:
            return by_code
    if p.title and pt.SUBJECT.match(p.title[0]):
        return D.LETTER
    # a reprint without its header: its title or first lines name the document ("Nghị quyết …",
    # "Công văn số 175-CV/TU …"), or the lede says what was issued ("… đã ban hành Chỉ thị số 17 …")
    for line in [*p.title[:1], *p.opening[:3]]:
        folded = fold(line)
        if folded.startswith("cong van "):
            return D.LETTER
        for words, kind in KIND_BY_TYPE.items():
            if folded.startswith(fold(words) + " ") or folded.startswith("toan van " + fold(words)):
                return kind
    if p.opening and (m := _ISSUED.search(p.opening[0][:200])):
        return _kind_named(m)
    if p.opening and pt.ADDRESSEE.match(p.opening[0]):
        return D.LETTER  # "Kính gửi: …": an official letter
    if any(fold(x).strip(" :") == "quyet nghi" for x in p.opening[-3:]):
        return D.RESOLUTION  # its operative part is introduced by "QUYẾT NGHỊ:": a resolution
    return None


_ISSUED = re.compile(r"\bban hành\s+(?:(văn bản|công văn)\s+số\s*\d+\s*-\s*([A-Za-zĐđ]{1,5})/|(\w+(?:\s+\w+)?)\s+số\s*\d+)",
                     re.IGNORECASE)


def _kind_named(m: re.Match[str]) -> str | None:
    if m.group(1):
        return D.LETTER if fold(m.group(1)) == "cong van" else KIND_BY_CODE.get(m.group(2).lower())
    named = m.group(3).upper()
    return next((kind for words, kind in KIND_BY_TYPE.items() if named.startswith(words)), None)


# --- period --------------------------------------------------------------------------------------
def _period(p: ParsedProgram) -> None:
    """The title decides; the opening only when the title is silent (seeds 002, 003)."""
    # the type line may carry the period itself ("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024")
    title = " ".join([p.document_type or "", *p.title]).strip()
    works = p.document_kind in (*TASK_KINDS, D.REPORT, D.GUIDANCE)
    if _period_from(p, title, opening=False):
        if not works:
            # a letter or notice about "quý I năm 2026" is dated in that year; its quarter is not its own
            p.kind, p.quarter, p.term = None, None, None
        return
    if not works:
        return  # a notice or a letter has a date, not a period of work
    # the preamble's "Căn cứ …" lines cite other documents, with their own years and terms
    opening = " ".join(x for x in p.opening if not _cites(x))
    if not _period_from(p, opening, opening=True):
        p.warnings.append("Không xác định được loại chương trình (năm, quý…) từ tiêu đề.")


def _cites(line: str) -> bool:
    """A preamble line of the list "- Căn cứ …;": it cites another document (its year or term is not ours)."""
    listed = bool(pt.BULLET.match(line)) or line.endswith(";")
    return listed and pt.head(line.lstrip("-–• "), 12).startswith(("can cu", "xet de nghi"))


def _period_from(p: ParsedProgram, text: str, *, opening: bool) -> bool:
    if not text:
        return False
    head = text[:400] if opening else text
    quarter = _QUARTER.search(head)
    year = _YEAR.search(head)
    terms = _TERM.findall(head)
    month = next((m for m in _MONTH.finditer(head) if not re.search(r"ngày\s*\d{0,2}\s*$", head[:m.start()], re.I)), None)
    if month and not quarter and (not year or month.end() >= year.end() or not opening):
        p.kind, p.year = None, int(month.group(2))  # a month's document: its year, no period of work
        return True
    if quarter:
        q = quarter.group(1).upper()
        p.kind, p.quarter = "quarterly", int(q) if q.isdigit() else from_roman(q)
        p.year = int(quarter.group(2)) if quarter.group(2) else (int(year.group(1)) if year else None)
        return True
    if opening and year and re.match(r"\s*năm\s+\d{4}", text, re.IGNORECASE):
        p.kind, p.year = "annual", int(year.group(1))
        return True
    if terms:
        start, end = max(terms)
        p.kind, p.year, p.term = "term", int(start), f"{start} - {end}"
        return True
    if not opening and _HALF.search(text):
        p.kind, p.year = "half_year", int(year.group(1)) if year else None
        return True
    if year:
        p.kind, p.year = "annual", int(year.group(1))
        return True
    return False


# --- organisation --------------------------------------------------------------------------------
_LEVEL_WORDS = (
    ("commune", re.compile(r"\bdang (?:uy|bo) (?:xa|phuong|thi tran|dac khu)\b")),
    ("district", re.compile(r"^(?:ban (?:chap hanh|thuong vu) )?(?:huyen uy|thi uy|quan uy)\b|\bdang bo (?:huyen|thi xa|quan)\b")),
    ("province", re.compile(r"^(?:ban (?:chap hanh|thuong vu) )?(?:tinh uy|thanh uy)\b|\bdang bo (?:tinh|thanh pho)\b")),
)
_CODE_LEVEL = {"TU": "province", "HU": "district"}


def _organization(p: ParsedProgram) -> None:
    level, confidence, source = _level(p)
    p.level = level
    if level:
        p.guesses["level"] = Guess(level, confidence, source)
    if p.issuing_body and level:
        p.organization = display_name(p.issuing_body)
        p.guesses["organization"] = Guess(p.organization, 0.95, "dòng cơ quan ban hành")
        return
    if p.issuing_body and fold(p.issuing_body).startswith(("dang uy", "ban ")):
        p.organization = display_name(p.issuing_body)
        p.guesses["organization"] = Guess(p.organization, 0.9, "dòng cơ quan ban hành")
        return
    if level not in ("province", "district"):
        return
    word = "Tỉnh ủy" if level == "province" else "Huyện ủy"
    place, place_source = p.place, "địa danh ghi ngày tháng"
    named = _COMMITTEE_NAMED.search(" ".join([*p.title, *p.opening[:2]])) if not place else None
    if named and _UNIT_LEVEL[fold(named.group(1))] == level:
        # the title names the committee's own party organisation ("… Đảng bộ huyện Tân Kỳ lần thứ XXI")
        p.organization = f"{_UNIT_COMMITTEE[fold(named.group(1))]} {named.group(2)}"
        p.guesses["organization"] = Guess(p.organization, 0.6, "tên đảng bộ trong tiêu đề")
        return
    if not place:
        everything = " ".join([*p.opening, *p.closing, *(n.text for n in p.walk())])
        name_re = r"Tỉnh\s+[uủ][yỷ]" if level == "province" else r"Huyện\s+[uủ][yỷ]"
        m = re.search(name_re + r"\s+((?:[A-ZĐ][^\W\d_]*)(?:\s+[A-ZĐ][^\W\d_]*)*)", everything)
        place, place_source = (m.group(1) if m else None), "nội dung văn bản"
    p.organization = f"{word} {place}" if place else word
    confidence = 0.6 if place_source.startswith("địa") else 0.4
    p.guesses["organization"] = Guess(p.organization, confidence, place_source)


def _level(p: ParsedProgram) -> tuple[str | None, float, str]:
    if p.issuing_body:
        folded = fold(p.issuing_body)
        for level, pattern in _LEVEL_WORDS:
            if pattern.search(folded):
                return level, 0.95, "dòng cơ quan ban hành"
    code = (p.issuer_code or "").upper()
    if code in _CODE_LEVEL:
        return _CODE_LEVEL[code], 0.8, "ký hiệu văn bản"
    if p.issuing_body or p.superior_body:
        folded = fold(p.issuing_body or "")
        if folded.startswith(("dang uy", "dang bo")) and p.superior_body:
            return ("commune" if re.search(r"\b(xa|phuong|thi tran)\b", folded) else "affiliated"), 0.6, \
                "dòng cơ quan ban hành"
        return None, 0.0, ""
    # nothing in the header: the sentence that introduces the text names who speaks
    # ("…, Ban Tuyên giáo Huyện ủy hướng dẫn … như sau:"), before any committee it cites
    for line in (p.opening[-1:] + p.opening[:1]) if p.opening else []:
        speakers = list(_SPEAKER.finditer(line))
        if speakers:
            level = _COMMITTEE_LEVEL[fold(speakers[-1].group(1)).split()[0]]
            return level, 0.6, "câu giới thiệu của văn bản"
    # nothing in the header: count how the text names its committee (a weak guess)
    everything = " ".join([*p.opening, *p.closing, *(n.text for n in p.walk())])
    scores = Counter({
        "province": len(re.findall(r"Tỉnh\s+[uủ][yỷ]|Đảng bộ tỉnh|VPTU", everything)),
        "district": len(re.findall(r"Huyện\s+[uủ][yỷ]|Đảng bộ huyện|VPHU", everything)),
        "commune": len(re.findall(r"Đảng\s+[uủ][yỷ]\s+(?:xã|phường)|Đảng bộ (?:xã|phường)", everything)),
    })
    if p.recipients:
        office = fold(p.recipients[-1])
        for key, marker in (("province", "vptu"), ("district", "vphu")):
            if marker in office:
                return key, 0.7, "nơi lưu văn bản"
    best = scores.most_common(1)[0]
    if best[1] > 0:
        return best[0], 0.4, "số lần nhắc trong văn bản"
    return None, 0.0, ""


_SPEAKER = re.compile(
    r"(Tỉnh\s+[uủ][yỷ]|Thành\s+[uủ][yỷ]|Huyện\s+[uủ][yỷ]|Quận\s+[uủ][yỷ]|Thị\s+[uủ][yỷ]|Đảng\s+[uủ][yỷ]\s+(?:xã|phường))"
    r"(?:\s+[A-ZĐ][^\W\d_]*){0,3}\s+(?:đã\s+|vừa\s+)?(?:hướng dẫn|định hướng|yêu cầu|đề nghị|quyết nghị|kết luận|ban hành|chỉ thị)\b"
)
_COMMITTEE_NAMED = re.compile(
    r"Đảng bộ (tỉnh|thành phố|huyện|quận|thị xã)\s+((?:[A-ZĐ][^\W\d_]*)(?:\s+[A-ZĐ][^\W\d_]*){0,3}?)(?=\s+(?:lần|khóa|khoá|nhiệm)|[,.;:]|$)")
_UNIT_LEVEL = {"tinh": "province", "thanh pho": "province", "huyen": "district", "quan": "district", "thi xa": "district"}
_UNIT_COMMITTEE = {"tinh": "Tỉnh ủy", "thanh pho": "Thành ủy", "huyen": "Huyện ủy", "quan": "Quận ủy", "thi xa": "Thị ủy"}
_COMMITTEE_LEVEL = {"tinh": "province", "thanh": "province", "huyen": "district", "quan": "district", "thi": "district",
                    "dang": "commune"}
_LOWER_WORDS = {"ủy", "uỷ", "bộ", "xã", "phường", "tỉnh", "huyện", "thị", "trấn", "khối", "các", "cơ", "quan"}


# The old tone placement of the committee word ("ĐẢNG UỶ"): the name is stored as running text writes it.
_TONE_SPELLING = {"uỷ": "ủy"}
_COMMITTEE_OF = re.compile(r"^BAN (?:CHẤP HÀNH|THƯỜNG VỤ)\s+(?:ĐẢNG BỘ|(?=ĐẢNG ỦY|TỈNH ỦY|HUYỆN ỦY|THÀNH ỦY|THỊ ỦY))")


def display_name(upper: str) -> str:
    """'TỈNH ỦY HẬU GIANG' -> 'Tỉnh ủy Hậu Giang', 'BAN CHẤP HÀNH ĐẢNG BỘ XÃ VĨNH AN' -> 'Đảng ủy xã
    Vĩnh An' (the committee's name as used in running text)."""
    if m := _COMMITTEE_OF.match(upper):
        rest = upper[m.end():].strip()
        upper = rest if not upper[:m.end()].rstrip().endswith("ĐẢNG BỘ") else f"ĐẢNG ỦY {rest}"
    words = [_TONE_SPELLING.get(w, w) for w in upper.lower().split()]
    out = []
    for i, word in enumerate(words):
        out.append(word if (i > 0 and word in _LOWER_WORDS) else word[:1].upper() + word[1:])
    return " ".join(out)


# --- indicators ----------------------------------------------------------------------------------
_CHI_TIEU = re.compile(r"ch[iỉịíìĩ]\s+ti[eêếềểễệ]u|m[uụ]c\s+ti[eêếềểễệ]u\s+c[uụ]\s+th[eể]", re.IGNORECASE)


def _targets_context(text: str) -> bool:
    return bool(_CHI_TIEU.search(text))


def mark_indicators(p: ParsedProgram) -> None:
    """Items, bullets and table rows that list targets become indicators: under a heading
    about "chỉ tiêu", or after a sentence about them that ends with ":"."""
    opening_context = bool(p.opening) and _targets_context(p.opening[-1]) and p.opening[-1].endswith(":")
    _mark(p.nodes, opening_context)


def _mark(nodes: list[ParsedNode], context: bool) -> None:
    for node in nodes:
        if node.kind in ("part", "section"):
            _mark(node.children, _targets_context(node.heading))
            continue
        if node.kind in ("paragraph", "bullet") and node.text.endswith(":") and _targets_context(node.text):
            context = True
            continue
        if not context:
            continue
        if node.kind == "item":
            node.kind, node.indicator = "indicator", extract_quantity(node.text)
        elif node.kind == "bullet":
            quantity = extract_quantity(node.text)
            if quantity.value is not None:
                node.kind, node.indicator = "indicator", quantity
        elif node.kind == "paragraph" and " | " in node.text:
            row_quantity = _row_quantity(node.text)
            if row_quantity is not None:
                node.kind, node.indicator = "indicator", row_quantity


def _row_quantity(text: str) -> ParsedIndicator | None:
    """A table row "TT | Chỉ tiêu | Kế hoạch | Thực hiện": the first quantity after its name."""
    cells = [c.strip() for c in text.split(" | ")]
    named = next((i for i, c in enumerate(cells) if any(ch.isalpha() for ch in c)), None)
    if named is None:
        return None
    for cell in cells[named + 1:]:
        quantity = extract_quantity(cell)
        if quantity.value is not None:
            return quantity
    return None


_QUANTITY = re.compile(
    r"(?<![\w/.,(])(" + NUMBER_PATTERN + r")(?:\s*[-–]\s*(" + NUMBER_PATTERN + r"))?(?![\d/])\s*(%o|‰|%)?(/[^\W\d_]+)?"
)
_PAIR = re.compile(
    r"(?<![\w/.,(])(" + NUMBER_PATTERN + r")\s*(%)?\s*/\s*(" + NUMBER_PATTERN + r")(?![\d/])\s*(%)?"
)
_FROM_TO = re.compile(r"^\s*(?:đến|tới)\s+(" + NUMBER_PATTERN + r")(?![\d/])")
_UNIT_STOP = re.compile(
    r"[,;.:()\[\]]|\s(?:so với|trở lên|trở xuống|trong|là|tăng|giảm|trên|dưới|của|với|theo|tại|từ|đến)\b"
    r"|\s(?:và|đạt)\s+(?:\S+\s+)?\d"  # "… và 5 …", "… đạt 80%": another quantity starts
)
UNIT_WORDS = 6
_AT_MOST = ("dưới", "không quá", "tối đa", "không vượt quá")
# Words after which "x/y" is a day and month or a month and year, not achieved/target.
_NOT_A_PAIR_AFTER = ("ngày", "trước", "sau", "đến", "tới", "tháng", "từ", "số", "quý")


def extract_quantity(text: str) -> ParsedIndicator:
    """The first quantity of an indicator with its unit: "Kết nạp 1150 đảng viên" -> 1150 đảng viên.

    Years ("năm 2023", "giá so sánh 2010"), periods ("5 năm"), ages ("dưới 5 tuổi"), remarks in
    brackets ("(5 năm)") and denominators ("trên 10.000 người dân") qualify the quantity and
    are skipped; of a range ("80 - 87 triệu đồng", "từ 08 đến 10") the bounds are kept; of an
    achieved/target pair ("45.799/36.875 tỷ đồng") the first is the value, the second the target.
    """
    pair = _PAIR.search(text)
    if pair and text[: pair.start()].rstrip().lower().endswith(_NOT_A_PAIR_AFTER):
        pair = None  # "trước ngày 30/9", "tháng 9/2022": a date
    for m in _QUANTITY.finditer(text):
        before = text[: m.start()].rstrip().lower()
        after = text[m.end():]
        number = m.group(1)
        if pair and pair.start() <= m.start():
            return _pair_indicator(text, pair)
        if _skipped(before, after, number, m.group(3)):
            continue
        value = parse_vn_number(number)
        upper = parse_vn_number(m.group(2)) if m.group(2) else None
        direction = "at_most" if before.endswith(_AT_MOST) else "at_least"
        if m.group(3):
            unit = ("‰" if m.group(3) in ("%o", "‰") else "%") + (m.group(4) or "")
            return ParsedIndicator(value, unit, direction, upper=upper)
        if (to := _FROM_TO.match(after)) and upper is None:
            upper = parse_vn_number(to.group(1))
            after = after[to.end():]
        stop = _UNIT_STOP.search(after)
        unit_text = ((m.group(4) or "") + after[: stop.start()]) if stop else (m.group(4) or "") + after
        words = " ".join(unit_text.split()[:UNIT_WORDS]).strip()
        unit_name = words if any(c.isalpha() for c in words) else None
        if unit_name is None and re.fullmatch(r"(19|20)\d\d", number):
            continue  # a bare year
        return ParsedIndicator(value, unit_name, direction, upper=upper)
    if pair:
        return _pair_indicator(text, pair)  # "5/5 trường học": no other quantity before the pair
    return ParsedIndicator(None, None)


def _skipped(before: str, after: str, number: str, percent: str | None) -> bool:
    if before.endswith(("năm", "nam")) and re.fullmatch(r"(19|20)\d\d", number):
        return True
    if before.endswith(("quý", "tháng", "ngày", "khu vực", "nhiệm kỳ", "lần thứ", "số", "giai đoạn")) and not percent:
        return True
    if not percent and re.match(r"\s*(?:năm|tháng|tuổi)\b", after):
        return True  # "5 năm", "6 tháng": a period; "5 tuổi": an age
    return before.endswith("trên") and bool(re.match(r"\s*(?:người dân|dân)\b", after))


def _pair_indicator(text: str, pair: re.Match[str]) -> ParsedIndicator:
    value, target = parse_vn_number(pair.group(1)), parse_vn_number(pair.group(3))
    after = text[pair.end():]
    if pair.group(2) or pair.group(4):
        return ParsedIndicator(value, "%", "at_least", target=target)
    stop = _UNIT_STOP.search(after)
    unit = " ".join((after[: stop.start()] if stop else after).split()[:UNIT_WORDS]).strip() or None
    return ParsedIndicator(value, unit, "at_least", target=target)
