"""What a Word file's layout is: page and margins of each section, where the page number field is,
and the effective formatting of each paragraph (direct formatting over the style chain over the
document defaults, theme fonts resolved). Read once, then judged by hgdesk.checks.docx_rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from hgdesk.errors import InputError
from hgdesk.importing.docx_reader import by_columns, is_layout_table, table_cells
from hgdesk.zipfiles import check_zip, malformed_data_errors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MM_PER_TWIP = 25.4 / 1440
RUN_PROPS = ("sz", "b", "i", "rFonts")
PARA_PROPS = ("spacing", "ind", "jc")
# What each piece of a run reads as: a line break (Shift+Enter) starts a new line, as the importer reads it.
RUN_TEXT = {W + "t": lambda el: el.text or "", W + "tab": lambda el: " ", W + "br": lambda el: "\n",
            W + "cr": lambda el: "\n"}


@dataclass
class ParaFacts:
    text: str
    in_table: bool
    size_pt: float | None
    bold: bool
    italic: bool
    fonts: tuple[str, ...]  # every font its text runs use ("?" when a theme font cannot be resolved)
    align: str  # left / center / right / both
    line_rule: str  # exact / auto / atLeast
    line_value: float  # points (exact, atLeast) or lines (auto)
    space_before_pt: float
    space_after_pt: float
    first_indent_mm: float


@dataclass
class SectionFacts:
    width_mm: float
    height_mm: float
    landscape: bool
    margins_mm: dict[str, float]  # top, bottom, left, right
    title_page: bool  # "different first page"
    page_field: dict[str, str] = field(default_factory=dict)  # header/footer kind -> alignment of its PAGE field


@dataclass
class DocxFacts:
    paragraphs: list[ParaFacts]
    sections: list[SectionFacts]


def _on(el) -> bool:
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


class _Styles:
    """Paragraph and run properties of each style, resolved along basedOn, over the defaults."""

    def __init__(self, document) -> None:
        root = document.styles.element
        self.by_id = {s.get(W + "styleId"): s for s in root.findall(W + "style")}
        defaults = root.find(W + "docDefaults")
        self.default_r = self._props(defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None, RUN_PROPS)
        self.default_p = self._props(defaults.find(f"{W}pPrDefault/{W}pPr") if defaults is not None else None,
                                     PARA_PROPS)
        self.default_para = next((sid for sid, s in self.by_id.items()
                                  if s.get(W + "type") == "paragraph" and _on_default(s)), None)
        self.cache: dict[str | None, tuple[dict, dict]] = {}
        self.theme = _theme_fonts(document)

    @staticmethod
    def _props(el, names) -> dict:
        return {} if el is None else {n: el.find(W + n) for n in names if el.find(W + n) is not None}

    def resolve(self, style_id: str | None) -> tuple[dict, dict]:
        style_id = style_id or self.default_para
        if style_id in self.cache:
            return self.cache[style_id]
        style = self.by_id.get(style_id) if style_id else None
        if style is None:
            result = (dict(self.default_p), dict(self.default_r))
        else:
            based = style.find(W + "basedOn")
            parent_p, parent_r = self.resolve(based.get(W + "val")) if based is not None else (
                dict(self.default_p), dict(self.default_r))
            own_p = self._props(style.find(W + "pPr"), PARA_PROPS)
            own_r = self._props(style.find(W + "rPr"), RUN_PROPS)
            result = ({**parent_p, **_merge_attrs(parent_p, own_p)}, {**parent_r, **_merge_attrs(parent_r, own_r)})
        self.cache[style_id] = result
        return result

    def font(self, rfonts) -> str:
        if rfonts is None:
            return self.theme.get("minor", "?")
        name = rfonts.get(W + "ascii") or rfonts.get(W + "hAnsi")
        if name:
            return name
        theme = rfonts.get(W + "asciiTheme") or rfonts.get(W + "hAnsiTheme") or ""
        return self.theme.get("major" if theme.startswith("major") else "minor", "?")


def _on_default(style) -> bool:
    return style.get(W + "default") in ("1", "true")


def _merge_attrs(parent: dict, own: dict) -> dict:
    """Spacing and indentation merge attribute by attribute (a style may set only `after`)."""
    out = dict(own)
    for key in ("spacing", "ind", "rFonts"):
        if key in own and key in parent:
            from copy import deepcopy

            merged = deepcopy(parent[key])
            for attr, value in own[key].attrib.items():
                merged.set(attr, value)
            out[key] = merged
    return out


def _theme_fonts(document) -> dict[str, str]:
    from defusedxml import ElementTree as SafeET

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            root = SafeET.fromstring(rel.target_part.blob)
            fonts = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            return fonts
    return {}


def _twips(el, attr: str) -> float | None:
    if el is None or el.get(W + attr) is None:
        return None
    try:
        return float(el.get(W + attr))
    except ValueError:
        return None


def _paragraph(p, styles: _Styles, in_table: bool) -> ParaFacts:
    ppr = p.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    base_p, base_r = styles.resolve(style.get(W + "val") if style is not None else None)
    pp = {**base_p, **_merge_attrs(base_p, styles._props(ppr, PARA_PROPS))}
    texts, sizes, bolds, italics, fonts = [], [], [], [], set()
    for r in p.iter(W + "r"):
        text = "".join(RUN_TEXT[el.tag](el) for el in r if el.tag in RUN_TEXT)
        texts.append(text)  # a space or a line break of its own is text too; only visible text has a look
        if not text.strip():
            continue
        rr = {**base_r, **_merge_attrs(base_r, styles._props(r.find(W + "rPr"), RUN_PROPS))}
        sz = _twips(rr.get("sz"), "val")
        sizes.append((sz / 2 if sz else 10.0, len(text)))
        bolds.append((_on(rr.get("b")), len(text)))
        italics.append((_on(rr.get("i")), len(text)))
        fonts.add(styles.font(rr.get("rFonts")))
    spacing, ind, jc = pp.get("spacing"), pp.get("ind"), pp.get("jc")
    line = _twips(spacing, "line")
    rule = (spacing.get(W + "lineRule") if spacing is not None else None) or "auto"
    first = _twips(ind, "firstLine") or 0.0
    first -= _twips(ind, "hanging") or 0.0
    return ParaFacts(
        text="".join(texts), in_table=in_table, size_pt=_dominant(sizes), bold=bool(_dominant(bolds)),
        italic=bool(_dominant(italics)), fonts=tuple(sorted(fonts)), align=jc.get(W + "val") if jc is not None else "left",
        line_rule=rule, line_value=(line or 240) / (240 if rule == "auto" else 20),
        space_before_pt=(_twips(spacing, "before") or 0) / 20, space_after_pt=(_twips(spacing, "after") or 0) / 20,
        first_indent_mm=first * MM_PER_TWIP,
    )


def _dominant(values: list[tuple]):
    """The value carried by most characters."""
    weight: dict = {}
    for value, n in values:
        weight[value] = weight.get(value, 0) + n
    return max(weight, key=lambda v: weight[v]) if weight else None


def _page_fields(part, styles: _Styles) -> str | None:
    """The alignment of the paragraph holding a PAGE field in a header/footer part, or None."""
    for p in part.part.element.iter(W + "p"):
        instr = " ".join((t.text or "") for t in p.iter(W + "instrText"))
        instr += " ".join(f.get(W + "instr") or "" for f in p.iter(W + "fldSimple"))
        if "PAGE" in instr.replace("NUMPAGES", "").upper():
            return _paragraph(p, styles, False).align
    return None


def _sections(document, styles: _Styles) -> list[SectionFacts]:
    out: list[SectionFacts] = []
    for section in document.sections:
        sect = section._sectPr
        size, mar = sect.find(W + "pgSz"), sect.find(W + "pgMar")
        margins = {k: (_twips(mar, k) or 0) * MM_PER_TWIP for k in ("top", "bottom", "left", "right")}
        facts = SectionFacts(
            width_mm=(_twips(size, "w") or 0) * MM_PER_TWIP, height_mm=(_twips(size, "h") or 0) * MM_PER_TWIP,
            landscape=size is not None and size.get(W + "orient") == "landscape", margins_mm=margins,
            title_page=_on(sect.find(W + "titlePg")) if sect.find(W + "titlePg") is not None else False,
        )
        for kind, part in (("header", section.header), ("footer", section.footer),
                           ("first_header", section.first_page_header), ("first_footer", section.first_page_footer)):
            if kind.startswith("first") and not facts.title_page:
                continue
            if part.is_linked_to_previous:  # the previous section's, or none for the first section
                if out and kind in out[-1].page_field:
                    facts.page_field[kind] = out[-1].page_field[kind]
                continue
            align = _page_fields(part, styles)
            if align is not None:
                facts.page_field[kind] = align
        out.append(facts)
    return out


def _lines(f: ParaFacts) -> list[ParaFacts]:
    """A paragraph broken with Shift+Enter ("Nơi nhận:" ↵ "- Như trên;" ↵ "- Lưu VPĐU.") is several lines
    (as the importer reads it), each with the paragraph's formatting."""
    if "\n" not in f.text:
        return [f]
    return [replace(f, text=line) for line in f.text.split("\n")]


def _table_paragraphs(tbl, styles: _Styles) -> list[ParaFacts]:
    """A table's paragraphs in the order the importer reads them (hgdesk.importing.docx_reader), so
    each paragraph's formatting stays with its line: a layout table column by column (all of "Nơi
    nhận" before the signature beside it), a data table row by row."""
    rows = [[[_paragraph(p, styles, True) for p in cell] for cell in row] for row in table_cells(tbl)]
    if is_layout_table(f.text for r in rows for cell in r for f in cell):
        return by_columns(rows)
    return [f for r in rows for cell in r for f in cell]


def read_facts(data: bytes, name: str) -> DocxFacts:
    check_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        styles = _Styles(document)
        paragraphs: list[ParaFacts] = []
        for block in document.element.body.iterchildren():
            if block.tag == W + "p":
                paragraphs.append(_paragraph(block, styles, False))
            elif block.tag == W + "tbl":
                paragraphs += _table_paragraphs(block, styles)
        return DocxFacts([line for f in paragraphs for line in _lines(f)], _sections(document, styles))
    except malformed_data_errors() as exc:
        raise InputError(f"Tệp “{name}” bị hỏng, không đọc được định dạng Word: {exc}") from None
