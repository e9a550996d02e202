"""The results report (báo cáo kết quả thực hiện chương trình công tác …, phương hướng …), drafted
from the tracking data as an ordinary editable draft, for a quarter, the first six months or the year.

Part I follows the programs' own sections: what was done (with the result note and its evidence), what
is in progress, what was not done (with the reason noted), what was carried and how many times; then
the indicators (target, result, % achieved). Part II is the next period's directions: the carried tasks
and, when the next quarter is drafted, its focus tasks. Six-month and annual reports aggregate the
quarters: a task carried from quarter to quarter is one task, reported as its latest quarter left it.
Every generated paragraph keeps the node it came from (`source_node_id`). The wording is data
(resources/reports/results.toml).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk import evidence, tracking
from hgdesk.errors import InputError
from hgdesk.models import Node, Program, Task
from hgdesk.resources import resource
from hgdesk.text import fold, to_roman
from hgdesk.vocab import DocumentKind, ProgramKind, ProgramStatus, TaskStatus

ORDER = [TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED, TaskStatus.DROPPED, TaskStatus.CARRIED]
OPEN = (TaskStatus.CARRIED, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)
PERIODS = ("quarter", "half", "year")


@cache
def wording() -> dict[str, Any]:
    with resource("reports", "results.toml").open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Period:
    """What a report covers: one quarter, the first six months (quarters I–II) or the year."""

    key: str  # quarter / half / year
    year: int
    quarter: int  # the last quarter covered

    @property
    def quarters(self) -> tuple[int, ...]:
        return {"quarter": (self.quarter,), "half": (1, 2), "year": (1, 2, 3, 4)}[self.key]

    @property
    def name(self) -> str:
        if self.key == "quarter":
            return f"quý {to_roman(self.quarter)}/{self.year}"
        return f"6 tháng đầu năm {self.year}" if self.key == "half" else f"năm {self.year}"

    @property
    def next_name(self) -> str:
        if self.key == "quarter":
            year, quarter = tracking.next_quarter(self.year, self.quarter)
            return f"quý {to_roman(quarter)}/{year}"
        return f"6 tháng cuối năm {self.year}" if self.key == "half" else f"năm {self.year + 1}"

    @property
    def origin(self) -> str:
        """Kept in the report's `origin`: regenerating finds the report of the same period."""
        suffix = {"quarter": f"Q{self.quarter}", "half": "H1", "year": "Y"}[self.key]
        return f"results:{self.year}-{suffix}"


def period_of(key: str, year: int, quarter: int) -> Period:
    if key not in PERIODS:
        raise InputError("Kỳ báo cáo phải là quý, 6 tháng hoặc cả năm.")
    if key == "half" and quarter < 2:
        raise InputError("Báo cáo 6 tháng cần chương trình công tác quý II (hoặc một quý sau đó) của năm.")
    return Period(key, year, {"quarter": quarter, "half": 2, "year": 4}[key])


@dataclass(frozen=True)
class IndicatorLine:
    text: str
    target: float | None
    actual: float | None
    unit: str
    percent: float | None
    node_id: int | None = None  # the annual program's paragraph the indicator is written in


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


SHORT = 220  # characters of a task's text a report sentence repeats (the whole text is one click away)


def short(text: str) -> str:
    """A task as a report names it: its first sentence; a first sentence longer than SHORT characters up
    to its last semicolon before that. Programs write tasks as long paragraphs; a report that repeats them
    runs to dozens of pages. Never cut at a comma (a list or a subordinate phrase cut there says something
    else: "… đầu tư công; rà soát."), never inside a clause, never "…": the report is an official document."""
    text = " ".join(text.split()).rstrip(".;")
    head = re.split(r"(?<=[^\d\s.])\. (?=[A-ZĐÀ-Ỹ])", text, maxsplit=1)[0]
    if len(head) >= 60:
        text = head
    if len(text) > SHORT:
        clause = text[:SHORT].rsplit("; ", 1)[0]
        if len(clause) >= 60 and clause != text[:SHORT]:
            text = clause
    return text.rstrip(",;:-– ")


def _signer(*sources: Any) -> dict[str, str]:
    """Who signs the report: the office as set in Cài đặt, else as the quarter, else as the annual program
    was signed (one source for all three lines: never the office's authority with another's name)."""
    fields = ("signer_authority", "signer_position", "signer_name")
    for source in sources:
        if source is not None and (source.signer_authority or source.signer_position):
            return {f: getattr(source, f) or "" for f in fields}
    return dict.fromkeys(fields, "")


def _indicator_row(phrases: dict[str, Any], number: int, line: IndicatorLine) -> list[str]:
    """The cells of one indicator's row: number, name, target, result, share achieved."""
    unit = (line.unit if line.unit.startswith("%") else f" {line.unit}") if line.unit else ""
    target = f"{_number(line.target)}{unit}" if line.target is not None else ""
    actual = f"{_number(line.actual)}{unit}" if line.actual is not None else phrases["indicator_missing"]
    percent = f"{_number(line.percent)}%" if line.percent is not None else ""
    return [str(number), indicator_name(line.text), target, actual, percent]


