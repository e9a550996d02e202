"""The quarter's results report drafted from the tracking data: counts equal the tracking, every
done task's note under its section, carried tasks with how many times, the indicators table."""

from __future__ import annotations

from datetime import date

from hgdesk import services
from tests.conftest import SEEDS
from tests.report_reading import task_lines


def _texts(nodes, out=None):
    out = [] if out is None else out
    for node in nodes:
        out.append(node)
        _texts(node["children"], out)
    return out


def test_the_q3_report_states_what_the_tracking_holds(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    q2_tasks = services.program_tasks(db, q2)
    services.update_task(db, q2_tasks[0]["task_id"], status="in_progress", lead_unit="Ban Tuyên giáo")
    services.close_quarter(db, q2, {q2_tasks[0]["task_id"]})
    q3 = services.derive_quarter(db, annual, 3)
    rows = services.program_tasks(db, q3)
    done = rows[1:6]
    for i, row in enumerate(done):
        services.update_task(db, row["task_id"], status="done", result_note=f"Đã tổ chức hội nghị số {i + 1}",
                             completed=date(2024, 8, 1))
    services.update_task(db, rows[6]["task_id"], status="in_progress")
    carried_again = next(r for r in rows if r["carried_from"] == q2_tasks[0]["task_id"])
    services.close_quarter(db, q3, {carried_again["task_id"], rows[6]["task_id"]})
    indicator = services.program_indicators(db, q3)[0]
    services.record_indicator(db, indicator["indicator_id"], "2024-Q3", indicator["target"] or 1)

    report = services.draft_results_report(db, q3)
    data = services.program_json(db, report)
    assert data["document_type"] == "BÁO CÁO" and data["symbol"].startswith("BC/")
    nodes = _texts(data["nodes"])
    summary = nodes[1]["text"]
    statuses = {s: sum(1 for r in services.program_tasks(db, q3) if r["status"] == s)
                for s in ("done", "in_progress", "not_started", "dropped", "carried")}
    assert f"đề ra {len(rows)} nhiệm vụ" in summary
    assert f"hoàn thành {statuses['done']}" in summary and f"{statuses['carried']} nhiệm vụ chuyển sang" in summary
    assert f"không thực hiện {statuses['dropped']}" in summary
    texts = [n["text"] for n in nodes]
    lines = task_lines(db, data)
    for i, row in enumerate(done):  # five done: listed under "- Đã hoàn thành 5 nhiệm vụ:" of their sections
        line = lines[row["node_id"]]
        assert line.phrase == "Đã hoàn thành" and line.said.startswith(row["text"].strip().rstrip(".;")[:40])
        assert f"Kết quả: Đã tổ chức hội nghị số {i + 1}." in line.said
    assert lines[carried_again["node_id"]].phrase == "Chuyển sang quý sau"
    assert "(chuyển lần thứ 2)" in lines[carried_again["node_id"]].said
    assert any(t.startswith("1 | ") and t.endswith(" | 100%") for t in texts)  # the indicators table's first row
    part2 = data["nodes"][-1]
    assert part2["heading"] == "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV/2024"
    assert len(_texts(part2["children"])) - 1 == statuses["carried"] + sum(
        1 for r in services.program_tasks(db, q3) if r["status"] in ("in_progress", "not_started"))


def test_a_report_is_refused_for_anything_but_a_quarter(db):
    import pytest

    from hgdesk.errors import InputError

    annual = services.import_file(db, SEEDS / "seed000.txt")
    with pytest.raises(InputError, match="chương trình công tác quý"):
        services.draft_results_report(db, annual)


def test_the_report_is_signed_as_the_office_signs_even_when_the_quarter_had_no_signature(db):
    """A quarter imported without its signature block still gives a report with the office's own."""
    q2 = services.import_file(db, SEEDS / "seed001.txt")
    services.update_program(db, q2, signer_authority="", signer_position="", signer_name="")
    org = services.program_json(db, q2)["organization_id"]
    services.update_organization(db, org, signer_authority="T/M BAN THƯỜNG VỤ", signer_position="PHÓ BÍ THƯ",
                                 signer_name="Trần Văn Huyến")
    report = services.program_json(db, services.draft_results_report(db, q2))
    signer = report["signer"]
    assert (signer["authority"], signer["position"], signer["name"]) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ",
                                                                         "Trần Văn Huyến")


