"""The header block (issuing body, number and symbol, place and date, type and title), found
wherever it starts in the first part of the text: whatever comes before it (a web page's
menu, a hit counter, an OCR banner) is skipped and reported, never read as the document."""

from __future__ import annotations

import re
from datetime import date

from hgdesk.importing import patterns as pt
from hgdesk.importing.model import ParsedProgram

HEADER_WINDOW = 60  # the header starts within the first lines or not at all
_CLUSTER = 8  # a second header line within this many lines confirms the first
SHORT_TITLE_LINE = 40  # a title line this short ended where its author ended it, not at the page's width
_YEARS = re.compile(r"\(?\d{4}(?:\s*[-–]\s*\d{4})?\)?")


def _anchor(line: str) -> bool:
    return bool(
        pt.NUMBER_LINE.match(line) or pt.DATE_LINE.match(line) or pt.STAR.match(line) or pt.DRAFT.match(line)
        or pt.is_motto(line) or pt.doc_type_of(line) or pt.is_body_line(line)
    )


def find_start(lines: list[str]) -> int | None:
    """Index of the first header line, or None when the text has no header block."""
    window = lines[:HEADER_WINDOW]
    for i, line in enumerate(window):
        if not _anchor(line):
            if pt.is_label(line) or pt.is_recipients_start(line):
                return None  # the body started: no header
            continue
        following = window[i + 1:i + 1 + _CLUSTER]
        if sum(1 for x in following if _anchor(x)) >= 1 and (
            any(pt.NUMBER_LINE.match(x) or pt.DATE_LINE.match(x) or pt.doc_type_of(x) for x in [line, *following])
        ):
            return i
        if pt.doc_type_of(line) and any(pt.SEPARATOR.match(x) for x in following[:6]):
            return i
        if line.strip(" :") in pt.DOC_TYPES and following and _title_like(following[0]):
            return i  # "NGHỊ QUYẾT" alone on its line, its title under it: a header without number or date
    return None


def _title_like(line: str) -> bool:
    return len(line) <= 250 and not pt.is_structural(line) and not line.endswith(pt.TERMINAL)


def menu_lines(lines: list[str]) -> int:
    """Lines of a web page's menu at the very start: three or more short lines without a
    full stop, before any numbered line."""
    count = 0
    for line in lines[:HEADER_WINDOW]:
        if pt.is_structural(line) or len(line) > 45 or line.endswith(pt.TERMINAL):
            break
        count += 1
    return count if count >= 3 else 0


# A web page's furniture copied with the text: a cell of a page table ("… |") or an image ("![](…)").
_FURNITURE = re.compile(r"^(?:.*\s\|\s*|!\[[^\]]*\]\([^)]*\)\s*\|?\s*)$")


def furniture_lines(lines: list[str]) -> int:
    """Leading lines that are cells of the page's layout table or images, not the document."""
    count = 0
    for line in lines[:HEADER_WINDOW]:
        if not _FURNITURE.match(line) or pt.is_structural(line):
            break
        count += 1
    return count


def page_matter(lines: list[str]) -> int:
    """How many lines at the start are the web page's, not the document's: a menu, a date or
    counter line, the page title above a line naming the document ("Công văn số 175-CV/TU …"),
    and everything down to an editor's note that reprints the text ("… giới thiệu toàn văn …")."""
    skipped = furniture_lines(lines)
    skipped += menu_lines(lines[skipped:])
    run = 0
    for line in lines[skipped:HEADER_WINDOW]:
        if pt.is_structural(line) or len(line) > 100 or line.endswith(pt.TERMINAL):
            break
        run += 1
    if any(pt.TIMESTAMP.match(x) for x in lines[skipped:skipped + run]):
        last_stamp = max(k for k in range(run) if pt.TIMESTAMP.match(lines[skipped + k]))
        skipped += last_stamp + 1
    ahead = lines[skipped:skipped + 6]
    for k, line in enumerate(ahead):
        if pt.is_structural(line):
            break
        if _names_itself(line) and k:
            skipped += k  # the page title(s) above the line that names the document
            break
        if pt.REPRINT_NOTE.search(line) and line.endswith(pt.TERMINAL):
            skipped += k + 1
            break
    return skipped


