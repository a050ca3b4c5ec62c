"""Paragraph alignment between two articles: translation (monotonic) or related.

**Translation alignment** (two versions of one text): dynamic programming over
the two paragraph sequences with 1-1, 1-0, 0-1, 2-1 and 1-2 links, maximising
the sum of link gains:

* 1-1: ``s - THRESHOLD + LENGTH_WEIGHT·lp``, where ``s`` is the combined score
  of :mod:`tui.versions.similarity` (embedding margin, shared numbers, dates
  and names as anchors, English lexical overlap) and ``lp`` the Gale–Church
  length log-likelihood: δ = (l_b − c·l_a)/√(l_a·S2) under a standard normal,
  ``-min(δ², 16)/2``. The ratio ``c`` is the median length ratio of
  confident mutual best pairs (the article totals are skewed by captions that
  only one version has), else the ratio of the body totals;
* 2-1 and 1-2: ``s₂ - THRESHOLD + (s₂ - max(s_first, s_second)) - MERGE_PENALTY``
  plus the length term, where ``s₂`` scores the two paragraphs merged
  (vectors summed, terms, facts and names united) against the single one. The
  middle term is what merging *adds* over the better half alone: a short
  caption next to a translated paragraph barely changes ``s₂``, so it is not
  swallowed into a 2-1 link but left as the 0-1 it is;
* 1-0 and 0-1 (a headline or photo caption only one version has): gain 0.

Since skipping both paragraphs always gains 0, the DP never takes a link
whose gain is negative: every link of this first pass has ``s ≥ THRESHOLD``
minus the length term. These confident links are the **anchors**.

**Gaps** (:func:`fill_gaps`, Bertalign's second step): true translations keep
their paragraphs in order, one for one, but a title, a dateline or a one-line
quote embeds too weakly to pass the bar on its own (on NTREX, recall under 60
characters was 0.56). So when the anchors cover :data:`FILL_COVERAGE` of both
articles, the stretch between two consecutive anchors (and before the first,
after the last) is aligned again with the same DP, a lower bar
(:data:`GAP_THRESHOLD`) and, when both sides of the gap hold as many
paragraphs, :data:`DIAGONAL_BONUS` on the gap's diagonal. A caption that
only one version has makes the gap uneven, so it gets no diagonal help and
stays 0-1. Each link's score is its ``s`` (0..1), so a filled link shows as
weaker than an anchor.

**Related alignment** (other outlets, other events): non-monotonic 1-1 links
between paragraphs whose score reaches :data:`RELATED_THRESHOLD`, keeping for
each paragraph at most :data:`RELATED_PER_PARAGRAPH` partners — then judged
as a set (:func:`supported_related`), because one such link alone proves
little: any two news articles hold a pair of paragraphs whose embeddings are
close (two one-line quotes; "on Saturday, September 29" in a Brexit and a
Turkey report), and between articles of *different* events 83 % of the pairs
that had a link had exactly one. So the links of a pair count at
:data:`RELATED_THRESHOLD` only when the pair is **anchored**: at least
:data:`EVENT_ANCHORS` of them state a shared number or date (facts evidence
≥ :data:`RELATED_FACT`) — two reports of one event agree on figures and days
(384 dead, Palu; 73 wagons at Tumangang on 5 October on the seeds). Without
that, only telling links stay — those the reader marks as sure
(:data:`SURE_LINK`) or that state a shared fact — and only when at least
:data:`RELATED_SUPPORT` of them, on different paragraphs, support each
other (Euronews' first report and its update of the earthquake: headline to
headline at 0.91, "7.5 magnitude" in both): a lone link in a pair that is not
a translation is never shown as confident. Translation
links are not judged this way: the monotonic path is their support.

**Which one** (:func:`align`, :func:`is_translation`), judged on the whole
pair: a translation's path, gaps filled, covers at least
:data:`TRANSLATION_COVERAGE` of the body (non-boilerplate) paragraphs on
*both* sides (0.86-1.0 on the 260 true pairs of the devsets; two Euronews
reports of one earthquake 0.71); its anchors alone cover
:data:`FILL_COVERAGE` of both with a mean score of at least
:data:`TRANSLATION_MEAN`; and at most :data:`MAX_MERGED_SHARE` of the
anchors merge two paragraphs (a shorter report condenses; a translation
keeps the paragraphs). Otherwise the pair is ``related`` when some related
link is found or the articles are about the same topic
(:func:`tui.versions.similarity.same_topic`: close article centroids, so a
related pair may have no links), else ``unrelated``. Measured with
``bench/versions_eval.py``: on NTREX (20 documents, every pair of ar, fa,
de, uk, en) precision 0.997, recall 0.994, all 200 pairs ``translation``; on
newstest2012 1.00 / 1.00; no pair of different events called a translation,
and 3 confident links over the 9,114 such pairs (515 before related links
were judged as a set).

**Complexity** for n and m paragraphs: the score matrices cost O(n·m·d)
(d = 384) in one BLAS product, O(n·m) element-wise work (the merged 2-1 and
1-2 scores are derived from the single ones, see
:func:`tui.versions.similarity.scores_with_merges`) and the sparse signals'
shared-key pairs; the DP is O(n·m) cells with five transitions each, run as n
vectorised row sweeps (four transitions come from the two rows above; the
fifth, skipping a b paragraph, is a running maximum along the row), so
Python's loop runs n times, not n·m. Above :data:`DENSE_CELLS` paragraph
pairs (two articles of 2,000) the alignment runs in **windows**
(:func:`windowed_pass`: :data:`WINDOW` paragraphs of a against the stretch
of b where the path can be, the next window starting after the last link
kept) and related links in row blocks, so memory is linear in the lengths:
two 5,000-paragraph articles take 70 MB at peak instead of 2.3 GB
(``bench/align_speed.py --memory``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui.versions.signals import ArticleSignals
from tui.versions.similarity import PairScores, same_topic, scores_with_merges

if TYPE_CHECKING:
    import numpy as np

LinkKind = Literal["translation", "related"]
PairKind = Literal["translation", "related", "unrelated"]

CONFIDENT_LINK = 0.5
"""A link scoring at least this is shown as confident (◐ in the reader): the
one bar that ``bench/versions_eval.py``, the seeds' gold and the tests count."""
SURE_LINK = 0.8
"""A link scoring at least this is shown as sure (●)."""
THRESHOLD = 0.5
"""Translation links need a combined score above this (before the length term)."""
LENGTH_WEIGHT = 0.03
GC_VARIANCE = 6.8
"""Gale & Church's variance of the length difference per character."""
MERGE_PENALTY = 0.05
RATIO_PAIR_SCORE = 0.8
"""Mutual best pairs at least this good estimate the length ratio."""
RELATED_THRESHOLD = 0.5
RELATED_PER_PARAGRAPH = 4
RELATED_FACT = 0.1
"""Facts evidence (shared numbers and dates, after rarity) from which a related link states a shared fact."""
EVENT_ANCHORS = 2
"""Related links stating a shared fact that make a pair anchored (its links count from :data:`RELATED_THRESHOLD`)."""
RELATED_SUPPORT = 2
"""Sure links an unanchored pair needs for any of them to count: a lone link is not evidence."""
TRANSLATION_COVERAGE = 0.8
GAP_THRESHOLD = 0.35
"""Inside a gap between two links of a translation, a pair needs this score."""
DIAGONAL_BONUS = 0.25
"""Added to a gap pair on the gap's diagonal when both sides of the gap are as long."""
FILL_COVERAGE = 0.3
"""Gaps are filled only when the first links cover this much of both articles."""
MAX_GAP = 400
MAX_MERGED_SHARE = 0.34
DENSE_CELLS = 4_000_000
"""Above this many paragraph pairs an alignment runs in windows (linear memory)."""
WINDOW = 600
WINDOW_SLACK = 300
WINDOW_OVERLAP = 100
TRANSLATION_MEAN = 0.65

