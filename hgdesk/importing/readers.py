"""Files -> source lines. Every way a file can be unusable ends here, with a clear message."""

from __future__ import annotations

import codecs
from pathlib import Path

from hgdesk.errors import InputError
from hgdesk.importing.source import Source
from hgdesk.text import VIETNAMESE_ONLY_LETTERS, legacy_encoding
from hgdesk.zipfiles import check_zip

MAX_FILE_BYTES = 20 * 1024 * 1024

_NOT_CONTROL = bytes(range(0x09, 0x0E)) + bytes(range(0x20, 0x100))  # all but the controls \x00-\x08, \x0e-\x1f


def read_file(path: str | Path) -> Source:
    path = Path(path)
    return read_bytes(read_limited(path), path.name)


def read_limited(path: str | Path) -> bytes:
    """The bytes of a user's file, refused with a clear message if missing, empty or too large."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"“{path}” là một thư mục, không phải tệp.")
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp “{path}”.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"Tệp “{path.name}” rỗng.")
    if size > MAX_FILE_BYTES:
        raise InputError(f"Tệp “{path.name}” quá lớn ({size / 1024 / 1024:.1f} MB); "
                         f"chỉ nhận tệp đến {MAX_FILE_BYTES // 1024 // 1024} MB.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.") from exc


def read_bytes(data: bytes, name: str = "văn bản") -> Source:
    if not data:
        raise InputError(f"Tệp “{name}” rỗng, không có nội dung để nhập.")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"Tệp “{name}” quá lớn; chỉ nhận tệp đến {MAX_FILE_BYTES // 1024 // 1024} MB.")
    if data[:4] == b"PK\x03\x04":
        from hgdesk.importing.docx_reader import read_docx

        return read_docx(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            f"Tệp “{name}” là tệp Word 97-2003 (.doc), chưa đọc được. "
            "Hãy mở bằng Word và lưu lại dưới dạng .docx rồi nhập lại."
        )
    if data[:5] == b"%PDF-":
        raise InputError(
            f"Tệp “{name}” là tệp PDF. Hãy mở tệp, chép toàn bộ văn bản "
            "rồi chọn Tệp → “Dán văn bản để nhập…” (Ctrl+Shift+V), hoặc lưu thành tệp .txt rồi nhập lại."
        )
    if name.lower().endswith(".docx"):
        check_zip(data, name)  # a ".docx" that is no zip (a text file renamed) is a broken Word file, whatever it holds
    text, warnings = decode_text(data, name)
    return Source(name=name, lines=text.splitlines(), warnings=warnings)


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
    elif _looks_utf16(data, 1):
        text = _strict(data, "utf-16-le", name)
    elif _looks_utf16(data, 0):
        text = _strict(data, "utf-16-be", name)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
            if legacy_encoding(text) is None and _vietnamese_ratio(text) > 0.05:
                warnings.append("Tệp không ở dạng UTF-8; đã đọc theo bảng mã Windows-1258.")
            else:
                _refuse_legacy(text, name)
                raise InputError(
                    f"Tệp “{name}” không phải văn bản Unicode đọc được (UTF-8 hoặc UTF-16). "
                    "Hãy lưu lại tệp với bảng mã Unicode (UTF-8) rồi nhập lại."
                ) from None
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise InputError(f"Tệp “{name}” không phải là văn bản đọc được (tệp chương trình, ảnh hoặc tệp nén?). Hãy chọn tệp .docx hoặc .txt.")
    _refuse_legacy(text, name)
    return text, warnings


def _looks_utf16(data: bytes, high: int) -> bool:
    """UTF-16 without a byte-order mark: the high byte of most characters is zero."""
    if len(data) < 4 or len(data) % 2:
        return False
    return data[high::2].count(0) > len(data) // 4 and data[1 - high::2].count(0) < len(data) // 200 + 1


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            f"Tệp “{name}” bị lỗi mã hóa ({encoding.upper()}); không đọc được nội dung."
        ) from None


def _refuse_legacy(text: str, name: str) -> None:
    legacy = legacy_encoding(text)
    if legacy:
        font = ".VnTime" if legacy == "TCVN3" else "VNI-Times"
        raise InputError(
            f"Tệp “{name}” được gõ bằng bảng mã cũ {legacy} (phông {font}), không phải Unicode. "
            "Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại; "
            "phần mềm không lưu văn bản sai mã."
        )


def _vietnamese_ratio(text: str) -> float:
    letters = sum(map(str.isalpha, text)) or 1
    return len(VIETNAMESE_ONLY_LETTERS.findall(text)) / letters


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    # the control characters counted in the UTF-8 bytes (bytes.translate runs at memory speed;
    # a regular expression over a 5 MB text costs 50 ms)
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw.translate(None, _NOT_CONTROL)) / len(text)
