"""Library errors turned into one Vietnamese line; passwords in database URLs never shown.

The English text of SQLAlchemy, psycopg or an XML parser is kept only as `details` (shown behind
"Chi tiết"), with every password redacted.
"""

from __future__ import annotations

import re

_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)(?P<secret>[^@\s/]+)(?=@)")
_KEY_PASSWORD = re.compile(r"(?i)\b(password|passwd|pwd)\s*=\s*('[^']*'|\"[^\"]*\"|[^\s&;]+)")
_SQLALCHEMY_LINK = re.compile(r"\s*\(Background on this error at: https?://sqlalche\.me/\S+\)")


def redact(text: str) -> str:
    """`text` with the password of every URL (and every password=… pair) replaced by ***."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + "***", text)
    return _KEY_PASSWORD.sub(lambda m: f"{m.group(1)}=***", text)


def details(exc: BaseException) -> str:
    """What support needs to see: the library's own text, redacted, without the sqlalche.me link."""
    return redact(_SQLALCHEMY_LINK.sub("", f"{type(exc).__name__}: {exc}"))


def database_problem(exc: BaseException) -> str:
    """One Vietnamese line for a database library error."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "Tệp dữ liệu đang mở ở chế độ chỉ đọc; thay đổi không được lưu. Xem và xuất văn bản vẫn được."
    if "locked" in text or "busy" in text:
        return ("Cơ sở dữ liệu đang bị một chương trình khác khóa; thay đổi chưa được lưu. "
                "Hãy đợi một lát rồi thử lại.")
    if "too long" in text or "right truncation" in text or "stringdatarighttruncation" in text:
        return "Có giá trị dài quá giới hạn cho phép; không lưu."
    if "unique" in text or "foreign key" in text or "integrity" in text or "not null" in text:
        return "Dữ liệu vi phạm ràng buộc của cơ sở dữ liệu; không lưu."
    if "disk" in text and ("full" in text or "i/o" in text):
        return "Ổ đĩa đầy hoặc lỗi đọc ghi; thay đổi chưa được lưu."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "Tệp dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu."
    if "connection" in text or "could not connect" in text or "server" in text or "timeout" in text:
        return "Không kết nối được máy chủ cơ sở dữ liệu; hãy kiểm tra mạng và máy chủ rồi thử lại."
    if "password" in text or "authentication" in text:
        return "Máy chủ cơ sở dữ liệu từ chối đăng nhập; hãy kiểm tra tên và mật khẩu."
    return "Lỗi cơ sở dữ liệu; thao tác chưa được thực hiện."


class RedactingRecords:
    """A log record factory that redacts passwords in every message (URLs, password=…)."""

    def __init__(self, factory) -> None:
        self.factory = factory

    def __call__(self, *args, **kwargs):
        record = self.factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own handling
            return record
        record.msg, record.args = redact(message), None
        return record


def install_log_redaction() -> None:
    """From now on no log record carries a password (idempotent)."""
    import logging

    factory = logging.getLogRecordFactory()
    if not isinstance(factory, RedactingRecords):
        logging.setLogRecordFactory(RedactingRecords(factory))


def xml_problem(exc: BaseException) -> str:
    """One Vietnamese line for an XML parser error (inside .docx or .xlsx)."""
    return "phần XML bên trong tệp bị hỏng hoặc không hợp lệ"
