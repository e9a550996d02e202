"""One test per checker rule: a passing and a failing example built here; the test id names the
rule and its clause. Every rule in resources/rules/ must have its case (the last test)."""

from __future__ import annotations

import pytest

from hgdesk.checks.engine import CHECKS, UNKNOWN, run
from hgdesk.checks.rules import load_rules
from tests.check_samples import GOOD_HD05, GOOD_HD36, check_rule, data_subject, faults, text_subject

HD36 = "party_hd36_2018"
DISTRICT = (GOOD_HD36.replace("TỈNH ỦY HẬU GIANG", "HUYỆN ỦY CHÂU THÀNH A").replace("CTr/TU", "CTr/HU")
            .replace("Lưu VPTU", "Lưu VPHU").replace("T/M TỈNH ỦY", "T/M HUYỆN ỦY"))


def _swap(old: str, new: str, text: str = GOOD_HD36) -> str:
    assert old in text, old
    return text.replace(old, new)


# rule id -> (clause tag for the test name, good text, bad text, profile, source)
CASES = {
    "header.issuer": ("HD36_II_1_2", GOOD_HD36, _swap("TỈNH ỦY HẬU GIANG\n", ""), None, "text"),
    "header.superior": ("HD36_II_1_2", "ĐẢNG BỘ TỈNH HẬU GIANG\n" + DISTRICT, DISTRICT, None, "text"),
    "number.form": ("HD36_II_1_3", GOOD_HD36, _swap("Số 12-CTr/TU", "Số 7-CTr/TU"), None, "text"),
    "number.symbol": ("HD36_II_1_3", GOOD_HD36, _swap("Số 12-CTr/TU", "Số 12-KH/TU"), None, "text"),
    "number.present": ("HD36_II_1_3", GOOD_HD36, _swap("Số 12-CTr/TU", "Số    -CTr/TU"), None, "text"),
    "date.place": ("HD36_PL3_row4", GOOD_HD36, _swap("Hậu Giang, ngày", ", ngày"), None, "text"),
    "date.zero": ("HD36_PL3_row4", GOOD_HD36, _swap("ngày 03 tháng 4", "ngày 3 tháng 04"), None, "text"),
    "date.issue": ("HD36_PL3_row4", GOOD_HD36, _swap("ngày 03 tháng 4 năm", "ngày   tháng   năm"), None, "text"),
    "date.period": ("program_period", GOOD_HD36, _swap("ngày 03 tháng 4", "ngày 05 tháng 7"), None, "text"),
    "title.present": ("HD36_PL3_row5", GOOD_HD36, _swap("CHƯƠNG TRÌNH\ncông tác quý II năm 2024\n", ""), None,
                      "text"),
    "title.separator": ("HD36_practice", GOOD_HD36, _swap("-----", "------"), None, "text"),
    "numbering.duplicate": ("HD36_PL3", GOOD_HD36, _swap("2. Triển khai", "1. Triển khai"), None, "text"),
    "numbering.gap": ("HD36_PL3", GOOD_HD36, _swap("2. Triển khai", "3. Triển khai"), None, "text"),
    # the first item under a section keeps its annual label "(2)": the run must start at (1)
    "numbering.start": ("HD36_PL3", GOOD_HD36, _swap("1. Tập trung", "3. Tập trung")
                        .replace("2. Triển khai", "4. Triển khai"), None, "text"),
    # a heading printed with nothing under it (the quarter's "3. Quốc phòng, an ninh")
    "structure.empty_section": ("HD36_PL3", GOOD_HD36, _swap(
        "II. Tổ chức thực hiện\n", "II. Quốc phòng, an ninh\nIII. Tổ chức thực hiện\n"), None, "text"),
    # a title typed with a number of its own: printed "2. 1. Triển khai …"
    "numbering.typed_label": ("HD36_PL3", GOOD_HD36, _swap("2. Triển khai", "2. 1. Triển khai"), None, "text"),
    "numbering.mixed": ("HD36_PL3", GOOD_HD36, _swap("1. Các cơ quan", "(1) Các cơ quan"), None, "text"),
    "numbering.skip": ("HD36_PL3", GOOD_HD36, _swap("1. Tập trung", "1.1. Tập trung"), None, "text"),
    "signature.present": ("HD36_II_1_7", GOOD_HD36, _swap("T/M TỈNH ỦY\nPHÓ BÍ THƯ\n", ""), None, "text"),
    "signature.authority": ("HD36_II_1_7", GOOD_HD36, _swap("T/M TỈNH ỦY", "TM. TỈNH ỦY"), None, "text"),
    "signature.name": ("HD36_II_1_7", GOOD_HD36, _swap("Nguyễn Văn An\n", ""), None, "text"),
    "recipients.present": ("HD36_PL3", GOOD_HD36, _swap(
        "Nơi nhận:\n- Ban Bí thư Trung ương Đảng,\n- Các đồng chí Tỉnh ủy viên,\n- Lưu VPTU.\n", ""), None, "text"),
    "recipients.punctuation": ("HD36_practice", GOOD_HD36, _swap("Trung ương Đảng,", "Trung ương Đảng;"), None,
                               "text"),
    "recipients.storage_last": ("HD36_practice", GOOD_HD36, _swap(
        "- Các đồng chí Tỉnh ủy viên,\n- Lưu VPTU.", "- Lưu VPTU,\n- Các đồng chí Tỉnh ủy viên."), None, "text"),
    "draft.mark": ("HD36_box_11b", GOOD_HD36, _swap("Số 12-CTr/TU\n", "Số 12-CTr/TU\nDự thảo\n"), None, "text"),
    "footnotes.referenced": ("HD36_notes", GOOD_HD36, GOOD_HD36 + "[2] Chú thích không ai dẫn tới.\n", None,
                             "text"),
    "tone.consistent": ("TCVN_6909", GOOD_HD36, _swap("cụ thể hóa", "cụ thể hoá"), None, "text"),
    "profile.family": ("ND30_Art1", GOOD_HD36, GOOD_HD36, "state", "text"),
}


