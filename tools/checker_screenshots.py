"""Screenshots of the Kiểm tra thể thức panel on a faulty draft (seed 001 with faults put in), after
the autofixes, and the first page of the exported note. Run under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/checker_screenshots.py OUT_DIR
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def faulty_draft(folder: Path) -> Path:
    text = (ROOT / "tests" / "data" / "seeds" / "seed001.txt").read_text(encoding="utf-8")
    text = (text.replace("Số      -CTr/TU", "Số 7-CTr/TU")
            .replace("- Văn phòng Trung ương Đảng,", "- Lưu VPTU,\n- Văn phòng Trung ương Đảng,")
            .replace("- Lưu VPTU.", "- Các ban, sở, ngành tỉnh.")
            .replace("2. Tập trung kiểm tra", "1. Tập trung kiểm tra")
            .replace("hiện thực hóa khát vọng", "hiện thực hoá khát vọng"))
    text += "T/M TỈNH ỦY\nPHÓ BÍ THƯ TỈNH ỦY\n"
    path = folder / "du-thao-quy-II.txt"
    path.write_text(text, encoding="utf-8")
    return path


def district_word_file(folder: Path) -> Path:
    """Seed 003 (a Huyện ủy program, 2024) as Word, then drifted the way files sent up drift:
    the old 25/25/35/15 mm margins and a 13 pt title."""
    import docx
    from docx.shared import Mm, Pt

    from hgdesk import services

    path = services.export_docx(None, ROOT / "tests" / "data" / "seeds" / "seed003.txt", folder / "huyen-uy.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin, section.right_margin = Mm(35), Mm(15)
    for table in document.tables[:1]:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                if paragraph.text == "ĐẢNG CỘNG SẢN VIỆT NAM":
                    for run in paragraph.runs:
                        run.font.size = Pt(13)
    document.save(str(path))
    return path


def settle(app, seconds: float = 0.5) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from hgdesk import services
    from hgdesk.db import Database
    from ui import checking
    from ui.app import install_vietnamese
    from ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    install_vietnamese(app)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "shots.sqlite3"))
        program = services.import_file(db, faulty_draft(Path(tmp)))
        win = MainWindow(db)
        win.fit_to_screen()  # what a first start shows on this screen (run it at 1366×768)
        win.show()
        win.refresh_programs(program)
        win.checker.check_now()
        tree = win.checker.view.tree
        chosen = tree.topLevelItem(0).child(1)
        tree.setCurrentItem(chosen)
        tree.itemClicked.emit(chosen, 0)  # as a click does: the editor opens on the finding's paragraph
        settle(app)
        win.grab().save(str(out / "kiem-tra-1-du-thao-co-loi.png"))

        dialog_shot = {}

        def grab_preview():
            for w in app.topLevelWidgets():
                if isinstance(w, checking.FixPreviewDialog) and w.isVisible():
                    settle(app, 0.3)
                    w.grab().save(str(out / "kiem-tra-2-xem-truoc-sua-tu-dong.png"))
                    dialog_shot["done"] = True
                    w.done(QDialog.DialogCode.Accepted)

        QTimer.singleShot(600, grab_preview)
        win.checker.fix_dialog()
        settle(app)
        win.grab().save(str(out / "kiem-tra-3-sau-khi-sua-tu-dong.png"))

        word = district_word_file(Path(tmp))
        dialog = win.checker.check_file(str(word))
        dialog.resize(1000, 620)
        settle(app)
        dialog.view.tree.setCurrentItem(dialog.view.tree.topLevelItem(0).child(0))
        settle(app)
        dialog.grab().save(str(out / "kiem-tra-4-tep-word.png"))
        services.export_check_note(dialog.view.report, out / "phieu-kiem-tra-tep-word.docx")
        dialog.close()

        report = win.checker.view.report
        note = out / "phieu-kiem-tra.pdf"
        services.export_check_note(services.check_program(db, program), note)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(note), str(out / "phieu-kiem-tra")],
                       check=True)
        print(f"{len(report.findings)} findings left after the safe fixes; preview shot: {bool(dialog_shot)}")
        win.close()
        db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
