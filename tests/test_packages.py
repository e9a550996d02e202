"""Program packages travel between two databases; a bad package never gets in."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.errors import InputError
from tests.conftest import SEEDS


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def district(tmp_path):
    db = Database(str(tmp_path / "district.sqlite3"))
    yield db
    db.dispose()


@pytest.fixture
def package(db, tmp_path):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    path = tmp_path / "nam2024.hgdesk"
    services.export_package(db, annual, path)
    return annual, path


def shape(nodes):
    return [(n["kind"], n["label"], n["heading"], n["text"], n["indicator"], shape(n["children"])) for n in nodes]


def test_round_trip_between_two_databases(db, district, package):
    annual, path = package
    org = services.create_organization(district, name="Huyện ủy Phụng Hiệp", level="district", symbol_suffix="HU")
    new_id = services.import_package(district, path, org, trust=services.own_fingerprint(db))
    source, copy = services.program_json(db, annual), services.program_json(district, new_id)
    assert shape(copy["nodes"]) == shape(source["nodes"])
    for key in ("kind", "year", "title", "opening", "recipients"):
        assert copy[key] == source[key]
    assert copy["organization"] == "Huyện ủy Phụng Hiệp" and copy["status"] == "draft"
    with district.transaction() as s:
        from hgdesk.models import Program

        assert s.get(Program, new_id).origin == f"{services.database_id(db)}:{annual}"


def test_the_organisation_is_created_when_not_mapped(db, district, package):
    _, path = package
    new_id = services.import_package(district, path, trust=services.own_fingerprint(db))
    assert services.program_json(district, new_id)["organization"] == "Tỉnh ủy Hậu Giang"
    assert services.import_package(district, path) != new_id
    assert len(services.list_organizations(district)) == 1


def rewrite(path, out, change):
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    change(members)
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def bad_packages(path, tmp_path):
    def tamper(m):
        body = json.loads(m["program.json"])
        body["title"] = ["đã bị sửa"]
        m["program.json"] = json.dumps(body).encode()

    def newer(m):
        manifest = json.loads(m["manifest.json"])
        manifest["version"] = 99
        m["manifest.json"] = json.dumps(manifest).encode()

    def foreign(m):
        m["manifest.json"] = json.dumps({"format": "something-else", "version": 1}).encode()

    def traversal(m):
        m["../../evil.txt"] = b"x"

    def bad_structure(m):
        body = json.dumps({"kind": "annual", "nodes": "not a list"}).encode()
        manifest = json.loads(m["manifest.json"])
        import hashlib

        manifest["files"]["program.json"] = hashlib.sha256(body).hexdigest()
        m["program.json"], m["manifest.json"] = body, json.dumps(manifest).encode()

    cases = {
        "tampered": (rewrite(path, tmp_path / "t.hgdesk", tamper), "bị sửa đổi hoặc hỏng"),
        "newer version": (rewrite(path, tmp_path / "n.hgdesk", newer), "phiên bản phần mềm mới hơn"),
        "foreign file": (rewrite(path, tmp_path / "f.hgdesk", foreign), "không phải gói chương trình"),
        "path in the archive": (rewrite(path, tmp_path / "p.hgdesk", traversal), "không đúng cấu trúc"),
        "rehashed": (rewrite(path, tmp_path / "s.hgdesk", bad_structure), "chữ ký không khớp"),
    }
    data = path.read_bytes()
    (tmp_path / "cut.hgdesk").write_bytes(data[: len(data) // 2])
    cases["truncated"] = (tmp_path / "cut.hgdesk", "bị hỏng")
    (tmp_path / "text.hgdesk").write_text("xin chào", encoding="utf-8")
    cases["text file"] = (tmp_path / "text.hgdesk", "không phải gói chương trình")
    (tmp_path / "empty.hgdesk").write_bytes(b"")
    cases["empty"] = (tmp_path / "empty.hgdesk", "rỗng")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", b"{}")
        z.writestr("program.json", b" " * (250 * 1024 * 1024))
    (tmp_path / "bomb.hgdesk").write_bytes(buffer.getvalue())
    cases["zip bomb"] = (tmp_path / "bomb.hgdesk", "nén bất thường")
    return cases


def test_bad_packages_are_refused_and_nothing_is_written(db, district, package, tmp_path):
    _, path = package
    services.import_package(district, path, trust=services.own_fingerprint(db))
    before = dump(district.path)
    for case, (bad, message) in bad_packages(path, tmp_path).items():
        with pytest.raises(InputError, match=message):
            services.import_package(district, bad)
        assert dump(district.path) == before, case
    assert not (tmp_path.parent / "evil.txt").exists()


def test_cli_export_and_import_package(db, district, tmp_path, capsys):
    annual = services.import_file(db, SEEDS / "seed001.txt")
    out = tmp_path / "q2.hgdesk"
    assert cli(["--database", db.url, "export-package", str(annual), str(out)]) == 0
    capsys.readouterr()
    assert cli(["--database", str(district.path), "import-package", str(out)]) == 2
    refusal = capsys.readouterr().err.strip().splitlines()
    assert len(refusal) == 1 and services.own_fingerprint(db) in refusal[0] and "chưa được tin cậy" in refusal[0]
    assert cli(["--database", str(district.path), "import-package", str(out),
                "--trust", services.own_fingerprint(db)]) == 0
    new_id = int(capsys.readouterr().out.strip())
    assert services.program_json(district, new_id)["quarter"] == 2
    assert len(services.program_tasks(district, new_id)) > 30  # a quarterly program comes with its tasks
    out.write_bytes(b"PK\x03\x04 broken")
    assert cli(["--database", str(district.path), "import-package", str(out)]) == 2
    assert "hgdesk-cli:" in capsys.readouterr().err
