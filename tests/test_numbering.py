"""Document numbers per document type per committee term (HD 05 3.1.1), header presets for the
new commune committees and the place-name rule of the date line."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import numbering, services
from hgdesk.errors import InputError
from hgdesk.formats import load_profile
from hgdesk.levels import header_preset, place_name
from tests.conftest import SEEDS

HD05 = load_profile("party_hd05_2026")
STATE = load_profile("state")


def test_terms_run_from_the_congress_or_from_the_appointment_decision():
    assert numbering.term_period(date(2026, 11, 23)).label == "nhiệm kỳ 2025 - 2030"
    assert numbering.term_period(date(2025, 3, 1)).label == "nhiệm kỳ 2020 - 2025"
    appointed = date(2025, 7, 1)  # a 2025 commune committee appointed before its congress
    period = numbering.term_period(date(2026, 2, 1), appointed)
    assert (period.start, period.end) == (appointed, date(2030, 7, 1))
    assert numbering.counter_period(STATE, date(2026, 5, 1)).label == "năm 2026"


def test_issuing_pads_the_number_and_refuses_a_number_used_in_the_same_term(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2, q3 = services.derive_quarter(db, annual, 2), services.derive_quarter(db, annual, 3)
    services.issue_program(db, q2, "7", date(2026, 6, 5))
    assert services.program_json(db, q2)["number"] == "07"
    before = services.program_json(db, q3)
    with pytest.raises(InputError, match=r"Số 07-CTr/TU đã dùng .* nhiệm kỳ 2025 - 2030"):
        services.issue_program(db, q3, "07", date(2026, 9, 1))
    assert services.program_json(db, q3) == before  # nothing changed
    services.issue_program(db, q3, "8", date(2026, 9, 1))
    assert services.program_json(db, q3)["number"] == "08"


def test_an_issue_date_outside_the_programs_period_is_questioned_not_refused_naming_it_in_roman():
    assert numbering.date_questions("quarterly", 2026, 3, date(2026, 6, 25)) == []
    assert "sau khi quý III/2026 đã kết thúc" in numbering.date_questions("quarterly", 2026, 3, date(2026, 10, 2))[0]
    assert "sớm hơn" in numbering.date_questions("quarterly", 2026, 3, date(2026, 2, 1))[0]
    assert numbering.date_questions("annual", 2027, None, date(2026, 12, 20)) == []


def test_commune_and_province_header_presets():
    assert header_preset(HD05, "province", "Điện Biên") == ["TỈNH UỶ ĐIỆN BIÊN"]
    assert header_preset(HD05, "commune", "Hà Nội", "Ba Đình", "THÀNH PHỐ", "PHƯỜNG") == [
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG UỶ PHƯỜNG BA ĐÌNH"]
    assert header_preset(HD05, "commune_bxdd", "Khánh Hoà", "Trường Sa", commune_kind="ĐẶC KHU")[1] == \
        "BAN XÂY DỰNG ĐẢNG"
    with pytest.raises(InputError):
        header_preset(HD05, "commune", "Cần Thơ", "Hoà An", commune_kind="HUYỆN")
    assert HD05.numbering.issuer_codes["ban xây dựng đảng"] == "BXDĐ" and "HU" in HD05.numbering.obsolete_issuer_codes
    assert HD05.numbering.type_codes["quy định"] == "QĐ" and "QĐi" in HD05.numbering.legacy_type_codes


def test_place_name_adds_the_level_word_where_hd05_asks():
    assert place_name(HD05, "Huế", "THÀNH PHỐ", "Huế") == "Thành phố Huế"  # one syllable, the province's name
    assert place_name(HD05, "Ngô Quyền", "PHƯỜNG", "Hải Phòng", named_after_person=True) == "Phường Ngô Quyền"
    assert place_name(HD05, "Hoà An", "XÃ", "Cần Thơ") == "Hoà An"
    assert place_name(HD05, "Phường Phú Thọ", "PHƯỜNG", "Phú Thọ") == "Phường Phú Thọ"  # already written
    assert place_name(load_profile("party_hd36_2018"), "Huế", "THÀNH PHỐ", "Huế") == "Huế"
