"""Every command reads its files through one helper: an unreadable file is reported, the others are done.

Each command is run on a folder (or, for those taking single files, a file)
holding one unreadable file -- a PDF, which tandem does not read -- beside a
readable article, and must say ``tandem CMD: PATH: binary file (PDF
document)`` once on stderr and still do its work on the readable one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tinymodel import SEEDS

from tui.cli import main
from tui.commands.articles import ArticleFiles, article_files, load_one, unreadable_message
from tui.inert import inert

REASON = "binary file (PDF document)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """``mixed/``: ``a_bad.pdf`` (unreadable) and the Arabic seed 000 (readable, with a reference translation)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_bad.pdf").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    (seed,) = SEEDS.glob("000_*.txt")
    shutil.copy(seed, folder / seed.name)
    return folder


def reported(err: str, command: str, path: Path) -> bool:
    """The one line for ``path``, said exactly once."""
    line = f"tandem {command}: {path}: {REASON}"
    return err.count(line) == 1


def test_claims_continues(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(folder), "--json", "--language", "ar"]) == 1
    out, err = capsys.readouterr()
    assert reported(err, "claims", folder / "a_bad.pdf")
    assert {r["article"] for r in json.loads(out)} == {"000_9466c648f5ef6891"}


def test_stories_continues(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", str(folder), "--json", "--embeddings", "none"]) == 1
    out, err = capsys.readouterr()
    assert reported(err, "stories", folder / "a_bad.pdf")
    record = json.loads(out)
    assert list(record["articles"]) == ["000_9466c648f5ef6891"]
    assert record["unreadable"] == [{"id": "a_bad", "path": str(folder / "a_bad.pdf"), "error": REASON}]


def test_translate_continues(folder: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(folder), "--engine", "reference", "--from", "ar"]) == 1
    out, err = capsys.readouterr()
    assert reported(err, "translate", folder / "a_bad.pdf")
    assert f"✗ a_bad: {REASON}" in out  # stdout has a result line for every file
    assert "✓ 000_9466c648f5ef6891 reference: 19/19 paragraphs" in out


def test_index_continues(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "index.sqlite3"
    assert main(["index", str(folder), "--index", str(db), "--quiet", "--no-languages", "-j", "1"]) == 0
    out, err = capsys.readouterr()
    assert reported(err, "index", folder / "a_bad.pdf")
    assert "2 articles: 2 read, 0 unchanged (from the index), 1 not readable" in out
    assert f"  {folder / 'a_bad.pdf'}: {REASON}" in out


def test_search_continues(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "index.sqlite3"
    assert main(["search", "railcar freight", str(folder), "--index", str(db), "--json"]) == 0
    out, err = capsys.readouterr()
    assert reported(err, "search", folder / "a_bad.pdf")
    assert [a["id"] for a in json.loads(out)["articles"]] == ["000_9466c648f5ef6891"]


def test_show_reports_and_still_gives_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "a_bad.pdf"
    assert main(["show", str(bad), "--json", "--no-language"]) == 1
    out, err = capsys.readouterr()
    assert reported(err, "show", bad)
    assert json.loads(out)["error"] == REASON  # scripts still get a record
    assert main(["show", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and reported(err, "show", bad)


def test_align_reports_each_unreadable_file(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad, missing = folder / "a_bad.pdf", tmp_path / "missing.txt"
    assert main(["align", str(bad), str(missing)]) == 1
    _, err = capsys.readouterr()
    assert reported(err, "align", bad) and f"tandem align: {missing}: file not found" in err


def test_notes_reports_the_unreadable_article(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad, db = folder / "a_bad.pdf", str(tmp_path / "notes.sqlite3")
    assert main(["notes", "add", "--notes-db", db, "--article", str(bad), "--paragraph", "1", "--label", "1"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and reported(err, "notes", bad)
    assert main(["notes", "list", "--notes-db", db, "--article", str(bad)]) == 1
    assert reported(capsys.readouterr().err, "notes", bad)


# -- the helper itself ------------------------------------------------------------------


def test_helper_yields_readable_keeps_unreadable(folder: Path) -> None:
    said: list[str] = []
    files = article_files("x", [folder, folder / "nope.txt"], say=said.append)
    assert [p.name for p in files.files] == ["000_9466c648f5ef6891.txt", "a_bad.pdf", "nope.txt"]
    assert files.status == 0  # nothing read yet
    assert [a.id for a in files] == ["000_9466c648f5ef6891"]
    assert [a.id for a in files.unreadable] == ["a_bad", "nope"] and files.status == 1
    assert said == [f"tandem x: {folder / 'a_bad.pdf'}: {REASON}", f"tandem x: {folder / 'nope.txt'}: file not found"]


def test_each_gives_every_article_in_order(folder: Path) -> None:
    said: list[str] = []
    files = article_files("x", [folder], say=said.append)
    assert [(a.id, a.ok) for a in files.each()] == [("000_9466c648f5ef6891", True), ("a_bad", False)]
    assert len(said) == 1 and len(files) == 2


def test_a_hostile_file_name_is_reported_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = tmp_path / "x\x1b]0;pwned\x07\u202e.pdf"
    hostile.write_bytes(b"%PDF-1.4\n\x00")
    assert load_one("notes", hostile) is None
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err and REASON in err
    (article,) = ArticleFiles("show", [hostile]).each()
    assert "\x1b" not in unreadable_message("show", article)


@pytest.mark.parametrize(
    "argv",
    [
        ["claims", "{dir}", "--language", "en"],
        ["stories", "{dir}", "--embeddings", "none"],
        ["translate", "{dir}", "--engine", "reference"],
        ["index", "{dir}", "--index", "{tmp}/i.sqlite3", "--quiet", "--no-languages", "-j", "1"],
        ["search", "word", "{dir}", "--index", "{tmp}/i.sqlite3"],
        ["show", "{file}"],
        ["align", "{file}", "{file}"],
        ["notes", "list", "--notes-db", "{tmp}/n.sqlite3", "--article", "{file}"],
    ],
    ids=lambda argv: argv[0],
)
def test_every_command_reports_through_the_helper(
    argv: list[str], tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The helper's line, made inert, is what each command says (a file name is data too)."""
    folder = tmp_path / "only"
    folder.mkdir()
    hostile = folder / "x\x1b[2J\u202e.pdf"
    hostile.write_bytes(b"%PDF-1.4\n\x00")
    values = {"dir": str(folder), "file": str(hostile), "tmp": str(tmp_path)}
    main([part.format(**values) for part in argv])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert err.count(f"tandem {argv[0]}: {inert(str(hostile))}: {REASON}") == (2 if argv[0] == "align" else 1)
