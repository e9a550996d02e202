"""The user's own committee, set up on first run: from a few answers (kind, name, superior
province or city) the header lines, symbol, place and signer the Party format gives it.

"Đảng uỷ xã Hòa An" under "Thành phố Cần Thơ" prints "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ / ĐẢNG UỶ XÃ
HÒA AN / *" and is numbered "Số 01-CTr/ĐU" (HD 05-HD/VPTW 2026, 2.1.2c and 3.1.2b).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hgdesk.errors import InputError
from hgdesk.resources import resource
from hgdesk.text import clean, fold

SUPERIOR_KINDS = {"tỉnh": "TỈNH", "thành phố": "THÀNH PHỐ"}


@cache
def kinds() -> dict[str, dict[str, Any]]:
    """The office kinds of offices.toml, in order: province, city, commune, affiliated, district."""
    return tomllib.loads(resource("formats", "offices.toml").read_text(encoding="utf-8"))


@dataclass
class OfficeAnswers:
    """What the first-run wizard (or `hgdesk-cli org add`) asks."""

    kind: str  # a key of offices.toml
    name: str  # "Hòa An", "Hậu Giang", "Khối các cơ quan tỉnh"
    unit: str = ""  # commune kind: "xã", "phường", "đặc khu"
    superior_kind: str = "tỉnh"  # "tỉnh" or "thành phố"
    superior_name: str = ""  # "Cần Thơ"
    place: str = ""  # empty: derived by the 2026 rule
    suffix: str = ""  # empty: the kind's issuer code
    signer_position: str = "BÍ THƯ"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)


def place_name(answers: OfficeAnswers) -> str:
    """The place of "<place>, ngày … tháng … năm …": the commune's official name, with its level
    word when the name has one syllable or is the province's own name (HD 05, 4.1.1c); the
    province or city name for a province-level committee."""
    if answers.place.strip():
        return clean(answers.place)
    name = clean(answers.name)
    office = kinds()[answers.kind]
    if office["level"] == "province":
        return name
    if answers.kind == "commune":
        one_syllable = len(name.split()) == 1
        same_as_superior = fold(name) == fold(answers.superior_name)
        if one_syllable or same_as_superior:
            return f"{answers.unit.capitalize()} {name}"
        return name
    return clean(answers.superior_name) or name


def organization_fields(answers: OfficeAnswers) -> dict[str, Any]:
    """The Organization columns for the answers; a clear Vietnamese error for a missing answer."""
    office = kinds().get(answers.kind)
    if office is None:
        raise InputError(f"Loại cơ quan “{answers.kind}” không hợp lệ. Chọn một trong: {', '.join(kinds())}.")
    name = clean(answers.name)
    if not name:
        raise InputError("Hãy nhập tên cơ quan (ví dụ: Hòa An).")
    units = office.get("units", [])
    unit = clean(answers.unit).lower()
    if units and unit not in units:
        raise InputError(f"Hãy chọn cấp hành chính: {', '.join(units)}.")
    superior = ""
    if office["superior"]:
        if not clean(answers.superior_name):
            raise InputError("Hãy nhập tên tỉnh hoặc thành phố của đảng bộ cấp trên (ví dụ: Cần Thơ).")
        word = SUPERIOR_KINDS.get(clean(answers.superior_kind).lower())
        if word is None:
            raise InputError("Đảng bộ cấp trên là “tỉnh” hoặc “thành phố”.")
        superior = f"ĐẢNG BỘ {word} {clean(answers.superior_name).upper()}"
    header = " ".join(x for x in (office["header"], unit.upper(), name.upper()) if x)
    running = " ".join(x for x in (office["body"], unit, name) if x)
    return {
        "name": running, "header_name": header, "superior_line": superior,
        "symbol_suffix": clean(answers.suffix) or office["suffix"], "level": office["level"],
        "place": place_name(answers), "signer_authority": office["authority"],
        "signer_position": clean(answers.signer_position).upper() or "BÍ THƯ",
        "signer_name": clean(answers.signer_name),
        "recipients": [clean(r) for r in answers.recipients if clean(r)] or [f"- Lưu Văn phòng {office['body']}."],
    }
