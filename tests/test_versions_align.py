"""Paragraph alignment: gold F1 on the seeds, DP invariants, unrelated text, jumps."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_data import seed_signals

from tui.article import Article, Paragraph
from tui.versions.align import Alignment, Link, align, length_logprob, translation_links
from tui.versions.gold import load_all, score
from tui.versions.signals import ArticleSignals, build_signals
from tui.versions.similarity import FULL_WORDS

ROOT = Path(__file__).resolve().parent.parent
GOLD = {g.name: g for g in load_all(ROOT / "tests" / "gold" / "alignments")}


def test_translation_pair_reaches_f1_0_9_against_gold() -> None:
    gold = GOLD["000__002"]
    alignment = align(seed_signals("000"), seed_signals("002"))
    result = score(alignment, gold)
    assert alignment.kind == "translation"
    assert result.f1 is not None and result.f1 >= 0.9, result
    assert result.wrong_confident == 0


def test_headline_and_captions_only_002_has_stay_unlinked() -> None:
    alignment = align(seed_signals("000"), seed_signals("002"))
    linked_b = {j for link in alignment.links for j in link.b}
    assert not linked_b & {0, 5, 10, 11, 16, 17}  # headline, photo captions


@pytest.mark.parametrize("name", ["000__003", "002__003"])
def test_other_outlet_is_related_with_precise_links(name: str) -> None:
    gold = GOLD[name]
    alignment = align(seed_signals(gold.a[:3]), seed_signals(gold.b[:3]))
    result = score(alignment, gold)
    assert alignment.kind == "related"
    assert all(link.kind == "related" for link in alignment.links)
    assert result.precision >= 0.8 and (result.recall or 0) >= 0.5, result


@pytest.mark.parametrize("name", ["001__002", "004__000"])
def test_distinct_events_produce_no_confident_link_outside_shared_facts(name: str) -> None:
    gold = GOLD[name]
    alignment = align(seed_signals(gold.a[:3]), seed_signals(gold.b[:3]))
    assert alignment.kind != "translation"
    assert score(alignment, gold).wrong_confident == 0


UNRELATED = {
    "recipe_de.txt": "Kartoffelsuppe nach Omas Rezept\n\nDie Kartoffeln schälen und in kleine Würfel "
    "schneiden. Die Zwiebeln fein hacken.\n\nDas Wasser zum Kochen bringen und eine Prise Salz "
    "hinzufügen. Die Kartoffeln 20 Minuten köcheln lassen.\n\nMit Sahne verfeinern und mit frischer "
    "Petersilie servieren.\n\nFür 4 Personen reicht ein Kilogramm Kartoffeln.\n",
    "football_uk.txt": "Динамо перемогло Шахтар з рахунком 2:1\n\nУ суботу на стадіоні в Києві відбувся "
    "центральний матч туру української Прем'єр-ліги.\n\nПерший гол забив нападник господарів на 23-й "
    "хвилині.\n\nГості зрівняли рахунок після перерви, але на 78-й хвилині Динамо знову вийшло "
    "вперед.\n\nНаступний матч команда зіграє 5 жовтня у Львові.\n",
    "economy_ar.txt": "ارتفعت أسعار النفط في الأسواق العالمية بنسبة 3 في المئة يوم الثلاثاء.\n\nوقال "
    "محللون إن الطلب على الطاقة في الصين زاد خلال الربع الثالث من العام.\n\nوأعلن البنك المركزي "
    "الأوروبي أنه سيبقي أسعار الفائدة دون تغيير حتى نهاية العام.\n",
}


@pytest.fixture(scope="module")
def unrelated(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleSignals]:
    from tui.versions.prepare import load_prepared

    folder = tmp_path_factory.mktemp("unrelated")
    out = []
    for name, text in UNRELATED.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(load_prepared(folder / name)[1])
    return out


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_unrelated_articles_get_no_links(unrelated: list[ArticleSignals], prefix: str) -> None:
    for other in unrelated:
        alignment = align(seed_signals(prefix), other)
        assert alignment.kind == "unrelated", (prefix, other.article_id)
        assert alignment.links == ()


def test_alignment_is_symmetric_in_kind_and_links() -> None:
    forward = align(seed_signals("000"), seed_signals("002"))
    backward = align(seed_signals("002"), seed_signals("000"))
    assert forward.kind == backward.kind == "translation"
    assert {(k.a, k.b) for k in forward.links} == {(k.b, k.a) for k in backward.links}


def test_counterpart_jumps() -> None:
    alignment = align(seed_signals("000"), seed_signals("002"))
    assert alignment.counterpart(6, "a") == (8, True)  # 73 cars
    assert alignment.counterpart(8, "b") == (6, True)
    index, exact = alignment.counterpart(5, "b")  # a caption only 002 has
    assert not exact and index == 3  # lands after the paragraph before it
    related = Alignment("x", "y", "related", (Link((1,), (4,), "related", 0.7),))
    assert related.counterpart(1, "a") == (4, True)
    assert related.counterpart(2, "a") == (None, False)


def test_length_prior_prefers_proportional_lengths() -> None:
    lp = length_logprob([100, 100], [130, 400], 1.3)
    assert lp[0, 0] > lp[0, 1] and lp[0, 0] > -0.5 and lp.min() >= -8


# --- invariants on arbitrary input -------------------------------------------


def _article(name: str, texts: list[str]) -> Article:
    paragraphs = tuple(Paragraph(i, t) for i, t in enumerate(texts))
    return Article(name, Path(f"{name}.txt"), paragraphs)


def _random_signals(name: str, texts: list[str], seed: int, with_vectors: bool) -> ArticleSignals:
    import numpy as np

    vectors = None
    if with_vectors:
        rng = np.random.default_rng(seed)
        raw = rng.normal(size=(len(texts), 384)).astype(np.float32)
        vectors = [v / np.linalg.norm(v) for v in raw]
    english = {i: t for i, t in enumerate(texts) if i % 3}
    return build_signals(_article(name, texts), english=english, vectors=vectors)


def _check(alignment: Alignment, n: int, m: int) -> None:
    for link in alignment.links:
        assert 0 <= link.score <= 1
        assert all(0 <= i < n for i in link.a) and all(0 <= j < m for j in link.b)
        assert 1 <= len(link.a) <= 2 and 1 <= len(link.b) <= 2 and len(link.a) + len(link.b) <= 3
    if alignment.kind == "translation":
        flat_a = [i for link in alignment.links for i in link.a]
        flat_b = [j for link in alignment.links for j in link.b]
        assert flat_a == sorted(flat_a) and len(set(flat_a)) == len(flat_a)  # monotonic, once each
        assert flat_b == sorted(flat_b) and len(set(flat_b)) == len(flat_b)


WORDS = st.sampled_from(
    ["Korea", "Russia", "73", "cars", "Tumangang", "Туманганг", "تومانغانغ", "٧٣", "rail", "the", "2023",
     "5 October 2023", "Putin", "Kim", "shells", "a", "", "!", "\u202e", "Zug"]
)  # fmt: skip
TEXTS = st.lists(st.lists(WORDS, max_size=12).map(" ".join), max_size=14)


@settings(max_examples=40, deadline=None)
@given(TEXTS, TEXTS, st.booleans(), st.integers(0, 1000))
def test_alignment_invariants_on_arbitrary_paragraphs(
    left: list[str], right: list[str], vectors: bool, seed: int
) -> None:
    a = _random_signals("a", left, seed, vectors)
    b = _random_signals("b", right, seed + 1, vectors)
    _check(align(a, b), len(left), len(right))
    links, _ = translation_links(a, b)
    _check(Alignment("a", "b", "translation", tuple(links)), len(left), len(right))


@settings(max_examples=25, deadline=None)
@given(TEXTS, st.integers(0, 1000))
def test_an_article_aligns_with_itself_one_to_one(texts: list[str], seed: int) -> None:
    a = _random_signals("a", texts, seed, True)
    links, _ = translation_links(a, a)
    assert all(link.a == link.b and len(link.a) == 1 for link in links)
    linked = {link.a[0] for link in links}
    for i, text in enumerate(texts):
        if len(text.split()) >= FULL_WORDS:  # its own vector is its unmistakable match
            assert i in linked, (i, text)


def test_empty_and_one_paragraph_articles() -> None:
    empty = build_signals(_article("e", []))
    one = _random_signals("o", ["Tumangang 73 cars"], 1, True)
    for x, y in ((empty, empty), (empty, one), (one, empty), (one, one)):
        _check(align(x, y), len(x), len(y))


def test_windowed_alignment_of_long_articles_finds_the_same_links(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.versions.align as align_module

    a, b = seed_signals("000"), seed_signals("002")
    dense = align(a, b)
    monkeypatch.setattr(align_module, "DENSE_CELLS", 10)
    monkeypatch.setattr(align_module, "WINDOW", 8)
    monkeypatch.setattr(align_module, "WINDOW_SLACK", 4)
    monkeypatch.setattr(align_module, "WINDOW_OVERLAP", 2)
    windowed = align(a, b)
    assert windowed.kind == dense.kind == "translation"
    pairs = {(link.a, link.b) for link in dense.links}
    found = {(link.a, link.b) for link in windowed.links}
    assert len(found & pairs) >= 0.9 * len(pairs) and len(found - pairs) <= 1
    assert all(x.a[-1] < y.a[0] and x.b[-1] < y.b[0] for x, y in itertools.pairwise(windowed.links))
