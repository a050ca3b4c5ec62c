"""The seed articles' signals, as prepared once per test process (tests/seed_data.py)."""

from __future__ import annotations

from seed_data import seed_articles


def test_every_seed_paragraph_has_signals() -> None:
    for prefix, (article, signals) in seed_articles().items():
        assert len(signals) == len(article.paragraphs), prefix
        assert signals.embedded == len(article.paragraphs), prefix
        assert all(t is not None for t in signals.english), prefix  # bundled references
