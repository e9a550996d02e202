"""Excel tracking workbook: export and re-import a quarter of 500 tasks (targets ≤ 1 s each)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import report


def synthetic_annual(tasks: int) -> str:
    """An annual program whose part II holds `tasks` paragraphs in 20 sections."""
    lines = ["CHƯƠNG TRÌNH", "thực hiện nhiệm vụ công tác năm 2024", "-----",
             "Năm 2024 là năm tập trung thực hiện các nhiệm vụ.", "I. MỤC TIÊU", "1. Mục tiêu",
             "Hoàn thành các chỉ tiêu.", "2. Các nhiệm vụ trọng tâm", "(1) Nhiệm vụ trọng tâm thứ nhất.",
             "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "1. Công tác xây dựng Đảng"]
    per_section = tasks // 20
    for s in range(1, 21):
        lines.append(f"1.{s}. Lĩnh vực số {s}")
        for p in range(1, per_section + 1):
            lines.append(f"Triển khai nhiệm vụ {s}.{p} của lĩnh vực {s}, bảo đảm tiến độ và chất lượng đề ra.")
    return "\n".join(lines) + "\n"


def main() -> None:
    import openpyxl

    from hgdesk import services
    from hgdesk.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "annual.txt"
        source.write_text(synthetic_annual(500), encoding="utf-8")
        db = Database(str(folder / "bench.sqlite3"))
        annual = services.import_file(db, source)
        quarter = services.derive_quarter(db, annual, 2)
        count = len(services.program_tasks(db, quarter))
        print(f"(quarter with {count} tasks)")
        out = folder / "q2.xlsx"
        times = []
        for _ in range(3):
            start = time.perf_counter()
            services.export_tracking_workbook(db, quarter, out)
            times.append(time.perf_counter() - start)
        report("export the tracking workbook (500 tasks, median of 3)", sorted(times)[1] * 1000, 1000)
        wb = openpyxl.load_workbook(out)
        ws = wb["Nhiệm vụ"]
        for row in range(2, ws.max_row + 1, 2):
            ws.cell(row=row, column=8, value=f"Kết quả dòng {row}")
        wb.save(folder / "back.xlsx")
        start = time.perf_counter()
        dry = services.import_tracking_workbook(db, quarter, folder / "back.xlsx")
        report("re-import, validate and dry run (500 tasks)", (time.perf_counter() - start) * 1000, 1000)
        start = time.perf_counter()
        applied = services.import_tracking_workbook(db, quarter, folder / "back.xlsx", apply=True)
        report(f"re-import and apply ({len(applied['changes'])} changes)", (time.perf_counter() - start) * 1000, 1000)
        assert dry["errors"] == [] and applied["applied"]
        db.dispose()


if __name__ == "__main__":
    main()
