"""A commune secretary's first two quarters in the real window: Soạn quý mới through the real
wizard (Tiếp, Tạo dự thảo), what the draft shows, tracking, Kết thúc quý, quarter II, and asking
again for a quarter that exists (said at step 1, opened, nothing derived twice)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWizard

from hgdesk import services
from tests.modals import answer_done, answer_modals
from tests.test_quarter_from_commune_program import FRAMING, import_commune_program
from ui.dialogs import CloseQuarterDialog, DeriveWizard

pytestmark = pytest.mark.slow


def captions(win) -> list[str]:
    """The editor's tree as the secretary reads it, in order."""
    model = win.editor.tree.model()

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            yield index.data()
            yield from walk(index)

    return list(walk(QModelIndex()))


def under(shown: list[str], heading: str) -> str:
    """The line right after a section heading: what prints first in it."""
    return shown[next(i for i, c in enumerate(shown) if c.endswith(heading)) + 1]


def tracked(win) -> list[str]:
    win.tabs.setCurrentWidget(win.tracking)
    return [row["text"] for row in win.tracking.model.rows]


def wizard_user(seen: dict, open_existing: bool = False):
    """Answers the modal wizard as a user: reads step 1, Tiếp, reads step 2, Tạo dự thảo; or,
    told the quarter exists, keeps "Mở chương trình đã có" and finishes at step 1."""

    def step(box) -> None:
        if not isinstance(box, DeriveWizard) or not box.isVisible():
            return
        if box.currentId() == 0:
            seen["quarter"] = box.quarter.currentData()
            seen["note"] = box.exists_note.text() if box.exists_note.isVisibleTo(box) else ""
            if open_existing:
                finish = box.button(QWizard.WizardButton.FinishButton)
                seen["finish"] = (finish.text(), finish.isVisible() and finish.isEnabled())
                seen["next_shown"] = box.button(QWizard.WizardButton.NextButton).isEnabled()
                box.button(QWizard.WizardButton.FinishButton).click()
            else:
                box.button(QWizard.WizardButton.NextButton).click()
        elif box.currentId() == 1:
            seen["carried"] = [box.carried.item(i).text() for i in range(box.carried.count())]
            box.button(QWizard.WizardButton.FinishButton).click()

    return step


def closing_user(seen: dict):
    """Looks at the tasks to close, unticks the commemorations (recorded as not done: every unfinished
    task is proposed for carrying), closes, and confirms closing a quarter that has not ended yet."""
    def step(box) -> None:
        if isinstance(box, CloseQuarterDialog) and box.isVisible() and "rows" not in seen:
            seen["rows"] = [box.table.item(r, 2).text() for r in range(box.table.rowCount())]
            for r in range(box.table.rowCount()):
                if box.table.item(r, 2).text().startswith("Tổ chức các hoạt động"):
                    box.table.item(r, 0).setCheckState(Qt.CheckState.Unchecked)
            box.reason.setText("Đã lồng ghép vào hoạt động kỷ niệm của huyện")  # why: the report says it
            # pressed after this answer returns: the press asks a question of its own (quarter not over)
            QTimer.singleShot(0, next(b for b in box.findChildren(QPushButton) if b.text() == "Kết thúc quý").click)
        elif isinstance(box, QMessageBox) and "rows" in seen:
            seen.setdefault("questions", []).append(box.text())
            next(b for b in box.buttons() if b.text() == "Vẫn kết thúc").click()

    return step


