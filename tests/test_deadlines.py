"""A task's deadline is read from what the office wrote, and timeliness follows from it."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import deadlines
from hgdesk.deadlines import DeadlineKind, due_date, parse


@pytest.mark.parametrize(("text", "kind", "due"), [
    ("Tổ chức hội nghị sơ kết trước ngày 15/6/2024.", DeadlineKind.DATE, date(2024, 6, 15)),
    ("Báo cáo Ban Thường vụ chậm nhất ngày 20/7", DeadlineKind.DATE, date(2024, 7, 20)),
    ("Gửi báo cáo về Văn phòng, hạn 30/6.", DeadlineKind.DATE, date(2024, 6, 30)),
    ("Ban hành kế hoạch trong tháng 6/2024", DeadlineKind.MONTH, date(2024, 6, 30)),
    ("Hoàn thành trước tháng 6 năm 2024", DeadlineKind.MONTH, date(2024, 5, 31)),
    ("Đề án trình Tỉnh ủy trong quý III", DeadlineKind.QUARTER, date(2024, 9, 30)),
    # seed 002: "… tốt đại hội chi bộ trực thuộc đảng ủy cơ sở nhiệm kỳ 2025 - 2027 (hoàn thành trong quý I/2025)"
    ("Chỉ đạo tổ chức tốt đại hội chi bộ (hoàn thành trong quý I/2025)", DeadlineKind.QUARTER, date(2025, 3, 31)),
    ("ở các địa phương, đơn vị còn lại theo kế hoạch trong quý IV năm 2024.", DeadlineKind.QUARTER,
     date(2024, 12, 31)),
    ("TRONG QUÝ II/2024 hoàn thành rà soát", DeadlineKind.QUARTER, date(2024, 6, 30)),
    # seeds 000-004: "thường xuyên" is assessed at the end of each quarter
    ("Thực hiện thường xuyên việc nắm tình hình tư tưởng", DeadlineKind.ONGOING, date(2024, 6, 30)),
    ("Xây dựng kế hoạch trong 20 ngày sau khi Tỉnh ủy ban hành chương trình", DeadlineKind.RELATIVE, None),
    ("Sơ kết theo đề nghị của cấp trên", DeadlineKind.ON_REQUEST, None),
])
def test_deadline_phrases_as_offices_write_them(text, kind, due):
    deadline = parse(text, 2024, 2)
    assert deadline is not None and deadline.kind is kind and deadline.due == due
    assert deadline.phrase.casefold() in text.casefold()


def test_a_date_that_cites_a_document_is_not_a_deadline():
    assert parse("Tiếp tục thực hiện Nghị quyết số 04-NQ/TU ngày 26/11/2021 của Ban Chấp hành Đảng bộ tỉnh", 2024, 2) \
        is None
    assert due_date("Triển khai Kết luận số 14-KL/TW ngày 22/9/2021", 2024, 2) == date(2024, 6, 30)


def test_a_relative_deadline_counts_from_the_programs_issue_date():
    text = "Các cấp ủy xây dựng kế hoạch thực hiện trong 20 ngày kể từ ngày Tỉnh ủy ban hành chương trình"
    assert parse(text, 2024, 2, anchor=date(2024, 4, 2)).due == date(2024, 4, 22)
    assert due_date(text, 2024, 2) is None  # not issued yet: no date to judge against


def test_the_most_precise_phrase_wins():
    deadline = parse("Thực hiện thường xuyên; báo cáo kết quả trước ngày 10/6/2024", 2024, 2)
    assert deadline.kind is DeadlineKind.DATE and deadline.due == date(2024, 6, 10)


def test_an_imported_quarters_tasks_are_due_when_their_text_says(db, seed):
    from hgdesk import services

    text = seed(1).read_text(encoding="utf-8")
    marked = "1. Triển khai đợt sinh hoạt chính trị, tư tưởng"
    assert marked in text
    text = text.replace(marked, "1. Trước ngày 15/5/2024, triển khai đợt sinh hoạt chính trị, tư tưởng", 1)
    program = services.import_bytes(db, text.encode("utf-8"), "quy-II.txt")
    rows = services.program_tasks(db, program)
    first = [r for r in rows if r["text"].startswith("Trước ngày 15/5/2024")]
    assert len(first) == 1 and first[0]["due_date"] == date(2024, 5, 15)
    assert {r["due_date"] for r in rows if r is not first[0]} == {date(2024, 6, 30)}  # the rest: the quarter's end


@pytest.mark.parametrize(("typed", "due"), [
    ("15/6/2024", date(2024, 6, 15)), ("30/6", date(2024, 6, 30)), ("tháng 5/2024", date(2024, 5, 31)),
    ("tháng 8", date(2024, 8, 31)), ("quý III", date(2024, 9, 30)), ("trong quý II", date(2024, 6, 30)),
    ("thường xuyên", date(2024, 9, 30)), ("theo đề nghị của cấp trên", None),
    ("20 ngày sau khi Tỉnh ủy ban hành", None),
])
def test_a_deadline_typed_in_the_tracking_table_is_read_as_offices_write_it(typed, due):
    deadline = deadlines.typed(typed, 2024, 3)
    assert deadline is not None and deadline.due == due


def test_an_unreadable_deadline_is_refused_in_vietnamese_and_nothing_changes(db):
    from hgdesk import services
    from hgdesk.errors import InputError
    from tests.conftest import SEEDS

    quarter = services.derive_quarter(db, services.import_file(db, SEEDS / "seed000.txt"), 2)
    task = services.program_tasks(db, quarter)[0]
    with pytest.raises(InputError, match=r"Không hiểu hạn “sớm nhất có thể”\. Hãy ghi như: 15/6/2024"):
        services.set_deadline(db, task["task_id"], "sớm nhất có thể")
    assert services.program_tasks(db, quarter)[0] == task
    services.set_deadline(db, task["task_id"], "thường xuyên")
    assert services.program_tasks(db, quarter)[0]["due_date"] == date(2024, 6, 30)
    services.set_deadline(db, task["task_id"], "")  # empty: back to what the task's text says
    assert services.program_tasks(db, quarter)[0]["due_date"] == task["due_date"]
