"""The quarter's results report (báo cáo kết quả thực hiện chương trình công tác quý …, phương
hướng quý sau), drafted from the tracking data as an ordinary editable draft.

Part I follows the program's own sections: what was done (with the result note), what is in
progress, what was not done (with the reason noted), what was carried and how many times; then the
indicators (target, result, % achieved). Part II is the next quarter's directions: the carried tasks
and, when the next quarter is drafted, its focus tasks. Every generated paragraph keeps the node of the
task it came from (`source_node_id`), so a reader can go from a sentence to its task.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk import tracking
from hgdesk.models import Node, Program, Task
from hgdesk.text import to_roman
from hgdesk.vocab import DocumentKind, ProgramKind, ProgramStatus, TaskStatus

# What each status says in the report, in the order a reader expects it.
PHRASES = {
    TaskStatus.DONE: "Đã hoàn thành",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.NOT_STARTED: "Chưa thực hiện",
    TaskStatus.DROPPED: "Không thực hiện",
    TaskStatus.CARRIED: "Chuyển sang quý sau",
}


@dataclass(frozen=True)
class IndicatorLine:
    text: str
    target: float | None
    actual: float | None
    unit: str
    percent: float | None


def _number(value: float | None) -> str:
    if value is None:
        return "…"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _sentence(task: Task, node: Node, carried: int) -> str:
    text = (node.heading or node.text).strip().rstrip(".;")
    phrase = PHRASES[TaskStatus(task.status)]
    if task.status == TaskStatus.CARRIED and carried > 1:
        phrase += f" (lần thứ {carried})"
    note = task.result_note.strip().rstrip(".")
    if task.lead_unit:
        text += f" ({task.lead_unit} chủ trì)"
    return f"{phrase}: {text}" + (f". Kết quả: {note}." if note and task.status == TaskStatus.DONE else
                                  f". Lý do: {note}." if note else ".")


def counts(session: Session, quarterly: Program) -> Counter[str]:
    """Tasks of the quarter by status, as the report states them."""
    return Counter(session.scalars(select(Task.status).where(Task.program_id == quarterly.id)))


def build(session: Session, quarterly: Program, indicators: list[IndicatorLine],
          next_quarter: Program | None) -> Program:
    if quarterly.kind != ProgramKind.QUARTERLY or not quarterly.quarter or not quarterly.year:
        from hgdesk.errors import InputError

        raise InputError("Chỉ soạn được báo cáo kết quả từ một chương trình công tác quý.")
    org, year, quarter = quarterly.organization, quarterly.year, quarterly.quarter
    nyear, nquarter = tracking.next_quarter(year, quarter)
    period = f"quý {to_roman(quarter)}/{year}"
    next_period = f"quý {to_roman(nquarter)}/{nyear}"
    number = f" số {quarterly.number}-{quarterly.symbol}" if quarterly.number else ""
    report = Program(
        organization=org, parent_id=quarterly.id, kind=ProgramKind.REPORT, year=year, quarter=quarter,
        doc_code="BC", document_type="BÁO CÁO", document_kind=DocumentKind.REPORT, status=ProgramStatus.DRAFT, draft_version=1, date_year=year,
        name=f"Báo cáo kết quả thực hiện chương trình công tác {period}",
        title_lines=[f"kết quả thực hiện Chương trình công tác {period},",
                     f"phương hướng, nhiệm vụ {next_period}"],
        opening=[f"Thực hiện Chương trình công tác {period}{number} của {org.name}, "
                 f"{org.name} báo cáo kết quả thực hiện và phương hướng, nhiệm vụ {next_period} như sau:"],
        closing=[f"Trên đây là báo cáo kết quả thực hiện Chương trình công tác {period} và phương hướng, "
                 f"nhiệm vụ {next_period} của {org.name}."],
        signer_authority=quarterly.signer_authority, signer_position=quarterly.signer_position,
        signer_name=org.signer_name or quarterly.signer_name, recipients=list(org.recipients or quarterly.recipients),
        place=org.place or quarterly.place, source_name="", nodes=[],
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

    tasks = {t.node_id: t for t in session.scalars(select(Task).where(Task.program_id == quarterly.id))}
    carried_times = tracking.carry_counts(session, org.id)
    by_status = Counter(t.status for t in tasks.values())
    part1 = add(None, "part", "I.", f"KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC {period.upper()}")
    total = len(tasks)
    add(part1, "paragraph", text=(
        f"Chương trình công tác {period} đề ra {total} nhiệm vụ: hoàn thành {by_status[TaskStatus.DONE]}, "
        f"đang thực hiện {by_status[TaskStatus.IN_PROGRESS]}, chưa thực hiện {by_status[TaskStatus.NOT_STARTED]}, "
        f"không thực hiện {by_status[TaskStatus.DROPPED]}; {by_status[TaskStatus.CARRIED]} nhiệm vụ chuyển sang "
        f"{next_period}."))
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in sorted(quarterly.nodes, key=lambda n: n.position):
        children[node.parent_id].append(node)

    def tasks_under(node: Node) -> list[Node]:
        found = [node] if node.id in tasks else []
        for child in children[node.id]:
            found += tasks_under(child)
        return found

    order = list(PHRASES)
    groups: list[tuple[Node, list[Node]]] = []  # (the section a paragraph of results is named after, its tasks)
    for top in children[None]:
        direct = [n for n in children[top.id] if n.id in tasks]
        if direct:  # tasks written straight under a part (part I's focus tasks): one group named after the part
            groups.append((top, [found for n in direct for found in tasks_under(n)]))
        for section in children[top.id]:
            if section.id not in tasks and tasks_under(section):
                groups.append((section, tasks_under(section)))
    for position, (section, under) in enumerate(groups, start=1):
        heading = (section.heading or section.text).strip()
        if heading.isupper():
            heading = heading.capitalize()
        target = add(part1, "section", f"{position}.", heading, source=section.id)
        for node in sorted(under, key=lambda n: order.index(TaskStatus(tasks[n.id].status))):
            task = tasks[node.id]
            add(target, "bullet", "-", text=_sentence(task, node, carried_times.get(task.lineage_id or task.id, 0)),
                source=node.id)
    section_number = len(groups)
    if indicators:
        section_number += 1
        target = add(part1, "section", f"{section_number}.", "Kết quả thực hiện các chỉ tiêu")
        for line in indicators:
            unit = f" {line.unit}" if line.unit else ""
            percent = f", đạt {_number(line.percent)}% chỉ tiêu" if line.percent is not None else ""
            add(target, "bullet", "-", text=f"{line.text.strip().rstrip('.;')}: chỉ tiêu {_number(line.target)}{unit}, "
                                            f"thực hiện {_number(line.actual)}{unit}{percent}.")
    part2 = add(None, "part", "II.", f"PHƯƠNG HƯỚNG, NHIỆM VỤ {next_period.upper()}")
    carried = [n for n in quarterly.nodes if n.id in tasks and tasks[n.id].status in
               (TaskStatus.CARRIED, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)]
    if carried:
        target = add(part2, "section", "1.", f"Tiếp tục thực hiện các nhiệm vụ chuyển từ {period}")
        for node in sorted(carried, key=lambda n: n.id):
            add(target, "bullet", "-", text=(node.heading or node.text).strip(), source=node.id)
    if next_quarter is not None:
        focus = [n for n in next_quarter.nodes if n.parent_id is not None and n.parent is not None
                 and n.parent.parent_id is None and n.parent.label == "I."]
        if focus:
            target = add(part2, "section", f"{2 if carried else 1}.", f"Nhiệm vụ trọng tâm {next_period}")
            for node in sorted(focus, key=lambda n: n.position):
                add(target, "bullet", "-", text=(node.heading or node.text).strip(), source=node.id)
    return report
