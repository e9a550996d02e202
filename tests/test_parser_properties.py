"""Properties of the parser over generated input: it fails only with its own clear error,
and its output written back as text parses to the same tree."""

from __future__ import annotations

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
