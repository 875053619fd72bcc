"""The layering contracts (pyproject.toml [tool.importlinter]) hold, and the check can fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


def test_project_keeps_its_layers() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept is not None and int(kept.group(1)) == len(pyproject_contracts()), result.stdout


def test_a_kiosk_module_importing_django_is_caught(tmp_path: Path) -> None:
    # The real kiosk package (its layers contract names its modules), the others empty.
    shutil.copytree(ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    for package in ("backend", "accessibility", "madoguchi", "routing", "guidance"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "kiosk" / "sneaky.py").write_text("from backend import models\nimport django\n")
    (tmp_path / "backend" / "models.py").write_text("")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "kiosk.sneaky -> backend" in result.stdout
    assert "kiosk.sneaky -> django" in result.stdout


def pyproject_contracts() -> list[dict[str, object]]:
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    return list(data["tool"]["importlinter"]["contracts"])


def test_a_screen_importing_the_app_is_caught(tmp_path: Path) -> None:
    """The kiosk's layers: a screen that reaches up into the app (even for a type) breaks the contract."""
    shutil.copytree(ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "kiosk" / "screens" / "sneaky.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kiosk.app import KioskApp\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "kiosk.screens.sneaky -> kiosk.app" in result.stdout, result.stdout
