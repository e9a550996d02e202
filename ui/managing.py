"""Managing programs from the main window: rename, delete a draft (to the Thùng rác) and restore
it, archive an issued program, the warning when a file was imported before, and removing the
sample data. The window gives its menu; these actions and dialogs only call services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from ui import runner


class ProgramsWindow(QMainWindow):
    """The main window as the program actions see it (its base class: managing does not import it)."""

    db: Any
    program: dict[str, Any] | None

    def refresh_programs(self, select_id: int | None = None, show: bool = True) -> None:
        raise NotImplementedError

    def show_program(self, program_id: int | None) -> None:
        raise NotImplementedError


class DuplicateImportDialog(QDialog):
    """"Đã có chương trình này": open the stored one, or import the file as a new program."""

    OPEN, NEW = "open", "new"

    def __init__(self, existing: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đã có chương trình này"))
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Tệp “{name}” có cùng nội dung với chương trình đã nhập: <b>{title}</b> của {org}. "
                              "Mở chương trình đã có, hay nhập thành một bản mới?").format(
            name=name, title=existing.title, org=existing.organization))
        text.setWordWrap(True)
        layout.addWidget(text)
        box = QDialogButtonBox()
        self.open_button = box.addButton(self.tr("Mở chương trình đã có"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.new_button = box.addButton(self.tr("Nhập thành bản mới"), QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.clicked.connect(lambda: self._choose(self.OPEN))
        self.new_button.clicked.connect(lambda: self._choose(self.NEW))
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class TrashDialog(QDialog):
    """Thùng rác: the drafts deleted in the last 30 days, each restorable."""

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.restored: list[int] = []
        self.setWindowTitle(self.tr("Thùng rác"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Dự thảo đã xóa được giữ {n} ngày, rồi xóa hẳn. Chọn một dự thảo để khôi phục.").format(
            n=services.TRASH_DAYS))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Dự thảo đã xóa"))
        layout.addWidget(self.list, 1)
        self.restore_button = QPushButton(self.tr("Khôi phục"))
        self.restore_button.clicked.connect(self.restore_current)
        layout.addWidget(self.restore_button)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for row in services.trash(self.db):
            item = QListWidgetItem(self.tr("{org} – {title} (dự thảo lần {v}) · còn {d} ngày").format(
                org=row["organization"], title=row["title"], v=row["draft_version"], d=row["days_left"]))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)

    def restore_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        program_id = item.data(Qt.ItemDataRole.UserRole)
        if runner.call(self, self.tr("Không khôi phục được"), services.restore_program, self.db,
                       program_id) is not runner.FAILED:
            self.restored.append(program_id)
            self.fill()


class ProgramActions(QObject):
    """The "Chương trình" menu's management entries, enabled by the program shown."""

    def __init__(self, window: ProgramsWindow) -> None:
        super().__init__(window)
        self.window = window
        self.rename_action = self._action(self.tr("Đổi &tên…"), self.rename)
        self.delete_action = self._action(self.tr("&Xóa dự thảo (vào Thùng rác)"), self.delete)
        self.archive_action = self._action(self.tr("Lưu t&rữ chương trình"), self.archive)
        self.trash_action = self._action(self.tr("Thùn&g rác…"), self.show_trash)
        self.archived_action = self._action(self.tr("Chương trình đã lư&u trữ…"), self.show_archived)
        self.demo_action = self._action(self.tr("Xóa &dữ liệu mẫu"), self.remove_demo)

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        for a in (self.rename_action, self.delete_action, self.archive_action, None, self.trash_action,
                  self.archived_action, None, self.demo_action):
            menu.addSeparator() if a is None else menu.addAction(a)

    def update(self, program: dict[str, Any] | None) -> None:
        self.rename_action.setEnabled(bool(program))
        self.delete_action.setEnabled(bool(program) and program["status"] == "draft")
        self.archive_action.setEnabled(bool(program) and program["status"] == "issued")
        self.demo_action.setEnabled(any(o["demo"] for o in services.list_organizations(self.window.db)))

    def rename(self, _checked: bool = False, name: str | None = None) -> None:
        p = self.window.program
        if not p:
            return
        if name is None:
            current = next((i.title for i in services.list_programs(self.window.db) if i.id == p["id"]), "")
            name, ok = QInputDialog.getText(self.window, self.tr("Đổi tên"), self.tr(
                "Tên hiển thị trong danh sách (để trống để dùng tên tự động):"), text=current)
            if not ok:
                return
        if runner.call(self.window, self.tr("Không đổi tên được"), services.rename_program, self.window.db, p["id"],
                       name) is not runner.FAILED:
            self.window.refresh_programs(p["id"])

    def delete(self, _checked: bool = False, confirm: bool = True) -> None:
        p = self.window.program
        if not p:
            return
        if confirm and QMessageBox.question(
                self.window, self.tr("Xóa dự thảo"),
                self.tr("Chuyển dự thảo này vào Thùng rác? Có thể khôi phục trong {n} ngày.").format(
                    n=services.TRASH_DAYS)) != QMessageBox.StandardButton.Yes:
            return
        if runner.call(self.window, self.tr("Không xóa được"), services.delete_program, self.window.db,
                       p["id"]) is not runner.FAILED:
            self.window.refresh_programs(p.get("parent_id"))
            self.window.statusBar().showMessage(self.tr("Đã chuyển dự thảo vào Thùng rác."), 6000)

    def archive(self) -> None:
        p = self.window.program
        if p and runner.call(self.window, self.tr("Không lưu trữ được"), services.archive_program, self.window.db,
                             p["id"]) is not runner.FAILED:
            self.window.refresh_programs()

    def show_trash(self) -> TrashDialog:
        dialog = TrashDialog(self.window.db, self.window)
        dialog.exec()
        if dialog.restored:
            self.window.refresh_programs(dialog.restored[-1])
        return dialog

    def show_archived(self) -> None:
        rows = services.archived_programs(self.window.db)
        if not rows:
            QMessageBox.information(self.window, self.tr("Lưu trữ"), self.tr("Chưa có chương trình nào được lưu trữ."))
            return
        names = [f"{r.organization} – {r.title}" for r in rows]
        name, ok = QInputDialog.getItem(self.window, self.tr("Chương trình đã lưu trữ"),
                                        self.tr("Chọn chương trình để đưa trở lại danh sách:"), names, 0, False)
        if ok and runner.call(self.window, self.tr("Không bỏ lưu trữ được"), services.archive_program,
                              self.window.db, rows[names.index(name)].id, False) is not runner.FAILED:
            self.window.refresh_programs(rows[names.index(name)].id)

    def remove_demo(self, _checked: bool = False, confirm: bool = True) -> None:
        if confirm and QMessageBox.question(
                self.window, self.tr("Xóa dữ liệu mẫu"),
                self.tr("Xóa toàn bộ dữ liệu mẫu (các cơ quan và chương trình ghi “Dữ liệu mẫu”)? "
                        "Dữ liệu của anh/chị không bị ảnh hưởng.")) != QMessageBox.StandardButton.Yes:
            return
        if self.window.program and self.window.program.get("demo"):
            self.window.show_program(None)  # the sample program shown is about to go
        removed = runner.call(self.window, self.tr("Không xóa được dữ liệu mẫu"), services.remove_demo,
                              self.window.db)
        if removed is not runner.FAILED:
            self.window.refresh_programs()
            self.window.statusBar().showMessage(self.tr("Đã xóa dữ liệu mẫu ({n} chương trình).").format(n=removed),
                                                6000)

    def ask_duplicate(self, parsed, name: str) -> tuple[str, int | None]:
        """("import", None) when the file is new or the user wants a new copy; ("open", id) to open
        the stored one; ("cancel", None)."""
        existing = services.find_duplicate(self.window.db, parsed)
        if existing is None:
            return "import", None
        dialog = DuplicateImportDialog(existing, name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return "cancel", None
        return ("open", existing.id) if dialog.choice == DuplicateImportDialog.OPEN else ("import", None)
