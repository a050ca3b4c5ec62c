"""Bundled reference translations: coverage, fidelity checks, and the loader."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.article import Article, Paragraph
from tui.paths import seeds_dir, translations_dir
from tui.reference import (
    ReferenceFileError,
    load_reference,
    load_reference_or_reason,
    reference_path,
)
from tui.textnorm import text_hash

SEEDS = sorted(seeds_dir().glob("*.txt"))
LANGUAGES = {"000": "ar", "001": "fa", "002": "de", "003": "uk", "004": "ar"}


def segment(text: str) -> list[str]:
    """The fixed rule: paragraph i is the i-th non-empty line, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def article_from(path: Path, lines: list[str] | None = None) -> Article:
    if lines is None:
        lines = segment(path.read_text(encoding="utf-8"))
    return Article(
        id=path.stem,
        path=path,
        paragraphs=tuple(Paragraph(i, t) for i, t in enumerate(lines)),
    )


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


# --- numbers -----------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d)[,\u066c\u00a0\u202f](?=\d{3}(?!\d))")


def numbers(text: str) -> set[int]:
    """Values of the digit runs in ``text``, any script's digits, separators ignored.

    ``۶۷۰۰`` and ``6,700`` both give {6700}; ``۱.۵`` and ``1.5`` give {1, 5};
    ``23.01.2026`` gives {23, 1, 2026}; ``10:24`` gives {10, 24}.
    """
    return {int(run) for run in re.findall(r"\d+", _THOUSANDS.sub("", text))}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("۶۷۰۰ کانتینر", "6,700 containers"),
        ("۱.۵ میلیون", "1.5 million"),
        ("حوالي ٣٠ ٪", "about 30 %"),
        ("١٢٬٥٠٠", "12500"),
        ("23.01.2026", "23.01.2026"),
        ("5 أكتوبر 2023", "5 October 2023"),
        ("في الساعة 10:24", "at 10:24"),
    ],
)
def test_number_extraction_treats_scripts_and_separators_alike(a: str, b: str) -> None:
    assert numbers(a) == numbers(b) != set()


def test_number_extraction_distinguishes_values() -> None:
    assert numbers("۳ میلیون") != numbers("30 million")
    assert numbers("1.5") != numbers("15")
    assert numbers("5, 2023") == {5, 2023}


# --- the bundled files -------------------------------------------------------


def _doc(seed: Path) -> dict:
    return json.loads(reference_path(seed).read_text(encoding="utf-8"))


def test_every_seed_has_a_reference_file() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert reference_path(seed).is_file(), seed.name
    stems = {p.name.removesuffix(".en.json") for p in translations_dir().glob("*.en.json")}
    assert stems == {s.stem for s in SEEDS}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_file_header(seed: Path) -> None:
    doc = _doc(seed)
    assert doc["format"] == 1
    assert doc["source"] == seed.name
    assert doc["source_language"] == LANGUAGES[seed.name[:3]]
    assert doc["target_language"] == "en"
    assert doc["engine"] == "reference"
    assert doc["model"] is None
    assert isinstance(doc["version"], str) and doc["version"]
    assert [p["index"] for p in doc["paragraphs"]] == list(range(len(doc["paragraphs"])))
    raw = reference_path(seed).read_text(encoding="utf-8")
    assert "\\u" not in raw, "written with ensure_ascii=False"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_paragraph_is_translated_and_current(seed: Path) -> None:
    article = article_from(seed)
    translation = load_reference(article)
    assert translation is not None
    assert translation.stale == 0
    assert sorted(translation.paragraphs) == list(range(len(article.paragraphs)))
    for p in article.paragraphs:
        t = translation.get(p.index)
        assert t is not None and t.index == p.index
        assert t.source_hash == text_hash(p.text)
    assert translation.article_id == seed.stem
    assert translation.target == "en"
    assert translation.provenance.engine == "reference"
    assert translation.provenance.model is None
    assert translation.provenance.version == "1"
    assert "reference" in translation.provenance.label


def _pairs() -> list[tuple[str, int, str, str]]:
    out = []
    for seed in SEEDS:
        article = article_from(seed)
        translation = load_reference(article)
        for p in article.paragraphs:
            t = translation.get(p.index) if translation else None
            out.append((seed.name[:3], p.index, p.text, t.text if t else ""))
    return out


PAIRS = _pairs()
PAIR_PARAMS = [pytest.param(*pair, id=f"{pair[0]}-{pair[1]}") for pair in PAIRS]


def _non_latin_letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")]


