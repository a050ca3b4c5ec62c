"""Full-text search over a corpus: SQLite FTS5, folded text and a cross-script column.

Why FTS5 and not a scan: scanning every character of 5,000 articles for each
query took seconds (:mod:`tui.search` does exactly that, and stays for the
one article on screen, where exact spans matter); an inverted index answers
in milliseconds and ranks with bm25. SQLite ships FTS5, so there is nothing to
install and the index lives in the same file as the corpus cache
(:mod:`tui.corpus_index`).

What is indexed, per paragraph and side (``original`` or ``translation``):

* ``body``: the text folded by :func:`fold`: case, combining marks (accents,
  Arabic harakat), tatweel, ZWNJ/ZWJ, and Arabic/Persian letter variants
  (ي/ى -> ی, ك -> ک, أ/إ/آ -> ا, ة -> ه), ё -> е. The same folding is applied
  to the query, so "الذخيرة" finds "الذخيرةُ" and "کره" finds "كره".
* ``names``: the consonant skeleton (:func:`tui.versions.names.skeleton`) of
  every word that may be a name (capitalised, or in Arabic script; Tumangang,
  تومانغانغ and Туманганг are all ``tmngng``), so a query in one
  script finds a name written in another. Each query word also searches this
  column (as a prefix, so inflected forms match) when its skeleton has at
  least :data:`MIN_NAME_SKELETON` consonants; from five consonants on, the
  last one is left off (transcriptions disagree about final letters:
  Tumangang, Туманган).

Ranking at scale: FTS5's ``bm25`` reads the whole doclist of each phrase for
its IDF, so a name found in every other article of 50,000 took 300 ms. Now at
most :data:`RANK_ROWS_PER_ARTICLE` matching paragraphs per article asked for
are ranked: the most recently indexed ones, whole-word matches first (read
from the newest end of their doclists and cut off), with prefix matches
merged only when whole words do not fill the window. A full window is ranked
by :func:`local_bm25` over itself; a smaller result by FTS5's ``bm25``. A
query so costs about the same at 500 or 50,000 articles.

Scope: one index holds every folder a reader opened, so a search is limited
to the caller's articles (``scope``) *before* the window above is filled:
otherwise the newest matches of other folders (copies of the same article
at other paths included) filled the window and the folder on screen found
nothing. Matches are read newest first and those of other articles passed
over; a small scope (:data:`BAND_SCOPE` articles) is searched only within the
rowid ranges holding its own rows (:func:`_bands`): a 50-article folder in a
50,000-article index took seconds passing over the others' matches. When
matches were passed over, the ranking is done here as for a window.

Queries: words are ANDed (all in one paragraph), each a prefix (``railw`` finds "railway");
``"double quotes"`` make a phrase. Results are grouped by article, articles
ordered by their best paragraph's bm25 rank, with the paragraphs that matched.
Snippets and spans are computed on the *original* text by :mod:`tui.search`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.search import LETTER_VARIANTS

MIN_NAME_SKELETON = 4
"""Shorter skeletons (``km`` for Kim, ``rs`` for Russia) match too many words."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    side TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_article ON docs(article, side);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    body, names, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
"""
"""``docs`` holds the text shown in snippets; ``docs_fts`` (same rowid) indexes
its folded forms without storing them (a contentless table: half the size).
Rows are removed with FTS5's ``delete`` command, which needs the indexed
values: they are folded again from ``docs.text``, so :func:`fold` and
:func:`name_keys` must not change without a new index schema version."""


_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
"""Combining marks written as their own code points: accents, Arabic harakat,
Hebrew points. (Precomposed Latin letters are folded by the FTS5 tokenizer,
``remove_diacritics 2``, the same way for text and query.)"""


def fold(text: str) -> str:
    """Case, marks, tatweel, joiners and Arabic/Persian letter variants folded.

    One regex and two C-level passes: indexing folds every paragraph, and a
    per-character Python loop cost a millisecond a file."""
    text = _MARKS.sub("", text).casefold()
    for variant, to in _VARIANTS:
        if variant in text:
            text = text.replace(variant, to)
    return text


_VARIANTS = tuple((chr(code), to or "") for code, to in LETTER_VARIANTS.items())
"""``str.translate`` with a table looks up every character in Python; a
``replace`` per variant present is C-speed for text that has few."""


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=200_000)
def _skeleton(word: str) -> str:
    from tui.versions.names import skeleton

    return skeleton(word)


def name_keys(text: str) -> str:
    """The distinct consonant skeletons of the words of ``text`` that may be
    names (space separated): capitalised words of four letters or more, and
    every Arabic-script word of four or more (that script has no capitals).
    Lower-case Latin and Cyrillic words are ordinary words, found through
    ``body``; leaving them out halves the indexing time."""
    keys = {_skeleton(word) for word in set(_NAME_LIKE.findall(text))}
    return " ".join(key for key in keys if len(key) >= 3)


_NAME_LIKE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_a-zа-яёіїєґ][^\W\d_]{3,}|[\u0600-\u06ff]{4,})")


# --------------------------------------------------------------------------
# writing


Row = tuple[int, str, str, str]
"""``(paragraph, text, folded body, name keys)``: one paragraph side, ready to index."""


def index_rows(texts: Iterable[tuple[int, str]]) -> list[Row]:
    """The rows for ``(paragraph, text)`` pairs; pure, so a worker process can
    compute them (the folding is most of the cost of indexing)."""
    return [(paragraph, text, fold(text), name_keys(text)) for paragraph, text in texts]


def replace_texts(
    conn: sqlite3.Connection,
    article: str,
    side: str,
    texts: Iterable[tuple[int, str]],
    *,
    rows: Sequence[Row] | None = None,
) -> None:
    """Index ``(paragraph, text)`` pairs of one side of ``article`` (or the
    ready ``rows``), replacing what was indexed for that side before. The
    caller commits."""
    delete_texts(conn, article, side)
    for paragraph, text, body, names in rows if rows is not None else index_rows(texts):
        cursor = conn.execute(
            "INSERT INTO docs (article, paragraph, side, text) VALUES (?, ?, ?, ?)", (article, paragraph, side, text)
        )
        conn.execute("INSERT INTO docs_fts (rowid, body, names) VALUES (?, ?, ?)", (cursor.lastrowid, body, names))


def delete_texts(conn: sqlite3.Connection, article: str, side: str | None = None) -> None:
    """Forget ``article``'s indexed text (one side, or both)."""
    where, params = ("article = ?", (article,)) if side is None else ("article = ? AND side = ?", (article, side))
    rows = conn.execute(f"SELECT id, text FROM docs WHERE {where}", params).fetchall()
    conn.executemany(
        "INSERT INTO docs_fts (docs_fts, rowid, body, names) VALUES ('delete', ?, ?, ?)",
        [(rowid, fold(text), name_keys(text)) for rowid, text in rows],
    )
    conn.execute(f"DELETE FROM docs WHERE {where}", params)


# --------------------------------------------------------------------------
# querying


class QueryError(ValueError):
    """A query with nothing to search for; the message is user-facing."""


_PHRASE = re.compile(r'"([^"]*)"')


def fts_query(query: str, *, prefix: bool = True) -> str:
    """The FTS5 expression for a user's query (see module docstring);
    ``prefix=False``: whole words only (and whole name skeletons)."""
    parts: list[str] = []
    for phrase in _PHRASE.findall(query):
        words = [w for w in _WORD.findall(fold(phrase))]
        if words:
            parts.append("body : " + '"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", query)
    for word in _WORD.findall(fold(rest)):
        term = f'body : "{word}"' + (" *" if prefix else "")
        key = _name_prefix(word) if prefix else _name_key(word)
        if key:
            term = f'({term} OR names : "{key}"' + (" *)" if prefix else ")")
        parts.append(term)
    if not parts:
        raise QueryError("nothing to search for: type a word")
    return " AND ".join(parts)


RANK_ROWS_PER_ARTICLE = 4
"""Matching paragraphs ranked per article asked for: a first page of 50
articles ranks at most the newest 200 matches. bm25 costs a few microseconds
a row, and a name in every other article of 50,000 matches some 100,000
paragraphs; beyond the window, only the most recently indexed matches are
ranked (:attr:`SearchResult.window` says so), and when whole-word matches
alone fill it, words that merely start with the query are not among them."""


@dataclass(frozen=True, slots=True)
class TextHit:
    """One matching paragraph side."""

    paragraph: int
    """0-based paragraph index."""
    side: str
    """``original`` or ``translation``."""
    text: str
    words: tuple[str, ...]
    """The query's words and phrases, for :attr:`spans`."""

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where the query's words are in ``text`` (folded, as prefixes; a name
        in another script through its skeleton); computed when asked, because
        a screen shows a few of the hits a page holds."""
        return _spans(self.text, self.words)


@dataclass(frozen=True, slots=True)
class ArticleHits:
    """The matches in one article, best first."""

    article: str
    """The article's key in the index (its path, as a string)."""
    hits: tuple[TextHit, ...]
    rank: float
    """bm25 of the best paragraph (lower is better)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    articles: tuple[ArticleHits, ...]
    more: bool
    """True when more articles matched than were asked for."""
    window: bool = False
    """True when more paragraphs matched than were ranked (see :data:`RANK_ROWS_PER_ARTICLE`): only the
    most recently indexed of them were ranked."""


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    scope: Container[str] | None = None,
    articles: int = 50,
    per_article: int = 5,
    offset: int = 0,
) -> SearchResult:
    """Articles matching ``query``, ranked (see module docstring).

    ``scope`` limits results to those article keys (the folder on screen); it
    applies *before* the ranking window, so matches of other folders in the
    same index (even copies of the same article) never crowd out the
    folder's own. ``articles``/``offset`` page through the ranked articles.
    Raises :class:`QueryError` for a query without words."""
    expression = fts_query(query)
    wanted_rows = RANK_ROWS_PER_ARTICLE * (offset + articles)
    # Whole words first: their doclists are read from the newest end and cut
    # off, where a prefix makes FTS5 merge every matching term's whole list.
    bands = _bands(conn, scope)
    exact, skipped = _newest_in_scope(conn, fts_query(query, prefix=False), scope, bands, 0, wanted_rows + 1)
    if len(exact) > wanted_rows:
        newest, window = exact[:wanted_rows], True
    else:
        newest, window, more_skipped = _newest_matches(conn, expression, wanted_rows, scope, bands)
        skipped += more_skipped
    texts: dict[int, tuple[str, int, str, str]] = {}
    if window or skipped or bands is not None:
        # FTS5's bm25 counts every match of every phrase for its IDF (a scan of
        # the whole doclist of a common word), of other folders' too: rank the
        # matches collected here instead.
        texts = _docs(conn, newest)
        ranked = local_bm25({rowid: row[3] for rowid, row in texts.items()}, _rank_terms(query))
    else:
        # Every match in the index is in scope, and there are few: FTS5 ranks them.
        ranked = conn.execute(
            "SELECT rowid, rank FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank", (expression,)
        ).fetchall()
    groups: dict[str, list[tuple[float, int, str, str]]] = {}
    order: list[str] = []
    wanted = offset + articles
    more = False
    for start in range(0, len(ranked), 500):
        chunk = ranked[start : start + 500]
        found = texts or _docs(conn, [r[0] for r in chunk])
        for rowid, rank in chunk:
            if rowid not in found:
                continue
            article, paragraph, side, text = found[rowid]
            if scope is not None and article not in scope:
                continue
            group = groups.get(article)
            if group is None:
                if len(order) >= wanted:
                    more = True
                    break
                group = groups[article] = []
                order.append(article)
            if len(group) < per_article:
                group.append((rank, paragraph, side, text))
        if more:
            break
    words = tuple(_highlight_words(query))
    result = []
    for article in order[offset:]:
        group = groups[article]
        hits = tuple(
            TextHit(paragraph, side, text, words)
            for _, paragraph, side, text in sorted(group, key=lambda g: (g[1], g[2] != "original"))
        )
        result.append(ArticleHits(article, hits, min(g[0] for g in group)))
    return SearchResult(query, tuple(result), more or window, window)


def _newest_in_scope(
    conn: sqlite3.Connection,
    expression: str,
    scope: Container[str] | None,
    bands: Sequence[tuple[int, int]] | None,
    low: int,
    limit: int,
) -> tuple[list[int], int]:
    """The rowids (newest first) of up to ``limit`` matches above rowid ``low``
    whose article is in ``scope``, and how many matches of other articles were
    passed over on the way. Rows are read lazily, newest first, within the
    scope's ``bands`` (:func:`_bands`; ``None``: everywhere), and the read
    stops at ``limit``: with the folder on screen making up most of the index
    few rows are passed over."""
    if scope is None:
        rows = conn.execute(
            "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT ?",
            (expression, low, limit),
        ).fetchall()
        return [row[0] for row in rows], 0
    found: list[int] = []
    skipped = 0
    for band_low, band_high in bands if bands is not None else [(0, _NO_END)]:
        if band_high <= low:
            break
        # One lower bound: given two, FTS5 takes one and the other filters rows it read.
        cursor = conn.execute(
            "SELECT f.rowid, d.article FROM docs_fts f CROSS JOIN docs d ON d.id = f.rowid "
            "WHERE f.docs_fts MATCH ? AND f.rowid >= ? AND f.rowid <= ? ORDER BY f.rowid DESC",
            (expression, max(low + 1, band_low), band_high),
        )
        while len(found) < limit:
            rows = cursor.fetchmany(256)
            if not rows:
                break
            for rowid, article in rows:
                if article in scope:
                    found.append(rowid)
                    if len(found) >= limit:
                        break
                else:
                    skipped += 1
        cursor.close()
        if len(found) >= limit:
            break
    return found, skipped


_NO_END = 2**63 - 1

BAND_SCOPE = 2_000
"""Scopes of at most this many articles are searched within their own rows'
rowid bands (:func:`_bands`); larger ones (most of an index, as a rule) by
passing over the matches of other articles."""
BAND_GAP = 512
"""Rows of other articles between two of the scope's that still join one band."""
MAX_BANDS = 48
"""At most this many FTS5 queries per step: the widest gaps split bands, the others are joined."""


def _bands(conn: sqlite3.Connection, scope: Container[str] | None) -> list[tuple[int, int]] | None:
    """The rowid ranges (newest first) holding the rows of a small ``scope``
    (a folder searched through an index that also holds 50,000 articles of
    other folders: passing over their matches took seconds). An article's rows
    of one side are written together, so they form one range; ranges close
    together are joined. ``None`` for no scope, or a large one."""
    if scope is None or not isinstance(scope, Collection) or len(scope) > BAND_SCOPE:
        return None
    keys = list(scope)
    spans: list[tuple[int, int]] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        spans.extend(
            conn.execute(f"SELECT min(id), max(id) FROM docs WHERE article IN ({marks}) GROUP BY article, side", chunk)
        )
    spans.sort()
    merged: list[list[int]] = []
    for low, high in spans:
        if merged and low - merged[-1][1] <= BAND_GAP:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    if len(merged) > MAX_BANDS:
        gaps = sorted(((merged[i + 1][0] - merged[i][1], i) for i in range(len(merged) - 1)), reverse=True)
        splits = sorted(i for _, i in gaps[: MAX_BANDS - 1])
        joined: list[list[int]] = []
        first = 0
        for i in [*splits, len(merged) - 1]:
            joined.append([merged[first][0], max(high for _, high in merged[first : i + 1])])
            first = i + 1
        merged = joined
    return [(low, high) for low, high in reversed(merged)]


