"""Marking tasks done with their evidence: the result note (required), the number and symbol of the
document that shows it, a file kept in the database; marking them "không thực hiện" with the reason
(required); and a task's evidence file opened or saved back out."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from ui import runner


class NoteDialog(QDialog):
    """Asks for the words a status needs before it is set (done: the result; "không thực hiện": the
    reason); an empty answer is refused in place and the dialog stays."""

    def __init__(self, tasks: list[dict[str, Any]], title: str, prompt: str, label: str, button: str,
                 missing: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = missing
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        what = tasks[0]["text"] if len(tasks) == 1 else self.tr("{n} nhiệm vụ đã chọn").format(n=len(tasks))
        heading = QLabel(what if len(what) <= 240 else what[:238] + "…")
        heading.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(prompt)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        self.form = QFormLayout()
        self.form.addRow(label, self.note)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        box = QDialogButtonBox()
        box.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(box)

    def accept(self) -> None:
        if not self.note.toPlainText().strip():
            self.problem.setText(self.missing)
            self.note.setFocus()
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        return {"note": self.note.toPlainText().strip()}


class DoneDialog(NoteDialog):
    """Asks what marking done needs: the result, and optionally its evidence."""

    def __init__(self, tasks: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Đánh dấu hoàn thành"),
                         self.tr("Kết quả thực hiện (bắt buộc): đã làm gì, khi nào, kết quả ra sao"),
                         self.tr("&Kết quả:"), self.tr("Hoàn thành"),
                         self.tr("Hãy ghi kết quả thực hiện: nhiệm vụ chỉ được tính là hoàn thành khi có kết quả."),
                         parent)
        self.note.setPlainText(tasks[0].get("result_note", "") if len(tasks) == 1 else "")
        self.reference = QLineEdit(tasks[0].get("evidence_ref", "") if len(tasks) == 1 else "")
        self.reference.setPlaceholderText(self.tr("Ví dụ: Báo cáo số 15-BC/HU ngày 20/9/2024"))
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("(không đính kèm; tối đa 10 MB)"))
        choose = QPushButton(self.tr("Chọn &tệp…"))
        choose.clicked.connect(self._choose)
        clear = QPushButton(self.tr("&Bỏ tệp"))
        clear.clicked.connect(self.file.clear)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        self.form.addRow(self.tr("&Minh chứng (số, ký hiệu):"), self.reference)
        self.form.addRow(self.tr("Tệp minh chứng:"), row)

    def _choose(self) -> None:
        start = str(QSettings().value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp minh chứng"), start,
                                              self.tr("Mọi tệp (*)"))
        if path:
            self.file.setText(path)

    def values(self) -> dict[str, Any]:
        return {**super().values(), "reference": self.reference.text().strip(), "file": self.file.text() or None}


class DropDialog(NoteDialog):
    """Asks why tasks are not carried out: the results report prints it as their reason."""

    def __init__(self, tasks: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Ghi nhiệm vụ không thực hiện"),
                         self.tr("Lý do không thực hiện (bắt buộc): vì sao, theo chỉ đạo nào"),
                         self.tr("&Lý do:"), self.tr("Không thực hiện"),
                         self.tr("Hãy ghi lý do không thực hiện: báo cáo kết quả nêu lý do của từng nhiệm vụ "
                                 "không thực hiện."), parent)

    def values(self) -> dict[str, Any]:
        return {"reason": self.note.toPlainText().strip()}


def _ask_then(dialog: NoteDialog, failure: str, service: Any, db: services.Database,
              tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The dialog's answer given to the service as one operation; None when cancelled or refused."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    parent = dialog.parentWidget()
    result = runner.call(parent, failure, service, db, [t["task_id"] for t in tasks], **dialog.values())
    return None if result is runner.FAILED else result


def mark_done(parent: QWidget, db: services.Database, tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Ask for the result and its evidence, then mark the tasks done in one operation; returns the
    service's {before, after} (None when cancelled or refused: nothing changed)."""
    return _ask_then(DoneDialog(tasks, parent), parent.tr("Không đánh dấu hoàn thành được"),
                     services.complete_tasks, db, tasks)


def mark_dropped(parent: QWidget, db: services.Database, tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Ask why, then record the tasks "không thực hiện" with that reason in one operation; returns the
    service's {before, after} (None when cancelled or refused: nothing changed)."""
    return _ask_then(DropDialog(tasks, parent), parent.tr("Không ghi được nhiệm vụ không thực hiện"),
                     services.drop_tasks, db, tasks)


def open_evidence(parent: QWidget, db: services.Database, task_id: int) -> Path | None:
    """Write the task's evidence file to a private temporary folder and open it with its program."""
    found = runner.call(parent, parent.tr("Không mở được tệp minh chứng"), services.evidence_file, db, task_id)
    if found is runner.FAILED:
        return None
    name, _data = found
    path = Path(tempfile.mkdtemp(prefix="hgdesk-minh-chung-")) / name
    if runner.call(parent, parent.tr("Không mở được tệp minh chứng"), services.save_evidence_file, db, task_id,
                   path) is runner.FAILED:
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def save_evidence(parent: QWidget, db: services.Database, task_id: int, name: str, path: str | None = None) -> Path | None:
    """Save the task's evidence file where the user chooses."""
    if path is None:
        start = Path(str(QSettings().value("last_folder", str(Path.home()))))
        path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Lưu tệp minh chứng"), str(start / name))
        if not path:
            return None
    saved = runner.call(parent, parent.tr("Không lưu được tệp minh chứng"), services.save_evidence_file, db,
                        task_id, path)
    return None if saved is runner.FAILED else saved
