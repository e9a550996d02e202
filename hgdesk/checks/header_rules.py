"""Checks of the header, number, date, title and profile (rules in resources/rules/program.toml)."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from datetime import date

from hgdesk.checks.engine import Change, Fault, Fix, Unknown, check
from hgdesk.checks.rules import Rule
from hgdesk.checks.subject import Subject
from hgdesk.formats import profile_for
from hgdesk.importing.patterns import DATE_LINE, NUMBER_LINE
from hgdesk.levels import level as level_of
from hgdesk.numbering import counter_period
from hgdesk.text import to_roman

STATE_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>[\d\s]*?)\s*/\s*(?P<code>[^\W\d_]{1,6})\s*-\s*(?P<issuer>\S{1,12})")
LOOSE_DATE = re.compile(r"ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})",
                        re.IGNORECASE)


def _number_parts(s: Subject) -> tuple[str, str, str, str] | None:
    """(line, number, type code, issuer code) of the number line, as printed."""
    for line in s.role("number"):
        m = NUMBER_LINE.match(line.text) or STATE_NUMBER.match(line.text)
        if m:
            code, issuer = m.group("code"), m.group("issuer")
            if s.source == "program":  # the stored number, which the layout pads when printing
                number = (s.data.get("number") or "").strip()
                return s.profile.header.number.format(number=number, code=code, issuer=issuer), number, code, issuer
            return line.text, m.group("number").strip(), code, issuer
    return None


def unmarked_draft(s: Subject) -> bool:
    """A file whose number and date are blank but which does not say "Dự thảo": a draft that lost
    its mark, or an issued text that lost its number and date. draft.mark reports it, once."""
    parts = _number_parts(s)
    line = _date_line(s)
    m = LOOSE_DATE.search(line) if line else None
    return (s.source != "program" and not s.role("draft_mark") and parts is not None and not parts[1]
            and m is not None and not m.group("day"))


def _is_program_draft(s: Subject) -> bool:
    return s.source == "program" and s.data.get("status", "draft") == "draft"


@check("header.issuer")
def issuer_present(s: Subject, rule: Rule) -> Iterator[Fault]:
    # a stored program is judged as printed: a bare level word ("Huyện ủy") prints no issuer line
    if not s.role("issuer") and (s.source == "program" or not (s.data.get("issuing_body") or "").strip()):
        yield Fault(where="field:organization")


@check("header.superior")
def superior_line(s: Subject, rule: Rule) -> Iterator[Fault]:
    level = s.data.get("level")
    if level in rule.param("levels") and not s.role("superior") and not s.data.get("superior_body"):
        names = level_of(level)
        issuer = s.data.get("issuing_body") or names.body.upper()
        yield Fault({"body": names.body, "area": "TỈNH", "issuer": issuer}, "field:organization")


@check("number.form")
def number_form(s: Subject, rule: Rule) -> Iterator[Fault]:
    line, number, code, issuer = _number_parts(s) or ("", "", "", "")
    if not number:
        return
    digits = s.profile.header.number_min_digits
    expected_number = number.zfill(digits) if number.isdigit() else number
    expected = s.profile.header.number.format(number=expected_number, code=code, issuer=issuer)
    if not number.isdigit():
        problem = "số chỉ gồm chữ số"
    elif int(number) == 0:
        problem = "số bắt đầu từ 01"
    elif len(number) < digits:
        problem = f"số nhỏ hơn 10 phải có số 0 đứng trước (“{expected_number}”)"
    elif " ".join(line.split()) != expected and s.source != "program":
        problem = f"viết đúng là “{expected}”"
    else:
        return
    fix = None
    if s.source == "program" and _is_program_draft(s) and number.isdigit() and int(number) > 0:
        fix = Fix(f"Số “{number}” → “{expected_number}”",
                  (Change("program", s.data.get("id"), "number", number, expected_number),))
    yield Fault({"found": line, "problem": problem, "expected": expected}, "field:number", fix)


@check("number.symbol")
def number_symbol(s: Subject, rule: Rule) -> Iterator[Fault]:
    _, _, code, issuer = _number_parts(s) or ("", "", "", "")
    if not code:
        return
    numbering = s.profile.numbering
    own = numbering.type_codes.get(s.document_type.lower())
    codes = [own, *numbering.legacy_type_codes] if own else []
    problems = []
    if codes and code not in codes:
        problems.append(f"tên loại “{s.document_type.lower()}” viết tắt là “{own}”")
    level = s.data.get("level")
    expected_issuer = level_of(level).suffix if level else issuer
    if issuer != expected_issuer:
        problems.append(f"{level_of(level).body} viết tắt là “{expected_issuer}”")
    elif issuer in numbering.obsolete_issuer_codes:
        problems.append(f"ký hiệu cơ quan “{issuer}” không còn dùng theo {s.profile.name}")
    if problems:
        expected = f"{(codes or [code])[0]}/{expected_issuer}"
        yield Fault({"found": f"{code}/{issuer}", "problem": "; ".join(problems), "expected": expected},
                    "field:number")


@check("number.present")
def number_present(s: Subject, rule: Rule) -> Iterator[Fault]:
    if s.is_draft or unmarked_draft(s):
        return
    parts = _number_parts(s)
    if parts is None:
        yield Fault({"problem": "không thấy dòng “Số …”"}, "field:number")
    elif not parts[1]:
        yield Fault({"problem": "số đang để trống mà văn bản không ghi “Dự thảo”"}, "field:number")


@check("number.unique")
def number_unique(s: Subject, rule: Rule) -> Iterator[Fault]:
    number = (s.data.get("number") or "").lstrip("0")
    if not number or not s.data.get("date"):
        return
    on = date.fromisoformat(s.data["date"])
    period = counter_period(s.profile, on)  # the same period issuing uses (hgdesk.numbering)
    start, end, scope = period.start, period.end, period.label
    for other in s.others:
        if other.get("id") == s.data.get("id") or not other.get("date") or not other.get("number"):
            continue
        other_day = date.fromisoformat(other["date"])
        if (other["number"].lstrip("0") == number and other.get("symbol") == s.data.get("symbol")
                and start <= other_day < end):
            yield Fault({"number": s.data["number"], "symbol": s.data.get("symbol"), "scope": scope,
                         "other": f"{other.get('title', '')} ngày {other_day:%d/%m/%Y}".strip()}, "field:number")


def _date_line(s: Subject) -> str | None:
    lines = s.role("place_date")
    return lines[0].text if lines else None


@check("date.place")
def date_place(s: Subject, rule: Rule) -> Iterator[Fault]:
    line = _date_line(s)
    if line is None:
        yield Fault({"problem": "dòng địa danh, ngày tháng ban hành"}, "field:issue_date")
    elif not (m := DATE_LINE.match(line)) or not m.group("place").strip():
        yield Fault({"problem": "địa danh trước ngày tháng"}, "field:issue_date")


@check("date.zero")
def date_zero(s: Subject, rule: Rule) -> Iterator[Fault]:
    line = _date_line(s)
    if line is None or not (m := LOOSE_DATE.search(line)):
        raise Unknown("văn bản không có dòng ngày tháng.")
    day, month = m.group("day"), m.group("month")
    if not day or not month:
        return  # a draft: the day and month are left blank
    want_day = day.zfill(2) if int(day) < rule.param("pad_day_below") else day.lstrip("0")
    want_month = month.zfill(2) if int(month) < rule.param("pad_month_below") else month.lstrip("0")
    if (day, month) != (want_day, want_month):
        yield Fault({"found": m.group(0), "expected": f"ngày {want_day} tháng {want_month} năm {m.group('year')}"},
                    "field:issue_date")


@check("date.place_level")
def date_place_level(s: Subject, rule: Rule) -> Iterator[Fault]:
    line = _date_line(s)
    m = DATE_LINE.match(line) if line else None
    if m is None:
        return
    place = m.group("place").strip()
    if len(place.split()) == 1:
        yield Fault({"place": place}, "field:issue_date")


@check("date.issue")
def date_issue(s: Subject, rule: Rule) -> Iterator[Fault]:
    if s.is_draft or unmarked_draft(s):
        return
    line = _date_line(s)
    m = LOOSE_DATE.search(line) if line else None
    if m is None or not m.group("day") or not m.group("month"):
        yield Fault(where="field:issue_date")


def period_end(data: dict) -> tuple[str, date] | None:
    """The last day of the period a program is for, with its Vietnamese name."""
    year, kind, quarter = data.get("year"), data.get("kind"), data.get("quarter")
    if not year:
        return None
    if kind == "quarterly" and quarter:
        month = 3 * quarter
        return f"quý {to_roman(quarter)}/{year}", date(year, month, monthrange(year, month)[1])
    if kind == "annual":
        return f"năm {year}", date(year, 12, 31)
    if kind == "half_year":
        return f"6 tháng năm {year}", date(year, 12, 31)
    if kind == "term" and (m := re.search(r"(\d{4})\s*$", data.get("term") or "")):
        return f"nhiệm kỳ {data.get('term')}", date(int(m.group(1)), 12, 31)
    return None


@check("date.period")
def date_period(s: Subject, rule: Rule) -> Iterator[Fault]:
    if not s.data.get("date"):
        return
    period = period_end(s.data)
    if period is None:
        raise Unknown("không xác định được kỳ của chương trình (năm, quý).")
    name, end = period
    issued = date.fromisoformat(s.data["date"])
    if issued > end:
        yield Fault({"date": f"{issued:%d/%m/%Y}", "period": name, "end": f"{end:%d/%m/%Y}"}, "field:issue_date")


@check("title.present")
def title_present(s: Subject, rule: Rule) -> Iterator[Fault]:
    parts: list[tuple[tuple[str, ...], str]]
    if s.is_letter:  # no type line; the summary is the "V/v …" line
        parts = [(("subject", "title"), "trích yếu nội dung (dòng “V/v …”)")]
    else:
        parts = [(("doc_type",), "tên loại văn bản"), (("title",), "trích yếu nội dung")]
    missing = [what for roles, what in parts if not s.role(*roles)]
    if missing:
        yield Fault({"problem": " và ".join(missing)}, "field:title_lines")


@check("title.separator")
def title_separator(s: Subject, rule: Rule) -> Iterator[Fault]:
    expected = s.profile.header.title_separator
    if not expected or s.is_letter:  # a công văn's "V/v …" summary has no line under it
        return
    lines = s.role("title_separator")
    if not lines:
        yield Fault({"expected": expected, "problem": "không thấy dòng này"}, "field:title_lines")
    elif lines[0].text.strip() != expected:
        yield Fault({"expected": expected, "problem": f"đang viết “{lines[0].text.strip()}”"}, "field:title_lines")


@check("profile.date")
def profile_date(s: Subject, rule: Rule) -> Iterator[Fault]:
    if not s.profile_forced:
        return
    dated = profile_for(s.profile.family, s.on)
    if dated.id != s.profile.id:
        yield Fault({"date": f"{s.on:%d/%m/%Y}", "expected": dated.name, "found": s.profile.name})


@check("profile.family")
def profile_family(s: Subject, rule: Rule) -> Iterator[Fault]:
    """Party wording under the state profile, or the other way round."""
    markers = rule.param("state_markers" if s.profile.family == "party" else "party_markers")
    lines = s.role("authority") + (s.role("motto") if s.source != "program" else [])
    for line in lines:
        text = line.text.strip()
        if any(text == m or text.startswith(m + " ") for m in markers):
            yield Fault({"found": f"“{text}”"}, "field:signer_authority" if line.role == "authority" else "")
            return
