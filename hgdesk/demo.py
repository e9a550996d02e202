"""Demo content for a new default database, so a newcomer sees real programs at once."""

from __future__ import annotations

from sqlalchemy import func, select

from hgdesk import services
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
    province = services.create_organization(db, **PROVINCE)
    district = services.create_organization(db, parent_id=province, **DISTRICT)
    annual = services.import_file(db, resource("demo", "tinh_uy_nam_2024.txt"), province)
    quarter = services.import_file(db, resource("demo", "tinh_uy_quy_II_2024.txt"), province)
    services.set_program_parent(db, quarter, annual)
    district_annual = services.import_file(db, resource("demo", "huyen_uy_nam_2024.txt"), district)
    services.set_program_parent(db, district_annual, annual)
    return [annual, quarter, district_annual]