@pytest.mark.parametrize(("seed", "index", "source", "english"), PAIR_PARAMS)
def test_numbers_survive_translation(seed: str, index: int, source: str, english: str) -> None:
    """Every digit-written number of the source is in the translation, and no other."""
    assert numbers(english) == numbers(source), f"{seed}#{index}"


@pytest.mark.parametrize(("seed", "index", "source", "english"), PAIR_PARAMS)
def test_translation_is_english_text(seed: str, index: int, source: str, english: str) -> None:
    assert english.strip() == english and english
    assert "\n" not in english
    assert not _non_latin_letters(english), f"{seed}#{index} keeps source-script letters"
    if _non_latin_letters(source):
        assert english != source, f"{seed}#{index} left untranslated"


def test_latin_only_lines_are_kept_as_is() -> None:
    kept = {(s, i): e for s, i, src, e in PAIRS if src == e}
    assert kept[("000", 18)] == "Exit mobile version"
    assert kept[("002", 22)] == "source site"
    assert kept[("002", 23)] == "Leave a Reply"
    assert kept[("003", 12)] == "23.01.2026"


@pytest.mark.parametrize(
    ("seed", "index", "needles"),
    [
        ("000", 2, ["Beyond Parallel", "Tumangang"]),
        ("000", 7, ["allegedly"]),
        ("000", 8, ["likely", "claimed"]),
        ("000", 11, ["FOX NEWS"]),
        ("001", 0, ["probably"]),
        ("001", 1, ["probably", "Shin"]),
        ("002", 9, ["allegedly"]),
        ("002", 14, ["According to reports"]),
        ("003", 3, ["likely", "Jong Jong"]),
        ("003", 4, ["Tumangang"]),
        ("003", 7, ["CBS News", "russia"]),
        ("004", 3, ["Khasan", "possibly"]),
        ("004", 4, ["<...>"]),
    ],
)
def test_hedges_names_and_oddities_are_kept(seed: str, index: int, needles: list[str]) -> None:
    english = {(s, i): e for s, i, _, e in PAIRS}[(seed, index)]
    for needle in needles:
        assert needle in english, (seed, index, needle)


# --- loader behaviour ---------------------------------------------------------

SEED_003 = next(s for s in SEEDS if s.name.startswith("003"))


def test_edited_paragraph_is_dropped_as_stale(tmp_path: Path) -> None:
    lines = segment(SEED_003.read_text(encoding="utf-8"))
    lines[3] = lines[3].replace("Кім Чен Чен Ин", "Кім Чен Ин")
    copy = tmp_path / SEED_003.name
    write_lines(copy, lines)
    translation = load_reference(article_from(copy))
    assert translation is not None
    assert translation.stale == 1
    assert translation.get(3) is None
    assert sorted(translation.paragraphs) == [i for i in range(len(lines)) if i != 3]


def test_whitespace_only_changes_are_not_stale(tmp_path: Path) -> None:
    lines = segment(SEED_003.read_text(encoding="utf-8"))
    lines[1] = lines[1].replace(" ", "  ")
    copy = tmp_path / SEED_003.name
    write_lines(copy, lines)
    translation = load_reference(article_from(copy))
    assert translation is not None and translation.stale == 0
    assert len(translation.paragraphs) == len(lines)


def test_inserted_line_shifts_matches_by_hash(tmp_path: Path) -> None:
    original = segment(SEED_003.read_text(encoding="utf-8"))
    bundled = load_reference(article_from(SEED_003))
    assert bundled is not None
    lines = original[:2] + ["Рядок, якого не було."] + original[2:]
    copy = tmp_path / SEED_003.name
    write_lines(copy, lines)
    translation = load_reference(article_from(copy))
    assert translation is not None
    assert translation.stale == 0
    assert translation.get(2) is None
    for old in range(len(original)):
        new = old if old < 2 else old + 1
        got = translation.get(new)
        assert got is not None and got.index == new
        assert got.text == bundled.paragraphs[old].text
    # The two identical "Країна" lines keep their own order.
    assert translation.get(12).text == translation.get(17).text == "Country"


def test_removed_line_keeps_the_rest(tmp_path: Path) -> None:
    original = segment(SEED_003.read_text(encoding="utf-8"))
    lines = original[1:]
    copy = tmp_path / SEED_003.name
    write_lines(copy, lines)
    translation = load_reference(article_from(copy))
    assert translation is not None
    assert translation.stale == 1
    assert sorted(translation.paragraphs) == list(range(len(lines)))
    assert translation.get(0).text.startswith("A sharp increase")


