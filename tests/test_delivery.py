"""What reaches an office PC works there: the wheel installed in a fresh environment outside the
checkout, and the PyInstaller one-folder build started with no Python on the PATH, both render a
seed to PDF and open the window (--smoke). Slow (a pip install, a PyInstaller build)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seeds" / "seed000.txt"



def _isolated_env(home: Path, path: str | None = None) -> dict[str, str]:
    """A user with an empty profile: own home, data and config folders, Qt offscreen."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "HGDESK_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen")
    if path is not None:
        env["PATH"] = path
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args} → {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


@pytest.mark.slow
def test_wheel_installed_outside_the_checkout_renders_a_seed_and_opens_the_window(tmp_path):
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], tmp_path,
         dict(os.environ))
    wheel = next(wheels.glob("hgdesk-*.whl"))
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, dict(os.environ))
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, dict(os.environ), 900)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _isolated_env(tmp_path / "home")

    located = _run([str(bin_dir / "python"), "-c", "import hgdesk, ui; print(hgdesk.__file__, ui.__file__)"],
                   work, env).stdout
    assert str(ROOT) not in located and str(venv) in located  # the installed copy, not the checkout

    _run([str(bin_dir / "hgdesk-cli"), "render", str(SEED), "--pdf", str(work / "seed.pdf")], work, env)
    assert _pdf_pages(work / "seed.pdf") >= 1
    _run([str(bin_dir / "hgdesk"), "--smoke"], work, env)
    assert (tmp_path / "home" / "data" / "hgdesk" / "hgdesk.sqlite3").exists()  # demo database created


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pyinstaller") is None and not (Path(sys.executable).parent / "pyinstaller").exists(),
                    reason="PyInstaller is not installed (pip install .[test])")
def test_frozen_build_starts_renders_and_screenshots_without_python_on_the_path(tmp_path):
    dist, build = tmp_path / "dist", tmp_path / "build"
    _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
          "--workpath", str(build), str(ROOT / "packaging" / "hgdesk.spec")], ROOT, dict(os.environ), 1500)
    app = dist / "hgdesk"
    suffix = ".exe" if os.name == "nt" else ""
    empty = tmp_path / "no-python"
    empty.mkdir()  # PATH holds nothing: no python, no pip, no tools
    env = _isolated_env(tmp_path / "home", path=str(empty))
    work = tmp_path / "elsewhere"
    work.mkdir()

    _run([str(app / f"hgdesk-cli{suffix}"), "render", str(SEED), "--pdf", str(work / "seed.pdf")], work, env)
    assert _pdf_pages(work / "seed.pdf") >= 1
    _run([str(app / f"hgdesk{suffix}"), "--smoke"], work, env)
    shots = work / "shots"
    _run([str(app / f"hgdesk{suffix}"), "--screenshots", str(shots)], work, env)
    assert len(list(shots.glob("*.png"))) >= 5
    assert (app / "_internal" / "hgdesk" / "resources" / "help" / "index.html").exists()  # the user guide ships


def test_the_build_lock_pins_every_dependency_within_the_project_ranges():
    import tomllib

    from packaging.requirements import Requirement

    def key(name: str) -> str:
        return name.lower().replace("_", "-")

    pins = {}
    for line in (ROOT / "packaging" / "requirements-build.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            pins[key(requirement.name)] = next(iter(requirement.specifier)).version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["build"]]]
    for requirement in wanted:
        assert key(requirement.name) in pins, requirement.name
        assert requirement.specifier.contains(pins[key(requirement.name)]), (requirement, pins[key(requirement.name)])
    capped = {key(r.name) for r in wanted if any(s.operator == "<" for s in r.specifier)}
    assert {"reportlab", "python-docx"} <= capped
