"""Argos packages: install from a local file, list, remove; unsafe archives refused."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tinymodel import REPO, environment_for_subprocess

from tui.cli import main
from tui.translation.errors import PackageError
from tui.translation.packages import (
    STAGING_PREFIX,
    check_archive,
    default_packages_dir,
    install_package,
    installed_packages,
    read_package,
    remove_package,
    scan_packages,
)


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def rewrite(archive: Path, out: Path, rename=None, extra: dict[str, bytes] | None = None) -> Path:
    """Copy ``archive`` to ``out`` renaming members and adding ``extra`` ones."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            name = rename(info.filename) if rename else info.filename
            if name is not None:
                dst.writestr(name, src.read(info.filename))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out


def test_install_list_remove_round_trip(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    done = install_package(tiny_kit.archive("ar", "en", version="1.9"), root)
    assert done.replaced == ()
    (info,) = installed_packages(root)
    assert (info.code, info.from_code, info.to_code, info.version) == (
        "translate-ar_en",
        "ar",
        "en",
        "1.9",
    )
    assert info.path.parent == root and (info.path / "model" / "model.bin").is_file()
    assert not [p for p in root.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert remove_package("translate-ar_en", root) == [info]
    assert installed_packages(root) == [] and not info.path.exists()


def test_newer_package_for_same_pair_replaces_older(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    old = install_package(tiny_kit.archive("de", "en", version="1.0"), root).package
    new = install_package(tiny_kit.archive("de", "en", version="1.1"), root)
    assert new.replaced == (old,)
    assert [p.version for p in installed_packages(root)] == ["1.1"]
    assert not old.path.exists()


def test_reinstalling_same_folder_replaces_it(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("de", "en"), root)
    again = install_package(tiny_kit.archive("de", "en"), root)
    assert len(again.replaced) == 1
    assert len(installed_packages(root)) == 1
    assert not [p for p in root.iterdir() if p.name.startswith(".")]


def test_remove_unknown_code_names_what_is_installed(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("de", "en"), root)
    with pytest.raises(PackageError, match="translate-de_en"):
        remove_package("translate-fa_en", root)


def test_missing_directory_lists_nothing_and_creates_nothing(tmp_path):
    assert installed_packages(tmp_path / "absent") == []
    assert not (tmp_path / "absent").exists()


def test_unusable_folders_are_reported_not_listed(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("de", "en"), root)
    (root / "junk").mkdir()
    broken = root / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text('{"from_code": "de"}')
    packages, problems = scan_packages(root)
    assert [p.code for p in packages] == ["translate-de_en"]
    assert {p.name for p, _ in problems} == {"junk", "broken"}
    assert "to_code" in dict((p.name, r) for p, r in problems)["broken"]


# --- refused archives: nothing written outside (or inside) the packages dir ---


def refused(archive: Path, tmp_path: Path, match: str) -> None:
    root = tmp_path / "packages"
    root.mkdir(exist_ok=True)
    before_outside = tree(tmp_path)
    with pytest.raises(PackageError, match=match):
        install_package(archive, root)
    assert tree(tmp_path) == before_outside
    assert list(root.iterdir()) == []


def test_corrupt_zip_is_refused(tiny_kit, tmp_path):
    good = tiny_kit.archive("ar", "en").read_bytes()
    bad = tmp_path / "corrupt.argosmodel"
    # Flip bytes in the middle of the data: the zip directory still reads, CRCs fail.
    middle = len(good) // 2
    bad.write_bytes(good[:middle] + bytes(b ^ 0xFF for b in good[middle : middle + 64]) + good[middle + 64 :])
    refused(bad, tmp_path, "corrupt")


def test_truncated_and_non_zip_files_are_refused(tiny_kit, tmp_path):
    good = tiny_kit.archive("ar", "en").read_bytes()
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(good[: len(good) // 3])
    refused(truncated, tmp_path, "not a zip|corrupt")
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    refused(text, tmp_path, "not a zip")


@pytest.mark.parametrize(
    "evil",
    ["../escaped.txt", "translate-ar_en-1_0/../../escaped.txt", "/tmp/escaped-abs.txt"],
)
def test_zip_slip_members_are_refused(tiny_kit, tmp_path, evil):
    archive = rewrite(tiny_kit.archive("ar", "en"), tmp_path / "slip.argosmodel", extra={evil: b"pwned"})
    refused(archive, tmp_path, "unsafe member")
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert not Path("/tmp/escaped-abs.txt").exists()


def test_symlink_member_is_refused(tiny_kit, tmp_path):
    archive = tmp_path / "link.argosmodel"
    rewrite(tiny_kit.archive("ar", "en"), archive)
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo("translate-ar_en-1_0/model/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    refused(archive, tmp_path, "symbolic link")


def test_archive_without_single_folder_or_model_is_refused(tiny_kit, tmp_path):
    source = tiny_kit.archive("ar", "en")
    flat = rewrite(source, tmp_path / "flat.argosmodel", rename=lambda n: n.split("/", 1)[1] or None)
    refused(flat, tmp_path, "not inside the package folder|one top-level")
    two = rewrite(source, tmp_path / "two.argosmodel", extra={"other/readme.txt": b"x"})
    refused(two, tmp_path, "one top-level folder")
    no_model = rewrite(source, tmp_path / "nomodel.argosmodel", rename=lambda n: None if "model.bin" in n else n)
    refused(no_model, tmp_path, "model.bin")


def test_bad_metadata_is_refused(tiny_kit, tmp_path):
    source = tiny_kit.archive("ar", "en")
    with zipfile.ZipFile(source) as zf:
        top = zf.namelist()[0].split("/")[0]
    broken = rewrite(
        source,
        tmp_path / "meta.argosmodel",
        rename=lambda n: None if n.endswith("metadata.json") else n,
        extra={f"{top}/metadata.json": json.dumps({"from_code": "../x", "to_code": "en"}).encode()},
    )
    refused(broken, tmp_path, "from_code")


def test_check_archive_accepts_the_real_thing(tiny_kit):
    check = check_archive(tiny_kit.archive("fa", "en", version="2.0"))
    assert check.top == "translate-fa_en-2_0"
    assert check.metadata["package_version"] == "2.0"


def test_read_package_requires_model_and_tokenizer(tiny_kit, tmp_path):
    root = tmp_path / "packages"
    info = install_package(tiny_kit.archive("ar", "en"), root).package
    (info.path / "sentencepiece.model").unlink()
    with pytest.raises(PackageError, match="tokenizer"):
        read_package(info.path)


# --- default directory: the same as Argos's -----------------------------------


@pytest.mark.parametrize("mode", ["env", "settings", "xdg"])
def test_default_dir_matches_argostranslate_settings(tmp_path, mode):
    env = environment_for_subprocess(tmp_path / "home")
    env.pop("ARGOS_PACKAGES_DIR")
    if mode == "env":
        env["ARGOS_PACKAGES_DIR"] = str(tmp_path / "from-env")
    elif mode == "settings":
        config = Path(env["XDG_CONFIG_HOME"]) / "argos-translate"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-file")}))
    code = (
        "import argostranslate.settings as s, tui.translation.packages as p;"
        "print(s.package_data_dir); print(p.default_packages_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == out[1]
    expected = {"env": "from-env", "settings": "from-file", "xdg": "packages"}[mode]
    assert Path(out[0]).name == expected


def test_default_dir_reads_environment_without_argos(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "x"))
    assert default_packages_dir() == tmp_path / "x"


# --- CLI ------------------------------------------------------------------------


def test_models_cli(tiny_kit, tmp_path, capsys):
    root = tmp_path / "packages"
    archive = tiny_kit.archive("uk", "en", version="1.4")
    assert main(["models", "list", "--packages-dir", str(root)]) == 0
    assert "No Argos packages" in capsys.readouterr().out
    assert main(["models", "install", str(archive), "--packages-dir", str(root)]) == 0
    assert "installed translate-uk_en v1.4" in capsys.readouterr().out
    assert main(["models", "--packages-dir", str(root), "list"]) == 0
    out = capsys.readouterr().out
    assert "translate-uk_en" in out and "uk→en" in out
    assert main(["models", "remove", "translate-uk_en", "--packages-dir", str(root)]) == 0
    assert "removed translate-uk_en" in capsys.readouterr().out
    assert main(["models", "remove", "translate-uk_en", "--packages-dir", str(root)]) == 1
    assert "no installed package" in capsys.readouterr().err


def test_models_cli_refuses_bad_file_with_message(tmp_path, capsys):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 nonsense")
    assert main(["models", "install", str(bad), "--packages-dir", str(tmp_path / "p")]) == 1
    assert "bad.argosmodel" in capsys.readouterr().err


def test_models_cli_uses_argos_packages_dir_by_default(tiny_kit, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env-dir"))
    assert main(["models", "install", str(tiny_kit.archive("ar", "en"))]) == 0
    assert [p.code for p in installed_packages(tmp_path / "env-dir")] == ["translate-ar_en"]
    assert os.listdir(tmp_path / "env-dir") == ["translate-ar_en-1_0"]
