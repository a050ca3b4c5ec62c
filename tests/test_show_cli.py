"""``tandem show`` (tui.commands.show) through tui.cli.main and once as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.commands.show import article_record
from tui.loading import load_article, segment
from tui.paths import seeds_dir


def seed(prefix: str) -> Path:
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    return path


def test_json_matches_the_reader_segmentation(capsys: pytest.CaptureFixture[str]) -> None:
    path = seed("002")
    assert main(["show", str(path), "--json"]) == 0
    out = capsys.readouterr()
    record = json.loads(out.out)
    assert out.err == ""
    assert record["id"] == path.stem
    assert record["path"] == str(path)
    assert record["language"] == "de"
    texts = segment(path.read_text(encoding="utf-8"))
    assert [p["text"] for p in record["paragraphs"]] == texts
    assert [p["index"] for p in record["paragraphs"]] == list(range(len(texts)))
    by_index = {p["index"]: p for p in record["paragraphs"]}
    assert by_index[15]["boilerplate"] is True
    assert by_index[15]["boilerplate_reason"] == "app prompt"
    assert by_index[1]["boilerplate"] is False and by_index[1]["boilerplate_reason"] is None
    assert by_index[1]["language"] == "de"
    assert by_index[23]["language"] == "en"
    assert "error" not in record


def test_json_keeps_non_ascii_unescaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed("000")), "--json"]) == 0
    out = capsys.readouterr().out
    assert "انقر هنا" in out
    assert "\\u06" not in out


def test_plain_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed("002"))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "# language: German (de), 24 paragraphs"
    # Numbered from 1, as the reader shows paragraphs (JSON keeps the 0-based index).
    assert lines[2].startswith(" 1  de  Satellitenbilder zeigen")
    assert "16  de  [app prompt]  KLICKEN SIE HIER FÜR DIE FOX NEWS APP" in lines
    assert "24  en  [comment prompt]  Leave a Reply" in lines


def test_plain_listing_makes_escape_sequences_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "esc.txt"
    path.write_text("\x1b[2J\x1b]0;pwned\x07 Text mit Steuerzeichen.\n", encoding="utf-8")
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\u241b[2J" in out
    # JSON keeps the data verbatim (escaped by json.dumps).
    assert main(["show", str(path), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["paragraphs"][0]["text"].startswith("\x1b[2J")


def test_missing_file_exits_1_with_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["show", str(missing)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert "nope.txt: file not found" in out.err


def test_failed_file_in_json_mode_still_prints_a_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["show", str(empty), "--json"]) == 1
    out = capsys.readouterr()
    assert json.loads(out.out)["error"] == "empty file"
    assert "empty file" in out.err


def test_no_language_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed("001")), "--json", "--no-language"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["language"] is None
    assert {p["language"] for p in record["paragraphs"]} == {None}


def test_record_takes_per_paragraph_extras() -> None:
    article = load_article(seed("004"))
    record = article_record(article, {1: {"translation": {"text": "t", "engine": "e", "model": None}}})
    assert record["paragraphs"][1]["translation"] == {"text": "t", "engine": "e", "model": None}
    assert "translation" not in record["paragraphs"][0]


def test_console_script_outputs_utf8_json_under_c_locale() -> None:
    repo = Path(__file__).resolve().parent.parent
    script = Path(sys.executable).with_name("tandem")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    env.pop("PYTHONUTF8", None)
    done = subprocess.run(
        [*command, "show", "seeds/002_9b95b1462cb86349.txt", "--json"],
        capture_output=True,
        cwd=repo,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.decode("utf-8"))
    assert record["language"] == "de"
    assert len(record["paragraphs"]) == 24
    assert record["paragraphs"][15]["text"] == "KLICKEN SIE HIER FÜR DIE FOX NEWS APP"


def test_show_json_carries_translation_with_provenance(capsys):
    import json

    from conftest import seed

    from tui.cli import main

    assert main(["show", str(seed("002")), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    first = record["paragraphs"][0]["translation"]
    assert first["engine"] == "reference" and first["model"] is None
    assert first["text"].startswith("Satellite images show")
    assert all(p["translation"] is not None for p in record["paragraphs"])


def test_show_json_translation_is_null_without_one(tmp_path, capsys):
    import json

    from tui.cli import main

    path = tmp_path / "x.txt"
    path.write_text("Ein Absatz ohne Übersetzung über Züge.\n", encoding="utf-8")
    assert main(["show", str(path), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["paragraphs"][0]["translation"] is None
