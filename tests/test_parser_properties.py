"""Properties of the parser over generated input: it fails only with its own clear error,
and its output written back as text parses to the same tree."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hgdesk.errors import InputError
from hgdesk.importing import parse_text, to_text

WORDS = ["công", "tác", "xây", "dựng", "Đảng", "tỉnh", "ủy", "năm", "2024", "quý", "II", "chỉ", "tiêu",
         "1150", "đảng", "viên", "24.970", "tỷ", "đồng", "7,5%", "nhiệm", "vụ", "Trên", "đây", "là",
         "T/M", "Nơi", "nhận:", "-", "(1)", "1.", "I.", "*", "Số", "Dự", "thảo", "[1]", "hoá", "Uỷ"]
MARKERS = ["", "", "", "I. ", "II. ", "1. ", "2. ", "1.1. ", "2.1.3. ", "(1) ", "(2). ", "- ",
           "Phần thứ nhất ", "Nơi nhận: ", "T/M TỈNH ỦY ", "[1] ", "3. Các chỉ tiêu chủ yếu\n(1) "]
ENDINGS = ["", ".", ";", ":", ",", " "]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
line = st.tuples(st.sampled_from(MARKERS), sentence, st.sampled_from(ENDINGS)).map("".join)
structured_text = st.lists(line, min_size=1, max_size=40).map("\n".join)
noisy_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400
)

# Deterministic in the suite (the same 300 examples each run); bench/fuzz.py explores at random.
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def parse_or_none(text: str):
    """Parse, allowing only the importer's own error (with a message) to come out."""
    try:
        return parse_text(text)
    except InputError as exc:
        assert str(exc)  # a message for the user, never empty
        return None


@SETTINGS
@given(noisy_text)
def test_arbitrary_text_gives_a_tree_or_the_importers_own_error(text):
    parse_or_none(text)


@SETTINGS
@given(structured_text)
def test_program_like_text_gives_a_tree_or_the_importers_own_error(text):
    parse_or_none(text)


@SETTINGS
@given(structured_text)
def test_parse_write_back_parse_is_stable(text):
    first = parse_or_none(text)
    if first is None:
        return
    again = parse_text(to_text(first), paragraphs=True)
    a, b = first.to_json(), again.to_json()
    a.pop("warnings")
    b.pop("warnings")
    assert b == a


def test_every_seed_survives_write_back(seed):
    from hgdesk.importing import parse_file

    for number in range(5):
        first = parse_file(seed(number))
        again = parse_text(to_text(first), paragraphs=True)
        assert again.to_json() == first.to_json(), number


# --- noise before the header; Word and text alike ------------------------------------------------
NOISE = ["Cổng thông tin điện tử Tỉnh ủy", "Lượt truy cập: 1.204.377", "Trang chủ > Văn bản > Văn bản của Đảng",
         "Xem với cỡ chữ", "Thứ 5, 15.10.2020 | 18:04:25", "1,285 lượt xem", "[Scanned by CamScanner]",
         "Chia sẻ bài viết", "In trang", "Tin liên quan"]
HEADER_FIELDS = ("superior_body", "issuing_body", "number", "symbol", "place", "issue_date", "document_type",
                 "title", "kind", "year", "term", "quarter", "document_kind")


def header_of(program) -> dict:
    return {name: getattr(program, name) for name in HEADER_FIELDS}


@SETTINGS
@given(st.sampled_from(["c10_nq_dhdb_xa_vinhloc_2025.txt", "c14_tb_btv_xa_huulien.txt", "c17_nq_huyen_aluoi_2021_2025.txt",
                        "c21_hd_dang_uy_nhpt.txt"]),
       st.lists(st.sampled_from(NOISE), max_size=6).flatmap(st.permutations))
def test_noise_lines_before_the_header_leave_the_header_unchanged(name, noise):
    from tests.corpus_score import CORPUS

    text = (CORPUS / name).read_text(encoding="utf-8")
    clean_header = header_of(parse_text(text))
    noisy = parse_text("\n".join([*noise, text]))
    assert header_of(noisy) == clean_header
    if noise:
        assert any("bỏ qua" in w for w in noisy.warnings)


def single_column_documents():
    """Corpus texts and seeds laid out one column per line (a Word paragraph holds one line)."""
    from tests.conftest import SEEDS
    from tests.corpus_score import CORPUS

    files = sorted(CORPUS.glob("c*.txt")) + sorted(SEEDS.glob("seed*.txt"))
    two_columns = re.compile(r"\S(?: {4,}|\t)\S")
    return [f for f in files if not two_columns.search(f.read_text(encoding="utf-8").replace("ngày     tháng", ""))]


def test_text_and_word_copies_of_a_document_give_the_same_tree(tmp_path):
    from hgdesk.errors import InputError
    from hgdesk.importing import parse_file
    from tests.docx_builder import DocxBuilder

    documents = single_column_documents()
    assert len(documents) >= 15
    for path in documents:
        b = DocxBuilder()
        for line in path.read_text(encoding="utf-8").splitlines():
            b.para(line)
        word_copy = b.save(tmp_path / f"{path.stem}.docx")
        try:
            from_text = parse_file(path).to_json()
        except InputError:
            with pytest.raises(InputError):  # refused as text (c16): refused as Word too
                parse_file(word_copy)
            continue
        from_word = parse_file(word_copy).to_json()
        for key in ("nodes", "recipients", "signer", "opening", "closing", "title", "document_kind", "kind"):
            assert from_word[key] == from_text[key], (path.name, key)
