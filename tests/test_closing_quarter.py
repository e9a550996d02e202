"""Kết thúc quý is deliberate: every unfinished task is carried unless the secretary unticks it,
the dialog says what happens to each group, closing before the quarter ends or closing a draft
never issued is warned about and asked again, and the whole close is one undoable step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from hgdesk import services
from tests.conftest import SEEDS
from tests.modals import answer_modals


def quarter_with_open_tasks(db) -> tuple[int, list[dict]]:
    annual = services.import_file(db, SEEDS / "seed000.txt")  # annual program 2024
    q1 = services.derive_quarter(db, annual, 1)
    tasks = services.program_tasks(db, q1)
    services.update_task(db, tasks[0]["task_id"], status="in_progress", lead_unit="Văn phòng")
    for t in tasks[3:]:
        services.update_task(db, t["task_id"], status="done")
    return q1, tasks[:3]


def test_closing_proposes_carrying_every_unfinished_task_and_names_both_quarters(db):
    q1, open_tasks = quarter_with_open_tasks(db)
    plan = services.close_quarter_plan(db, q1, today=date(2024, 4, 2))
    assert [p["task_id"] for p in plan["proposal"]] == [t["task_id"] for t in open_tasks]
    assert [p["label"] for p in plan["proposal"]] == [t["place"] for t in open_tasks]  # "I.1", not "1."
    assert all("." in p["label"] and not p["label"].endswith(".") for p in plan["proposal"])
    assert all(p["carry"] for p in plan["proposal"])  # "chưa thực hiện" too: nothing is dropped by default
    assert (plan["quarter"], plan["next"]) == ("quý I/2024", "quý II/2024")
    assert plan["warnings"] == ["Chương trình quý I/2024 vẫn là dự thảo, chưa ban hành."]


def test_closing_before_the_quarter_begins_or_ends_is_warned_about(db):
    q1, _ = quarter_with_open_tasks(db)
    services.issue_program(db, q1, "2", date(2023, 12, 20))
    early = services.close_quarter_plan(db, q1, today=date(2023, 11, 23))["warnings"]
    assert early == ["Hôm nay là 23/11/2023: quý I/2024 chưa bắt đầu (bắt đầu ngày 01/01/2024)."]
    during = services.close_quarter_plan(db, q1, today=date(2024, 2, 10))["warnings"]
    assert during == ["Hôm nay là 10/02/2024: quý I/2024 chưa hết (đến hết ngày 31/03/2024)."]
    assert services.close_quarter_plan(db, q1, today=date(2024, 3, 31))["warnings"] == []


def test_the_close_dialog_explains_asks_again_when_early_and_one_undo_reopens_the_quarter(main_window, qtbot):
    win = main_window
    q1, open_tasks = quarter_with_open_tasks(win.db)
    win.refresh_programs(q1)
    before = {t["task_id"]: t["status"] for t in services.program_tasks(win.db, q1)}
    seen: dict[str, list] = {"dialog": [], "questions": []}
    state = ["dialog"]  # dialog -> asked -> dialog again -> asked again -> done

    def step(widget):
        if isinstance(widget, QMessageBox) and state[0] in ("asked", "asked again"):
            seen["questions"].append(widget.text())
            label = "Quay lại" if state[0] == "asked" else "Vẫn kết thúc"
            state[0] = "dialog again" if state[0] == "asked" else "done"
            next(b for b in widget.buttons() if b.text() == label).click()
        elif hasattr(widget, "chosen") and state[0] == "dialog":
            seen["dialog"] = [widget.warning.text(), widget.count.text(), len(widget.chosen()),
                              widget.findChild(QDialogButtonBox).button(
                                  QDialogButtonBox.StandardButton.Cancel).isDefault()]
            widget.table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)  # this one is recorded as not done
            seen["dialog"].append(widget.count.text())
            state[0] = "asked"
            QTimer.singleShot(0, widget.accept)  # "Kết thúc quý": asked again, "Quay lại" keeps it open
        elif hasattr(widget, "chosen") and state[0] == "dialog again":
            state[0] = "asked again"
            QTimer.singleShot(0, widget.accept)  # pressed once more, then "Vẫn kết thúc"

    timer = answer_modals(step)
    try:
        win.close_quarter_dialog()
    finally:
        timer.stop()
    warning, count, ticked, cancel_is_default, count_after = seen["dialog"]
    assert "vẫn là dự thảo, chưa ban hành" in warning and ticked == 3 and cancel_is_default
    assert count == "Sẽ chuyển sang quý II/2024: 3 nhiệm vụ · sẽ ghi “không thực hiện”: 0 nhiệm vụ"
    assert count_after == "Sẽ chuyển sang quý II/2024: 2 nhiệm vụ · sẽ ghi “không thực hiện”: 1 nhiệm vụ"
    assert len(seen["questions"]) == 2 and "Vẫn kết thúc quý I/2024" in seen["questions"][0]
    statuses = {t["task_id"]: t["status"] for t in services.program_tasks(win.db, q1)}
    ids = [t["task_id"] for t in open_tasks]
    assert [statuses[i] for i in ids] == ["carried", "carried", "dropped"]
    assert win.program["closed"] and not win.close_quarter_action.isEnabled()

    assert win.statusBar().currentMessage().startswith("Đã kết thúc quý I/2024")
    win.editor.undo()  # Hoàn tác: the quarter is open again, every task as it was
    assert win.statusBar().currentMessage() == "Đã hoàn tác: Kết thúc quý I/2024"
    assert {t["task_id"]: t["status"] for t in services.program_tasks(win.db, q1)} == before
    assert not services.program_json(win.db, q1).get("closed") and win.close_quarter_action.isEnabled()


def test_a_carried_task_continues_where_it_stopped_status_note_and_a_deadline_set_past_its_quarter(db):
    """Kết thúc quý promises "giữ đơn vị chủ trì và ghi chú": in the next quarter a task under way is still
    "đang thực hiện" with its progress note, and a deadline moved past its quarter (15/5) is kept; a task
    never started starts again "chưa thực hiện", due at the new quarter's end."""
    q1, (under_way, waiting, _third) = quarter_with_open_tasks(db)
    services.update_task(db, under_way["task_id"], result_note="Đã ban hành kế hoạch, đang rà soát")
    services.set_deadline(db, under_way["task_id"], "15/5/2024")
    services.close_quarter(db, q1, {under_way["task_id"], waiting["task_id"]})
    annual = services.annual_program_of(db, q1)
    q2 = services.derive_quarter(db, annual, 2)
    rows = {r["carried_from"]: r for r in services.program_tasks(db, q2) if r["carried_from"]}
    went_on, started_again = rows[under_way["task_id"]], rows[waiting["task_id"]]
    assert (went_on["status"], went_on["result_note"], went_on["lead_unit"]) == (
        "in_progress", "Đã ban hành kế hoạch, đang rà soát", "Văn phòng")
    assert went_on["due_date"] == date(2024, 5, 15)
    assert (started_again["status"], started_again["due_date"]) == ("not_started", date(2024, 6, 30))
    # the first quarter's report still says which of the carried were under way
    summary = services.program_json(db, services.draft_results_report(db, q1))["nodes"][0]["children"][0]["text"]
    assert "2 nhiệm vụ chuyển sang quý II/2024 (đang thực hiện 1, chưa thực hiện 1)" in summary
