"""Packages carry the signature of the office that sent them: forged, unsigned and re-keyed
packages are refused with the receiving database unchanged; a trusted office's are accepted."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hgdesk import backup, packages, services
from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.errors import InputError, UntrustedPackageError
from tests.dbstate import province_package, snapshot


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The sending office: one annual program exported as a signed package."""
    db, path = province_package(tmp_path_factory.mktemp("province"))
    yield db, path
    db.dispose()


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write(out, parts: dict[str, bytes]):
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def refused_unchanged(db, path, match, **kwargs):
    before = snapshot(db)
    with pytest.raises(InputError, match=match) as refusal:
        services.import_package(db, path, **kwargs)
    assert snapshot(db) == before
    return refusal.value


def test_a_forged_package_with_an_inserted_task_and_a_recomputed_hash_is_refused(db, province, tmp_path):
    sender, path = province
    parts = members(path)
    body = json.loads(parts["program.json"])
    body["nodes"][0]["children"].insert(0, {"kind": "item", "label": "", "heading": "", "text": "Nhiệm vụ chèn thêm",
                                            "indicator": None, "children": []})
    parts["program.json"] = json.dumps(body, ensure_ascii=False).encode()
    manifest = json.loads(parts["manifest.json"])
    manifest["files"]["program.json"] = hashlib.sha256(parts["program.json"]).hexdigest()
    parts["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    forged = write(tmp_path / "gia-mao.hgdesk", parts)
    refused_unchanged(db, forged, "chữ ký không khớp", trust=services.own_fingerprint(sender))


def test_an_unsigned_package_is_refused(db, province, tmp_path):
    _, path = province
    parts = members(path)
    del parts["signature"]
    refused_unchanged(db, write(tmp_path / "khong-ky.hgdesk", parts), "không có chữ ký")


def test_an_unknown_office_is_named_with_its_fingerprint_and_its_later_packages_are_accepted(db, province):
    sender, path = province
    fingerprint = services.own_fingerprint(sender)
    unknown = refused_unchanged(db, path, "chưa được tin cậy")
    assert isinstance(unknown, UntrustedPackageError)
    assert unknown.sender == "Tỉnh ủy Hậu Giang" and unknown.fingerprint == fingerprint
    assert fingerprint in str(unknown)
    refused_unchanged(db, path, "chưa được tin cậy", trust="0000-0000-0000-0000-0000")  # a misread fingerprint
    first = services.import_package(db, path, trust=fingerprint)
    assert [o["fingerprint"] for o in services.trusted_offices(db)] == [fingerprint]
    second = services.import_package(db, path)  # trusted now: no question
    assert second != first
    assert services.program_json(db, second)["title"] == services.program_json(db, first)["title"]


def test_a_changed_key_of_a_trusted_office_is_detected_and_refused(db, province, tmp_path):
    sender, path = province
    services.import_package(db, path, trust=services.own_fingerprint(sender))
    manifest, body = packages.read_package(path.read_bytes(), path.name)
    other_key = Ed25519PrivateKey.generate()
    same_origin = write(tmp_path / "khoa-moi.hgdesk", members_of(
        packages.write_package(body, manifest["origin"], "Tỉnh ủy Hậu Giang", other_key)))
    refused_unchanged(db, same_origin, "khóa ký đã thay đổi")
    new_origin = write(tmp_path / "mao-danh.hgdesk", members_of(
        packages.write_package(body, "another-database:1", "Tỉnh ủy Hậu Giang", other_key)))
    refused_unchanged(db, new_origin, "khóa ký đã thay đổi")  # the trusted name with another key


def members_of(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_signing_key_is_kept_with_the_database_and_restored_with_its_backups(tmp_path):
    path = tmp_path / "hgdesk.sqlite3"
    db = Database(str(path))
    fingerprint = services.own_fingerprint(db)
    made = services.backup_now(db)
    db.dispose()
    reopened = Database(str(path))
    assert services.own_fingerprint(reopened) == fingerprint
    reopened.dispose()
    path.unlink()
    backup.restore(path, tmp_path / "backups" / made["path"].rsplit("/", 1)[-1])
    restored = Database(str(path))
    assert services.own_fingerprint(restored) == fingerprint
    restored.dispose()


def test_the_cli_names_an_unknown_sender_in_one_line_and_imports_with_trust(tmp_path, province, capsys):
    sender, path = province
    target = tmp_path / "huyen.sqlite3"
    Database(str(target)).dispose()
    assert cli(["--database", str(target), "import-package", str(path)]) == 2
    line = capsys.readouterr().err.strip().splitlines()
    assert len(line) == 1 and "Tỉnh ủy Hậu Giang" in line[0] and services.own_fingerprint(sender) in line[0]
    assert cli(["--database", str(target), "import-package", str(path), "--trust",
                services.own_fingerprint(sender)]) == 0
