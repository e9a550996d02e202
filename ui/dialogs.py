"""Dialogs of the main window: import preview, the derive wizard, closing a quarter, issuing,
comparing draft versions."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hgdesk import services
from hgdesk.services import to_roman
from hgdesk.vocab import CommitteeLevel, DocumentKind, ProgramKind, TaskStatus
from ui import runner
from ui.editor import node_caption
from ui.models import TreeModel

KIND_VI = ProgramKind.labels()


def wizard_page(title: str, subtitle: str) -> QWizardPage:
    """A wizard page with its title and the sentence that says what to do on it."""
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    return page


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Hủy"))  # with or without Qt's catalogue
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ImportPreviewDialog(QDialog):
    """What the importer understood, before anything is saved."""

    def __init__(self, parsed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xem trước khi nhập"))
        self.resize(900, 640)
        data = parsed.to_json()
        layout = QVBoxLayout(self)
        kind = self.tr(KIND_VI.get(data["kind"] or "", "Chưa rõ loại"))
        if data.get("document_kind") not in (None, "program"):
            kind = self.tr(DocumentKind.label_of(data["document_kind"]))
        period = f"{to_roman(data['quarter'])}/{data['year']}" if data["quarter"] else (data["year"] or "")
        summary = self.tr("<b>{kind} {period}</b> · {org} · {count} mục · {rec} nơi nhận · {notes} chú thích").format(
            kind=kind, period=period, org=escape(data["organization"] or self.tr("chưa rõ cơ quan")),
            count=sum(1 for _ in parsed.walk()), rec=len(data["recipients"]), notes=len(data["footnotes"]))
        layout.addWidget(QLabel(summary))
        layout.addLayout(self._guesses(data))
        tree = QTreeView()
        tree.setHeaderHidden(True)
        tree.setModel(TreeModel(data["nodes"], node_caption, tree))
        tree.expandToDepth(1)
        layout.addWidget(tree, 1)
        layout.addWidget(QLabel(self.tr("Cảnh báo:")))
        warnings = QPlainTextEdit("\n".join(data["warnings"]) or self.tr("Không có cảnh báo."))
        warnings.setReadOnly(True)
        warnings.setMaximumHeight(90)
        layout.addWidget(warnings)
        layout.addWidget(_buttons(self, self.tr("Nhập chương trình này")))

    def _guesses(self, data: dict[str, Any]) -> QFormLayout:
        """Organisation, level, kind and period as the importer read or guessed them, each with
        its confidence; the user corrects them here, nothing guessed is saved unseen."""
        form = QFormLayout()
        guesses = data.get("guesses", {})
        self.organization = QLineEdit(data["organization"] or "")
        self.level = QComboBox()
        self.level.addItem(self.tr("Chưa rõ"), None)
        for key, text in CommitteeLevel.labels().items():
            self.level.addItem(self.tr(text), key)
        self.level.setCurrentIndex(max(0, self.level.findData(data["level"])))
        self.period = QComboBox()
        self.period.addItem(self.tr("Chưa rõ"), None)
        for key, text in KIND_VI.items():
            self.period.addItem(self.tr(text), key)
        self.period.setCurrentIndex(max(0, self.period.findData(data["kind"])))
        self.year = QLineEdit(str(data["year"] or ""))
        self.year.setMaximumWidth(70)
        self.quarter = QComboBox()
        for q in (None, 1, 2, 3, 4):
            self.quarter.addItem(to_roman(q) if q else "—", q)
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(data["quarter"])))
        form.addRow(self.tr("Cơ quan ban hành:"), self._with_confidence(self.organization, guesses.get("organization")))
        form.addRow(self.tr("Cấp:"), self._with_confidence(self.level, guesses.get("level")))
        document_kind = data.get("document_kind")
        form.addRow(self.tr("Loại văn bản:"),
                    QLabel(self.tr(DocumentKind.label_of(document_kind)) if document_kind else self.tr("Chưa rõ")))
        form.addRow(self.tr("Kỳ:"), self._row(self.period, QLabel(self.tr("năm")), self.year, QLabel(self.tr("quý")),
                                              self.quarter))
        return form

    def _with_confidence(self, editor: QWidget, guess: dict[str, Any] | None) -> QWidget:
        if guess is None:
            note = self.tr("(chưa xác định được, hãy chọn)")
        elif guess["confidence"] >= 0.9:
            note = self.tr("(đọc từ {source})").format(source=guess["source"])
        else:
            note = self.tr("(đoán, độ tin cậy {percent}% — theo {source}; hãy kiểm tra)").format(
                percent=round(100 * guess["confidence"]), source=guess["source"])
        label = QLabel(note)
        if guess is None or guess["confidence"] < 0.5:
            label.setStyleSheet("color: #b00020")

        def confirmed(*_args: Any) -> None:  # the user's own value: the guess's warning no longer applies
            label.setText(self.tr("(đã sửa)"))
            label.setStyleSheet("")

        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(confirmed)
        elif isinstance(editor, QComboBox):
            editor.activated.connect(confirmed)
        return self._row(editor, label)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        return box

    def choices(self) -> dict[str, Any]:
        """What the user confirmed, for services.apply_import_choices."""
        year = self.year.text().strip()
        return {"organization": self.organization.text(), "level": self.level.currentData(),
                "kind": self.period.currentData(), "year": int(year) if year.isdigit() else None,
                "quarter": self.quarter.currentData()}


class DeriveWizard(QWizard):
    """Soạn chương trình quý mới: annual program and quarter (the next one by default; if it
    exists already, open it or draft a new version) → the carried tasks to take over → create."""

    def __init__(self, db: services.Database, annual_programs: list[Any], preselect: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Soạn chương trình quý mới"))
        self.resize(860, 560)
        self.created: int | None = None
        self.existing: dict[int, dict[str, Any]] = {}

        choose = wizard_page(
            self.tr("Chọn chương trình năm và quý"),
            self.tr("Chương trình quý giữ khung mục của chương trình năm. Trong mỗi mục, các nhiệm vụ "
                    "năm được đề xuất theo quý (có ghi lý do); sau khi tạo, chọn thêm hoặc bỏ bớt ở "
                    "thẻ “Nhiệm vụ năm để chọn” bên cạnh cây nội dung."))
        form = QFormLayout(choose)
        self.annual = QComboBox()
        for p in annual_programs:
            self.annual.addItem(f"{p.organization} – {p.title}", p.id)
        if preselect is not None and self.annual.findData(preselect) >= 0:
            self.annual.setCurrentIndex(self.annual.findData(preselect))
        self.quarter = QComboBox()
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quý {q}").format(q=to_roman(q)), q)
        self.exists_note = QLabel()
        self.exists_note.setWordWrap(True)
        self.open_existing = QRadioButton()
        self.new_version = QRadioButton()
        self.open_existing.setChecked(True)
        form.addRow(self.tr("Chương trình năm:"), self.annual)
        form.addRow(self.tr("Quý:"), self.quarter)
        form.addRow(self.exists_note)
        form.addRow(self.open_existing)
        form.addRow(self.new_version)
        self.annual.currentIndexChanged.connect(lambda _i: self._annual_changed())
        self.quarter.currentIndexChanged.connect(lambda _i: self._quarter_changed())
        self.open_existing.toggled.connect(lambda _on: self._choice_changed())
        self.choose = choose

        review = wizard_page(
            self.tr("Nhiệm vụ chuyển từ quý trước"),
            self.tr("Các nhiệm vụ này chưa hoàn thành ở quý trước. Nhiệm vụ được đánh dấu được đưa vào "
                    "đúng mục của nó, một lần, và ghi là nhiệm vụ chuyển tiếp; nhiệm vụ bỏ đánh dấu "
                    "vẫn chờ và có thể đưa vào sau."))
        self.carried = QListWidget()
        self.carried.setAccessibleName(self.tr("Nhiệm vụ chuyển từ quý trước"))
        layout = QVBoxLayout(review)
        layout.addWidget(self.carried)
        layout.addLayout(_tick_buttons(self, self.carried))
        review.initializePage = self._fill_carried  # type: ignore[method-assign]

        self.addPage(choose)
        self.addPage(review)
        self.year: int | None = None
        self._annual_changed()

    def opens_existing(self) -> bool:
        """The quarter exists and the user chose to open it: the wizard ends at step 1."""
        return self.existing.get(self.quarter.currentData()) is not None and self.open_existing.isChecked()

    def nextId(self) -> int:
        if self.currentId() == 0 and self.opens_existing():
            return -1
        return super().nextId()

    def _choice_changed(self) -> None:
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Mở chương trình đã có")
                           if self.opens_existing() else self.tr("Tạo dự thảo"))
        self.choose.setFinalPage(self.opens_existing())  # Qt recomputes Tiếp / Kết thúc from nextId()

    def _annual_changed(self) -> None:
        annual = self.annual.currentData()
        if annual is None:
            return
        facts = services.next_quarter_for(self.db, annual)
        self.existing, self.year = facts["existing"], facts["year"]
        self.quarter.setCurrentIndex(self.quarter.findData(facts["quarter"]))
        self._quarter_changed()

    def _quarter_changed(self) -> None:
        found = self.existing.get(self.quarter.currentData())
        for w in (self.exists_note, self.open_existing, self.new_version):
            w.setVisible(found is not None)
        if found is not None:
            state = self.tr("đã ban hành") if found["issued"] else self.tr("dự thảo lần {n}").format(
                n=found["draft_version"])
            self.exists_note.setText(self.tr("Quý {q}/{y} đã có ({state}).").format(
                q=to_roman(self.quarter.currentData()), y=self.year, state=state))
            self.open_existing.setText(self.tr("Mở chương trình đã có"))
            self.new_version.setText(self.tr("Soạn “Dự thảo lần {n}” mới bên cạnh").format(n=found["draft_version"] + 1))
        self._choice_changed()

    def _fill_carried(self) -> None:
        self.carried.clear()
        rows = services.carried_into(self.db, self.annual.currentData(), self.quarter.currentData())
        for row in rows:
            item = QListWidgetItem(services.clip(row["text"], 150) + (f" — {row['lead_unit']}" if row["lead_unit"] else ""))
            item.setData(Qt.ItemDataRole.UserRole, row["task_id"])
            item.setToolTip(row["text"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.carried.addItem(item)
        if not rows:
            self.carried.addItem(self.tr("Không có nhiệm vụ nào chuyển sang quý này."))

    def carry_ids(self) -> set[int] | None:
        """The carried tasks to take over; None when the list was not shown (take them all)."""
        ids = [self.carried.item(i) for i in range(self.carried.count())]
        ticked = {i.data(Qt.ItemDataRole.UserRole) for i in ids if i.data(Qt.ItemDataRole.UserRole) is not None
                  and i.checkState() == Qt.CheckState.Checked}
        return ticked if any(i.data(Qt.ItemDataRole.UserRole) is not None for i in ids) else None

    def accept(self) -> None:
        found = self.existing.get(self.quarter.currentData())
        if found is not None and self.open_existing.isChecked():
            self.created = found["id"]
            super().accept()
            return
        created = runner.call(self, self.tr("Không soạn được chương trình quý"), services.derive_quarter, self.db,
                              self.annual.currentData(), self.quarter.currentData(), self.carry_ids(),
                              found is not None)
        if created is runner.FAILED:
            return
        self.created = created
        super().accept()


def _tick_buttons(owner: QWidget, target: QListWidget | QTableWidget) -> QHBoxLayout:
    """Chọn tất cả / Bỏ chọn tất cả / Đảo chọn for a checkable list or table (column 0)."""

    def items():
        if isinstance(target, QListWidget):
            return [target.item(i) for i in range(target.count())]
        return [target.item(r, 0) for r in range(target.rowCount())]

    def apply(rule) -> None:
        for item in items():
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                on = rule(item.checkState() == Qt.CheckState.Checked)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    row = QHBoxLayout()
    for text, rule in ((owner.tr("Chọn tất cả"), lambda _on: True), (owner.tr("Bỏ chọn tất cả"), lambda _on: False),
                       (owner.tr("Đảo chọn"), lambda on: not on)):
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False, r=rule: apply(r))
        row.addWidget(button)
    row.addStretch(1)
    return row


class CloseQuarterDialog(QDialog):
    """Kết thúc quý, made deliberate: one row per unfinished task, every one ticked to be carried to
    the next quarter (the product's meaning of closing); unticking records a task as "không thực
    hiện". What happens to each group is said in words, and closing early or closing a draft that
    was never issued is warned about and asked again."""

    COLUMNS: ClassVar = ("Chuyển", "Mục", "Nhiệm vụ", "Trạng thái", "Đơn vị chủ trì", "Ghi chú")

    def __init__(self, plan: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        proposal, self.warnings = plan["proposal"], list(plan["warnings"])
        self.quarter, self.next = plan["quarter"], plan["next"]
        self.setWindowTitle(self.tr("Kết thúc {q}").format(q=self.quarter))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        if self.warnings:
            self.warning = QLabel("\n".join(["⚠ " + w for w in self.warnings]))
            self.warning.setWordWrap(True)
            self.warning.setStyleSheet("QLabel{background:#fde7e9;border:1px solid #d9534f;padding:6px;}")
            layout.addWidget(self.warning)
        info = QLabel(self.tr(
            "Khi kết thúc {q}:\n"
            "• {n} nhiệm vụ chưa hoàn thành dưới đây đều được đánh dấu sẵn để CHUYỂN sang {next} "
            "(giữ đơn vị chủ trì và ghi chú; chương trình {next} sẽ nhận chúng).\n"
            "• Nhiệm vụ nào anh/chị BỎ đánh dấu sẽ được ghi là “không thực hiện” và không chuyển.\n"
            "• Nhiệm vụ đã hoàn thành giữ nguyên.\n"
            "Sau khi kết thúc vẫn hoàn tác được (Sửa › Hoàn tác, Ctrl+Z).").format(
            q=self.quarter, next=self.next, n=len(proposal)))
        info.setWordWrap(True)
        layout.addWidget(info)
        self.table = QTableWidget(len(proposal), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Nhiệm vụ chưa hoàn thành"))
        for r, row in enumerate(proposal):
            tick = QTableWidgetItem()
            tick.setData(Qt.ItemDataRole.UserRole, row["task_id"])
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked if row.get("carry", True) else Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, tick)
            status = TaskStatus.label_of(row["status"])
            for c, value in enumerate((row["label"], row["text"], status, row["lead_unit"], row.get("note", "")),
                                      start=1):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for c in (0, 1, 3, 4, 5):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _i: self._count())
        layout.addWidget(self.table, 1)
        layout.addLayout(_tick_buttons(self, self.table))
        self.count = QLabel()
        layout.addWidget(self.count)
        # one reason for the unticked tasks: the results report prints it after each ("Lý do: …")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Vì sao các nhiệm vụ bỏ đánh dấu không thực hiện (bắt buộc khi có)"))
        self.reason_label = QLabel(self.tr("&Lý do không thực hiện:"))
        self.reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        box = _buttons(self, self.tr("Kết thúc quý"))
        layout.addWidget(box)
        for button in self.findChildren(QPushButton):  # Enter never closes a quarter: only Hủy is default
            button.setAutoDefault(False)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(True)
        cancel.setDefault(True)
        self._count()

    def accept(self) -> None:
        """Unticked tasks need their reason; with a warning, ask once more (default: no) before closing."""
        if self.dropped() and not self.reason_text():
            self.problem.setText(self.tr("Hãy ghi lý do không thực hiện cho {m} nhiệm vụ bỏ đánh dấu (báo cáo kết "
                                         "quả nêu lý do này).").format(m=self.dropped()))
            self.reason.setFocus()
            return
        if self.warnings:
            answer = runner.choose(self, self.tr("Kết thúc {q}?").format(q=self.quarter),
                                   "\n".join(self.warnings) + "\n\n" + self.tr("Vẫn kết thúc {q} bây giờ?").format(
                                       q=self.quarter), [
                                       ("yes", self.tr("Vẫn kết thúc"), QMessageBox.ButtonRole.AcceptRole),
                                       ("back", self.tr("Quay lại"), QMessageBox.ButtonRole.RejectRole)],
                                   default="back", icon=QMessageBox.Icon.Warning)
            if answer != "yes":
                return
        super().accept()

    def _count(self) -> None:
        chosen = len(self.chosen())
        self.count.setText(self.tr("Sẽ chuyển sang {next}: {k} nhiệm vụ · sẽ ghi “không thực hiện”: {m} nhiệm vụ").format(
            next=self.next, k=chosen, m=self.table.rowCount() - chosen))
        for w in (self.reason, self.reason_label):
            w.setEnabled(bool(self.dropped()))
        if not self.dropped():
            self.problem.clear()

    def dropped(self) -> int:
        """How many tasks are unticked: recorded "không thực hiện"."""
        return self.table.rowCount() - len(self.chosen())

    def reason_text(self) -> str:
        """The reason given for the unticked tasks ("" when every task is carried)."""
        return " ".join(self.reason.text().split()) if self.dropped() else ""

    def chosen(self) -> set[int]:
        return {self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked}


class IssueDialog(QDialog):
    """Ban hành: number and date; the text is locked afterwards."""

    def __init__(self, symbol: str, parent: QWidget | None = None, when: date | None = None) -> None:
        """`when`: the date already written in the header (else today)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ban hành chương trình"))
        form = QFormLayout(self)
        note = QLabel(self.tr("Sau khi ban hành, nội dung và cấu trúc chương trình bị khóa; việc theo dõi nhiệm vụ "
                              "vẫn tiếp tục. Bản sao lưu được tạo trước khi ban hành."))
        note.setWordWrap(True)
        form.addRow(note)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("ví dụ 125"))
        self.symbol = QLabel(f"-{symbol}")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        first, last = services.plausible_range()  # never 1752 from a stray ↑
        self.date.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        self.date.setDate(QDate(when.year, when.month, when.day) if when else QDate.currentDate())
        form.addRow(self.tr("Số:"), self.number)
        form.addRow(self.tr("Ký hiệu:"), self.symbol)
        form.addRow(self.tr("Ngày ban hành:"), self.date)
        form.addRow(_buttons(self, self.tr("Ban hành")))

    def suggest(self, number: str) -> None:
        """The next free number, filled in and selected: Enter takes it, typing replaces it."""
        self.number.setText(number)
        self.number.setPlaceholderText(self.tr("số tiếp theo: {n}").format(n=number))
        self.number.selectAll()
        self.number.setFocus()

    def values(self) -> tuple[str, date]:
        d = self.date.date()
        return self.number.text().strip(), date(d.year(), d.month(), d.day())


