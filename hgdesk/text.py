"""Vietnamese text handling: normalisation, folding for search, numerals.

Everything stored or rendered goes through :func:`clean` first, so the rest of the
code can assume NFC text without converter artefacts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)
# Characters converters leave behind: replacement char, zero-width marks, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\ufffd\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, converter artefacts removed, runs of white space folded to one space."""
    text = _BOOKMARK.sub("", nfc(text)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def table_cells(text: str) -> list[str] | None:
    """The cells of a table row written as one paragraph, "a | b | c" (the importer flattens a table's row
    so, the results report writes its indicators table so); None for prose."""
    if " | " not in text:
        return None
    cells = [c.strip() for c in text.split("|")]
    return cells if len(cells) >= 2 else None


# --- tone placement -------------------------------------------------------------------------
# "hoá"/"hóa", "uỷ"/"ủy", "khoẻ"/"khỏe": the same syllable with the tone mark on the second
# or on the first vowel of oa/oe/uy.  The seeds write the first form ("hóa", "ủy").
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng
# After the tone: no further letter and no further mark ("luận" is u + ậ, not a "uâ" pair).
_OPEN_END = r"(?![^\W\d_]|[\u0300-\u036f])"
_MODERN = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])" + _OPEN_END)


def unify_tone_placement(text: str) -> str:
    """Move the tone of open oa/oe/uy syllables to the first vowel ("hoá" -> "hóa").

    Syllables after q ("quý") are left alone: there the u is part of the onset.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_MODERN.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed))


_SECOND = re.compile(r"(?<![qQ])(?:([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY]))" + _OPEN_END)


def tone_on_second_vowel(text: str) -> str:
    """Move the tone of open oa/oe/uy syllables to the second vowel ("hóa" -> "hoá", "ủy" -> "uỷ"),
    as HD 05-HD/VPTW writes them. The inverse of unify_tone_placement."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(m: re.Match) -> str:
        first, tone, second = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        return first + second + tone

    return nfc(_SECOND.sub(move, decomposed))


TONE_STYLES = ("uỷ", "ủy")


# Quick tests on NFC text: is there any pair the style would move? (Most strings have none.)
_TONED_SECOND = re.compile("[oOuU][áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ]")
_TONED_FIRST = re.compile("[óòỏõọÓÒỎÕỌ][aeAE]|[úùủũụÚÙỦŨỤ][yY]")


def apply_tone_style(text: str, style: str) -> str:
    """The house style of tone placement: "uỷ" (tone on the second vowel, as HD 05 writes) or
    "ủy" (on the first). Either is correct Vietnamese; the setting only makes a document consistent.
    Quoted words (a cited title, a slogan) are left as written."""
    if style not in TONE_STYLES:
        return nfc(text)
    movable = _TONED_FIRST if style == "uỷ" else _TONED_SECOND
    if unicodedata.is_normalized("NFC", text) and not movable.search(text):
        return text
    return outside_quotes(nfc(text), tone_on_second_vowel if style == "uỷ" else unify_tone_placement)


def tone_style_of(texts: Iterable[str]) -> str | None:
    """The tone placement most of the texts use, "uỷ" or "ủy" (quoted words aside); None when they use
    neither or both as often. What a document prints in when no house style is chosen: as typed when it
    is consistent, its own majority when it is mixed — never a wholesale rewrite of what was typed."""
    second = first = 0
    for text in texts:
        decomposed = unicodedata.normalize("NFD", unquoted(text))
        second += len(_MODERN.findall(decomposed))
        first += len(_SECOND.findall(decomposed))
    return "uỷ" if second > first else "ủy" if first > second else None


