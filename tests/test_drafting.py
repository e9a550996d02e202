"""Drafting a quarter from the annual program, and a lower committee's program from its superior's."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import services
from hgdesk.anniversaries import Commemoration, in_quarter, short_date
from hgdesk.errors import InputError
from hgdesk.importing import parse_file
from tests.conftest import SEEDS

SEED001 = parse_file(SEEDS / "seed001.txt")
SEED002 = parse_file(SEEDS / "seed002.txt")


@pytest.fixture
def annual(db):
    return services.import_file(db, SEEDS / "seed000.txt")


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node["children"])


def sub_sections(part: dict) -> list[str]:
    return [n["label"] for s in part["children"] for n in s["children"] if n["kind"] == "section"]


def test_quarter_two_has_the_skeleton_of_seed_001(db, annual):
    q2 = services.program_json(db, services.derive_quarter(db, annual, 2))
    assert (q2["kind"], q2["year"], q2["quarter"], q2["draft"], q2["number"], q2["date"]) == (
        "quarterly", 2024, 2, True, None, None)
    assert q2["title"] == ["Công tác quý II năm 2024"] == SEED001.title
    assert q2["opening"] == SEED001.opening
    assert q2["closing"] == SEED001.closing
    assert [(n["label"], n["heading"]) for n in q2["nodes"]] == [
        ("I.", "Các nhiệm vụ trọng tâm"), ("II.", "Những nhiệm vụ và giải pháp")]
    seed_part2 = SEED001.to_json()["nodes"][1]
    assert [s["label"] for s in q2["nodes"][1]["children"]] == ["1.", "2.", "3."]
    assert sub_sections(q2["nodes"][1]) == sub_sections(seed_part2)
    assert sub_sections(q2["nodes"][1]) == ["1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6.", "1.7.", "2.1.", "2.2.",
                                            "3.1.", "3.2."]


def test_focus_tasks_are_the_annual_focus_tasks_as_candidates(db, annual):
    q2 = services.program_json(db, services.derive_quarter(db, annual, 2))
    annual_json = services.program_json(db, annual)
    focus = q2["nodes"][0]["children"]
    annual_focus = annual_json["nodes"][0]["children"][1]["children"]
    assert [n["label"] for n in focus] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert [n["text"] for n in focus] == [n["text"] for n in annual_focus]
    assert all(n["task"]["status"] == "not_started" for n in focus)


def test_deeper_sections_are_folded_into_their_parent_as_candidates_with_paragraphs_linked(db, annual):
    from hgdesk.models import Node

    q2_id = services.derive_quarter(db, annual, 2)
    q2 = services.program_json(db, q2_id)
    economy = q2["nodes"][1]["children"][1]["children"][0]
    assert economy["label"] == "2.1." and all(c["kind"] != "section" for c in economy["children"])
    # 2.1 has no paragraphs of its own: its 4 + 5 + 3 + 1 candidates come from 2.1.1 to 2.1.4
    panel = {row["label"]: row for row in services.quarter_candidates(db, q2_id)}
    assert len(panel["2.1."]["candidates"]) == 4 + 5 + 3 + 1
    picked = [c for c in panel["2.1."]["candidates"] if c["node_id"]]
    assert 0 < len(picked) == len(economy["children"]) < 13
    with db.transaction() as s:
        nodes = s.query(Node).filter(Node.program_id == q2_id).all()
        linked = [n for n in nodes if n.source_node_id is not None]
        sources = {n.source_node_id: n for n in linked}
        assert len(linked) == len(nodes) - 2  # all but part II's heading and the anniversaries
        assert all(s.get(Node, sid).program_id == annual for sid in sources)


def test_quarter_two_anniversaries_with_their_year_counts(db, annual):
    q2 = services.program_json(db, services.derive_quarter(db, annual, 2))
    texts = [n["text"] for n in walk(q2["nodes"]) if "kỷ niệm" in n["text"] and "năm" in n["text"]]
    sentence = texts[0]
    assert sentence.startswith("Tập trung tuyên truyền chào mừng các ngày lễ, kỷ niệm")
    for expected in [
        "49 năm ngày miền Nam giải phóng, thống nhất đất nước (30/4/1975 - 30/4/2024)",
        "138 năm Ngày Quốc tế Lao động (01/5/1886 - 01/5/2024)",
        "134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2024)",
        "70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)",
    ]:
        assert expected in sentence
    section = q2["nodes"][1]["children"][0]["children"][0]
    assert section["label"] == "1.1." and section["children"][0]["text"] == sentence


def test_quarter_four_follows_seed_002(db, annual):
    q4 = services.program_json(db, services.derive_quarter(db, annual, 4))
    assert q4["opening"][0].startswith(
        "Căn cứ vào Chương trình công tác năm 2024 và kết quả 9 tháng, trong quý IV, Tỉnh ủy Hậu Giang tập trung "
        "triển khai thực hiện nhiều nhiệm vụ chính trị")
    assert SEED002.opening[0].startswith(q4["opening"][0][:120])
    assert q4["closing"][0].startswith("Trên đây là một số mặt công tác trọng tâm Tỉnh ủy chỉ đạo thực hiện trong Quý IV/2024.")
    texts = " ".join(n["text"] for n in walk(q4["nodes"]))
    assert "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)" in texts


def test_quarter_three_opening_speaks_of_six_months(db, annual):
    q3 = services.program_json(db, services.derive_quarter(db, annual, 3))
    assert "kết quả 6 tháng đầu năm, trong quý III" in q3["opening"][0]


def test_a_quarter_is_derived_once(db, annual):
    services.derive_quarter(db, annual, 2)
    with pytest.raises(InputError, match="đã có chương trình quý II/2024"):
        services.derive_quarter(db, annual, 2)


@pytest.mark.parametrize("bad", [0, 5])
def test_only_quarters_one_to_four(db, annual, bad):
    with pytest.raises(InputError, match="Quý phải là"):
        services.derive_quarter(db, annual, bad)


def test_a_quarter_cannot_be_derived_from_a_quarterly_program(db):
    q2 = services.import_file(db, SEEDS / "seed001.txt")
    with pytest.raises(InputError, match="chương trình công tác năm"):
        services.derive_quarter(db, q2, 3)


def test_header_signer_and_recipients_come_from_the_organisation(db):
    from hgdesk.services import demo

    annual, _, _ = demo.load_demo(db)
    q3 = services.program_json(db, services.derive_quarter(db, annual, 3))
    assert q3["signer"] == {"authority": "T/M TỈNH ỦY", "position": "PHÓ BÍ THƯ", "name": ""}
    assert q3["issuing_body"] == "TỈNH ỦY HẬU GIANG" and q3["symbol"] == "CTr/TU" and q3["place"] == "Hậu Giang"
    assert q3["recipients"][-1] == "Lưu VPTU"


def test_edited_templates_are_used_for_the_next_draft(db, annual):
    org = services.program_json(db, annual)["organization_id"]
    services.set_template(db, org, "quarterly", "opening", "Quý {Q} năm {year}, {organization} tập trung:", quarter=1)
    q1 = services.program_json(db, services.derive_quarter(db, annual, 1))
    assert q1["opening"] == ["Quý I năm 2024, Tỉnh ủy Hậu Giang tập trung:"]


def test_local_anniversary_is_added_to_its_quarter(db, annual):
    org = services.program_json(db, annual)["organization_id"]
    services.add_anniversary(db, org, 1, 1, 2004, "Ngày tái lập tỉnh Hậu Giang")
    q1 = services.program_json(db, services.derive_quarter(db, annual, 1))
    texts = " ".join(n["text"] for n in walk(q1["nodes"]))
    assert "20 năm Ngày tái lập tỉnh Hậu Giang (01/01/2004 - 01/01/2024)" in texts
    with pytest.raises(InputError, match="không hợp lệ"):
        services.add_anniversary(db, org, 31, 2, 2004, "Ngày không có")


# --- anniversary arithmetic ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "quarter", "expected"),
    [
        (2024, 2, {"ngày miền Nam giải phóng, thống nhất đất nước": 49, "Chiến thắng Điện Biên Phủ": 70}),
        (2025, 2, {"ngày miền Nam giải phóng, thống nhất đất nước": 50, "Chiến thắng Điện Biên Phủ": 71}),
        (2030, 1, {"Ngày thành lập Đảng Cộng sản Việt Nam": 100}),
        (2024, 4, {"Ngày thành lập Quân đội nhân dân Việt Nam": 80, "Ngày Giải phóng Thủ đô": 70}),
        (2026, 3, {"Cách mạng Tháng Tám thành công": 81}),
    ],
)
def test_year_counts(year, quarter, expected):
    found = {o.commemoration.title: o.years for o in in_quarter(year, quarter)}
    for title, years in expected.items():
        assert found[title] == years


def test_quarter_boundaries_decide_where_a_day_belongs():
    last_of_q1 = Commemoration(date(2000, 3, 31), "ngày cuối quý I", local=True)
    first_of_q2 = Commemoration(date(2000, 4, 1), "ngày đầu quý II", local=True)
    first_of_q4 = Commemoration(date(2000, 10, 1), "ngày đầu quý IV", local=True)
    last_of_year = Commemoration(date(2000, 12, 31), "ngày cuối năm", local=True)
    local = [last_of_q1, first_of_q2, first_of_q4, last_of_year]

    def titles(q):
        return [o.commemoration.title for o in in_quarter(2024, q, local) if o.commemoration.local]

    assert titles(1) == ["ngày cuối quý I"]
    assert titles(2) == ["ngày đầu quý II"]
    assert titles(3) == []
    assert titles(4) == ["ngày đầu quý IV", "ngày cuối năm"]


def test_nothing_is_commemorated_before_it_happened():
    assert all(o.years > 0 for y in (1890, 1954, 1975) for q in (1, 2, 3, 4) for o in in_quarter(y, q))
    assert "ngày miền Nam giải phóng, thống nhất đất nước" not in {o.commemoration.title for o in in_quarter(1975, 2)}


def test_round_anniversaries_are_flagged():
    found = {o.commemoration.title: o for o in in_quarter(2024, 4)}
    assert found["Ngày thành lập Quân đội nhân dân Việt Nam"].round
    assert found["Ngày Giải phóng Thủ đô"].round  # a minor day, listed because the year is round
    assert not {o.commemoration.title: o for o in in_quarter(2024, 2)}["ngày miền Nam giải phóng, thống nhất đất nước"].round


def test_leap_day_is_kept_in_common_years():
    leap = Commemoration(date(2000, 2, 29), "ngày nhuận", local=True)
    assert [o.on for o in in_quarter(2023, 1, [leap]) if o.commemoration.local] == [date(2023, 2, 28)]
    assert [o.on for o in in_quarter(2024, 1, [leap]) if o.commemoration.local] == [date(2024, 2, 29)]


def test_dates_are_written_as_the_seeds_write_them():
    assert short_date(date(1886, 5, 1)) == "01/5/1886"
    assert short_date(date(2004, 1, 1)) == "01/01/2004"
    assert short_date(date(1944, 12, 22)) == "22/12/1944"


# --- a lower committee's program -------------------------------------------------------------
@pytest.mark.parametrize(
    ("level", "name", "suffix", "author", "body"),
    [("district", "Huyện ủy Phụng Hiệp", "HU", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN", "Huyện ủy"),
     ("commune", "Đảng ủy xã Hòa An", "ĐU", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ", "Đảng ủy")],
)
def test_lower_committee_program_from_the_provinces(db, annual, level, name, suffix, author, body):
    province = services.program_json(db, annual)
    org = services.create_organization(db, name=name, header_name=name.upper(), level=level, symbol_suffix=suffix,
                                       superior_line="ĐẢNG BỘ TỈNH HẬU GIANG", place=name.split(" ", 2)[-1],
                                       parent_id=province["organization_id"], signer_authority=f"T/M {body.upper()}",
                                       signer_position="BÍ THƯ")
    derived = services.program_json(db, services.derive_for_organisation(db, annual, org))
    assert derived["organization"] == name and derived["symbol"] == f"CTr/{suffix}"
    assert derived["superior_body"] == "ĐẢNG BỘ TỈNH HẬU GIANG"
    assert derived["title"] == [author, "thực hiện nhiệm vụ công tác năm 2024"]
    assert [n["label"] for n in derived["nodes"]] == ["I.", "II.", "III."]
    indicators = [n for n in walk(derived["nodes"]) if n["kind"] == "indicator"]
    assert len(indicators) == 18 and indicators[0]["indicator"] == {"value": 1150, "unit": "đảng viên"}
    part3 = derived["nodes"][2]["children"]
    assert part3[0]["text"].startswith(f"Ban Thường vụ {body} lãnh đạo, chỉ đạo")
    assert derived["signer"]["authority"] == f"T/M {body.upper()}"
    assert derived["parent_id"] == annual


def test_draft_versions_and_their_differences(db, annual):
    q2 = services.derive_quarter(db, annual, 2)
    data = services.program_json(db, q2)
    first_focus = data["nodes"][0]["children"][0]
    assert services.save_draft_version(db, q2) == 1
    assert services.program_json(db, q2)["draft_version"] == 2
    services.edit_node(db, first_focus["id"], text=first_focus["text"].replace("Tiếp tục quan tâm", "Tập trung lãnh đạo"))
    changes = services.diff_versions(db, q2, 1)
    assert len(changes) == 1
    change = changes[0]
    assert change["kind"] == "changed"
    assert change["removed_words"] == ["Tiếp tục quan tâm"] and change["added_words"] == ["Tập trung lãnh đạo"]
    assert services.save_draft_version(db, q2) == 2
    assert services.diff_versions(db, q2, 1, 2) == changes


def test_a_quarter_does_not_talk_about_another_quarters_season(db, annual):
    """The issue's Q2 "talked about organising Tết": Tết paragraphs go to quarter I only."""
    texts = {q: [t["text"] for t in services.program_tasks(db, services.derive_quarter(db, annual, q))]
             for q in (1, 2, 3)}
    assert any("Tết" in t for t in texts[1])
    assert not any("Tết Giáp Thìn" in t or "Tết Nguyên đán" in t for q in (2, 3) for t in texts[q])


def test_each_preselected_candidate_says_why(db, annual):
    q3 = services.derive_quarter(db, annual, 3)
    rows = [c for s in services.quarter_candidates(db, q3) for c in s["candidates"]]
    picked = [c for c in rows if c["node_id"]]
    assert picked and all(c["reason"] for c in picked)
    assert any(c["reason"] == "mùa mưa lũ" for c in picked)
    assert any(not c["node_id"] for c in rows)  # the rest stays unticked
