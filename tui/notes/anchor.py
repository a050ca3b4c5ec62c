"""Anchoring annotations to text that may change: select, then re-attach.

An annotation remembers its text the way the W3C Web Annotation model does:
a *text-quote selector* (the exact quote plus up to :data:`CONTEXT_CHARS`
characters of context before and after) and a *text-position selector*
(paragraph index and character offsets in the paragraph). Context is taken from
the article as one document, paragraphs joined by ``"\\n"``, so a quote at the
start of a paragraph still has context and a whole-paragraph annotation's
context is the end of the paragraph before it and the start of the next.

Re-attaching (:func:`reattach`) follows one fixed rule, first hit wins:

1. **exact** -- the text at the stored position (paragraph, offsets) is the
   quote, and no other occurrence of the quote has better-matching context;
2. **moved** -- the quote occurs verbatim elsewhere (another paragraph after
   re-segmentation, or other offsets after an edit before it). Among several
   occurrences the one whose surroundings best match the stored prefix and
   suffix wins (rapidfuzz similarity, summed); ties go to the occurrence
   nearest the stored position;
3. **fuzzy** -- the text was lightly edited: the best approximate occurrence
   of the quote in any paragraph with a similarity (rapidfuzz ``ratio``,
   0-100) of at least :data:`FUZZY_THRESHOLD`; ties by context, then
   nearness. For a span, rapidfuzz's ``partial_ratio_alignment`` finds the
   window and its edges are then nudged a few characters to fit best; for a
   whole paragraph the paragraphs are compared as wholes;
4. **orphaned** -- nothing matches: the annotation is kept and shown with its
   stored quote, never dropped.

Approximate matching is rapidfuzz's (a well-kept C++ library); only the
ranking above is ours, because it is the project's policy, not a library's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from tui.article import Article

CONTEXT_CHARS = 32
"""Characters of context kept on each side of a quote."""

FUZZY_THRESHOLD = 80.0
"""Minimum similarity (0-100) for a lightly edited quote to re-attach."""

MAX_CANDIDATES = 2000
"""Verbatim occurrences ranked at most (the nearest to the stored position)."""

Status = Literal["exact", "moved", "fuzzy", "orphaned"]
SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Selector:
    """Where an annotation's text is now: quote with context, and its position."""

    paragraph: int
    quote: str
    prefix: str
    suffix: str
    start: int | None
    """Offset in the paragraph text; ``None`` when the whole paragraph is meant."""
    end: int | None


