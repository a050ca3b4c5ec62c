"""The one grouping pipeline (reader and CLI), its order of versions, conflicts
on both sides, candidates at scale and grouping without chaining."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS, seed
from seed_data import seed_articles, seed_signals

from tui.loading import load_article
from tui.versions.align import Alignment
from tui.versions.candidates import CandidateIndex, candidate_pairs
from tui.versions.corpus import version_order
from tui.versions.pipeline import build_versions, versions_indexes
from tui.versions.signals import ArticleSignals
from tui.versions.stories import PairRelation, _average_linkage


def _seeds() -> list:
    seed_articles()  # vectors cached in the session's store
    return [load_article(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_versions_come_in_one_stable_order_and_cycle() -> None:
    index = build_versions(_seeds(), embeddings="cached")
    ids = {a.id[:3]: a.id for a in _seeds()}
    story = [ids["000"], ids["002"], ids["003"]]  # ar, de, uk: by language, then id
    for member in story:
        assert index.story_versions(member) == story
    assert [c.article for c in index.counterparts(ids["000"], 6)] == [ids["002"], ids["003"]]
    assert [c.article for c in index.counterparts(ids["002"], 8)] == [ids["003"], ids["000"]]
    here = ids["003"]
    for _ in range(3):
        here = index.next_version(here)
    assert here == ids["003"]  # all the way round
    assert index.next_version(index.next_version(ids["000"]), -1) == ids["000"]  # ] then [ comes back
    assert index.story_versions(ids["001"]) == [ids["001"]]


def test_version_order_uses_dates_only_when_every_version_has_one() -> None:
    languages = {"a": "uk", "b": "ar", "c": "de"}
    assert version_order(["a", "b", "c"], languages, {}) == ("b", "c", "a")
    dates = {"a": "2023-10-01", "b": "2023-10-03", "c": "2023-10-02"}
    assert version_order(["a", "b", "c"], languages, dates) == ("a", "c", "b")
    assert version_order(["a", "b", "c"], languages, {"a": "2023-10-01"}) == ("b", "c", "a")


def test_a_conflict_shows_in_every_article_stating_either_value(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    text = seed("000").read_text(encoding="utf-8")
    assert "73" in text
    (tmp_path / "005_copy.txt").write_text(text.replace("73", "85"), encoding="utf-8")
    seed_articles()
    articles = [load_article(p) for p in sorted(tmp_path.glob("*.txt"))]
    index = build_versions(articles, embeddings="cached")
    by_article: dict[str, list] = {}
    for c in index.corroboration.values():
        if c.claim.claim.kind == "quantity" and c.claim.key[1] in (73, 85):
            by_article.setdefault(c.claim.article[:3], []).append(c)
    seventy_three = {"000", "002", "003"}
    for article in seventy_three:
        sides = {x.other.article[:3] for c in by_article[article] for x in c.conflicts}
        assert "005" in sides, article  # the other value, named in every article that says 73
    copy_sides = {x.other.article[:3] for c in by_article["005"] for x in c.conflicts}
    assert copy_sides == seventy_three  # every source of 73, not 000 alone


def test_pipeline_reports_stages_and_stops_when_asked() -> None:
    articles = _seeds()
    seen: list[tuple[str, int, int]] = []
    indexes = list(versions_indexes(articles, embeddings="cached", on_progress=lambda *event: seen.append(event)))
    assert len(indexes) == 1 and len(indexes[0].stories) == 3
    assert [e for e in seen if e[0] == "reading"][-1] == ("reading", 5, 5)
    assert seen[-1][0] == "grouping" and seen[-1][1] == seen[-1][2] == 10
    assert list(versions_indexes(articles, embeddings="cached", should_stop=lambda: True)) == []
    # the reader's and the CLI's grouping are one and the same
    again = build_versions(articles, embeddings="cached")
    assert [s.members for s in again.stories] == [s.members for s in indexes[0].stories]


def test_the_cli_draws_no_progress_bar_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    seed_articles()
    assert main(["stories", str(SEEDS), "--embeddings", "cached"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "story-1: 3 version(s)" in captured.out


# --- candidates and linkage -------------------------------------------------------


def _synthetic(n_events: int, per_event: int, seed_value: int = 0) -> list[ArticleSignals]:
    """Articles of ``n_events`` topics (one centre each) with 3 noisy paragraphs apiece."""
    rng = np.random.default_rng(seed_value)
    centres = rng.normal(size=(n_events, 384)).astype(np.float32)
    out = []
    for e in range(n_events):
        for k in range(per_event):
            vecs = centres[e] + rng.normal(size=(3, 384)).astype(np.float32) * 0.5
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            out.append(
                ArticleSignals(
                    f"e{e}-{k}",
                    ("ar", "de", "uk")[k % 3],
                    (100,) * 3,
                    (15,) * 3,
                    (False,) * 3,
                    ({},) * 3,
                    ((),) * 3,
                    (None,) * 3,
                    vecs,
                    np.ones(3, dtype=bool),
                )  # fmt: skip
            )
    return out


def test_candidates_are_the_near_neighbours_and_usearch_agrees_with_exact_search() -> None:
    signals = _synthetic(40, 3)
    exact = candidate_pairs(signals, CandidateIndex(exact_up_to=10**6))
    approximate = candidate_pairs(signals, CandidateIndex(exact_up_to=20))
    same_event = {(i, j) for j in range(len(signals)) for i in range(j) if i // 3 == j // 3}
    assert same_event <= set(exact)
    assert len(set(approximate) & same_event) >= 0.95 * len(same_event)
    assert len(exact) < len(signals) * (len(signals) - 1) / 4  # far from every pair


def test_shared_specific_facts_make_a_candidate_without_vectors() -> None:
    def article(aid: str, facts: dict) -> ArticleSignals:
        return ArticleSignals(aid, "de", (10,), (2,), (False,), (facts,), ((),), (None,))

    shared = {("n", 73): 0.85, ("d", "2023-10-05"): 1.0}
    signals = [article(f"x{i}", {("n", 100 + i): 0.85}) for i in range(30)]
    signals += [article("a", shared), article("b", dict(shared))]
    assert candidate_pairs(signals) == [(30, 31)]


def _relation(a: str, b: str, relation: str, score: float) -> PairRelation:
    return PairRelation(a, b, relation, score, Alignment(a, b, "related"))  # type: ignore[arg-type]


def test_one_stray_link_does_not_merge_two_stories() -> None:
    signals = _synthetic(2, 3)
    relations = {}
    for j in range(6):
        for i in range(j):
            same = i // 3 == j // 3
            relations[i, j] = _relation(
                signals[i].article_id,
                signals[j].article_id,
                "translation" if same else "unrelated",
                1.0 if same else 0.0,
            )
    relations[2, 3] = _relation(signals[2].article_id, signals[3].article_id, "same_event", 0.9)
    clusters = _average_linkage(signals, relations, lambda: False)
    assert sorted(clusters) == [[0, 1, 2], [3, 4, 5]]
    relations[1, 4] = _relation(signals[1].article_id, signals[4].article_id, "same_event", 0.9)
    for i in range(3):
        for j in range(3, 6):
            relations[i, j] = _relation(signals[i].article_id, signals[j].article_id, "same_event", 0.8)
    # Every version of one report is a same-event report of every version of
    # the other: still two reports, each with its own translations (two events
    # in the development set), so two stories.
    assert sorted(_average_linkage(signals, relations, lambda: False)) == [[0, 1, 2], [3, 4, 5]]


def test_a_lone_report_joins_on_evidence_against_the_whole_story() -> None:
    signals = _synthetic(2, 3)[:4]  # a report in three languages, and another outlet's in one
    relations = {}
    for j in range(4):
        for i in range(j):
            translated = j < 3
            relations[i, j] = _relation(
                signals[i].article_id,
                signals[j].article_id,
                "translation" if translated else "unrelated",
                1.0 if translated else 0.0,
            )
    relations[0, 3] = _relation(signals[0].article_id, signals[3].article_id, "same_event", 1.0)
    assert sorted(_average_linkage(signals, relations, lambda: False)) == [[0, 1, 2], [3]]  # one link of three
    relations[1, 3] = _relation(signals[1].article_id, signals[3].article_id, "same_event", 0.8)
    assert sorted(_average_linkage(signals, relations, lambda: False)) == [[0, 1, 2, 3]]
    # whichever comes first: the lone report is article 0 now
    order = [3, 0, 1, 2]
    moved = {
        (min(order.index(i), order.index(j)), max(order.index(i), order.index(j))): r for (i, j), r in relations.items()
    }
    assert sorted(_average_linkage([signals[i] for i in order], moved, lambda: False)) == [[0, 1, 2, 3]]


def test_seed_signals_still_pair_the_translations_first() -> None:
    pairs = candidate_pairs([seed_signals(p) for p in ("000", "001", "002", "003", "004")])
    assert (0, 2) in pairs and len(pairs) == 10  # a small folder: every pair


def test_related_articles_are_those_of_stories_sharing_facts() -> None:
    from tui.versions.corpus import VersionsIndex
    from tui.versions.stories import Story

    stories = [
        Story("story-1", ("a1", "a2"), (), ("story-2",), (("story-2", ("Tumangang", "73")),)),
        Story("story-2", ("b1",), (), ("story-1",), (("story-1", ("Tumangang", "73")),)),
        Story("story-3", ("c1",), (), (), ()),
    ]
    index = VersionsIndex(stories, order={"story-1": ("a2", "a1")})
    assert index.related_articles("b1") == ["a2", "a1"]
    assert [(s.id, facts) for s, facts in index.related_stories("a1")] == [("story-2", ("Tumangang", "73"))]
    assert index.related_articles("c1") == [] and index.related_articles("unknown") == []


def test_a_story_that_took_in_a_lone_report_still_keeps_other_reports_out() -> None:
    signals = _synthetic(2, 3)[:5]  # 0: a lone report; 1-2 and 3-4: two translated reports
    relations = {}
    for j in range(5):
        for i in range(j):
            kind, score = ("same_event", 1.0 if j < 3 else 0.9) if i == 0 else ("same_event", 0.9)
            if (i, j) in ((1, 2), (3, 4)):
                kind, score = "translation", 1.0
            relations[i, j] = _relation(signals[i].article_id, signals[j].article_id, kind, score)
    assert sorted(_average_linkage(signals, relations, lambda: False)) == [[0, 1, 2], [3, 4]]
