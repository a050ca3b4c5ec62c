"""The code checks run as tests, so the README's one test command runs them.

ruff (lint and format), mypy (the project's settings in ``pyproject.toml``:
the domain packages strict) and the import contract (no module outside
``tui/ui/`` imports Textual; nothing in the domain imports the UI). Each runs
as a child process from the repository root, with this interpreter's tools.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_lint() -> None:
    done = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = run(str(BIN / "ruff"), "format", "--no-cache", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contract() -> None:
    done = run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contract_covers_every_domain_module() -> None:
    """A new module of ``tui`` must be named in the contract (or be the UI or
    an entry point), so the contract cannot silently miss it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    listed = set(contract["source_modules"])
    exempt = {"tui.ui", "tui.cli", "tui.__main__", "tui.__init__"}
    for path in sorted((ROOT / "tui").iterdir()):
        if path.name.startswith(("_", ".")) and path.name != "__main__.py":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            name = f"tui.{path.stem}"
            assert name in listed or name in exempt, f"{name} is not in the import contract"


def test_no_module_outside_the_ui_imports_textual() -> None:
    """The contract's claim, read from the source itself (lazy imports too)."""
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if "ui" in path.relative_to(ROOT / "tui").parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if path.name in ("cli.py", "__main__.py") and name.startswith("tui.ui"):
                    continue
                assert not name.startswith(("textual", "tui.ui")), f"{path}: imports {name}"


@pytest.mark.slow
def test_mypy() -> None:
    done = run(sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr
