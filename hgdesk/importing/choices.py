"""What the secretary corrects in the import preview, applied to the parsed document before
it is saved: a corrected value is no longer a guess (confidence 1)."""

from __future__ import annotations

from hgdesk.errors import InputError
from hgdesk.importing.model import Guess, ParsedProgram
from hgdesk.levels import LEVELS
from hgdesk.vocab import ProgramKind

PERIOD_KINDS = ProgramKind.codes()


def apply_choices(parsed: ParsedProgram, *, organization: str | None = None, level: str | None = None,
                  kind: str | None = None, year: int | None = None, quarter: int | None = None) -> ParsedProgram:
    if level is not None and level not in LEVELS:
        raise InputError(f"Cấp “{level}” không có trong danh mục cấp ủy.")
    if kind is not None and kind not in PERIOD_KINDS:
        raise InputError(f"Loại kỳ “{kind}” không hợp lệ.")
    if kind == "quarterly" and quarter not in (1, 2, 3, 4):
        raise InputError("Chương trình quý cần ghi rõ quý (I đến IV).")
    if year is not None and not 1930 <= year <= 2100:
        raise InputError(f"Năm {year} không hợp lệ.")
    confirmed = "người dùng xác nhận"
    if organization is not None and organization.strip():
        parsed.organization = organization.strip()
        parsed.guesses["organization"] = Guess(parsed.organization, 1.0, confirmed)
    if level is not None:
        parsed.level = level
        parsed.guesses["level"] = Guess(level, 1.0, confirmed)
    if kind is not None:
        parsed.kind = kind
        parsed.quarter = quarter if kind == "quarterly" else None
    if year is not None:
        parsed.year = year
    return parsed
