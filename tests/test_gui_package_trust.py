"""The window asks before trusting an office seen for the first time, showing name and fingerprint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from hgdesk import services
from hgdesk.db import Database
from tests.conftest import SEEDS
from tests.dbstate import snapshot
from tests.modals import answer_modals
from ui.dialogs import PackageTargetDialog
from ui.main_window import MainWindow
from ui.trust_dialog import TrustSenderDialog


@pytest.fixture
def sent(tmp_path):
    province = Database(str(tmp_path / "province.sqlite3"))
    annual = services.import_file(province, SEEDS / "seed001.txt")
    path = services.export_package(province, annual, tmp_path / "q2.hgdesk")
    fingerprint = services.own_fingerprint(province)
    province.dispose()
    return path, fingerprint


def answer_dialogs(seen: list, trust: bool) -> QTimer:
    """Answer each modal dialog as a secretary would: keep the target office, trust or not."""

    def step(box):
        if isinstance(box, PackageTargetDialog):
            box.accept()
        elif isinstance(box, TrustSenderDialog):
            seen.append((box.sender_label.text(), box.fingerprint_label.text()))
            if trust:
                box.trust_button.click()
            else:
                box.reject()
        elif isinstance(box, QMessageBox):
            seen.append(("message", box.text()))
            box.done(0)

    return answer_modals(step)


def test_the_secretary_sees_the_sender_and_fingerprint_declines_then_trusts(qtbot, tmp_path, sent):
    path, fingerprint = sent
    db = Database(str(tmp_path / "district.sqlite3"))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    before = snapshot(db)
    seen: list = []
    timer = answer_dialogs(seen, trust=False)
    assert window.import_package(str(path)) is None
    assert seen == [("Tỉnh ủy Hậu Giang", f"Dấu khóa: {fingerprint}")]
    assert snapshot(db) == before
    seen.clear()
    timer.stop()
    timer = answer_dialogs(seen, trust=True)
    new = window.import_package(str(path))
    assert new is not None and window.program["id"] == new and len(seen) == 1
    seen.clear()
    again = window.import_package(str(path))  # trusted: no question this time
    timer.stop()
    assert again not in (None, new) and seen == []
    assert [o["fingerprint"] for o in services.trusted_offices(db)] == [fingerprint]
    window.close()
    db.dispose()