@pytest.mark.parametrize("rule_id", sorted(CASES), ids=lambda r: f"{r}-{CASES[r][0]}")
def test_rule_passes_the_good_example_and_flags_the_bad_one(rule_id):
    _tag, good, bad, profile, source = CASES[rule_id]
    # profile.family: the same party text, judged by its party profile, then by the state one
    good_profile = HD36 if rule_id == "profile.family" else profile
    assert faults(check_rule(rule_id, text_subject(good, good_profile, source))) == []
    report = check_rule(rule_id, text_subject(bad, profile, source))
    assert rule_id in faults(report), [f.message for f in report.findings]
    finding = next(f for f in report.findings if f.rule_id == rule_id)
    assert finding.clause and finding.message and "{" not in finding.message and "{" not in finding.hint


def test_number_unique_HD36_II_1_3_within_a_committee_term():
    other = {"id": 99, "number": "12", "symbol": "CTr/TU", "title": "Chương trình quý I/2024", "date": "2024-01-05"}
    earlier_term = {**other, "date": "2019-03-01"}
    clash = check_rule("number.unique", data_subject(GOOD_HD36, others=[other]))
    assert faults(clash) == ["number.unique"]
    assert "nhiệm kỳ 2020 - 2025" in clash.findings[0].message
    assert faults(check_rule("number.unique", data_subject(GOOD_HD36, others=[earlier_term]))) == []
    assert faults(check_rule("number.unique", data_subject(GOOD_HD36, others=[{**other, "symbol": "KH/TU"}]))) == []


def test_footnote_references_of_a_plain_text_file_are_not_checkable_HD36_notes():
    no_marker = GOOD_HD36.replace("[1].", ".")
    report = check_rule("footnotes.referenced", text_subject(no_marker))
    assert [(f.rule_id, f.status) for f in report.findings] == [("footnotes.referenced", UNKNOWN)]
    assert "không kiểm tra được" in report.findings[0].message.lower()


def test_every_rule_has_a_check_function_and_a_test_case():
    ids = {r.id for r in load_rules()}
    assert ids <= set(CHECKS), ids - set(CHECKS)
    from tests.test_check_docx import BROKEN

    tested = set(CASES) | {"number.unique"} | set(HD05_CASES) | {rule for _, rule in BROKEN.values()}
    assert ids <= tested, ids - tested


HD05 = "party_hd05_2026"
HD05_CASES = {
    "date.place_level": ("HD05_II_4_1_1c", _swap("Hậu Giang, ngày", "Huế, ngày", GOOD_HD05)),
    "signature.position_name": ("HD05_II_7_1_2", _swap("PHÓ BÍ THƯ", "PHÓ BÍ THƯ TỈNH UỶ", GOOD_HD05)),
    "signature.tm_position": ("HD05_II_7_1_2b", _swap("PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG", GOOD_HD05)),
    "body.period": ("HD05_II_6_2_2", _swap("trong quý II/2026.", "trong quý II/2026./.", GOOD_HD05)),
    "citations.full": ("HD05_II_6_1_4", _swap(", ngày 25/10/2021 của Ban Chấp hành Trung ương", "", GOOD_HD05)),
    "profile.date": ("HD05_III_1", GOOD_HD05),
}


