#!/usr/bin/env python3
"""One entry point that sets itself up: `python3 dev.py app` and `python3 dev.py test`.

Creates .venv on first use and (re)installs the project whenever pyproject.toml changes,
so both commands work on a fresh machine that has only Python, pip and git.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    python = venv_python()
    if not python.exists():
        print("dev.py: tạo môi trường ảo .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".hgdesk-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("dev.py: cài đặt các gói cần thiết …", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"])
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("app", [])
    python = str(ensure_environment())
    if command == "app":
        return subprocess.call([python, str(ROOT / "main.py"), *rest])
    if command == "test":
        # ruff, mypy, the whole suite on SQLite, then the database tests again on a throw-away
        # PostgreSQL server (they skip, saying why, where its binaries are missing).
        lint = subprocess.call([python, "-m", "ruff", "check", str(ROOT)])
        # the type checker on the core (configured in pyproject.toml [tool.mypy])
        types = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
        sqlite = subprocess.call([python, "-m", "pytest", *rest], cwd=ROOT)
        print("dev.py: các kiểm thử cơ sở dữ liệu trên PostgreSQL …", flush=True)
        env = {**os.environ, "HGDESK_TEST_BACKEND": "postgresql"}
        postgres = subprocess.call([python, "-m", "pytest", *rest], cwd=ROOT, env=env)
        return sqlite or postgres or lint or types
    if command == "bench":
        return subprocess.call([python, str(ROOT / "bench" / "run.py"), *rest], cwd=ROOT)
    if command == "cli":
        return subprocess.call([python, "-m", "hgdesk.cli", *rest], cwd=ROOT)
    print(f"dev.py: không rõ lệnh “{command}”; dùng: app | test | bench | cli", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
