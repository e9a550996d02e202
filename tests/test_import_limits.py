"""Limits that follow the content: nothing grows without bound, nothing is silently merged."""

from __future__ import annotations

import pytest

from hgdesk.errors import InputError
from hgdesk.importing import parse_file, parse_text
from tests.corpus_score import CORPUS
from tests.docx_builder import DocxBuilder


def test_two_documents_in_one_file_import_the_first_and_say_so():
    p = parse_file(CORPUS / "c28_two_documents_concatenated.txt")
    assert p.symbol == "TB/ĐU" and p.signer.name == "Nguyễn Duy Toàn"
    assert len(p.recipients) == 3
    assert any("nhiều văn bản" in w for w in p.warnings)
    assert "Yên Bái" not in " ".join(n.text for n in p.walk())


def test_two_hundred_programs_pasted_together_do_not_become_one(seed):
    text = seed(1).read_text(encoding="utf-8")
    p = parse_text((text + "\nT/M TỈNH ỦY\nBÍ THƯ\n") * 200)
    assert len(p.recipients) == 8
    assert any("nhiều văn bản" in w for w in p.warnings)


def test_recipient_list_ends_where_running_text_starts():
    body = "I. Nhiệm vụ\n1. Làm tốt công tác.\nNơi nhận:\n- Ban Thường vụ,\n- Lưu VP.\n"
    p = parse_text(body + ("Đây là một đoạn văn rất dài " * 40) + "\n")
    assert p.recipients == ["Ban Thường vụ", "Lưu VP"]
    assert max(len(r) for r in p.recipients) <= 300


def test_a_line_longer_than_two_pages_is_cut_and_reported():
    p = parse_text("I. Nhiệm vụ\n1. " + "chữ " * 5000 + ".\n")
    assert len(p.nodes[0].children[0].text) <= 6000
    assert any("cắt bớt" in w for w in p.warnings)


def test_word_file_with_far_more_text_than_a_document_is_refused_clearly(tmp_path, monkeypatch):
    from hgdesk.importing import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_TEXT_CHARS", 5000)
    b = DocxBuilder()
    b.para("I. Nhiệm vụ")
    for i in range(200):
        b.para(f"{i + 1}. Tổ chức thực hiện tốt nhiệm vụ chính trị của địa phương trong năm.")
    with pytest.raises(InputError, match="quá nhiều chữ"):
        parse_file(b.save(tmp_path / "dai.docx"))


def test_page_numbers_and_markers_are_not_text():
    p = parse_text("I. Nhiệm vụ\n1. Làm tốt công tác\nxây dựng Đảng\n- 2 -\nTrang 3/5\n4\n2. Làm tốt công tác dân vận.\n")
    texts = [n.heading or n.text for n in p.walk()]
    assert not any(t.strip() in ("- 2 -", "Trang 3/5", "4") for t in texts)


def test_word_file_whose_main_part_unpacks_far_beyond_a_document_is_refused_before_reading(tmp_path, monkeypatch):
    from hgdesk.importing import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML_BYTES", 2000)
    b = DocxBuilder()
    for i in range(50):
        b.para(f"{i + 1}. Tổ chức thực hiện tốt nhiệm vụ chính trị của địa phương.")
    with pytest.raises(InputError, match="lớn bất thường"):
        parse_file(b.save(tmp_path / "lon.docx"))