@pytest.mark.parametrize("rule_id", sorted(HD05_CASES), ids=lambda r: f"{r}-{HD05_CASES[r][0]}")
def test_hd05_rule_passes_the_good_example_and_flags_the_bad_one(rule_id, hd05_profile):
    _, bad = HD05_CASES[rule_id]
    assert faults(check_rule(rule_id, text_subject(GOOD_HD05))) == []
    forced = HD36 if rule_id == "profile.date" else None  # a 2026 document judged by the 2018 profile
    report = check_rule(rule_id, text_subject(bad, forced))
    assert rule_id in faults(report), [f.message for f in report.findings]


def test_the_hd05_sample_passes_every_rule_and_is_judged_by_hd05(hd05_profile):
    report = run(text_subject(GOOD_HD05))
    assert report.profile_id == HD05
    assert report.findings == []


def test_a_2026_document_with_hd36_punctuation_is_flagged_HD05_II_9_2_5(hd05_profile):
    old_style = GOOD_HD05.replace("Trung ương Đảng;", "Trung ương Đảng,").replace("uỷ viên;", "uỷ viên,")
    report = run(text_subject(old_style))
    assert faults(report) == ["recipients.punctuation", "recipients.punctuation"]
    assert all(f.clause == "HD 05 II.9.2.5; Phụ lục 2 dòng 9" for f in report.findings)


def test_hd36_has_no_list_of_positions_under_tm_so_the_rule_does_not_apply():
    report = run(text_subject(_swap("PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG")))
    assert "signature.tm_position" not in {f.rule_id for f in report.findings}
    assert report.profile_id == HD36


def test_tone_placement_is_judged_on_open_oa_oe_uy_syllables_only():
    from hgdesk.checks import tone

    text = "quý quỷ thuở khuya ngoài hoạt của thuận luật tuệ hóa hoá Tỉnh ủy uỷ khỏe HOÀ"
    assert tone.styles_in(text) == {tone.FIRST: ["hóa", "ủy", "khỏe"], tone.SECOND: ["hoá", "uỷ", "HOÀ"]}
    assert tone.to_style(text, tone.FIRST).endswith("hóa hóa Tỉnh ủy ủy khỏe HÒA")
    assert tone.to_style(text, tone.SECOND).startswith("quý quỷ thuở khuya ngoài hoạt của thuận luật tuệ hoá")


def test_a_quoted_title_keeps_its_own_tone_placement_and_does_not_make_the_document_mixed():
    """A cited title or saying is written as it was issued: not counted as the writer's style, not changed
    by the fix, not changed when printed in the house style."""
    from hgdesk.checks import tone
    from hgdesk.text import apply_tone_style

    cited = "Tiếp tục cụ thể hóa Kết luận “về đẩy mạnh công nghiệp hoá, hiện đại hoá” và Chỉ thị \"Toà án\"."
    assert tone.styles_in(cited) == {tone.FIRST: ["hóa"], tone.SECOND: []}
    assert tone.to_style(cited, tone.SECOND) == cited.replace("cụ thể hóa", "cụ thể hoá")
    assert apply_tone_style(cited, "uỷ") == cited.replace("cụ thể hóa", "cụ thể hoá")
    assert apply_tone_style(cited.replace("cụ thể hóa", "cụ thể hoá"), "ủy") == cited
    quoting = _swap("cụ thể hóa", "cụ thể hóa “công nghiệp hoá”")
    assert "tone.consistent" not in faults(run(text_subject(quoting)))


def test_blank_number_and_date_without_the_draft_mark_is_reported_once_as_a_missing_mark():
    text = _swap("ngày 03 tháng 4 năm", "ngày   tháng   năm", _swap("Số 12-CTr/TU", "Số    -CTr/TU"))
    report = run(text_subject(text))
    assert faults(report) == ["draft.mark"]
    assert report.findings[0].message == "Văn bản để trống số và ngày (bản dự thảo) nhưng không ghi “Dự thảo”."


