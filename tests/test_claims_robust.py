"""Hostile and arbitrary input: no crash, exact offsets, no quadratic work.

Work is counted (Python function calls, which are deterministic), never timed.
C-level scans inside one call are not counted here; ``bench/claims_speed.py``
compares wall-clock time at growing sizes for those.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.claims import extract_claims
from tui.claims.model import KINDS

LANGUAGES = ["ar", "fa", "de", "uk", "ru", "en", None]

HOSTILE = {
    "a megabyte of digits": "7" * 1_000_000,
    "a 10,000-digit number": "about " + "9" * 10_000 + " tanks",
    "mixed digit systems": "1٢۳4٥۶,7٨۹.0٫١٬۲ " * 2000,
    "unbalanced quotes": '«“„"‹「 open ' * 3000 + "” » “" * 500,
    "markup-like brackets": "<b>[x]{y}(z)</b> <...> [[73]] {{5 October}} " * 2000,
    "separator soup": "1,2.3/4:5-6'7 " * 5000,
    "scale chain": "5 " + "million " * 5000,
    "bidi and controls": "\u202e73\u202c عربة \x1b[31m 5 أكتوبر \u2066۳۰ درصد\u2069 " * 1000,
}


def check(text: str, language: str | None) -> None:
    for c in extract_claims(text, language):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.kind in KINDS
        assert 0.0 <= c.score <= 1.0
        if c.qualifies is not None:
            assert 0 <= c.qualifies[0] <= c.qualifies[1] <= len(text)
        if isinstance(c.value, int):
            assert c.value < 10**16


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("language", ["ar", "de", "en"])
def test_hostile_input_does_not_crash(name: str, language: str) -> None:
    check(HOSTILE[name], language)


def test_overlong_numbers_are_not_claims() -> None:
    assert [c for c in extract_claims(HOSTILE["a 10,000-digit number"], "en") if c.kind == "quantity"] == []


def calls(text: str, language: str) -> int:
    profiler = cProfile.Profile()
    profiler.enable()
    extract_claims(text, language)
    profiler.disable()
    return sum(stat[1] for stat in pstats.Stats(profiler).stats.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("make", "language"),
    [
        (lambda n: "«“ open " * n, "uk"),  # every quote opened, none closed
        (lambda n: "“ a " * n + "» b " * n, "de"),  # closers nothing on top accepts, deep stack
        (lambda n: "“ a " * n + "” b " * n, "en"),  # closing a deep stack
        (lambda n: "likely 5 cars, " * n, "en"),  # many hedges and figures in one sentence
        (lambda n: "“a b”, said Jo " * n, "en"),  # many quotes beside many attributions
        (lambda n: "Jo said " + "it did not go " * n, "en"),  # many negations after one cue
        (lambda n: "خمسة عشر " * n, "ar"),
        (lambda n: "5 October 2023, " * n, "en"),
        (lambda n: "1,2.3 " * n, "de"),
    ],
    ids=["open", "stray-closers", "deep-close", "hedges", "quotes-sources", "negations", "words", "dates", "runs"],
)
def test_work_grows_linearly(make, language: str) -> None:  # type: ignore[no-untyped-def]
    small = calls(make(500), language)
    large = calls(make(2000), language)
    assert large <= 4.5 * small, (small, large)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(LANGUAGES))
def test_arbitrary_unicode(text: str, language: str | None) -> None:
    check(text, language)


_PIECES = st.sampled_from(
    [
        "73", "٧٣", "۷۳", "1,5", "6.700", "23.01.2026", "16:00", "%", "٪", "درصد", "Prozent",
        "عربة", "Triebwagen", "вагони", "“", "”", "„", "«", "»", '"', "قال", "sagte", "пише",
        "said", "according to", "laut", "به گفته", "likely", "ربما", "ймовірно", "لم", "nicht",
        "denied", "أكتوبر", "Oktober", "жовтня", "مهر", "۱۴۰۲", "2023", "million", "مليون",
        "میلیون", "fünf", "ستة", "п'яти", "بیست", "و", " ", " ", ", ", ". ", "-", "/", ":",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from(LANGUAGES))
@example(["73", "۱۴۰۲", "۱۴۰۲", "۱۴۰۲", "۱۴۰۲"], "ar")  # once read as one 18-digit number
def test_arbitrary_mixes_of_trigger_words(pieces: list[str], language: str | None) -> None:
    check("".join(pieces), language)
