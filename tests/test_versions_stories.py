"""Stories over the seeds, corroboration of claims across versions, and the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import seed
from seed_data import seed_article, seed_signals

from tui.cli import main
from tui.versions.align import align
from tui.versions.corroboration import corroborate, normal_unit, units_match, valued_claims
from tui.versions.stories import group_stories, relate

ALL = ("000", "001", "002", "003", "004")


def test_seed_stories() -> None:
    stories, pairs = group_stories([seed_signals(p) for p in ALL])
    ids = {p: seed_article(p).id for p in ALL}
    main_story = next(s for s in stories if ids["000"] in s.members)
    assert set(main_story.members) == {ids["000"], ids["002"], ids["003"]}
    relation = {frozenset((r.a, r.b)): r.relation for r in pairs}
    assert relation[frozenset((ids["000"], ids["002"]))] == "translation"
    assert relation[frozenset((ids["000"], ids["003"]))] == "same_event"
    assert relation[frozenset((ids["002"], ids["003"]))] == "same_event"
    for other in ("001", "004"):
        own = next(s for s in stories if ids[other] in s.members)
        assert own.members == (ids[other],)  # related, never a version
        for member in ("000", "002", "003"):
            assert relation[frozenset((ids[other], ids[member]))] == "related"
    # Related stories only on shared specific facts, and they say which: 001
    # shares one name (Zelensky) with the main story, 004 none, so neither is listed.
    assert main_story.related == ()
    for story in stories:
        assert [sid for sid, _ in story.shared_facts] == list(story.related)
        assert all(len(facts) >= 2 for _, facts in story.shared_facts)
    for r in pairs:
        assert 0 <= r.score <= 1


def test_seed_stories_do_not_depend_on_the_order_of_the_articles() -> None:
    # 003 (another outlet, no translation of its own) joins the translated
    # report 000/002 whichever comes first; the story keeps one order.
    forward, _ = group_stories([seed_signals(p) for p in ALL])
    backward, _ = group_stories([seed_signals(p) for p in reversed(ALL)])
    assert sorted(sorted(s.members) for s in forward) == sorted(sorted(s.members) for s in backward)
    assert all(s.related == () or len(s.related) <= 2 for s in backward)


def test_relation_scores_order_versions_above_related() -> None:
    translation = relate(seed_signals("000"), seed_signals("002"))
    same_event = relate(seed_signals("000"), seed_signals("003"))
    related = relate(seed_signals("000"), seed_signals("001"))
    assert translation.relation == "translation" and same_event.relation == "same_event"
    assert related.relation == "related" and related.score < min(translation.score, same_event.score)


def _corroborations() -> dict[tuple[str, int, str], object]:
    from tui.claims.extract import extract_article_claims
    from tui.versions.prepare import english_texts

    sets = []
    for p in ALL:
        article = seed_article(p)
        sets.append(valued_claims(article, extract_article_claims(article), english_texts(article)))
    alignments = [align(seed_signals(x), seed_signals(y)) for i, x in enumerate(ALL) for y in ALL[i + 1 :]]
    found = corroborate(sets, alignments)
    return {(c.claim.article[:3], c.claim.claim.paragraph, c.claim.claim.text): c for c in found}


@pytest.fixture(scope="module")
def corroborations() -> dict:
    return _corroborations()


def test_73_rail_cars_are_corroborated_by_all_three_versions(corroborations: dict) -> None:
    arabic = corroborations[("000", 6, "73 عربة")]
    assert {a[:3] for a in arabic.articles} == {"002", "003"}
    german = corroborations[("002", 8, "73 Triebwagen")]
    assert {a[:3] for a in german.articles} == {"000", "003"}
    ukrainian = corroborations[("003", 2, "73 вагони")]
    assert {a[:3] for a in ukrainian.articles} == {"000", "002"}
    assert not arabic.conflicts and not german.conflicts  # "of at most 20" is the same in both
    record = arabic.record()
    assert record["unit"] == "car" and {s["article"][:3] for s in record["support"]} == {"002", "003"}


def test_the_date_of_the_imagery_is_corroborated(corroborations: dict) -> None:
    date = corroborations[("000", 2, "5 أكتوبر 2023")]
    assert {a[:3] for a in date.articles} == {"002", "003"}


def test_conflicting_estimates_of_shells_are_flagged_and_the_promise_is_not(corroborations: dict) -> None:
    three = corroborations[("001", 1, "۳ میلیون گلوله")]
    one_and_half = corroborations[("001", 4, "۱.۵ میلیون گلوله")]
    promised = corroborations[("001", 4, "۱ میلیون گلولههای")]
    assert [c.other.claim.text for c in three.conflicts] == ["۱.۵ میلیون گلوله"]
    assert [c.other.claim.text for c in one_and_half.conflicts] == ["۳ میلیون گلوله"]
    assert promised.conflicts == ()
    assert three.conflicts[0].why == "estimates by different sources"


def test_no_conflict_between_unlinked_articles(corroborations: dict) -> None:
    # 004's "three cars" of another train is not a disagreement with 000's 73 cars
    for (article, _, _), c in corroborations.items():
        for conflict in c.conflicts:
            assert conflict.other.article[:3] == article or conflict.why.startswith("linked")


def test_units() -> None:
    assert normal_unit("train cars") == "car" and normal_unit("railcars") == "railcar"
    assert units_match("railcar", "car") and units_match("گلولههای", "گلوله")
    assert not units_match("car", "month") and not units_match(None, "car")


# --- CLI -----------------------------------------------------------------------


def test_align_json(capsys: pytest.CaptureFixture[str]) -> None:
    seed_signals("000")  # vectors cached for the CLI
    assert main(["align", str(seed("000")), str(seed("002")), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert list(record) == ["a", "b", "kind", "links"]
    assert record["a"] == seed("000").stem and record["b"] == seed("002").stem
    assert record["kind"] == "translation"
    pairs = {(tuple(k["a"]), tuple(k["b"])) for k in record["links"]}
    assert ((6,), (8,)) in pairs and ((0,), (1,)) in pairs
    for link in record["links"]:
        assert set(link) == {"a", "b", "kind", "score"} and 0 <= link["score"] <= 1


def test_align_listing_and_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert main(["align", str(seed("000")), str(seed("003"))]) == 0
    out = capsys.readouterr().out
    assert "related" in out and "↔" in out
    assert main(["align", str(seed("000")), str(seed("002"))]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert ["7", "↔", "9"] in [row[:3] for row in rows]  # ¶7 of 000 is ¶9 of 002, counted from 1 (JSON: 6 and 8)
    missing = tmp_path / "missing.txt"
    assert main(["align", str(seed("000")), str(missing)]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_stories_json(capsys: pytest.CaptureFixture[str]) -> None:
    for p in ALL:
        seed_signals(p)
    assert main(["stories", str(seed("000")).rsplit("/", 1)[0], "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"stories", "pairs", "articles", "unreadable", "not_compared"}
    assert record["not_compared"] == []
    assert len(record["pairs"]) == 10
    first = record["stories"][0]
    assert {m[:3] for m in first["members"]} == {"000", "002", "003"}
    assert {r["relation"] for r in first["relations"]} == {"translation", "same_event"}
    assert len(record["stories"]) == 3
    assert all(set(s["shared_facts"]) == set(s["related"]) for s in record["stories"])


def test_stories_without_embeddings_still_pairs_the_translations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", str(seed("000")), str(seed("002")), "--embeddings", "none", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["pairs"][0]["relation"] == "translation"


def test_two_groups_are_summed_over_once_however_many_links_join_them() -> None:
    # Two stories of three translations each, joined by three same-event links
    # (0.9) and six unrelated pairs: the mean across them (0.3) falls short,
    # and is worked out once, not once per link.
    from collections import Counter

    from tui.versions.align import Alignment
    from tui.versions.stories import PairRelation, _merge_pass

    inside = {(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)}
    across = {(0, 3), (1, 4), (2, 5)}
    relations = {}
    for i in range(6):
        for j in range(i + 1, 6):
            kind = "translation" if (i, j) in inside else ("same_event" if (i, j) in across else "unrelated")
            score = 1.0 if kind == "translation" else (0.9 if kind == "same_event" else 0.0)
            relations[i, j] = PairRelation(str(i), str(j), kind, score, Alignment(str(i), str(j), "unrelated"))
    calls: Counter[tuple[str, str]] = Counter()

    def weight(rel: PairRelation) -> float:
        calls[rel.a, rel.b] += 1
        return rel.score

    members = {i: [i] for i in range(6)}
    root = list(range(6))
    _merge_pass([], relations, lambda: False, members, root, weight, None)
    assert sorted(members.values()) == [[0, 1, 2], [3, 4, 5]]
    # Listing the edges weighs each pair once (twice when it is an edge);
    # then each pair across is weighed in one sum only (before: three).
    assert calls["1", "3"] == 1 + 1
    assert calls["0", "3"] == 2 + 1
