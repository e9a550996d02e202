"""Drafting the quarters of a commune's year from its annual program, written the way a commune
committee's office writes it: deadlines in brackets ("(quý I)", "(thời gian: quý II)"), a month,
"thường xuyên", "cả năm"; recipients listed; a section whose tasks all belong to other quarters."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import deadlines, services
from hgdesk.candidates import reason_for, tied_elsewhere

COMMUNE_2027 = """ĐẢNG BỘ THÀNH PHỐ VỊ THANH
ĐẢNG UỶ XÃ VỊ TÂN
*
Số 05-CTr/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Vị Tân, ngày 10 tháng 01 năm 2027

CHƯƠNG TRÌNH
công tác năm 2027

Năm 2027 là năm thứ hai thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ XIV, nhiệm kỳ 2025 - 2030.

I. MỤC TIÊU, NHIỆM VỤ TRỌNG TÂM
1. Mục tiêu
Xây dựng Đảng bộ trong sạch, vững mạnh; phát triển kinh tế - xã hội của xã.
2. Các nhiệm vụ trọng tâm
(1) Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng.
(2) Tập trung phát triển nông nghiệp ứng dụng công nghệ cao.
II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU
1. Công tác xây dựng Đảng
1.1. Công tác chính trị, tư tưởng
(1) Tổ chức học tập, quán triệt các nghị quyết, chỉ thị của Trung ương, Tỉnh ủy, Thành ủy (quý I).
(2) Tổ chức các hoạt động kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02) (quý I).
(3) Nắm tình hình tư tưởng cán bộ, đảng viên và nhân dân (thường xuyên).
1.2. Công tác tổ chức, cán bộ
(1) Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025 - 2030 (thời gian: quý II).
(2) Kiện toàn tổ chức bộ máy các chi bộ trực thuộc (quý III).
(3) Tổng kết công tác xây dựng Đảng năm 2027 (quý IV).
2. Phát triển kinh tế - xã hội
2.1. Nông nghiệp
(1) Tổng kết vụ lúa Đông Xuân 2026 - 2027 (tháng 3).
(2) Chỉ đạo sản xuất vụ lúa Hè Thu, phòng chống dịch bệnh trên cây trồng (quý II).
(3) Vận động nhân dân tham gia xây dựng nông thôn mới nâng cao (cả năm).
2.2. Văn hóa - xã hội
(1) Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các ấp (quý IV).
(2) Chăm lo các gia đình chính sách nhân dịp Tết Nguyên đán (quý I).
3. Quốc phòng, an ninh
(1) Tổ chức lễ giao nhận quân năm 2027 (quý I).
(2) Diễn tập chiến đấu trong khu vực phòng thủ (quý IV).
III. TỔ CHỨC THỰC HIỆN
Các chi bộ trực thuộc xây dựng kế hoạch thực hiện Chương trình này.

T/M ĐẢNG UỶ
BÍ THƯ

Nguyễn Văn Bình

