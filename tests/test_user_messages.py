"""What the user reads is Vietnamese: library errors become one line (the original behind
"Chi tiết"), and a password in a database URL is never shown or logged."""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.errors import DatabaseError, InputError
from hgdesk.importing import parse_bytes
from hgdesk.messages import install_log_redaction, redact
from tests.docx_builder import DocxBuilder

SECRET = "Mk-b1m4t"
ENGLISH = ("sqlalche.me", "Background on this error", "OperationalError", "Traceback", "Error:", "line 1, column")


def test_redaction_hides_passwords_in_urls_and_settings():
    assert redact(f"postgresql+psycopg://vp:{SECRET}@10.0.0.5:5432/hg") == "postgresql+psycopg://vp:***@10.0.0.5:5432/hg"
    assert SECRET not in redact(f"host=db user=vp password={SECRET} dbname=hg")
    assert redact("sqlite:////home/vp/hgdesk.sqlite3") == "sqlite:////home/vp/hgdesk.sqlite3"


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://vp:{SECRET}@127.0.0.1:1/hgdesk",  # no server there
    f"postgresql+psycopg://vp:{SECRET}@may-chu:khong-phai-cong/hgdesk",  # not a URL
    f"khongco://vp:{SECRET}@may-chu/hgdesk",  # no such database kind
])
def test_a_server_that_cannot_be_used_is_one_vietnamese_line_without_the_password(url, capsys):
    with pytest.raises(DatabaseError) as refused:
        Database(url)
    assert SECRET not in str(refused.value) and SECRET not in refused.value.details
    assert not any(word in str(refused.value) for word in ENGLISH)
    assert cli(["--database", url, "list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and SECRET not in err[0] and not any(word in err[0] for word in ENGLISH)


def test_logs_never_carry_a_password(caplog):
    install_log_redaction()
    with caplog.at_level(logging.INFO):
        logging.getLogger("hgdesk.test").info("connecting to %s", f"postgresql://vp:{SECRET}@db/hg")
    assert caplog.records and SECRET not in caplog.text and "vp:***@db" in caplog.text


def test_a_broken_word_file_is_refused_in_vietnamese_with_the_parser_text_behind_details(tmp_path):
    builder = DocxBuilder()
    builder.para("CHƯƠNG TRÌNH")
    data = builder.save(tmp_path / "a.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:-40] + b"<w:p><unclosed"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in parts.items():
            z.writestr(name, body)
    with pytest.raises(InputError) as refused:
        parse_bytes(out.getvalue(), "hong.docx")
    assert str(refused.value).startswith("Tệp “hong.docx” bị hỏng")
    assert not any(word in str(refused.value) for word in (*ENGLISH, "XMLSyntaxError", "Premature end"))
    # the parser's own text (lxml's XMLSyntaxError, or ElementTree's ParseError from the streaming reader)
    assert any(name in refused.value.details for name in ("XMLSyntaxError", "ParseError"))


def test_the_start_up_dialog_for_a_newer_database_is_vietnamese_with_details_hidden(qtbot, tmp_path):
    from ui.app import open_or_recover

    path = tmp_path / "moi-hon.sqlite3"
    Database(str(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.detailedText()))
            box.done(0)
        else:
            QTimer.singleShot(30, read_and_close)

    QTimer.singleShot(30, read_and_close)
    assert open_or_recover(str(path)) is None
    assert "tạo bởi phiên bản mới hơn — hãy cập nhật hgdesk" in seen[0][0]
    assert not any(word in seen[0][0] for word in ENGLISH)


@pytest.mark.parametrize("argv, said", [
    (["check"], "còn thiếu: ID_OR_FILE"),
    (["bogus"], "'bogus' không có; chọn một trong:"),
    (["list", "--nonsense"], "không hiểu tham số: --nonsense"),
    (["issue", "1", "--number", "05"], "còn thiếu: --date"),
])
def test_a_command_line_mistake_is_one_vietnamese_line_and_exit_2(argv, said, capsys):
    from hgdesk.cli import main as cli

    with pytest.raises(SystemExit) as stop:
        cli(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and said in err and err.startswith("hgdesk-cli")
    assert not any(word in err for word in ("usage", "error", "required", "invalid", "arguments"))


def test_command_line_help_is_in_vietnamese(capsys):
    from hgdesk.cli import main as cli

    with pytest.raises(SystemExit):
        cli(["check", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: hgdesk-cli check") and "tùy chọn:" in out and "xem hướng dẫn này" in out
    assert "usage" not in out and "show this help" not in out
