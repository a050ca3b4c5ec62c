"""The translation service's one path for the paragraphs to translate and their
hashes: what the reader's listing costs, and translate_article on repeated texts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import tui.paragraph_hashes
import tui.reference
from tui.article import Article, Paragraph
from tui.textnorm import normalise, text_hash
from tui.translated import Provenance
from tui.translation.service import translate_article, translation_choices, translation_for
from tui.translation.store import StoreKey, TranslationStore

MACHINE = Provenance("argos", "translate-ar_en", "1.0")


@pytest.fixture()
def store(tmp_path) -> TranslationStore:
    return TranslationStore(tmp_path / "cache.sqlite3")


@pytest.fixture()
def hashed(monkeypatch) -> list[str]:
    """The texts hashed for paragraphs from now on (no memo carried over)."""
    texts: list[str] = []

    def counted(text: str) -> str:
        texts.append(text)
        return text_hash(text)

    monkeypatch.setattr(tui.paragraph_hashes, "_hashes", {})
    monkeypatch.setattr(tui.paragraph_hashes, "text_hash", counted)
    return texts


def article_of(texts: list[str], language: str | None = "ar", name: str = "a") -> Article:
    paragraphs = tuple(Paragraph(i, t, language=language) for i, t in enumerate(texts))
    return Article(name, Path(f"{name}.txt"), paragraphs, language=language, content_hash=f"hash-{name}")


def test_an_article_of_unknown_language_is_listed_without_hashing(tmp_path, store, hashed, monkeypatch):
    monkeypatch.setattr(tui.reference, "translations_dir", lambda: tmp_path / "no-references")
    article = article_of([f"سطر رقم {i}" for i in range(50)], language=None)
    choices = translation_choices(article, "en", packages_dir=tmp_path / "none", store=store)
    assert choices.options == [] and choices.shown is None and choices.route is None
    assert choices.translatable == 50  # what a run would send, once a language is known
    assert hashed == []  # nothing can be looked up without a language: nothing hashed


def test_choices_show_what_translation_for_gives(tmp_path, store, hashed):
    article = article_of([f"سطر رقم {i}" for i in range(30)] + ["An English caption"])
    article = dataclasses.replace(
        article, paragraphs=(*article.paragraphs[:-1], dataclasses.replace(article.paragraphs[-1], language="en"))
    )
    chosen = article.paragraphs[::2]
    store.save(StoreKey.of(MACHINE, "ar", "en"), {text_hash(p.text): f"EN {p.index}" for p in chosen})
    choices = translation_choices(article, "en", packages_dir=tmp_path / "none", store=store)
    assert choices.chosen == MACHINE and choices.translatable == 30  # the caption is not sent
    assert choices.shown == translation_for(article, MACHINE, store=store)
    assert sorted(choices.shown.paragraphs) == [p.index for p in chosen if p.language == "ar"]
    assert len(hashed) == 31  # once per paragraph, for both calls


class CopyPool:
    """An engine pool whose one engine returns each text as given, recording what it was sent."""

    def __init__(self) -> None:
        self.sent: list[list[str]] = []

    def get(self, step: object) -> CopyPool:
        return self

    def translate_texts(self, texts: list[str], source: str) -> list[str]:
        self.sent.append(list(texts))
        return [f"EN {t}" for t in texts]


def test_repeated_texts_are_translated_once_and_every_paragraph_placed(packages_dir, store):
    texts = ["أول  سطر", "سطر ثان", "أول  سطر", "ثالث", "سطر ثان", "أول  سطر"]
    article = article_of(texts, name="repeats")
    pool, seen, progress = CopyPool(), [], []
    result = translate_article(
        article,
        "en",
        packages_dir=packages_dir,
        store=store,
        pool=pool,  # type: ignore[arg-type]
        on_paragraph=seen.append,
        on_progress=lambda done, total: progress.append((done, total)),
        order=[3],
        first_chunk_chars=1,
        chunk_chars=1,
    )
    assert pool.sent == [["ثالث"], ["أول سطر"], ["سطر ثان"]]  # the one asked for first; each text once
    assert {i: t.text for i, t in result.paragraphs.items()} == {i: f"EN {normalise(t)}" for i, t in enumerate(texts)}
    assert all(t.source_hash == text_hash(texts[i]) for i, t in result.paragraphs.items())
    assert sorted(t.index for t in seen) == list(range(6)) and seen[0].index == 3
    assert progress == [(0, 6), (1, 6), (4, 6), (6, 6)]
    key = StoreKey.of(result.provenance, "ar", "en")
    assert store.placements(key, article.id) == {i: text_hash(t) for i, t in enumerate(texts)}