Nơi nhận:
- Ban Thường vụ Thành ủy (để b/c),
- Các đồng chí Đảng ủy viên,
- Các chi bộ trực thuộc,
- Lưu Văn phòng Đảng ủy.
"""
FRAMING = "Tập trung tuyên truyền chào mừng các ngày lễ"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def import_commune_program(db, folder) -> int:
    """The secretary imports the annual program file she was sent."""
    (folder / "ctr-nam-2027.txt").write_text(COMMUNE_2027, encoding="utf-8")
    return services.import_file(db, folder / "ctr-nam-2027.txt")


@pytest.fixture
def commune(db, tmp_path):
    return import_commune_program(db, tmp_path)


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node["children"])


def written_quarter(text: str) -> int | None:
    """The quarter a line of COMMUNE_2027 writes in its last brackets, "(quý II)" -> 2."""
    for roman, number in sorted(ROMAN.items(), key=lambda kv: -len(kv[0])):
        if text.rstrip(".").endswith(f"quý {roman.upper()})"):
            return number
    return None


@pytest.mark.parametrize(("text", "quarters"), [
    ("Rà soát quy hoạch cán bộ (thời gian: quý II)", {2}),
    ("Tổ chức học tập các nghị quyết (quý I)", {1}),
    ("Kỷ niệm 97 năm Ngày thành lập Đảng (03/02) (quý I)", {1}),
    ("Hoàn thành trong quý II.", {2}),
    ("Sơ kết (Quý II/2027)", {2}),
    ("Sơ kết (Quý II/2026), chuyển tiếp", set()),  # another year's quarter ties it to none of this one
    ("Kiện toàn chi bộ (thời gian: quý 3)", {3}),
    ("Tổng kết vụ Đông Xuân (tháng 3)", {1}),
    ("Tuyên truyền trong tháng 3/2027", {1}),
    ("Kiểm tra các chi bộ quý I và quý III", {1, 3}),
    ("Tập huấn nghiệp vụ (quý II - IV)", {2, 3, 4}),
    ("Thực hiện trong 6 tháng đầu năm", {1, 2}),
    ("Sơ kết 6 tháng đầu năm", {2}),
    ("Chuẩn bị đầu năm học mới", {3}),
    ("Nắm tình hình tư tưởng (thường xuyên)", set()),
    ("Vận động xây dựng nông thôn mới (cả năm)", set()),
    ("Theo Nghị quyết số 04-NQ/TU ngày 26 tháng 11 năm 2021", set()),
])
def test_time_phrases_tie_a_task_to_its_quarters_and_only_those(text, quarters):
    assert {q for q in range(1, 5) if reason_for(text, 2027, q, ())} == quarters
    others = {q for q in range(1, 5) if tied_elsewhere(text, 2027, q)}
    assert others == ({1, 2, 3, 4} - quarters if quarters else set())  # "thường xuyên" is no other quarter's


def test_a_quarter_draft_holds_no_task_written_for_another_quarter(db, commune):
    for quarter in (1, 2, 3, 4):
        draft = services.program_json(db, services.derive_quarter(db, commune, quarter))
        written = [written_quarter(n["text"]) for n in walk(draft["nodes"]) if n["text"]]
        assert written and all(q in (None, quarter) for q in written), (quarter, written)
    assert len([p for p in services.list_programs(db) if p.kind == "quarterly"]) == 4


def test_quarter_one_takes_its_own_tasks_with_their_reasons(db, commune):
    q1 = services.derive_quarter(db, commune, 1)
    rows = {c["text"]: c["reason"] for sec in services.quarter_candidates(db, q1) for c in sec["candidates"]
            if c["node_id"]}
    assert not any("thời gian: quý II" in text for text in rows)
    assert rows["Tổng kết vụ lúa Đông Xuân 2026 - 2027 (tháng 3)."] == "nhắc đến tháng 3"
    assert rows["Tổ chức lễ giao nhận quân năm 2027 (quý I)."] == "nhắc đến quý I"


def test_the_derived_draft_is_numbered_from_one_in_every_section_and_the_checker_agrees(db, commune):
    q2 = services.derive_quarter(db, commune, 2)
    draft = services.program_json(db, q2)
    part2 = draft["nodes"][1]
    for node in walk(draft["nodes"]):
        items = [c["label"] for c in node["children"] if c["kind"] == "item"]
        if node["kind"] == "section" and items:
            assert items == [f"({i})" for i in range(1, len(items) + 1)], (node["label"], items)
    assert [s["label"] for s in part2["children"] if s["kind"] == "section"] == ["1.", "2."]
    farming = next(n for n in walk(draft["nodes"]) if n["heading"] == "Nông nghiệp")
    assert farming["children"][0]["label"] == "(1)" and "Hè Thu" in farming["children"][0]["text"]
    report = services.check_program(db, q2)
    assert not [f for f in report.findings if f.rule_id.startswith("numbering.") and f.status == "lỗi"]
    assert not [f for f in report.errors if f.rule_id.startswith("numbering.")]


def test_the_anniversaries_paragraph_is_framing_not_a_tracked_task(db, commune):
    q1 = services.derive_quarter(db, commune, 1)
    assert any(n["text"].startswith(FRAMING) for n in walk(services.program_json(db, q1)["nodes"]))
    tasks = services.program_tasks(db, q1)
    assert tasks and not any(t["text"].startswith(FRAMING) for t in tasks)
    assert not any(p["text"].startswith(FRAMING) for p in services.close_quarter_proposal(db, q1))
    services.close_quarter(db, q1, set())  # nothing carried: every task "không thực hiện"
    dropped = [t for t in services.program_tasks(db, q1) if t["status"] == "dropped"]
    assert len(dropped) == len(tasks)
    quarter_row = next(r for r in services.report_status(db, q1, date(2027, 4, 1)) if r["quarter"] == 1)
    assert quarter_row["total"] == len(tasks)


def test_the_draft_is_sent_to_the_organisation_s_recipients_else_the_annual_program_s_storage_last(db, commune):
    q1 = services.program_json(db, services.derive_quarter(db, commune, 1))
    assert q1["recipients"] == ["Ban Thường vụ Thành ủy (để b/c)", "Các đồng chí Đảng ủy viên",
                                "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"]
    org = services.program_json(db, commune)["organization_id"]
    # set up with only its storage line: the annual program's recipients, then that storage line
    services.update_organization(db, org, recipients=["- Lưu Văn phòng Đảng uỷ."])
    q2 = services.program_json(db, services.derive_quarter(db, commune, 2))
    assert q2["recipients"] == ["Ban Thường vụ Thành ủy (để b/c)", "Các đồng chí Đảng ủy viên",
                                "Các chi bộ trực thuộc", "- Lưu Văn phòng Đảng uỷ."]
    # default recipients of its own: those, storage last wherever it was written
    services.update_organization(db, org, recipients=["- Lưu VPĐU.", "- Ban Thường vụ Thành ủy,"])
    q3 = services.program_json(db, services.derive_quarter(db, commune, 3))
    assert q3["recipients"] == ["- Ban Thường vụ Thành ủy,", "- Lưu VPĐU."]


def test_a_section_with_nothing_for_the_quarter_is_left_out_and_picking_puts_it_back(db, commune):
    q2 = services.derive_quarter(db, commune, 2)
    headings = [n["heading"] for n in walk(services.program_json(db, q2)["nodes"]) if n["kind"] == "section"]
    assert "Quốc phòng, an ninh" not in headings and "Văn hóa - xã hội" not in headings
    panel = services.quarter_candidates(db, q2)
    defence = next(s for s in panel if s["heading"] == "Quốc phòng, an ninh")
    assert defence["section_id"] is None and defence["label"] == "3."
    drill = next(c for c in defence["candidates"] if "Diễn tập" in c["text"])
    services.pick_candidates(db, q2, [drill["annual_node_id"]])
    part2 = services.program_json(db, q2)["nodes"][1]
    assert [(s["label"], s["heading"]) for s in part2["children"]] == [
        ("1.", "Công tác xây dựng Đảng"), ("2.", "Phát triển kinh tế - xã hội"), ("3.", "Quốc phòng, an ninh")]
    assert [(n["label"], n["text"][:8]) for n in part2["children"][2]["children"]] == [("(1)", "Diễn tập")]
    assert any(t["text"].startswith("Diễn tập") for t in services.program_tasks(db, q2))
    assert "structure.empty_section" not in {f.rule_id for f in services.check_program(db, q2).errors}
    # the secretary takes it out again by hand: the heading left empty is an error of the check, not silent
    services.unpick_candidates(db, q2, [drill["annual_node_id"]])
    empty = [f for f in services.check_program(db, q2).errors if f.rule_id == "structure.empty_section"]
    assert [f.message for f in empty] == ["Mục “3. Quốc phòng, an ninh” không có nội dung nào bên dưới."]


def test_a_task_dropped_in_q2_and_picked_again_in_q3_keeps_its_carry_count(db, commune):
    q1 = services.derive_quarter(db, commune, 1)
    study = next(t for t in services.program_tasks(db, q1) if t["text"].startswith("Tổ chức học tập"))
    services.update_task(db, study["task_id"], status="in_progress")
    services.close_quarter(db, q1, {study["task_id"]})
    q2 = services.derive_quarter(db, commune, 2)
    again = next(t for t in services.program_tasks(db, q2) if t["text"].startswith("Tổ chức học tập"))
    assert again["carried_count"] == 1
    services.close_quarter(db, q2, set())  # not carried: "không thực hiện" in quarter II
    q3 = services.derive_quarter(db, commune, 3)
    assert not any(t["text"].startswith("Tổ chức học tập") for t in services.program_tasks(db, q3))
    annual_id = next(c["annual_node_id"] for sec in services.quarter_candidates(db, q3) for c in sec["candidates"]
                     if c["text"].startswith("Tổ chức học tập"))
    services.pick_candidates(db, q3, [annual_id])
    back = next(t for t in services.program_tasks(db, q3) if t["text"].startswith("Tổ chức học tập"))
    assert back["carried_count"] == 1  # carried once (I → II), then dropped, now taken up again
    history = [(link["period"], link["status"]) for link in services.task_chain(db, back["task_id"])]
    assert history == [("năm 2027", ""), ("QI/2027", "carried"), ("QII/2027", "dropped"), ("QIII/2027", "not_started")]


def test_a_task_of_two_quarters_is_due_at_the_end_of_the_one_it_is_tracked_in():
    text = "Kiểm tra các chi bộ trong quý I và quý III"
    assert deadlines.due_date(text, 2027, 1) == date(2027, 3, 31)
    assert deadlines.due_date(text, 2027, 3) == date(2027, 9, 30)
    assert deadlines.due_date("Rà soát quy hoạch (thời gian: quý II)", 2027, 2) == date(2027, 6, 30)


def test_the_wizard_is_told_which_quarters_exist_and_whether_issued(db, commune):
    q1 = services.derive_quarter(db, commune, 1)
    services.issue_program(db, q1, "12", date(2027, 1, 5))
    services.derive_quarter(db, commune, 2)
    facts = services.next_quarter_for(db, commune)
    assert facts["year"] == 2027 and facts["quarter"] == 3
    assert (facts["existing"][1]["issued"], facts["existing"][2]["issued"]) == (True, False)
    assert facts["existing"][2]["draft_version"] == 1


def test_a_focus_task_done_in_q1_and_set_again_in_q2_shows_q1_in_its_chain_without_a_carry(db, commune):
    """The year's focus tasks are set again each quarter; one finished in quarter I and set again in II
    shows, in its chain, quarter I done (marked as set again, not carried), then quarter II."""
    q1 = services.derive_quarter(db, commune, 1)
    focus = services.program_tasks(db, q1)[0]
    services.update_task(db, focus["task_id"], status="done", result_note="Đã tổ chức", completed=date(2027, 3, 1))
    services.close_quarter(db, q1, set())
    q2 = services.derive_quarter(db, commune, 2)
    again = next(t for t in services.program_tasks(db, q2) if t["text"] == focus["text"])
    links = services.task_chain(db, again["task_id"])
    assert [(link["period"], link["status"], link["restated"]) for link in links] == [
        ("năm 2027", "", False), ("QI/2027", "done", True), ("QII/2027", "not_started", False)]
    assert again["carried_count"] == 0  # set again, not carried
