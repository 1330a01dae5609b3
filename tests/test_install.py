"""A plain (not editable) `pip install .` into a fresh virtual environment, then `newsmon init` and
`newsmon check`, as a new user would: the shipped defaults must be inside the package.

Offline and quick: the package is built from a copy of the source without build isolation, and its
dependencies come from the test environment's site-packages (a .pth line) instead of PyPI; what is tested
is newsmon's own packaging, not the dependencies' downloads."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # builds and installs a wheel


def run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_pip_install_then_init_and_check_in_a_fresh_venv(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for package in ("service", "classifiers"):
        shutil.copytree(REPO / package, source / package, ignore=junk)

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path)
    ours = [*site.getsitepackages(), sysconfig.get_path("purelib")]
    (Path(purelib.strip()) / "test-dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n")
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-build-isolation", "--no-index", source, cwd=tmp_path,
    )  # fmt: skip

    newsmon = venv / "bin" / "newsmon"
    home = tmp_path / "home"
    home.mkdir()
    shipped = run(newsmon, "check", cwd=home)  # the shipped defaults, from inside the installed package
    assert "設定正確" in shipped  # "configuration OK" in ui.language (zh-Hant)
    assert f"設定檔：  {Path(purelib.strip()) / 'service' / 'config.yaml'}" in shipped
    assert f"sqlite:///{home / 'newsmon-data' / 'newsmon.db'}" in shipped  # data in the working directory
    assert "已寫入" in run(newsmon, "init", "office", cwd=home)  # "wrote", in the default zh-Hant
    checked = run(newsmon, "--config", home / "office" / "config.yaml", "check", cwd=home)
    assert "設定正確" in checked and str(home / "office" / "newsmon-data") in checked