def indicator_name(text: str) -> str:
    """An indicator as the report names it: the sentence or clause of its paragraph that holds a figure
    ("Kết nạp 1150 đảng viên", not the paragraph's other aims), else its first clause."""
    text = " ".join(text.split()).rstrip(".;")
    parts = [p for p in re.split(r"(?<=[^\d\s])[.;] ", text) if p.strip()]
    return next((p.rstrip(".;") for p in parts if re.search(r"\d", p)), short(text))


def _ended(text: str) -> str:
    return text + "."


def _counts(words: dict[str, Any], by_status: Counter[str], fields: dict[str, Any], carried_were: Counter[str]) -> str:
    """The summary's counts: the statuses some task has, in ORDER; the carried ones after a semicolon,
    with what they were when the quarter closed (a closed quarter has none "đang thực hiện": saying
    "đang thực hiện 0" would hide the ones under way)."""
    say = words["phrases"]["counts"]
    shown = [say[str(s)].format(n=by_status[s], **fields) for s in ORDER if by_status[s]]
    if by_status[TaskStatus.CARRIED]:
        were = [say[str(s)].format(n=carried_were[s]) for s in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)
                if carried_were[s]]
        if were:
            shown[-1] += say["carried_were"].format(were=", ".join(were))
        if len(shown) > 1:
            return ", ".join(shown[:-1]) + "; " + shown[-1]
    return ", ".join(shown) or say["done"].format(n=0)


def _status_phrase(words: dict[str, Any], status: TaskStatus) -> str:
    return words["carried"] if status is TaskStatus.CARRIED else words["phrases"][str(status)]


def _item(words: dict[str, Any], task: Task, node: Node, carried: int) -> str:
    """What the report says of one task, after its status: its name, lead unit, note and evidence."""
    phrases = words["phrases"]
    text = short(node.heading or node.text)
    status = TaskStatus(task.status)
    if task.lead_unit:
        text += phrases["lead_unit"].format(unit=task.lead_unit)
    if status is TaskStatus.CARRIED and carried > 1:
        text += phrases["carried_times"].format(times=carried)
    note = task.result_note.strip().rstrip(".")
    # what the note is: the result of a task done, the progress of one under way or carried, else the reason
    said = {TaskStatus.DONE: "result", TaskStatus.IN_PROGRESS: "progress", TaskStatus.CARRIED: "progress"}
    tail = phrases[said.get(status, "reason")].format(note=note) if note else "."
    shown = evidence.describe(task) if status is TaskStatus.DONE else ""
    return f"{text}{tail}" + (phrases["evidence"].format(evidence=shown) if shown else "")


def counts(session: Session, quarterly: Program) -> Counter[str]:
    """Tasks of the quarter by status, as the report states them."""
    return Counter(session.scalars(select(Task.status).where(Task.program_id == quarterly.id)))


def latest_instances(session: Session, programs: list[Program]) -> dict[int, Task]:
    """Node id -> task, of each task's latest instance among `programs` (in quarter order): a task
    carried from quarter to quarter counts once, as the latest quarter left it."""
    by_lineage: dict[int, Task] = {}
    ids = [p.id for p in programs]
    rank = {pid: i for i, pid in enumerate(ids)}
    for task in sorted(session.scalars(select(Task).where(Task.program_id.in_(ids))),
                       key=lambda t: (rank[t.program_id], t.id)):
        by_lineage[task.lineage_id or task.id] = task
    return {t.node_id: t for t in by_lineage.values()}


def _groups(programs: list[Program], tasks: dict[int, Task]) -> list[tuple[Node, list[Node]]]:
    """(the section a paragraph of results is named after, its tasks), in the programs' order; the
    same section of several quarters (same heading) is one group."""
    merged: dict[str, tuple[Node, list[Node]]] = {}
    for program in programs:
        children: dict[int | None, list[Node]] = defaultdict(list)
        for node in sorted(program.nodes, key=lambda n: n.position):
            children[node.parent_id].append(node)

        def tasks_under(node: Node, children=children) -> list[Node]:
            found = [node] if node.id in tasks else []
            for child in children[node.id]:
                found += tasks_under(child)
            return found

        for top in children[None]:
            direct = [n for n in children[top.id] if n.id in tasks]
            found: list[tuple[Node, list[Node]]] = []
            if direct:  # tasks written straight under a part (part I's focus tasks): one group named after the part
                found.append((top, [t for n in direct for t in tasks_under(n)]))
            found += [(section, tasks_under(section)) for section in children[top.id]
                      if section.id not in tasks and tasks_under(section)]
            for section, under in found:
                key = fold(section.heading or section.text).strip()
                if key in merged:
                    merged[key][1].extend(under)
                else:
                    merged[key] = (section, list(under))
    return list(merged.values())


