"""The Qt binding itself must be sound: PySide6 6.12.0 dropped a reference to None on every
call returning nothing, so the application crashed ("deallocating None") after a while."""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_the_reference_count_of_none(qapp):
    label = QLabel("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        QApplication.processEvents()
        label.setText("y")
    assert abs(sys.getrefcount(None) - before) < 50
