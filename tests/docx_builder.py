"""Build real .docx files for tests: Word list numbering, header tables, footnotes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'


def _level(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


class DocxBuilder:
    """A document whose list numbers exist only in Word's numbering definitions."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self.numbering = self.doc.part.numbering_part.element
        self._footnotes: list[str] = []
        # outline: I. / 1. / 1.1. ; items: (1) ; bullets: -
        self.outline = self._define(900, [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3.")])
        self.items = self._define(901, [("decimal", "(%1)")])
        self.bullets = self._define(902, [("bullet", "\uf0b7")])

    def _define(self, abstract_id: int, levels: list[tuple[str, str]]) -> int:
        lvls = "".join(_level(i, fmt, text) for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
        first_num = self.numbering.find(f"{{{W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        num_id = abstract_id
        self.numbering.append(
            parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
        return num_id

    def para(self, text: str, num_id: int | None = None, level: int = 0, footnote: str | None = None):
        paragraph = self.doc.add_paragraph(text)
        if num_id is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
            ))
        if footnote is not None:
            self._footnotes.append(footnote)
            note_id = len(self._footnotes)
            paragraph._p.append(parse_xml(
                f'<w:r {NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_id}"/></w:r>'
            ))
        return paragraph

    def header_table(self, left: list[str], right: list[str]) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)

    def data_table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value

    def save(self, path: Path) -> Path:
        if self._footnotes:
            notes = "".join(
                f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
                for i, text in enumerate(self._footnotes, start=1)
            )
            xml = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                f"{notes}</w:footnotes>"
            )
            part = Part(
                PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"),
                self.doc.part.package,
            )
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        self.doc.save(str(path))
        return path
