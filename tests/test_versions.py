"""A new version of an issued program continues it: tasks keep their status, units, notes and
history by lineage; the quarter's report counts the current version only."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import services
from hgdesk.errors import InputError
from tests.conftest import SEEDS


@pytest.fixture
def issued_q2(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    tasks = services.program_tasks(db, q2)
    services.update_task(db, tasks[0]["task_id"], status="in_progress", lead_unit="Ban Tổ chức Tỉnh ủy",
                         result_note="Đã họp triển khai")
    services.issue_program(db, q2, "125", date(2024, 4, 3))
    return q2


def test_a_new_version_carries_every_task_forward_with_its_state_and_history(db, issued_q2):
    old = services.program_tasks(db, issued_q2)
    new_id = services.new_version(db, issued_q2)
    new = services.program_tasks(db, new_id)
    assert len(new) == len(old)
    first_old, first_new = old[0], new[0]
    assert first_new["task_id"] != first_old["task_id"]
    assert (first_new["status"], first_new["lead_unit"], first_new["result_note"]) == (
        "in_progress", "Ban Tổ chức Tỉnh ủy", "Đã họp triển khai")
    assert [e.to_status for e in services.task_history(db, first_new["task_id"])] == ["in_progress"]
    chain = services.task_chain(db, first_new["task_id"])
    assert [link["task_id"] for link in chain if link["task_id"]] == [first_new["task_id"]]  # one per quarter
    data = services.program_json(db, new_id)
    assert data["supersedes_id"] == issued_q2 and data["status"] == "draft"
    assert services.program_json(db, issued_q2)["superseded_by"] == new_id


def test_the_quarter_report_counts_the_current_version_only(db, issued_q2):
    organization = services.program_json(db, issued_q2)["organization_id"]
    before = services.report_status(db, issued_q2)
    services.new_version(db, issued_q2)
    after = services.report_status(db, issued_q2)
    assert [r["total"] for r in after] == [r["total"] for r in before]
    assert services.program_ids_of(db, organization, 2024)[2] != issued_q2


def test_a_series_stays_linear_and_a_draft_needs_no_new_version(db, issued_q2):
    new_id = services.new_version(db, issued_q2)
    with pytest.raises(InputError, match="phiên bản mới"):
        services.new_version(db, issued_q2)
    with pytest.raises(InputError, match="dự thảo"):
        services.new_version(db, new_id)
