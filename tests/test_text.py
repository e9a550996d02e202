"""Vietnamese text: the same words compare equal however they were typed."""

import pytest

from hgdesk.text import (
    clean,
    fold,
    format_vn_number,
    from_roman,
    has_modern_tone_placement,
    legacy_encoding,
    parse_vn_number,
    to_roman,
    unify_tone_placement,
)


def test_fold_ignores_case_diacritics_and_tone_placement():
    assert fold("TỈNH ỦY") == fold("tỉnh uỷ") == "tinh uy"
    assert fold("hoá") == fold("hóa") == fold("Hoa")
    assert fold("Đảng bộ") == "dang bo"


def test_fold_treats_decomposed_and_composed_text_alike():
    decomposed = "Ho\u0301a Tie\u0302\u0301n"
    assert fold(decomposed) == fold("Hóa Tiến") == "hoa tien"


def test_clean_removes_converter_artefacts_and_normalises_to_nfc():
    raw = "[bookmark: _Hlk107432617]Các\u00a0nhiệm\tvụ  trọng\u200btâm\ufffd "
    assert clean(raw) == "Các nhiệm vụ trọngtâm"
    assert clean("Ho\u0301a") == "Hóa"


@pytest.mark.parametrize(
    ("modern", "classic"),
    [("hoá", "hóa"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"), ("TỈNH UỶ", "TỈNH ỦY"), ("thuỷ sản", "thủy sản")],
)
def test_tone_placement_is_unified_to_the_seeds_form(modern, classic):
    assert unify_tone_placement(modern) == classic
    assert has_modern_tone_placement(modern)
    assert not has_modern_tone_placement(classic)


@pytest.mark.parametrize("word", ["quý", "hoàn", "thuở", "khuya", "Quỳnh"])
def test_tone_placement_leaves_other_syllables_alone(word):
    assert unify_tone_placement(word) == word


@pytest.mark.parametrize(
    ("text", "value"),
    [("24.970", 24970), ("88,84", 88.84), ("6.800", 6800), ("1.234.567,5", 1234567.5), ("7,5", 7.5),
     ("1150", 1150), ("02", 2)],
)
def test_vietnamese_numbers(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "--"])
def test_text_that_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


def test_numbers_are_written_the_vietnamese_way():
    assert format_vn_number(24970) == "24.970"
    assert format_vn_number(88.84) == "88,84"


def test_roman_numerals_round_trip():
    assert [to_roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert all(from_roman(to_roman(n)) == n for n in range(1, 200))
    with pytest.raises(ValueError):
        from_roman("IIII")


def test_legacy_encodings_are_detected():
    tcvn3 = "Ch\u00ad\u00acng tr\u00d6nh c\u00abng t\u00b8c n\u00a8m 2024 cña TØnh ñy HËu Giang " * 5
    vni = "Chöông trình coâng taùc naêm 2024 cuûa Tænh uûy Haäu Giang, Ñaûng boä " * 5
    assert legacy_encoding(tcvn3) == "TCVN3"
    assert legacy_encoding(vni) == "VNI"
    assert legacy_encoding("Chương trình công tác năm 2024 của Tỉnh ủy Hậu Giang " * 5) is None
    assert legacy_encoding("A plain English sentence with no Vietnamese letters at all.") is None


def test_a_long_text_shown_in_a_list_ends_at_a_word_with_an_ellipsis():
    from hgdesk.text import clip

    long = "Kết nạp 1150 đảng viên. Tỷ lệ tổ chức cơ sở đảng và đảng viên được đánh giá, xếp loại hoàn thành xuất sắc"
    shown = clip(long, 90)
    assert shown.endswith("…") and len(shown) <= 90 and long.startswith(shown[:-1])
    assert long[len(shown) - 1] == " "  # cut between words, never inside one ("hoàn" not "ho")
    assert clip("Ngắn gọn", 90) == "Ngắn gọn"
