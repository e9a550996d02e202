"""Zip containers (Word, Excel, program packages) opened only when they cannot blow up memory, and
the errors any parser of a user's broken file may raise, so each reader turns them into one clear message."""

from __future__ import annotations

import zipfile

from hgdesk.errors import InputError

# A .docx is a zip: refuse archives that would unpack to far more than any real program.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def malformed_data_errors() -> tuple[type[BaseException], ...]:
    """What parsers raise on broken bytes (zip, deflate, XML): turned into a clear InputError
    at the edge of every reader of user files."""
    import zlib
    from xml.etree.ElementTree import ParseError

    # NotImplementedError: a zip member written with a method or version zipfile cannot read ("version 8.4")
    errors: list[type[BaseException]] = [zipfile.BadZipFile, zlib.error, ParseError, EOFError, ValueError, KeyError,
                                         IndexError, TypeError, UnicodeDecodeError, NotImplementedError]
    try:
        from lxml.etree import LxmlError

        errors.append(LxmlError)
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        pass
    return tuple(errors)


def check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open a zip container only if it cannot blow up memory when unpacked."""
    import io

    broken: tuple[type[BaseException], ...] = (OSError, *malformed_data_errors())  # also "zip file version 8.4"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except broken:
        raise InputError(f"Tệp “{name}” bị hỏng: không mở được (không phải tệp nén hợp lệ).") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNPACKED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise InputError(f"Tệp “{name}” có nội dung nén bất thường (quá lớn khi giải nén); không nhập.")
    return archive
