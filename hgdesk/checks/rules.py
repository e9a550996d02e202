"""Checker rules as data: one record per rule in resources/rules/*.toml, validated on load.

A rule names its clause per format profile, the dates and document types it applies to, its
severity and its Vietnamese message; the code that evaluates it is a function of the same id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from hgdesk.errors import InputError
from hgdesk.resources import resource

SEVERITIES = ("lỗi", "cảnh báo", "gợi ý")
AUTOFIX = ("none", "safe", "ask")
SOURCES = ("program", "text", "docx")
REQUIRED = ("id", "clause", "effective_from", "effective_to", "documents", "sources", "severity", "message",
            "hint", "autofix")


@dataclass(frozen=True)
class Rule:
    id: str
    clause: dict[str, str]  # profile id -> clause; the rule applies under these profiles only
    effective_from: date | None
    effective_to: date | None
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    severity: str
    message: str
    hint: str
    autofix: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str = ""

    def applies(self, profile_id: str, source: str, document_type: str, on: date) -> bool:
        return (
            profile_id in self.clause
            and source in self.sources
            and ("*" in self.documents or document_type in self.documents)
            and (self.effective_from is None or on >= self.effective_from)
            and (self.effective_to is None or on <= self.effective_to)
        )

    def param(self, name: str, profile_id: str | None = None) -> Any:
        """A parameter; one given per profile ({profile id: value}) is resolved for `profile_id`."""
        value = self.params[name]
        if isinstance(value, dict) and profile_id is not None and profile_id in value:
            return value[profile_id]
        return value


def _date(value: Any, rule_id: str, source: str) -> date | None:
    if value in ("", None):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"Quy tắc “{rule_id}” trong “{source}”: ngày “{value}” không hợp lệ.") from None


def parse_rules(text: str, source: str) -> list[Rule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"Không đọc được tệp quy tắc “{source}”: {exc}.") from None
    rules = []
    for raw in data.get("rule", []):
        missing = [k for k in REQUIRED if k not in raw]
        rule_id = raw.get("id", "?")
        if missing:
            raise InputError(f"Quy tắc “{rule_id}” trong “{source}” thiếu: {', '.join(missing)}.")
        if raw["severity"] not in SEVERITIES or raw["autofix"] not in AUTOFIX:
            raise InputError(f"Quy tắc “{rule_id}” trong “{source}”: mức độ hoặc cách sửa không hợp lệ.")
        if not set(raw["sources"]) <= set(SOURCES) or not raw["clause"]:
            raise InputError(f"Quy tắc “{rule_id}” trong “{source}”: nguồn hoặc điều khoản không hợp lệ.")
        rules.append(Rule(
            id=rule_id, clause=dict(raw["clause"]),
            effective_from=_date(raw["effective_from"], rule_id, source),
            effective_to=_date(raw["effective_to"], rule_id, source),
            documents=tuple(raw["documents"]), sources=tuple(raw["sources"]), severity=raw["severity"],
            message=raw["message"], hint=raw["hint"], autofix=raw["autofix"], params=dict(raw.get("params", {})),
            file=source,
        ))
    return rules


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every shipped rule; ids are unique across the files."""
    rules: list[Rule] = []
    for path in sorted(resource("rules").glob("*.toml")):
        rules += parse_rules(path.read_text(encoding="utf-8"), path.name)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise InputError(f"Quy tắc “{rule.id}” khai báo hai lần.")
        seen.add(rule.id)
    return tuple(rules)
