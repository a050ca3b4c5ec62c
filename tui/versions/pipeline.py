"""One pipeline from loaded articles to a :class:`~tui.versions.corpus.VersionsIndex`.

The reader's background worker and ``tandem stories`` both call this module,
so the two can never group a collection differently (issue 10, item 2). The
steps, each reported through ``on_progress(stage, done, total)``:

1. ``reading`` — per article: languages, claims, English text (a cached
   machine translation or the bundled reference), and the signals with the
   embeddings already cached (:func:`tui.versions.prepare.prepare`);
2. ``grouping`` — candidate pairs aligned and stories formed
   (:func:`tui.versions.corpus.build_index`);
3. ``embedding`` — (``embeddings="compute"``) the missing paragraph vectors,
   computed once and cached by text hash, article by article; then grouping
   again.

:func:`versions_indexes` yields the index after each grouping: first from the
cached vectors (seconds, so the reader has versions at once), then, when
vectors had to be computed, again with them. :func:`build_versions` is the
one-shot form the CLI uses: it computes what is missing first and groups once.

``should_stop()`` is polled between articles and between embedding batches;
when it turns true the generator ends without yielding a partial index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from tui.article import Article
from tui.claims.model import Claim
from tui.versions.corpus import VersionsIndex, build_index
from tui.versions.embedding import EmbeddingStore
from tui.versions.prepare import EmbeddingMode, english_texts, prepare, with_languages
from tui.versions.signals import ArticleSignals

MAX_PARAGRAPHS_COMPARED = 10_000
"""Longer articles are left out of story grouping (:func:`compared`).

Grouping extracts the claims and signals of every paragraph and may align
an article with each candidate: time proportional to its length. News
reports run to tens or hundreds of paragraphs, and two 5,000-paragraph
articles still align in seconds (``bench/align_speed.py``); a 200,000-paragraph
legal text kept a core busy for many minutes in the reader's background,
slowing every key meanwhile (``bench/long_article.py``). Such an article is
read, translated and annotated like any other; the versions strip and
``tandem stories`` say it was not compared."""

Progress = Callable[[str, int, int], None]
"""``on_progress(stage, done, total)``; stage is ``reading``, ``embedding`` or ``grouping``."""


def compared(article: Article) -> bool:
    """Whether grouping compares ``article`` with the others: readable, and
    at most :data:`MAX_PARAGRAPHS_COMPARED` paragraphs."""
    return article.ok and len(article.paragraphs) <= MAX_PARAGRAPHS_COMPARED


def _never() -> bool:
    return False


def versions_indexes(
    articles: Sequence[Article],
    *,
    embeddings: EmbeddingMode = "compute",
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    store: EmbeddingStore | None = None,
    first_cached: bool = True,
    dates: Mapping[str, str] | None = None,
) -> Iterator[VersionsIndex]:
    """Successive indexes of ``articles`` (unreadable ones and those too long
    to compare, :func:`compared`, are left out).

    With ``first_cached`` (the reader) the first index uses only cached
    vectors and a second follows once missing vectors are computed
    (``embeddings="compute"`` and some were missing). Without it (the CLI) the
    vectors are computed first and one index is yielded. ``dates``: ISO
    publication dates by article id, where known (they order the versions);
    by default the articles' own metadata dates, so ``tandem stories`` and the
    reader order versions alike.
    """
    if dates is None:
        dates = {a.id: a.meta.date for a in articles if a.ok and a.meta is not None and a.meta.date}
    stop = should_stop or _never
    report = on_progress or (lambda stage, done, total: None)
    readable = [a for a in articles if compared(a)]
    ready: list[Article] = []
    english: dict[str, dict[int, str]] = {}
    claims: dict[str, list[Claim]] = {}
    signals: list[ArticleSignals] = []
    first: EmbeddingMode = "none" if embeddings == "none" else ("cached" if first_cached else embeddings)
    from tui.claims.extract import extract_article_claims

    total = len(readable)
    for done, article in enumerate(readable):
        if stop():
            return
        article = with_languages(article)
        ready.append(article)
        english[article.id] = english_texts(article)
        claims[article.id] = extract_article_claims(article)
        signals.append(
            prepare(
                article,
                embeddings=first,
                store=store,
                english=english[article.id],
                claims=claims[article.id],
                should_stop=stop,
            )
        )
        report("embedding" if first == "compute" else "reading", done + 1, total)
    if stop():
        return
    index = build_index(ready, signals, claims, english, on_progress=on_progress, should_stop=stop, dates=dates)
    if stop():
        return
    yield index
    if first != "cached" or embeddings != "compute" or index.with_embeddings:
        return
    computed: list[ArticleSignals] = []
    for done, (article, old) in enumerate(zip(ready, signals, strict=True)):
        if stop():
            return
        if old.embedded == len(old):
            computed.append(old)
        else:
            computed.append(
                prepare(
                    article,
                    embeddings="compute",
                    store=store,
                    english=english[article.id],
                    claims=claims[article.id],
                    should_stop=stop,
                )
            )
        report("embedding", done + 1, total)
    if stop():
        return
    index = build_index(ready, computed, claims, english, on_progress=on_progress, should_stop=stop, dates=dates)
    if not stop():
        yield index


def build_versions(
    articles: Sequence[Article],
    *,
    embeddings: EmbeddingMode = "compute",
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    store: EmbeddingStore | None = None,
    dates: Mapping[str, str] | None = None,
) -> VersionsIndex:
    """The index of ``articles`` in one pass (missing vectors computed first
    when ``embeddings="compute"``). An empty index when stopped."""
    last = VersionsIndex()
    for index in versions_indexes(
        articles,
        embeddings=embeddings,
        on_progress=on_progress,
        should_stop=should_stop,
        store=store,
        first_cached=False,
        dates=dates,
    ):
        last = index
    return last
