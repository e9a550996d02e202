"""Program packages: one `.hgdesk` file to send a program from a province to a district.

A package is a zip holding `manifest.json` (format, version, origin, SHA-256 of each member)
and `program.json`. Reading trusts nothing: sizes are bounded, only the two known members are
read (never used as file-system paths), hashes and the structure are checked before anything
is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from hgdesk.errors import InputError
from hgdesk.importing.readers import check_zip, malformed_data_errors
from hgdesk.vocab import NodeKind

FORMAT = "hgdesk-package"
VERSION = 1
MEMBERS = ("manifest.json", "program.json")
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 12
NODE_KINDS = set(NodeKind.codes())


def write_package(program: dict[str, Any], origin: str) -> bytes:
    body = json.dumps(program, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    manifest = {"format": FORMAT, "version": VERSION, "created": datetime.now().isoformat(timespec="seconds"),
                "origin": origin, "files": {"program.json": hashlib.sha256(body).hexdigest()}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        z.writestr("program.json", body)
    return buffer.getvalue()


def read_package(data: bytes, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(manifest, program) of a package, or a clear refusal."""
    if not data:
        raise InputError(f"Tệp “{name}” rỗng.")
    if data[:4] != b"PK\x03\x04":
        raise InputError(f"Tệp “{name}” không phải gói chương trình hgdesk.")
    archive = check_zip(data, name)
    names = [i.filename for i in archive.infolist()]
    if sorted(names) != sorted(MEMBERS):
        raise InputError(f"Tệp “{name}” không đúng cấu trúc gói chương trình (có tệp lạ hoặc thiếu tệp).")
    members = {}
    for member in MEMBERS:
        info = archive.getinfo(member)
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(f"Tệp “{name}” có nội dung quá lớn.")
        try:
            members[member] = archive.read(member)
        except (OSError, *malformed_data_errors()) as exc:
            raise InputError(f"Tệp “{name}” bị hỏng hoặc không đầy đủ: {type(exc).__name__}.") from None
    manifest = _json(members["manifest.json"], name)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"Tệp “{name}” không phải gói chương trình hgdesk.")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise InputError(f"Gói “{name}” có phiên bản định dạng không hợp lệ.")
    if version > VERSION:
        raise InputError(f"Gói “{name}” được tạo bằng phiên bản phần mềm mới hơn (định dạng {version}); "
                         "hãy cập nhật phần mềm rồi nhập lại.")
    expected = (manifest.get("files") or {}).get("program.json")
    if hashlib.sha256(members["program.json"]).hexdigest() != expected:
        raise InputError(f"Gói “{name}” đã bị sửa đổi hoặc hỏng (mã kiểm tra không khớp); không nhập.")
    program = _json(members["program.json"], name)
    validate_program(program, name)
    return manifest, program


def _json(raw: bytes, name: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"Gói “{name}” bị hỏng: nội dung không đọc được.") from None


def validate_program(program: Any, name: str) -> None:
    def fail(why: str) -> None:
        raise InputError(f"Gói “{name}” không hợp lệ: {why}.")

    if not isinstance(program, dict):
        fail("thiếu nội dung chương trình")
    for key, kind in (("kind", str), ("title", list), ("opening", list), ("closing", list), ("recipients", list),
                      ("nodes", list), ("organization", dict)):
        if not isinstance(program.get(key), kind):
            fail(f"trường “{key}” sai kiểu")
    for key in ("title", "opening", "closing", "recipients"):
        if not all(isinstance(x, str) for x in program[key]):
            fail(f"trường “{key}” phải là danh sách chữ")
    count = 0

    def walk(nodes: Any, depth: int) -> None:
        nonlocal count
        if depth > MAX_DEPTH:
            fail("cây mục lồng nhau quá sâu")
        if not isinstance(nodes, list):
            fail("danh sách mục sai kiểu")
        for node in nodes:
            count += 1
            if count > MAX_NODES:
                fail("quá nhiều mục")
            if not isinstance(node, dict) or node.get("kind") not in NODE_KINDS:
                fail("có mục không hợp lệ")
            for key in ("label", "heading", "text"):
                if not isinstance(node.get(key, ""), str):
                    fail(f"mục có “{key}” sai kiểu")
            indicator = node.get("indicator")
            if indicator is not None and not (isinstance(indicator, dict)
                                              and isinstance(indicator.get("value"), int | float | type(None))):
                fail("chỉ tiêu sai kiểu")
            walk(node.get("children", []), depth + 1)

    walk(program["nodes"], 0)