def test_a_commune_secretary_drafts_quarter_one_closes_it_and_drafts_quarter_two(window_on, tmp_path, qtbot):
    prepared: dict = {}

    def prepare(db):
        prepared["annual"] = import_commune_program(db, tmp_path)
        org = services.program_json(db, prepared["annual"])["organization_id"]
        services.update_organization(db, org, recipients=["- Lưu Văn phòng Đảng uỷ."])  # as set up at first run

    win = window_on(prepare)
    annual = prepared["annual"]
    win.refresh_programs(annual)

    # Soạn quý mới: the real wizard proposes quarter I, nothing exists, nothing carried
    seen: dict = {}
    timer = answer_modals(wizard_user(seen))
    win.derive_action.trigger()
    timer.stop()
    assert seen["quarter"] == 1 and seen["note"] == ""
    assert seen["carried"] == ["Không có nhiệm vụ nào chuyển sang quý này."]
    q1 = win.program["id"]
    assert win.program["quarter"] == 1 and win.program["recipients"] == [
        "Ban Thường vụ Thành ủy (để b/c)", "Các đồng chí Đảng ủy viên", "Các chi bộ trực thuộc",
        "- Lưu Văn phòng Đảng uỷ."]

    # what the draft shows: quarter I's own tasks, numbered from (1) in every section
    shown = captions(win)
    assert not any("quý II" in c or "quý III" in c or "quý IV" in c for c in shown)
    assert under(shown, "Công tác chính trị, tư tưởng").startswith(FRAMING)  # the framing paragraph first
    assert under(shown, "Nông nghiệp") == "(1) Tổng kết vụ lúa Đông Xuân 2026 - 2027 (tháng 3)."
    assert under(shown, "Quốc phòng, an ninh") == "(1) Tổ chức lễ giao nhận quân năm 2027 (quý I)."
    assert not any(c.endswith("Công tác tổ chức, cán bộ") for c in shown)  # nothing of it in quarter I
    qtbot.wait(20)

    # Theo dõi: the tasks, not the framing paragraph; one in progress, one left, the rest done
    rows = tracked(win)
    assert rows and not any(text.startswith(FRAMING) for text in rows)
    proxy = win.tracking.proxy
    status = next(i for i, (key, _) in enumerate(win.tracking.model.COLUMNS) if key == "status")
    study = rows.index(next(t for t in rows if t.startswith("Tổ chức học tập")))
    done = answer_done("Đã thực hiện xong trong quý.")  # "done" asks for its result
    for r in range(proxy.rowCount()):
        text = proxy.index(r, 2).data()
        value = "in_progress" if text.startswith("Tổ chức học tập") else (
            "not_started" if text.startswith("Tổ chức các hoạt động kỷ niệm") else "done")
        if value != "not_started":
            assert proxy.setData(proxy.index(r, status), value)
    done.stop()
    assert win.tracking.model.rows[study]["status"] == "in_progress"

    # Kết thúc quý: two unfinished tasks listed, the framing paragraph is not one of them
    closing: dict = {}
    timer = answer_modals(closing_user(closing))
    win.close_quarter_action.trigger()
    timer.stop()
    assert len(closing["rows"]) == 2 and not any(r.startswith(FRAMING) for r in closing["rows"])
    statuses = {t["text"][:20]: (t["status"], t["result_note"]) for t in services.program_tasks(win.db, q1)}
    assert statuses["Tổ chức học tập, quá"][0] == "carried"
    # not ticked: "không thực hiện", with the reason typed in the dialog
    assert statuses["Tổ chức các hoạt độn"] == ("dropped", "Đã lồng ghép vào hoạt động kỷ niệm của huyện")

    # quarter II: proposed by the wizard, the carried task listed, quarter I's tasks stay out
    win.refresh_programs(annual)
    seen = {}
    timer = answer_modals(wizard_user(seen))
    win.derive_action.trigger()
    timer.stop()
    assert seen["quarter"] == 2 and seen["carried"][0].startswith("Tổ chức học tập")
    q2 = win.program["id"]
    shown = captions(win)
    assert under(shown, "Nông nghiệp").startswith("(1) Chỉ đạo sản xuất vụ lúa Hè Thu")
    assert under(shown, "Công tác tổ chức, cán bộ").startswith("(1) Rà soát, bổ sung quy hoạch cán bộ")
    assert not any("Ngày thành lập Đảng" in c or "giao nhận quân" in c for c in shown)
    assert not any(c.endswith("Quốc phòng, an ninh") for c in shown)  # empty: not printed
    assert sum("↻" in c for c in shown) == 1  # the carried task, once
    assert not [f for f in services.check_program(win.db, q2).errors if f.rule_id.startswith("numbering.")]

    # Soạn quý mới for quarter II again: said at step 1, "Mở chương trình đã có" ends the wizard
    win.refresh_programs(annual)
    seen = {}

    def choose_two(box):
        if isinstance(box, DeriveWizard) and box.quarter.currentData() != 2:
            box.quarter.setCurrentIndex(box.quarter.findData(2))
        wizard_user(seen, open_existing=True)(box)

    timer = answer_modals(choose_two)
    win.derive_action.trigger()
    timer.stop()
    assert seen["note"] == "Quý II/2027 đã có (dự thảo lần 1)."
    assert seen["finish"] == ("Mở chương trình đã có", True) and not seen["next_shown"]
    assert "carried" not in seen  # the second step was never shown
    assert win.program["id"] == q2
    assert len([p for p in services.list_programs(win.db) if p.kind == "quarterly"]) == 2
