"""The support report: one zip with the log files and the versions of the app, Python, the
libraries and the operating system — what a helpdesk asks for first."""

from __future__ import annotations

import platform
import sys
import zipfile
from datetime import datetime
from importlib import metadata
from pathlib import Path

from hgdesk import __version__
from hgdesk.errors import HgdeskError

LIBRARIES = ("PySide6", "SQLAlchemy", "alembic", "reportlab", "python-docx", "openpyxl", "platformdirs")


def versions(extra: dict[str, str] | None = None) -> dict[str, str]:
    found = {"hgdesk": __version__, "Python": sys.version.split()[0],
             "Hệ điều hành": f"{platform.system()} {platform.release()} ({platform.version()})",
             "Máy": platform.machine(), "Bản đóng gói": "có" if getattr(sys, "frozen", False) else "không"}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "?"
    return {**found, **(extra or {})}


def write_report(target: Path, log_folder: Path, database: str, extra: dict[str, str] | None = None) -> Path:
    """Write the zip to `target` (the logs and versions.txt); HgdeskError if it cannot be written."""
    lines = [f"{key}: {value}" for key, value in versions(extra).items()]
    lines += [f"Dữ liệu: {database}", f"Thời điểm: {datetime.now().isoformat(timespec='seconds')}"]
    try:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("versions.txt", "\n".join(lines) + "\n")
            for log in sorted(log_folder.glob("*.log*")):
                archive.write(log, f"logs/{log.name}")
    except OSError as exc:
        raise HgdeskError(f"Không ghi được báo cáo lỗi vào “{target}”: {exc.strerror or exc}.") from exc
    return target
