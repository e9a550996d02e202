"""The user's own committee: a commune under a province or city, set up from a few answers
(wizard or `hgdesk-cli org add`), whose first derived program prints with its own header."""

from __future__ import annotations

import json

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import InputError
from tests.conftest import SEEDS, table_rows

HOA_AN = {"kind": "commune", "unit": "xã", "name": "Hòa An", "superior_kind": "thành phố",
          "superior_name": "Cần Thơ", "signer_name": "Nguyễn Văn A"}


def test_a_commune_committee_gets_the_2026_header_symbol_and_signer():
    preview = services.preview_office(**HOA_AN)
    assert (preview["superior_line"], preview["header_name"]) == ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG UỶ XÃ HÒA AN")
    assert (preview["symbol_suffix"], preview["level"], preview["place"]) == ("ĐU", "commune", "Hòa An")
    assert (preview["signer_authority"], preview["signer_position"]) == ("T/M ĐẢNG UỶ", "BÍ THƯ")
    assert preview["name"] == "Đảng uỷ xã Hòa An"


@pytest.mark.parametrize(("name", "superior", "place"), [
    ("Thới", "Cần Thơ", "Xã Thới"),  # one syllable: the level word is added (HD 05, 4.1.1c)
    ("Cần Thơ", "Cần Thơ", "Xã Cần Thơ"),  # the province's own name
    ("Hòa An", "Cần Thơ", "Hòa An"),
])
def test_the_place_name_follows_the_2026_rule(name, superior, place):
    assert services.preview_office(**{**HOA_AN, "name": name, "superior_name": superior})["place"] == place


@pytest.mark.parametrize(("change", "message"), [
    ({"name": " "}, "Hãy nhập tên cơ quan"),
    ({"unit": "thôn"}, "Hãy chọn cấp hành chính"),
    ({"superior_name": ""}, "đảng bộ cấp trên"),
    ({"kind": "bogus"}, "không hợp lệ"),
])
def test_missing_answers_are_refused_in_vietnamese_and_nothing_is_saved(db, change, message):
    before = table_rows(db)
    with pytest.raises(InputError, match=message):
        services.setup_office(db, **{**HOA_AN, **change})
    assert table_rows(db) == before


def test_the_first_derived_program_of_a_commune_prints_its_own_header(db):
    org = services.setup_office(db, **HOA_AN)
    assert not services.needs_office_setup(db)
    annual = services.import_file(db, SEEDS / "seed000.txt", org)
    q1 = services.derive_quarter(db, annual, 1)
    doc = services.document_for(db, q1)
    # place names are held together by no-break spaces (layout.py): compared as read
    header = [p.text.replace("\u00a0", " ") for row in doc.header for p in row.left + row.right]
    # a program of 2024 prints under HD 36, whose house style writes "ỦY" ("UỶ" is HD 05's)
    header = [line.replace("\u00a0", " ") for line in header]  # place names are held together by no-break spaces
    assert "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ" in header and "ĐẢNG ỦY XÃ HÒA AN" in header and "*" in header
    assert any(t.startswith("Số") and t.endswith("-CTr/ĐU") for t in header)
    assert any(t.startswith("Hòa An, ngày") for t in header)


def test_cli_org_add_edit_and_list(tmp_path, capsys):
    database = str(tmp_path / "cli.sqlite3")
    assert cli(["--database", database, "org", "add", "--kind", "commune", "--unit", "phường", "--name", "Ngô Quyền",
                "--superior", "Hải Phòng", "--superior-kind", "thành phố", "--json"]) == 0
    org = json.loads(capsys.readouterr().out)
    assert (org["header_name"], org["superior_line"], org["symbol_suffix"]) == (
        "ĐẢNG UỶ PHƯỜNG NGÔ QUYỀN", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐU")
    # "Ngô Quyền" is a person's name: the secretary adds the level word to the place by hand
    assert cli(["--database", database, "org", "edit", str(org["id"]), "--place", "Phường Ngô Quyền"]) == 0
    capsys.readouterr()
    assert cli(["--database", database, "org", "list"]) == 0
    assert "Đảng uỷ phường Ngô Quyền" in capsys.readouterr().out
    assert cli(["--database", database, "org", "add", "--kind", "commune", "--name", "Hòa An"]) == 2
    err = capsys.readouterr().err
    assert "Hãy chọn cấp hành chính" in err and "Traceback" not in err
    assert cli(["--database", database, "org", "edit", "99", "--place", "X"]) == 2
    assert "Không có cơ quan số 99" in capsys.readouterr().err


def test_a_name_longer_than_the_column_is_refused_in_vietnamese(db):
    before = table_rows(db)
    with pytest.raises(InputError, match="Thông tin cơ quan không hợp lệ"):
        services.setup_office(db, **{**HOA_AN, "name": "Hòa An " * 60})
    assert table_rows(db) == before