class Anchored(Protocol):
    """Anything with a selector's fields (a :class:`Selector` or an annotation)."""

    @property
    def paragraph(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Attachment:
    """Where an annotation attaches in the current article, and how sure that is."""

    paragraph: int | None
    """``None`` when orphaned."""
    start: int | None
    """Offsets in the paragraph; ``None`` for a whole-paragraph annotation or an orphan."""
    end: int | None
    status: Status
    score: float
    """100 for exact/moved, the similarity for fuzzy, 0 for orphaned."""

    @property
    def attached(self) -> bool:
        return self.status != "orphaned"


ORPHANED = Attachment(None, None, None, "orphaned", 0.0)


def select(article: Article, paragraph: int, start: int | None = None, end: int | None = None) -> Selector:
    """The selector for ``article.paragraphs[paragraph][start:end]``.

    Without ``start``/``end`` the whole paragraph is selected. Raises
    ``ValueError`` for an index out of range or an empty or out-of-bounds span.
    """
    texts = _texts(article)
    if not 0 <= paragraph < len(texts):
        raise ValueError(f"paragraph {paragraph} out of range (the article has {len(texts)} paragraphs)")
    text = texts[paragraph]
    if (start is None) != (end is None):
        raise ValueError("give both start and end, or neither")
    doc = _Document(texts)
    if start is None or end is None:
        prefix, suffix = doc.context(paragraph, 0, len(text))
        return Selector(paragraph, text, prefix, suffix, None, None)
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is empty or outside the paragraph (0..{len(text)})")
    prefix, suffix = doc.context(paragraph, start, end)
    return Selector(paragraph, text[start:end], prefix, suffix, start, end)


def find_quote(text: str, quote: str) -> list[int]:
    """Every offset where ``quote`` occurs in ``text`` (overlapping ones too)."""
    if not quote:
        return []
    found: list[int] = []
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def reattach(anchored: Anchored, article: Article, *, threshold: float = FUZZY_THRESHOLD) -> Attachment:
    """Where ``anchored`` belongs in ``article`` now (rule in the module docstring).

    Never raises for any article or selector values; offsets returned are
    always within the paragraph's text.
    """
    texts = _texts(article)
    if not texts:
        return ORPHANED
    doc = _Document(texts)
    if anchored.start is None or anchored.end is None:
        return _reattach_paragraph(anchored, doc, threshold)
    return _reattach_span(anchored, doc, threshold)


# --------------------------------------------------------------------------


class _Document:
    """Paragraph texts joined by :data:`SEPARATOR`, for context look-ups."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = SEPARATOR.join(texts)
        self.base: list[int] = []
        at = 0
        for text in texts:
            self.base.append(at)
            at += len(text) + len(SEPARATOR)

    def context(self, paragraph: int, start: int, end: int) -> tuple[str, str]:
        a = self.base[paragraph] + start
        b = self.base[paragraph] + end
        return self.joined[max(0, a - CONTEXT_CHARS) : a], self.joined[b : b + CONTEXT_CHARS]

    def context_score(self, anchored: Anchored, paragraph: int, start: int, end: int) -> float:
        from rapidfuzz import fuzz

        before, after = self.context(paragraph, start, end)
        return fuzz.ratio(anchored.prefix, before) + fuzz.ratio(anchored.suffix, after)


def _texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


def _stored_position(anchored: Anchored) -> tuple[int, int]:
    paragraph = anchored.paragraph if isinstance(anchored.paragraph, int) else 0
    start = anchored.start if isinstance(anchored.start, int) else 0
    return paragraph, start


def _reattach_span(anchored: Anchored, doc: _Document, threshold: float) -> Attachment:
    quote = anchored.quote
    home, home_start = _stored_position(anchored)
    texts = doc.texts
    if not quote:
        # Nothing to search for: only the stored position can hold it.
        end = anchored.end
        if end is not None and 0 <= home < len(texts) and 0 <= home_start == end <= len(texts[home]):
            return Attachment(home, home_start, home_start, "exact", 100.0)
        return ORPHANED

    occurrences = [(j, s) for j, text in enumerate(texts) for s in find_quote(text, quote)]
    if occurrences:
        if len(occurrences) > MAX_CANDIDATES:
            occurrences.sort(key=lambda c: (abs(c[0] - home), abs(c[1] - home_start)))
            occurrences = occurrences[:MAX_CANDIDATES]
        j, s = min(
            occurrences,
            key=lambda c: (
                -doc.context_score(anchored, c[0], c[1], c[1] + len(quote)),
                (c[0], c[1]) != (home, home_start),
                abs(c[0] - home),
                abs(c[1] - home_start),
            ),
        )
        status: Status = "exact" if (j, s) == (home, home_start) else "moved"
        return Attachment(j, s, s + len(quote), status, 100.0)

    best: tuple[tuple[float, float, int, int], Attachment] | None = None
    for j, text in enumerate(texts):
        window = _fuzzy_window(quote, text, threshold)
        if window is None:
            continue
        s, e, score = window
        context = doc.context_score(anchored, j, s, e)
        key = (-score, -context, abs(j - home), abs(s - home_start))
        if best is None or key < best[0]:
            best = (key, Attachment(j, s, e, "fuzzy", score))
    return best[1] if best else ORPHANED


def _fuzzy_window(quote: str, text: str, threshold: float) -> tuple[int, int, float] | None:
    """The best approximate occurrence of ``quote`` in ``text`` at or above ``threshold``."""
    from rapidfuzz import fuzz

    if not text:
        return None
    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=threshold)
    if found is None:
        return None
    s0, e0 = found.dest_start, found.dest_end
    # partial_ratio compares windows of the quote's length; an edit that changed
    # the length shifts the true edges by a few characters. Try nearby edges.
    slack = min(8, max(2, len(quote) // 8))
    best: tuple[float, int, int, int] | None = None  # (score, -length gap, -s, e)
    for s in range(max(0, s0 - slack), min(len(text), s0 + slack) + 1):
        for e in range(max(s + 1, e0 - slack), min(len(text), e0 + slack) + 1):
            score = fuzz.ratio(quote, text[s:e])
            key = (score, -abs((e - s) - len(quote)), -s, -e)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    score, _, s, e = best[0], best[1], -best[2], -best[3]
    # Trim white space the window picked up at its edges.
    while s < e and text[s].isspace() and not quote[:1].isspace():
        s += 1
    while e > s and text[e - 1].isspace() and not quote[-1:].isspace():
        e -= 1
    if e <= s:
        return None
    score = fuzz.ratio(quote, text[s:e])
    if score < threshold:
        return None
    return s, e, score


def _reattach_paragraph(anchored: Anchored, doc: _Document, threshold: float) -> Attachment:
    from rapidfuzz import fuzz

    quote = anchored.quote
    home, _ = _stored_position(anchored)
    texts = doc.texts
    equal = [j for j, text in enumerate(texts) if text == quote]
    if equal:
        j = min(
            equal,
            key=lambda j: (
                -doc.context_score(anchored, j, 0, len(texts[j])),
                j != home,
                abs(j - home),
            ),
        )
        return Attachment(j, None, None, "exact" if j == home else "moved", 100.0)

    best: tuple[tuple[float, float, int], Attachment] | None = None
    for j, text in enumerate(texts):
        score = fuzz.ratio(quote, text, score_cutoff=threshold)
        if score < threshold or score == 0:
            continue
        context = doc.context_score(anchored, j, 0, len(text))
        key = (-score, -context, abs(j - home))
        if best is None or key < best[0]:
            best = (key, Attachment(j, None, None, "fuzzy", score))
    return best[1] if best else ORPHANED
