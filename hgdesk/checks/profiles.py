"""Which format profile a document is judged by: the one in force on the document's date.

Profiles may carry `valid_from` / `valid_to` in their [profile] table (HD 05 from 27/5/2026);
of a family, the profile with the latest `valid_from` not after the date is chosen.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from hgdesk.errors import InputError
from hgdesk.formats import PROFILES, FormatProfile, load_profile
from hgdesk.resources import resource


@dataclass(frozen=True)
class ProfileSpan:
    id: str
    family: str
    valid_from: date
    valid_to: date


def _as_date(value: object, default: date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else default
    except ValueError:
        return default


@cache
def spans() -> tuple[ProfileSpan, ...]:
    out = []
    for path in sorted(resource("formats").glob("*.toml")):
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8")).get("profile", {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        out.append(ProfileSpan(str(meta.get("id", path.stem)), str(meta.get("family", "party")),
                               _as_date(meta.get("valid_from"), date.min), _as_date(meta.get("valid_to"), date.max)))
    return tuple(out)


def profile_for(family: str, on: date) -> FormatProfile:
    """The profile of `family` ("party", "state") in force on `on`."""
    candidates = [s for s in spans() if s.family == family and s.valid_from <= on <= s.valid_to]
    if not candidates:
        candidates = [s for s in spans() if s.family == family and s.valid_from <= on]
    if not candidates:
        raise InputError(f"Không có mẫu thể thức “{family}” áp dụng cho ngày {on:%d/%m/%Y}.")
    return load_profile(max(candidates, key=lambda s: s.valid_from).id)


def resolve(name: str | None, on: date, family: str = "party") -> tuple[FormatProfile, bool]:
    """The profile asked for (a family or a file id), or the family's dated one. Returns (profile, forced):
    naming a file id forces it; naming a family picks by date."""
    if not name:
        return profile_for(family, on), False
    if name in PROFILES or name in {s.family for s in spans()}:
        return profile_for(name, on), False
    return load_profile(name), True
