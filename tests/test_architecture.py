"""The core never depends on the GUI toolkit."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "hgdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_under_hgdesk_imports_qt():
    offenders = {
        str(path.relative_to(CORE)): sorted(m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "ui"))
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_core_does_not_load_qt():
    import subprocess
    import sys

    code = "import sys, hgdesk.services, hgdesk.cli, hgdesk.importing; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_ui_imports_only_the_services_the_errors_and_the_vocabulary():
    allowed = {"hgdesk.services", "hgdesk.errors", "hgdesk.vocab"}
    ui = CORE.parent / "ui"
    offenders = {}
    for path in ui.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                bad.update(a.name for a in node.names if a.name.split(".")[0] == "hgdesk" and a.name not in allowed)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "hgdesk":
                names = {f"{node.module}.{a.name}" if node.module == "hgdesk" else node.module for a in node.names}
                bad.update(n for n in names if n not in allowed)
        if bad:
            offenders[str(path.relative_to(ui))] = sorted(bad)
    assert offenders == {}
