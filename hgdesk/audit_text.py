"""How an audit entry reads to a secretary: the summary an operation recorded, as a Vietnamese
sentence — every key by its Vietnamese name (resources/i18n/audit_words.toml), statuses and
operations by theirs, lists counted or joined short, dates as dd/mm/yyyy, the reason of an issue
despite format errors given whole. Never a Python repr, never an English key."""

from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from typing import Any

from hgdesk.dates import period_label
from hgdesk.resources import resource
from hgdesk.text import clip, to_roman
from hgdesk.vocab import (
    AuditAction,
    AuditEntity,
    DocumentKind,
    NodeKind,
    ProgramKind,
    ProgramStatus,
    TaskStatus,
    Vocabulary,
)

SHORT = 120  # characters of a text value shown before "…"
SHORT_LIST = 3  # items of a list shown by name; more are counted
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|Z)?")
PERIOD = re.compile(r"(\d{4})-Q([1-4])")
CODE_VOCABULARIES: tuple[type[Vocabulary], ...] = (ProgramKind, NodeKind, DocumentKind, ProgramStatus, TaskStatus,
                                                   AuditAction, AuditEntity)


@cache
def words() -> dict[str, Any]:
    return tomllib.loads(resource("i18n", "audit_words.toml").read_text(encoding="utf-8"))


def _spec(key: str) -> dict[str, str]:
    return words()["keys"].get(key, {})


def label(key: str) -> str:
    """A summary key's Vietnamese name ("chi tiết khác" for one this version does not know)."""
    return _spec(key).get("label") or words()["unknown"]


def action_label(action: str, entity: str) -> str:
    """What an entry did, in words: "sửa nhiệm vụ", "ban hành chương trình"."""
    doing = AuditAction.label_of(action) if action in AuditAction.codes() else words()["action_unknown"]
    named = entity in AuditEntity.codes() and action in words()["with_entity"]
    what = AuditEntity.label_of(entity) if named else ""
    return f"{doing} {what}".strip()


def describe(summary: dict[str, Any]) -> str:
    """An entry's details as one sentence: "Trạng thái: “chưa thực hiện” → “không thực hiện”; lý do: “…”."."""
    before, after = summary.get("before"), summary.get("after")
    parts: list[str] = []
    if isinstance(before, dict) or isinstance(after, dict):
        old_values = before if isinstance(before, dict) else {}
        new_values = after if isinstance(after, dict) else {}
        for key in dict.fromkeys([*new_values, *old_values]):
            old, new = _stored(key, old_values.get(key)), _stored(key, new_values.get(key))
            if old != new and _spec(key).get("how") != "hidden":
                parts.append(_change(key, old, new))
    elif "before" in summary or "after" in summary:  # a rename, a template's text, a place in the tree
        parts.append(f"{_value('', before)} → {_value('', after)}")
    for key, value in summary.items():
        if key not in ("before", "after") and not key.startswith("_"):
            part = _part(key, _stored(key, value))
            if part:
                parts.append(part)
    text = "; ".join(parts).rstrip(".")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _stored(key: str, value: Any) -> Any:
    """A value as recorded; older entries kept lists and empty values as their Python text ("['…']",
    "None"): read back as the list or nothing they were."""
    if value == "None":
        return None
    if isinstance(value, str) and value.startswith("[") and value.endswith("]") and _spec(key).get("how") == "list":
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
        return parsed if isinstance(parsed, list) else value
    return value


def _change(key: str, old: Any, new: Any) -> str:
    spec = _spec(key)
    if spec.get("how") == "list" and (isinstance(old, list) or isinstance(new, list)):
        olds, news = _items(old), _items(new)
        noun = spec.get("noun", "")
        said = f"{label(key)}: {_count(len(olds), noun)} → {_count(len(news), noun)}"
        added, removed = [v for v in news if v not in olds], [v for v in olds if v not in news]
        details = []
        if added and len(added) <= SHORT_LIST:
            details.append(f"thêm {_joined(added)}")
        if removed and len(removed) <= SHORT_LIST:
            details.append(f"bỏ {_joined(removed)}")
        return said + (f" ({', '.join(details)})" if details else "")
    return f"{label(key)}: {_value(key, old)} → {_value(key, new)}"


