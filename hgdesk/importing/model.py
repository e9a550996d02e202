"""The parsed form of a program: what the importer found, before anything is stored.

It is also the exchange shape of the CLI (``parse --json``) and the input of
``services.save_parsed``; :func:`to_text` writes it back as plain text that parses
to the same tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hgdesk.vocab import NodeKind, ProgramKind

NODE_KINDS = NodeKind.codes()
PROGRAM_KINDS = ProgramKind.codes()


@dataclass
class ParsedIndicator:
    value: float | None
    unit: str | None
    direction: str = "at_least"  # "at_most" for "dưới 10,42%", "không quá …": lower is better
    upper: float | None = None  # the upper bound of a range ("6,3 - 6,7%/năm")
    target: float | None = None  # the target of an achieved/target pair ("45.799/36.875 tỷ đồng")

    def to_json(self) -> dict[str, Any]:
        # the exchange shape is what storage keeps (value, unit); range and target stay in the parse
        return {"value": self.value, "unit": self.unit}


@dataclass
class ParsedNode:
    kind: str
    label: str = ""
    heading: str = ""
    text: str = ""
    indicator: ParsedIndicator | None = None
    children: list[ParsedNode] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "indicator": self.indicator.to_json() if self.indicator else None,
            "children": [c.to_json() for c in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Signer:
    authority: str = ""
    position: str = ""
    name: str = ""

    def to_json(self) -> dict[str, str]:
        return {"authority": self.authority, "position": self.position, "name": self.name}


@dataclass
class Guess:
    """Something the importer inferred rather than read: shown with its confidence (0-1) and
    where it came from, and editable before saving."""

    value: str
    confidence: float
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "confidence": round(self.confidence, 2), "source": self.source}


@dataclass
class Footnote:
    number: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}


@dataclass
class ParsedProgram:
    kind: str | None = None  # the period: term, annual, half_year, quarterly
    document_kind: str | None = None  # program, plan, resolution, report, conclusion, guidance, notice, letter…
    year: int | None = None
    quarter: int | None = None
    term: str | None = None
    organization: str | None = None
    level: str | None = None
    superior_body: str | None = None
    issuing_body: str | None = None
    number: str | None = None
    doc_code: str | None = None
    issuer_code: str | None = None
    draft: bool = False
    draft_version: int | None = None
    place: str | None = None
    issue_date: date | None = None
    date_year: int | None = None
    document_type: str | None = None
    title: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    nodes: list[ParsedNode] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guesses: dict[str, Guess] = field(default_factory=dict)

    @property
    def symbol(self) -> str | None:
        if self.doc_code and self.issuer_code:
            return f"{self.doc_code}/{self.issuer_code}"
        return None

    def walk(self):
        for node in self.nodes:
            yield from node.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document_kind": self.document_kind,
            "year": self.year,
            "quarter": self.quarter,
            "term": self.term,
            "organization": self.organization,
            "level": self.level,
            "superior_body": self.superior_body,
            "issuing_body": self.issuing_body,
            "number": self.number,
            "symbol": self.symbol,
            "draft": self.draft,
            "draft_version": self.draft_version,
            "place": self.place,
            "date": self.issue_date.isoformat() if self.issue_date else None,
            "date_year": self.date_year,
            "document_type": self.document_type,
            "title": list(self.title),
            "opening": list(self.opening),
            "nodes": [n.to_json() for n in self.nodes],
            "closing": list(self.closing),
            "recipients": list(self.recipients),
            "signer": self.signer.to_json(),
            "footnotes": [f.to_json() for f in self.footnotes],
            "warnings": list(self.warnings),
            "guesses": {k: g.to_json() for k, g in self.guesses.items()},
        }


def _node_lines(node: ParsedNode) -> list[str]:
    if node.kind in ("part", "section"):
        lines = [f"{node.label} {node.heading}".strip()]
    elif node.kind in ("item", "indicator"):
        lines = [f"{node.label} {node.text}".strip()]
    elif node.kind == "bullet":
        lines = [f"- {node.text}"]
    else:
        lines = [node.text]
    if node.kind in ("part", "section") and node.text:
        lines.append(node.text)
    for child in node.children:
        lines.extend(_node_lines(child))
    return lines


def to_text(program: ParsedProgram) -> str:
    """Plain text in the layout of the seeds; parsing it gives the same tree back."""
    lines: list[str] = []
    if program.issuing_body or program.superior_body:
        lines += [x for x in (program.superior_body, program.issuing_body) if x]
        lines.append("*")
    if program.doc_code and program.issuer_code:
        lines.append(f"Số {program.number or ''}-{program.doc_code}/{program.issuer_code}")
    if program.draft:
        lines.append("Dự thảo" + (f" lần {program.draft_version}" if program.draft_version else ""))
    if program.place and (program.issue_date or program.date_year):
        if program.issue_date:
            d = program.issue_date
            lines.append(f"{program.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}")
        else:
            lines.append(f"{program.place}, ngày tháng năm {program.date_year}")
    if program.document_type:
        lines.append(program.document_type)
    lines.extend(program.title)
    lines.append("-----")
    lines.extend(program.opening)
    for node in program.nodes:
        lines.extend(_node_lines(node))
    lines.extend(program.closing)
    if program.recipients:
        lines.append("Nơi nhận:")
        lines.extend(f"- {r}," for r in program.recipients)
    signer = program.signer
    lines.extend(x for x in (signer.authority, signer.position, signer.name) if x)
    lines.extend(f"[{f.number}] {f.text}" for f in program.footnotes)
    return "\n".join(lines) + "\n"
