"""Declared schemas of everything that comes from outside: the program inside a package, the rows
of a returned tracking workbook, an organisation's settings. Checked before anything touches the
database: exact types (no text for a number, no number for a text), ranges, finite numbers, known
codes, and the same string lengths as the database columns (so SQLite and PostgreSQL agree).

A refusal is one Vietnamese line naming the field (`problem`).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
)

from hgdesk import models
from hgdesk.levels import LEVELS
from hgdesk.vocab import DocumentKind, NodeKind, ProgramKind, TaskStatus

LINE = 2_000  # one line of a title, an opening paragraph, a recipient
LONG = 100_000  # a node's text, a template's body
LINES = 500  # lines in a title, an opening, a closing, a recipients list
MAX_VALUE = 1e15  # an indicator's target or result (larger is a typo or an attack)


def column_limit(model: Any, column: str) -> int:
    """The length of a String column: the schema's limit is the database's."""
    return int(model.__table__.c[column].type.length)


def Text(limit: int, required: bool = False) -> Any:
    return Annotated[StrictStr, BeforeValidator(_none_is_empty), Field(max_length=limit, min_length=1 if required else 0)]


def _none_is_empty(value: Any) -> Any:
    return "" if value is None else value


def ColumnText(model: type, column: str, required: bool = False) -> Any:
    return Text(column_limit(model, column), required)


Year = Annotated[StrictInt, Field(ge=1900, le=2200)]
Quarter = Annotated[StrictInt, Field(ge=1, le=4)]
Lines = Annotated[list[Text(LINE)], Field(max_length=LINES)]  # type: ignore[misc]


class Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False, frozen=True)


class IndicatorIn(Strict):
    value: float | None = None
    unit: ColumnText(models.Indicator, "unit") = ""

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float | type(None)):
            raise ValueError("number")
        if value is not None and (not math.isfinite(value) or abs(value) > MAX_VALUE):
            raise ValueError("finite")
        return value


class NodeIn(Strict):
    kind: NodeKind
    label: ColumnText(models.Node, "label") = ""
    heading: Text(LONG) = ""
    text: Text(LONG) = ""
    indicator: IndicatorIn | None = None
    children: list[NodeIn] = []


class SignerIn(Strict):
    authority: ColumnText(models.Program, "signer_authority") = ""
    position: ColumnText(models.Program, "signer_position") = ""
    name: ColumnText(models.Program, "signer_name") = ""


class FootnoteIn(Strict):
    number: Annotated[StrictInt, Field(ge=0, le=100_000)]
    text: Text(LONG)


class OrganizationIn(Strict):
    """An organisation's settings (from a package, the settings dialog or the CLI)."""

    name: ColumnText(models.Organization, "name", required=True) = "Cơ quan"
    header_name: ColumnText(models.Organization, "header_name") = ""
    superior_line: ColumnText(models.Organization, "superior_line") = ""
    symbol_suffix: ColumnText(models.Organization, "symbol_suffix") = ""
    office_code: ColumnText(models.Organization, "office_code") = ""
    place: ColumnText(models.Organization, "place") = ""
    level: Annotated[StrictStr, Field(max_length=column_limit(models.Organization, "level"))] = "province"
    signer_authority: ColumnText(models.Organization, "signer_authority") = ""
    signer_position: ColumnText(models.Organization, "signer_position") = ""
    signer_name: ColumnText(models.Organization, "signer_name") = ""
    recipients: Lines = []

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value not in LEVELS:
            raise ValueError("code")
        return value


class TemplateIn(Strict):
    kind: ColumnText(models.Template, "kind", required=True)
    program_kind: ProgramKind = ProgramKind.QUARTERLY
    quarter: Quarter | None = None
    body: Text(LONG) = ""


class ProgramIn(Strict):
    """program.json inside a package."""

    kind: ProgramKind
    year: Year | None = None
    quarter: Quarter | None = None
    term: ColumnText(models.Program, "term") = ""
    number: ColumnText(models.Program, "number") = ""
    date: Annotated[StrictStr, Field(max_length=10)] | None = None
    date_year: Year | None = None
    place: ColumnText(models.Program, "place") = ""
    document_type: ColumnText(models.Program, "document_type") = ""
    document_kind: DocumentKind | None = None  # absent from packages of earlier versions: not known
    title: Lines
    opening: Lines
    closing: Lines
    recipients: Lines
    signer: SignerIn | None = None
    footnotes: Annotated[list[FootnoteIn], Field(max_length=5_000)] = []
    nodes: list[NodeIn]
    organization: OrganizationIn
    templates: Annotated[list[TemplateIn], Field(max_length=200)] = []


class SenderIn(Strict):
    name: ColumnText(models.Organization, "name", required=True)
    key: Text(100, required=True)