def _part(key: str, value: Any) -> str | None:
    """One recorded value as a phrase; None for what says nothing (an unchanged field, a marker)."""
    spec = _spec(key)
    how = spec.get("how", "")
    if how == "hidden" or value is None or value == "" or value == []:
        return None
    if how == "flag":
        return spec["label"] if value else None
    if how == "many":
        return spec["label"].format(n=len(value) if isinstance(value, list) else value)
    if how == "override" and isinstance(value, dict):
        return _override(value)
    return f"{label(key)}: {_value(key, value)}"


def _override(value: dict[str, Any]) -> str:
    """Issued although the format check found errors: the reason whole, then the errors."""
    said = words()["override"].format(reason=str(value.get("reason", "")).strip())
    messages = [str(m).strip().rstrip(".") for m in value.get("messages") or []]
    errors = value.get("errors") or []
    if messages:
        said += "; " + words()["override_errors"].format(errors="; ".join(messages))
    elif errors:
        said += "; " + words()["override_count"].format(n=len(errors))
    return said


def _value(key: str, value: Any) -> str:
    spec = _spec(key)
    how = spec.get("how", "")
    if how == "list":
        items = _items(value)
        return _joined(items) if len(items) <= SHORT_LIST and len("; ".join(items)) <= SHORT else _count(
            len(items), spec.get("noun", ""))
    if value is None or value == "" or value == []:
        return words()["empty"]
    if how == "status":
        return f"“{_code(str(value), (TaskStatus, ProgramStatus))}”"
    if how == "action":
        return AuditAction.label_of(str(value)) if str(value) in AuditAction.codes() else words()["action_unknown"]
    if how == "code":
        return _code(str(value))
    if how == "id" or (how == "source" and isinstance(value, int)):
        return words()["program" if how == "source" else "number"].format(id=value)
    if how == "quarter" and isinstance(value, int):
        return to_roman(value)
    if how == "period":
        return _period(str(value))
    if how == "whole":
        return f"“{_plain(value)}”"
    if how in ("count", "date") or isinstance(value, bool | int | float):
        return _plain(value)
    if isinstance(value, list):
        return _joined(_items(value)) if len(value) <= SHORT_LIST else _count(len(value), "mục")
    if isinstance(value, dict):
        return ", ".join(f"{label(k)}: {_value(k, v)}" for k, v in value.items())
    return f"“{clip(_plain(value), SHORT)}”"


def _plain(value: Any) -> str:
    """A scalar in words: yes/no, numbers, ISO dates and times as dd/mm/yyyy (HH:MM)."""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    time = ISO_TIME.fullmatch(text)
    if time:
        year, month, day, hour, minute = time.groups()
        return f"{day}/{month}/{year} {hour}:{minute}"
    day_only = ISO_DAY.fullmatch(text)
    if day_only:
        year, month, day = day_only.groups()
        return f"{day}/{month}/{year}"
    return text


def _items(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return [_plain(v) for v in value] if isinstance(value, list) else [_plain(value)]


def _joined(items: list[str]) -> str:
    return "; ".join(f"“{clip(item, SHORT)}”" for item in items)


def _count(n: int, noun: str) -> str:
    return words()["more"].format(n=n, noun=noun).strip()


def _code(value: str, vocabularies: tuple[type[Vocabulary], ...] = CODE_VOCABULARIES) -> str:
    """A stored code by its Vietnamese name; a compound one ("quarterly.opening") part by part."""
    named = []
    for part in value.split("."):
        found = next((v.label_of(part) for v in vocabularies if part in v.codes()), None)
        if found is None:
            found = words()["directions"].get(part) or _spec(part).get("label") or part.replace("_", " ")
        named.append(found)
    return " – ".join(named)


def _period(value: str) -> str:
    quarter = PERIOD.fullmatch(value)
    if quarter:
        return period_label(int(quarter.group(1)), int(quarter.group(2)))
    return words()["periods"].get(value) or f"“{clip(value, SHORT)}”"