def test_an_edited_copy_under_another_name_borrows_the_same_paragraphs(tmp_path: Path) -> None:
    """Issue 12 item 8: a copy of seed 000 saying 85 instead of 73, saved under
    another name, showed no translation at all; the unchanged paragraphs now
    have the reference's, said to be 000's, and the changed one has none."""
    seed_000 = SEEDS[0]
    lines = segment(seed_000.read_text(encoding="utf-8"))
    changed = next(i for i, line in enumerate(lines) if "73" in line)
    lines[changed] = lines[changed].replace("73", "85")
    copy = tmp_path / "my-copy-of-the-fox-report.txt"
    write_lines(copy, lines)
    translation = load_reference(article_from(copy))
    assert translation is not None
    assert translation.provenance.model == seed_000.stem
    assert "reference translation of 000_" in translation.provenance.label
    assert translation.get(changed) is None
    assert sorted(translation.paragraphs) == [i for i in range(len(lines)) if i != changed]
    bundled = load_reference(article_from(seed_000))
    assert translation.get(0).text == bundled.get(0).text
    assert load_reference(article_from(copy), borrow=False) is None, "the reader's event loop does not borrow"


def _reference_doc(lines: list[str]) -> str:
    entries = [{"index": i, "source_hash": text_hash(t), "text": f"EN {t}"} for i, t in enumerate(lines)]
    return json.dumps({"format": 1, "target_language": "en", "paragraphs": entries})


def _age(*paths: Path) -> None:
    """Set ``paths``' modification times an hour back (as files that have sat there)."""
    import os
    import time

    hour_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (hour_ago, hour_ago))


def test_borrowing_reads_the_folder_once_and_still_sees_a_new_file(tmp_path: Path, monkeypatch) -> None:
    """Each article without its own reference looks for one to borrow: the
    folder is listed and its files read once while they stay as they are; a
    file added (or edited) afterwards is still found."""
    import tui.reference as reference

    monkeypatch.setattr(reference, "_listings", {})
    monkeypatch.setattr(reference, "_files", {})
    folder = tmp_path / "translations"
    folder.mkdir()
    other = folder / "other.en.json"
    other.write_text(_reference_doc(["Eins.", "Zwei.", "Drei."]), encoding="utf-8")
    _age(other, folder)
    lines = ["Erster Satz.", "Zweiter Satz.", "Dritter Satz.", "Vierter Satz."]
    copy = tmp_path / "copy.txt"
    write_lines(copy, lines)
    article = article_from(copy)

    reads = []
    read = reference._read
    monkeypatch.setattr(reference, "_read", lambda path: reads.append(path.name) or read(path))
    listings = []
    glob = Path.glob
    monkeypatch.setattr(Path, "glob", lambda self, pattern: listings.append(pattern) or glob(self, pattern))

    assert load_reference(article, root=folder) is None
    assert load_reference(article, root=folder) is None
    assert (reads, listings) == (["other.en.json"], ["*.en.json"])  # once, not per article opened

    (folder / "original.en.json").write_text(_reference_doc(lines), encoding="utf-8")
    found = load_reference(article, root=folder)
    assert found is not None and found.provenance.model == "original"
    assert sorted(found.paragraphs) == [0, 1, 2, 3] and found.get(3).text == "EN Vierter Satz."

    _age(folder / "original.en.json", folder)
    (folder / "original.en.json").write_text(_reference_doc([*lines[:3], "Anders."]), encoding="utf-8")
    edited = load_reference(article, root=folder)
    assert edited is not None and sorted(edited.paragraphs) == [0, 1, 2]


def test_missing_file_gives_none(tmp_path: Path) -> None:
    seed = SEEDS[0]
    assert load_reference(article_from(seed), root=tmp_path) is None
    assert load_reference(article_from(seed), target="fr") is None
    other = tmp_path / "999_unknown.txt"
    write_lines(other, ["Hallo"])
    assert load_reference(article_from(other)) is None
    assert load_reference_or_reason(article_from(other)) == (None, None)


def test_reference_path() -> None:
    seed = SEEDS[0]
    assert reference_path(seed) == translations_dir() / f"{seed.stem}.en.json"
    assert reference_path(Path("x/y/abc.txt"), "de", Path("/r")) == Path("/r/abc.de.json")
    for bad in ("", "../en", "e n", "EN/x"):
        with pytest.raises(ValueError):
            reference_path(seed, bad)


def _valid_doc() -> dict:
    return {
        "format": 1,
        "target_language": "en",
        "version": "1",
        "paragraphs": [{"index": 0, "source_hash": text_hash("Hallo Welt"), "text": "Hello world"}],
    }