def _docs(conn: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, tuple[str, int, str, str]]:
    """``rowid -> (article, paragraph, side, text)``."""
    found: dict[int, tuple[str, int, str, str]] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, article, paragraph, side, text FROM docs WHERE id IN ({marks})", chunk):
            found[row[0]] = row[1:]
    return found


def _rank_terms(query: str) -> list[str]:
    """The folded words and phrases of ``query`` that :func:`local_bm25` counts."""
    phrases = [" ".join(_WORD.findall(fold(p))) for p in _PHRASE.findall(query)]
    return [p for p in phrases if p] + _WORD.findall(fold(_PHRASE.sub(" ", query)))


BM25_K1, BM25_B = 1.2, 0.75


def local_bm25(texts: dict[int, str], terms: Sequence[str]) -> list[tuple[int, float]]:
    """``(rowid, score)`` best first, scores negative like FTS5's ``rank``: Okapi
    BM25 with the term statistics of ``texts`` themselves. A term counts where it
    occurs in the folded text (``str.count``: the query's words are prefixes,
    and a regex per row and term cost as much as the search); a row that
    matched only through a name in another script counts such a term as
    :data:`NAME_ONLY_TF` of an occurrence, and the term's IDF is that of the
    rows having it as written: as with FTS5's bm25 over both columns, an
    Arabic query ranks the paragraphs that spell it in Arabic first."""
    import math

    counts: dict[int, tuple[list[int], int]] = {}
    for rowid, text in texts.items():
        body = fold(text)
        counts[rowid] = ([body.count(term) for term in terms], max(1, body.count(" ") + 1))
    n = len(texts) or 1
    average = sum(length for _, length in counts.values()) / n
    idf = []
    for i in range(len(terms)):
        having = sum(1 for tf, _ in counts.values() if tf[i])
        idf.append(math.log((n - having + 0.5) / (having + 0.5) + 1))
    scores = []
    for rowid, (tf, length) in counts.items():
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        score = sum(
            w * f * (BM25_K1 + 1) / (f + norm) for w, f in zip(idf, (t or NAME_ONLY_TF for t in tf), strict=True)
        )
        scores.append((rowid, -score))
    scores.sort(key=lambda item: (item[1], -item[0]))
    return scores


