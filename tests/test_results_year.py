"""A tracked year of seed 000 (four quarters with statuses, notes, evidence, carried tasks and
indicator results): the Q3 report states exactly what the tracking holds, and the six-month and
annual reports aggregate the quarters (a task carried on counts once, as its latest quarter left it)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from hgdesk import services
from hgdesk.errors import InputError, ReportEditedError
from hgdesk.reporting import indicator_name
from tests.conftest import SEEDS
from tests.report_reading import task_lines


def _flat(nodes, parent=None, out=None):
    out = [] if out is None else out
    for node in nodes:
        out.append((node, parent))
        _flat(node["children"], node, out)
    return out


def _ancestors(program_json) -> dict[int, set[int]]:
    """Node id -> ids of its ancestors in a program."""
    found: dict[int, set[int]] = {}
    for node, parent in _flat(program_json["nodes"]):
        found[node["id"]] = ({parent["id"]} | found[parent["id"]]) if parent else set()
    return found


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """Seed 000 tracked through 2024: in each quarter some tasks done (note, reference, a file for
    every third), one in progress and carried, one dropped with its reason; indicators recorded."""
    from hgdesk.db import Database

    folder = tmp_path_factory.mktemp("year")
    db = Database(str(folder / "year.sqlite3"))
    proof = folder / "bien-ban.pdf"
    proof.write_bytes(b"%PDF-1.4 minutes of the conference\n")
    annual = services.import_file(db, SEEDS / "seed000.txt")
    indicators = services.program_indicators(db, annual)
    quarters: dict[int, int] = {}
    for q in (1, 2, 3, 4):
        program = services.derive_quarter(db, annual, q)
        quarters[q] = program
        rows = services.program_tasks(db, program)
        fresh = [r for r in rows if not r["carried_from"]]
        for i, row in enumerate(fresh[: 4 + q]):
            services.complete_tasks(db, [row["task_id"]], f"Quý {q}: đã thực hiện xong việc {i + 1}",
                                    reference=f"{10 * q + i}-BC/TU", file=proof if i % 3 == 0 else None,
                                    when=date(2024, 3 * q, 10))
        services.update_task(db, fresh[5 + q]["task_id"], status="in_progress", lead_unit="Ban Tuyên giáo")
        services.update_task(db, fresh[6 + q]["task_id"], status="dropped", result_note="Trung ương chưa hướng dẫn")
        carried_in = [r for r in rows if r["carried_from"]]
        for row in carried_in[:1]:  # one carried task finished this quarter
            services.complete_tasks(db, [row["task_id"]], f"Quý {q}: hoàn thành việc chuyển sang")
        for k, indicator in enumerate(indicators[:3]):
            target = indicator["target"] or 100
            services.record_indicator(db, indicator["indicator_id"], f"2024-Q{q}", round(target * (0.2 * q + 0.05 * k), 2))
        open_ids = {r["task_id"] for r in services.program_tasks(db, program) if r["status"] in ("in_progress",
                                                                                                  "not_started")}
        services.close_quarter(db, program, set(sorted(open_ids)[:3]) | {fresh[5 + q]["task_id"]})
    yield db, annual, quarters
    db.dispose()


def test_the_q3_report_states_exactly_what_the_tracking_holds(year):
    db, _annual, quarters = year
    q3 = quarters[3]
    rows = services.program_tasks(db, q3)
    report = services.program_json(db, services.draft_results_report(db, q3))
    nodes = _flat(report["nodes"])
    statuses = Counter(r["status"] for r in rows)
    summary = report["nodes"][0]["children"][0]["text"]
    were = _were(db, rows)
    assert were["in_progress"] and were["not_started"]  # the year carries tasks of both kinds
    assert f"đề ra {len(rows)} nhiệm vụ: {_said(statuses, 'quý IV/2024', were)}." in summary
    # the quarter is closed: nothing is "đang thực hiện" any more, and the summary does not say "0" of it
    assert statuses["in_progress"] == statuses["not_started"] == 0 and "thực hiện 0" not in summary
    lines = task_lines(db, report)  # each generated sentence keeps the task node it came from
    ancestors = _ancestors(services.program_json(db, q3))
    sections = _sources(db, report)
    for row in rows:
        line = lines[row["node_id"]]
        assert sections[line.section["id"]] in ancestors[row["node_id"]]  # under its own section
        if row["status"] == "done":
            assert line.phrase == "Đã hoàn thành"
            assert f"Kết quả: {row['result_note']}." in line.said
            assert (f"văn bản số {row['evidence_ref']}" in line.said) == bool(row["evidence_ref"])
            assert (f"tệp “{row['evidence_name']}”" in line.said) == bool(row["evidence_name"])
        if row["status"] == "carried":
            times = row["carried_count"]
            assert line.phrase == "Chuyển sang quý sau"
            assert (f"(chuyển lần thứ {times})" in line.said) == (times > 1)
    assert sum(1 for r in rows if r["status"] == "carried" and r["carried_count"] > 1) > 0  # the year carries some twice
    assert sum(1 for line in lines.values() if line.phrase == "Chuyển sang quý sau") == statuses["carried"]
    # the indicators table: a row for every indicator of the year (in Chỉ tiêu's order), % achieved as
    # `tracking` computes it for Q3, "chưa có số liệu" where nothing is recorded yet
    rows = [n["text"].split(" | ") for n, _ in nodes if " | " in n["text"]]
    assert rows[0] == ["STT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Tỷ lệ đạt"]
    indicators = services.program_indicators(db, q3)
    assert len(rows) == 1 + len(indicators)
    for row, ((number, name, _target, actual, shown), indicator) in enumerate(zip(rows[1:], indicators, strict=True)):
        assert number == str(row + 1)
        assert name == indicator_name(indicator["text"])  # the sentence holding its figure
        recorded = [h for h in indicator["history"] if h["period"] <= "2024-Q3" and h["actual"] is not None]
        if not recorded:
            assert (actual, shown) == ("chưa có số liệu", "")
            continue
        percent = services.achieved_percent(indicator["target"], recorded[-1]["actual"], indicator["direction"])
        assert " %" not in actual and shown.endswith("%")  # "82,6%", as the program writes it
        assert float(shown.rstrip("%").replace(".", "").replace(",", ".")) == percent


def _said(counts: Counter, following: str, carried_were: Counter) -> str:
    """The summary's counts as a reader expects them: only the statuses some task has; the carried last,
    with what they were when the quarter closed."""
    words = {"done": "hoàn thành {}", "in_progress": "đang thực hiện {}", "not_started": "chưa thực hiện {}",
             "dropped": "không thực hiện {}"}
    said = ", ".join(w.format(counts[s]) for s, w in words.items() if counts[s])
    if counts["carried"]:
        were = ", ".join(words[s].format(carried_were[s]) for s in ("in_progress", "not_started") if carried_were[s])
        said += ("; " if said else "") + f"{counts['carried']} nhiệm vụ chuyển sang {following}" + \
            (f" ({were})" if were else "")
    return said


def _were(db, rows) -> Counter:
    """What each carried task was when its quarter closed, from its status history."""
    return Counter(next(e.from_status for e in reversed(services.task_history(db, r["task_id"]))
                        if e.to_status == "carried") for r in rows if r["status"] == "carried")


def _sources(db, report) -> dict[int, int | None]:
    from hgdesk.models import Node

    with db.transaction() as s:
        return {n.id: n.source_node_id for n in s.query(Node).filter(Node.program_id == report["id"])}


def _lineages(db, quarters, upto: int) -> dict[int, dict]:
    """Each task's latest instance in quarters 1..upto, by lineage (what an aggregated report counts)."""
    from hgdesk.models import Task

    latest: dict[int, dict] = {}
    for q in range(1, upto + 1):
        rows = {r["task_id"]: r for r in services.program_tasks(db, quarters[q])}
        with db.transaction() as s:
            lineage = {t.id: t.lineage_id for t in s.query(Task).filter(Task.id.in_(rows))}
        for task_id, row in rows.items():
            latest[lineage[task_id]] = row
    return latest


