"""The line patterns of Party documents (Hướng dẫn 36-HD/VPTW layout), named once."""

from __future__ import annotations

import re

from hgdesk.text import fold

# --- numbering ---------------------------------------------------------------------------------
PHAN = re.compile(r"^(Phần\s+(?:thứ\s+\S+|[IVXLC]+|\d+))\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
ROMAN = re.compile(r"^([IVXL]+)\s*([.\-–:])\s*(\S.*)$")
UPPER_LETTER = re.compile(r"^([A-HJ-KM-UWYZĐ])([.\-–])\s+(\S.*)$")  # "A. KẾT QUẢ …" (not I, L, V, X)
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?:\s+|(?=[^\W\d_]))(\S.*)$")
# "1.1 Tên mục" (Word often drops the final dot of a multi-level number)
NUMBERED_NO_DOT = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+([^\W\d_].*)$")
NUMBER_DASH = re.compile(r"^(\d{1,2})[-–]\s*(?![A-ZĐ]{1,6}/)([^\W\d_].*)$")  # not "05-CT/TW" wrapped to a line start
NUMBER_PAREN = re.compile(r"^(\d{1,2})\)\s*(\S.*)$")
LETTER = re.compile(r"^([a-zđ])(?:\)\s*|\.\s+)(\S.*)$")
ITEM = re.compile(r"^\((\d{1,3})\)\.?\s*(\S.*)$")
BULLET = re.compile(r"^[-–—•+∙·*\uf0b7\uf0a7]\s*([^\s*].*)$")
APPENDIX = re.compile(r"^PH[UỤ]\s+L[UỤ]C(?:\s+(?:SỐ\s+)?[\dIVX]+)?\s*[.:]?$", re.IGNORECASE)

# --- header and tail ---------------------------------------------------------------------------
FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
SEPARATOR = re.compile(r"^[-–_=]{3,}$")
STAR = re.compile(r"^\*+$")
NUMBER_LINE = re.compile(
    r"^Số\s*:?\s*(?P<number>[\d\s]*?)\s*-\s*(?P<code>[A-Za-zĐđ]{1,6})\s*/\s*(?P<issuer>[A-Za-zĐđ0-9]{1,12}(?:-[A-Z]{1,4})?)\b"
)
DRAFT = re.compile(r"^(?:\(?\s*)Dự\s+thảo(?:\s+lần\s+(\d+))?\s*\)?\s*$", re.IGNORECASE)
DATE_LINE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})"
)
AUTHORITY = re.compile(r"^(T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.|Q\.)(?:\s*\S.*)?$")
SUBJECT = re.compile(r"^V/v\b", re.IGNORECASE)
MOTTO = "dang cong san viet nam"
DOC_TYPES = (
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "NGHỊ QUYẾT", "BÁO CÁO", "TÓM TẮT", "THÔNG BÁO", "QUYẾT ĐỊNH",
    "ĐỀ ÁN", "CHỈ THỊ", "KẾT LUẬN", "HƯỚNG DẪN", "TỜ TRÌNH", "QUY ĐỊNH", "QUY CHẾ", "THÔNG TRI",
)
BODY_WORDS = ("tinh uy", "huyen uy", "thanh uy", "thi uy", "quan uy", "dang uy", "dang bo", "ban ", "van phong",
              "chi bo", "uy ban", "dai hoi")
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
    """The document type a header line announces ("CHƯƠNG TRÌNH CÔNG TÁC" -> that line)."""
    text = line.strip(" :")
    if not is_upper(text):
        return None
    for kind in DOC_TYPES:
        if text == kind or (text.startswith(kind + " ") and len(text) <= 40):
            return text
    return None


def is_body_line(line: str) -> bool:
    return len(line) < 90 and is_upper(line) and head(line).startswith(BODY_WORDS)


def is_label(line: str) -> bool:
    return bool(
        PHAN.match(line) or ROMAN.match(line) or UPPER_LETTER.match(line) or NUMBERED.match(line) or ITEM.match(line)
        or NUMBER_DASH.match(line) or NUMBER_PAREN.match(line) or LETTER.match(line)
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
