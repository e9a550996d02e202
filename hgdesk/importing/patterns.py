"""The line patterns of Party documents (Hướng dẫn 36-HD/VPTW layout), named once."""

from __future__ import annotations

import re

from hgdesk.text import fold

# --- numbering ---------------------------------------------------------------------------------
PHAN = re.compile(r"^(Phần\s+(?:thứ\s+[^\s.:\-–]+|[IVXLC]+|\d+))\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
ROMAN = re.compile(r"^([IVXL]+)\s*([.\-–:])\s*(\S.*)$")
UPPER_LETTER = re.compile(r"^([A-HJ-KM-UWYZĐ])([.\-–])\s+(\S.*)$")  # "A. KẾT QUẢ …" (not I, L, V, X)
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?:\s+|(?=[^\W\d_]))(\S.*)$")
# "1.1 Tên mục" (Word often drops the final dot of a multi-level number)
NUMBERED_NO_DOT = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+([^\W\d_].*)$")
# "1- …", "2- ''Một số …''" (a quotation may open it), but not a symbol "05-CT/TW" wrapped to a line start
NUMBER_DASH = re.compile(r"^(\d{1,2})[-–]\s*(?![A-ZĐ]{1,6}/)((?:[^\W\d_]|[\"'“‘(]).*)$")
NUMBER_PAREN = re.compile(r"^(\d{1,2})\)\s*(\S.*)$")
LETTER = re.compile(r"^([a-zđ])(?:\)\s*|\.\s+|[-–]\s+)(\S.*)$")  # "a)", "a.", "a- " (as "1-" for numbers)
NUMBER_SLASH = re.compile(r"^(\d{1,2})/\s+(\S.*)$")  # "1/ Ban Cán sự Đảng …" (not a date: a space follows)
# Articles and clauses of regulations, and the guidance that explains them ("Điều 2. …", "* Khoản 11")
CHUONG = re.compile(r"^(Chương\s+(?:[IVXL]+|\d{1,2}))\s*[.:\-–]?\s*(.*)$")
DIEU = re.compile(r"^(Điều\s+\d{1,3})\s*[.:]\s*(.*)$")
KHOAN = re.compile(r"^(?:[*•]\s*)?(Khoản\s+\d{1,3})\s*[.:]?\s*(\S.{0,80})?$")
# A label alone on its line (the heading follows on the next line): "I.", "1.", "II-", "Điều 5."
LABEL_ONLY = re.compile(r"^(?:[IVXL]+\s*[.\-–]|\d{1,2}(?:\.\d{1,2}){0,3}\.|Phần\s+(?:thứ\s+\S+|[IVXLC]+)|Điều\s+\d{1,3}\.)$")
ITEM = re.compile(r"^\((\d{1,3})\)\.?\s*(\S.*)$")
BULLET = re.compile(r"^[-–—•+∙·*\uf0b7\uf0a7]\s*([^\s*].*)$")
APPENDIX = re.compile(r"^PH[UỤ]\s+L[UỤ]C(?:\s+(?:SỐ\s+)?[\dIVX]+)?\s*[.:]?$", re.IGNORECASE)

# --- header and tail ---------------------------------------------------------------------------
FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
SEPARATOR = re.compile(r"^[-–_=]{3,}$")
STAR = re.compile(r"^\*+$")
NUMBER_LINE = re.compile(
    # "Số 21-CTr/ĐU", "Số: 06-HD/UBKTTW", "Nghị quyết số: 11-NQ/TW" (a type word before "số", in some layouts)
    # — the typed form only as a header line: nothing after the symbol but the place and date
    r"^(?:(?P<typed>(?:Nghị quyết|Quyết định|Chỉ thị|Kết luận|Quy định|Hướng dẫn|Kế hoạch|Thông báo|Công văn|Báo cáo"
    r"|Thông tri)\s+[sS]ố)|Số)\s*:?\s*(?P<number>[\d\s]*?)\s*-\s*(?P<code>[A-Za-zĐđ]{1,6})\s*/\s*"
    r"(?P<issuer>[A-Za-zĐđ0-9]{1,12}(?:-[A-Z]{1,4})?)\b(?(typed)(?=\s*$|\s+[^\W\d_][^,\d]{1,59},\s*ngày))"
)
DRAFT = re.compile(r"^(?:\(?\s*)Dự\s+thảo(?:\s+lần\s+(\d+))?\s*\)?\s*$", re.IGNORECASE)
DATE_LINE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})"
)
AUTHORITY = re.compile(r"^(T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.|Q\.)(?:\s*\S.*)?$")
SUBJECT = re.compile(r"^V/v\b", re.IGNORECASE)
ADDRESSEE = re.compile(r"^Kính\s+gửi\s*:", re.IGNORECASE)
# A web page's date/time stamp or counter line ("16/06/2022 4:14:PM", "Thứ hai - 04/07/2022 04:34 288 0")
TIMESTAMP = re.compile(
    r"^(?:(?:Thứ\s+\S+|Chủ\s+nhật)\s*[-,]\s*)?\d{1,2}[/-]\d{1,2}[/-]\d{4}(?:\s*[-|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*:?\s*(?:[AaPp][Mm])?)?[\d\s:|]*$"
    r"|^(?:Cập nhật|Ngày đăng|Lượt xem|Lượt đọc)\b.{0,60}$",
    re.IGNORECASE,
)
# The editor's note of a portal that republishes a document in full ("… trân trọng giới thiệu toàn văn …")
REPRINT_NOTE = re.compile(r"(?:giới thiệu|đăng|đăng tải|trích đăng)\s+(?:toàn văn|nguyên văn|nội dung)", re.IGNORECASE)
MOTTO = "dang cong san viet nam"
DOC_TYPES = (
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "NGHỊ QUYẾT", "BÁO CÁO", "TÓM TẮT", "THÔNG BÁO", "QUYẾT ĐỊNH",
    "ĐỀ ÁN", "CHỈ THỊ", "KẾT LUẬN", "HƯỚNG DẪN", "TỜ TRÌNH", "QUY ĐỊNH", "QUY CHẾ", "THÔNG TRI",
)
BODY_WORDS = ("tinh uy", "huyen uy", "thanh uy", "thi uy", "quan uy", "dang uy", "dang bo", "ban ", "van phong",
              "chi bo", "uy ban", "dai hoi", "bo chinh tri")
