"""The code checks run as tests, so the README's one test command runs them.

ruff (lint and format), mypy (the project's settings in ``pyproject.toml``:
the domain packages strict) and the import contract (no module outside
``tui/ui/`` imports Textual; nothing in the domain imports the UI). Each runs
as a child process from the repository root, with this interpreter's tools.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
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


def test_every_worker_names_itself() -> None:
    """Textual's ``@work`` describes a worker by the ``repr`` of its arguments
    unless given a ``description``, on the event loop, at each call: an
    article of 200,000 paragraphs took 0.34 s to ``repr``, a list of 5,000
    articles longer. Every worker in the UI says what it does instead."""
    found = 0
    for path in sorted((ROOT / "tui" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "work":
                found += 1
                keywords = {keyword.arg for keyword in node.keywords}
                assert "description" in keywords, f"{path}:{node.lineno}: @work without a description"
    assert found >= 5


@pytest.mark.slow
def test_mypy() -> None:
    done = run(sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0].strip() for block in section.split("```sh\n")[1:]]


def test_ci_runs_the_readmes_test_command() -> None:
    open_command, test_command = readme_commands()
    last = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last == test_command


def test_the_open_command_installs_only_when_pyproject_changed(tmp_path: Path) -> None:
    """Issue 12 item 15: the open command re-ran pip every time (25 s). Run it
    with stand-ins for python3, pip and tandem that log their calls."""
    open_command, _ = readme_commands()
    log = tmp_path / "log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_venv = (
        "#!/bin/sh\n"
        f'echo venv >> "{log}"\n'
        "mkdir -p .venv/bin\n"
        f"printf '#!/bin/sh\\necho pip >> \"{log}\"\\n' > .venv/bin/pip\n"
        f"printf '#!/bin/sh\\necho tandem >> \"{log}\"\\n' > .venv/bin/tandem\n"
        "chmod +x .venv/bin/pip .venv/bin/tandem\n"
    )
    (bin_dir / "python3").write_text(fake_venv)
    (bin_dir / "python3").chmod(0o755)
    work = tmp_path / "clone"
    work.mkdir()
    (work / "pyproject.toml").write_text("[project]\n")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}

    def run() -> list[str]:
        log.write_text("")
        subprocess.run(["sh", "-c", open_command], cwd=work, env=env, check=True, timeout=60)
        return log.read_text().split()

    assert run() == ["venv", "pip", "tandem"]
    assert run() == ["tandem"], "nothing changed: no pip"
    later = time.time() + 5
    os.utime(work / "pyproject.toml", (later, later))
    assert run() == ["venv", "pip", "tandem"], "pyproject.toml changed: install again"
