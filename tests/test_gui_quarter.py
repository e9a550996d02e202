"""A year of quarters through the widgets: the derive wizard's defaults and carried list, the
candidates panel, the close-quarter dialog, deleting and restoring a draft, the sample data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from hgdesk import services
from hgdesk.services import demo
from tests.conftest import SEEDS
from ui import dialogs, managing

pytestmark = pytest.mark.slow


@pytest.fixture
def window(main_window):
    # the window opens on Tổng quan (a new day); quarters are drafted in Soạn thảo
    main_window.tabs.setCurrentWidget(main_window.editor)
    return main_window


def run_wizard(monkeypatch, prepare=lambda w: None):
    seen = {}

    def fake_exec(wizard):
        seen["default_quarter"] = wizard.quarter.currentData()
        prepare(wizard)
        wizard.carried.clear()
        wizard._fill_carried()  # the review page, as when the user presses "Tiếp"
        seen["carried"] = [wizard.carried.item(i).data(Qt.ItemDataRole.UserRole) for i in range(wizard.carried.count())]
        if seen["carried"] and seen["carried"][0] is not None and prepare.__name__ == "untick_first":
            wizard.carried.item(0).setCheckState(Qt.CheckState.Unchecked)
        wizard.accept()
        return QDialog.DialogCode.Accepted if wizard.created else QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs.DeriveWizard, "exec", fake_exec)
    return seen


def panel_rows(win) -> dict[int, tuple[bool, str]]:
    """What the candidates panel shows: annual paragraph -> (ticked, note)."""
    tree = win.candidates.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            item = head.child(j)
            out[item.data(0, Qt.ItemDataRole.UserRole)["annual_node_id"]] = (
                item.checkState(0) == Qt.CheckState.Checked, item.text(1))
    return out


def stored_picks(db, program_id) -> set[int]:
    return {c["annual_node_id"] for s in services.quarter_candidates(db, program_id) for c in s["candidates"]
            if c["node_id"]}


def test_a_year_of_quarters_through_the_wizard_panel_and_close_dialog(window, monkeypatch, qtbot):
    win = window
    annual = services.import_file(win.db, SEEDS / "seed000.txt")
    win.refresh_programs(annual)

    # Q1: the wizard proposes quarter I; the panel shows what is in the draft, with reasons
    seen = run_wizard(monkeypatch)
    q1 = win.derive_dialog()
    assert seen["default_quarter"] == 1 and win.program["quarter"] == 1
    win.editor.side.setCurrentWidget(win.candidates)  # the "Nhiệm vụ năm để chọn" tab beside the tree
    rows = panel_rows(win)
    assert {k for k, (on, _n) in rows.items() if on} == stored_picks(win.db, q1)
    assert any("trọng tâm" in note for on, note in rows.values() if on)
    # tick one more candidate, pause, untick another: the tree and the store follow each step
    unticked = next(k for k, (on, _n) in rows.items() if not on)
    item = next(win.candidates.tree.topLevelItem(i).child(j) for i in range(win.candidates.tree.topLevelItemCount())
                for j in range(win.candidates.tree.topLevelItem(i).childCount())
                if win.candidates.tree.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole)["annual_node_id"]
                == unticked)
    item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: unticked in stored_picks(win.db, q1) and panel_rows(win)[unticked][0])
    qtbot.wait(50)
    picked = next(k for k, (on, _n) in panel_rows(win).items() if on and k != unticked)
    item = next(win.candidates.tree.topLevelItem(i).child(j) for i in range(win.candidates.tree.topLevelItemCount())
                for j in range(win.candidates.tree.topLevelItem(i).childCount())
                if win.candidates.tree.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole)["annual_node_id"]
                == picked)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: picked not in stored_picks(win.db, q1) and not panel_rows(win)[picked][0])
    in_tree = [n["text"] for n in services.program_json(win.db, q1)["nodes"][0]["children"]]
    assert in_tree == [n["text"] for n in win.editor.program["nodes"][0]["children"]]  # the editor reloaded
    texts = [n["text"] for n in services.program_tasks(win.db, q1)]
    assert len(texts) == len(set(texts)) and win.editor.program["id"] == q1
    text_of = {c["annual_node_id"]: c["text"] for sec in services.quarter_candidates(win.db, q1) for c in sec["candidates"]}
    assert text_of[unticked] in texts and text_of[picked] not in texts
    qtbot.wait(10)
    head = win.candidates.tree.topLevelItem(3)
    section_id = head.data(0, Qt.ItemDataRole.UserRole)["annual_section_id"]
    win.candidates.tree.setCurrentItem(head.child(0))
    win.candidates.add_all_of_current()
    section = next(s for s in services.quarter_candidates(win.db, q1) if s["annual_section_id"] == section_id)
    assert all(c["node_id"] for c in section["candidates"])

    # track: one in progress, one not started, the rest done
    tasks = services.program_tasks(win.db, q1)
    services.update_task(win.db, tasks[0]["task_id"], status="in_progress", lead_unit="Ban Tổ chức")
    for t in tasks[2:]:
        services.update_task(win.db, t["task_id"], status="done")
    win.refresh_programs(q1)

    # close Q1: the dialog shows status, unit; every unfinished task ticked to carry; invert, all, none
    shown = {}

    def close(d):
        shown["rows"] = [(d.table.item(r, 3).text(), d.table.item(r, 4).text()) for r in range(d.table.rowCount())]
        shown["default"] = set(d.chosen())
        d.findChildren(dialogs.QPushButton)[2].click()  # Đảo chọn
        shown["inverted"] = set(d.chosen())
        d.findChildren(dialogs.QPushButton)[1].click()  # Bỏ chọn tất cả
        assert d.chosen() == set()
        d.findChildren(dialogs.QPushButton)[0].click()  # Chọn tất cả
        d.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # not started: not carried
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.CloseQuarterDialog, "exec", close)
    win.close_quarter_dialog()
    assert shown["rows"] == [("đang thực hiện", "Ban Tổ chức"), ("chưa thực hiện", "")]
    assert shown["default"] == {tasks[0]["task_id"], tasks[1]["task_id"]} and shown["inverted"] == set()
    statuses = {t["task_id"]: t["status"] for t in services.program_tasks(win.db, q1)}
    assert (statuses[tasks[0]["task_id"]], statuses[tasks[1]["task_id"]]) == ("carried", "dropped")

    # Q2: the wizard proposes quarter II and lists the carried task; it appears once, marked in the panel
    seen = run_wizard(monkeypatch)
    q2 = win.derive_dialog()
    assert seen["default_quarter"] == 2 and seen["carried"] == [tasks[0]["task_id"]]
    carried = [r for r in services.program_tasks(win.db, q2) if r["carried_from"]]
    assert len(carried) == 1 and [r["text"] for r in services.program_tasks(win.db, q2)].count(carried[0]["text"]) == 1
    assert any("chuyển từ quý trước" in note for _on, note in panel_rows(win).values())
    from tests.test_gui_commune_quarters import captions

    marked = [c for c in captions(win) if "↻" in c]
    assert len(marked) == 1 and carried[0]["text"][:40] in marked[0]  # the carried task, once, marked
    assert any("đã có ở quý I" in note for _on, note in panel_rows(win).values())

    # deriving Q2 again: the wizard offers to open it (default) or a new draft version
    seen = run_wizard(monkeypatch, lambda w: w.quarter.setCurrentIndex(1))
    assert win.derive_dialog() == q2
    seen = run_wizard(monkeypatch, lambda w: (w.quarter.setCurrentIndex(1), w.new_version.setChecked(True)))
    q2b = win.derive_dialog()
    assert q2b != q2 and services.program_json(win.db, q2b)["draft_version"] == 2

    # delete that second draft to the Thùng rác, then restore it from the trash dialog
    win.refresh_programs(q2b)
    win.manage.delete(confirm=False)
    assert q2b not in [p.id for p in services.list_programs(win.db)]
    monkeypatch.setattr(managing.TrashDialog, "exec", lambda d: d.restore_current() or 1)
    dialog = win.manage.show_trash()
    assert dialog.restored == [q2b] and win.program["id"] == q2b


def test_the_sample_data_is_labelled_and_removed_from_the_window(window, monkeypatch):
    win = window
    demo.load_demo(win.db)
    own = services.import_file(win.db, SEEDS / "seed000.txt")
    win.refresh_programs(own)
    model = win.programs.model()
    captions = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any(c.endswith("Dữ liệu mẫu") for c in captions)
    win.refresh_programs(1)
    assert "Dữ liệu mẫu" in win.header.text()
    assert win.manage.demo_action.isEnabled()
    win.manage.remove_demo(confirm=False)
    model = win.programs.model()
    captions = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert not any("Dữ liệu mẫu" in c for c in captions)
    assert [p.id for p in services.list_programs(win.db)] == [own] and not win.manage.demo_action.isEnabled()


def test_importing_the_same_file_again_offers_to_open_it(window, monkeypatch):
    win = window
    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    first = win.import_path(str(SEEDS / "seed000.txt"))

    def choose(which):
        def fake(d):
            d.choice = which
            return QDialog.DialogCode.Accepted
        return fake

    monkeypatch.setattr(managing.DuplicateImportDialog, "exec", choose("open"))
    assert win.import_path(str(SEEDS / "seed000.txt")) == first
    assert len(services.list_programs(win.db)) == 1
    monkeypatch.setattr(managing.DuplicateImportDialog, "exec", choose("new"))
    second = win.import_path(str(SEEDS / "seed000.txt"))
    assert second != first and len(services.list_programs(win.db)) == 2


def test_first_run_wizard_sets_up_a_commune_whose_first_quarter_prints_its_header(window, monkeypatch, qtbot):
    from ui import first_run
    from ui.first_run import FirstRunWizard

    win = window
    demo.load_demo(win.db)  # a new database starts with the sample data
    assert services.needs_office_setup(win.db)
    wizard = FirstRunWizard(win.db, win)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.kind.currentData() == "commune" and wizard.unit.currentData() == "xã"
    refused = []
    monkeypatch.setattr(first_run.runner, "show_error", lambda _p, title, text: refused.append(text))
    assert not wizard.validateCurrentPage() and "Hãy nhập tên cơ quan" in refused[0]  # nothing typed yet
    wizard.name.insert("Hòa An")  # typed (QTest cannot type Vietnamese letters)
    wizard.superior_kind.setCurrentIndex(wizard.superior_kind.findData("thành phố"))
    wizard.superior.insert("Cần Thơ")
    assert "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ" in wizard.preview.text() and "ĐẢNG UỶ XÃ HÒA AN" in wizard.preview.text()
    assert "CTr/ĐU" in wizard.preview.text()
    wizard.next()
    assert (wizard.suffix.text(), wizard.place.text()) == ("ĐU", "Hòa An")
    wizard.signer_name.insert("Nguyễn Văn A")
    wizard.next()
    assert wizard.start_empty.isChecked()
    wizard.accept()
    org = wizard.organization_id
    assert org and not services.needs_office_setup(win.db)
    assert not any(o["demo"] for o in services.list_organizations(win.db))  # "bắt đầu trống" removed the sample
    info = services.organization(win.db, org)
    assert (info["signer_name"], info["signer_authority"]) == ("Nguyễn Văn A", "T/M ĐẢNG UỶ")

    annual = services.import_file(win.db, SEEDS / "seed000.txt", org)
    win.refresh_programs(annual)
    run_wizard(monkeypatch)
    q1 = win.derive_dialog()
    # the header's place names are held together by no-break spaces (layout.py): compared as read
    header = [p.text.replace("\u00a0", " ") for row in services.document_for(win.db, q1).header for p in row.left + row.right]
    at = [header.index(line) for line in ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY XÃ HÒA AN", "*")]
    assert at == sorted(at) and at[2] - at[0] == 2  # three lines, in this order
    assert any(t.endswith("-CTr/ĐU") for t in header)


def test_a_candidate_dragged_onto_a_section_goes_into_that_section(window, qtbot):
    from PySide6.QtCore import QModelIndex

    win = window
    annual = services.import_file(win.db, SEEDS / "seed000.txt")
    q3 = services.derive_quarter(win.db, annual, 3)
    win.refresh_programs(q3)
    win.editor.side.setCurrentWidget(win.candidates)
    panel = win.candidates
    item = next(panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
                for j in range(panel.tree.topLevelItem(i).childCount())
                if panel.tree.topLevelItem(i).child(j).checkState(0) == Qt.CheckState.Unchecked)
    annual_id = item.data(0, Qt.ItemDataRole.UserRole)["annual_node_id"]
    mime = panel.tree.mimeData([item])  # what a drag carries
    model = win.editor.tree.model()
    part2 = model.index(1, 0, QModelIndex())
    section = model.index(0, 0, model.index(2, 0, part2))  # 3.1.
    section_id = section.data(Qt.ItemDataRole.UserRole)["id"]
    model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, section)
    qtbot.waitUntil(lambda: annual_id in stored_picks(win.db, q3))
    target = next(s for s in services.program_json(win.db, q3)["nodes"][1]["children"][2]["children"]
                  if s["id"] == section_id)
    assert any(c["text"] == text_of_annual(win.db, q3, annual_id) for c in target["children"])  # in 3.1.
    qtbot.waitUntil(lambda: any(i.checkState(0) == Qt.CheckState.Checked and
                                i.data(0, Qt.ItemDataRole.UserRole)["annual_node_id"] == annual_id
                                for i in (panel.tree.topLevelItem(a).child(b)
                                          for a in range(panel.tree.topLevelItemCount())
                                          for b in range(panel.tree.topLevelItem(a).childCount()))))


def text_of_annual(db, program, annual_id) -> str:
    return next(c["text"] for s in services.quarter_candidates(db, program) for c in s["candidates"]
                if c["annual_node_id"] == annual_id)
