"""Periods, times and file names are written one way wherever the secretary sees them: "quý II/2027"
(Roman numerals), dd/mm/yyyy HH:MM, and a suggested file name that keeps the whole title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hgdesk import numbering, services
from tests.conftest import SEEDS


def test_a_safe_file_name_keeps_the_whole_title_with_slashes_as_dashes():
    assert services.safe_file_name("BÁO CÁO Kết quả thực hiện chương trình công tác quý I/2027") == \
        "BÁO CÁO Kết quả thực hiện chương trình công tác quý I-2027"
    assert services.safe_file_name('a: b*c?"d"<e>|f\\g') == "a- b-c-d-e-f-g"
    assert services.safe_file_name(" / ") == "van-ban"


def test_the_issue_date_question_names_the_quarter_in_roman_numerals():
    question = numbering.date_questions("quarterly", 2027, 2, date(2027, 7, 5))[0]
    assert "quý II/2027" in question and "quý 2/2027" not in question


def test_backup_times_are_shown_as_day_month_year_hours_minutes(main_window):
    services.backup_now(main_window.db)
    row = services.list_backups(main_window.db)[0]
    day, clock = row["when"].split(" ")
    assert len(day) == 10 and day[2] == day[5] == "/" and len(clock) == 5 and clock[2] == ":"
    from ui.tools import BackupsDialog

    dialog = BackupsDialog(main_window.db, main_window)
    assert dialog.table.item(0, 0).text() == row["when"]
    dialog.close()


def test_suggested_export_names_use_roman_quarters_and_keep_the_report_title(main_window, monkeypatch):
    from ui import main_window as module

    annual = services.import_file(main_window.db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(main_window.db, annual, 1)
    main_window.refresh_programs(q1)
    suggested = []
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName",
                        staticmethod(lambda _parent, _title, path, _filters: (suggested.append(path), ("", ""))[1]))
    main_window.export_workbook()
    assert Path(suggested[-1]).name == "Sổ theo dõi quý I-2024.xlsx"

    report = main_window.draft_report()
    assert report is not None and "quý I/2024" in " ".join(services.program_json(main_window.db, report)["title"])
    monkeypatch.setattr(main_window.checker, "allows", lambda _what: True)  # the format check is not what is tested
    main_window.export("pdf")
    assert Path(suggested[-1]).name == ("BÁO CÁO kết quả thực hiện Chương trình công tác quý I-2024, "
                                        "phương hướng, nhiệm vụ quý II-2024.pdf")
