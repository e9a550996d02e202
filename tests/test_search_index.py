"""Search every program through the index: word prefixes, diacritics, đ, tone placement, NFD input,
filters, and an index that follows every edit; every foreign key has an index."""

from __future__ import annotations

import unicodedata

from sqlalchemy import inspect

from hgdesk import services


def test_search_finds_whole_words_and_word_prefixes_regardless_of_marks(db, seed):
    annual = services.import_file(db, seed(0))
    quarter = services.import_file(db, seed(1))
    assert {r["program_id"] for r in services.search(db, "49 nam ngay mien nam giai phong")} == {quarter}
    prefix = services.search(db, "tinh u hau gi")
    assert prefix and all(has_word_prefixes(db, r["node_id"], ["tinh", "u", "hau", "gi"]) for r in prefix)
    nfd = unicodedata.normalize("NFD", "văn hoá, xã hội")
    assert services.search(db, nfd) == services.search(db, "văn hoá, xã hội")  # NFD typed = NFC typed
    assert hits_of(services.search(db, nfd)) == hits_of(services.search(db, "van hoa xa hoi")) != set()
    assert hits_of(services.search(db, "Đảng")) == hits_of(services.search(db, "dang"))
    both = {r["program_id"] for r in services.search(db, "Công tác dân vận")}
    assert both == {annual, quarter}


def test_a_short_query_word_does_not_match_inside_other_words(db, seed):
    services.import_file(db, seed(0))
    hits = services.search(db, "uy")
    assert hits and all(has_word_prefixes(db, r["node_id"], ["uy"]) for r in hits)


def hits_of(results: list[dict]) -> set[int]:
    return {r["node_id"] for r in results}


def test_words_typed_with_their_marks_bring_the_paragraphs_that_have_them_first(db, seed):
    """"chi bộ" finds "chính bó…" too (every word is a prefix), but the paragraphs that say "chi bộ" come first."""
    services.import_file(db, seed(0))
    services.import_file(db, seed(1))
    from hgdesk.models import Node

    hits = services.search(db, "chi bộ")
    with db.transaction() as s:
        said = [f"{n.heading} {n.text}".lower() for n in (s.get(Node, r["node_id"]) for r in hits)]
    say_it = [i for i, text in enumerate(said) if "chi bộ" in text]
    assert say_it and say_it == list(range(len(say_it)))  # all of them before any other hit
    assert hits_of(hits) == hits_of(services.search(db, "chi bo"))


def has_word_prefixes(db, node_id: int, prefixes: list[str]) -> bool:
    """Each prefix starts some word of the node's heading or text (folded)."""
    import re

    from hgdesk.models import Node
    from hgdesk.text import fold

    with db.transaction() as s:
        node = s.get(Node, node_id)
        words = re.findall(r"\w+", fold(f"{node.heading} {node.text}"))
    return all(any(w.startswith(p) for w in words) for p in prefixes)


def test_search_results_follow_edits_and_deletes(db, seed):
    program = services.import_file(db, seed(1))
    node = services.program_json(db, program)["nodes"][0]
    services.edit_node(db, node["id"], text="Tổ chức hội thảo khoa học về đồng chí Võ Văn Kiệt", expected_version=node.get("version"))
    assert [r["node_id"] for r in services.search(db, "vo van kiet hoi thao")] == [node["id"]]
    services.delete_node(db, node["id"])
    assert services.search(db, "vo van kiet hoi thao") == []


def test_search_filters_by_program_kind_and_highlights_the_words(db, seed):
    annual = services.import_file(db, seed(0))
    quarter = services.import_file(db, seed(1))
    only_quarter = services.search(db, "dan van", kind="quarterly")
    assert only_quarter and {r["program_id"] for r in only_quarter} == {quarter}
    assert {r["program_id"] for r in services.search(db, "dan van", kind="annual")} == {annual}
    hit = only_quarter[0]
    marked = [hit["snippet"][a:b] for a, b in hit["spans"]]
    from hgdesk.text import fold

    assert marked and all(fold(m).startswith(("dan", "van")) for m in marked)


def test_punctuation_in_a_query_is_not_index_syntax(db, seed):
    services.import_file(db, seed(0))
    assert services.search(db, '"tinh" * ( -uy:') == services.search(db, "tinh uy")
    assert services.search(db, "*** ()") == []


def test_every_foreign_key_column_has_an_index(db):
    inspector = inspect(db.engine)
    missing = []
    for table in inspector.get_table_names():
        led = {tuple(i["column_names"][:1]) for i in inspector.get_indexes(table)}
        led |= {tuple(u["column_names"][:1]) for u in inspector.get_unique_constraints(table)}
        led.add(tuple(inspector.get_pk_constraint(table)["constrained_columns"][:1]))
        for fk in inspector.get_foreign_keys(table):
            if tuple(fk["constrained_columns"][:1]) not in led:
                missing.append(f"{table}.{fk['constrained_columns'][0]}")
    assert missing == []


def test_a_database_from_before_the_index_is_searchable_after_its_upgrade(tmp_path, seed):
    from hgdesk.db import Database
    from tests.conftest import reopened_after_downgrade

    db = Database(str(tmp_path / "old.sqlite3"))
    quarter = services.import_file(db, seed(1))
    reopened = reopened_after_downgrade(db, "0004")
    assert {r["program_id"] for r in services.search(reopened, "49 nam ngay mien nam")} == {quarter}
    reopened.dispose()


def test_a_program_in_the_trash_is_not_found(db, seed):
    quarter = services.import_file(db, seed(1))
    assert services.search(db, "49 nam ngay mien nam")
    services.delete_program(db, quarter)
    assert services.search(db, "49 nam ngay mien nam") == []
    services.restore_program(db, quarter)
    assert {r["program_id"] for r in services.search(db, "49 nam ngay mien nam")} == {quarter}


def test_when_too_many_paragraphs_match_the_newest_programs_come_first(db, seed, monkeypatch):
    """Ranking looks at the newest matches only (search.WINDOW): a query among ten years of programs
    shows this year's paragraphs, and costs the same at any scale."""
    from hgdesk import search

    older = services.import_file(db, seed(0))
    newer = services.import_file(db, seed(0))
    everywhere = services.search(db, "dan van")
    assert {r["program_id"] for r in everywhere} == {older, newer}
    monkeypatch.setattr(search, "WINDOW", len(everywhere) // 2)
    recent = services.search(db, "dan van")
    assert recent and {r["program_id"] for r in recent} == {newer}
    assert all(has_word_prefixes(db, r["node_id"], ["dan", "van"]) for r in recent)
