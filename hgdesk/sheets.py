"""The Excel tracking workbook: export a quarter's tasks for the units, read their answers back.

Nothing a unit sends back is applied before it has been validated whole; a row whose task
changed in the application since the export is reported as a conflict, never overwritten.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hgdesk.errors import InputError
from hgdesk.importing.readers import MAX_FILE_BYTES
from hgdesk.inline import plain
from hgdesk.messages import details
from hgdesk.text import clean, fold, format_vn_number, to_roman
from hgdesk.tracking import STATUS_VI, TRANSITIONS
from hgdesk.zipfiles import check_zip, malformed_data_errors

FORMAT = "hgdesk-tracking"
FORMAT_VERSION = 1
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
SUMMARY_SHEET = "Tổng hợp"
META_SHEET = "_hgdesk"
MAX_ROWS = 5000
# (key, header, width, hidden)
TASK_COLUMNS = (
    ("task_id", "Mã nhiệm vụ", 10, True),
    ("stamp", "Dấu phiên bản", 12, True),
    ("place", "Mục", 10, False),
    ("text", "Nhiệm vụ", 70, False),
    ("lead_unit", "Cơ quan chủ trì", 24, False),
    ("cooperating_units", "Cơ quan phối hợp", 24, False),
    ("status", "Trạng thái", 18, False),
    ("result_note", "Kết quả thực hiện", 45, False),
    ("evidence_ref", "Minh chứng (số, ký hiệu văn bản)", 24, False),
    ("evidence_name", "Tệp minh chứng (lưu trong phần mềm)", 24, False),
)
EDITABLE = ("lead_unit", "cooperating_units", "status", "result_note", "evidence_ref")
# A workbook exported before the evidence columns existed is still read (it has the first ones only).
OLDER_COLUMNS = len(TASK_COLUMNS) - 2
STATUS_BY_NAME = {fold(name): code for code, name in STATUS_VI.items()}


def text_stamp(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _set_text(cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # never a formula, even when it starts with = + - @
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        cell.quotePrefix = True


def _put(ws, value: Any, like: Any = None, **style: Any):
    """Every cell the app writes goes through here: text is always text (never a formula), numbers
    stay numbers. A cell of a write-only sheet, appended with its row; `like`: a cell whose style it
    copies (cheaper than setting the same style objects on thousands of cells)."""
    from copy import copy

    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    if like is not None:
        cell._style = copy(like._style)
    for key, setting in style.items():
        setattr(cell, key, setting)
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        cell.value = value
    else:
        _set_text(cell, str(value))
    return cell


def _header_text(text: str) -> str:
    """Text for a page header or footer: "&" starts a field code there, so it is doubled."""
    return text.replace("&", "&&")


def export_limits(tasks: list[dict[str, Any]], name: str) -> None:
    """The workbook must come back in: never more rows than `read_workbook` accepts."""
    if len(tasks) > MAX_ROWS:
        raise InputError(f"Chương trình có {len(tasks)} nhiệm vụ, nhiều hơn {MAX_ROWS} dòng mà sổ theo dõi nhận lại "
                         f"được; không xuất “{name}”. Hãy chia theo quý hoặc theo đơn vị.")


def export_workbook(program: dict[str, Any], tasks: list[dict[str, Any]], indicators: list[dict[str, Any]]) -> bytes:
    """The tracking workbook, written row by row (openpyxl write-only: a 5,000-task quarter in a
    fraction of the time and memory), checked against the same gates its re-import applies."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    title = program_title(program)
    export_limits(tasks, title)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(TASK_SHEET)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE7F3")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (_, _header, width, hidden) in enumerate(TASK_COLUMNS, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].hidden = hidden
    last = len(tasks) + 1
    status_col = get_column_letter(1 + [c[0] for c in TASK_COLUMNS].index("status"))
    choices = ",".join(STATUS_VI[s] for s in STATUS_VI)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=False, showErrorMessage=True,
                                errorTitle="Trạng thái không hợp lệ",
                                error="Hãy chọn trạng thái trong danh sách.")
    if tasks:
        validation.add(f"{status_col}2:{status_col}{last}")
        ws.data_validations.append(validation)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(TASK_COLUMNS))}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = _header_text(title)
    ws.oddFooter.center.text = "Trang &P / &N"
    centred = Alignment(wrap_text=True, vertical="center")
    ws.append([_put(ws, header, font=bold, fill=head_fill, alignment=centred) for _, header, _, _ in TASK_COLUMNS])
    wrapped = _put(ws, "", alignment=wrap)  # the style of every task cell
    for task in tasks:
        text = plain(task["text"])
        values = {
            "task_id": task["task_id"], "stamp": f"{task['version']}:{text_stamp(text)}",
            "place": task["place"], "text": text, "lead_unit": task["lead_unit"],
            "cooperating_units": task["cooperating_units"], "status": STATUS_VI[task["status"]],
            "result_note": task["result_note"], "evidence_ref": task.get("evidence_ref", ""),
            "evidence_name": task.get("evidence_name", ""),
        }
        ws.append([_put(ws, values[key], like=wrapped) for key, *_rest in TASK_COLUMNS])

    ind = wb.create_sheet(INDICATOR_SHEET)
    headers = ["STT", "Chỉ tiêu", "Mục tiêu", "Đơn vị", "Thực hiện", "% đạt"]
    for col, width in enumerate((6, 70, 14, 20, 14, 10), start=1):
        ind.column_dimensions[get_column_letter(col)].width = width
    ind.freeze_panes = "C2"
    ind.page_setup.orientation = "landscape"
    ind.append([_put(ind, header, font=bold, fill=head_fill) for header in headers])
    for row in indicators:
        ind.append([_put(ind, row["label"]), _put(ind, row["text"], alignment=wrap), _put(ind, row["target"]),
                    _put(ind, row["unit"] or ""), _put(ind, row["actual"]),
                    _put(ind, None if row["percent"] is None else row["percent"] / 100, number_format="0.0%")])

    summary = wb.create_sheet(SUMMARY_SHEET)
    summary.column_dimensions["A"].width = 28
    summary.append([_put(summary, title, font=Font(bold=True, size=13))])
    summary.append([])
    summary.append([_put(summary, "Trạng thái", font=bold), _put(summary, "Số nhiệm vụ", font=bold)])
    for code, name in STATUS_VI.items():
        summary.append([_put(summary, name.capitalize()), _put(summary, sum(1 for t in tasks if t["status"] == code))])
    summary.append([_put(summary, "Tổng cộng", font=bold), _put(summary, len(tasks), font=bold)])

    meta = wb.create_sheet(META_SHEET)
    for key, value in (("format", FORMAT), ("version", FORMAT_VERSION), ("program_id", program["id"]),
                       ("program", title), ("exported_at", datetime.now().isoformat(timespec="seconds"))):
        meta.append([_put(meta, key), _put(meta, value)])
    meta.sheet_state = "veryHidden"
    wb.properties.title = title
    wb.properties.creator = "hgdesk"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    try:  # the re-import's own gates (size, zip): refused here, not when the units send it back
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"{len(data) // 1024 // 1024} MB > {MAX_FILE_BYTES // 1024 // 1024} MB")
        check_zip(data, title)
    except InputError as exc:
        raise InputError(f"Sổ theo dõi “{title}” quá lớn để nhận lại được; không xuất. Hãy chia theo quý hoặc theo "
                         "đơn vị.", details=str(exc)) from None
    return data


