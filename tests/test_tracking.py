"""Tracking tasks through a year: statuses, closing quarters, carried tasks and their chains."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import InputError, LockedError
from tests.conftest import SEEDS


def tasks_of(db, program_id) -> list[dict]:
    def walk(nodes):
        for n in nodes:
            if "task" in n:
                yield {**n["task"], "label": n["label"], "text": n["text"]}
            yield from walk(n["children"])

    return list(walk(services.program_json(db, program_id)["nodes"]))


def finish_all_but(db, program_id, keep: set[int]) -> None:
    for task in tasks_of(db, program_id):
        if task["id"] not in keep and task["status"] in ("not_started", "in_progress"):
            services.update_task(db, task["id"], status="done")


@pytest.fixture
def year(db):
    """Q1 → Q4 of 2024 with tasks left unfinished in different quarters.

    T1 (Ban Tổ chức) is carried three times, T3 (Ban Dân vận) twice, T2 and T4 once.
    """
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    t = tasks_of(db, q1)
    t1, t2, t3 = t[0]["id"], t[1]["id"], t[10]["id"]
    services.update_task(db, t1, lead_unit="Ban Tổ chức Tỉnh ủy")
    services.update_task(db, t2, status="in_progress", lead_unit="Ban Tuyên giáo Tỉnh ủy")
    services.update_task(db, t3, lead_unit="Ban Dân vận Tỉnh ủy")
    finish_all_but(db, q1, {t1, t2, t3})
    assert sorted(services.close_quarter(db, q1)) == sorted([t1, t2, t3])

    q2 = services.derive_quarter(db, annual, 2)
    carried_q2 = {x["carried_from"]: x["id"] for x in tasks_of(db, q2) if x["carried_from"]}
    t4 = tasks_of(db, q2)[2]["id"]  # a fresh focus task of Q2, left open
    services.update_task(db, t4, lead_unit="Văn phòng Tỉnh ủy")
    services.update_task(db, carried_q2[t2], status="done")
    finish_all_but(db, q2, {carried_q2[t1], carried_q2[t3], t4})
    services.close_quarter(db, q2)

    q3 = services.derive_quarter(db, annual, 3)
    carried_q3 = {x["carried_from"]: x["id"] for x in tasks_of(db, q3) if x["carried_from"]}
    finish_all_but(db, q3, {carried_q3[carried_q2[t1]]})
    services.close_quarter(db, q3)

    q4 = services.derive_quarter(db, annual, 4)
    carried_q4 = {x["carried_from"]: x["id"] for x in tasks_of(db, q4) if x["carried_from"]}
    finish_all_but(db, q4, set())
    return {"annual": annual, "q": [q1, q2, q3, q4], "t1": t1, "t2": t2, "t3": t3, "t4": t4,
            "t1_q4": carried_q4[carried_q3[carried_q2[t1]]], "carried_q2": carried_q2}


def test_carried_tasks_appear_in_the_next_quarter_marked_as_carried(db, year):
    q2_tasks = tasks_of(db, year["q"][1])
    carried = [x for x in q2_tasks if x["carried_from"]]
    assert {x["carried_from"] for x in carried} == {year["t1"], year["t2"], year["t3"]}
    part1 = services.program_json(db, year["q"][1])["nodes"][0]["children"]
    # the carried focus tasks take the place of their annual focus task: 6 items, not 6 + 2
    assert [n["label"] for n in part1] == [f"{i}." for i in range(1, 7)]
    assert [n["task"]["carried_from"] for n in part1[:2]] == [year["t1"], year["t2"]]
    texts = [x["text"] for x in q2_tasks]
    assert all(texts.count(x["text"]) == 1 for x in carried)  # each carried task once
    first = next(x for x in carried if x["carried_from"] == year["t1"])
    assert first["lead_unit"] == "Ban Tổ chức Tỉnh ủy" and first["carried_count"] == 3


def test_the_whole_chain_of_a_task(db, year):
    chain = services.task_chain(db, year["t1_q4"])
    assert [link["period"] for link in chain] == ["năm 2024", "QI/2024", "QII/2024", "QIII/2024", "QIV/2024"]
    assert [link["status"] for link in chain] == ["", "carried", "carried", "carried", "done"]
    assert len({link["text"] for link in chain}) == 1
    assert services.task_chain(db, year["t1"]) == chain  # the same chain from any instance


def test_tasks_carried_two_or_more_times_by_lead_unit(db, year):
    report = services.report_carried(db, year["q"][0])
    assert list(report) == ["Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"]
    assert [(t["carries"], t["status"]) for t in report["Ban Tổ chức Tỉnh ủy"]] == [(3, "done")]
    assert [t["carries"] for t in report["Ban Dân vận Tỉnh ủy"]] == [2]
    once = services.report_carried(db, year["q"][0], minimum=1)
    assert sum(len(v) for v in once.values()) == 4
    assert "Văn phòng Tỉnh ủy" in once and "Ban Tuyên giáo Tỉnh ủy" in once


def test_status_counts_per_quarter(db, year):
    rows = services.report_status(db, year["q"][0], as_of=date(2025, 1, 15))
    assert [r["quarter"] for r in rows] == [1, 2, 3, 4]
    assert [r["status"]["carried"] for r in rows] == [3, 3, 1, 0]
    assert all(r["status"]["not_started"] == 0 and r["status"]["in_progress"] == 0 for r in rows)
    assert rows[3]["status"]["done"] == rows[3]["total"]
    assert rows[0]["timeliness"]["carried"] == 3


def test_timeliness_as_of_a_date(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    t = tasks_of(db, q2)
    services.update_task(db, t[0]["id"], status="done", completed=date(2024, 6, 20))
    services.update_task(db, t[1]["id"], status="done", completed=date(2024, 7, 5))
    in_june = services.report_status(db, q2, as_of=date(2024, 6, 25))[0]["timeliness"]
    in_july = services.report_status(db, q2, as_of=date(2024, 7, 10))[0]["timeliness"]
    total = len(t)
    assert (in_june["done_on_time"], in_june["done_late"], in_june["open_on_time"]) == (1, 1, total - 2)
    assert (in_july["open_on_time"], in_july["open_late"]) == (0, total - 2)


def test_annual_coverage_lists_the_tasks_no_quarter_schedules(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    before = services.report_coverage(db, annual)
    assert len(before) == 6 + 50  # the focus tasks and the 50 paragraphs of part II
    q1 = services.derive_quarter(db, annual, 1)
    picked = {c["annual_node_id"] for sec in services.quarter_candidates(db, q1) for c in sec["candidates"]
              if c["node_id"]}
    left = services.report_coverage(db, annual)
    assert {r["node_id"] for r in left} == {r["node_id"] for r in before} - picked and left
    services.pick_candidates(db, q1, [r["node_id"] for r in left])
    assert services.report_coverage(db, annual) == []


def test_status_changes_follow_the_allowed_transitions_and_are_kept(db):
    from sqlalchemy import select

    from hgdesk.models import TaskEvent

    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    task = tasks_of(db, q2)[0]["id"]
    services.update_task(db, task, status="đang thực hiện")
    services.update_task(db, task, status="hoan thanh")
    with pytest.raises(InputError, match="Không thể chuyển nhiệm vụ từ “hoàn thành” sang “không thực hiện”"):
        services.update_task(db, task, status="dropped")
    with pytest.raises(InputError, match="Trạng thái “xong rồi” không hợp lệ"):
        services.update_task(db, task, status="xong rồi")
    with pytest.raises(InputError, match="khi kết thúc quý"):
        services.update_task(db, tasks_of(db, q2)[1]["id"], status="carried")
    with db.transaction() as s:
        events = s.scalars(select(TaskEvent).where(TaskEvent.task_id == task).order_by(TaskEvent.id)).all()
        assert [(e.from_status, e.to_status) for e in events] == [("not_started", "in_progress"),
                                                                  ("in_progress", "done")]


def test_closing_a_quarter_twice_is_refused_and_unchosen_tasks_are_not_lost_silently(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    t = tasks_of(db, q1)
    proposal = services.close_quarter_proposal(db, q1)
    assert len(proposal) == len(t)
    carried = services.close_quarter(db, q1, carry_ids={t[0]["id"]})
    assert carried == [t[0]["id"]]
    statuses = {x["id"]: x["status"] for x in tasks_of(db, q1)}
    assert statuses[t[0]["id"]] == "carried"
    assert {s for i, s in statuses.items() if i != t[0]["id"]} == {"dropped"}
    with pytest.raises(LockedError, match="đã được kết thúc"):
        services.close_quarter(db, q1)


def test_imported_quarterly_programs_come_with_their_tasks(db):
    q2 = services.import_file(db, SEEDS / "seed001.txt")
    tasks = tasks_of(db, q2)
    data = services.program_json(db, q2)
    part2_leaves = sum(len(sec["children"]) for top in data["nodes"][1]["children"] for sec in top["children"])
    assert len(tasks) == 6 + part2_leaves
    q4 = services.import_file(db, SEEDS / "seed002.txt")
    assert len(tasks_of(db, q4)) > 7


def test_cli_derive_task_close_and_report(db, tmp_path, capsys):
    database = db.url
    annual = services.import_file(db, SEEDS / "seed000.txt")
    assert cli(["--database", database, "derive", str(annual), "--quarter", "2", "--json"]) == 0
    q2 = json.loads(capsys.readouterr().out)
    first = q2["nodes"][0]["children"][0]
    assert set(first["task"]) >= {"id", "status", "lead_unit", "carried_count"} and isinstance(first["id"], int)
    task_id = first["task"]["id"]
    assert cli(["--database", database, "task", "set", str(task_id), "--status", "in_progress",
                "--unit", "Ban Tổ chức Tỉnh ủy", "--note", "Đang triển khai"]) == 0
    assert capsys.readouterr().out.strip() == "in_progress"
    assert cli(["--database", database, "task", "set", str(task_id), "--status", "bogus"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    # "không thực hiện" asks for its reason, as the window does; with one, the reason is the task's note
    other = q2["nodes"][0]["children"][1]["task"]["id"]
    assert cli(["--database", database, "task", "set", str(other), "--status", "dropped"]) == 2
    assert "lý do không thực hiện" in capsys.readouterr().err
    assert services.program_tasks(db, q2["id"])[1]["status"] == "not_started"
    assert cli(["--database", database, "task", "set", str(other), "--status", "không thực hiện",
                "--note", "Trung ương chưa hướng dẫn"]) == 0
    assert capsys.readouterr().out.strip() == "dropped"
    assert services.program_tasks(db, q2["id"])[1]["result_note"] == "Trung ương chưa hướng dẫn"
    assert cli(["--database", database, "close-quarter", str(q2["id"])]) == 0
    assert "--yes" in capsys.readouterr().out
    assert cli(["--database", database, "close-quarter", str(q2["id"]), "--yes"]) == 0
    capsys.readouterr()
    assert cli(["--database", database, "report", "status", str(q2["id"]), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status[0]["quarter"] == 2 and status[0]["status"]["dropped"] == 1  # the one dropped with its reason
    assert status[0]["status"]["carried"] == status[0]["total"] - 1  # every other unfinished task carried
    assert cli(["--database", database, "report", "carried", str(q2["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {}
    assert cli(["--database", database, "report", "coverage", str(annual), "--json"]) == 0
    from hgdesk.db import Database

    unpicked = services.report_coverage(Database(database), annual)
    assert json.loads(capsys.readouterr().out) == unpicked and 0 < len(unpicked) < 56


def test_the_tracking_table_names_each_task_by_its_part_section_and_number(db):
    """The "Mục" column says where a task sits in the program, not only its own number."""
    q1 = services.import_file(db, SEEDS / "seed001.txt")
    places = [r["place"] for r in services.program_tasks(db, q1)]
    assert places[:6] == ["I.1", "I.2", "I.3", "I.4", "I.5", "I.6"]
    assert {"II.1.1", "II.1.7", "II.2.1", "II.3.2"} <= set(places)  # bullets take their section's number
    text = ("TỈNH ỦY HẬU GIANG\nSố 9-CTr/TU\nCHƯƠNG TRÌNH\ncông tác quý I năm 2025\n"
            "I. NHIỆM VỤ TRỌNG TÂM\n1. Tổng kết công tác năm 2024.\n"
            "II. NHIỆM VỤ CỤ THỂ\n1. Công tác xây dựng Đảng\n(1) Kiểm tra, giám sát chi bộ.\n"
            "(2) Kết nạp đảng viên mới.\n1.2. Công tác dân vận\na) Đối thoại với nhân dân.\n")
    pasted = services.save_parsed(db, services.parse_pasted(text, "dan.txt"), "dan.txt")
    assert [r["place"] for r in services.program_tasks(db, pasted)] == ["I.1", "II.1 (1)", "II.1 (2)", "II.1.2 a)"]
