"""The checker on the five real documents (tests/data/seeds): each judged by HD 36, the profile in
force on its date, and the faults a secretary would find by eye are the ones reported."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import services
from hgdesk.checks.engine import FAULT

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def reports():
    from tests.conftest import SEEDS

    return {n: services.check_file(SEEDS / f"seed{n:03d}.txt", today=TODAY) for n in range(5)}


def _faults(report, rule_id: str) -> list[str]:
    return [f.message for f in report.findings if f.rule_id == rule_id and f.status == FAULT]


def test_every_seed_is_judged_by_hd36_the_profile_of_its_date(reports):
    assert {n: r.profile_id for n, r in reports.items()} == dict.fromkeys(range(5), "party_hd36_2018")


def test_seed_003_duplicate_section_3_is_found(reports):
    assert _faults(reports[3], "numbering.duplicate") == [
        "Số thứ tự “3.” lặp lại trong “II. NHỮNG NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU”."]


def test_seed_003_missing_place_and_date_line_is_found(reports):
    assert _faults(reports[3], "date.place") == ["Thiếu dòng địa danh, ngày tháng ban hành."]


def test_seed_000_mixed_tone_placement_is_found(reports):
    (message,) = _faults(reports[0], "tone.consistent")
    assert message == ("Văn bản đặt dấu thanh hai kiểu: 2 chữ kiểu mới như “hoá” (kiểu cũ: “hóa”) "
                       "và 64 chữ kiểu cũ như “hóa” (kiểu mới: “hoá”).")
    # 64, not 65: the movement's name “Toàn dân đoàn kết xây dựng đời sống văn hóa” is quoted as it is named


def test_seed_001_writes_every_oa_oe_uy_syllable_one_way_so_no_tone_fault(reports):
    # Its only tone-on-the-second-vowel words are "quý" and "quỹ", where u belongs to the onset "qu":
    # not a placement choice. Every other open oa/oe/uy syllable is written "hóa"-style.
    assert _faults(reports[1], "tone.consistent") == []


@pytest.mark.parametrize("n", [0, 1])
def test_draft_seeds_blank_numbers_symbols_and_comma_recipients_are_correct_under_hd36(reports, n):
    report = reports[n]
    for rule_id in ("number.form", "number.symbol", "number.present", "date.issue", "date.zero",
                    "recipients.punctuation", "recipients.storage_last", "recipients.present", "draft.mark"):
        assert _faults(report, rule_id) == [], rule_id


def test_seed_002_signer_authority_and_position_are_right_but_the_name_is_missing(reports):
    report = reports[2]
    for rule_id in ("signature.present", "signature.authority", "signature.tm_position", "recipients.punctuation",
                    "recipients.storage_last"):
        assert _faults(report, rule_id) == [], rule_id
    assert _faults(report, "signature.name") == ["Chưa có họ tên người ký; văn bản không ban hành được khi thiếu."]


def test_seeds_without_a_header_block_are_missing_their_number(reports):
    for n in (2, 3, 4):
        assert _faults(reports[n], "number.present") == ["Văn bản ban hành phải có số; không thấy dòng “Số …”."]


def test_the_same_seed_judged_by_the_state_profile_flags_party_wording():
    from tests.conftest import SEEDS

    report = services.check_file(SEEDS / "seed002.txt", "state", today=TODAY)
    assert _faults(report, "profile.family") == ["Văn bản có “T/M TỈNH ỦY” nhưng đang theo Văn bản hành chính nhà "
                                                 "nước (Nghị định 30/2020/NĐ-CP)."]
    assert len(_faults(report, "recipients.punctuation")) == 8  # 8 commas (the last line ends "."), NĐ 30 wants ";"
