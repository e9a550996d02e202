"""Which format profile a document is judged by: the one asked for, or the one in force on the
document's date (hgdesk.formats.profile_for: HD 36 until 26/5/2026, HD 05 from 27/5/2026)."""

from __future__ import annotations

from datetime import date

from hgdesk.formats import FAMILIES, FormatProfile, load_profile, profile_for


def resolve(name: str | None, on: date, family: str = "party") -> tuple[FormatProfile, bool]:
    """(profile, forced): a family name or nothing picks by the date; a profile id is forced."""
    if not name or name in FAMILIES:
        return profile_for(name or family, on), False
    return load_profile(name), True