class CompareDialog(QDialog):
    """Differences between a saved draft version and the current text."""

    def __init__(self, db: services.Database, program_id: int, versions: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.program_id = db, program_id
        self.setWindowTitle(self.tr("So sánh phiên bản dự thảo"))
        self.resize(900, 600)
        self.version = QComboBox()
        for v in versions:
            self.version.addItem(self.tr("Dự thảo lần {v} → bản hiện tại").format(v=v), v)
        self.view = QTextBrowser()
        self.version.currentIndexChanged.connect(self.show_diff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version)
        layout.addWidget(self.view, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.show_diff()

    def show_diff(self) -> None:
        version = self.version.currentData()
        if version is None:
            self.view.setHtml(self.tr("<p>Chưa lưu phiên bản dự thảo nào.</p>"))
            return
        changes = runner.call(self, self.tr("Không so sánh được"), services.diff_versions, self.db,
                              self.program_id, version)
        if changes is runner.FAILED:
            return
        if not changes:
            self.view.setHtml(self.tr("<p>Không có thay đổi.</p>"))
            return
        parts = []
        for c in changes:
            if c["kind"] == "added":
                parts.append(f"<p style='background:#e6f4ea'>+ {escape(c['new'])}</p>")
            elif c["kind"] == "removed":
                parts.append(f"<p style='background:#fde7e9'><s>− {escape(c['old'])}</s></p>")
            else:
                removed = ", ".join(f"<s style='color:#b00020'>{escape(w)}</s>" for w in c["removed_words"])
                added = ", ".join(f"<b style='color:#1e7e34'>{escape(w)}</b>" for w in c["added_words"])
                parts.append(f"<p>~ {escape(c['new'][:300])}<br><small>{removed} → {added}</small></p>")
        self.view.setHtml("".join(parts))


class WorkbookReviewDialog(QDialog):
    """The dry run of a returned tracking workbook: changes, conflicts, errors; apply if clean."""

    FIELD_VI: ClassVar[dict[str, str]] = {"status": "trạng thái", "lead_unit": "cơ quan chủ trì",
                                          "cooperating_units": "phối hợp", "result_note": "kết quả"}

    def __init__(self, report: dict[str, Any], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        STATUS_VI = TaskStatus.labels()

        self.setWindowTitle(self.tr("Kiểm tra sổ theo dõi “{name}”").format(name=name))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        summary = self.tr("{rows} dòng · {c} thay đổi · {k} xung đột · {e} lỗi").format(
            rows=report["rows"], c=len(report["changes"]), k=len(report["conflicts"]), e=len(report["errors"]))
        layout.addWidget(QLabel(f"<b>{escape(summary)}</b>"))
        parts = []
        for error in report["errors"]:
            parts.append(f"<p style='color:#b00020'>✗ {escape(error)}</p>")
        for conflict in report["conflicts"]:
            parts.append(f"<p style='color:#a15c00'>⚠ {escape(conflict)}</p>")
        for c in report["changes"]:
            old, new = c["old"], c["new"]
            if c["field"] == "status":
                old, new = STATUS_VI.get(old, old), STATUS_VI.get(new, new)
            field = self.tr(self.FIELD_VI.get(c["field"], c["field"]))
            parts.append(f"<p>{self.tr('Dòng')} {c['row']}: {escape(field)}: <s>{escape(old or '—')}</s> → "
                         f"<b>{escape(new or '—')}</b></p>")
        view = QTextBrowser()
        view.setHtml("".join(parts) or self.tr("<p>Không có thay đổi nào.</p>"))
        layout.addWidget(view, 1)
        note = QLabel(self.tr("Sổ có lỗi nên chưa thể cập nhật; hãy sửa tệp rồi nhập lại.") if report["errors"] else
                      self.tr("Các dòng xung đột sẽ không được ghi đè. Bấm “Cập nhật” để ghi các thay đổi còn lại."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = _buttons(self, self.tr("Cập nhật"))
        buttons.buttons()[0].setEnabled(not report["errors"] and bool(report["changes"]))
        layout.addWidget(buttons)


class PackageTargetDialog(QDialog):
    """Which organisation a received package belongs to here."""

    def __init__(self, organizations: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nhập gói chương trình"))
        form = QFormLayout(self)
        self.organization = QComboBox()
        self.organization.addItem(self.tr("Theo cơ quan ghi trong gói"), None)
        for org in organizations:
            self.organization.addItem(org["name"], org["id"])
        form.addRow(self.tr("Gán cho cơ quan:"), self.organization)
        form.addRow(_buttons(self, self.tr("Nhập")))


class OwnWorkbookDialog(QDialog):
    """Nhiệm vụ từ sổ Excel riêng: choose the sheet, say which column holds what, see the result."""

    FIELDS: ClassVar[list[tuple[str, str]]] = [
        ("text", "Nội dung nhiệm vụ (bắt buộc)"), ("lead_unit", "Cơ quan chủ trì"),
        ("cooperating_units", "Cơ quan phối hợp"), ("status", "Trạng thái"), ("result_note", "Kết quả"),
    ]

    def __init__(self, path: str, preview: dict[str, Any], sections: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

        self._item = QTableWidgetItem
        self.path, self.preview = path, preview
        self.setWindowTitle(self.tr("Nhập nhiệm vụ từ sổ Excel riêng"))
        self.resize(900, 600)
        form = QFormLayout(self)
        self.sheet = QComboBox()
        self.sheet.addItems(preview["sheets"])
        self.sheet.setCurrentText(preview["sheet"])
        self.sheet.currentTextChanged.connect(self._reload_sheet)
        form.addRow(self.tr("Trang tính:"), self.sheet)
        self.columns: dict[str, QComboBox] = {}
        for key, label in self.FIELDS:
            combo = QComboBox()
            self.columns[key] = combo
            combo.currentIndexChanged.connect(self._show_preview)
            form.addRow(self.tr(label) + ":", combo)
        self.section = QComboBox()
        for node_id, caption in sections:
            self.section.addItem(caption, node_id)
        form.addRow(self.tr("Đưa vào mục:"), self.section)
        self.table = QTableWidget(0, len(self.FIELDS))
        self.table.setHorizontalHeaderLabels([self.tr(label).split(" (")[0] for _, label in self.FIELDS])
        self.table.horizontalHeader().setStretchLastSection(True)
        form.addRow(self.table)
        form.addRow(_buttons(self, self.tr("Nhập các nhiệm vụ")))
        self._fill_columns()

    def _fill_columns(self) -> None:
        for key, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(không có)"), None)
            for i, header in enumerate(self.preview["headers"]):
                combo.addItem(header or self.tr("Cột {n}").format(n=i + 1), i)
            guess = self.preview["guess"].get(key)
            combo.setCurrentIndex(0 if guess is None else guess + 1)
            combo.blockSignals(False)
        self._show_preview()

    def _reload_sheet(self, name: str) -> None:
        preview = runner.call(self, self.tr("Không đọc được trang tính"), services.read_own_workbook, self.path, name)
        if preview is not runner.FAILED:
            self.preview = preview
            self._fill_columns()

    def mapping(self) -> dict[str, int | None]:
        return {key: combo.currentData() for key, combo in self.columns.items()}

    def _show_preview(self) -> None:
        mapping = self.mapping()
        rows = self.preview["rows"][:8]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (key, _) in enumerate(self.FIELDS):
                index = mapping.get(key)
                value = row[index] if index is not None and index < len(row) else ""
                self.table.setItem(r, c, self._item(value))


class LowerProgramDialog(QDialog):
    """Soạn chương trình năm cho cấp dưới: an existing lower committee, or a new one."""

    LEVELS: ClassVar[list[tuple[str, str, str]]] = [
        ("commune", "Đảng ủy xã, phường, đặc khu", "ĐU"), ("district", "Huyện ủy (chương trình cũ)", "HU"),
        ("affiliated", "Đảng ủy trực thuộc", "ĐU"),
    ]

    def __init__(self, organizations: list[dict[str, Any]], exclude: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Soạn chương trình năm cho cấp dưới"))
        form = QFormLayout(self)
        note = QLabel(self.tr("Chương trình mới lấy khung, nội dung và chỉ tiêu từ chương trình năm đang mở; "
                              "tên cơ quan, ký hiệu, địa danh và người ký lấy từ cơ quan cấp dưới."))
        note.setWordWrap(True)
        form.addRow(note)
        self.organization = QComboBox()
        for org in organizations:
            if org["id"] != exclude:
                self.organization.addItem(org["name"], org["id"])
        self.organization.addItem(self.tr("＋ Cơ quan mới…"), None)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("ví dụ: Đảng ủy xã Hòa An"))
        self.level = QComboBox()
        for key, label, suffix in self.LEVELS:
            self.level.addItem(self.tr(label), (key, suffix))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("địa danh ghi ở dòng ngày tháng"))
        form.addRow(self.tr("Cơ quan:"), self.organization)
        form.addRow(self.tr("Tên cơ quan mới:"), self.name)
        form.addRow(self.tr("Cấp:"), self.level)
        form.addRow(self.tr("Địa danh:"), self.place)
        self.organization.currentIndexChanged.connect(self._toggle)
        form.addRow(_buttons(self, self.tr("Soạn chương trình")))
        self._toggle()

    def _toggle(self) -> None:
        new = self.organization.currentData() is None
        for w in (self.name, self.level, self.place):
            w.setEnabled(new)

    def new_organization(self) -> dict[str, Any] | None:
        """Name, level and place of a new organisation, or None when an existing one is chosen."""
        if self.organization.currentData() is not None:
            return None
        level, _suffix = self.level.currentData()
        return {"name": self.name.text().strip(), "level": level, "place": self.place.text().strip()}
