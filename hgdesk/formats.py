"""Official format profiles: data files in resources/formats/, loaded and validated here.

Renderers take every number from a FormatProfile; none of them is written in a renderer.
"""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from hgdesk.errors import InputError
from hgdesk.resources import resource

PROFILES = {"party": "party_hd36_2018", "state": "state_nd30_2020"}  # short names; "party" follows the date
FAMILIES = {"party": ("party_hd36_2018", "party_hd05_2026"), "state": ("state_nd30_2020",)}
ALIGNS = ("left", "center", "right", "justify")
CASES = ("as_typed", "upper")
REQUIRED_STYLES = (
    "base", "motto", "superior", "issuer", "issuer_mark", "number", "place_date", "draft_mark", "doc_type",
    "title", "title_separator", "body", "part", "part_named", "part_named_heading", "section1", "section2",
    "section3", "item", "bullet", "authority", "position", "signer_name", "recipients_label", "recipient",
    "page_number", "footnote", "appendix_label", "appendix_title", "appendix_reference", "table_header",
    "table_cell",
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
    margin_left_back_mm: float  # even pages when printed on both sides (mirrored)
    margin_right_back_mm: float

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    def margins(self, page_number: int, duplex: bool) -> tuple[float, float]:
        """(left, right) in mm of a page: back pages mirror the margins when printing two-sided."""
        if duplex and page_number % 2 == 0:
            return self.margin_left_back_mm, self.margin_right_back_mm
        return self.margin_left_mm, self.margin_right_mm


@dataclass(frozen=True)
class Header:
    left_width_mm: float
    right_width_mm: float
    motto: tuple[str, ...]
    motto_rule: float
    issuer_mark: str
    issuer_rule: float
    number: str
    number_min_digits: int
    blank_number: str
    date: str
    blank_day: str
    blank_year: str
    draft_mark: str
    draft_mark_version: str
    draft_mark_boxed: bool
    title_separator: str
    title_rule: float
    rule_weight_pt: float
    rule_gap_pt: float
    rule_clearance_mm: float
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
    authority_prefixes: tuple[str, ...]  # the signing forms that exist ("T/M", "K/T", …)
    authority_forms: dict[str, str]  # how a form is printed in this profile ("T/M" -> "TM.")
    tm_positions: tuple[str, ...]  # positions allowed under T/M (empty: any)
    position_without_committee: bool


@dataclass(frozen=True)
class Recipients:
    label: str
    prefix: str
    separator: str
    terminator: str
    storage: str  # the storage line, "Lưu {office}"


@dataclass(frozen=True)
class Numbering:
    counter_scope: str  # "term" (Party) or "year" (state)
    term_start: str
    secret_documents: str
    legacy_type_codes: tuple[str, ...]
    type_codes: dict[str, str]
    issuer_codes: dict[str, str]
    obsolete_issuer_codes: tuple[str, ...]


@dataclass(frozen=True)
class Presets:
    province: tuple[str, ...]
    commune: tuple[str, ...]
    commune_office: tuple[str, ...]
    commune_bxdd: tuple[str, ...]
    province_kinds: tuple[str, ...]
    commune_kinds: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    add_level_when: tuple[str, ...]
    level_words: dict[str, str]
    abbreviations: tuple[str, ...]


@dataclass(frozen=True)
class Appendix:
    label: str
    label_single: str
    reference: str
    separator: str
    restart_page_numbers: bool


@dataclass(frozen=True)
class HouseStyle:
    tone_placement: str  # "uỷ" (tone on the second vowel) or "ủy"


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
    numbering: Numbering
    presets: Presets
    places: Places
    appendix: Appendix
    house_style: HouseStyle
    styles: dict[str, Style]
    guideline: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    replaces: str = ""

    def applies_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def style(self, name: str) -> Style:
        return self.styles[name]


def _value(value: Any, kind: str, key: str, source: str) -> Any:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    ok = {
        "float": number,
        "int": isinstance(value, int) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "str": isinstance(value, str),
        "tuple[str, ...]": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "dict[str, str]": isinstance(value, dict) and all(isinstance(v, str) for v in value.values()),
    }.get(kind, False)
    if not ok:
        raise InputError(f"Giá trị “{key}” trong “{source}” không hợp lệ: {value!r}.")
    if kind == "float":
        return float(value)
    if kind == "tuple[str, ...]":
        return tuple(value)
    return dict(value) if kind == "dict[str, str]" else value


def _date(value: Any, key: str, source: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"Ngày “{key}” trong “{source}” không hợp lệ: {value!r}.") from None


def _section(data: dict[str, Any], name: str, cls, source: str):
    table = data.get(name)
    if not isinstance(table, dict):
        raise InputError(f"Tệp định dạng “{source}” thiếu mục [{name}].")
    values = {}
    for f in fields(cls):
        if f.name not in table and f.default is not MISSING:
            continue
        if f.name not in table:
            raise InputError(f"Tệp định dạng “{source}” thiếu khóa “{f.name}” trong [{name}].")
        values[f.name] = _value(table[f.name], str(f.type), f"{name}.{f.name}", source)  # a string: postponed annotations
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
        numbering=_section(data, "numbering", Numbering, source),
        presets=_section(data, "presets", Presets, source),
        places=_section(data, "places", Places, source),
        appendix=_section(data, "appendix", Appendix, source),
        house_style=_section(data, "house_style", HouseStyle, source),
        styles=_styles(data.get("styles", {}), source),
        guideline=str(meta.get("guideline", "")),
        valid_from=_date(meta.get("valid_from"), "profile.valid_from", source),
        valid_to=_date(meta.get("valid_to"), "profile.valid_to", source),
        replaces=str(meta.get("replaces", "")),
    )


@cache
def load_profile(name: str = "party") -> FormatProfile:
    """By file id ("party_hd05_2026") or short name ("state"); "party" alone is the profile in
    force today (see profile_for to choose by a document's date)."""
    if name in FAMILIES and len(FAMILIES[name]) > 1:
        return profile_for(name, date.today())
    file_id = PROFILES.get(name, name)
    path = resource("formats", f"{file_id}.toml")
    if not path.is_file() or "/" in file_id or "\\" in file_id:
        choices = ", ".join(sorted({*PROFILES, *(i for ids in FAMILIES.values() for i in ids)}))
        raise InputError(f"Không có mẫu định dạng “{name}”. Các mẫu có: {choices}.")
    return load_profile_file(path)


def profile_for(name: str, day: date | None) -> FormatProfile:
    """The profile that applies to a document dated `day` (an undated draft: today).

    `name` is a family ("party", "state"), whose effective-dated profiles are chosen by the
    date, or a profile id, which the user chose explicitly and which is returned as it is.
    """
    if name not in FAMILIES:
        return load_profile(name)
    day = day or date.today()
    candidates = [load_profile(i) for i in FAMILIES[name]]
    in_force = [p for p in candidates if p.applies_on(day)]
    if in_force:
        return max(in_force, key=lambda p: p.valid_from or date.min)
    # Before the oldest profile's start: the oldest one; after every end: the newest.
    ordered = sorted(candidates, key=lambda p: p.valid_from or date.min)
    return ordered[0] if ordered[0].valid_from and day < ordered[0].valid_from else ordered[-1]


def available_profiles() -> list[dict[str, Any]]:
    """Every shipped profile: id, name, family and validity, for the settings and the checker."""
    out = []
    for family, ids in FAMILIES.items():
        for file_id in ids:
            p = load_profile(file_id)
            out.append({"id": p.id, "name": p.name, "family": family, "guideline": p.guideline,
                        "valid_from": p.valid_from, "valid_to": p.valid_to})
    return out
