"""Child of the kill benchmark: the real main window on a database, typing into one paragraph with a
person's rhythm (60–600 ms a key, 1–5 s pauses, bursts with no pause), printing the number of
characters typed after each key, until it is killed."""

from __future__ import annotations

import random
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> None:
    database, node_id, seed, letters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    app = QApplication([])
    app.setApplicationName("hgdesk-kill-bench")
    from hgdesk.db import Database
    from tests.keyboard import type_text
    from ui.main_window import MainWindow

    window = MainWindow(Database(database))
    window.show()
    editor = window.editor
    rng = random.Random(seed)
    state = {"typed": 0, "burst": 0}

    def start() -> None:
        editor.select_node(node_id)
        editor.text.setFocus()
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        print("ready", flush=True)
        QTimer.singleShot(0, key)

    def key() -> None:
        type_text(editor.text, letters[state["typed"] % len(letters)])
        state["typed"] += 1
        print(state["typed"], flush=True)
        if state["burst"] > 0:  # a burst: keys with no pause between them
            state["burst"] -= 1
            delay = rng.randint(15, 40)
        elif rng.random() < 0.05:
            delay = rng.randint(1000, 5000)  # a pause to think
        elif rng.random() < 0.05:
            state["burst"] = rng.randint(5, 25)
            delay = 20
        else:
            delay = rng.randint(60, 600)
        QTimer.singleShot(delay, key)

    QTimer.singleShot(300, start)
    app.exec()


if __name__ == "__main__":
    main()
