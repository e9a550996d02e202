"""Editing the tree: every change renumbers, can be undone, and is refused on issued programs."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import services
from hgdesk.errors import ConflictError, InputError, LockedError
from tests.conftest import SEEDS


@pytest.fixture
def q2(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 2)


def outline(db, program_id, depth=2):
    def walk(nodes, d):
        out = []
        for n in nodes:
            if n["kind"] in ("part", "section"):
                out.append((n["label"], n["heading"]))
                if d > 1:
                    out += walk(n["children"], d - 1)
        return out

    return walk(services.program_json(db, program_id)["nodes"], depth)


def node(db, program_id, *path):
    nodes = services.program_json(db, program_id)["nodes"]
    current = None
    for index in path:
        current = nodes[index]
        nodes = current["children"]
    return current


def test_adding_a_section_renumbers_the_following_ones(db, q2):
    part2 = node(db, q2, 1)
    new = services.add_node(db, q2, part2["id"], 1, "section", heading="Công tác nội chính")
    labels = [c["label"] for c in node(db, q2, 1)["children"]]
    assert labels == ["1.", "2.", "3.", "4."]
    assert node(db, q2, 1, 1)["id"] == new and node(db, q2, 1, 2)["heading"] == "Phát triển kinh tế - xã hội"
    assert [c["label"] for c in node(db, q2, 1, 2)["children"]] == ["3.1.", "3.2."]


def test_added_paragraph_in_a_quarterly_program_is_a_task(db, q2):
    section = node(db, q2, 1, 0, 0)
    new = services.add_node(db, q2, section["id"], None, "paragraph", text="Tổ chức hội nghị quán triệt.")
    added = node(db, q2, 1, 0, 0)["children"][-1]
    assert added["id"] == new and added["task"]["status"] == "not_started"


def test_move_up_down_indent_outdent(db, q2):
    part1 = node(db, q2, 0)
    third = part1["children"][2]
    services.move_node_direction(db, third["id"], "up")
    assert node(db, q2, 0, 1)["id"] == third["id"] and node(db, q2, 0, 1)["label"] == "2."
    services.move_node_direction(db, third["id"], "down")
    assert node(db, q2, 0, 2)["id"] == third["id"]
    section = node(db, q2, 1, 0, 1)
    services.move_node_direction(db, section["id"], "outdent")
    assert [c["label"] for c in node(db, q2, 1)["children"]] == ["1.", "2.", "3.", "4."]
    assert node(db, q2, 1, 1)["heading"] == "Công tác tổ chức, cán bộ"
    assert node(db, q2, 1, 2)["label"] == "3." and node(db, q2, 1, 2)["heading"] == "Phát triển kinh tế - xã hội"
    services.move_node_direction(db, section["id"], "indent")
    assert [c["label"] for c in node(db, q2, 1, 0)["children"]][-1] == "1.7."
    with pytest.raises(InputError, match="vị trí đầu tiên"):
        services.move_node_direction(db, node(db, q2, 0)["id"], "up")


def test_move_returns_where_the_node_was_so_it_can_go_back(db, q2):
    moving = node(db, q2, 1, 2, 1)
    target_parent = node(db, q2, 1, 0)["id"]
    was = services.move_node(db, moving["id"], target_parent, 0)
    assert node(db, q2, 1, 0, 0)["id"] == moving["id"] and node(db, q2, 1, 0, 0)["label"] == "1.1."
    services.move_node(db, moving["id"], *was)
    assert node(db, q2, 1, 2, 1)["id"] == moving["id"] and node(db, q2, 1, 2, 1)["label"] == "3.2."


def test_a_node_cannot_move_into_itself(db, q2):
    section = node(db, q2, 1, 0)
    with pytest.raises(InputError, match="chính nó"):
        services.move_node(db, section["id"], section["children"][0]["id"], 0)


def test_delete_and_restore_a_subtree_with_its_tasks(db, q2):
    before = services.program_json(db, q2)
    section = node(db, q2, 1, 0, 2)
    lead = section["children"][0]["task"]["id"]
    services.update_task(db, lead, lead_unit="Ban Dân vận Tỉnh ủy")
    services.delete_node(db, section["id"])
    assert [c["label"] for c in node(db, q2, 1, 0)["children"]] == [f"1.{i}." for i in range(1, 7)]
    services.restore_node(db, section["id"])
    after = services.program_json(db, q2)

    def shape(nodes):
        return [(n["label"], n["heading"], n["text"], shape(n["children"])) for n in nodes]

    assert shape(after["nodes"]) == shape(before["nodes"])
    restored = node(db, q2, 1, 0, 2)["children"][0]["task"]
    assert restored["lead_unit"] == "Ban Dân vận Tỉnh ủy"
    assert restored["id"] == lead and node(db, q2, 1, 0, 2)["id"] == section["id"]  # the same rows came back


def test_editing_text_is_cleaned_and_versioned(db, q2):
    item = node(db, q2, 0, 0)
    with db.transaction() as s:
        from hgdesk.models import Node

        version = s.get(Node, item["id"]).version
    new_version = services.edit_node(db, item["id"], text="Tập trung\u00a0lãnh đạo  hoá", expected_version=version)
    assert node(db, q2, 0, 0)["text"] == "Tập trung lãnh đạo hoá"
    with pytest.raises(ConflictError, match="vừa được người khác sửa"):
        services.edit_node(db, item["id"], text="bản cũ", expected_version=version)
    assert new_version == version + 1


def test_header_fields_update_and_give_back_the_old_values(db, q2):
    old = services.update_program(db, q2, signer_name="Nguyễn Văn An", recipients=["Ban Bí thư", " ", "Lưu VPTU"])
    data = services.program_json(db, q2)
    assert data["signer"]["name"] == "Nguyễn Văn An" and data["recipients"] == ["Ban Bí thư", "Lưu VPTU"]
    services.update_program(db, q2, **old)
    assert services.program_json(db, q2)["signer"]["name"] == ""
    with pytest.raises(InputError, match="chỉ gồm chữ số"):
        services.update_program(db, q2, number="12a")
    with pytest.raises(InputError, match="Không sửa được trường"):
        services.update_program(db, q2, status="issued")


def test_issued_program_is_locked_but_tracking_stays_open(db, q2):
    services.issue_program(db, q2, "125", date(2024, 4, 3))
    data = services.program_json(db, q2)
    assert (data["status"], data["number"], data["date"], data["draft"]) == ("issued", "125", "2024-04-03", False)
    first = node(db, q2, 0, 0)
    for attempt in (
        lambda: services.edit_node(db, first["id"], text="x"),
        lambda: services.add_node(db, q2, None, None, "part", heading="x"),
        lambda: services.delete_node(db, first["id"]),
        lambda: services.move_node_direction(db, first["id"], "down"),
        lambda: services.update_program(db, q2, signer_name="x"),
    ):
        with pytest.raises(LockedError, match="đã ban hành"):
            attempt()
    services.update_task(db, first["task"]["id"], status="in_progress", lead_unit="Ban Tổ chức")
    assert node(db, q2, 0, 0)["task"]["status"] == "in_progress"
    with pytest.raises(LockedError):
        services.issue_program(db, q2, "126", date(2024, 4, 4))


def test_new_version_of_an_issued_program_is_an_editable_draft(db, q2):
    services.issue_program(db, q2, "125", date(2024, 4, 3))
    copy = services.new_version(db, q2)
    data = services.program_json(db, copy)
    assert data["status"] == "draft" and data["number"] is None
    assert data["nodes"][0]["children"][0]["text"] == node(db, q2, 0, 0)["text"]
    services.edit_node(db, data["nodes"][0]["children"][0]["id"], text="Sửa trong bản mới")
    assert node(db, q2, 0, 0)["text"] != "Sửa trong bản mới"


def test_a_task_can_be_split_merged_and_unmarked(db, q2):
    section = node(db, q2, 1, 0, 1)  # 1.2. with its paragraphs, each a task
    first = section["children"][0]
    cut = first["text"].index(". ") + 1
    new = services.split_node(db, first["id"], cut)
    children = node(db, q2, 1, 0, 1)["children"]
    assert children[0]["text"] == first["text"][:cut] and children[1]["id"] == new
    assert children[1]["text"] == first["text"][cut:].strip() and children[1]["task"]["status"] == "not_started"
    removed = services.merge_with_next(db, first["id"])
    assert node(db, q2, 1, 0, 1)["children"][0]["text"] == first["text"]
    assert removed == new
    services.set_tracked(db, first["id"], False)
    assert "task" not in node(db, q2, 1, 0, 1)["children"][0]
    services.set_tracked(db, first["id"], True)
    assert node(db, q2, 1, 0, 1)["children"][0]["task"]["status"] == "not_started"


def test_tasks_with_a_history_are_not_merged_away_or_unmarked(db, q2):
    section = node(db, q2, 1, 0, 1)
    second = section["children"][1]
    services.update_task(db, second["task"]["id"], status="in_progress")
    with pytest.raises(InputError, match="lịch sử"):
        services.merge_with_next(db, section["children"][0]["id"])
    with pytest.raises(InputError, match="lịch sử"):
        services.set_tracked(db, second["id"], False)
    with pytest.raises(InputError, match="hai phần"):
        services.split_node(db, second["id"], 0)
