"""Evidence for "done": the result note is required, a reference and a file (≤ 10 MB, refused in
Vietnamese above, nothing changed) are kept; the workbook carries them out and back; undo takes the
whole operation back."""

from __future__ import annotations

import openpyxl
import pytest

from hgdesk import evidence, services
from hgdesk.errors import InputError, NotFoundError
from tests.conftest import SEEDS


@pytest.fixture
def quarter(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 2)


def test_done_needs_its_result_and_a_too_large_file_is_refused_with_nothing_changed(db, quarter, tmp_path):
    task = services.program_tasks(db, quarter)[0]
    with pytest.raises(InputError, match="Hãy ghi kết quả thực hiện"):
        services.complete_tasks(db, [task["task_id"]], "   ", "12-BC/TU")
    big = tmp_path / "quet-bao-cao.pdf"
    with big.open("wb") as f:
        f.truncate(evidence.MAX_BYTES + 1)
    with pytest.raises(InputError) as refused:
        services.complete_tasks(db, [task["task_id"]], "Đã xong", "12-BC/TU", big)
    assert "vượt giới hạn 10 MB" in str(refused.value) and "quet-bao-cao.pdf" in str(refused.value)
    assert services.program_tasks(db, quarter)[0] == task


def test_the_evidence_file_is_kept_once_comes_back_out_and_undo_takes_it_all_back(db, quarter, tmp_path):
    rows = services.program_tasks(db, quarter)[:2]
    proof = tmp_path / "bien-ban.pdf"
    proof.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    services.complete_tasks(db, [r["task_id"] for r in rows], "Đã tổ chức hội nghị", "12-BC/TU", proof)
    op = services.last_changes(db).op_id
    for row in rows:
        name, data = services.evidence_file(db, row["task_id"])
        assert (name, data) == ("bien-ban.pdf", proof.read_bytes())
    from hgdesk.models import EvidenceFile

    with db.transaction() as s:
        assert s.query(EvidenceFile).count() == 1  # the same bytes stored once
    out = services.save_evidence_file(db, rows[1]["task_id"], tmp_path / "ra.pdf")
    assert out.read_bytes() == proof.read_bytes()
    services.undo(db, op)
    after = services.program_tasks(db, quarter)[:2]
    assert [(r["status"], r["result_note"], r["evidence_ref"], r["evidence_name"]) for r in after] == [
        ("not_started", "", "", "")] * 2
    with pytest.raises(NotFoundError, match="chưa có tệp minh chứng"):
        services.evidence_file(db, rows[0]["task_id"])


def test_the_workbook_carries_the_evidence_and_reads_back_its_own_export(db, quarter, tmp_path):
    task = services.program_tasks(db, quarter)[0]
    proof = tmp_path / "anh-hoi-nghi.jpg"
    proof.write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    services.complete_tasks(db, [task["task_id"]], "Đã tổ chức hội nghị", "12-BC/TU", proof)
    path = tmp_path / "q2.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    assert (ws["I2"].value, ws["J2"].value) == ("12-BC/TU", "anh-hoi-nghi.jpg")
    assert services.import_tracking_workbook(db, quarter, path)["changes"] == []  # its own export: nothing to do
    wb = openpyxl.load_workbook(path)
    wb["Nhiệm vụ"]["I2"] = "15-BC/TU"
    wb["Nhiệm vụ"]["I3"] = "Công văn 20-CV/VPTU"
    wb.save(tmp_path / "back.xlsx")
    report = services.import_tracking_workbook(db, quarter, tmp_path / "back.xlsx", apply=True)
    assert report["errors"] == [] and sorted((c["field"], c["new"]) for c in report["changes"]) == [
        ("evidence_ref", "15-BC/TU"), ("evidence_ref", "Công văn 20-CV/VPTU")]
    assert services.program_tasks(db, quarter)[0]["evidence_ref"] == "15-BC/TU"


def test_a_workbook_exported_before_the_evidence_columns_is_still_read(db, quarter, tmp_path):
    path = tmp_path / "q2.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Nhiệm vụ"]
    ws.delete_cols(9, 2)  # as the previous version wrote it
    ws["H2"] = "Đã tổ chức hội nghị"
    wb.save(tmp_path / "old.xlsx")
    report = services.import_tracking_workbook(db, quarter, tmp_path / "old.xlsx")
    assert report["errors"] == [] and [(c["field"], c["new"]) for c in report["changes"]] == [
        ("result_note", "Đã tổ chức hội nghị")]


def test_the_report_names_the_evidence_as_typed_or_as_a_document_number():
    """Typed as the dialog suggests ("Báo cáo số 15-BC/HU ngày 20/9/2024") it is printed as typed; a bare
    number-symbol gets "văn bản số" — never "văn bản số Báo cáo số …"."""
    from hgdesk.evidence import describe
    from hgdesk.models import Task

    assert describe(Task(evidence_ref="Báo cáo số 21-BC/ĐU ngày 28/3/2026", evidence_name=None)) \
        == "Báo cáo số 21-BC/ĐU ngày 28/3/2026"
    assert describe(Task(evidence_ref="21-BC/ĐU", evidence_name="bien-ban.pdf")) \
        == "văn bản số 21-BC/ĐU; tệp “bien-ban.pdf”"


def test_not_carrying_out_needs_its_reason_kept_in_the_history_and_one_undo_takes_it_back(db, quarter):
    rows = services.program_tasks(db, quarter)[:2]
    ids = [r["task_id"] for r in rows]
    with pytest.raises(InputError, match="Hãy ghi lý do không thực hiện"):
        services.drop_tasks(db, ids, "  \n ")
    assert services.program_tasks(db, quarter)[:2] == rows
    services.drop_tasks(db, ids, " Cấp trên chưa hướng dẫn ")
    op = services.last_changes(db).op_id
    after = services.program_tasks(db, quarter)[:2]
    assert {(r["status"], r["result_note"]) for r in after} == {("dropped", "Cấp trên chưa hướng dẫn")}
    assert services.task_history(db, ids[0])[-1].note == "Cấp trên chưa hướng dẫn"
    services.undo(db, op)
    assert [(r["status"], r["result_note"]) for r in services.program_tasks(db, quarter)[:2]] == [
        (r["status"], r["result_note"]) for r in rows]