def program_title(program: dict[str, Any]) -> str:
    if program.get("quarter"):
        return f"{program['organization']} – Chương trình công tác quý {to_roman(program['quarter'])}/{program['year']}"
    return f"{program['organization']} – {' '.join(program.get('title') or [])}".strip(" –")


# --- reading back ----------------------------------------------------------------------------
@dataclass
class Change:
    task_id: int
    row: int
    field: str
    old: str
    new: str


@dataclass
class ReadResult:
    program_id: int
    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int = 0


def _open_workbook(data: bytes, name: str):
    from openpyxl import load_workbook

    if not data:
        raise InputError(f"Tệp “{name}” rỗng.")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"Tệp “{name}” quá lớn; chỉ nhận tệp đến {MAX_FILE_BYTES // 1024 // 1024} MB.")
    if data[:4] != b"PK\x03\x04":
        raise InputError(f"Tệp “{name}” không phải sổ tính Excel (.xlsx).")
    check_zip(data, name)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc được như sổ tính Excel.", details=details(exc)) from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_vn_number(value)
    return clean(str(value))


def read_workbook(data: bytes, name: str, program_id: int, current: dict[int, dict[str, Any]]) -> ReadResult:
    """Compare a returned workbook with the tasks as they are now (`current`: task id -> row).

    Returns the changes it would make, the rows in conflict and every error found.
    """
    wb = _open_workbook(data, name)
    try:
        return _read(wb, name, program_id, current)
    except malformed_data_errors() as exc:  # read-only workbooks parse lazily, while rows are read
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc hết được nội dung.", details=details(exc)) from None
    finally:
        wb.close()