_SKIP_A, _SKIP_B, _ONE, _TWO_A, _TWO_B = 1, 2, 3, 4, 5


@dataclass(frozen=True, slots=True)
class Link:
    """Paragraphs ``a`` of one article said again in paragraphs ``b`` of the other."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: LinkKind
    score: float

    def record(self) -> dict[str, object]:
        return {"a": list(self.a), "b": list(self.b), "kind": self.kind, "score": round(self.score, 3)}


@dataclass(frozen=True)
class Alignment:
    """The links between two articles and what the pair is."""

    a: str
    b: str
    kind: PairKind
    links: tuple[Link, ...] = ()
    coverage: tuple[float, float] = (0.0, 0.0)
    """Share of body paragraphs of a and of b that are linked."""
    _index: dict[tuple[str, int], list[Link]] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for link in self.links:
            for i in link.a:
                self._index.setdefault(("a", i), []).append(link)
            for j in link.b:
                self._index.setdefault(("b", j), []).append(link)

    def links_of(self, index: int, side: Literal["a", "b"] = "a") -> list[Link]:
        """Links that include paragraph ``index`` of side ``side``, best first."""
        return sorted(self._index.get((side, index), ()), key=lambda link: -link.score)

    def counterparts(self, index: int, side: Literal["a", "b"] = "a") -> list[int]:
        """Paragraphs of the other side linked to ``index``, best link first."""
        other = "b" if side == "a" else "a"
        out: list[int] = []
        for link in self.links_of(index, side):
            for k in getattr(link, other):
                if k not in out:
                    out.append(k)
        return out

    def counterpart(self, index: int, side: Literal["a", "b"] = "a") -> tuple[int | None, bool]:
        """Where ``]`` should land: ``(paragraph, exact)``.

        Exact when ``index`` is linked. Otherwise, for a translation, the
        counterpart of the nearest linked paragraph before it (else after it),
        marked inexact; for other kinds ``(None, False)``.
        """
        found = self.counterparts(index, side)
        if found:
            return found[0], True
        if self.kind != "translation":
            return None, False
        other = "b" if side == "a" else "a"
        linked = sorted(k for (s, k) in self._index if s == side)
        before = [k for k in linked if k < index]
        after = [k for k in linked if k > index]
        near = before[-1] if before else (after[0] if after else None)
        if near is None:
            return None, False
        targets = getattr(self.links_of(near, side)[0], other)
        return (max(targets) if before else min(targets)), False

    def record(self) -> dict[str, object]:
        """The JSON object of ``tandem align --json``."""
        return {"a": self.a, "b": self.b, "kind": self.kind, "links": [k.record() for k in self.links]}


def length_ratio(a: ArticleSignals, b: ArticleSignals, scores: np.ndarray) -> float:
    """Characters of b per character of a, from confident mutual best pairs."""
    import numpy as np

    la = np.asarray(a.lengths, dtype=np.float64)
    lb = np.asarray(b.lengths, dtype=np.float64)
    if scores.size:
        best_b = scores.argmax(1)
        best_a = scores.argmax(0)
        ratios = [
            lb[j] / la[i]
            for i, j in enumerate(best_b)
            if best_a[j] == i and scores[i, j] >= RATIO_PAIR_SCORE and la[i] >= 20 and lb[j] >= 20
        ]
        if len(ratios) >= 3:
            return float(np.median(ratios))
    body_a = sum(x for x, bp in zip(a.lengths, a.boilerplate, strict=True) if not bp) or sum(a.lengths)
    body_b = sum(x for x, bp in zip(b.lengths, b.boilerplate, strict=True) if not bp) or sum(b.lengths)
    return float(body_b / body_a) if body_a and body_b else 1.0


def length_logprob(la: np.ndarray, lb: np.ndarray, ratio: float) -> np.ndarray:
    """Gale–Church log-likelihood (up to a constant) for lengths ``la`` × ``lb``."""
    import numpy as np

    la = np.maximum(np.asarray(la, dtype=np.float32), 1.0)
    lb = np.asarray(lb, dtype=np.float32)
    delta = (lb[None, :] - ratio * la[:, None]) / np.sqrt(la[:, None] * GC_VARIANCE)
    return -np.minimum(delta * delta, 16.0) / 2.0


@dataclass(frozen=True, eq=False)
class _Gains:
    one: np.ndarray  # (n, m)
    two_a: np.ndarray  # (n-1, m): a[i], a[i+1] with b[j]
    two_b: np.ndarray  # (n, m-1): a[i] with b[j], b[j+1]
    s_one: np.ndarray
    s_two_a: np.ndarray
    s_two_b: np.ndarray


def _gains(a: ArticleSignals, b: ArticleSignals, single: PairScores, merged_a: PairScores | None,
           merged_b: PairScores | None) -> _Gains:  # fmt: skip
    import numpy as np

    n, m = len(a), len(b)
    ratio = length_ratio(a, b, single.score)
    la, lb = np.asarray(a.lengths), np.asarray(b.lengths)
    s1 = single.score
    g1 = s1 - THRESHOLD + LENGTH_WEIGHT * length_logprob(la, lb, ratio)
    if merged_a is not None and m >= 1:
        s2a = merged_a.score
        added = s2a - np.maximum(s1[:-1], s1[1:])  # what the second paragraph adds
        g2a = s2a - THRESHOLD + added - MERGE_PENALTY + LENGTH_WEIGHT * length_logprob(la[:-1] + la[1:], lb, ratio)
    else:
        s2a = g2a = np.zeros((max(n - 1, 0), m), dtype=np.float32)
    if merged_b is not None and n >= 1:
        s2b = merged_b.score
        added = s2b - np.maximum(s1[:, :-1], s1[:, 1:])
        g2b = s2b - THRESHOLD + added - MERGE_PENALTY + LENGTH_WEIGHT * length_logprob(la, lb[:-1] + lb[1:], ratio)
    else:
        s2b = g2b = np.zeros((n, max(m - 1, 0)), dtype=np.float32)
    return _Gains(g1, g2a, g2b, s1, s2a, s2b)


def monotonic_links(g: _Gains, n: int, m: int) -> list[Link]:
    """The best monotonic chain of links (see the module docstring).

    Row by row: every transition into row i except "skip b[j-1]" comes from
    rows i-1 and i-2, so it is one vector operation per row; skipping b
    paragraphs gains 0, so the best value along a row is the running maximum
    of those candidates (``np.maximum.accumulate``).
    """
    import numpy as np

    neg = np.float32(-np.inf)
    best = np.full((n + 1, m + 1), neg, dtype=np.float32)
    back = np.zeros((n + 1, m + 1), dtype=np.int8)
    best[0] = 0.0  # row 0: only b paragraphs skipped
    back[0, 1:] = _SKIP_B
    for i in range(1, n + 1):
        cand = best[i - 1].copy()  # skip a[i-1]
        move = np.full(m + 1, _SKIP_A, dtype=np.int8)
        if m >= 1:
            one = best[i - 1, :-1] + g.one[i - 1]
            take = one > cand[1:]
            cand[1:] = np.where(take, one, cand[1:])
            move[1:] = np.where(take, _ONE, move[1:])
        if i >= 2 and m >= 1 and g.two_a.size:
            two = best[i - 2, :-1] + g.two_a[i - 2]
            take = two > cand[1:]
            cand[1:] = np.where(take, two, cand[1:])
            move[1:] = np.where(take, _TWO_A, move[1:])
        if m >= 2 and g.two_b.size:
            two = best[i - 1, :-2] + g.two_b[i - 1]
            take = two > cand[2:]
            cand[2:] = np.where(take, two, cand[2:])
            move[2:] = np.where(take, _TWO_B, move[2:])
        row = np.maximum.accumulate(cand)
        move[row > cand] = _SKIP_B  # the best of this cell came from its left
        best[i] = row
        back[i] = move
    links: list[Link] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = int(back[i, j])
        if step == _SKIP_A:
            i -= 1
        elif step == _SKIP_B:
            j -= 1
        elif step == _ONE:
            links.append(Link((i - 1,), (j - 1,), "translation", float(g.s_one[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif step == _TWO_A:
            links.append(Link((i - 2, i - 1), (j - 1,), "translation", float(g.s_two_a[i - 2, j - 1])))
            i, j = i - 2, j - 1
        elif step == _TWO_B:
            links.append(Link((i - 1,), (j - 2, j - 1), "translation", float(g.s_two_b[i - 1, j - 2])))
            i, j = i - 1, j - 2
        else:  # pragma: no cover - every cell but the origin has a move
            break
    links.reverse()
    return links


def translation_links(a: ArticleSignals, b: ArticleSignals) -> tuple[list[Link], PairScores]:
    """Monotonic alignment of two versions of one text, and the single-pair scores."""
    links, _, single = _translation_pass(a, b)
    return links, single


def _translation_pass(a: ArticleSignals, b: ArticleSignals) -> tuple[list[Link], list[Link], PairScores]:
    """``(anchors with the gaps filled, anchors alone, single-pair scores)``."""
    single, merged_a, merged_b = scores_with_merges(a, b)
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [], [], single
    gains = _gains(a, b, single, merged_a, merged_b)
    anchors = monotonic_links(gains, n, m)
    return fill_gaps(anchors, gains, n, m), anchors, single


def _sub_gains(g: _Gains, i0: int, i1: int, j0: int, j1: int) -> _Gains:
    """The gains of rows ``i0:i1`` × columns ``j0:j1``, re-based for a gap:
    the bar is :data:`GAP_THRESHOLD` instead of :data:`THRESHOLD`, and the
    cells on the gap's diagonal get :data:`DIAGONAL_BONUS` when both sides of
    the gap hold as many paragraphs."""
    import numpy as np

    shift = np.float32(THRESHOLD - GAP_THRESHOLD)
    one = g.one[i0:i1, j0:j1] + shift
    if i1 - i0 == j1 - j0:
        one = one + np.eye(i1 - i0, dtype=np.float32) * np.float32(DIAGONAL_BONUS)
    two_a = g.two_a[i0 : max(i0, i1 - 1), j0:j1] + shift
    two_b = g.two_b[i0:i1, j0 : max(j0, j1 - 1)] + shift
    return _Gains(
        one, two_a, two_b,
        g.s_one[i0:i1, j0:j1], g.s_two_a[i0 : max(i0, i1 - 1), j0:j1], g.s_two_b[i0:i1, j0 : max(j0, j1 - 1)],
    )  # fmt: skip


def fill_gaps(anchors: Sequence[Link], g: _Gains, n: int, m: int) -> list[Link]:
    """Bertalign's second step: between two consecutive links (and before the
    first, after the last) the unlinked paragraphs of both sides are aligned
    again, with a lower bar and the diagonal prior that true translations
    obey — the paragraphs of a gap in order, one for one, when both sides of
    the gap have as many. Only when the anchors look like a translation
    (:data:`FILL_COVERAGE` of both sides linked), so that two reports of one
    event do not get links between paragraphs that merely sit between two
    shared facts."""
    if not anchors:
        return []
    covered_a = sum(len(link.a) for link in anchors) / n
    covered_b = sum(len(link.b) for link in anchors) / m
    if min(covered_a, covered_b) < FILL_COVERAGE:
        return list(anchors)
    out: list[Link] = []
    prev_a, prev_b = 0, 0
    for link in [*anchors, None]:
        end_a, end_b = (link.a[0], link.b[0]) if link is not None else (n, m)
        if 0 < end_a - prev_a <= MAX_GAP and 0 < end_b - prev_b <= MAX_GAP:
            sub = _sub_gains(g, prev_a, end_a, prev_b, end_b)
            for found in monotonic_links(sub, end_a - prev_a, end_b - prev_b):
                out.append(
                    Link(
                        tuple(i + prev_a for i in found.a),
                        tuple(j + prev_b for j in found.b),
                        "translation",
                        found.score,
                    )  # fmt: skip
                )
        if link is not None:
            out.append(link)
            prev_a, prev_b = link.a[-1] + 1, link.b[-1] + 1
    return out


def related_candidates(scores: PairScores) -> list[tuple[Link, bool]]:
    """Non-monotonic 1-1 links between paragraphs that may say the same thing,
    each with whether its paragraphs share a number or date (before
    :func:`supported_related` judges them as a set)."""
    import numpy as np

    s = scores.score
    n, m = s.shape
    if n == 0 or m == 0:
        return []
    k_b = min(RELATED_PER_PARAGRAPH, m)
    k_a = min(RELATED_PER_PARAGRAPH, n)
    top_row = np.zeros_like(s, dtype=bool)
    top_col = np.zeros_like(s, dtype=bool)
    # argpartition: the k best of each row/column in linear time (ties: any k of them)
    np.put_along_axis(top_row, np.argpartition(-s, k_b - 1, axis=1)[:, :k_b], True, axis=1)
    np.put_along_axis(top_col, np.argpartition(-s, k_a - 1, axis=0)[:k_a, :], True, axis=0)
    keep = (s >= RELATED_THRESHOLD) & top_row & top_col
    ii, jj = np.nonzero(keep)
    return [
        (Link((int(i),), (int(j),), "related", float(s[i, j])), bool(scores.facts[i, j] >= RELATED_FACT))
        for i, j in zip(ii, jj, strict=True)
    ]


def supported_related(candidates: Sequence[tuple[Link, bool]]) -> list[Link]:
    """The related links of a pair that count (see the module docstring): all
    of them when at least :data:`EVENT_ANCHORS` state a shared number or date;
    else the telling ones — at :data:`SURE_LINK` or above, or stating a
    shared fact — when at least :data:`RELATED_SUPPORT` of them are
    independent (no two share a paragraph: one generic paragraph close to two
    of the other article is one piece of evidence, not two); else none."""
    if sum(1 for _, states_fact in candidates if states_fact) >= EVENT_ANCHORS:
        return [link for link, _ in candidates]
    telling = [link for link, states_fact in candidates if states_fact or link.score >= SURE_LINK]
    independent = min(len({i for link in telling for i in link.a}), len({j for link in telling for j in link.b}))
    return telling if independent >= RELATED_SUPPORT else []


def related_links(scores: PairScores) -> list[Link]:
    """Non-monotonic 1-1 links between paragraphs that say the same thing,
    judged as a set (:func:`supported_related`)."""
    return supported_related(related_candidates(scores))


def coverage(links: Sequence[Link], a: ArticleSignals, b: ArticleSignals) -> tuple[float, float]:
    """Share of body paragraphs of each side that some link includes."""
    linked_a = {i for link in links for i in link.a}
    linked_b = {j for link in links for j in link.b}

    def share(linked: set[int], s: ArticleSignals) -> float:
        body = [i for i, bp in enumerate(s.boilerplate) if not bp] or list(range(len(s)))
        return sum(1 for i in body if i in linked) / len(body) if body else 0.0

    return share(linked_a, a), share(linked_b, b)


def is_translation(
    filled: tuple[float, float], anchored: tuple[float, float], mean: float, anchors: int, merged: float = 0.0
) -> bool:
    """Whether a pair is two versions of one text, judged on the whole pair:
    the monotonic path (gaps filled) covers :data:`TRANSLATION_COVERAGE` of
    both sides, its confident links alone :data:`FILL_COVERAGE` of both with a
    mean score of :data:`TRANSLATION_MEAN`, there are at least two of them, and
    at most :data:`MAX_MERGED_SHARE` of them join two paragraphs into one (a
    translation keeps the paragraphs; a shorter report of the same event
    condenses them)."""
    return (
        min(filled) >= TRANSLATION_COVERAGE
        and min(anchored) >= FILL_COVERAGE
        and mean >= TRANSLATION_MEAN
        and anchors >= 2
        and merged <= MAX_MERGED_SHARE
    )


def sliced(s: ArticleSignals, start: int, end: int) -> ArticleSignals:
    """Paragraphs ``start:end`` of an article's signals (indices restart at 0)."""
    from dataclasses import replace

    return replace(
        s,
        lengths=s.lengths[start:end],
        words=s.words[start:end],
        boilerplate=s.boilerplate[start:end],
        facts=s.facts[start:end],
        names=s.names[start:end],
        english=s.english[start:end],
        embeddings=None if s.embeddings is None else s.embeddings[start:end],
        has_embedding=None if s.has_embedding is None else s.has_embedding[start:end],
    )