class ManifestIn(Strict):
    """manifest.json of a signed package (format and version are checked first, for their own messages)."""

    origin: ColumnText(models.Program, "origin")
    created: Text(40) = ""
    sender: SenderIn
    files: dict[Text(100), Text(64)]


class TaskRowIn(Strict):
    """The editable cells of one row of a returned tracking workbook."""

    lead_unit: ColumnText(models.Task, "lead_unit") = ""
    cooperating_units: ColumnText(models.Task, "cooperating_units") = ""
    status: TaskStatus
    result_note: Text(LONG) = ""
    evidence_ref: ColumnText(models.Task, "evidence_ref") = ""


class OwnTaskRowIn(TaskRowIn):
    """One row of the user's own workbook, mapped to a new task."""

    text: Text(LONG, required=True)


FIELD_VI = {
    "kind": "loại", "year": "năm", "quarter": "quý", "term": "nhiệm kỳ", "number": "số", "date": "ngày",
    "date_year": "năm ban hành", "place": "địa danh", "document_type": "tên loại văn bản", "title": "tiêu đề",
    "opening": "phần mở đầu", "closing": "phần kết", "recipients": "nơi nhận", "signer": "người ký",
    "footnotes": "chú thích", "nodes": "các mục", "organization": "cơ quan", "templates": "mẫu",
    "name": "tên", "header_name": "tên ở tiêu đề", "superior_line": "dòng cấp trên", "symbol_suffix": "ký hiệu",
    "office_code": "mã văn phòng", "level": "cấp", "authority": "thẩm quyền ký", "position": "chức vụ",
    "signer_authority": "thẩm quyền ký", "signer_position": "chức vụ người ký", "signer_name": "tên người ký",
    "label": "số thứ tự mục", "heading": "tiêu đề mục", "text": "nội dung", "indicator": "chỉ tiêu",
    "value": "giá trị", "unit": "đơn vị", "children": "mục con", "body": "nội dung mẫu",
    "program_kind": "loại chương trình", "lead_unit": "cơ quan chủ trì", "cooperating_units": "cơ quan phối hợp",
    "status": "trạng thái", "result_note": "kết quả", "evidence_ref": "minh chứng", "origin": "nguồn gói", "sender": "cơ quan gửi",
    "files": "danh sách tệp", "created": "thời điểm tạo", "key": "khóa công khai",
}


def _where(loc: tuple[Any, ...]) -> str:
    """("nodes", 0, "children", 2, "text") -> "“nodes[1].children[3].text” (nội dung)"."""
    path = ""
    for step in loc:
        path += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if path else str(step))
    named = next((FIELD_VI[s] for s in reversed(loc) if isinstance(s, str) and s in FIELD_VI), "")
    return f"“{path}” ({named})" if named else f"“{path}”"


def _why(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "string_too_long" or (kind == "too_long" and isinstance(error.get("input"), str)):
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(error.get("input"), str)):
        return "không được để trống"
    if kind == "too_long":
        return f"có quá nhiều phần tử (tối đa {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = ctx.get("ge"), ctx.get("le")
        return "nằm ngoài khoảng cho phép" + (f" ({low}–{high})" if low is not None and high is not None else "")
    if kind in ("enum", "literal_error"):
        return "có mã không được chấp nhận"
    if kind == "missing":
        return "bị thiếu"
    if kind == "finite_number":
        return "phải là số hữu hạn"
    if kind == "value_error":
        message = str(ctx.get("error", ""))
        return {"finite": "phải là số hữu hạn và không quá lớn", "number": "phải là số",
                "code": "có mã không được chấp nhận"}.get(message, "không hợp lệ")
    if kind.startswith(("int", "float")):
        return "phải là số nguyên" if kind.startswith("int") else "phải là số"
    if kind.startswith("string") or kind == "str_type":
        return "phải là chữ"
    if kind.startswith(("list", "tuple")):
        return "phải là danh sách"
    if kind.startswith(("dict", "model")):
        return "phải là một nhóm trường"
    if kind == "recursion_loop":
        return "lồng nhau quá sâu"
    return "không hợp lệ"


def problem(exc: ValidationError) -> str:
    """The first error as one Vietnamese line: which field, what is wrong with it."""
    error = exc.errors(include_url=False)[0]
    loc = tuple(s for s in error["loc"] if not (isinstance(s, str) and ("[" in s or s.startswith("function"))))
    return f"trường {_where(loc)} {_why(error)}"


def checked(model: type[BaseModel], data: Any, what: str) -> dict[str, Any]:
    """`data` validated by `model` as plain data, or an InputError "<what>: trường … <why>."."""
    from hgdesk.errors import InputError

    try:
        return model.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        raise InputError(f"{what}: {problem(exc)}.") from None


def row_problem(model: type[BaseModel], data: Any, number: int) -> str | None:
    """"Dòng n: trường … <why>." for a workbook row the schema refuses, else None."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return f"Dòng {number}: {problem(exc)}."
    return None
