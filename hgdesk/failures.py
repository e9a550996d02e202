"""What a failed write means for the user: a database error turned into a Vietnamese sentence that
says what to do (the typed text is kept in any case)."""

from __future__ import annotations

import errno

from hgdesk.errors import HgdeskError

LOCKED = ("Tệp dữ liệu đang bị một chương trình khác sử dụng (một cửa sổ hgdesk khác, phần mềm sao lưu hoặc "
          "chống vi-rút). Nội dung bạn gõ vẫn được giữ. Hãy đóng chương trình kia rồi bấm “Thử lại”.")
READ_ONLY = ("Tệp dữ liệu chỉ cho phép đọc, không ghi được. Nội dung bạn gõ vẫn được giữ. Hãy bỏ thuộc tính "
             "“chỉ đọc” của tệp (hoặc chép tệp ra ổ đĩa ghi được) rồi bấm “Thử lại”.")
DISK_FULL = ("Ổ đĩa chứa dữ liệu đã đầy. Nội dung bạn gõ vẫn được giữ. Hãy xóa bớt tệp không cần trên ổ đĩa "
             "rồi bấm “Thử lại”.")
GONE = ("Mất kết nối tới cơ sở dữ liệu. Nội dung bạn gõ vẫn được giữ. Hãy kiểm tra mạng hoặc máy chủ rồi bấm "
        "“Thử lại”.")


def describe(exc: BaseException) -> str | None:
    """The user's sentence for a write that failed for a reason outside the program, else None."""
    if isinstance(exc, HgdeskError):
        return str(exc)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "busy" in text:
        return LOCKED
    if "readonly" in text or "read-only" in text or "read only" in text:
        return READ_ONLY
    if "disk is full" in text or "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return DISK_FULL
    if "connection" in text or "server closed" in text or "could not connect" in text:
        return GONE
    return None
