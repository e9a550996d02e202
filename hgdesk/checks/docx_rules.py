"""Checks of a Word file's layout (resources/rules/docx.toml): page, margins, fonts and sizes,
spacing, indentation, page numbers. Expected values come from the format profile."""

from __future__ import annotations

from collections.abc import Iterator

from hgdesk.checks.docx_facts import ParaFacts
from hgdesk.checks.engine import Fault, Unknown, check
from hgdesk.checks.rules import Rule
from hgdesk.checks.subject import Line, Subject
from hgdesk.importing.patterns import BULLET, ITEM, NUMBERED, PHAN, ROMAN

ELEMENTS = {"superior": "Tên cơ quan cấp trên", "issuer": "Tên cơ quan ban hành", "number": "Số, ký hiệu",
            "place_date": "Địa danh, ngày tháng", "doc_type": "Tên loại văn bản", "title": "Trích yếu"}


def _facts(s: Subject):
    if s.docx is None:
        raise Unknown("không đọc được định dạng của tệp.")
    return s.docx


def _body(s: Subject, prose_only: bool = False) -> list[tuple[Line, ParaFacts]]:
    """Paragraphs of the body outside tables, with their formatting; with `prose_only`, not headings
    (numbered, or centred like a part's title), items or bullets."""
    pairs = [(line, line.facts) for line in s.lines if line.role == "body" and line.facts and not line.facts.in_table]
    if prose_only:
        pairs = [(line, f) for line, f in pairs if f.align != "center"
                 and not any(p.match(line.text) for p in (PHAN, ROMAN, NUMBERED, ITEM, BULLET))]
    return pairs


def _summary(bad: list[tuple[Line, str]], **values) -> Iterator[Fault]:
    if bad:
        found = ", ".join(sorted({v for _, v in bad}))
        yield Fault({"count": len(bad), "found": found, "example": bad[0][0].text[:60], **values})


def _wrong_look(f: ParaFacts, sizes: set[float], bold: bool, italic: bool) -> str | None:
    """What differs, said as such ("chưa in đậm", "cỡ 13, đúng là cỡ 15"), never the right look beside
    a found one that reads the same; None when nothing differs."""
    problems = []
    if f.size_pt not in sizes:
        found = f"cỡ {f.size_pt:g}" if f.size_pt else "không rõ cỡ"
        problems.append(f"trình bày {found}, đúng là cỡ {' hoặc '.join(f'{x:g}' for x in sorted(sizes))}")
    for wanted, has, word in ((bold, f.bold, "đậm"), (italic, f.italic, "nghiêng")):
        if wanted != has:
            problems.append(f"chưa in {word}" if wanted else f"không in {word}")
    return "; ".join(problems) or None


@check("docx.page")
def docx_page(s: Subject, rule: Rule) -> Iterator[Fault]:
    page, tol = s.profile.page, rule.param("tolerance_mm")
    for i, sec in enumerate(_facts(s).sections, start=1):
        values = {"section": i, "width": f"{page.width_mm:g}", "height": f"{page.height_mm:g}"}
        short, long = sorted((sec.width_mm, sec.height_mm))
        if abs(short - page.width_mm) > tol or abs(long - page.height_mm) > tol:
            yield Fault({**values, "problem": f"khổ giấy {sec.width_mm:.0f} × {sec.height_mm:.0f} mm, không phải A4"})
        elif sec.landscape or sec.width_mm > sec.height_mm:
            yield Fault({**values, "problem": "trang đặt ngang"})


@check("docx.margins")
def docx_margins(s: Subject, rule: Rule) -> Iterator[Fault]:
    page, tol = s.profile.page, rule.param("tolerance_mm")
    want = {"top": page.margin_top_mm, "bottom": page.margin_bottom_mm, "left": page.margin_left_mm,
            "right": page.margin_right_mm}
    for i, sec in enumerate(_facts(s).sections, start=1):
        if any(abs(sec.margins_mm[k] - v) > tol for k, v in want.items()):
            found = "/".join(f"{sec.margins_mm[k]:.0f}" for k in ("top", "bottom", "left", "right"))
            yield Fault({"section": i, "found": f"trên/dưới/trái/phải {found}",
                         **{k: f"{v:g}" for k, v in want.items()}})


