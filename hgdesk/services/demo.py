"""Demo content for a new default database, so a newcomer sees real programs at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from hgdesk import services  # the sample is built as a user would build it: through the services
from hgdesk.db import Database
from hgdesk.models import Program
from hgdesk.resources import resource

PROVINCE = {
    "name": "Tỉnh ủy Hậu Giang",
    "header_name": "TỈNH ỦY HẬU GIANG",
    "superior_line": "",
    "symbol_suffix": "TU",
    "office_code": "VPTU",
    "place": "Hậu Giang",
    "level": "province",
    "signer_authority": "T/M TỈNH ỦY",
    "signer_position": "PHÓ BÍ THƯ",
}
DISTRICT = {
    "name": "Huyện ủy Phụng Hiệp",
    "header_name": "HUYỆN ỦY PHỤNG HIỆP",
    "superior_line": "ĐẢNG BỘ TỈNH HẬU GIANG",
    "symbol_suffix": "HU",
    "office_code": "VPHU",
    "place": "Phụng Hiệp",
    "level": "district",
    "signer_authority": "T/M HUYỆN ỦY",
    "signer_position": "BÍ THƯ",
}


def is_empty(db: Database) -> bool:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Program)) == 0


def load_demo(db: Database) -> list[int]:
    """Two organisations and three programs imported from the shipped seed copies."""
    province = services.create_organization(db, is_demo=True, **PROVINCE)
    district = services.create_organization(db, parent_id=province, is_demo=True, **DISTRICT)
    annual = services.import_file(db, resource("demo", "tinh_uy_nam_2024.txt"), province)
    quarter = services.import_file(db, resource("demo", "tinh_uy_quy_II_2024.txt"), province)
    services.set_program_parent(db, quarter, annual)
    district_annual = services.import_file(db, resource("demo", "huyen_uy_nam_2024.txt"), district)
    services.set_program_parent(db, district_annual, annual)
    _demo_tracking(db, annual, quarter)
    return [annual, quarter, district_annual]


LEAD_UNITS = ["Ban Tuyên giáo Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Dân vận Tỉnh ủy",
              "Ban cán sự đảng UBND tỉnh", "Ban cán sự đảng UBND tỉnh", "Đảng ủy Quân sự tỉnh"]


def _demo_tracking(db: Database, annual: int, quarter: int) -> None:
    """A little tracking in the demo quarter, so the tracking and report views are not empty."""
    tasks = services.program_tasks(db, quarter)
    for task, unit in zip(tasks[:6], LEAD_UNITS, strict=False):
        services.update_task(db, task["task_id"], lead_unit=unit)
    services.update_task(db, tasks[0]["task_id"], status="done", result_note="Đã tổ chức đợt sinh hoạt chính trị.",
                         completed=date(2024, 6, 14))
    services.update_task(db, tasks[1]["task_id"], status="in_progress")
    services.update_task(db, tasks[4]["task_id"], status="in_progress")
    indicators = services.program_indicators(db, annual)
    for period, value in (("2024-Q1", 290.0), ("2024-Q2", 610.0)):
        services.record_indicator(db, indicators[0]["indicator_id"], period, value, "Số liệu mẫu")
