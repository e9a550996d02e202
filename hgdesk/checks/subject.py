"""What is checked: a program's data (the JSON shape of `show --json` / `parse --json`) with its
lines as the reader sees them, each tagged with its role (the style names of hgdesk.document).

A stored program's lines are those the renderers print (hgdesk.layout), so a check sees exactly
what would be printed; a file's lines are its own, classified here; a Word file adds the
formatting of each paragraph and section (hgdesk.checks.docx_facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hgdesk.checks.profiles import resolve
from hgdesk.formats import FormatProfile
from hgdesk.importing.lines import join_wrapped_lines
from hgdesk.importing.meaning import TYPE_BY_KIND
from hgdesk.importing.parser import _looks_like_name
from hgdesk.importing.patterns import (
    AUTHORITY,
    BULLET,
    DATE_LINE,
    DOC_TYPES,
    DRAFT,
    NUMBER_LINE,
    SEPARATOR,
    STAR,
    SUBJECT,
)
from hgdesk.importing.patterns import is_structural as _is_structural
from hgdesk.layout import document_date
from hgdesk.text import clean, fold
from hgdesk.vocab import DocumentKind

if TYPE_CHECKING:
    from hgdesk.checks.docx_facts import DocxFacts, ParaFacts

# The field of the header editor a line of the printed program comes from (where a click jumps).
FIELD_OF_ROLE = {
    "number": "field:number", "place_date": "field:issue_date", "recipient": "field:recipients",
    "recipients_label": "field:recipients", "authority": "field:signer_authority",
    "position": "field:signer_position", "signer_name": "field:signer_name", "title": "field:title_lines",
    "doc_type": "field:document_type", "draft_mark": "field:number", "issuer": "field:organization",
    "superior": "field:organization",
}
STATE_MOTTO = "cong hoa xa hoi chu nghia viet nam"


@dataclass
class Line:
    role: str
    text: str
    where: str = ""
    facts: ParaFacts | None = None  # Word files only


@dataclass
class Subject:
    source: str  # "program" | "text" | "docx"
    name: str
    data: dict[str, Any]
    lines: list[Line]
    profile: FormatProfile
    on: date  # the document's date, which chooses the profile and the rules in force
    profile_forced: bool = False
    issuing: bool = False  # judged as it will be issued (number and date required)
    others: list[dict[str, Any]] = field(default_factory=list)  # numbers of the organisation's other programs
    house_style: str | None = None  # tone placement: "old" (hoá) or "new" (hóa); None = the document's majority
    docx: DocxFacts | None = None

    @property
    def document_type(self) -> str:
        """The type line; without one, the type the importer read from the symbol or the "V/v" summary
        ("CÔNG VĂN"); a program when nothing says otherwise."""
        written = (self.data.get("document_type") or "").strip()
        return written or TYPE_BY_KIND.get(self.data.get("document_kind") or "", "CHƯƠNG TRÌNH")

    @property
    def is_letter(self) -> bool:
        """A công văn: no type line, its summary is the "V/v …" line under the number."""
        return self.document_type == TYPE_BY_KIND[DocumentKind.LETTER]

    @property
    def is_draft(self) -> bool:
        return bool(self.data.get("draft")) and not self.issuing

    def role(self, *roles: str) -> list[Line]:
        return [line for line in self.lines if line.role in roles]

    def all_text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def family_of(texts: list[str]) -> str:
    return "state" if any(fold(t).startswith(STATE_MOTTO) for t in texts[:30]) else "party"


def program_subject(data: dict[str, Any], profile: str | None = None, *, source: str = "program",
                    issuing: bool = False, others: list[dict[str, Any]] | None = None,
                    today: date | None = None, house_style: str | None = None) -> Subject:
    """A stored program (or parsed data with no file lines): its lines are the printed ones."""
    from hgdesk.layout import build_document

    on = document_date(data, today)
    chosen, forced = resolve(profile, on)
    # The rules read the printed header, title, signature and recipients; the body they read from
    # the data (nodes with their ids), so the layout is spared the body.
    frame = {**data, "nodes": [], "opening": [], "closing": [], "footnotes": []}
    document = build_document(frame, chosen)
    lines = []
    for para in document.all_paragraphs():
        where = FIELD_OF_ROLE.get(para.style, "")
        lines.append(Line(para.style, para.text.strip(), where))  # layout already cleaned the text
    return Subject(source, program_name(data), data, lines, chosen, on, forced, issuing, list(others or []),
                   house_style)


def program_name(data: dict[str, Any]) -> str:
    """"Chương trình công tác quý II năm 2024 – Tỉnh ủy Hậu Giang": how a report names a stored program."""
    kind = (data.get("document_type") or "CHƯƠNG TRÌNH").capitalize()
    title = " ".join(data.get("title") or [])
    name = f"{kind} {title[:1].lower()}{title[1:]}".strip()
    return f"{name} – {data['organization']}" if data.get("organization") else name


def file_subject(data: dict[str, Any], texts: list[str], name: str, *, source: str = "text",
                 profile: str | None = None, paragraphs: bool = False, facts: list[ParaFacts] | None = None,
                 docx: DocxFacts | None = None, today: date | None = None) -> Subject:
    """A file: its own lines, classified by role; Word paragraphs keep their formatting."""
    on = document_date(data, today)
    cleaned = [clean(t) for t in texts]
    chosen, forced = resolve(profile, on, family_of(cleaned))
    pairs: list[tuple[str, ParaFacts | None]]
    if facts is not None:
        pairs = [(t, f) for t, f in zip(cleaned, facts, strict=True) if t]
    else:
        kept = [t for t in cleaned if t]
        pairs = [(t, None) for t in (kept if paragraphs else join_wrapped_lines(kept))]
    lines = [Line(role, text, "", f) for (text, f), role in zip(pairs, classify([t for t, _ in pairs]), strict=True)]
    return Subject(source, name, data, _join_recipients(lines), chosen, on, forced, docx=docx)


LOOSE_DATE = re.compile(r"^[^,]{0,60},?\s*ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*\d{4}", re.IGNORECASE)
_MOTTO_LINE2 = re.compile(r"^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", re.IGNORECASE)
_ISSUER_WORDS = ("tinh uy", "huyen uy", "thanh uy", "thi uy", "dang uy", "dang bo", "ban ", "van phong",
                 "chi bo", "uy ban", "ubnd")


def classify(texts: list[str]) -> list[str]:
    """The role of each line of a document read from a file (header, body, recipients, signature)."""
    roles: list[str] = []
    state, after_type = "header", False
    for text in texts:
        folded = fold(text[:60])
        upper = text == text.upper() and any(c.isalpha() for c in text)
        role = "body"
        if folded.startswith("noi nhan"):
            role, state = "recipients_label", "recipients"
        elif AUTHORITY.match(text):
            role, state = "authority", "signature"
        elif state == "header":
            if NUMBER_LINE.match(text):
                role = "number"
            elif DRAFT.match(text):
                role = "draft_mark"
            elif DATE_LINE.match(text) or LOOSE_DATE.match(text):
                role = "place_date"
            elif folded in ("dang cong san viet nam", STATE_MOTTO):
                role = "motto"
            elif _MOTTO_LINE2.match(text):
                role = "motto_line2"
            elif STAR.match(text):
                role = "issuer_mark"
            elif SEPARATOR.match(text):
                role, state = "title_separator", "body"
            elif SUBJECT.match(text):
                role = "subject"  # a công văn's summary ("V/v …")
            elif upper and text.strip(" :") in DOC_TYPES:
                role, after_type = "doc_type", True
            elif after_type and not _is_structural(text):
                role = "title"
            elif upper and folded.startswith(_ISSUER_WORDS) and len(text) < 80:
                role = "superior" if folded.startswith("dang bo") and "issuer" not in roles else "issuer"
            elif _is_structural(text) or len(text) > 100:
                state = "body"  # no separator: the body starts at its first numbered or long line
            else:
                role = "header"  # a header line the checker has no rule for
        elif state == "recipients":
            role = "recipient" if BULLET.match(text) or not roles or roles[-1] == "recipients_label" else "recipient+"
        elif state == "signature":
            if upper and "position" not in roles[-3:]:
                role = "position"
            elif _looks_like_name(text):
                role = "signer_name"
        roles.append(role)
    return roles


def _join_recipients(lines: list[Line]) -> list[Line]:
    """A recipient wrapped onto a second line ("… trực thuộc / Tỉnh ủy,") is one entry."""
    out: list[Line] = []
    for line in lines:
        if line.role == "recipient+" and out and out[-1].role == "recipient":
            out[-1].text = f"{out[-1].text} {line.text}"
        else:
            out.append(Line("recipient" if line.role == "recipient+" else line.role, line.text, line.where,
                            line.facts))
    return out
