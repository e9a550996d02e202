"""Official format profiles: data files in resources/formats/, loaded and validated here.

Renderers take every number from a FormatProfile; none of them is written in a renderer.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from hgdesk.errors import InputError
from hgdesk.resources import resource

PROFILES = {"party": "party_hd36_2018", "state": "state_nd30_2020"}
ALIGNS = ("left", "center", "right", "justify")
CASES = ("as_typed", "upper")
REQUIRED_STYLES = (
    "base", "motto", "superior", "issuer", "issuer_mark", "number", "place_date", "draft_mark", "doc_type",
    "title", "title_separator", "body", "part", "part_named", "part_named_heading", "section1", "section2",
    "section3", "item", "bullet", "authority", "position", "signer_name", "recipients_label", "recipient",
    "page_number", "footnote",
)
MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Style:
    name: str
    size: float
    bold: bool
    italic: bool
    underline: bool
    align: str
    case: str
    space_before_pt: float
    space_after_pt: float
    leading_pt: float
    first_indent_mm: float
    left_indent_mm: float

    @property
    def leading(self) -> float:
        """Line distance in points: the profile's exact value, else single spacing."""
        return self.leading_pt or round(self.size * 1.15, 2)

    def apply_case(self, text: str) -> str:
        return text.upper() if self.case == "upper" else text


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm


@dataclass(frozen=True)
class Header:
    left_width_mm: float
    right_width_mm: float
    motto: tuple[str, ...]
    motto_rule: float
    issuer_mark: str
    issuer_rule: float
    number: str
    blank_number: str
    date: str
    blank_day: str
    blank_year: str
    draft_mark: str
    draft_mark_version: str
    title_separator: str
    title_rule: float
    rule_weight_pt: float
    rule_gap_pt: float
    box_padding_pt: float
    box_space_before_pt: float


@dataclass(frozen=True)
class Footnotes:
    rule_fraction: float
    gap_pt: float


@dataclass(frozen=True)
class Signature:
    left_width_mm: float
    right_width_mm: float
    gap_mm: float
    space_before_pt: float


@dataclass(frozen=True)
class Recipients:
    label: str
    prefix: str
    separator: str
    terminator: str


@dataclass(frozen=True)
class PageNumbers:
    first_page: bool
    from_top_mm: float
    header_distance_mm: float


@dataclass(frozen=True)
class FormatProfile:
    id: str
    name: str
    family: str
    page: Page
    header: Header
    footnotes: Footnotes
    signature: Signature
    recipients: Recipients
    page_numbers: PageNumbers
    styles: dict[str, Style]

    def style(self, name: str) -> Style:
        return self.styles[name]


def _section(data: dict[str, Any], name: str, cls, source: str):
    table = data.get(name)
    if not isinstance(table, dict):
        raise InputError(f"Tệp định dạng “{source}” thiếu mục [{name}].")
    values = {}
    for f in fields(cls):
        if f.name not in table:
            raise InputError(f"Tệp định dạng “{source}” thiếu khóa “{f.name}” trong [{name}].")
        value = table[f.name]
        if f.type in ("float",) and isinstance(value, int | float) and not isinstance(value, bool):
            value = float(value)
        elif (
            f.type == "float"
            or (f.type == "bool" and not isinstance(value, bool))
            or (f.type == "str" and not isinstance(value, str))
        ):
            raise InputError(f"Giá trị “{name}.{f.name}” trong “{source}” không hợp lệ: {value!r}.")
        if f.type == "tuple[str, ...]":
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def _styles(raw: dict[str, Any], source: str) -> dict[str, Style]:
    missing = [s for s in REQUIRED_STYLES if s not in raw]
    if missing:
        raise InputError(f"Tệp định dạng “{source}” thiếu kiểu: {', '.join(missing)}.")
    resolved: dict[str, dict[str, Any]] = {}

    def resolve(name: str, trail: tuple[str, ...] = ()) -> dict[str, Any]:
        if name in resolved:
            return resolved[name]
        if name in trail:
            raise InputError(f"Kiểu “{name}” trong “{source}” kế thừa vòng tròn.")
        if name not in raw:
            raise InputError(f"Kiểu “{name}” trong “{source}” không có.")
        own = dict(raw[name])
        parent = own.pop("inherits", None if name == "base" else "base")
        values = {**(resolve(parent, (*trail, name)) if parent else {}), **own}
        resolved[name] = values
        return values

    styles = {}
    for name in raw:
        values = resolve(name)
        try:
            style = Style(name=name, **values)
        except TypeError as exc:
            raise InputError(f"Kiểu “{name}” trong “{source}” không hợp lệ: {exc}.") from None
        if style.align not in ALIGNS or style.case not in CASES or not 6 <= style.size <= 30:
            raise InputError(f"Kiểu “{name}” trong “{source}” có giá trị ngoài phạm vi cho phép.")
        styles[name] = style
    return styles


def load_profile_file(path: Path) -> FormatProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"Không đọc được tệp định dạng “{path.name}”: {exc}.") from None
    source = path.name
    meta = data.get("profile", {})
    return FormatProfile(
        id=str(meta.get("id", path.stem)),
        name=str(meta.get("name", path.stem)),
        family=str(meta.get("family", "party")),
        page=_section(data, "page", Page, source),
        header=_section(data, "header", Header, source),
        footnotes=_section(data, "footnotes", Footnotes, source),
        signature=_section(data, "signature", Signature, source),
        recipients=_section(data, "recipients", Recipients, source),
        page_numbers=_section(data, "page_numbers", PageNumbers, source),
        styles=_styles(data.get("styles", {}), source),
    )


@cache
def load_profile(name: str = "party") -> FormatProfile:
    """By short name ("party", "state") or by file id ("party_hd36_2018")."""
    file_id = PROFILES.get(name, name)
    path = resource("formats", f"{file_id}.toml")
    if not path.is_file():
        choices = ", ".join(sorted(PROFILES))
        raise InputError(f"Không có mẫu định dạng “{name}”. Các mẫu có: {choices}.")
    return load_profile_file(path)