def _read(wb, name: str, program_id: int, current: dict[int, dict[str, Any]]) -> ReadResult:
    if META_SHEET not in wb.sheetnames:
        raise InputError(f"Tệp “{name}” không phải sổ theo dõi do phần mềm xuất ra (thiếu thông tin nhận dạng).")
    meta = {str(r[0]): r[1] for r in wb[META_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True)
            if r and r[0] is not None}
    if meta.get("format") != FORMAT:
        raise InputError(f"Tệp “{name}” không phải sổ theo dõi nhiệm vụ của hgdesk.")
    if int(meta.get("version") or 0) > FORMAT_VERSION:
        raise InputError(f"Tệp “{name}” được tạo bằng phiên bản phần mềm mới hơn; hãy cập nhật phần mềm.")
    if meta.get("program_id") != program_id:
        raise InputError(f"Tệp “{name}” là sổ theo dõi của chương trình khác (“{meta.get('program', '?')}”), "
                         "không phải của chương trình đang mở.")
    if TASK_SHEET not in wb.sheetnames:
        raise InputError(f"Tệp “{name}” thiếu trang “{TASK_SHEET}”.")
    sheet = wb[TASK_SHEET]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(v) for v in next(rows, ())]
    expected = [h for _, h, _, _ in TASK_COLUMNS]
    width = len(expected)
    if header[:width] != expected and header[:OLDER_COLUMNS] == expected[:OLDER_COLUMNS] \
            and not any(header[OLDER_COLUMNS:]):
        width = OLDER_COLUMNS  # exported before the evidence columns: read the columns it has
    elif header[:width] != expected:
        missing = [h for h in expected if h not in header]
        raise InputError(f"Trang “{TASK_SHEET}” không đúng cột (thiếu hoặc sai thứ tự: {', '.join(missing) or 'thứ tự cột'}). "
                         "Hãy dùng đúng tệp đã xuất, không thêm hoặc xóa cột.")
    result = ReadResult(program_id)
    seen: dict[int, int] = {}
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise InputError(f"Tệp “{name}” có quá nhiều dòng (hơn {MAX_ROWS}); không phải sổ theo dõi của một quý.")
        if values is None or all(v in (None, "") for v in values):
            continue
        result.rows += 1
        keys = [c[0] for c in TASK_COLUMNS[:width]]
        _read_row(result, number, dict(zip(keys, values[:width], strict=False)), current, seen)
    return result




def _read_row(result: ReadResult, number: int, row: dict[str, Any], current: dict[int, dict[str, Any]],
              seen: dict[int, int]) -> None:
    raw_id = row.get("task_id")
    try:
        if raw_id is None:
            raise ValueError("no id")
        task_id = int(raw_id)
    except (TypeError, ValueError):
        result.errors.append(f"Dòng {number}: mã nhiệm vụ “{_cell_text(raw_id)}” không hợp lệ.")
        return
    if task_id in seen:
        result.errors.append(f"Dòng {number}: nhiệm vụ lặp lại (đã có ở dòng {seen[task_id]}).")
        return
    seen[task_id] = number
    task = current.get(task_id)
    if task is None:
        result.errors.append(f"Dòng {number}: không có nhiệm vụ mã {task_id} trong chương trình này.")
        return
    version, _, stamp = _cell_text(row.get("stamp")).partition(":")
    if stamp and text_stamp(_cell_text(row.get("text"))) != stamp:
        result.errors.append(f"Dòng {number}: nội dung nhiệm vụ đã bị sửa trong tệp; chỉ được sửa các cột "
                             "trạng thái, cơ quan chủ trì, phối hợp và kết quả.")
        return
    status_text = _cell_text(row.get("status"))
    status = STATUS_BY_NAME.get(fold(status_text))
    if status is None:
        result.errors.append(f"Dòng {number}: trạng thái “{status_text}” không hợp lệ.")
        return
    if status != task["status"] and (status not in TRANSITIONS[task["status"]] or status == "carried"):
        result.errors.append(f"Dòng {number}: không chuyển được trạng thái từ “{STATUS_VI[task['status']]}” "
                             f"sang “{STATUS_VI[status]}”.")
        return
    proposed = {"lead_unit": _cell_text(row.get("lead_unit")), "cooperating_units": _cell_text(row.get("cooperating_units")),
                "status": status, "result_note": _cell_text(row.get("result_note"))}
    if "evidence_ref" in row:  # absent from a workbook exported before the evidence columns
        proposed["evidence_ref"] = " ".join(_cell_text(row.get("evidence_ref")).split())
    from hgdesk import schemas

    refused = schemas.row_problem(schemas.TaskRowIn, proposed, number)
    if refused:
        result.errors.append(refused)
        return
    changed = [(key, task.get(key) or "", proposed[key]) for key in EDITABLE
               if key in proposed and (task.get(key) or "") != proposed[key]]
    if not changed:
        return
    if version and version != str(task["version"]):
        result.conflicts.append(f"Dòng {number}: nhiệm vụ “{task['text'][:60]}” đã được sửa trong phần mềm sau khi "
                                "xuất sổ; không ghi đè, hãy kiểm tra lại.")
        return
    for key, old, new in changed:
        result.changes.append(Change(task_id, number, key, old, new))


