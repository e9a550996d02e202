"""The serif font for the PDF: Times New Roman from the system where it exists, else the
bundled Liberation Serif (same metrics, SIL OFL). One complete font family, because
reportlab has no per-glyph fallback."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hgdesk.resources import resource

FAMILY = "HGSerif"
STYLES = ("regular", "bold", "italic", "bolditalic")
_TNR_FILES = {
    "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf"),
    "bolditalic": ("timesbi.ttf", "Times New Roman Bold Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
}
_BUNDLED = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}


@dataclass(frozen=True)
class FontSet:
    name: str  # what the PDF metadata and tests report
    files: dict[str, Path]


def _system_font_dirs() -> list[Path]:
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path.home() / "Library/Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
            Path.home() / ".local/share/fonts"]


def _find_times_new_roman() -> dict[str, Path] | None:
    found: dict[str, Path] = {}
    for folder in _system_font_dirs():
        if not folder.is_dir():
            continue
        candidates = {p.name.lower(): p for p in folder.rglob("*.ttf")} if folder.is_dir() else {}
        for style, names in _TNR_FILES.items():
            for name in names:
                if style not in found and name.lower() in candidates:
                    found[style] = candidates[name.lower()]
    return found if len(found) == len(STYLES) else None


@cache
def font_set() -> FontSet:
    if os.environ.get("HGDESK_BUNDLED_FONT") != "1":
        system = _find_times_new_roman()
        if system:
            return FontSet("Times New Roman", system)
    return FontSet("Liberation Serif", {s: resource("fonts", f) for s, f in _BUNDLED.items()})


@cache
def register_reportlab_fonts() -> dict[str, str]:
    """Register the family with reportlab; returns the font name for each style."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = font_set()
    names = {style: f"{FAMILY}-{style}" for style in STYLES}
    for style, path in fonts.files.items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    addMapping(FAMILY, 0, 0, names["regular"])
    addMapping(FAMILY, 1, 0, names["bold"])
    addMapping(FAMILY, 0, 1, names["italic"])
    addMapping(FAMILY, 1, 1, names["bolditalic"])
    return names


def font_name(bold: bool, italic: bool) -> str:
    names = register_reportlab_fonts()
    return names[("bold" if bold else "") + ("italic" if italic else "") or "regular"]


def text_width_pt(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font_name(bold, italic), size)