def build(session: Session, programs: list[Program], period: Period, indicators: list[IndicatorLine],
          next_quarter: Program | None) -> Program:
    """The report of `period` from its quarterly programs (in quarter order), as a new draft."""
    if not programs or any(p.kind != ProgramKind.QUARTERLY or not p.quarter or not p.year for p in programs):
        raise InputError("Chỉ soạn được báo cáo kết quả từ một chương trình công tác quý.")
    words = {**wording()[period.key], "phrases": wording()["phrases"]}
    last = programs[-1]
    org = last.organization
    number = f" số {last.number}-{last.symbol}" if last.number and period.key == "quarter" else ""
    fields = {"period": period.name, "PERIOD": period.name.upper(), "next_period": period.next_name,
              "NEXT_PERIOD": period.next_name.upper(), "organization": org.name, "number": number,
              "year": period.year, "next_year": period.year + 1}
    report = Program(
        organization=org, parent_id=last.id, kind=ProgramKind.REPORT, year=period.year,
        quarter=period.quarter if period.key == "quarter" else None, doc_code="BC", document_type="BÁO CÁO",
        document_kind=DocumentKind.REPORT,
        status=ProgramStatus.DRAFT, draft_version=1, date_year=period.year, origin=period.origin,
        name=words["name"].format(**fields), title_lines=[t.format(**fields) for t in words["title"]],
        opening=[t.format(**fields) for t in words["opening"]], closing=[t.format(**fields) for t in words["closing"]],
        **_signer(org, last, session.get(Program, last.parent_id) if last.parent_id else None),
        recipients=list(org.recipients or last.recipients),
        place=org.place or last.place, source_name="", nodes=[],
    )
    session.add(report)
    positions: dict[int, int] = defaultdict(int)

    def add(parent: Node | None, kind: str, label: str = "", heading: str = "", text: str = "",
            source: int | None = None) -> Node:
        node = Node(parent=parent, position=positions[id(parent)], kind=kind, label=label, heading=heading,
                    text=text, source_node_id=source)
        positions[id(parent)] += 1
        report.nodes.append(node)
        return node

    tasks = latest_instances(session, programs)
    carried_times = tracking.carry_counts(session, org.id)
    by_status = Counter(t.status for t in tasks.values())
    part1 = add(None, "part", "I.", words["part_results"].format(**fields))
    carried_ids = [t.id for t in tasks.values() if t.status == TaskStatus.CARRIED]
    carried_were = Counter(tracking.statuses_when_carried(session, carried_ids).values())
    add(part1, "paragraph", text=words["summary"].format(**fields, total=len(tasks),
                                                         counts=_counts(words, by_status, fields, carried_were)))
    groups = _groups(programs, tasks)
    for position, (section, under) in enumerate(groups, start=1):
        heading = (section.heading or section.text).strip()
        if heading.isupper():
            heading = heading.capitalize()
        target = add(part1, "section", f"{position}.", heading, source=section.id)
        # by status, in ORDER: one task is one line ("- Đã hoàn thành: …"); several are listed under one
        # line that says how many ("- Chưa thực hiện 5 nhiệm vụ:", then "+ …"), not the same words 31 times
        for status in ORDER:
            same = [n for n in under if tasks[n.id].status == status]
            phrase = _status_phrase(words, status)
            group = words["phrases"]["group_carried" if status is TaskStatus.CARRIED else "group"]
            head = target if len(same) == 1 else add(target, "bullet", "-", text=group.format(
                phrase=phrase, said=phrase[:1].lower() + phrase[1:], n=len(same))) if same else None
            for node in same:
                task = tasks[node.id]
                said = _item(words, task, node, carried_times.get(task.lineage_id or task.id, 0))
                add(head, "bullet", "-" if head is target else "+", text=f"{phrase}: {said}" if head is target else said,
                    source=node.id)
    phrases = words["phrases"]
    if indicators:  # a table (rows "a | b | c" print as one): every indicator, with or without its figure
        target = add(part1, "section", f"{len(groups) + 1}.", phrases["indicators_section"])
        add(target, "paragraph", text=phrases["indicators_header"])
        for row, line in enumerate(indicators, start=1):
            add(target, "paragraph", text=" | ".join(_indicator_row(phrases, row, line)), source=line.node_id)
    part2 = add(None, "part", "II.", words["part_next"].format(**fields))
    nodes = {n.id: n for p in programs for n in p.nodes}
    carried = [nodes[i] for i, t in tasks.items() if t.status in OPEN]
    if carried:
        target = add(part2, "section", "1.", words["carried_section"].format(**fields))
        for node in sorted(carried, key=lambda n: n.id):
            add(target, "bullet", "-", text=_ended(short(node.heading or node.text)), source=node.id)
    if next_quarter is not None:
        listed = {t.lineage_id or t.id for t in tasks.values() if t.status in OPEN}  # already in "1."
        focus = [n for n in next_quarter.nodes if n.parent_id is not None and n.parent is not None
                 and n.parent.parent_id is None and n.parent.label == "I."
                 and not (n.task is not None and (n.task.lineage_id or n.task.id) in listed)]
        if focus:
            target = add(part2, "section", f"{2 if carried else 1}.", words["focus_section"].format(**fields))
            for node in sorted(focus, key=lambda n: n.position):
                add(target, "bullet", "-", text=_ended(short(node.heading or node.text)), source=node.id)
    return report
