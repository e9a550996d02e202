"""A check report as a short note (phiếu kiểm tra thể thức), laid out as a Document so that the PDF
and DOCX renderers print it in the same profile as the documents themselves."""

from __future__ import annotations

from datetime import datetime

from hgdesk.checks.engine import Report
from hgdesk.checks.rules import SEVERITIES
from hgdesk.document import Document, Para, Row, Run, Table
from hgdesk.formats import load_profile
from hgdesk.text import nfc

HEADINGS = {"lỗi": "Lỗi (phải sửa trước khi ban hành)", "cảnh báo": "Cảnh báo (nên sửa)", "gợi ý": "Gợi ý"}


def _p(style: str, text: str, **kw) -> Para:
    return Para(style, [Run(nfc(text))], **kw)


def note_document(report: Report, now: datetime | None = None) -> Document:
    profile = load_profile(report.profile_id)
    now = now or datetime.now()
    faults, unknown = report.faults, report.unknown
    body: list[Para | Table] = [
        _p("doc_type", "PHIẾU KIỂM TRA THỂ THỨC", keep_with_next=True),
        _p("title", report.name, keep_with_next=True),
        _p("title_separator", profile.header.title_separator or "-----"),
        _p("body", f"Mẫu thể thức: {report.profile_name}, áp dụng cho ngày "
                   f"{datetime.fromisoformat(report.on):%d/%m/%Y}; kiểm tra lúc {now:%H:%M ngày %d/%m/%Y}."),
        _p("body", f"Kết quả: {report.summary()}; {report.rules_run} quy tắc đã chạy."),
    ]
    groups = report.by_severity()
    for severity in SEVERITIES:
        if not groups[severity]:
            continue
        body.append(_p("section1", HEADINGS[severity], keep_with_next=True))
        for f in groups[severity]:
            body.append(_p("bullet", f"- {f.message} ({f.clause})"))
    if unknown:
        body.append(_p("section1", "Không kiểm tra được", keep_with_next=True))
        body += [_p("bullet", f"- {f.message.removeprefix('Không kiểm tra được: ')} ({f.clause})") for f in unknown]
    if not faults and not unknown:
        body.append(_p("body", "Không phát hiện sai sót thể thức nào."))
    return Document(profile=profile, title="Phiếu kiểm tra thể thức", author="hgdesk", subject=report.name,
                    header=[], body=body, signature=Row(), footnotes=[], draft=False)
