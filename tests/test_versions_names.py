"""German nouns are not names: name candidates of a language that capitalises every noun."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.versions.align import CONFIDENT_LINK, align
from tui.versions.names import (
    ARABIC,
    COMMON,
    CYRILLIC,
    LATIN,
    comparable,
    is_common_word,
    matching_pairs,
    name_forms,
    name_keys,
)
from tui.versions.stories import group_stories

GERMAN = (
    "Allerdings sagte Präsident Donald Trump am Freitag auf einer Wahlkampfveranstaltung in Wheeling, "
    "Senatorin Dianne Feinstein und die Demokraten hätten Richter Brett Kavanaugh vor dem Obersten "
    "Gerichtshof verleumdet. Die Trump-Regierung schickte Helfer ins Erdbebengebiet auf Sulawesi, "
    "nachdem Merkel in Berlin die Anhörungen und das Tumangang-Werk erwähnt hatte."
)
NOUNS = {"Allerdings", "Präsident", "Freitag", "Wahlkampfveranstaltung", "Senatorin", "Demokraten", "Obersten"}
NOUNS |= {"Gerichtshof", "Regierung", "Helfer", "Erdbebengebiet", "Anhörungen"}  # Werk: too short
NAMES = {"Donald", "Trump", "Wheeling", "Feinstein", "Brett", "Kavanaugh", "Sulawesi", "Merkel", "Berlin"}
NAMES |= {"Tumangang", "Richter"}  # Dianne: too short; Richter (judge) is a surname too, written alike elsewhere


def _by_word(forms: dict[tuple[str, str], str]) -> dict[str, str]:
    return {word: script for (script, _), word in forms.items()}


def test_german_nouns_are_common_words_and_names_stay_names() -> None:
    scripts = _by_word(name_forms(GERMAN, "de"))
    assert {w for w, s in scripts.items() if s == COMMON} == NOUNS
    assert {w for w, s in scripts.items() if s == LATIN} == NAMES  # Trump-Regierung: the name and the noun


def test_inflected_feminine_and_compound_nouns_are_common() -> None:
    for word in ("Erdbebens", "Anhörungen", "Demokratin", "Senatorinnen", "Oppositionspolitikerin", "Erdbebengebiet"):
        assert is_common_word(word, "de"), word
    for word in ("Feinstein", "Kavanaugh", "Sulawesi", "Palu", "Tumangang", "Selenskyj", "Trump", "Putin"):
        assert not is_common_word(word, "de"), word


def test_other_languages_and_unknown_language_are_unchanged() -> None:
    for language in (None, "en", "fr"):
        forms = name_forms(GERMAN, language)
        assert {s for s, _ in forms} == {LATIN}
        assert "Demokraten" in forms.values() and "Trump-Regierung" in forms.values()
    assert {s for s, _ in name_keys(GERMAN, "de-AT")} == {LATIN, COMMON}


def test_common_words_are_compared_only_with_other_scripts() -> None:
    assert not comparable(COMMON, LATIN) and not comparable(LATIN, COMMON) and not comparable(COMMON, COMMON)
    assert comparable(COMMON, ARABIC) and comparable(CYRILLIC, COMMON) and comparable(LATIN, LATIN)
    a = name_keys("Die Demokraten kritisierten am Freitag die Anhörung im Senat.", "de")
    b = name_keys("Nach der Anhörung sprachen die Demokraten am Freitag von einem Skandal.", "de")
    assert matching_pairs(a, b) == []  # two German texts sharing nouns share no name
    c = name_keys("Feinstein sprach am Freitag mit Kavanaugh.", "de")
    assert {(x[1], y[1]) for x, y in matching_pairs(a + c, b + c)} == {("fnstn", "fnstn"), ("kfng", "kfng")}
    arabic = name_keys("وانتقد الديمقراطيين جلسة الاستماع", "ar")  # a German noun still meets Arabic script
    assert any(x[0] == COMMON for x, _ in matching_pairs(a, arabic))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["de", "de-CH", "en", None, "", "xx"]))
def test_name_forms_never_fail_on_any_text(text: str, language: str | None) -> None:
    for (script, key), word in name_forms(text, language).items():
        assert script in (LATIN, CYRILLIC, ARABIC, COMMON)
        assert key.isascii() and len(key) >= 3 and word


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Erdbeben", "Freitag", "Trump", "am", "der", "-", " ", "Ü", "ß", "Ab-", "x"]), max_size=30
    )
)
def test_hyphens_and_fragments_in_german_never_fail(parts: list[str]) -> None:
    text = "".join(parts)
    for (script, _), _word in name_forms(text, "de").items():
        assert script in (LATIN, COMMON)


NAMES_DATA = Path(__file__).resolve().parent / "gold" / "names"


@cache
def _german_reports() -> dict[str, object]:
    """``tests/gold/names`` prepared with embeddings (see its README), by id."""
    from seed_data import _shared_store

    from tui.versions.prepare import load_prepared

    store, lock = _shared_store()
    with open(lock or os.devnull, "w") as handle:
        if lock:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        return {p.stem: load_prepared(p, store=store)[1] for p in sorted(NAMES_DATA.glob("*.txt"))}


def test_two_german_reports_on_one_topic_get_no_confident_link() -> None:
    reports = _german_reports()
    alignment = align(reports["foxnews.94512.deu"], reports["newsweek.51330.deu"])  # type: ignore[arg-type]
    assert alignment.kind == "unrelated" or not [x for x in alignment.links if x.score >= CONFIDENT_LINK]


def test_related_story_labels_of_german_reports_are_not_nouns() -> None:
    reports = _german_reports()
    ids = ("cbsnews.248394.deu", "cbsnews.248394.arb", "newsweek.51330.deu", "newsweek.51330.arb")
    stories, _ = group_stories([reports[i] for i in ids])  # type: ignore[misc]
    assert sorted(sorted(s.members) for s in stories) == [sorted(ids[:2]), sorted(ids[2:])]
    labels = {label for s in stories for _, facts in s.shared_facts for label in facts}
    assert not {label for label in labels if label.isalpha() and is_common_word(label, "de")}, labels
    assert "Demokraten" not in labels


def test_the_word_lists_are_read_in_a_child_process(monkeypatch) -> None:
    """Reading them here took the reader's peak memory over its target
    (bench/memory.py: 138 -> 166 MB on the seeds); a child reads them."""
    from tui.versions import names

    expected = names._read_word_lists("de")
    names._word_lists.cache_clear()

    def not_here(language: str) -> None:
        raise AssertionError("read in the reader's own process")

    monkeypatch.setattr(names, "_read_word_lists", not_here)
    try:
        assert names._word_lists("de") == expected
    finally:
        names._word_lists.cache_clear()
