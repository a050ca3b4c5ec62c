"""Packages: nothing written outside the chosen directories, and no silent downgrade (issue 11, items 7 and 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, seed

from tui.translation.errors import PackageError
from tui.translation.packages import install_package, installed_packages


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_install_translate_list_remove_create_nothing_outside_packages_dir(tiny_kit, tmp_path: Path):
    """A fresh home with no XDG variables: argostranslate would create
    ~/.local/share/argos-translate, ~/.config/argos-translate,
    ~/.local/cache/argos-translate and onnxruntime's ~/.cache/Microsoft/… ."""
    home = tmp_path / "home"
    home.mkdir()
    packages = tmp_path / "packages"
    cache = tmp_path / "tandem-cache"
    archive = tiny_kit.archive("de", "en")
    article = tmp_path / "article.txt"
    article.write_text(seed("002").read_text(encoding="utf-8")[:600], encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "ARGOS_")) and key not in ("TANDEM_CACHE_DIR",)
    }
    env.update(HOME=str(home), TANDEM_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    script = """
import sys
from tui.cli import main
packages, archive, article = sys.argv[1:4]
assert main(["models", "install", archive, "--packages-dir", packages]) == 0
assert main(["models", "list", "--packages-dir", packages]) == 0
assert main(["translate", article, "--from", "de", "--packages-dir", packages]) == 0
assert main(["show", article, "--json", "--no-language", "--packages-dir", packages]) == 0
assert main(["models", "remove", "translate-de_en", "--packages-dir", packages]) == 0
loaded = sorted(m for m in sys.modules if m.startswith(("argostranslate.", "onnxruntime", "minisbd")))
print("LOADED", loaded)
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(packages), str(archive), str(article)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "LOADED ['argostranslate.tokenizer']" in done.stdout
    assert _tree(home) == []
    assert installed_packages(packages) == []  # removed again, and nothing else left behind
    assert sorted(p.name for p in packages.iterdir()) == []


def test_a_downgrade_is_refused_unless_asked_for(tiny_kit, tmp_path: Path):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("ar", "en", version="1.9"), root)
    with pytest.raises(PackageError, match=r"version 1\.2 is older than the installed translate-ar_en v1\.9"):
        install_package(tiny_kit.archive("ar", "en", version="1.2"), root)
    assert [p.version for p in installed_packages(root)] == ["1.9"]
    # The same version again, or a newer one, installs as before.
    install_package(tiny_kit.archive("ar", "en", version="1.9"), root)
    done = install_package(tiny_kit.archive("ar", "en", version="1.10"), root)
    assert [p.version for p in done.replaced] == ["1.9"]
    # On purpose: allowed, and it says what it replaced.
    done = install_package(tiny_kit.archive("ar", "en", version="1.2"), root, allow_downgrade=True)
    assert done.package.version == "1.2" and [p.version for p in done.replaced] == ["1.10"]
    assert [p.version for p in installed_packages(root)] == ["1.2"]