def _shift(links: Sequence[Link], da: int, db: int) -> list[Link]:
    return [Link(tuple(i + da for i in k.a), tuple(j + db for j in k.b), k.kind, k.score) for k in links]


def windowed_pass(a: ArticleSignals, b: ArticleSignals) -> tuple[list[Link], list[Link]]:
    """:func:`_translation_pass` for long articles in memory linear in their
    lengths: windows of :data:`WINDOW` paragraphs of ``a`` against the stretch
    of ``b`` where the path can be (as many paragraphs as the length ratio
    predicts, plus :data:`WINDOW_SLACK`), each aligned densely; the links of a
    window's last :data:`WINDOW_OVERLAP` paragraphs are dropped and the next
    window starts after the last link kept, so the path follows the text
    however far it drifts from the diagonal."""
    n, m = len(a), len(b)
    per_row = m / n if n else 1.0
    links: list[Link] = []
    anchors: list[Link] = []
    i0 = j0 = 0
    while i0 < n and j0 < m:
        i1 = min(n, i0 + WINDOW)
        j1 = min(m, j0 + int((i1 - i0) * per_row) + WINDOW_SLACK)
        last = i1 == n
        found, confident, _ = _translation_pass(sliced(a, i0, i1), sliced(b, j0, j1))
        found, confident = _shift(found, i0, j0), _shift(confident, i0, j0)
        if not last:
            limit_a, limit_b = i1 - WINDOW_OVERLAP, j1 - WINDOW_OVERLAP
            found = [k for k in found if k.a[-1] < limit_a and k.b[-1] < limit_b]
        kept = {(k.a, k.b) for k in found}
        links += found
        anchors += [k for k in confident if (k.a, k.b) in kept]
        if last:
            break
        if found:
            i0, j0 = found[-1].a[-1] + 1, found[-1].b[-1] + 1
        else:  # nothing here: move on by the window's sure part
            i0, j0 = i0 + WINDOW - WINDOW_OVERLAP, j0 + int((WINDOW - WINDOW_OVERLAP) * per_row)
    return links, anchors


