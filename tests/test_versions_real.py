"""Alignment and stories on a small real subset of NTREX-128 (professional translations)."""

from __future__ import annotations

import itertools

import pytest
from seed_data import ntrex_articles

from tui.versions.align import align
from tui.versions.stories import group_stories

TRANSLATED = ("reuters.218882", "scotsman.133804", "cnn.304521")
LANGUAGES = ("arb", "deu", "fas", "ukr")


@pytest.mark.parametrize("doc", TRANSLATED)
def test_every_line_of_true_translations_is_linked_short_ones_included(doc: str) -> None:
    articles = ntrex_articles()
    predicted = gold = correct = 0
    for la, lb in itertools.combinations(LANGUAGES, 2):
        (a, sa), (_, sb) = articles[f"{doc}.{la}"], articles[f"{doc}.{lb}"]
        alignment = align(sa, sb)
        assert alignment.kind == "translation", (la, lb, alignment.coverage)
        pairs = {(i, j) for link in alignment.links for i in link.a for j in link.b}
        truth = {(i, i) for i in range(len(a.paragraphs))}
        predicted += len(pairs)
        gold += len(truth)
        correct += len(pairs & truth)
    assert correct / predicted >= 0.98 and correct / gold >= 0.95, (correct, predicted, gold)


def test_two_reports_of_one_event_are_not_translations() -> None:
    articles = ntrex_articles()
    for lang in ("arb", "deu"):
        first, later = articles[f"euronews-en.153797.{lang}"][1], articles[f"euronews-en.153835.{lang}"][1]
        assert align(first, later).kind != "translation"


def test_unrelated_articles_get_no_confident_link() -> None:
    articles = ntrex_articles()
    for x, y in itertools.combinations(TRANSLATED, 2):
        alignment = align(articles[f"{x}.arb"][1], articles[f"{y}.deu"][1])
        assert alignment.kind != "translation"
        assert not [link for link in alignment.links if link.score >= 0.5]


def test_three_events_in_four_languages_make_three_stories() -> None:
    articles = ntrex_articles()
    signals = [s for aid, (_, s) in sorted(articles.items()) if aid.rsplit(".", 1)[0] in TRANSLATED]
    stories, pairs = group_stories(signals)
    groups = sorted(sorted({m.rsplit(".", 1)[0] for m in s.members}) for s in stories)
    assert groups == [[doc] for doc in sorted(TRANSLATED)]
    assert all(len(s.members) == 4 for s in stories)
    assert all(r.relation == "translation" for s in stories for r in s.relations)


def test_articles_added_one_by_one_make_the_same_stories() -> None:
    from tui.versions.stories import StoryGrouper

    articles = ntrex_articles()
    signals = [s for _, (_, s) in sorted(articles.items())]
    bulk, _ = group_stories(signals)
    grouper = StoryGrouper()
    compared = [len(grouper.add(s)) for s in signals]
    incremental, _ = grouper.stories()
    assert sorted(s.members for s in incremental) == sorted(s.members for s in bulk)
    assert max(compared) < len(signals) - 1  # each newcomer meets its candidates, not everyone


SULAWESI = ("euronews-en.153797", "euronews-en.153835", "reuters.218863")


def _sulawesi(order: int) -> list:
    articles = ntrex_articles()
    signals = [s for aid, (_, s) in sorted(articles.items()) if aid.rsplit(".", 1)[0] in SULAWESI]
    return signals[::order]


@pytest.mark.parametrize("order", (1, -1))
def test_reports_of_one_event_each_translated_stay_apart_and_are_related(order: int) -> None:
    # Three outlets' reports of the Sulawesi earthquake, each in Arabic and
    # German: three events in the development set. Same-event links join the
    # reports pairwise (384 dead, the same day) but never merge two reports
    # that have their own translations; the stories are related instead, and
    # say which facts their linked paragraphs share.
    stories, pairs = group_stories(_sulawesi(order))
    groups = sorted(sorted(s.members) for s in stories)
    assert groups == [[f"{doc}.arb", f"{doc}.deu"] for doc in SULAWESI]
    assert any(r.relation == "same_event" for r in pairs)  # the evidence was there
    story = {m.rsplit(".", 1)[0]: s for s in stories for m in s.members}
    first, reuters = story["euronews-en.153797"], story["reuters.218863"]
    facts = dict(first.shared_facts)[reuters.id]
    assert "384" in facts and "Sulawesi" in facts
    assert first.id in reuters.related
    for s in stories:
        assert len(s.related) <= 2
        assert [sid for sid, _ in s.shared_facts] == list(s.related)


def test_a_lone_report_of_the_event_still_joins_the_translated_one() -> None:
    # One outlet's report in two languages, another's in one: the lone report
    # is a version of the story (as 003 is on the seeds), judged against both
    # of its versions (a same-event report of each).
    articles = ntrex_articles()
    ids = ("euronews-en.153797.arb", "euronews-en.153797.deu", "reuters.218863.arb")
    for order in (1, -1):
        stories, pairs = group_stories([articles[i][1] for i in ids][::order])
        assert [sorted(s.members) for s in stories] == [sorted(ids)]
        relation = {frozenset((r.a, r.b)): r.relation for r in pairs}
        assert relation[frozenset(ids[:2])] == "translation"
        assert relation[frozenset(ids[::2])] == relation[frozenset(ids[1:])] == "same_event"
