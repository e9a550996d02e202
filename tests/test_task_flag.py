"""Whether a paragraph is a task is decided when it is created and then only by the user:
adding, moving or editing other paragraphs never turns an untracked one back into a task."""

from __future__ import annotations

import ast
from pathlib import Path

from hgdesk import services
from tests.conftest import SEEDS

CORE = Path(__file__).resolve().parent.parent / "hgdesk"


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n["children"])


def quarter(db) -> dict:
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.program_json(db, services.derive_quarter(db, annual, 2))


def test_an_untracked_paragraph_stays_untracked_when_another_is_added(db):
    program = quarter(db)
    part2 = program["nodes"][1]
    section = part2["children"][0]
    paragraph = next(n for n in walk(section["children"]) if "task" in n)
    services.set_tracked(db, paragraph["id"], False)
    new_id = services.add_node(db, program["id"], section["id"], None, "paragraph", text="Nhiệm vụ mới thêm.")
    after = {n["id"]: n for n in walk(services.program_json(db, program["id"])["nodes"])}
    assert "task" not in after[paragraph["id"]]
    assert "task" in after[new_id]  # the new paragraph under part II is a task by the shape rules


def test_a_paragraph_added_outside_the_task_sections_is_not_a_task(db):
    program = quarter(db)
    before = sum(1 for n in walk(program["nodes"]) if "task" in n)
    services.add_node(db, program["id"], None, None, "part", heading="PHẦN THÊM")
    extra = services.program_json(db, program["id"])["nodes"][-1]
    new_id = services.add_node(db, program["id"], extra["id"], None, "paragraph", text="Không phải nhiệm vụ.")
    after = {n["id"]: n for n in walk(services.program_json(db, program["id"])["nodes"])}
    assert "task" not in after[new_id]
    assert sum(1 for n in after.values() if "task" in n) == before


def test_drafting_and_tracking_no_longer_import_each_other():
    def imports(name: str) -> set[str]:
        tree = ast.parse((CORE / f"{name}.py").read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        return found

    assert not any(m.startswith("hgdesk.drafting") for m in imports("tracking"))
    # the shape rules (folded headings) live in hgdesk.shape only
    assert "hgdesk.text.fold" not in imports("tracking")
