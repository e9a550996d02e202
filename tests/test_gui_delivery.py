"""A first impression of a finished product: the window fits a small office screen, menus have
unique Alt keys, the toolbar has icons and keeps still, F1 opens the guide at the current tab,
"Giới thiệu" tells the version, the database and the licences, and "Lưu báo cáo lỗi…" writes a
zip of the log for support."""

from __future__ import annotations

import logging
import re
import zipfile

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar

from hgdesk import __version__, services
from tests.test_gui_start import demo_db  # noqa: F401
from ui.help import HELP, TAB_PAGES
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):  # noqa: F811 (the demo database fixture of test_gui_start)
    main = MainWindow(demo_db)
    qtbot.addWidget(main)  # closed by qtbot before the database is disposed
    main.show()
    return main


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_every_menu_and_the_menu_bar_have_unique_alt_keys(window):
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions()]
    keys = [_mnemonic(t) for t in titles]
    assert None not in keys and len(set(keys)) == len(keys), titles
    for top in bar.actions():
        entries = [a.text() for a in top.menu().actions() if not a.isSeparator()]
        marked = [k for k in map(_mnemonic, entries) if k]
        assert len(set(marked)) == len(marked), (top.text(), entries)


def test_the_window_fits_a_1366x768_screen_at_100_and_125_percent(window):
    # the usable area of 1366×768 at 125 % in device-independent pixels: taskbar (40 px) and title bar out
    smallest = window.minimumSizeHint()
    assert smallest.width() <= 1366 / 1.25 - 16 and smallest.height() <= (768 - 40) / 1.25 - 32
    screen = window.screen().availableGeometry()
    window.fit_to_screen()
    # the first-start size follows the screen (this test screen is 800×800), down to the minimum
    assert window.width() == max(smallest.width(), min(1360, screen.width() - 16))
    assert window.height() == max(smallest.height(), min(860, screen.height() - 40))
    for index in range(window.tabs.count()):  # every tab at the smallest size still shows a usable panel
        window.tabs.setCurrentIndex(index)
        window.resize(smallest)
        QApplication.processEvents()
        assert window.tabs.currentWidget().height() >= 150


def test_toolbar_actions_have_icons_and_undo_does_not_move_the_toolbar(window, qtbot):
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert all(not a.icon().isNull() for a in toolbar.actions() if not a.isSeparator())
    editor = window.editor
    undo_button = editor.toolbar.widgetForAction(editor.undo_action)
    next_button = editor.toolbar.widgetForAction(editor.add_action)
    before = next_button.x()
    index = editor.tree.model().index(0, 0)
    editor.tree.setCurrentIndex(index)
    qtbot.keyClicks(editor.heading, " (sua lai cho dai)")  # QTest types ASCII only
    editor.commit_pending()
    QApplication.processEvents()
    assert editor.undo_action.isEnabled()
    assert undo_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert next_button.x() == before
    assert editor.undo_action.text() in undo_button.toolTip()


def test_f1_opens_the_guide_at_the_page_of_the_current_tab(window, qtbot):
    for index, page in enumerate(TAB_PAGES):
        window.tabs.setCurrentIndex(index)
        window.activateWindow()
        window.help_action.trigger()  # the F1 shortcut's action
        assert window.help_window.isVisible() and window.help_window.page() == page
        text = window.help_window.browser.toPlainText()
        assert "Mục lục" in text and len(text) > 300
    assert window.help_action.shortcut().toString() == "F1"
    # every link of every page leads to a page that exists, every picture is shipped
    for html in HELP.glob("*.html"):
        source = html.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#:]+)', source):
            assert (HELP / target).exists(), (html.name, target)


def test_about_shows_version_database_and_licences(window):
    seen = {}

    def read_and_close():
        box = window.about_box
        seen["text"] = box.text()
        box.done(0)

    QTimer.singleShot(0, read_and_close)
    window.about()
    assert __version__ in seen["text"]
    assert str(window.db.path) in seen["text"]
    assert "SIL Open Font License" in seen["text"] and "LGPL" in seen["text"]


def test_the_support_report_holds_the_log_and_the_versions(window, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    log_file = services.start_logging()
    logging.getLogger("hgdesk.app").warning("thử ghi nhật ký")
    target = tmp_path / "bao-cao.zip"
    assert window.save_support_report(str(target)) == str(target)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        versions = archive.read("versions.txt").decode("utf-8")
        log = archive.read("logs/hgdesk.log").decode("utf-8")
    assert "logs/hgdesk.log" in names and log_file.endswith("hgdesk.log")
    assert f"hgdesk: {__version__}" in versions and "Qt:" in versions and "Hệ điều hành" in versions
    assert "thử ghi nhật ký" in log
    logging.getLogger("hgdesk").handlers.clear()


def test_a_report_that_cannot_be_written_says_so_in_vietnamese(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or 0)
    assert window.save_support_report(str(tmp_path / "khong-co" / "x.zip")) is None
    assert shown and "Không ghi được báo cáo lỗi" in " ".join(shown)


def _shown_texts(dialog) -> set[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget

    found = [w.text() for w in dialog.findChildren(QLabel)] + [w.text() for w in dialog.findChildren(QAbstractButton)]
    found += [w.title() for w in dialog.findChildren(QGroupBox)]
    found += [t.tabText(i) for t in dialog.findChildren(QTabWidget) for i in range(t.count())]
    found += [c.itemText(i) for c in dialog.findChildren(QComboBox) for i in range(c.count())]
    return {t for t in found if t}


@pytest.mark.parametrize("kind", ["file", "print"])
def test_qt_file_and_print_dialogs_speak_vietnamese(qtbot, kind):
    """Qt's own dialogs (used as they are on Linux) show no English label the translation knows."""
    import xml.etree.ElementTree as ET

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog

    from hgdesk.resources import resource
    from ui.app import install_vietnamese

    install_vietnamese(QApplication.instance())
    english = {m.findtext("source") for m in ET.parse(resource("i18n", "qtbase_vi.ts")).iter("message")
               if m.findtext("source") != m.findtext("translation")}
    if kind == "file":
        dialog = QFileDialog(None, "Lưu", "", "Sổ Excel (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        printer = QPrinter()
        dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    shown = _shown_texts(dialog)
    assert shown and not (shown & english), sorted(shown & english)
    dialog.close()