_NAMES_ITSELF = re.compile(
    r"^(?:" + "|".join(t.capitalize() for t in pt.DOC_TYPES) + r"|Công văn)\s+số\s*\d+\s*-\s*[A-ZĐ]{1,5}/", re.IGNORECASE
)


def _names_itself(line: str) -> bool:
    """A page's heading that names the document by type and number ("Công văn số 175-CV/TU ngày …")."""
    return bool(_NAMES_ITSELF.match(line)) and not line.endswith(pt.TERMINAL)


def headless_title(lines: list[str], i: int, p: ParsedProgram) -> int:
    """A document without a header block often still opens with its title: an upper-case
    heading ("ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 7 NĂM 2020"), a heading led by the document type
    ("HƯỚNG DẪN CÔNG TÁC …", "Hướng dẫn tuyên truyền …"), a page heading naming the document,
    or one short line right above the first numbered point."""
    if i >= len(lines):
        return i
    line = lines[i]
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if not _title_like(line):
        return i
    typed = pt.split_type(line)
    upper = pt.is_upper(line) and not pt.is_body_line(line)
    if not (upper or typed or _names_itself(line)
            or (len(line) <= 120 and (pt.is_label(following) or pt.SEPARATOR.match(following)))):
        return i
    if typed and pt.is_upper(line):
        p.document_type, first = typed
    elif pt.doc_type_of(line):
        p.document_type, first = pt.doc_type_of(line), ""
    else:
        first = line
    p.title = [first] if first else []
    i += 1
    while i < len(lines) and _title_like(lines[i]) and (
        lines[i][:1] in "(“\"" or lines[i][:1].islower() or (pt.is_upper(lines[i]) and upper)
    ):
        p.title.append(lines[i])
        i += 1
    if i < len(lines) and pt.SEPARATOR.match(lines[i]):
        i += 1
    return i


def read_header(lines: list[str], p: ParsedProgram) -> int:
    """Fill the header fields of `p`; return the index where the document's text begins."""
    start = find_start(lines)
    if start is None:
        skipped = page_matter(lines)
        if skipped:
            _report_skipped(lines[:skipped], p)
        i = skipped
        if i < len(lines) and pt.SEPARATOR.match(lines[i]):
            i += 1
        i = headless_title(lines, i, p)
        if not p.title:
            # a reprint whose title is the page's heading ("Nghị quyết của Ban Chấp hành …")
            p.title = [x for x in lines[:skipped] if pt.split_type(x) and not x.endswith(pt.TERMINAL)][:1]
        return i
    if start:
        _report_skipped(lines[:start], p)
    return _HeaderReader(lines, p).read(start)


def _report_skipped(skipped: list[str], p: ParsedProgram) -> None:
    shown = "; ".join(f"“{x[:50]}”" for x in skipped[:3]) + ("; …" if len(skipped) > 3 else "")
    p.warnings.append(f"Đã bỏ qua {len(skipped)} dòng trước phần đầu văn bản (không thuộc văn bản): {shown}.")


