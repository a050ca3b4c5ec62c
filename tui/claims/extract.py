"""Claims of a paragraph or an article: every rule, then links, then scores.

Order matters: dates and times take their digits first (a day is not a
quantity), numbers then become quantities or percentages; quotations,
attributions, hedges and denials are found independently. Links come last,
when all kinds are known: a quote gets the source of the attribution next to
it, a hedge or denial gets the span of the claim it qualifies (the nearest
other claim after it in its sentence, else before it, else the sentence), and
scores see whether a claim is attributed or hedged.

Pure and fast (one tokenisation, dictionary lookups, no heavy imports), so
the reader can call it on visible paragraphs when a key is pressed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from tui.article import Article
from tui.claims import scoring
from tui.claims.attribution import find_attributions
from tui.claims.dates import find_dates
from tui.claims.hedges import find_hedges
from tui.claims.model import KINDS, Claim, Found
from tui.claims.numbers import find_numbers
from tui.claims.quantities import find_quantities
from tui.claims.quotes import find_quotes
from tui.claims.tokens import SUPPORTED, Token, sentence_starts, tokenize

_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
_QUALIFIABLE = frozenset({"quantity", "percent", "date", "time", "quote", "attribution"})
_FIGURES = frozenset({"quantity", "percent", "quote"})
_QUOTE_LINK_WINDOW = 250
_ALIASES = {"pes": "fa", "prs": "fa", "per": "fa", "ara": "ar", "deu": "de", "ger": "de", "ukr": "uk",
            "rus": "ru", "eng": "en", "fra": "fr", "fre": "fr"}  # fmt: skip


def language_key(language: str | None) -> str:
    """The rule set for a language tag: 'fa-IR' → 'fa'; unknown → '' (neutral rules).

    The neutral rules mark only what reads the same in every language: whole
    numbers in digits with no separator ("1.234" is 1234 in Spanish and 1.234 in
    English, so it is not marked), % and ٪, ISO dates, day-month-year dates
    whose day is over 12, clock times with a colon, quotations. Never a value
    that might be wrong."""
    if not language:
        return ""
    code = language.replace("_", "-").split("-")[0].lower()
    code = _ALIASES.get(code, code)
    return code if code in SUPPORTED else ""


def claims_supported(language: str | None) -> bool:
    """Does tandem have claim rules for this language (number words, months, cues)?"""
    return language_key(language) != ""


NEUTRAL_NOTE = (
    "tandem has no claim rules for {name}: only language-independent values are marked "
    "(whole numbers in digits, percentages with %, ISO dates, clock times, quotations)"
)


def claims_note(language: str | None, name: str | None = None) -> str | None:
    """What the claims panel and ``tandem claims`` say about a language without rules;
    ``None`` when the language is supported. ``name`` is the language's display name."""
    if claims_supported(language):
        return None
    return NEUTRAL_NOTE.format(name=name or language or "an unknown language")


def extract_claims(
    text: str,
    language: str | None,
    *,
    article: str = "",
    paragraph: int = 0,
    boilerplate: bool = False,
) -> list[Claim]:
    """Every claim in ``text`` (one paragraph), sorted by position."""
    lang = language_key(language)
    tokens = tokenize(text, lang)
    dates, used = find_dates(text, tokens, lang, _escape_tokens(text, tokens))
    numbers = find_numbers(text, tokens, lang, used)
    figures = find_quantities(text, tokens, numbers, lang)
    quotes = find_quotes(text)
    attributions = find_attributions(text, tokens, lang)

    starts = sentence_starts(text)

    def sentence_of(pos: int) -> int:
        return starts[bisect.bisect_right(starts, pos) - 1]

    attributed = [(sentence_of(a.start), a.end, a.source) for a in attributions]
    date_starts = [d.start for d in dates]  # dates are disjoint and in order
    hedges = [
        h
        for h in find_hedges(text, tokens, lang, attributed, sentence_of)
        if not _overlaps_any(h, dates, date_starts)  # "May" the month is no hedge
    ]
    quotes = _link_quotes(text, quotes, attributions)
    others = dates + figures + quotes + attributions
    if hedges:
        targets = _Targets(others, quotes, starts)
        hedges = [_qualify(h, targets, text, starts) for h in hedges]

    attributed_sentences = {sentence_of(a.start) for a in attributions}
    hedged = {h.qualifies for h in hedges}
    claims: list[Claim] = []
    for f in others + hedges:
        context = scoring.Context(
            attributed=sentence_of(f.start) in attributed_sentences or (f.kind == "quote" and bool(f.source)),
            hedged=(f.start, f.end) in hedged,
            boilerplate=boilerplate,
        )
        value, reasons = scoring.score(f, context)
        claims.append(
            Claim(
                article=article,
                paragraph=paragraph,
                kind=f.kind,
                start=f.start,
                end=f.end,
                text=text[f.start : f.end],
                value=f.value,
                unit=f.unit,
                source=f.source,
                qualifies=f.qualifies,
                score=value,
                reasons=reasons,
            )
        )
    claims.sort(key=lambda c: (c.start, -c.end, _KIND_ORDER[c.kind]))
    return claims


_ESCAPE = re.compile(r"(?:\u241b|\x1b|\^\[)\[[0-9;?]*[ -/]*[@-~]?")
"""A shown escape sequence ("␛[0m", "␛[31;1m"): its digits are codes, not figures."""


