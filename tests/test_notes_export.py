"""Export (JSONL, CSV, Markdown brief), idempotent import, labels and sentences."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import seed
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.inert import is_inert
from tui.loading import load_article
from tui.notes.anchor import select
from tui.notes.export import (
    jsonl_line,
    reference_translation_for,
    to_csv,
    to_jsonl,
    to_markdown,
)
from tui.notes.importing import import_file, import_text, parse_jsonl
from tui.notes.labels import DEFAULT, parse_labels
from tui.notes.model import Annotation, new_annotation
from tui.notes.placing import place_all
from tui.notes.sentences import sentence_around
from tui.notes.store import NotesStore


def span_note(article_path: Path, paragraph: int, quote: str, label: str, note: str = "") -> Annotation:
    article = load_article(article_path)
    start = article.paragraphs[paragraph].text.index(quote)
    return new_annotation(article, select(article, paragraph, start, start + len(quote)), label, note)


def whole_note(article_path: Path, paragraph: int, label: str, note: str = "") -> Annotation:
    article = load_article(article_path)
    return new_annotation(article, select(article, paragraph), label, note)


@pytest.fixture
def filled(tmp_path: Path) -> NotesStore:
    store = NotesStore(tmp_path / "a.sqlite3")
    a = store.save(span_note(seed("002"), 3, "Kim-Putin-Gipfel", "disputed", "which summit?\nsee 003"))
    store.save(whole_note(seed("000"), 1, "verified"))
    gone = store.save(span_note(seed("003"), 2, "Beyond Parallel", "important"))
    store.delete(gone.id)
    store.update(a.id, label="false")
    yield store
    store.close()


# -- JSONL and import --------------------------------------------------------------


def test_jsonl_round_trip_into_an_empty_store_is_exact_and_idempotent(filled: NotesStore, tmp_path: Path):
    exported = to_jsonl(filled.list(include_deleted=True))
    assert all(json.loads(line)["format"] == 1 for line in exported.splitlines())
    path = tmp_path / "notes.jsonl"
    path.write_text(exported, encoding="utf-8")
    with NotesStore(tmp_path / "b.sqlite3") as other:
        first = import_file(other, path)
        assert (first.added, first.updated, first.unchanged, first.skipped) == (3, 0, 0, ())
        assert other.list(include_deleted=True) == filled.list(include_deleted=True)
        second = import_file(other, path)
        assert (second.added, second.updated, second.unchanged) == (0, 0, 3)
        assert other.count(include_deleted=True) == 3
        assert other.list(include_deleted=True) == filled.list(include_deleted=True)


def test_newer_updated_wins_in_either_direction(filled: NotesStore, tmp_path: Path):
    old = to_jsonl(filled.list(include_deleted=True))
    target = filled.list()[0]
    filled.update(target.id, note="revised after a call")
    new = to_jsonl(filled.list(include_deleted=True))
    with NotesStore(tmp_path / "b.sqlite3") as other:
        import_text(other, old)
        report = import_text(other, new)
        assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
        assert other.get(target.id).note == "revised after a call"
        report = import_text(other, old)  # an older copy never overwrites
        assert (report.updated, report.unchanged) == (0, 3)
        assert other.get(target.id).note == "revised after a call"


def test_deletions_travel_as_tombstones(filled: NotesStore, tmp_path: Path):
    with NotesStore(tmp_path / "b.sqlite3") as other:
        import_text(other, to_jsonl(filled.list(include_deleted=True)))
        victim = filled.list()[0]
        filled.delete(victim.id)
        import_text(other, to_jsonl(filled.list(include_deleted=True)))
        assert other.get(victim.id) is None
        assert other.get(victim.id, include_deleted=True).deleted


def test_bad_lines_are_skipped_with_their_numbers(filled: NotesStore, tmp_path: Path):
    good = filled.list(include_deleted=True)
    record = json.loads(jsonl_line(good[0]))
    lines = [
        jsonl_line(good[1]),
        "{not json",
        json.dumps({**record, "format": 2}),
        json.dumps({k: v for k, v in record.items() if k != "quote"}),
        json.dumps({**record, "start": 5, "end": 2}),
        "",
        "[1, 2]",
        jsonl_line(good[2]),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))  # BOM and CRLF too
    with NotesStore(tmp_path / "b.sqlite3") as other:
        report = import_file(other, path)
        assert report.added == 2
        assert [n for n, _ in report.skipped] == [2, 3, 4, 5, 7]
        reasons = dict(report.skipped)
        assert "not JSON" in reasons[2] and "unsupported format 2" in reasons[3]
        assert "missing quote" in reasons[4] and "start" in reasons[5]
        assert "5 skipped" in report.summary()


def test_unicode_line_separators_inside_a_note_are_not_line_ends(filled: NotesStore):
    a = replace(filled.list()[0], note="one\u2028two\u0085three\x1c four")
    text = jsonl_line(a)
    assert "\u2028" not in text and "\\u2028" in text and "\\u0085" in text
    parsed, bad = parse_jsonl(text + "\n")
    assert bad == [] and parsed == [a]


_any_text = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=150, deadline=None)
@given(note=_any_text, quote=_any_text, label=_any_text.filter(str.strip), path=_any_text)
def test_any_text_survives_jsonl_byte_exact_and_the_line_is_terminal_safe(note, quote, label, path):
    base = Annotation(
        id="f" * 32,
        created="2023-11-01T10:00:00.000000+00:00",
        updated="2023-11-01T10:00:00.000000+00:00",
        article_path=path,
        article_hash="h",
        article_id="x",
        paragraph=0,
        quote=quote,
        prefix=note[:5],
        suffix="",
        start=0,
        end=len(quote),
        label=label,
        note=note + "\x00",
    )
    line = jsonl_line(base)
    assert "\n" not in line and is_inert(line)
    parsed, bad = parse_jsonl(line)
    assert bad == [] and parsed == [base]
    assert parsed[0].note.encode("utf-8") == (note + "\x00").encode("utf-8")


# -- CSV -----------------------------------------------------------------------------


def test_csv_is_inert_guards_formulas_and_skips_tombstones(tmp_path: Path):
    with NotesStore(tmp_path / "c.sqlite3") as store:
        a = store.save(span_note(seed("002"), 1, "Grenze", "verified", '=HYPERLINK("x")\n\x1b[31mred'))
        b = store.save(whole_note(seed("004"), 0, "important"))
        store.delete(b.id)
        rows = list(csv.DictReader(io.StringIO(to_csv(place_all(store.list(include_deleted=True))))))
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == a.id and row["status"] == "exact" and row["quote"] == "Grenze"
    assert row["paragraph"] == "2" and a.paragraph == 1  # counted from 1, as on screen
    assert row["note"] == '\'=HYPERLINK("x")\n\u241b[31mred'


# -- Markdown brief --------------------------------------------------------------------


def test_markdown_brief_has_label_note_sentence_and_translation(tmp_path: Path):
    with NotesStore(tmp_path / "m.sqlite3") as store:
        store.save(span_note(seed("002"), 5, "AP Photo", "important", "agency photo \x1b]0;pwn\x07"))
        store.save(span_note(seed("000"), 2, "تومانغانغ", "disputed", "facility name"))
        store.save(whole_note(seed("002"), 1, "verified"))
        placed = place_all(store.list())
    md = to_markdown(placed, translation_for=reference_translation_for(), translation_label="Reference")
    assert md.count("\n## ") == 2 and "3 annotations on 2 articles" in md
    # Paragraphs are numbered from 1, as on screen: index 5 is "¶ 6".
    # 002 ¶6 has two sentences in both languages: only the quoted one is shown.
    section = md.split("### ¶ 6 — important", 1)[1].split("###", 1)[0]
    assert "> (AP Photo/Ng Han Guan)" in section
    assert "Reference:\n\n> (AP Photo/Ng Han Guan)" in section
    assert "Jilin" not in section
    assert "> agency photo \u241b]0;pwn\u2407" in section
    # Arabic: the whole sentence, not a clause cut at the Arabic comma.
    arabic = md.split("### ¶ 3 — disputed", 1)[1].split("###", 1)[0]
    assert "“في أعقاب قمة كيم-بوتين،" in arabic and "يوم الجمعة." in arabic
    assert "Tumangang rail facility" in arabic
    # Whole paragraph, in text order before ¶6 of the same article.
    assert md.index("### ¶ 2 — verified") < md.index("### ¶ 6 — important")
    assert "\x1b" not in md and "\x07" not in md


def test_markdown_lists_orphans_and_missing_files(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Trains crossed the border.\n\nOfficials denied it.\n", encoding="utf-8")
    with NotesStore(tmp_path / "o.sqlite3") as store:
        store.save(span_note(path, 1, "denied", "disputed"))
        store.save(span_note(path, 0, "Trains crossed", "verified"))
        other = tmp_path / "gone.txt"
        other.write_text("Soon deleted.\n", encoding="utf-8")
        store.save(whole_note(other, 0, "false"))
        path.write_text("Trains crossed the border.\n", encoding="utf-8")
        other.unlink()
        placed = place_all(store.list())
    assert [p.status for p in placed] == ["orphaned", "exact", "orphaned"]
    assert placed[2].reason == "file not found"
    md = to_markdown(placed)
    assert md.count("*Orphaned:") == 2
    assert "### ¶ 2 (was) — disputed" in md and "### ¶ 1 — verified" in md
    assert "> denied" in md and "> Soon deleted." in md
    assert "could not be loaded (file not found)" in md


# -- labels and sentences ------------------------------------------------------------------


def test_label_sets():
    assert DEFAULT.by_key("3") == "false" and DEFAULT.resolve("Disputed") == "disputed"
    assert DEFAULT.resolve("nonsense") is None
    custom, problems = parse_labels({"v": "verified", "x": "needs source"})
    assert problems == () and custom.resolve("x") == "needs source" and custom.keys == ("v", "x")
    for bad in ({"10": "two keys"}, {"1": ""}, {"1": "a", "2": "A"}, [], "verified"):
        labels, problems = parse_labels(bad)
        assert labels == DEFAULT and problems
    assert parse_labels(None) == (DEFAULT, ())


def test_sentences_respect_language_rules():
    german = "„Nach dem Gipfel zeigten Bilder vom 5. Oktober 2023 viel Verkehr“, schrieb er. Zweiter Satz."
    s, e = sentence_around(german, german.index("Gipfel"), german.index("Gipfel") + 6, "de")
    assert german[s:e].strip().endswith("schrieb er.")
    arabic = "قال، في تقرير، إن القطارات عبرت. ثم نفى ذلك."
    s, e = sentence_around(arabic, arabic.index("القطارات"), arabic.index("القطارات") + 3, None)
    assert arabic[s:e].strip() == "قال، في تقرير، إن القطارات عبرت."
    assert sentence_around(arabic, None, None) == (0, len(arabic))
