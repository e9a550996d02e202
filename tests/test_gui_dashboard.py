"""Tổng quan through the real window: what is overdue and due soon, by lead unit; a status set in
the tracking tab changes it; a double-click opens the task's place."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hgdesk import services
from tests.conftest import SEEDS
from tests.modals import answer_modals


def _finish(box, note: str, reference: str = "", file: str = "") -> None:
    """Answer the "Đánh dấu hoàn thành" dialog as the secretary does: the result, its evidence, OK."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.evidence import DoneDialog

    if not isinstance(box, DoneDialog):
        return
    box.note.setPlainText(note)
    box.reference.setText(reference)
    box.file.setText(file)
    box.findChild(QDialogButtonBox).buttons()[0].click()


def _groups(tab, title_start: str) -> dict[str, int]:
    tree = tab.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.text(0).startswith(title_start):
            return {top.child(j).text(0).rsplit(" (", 1)[0]: top.child(j).childCount() for j in range(top.childCount())}
    raise AssertionError(title_start)


def test_the_dashboard_shows_what_is_overdue_by_unit_and_follows_the_tracking(main_window, qtbot, tmp_path):
    window = main_window
    db = window.db
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    services.issue_program(db, quarter, "12", date(2024, 4, 2))  # issued: its tasks are assigned
    rows = services.program_tasks(db, quarter)
    for row, unit in zip(rows[:5], ["Ban Tổ chức", "Ban Tổ chức", "Văn phòng", "Văn phòng", "Văn phòng"], strict=True):
        services.update_task(db, row["task_id"], lead_unit=unit)
    window.refresh_programs(quarter)
    window.dashboard.as_of = date(2024, 7, 3)  # three days after the quarter's end
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.tree.topLevelItemCount() == 5)
    overdue = _groups(window.dashboard, "Quá hạn")
    assert overdue["Văn phòng"] == 3 and overdue["Ban Tổ chức"] == 2
    assert sum(overdue.values()) == len(rows)
    assert f"{len(rows)}</b> nhiệm vụ quá hạn" in window.dashboard.summary.text()

    # the secretary marks one of the office's tasks done in the tracking tab (with its result), comes back
    window.tabs.setCurrentWidget(window.tracking)
    model = window.tracking.model
    row = next(r for r, data in enumerate(model.rows) if data["task_id"] == rows[2]["task_id"])
    timer = answer_modals(lambda box: _finish(box, "Đã ban hành kế hoạch số 12-KH/TU"))
    model.setData(model.index(row, [c[0] for c in model.COLUMNS].index("status")), "done")
    timer.stop()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: _groups(window.dashboard, "Quá hạn").get("Văn phòng") == 2)

    # a double-click on an overdue task opens it in the tracking table
    top = window.dashboard.tree.topLevelItem(0)
    office = next(top.child(j) for j in range(top.childCount()) if top.child(j).text(0).startswith("Văn phòng"))
    item = office.child(0)
    _kind, program_id, task_id = item.data(0, Qt.ItemDataRole.UserRole)
    window.dashboard.tree.itemActivated.emit(item, 0)
    assert window.tabs.currentWidget() is window.tracking
    assert window.program["id"] == program_id == quarter
    assert window.tracking.table.currentIndex().data(Qt.ItemDataRole.UserRole)["task_id"] == task_id


def test_the_dashboard_lists_drafts_waiting_to_be_issued(main_window, qtbot):
    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(window.db, annual, 2)
    window.refresh_programs()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.tree.topLevelItemCount() == 5)
    drafts = window.dashboard.tree.topLevelItem(4)
    ids = {drafts.child(i).data(0, Qt.ItemDataRole.UserRole)[1] for i in range(drafts.childCount())}
    assert {annual, quarter} <= ids
    services.issue_program(window.db, quarter, "12", date(2024, 4, 2))
    window.refresh_programs()
    qtbot.waitUntil(lambda: quarter not in {window.dashboard.tree.topLevelItem(4).child(i).data(
        0, Qt.ItemDataRole.UserRole)[1] for i in range(window.dashboard.tree.topLevelItem(4).childCount())})