@check("docx.font")
def docx_font(s: Subject, rule: Rule) -> Iterator[Fault]:
    font = rule.param("font")
    pairs = [(line, line.facts.fonts) for line in s.lines if line.facts and line.facts.fonts]
    if _facts(s) and any("?" in fonts for _, fonts in pairs):
        raise Unknown("tệp dùng phông của chủ đề (theme) mà không khai báo tên phông.")
    bad = [(line, f) for line, fonts in pairs for f in fonts if f != font]
    yield from _summary(bad, font=font)


@check("docx.motto")
def docx_motto(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    found = [(line, line.facts) for line in s.role("motto") if line.facts]
    if not found:
        raise Unknown("không thấy dòng tiêu đề (quốc hiệu) trong tệp.")
    style = s.profile.style("motto")
    line, f = found[0]
    if problem := _wrong_look(f, {style.size}, style.bold, style.italic):
        yield Fault({"text": line.text, "problem": problem, "size": f"{style.size:g}"})


@check("docx.header_elements")
def docx_header_elements(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    also = rule.param("also_allowed")
    for role in rule.param("roles"):
        style = s.profile.style(role)
        sizes = {style.size, *also.get(role, [])}
        for line in s.role(role):
            f = line.facts
            if f is None or f.size_pt is None:
                continue
            if problem := _wrong_look(f, sizes, style.bold, style.italic):
                yield Fault({"element": ELEMENTS[role], "text": line.text[:50], "problem": problem})


@check("docx.body_size")
def docx_body_size(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    size = s.profile.style("body").size
    allowed = (size, size + rule.param("extra_pt"))
    bad = [(line, f"{f.size_pt:g}") for line, f in _body(s)
           if f.size_pt is not None and not allowed[0] <= f.size_pt <= allowed[1]]
    yield from _summary(bad, expected=f"{allowed[0]:g}–{allowed[1]:g}")


@check("docx.line_spacing")
def docx_line_spacing(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    leading, tol = s.profile.style("body").leading_pt, rule.param("tolerance_pt")
    if not leading:
        raise Unknown(f"mẫu {s.profile.name} không quy định giãn dòng chính xác.")

    def wrong(f) -> str | None:
        if f.line_rule != "exact":
            return f"{f.line_value:g} dòng" if f.line_rule == "auto" else f"tối thiểu {f.line_value:g} pt"
        return f"chính xác {f.line_value:g} pt" if abs(f.line_value - leading) > tol else None

    bad = [(line, w) for line, f in _body(s) if (w := wrong(f))]
    yield from _summary(bad, expected=f"chính xác {leading - tol:g}–{leading + tol:g} pt")


@check("docx.paragraph_spacing")
def docx_paragraph_spacing(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    need = s.profile.style("body").space_after_pt
    bad = [(line, f"{f.space_before_pt + f.space_after_pt:g}") for line, f in _body(s)
           if f.space_before_pt + f.space_after_pt < need - 0.1]
    yield from _summary(bad, expected=f"{need:g}")


@check("docx.indent")
def docx_indent(s: Subject, rule: Rule) -> Iterator[Fault]:
    _facts(s)
    want, tol = s.profile.style("body").first_indent_mm, rule.param("tolerance_mm")
    bad = [(line, f"{f.first_indent_mm:.0f}") for line, f in _body(s, prose_only=True)
           if abs(f.first_indent_mm - want) > tol]
    yield from _summary(bad, expected=f"{want:g}")


@check("docx.page_number_top")
def docx_page_number_top(s: Subject, rule: Rule) -> Iterator[Fault]:
    values = {"from_top": f"{s.profile.page_numbers.from_top_mm:g}"}
    for i, sec in enumerate(_facts(s).sections, start=1):
        fields = sec.page_field
        if "footer" in fields or "first_footer" in fields:
            problem = "số trang đặt ở chân trang (cuối trang)"
        elif "header" not in fields:
            problem = "không có số trang ở đầu trang"
        elif fields["header"] != "center":
            problem = "số trang không đặt ở giữa đầu trang"
        else:
            continue
        yield Fault({**values, "section": i, "problem": problem})


@check("docx.first_page_number")
def docx_first_page_number(s: Subject, rule: Rule) -> Iterator[Fault]:
    if s.profile.page_numbers.first_page:
        return
    for i, sec in enumerate(_facts(s).sections[:1], start=1):
        first = sec.page_field.keys() & ({"first_header", "first_footer"} if sec.title_page else {"header", "footer"})
        if first:
            yield Fault({"section": i})
