"""Extraction against the hand-marked gold claims of the five seeds.

Fails below recall 0.9 or precision 0.85 for quantities and dates (the
issue's bar). The other kinds are held to the same bar here too: they are
reported by ``bench/claims_eval.py`` per kind and language. The matching rule
is in :mod:`tui.claims.gold`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.claims.gold import HELDOUT_FILE, evaluate, load_all, load_inline, paragraphs_of

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "claims"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def report():
    return evaluate(load_all(GOLD, SEEDS))


@pytest.fixture(scope="module")
def heldout():
    return evaluate(load_inline(GOLD / HELDOUT_FILE))


def test_every_seed_has_gold_and_gold_texts_are_in_their_paragraphs() -> None:
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(p.stem for p in GOLD.glob("[0-9]*.json")) == seeds
    for article in load_all(GOLD, SEEDS):
        assert article.claims
        for c in article.claims:
            assert article.paragraphs[c.paragraph][c.start : c.end] == c.text


def test_gold_paragraph_indices_follow_the_fixed_segmentation() -> None:
    for path in GOLD.glob("[0-9]*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = paragraphs_of((SEEDS / f"{data['article']}.txt").read_text(encoding="utf-8"))
        assert all(0 <= c["paragraph"] < len(paragraphs) for c in data["claims"])


@pytest.mark.parametrize("kind", ["quantity", "date"])
def test_quantities_and_dates_meet_the_bar(report, kind: str) -> None:
    tally = report.by_kind[kind]
    assert tally.recall >= 0.9, (kind, tally)
    assert tally.precision >= 0.85, (kind, tally)


@pytest.mark.parametrize("kind", ["percent", "time", "attribution", "quote", "hedge", "denial"])
def test_other_kinds_meet_the_same_bar(report, kind: str) -> None:
    tally = report.by_kind[kind]
    assert tally.recall >= 0.9, (kind, tally)
    assert tally.precision >= 0.85, (kind, tally)


def test_attribution_sources_agree_with_gold(report) -> None:
    assert report.source_agree >= 0.9 * report.source_total


def test_held_out_sentences(heldout) -> None:
    """Sentences written before the extractor saw them, in all six languages."""
    for kind in ("quantity", "date"):
        assert heldout.by_kind[kind].recall >= 0.9, kind
        assert heldout.by_kind[kind].precision >= 0.85, kind
    matched = sum(t.matched for t in heldout.by_kind.values())
    gold = sum(t.gold for t in heldout.by_kind.values())
    assert matched >= 0.85 * gold


@pytest.mark.parametrize("kind", ["quantity", "date"])
def test_seeds_quantities_and_dates_at_097(report, kind: str) -> None:
    """Issue 15: real-news work must not cost the seeds anything."""
    tally = report.by_kind[kind]
    assert tally.recall >= 0.97 and tally.precision >= 0.97, (kind, tally)


def test_real_articles_in_seven_languages() -> None:
    """Two NTREX-128 articles in all seven languages, valued kinds marked by reading
    (``tests/gold/claims/real_articles.json``)."""
    articles = load_inline(GOLD / "real_articles.json")
    assert {a.language for a in articles} == {"ar", "fa", "de", "uk", "ru", "en", "fr"}
    for article in articles:
        for c in article.claims:
            assert article.paragraphs[c.paragraph][c.start : c.end] == c.text
    real = evaluate(articles)
    for kind in ("quantity", "percent", "date", "time"):
        tally = real.by_kind[kind]
        assert tally.recall >= 0.95 and tally.precision >= 0.95, (kind, tally)
