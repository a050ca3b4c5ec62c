"""``tandem claims PATH… [--json] [--kind …]`` through the CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.claims.model import FIELDS
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["claims", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_schema_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    path = seed("004")
    records = run_json(capsys, str(path))
    assert records
    paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in records:
        assert list(r) == list(FIELDS)
        assert r["article"] == path.stem
        assert paragraphs[r["paragraph"]][r["start"] : r["end"]] == r["text"]
        assert isinstance(r["reasons"], list) and 0 <= r["score"] <= 1
    by_text = {r["text"]: r for r in records}
    assert by_text["800 متر"]["value"] == 800 and by_text["800 متر"]["unit"] == "m"
    assert by_text["5 نوفمبر"]["value"] == "--11-05"
    denial = next(r for r in records if r["kind"] == "denial")
    assert denial["source"] == "كوريا الديمقراطية"
    start, end = denial["qualifies"]
    assert 0 <= start < end <= len(paragraphs[denial["paragraph"]])


def test_kind_filter_repeatable_and_comma_separated(capsys: pytest.CaptureFixture[str]) -> None:
    records = run_json(capsys, str(SEEDS), "--kind", "date,time", "--kind", "percent")
    assert {r["kind"] for r in records} == {"date", "time", "percent"}
    assert {r["article"][:3] for r in records} == {"000", "001", "002", "003", "004"}


def test_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["claims", str(seed("000")), "--kind", "rumour"])
    assert exc.value.code == 2
    assert "unknown kind 'rumour'" in capsys.readouterr().err


def test_language_option_skips_detection(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("zwischen 1.500 und 3\n", encoding="utf-8")
    records = run_json(capsys, str(article), "--language", "de")
    assert [r["value"] for r in records] == [1500, 3]
    records = run_json(capsys, str(article), "--language", "en")
    assert [r["value"] for r in records] == [1.5, 3]


def test_table_makes_article_text_inert(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "evil.txt"
    article.write_text("\x1b]0;pwned\x07 73 tanks \x1b[2J said \u202eJo\n", encoding="utf-8")
    assert main(["claims", str(article), "--language", "en"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "73 tanks" in out


def test_unreadable_file_reports_and_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["claims", str(missing), str(seed("001")), "--json"]) == 1
    out = capsys.readouterr()
    assert "missing.txt" in out.err
    assert json.loads(out.out)  # the readable article's claims are still printed


def test_min_score(capsys: pytest.CaptureFixture[str]) -> None:
    records = run_json(capsys, str(seed("001")), "--min-score", "0.8")
    assert records and all(r["score"] >= 0.8 for r in records)


def test_table_numbers_paragraphs_from_one_json_from_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "two.txt"
    article.write_text("No figures here at all.\n\nThey counted 73 tanks.\n", encoding="utf-8")
    (record,) = [r for r in run_json(capsys, str(article), "--language", "en") if r["kind"] == "quantity"]
    assert record["paragraph"] == 1  # JSON: the 0-based index
    assert main(["claims", str(article), "--language", "en", "--kind", "quantity"]) == 0
    (row,) = [line for line in capsys.readouterr().out.splitlines() if "73 tanks" in line]
    assert row.split()[0] == "2"  # the table: the second paragraph, as on screen


def test_language_without_rules_is_said_in_table_and_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "es.txt"
    article.write_text("El 25.10.2023 murieron 1.234 personas y el 30 % a las 16:00.\n", encoding="utf-8")
    assert main(["claims", str(article), "--language", "es"]) == 0
    out = capsys.readouterr().out
    assert "# note: tandem has no claim rules for Spanish: only language-independent values" in out
    assert "1234" not in out and "= 1.234" not in out  # an ambiguous separator gives no value
    records = run_json(capsys, str(article), "--language", "es")  # stdout stays one JSON array
    assert {r["kind"] for r in records} == {"date", "percent", "time"}
    assert main(["claims", str(article), "--language", "es", "--json"]) == 0
    captured = capsys.readouterr()
    assert "no claim rules for Spanish" in captured.err and "no claim rules" not in captured.out


def test_supported_language_has_no_note(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "fr.txt"
    article.write_text("Le 25 octobre 2023, 1 234 personnes sont mortes.\n", encoding="utf-8")
    assert main(["claims", str(article), "--language", "fr"]) == 0
    captured = capsys.readouterr()
    assert "note" not in captured.out and captured.err == ""
