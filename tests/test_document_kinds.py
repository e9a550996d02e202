"""A program knows what kind of document it is: the secretary can import a guidance, a report or a
letter beside the work programs, and the quarter drafting and task tracking, which need tasks,
say in Vietnamese why they do not apply to it, leaving the data as it was."""

from __future__ import annotations

import json

import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import InputError
from tests.conftest import reopened_after_downgrade, table_rows
from tests.corpus_score import CORPUS

GUIDANCE = CORPUS / "c41_hd06_ubkttw_web.txt"  # Hướng dẫn 06-HD/UBKTTW, as published


def test_the_kind_read_at_import_is_stored_and_shown(db, seed):
    annual = services.import_file(db, seed(0))
    guidance = services.import_file(db, GUIDANCE)
    assert services.program_json(db, annual)["document_kind"] == "program"
    assert services.program_json(db, guidance)["document_kind"] == "guidance"


def test_drafting_a_quarter_from_a_guidance_is_refused_in_vietnamese_and_nothing_is_made(db):
    guidance = services.import_file(db, GUIDANCE)
    before = table_rows(db)
    with pytest.raises(InputError, match="Văn bản này là hướng dẫn, không phải chương trình công tác: "
                                         "không có nhiệm vụ để soạn chương trình quý"):
        services.derive_quarter(db, guidance, 1)
    assert table_rows(db) == before


def test_the_cli_refuses_the_same_with_one_line_and_exit_2(db, capsys):
    guidance = services.import_file(db, GUIDANCE)
    assert cli(["--database", db.url, "derive", str(guidance), "--quarter", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert "không có nhiệm vụ để soạn chương trình quý" in err and "\n" not in err and "Traceback" not in err


def test_a_quarter_report_gets_no_tasks_and_its_paragraphs_cannot_be_tracked(db, seed, tmp_path):
    """Seed 001 set as the quarter's report (BÁO CÁO, BC/TU): a quarterly document without tasks."""
    text = seed(1).read_text(encoding="utf-8").replace("-CTr/TU", "-BC/TU", 1).replace("CHƯƠNG TRÌNH", "BÁO CÁO", 1)
    path = tmp_path / "bao_cao_quy_2.txt"
    path.write_text(text, encoding="utf-8")
    report = services.import_file(db, path)
    data = services.program_json(db, report)
    assert (data["document_kind"], data["kind"], data["quarter"]) == ("report", "quarterly", 2)
    assert services.program_tasks(db, report) == []
    node = next(n for n in _walk(data["nodes"]) if n["kind"] in ("item", "paragraph", "bullet"))
    before = table_rows(db)
    with pytest.raises(InputError, match="Văn bản này là báo cáo, không phải chương trình công tác: "
                                         "không có nhiệm vụ để theo dõi"):
        services.set_tracked(db, node["id"], True)
    assert table_rows(db) == before


def test_an_annual_program_still_drafts_its_quarters(db, seed):
    annual = services.import_file(db, seed(0))
    quarter = services.derive_quarter(db, annual, 1)
    assert services.program_json(db, quarter)["document_kind"] == "program"
    assert services.program_tasks(db, quarter)


def test_programs_stored_before_the_kind_was_kept_are_still_programs(tmp_path, seed):
    """A database of the previous version (no document_kind column) upgrades; its programs are
    of unknown kind, treated as programs: their quarters are drafted as before."""
    from hgdesk.db import Database

    db = Database(str(tmp_path / "old.sqlite3"))
    annual = services.import_file(db, seed(0))
    reopened = reopened_after_downgrade(db, "0005_quarter")
    try:
        assert services.program_json(reopened, annual)["document_kind"] is None
        quarter = services.derive_quarter(reopened, annual, 2)
        assert services.program_tasks(reopened, quarter)
    finally:
        reopened.dispose()


def test_a_package_carries_the_kind(db, tmp_path):
    guidance = services.import_file(db, GUIDANCE)
    out = services.export_package(db, guidance, tmp_path / "hd.hgpkg")
    received = services.import_package(db, out, trust=services.own_fingerprint(db))
    assert services.program_json(db, received)["document_kind"] == "guidance"
    assert json.dumps(services.program_json(db, received)["title"], ensure_ascii=False)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))
