"""Nhắc việc: the one-page list sent to a unit of what it has overdue or due soon.

One A4 page whatever the count: the table shrinks to fit and, past MAX_ROWS tasks, the rest are
counted in a last line (the secretary sees them all on the dashboard). Printed with the same
embedded fonts as the documents.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Protocol
from xml.sax.saxutils import escape

MAX_ROWS = 40


class Due(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def program(self) -> str: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def carried(self) -> int: ...


def _when(task: Due, as_of: date) -> str:
    if task.due_date is None:
        return ""
    days = (task.due_date - as_of).days
    if days < 0:
        return f"quá hạn {-days} ngày"
    return "hôm nay" if days == 0 else f"còn {days} ngày"


def reminder_pdf(unit: str, office: str, as_of: date, overdue: Sequence[Due], soon: Sequence[Due], days: int) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from hgdesk.render.fonts import register_reportlab_fonts
    from hgdesk.reporting import short

    fonts = register_reportlab_fonts()
    base = ParagraphStyle("base", fontName=fonts["regular"], fontSize=12, leading=15)
    small = ParagraphStyle("small", parent=base, fontSize=10.5, leading=13)
    bold = ParagraphStyle("bold", parent=small, fontName=fonts["bold"])
    title = ParagraphStyle("title", parent=base, fontName=fonts["bold"], fontSize=15, leading=19, alignment=TA_CENTER)
    centred = ParagraphStyle("centred", parent=base, fontName=fonts["italic"], alignment=TA_CENTER)

    rows: list[list[object]] = [[Paragraph(h, bold) for h in ("TT", "Nhiệm vụ", "Chương trình", "Hạn", "Tình trạng")]]
    section_rows: list[int] = []
    shown = 0
    number = 0
    for heading, tasks in ((f"Quá hạn ({len(overdue)})", overdue), (f"Đến hạn trong {days} ngày ({len(soon)})", soon)):
        if not tasks:
            continue
        section_rows.append(len(rows))
        rows.append([Paragraph(escape(heading), bold), "", "", "", ""])
        for task in tasks:
            if shown == MAX_ROWS:
                break
            number += 1
            shown += 1
            text = short(task.text)  # its first sentence: the unit knows its tasks
            if task.carried >= 2:
                text += f" (đã chuyển {task.carried} lần)"
            rows.append([Paragraph(str(number), small), Paragraph(escape(text), small),
                         Paragraph(escape(task.program.split(" – ", 1)[-1]), small),  # the office heads the page
                         Paragraph(f"{task.due_date:%d/%m/%Y}" if task.due_date else "", small),
                         Paragraph(escape(_when(task, as_of)), small)])
    rest = len(overdue) + len(soon) - shown
    width = A4[0] - 40 * mm
    table = Table(rows, colWidths=[10 * mm, width - 10 * mm - 36 * mm - 22 * mm - 26 * mm, 36 * mm, 22 * mm, 26 * mm],
                  repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7f3"))]
    for r in section_rows:
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f2f2f2"))]
    table.setStyle(TableStyle(style))
    story: list[object] = [
        Table([[Paragraph(f"<b>{escape(office.upper())}</b>", small), Paragraph(f"<i>Ngày {as_of:%d/%m/%Y}</i>", small)]],
              colWidths=[width * 0.6, width * 0.4], style=[("ALIGN", (1, 0), (1, 0), "RIGHT")]),
        Spacer(1, 6 * mm), Paragraph("NHẮC VIỆC", title),
        Paragraph(f"Các nhiệm vụ quá hạn và đến hạn trong {days} ngày", centred), Spacer(1, 5 * mm),
        Paragraph(f"Kính gửi: <b>{escape(unit)}</b>", base), Spacer(1, 3 * mm), table,
    ]
    if rest > 0:
        story += [Spacer(1, 2 * mm), Paragraph(f"… và {rest} nhiệm vụ khác (xem trong danh sách kèm theo).", small)]
    story += [Spacer(1, 5 * mm), Paragraph(
        f"Đề nghị {escape(unit)} khẩn trương thực hiện và báo cáo kết quả, kèm văn bản hoặc tệp minh chứng, "
        f"về {escape(office or 'Văn phòng')}.", base)]
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm, topMargin=20 * mm,
                                 bottomMargin=20 * mm, title=f"Nhắc việc – {unit}", author=office)
    frame_height = A4[1] - 40 * mm - 2
    document.build([KeepInFrame(document.width, frame_height, story, mode="shrink")])
    return out.getvalue()