class _HeaderReader:
    def __init__(self, lines: list[str], p: ParsedProgram) -> None:
        self.lines = lines
        self.p = p

    def read(self, i: int) -> int:
        p = self.p
        in_title = after_body = False
        after_subject = False
        while i < len(self.lines):
            line = self.lines[i]
            after_body, was_body = False, after_body
            after_subject, in_subject = False, after_subject
            if pt.SEPARATOR.match(line):
                if in_title or not self._more_header(i + 1):
                    return i + 1
            elif pt.STAR.match(line) or pt.is_motto(line):
                pass
            elif m := pt.NUMBER_LINE.match(line):
                p.number = m.group("number").strip() or None
                p.doc_code, p.issuer_code = m.group("code"), m.group("issuer")
                if dm := pt.DATE_LINE.match(line[m.end():].strip()):
                    self._date(dm)  # "Số: - HD/TWĐTN-BTC Hà Nội, ngày tháng năm 2023": the date on the same line
            elif m := pt.DRAFT.match(line):
                p.draft = True
                p.draft_version = int(m.group(1)) if m.group(1) else None
            elif m := pt.DATE_LINE.match(line):
                self._date(m)
            elif pt.SUBJECT.match(line) and not in_title:
                p.title.append(line)
                after_subject = True
            elif in_subject and line[:1].islower() and len(line) <= 150 and not pt.is_structural(line):
                p.title.append(line)  # the subject goes on under itself ("V/v báo cáo …" / "trọng tâm quý I …")
                after_subject = True
            elif not in_title and (typed := pt.type_and_period(line)):
                p.document_type = typed[0]
                p.title.extend([typed[1]] if typed[1] else [])
                in_title = True
            elif not in_title and pt.is_body_line(line):
                self._body(line)
                after_body = True
            elif not in_title and was_body and p.issuing_body and pt.is_upper(line) and len(line) < 50 and not pt.is_structural(line):
                p.issuing_body = f"{p.issuing_body} {line}"  # an issuer written over two lines
            elif in_title and self._title_line(line):
                p.title.append(line)
            else:
                return i
            i += 1
        return i

    def _more_header(self, i: int) -> bool:
        """A separator under the issuing body ("-------") is followed by more header lines (the rule
        under the motto may come first: two columns read one after the other)."""
        while i < len(self.lines) and pt.SEPARATOR.match(self.lines[i]):
            i += 1
        return i < len(self.lines) and _anchor(self.lines[i])

    def _title_line(self, line: str) -> bool:
        if len(line) > 250 or pt.is_structural(line) or pt.SEPARATOR.match(line):
            return False
        if line.endswith(":") and self.p.title:
            return False  # "QUYẾT NGHỊ:", "… như sau:": the text begins
        if not self.p.title or pt.is_upper(line):
            return True
        if line[:1].isupper() and (pt.is_upper(self.p.title[-1]) or len(self.p.title[-1]) < SHORT_TITLE_LINE):
            # a title in capitals does not go on as a sentence, nor does a short line the width did not
            # cut ("về nhiệm vụ năm 2026" / "Hội nghị … đã thảo luận"): the opening begins
            return False
        # after the first title line, a title goes on in lower case ("về …", "thực hiện …"), with
        # the years it was cut before ("… GIAI ĐOẠN" / "2011-2020"), or after a line cut mid-phrase
        # ("… tiến tới Đại hội đại biểu" / "Đoàn TNCS Hồ Chí Minh … lần thứ XIV,")
        if line[:1].islower() or line[:1] in "(“\"" or _YEARS.fullmatch(line):
            return True
        return (not self.p.title[-1].endswith(pt.TERMINAL) and not line.endswith(pt.TERMINAL) and len(line) <= 120
                and not pt.ADDRESSEE.match(line) and not pt.is_body_line(line))

    def _body(self, line: str) -> None:
        p = self.p
        if pt.head(line).startswith("dang bo") and p.issuing_body is None and p.superior_body is None:
            p.superior_body = line
            return
        if p.issuing_body and not p.superior_body:
            p.superior_body, p.issuing_body = p.issuing_body, line
        else:
            p.issuing_body = line

    def _date(self, m: re.Match[str]) -> None:
        p = self.p
        p.place = m.group("place").strip()
        p.date_year = int(m.group("year"))
        day, month = m.group("day"), m.group("month")
        if day and month:
            try:
                p.issue_date = date(p.date_year, int(month), int(day))
            except ValueError:
                p.warnings.append(f"Ngày ban hành không hợp lệ: ngày {day} tháng {month} năm {p.date_year}.")