def test_report_sentences_name_tasks_by_whole_clauses_never_cut_mid_word_or_with_an_ellipsis(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    texts = [n["text"] for n in _texts(services.program_json(db, services.draft_results_report(db, q2))["nodes"])]
    assert texts and not any("…" in t for t in texts)
    assert all(not t or t.endswith((".", ":")) for t in texts if " | " not in t)  # table rows aside


def test_an_indicator_is_named_by_the_sentence_that_holds_its_figure():
    from hgdesk.reporting import indicator_name

    assert indicator_name("Kết nạp 1150 đảng viên. Tỷ lệ tổ chức cơ sở đảng được đánh giá đúng quy định.") == \
        "Kết nạp 1150 đảng viên"
    assert indicator_name("Số hộ có đoàn viên tham gia đoàn thể đạt 82,60%; tổ chức cơ sở vững mạnh đạt trên 85%.") == \
        "Số hộ có đoàn viên tham gia đoàn thể đạt 82,60%"
    assert indicator_name("Tổng vốn đầu tư toàn xã hội theo giá hiện hành 24.970 tỷ đồng.") == \
        "Tổng vốn đầu tư toàn xã hội theo giá hiện hành 24.970 tỷ đồng"


def test_with_no_signer_set_for_the_office_or_the_quarter_the_report_signs_as_the_annual_program(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")  # seed 000 has no signature block
    q2 = services.derive_quarter(db, annual, 2)
    services.update_program(db, annual, signer_authority="T/M TỈNH ỦY", signer_position="BÍ THƯ",
                            signer_name="Nghiêm Xuân Thành")
    signer = services.program_json(db, services.draft_results_report(db, q2))["signer"]
    assert (signer["authority"], signer["position"], signer["name"]) == ("T/M TỈNH ỦY", "BÍ THƯ", "Nghiêm Xuân Thành")


def test_a_long_task_is_named_by_its_first_sentence_or_whole_clauses_never_cut_at_a_comma():
    """A cut at a comma prints a list or a subordinate phrase as if it were the whole task
    ("… giải ngân các dự án đầu tư công; rà soát.", "Trên cơ sở Chính phủ phê duyệt Quy hoạch …, tầm nhìn
    đến năm 2050.")."""
    from hgdesk.reporting import short

    investment = ("Tập trung giải quyết các khó khăn, vướng mắc, đẩy nhanh tiến độ thực hiện và giải ngân các dự án "
                  "đầu tư công; rà soát, thực hiện giao chi tiết kế hoạch vốn đầu tư công năm 2024 cho các dự án đủ "
                  "điều kiện, bảo đảm đúng quy định và sát tình hình thực tế. Tăng cường kiểm tra.")
    assert short(investment) == ("Tập trung giải quyết các khó khăn, vướng mắc, đẩy nhanh tiến độ thực hiện và giải "
                                 "ngân các dự án đầu tư công")
    planning = ("Trên cơ sở Chính phủ phê duyệt Quy hoạch phát triển tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050, "
                "tỉnh xây dựng kế hoạch thực hiện quy hoạch, tổ chức công bố quy hoạch và triển khai các dự án trọng "
                "điểm theo quy hoạch được phê duyệt. Đồng thời rà soát.")
    assert short(planning) == planning.split(". Đồng thời")[0]  # the whole first sentence, long as it is
    assert short("Kết nạp 1.150 đảng viên mới trong năm, nâng tổng số đảng viên toàn tỉnh lên 45.000 đồng chí. "
                 "Tiếp tục.") == "Kết nạp 1.150 đảng viên mới trong năm, nâng tổng số đảng viên toàn tỉnh lên 45.000 đồng chí"


def test_part_ii_lists_a_carried_task_once_not_again_among_the_next_quarters_focus_tasks(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    focus = services.program_tasks(db, q1)[:3]  # part I's focus tasks, under way, carried
    for row in focus:
        services.update_task(db, row["task_id"], status="in_progress")
    services.close_quarter(db, q1, {r["task_id"] for r in focus})
    services.derive_quarter(db, annual, 2)
    report = services.program_json(db, services.draft_results_report(db, q1))
    part2 = report["nodes"][-1]
    lines = [bullet["text"] for section in part2["children"] for bullet in section["children"]]
    assert len(part2["children"]) >= 1 and len(lines) == len(set(lines))
    carried = part2["children"][0]["children"]
    assert len(carried) == 3
