"""Everything from outside is checked against a declared schema before it touches the database:
wrongly typed, out-of-range, unknown or too long values are refused with one Vietnamese line
naming the field, and the database stays as it was (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import re

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hgdesk import packages, schemas, services, signing
from hgdesk.errors import InputError
from tests.conftest import SEEDS
from tests.dbstate import province_package, snapshot


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    db, path = province_package(tmp_path_factory.mktemp("province"))
    manifest, body = packages.read_package(path.read_bytes(), path.name)
    with db.transaction() as s:
        key = signing.own_key(s)
    yield db, manifest, body, key, services.own_fingerprint(db)
    db.dispose()


def _set(path: str, value):
    def change(body):
        target = body
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return change


HOSTILE = {
    "year as a dict": (_set("year", {"a": 1}), "“year” (năm) phải là số nguyên"),
    "year as text": (_set("year", "2024"), "“year” (năm) phải là số nguyên"),
    "quarter 99": (_set("quarter", 99), "“quarter” (quý) nằm ngoài khoảng"),
    "signer as a string": (_set("signer", "Bí thư"), "“signer” (người ký) phải là một nhóm trường"),
    "templates as a string": (_set("templates", "mẫu"), "“templates” (mẫu) phải là danh sách"),
    "templates as a number": (_set("templates", 7), "“templates” (mẫu) phải là danh sách"),
    "level as a dict": (_set("organization.level", {"x": 1}), "“organization.level” (cấp) phải là chữ"),
    "unknown program kind": (_set("kind", "monthly"), "“kind” (loại) có mã không được chấp nhận"),
    "unknown node kind": (_set("nodes.0.kind", "chapter"), "“nodes[1].kind” (loại) có mã không được chấp nhận"),
    "infinite target": (_set("nodes.0.indicator", {"value": float("inf"), "unit": "%"}), "phải là số hữu hạn"),
    "NaN target": (_set("nodes.0.indicator", {"value": float("nan"), "unit": "%"}), "phải là số hữu hạn"),
    "huge target": (_set("nodes.0.indicator", {"value": 1e300, "unit": "%"}), "phải là số hữu hạn"),
    "target as text": (_set("nodes.0.indicator", {"value": "95", "unit": "%"}), "phải là số"),
    "5 000-character organisation name": (_set("organization.name", "Tỉnh ủy " * 625),
                                          "“organization.name” (tên) dài quá 200 ký tự"),
    "long node label": (_set("nodes.0.label", "I" * 41), "“nodes[1].label” (số thứ tự mục) dài quá 40 ký tự"),
    "long place": (_set("place", "x" * 101), "“place” (địa danh) dài quá 100 ký tự"),
    "empty organisation name": (_set("organization.name", ""), "“organization.name” (tên) không được để trống"),
    "title as text": (_set("title", "CHƯƠNG TRÌNH"), "“title” (tiêu đề) phải là danh sách"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_correctly_signed_package_with_a_bad_field_is_refused_naming_the_field(db, province, tmp_path, case):
    _, manifest, body, key, fingerprint = province
    change, message = HOSTILE[case]
    bad = copy.deepcopy(body)
    change(bad)
    path = tmp_path / "xau.hgdesk"
    path.write_bytes(packages.write_package(bad, manifest["origin"], "Tỉnh ủy Hậu Giang", key))
    before = snapshot(db)
    with pytest.raises(InputError) as refusal:
        services.import_package(db, path, trust=fingerprint)
    text = str(refusal.value)
    assert message in text and text.startswith("Gói “xau.hgdesk” không hợp lệ: trường ")
    assert "\n" not in text and "pydantic" not in text and "Input should" not in text
    assert snapshot(db) == before


def test_the_same_package_with_good_fields_is_accepted(db, province, tmp_path):
    _, manifest, body, key, fingerprint = province
    path = tmp_path / "tot.hgdesk"
    path.write_bytes(packages.write_package(body, manifest["origin"], "Tỉnh ủy Hậu Giang", key))
    new = services.import_package(db, path, trust=fingerprint)
    assert services.program_json(db, new)["organization"] == "Tỉnh ủy Hậu Giang"


def test_organisation_settings_too_long_or_of_an_unknown_level_are_refused_naming_the_field(db):
    org = services.create_organization(db, name="Huyện ủy Phụng Hiệp", level="district")
    before = snapshot(db)
    with pytest.raises(InputError, match="Cài đặt cơ quan không hợp lệ: trường “name” \\(tên\\) dài quá 200"):
        services.update_organization(db, org, name="Huyện ủy " * 600)
    with pytest.raises(InputError, match="“symbol_suffix” \\(ký hiệu\\) dài quá 20"):
        services.update_organization(db, org, symbol_suffix="H" * 21)
    with pytest.raises(InputError, match="“level” \\(cấp\\) có mã không được chấp nhận"):
        services.create_organization(db, name="Chi bộ", level="galaxy")
    assert snapshot(db) == before


def test_a_workbook_row_with_a_too_long_lead_unit_is_refused_naming_the_row_and_field(db, tmp_path):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    path = tmp_path / "q2.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    wb = openpyxl.load_workbook(path)
    sheet = wb["Nhiệm vụ"]
    lead = [c.value for c in sheet[1]].index("Cơ quan chủ trì") + 1
    sheet.cell(row=2, column=lead, value="Ban Tuyên giáo " * 40)
    wb.save(path)
    before = snapshot(db)
    report = services.import_tracking_workbook(db, quarter, path)
    assert report["errors"] == ["Dòng 2: trường “lead_unit” (cơ quan chủ trì) dài quá 200 ký tự."]
    with pytest.raises(InputError, match="Dòng 2: trường “lead_unit”"):
        services.import_tracking_workbook(db, quarter, path, apply=True)
    assert snapshot(db) == before


def test_a_row_of_the_users_own_workbook_with_a_too_long_unit_imports_nothing(db, tmp_path):
    from tests.test_sheets import own_workbook

    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    path = own_workbook(tmp_path / "rieng.xlsx", [[1, "Nhiệm vụ A", "Ban Tuyên giáo", "", ""],
                                                   [2, "Nhiệm vụ B", "Ủy ban " * 50, "", ""]])
    section = services.program_json(db, quarter)["nodes"][1]["children"][0]["children"][0]["id"]
    before = snapshot(db)
    with pytest.raises(InputError, match="Dòng 3: trường “lead_unit” \\(cơ quan chủ trì\\) dài quá 200 ký tự"):
        services.import_own_tasks(db, quarter, path, section, services.read_own_workbook(path)["guess"])
    assert snapshot(db) == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(sorted(schemas.ProgramIn.model_fields)), value=json_values)
def test_any_json_value_in_any_field_is_accepted_or_refused_in_one_vietnamese_line(field, value):
    body = {"kind": "annual", "title": [], "opening": [], "closing": [], "recipients": [], "nodes": [],
            "organization": {"name": "Tỉnh ủy Hậu Giang"}, field: value}
    try:
        checked = packages.validate_program(body, "p.hgdesk")
    except InputError as exc:
        text = str(exc)
        assert text.startswith("Gói “p.hgdesk” không hợp lệ: ") and "\n" not in text
        assert "Input should" not in text and "pydantic" not in text
    else:
        assert checked["kind"] in ("term", "annual", "half_year", "quarterly")


def test_a_signed_manifest_with_an_overlong_origin_or_sender_is_refused_naming_the_field(db, province, tmp_path):
    _, manifest, body, key, fingerprint = province
    data = json_bytes(body)
    for origin, sender, message in (("x" * 5000, "Tỉnh ủy Hậu Giang", "“origin” (nguồn gói) dài quá 80 ký tự"),
                                    (manifest["origin"], "T" * 201, "“sender.name” (tên) dài quá 200 ký tự")):
        path = tmp_path / "manifest.hgdesk"
        path.write_bytes(packages.signed_package(data, origin, sender, key))
        before = snapshot(db)
        with pytest.raises(InputError, match=re.escape(message)):
            services.import_package(db, path, trust=fingerprint)
        assert snapshot(db) == before


def json_bytes(body) -> bytes:
    import json

    return json.dumps(body, ensure_ascii=False).encode("utf-8")