# A quotation within one paragraph: curly or straight double quotes.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text outside quotation marks: a quoted title or saying is cited as written."""
    out: list[str] = []
    last = 0
    for m in _QUOTED.finditer(text):
        out += [change(text[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join([*out, change(text[last:])])


def unquoted(text: str) -> str:
    """The text with its quotations left out (what a style check of the writer's own words reads)."""
    return _QUOTED.sub(" ", text)


def has_modern_tone_placement(text: str) -> bool:
    """True when the text contains a syllable written "hoá"-style (tone on the second vowel)."""
    return unify_tone_placement(text) != nfc(text)


# --- folding for comparison and search ------------------------------------------------------
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane, as one character class (runs of code points)."""
    marks = [cp for cp in range(0x10000) if unicodedata.combining(chr(cp))]
    runs: list[tuple[int, int]] = []
    for cp in marks:
        if runs and runs[-1][1] == cp - 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in runs) + "]+")


def _d(text: str) -> str:
    return text.replace("đ", "d").replace("Đ", "d").replace("ð", "d") if not text.isascii() else text


def fold(text: str) -> str:
    """Lower case, no diacritics, no tone marks, đ -> d: "TỈNH ỦY" and "tỉnh uỷ" -> "tinh uy"."""
    decomposed = unicodedata.normalize("NFD", _d(text))
    # the marks go in one regular-expression pass and đ by str.replace (a Python loop over each
    # character, or str.translate with a table, made folding a 5 MB import take seconds); a mark
    # beyond the BMP is rare: checked apart
    stripped = _combining_marks().sub("", decomposed)
    if not stripped.isascii() and max(stripped) > "\uffff":
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return _SPACES.sub(" ", _d(stripped.casefold())).strip()


def find_spans(text: str, needle: str, exact: bool = False) -> list[tuple[int, int]]:
    """Where `needle` occurs in `text`, as (start, end) positions in `text`, not overlapping.

    By default case and diacritics are ignored the way `fold` ignores them ("tinh uy" finds "Tỉnh ủy"),
    so a replace changes exactly what a find shows."""
    if not needle:
        return []
    if exact:
        spans, start = [], text.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
        return spans
    folded: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFD", ch.translate(_FOLD_EXTRA))
        piece = "".join(c for c in piece if not unicodedata.combining(c)).casefold().translate(_FOLD_EXTRA)
        piece = " " if piece.isspace() else piece
        folded.extend(piece)
        owner.extend([i] * len(piece))
    haystack, target = "".join(folded), fold(needle)
    spans, start = [], haystack.find(target) if target else -1
    while start >= 0:
        end = start + len(target)
        spans.append((owner[start], owner[end - 1] + 1))
        start = haystack.find(target, end)
    return spans


# --- Roman numerals -------------------------------------------------------------------------
_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@lru_cache(maxsize=256)
def clip(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with "…" when cut: lists, panels and chart titles
    show where a long task goes on (never a word cut off as if it ended there)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    text = text.strip().upper()
    if not text or not _ROMAN_RE.match(text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total, i = 0, 0
    for value, letters in _ROMAN:
        while text.startswith(letters, i):
            total += value
            i += len(letters)
    return total


# --- Vietnamese numbers ---------------------------------------------------------------------
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_vn_number(text: str) -> float:
    """Parse a number written the Vietnamese way: "24.970" = 24970, "88,84" = 88.84.

    A dot separates thousands only when every group after it has three digits;
    otherwise it is read as a decimal point ("1.5" = 1.5), as careless typists write.
    """
    s = text.strip().replace(" ", "")
    if not s or not re.fullmatch(r"[+-]?[\d.,]+", s) or not re.search(r"\d", s):
        raise ValueError(f"not a number: {text!r}")
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "," in s:
        whole, _, frac = s.rpartition(",")
        if "," in whole:
            raise ValueError(f"not a number: {text!r}")
        whole = whole.replace(".", "")
        return sign * float(f"{whole or 0}.{frac or 0}")
    parts = s.split(".")
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and parts[0]:
        return sign * float("".join(parts))
    if len(parts) > 2:
        raise ValueError(f"not a number: {text!r}")
    return sign * float(s)


def format_vn_number(value: float) -> str:
    """24970 -> "24.970", 88.84 -> "88,84"."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


# --- legacy encodings (TCVN3 / VNI) ---------------------------------------------------------
# Letters only Unicode Vietnamese has: legacy 8-bit encodings cannot produce them.
VIETNAMESE_ONLY_LETTERS = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
# Characters typical of TCVN3 (.VnTime) text read as Unicode / cp1252.
_TCVN3_MARKS = re.compile(r"[¸µ¶·¹¨®©ª«¬¦§¤¥¢£ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]")
# VNI Windows writes tones as separate Latin-1 letters after the vowel: "Vieät", "ñoàng".
_VNI_MARKS = re.compile(r"[aeiouyAEIOUY][øùûõïâêôöëø]|ñ|Ñ")


def legacy_encoding(text: str) -> str | None:
    """Name the legacy Vietnamese encoding the text was typed in, or None if it is Unicode.

    Unicode Vietnamese is full of letters from Latin Extended Additional; TCVN3 and VNI
    text shows none of them but many Latin-1 symbols in the middle of words.
    """
    sample = text[:200_000]
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return None
    viet = len(VIETNAMESE_ONLY_LETTERS.findall(sample))
    if viet / letters > 0.02:
        return None
    vni = len(_VNI_MARKS.findall(sample))
    tcvn = len(_TCVN3_MARKS.findall(sample))
    if vni / letters > 0.02 and vni >= tcvn / 2:
        return "VNI"
    if tcvn / letters > 0.02:
        return "TCVN3"
    return None


# --- file names ----------------------------------------------------------------------------
_UNSAFE_IN_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f]+')
FILE_NAME_MAX = 150  # Windows paths stop at 260 characters: leave room for the folder


def safe_file_name(text: str, fallback: str = "van-ban") -> str:
    """A title as a file name that keeps all of it: "/" and the other characters Windows refuses
    become "-" ("quý I/2027" -> "quý I-2027"), spaces collapse, no trailing dot or space."""
    name = _UNSAFE_IN_NAMES.sub("-", nfc(text))
    name = _SPACES.sub(" ", name).strip(" .-")
    return name[:FILE_NAME_MAX].rstrip(" .") or fallback
