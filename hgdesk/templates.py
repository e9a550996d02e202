"""Editable texts of derived programs: defaults in resources/templates, edits in the database."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk.levels import level
from hgdesk.models import Organization, Template
from hgdesk.resources import resource
from hgdesk.text import apply_tone_style, to_roman, tone_style_of

TemplateKey = tuple[str, str, int | None]  # (program kind, text kind, quarter)


@cache
def defaults() -> dict[TemplateKey, str]:
    data = tomllib.loads(resource("templates", "default.toml").read_text(encoding="utf-8"))
    out: dict[TemplateKey, str] = {}
    for program_kind, texts in data.items():
        for key, body in texts.items():
            m = re.fullmatch(r"(.+)_(\d)", key)
            if m:
                out[(program_kind, m.group(1), int(m.group(2)))] = body
            else:
                out[(program_kind, key, None)] = body
    return out


def template_text(session: Session, organization_id: int | None, program_kind: str, kind: str,
                  quarter: int | None = None) -> str:
    """The organisation's own version if it has one, else the shipped default."""
    rows = session.scalars(
        select(Template).where(Template.program_kind == program_kind, Template.kind == kind,
                               Template.quarter.is_(None) if quarter is None else Template.quarter == quarter)
    ).all()
    for org_id in (organization_id, None):
        for row in rows:
            if row.organization_id == org_id:
                return row.body
    return defaults().get((program_kind, kind, quarter)) or defaults().get((program_kind, kind, None), "")


PLACEHOLDERS = ("year", "Q", "body", "organization", "level_upper", "anniversaries")


def validate(text: str, program_kind: str = "quarterly", kind: str = "") -> None:
    """Refuse a template a derive could not fill: unbalanced braces or an unknown placeholder.

    The message names the fault and its position (line, column), so the secretary can find it.
    A preview is filled with sample values to prove the whole text renders."""
    from string import Formatter

    from hgdesk.errors import InputError

    def where(offset: int) -> str:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return f"dòng {line}, cột {column}"

    depth_at: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith(("{{", "}}"), i):
            i += 2
            continue
        if ch == "{":
            if depth_at is not None:
                raise InputError(f"Mẫu có dấu “{{” chưa đóng ở {where(depth_at)}; mỗi chỗ điền là {{tên}}.")
            depth_at = i
        elif ch == "}":
            if depth_at is None:
                raise InputError(f"Mẫu có dấu “}}” thừa ở {where(i)} (không có “{{” mở trước).")
            name = text[depth_at + 1:i]
            if name not in PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise InputError(f"Mẫu dùng chỗ điền không có “{{{name}}}” ở {where(depth_at)}. Dùng được: {known}.")
            depth_at = None
        i += 1
    if depth_at is not None:
        raise InputError(f"Mẫu có dấu “{{” chưa đóng ở {where(depth_at)}.")
    try:
        list(Formatter().parse(text))
        text.format_map({p: "x" for p in PLACEHOLDERS})
    except (ValueError, KeyError, IndexError) as exc:  # pragma: no cover - the scan above finds these first
        raise InputError(f"Mẫu không điền được: {exc}.") from exc


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, org: Organization, year: int | None = None, quarter: int | None = None, *,
         tone: str | None = None, **extra: str) -> str:
    """Placeholders of a template filled in; unknown ones are left as typed. The result is written in
    `tone`, the placement of the program the text goes into ("uỷ"/"ủy"), else the template's own ("Đảng
    uỷ" from the office list into "các cấp ủy …" becomes "Đảng ủy"): the app's own sentences never mix them."""
    values = _Keep(
        year=year or "",
        Q=to_roman(quarter) if quarter else "",
        body=level(org.level).body,
        organization=org.name,
        level_upper=level(org.level).area,
        **extra,
    )
    filled = text.format_map(values)
    style = tone or tone_style_of([text])
    return apply_tone_style(filled, style) if style else filled
