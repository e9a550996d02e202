"""A results report's sentence says which quarter's task it was drafted from, and opens it: the secretary
reads "Đã hoàn thành: …" in the report, checks the task behind it, comes back and reads on."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hgdesk import services
from tests.conftest import SEEDS


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def test_a_report_sentence_shows_the_task_it_came_from_and_opens_it(window_on, qtbot):
    made = {}

    def prepare(db):
        annual = services.import_file(db, SEEDS / "seed000.txt")
        made["q3"] = q3 = services.derive_quarter(db, annual, 3)
        made["task"] = task = services.program_tasks(db, q3)[2]
        services.complete_tasks(db, [task["task_id"]], "Đã tổ chức hội nghị", reference="12-BC/ĐU",
                                when=date(2024, 8, 1))
        made["report"] = services.draft_results_report(db, q3)

    win = window_on(prepare)
    win.refresh_programs(made["report"])
    win.tabs.setCurrentWidget(win.editor)
    nodes = list(_walk(services.program_json(win.db, made["report"])["nodes"]))
    done = next(n for n in nodes if n["text"].startswith("Đã hoàn thành"))
    summary = next(n for n in nodes if n["kind"] == "paragraph")

    # the summary paragraph was not drafted from one task: no "Lấy từ" row
    win.editor.select_node(summary["id"])
    assert win.editor.source.isHidden()

    # the done sentence names its quarter, its place and its status now, with a link
    win.editor.select_node(done["id"])
    assert win.editor.source.isVisible()
    place = made["task"]["place"]
    assert f"Chương trình công tác quý III/2024 · mục {place} · hoàn thành" in win.editor.source.text()

    # the link opens the task in the tracking table, on that row
    win.editor.source.linkActivated.emit("open")
    assert win.tabs.currentWidget() is win.tracking and win.program["id"] == made["q3"]
    shown = win.tracking.table.currentIndex().data(Qt.ItemDataRole.UserRole)
    assert shown["task_id"] == made["task"]["task_id"]

    # the secretary reopens the task there (status back to "đang thực hiện"), goes back to the report:
    # the sentence still says what was drafted, the row under it says what the tracking says now
    services.update_task(win.db, made["task"]["task_id"], status="in_progress")
    win.refresh_programs(made["report"])
    win.tabs.setCurrentWidget(win.editor)
    win.editor.select_node(summary["id"])
    win.editor.select_node(done["id"])
    assert f"mục {place} · đang thực hiện" in win.editor.source.text()
    assert win.editor.text_value().startswith("Đã hoàn thành")


def test_a_quarter_program_paragraph_has_no_source_row(quarter_window):
    win, q3 = quarter_window(3)
    first = services.program_json(win.db, q3)["nodes"][0]["children"][0]
    win.editor.select_node(first["id"])
    assert win.editor.source.isHidden()


def test_an_indicator_line_of_the_report_opens_that_indicator_in_chi_tieu(window_on):
    made = {}

    def prepare(db):
        annual = services.import_file(db, SEEDS / "seed000.txt")
        q1 = services.derive_quarter(db, annual, 1)
        indicators = services.program_indicators(db, annual)
        made["indicator"] = indicator = indicators[2]
        services.record_indicator(db, indicator["indicator_id"], "2024-Q1", 10)
        made["annual"] = annual
        made["report"] = services.draft_results_report(db, q1)

    win = window_on(prepare)
    win.refresh_programs(made["report"])
    win.tabs.setCurrentWidget(win.editor)
    line = next(n for n in _walk(services.program_json(win.db, made["report"])["nodes"])
                if n["text"].startswith("3 | "))  # the table's row of the third indicator
    win.editor.select_node(line["id"])
    assert "Chương trình công tác năm 2024" in win.editor.source.text() and "mở chỉ tiêu" in win.editor.source.text()
    win.editor.source.linkActivated.emit("open")
    assert win.tabs.currentWidget() is win.indicators and win.program["id"] == made["annual"]
    chosen = win.indicators.model.rows[win.indicators.table.currentIndex().row()]
    assert chosen["indicator_id"] == made["indicator"]["indicator_id"]


def test_the_program_list_tells_a_quarter_from_its_report_even_cut_short(window_on):
    made = {}

    def prepare(db):
        annual = services.import_file(db, SEEDS / "seed000.txt")
        made["q3"] = q3 = services.derive_quarter(db, annual, 3)
        made["report"] = services.draft_results_report(db, q3)

    win = window_on(prepare)
    win.refresh_programs(made["q3"])  # opened one after the other: both in "Gần đây"
    win.refresh_programs(made["report"])
    win.refresh_programs(made["report"])
    model = win.programs.model()
    recent = model.index(0, 0)
    captions = {model.index(r, 0, recent).data(256)["program_id"]: model.index(r, 0, recent).data()
                for r in range(model.rowCount(recent))}
    assert captions[made["q3"]].startswith("Quý III/2024 (dự thảo) – ")
    assert captions[made["report"]].startswith("Báo cáo quý III/2024 (dự thảo) – ")  # the period first, the office last
