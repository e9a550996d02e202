"""Bold and italic inside a paragraph, stored as light markers in the text: **đậm** and __nghiêng__.

Plain text stays readable (CLI, JSON, Excel), and both renderers turn the markers into runs.
Unbalanced markers are kept as typed.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"(\*\*|__)")


def segments(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of a paragraph."""
    parts = _MARKER.split(text)
    if parts.count("**") % 2 or parts.count("__") % 2:  # unbalanced: nothing is formatting
        balanced_bold = parts.count("**") % 2 == 0
        balanced_italic = parts.count("__") % 2 == 0
    else:
        balanced_bold = balanced_italic = True
    out: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for part in parts:
        if part == "**" and balanced_bold:
            bold = not bold
        elif part == "__" and balanced_italic:
            italic = not italic
        elif part:
            if out and out[-1][1:] == (bold, italic):
                out[-1] = (out[-1][0] + part, bold, italic)
            else:
                out.append((part, bold, italic))
    return out


def plain(text: str) -> str:
    """The text without its formatting markers."""
    return "".join(piece for piece, _, _ in segments(text))


def join(pieces: list[tuple[str, bool, bool]]) -> str:
    """Pieces back to marked text (the editor writes what the user formatted)."""
    out = []
    for piece, bold, italic in pieces:
        if not piece:
            continue
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        core = piece.strip()
        if core and (bold or italic):
            wrapped = f"__{core}__" if italic else core
            wrapped = f"**{wrapped}**" if bold else wrapped
            out.append(piece[:lead] + wrapped + (piece[len(piece) - trail:] if trail else ""))
        else:
            out.append(piece)
    return "".join(out)


def raw_index(text: str, plain_index: int) -> int:
    """Where the `plain_index`-th visible character sits in the marked text (to split at the cursor)."""
    seen = 0
    i = 0
    bold_ok = text.count("**") % 2 == 0
    italic_ok = text.count("__") % 2 == 0
    while i < len(text) and seen < plain_index:
        if (text.startswith("**", i) and bold_ok) or (text.startswith("__", i) and italic_ok):
            i += 2
            continue
        seen += 1
        i += 1
    return i
