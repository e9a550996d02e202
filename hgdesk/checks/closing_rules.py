"""Checks of the signature block, the recipients and the draft mark (resources/rules/program.toml)."""

from __future__ import annotations

from collections.abc import Iterator

from hgdesk.checks.engine import Change, Fault, Fix, check
from hgdesk.checks.header_rules import unmarked_draft
from hgdesk.checks.rules import Rule
from hgdesk.checks.subject import Subject


def _first(s: Subject, role: str) -> str:
    lines = s.role(role)
    return lines[0].text.strip() if lines else ""


@check("signature.present")
def signature_present(s: Subject, rule: Rule) -> Iterator[Fault]:
    missing = [what for role, what in (("authority", "quyền hạn ký (ví dụ “T/M TỈNH ỦY”)"),
                                       ("position", "chức vụ người ký")) if not _first(s, role)]
    if missing:
        yield Fault({"problem": " và ".join(missing)}, "field:signer_authority")


@check("signature.authority")
def signature_authority(s: Subject, rule: Rule) -> Iterator[Fault]:
    authority = _first(s, "authority")
    allowed = s.profile.signature.authority_prefixes
    if authority and not any(authority == p or authority.startswith(p + " ") for p in allowed):
        yield Fault({"found": authority.split()[0], "allowed": ", ".join(allowed)}, "field:signer_authority")


@check("signature.tm_position")
def signature_tm_position(s: Subject, rule: Rule) -> Iterator[Fault]:
    authority, position = _first(s, "authority"), _first(s, "position")
    if not authority.startswith("T/M ") or not position:
        return
    allowed = s.profile.signature.tm_positions
    if allowed and not any(position == p or position.startswith(p + " ") for p in allowed):
        yield Fault({"found": position, "allowed": ", ".join(allowed)}, "field:signer_position")


@check("signature.position_name")
def signature_position_name(s: Subject, rule: Rule) -> Iterator[Fault]:
    if not s.profile.signature.position_without_committee:
        return
    position = _first(s, "position")
    for word in rule.param("committee_words"):
        if position.endswith(" " + word) or f" {word} " in f" {position} ":
            expected = " ".join(position.replace(word, " ").split())
            fix = None
            if s.source == "program":
                fix = Fix(f"Chức vụ “{position}” → “{expected}”",
                          (Change("program", s.data.get("id"), "signer_position", position, expected),))
            yield Fault({"found": position, "expected": expected}, "field:signer_position", fix)
            return


@check("signature.name")
def signature_name(s: Subject, rule: Rule) -> Iterator[Fault]:
    if s.is_draft:
        return
    name = ((s.data.get("signer") or {}).get("name") or "").strip() or _first(s, "signer_name")
    if not name:
        yield Fault(where="field:signer_name")


@check("recipients.present")
def recipients_present(s: Subject, rule: Rule) -> Iterator[Fault]:
    if not s.role("recipient"):
        yield Fault(where="field:recipients")


def _stored_recipients(s: Subject) -> list[str]:
    return [r for r in s.data.get("recipients") or [] if r.strip()]


@check("recipients.punctuation")
def recipients_punctuation(s: Subject, rule: Rule) -> Iterator[Fault]:
    r = s.profile.recipients
    lines = s.role("recipient")
    values = {"prefix": r.prefix, "separator": r.separator, "terminator": r.terminator}
    stored = _stored_recipients(s)
    cleaned = [x.rstrip(",;. ") for x in stored]
    fix = None
    if s.source == "program" and cleaned != stored:
        fix = Fix("Bỏ dấu câu thừa ở cuối các dòng nơi nhận",
                  (Change("program", s.data.get("id"), "recipients", stored, cleaned),))
    for i, line in enumerate(lines):
        text = line.text.strip()
        end = r.terminator if i == len(lines) - 1 else r.separator
        body = text[len(r.prefix.strip()):].strip() if text.startswith(r.prefix.strip()) else text
        core = body[:-len(end)] if body.endswith(end) else body
        if not text.startswith(r.prefix.strip()):
            expected = f"bắt đầu bằng “{r.prefix.strip()}”"
        elif not body.endswith(end) or core.rstrip().endswith((",", ";", ".")):
            expected = f"kết thúc bằng “{end}”" + (" (dòng cuối)" if end == r.terminator else "")
        else:
            continue
        yield Fault({**values, "found": text, "expected": expected}, "field:recipients", fix)


@check("recipients.storage_last")
def recipients_storage_last(s: Subject, rule: Rule) -> Iterator[Fault]:
    # A stored program is judged on its entries: the printed list ends at the storage line, so
    # entries after it would not show there at all.
    if s.source == "program":
        lines = [x.strip().lstrip("-–• ").strip() for x in _stored_recipients(s)]
    else:
        lines = [line.text.strip().lstrip("-–• ").strip() for line in s.role("recipient")]
    if not lines:
        return
    word = s.profile.recipients.storage.split()[0].rstrip(":")  # "Lưu {office}", "Lưu: VT, {office}"
    stores = [i for i, text in enumerate(lines) if text.startswith(word + " ") or text.startswith(word + ":")]
    if stores and stores[-1] == len(lines) - 1:
        return
    if not stores:
        yield Fault({"problem": f"Nơi nhận thiếu dòng nơi lưu (“{word} …”) ở cuối."}, "field:recipients")
        return
    stored = _stored_recipients(s)
    fix = None
    if s.source == "program" and len(stored) == len(lines):
        moved = [x for i, x in enumerate(stored) if i != stores[-1]] + [stored[stores[-1]]]
        fix = Fix(f"Chuyển “{stored[stores[-1]]}” xuống cuối nơi nhận",
                  (Change("program", s.data.get("id"), "recipients", stored, moved),))
    yield Fault({"problem": f"Dòng nơi lưu “{lines[stores[-1]]}” phải ở cuối nơi nhận."}, "field:recipients", fix)


@check("draft.mark")
def draft_mark(s: Subject, rule: Rule) -> Iterator[Fault]:
    marked = bool(s.role("draft_mark"))
    has_number = bool((s.data.get("number") or "").strip())
    if s.source == "program":
        if s.data.get("draft") and s.data.get("status", "draft") != "draft":
            yield Fault({"problem": "Văn bản đã ban hành vẫn còn chỉ dẫn “Dự thảo”."}, "field:number")
        return
    # a number makes a document issued; a date alone may be the planned one a draft already shows (as the
    # app's own draft prints it, so its export is not refused by its own check)
    if marked and has_number:
        yield Fault({"problem": "Văn bản đã có số nhưng vẫn ghi “Dự thảo”."}, "field:number")
    elif unmarked_draft(s):
        yield Fault({"problem": "Văn bản để trống số và ngày (bản dự thảo) nhưng không ghi “Dự thảo”."},
                    "field:number")
