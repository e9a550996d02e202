"""Documents copied without their header block (a portal's reprint, a forwarded orientation) are
read for what they say of themselves, and what is only a guess is shown as one."""

from __future__ import annotations

import pytest

from hgdesk.errors import InputError
from hgdesk.importing import parse_text
from tests.corpus_score import CORPUS


def test_a_reprinted_congress_resolution_names_its_committee_from_its_title():
    p = parse_text((CORPUS / "c33_nq_dhdb_huyen_tanky_web.txt").read_text(encoding="utf-8"))
    assert (p.organization, p.level) == ("Huyện ủy Tân Kỳ", "district")
    guess = p.guesses["organization"]
    assert guess.confidence < 0.9 and guess.source == "tên đảng bộ trong tiêu đề"  # a guess, shown as one


def test_a_months_orientation_has_its_year_but_no_period_of_work():
    p = parse_text("ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 7 NĂM 2020\n"
                   "Thực hiện Kế hoạch số 172-KH/TU, ngày 21/01/2020 của Ban Thường vụ Tỉnh ủy, "
                   "Ban Tuyên giáo Tỉnh ủy đề nghị các địa phương tập trung tuyên truyền tốt các nội dung sau:\n")
    assert (p.title, p.year, p.kind) == (["ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 7 NĂM 2020"], 2020, None)
    assert p.number is None and p.symbol is None  # the plan it cites is not its own number


def test_a_date_in_the_preamble_is_not_a_month_of_work():
    p = parse_text("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024\n-----\n"
                   "Căn cứ Nghị quyết ngày 15 tháng 12 năm 2023 của Ban Chấp hành, Ban Thường vụ đề ra:\n"
                   "I. NHIỆM VỤ\n1. Lãnh đạo thực hiện nhiệm vụ chính trị.\n")
    assert (p.kind, p.year) == ("annual", 2024)


def test_a_text_that_says_nothing_of_itself_is_still_refused():
    with pytest.raises(InputError, match="Không nhận ra cấu trúc"):
        parse_text("Xin chào, đây là một lá thư bình thường.\nKhông có mục nào cả.\n")
