"""Bad input gets a clear message and leaves the database exactly as it was."""

from __future__ import annotations

import codecs
import zipfile

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import InputError
from hgdesk.importing import parse_bytes, parse_file
from tests.conftest import table_rows


@pytest.fixture
def filled_db(db, seed):
    services.import_file(db, seed(1))
    return db


def bad_files(tmp_path):
    files = {}
    files["missing"] = tmp_path / "khong_co.txt"
    (tmp_path / "rong.txt").write_bytes(b"")
    files["empty"] = tmp_path / "rong.txt"
    (tmp_path / "nhi_phan.txt").write_bytes(bytes(range(256)) * 50)
    files["binary"] = tmp_path / "nhi_phan.txt"
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    files["broken docx"] = tmp_path / "hong.docx"
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    files["word 97"] = tmp_path / "cu.doc"
    (tmp_path / "vanban.pdf").write_bytes(b"%PDF-1.7\n...")
    files["pdf"] = tmp_path / "vanban.pdf"
    (tmp_path / "tcvn3.txt").write_bytes(("Ch\u00ad\u00acng tr\u00d6nh c\u00abng t\u00b8c n\u00a8m 2024 cña TØnh ñy\n" * 20).encode("cp1252", "replace"))
    files["tcvn3"] = tmp_path / "tcvn3.txt"
    (tmp_path / "vni.txt").write_text("I. Chöông trình coâng taùc naêm 2024 cuûa Tænh uûy Haäu Giang\n" * 20, encoding="utf-8")
    files["vni"] = tmp_path / "vni.txt"
    (tmp_path / "thu.txt").write_text("Xin chào, đây là một lá thư bình thường.\nKhông có mục nào cả.\n", encoding="utf-8")
    files["no structure"] = tmp_path / "thu.txt"
    big = tmp_path / "lon.txt"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    files["oversized"] = big
    return files


MESSAGES = {
    "missing": "Không tìm thấy tệp",
    "empty": "rỗng",
    "binary": "không phải là văn bản đọc được",
    "broken docx": "bị hỏng",
    "word 97": "Word 97-2003",
    "pdf": "tệp PDF",
    "tcvn3": "TCVN3",
    "vni": "VNI",
    "no structure": "Không nhận ra cấu trúc chương trình",
    "oversized": "quá lớn",
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_bad_file_is_refused_with_its_message_and_nothing_is_saved(case, tmp_path, filled_db):
    path = bad_files(tmp_path)[case]
    before = table_rows(filled_db)
    with pytest.raises(InputError, match=MESSAGES[case]):
        services.import_file(filled_db, path)
    assert table_rows(filled_db) == before


@pytest.mark.parametrize("case", list(MESSAGES))
def test_cli_exits_2_with_one_clear_line_and_the_database_untouched(case, tmp_path, filled_db, capsys):
    path = bad_files(tmp_path)[case]
    before = table_rows(filled_db)
    assert cli(["--database", filled_db.url, "import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("hgdesk-cli: ") and "\n" not in err and MESSAGES[case] in err
    assert "Traceback" not in err
    assert table_rows(filled_db) == before


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(InputError, match="nén bất thường"):
        parse_file(bomb)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_text_files_in_any_utf_encoding_are_read(encoding, seed):
    text = seed(1).read_text(encoding="utf-8")
    data = text.encode(encoding)
    parsed = parse_bytes(data, "quy2.txt")
    assert (parsed.kind, parsed.quarter, parsed.year) == ("quarterly", 2, 2024)
    assert len(parsed.recipients) == 8


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as separate combining characters."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_read_with_a_warning(seed):
    text = "I. Các nhiệm vụ trọng tâm\n1. Công tác xây dựng Đảng\nTăng cường công tác đảng viên ở cơ sở.\n"
    parsed = parse_bytes(to_cp1258(text), "cu.txt")
    assert parsed.nodes[0].heading == "Các nhiệm vụ trọng tâm"
    assert parsed.nodes[0].children[0].children[0].text == "Tăng cường công tác đảng viên ở cơ sở."
    assert any("Windows-1258" in w for w in parsed.warnings)


def test_utf8_bom_is_not_kept_in_the_text(seed):
    parsed = parse_bytes(codecs.BOM_UTF8 + seed(0).read_bytes(), "x.txt")
    assert parsed.kind == "annual"


def test_a_word_file_zipped_with_a_method_python_cannot_read_is_refused_clearly(tmp_path):
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # every member says "compression method 99" (AES, unsupported)
        at = data.find(header)
        while at != -1:
            offset = at + (8 if header == b"PK\x03\x04" else 10)
            data[offset:offset + 2] = (99).to_bytes(2, "little")
            at = data.find(header, at + 4)
    path = tmp_path / "ma-hoa.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError):
        parse_file(path)


def test_a_zip_of_a_version_python_cannot_open_is_refused_clearly_by_every_zip_door():
    import io

    from hgdesk.zipfiles import check_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("manifest.json", "{}")
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    data[at + 6:at + 8] = (84).to_bytes(2, "little")  # "needs zip version 8.4": NotImplementedError in zipfile
    with pytest.raises(InputError, match="bị hỏng"):
        check_zip(bytes(data), "goi.hgdesk")
