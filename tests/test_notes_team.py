"""Working as a team from the shell: ``tandem notes`` on the PostgreSQL server,
authors in every listing and export, ``notes migrate``, and the config entries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import seed

from tui.cli import main
from tui.config import load_config, parse_config


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["notes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config_as(tmp_path: Path, monkeypatch):
    """Point TANDEM_CONFIG at a config file with the given body."""

    def write(body: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(body, encoding="utf-8")
        monkeypatch.setenv("TANDEM_CONFIG", str(path))
        return path

    return write


def add(capsys, location: str, paragraph: int, label: str, note: str = "") -> str:
    code, out, err = run(
        capsys, "add", "--notes-db", location, "--article", str(seed("002")), "--paragraph", str(paragraph),
        "--label", label, "--note", note,
    )  # fmt: skip
    assert code == 0, err
    return out.strip()


@pytest.mark.postgres
def test_two_analysts_share_the_server_and_every_export_names_the_author(capsys, pg_url: str, config_as, tmp_path):
    config_as('author = "alice"\n')
    first = add(capsys, pg_url, 1, "disputed", "alice checks the date")
    config_as('author = "bob"\n')
    second = add(capsys, pg_url, 3, "verified", "bob confirmed")

    code, out, _ = run(capsys, "list", "--notes-db", pg_url)
    assert code == 0
    assert "BY" in out.splitlines()[0]
    assert any(line.startswith(first[:8]) and " alice " in line for line in out.splitlines())
    assert any(line.startswith(second[:8]) and " bob " in line for line in out.splitlines())

    code, out, _ = run(capsys, "list", "--json", "--author", "bob", "--notes-db", pg_url)
    assert [(r["id"], r["author"]) for r in json.loads(out)] == [(second, "bob")]

    code, jsonl, _ = run(capsys, "export", "--format", "jsonl", "--notes-db", pg_url)
    assert {json.loads(line)["author"] for line in jsonl.splitlines()} == {"alice", "bob"}
    code, table, _ = run(capsys, "export", "--format", "csv", "--notes-db", pg_url)
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {(r["id"], r["author"]) for r in rows} == {(first, "alice"), (second, "bob")}
    code, md, _ = run(capsys, "export", "--format", "md", "--notes-db", pg_url)
    assert "— disputed — by alice" in md and "— verified — by bob" in md


@pytest.mark.postgres
def test_sqlite_notes_move_to_the_server_with_migrate_or_export_import(capsys, pg_url: str, tmp_path: Path, config_as):
    config_as('author = "alice"\n')
    local = str(tmp_path / "mine.sqlite3")
    kept = add(capsys, local, 1, "disputed", "mine")
    gone = add(capsys, local, 2, "verified")
    from tui.notes.opening import open_notes_store

    with open_notes_store(local) as store:
        store.delete(gone)

    code, out, err = run(capsys, "migrate", "--notes-db", local, "--to", pg_url)
    assert code == 0, err
    assert "2 annotations" in out and "2 added" in out and "secret" not in out
    code, out, _ = run(capsys, "migrate", "--notes-db", local, "--to", pg_url)
    assert "0 added" in out and "2 unchanged" in out  # running it again adds nothing

    code, out, _ = run(capsys, "list", "--json", "--all", "--notes-db", pg_url)
    records = {r["id"]: r for r in json.loads(out)}
    assert records[kept]["note"] == "mine" and records[kept]["author"] == "alice"
    assert records[gone]["deleted"] is True  # the tombstone travelled too

    # The other way documented in the README: export | import.
    export = tmp_path / "mine.jsonl"
    assert run(capsys, "export", "--format", "jsonl", "-o", str(export), "--notes-db", pg_url)[0] == 0
    back = str(tmp_path / "back.sqlite3")
    code, out, _ = run(capsys, "import", str(export), "--notes-db", back)
    assert code == 0 and "2 added" in out


def test_the_config_names_the_stores_and_the_author_and_refuses_passwords(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(
        'notes_db = "postgresql://alice@db.example/tandem"\n'
        'translations_db = "postgresql://alice@db.example/tandem"\n'
        'author = "Alice A."\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.problems == ()
    assert config.notes_db == config.translations_db == "postgresql://alice@db.example/tandem"
    assert config.author == "Alice A."
    bad = parse_config({"notes_db": "postgresql://alice:hunter2@db/t", "author": 3, "translations_db": ""})
    assert bad.notes_db is None and bad.author is None and bad.translations_db is None
    text = "\n".join(bad.problems)
    assert "pgpass" in text and "author" in text and "translations_db" in text and "hunter2" not in text


def test_a_password_on_the_command_line_is_refused(capsys):
    code, _, err = run(capsys, "list", "--notes-db", "postgresql://alice:hunter2@127.0.0.1:1/team")
    assert code == 1 and "pgpass" in err and "hunter2" not in err


def test_the_config_file_chooses_the_store_when_no_option_is_given(capsys, config_as, tmp_path, monkeypatch):
    monkeypatch.delenv("TANDEM_NOTES_DB", raising=False)
    db = tmp_path / "from-config.sqlite3"
    config_as(f'notes_db = "{db}"\nauthor = "carol"\n')
    code, out, _ = run(
        capsys, "add", "--article", str(seed("002")), "--paragraph", "1", "--label", "1"
    )  # no --notes-db
    assert code == 0 and db.exists()
    (record,) = json.loads(run(capsys, "list", "--json")[1])
    assert record["author"] == "carol"


@pytest.mark.postgres
def test_a_note_the_server_did_not_take_is_kept_with_its_author(capsys, config_as, tmp_path, monkeypatch):
    import socket

    monkeypatch.setenv("TANDEM_UNSAVED_NOTES", str(tmp_path / "unsaved.jsonl"))
    config_as('author = "alice"\n')
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"postgresql://alice@127.0.0.1:{probe.getsockname()[1]}/team"
    code, _, err = run(
        capsys, "add", "--notes-db", dead, "--article", str(seed("002")), "--paragraph", "1", "--label", "1",
        "--note", "typed while the server was down",
    )  # fmt: skip
    assert code == 1 and "cannot reach the notes server" in err and "unsaved.jsonl" in err
    (line,) = (tmp_path / "unsaved.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert (record["note"], record["author"]) == ("typed while the server was down", "alice")
