"""Program packages: one `.hgdesk` file to send a program from a province to a district.

A package is a zip holding `manifest.json` (format, version, origin, sender and its public key,
SHA-256 of each member), `program.json` and `signature` (Ed25519, by the sender's key, over the
manifest's exact bytes). Reading trusts nothing: sizes are bounded, only the known members are
read (never used as file-system paths); the signature, the hashes and the structure are checked
before anything is written. Whether the sender's key is trusted is the caller's decision.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hgdesk import signing
from hgdesk.errors import InputError
from hgdesk.messages import details
from hgdesk.zipfiles import check_zip, malformed_data_errors

FORMAT = "hgdesk-package"
VERSION = 2  # 2: signed by the sending office
MEMBERS = ("manifest.json", "program.json", "signature")
UNSIGNED_MEMBERS = ("manifest.json", "program.json")
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 12


def write_package(program: dict[str, Any], origin: str, sender: str, key: Ed25519PrivateKey) -> bytes:
    """The package of `program`, signed with `key` by the office named `sender`."""
    body = json.dumps(program, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return signed_package(body, origin, sender, key)


def signed_package(body: bytes, origin: str, sender: str, key: Ed25519PrivateKey) -> bytes:
    """A package around the exact bytes of program.json, hashed and signed (also used by the fuzzer)."""
    manifest = {"format": FORMAT, "version": VERSION, "created": datetime.now().isoformat(timespec="seconds"),
                "origin": origin, "sender": {"name": sender, "key": signing.b64(signing.public_bytes(key))},
                "files": {"program.json": hashlib.sha256(body).hexdigest()}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", manifest_bytes)
        z.writestr("program.json", body)
        z.writestr("signature", signing.b64(signing.sign(key, manifest_bytes)))
    return buffer.getvalue()


def sender_of(manifest: dict[str, Any]) -> tuple[str, bytes]:
    """(name, public key) of the office that signed a package read by read_package."""
    sender = manifest["sender"]
    return sender["name"], signing.unb64(sender["key"]) or b""


def read_package(data: bytes, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(manifest, program) of a package, or a clear refusal."""
    if not data:
        raise InputError(f"Tệp “{name}” rỗng.")
    if data[:4] != b"PK\x03\x04":
        raise InputError(f"Tệp “{name}” không phải gói chương trình hgdesk.")
    archive = check_zip(data, name)
    names = sorted(i.filename for i in archive.infolist())
    if names not in (sorted(MEMBERS), sorted(UNSIGNED_MEMBERS)):
        raise InputError(f"Tệp “{name}” không đúng cấu trúc gói chương trình (có tệp lạ hoặc thiếu tệp).")
    members = {}
    broken: tuple[type[BaseException], ...] = (OSError, *malformed_data_errors())
    for member in names:
        info = archive.getinfo(member)
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(f"Tệp “{name}” có nội dung quá lớn.")
        try:
            members[member] = archive.read(member)
        except broken as exc:
            raise InputError(f"Tệp “{name}” bị hỏng hoặc không đầy đủ.", details=details(exc)) from None
    manifest = _json(members["manifest.json"], name)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"Tệp “{name}” không phải gói chương trình hgdesk.")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise InputError(f"Gói “{name}” có phiên bản định dạng không hợp lệ.")
    if version > VERSION:
        raise InputError(f"Gói “{name}” được tạo bằng phiên bản phần mềm mới hơn (định dạng {version}); "
                         "hãy cập nhật phần mềm rồi nhập lại.")
    _check_signature(manifest, members, name)
    expected = manifest["files"].get("program.json")
    if hashlib.sha256(members["program.json"]).hexdigest() != expected:
        raise InputError(f"Gói “{name}” đã bị sửa đổi hoặc hỏng (mã kiểm tra không khớp); không nhập.")
    return manifest, validate_program(_json(members["program.json"], name), name)


def _check_signature(manifest: dict[str, Any], members: dict[str, bytes], name: str) -> None:
    """The manifest (which holds the content's hash) must be signed by the key it names."""
    from hgdesk.schemas import ManifestIn, checked

    if "signature" not in members or not isinstance(manifest.get("sender"), dict):
        raise InputError(f"Gói “{name}” không có chữ ký của cơ quan gửi; không nhập. Hãy đề nghị nơi gửi xuất lại "
                         "gói bằng phiên bản hgdesk hiện hành.")
    checked(ManifestIn, manifest, f"Gói “{name}” không hợp lệ")
    key = signing.unb64(manifest["sender"]["key"])
    signature = signing.unb64(members["signature"].decode("ascii", "replace").strip())
    if key is None or len(key) != 32 or signature is None or not signing.verify(key, signature,
                                                                                members["manifest.json"]):
        raise InputError(f"Gói “{name}” có chữ ký không khớp: gói đã bị sửa đổi sau khi cơ quan gửi ký; "
                         "không nhập.")


def _json(raw: bytes, name: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"Gói “{name}” bị hỏng: nội dung không đọc được.") from None


def validate_program(program: Any, name: str) -> dict[str, Any]:
    """The program checked against its declared schema (hgdesk.schemas.ProgramIn), as plain data."""
    from pydantic import ValidationError

    from hgdesk.schemas import ProgramIn, problem

    if not isinstance(program, dict):
        raise InputError(f"Gói “{name}” không hợp lệ: thiếu nội dung chương trình.")
    _check_tree_size(program.get("nodes"), name)
    try:
        return ProgramIn.model_validate(program).model_dump(mode="json")
    except ValidationError as exc:
        raise InputError(f"Gói “{name}” không hợp lệ: {problem(exc)}.") from None


def _check_tree_size(nodes: Any, name: str) -> None:
    """Depth and count bounded before the schema walks the tree (no deep recursion on hostile input)."""
    count, stack = 0, [(nodes, 0)]
    while stack:
        level, depth = stack.pop()
        if not isinstance(level, list):
            continue
        if depth > MAX_DEPTH:
            raise InputError(f"Gói “{name}” không hợp lệ: cây mục lồng nhau quá sâu.")
        count += len(level)
        if count > MAX_NODES:
            raise InputError(f"Gói “{name}” không hợp lệ: quá nhiều mục.")
        stack.extend((node.get("children"), depth + 1) for node in level if isinstance(node, dict))
