"""Tone placement in open oa/oe/uy syllables: "hóa" (tone on the first vowel) or "hoá" (on the second).

Neither is an error (FORMAT-2026 §3, spelling of tone marks); mixing both in one document is.
Quoted words (a cited document's title, a saying) are someone else's, written as they were: not counted, not changed.
A word is judged once (cached): in NFD, an open syllable ends with its vowels and the tone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from hgdesk.text import nfc, outside_quotes, unquoted

FIRST, SECOND = "hóa", "hoá"  # the two house styles, named by their example
_TONES = frozenset("\u0301\u0300\u0309\u0303\u0323")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
# Words that end in o+a/e or u+y, with a tone on either vowel (NFC): the only candidates.
_CANDIDATE = re.compile(r"[^\W\d_]*(?:[oòóỏõọOÒÓỎÕỌ][aàáảãạeèéẻẽẹAÀÁẢÃẠEÈÉẺẼẸ]|[uùúủũụUÙÚỦŨỤ][yỳýỷỹỵYỲÝỶỸỴ])(?![^\W\d_])")


@lru_cache(maxsize=8192)
def _style_of(word: str) -> tuple[str | None, str]:
    """(style, the word in the other style) of one word; style None when it has no such syllable."""
    d = unicodedata.normalize("NFD", word)
    if len(d) < 3 or (len(d) > 3 and d[-4] in "qQ"):
        return None, word
    a, b, c = d[-3], d[-2], d[-1]
    if c in _TONES and (a.lower(), b.lower()) in _PAIRS:
        return SECOND, nfc(d[:-3] + a + c + b)
    if b in _TONES and (a.lower(), c.lower()) in _PAIRS:
        return FIRST, nfc(d[:-3] + a + c + b)
    return None, word


def house_style(tone_placement: str) -> str:
    """The profile's setting ("uỷ" or "ủy") as one of the two styles."""
    return SECOND if _style_of(tone_placement)[0] == SECOND else FIRST


def styles_in(text: str) -> dict[str, list[str]]:
    """The words of each style found in the text, in order."""
    found: dict[str, list[str]] = {FIRST: [], SECOND: []}
    for word in _CANDIDATE.findall(unquoted(text)):
        style = _style_of(word)[0]
        if style:
            found[style].append(word)
    return found


def to_style(text: str, style: str) -> str:
    """The text with every open oa/oe/uy syllable written in `style`."""
    def convert(m: re.Match[str]) -> str:
        own, other = _style_of(m.group(0))
        return other if own and own != style else m.group(0)
    return outside_quotes(nfc(text), lambda part: _CANDIDATE.sub(convert, part))
