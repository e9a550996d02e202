"""Checks of the body: numbering, footnotes, final punctuation, citations, tone placement
(resources/rules/program.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hgdesk.checks import tone
from hgdesk.checks.engine import Change, Fault, Fix, Unknown, check
from hgdesk.checks.rules import Rule
from hgdesk.checks.subject import Subject
from hgdesk.text import clip, from_roman, table_cells, to_roman

Node = dict[str, Any]


def walk(nodes: list[Node], parent: Node | None = None) -> Iterator[tuple[Node, Node | None]]:
    for node in nodes:
        yield node, parent
        yield from walk(node.get("children") or [], node)


def where(node: Node) -> str:
    return f"node:{node['id']}" if node.get("id") is not None else f"mục {node.get('label') or ''}".strip()


def label_style(label: str) -> tuple[str, list[int]] | None:
    """("roman", [n]), ("arabic", [1, 2]) for "1.2.", ("paren", [n]); None for no number."""
    if m := re.fullmatch(r"([IVXLC]+)\.", label):
        try:
            return "roman", [from_roman(m.group(1))]
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d+(?:\.\d+)*)\.", label):
        return "arabic", [int(x) for x in m.group(1).split(".")]
    if m := re.fullmatch(r"\((\d+)\)", label):
        return "paren", [int(m.group(1))]
    return None


def _format(style: str, numbers: list[int]) -> str:
    if style == "roman":
        return f"{to_roman(numbers[0])}."
    if style == "paren":
        return f"({numbers[0]})"
    return ".".join(map(str, numbers)) + "."


def _scope_name(parent: Node | None) -> str:
    if parent is None:
        return "văn bản"
    return f"“{parent.get('label', '')} {(parent.get('heading') or parent.get('text') or '')[:40]}”".strip()


def _sibling_runs(s: Subject) -> Iterator[tuple[Node | None, str, int, list[Node]]]:
    """Each list of numbered siblings of one style and depth: (parent, style, depth, nodes)."""
    for parent, children in _sibling_lists(s):
        runs: dict[tuple[str, int], list[Node]] = {}
        for child in children:
            parsed = label_style(child.get("label") or "")
            if parsed:
                runs.setdefault((parsed[0], len(parsed[1])), []).append(child)
        for (style, depth), nodes in runs.items():
            yield parent, style, depth, nodes


def _numbers(node: Node) -> list[int]:
    """The numbers of a node already known to be numbered (it is in a sibling run)."""
    parsed = label_style(node["label"])
    assert parsed is not None, node["label"]
    return parsed[1]


def _renumber(s: Subject, style: str, nodes: list[Node], from_one: bool = False) -> tuple[str, Fix | None]:
    first = _numbers(nodes[0])
    start = first[-1] if first[-1] >= 1 and not from_one else 1
    new_labels = [_format(style, [*first[:-1], start + i]) for i in range(len(nodes))]
    expected = ", ".join(new_labels[:6]) + (" …" if len(new_labels) > 6 else "")
    changes = tuple(Change("node", n["id"], "label", n["label"], new) for n, new in zip(nodes, new_labels, strict=True)
                    if n["label"] != new and n.get("id") is not None)
    fix = Fix(f"Đánh số lại: {expected}", changes) if changes and s.source == "program" else None
    return expected, fix


@check("numbering.duplicate")
def numbering_duplicate(s: Subject, rule: Rule) -> Iterator[Fault]:
    for parent, style, _, nodes in _sibling_runs(s):
        seen: set[str] = set()
        for node in nodes:
            if node["label"] in seen:
                expected, fix = _renumber(s, style, nodes)
                yield Fault({"label": node["label"], "where": _scope_name(parent), "expected": expected}, where(node), fix)
                break
            seen.add(node["label"])


@check("numbering.gap")
def numbering_gap(s: Subject, rule: Rule) -> Iterator[Fault]:
    for parent, style, _, nodes in _sibling_runs(s):
        labels = [n["label"] for n in nodes]
        if len(set(labels)) < len(labels):
            continue  # a duplicate explains the jump; numbering.duplicate reports it and renumbers
        previous: list[int] | None = None
        for node in nodes:
            numbers = _numbers(node)
            if previous is not None and numbers[-1] > previous[-1] + 1:
                expected, fix = _renumber(s, style, nodes)
                yield Fault({"previous": _format(style, previous), "label": node["label"],
                             "where": _scope_name(parent), "expected": expected}, where(node), fix)
                break
            previous = numbers


@check("numbering.start")
def numbering_start(s: Subject, rule: Rule) -> Iterator[Fault]:
    """A run of siblings starts at I., 1., 1.1. or (1): "(2)" first under "2.1." is the label
    the paragraph had in the annual program, printed by mistake."""
    for parent, style, _, nodes in _sibling_runs(s):
        first = _numbers(nodes[0])
        if first[-1] != 1:
            expected, fix = _renumber(s, style, nodes, from_one=True)
            yield Fault({"label": nodes[0]["label"], "where": _scope_name(parent), "expected": expected},
                        where(nodes[0]), fix)


@check("structure.empty_section")
def structure_empty_section(s: Subject, rule: Rule) -> Iterator[Fault]:
    """A heading with nothing under it while the headings beside it have content ("3. Quốc phòng, an
    ninh" between two sections with tasks) prints as a section the office forgot; a quarter draft
    leaves such sections out, a hand edit may not. A run of numbered lines none of which has anything
    under it ("1. Tổ chức quán triệt …", "2. Đẩy mạnh …") is a list of items, not of empty sections."""
    for _parent, children in _sibling_lists(s):
        if not any(child.get("children") for child in children):
            continue
        for node in children:
            if node.get("kind") in ("part", "section") and not node.get("children") and _heading_like(node):
                yield Fault({"label": node.get("label") or "", "heading": (node.get("heading") or node.get("text")
                                                                            or "")[:60]}, where(node))


def _sibling_lists(s: Subject) -> list[tuple[Node | None, list[Node]]]:
    """The top-level nodes, then the children of each node: (parent, nodes)."""
    nodes = s.data.get("nodes") or []
    return [(None, nodes)] + [(n, n.get("children") or []) for n, _ in walk(nodes)]


def _heading_like(node: Node) -> bool:
    """A title ("Quốc phòng, an ninh"): a heading, or a short text that does not end as a sentence does."""
    text = (node.get("text") or "").strip()
    return bool(node.get("heading")) or (0 < len(text) <= 100 and not text.endswith((".", ";", ":", "!", "?")))


@check("numbering.typed_label")
def numbering_typed_label(s: Subject, rule: Rule) -> Iterator[Fault]:
    """A heading or paragraph typed with its own number ("1.1. Công tác …" under the label "1.2.")
    prints two numbers ("1.2. 1.1. Công tác …"): the typed one goes, the label stays."""
    typed_number = re.compile(rule.param("pattern"))
    for node, _parent in walk(s.data.get("nodes") or []):
        label = (node.get("label") or "").strip()
        fld = "heading" if node.get("heading") else "text"
        text = node.get(fld) or ""
        m = typed_number.match(text) if label else None
        if m is None:
            continue
        typed, rest = m.group(0).strip(), text[m.end():]
        fix = None
        if s.source == "program" and node.get("id") is not None:
            fix = Fix(f"Mục {label}: bỏ số “{typed}” gõ thừa", (Change("node", node["id"], fld, text, rest),))
        yield Fault({"label": label, "typed": typed, "printed": clip(f"{label} {text}", 70)}, where(node), fix)


STYLE_NAMES = {"roman": "I.", "arabic": "1.", "paren": "(1)"}


@check("numbering.mixed")
def numbering_mixed(s: Subject, rule: Rule) -> Iterator[Fault]:
    for parent, children in _sibling_lists(s):
        styles = []
        for child in children:
            parsed = label_style(child.get("label") or "")
            if parsed and parsed[0] not in styles:
                styles.append(parsed[0])
        if len(styles) > 1:
            yield Fault({"where": _scope_name(parent), "styles": ", ".join(STYLE_NAMES[x] for x in styles)},
                        where(children[0]))


@check("numbering.skip")
def numbering_skip(s: Subject, rule: Rule) -> Iterator[Fault]:
    for node, parent in walk(s.data.get("nodes") or []):
        parsed = label_style(node.get("label") or "")
        if not parsed or parsed[0] != "arabic" or len(parsed[1]) < 2:
            continue
        above = label_style(parent.get("label") or "") if parent else None
        if above is None or above[0] != "arabic" or len(above[1]) != len(parsed[1]) - 1:
            yield Fault({"label": node["label"], "parent": (parent or {}).get("label") or "văn bản"}, where(node))


def _texts(s: Subject) -> Iterator[tuple[str, str, Node | None, str]]:
    """(text, where, node, field) of every piece of running text, in document order."""
    for i, text in enumerate(s.data.get("opening") or []):
        yield text, "field:opening", None, f"opening:{i}"
    for node, _ in walk(s.data.get("nodes") or []):
        for fld in ("heading", "text"):
            if node.get(fld):
                yield node[fld], where(node), node, fld
    for i, text in enumerate(s.data.get("closing") or []):
        yield text, "field:closing", None, f"closing:{i}"


@check("footnotes.referenced")
def footnotes_referenced(s: Subject, rule: Rule) -> Iterator[Fault]:
    notes = s.data.get("footnotes") or []
    if not notes:
        return
    text = "\n".join(t for t, *_ in _texts(s))
    if s.source == "text" and not re.search(r"\[\d{1,3}\]", text):
        raise Unknown("tệp văn bản thuần không giữ chỗ đặt số chú thích.")
    for note in notes:
        if f"[{note['number']}]" not in text:
            yield Fault({"number": note["number"], "text": note["text"][:80]}, "field:footnotes")


@check("body.period")
def body_period(s: Subject, rule: Rule) -> Iterator[Fault]:
    endings, legacy = tuple(rule.param("endings")), rule.param("legacy_end")
    pieces = [piece for piece in _texts(s) if piece[3] != "heading" and table_cells(piece[0]) is None]
    for i, (text, at, node, fld) in enumerate(pieces):
        stripped = text.rstrip()
        last = i == len(pieces) - 1
        if stripped.endswith(legacy):
            problem, new = "Kết thúc bằng “./.”", stripped[: -len(legacy)] + "."
        elif not stripped.endswith(endings):
            problem, new = "Đoạn văn không kết thúc bằng dấu câu", stripped + "."
        elif last and not stripped.endswith("."):
            problem, new = "Nội dung văn bản phải kết thúc bằng dấu chấm", stripped.rstrip(";:") + "."
        else:
            continue
        yield Fault({"problem": problem, "found": "…" + stripped[-50:]}, at, _text_fix(s, node, fld, text, new))


def _text_fix(s: Subject, node: Node | None, fld: str, old: str, new: str) -> Fix | None:
    if s.source != "program":
        return None
    summary = f"“…{old[-30:]}” → “…{new[-30:]}”"
    if node is not None:
        if node.get("id") is None:
            return None
        return Fix(summary, (Change("node", node["id"], fld, old, new),))
    name, index = fld.split(":")
    values = list(s.data.get(name) or [])
    updated = [*values[:int(index)], new, *values[int(index) + 1:]]
    return Fix(summary, (Change("program", s.data.get("id"), name, values, updated),))


CITATION = re.compile(
    r"\b(Nghị quyết|Kết luận|Chỉ thị|Kế hoạch|Quy định|Quyết định|Chương trình|Thông báo|Hướng dẫn|Đề án|Quy chế|"
    r"Thông tri|Báo cáo|Tờ trình|Công văn)\s+số\s+(\d+\s*-\s*[^\W\d_]+/[^\W_][\w-]*)"
)
DATED = re.compile(r"ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


@check("citations.full")
def citations_full(s: Subject, rule: Rule) -> Iterator[Fault]:
    seen: set[str] = set()
    window = rule.param("window")
    for text, at, _, _ in _texts(s):
        for m in CITATION.finditer(text):
            key = re.sub(r"\s+", "", m.group(2))
            if key in seen:
                continue
            seen.add(key)
            after = text[m.end(): m.end() + window]
            missing = [what for ok, what in ((DATED.search(after), "ngày ban hành"),
                                             (re.search(r"\bcủa\s+\S", after), "cơ quan ban hành")) if not ok]
            if missing:
                yield Fault({"found": m.group(0), "missing": " và ".join(missing)}, at)


@check("tone.consistent")
def tone_consistent(s: Subject, rule: Rule) -> Iterator[Fault]:
    pieces = list(_texts(s)) + [(t, "field:title_lines", None, "title") for t in s.data.get("title") or []]
    found = [tone.styles_in(text) for text, *_ in pieces]
    counts: dict[str, list[str]] = {tone.FIRST: [], tone.SECOND: []}
    for styles in found:
        for style, words in styles.items():
            counts[style] += words
    if not counts[tone.FIRST] or not counts[tone.SECOND]:
        return
    # the house style chosen in Cài đặt, else the document's own majority (the fix changes the fewer words)
    majority = tone.FIRST if len(counts[tone.FIRST]) > len(counts[tone.SECOND]) else \
        tone.SECOND if len(counts[tone.SECOND]) > len(counts[tone.FIRST]) else None
    style = s.house_style or majority or tone.house_style(s.profile.house_style.tone_placement)
    other = tone.SECOND if style == tone.FIRST else tone.FIRST
    changes: list[Change] = []
    first_at = ""
    for (text, at, node, fld), styles in zip(pieces, found, strict=True):
        if not styles[other]:
            continue
        first_at = first_at or at
        if s.source == "program":
            fix = _text_fix(s, node, fld, text, tone.to_style(text, style)) if fld != "title" else None
            changes += fix.changes if fix else []
    if s.source == "program":
        titles = list(s.data.get("title") or [])
        converted = [tone.to_style(t, style) for t in titles]
        if converted != titles:
            changes.append(Change("program", s.data.get("id"), "title_lines", titles, converted))
    fix = Fix(f"Thống nhất kiểu “{style}”: sửa {len(counts[other])} chữ", _merge(changes)) if changes else None
    modern, old = counts[tone.SECOND][0], counts[tone.FIRST][0]
    yield Fault({"modern": len(counts[tone.SECOND]), "modern_example": modern,
                 "modern_as_old": tone.to_style(modern, tone.FIRST), "old": len(counts[tone.FIRST]),
                 "old_example": old, "old_as_modern": tone.to_style(old, tone.SECOND), "style": style},
                first_at, fix)


def _merge(changes: list[Change]) -> tuple[Change, ...]:
    """Several changes of one list field (opening:0, opening:3) become one change of the whole list."""
    merged: dict[tuple[str, int | None, str], Change] = {}
    for c in changes:
        key = (c.target, c.id, c.field)
        if key in merged and isinstance(c.new, list):
            prev = merged[key]
            new = [b if b != o else a for a, b, o in zip(prev.new, c.new, c.old, strict=True)]
            merged[key] = Change(c.target, c.id, c.field, prev.old, new)
        else:
            merged[key] = c
    return tuple(merged.values())
