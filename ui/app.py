"""Application start-up: `python main.py [--database URL] [--smoke] [--screenshots DIR]`."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hgdesk")
    parser.add_argument("--database", metavar="URL", help="tệp SQLite hoặc URL SQLAlchemy")
    parser.add_argument("--smoke", action="store_true", help="thoát ngay sau khi cửa sổ hiện lên")
    parser.add_argument("--screenshots", metavar="DIR", help="lưu ảnh các màn hình chính rồi thoát")
    return parser.parse_args(argv)


def open_database(url: str | None):
    """Open (and on first run create and fill) the database the user asked for."""
    from hgdesk import demo
    from hgdesk.db import Database

    db = Database(url)
    if db.created and demo.is_empty(db):
        demo.load_demo(db)
    return db


def install_vietnamese(app) -> None:
    """Vietnamese for Qt's own dialogs (Qt ships none) and Vietnamese dates and numbers."""
    from PySide6.QtCore import QLocale, QTranslator

    from hgdesk.resources import resource

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    if translator.load(str(resource("i18n", "qtbase_vi.qm"))):
        app.installTranslator(translator)
        app._hgdesk_translator = translator  # keep it alive with the application


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from hgdesk.errors import HgdeskError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("hgdesk")
    app.setOrganizationName("hgdesk")
    install_vietnamese(app)
    try:
        db = open_database(args.database)
    except HgdeskError as exc:
        QMessageBox.critical(None, app.translate("app", "Không mở được dữ liệu"), str(exc))
        return 2
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    if args.screenshots:
        out = Path(args.screenshots)
        out.mkdir(parents=True, exist_ok=True)
        QTimer.singleShot(0, lambda: (window.save_screenshots(out), app.quit()))
    elif args.smoke:
        QTimer.singleShot(0, app.quit)
    return app.exec()


def excepthook(exc_type, exc, tb) -> None:
    """Last resort: a bug must not kill the window with a traceback the user cannot read."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    sys.stderr.write(details)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Lỗi không mong muốn",
                          "Phần mềm gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
                          "Hãy gửi nội dung chi tiết cho người hỗ trợ.")
        box.setDetailedText(details)
        box.exec()


if __name__ == "__main__":
    sys.excepthook = excepthook
    sys.exit(main())