def related_links_chunked(a: ArticleSignals, b: ArticleSignals) -> list[Link]:
    """:func:`related_links` over row blocks of :data:`WINDOW` paragraphs of
    ``a`` against all of ``b`` (memory linear in ``b``'s length; a column keeps
    its best partners within each block), judged as one set."""
    out: list[tuple[Link, bool]] = []
    for start in range(0, len(a), WINDOW):
        scores = scores_with_merges(sliced(a, start, start + WINDOW), b, merges=False)[0]
        found = related_candidates(scores)
        shifted = _shift([link for link, _ in found], start, 0)
        out += [(link, states_fact) for link, (_, states_fact) in zip(shifted, found, strict=True)]
    return supported_related(out)


def align(a: ArticleSignals, b: ArticleSignals) -> Alignment:
    """Align two articles and say whether they are translations, related or unrelated.

    Pairs with more than :data:`DENSE_CELLS` paragraph pairs are aligned in
    windows (:func:`windowed_pass`, :func:`related_links_chunked`), so memory
    stays linear in the articles' lengths."""
    large = len(a) * len(b) > DENSE_CELLS
    scores: PairScores | None = None
    if large:
        links, anchors = windowed_pass(a, b)
    else:
        links, anchors, scores = _translation_pass(a, b)
    cov = coverage(links, a, b)
    mean = sum(link.score for link in anchors) / len(anchors) if anchors else 0.0
    merged = sum(1 for link in anchors if len(link.a) + len(link.b) > 2) / len(anchors) if anchors else 0.0
    if is_translation(cov, coverage(anchors, a, b), mean, len(anchors), merged):
        return Alignment(a.article_id, b.article_id, "translation", tuple(links), cov)
    related = related_links(scores) if scores is not None else related_links_chunked(a, b)
    if related or same_topic(a, b)[0]:
        return Alignment(a.article_id, b.article_id, "related", tuple(related), coverage(related, a, b))
    return Alignment(a.article_id, b.article_id, "unrelated", (), (0.0, 0.0))
