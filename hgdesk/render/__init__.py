"""Document -> PDF (reportlab) and Document -> DOCX (python-docx)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


def write_to(data: bytes, out: str | Path | BinaryIO) -> None:
    """Write rendered bytes to a path or an open binary stream."""
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)
