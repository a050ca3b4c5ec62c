"""``tandem export`` end to end, in process: output places, refusals, exit codes, notes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import seed

from tui.cli import main
from tui.notes.anchor import select
from tui.notes.model import new_annotation
from tui.notes.store import NotesStore


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_notes(tmp_path: Path) -> str:
    return str(tmp_path / "absent-notes.sqlite3")


def test_one_article_goes_to_stdout_as_markdown(capsys, no_notes):
    code, out, err = run(capsys, str(seed("002")), "--notes-db", no_notes)
    assert code == 0, err
    assert out.startswith("# Satellitenbilder zeigen")
    assert "| ¶ | Original (German) |" in out
    assert "- **Translation:** English · reference translation (bundled, not machine output)" in out
    assert not Path(no_notes).exists(), "exporting must not create a notes database"


def test_out_file_is_written_once_and_replaced_only_with_force(capsys, tmp_path, no_notes):
    target = tmp_path / "report.html"
    code, out, err = run(capsys, str(seed("000")), "--out", str(target), "--notes-db", no_notes)
    assert code == 0, err
    assert out == "" and f"wrote {target}" in err
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>")  # the format follows the suffix
    assert 'dir="rtl"' in first

    target.write_text("my edited report", encoding="utf-8")
    code, _, err = run(capsys, str(seed("000")), "--out", str(target), "--notes-db", no_notes)
    assert code == 1
    assert "already exists (use --force to replace it)" in err
    assert target.read_text(encoding="utf-8") == "my edited report"

    code, _, err = run(
        capsys, str(seed("000")), "--out", str(target), "--force", "--format", "md", "--notes-db", no_notes
    )
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_several_articles_need_a_folder_and_get_one_file_each(capsys, tmp_path, no_notes):
    folder = tmp_path / "out"
    code, _, err = run(capsys, str(seed("000")), str(seed("002")), "--notes-db", no_notes)
    assert code == 2
    assert "give --out DIR" in err

    a_file = tmp_path / "file.md"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, str(seed("000")), str(seed("002")), "--out", str(a_file), "--notes-db", no_notes)
    assert code == 2 and "is a file" in err

    code, _, err = run(
        capsys,
        str(seed("000")),
        str(seed("002")),
        "--out",
        str(folder),
        "--layout",
        "interleaved",
        "--notes-db",
        no_notes,
    )
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"{seed('000').stem}.en.md", f"{seed('002').stem}.en.md"]
    assert "### ¶ 1" in (folder / names[0]).read_text(encoding="utf-8")


def test_an_unreadable_file_is_reported_and_the_others_still_written(capsys, tmp_path, no_notes):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(seed("002"), articles / "good.txt")
    (articles / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    code, _, err = run(capsys, str(articles), "--out", str(out) + os.sep, "--notes-db", no_notes)
    assert code == 1
    assert "tandem export:" in err and "bad.txt" in err
    assert [p.name for p in out.iterdir()] == ["good.en.md"]


def test_notes_from_the_store_appear_inline(capsys, tmp_path):
    from tui.loading import load_article

    db = tmp_path / "notes.sqlite3"
    article = load_article(seed("002"))
    start = article.paragraphs[3].text.index("Kim-Putin-Gipfel")
    with NotesStore(db, author="ana") as store:
        store.save(new_annotation(article, select(article, 3, start, start + 16), "disputed", "<b>which</b> summit?"))
    code, out, err = run(capsys, str(seed("002")), "--notes-db", str(db), "--format", "html")
    assert code == 0, err
    assert '<span class="label">disputed</span>' in out
    assert "&lt;b&gt;which&lt;/b&gt; summit?" in out
    assert 'by <span class="author" dir="auto">ana</span>' in out
    code, out, _ = run(capsys, str(seed("002")), "--notes-db", str(db), "--no-notes")
    assert code == 0 and "summit?" not in out and "disputed" not in out


def test_a_target_without_any_translation_says_none_and_how_to_get_one(capsys, no_notes):
    code, out, err = run(capsys, str(seed("002")), "--target", "fr", "--notes-db", no_notes)
    assert code == 0, err
    assert "**Translation:** none (none cached: run \\`tandem translate --target fr\\` on this file)" in out
    assert "Translation (French · none)" in out


def test_bad_options_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(seed("002")), "--format", "pdf"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(seed("002")), "--target", "not a language"])
    assert exit_info.value.code == 2
    capsys.readouterr()


def test_a_cached_machine_translation_heads_the_file_and_the_reference_fills_its_gaps(
    capsys, tmp_path, monkeypatch, no_notes
):
    from tui.loading import load_article
    from tui.textnorm import text_hash
    from tui.translated import Provenance
    from tui.translation.store import StoreKey, TranslationStore

    cache = tmp_path / "translations.sqlite3"
    monkeypatch.setenv("TANDEM_TRANSLATIONS_DB", str(cache))
    article = load_article(seed("002"))
    key = StoreKey.of(Provenance("argos", "translate-de_en", "1.9"), "de", "en")
    texts = {text_hash(article.paragraphs[i].text): f"MACHINE {i + 1}" for i in (1, 2)}
    TranslationStore(cache).save(key, texts)

    code, out, err = run(capsys, str(seed("002")), "--notes-db", no_notes, "--layout", "interleaved")
    assert code == 0, err
    assert "- **Translation:** English · argos translate-de\\_en v1.9" in out  # "_" escaped
    assert f"- {len(article.paragraphs) - 2} paragraphs translated by another source, named on each" in out
    second = out.split("### ¶ 2\n")[1].split("### ¶ 3")[0]
    assert "*Translation · English:*\n\nMACHINE 2" in second
    first = out.split("### ¶ 1")[1].split("### ¶ 2")[0]
    assert "*Translation · English · reference translation (bundled, not machine output):*" in first
    assert "MACHINE" not in first


def test_two_articles_with_the_same_name_get_two_files(capsys, tmp_path, no_notes):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(seed("002"), tmp_path / folder / "same.txt")
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        str(tmp_path / "a" / "same.txt"),
        str(tmp_path / "b" / "same.txt"),
        "--out",
        str(out),
        "--force",
        "--notes-db",
        no_notes,
    )
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["same.en-2.md", "same.en.md"]
