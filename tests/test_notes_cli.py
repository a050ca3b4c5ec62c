"""``tandem notes`` end to end, in process: add, list, export, import, and refusals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import seed

from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["notes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes.sqlite3"


def test_add_list_export_import_round_trip(capsys, db: Path, tmp_path: Path):
    code, out, err = run(
        capsys,
        "add",
        "--notes-db",
        str(db),
        "--article",
        str(seed("002")),
        "--paragraph",
        "4",
        "--quote",
        "Kim-Putin-Gipfel",
        "--label",
        "2",
        "--note",
        "\x1b[2Jwho says?",
        "--language",
        "de",
    )
    assert code == 0, err
    first = out.strip()
    assert len(first) == 32
    code, out, _ = run(
        capsys,
        "--notes-db",
        str(db),
        "add",
        "--article",
        str(seed("000")),
        "--paragraph",
        "2",
        "--label",
        "Important",
    )
    assert code == 0
    second = out.strip()

    code, out, _ = run(capsys, "list", "--notes-db", str(db))
    assert code == 0
    assert first[:8] in out and second[:8] in out and "disputed" in out and "important" in out
    assert "\x1b" not in out and "\u241b[2Jwho says?" in out
    assert "(whole paragraph)" in out
    # Paragraphs are numbered from 1 in the table, as on screen (index 3 is ¶ 4).
    assert any(first[:8] in line and "   4  exact" in line for line in out.splitlines())

    code, out, _ = run(capsys, "list", "--json", "--notes-db", str(db))
    records = json.loads(out)
    assert [r["id"] for r in records] == [first, second]
    assert records[0]["note"] == "\x1b[2Jwho says?"  # data stays verbatim, escaped in JSON
    assert records[0]["attached"] == {"paragraph": 3, "start": records[0]["start"], "end": records[0]["end"]}
    # JSON keeps the 0-based index; the language is stored only when given (no detector per add).
    assert records[0]["paragraph"] == 3 and records[1]["paragraph"] == 1
    assert records[0]["language"] == "de" and records[0]["status"] == "exact"
    assert records[1]["language"] is None

    code, out, _ = run(capsys, "list", "--json", "--label", "important", "--notes-db", str(db))
    assert [r["id"] for r in json.loads(out)] == [second]
    code, out, _ = run(capsys, "list", "--json", "--article", str(seed("002")), "--notes-db", str(db))
    assert [r["id"] for r in json.loads(out)] == [first]

    export = tmp_path / "out.jsonl"
    assert run(capsys, "export", "--format", "jsonl", "-o", str(export), "--notes-db", str(db))[0] == 0
    code, md, _ = run(capsys, "export", "--format", "md", "--notes-db", str(db))
    assert (
        code == 0
        and "## 002_" in md
        and "Translation (reference translation (bundled, not machine output))" in md
        and "Kim-Putin" in md
    )
    code, table, _ = run(capsys, "export", "--format", "csv", "--notes-db", str(db))
    assert code == 0 and table.count("\n") == 3

    other = tmp_path / "other.sqlite3"
    code, out, _ = run(capsys, "import", str(export), "--notes-db", str(other))
    assert code == 0 and out.startswith("2 added, 0 updated, 0 unchanged")
    code, out, _ = run(capsys, "import", str(export), "--notes-db", str(other))
    assert code == 0 and out.startswith("0 added, 0 updated, 2 unchanged")
    code, out, _ = run(capsys, "list", "--json", "--notes-db", str(other))
    assert [r["id"] for r in json.loads(out)] == [first, second]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paragraph", "99", "--label", "1"], "paragraph 99 is out of range"),
        (["--paragraph", "0", "--label", "1"], "has 24 paragraphs (1-24)"),
        (["--paragraph", "-1", "--label", "1"], "out of range"),
        (["--paragraph", "2", "--quote", "not in there", "--label", "1"], "the quote is not in paragraph 2"),
        (["--paragraph", "2", "--label", "maybe"], "unknown label 'maybe'; use one of: 1 verified"),
        (["--paragraph", "7", "--quote", "Russland", "--label", "1"], "occurs 2 times in paragraph 7"),
        (["--paragraph", "7", "--quote", "Russland", "--occurrence", "3", "--label", "1"], "occurs 2 time"),
    ],
)
def test_add_refuses_bad_input_clearly(capsys, db: Path, args: list[str], message: str):
    code, out, err = run(capsys, "add", "--notes-db", str(db), "--article", str(seed("002")), *args)
    assert code == 1 and out == ""
    assert message in err
    code, out, _ = run(capsys, "list", "--json", "--notes-db", str(db))
    assert json.loads(out) == []


def test_add_picks_the_chosen_occurrence(capsys, db: Path):
    code, out, _ = run(
        capsys,
        "add",
        "--notes-db",
        str(db),
        "--article",
        str(seed("002")),
        "--paragraph",
        "7",
        "--quote",
        "Russland",
        "--occurrence",
        "2",
        "--label",
        "verified",
    )
    assert code == 0
    (record,) = json.loads(run(capsys, "list", "--json", "--notes-db", str(db))[1])
    text = seed("002").read_text(encoding="utf-8")
    paragraph = [line.strip() for line in text.splitlines() if line.strip()][6]  # ¶ 7
    assert record["paragraph"] == 6
    assert record["start"] == paragraph.index("Russland", paragraph.index("Russland") + 1)


def test_missing_article_and_environment_database(capsys, db: Path, monkeypatch):
    code, _, err = run(
        capsys, "add", "--article", "/no/such.txt", "--paragraph", "1", "--label", "1", "--notes-db", str(db)
    )
    assert code == 1 and "file not found" in err
    monkeypatch.setenv("TANDEM_NOTES_DB", str(db))
    code, out, _ = run(capsys, "add", "--article", str(seed("004")), "--paragraph", "1", "--label", "5")
    assert code == 0 and db.is_file()
    code, out, _ = run(capsys, "list")
    assert "004_" in out


def test_a_foreign_database_is_reported_and_untouched(capsys, tmp_path: Path):
    foreign = tmp_path / "thesis.docx"
    foreign.write_bytes(b"PK\x03\x04 not yours")
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    code, out, err = run(capsys, "list", "--notes-db", str(foreign))
    assert code == 1 and out == ""
    assert "not a tandem notes database" in err and "left untouched" in err
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before


def test_export_never_writes_over_the_database(capsys, db: Path):
    run(capsys, "add", "--notes-db", str(db), "--article", str(seed("004")), "--paragraph", "1", "--label", "1")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = run(capsys, "export", "--format", "md", "-o", str(db), "--notes-db", str(db))
    assert code == 1 and "is the notes database itself" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_import_of_a_broken_file_reports_lines_and_fails(capsys, db: Path, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": 1}\nnot json\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", str(bad), "--notes-db", str(db))
    assert code == 1
    assert "0 added" in out and "line 1: missing" in out and "line 2: not JSON" in out
    code, _, err = run(capsys, "import", str(tmp_path / "nope.jsonl"), "--notes-db", str(db))
    assert code == 1 and "cannot read" in err


def test_add_does_not_load_the_language_detector(tmp_path: Path):
    """The detector cost ~1 s of CPU per note; the language comes from --language instead."""
    import subprocess
    import sys

    from conftest import ROOT

    script = (
        "import sys; from tui.cli import main; "
        "code = main(['notes', 'add', '--notes-db', sys.argv[1], '--article', sys.argv[2], "
        "'--paragraph', '2', '--label', '1', '--language', 'de']); "
        "print(code, 'lingua' in sys.modules, 'tui.language' in sys.modules, 'tui.boilerplate' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "n.sqlite3"), str(seed("002"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    identifier, *flags = done.stdout.split()
    assert len(identifier) == 32 and flags == ["0", "False", "False", "False"], done.stderr
    code, out, _ = run_json_list(tmp_path / "n.sqlite3")
    assert code == 0 and out[0]["language"] == "de" and out[0]["paragraph"] == 1


def run_json_list(db: Path) -> tuple[int, list[dict], str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["notes", "list", "--json", "--notes-db", str(db)])
    return code, json.loads(out.getvalue()), err.getvalue()


def test_help_points_to_import_for_bulk(capsys):
    for argv in (["notes", "--help"], ["notes", "add", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "tandem notes import FILE" in " ".join(out.split())
    with pytest.raises(SystemExit):
        main(["notes", "add", "--help"])
    assert "1 = first" in capsys.readouterr().out