TERMINAL = (".", ";", "!", "?", ":", "…")


def is_upper(line: str) -> bool:
    return line == line.upper() and any(c.isalpha() for c in line)


def head(line: str, chars: int = 24) -> str:
    """The folded start of a line (folding a whole paragraph to test its first words is slow)."""
    return fold(line[:chars])


def is_motto(line: str) -> bool:
    return len(line) < 40 and fold(line) == MOTTO


def is_recipients_start(line: str) -> bool:
    return line.lstrip("-–• ")[:3].lower() in ("nơi", "noi") and head(line).startswith("noi nhan")


def doc_type_of(line: str) -> str | None:
    """The document type a header line announces ("CHƯƠNG TRÌNH CÔNG TÁC" -> that line; its
    period, when the same line carries it, is the title's: see type_and_period)."""
    typed = type_and_period(line)
    return typed[0] if typed else None


# Where the period starts on a type line ("CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026").
_PERIOD_ON_TYPE_LINE = re.compile(r"\s+(?=(?:QUÝ|NĂM|THÁNG|6 THÁNG|SÁU THÁNG|NHIỆM KỲ|GIAI ĐOẠN)\s+\S)")


def type_and_period(line: str) -> tuple[str, str] | None:
    """(type, period) of a header type line: ("CHƯƠNG TRÌNH CÔNG TÁC", "QUÝ I NĂM 2026"); the period
    is "" when the line names only the type."""
    text = line.strip(" :")
    if not is_upper(text):
        return None
    for kind in DOC_TYPES:
        if text == kind or (text.startswith(kind + " ") and len(text) <= 40):
            cut = _PERIOD_ON_TYPE_LINE.search(text, len(kind))
            return (text[:cut.start()], text[cut.end():]) if cut else (text, "")
    return None


def is_body_line(line: str) -> bool:
    return len(line) < 90 and is_upper(line) and head(line).startswith(BODY_WORDS)


def split_type(line: str) -> tuple[str, str] | None:
    """A heading that starts with a document type: ("KẾ HOẠCH", "TUYÊN TRUYỀN …"); any case."""
    upper = line.upper()
    for kind in DOC_TYPES:
        if upper.startswith(kind + " ") and len(line) > len(kind) + 3:
            return kind, line[len(kind):].strip()
    return None


def is_label(line: str) -> bool:
    return bool(
        PHAN.match(line) or ROMAN.match(line) or UPPER_LETTER.match(line) or NUMBERED.match(line) or ITEM.match(line)
        or NUMBER_DASH.match(line) or NUMBER_PAREN.match(line) or LETTER.match(line) or NUMBER_SLASH.match(line)
        or DIEU.match(line) or CHUONG.match(line) or KHOAN.match(line)
    )


def is_structural(line: str) -> bool:
    return bool(
        is_label(line) or BULLET.match(line) or SEPARATOR.match(line) or AUTHORITY.match(line)
        or is_recipients_start(line)
    )


def is_header_piece(text: str) -> bool:
    """A piece of a two-column line that belongs to a header or signature block."""
    return bool(
        STAR.match(text) or NUMBER_LINE.match(text) or DATE_LINE.match(text) or AUTHORITY.match(text)
        or is_recipients_start(text) or (is_upper(text) and len(text) < 60)
    )
