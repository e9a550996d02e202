"""The levels of Party committees, named once: what the committee is called in running text
("Tỉnh ủy"), the area word of its Đảng bộ ("TỈNH"), and its symbol suffix ("TU")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    body: str  # "Tỉnh ủy"
    area: str  # "TỈNH", as in "ĐẢNG BỘ TỈNH HẬU GIANG"
    suffix: str  # "TU", as in "Số 12-CTr/TU"


LEVELS = {
    "province": Level("Tỉnh ủy", "TỈNH", "TU"),
    "district": Level("Huyện ủy", "HUYỆN", "HU"),
    "commune": Level("Đảng ủy", "XÃ", "ĐU"),
    "affiliated": Level("Đảng ủy", "", "ĐU"),
}


def level(key: str | None) -> Level:
    """The level's names; an unknown level reads as an affiliated committee (Đảng ủy, ĐU)."""
    return LEVELS.get(key or "", LEVELS["affiliated"])
