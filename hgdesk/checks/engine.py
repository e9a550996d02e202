"""The checker engine: runs every rule that applies to a subject and collects findings.

A check function gets the subject and its rule and yields Faults; when it cannot judge (the
file does not carry what the rule needs) it raises Unknown, and the finding says
"không kiểm tra được" — a rule that was not evaluated never counts as passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hgdesk.checks.rules import SEVERITIES, Rule, load_rules

if TYPE_CHECKING:
    from hgdesk.checks.subject import Subject

FAULT = "vi phạm"
UNKNOWN = "không kiểm tra được"


@dataclass(frozen=True)
class Change:
    """One field of the stored program or of one node, from `old` to `new`."""

    target: str  # "program" | "node"
    id: int | None
    field: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"target": self.target, "id": self.id, "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Fix:
    summary: str  # shown in the preview: what will change
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Fault:
    values: dict[str, Any] = field(default_factory=dict)  # fills the rule's {placeholders}
    where: str = ""  # "field:number", "node:12", "docx:section 1" …
    fix: Fix | None = None


class Unknown(Exception):
    """The rule cannot be evaluated on this subject; the message says why (Vietnamese)."""


CheckFunction = Callable[["Subject", Rule], Iterable[Fault]]
CHECKS: dict[str, CheckFunction] = {}


def check(rule_id: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(fn: CheckFunction) -> CheckFunction:
        CHECKS[rule_id] = fn
        return fn
    return register


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    clause: str
    severity: str
    status: str
    message: str
    hint: str
    where: str
    autofix: str
    fix: Fix | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id, "clause": self.clause, "severity": self.severity, "status": self.status,
            "message": self.message, "hint": self.hint, "where": self.where, "autofix": self.autofix,
            "fix": ({"summary": self.fix.summary, "changes": [c.to_json() for c in self.fix.changes]}
                    if self.fix else None),
        }


@dataclass
class Report:
    name: str
    source: str
    profile_id: str
    profile_name: str
    on: str  # the date that chose the profile, ISO
    findings: list[Finding]
    rules_run: int

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "lỗi" and f.status == FAULT]

    @property
    def unknown(self) -> list[Finding]:
        return [f for f in self.findings if f.status == UNKNOWN]

    @property
    def faults(self) -> list[Finding]:
        return [f for f in self.findings if f.status == FAULT]

    def by_severity(self) -> dict[str, list[Finding]]:
        """The faults by severity, then (under UNKNOWN) the rules that could not be evaluated: those
        are no error, whatever the rule's severity, and are never counted as one."""
        groups: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
        for f in self.faults:
            groups[f.severity].append(f)
        groups[UNKNOWN] = self.unknown
        return groups

    def counts(self) -> dict[str, int]:
        """errors, others (warnings and suggestions), unknown: the three numbers every view shows."""
        return {"errors": len(self.errors), "others": len(self.faults) - len(self.errors),
                "unknown": len(self.unknown)}

    def summary(self) -> str:
        """"2 lỗi, 3 cảnh báo và gợi ý, 1 không kiểm tra được"."""
        return "{errors} lỗi, {others} cảnh báo và gợi ý, {unknown} không kiểm tra được".format(**self.counts())

    def fixable(self) -> list[Finding]:
        return [f for f in self.findings if f.fix is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "source": self.source, "profile": self.profile_id, "profile_name": self.profile_name,
            "date": self.on, "rules_run": self.rules_run, "errors": len(self.errors),
            "warnings": self.counts()["others"], "unknown": len(self.unknown),
            "findings": [f.to_json() for f in self.findings],
        }


def _finding(rule: Rule, clause: str, status: str, message: str, hint: str, where: str, fix: Fix | None) -> Finding:
    return Finding(rule.id, clause, rule.severity, status, message, hint, where, rule.autofix,
                   fix if rule.autofix != "none" else None)


def run(subject: Subject, rules: Iterable[Rule] | None = None) -> Report:
    """Evaluate every applicable rule; findings ordered by severity, then document order of rules."""
    findings: list[Finding] = []
    run_count = 0
    profile_id = subject.profile.id
    for rule in rules if rules is not None else load_rules():
        if not rule.applies(profile_id, subject.source, subject.document_type, subject.on):
            continue
        fn = CHECKS.get(rule.id)
        clause = rule.clause[profile_id]
        run_count += 1
        if fn is None:
            findings.append(_finding(rule, clause, UNKNOWN, f"Chưa có hàm kiểm tra cho quy tắc “{rule.id}”.",
                                     rule.hint, "", None))
            continue
        try:
            for fault in fn(subject, rule):
                values = _Blank({"profile": subject.profile.name, **fault.values})
                findings.append(_finding(rule, clause, FAULT, rule.message.format_map(values),
                                         rule.hint.format_map(values), fault.where, fault.fix))
        except Unknown as exc:
            findings.append(_finding(rule, clause, UNKNOWN, f"Không kiểm tra được: {exc}", rule.hint, "", None))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: order[f.severity])
    return Report(subject.name, subject.source, profile_id, subject.profile.name, subject.on.isoformat(),
                  findings, run_count)

