"""Sample documents for the format checker's tests: a program that follows HD 36 (dated 2024)
and one that follows HD 05 (dated 2026), as plain text, and helpers to check variants of them."""

from __future__ import annotations

from datetime import date

from hgdesk.checks.engine import FAULT, Report, run
from hgdesk.checks.rules import load_rules
from hgdesk.checks.subject import Subject, file_subject, program_subject
from hgdesk.importing import parse_text

TODAY = date(2026, 11, 23)

GOOD_HD36 = """TỈNH ỦY HẬU GIANG
*
Số 12-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hậu Giang, ngày 03 tháng 4 năm 2024
CHƯƠNG TRÌNH
công tác quý II năm 2024
-----
Thực hiện Chương trình công tác năm 2024, Tỉnh ủy đề ra các nhiệm vụ trọng tâm sau:
I. Các nhiệm vụ trọng tâm
1. Tập trung lãnh đạo công tác xây dựng Đảng và hệ thống chính trị.
2. Triển khai Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương về xây dựng Đảng[1].
II. Tổ chức thực hiện
1. Các cơ quan tham mưu, giúp việc Tỉnh ủy cụ thể hóa theo chức năng, nhiệm vụ.
2. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chương trình này.
Trên đây là một số mặt công tác trọng tâm Tỉnh ủy chỉ đạo thực hiện trong quý II/2024.
Nơi nhận:
- Ban Bí thư Trung ương Đảng,
- Các đồng chí Tỉnh ủy viên,
- Lưu VPTU.
T/M TỈNH ỦY
PHÓ BÍ THƯ
Nguyễn Văn An
[1] Kết luận về tiếp tục đẩy mạnh xây dựng, chỉnh đốn Đảng.
"""

GOOD_HD05 = (
    GOOD_HD36.replace("TỈNH ỦY HẬU GIANG", "TỈNH UỶ HẬU GIANG")
    .replace("ngày 03 tháng 4 năm 2024", "ngày 15 tháng 6 năm 2026")
    .replace("quý II năm 2024", "quý II năm 2026").replace("quý II/2024", "quý II/2026")
    .replace("năm 2024", "năm 2026")
    .replace("- Ban Bí thư Trung ương Đảng,", "- Ban Bí thư Trung ương Đảng;")
    .replace("- Các đồng chí Tỉnh ủy viên,", "- Các đồng chí Tỉnh uỷ viên;")
    .replace("Tỉnh ủy", "Tỉnh uỷ").replace("TỈNH ỦY", "TỈNH UỶ").replace("cụ thể hóa", "cụ thể hoá")
)


def text_subject(text: str, profile: str | None = None, source: str = "text") -> Subject:
    data = parse_text(text, "mẫu.txt", paragraphs=True).to_json()
    return file_subject(data, text.splitlines(), "mẫu.txt", source=source, profile=profile, paragraphs=True,
                        today=TODAY)


def data_subject(text: str, profile: str | None = None, **kw) -> Subject:
    data = parse_text(text, "mẫu.txt", paragraphs=True).to_json()
    data.setdefault("status", "draft" if data.get("draft") else "issued")
    return program_subject(data, profile, today=TODAY, **kw)


def check_rule(rule_id: str, subject: Subject) -> Report:
    rule = next(r for r in load_rules() if r.id == rule_id)
    return run(subject, [rule])


def faults(report: Report) -> list[str]:
    return [f.rule_id for f in report.findings if f.status == FAULT]