NAME_ONLY_TF = 0.5
"""A name matched only in another script counts as half an occurrence."""


def _newest_matches(
    conn: sqlite3.Connection,
    expression: str,
    window: int,
    scope: Container[str] | None = None,
    bands: Sequence[tuple[int, int]] | None = None,
) -> tuple[list[int], bool, int]:
    """The rowids of the newest ``window`` matches in ``scope``, whether
    older ones exist, and how many matches outside ``scope`` were passed over.
    Rows are searched in widening ranges from the newest
    (:data:`FIRST_RANGE` rows, then 8x wider): a prefix query costs in
    proportion to the rows searched, so a common word is settled in the first
    range and only a rare one looks through the whole index."""
    # From docs (a B-tree lookup): max(rowid) of an FTS5 table scans it all.
    top = conn.execute("SELECT max(id) FROM docs").fetchone()[0] or 0
    span = FIRST_RANGE
    while True:
        low = max(0, top - span)
        rows, skipped = _newest_in_scope(conn, expression, scope, bands, low, window + 1)
        if len(rows) > window:
            return rows[:window], True, skipped
        if low == 0:
            return rows, False, skipped
        span *= 8


FIRST_RANGE = 20_000
"""Rows (paragraph sides) searched first, from the newest; about 1,000 articles."""


def _name_key(word: str) -> str:
    """The whole skeleton a query word matches names with ("" for none)."""
    key = _skeleton(word) if not word.isdigit() else ""
    return key if len(key) >= MIN_NAME_SKELETON else ""


def _name_prefix(word: str) -> str:
    """The skeleton prefix a query word matches names with ("" for none)."""
    if word.isdigit():
        return ""
    key = _skeleton(word)
    if len(key) < MIN_NAME_SKELETON:
        return ""
    return key[:-1] if len(key) >= 5 else key


def _highlight_words(query: str) -> list[str]:
    words = [p for phrase in _PHRASE.findall(query) if (p := phrase.strip())]
    words += _WORD.findall(_PHRASE.sub(" ", query))
    return words


def _spans(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Spans of the query's words in ``text`` (folded, as prefixes), in order.
    A word written in another script is found through its skeleton: the whole
    word whose skeleton starts with the query word's is marked."""
    from tui.search import find_folded
    from tui.search import fold as fold_with_offsets

    folded = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for word in words:
        found = find_folded(text, folded, word)
        if not found:
            key = _name_prefix(fold(word))
            if key:
                for match in _WORD.finditer(text):
                    if _skeleton(match.group()).startswith(key):
                        found.append((match.start(), match.end()))
        spans.extend(found)
    return tuple(sorted(set(spans)))