def test_a_draft_that_already_shows_its_planned_date_but_no_number_keeps_its_draft_mark():
    """The app prints a draft with the date typed in its header; its own Word check must not call that
    draft issued (only a number makes a document issued)."""
    text = _swap("Số 12-CTr/TU\n", "Số    -CTr/TU\nDự thảo\n")
    assert "draft.mark" not in faults(run(text_subject(text)))


def test_every_clause_a_user_reads_is_vietnamese_words_not_a_profile_file_name():
    """The clause is shown beside each finding: "HD 36 (lề theo thực hành; …)", never "party_hd36_2018 [R]"."""
    for rule in load_rules():
        for profile, clause in rule.clause.items():
            assert "party_" not in clause and "state_" not in clause and "[" not in clause, (rule.id, profile, clause)
            assert rule.message.strip() and rule.hint.strip()


def test_numbered_task_lines_with_nothing_under_them_are_items_not_empty_sections_HD36_PL3():
    """"1. Tổ chức quán triệt …", "2. Đẩy mạnh …" are short task lines without a final period: a list of
    items. A title among sections that have content ("II. Quốc phòng, an ninh") is still an empty section."""
    items = _swap("1. Tập trung lãnh đạo công tác xây dựng Đảng và hệ thống chính trị.\n2. Triển khai",
                  "1. Tổ chức quán triệt nghị quyết của Đảng ủy cấp trên\n2. Đẩy mạnh chuyển đổi số và văn hóa công sở\n"
                  "3. Triển khai")
    assert faults(check_rule("structure.empty_section", text_subject(items))) == []
    forgotten = _swap("II. Tổ chức thực hiện\n", "II. Quốc phòng, an ninh\nIII. Tổ chức thực hiện\n", items)
    report = check_rule("structure.empty_section", text_subject(forgotten))
    assert [f.message for f in report.findings] == ["Mục “II. Quốc phòng, an ninh” không có nội dung nào bên dưới."]


CONG_VAN = """ĐẢNG BỘ TỈNH ĐỒNG NAI
ĐẢNG UỶ XÃ TÂN PHÚ
*
Số 15-CV/ĐU
V/v triển khai công tác chuyển đổi số
ĐẢNG CỘNG SẢN VIỆT NAM
Tân Phú, ngày 20 tháng 11 năm 2026
Kính gửi: Các chi bộ trực thuộc.
Thực hiện chỉ đạo của Ban Thường vụ Tỉnh uỷ, Đảng uỷ xã đề nghị các chi bộ triển khai các nội dung sau.
Các chi bộ báo cáo kết quả về Văn phòng Đảng uỷ trước ngày 15/12/2026.
Nơi nhận:
- Như trên;
- Lưu Văn phòng Đảng uỷ.
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
Trần Thị Bình
"""


def test_a_cong_van_is_judged_as_one_its_vv_line_is_the_summary_and_cv_its_code_HD05_II_3_II_5(hd05_profile):
    """A công văn has no type line: its "V/v …" is its summary, its symbol starts with CV and it has no
    period of its own (date.period is a program's)."""
    report = run(text_subject(CONG_VAN))
    assert report.findings == [], [f.message for f in report.findings]
    no_summary = run(text_subject(_swap("V/v triển khai công tác chuyển đổi số\n", "", CONG_VAN)))
    assert [f.message for f in no_summary.findings if f.rule_id == "title.present"] == [
        "Thiếu trích yếu nội dung (dòng “V/v …”)."]


def test_the_tone_fix_brings_the_fewer_words_to_the_documents_own_style_unless_a_house_style_is_chosen(db, tmp_path):
    """One "hoá" among many "hóa": the fix changes that one word (not every other word to the profile's
    style); with "uỷ" chosen in Cài đặt, the fix writes the whole text that way."""
    from hgdesk import services

    path = tmp_path / "du-thao.txt"
    path.write_text(_swap("cụ thể hóa", "cụ thể hoá"), encoding="utf-8")
    program = services.import_file(db, path)

    def tone_fix(**options):
        (found,) = [f for f in services.check_program(db, program, **options).findings if f.rule_id == "tone.consistent"]
        assert found.fix is not None
        return found.fix.summary

    assert tone_fix() == "Thống nhất kiểu “hóa”: sửa 1 chữ"
    chosen = tone_fix(tone="uỷ")
    assert chosen.startswith("Thống nhất kiểu “hoá”: sửa ") and chosen != "Thống nhất kiểu “hoá”: sửa 1 chữ"