def test_dashboard_counts_overdue_due_soon_and_carried_as_of_a_date(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    rows = services.program_tasks(db, quarter)
    # a first draft assigns nothing yet: its tasks are counted apart, not as due or overdue
    board = services.dashboard(db, as_of=date(2024, 7, 1))
    assert board.count(board.overdue) == board.count(board.due_soon) == 0 and board.in_drafts == len(rows)
    services.issue_program(db, quarter, "12", date(2024, 4, 2))
    board = services.dashboard(db, as_of=date(2024, 6, 20))
    assert board.in_drafts == 0
    assert board.count(board.overdue) == 0 and board.count(board.due_soon) == len(rows)
    board = services.dashboard(db, as_of=date(2024, 7, 1))
    assert board.count(board.overdue) == len(rows) and board.count(board.due_soon) == 0
    services.update_task(db, rows[0]["task_id"], status="done", completed=date(2024, 6, 1))
    assert services.dashboard(db, as_of=date(2024, 7, 1)).count(services.dashboard(db, as_of=date(2024, 7, 1)).overdue) \
        == len(rows) - 1


def _carried_twice(db):
    """The annual program, a task of quarter II carried into III and again out of III (both closed), and III."""
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    first = services.program_tasks(db, q2)[0]
    services.update_task(db, first["task_id"], status="in_progress", lead_unit="Ban Tuyên giáo")
    services.close_quarter(db, q2, {first["task_id"]})
    q3 = services.derive_quarter(db, annual, 3)
    again = next(r for r in services.program_tasks(db, q3) if r["carried_from"] == first["task_id"])
    services.close_quarter(db, q3, {again["task_id"]})
    return annual, first, q3


def test_a_task_carried_twice_is_listed_once_under_its_unit(db):
    annual, first, _q3 = _carried_twice(db)
    services.derive_quarter(db, annual, 4)
    board = services.dashboard(db, as_of=date(2024, 10, 5))
    carried = board.carried["Ban Tuyên giáo"]
    assert len(carried) == 1 and carried[0].carried == 2 and carried[0].text == first["text"]


def test_drafting_the_results_report_from_the_window_opens_it_in_the_editor(main_window, qtbot):
    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(window.db, annual, 2)
    row = services.program_tasks(window.db, quarter)[0]
    services.update_task(window.db, row["task_id"], status="done", result_note="Đã ban hành kế hoạch")
    window.refresh_programs(quarter)
    assert window.results_report_action.isEnabled()
    window.results_report_action.trigger()
    assert window.program["document_type"] == "BÁO CÁO" and window.program["id"] != quarter
    assert window.tabs.currentWidget() is window.editor
    assert not window.results_report_action.isEnabled()  # a report is not a quarter


def test_a_new_version_of_an_issued_quarter_does_not_count_its_tasks_twice(db):
    """Once a correction (a new version) of the quarter is drafted, Tổng quan counts the tasks of the
    current version only, as the tracking table shows them."""
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    rows = services.program_tasks(db, quarter)
    services.issue_program(db, quarter, "12", date(2024, 4, 2))
    before = services.dashboard(db, as_of=date(2024, 7, 1))
    assert before.count(before.overdue) == len(rows)
    newer = services.new_version(db, quarter)
    after = services.dashboard(db, as_of=date(2024, 7, 1))
    assert after.count(after.overdue) == len(services.program_tasks(db, newer)) == len(rows)
    assert {t.program_id for ts in after.overdue.values() for t in ts} == {newer}


def test_a_second_draft_of_the_quarter_replaces_the_first_in_the_counts(db):
    """"Dự thảo lần 2" of quarter II beside lần 1: Tổng quan counts the quarter's tasks once, from lần 2."""
    annual = services.import_file(db, SEEDS / "seed000.txt")
    first = services.derive_quarter(db, annual, 2)
    second = services.derive_quarter(db, annual, 2, as_new_version=True)
    board = services.dashboard(db, as_of=date(2024, 7, 1))
    assert board.in_drafts == len(services.program_tasks(db, second))  # once, not lần 1 and lần 2
    services.issue_program(db, second, "12", date(2024, 4, 2))
    board = services.dashboard(db, as_of=date(2024, 7, 1))
    assert board.count(board.overdue) == len(services.program_tasks(db, second))
    assert {t.program_id for ts in board.overdue.values() for t in ts} == {second} != {first}


def test_between_closing_a_quarter_and_drafting_the_next_the_twice_carried_tasks_stay_listed(db):
    """Q2 closed, Q3 closed, Q4 not drafted yet: the task carried twice is still on Tổng quan (waiting),
    once; after Q4 is drafted it is listed once, from Q4; once done in Q4 it leaves the list."""
    annual, _first, q3 = _carried_twice(db)
    waiting = services.dashboard(db, as_of=date(2024, 10, 5)).carried["Ban Tuyên giáo"]
    assert [(t.program_id, t.carried) for t in waiting] == [(q3, 2)]
    q4 = services.derive_quarter(db, annual, 4)
    listed = services.dashboard(db, as_of=date(2024, 10, 5)).carried["Ban Tuyên giáo"]
    assert [(t.program_id, t.carried) for t in listed] == [(q4, 2)]
    services.update_task(db, listed[0].task_id, status="done", completed=date(2024, 10, 20))
    assert "Ban Tuyên giáo" not in services.dashboard(db, as_of=date(2024, 10, 25)).carried


def test_soan_quy_moi_opens_its_wizard_while_a_results_report_is_shown(main_window, monkeypatch):
    """The report is not a program with tasks, but the wizard lists the annual programs: no refusal."""
    from ui import dialogs

    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(window.db, annual, 2)
    report = services.draft_results_report(window.db, q2)
    window.refresh_programs(report)
    opened = []
    monkeypatch.setattr(dialogs.DeriveWizard, "exec", lambda w: opened.append(w) or 0)
    window.derive_dialog()
    assert len(opened) == 1


def test_the_chain_panel_shows_a_focus_task_done_in_q1_when_q2_sets_it_again(main_window, qtbot):
    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(window.db, annual, 1)
    focus = services.program_tasks(window.db, q1)[0]
    services.update_task(window.db, focus["task_id"], status="done", result_note="Xong", completed=date(2024, 3, 1))
    services.close_quarter(window.db, q1, set())
    q2 = services.derive_quarter(window.db, annual, 2)
    again = next(t for t in services.program_tasks(window.db, q2) if t["text"] == focus["text"])
    window.refresh_programs(q2)
    window.tabs.setCurrentWidget(window.tracking)
    assert window.tracking.select_task(again["task_id"])
    shown = window.tracking.chain.toPlainText()
    assert "chuyển 0 lần" in shown and "Quý I/2024 – hoàn thành (giao lại, không phải chuyển)" in shown
    assert shown.rstrip().endswith("Quý II/2024 – chưa thực hiện")


def test_a_drafted_quarter_is_not_overdue_until_issued_and_tong_quan_says_so(main_window, qtbot):
    """Straight after Soạn quý mới nothing is assigned yet: Tổng quan shows no overdue task but says how
    many of the draft's tasks it leaves out; once issued, they are overdue as of the day after the quarter."""
    window = main_window
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(window.db, annual, 2)
    rows = services.program_tasks(window.db, quarter)
    window.refresh_programs(quarter)
    window.dashboard.as_of = date(2024, 7, 3)
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: "nhiệm vụ quá hạn" in window.dashboard.summary.text())
    shown = window.dashboard.summary.text()
    assert "<b>0</b> nhiệm vụ quá hạn" in shown
    assert f"chưa tính {len(rows)} nhiệm vụ đến hạn của dự thảo chưa ban hành" in shown
    assert window.dashboard.unit.count() == 0  # nothing to remind a unit of

    services.issue_program(window.db, quarter, "12", date(2024, 4, 2))
    window.dashboard.load(window.program)
    qtbot.waitUntil(lambda: f"<b>{len(rows)}</b> nhiệm vụ quá hạn" in window.dashboard.summary.text())
    assert "dự thảo chưa ban hành:" not in window.dashboard.summary.text()