def _break(doc: dict, how: str) -> str:
    if how == "not json":
        return '{"format": 1, "paragraphs": ['
    if how == "list at top":
        return "[]"
    if how == "format 2":
        doc["format"] = 2
    elif how == "other target":
        doc["target_language"] = "de"
    elif how == "paragraphs not list":
        doc["paragraphs"] = {"0": "x"}
    elif how == "entry not object":
        doc["paragraphs"].append("Hello")
    elif how == "index string":
        doc["paragraphs"][0]["index"] = "0"
    elif how == "index bool":
        doc["paragraphs"][0]["index"] = True
    elif how == "hash missing":
        del doc["paragraphs"][0]["source_hash"]
    elif how == "text empty":
        doc["paragraphs"][0]["text"] = "  "
    elif how == "version number":
        doc["version"] = 1
    return json.dumps(doc)


@pytest.mark.parametrize(
    "how",
    [
        "not json",
        "list at top",
        "format 2",
        "other target",
        "paragraphs not list",
        "entry not object",
        "index string",
        "index bool",
        "hash missing",
        "text empty",
        "version number",
    ],
)
def test_malformed_file_raises_specific_error(tmp_path: Path, how: str) -> None:
    source = tmp_path / "art.txt"
    write_lines(source, ["Hallo Welt"])
    article = article_from(source)
    reference_path(source, root=tmp_path).write_text(_break(_valid_doc(), how), encoding="utf-8")
    with pytest.raises(ReferenceFileError, match="art.en.json"):
        load_reference(article, root=tmp_path)
    translation, reason = load_reference_or_reason(article, root=tmp_path)
    assert translation is None
    assert reason and "art.en.json" in reason


def test_valid_minimal_file_loads(tmp_path: Path) -> None:
    source = tmp_path / "art.txt"
    write_lines(source, ["Hallo Welt"])
    reference_path(source, root=tmp_path).write_text(json.dumps(_valid_doc()), encoding="utf-8")
    translation, reason = load_reference_or_reason(article_from(source), root=tmp_path)
    assert reason is None and translation is not None
    assert translation.get(0).text == "Hello world"
    assert translation.provenance.label == "reference translation (bundled, not machine output)"


def test_undecodable_file_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "art.txt"
    write_lines(source, ["Hallo Welt"])
    reference_path(source, root=tmp_path).write_bytes(b'{"format": 1, "x": "\xff\xfe"}')
    translation, reason = load_reference_or_reason(article_from(source), root=tmp_path)
    assert translation is None and reason and "cannot be read" in reason


# --- property: placement by index, then by hash -------------------------------

_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßабвгдеєжзийклмнопрстуфхцчшщьюяابتثجحخدذ", min_size=1, max_size=8
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(_word, min_size=1, max_size=12),
    inserts=st.lists(st.tuples(st.integers(0, 20), _word), max_size=4),
    edits=st.sets(st.integers(0, 11), max_size=4),
)
def test_translations_follow_their_text(
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[str],
    inserts: list[tuple[int, str]],
    edits: set[int],
) -> None:
    root = tmp_path_factory.mktemp("ref")
    # Distinct source lines (duplicates are covered by the 003 "Країна" test).
    original = [f"{t} #{i}" for i, t in enumerate(texts)]
    doc = _valid_doc()
    doc["paragraphs"] = [{"index": i, "source_hash": text_hash(t), "text": f"EN {i}"} for i, t in enumerate(original)]
    source = root / "art.txt"
    reference_path(source, root=root).write_text(json.dumps(doc), encoding="utf-8")

    edited = {i for i in edits if i < len(original)}
    lines = [f"{t} (edited)" if i in edited else t for i, t in enumerate(original)]
    origin: list[int | None] = list(range(len(lines)))
    for position, word in inserts:
        at = min(position, len(lines))
        lines.insert(at, f"new {word} +{len(lines)}")
        origin.insert(at, None)

    translation = load_reference(article_from(source, lines), root=root)
    assert translation is not None
    assert translation.stale == len(edited)
    for index, old in enumerate(origin):
        got = translation.get(index)
        if old is None or old in edited:
            assert got is None
        else:
            assert got is not None and got.text == f"EN {old}" and got.index == index


# --- agreement with the real loader, once it exists ------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_real_loader_segments_like_the_references(seed: Path) -> None:
    loading = pytest.importorskip("tui.loading")
    load_article = getattr(loading, "load_article", None)
    if load_article is None:
        pytest.skip("tui.loading.load_article not available yet")
    article = load_article(seed)
    translation = load_reference(article)
    assert translation is not None
    assert translation.stale == 0
    assert len(translation.paragraphs) == len(article.paragraphs)