@pytest.mark.parametrize(("period", "upto", "words"), [("year", 4, "năm 2024"), ("half", 2, "6 tháng đầu năm 2024")])
def test_the_annual_and_six_month_reports_aggregate_the_quarters(year, period, upto, words):
    db, _annual, quarters = year
    latest = _lineages(db, quarters, upto)
    counts = Counter(r["status"] for r in latest.values())
    report = services.program_json(db, services.draft_results_report(db, quarters[upto], period))
    assert report["title"][0].startswith("kết quả thực hiện") and words in report["title"][0]
    summary = report["nodes"][0]["children"][0]["text"]
    following = "năm 2025" if period == "year" else "6 tháng cuối năm 2024"
    were = _were(db, latest.values())
    assert f"đề ra {len(latest)} nhiệm vụ (mỗi nhiệm vụ chuyển quý tính một lần): {_said(counts, following, were)}." \
        in summary
    assert len(latest) < sum(len(services.program_tasks(db, quarters[q])) for q in range(1, upto + 1))  # once each
    lines = task_lines(db, report)
    for row in latest.values():  # every task once, its latest quarter's words
        if row["status"] == "done":
            assert f"Kết quả: {row['result_note']}." in lines[row["node_id"]].said
    done_notes = [line.said for line in lines.values() if line.phrase == "Đã hoàn thành"]
    assert len(done_notes) == counts["done"]
    assert {f"Quý {q}:" for q in range(1, upto + 1)} <= {t.split("Kết quả: ")[1][:6] for t in done_notes}


def test_drafting_again_replaces_an_untouched_report_and_asks_before_overwriting_edits(year):
    db, _annual, quarters = year
    first = services.draft_results_report(db, quarters[2])
    second = services.draft_results_report(db, quarters[2])  # untouched: replaced quietly, the first in the trash
    assert first in {p["id"] for p in services.trash(db)}
    node = services.program_json(db, second)["nodes"][0]["children"][0]
    services.edit_node(db, node["id"], text=node["text"] + " Văn phòng bổ sung nhận xét.")
    with pytest.raises(ReportEditedError) as refused:
        services.draft_results_report(db, quarters[2])
    assert refused.value.existing_id == second
    assert "đã được sửa sau khi soạn" in str(refused.value)
    assert "bổ sung nhận xét" in services.program_json(db, second)["nodes"][0]["children"][0]["text"]  # untouched
    third = services.draft_results_report(db, quarters[2], overwrite=True)
    assert second in {p["id"] for p in services.trash(db)} and third not in {p["id"] for p in services.trash(db)}


def test_a_six_month_report_needs_the_second_quarter(year):
    db, _annual, quarters = year
    with pytest.raises(InputError, match="quý II"):
        services.draft_results_report(db, quarters[1], "half")
