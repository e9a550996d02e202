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


# --- header presets and the place name of the date line (format profile [presets], [places]) ---
PRESETS = ("province", "commune", "commune_office", "commune_bxdd")


def header_preset(profile, preset: str, province: str, commune: str = "", province_kind: str = "TỈNH",
                  commune_kind: str = "XÃ") -> list[str]:
    """The issuing body's header lines for a new document: "TỈNH UỶ HẬU GIANG" on one line, or
    "ĐẢNG BỘ TỈNH HẬU GIANG" above "ĐẢNG UỶ XÃ HOÀ AN" (HD 05 2.1.2b–c). The star goes below."""
    from hgdesk.errors import InputError

    if preset not in PRESETS:
        raise InputError(f"Không có mẫu tiêu đề “{preset}”.")
    p = profile.presets
    if province_kind.upper() not in p.province_kinds or (commune and commune_kind.upper() not in p.commune_kinds):
        raise InputError(f"Cấp hành chính không hợp lệ: {province_kind} / {commune_kind}.")
    values = {"province": province.upper(), "commune": commune.upper(), "province_kind": province_kind.upper(),
              "commune_kind": commune_kind.upper()}
    return [" ".join(line.format(**values).split()) for line in getattr(p, preset)]


def place_name(profile, name: str, kind: str, province: str = "", named_after_person: bool = False) -> str:
    """The place of the date line: the locality's name, with its level word ("Phường", "Xã",
    "Thành phố") when the profile asks for it: a person's name, one syllable, or the same name
    as the province ("Phường Ngô Quyền", "Thành phố Huế"; HD 05 4.1.1c)."""
    from hgdesk.text import clean, fold

    name = clean(name)
    rules = profile.places.add_level_when
    word = profile.places.level_words.get(kind.upper(), "")
    needed = (
        ("named_after_person" in rules and named_after_person)
        or ("one_syllable" in rules and len(name.split()) == 1)
        or ("same_as_province" in rules and province and fold(name) == fold(province))
    )
    if not word or not needed or fold(name).startswith(fold(word) + " "):
        return name
    return f"{word} {name}"
