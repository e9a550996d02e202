"""Application start-up: `python main.py [--database URL] [--smoke] [--screenshots DIR]`."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QApplication

log = logging.getLogger("hgdesk.app")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    from hgdesk import services

    parser = services.argument_parser("hgdesk")
    parser.add_argument("--database", metavar="URL", help="tệp SQLite hoặc URL SQLAlchemy")
    parser.add_argument("--smoke", action="store_true", help="thoát ngay sau khi cửa sổ hiện lên")
    parser.add_argument("--screenshots", metavar="DIR", help="lưu ảnh các màn hình chính rồi thoát")
    parser.add_argument("file", nargs="?", help="gói chương trình .hgdesk hoặc tệp .docx/.txt cần nhập")
    return parser.parse_args(argv)


def open_database(url: str | None):
    """Open (and on first run create and fill) the database the user asked for."""
    from hgdesk import services

    return services.open_database(url)


def open_or_recover(url: str | None, check: bool = True):
    """Open the database; if it is damaged, offer the newest good backup; if it sits on a network
    share, explain and offer to work on a new local copy; if another program holds it, offer to try
    again. None when the user gives up. `check` runs the health check first (after an unclean exit;
    otherwise it runs in the background once the window shows, see after_start)."""
    from PySide6.QtWidgets import QMessageBox

    from hgdesk import services
    from hgdesk.errors import DatabaseBusyError, DatabaseError, ForeignDatabaseError
    from hgdesk.services import network_location, sqlite_path
    from ui.runner import show_error

    tr = QApplication.translate
    while True:
        try:
            db = open_database(url)
            if not check or db.healthy():
                if db.read_only:
                    QMessageBox.information(None, tr("app", "Chỉ đọc"), tr(
                        "app", "Tệp dữ liệu không ghi được (tệp, thư mục hoặc ổ đĩa chỉ đọc): phần mềm mở ở chế độ "
                               "chỉ đọc. Xem, in và xuất văn bản vẫn được; thay đổi sẽ không được lưu."))
                return db
            db.dispose()
            problem, details = tr("app", "Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt)."), ""
        except DatabaseBusyError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, tr("app", "Dữ liệu đang bị khóa"), str(exc))
            again = box.addButton(tr("app", "Thử lại"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is again:
                continue
            return None
        except ForeignDatabaseError as exc:
            show_error(None, tr("app", "Không mở được dữ liệu"), str(exc), exc.details)
            return None
        except DatabaseError as exc:
            problem, details = str(exc), exc.details
        break
    path = sqlite_path(url)
    if path is not None and network_location(path):
        box = QMessageBox(QMessageBox.Icon.Warning, tr("app", "Dữ liệu nằm trên mạng"), problem)
        copy = box.addButton(tr("app", "Chép về máy này và mở bản sao"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is not copy:
            return None
        return open_or_recover(services.copy_to_this_machine(path))
    good = services.latest_good_backup(path) if path is not None else None
    if good is None:
        show_error(None, tr("app", "Không mở được dữ liệu"), problem, details)
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, tr("app", "Dữ liệu bị hỏng"),
                      tr("app", "{problem}\n\nCó bản sao lưu còn tốt: {name}. Khôi phục từ bản này? "
                                "Tệp hiện tại được giữ lại trong thư mục sao lưu.").format(
                          problem=problem, name=Path(good).name))
    restore = box.addButton(tr("app", "Khôi phục"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not restore:
        return None
    services.replace_with_backup(path, good)
    return open_or_recover(url)


def install_vietnamese(app) -> None:
    """Vietnamese for Qt's own dialogs (Qt ships none) and Vietnamese dates and numbers."""
    from PySide6.QtCore import QLocale, QTranslator

    from hgdesk.services import resource

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    if translator.load(str(resource("i18n", "qtbase_vi.qm"))):
        app.installTranslator(translator)
        app._hgdesk_translator = translator  # keep it alive with the application