# --- tasks from a user's own workbook ----------------------------------------------------------
OWN_FIELDS = ("text", "lead_unit", "cooperating_units", "status", "result_note")
GUESSES = {
    "text": ("nhiem vu", "noi dung", "cong viec", "ten nhiem vu"),
    "lead_unit": ("chu tri", "don vi chu tri", "co quan chu tri"),
    "cooperating_units": ("phoi hop",),
    "status": ("trang thai", "tien do", "tinh trang"),
    "result_note": ("ket qua", "ghi chu"),
}


@dataclass
class OwnSheet:
    sheets: list[str]
    sheet: str
    headers: list[str]
    rows: list[list[str]]
    guess: dict[str, int | None]


def read_own_workbook(data: bytes, name: str, sheet: str | None = None) -> OwnSheet:
    """Headers and rows of the user's own sheet, with a guess of which column holds what."""
    wb = _open_workbook(data, name)
    try:
        sheets = list(wb.sheetnames)
        chosen = sheet if sheet is not None and sheet in sheets else sheets[0]
        rows: list[list[str]] = []
        for values in wb[chosen].iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise InputError(f"Trang “{chosen}” có quá nhiều dòng (hơn {MAX_ROWS}).")
            cells = [_cell_text(v) for v in (values or ())][:60]
            if any(cells):
                rows.append(cells)
    except malformed_data_errors() as exc:
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc hết được nội dung.", details=details(exc)) from None
    finally:
        wb.close()
    if not rows:
        raise InputError(f"Trang “{chosen}” không có dữ liệu.")
    headers, body = rows[0], rows[1:]
    guess: dict[str, int | None] = {}
    for field_name, words in GUESSES.items():
        guess[field_name] = next((i for i, h in enumerate(headers) if any(w in fold(h) for w in words)), None)
    return OwnSheet(sheets, chosen, headers, body, guess)


def mapped_tasks(sheet: OwnSheet, mapping: dict[str, int | None]) -> tuple[list[dict[str, str]], list[str]]:
    """The tasks the mapping reads from the sheet, and the errors that stop the import."""
    from hgdesk import schemas

    if mapping.get("text") is None:
        return [], ["Cần chọn cột chứa nội dung nhiệm vụ."]
    tasks, errors = [], []
    for number, row in enumerate(sheet.rows, start=2):
        def cell(field_name: str, row=row) -> str:
            index = mapping.get(field_name)
            return row[index] if index is not None and index < len(row) else ""

        text = cell("text")
        if not text:
            continue
        status_text = cell("status")
        status = STATUS_BY_NAME.get(fold(status_text), "not_started" if not status_text else None)
        if status is None or status == "carried":
            errors.append(f"Dòng {number}: trạng thái “{status_text}” không hợp lệ.")
            continue
        task = {"text": text, "lead_unit": cell("lead_unit"), "cooperating_units": cell("cooperating_units"),
                "status": status, "result_note": cell("result_note")}
        refused = schemas.row_problem(schemas.OwnTaskRowIn, task, number)
        if refused:
            errors.append(refused)
            continue
        tasks.append(task)
    if not tasks and not errors:
        errors.append("Cột nội dung đã chọn không có dòng nào.")
    return tasks, errors