def _escape_tokens(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    if "\u241b" not in text and "\x1b" not in text and "^[" not in text:
        return frozenset()
    spans = [(m.start(), m.end()) for m in _ESCAPE.finditer(text)]
    return frozenset(i for i, t in enumerate(tokens) if any(s <= t.start < e for s, e in spans))


def extract_article_claims(article: Article) -> list[Claim]:
    """Claims of every paragraph of an article, in paragraph order.

    Each paragraph is read with its own language, else the article's; page
    furniture (``Paragraph.boilerplate``) is kept but scored low.
    """
    out: list[Claim] = []
    for p in article.paragraphs:
        out.extend(
            extract_claims(
                p.text,
                p.language or article.language,
                article=article.id,
                paragraph=p.index,
                boilerplate=p.is_boilerplate,
            )
        )
    return out


def languages_without_rules(article: Article) -> list[str | None]:
    """The languages the article's paragraphs are read in (each paragraph's own, else the
    article's) that have no claim rules, in order of first appearance; ``None`` when a
    paragraph has no language at all. Empty when every paragraph is read with rules."""
    seen: list[str | None] = []
    for p in article.paragraphs:
        language = p.language or article.language
        if language not in seen and not claims_supported(language):
            seen.append(language)
    return seen


def _overlaps_any(h: Found, spans: Sequence[Found], starts: Sequence[int]) -> bool:
    k = bisect.bisect_left(starts, h.end)
    return k > 0 and spans[k - 1].end > h.start


def _link_quotes(text: str, quotes: list[Found], attributions: Sequence[Found]) -> list[Found]:
    """Give each quote the source of the nearest attribution beside it."""
    out: list[Found] = []
    previous: Found | None = None
    by_start = sorted(attributions, key=lambda a: a.start)
    starts = [a.start for a in by_start]
    longest = max((a.end - a.start for a in by_start), default=0)
    for q in quotes:
        best: tuple[int, int, str] | None = None
        lo = bisect.bisect_left(starts, q.start - _QUOTE_LINK_WINDOW - longest)
        hi = bisect.bisect_right(starts, q.end + _QUOTE_LINK_WINDOW)
        for a in by_start[lo:hi]:
            if a.start >= q.start and a.end <= q.end:
                continue
            if a.start >= q.end:
                between = text[q.end : a.start]
                # '…", said X' / '…”، كتب X' / '…", - пише X': punctuation or nothing first
                if between.strip() and between.strip()[0] not in ",،-–—:":
                    continue
            elif a.end <= q.start:
                between = text[a.end : q.start]
                # 'X said: “…”', 'X said. “…”': the attribution introduces the quote
                if between.strip() and between.rstrip()[-1] not in ":,،.":
                    continue
            else:
                continue
            if len(between) > _QUOTE_LINK_WINDOW or any(ch in '“”„«»"' for ch in between):
                continue
            tight = 0 if between.strip(" ,،:-–—.") == "" else 1
            key = (tight, len(between), a.source or "")
            if a.source and (best is None or key[:2] < best[:2]):
                best = key
        source = best[2] if best else None
        if source is None and previous is not None and previous.source:
            if text[previous.end : q.start].strip(" ,،:.-–—") == "":
                source = previous.source
        q = Found(q.kind, q.start, q.end, q.value, q.unit, source, q.notes)
        out.append(q)
        previous = q
    return out


class _Targets:
    """The claims a hedge or denial may qualify, indexed by sentence and position."""

    def __init__(self, others: Sequence[Found], quotes: Sequence[Found], starts: Sequence[int]):
        self.quotes = list(quotes)  # outermost quotes: disjoint, in order
        self.quote_starts = [q.start for q in self.quotes]
        self.figures: dict[int, list[Found]] = {}
        self.any: dict[int, list[Found]] = {}
        for o in sorted(others, key=lambda o: o.start):
            if o.kind not in _QUALIFIABLE or o.kind == "attribution":
                continue
            k = bisect.bisect_right(starts, o.start) - 1
            self.any.setdefault(k, []).append(o)
            if o.kind in _FIGURES:
                self.figures.setdefault(k, []).append(o)
        self.figure_starts = {k: [o.start for o in v] for k, v in self.figures.items()}
        self.any_starts = {k: [o.start for o in v] for k, v in self.any.items()}

    def containing_quote(self, h: Found) -> Found | None:
        k = bisect.bisect_right(self.quote_starts, h.start) - 1
        if k >= 0 and self.quotes[k].end >= h.end:
            return self.quotes[k]
        return None

    def first_after(self, sentence: int, pos: int, figures: bool) -> Found | None:
        items = (self.figures if figures else self.any).get(sentence, [])
        keys = (self.figure_starts if figures else self.any_starts).get(sentence, [])
        k = bisect.bisect_left(keys, pos)
        return items[k] if k < len(items) else None

    def last_figure_before(self, sentence: int, pos: int) -> Found | None:
        items = self.figures.get(sentence, [])
        k = bisect.bisect_left(self.figure_starts.get(sentence, []), pos)
        for o in reversed(items[max(0, k - 4) : k]):
            if o.end <= pos:
                return o
        return None


def _qualify(h: Found, targets: _Targets, text: str, starts: Sequence[int]) -> Found:
    """Attach a hedge or denial to the claim it qualifies.

    Inside a quotation: the quotation. Else the nearest figure (quantity,
    percent, quote) after it in its sentence, else any claim after it, else the
    nearest figure before it, else the sentence itself.
    """
    k = bisect.bisect_right(starts, h.start) - 1
    s_start = starts[k]
    s_end = starts[k + 1] if k + 1 < len(starts) else len(text)
    o = targets.containing_quote(h)
    if o is None:
        o = (
            targets.first_after(k, h.end, figures=True)
            or targets.first_after(k, h.end, figures=False)
            or targets.last_figure_before(k, h.start)
        )
    if o is not None:
        target = (o.start, o.end)
    else:
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        target = (s_start, s_end)
    return Found(h.kind, h.start, h.end, h.value, h.unit, h.source, h.notes, target)
