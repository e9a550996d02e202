"""Programs built to break the printer: long recipient lists, a footnote in every part, a
300-page program, an appendix with a wide indicator table (shared by tests and benchmarks)."""

from __future__ import annotations

from typing import Any

SENTENCE = ("Tiếp tục lãnh đạo, chỉ đạo thực hiện có hiệu quả các nghị quyết, chỉ thị, kết luận của "
            "Trung ương và của Tỉnh uỷ về phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh. ")


def base(**extra: Any) -> dict[str, Any]:
    data = {
        "kind": "quarterly", "year": 2026, "quarter": 3, "organization": "Đảng uỷ xã Hoà An",
        "level": "commune", "superior_body": "ĐẢNG BỘ TỈNH CẦN THƠ", "issuing_body": "ĐẢNG UỶ XÃ HOÀ AN",
        "symbol": "CTr/ĐU", "number": None, "draft": True, "draft_version": 2, "place": "Hoà An",
        "date": None, "date_year": 2026, "document_type": "CHƯƠNG TRÌNH", "title": ["Công tác quý III năm 2026"],
        "opening": ["Thực hiện Chương trình công tác năm 2026, Đảng uỷ xã đề ra các nhiệm vụ trọng tâm quý III."],
        "nodes": [], "closing": ["Định kỳ hằng tháng, các chi bộ báo cáo kết quả về Văn phòng Đảng uỷ."],
        "recipients": ["Ban Thường vụ Tỉnh uỷ", "Các đồng chí Đảng uỷ viên", "Các chi bộ trực thuộc", "Lưu VPĐU"],
        "signer": {"authority": "T/M ĐẢNG UỶ", "position": "PHÓ BÍ THƯ", "name": "Nguyễn Văn An"},
        "footnotes": [],
    }
    data.update(extra)
    return data


def part(number: int, label: str, heading: str, paragraphs: int, note: int | None = None) -> dict[str, Any]:
    children = []
    for i in range(paragraphs):
        text = SENTENCE * (1 + i % 4)
        if note is not None and i == 0:
            text = text.rstrip() + f"[{note}]"
        children.append({"kind": "paragraph", "label": "", "heading": "", "text": text, "children": []})
    section = {"kind": "section", "label": f"{number}.", "heading": f"Nhiệm vụ {number}", "text": "",
               "children": children}
    return {"kind": "part", "label": label, "heading": heading, "text": "", "children": [section]}


def recipients(count: int, two_lines: bool = True) -> dict[str, Any]:
    long = " và các cơ quan, đơn vị có liên quan trên địa bàn xã" if two_lines else ""
    entries = [f"Chi bộ ấp số {i}{long}" for i in range(1, count)] + ["Lưu VPĐU"]
    return base(recipients=entries)


def footnote_in_every_part(parts: int = 6) -> dict[str, Any]:
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    nodes = [part(i, f"{roman[i - 1]}.", f"Phần việc thứ {i}", 3, note=i) for i in range(1, parts + 1)]
    notes = [{"number": i, "text": f"Ghi chú số {i}: căn cứ Kết luận số 0{i}-KL/TW của Bộ Chính trị."}
             for i in range(1, parts + 1)]
    return base(nodes=nodes, footnotes=notes)


def long_program(pages: int = 300) -> dict[str, Any]:
    """About `pages` pages: each part holds about one page of text."""
    nodes = [part(i, f"{i}.", f"Lĩnh vực {i}", 4) for i in range(1, pages + 1)]
    return base(kind="annual", quarter=None, title=["thực hiện nhiệm vụ công tác năm 2027"], nodes=nodes)


INDICATOR_HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm", "Quý I", "Quý II", "Quý III", "Quý IV",
                    "% kế hoạch"]


def with_landscape_appendix(rows: int = 40) -> dict[str, Any]:
    table = [INDICATOR_HEADER] + [
        [str(i), f"Chỉ tiêu phát triển số {i} của xã", "%", "7,5", "1,8", "1,9", "2,0", "1,8", "100"]
        for i in range(1, rows + 1)
    ]
    appendix = {"title": "Các chỉ tiêu chủ yếu quý III năm 2026", "rows": table, "header_rows": 1}
    body_table = ["Nội dung | Đơn vị | Chỉ tiêu", "Thu ngân sách | tỷ đồng | 12,5", "Hộ nghèo | % | dưới 1"]
    return base(closing=[*body_table, "Định kỳ hằng tháng, các chi bộ báo cáo kết quả về Văn phòng Đảng uỷ."],
                appendices=[appendix])