def after_start(window, db, checked: bool) -> None:
    """Once the window shows: the log, the daily backup and (when start-up skipped it) the integrity check,
    off the GUI thread; a damaged file is reported with the way to a backup."""
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from hgdesk import services

    services.start_logging()  # here, not before the window: logging.handlers costs start-up time
    log.info("start %s (database %s, after an unclean exit: %s)", services.app_version(), db.where, not checked)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hgdesk-start")
    backup = pool.submit(services.backup_if_due, db)
    health = None if checked else pool.submit(db.healthy)
    pool.shutdown(wait=False)
    timer = QTimer(window)

    def poll() -> None:
        if not backup.done() or (health is not None and not health.done()):
            return
        timer.stop()
        if backup.exception() is not None:  # a failed daily backup must not stop the day's work
            log.warning("daily backup failed: %s", backup.exception())
            window.statusBar().showMessage(str(backup.exception()), 15000)
        if health is not None and not health.result():
            log.error("integrity check failed on %s", db.path)
            QMessageBox.warning(window, window.tr("Dữ liệu có thể bị hỏng"), window.tr(
                "Kiểm tra toàn vẹn tệp dữ liệu không đạt. Hãy vào Công cụ › Sao lưu và khôi phục… "
                "để khôi phục bản sao lưu còn tốt gần nhất."))

    timer.timeout.connect(poll)
    timer.start(100)
    window.start_work = (backup, health)  # reachable by tests and --smoke


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QSettings, QTimer

    from hgdesk import services
    from hgdesk.errors import HgdeskError
    from hgdesk.services import install_log_redaction

    install_log_redaction()
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("hgdesk")
    app.setOrganizationName("hgdesk")
    app.setApplicationVersion(services.app_version())
    from ui.icons import app_icon

    app.setWindowIcon(app_icon())
    if sys.platform == "win32":  # the taskbar shows hgdesk's icon, not Python's
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("hgdesk.hgdesk")  # type: ignore[attr-defined]
    install_vietnamese(app)
    settings = QSettings()
    unclean = settings.value("session/running", False) in (True, "true")
    settings.setValue("session/running", True)  # cleared on a normal exit
    settings.sync()
    try:
        db = open_or_recover(args.database, check=unclean)
    except HgdeskError as exc:
        from ui.runner import show_error

        show_error(None, app.translate("app", "Không mở được dữ liệu"), str(exc), exc.details)
        return 2
    if db is None:
        return 2
    services.set_secretary(str(settings.value("secretary", "")))
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    if not (args.smoke or args.screenshots) and services.needs_office_setup(db):
        from ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(db, window)
        if wizard.exec():
            window.refresh_programs()
    import gc

    gc.freeze()  # what start-up built lives on: keep it out of later collections (no GC pauses while typing)
    QTimer.singleShot(0, lambda: after_start(window, db, checked=unclean))
    if args.file:
        QTimer.singleShot(0, lambda: open_file(window, args.file))
    if args.screenshots:
        out = Path(args.screenshots)
        out.mkdir(parents=True, exist_ok=True)
        QTimer.singleShot(0, lambda: (window.save_screenshots(out), app.quit()))
    elif args.smoke:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    try:
        window.db.close()  # checkpoint: after a quit the main file alone holds everything
    except Exception as exc:
        sys.stderr.write(f"hgdesk: chưa gộp được nhật ký ghi vào tệp dữ liệu: {exc}\n")
    settings.setValue("session/running", False)
    settings.sync()
    log.info("exit %s", code)
    return code


def open_file(window, path: str) -> None:
    """A file given on the command line or opened from Explorer (.hgdesk association)."""
    if path.lower().endswith(".hgdesk"):
        window.import_package(path)
    else:
        window.import_path(path)


def excepthook(exc_type, exc, tb) -> None:
    """Last resort: a bug must not kill the window with a traceback the user cannot read."""
    from hgdesk.services import redact

    details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    sys.stderr.write(details)
    log.error("unexpected error\n%s", details)
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
