"""Offline sentence splitting with offsets back into the paragraph."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from tinymodel import seed_lines

from tui.translation.sentences import pysbd_language, split_sentences


def check_spans(text: str, language: str | None) -> list[str]:
    sentences = split_sentences(text, language)
    cursor = 0
    for s in sentences:
        assert cursor <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text == s.text.strip()
        assert not text[cursor : s.start].strip(), "a gap between sentences holds text"
        cursor = s.end
    assert not text[cursor:].strip(), "text after the last sentence was dropped"
    return [s.text for s in sentences]


def test_german_sentences():
    text = "Der Zug fuhr am 5. Oktober ab. Er kam nicht an! Warum?"
    assert check_spans(text, "de") == ["Der Zug fuhr am 5. Oktober ab.", "Er kam nicht an!", "Warum?"]


def test_arabic_comma_does_not_end_a_sentence():
    text = "في أعقاب قمة كيم-بوتين، التقطت صور الأقمار الصناعية صورًا. وتابع التقرير: إن الشحنات كبيرة."
    assert check_spans(text, "ar") == [
        "في أعقاب قمة كيم-بوتين، التقطت صور الأقمار الصناعية صورًا.",
        "وتابع التقرير: إن الشحنات كبيرة.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = (
        "„Nordkorea ist ein verzweifeltes Land. Es wurde isoliert.“ Es kam zu einer Hungersnot"
        " – Wenn Sie die Nordkoreaner um Hilfe bitten, ist dies der letzte Ausweg.“"
    )
    sentences = check_spans(text, "de")
    assert sentences[-1].endswith("Ausweg.“")
    assert all(any(ch.isalpha() for ch in s) for s in sentences)


def test_ukrainian_uses_russian_rules():
    assert pysbd_language("uk") == "ru"
    assert pysbd_language("xx") == "en"
    assert pysbd_language(None) == "en"
    text = "Зафіксовано різке зростання. Про це пише проєкт Beyond Parallel."
    assert len(check_spans(text, "uk")) == 2


def test_blank_text_has_no_sentences():
    assert split_sentences("   ", "en") == []


def test_every_seed_line_splits_into_covering_spans():
    for line in seed_lines():
        language = "ar" if re.search("[\u0600-\u06ff]", line) else "de"
        assert check_spans(line, language)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab .!?،؟:«»\"'\u00a0\n…قБ") + ["Mr.", "5.", "U.S.", "Dr "]),
        max_size=40,
    ).map("".join),
    st.sampled_from(["en", "ar", "fa", "de", "uk", None]),
)
def test_spans_cover_any_text(text, language):
    check_spans(text, language)
