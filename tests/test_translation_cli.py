"""``tandem translate``: resumable, honest exit codes, missing-package message."""

from __future__ import annotations

import shutil

from tinymodel import SEEDS

from tui.cli import main
from tui.translation.engine import default_pool
from tui.translation.packages import install_package


def seed_copy(tmp_path, prefix):
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    target = tmp_path / "articles" / path.name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(path, target)
    return target


def test_translate_is_resumable(packages_dir, cache_dir, tmp_path, capsys):
    article = seed_copy(tmp_path, "000")
    pool = default_pool()
    args = ["translate", str(article), "--packages-dir", str(packages_dir), "--from", "ar"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "✓ 000_9466c648f5ef6891 ar→en argos translate-ar_en v1.0: 19/19 paragraphs (0 from cache)" in out
    calls = pool.calls
    assert main(args) == 0
    assert "19/19 paragraphs (19 from cache)" in capsys.readouterr().out
    assert pool.calls == calls  # nothing sent to the model again
    # Edit one paragraph: only that one is translated.
    lines = article.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    lines[first] = "عنوان جديد."
    article.write_text("\n".join(lines), encoding="utf-8")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "19/19 paragraphs (18 from cache), 1 earlier translation(s) of changed text ignored" in out
    assert pool.calls == calls + 1
    assert (cache_dir / "translations" / "translations.sqlite3").is_file()


def test_missing_package_fails_with_install_command(tiny_kit, cache_dir, tmp_path, capsys):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("ar", "en"), root)
    files = [seed_copy(tmp_path, "004"), seed_copy(tmp_path, "001")]
    code = main(["translate", *map(str, files), "--packages-dir", str(root)])  # languages detected
    out = capsys.readouterr().out
    assert code == 1
    assert "✓ 004_ee4b25cc75a8d953 ar→en" in out
    assert "✗ 001_040e5e524f598d68: No Argos model for fa→en is installed." in out
    assert "tandem models install PATH/TO/FILE.argosmodel" in out


def test_pivot_target_and_folder_argument(packages_dir, cache_dir, tmp_path, capsys):
    seed_copy(tmp_path, "001")
    code = main(
        ["translate", str(tmp_path / "articles"), "--to", "de", "--from", "fa", "--packages-dir", str(packages_dir)]
    )
    assert code == 0
    assert "argos translate-fa_en+translate-en_de v1.0+1.0 via en" in capsys.readouterr().out


def test_same_language_is_not_a_failure(packages_dir, cache_dir, tmp_path, capsys):
    article = seed_copy(tmp_path, "002")
    assert main(["translate", str(article), "--to", "de", "--from", "de", "--packages-dir", str(packages_dir)]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_unreadable_file_fails(packages_dir, cache_dir, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["translate", str(missing), "--packages-dir", str(packages_dir)]) == 1
    assert "✗ nope" in capsys.readouterr().out


def test_reference_engine_reports_coverage(cache_dir, tmp_path, capsys):
    code = main(["translate", str(SEEDS), "--engine", "reference", "--from", "ar"])
    out = capsys.readouterr().out
    assert "✓ 000_9466c648f5ef6891 reference: 19/19 paragraphs" in out
    assert code == (0 if out.count("✓") == 5 else 1)
    assert (
        main(
            [
                "translate",
                str(SEEDS / "000_9466c648f5ef6891.txt"),
                "--engine",
                "reference",
                "--to",
                "sv",
                "--from",
                "ar",
            ]
        )
        == 1
    )
    assert "no reference translation into sv" in capsys.readouterr().out


def test_translate_indexes_the_translation_it_has_without_looking_it_up_again(
    packages_dir, cache_dir, tmp_path, capsys, monkeypatch
):
    import json

    import tui.translation.service
    from tui.translation.store import TranslationStore

    article = seed_copy(tmp_path, "000")
    index = str(tmp_path / "index.sqlite3")
    lookups = []
    real = TranslationStore.lookup

    def counted(self, key, hashes):
        lookups.append(key)
        return real(self, key, hashes)

    with monkeypatch.context() as patch:
        patch.setattr(TranslationStore, "lookup", counted)
        patch.setattr(tui.translation.service, "best_translation", None)  # the search's cache lookup: not called
        args = ["translate", str(article), "--from", "ar", "--packages-dir", str(packages_dir), "--index", index]
        assert main(args) == 0
    assert "19/19 paragraphs" in capsys.readouterr().out
    assert len(lookups) == 1  # translate_article's own, before translating
    assert main(["search", "الحديدية", str(article), "--index", index, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["articles"][0]["hits"]
    assert {hit["side"] for hit in hits} == {"original", "translation"}  # the tiny model copies its source
