"""Files holding several articles: RSS/Atom feeds and JSON Lines exports.

Why feedparser: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 differ in where an entry
keeps its full text (``content:encoded``, ``<content>``, ``<description>``),
its date (a dozen formats) and its author; feedparser is the well-kept parser
that unifies them and sanitises entry HTML. It is given bytes, never a URL,
so it never touches the network.

Each entry becomes an :class:`Entry`: its text (plain, or an HTML fragment
turned into paragraphs by :func:`tui.pages.fragment_paragraphs`) and its
:class:`~tui.article.ArticleMeta`. :mod:`tui.loading` gives entry *n*
(1-based, in file order) the path ``FILE#n`` and the id ``STEM#n``.

Decisions a user can observe:

* **Full content only.** A feed entry's ``content`` is used; an entry with
  only a description gets it when it looks like the article (two paragraphs
  or :data:`MIN_DESCRIPTION_CHARS` characters), with a note, else it is
  listed with the reason ("feed entry has only a summary").
* **Counted before parsed.** Listing a folder must not parse every feed in
  it (feedparser takes about a millisecond per entry and more for big
  ones, before the first paint). :func:`scan_feed` finds each entry's bytes
  with expat (in the standard library, C, no HTML sanitising): the list
  counts them, and :meth:`FeedItem.entry` hands feedparser one small
  document made of the feed's head, that entry and the feed's tail when the
  entry is read. A feed expat cannot vouch for (malformed, undeclared
  entities, a DTD, an encoding it cannot read) is parsed in full, as
  feedparser is tolerant where expat is not. So, once for all its entries
  (:class:`FeedBytes`), is a feed in whose small document feedparser finds
  no entry. An entry holding another ``<item>`` is the first of the entries
  feedparser finds in its small document (the listing counts the outer
  ones; feedparser counts both).
* **JSON Lines**: one object per non-blank line with ``text`` (plain text,
  segmented like a file) or ``html`` (a whole page, extracted like a saved
  page; a fragment, split into paragraphs), and optional ``title``, ``url``,
  ``date``, ``language``, ``site``, ``author`` strings. A line that is not
  such an object is listed with the reason ("line 7: not valid JSON").
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from typing import Any

from tui.article import ArticleMeta
from tui.pages import one_spaced as _text

MIN_DESCRIPTION_CHARS = 600
"""A description at least this long is taken as the entry's full text."""

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    """One article inside a multi-article file, before segmentation."""

    blocks: tuple[str, ...] = ()
    """Text blocks (paragraphs or lines; :mod:`tui.loading` segments them)."""
    meta: ArticleMeta | None = None
    error: str | None = None
    notes: tuple[str, ...] = ()


def looks_like_feed(data: bytes) -> bool:
    """True when the first 2 KB hold an ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root."""
    return _FEED_ROOT.search(data[:2048]) is not None


def read_feed(data: bytes) -> list[Entry]:
    """The entries of an RSS/Atom document, in document order."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # a parser failure is the file's problem, shown in the list
        return [Entry(error=f"feed could not be parsed ({type(exc).__name__})")]
    channel = parsed.get("feed", {})
    site = _text(channel.get("title"))
    language = _language(channel.get("language"))
    entries: list[Entry] = []
    for item in parsed.get("entries", []):
        entries.append(_feed_entry(item, site, language))
    return entries


ENTRY_NAMESPACES = frozenset(
    {
        "",
        "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
        "http://www.w3.org/2005/Atom",
        "http://purl.org/atom/ns#",
    }
)
"""Namespaces whose ``item``/``entry`` elements feedparser takes as entries."""

_NS = "\x01"


class FeedBytes:
    """A feed's bytes, shared by its :class:`FeedItem` s, with its whole parse
    once one was needed.

    Kept here rather than in a cache of its own: the items live as long as
    :mod:`tui.loading` keeps the file's scan (bounded, by size and mtime), so
    the parse is kept exactly as long and for the same bytes. Without it,
    every entry read of a feed the small documents do not suit parsed the
    whole feed again (1,000 entries read: 1,000 whole parses)."""

    __slots__ = ("_lock", "_whole", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._whole: list[Entry] | None = None
        self._lock = threading.Lock()  # the reader's worker and its main thread may both read entries

    def whole(self) -> list[Entry]:
        """:func:`read_feed` of the whole feed, parsed on first call only."""
        with self._lock:
            if self._whole is None:
                self._whole = read_feed(self.data)
            return self._whole


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, found by :func:`scan_feed`, parsed when asked."""

    feed: FeedBytes
    """The whole feed (shared by its items)."""
    number: int
    """1-based, in document order."""
    span: tuple[int, int]
    """Where the entry's element is in :attr:`data` (bytes)."""
    head: int
    """Where the first entry starts: the feed's head (channel title, language) is before."""
    tail: int
    """Where the last entry ends: the closing tags are after."""

    def entry(self) -> Entry:
        """The entry, as :func:`read_feed` gives it from the whole feed: parsed
        from the head, this entry and the tail (a small document).

        Entries feedparser finds nested in this one (an ``<item>`` inside an
        ``<item>``) come after it in that document: the first is this entry.
        The listing counted the outer elements only, so taking the whole
        feed's *n*-th entry instead would show entry 2 as entry 1's inner
        item and never show the last ones."""
        start, end = self.span
        data = self.feed.data
        found = read_feed(data[: self.head] + data[start:end] + data[self.tail :])
        if found:
            return found[0]
        everything = self.feed.whole()  # feedparser saw none here: trust the whole parse
        if self.number <= len(everything):
            return everything[self.number - 1]
        return Entry(error=f"entry {self.number} not found ({len(everything)} in the file)")


def scan_feed(data: bytes) -> list[FeedItem] | None:
    """The entries of a feed, located but not parsed; ``None`` when the bytes
    are not well-formed XML that expat reads without a DTD (then only
    feedparser can say what the entries are)."""
    from xml.parsers import expat

    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # wide encodings: byte slices would need re-encoded joints
    parser = expat.ParserCreate(namespace_separator=_NS)
    spans: list[tuple[int, int]] = []
    depth = 0
    entry_depth = 0  # depth of the open entry element, 0 when outside one

    def start(name: str, attrs: object) -> None:
        nonlocal depth, entry_depth
        depth += 1
        if not entry_depth and _is_entry(name):
            entry_depth = depth
            spans.append((parser.CurrentByteIndex, -1))

    def end(name: str) -> None:
        nonlocal depth, entry_depth
        if depth == entry_depth:
            entry_depth = 0
            spans[-1] = (spans[-1][0], _tag_end(data, parser.CurrentByteIndex))
        depth -= 1

    def refuse(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, _Refused, ValueError, LookupError):
        return None
    if any(end < 0 for _, end in spans):
        return None
    if not spans:
        return None  # entries in a namespace not listed here: feedparser decides (cheap when there are none)
    head, tail = spans[0][0], spans[-1][1]
    feed = FeedBytes(data)
    return [FeedItem(feed, n, span, head, tail) for n, span in enumerate(spans, 1)]


class _Refused(Exception):
    """A DTD or an entity declaration: the feed is left to feedparser."""


def _is_entry(name: str) -> bool:
    uri, _, local = name.rpartition(_NS)
    return local in ("item", "entry") and uri in ENTRY_NAMESPACES


_TAG_END = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>|</[^>]*>""")


def _tag_end(data: bytes, at: int) -> int:
    """Where the end tag (or the empty-element tag) at ``at`` ends, or -1."""
    matched = _TAG_END.match(data, at)
    return matched.end() if matched is not None else -1


def _feed_entry(item: Any, site: str | None, language: str | None) -> Entry:
    meta = ArticleMeta(
        title=_text(item.get("title")),
        site=site,
        author=_text(item.get("author")),
        date=_date(item.get("published_parsed") or item.get("updated_parsed")),
        url=_text(item.get("link")),
        language=language,
    )
    contents = item.get("content") or []
    body = "\n".join(c.get("value", "") for c in contents if isinstance(c, dict))
    notes: tuple[str, ...] = ()
    if not body.strip():
        description = item.get("summary") or ""
        blocks = _blocks(description, "html")
        long_enough = sum(len(b) for b in blocks) >= MIN_DESCRIPTION_CHARS or len(blocks) >= 2
        if not long_enough:
            return Entry(meta=meta, error="feed entry has only a summary, not the article text")
        body, notes = description, ("text from the entry's description (the feed has no full content)",)
    plain = bool(contents) and all(isinstance(c, dict) and c.get("type") == "text/plain" for c in contents)
    kind = "text" if plain else "html"
    return Entry(blocks=tuple(_blocks(body, kind)), meta=meta, notes=notes)


def _blocks(body: str, kind: str) -> list[str]:
    if kind == "html" and "<" in body:
        from tui.pages import fragment_paragraphs

        return [b for b in fragment_paragraphs(body) if b.strip()]
    if kind == "html":
        import html

        body = html.unescape(body)
    return [b for b in body.splitlines() if b.strip()]


def _date(value: Any) -> str | None:
    try:
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    except AttributeError:
        return None


def _language(value: object) -> str | None:
    text = _text(value)
    if not text:
        return None
    code = re.split(r"[-_]", text, maxsplit=1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


# --------------------------------------------------------------------------
# JSON Lines


def jsonl_lines(text: str) -> list[tuple[int, str]]:
    """``(line number, line)`` of the non-blank lines: entry *n* is the *n*-th."""
    return [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]


def read_jsonl_line(number: int, line: str) -> Entry:
    """One JSON Lines record as an entry (see module docstring)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return Entry(error=f"line {number}: not valid JSON")
    if not isinstance(record, dict):
        return Entry(error=f"line {number}: not a JSON object")
    meta = ArticleMeta(
        title=_text(record.get("title")),
        site=_text(record.get("site")),
        author=_text(record.get("author")),
        date=_text(record.get("date")),
        url=_text(record.get("url")),
        language=_language(record.get("language")),
    )
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return Entry(blocks=tuple(text.splitlines()), meta=meta)
    if isinstance(html, str) and html.strip():
        return _html_entry(number, html, meta)
    return Entry(meta=meta, error=f'line {number}: no "text" or "html" string')


def _html_entry(number: int, html: str, meta: ArticleMeta) -> Entry:
    from tui.pages import PageError, fragment_paragraphs, read_page

    if re.search(r"<(html|body)\b", html[:5000], re.IGNORECASE):
        try:
            blocks, page_meta = read_page(html)
        except PageError as exc:
            return Entry(meta=meta, error=f"line {number}: {exc}")
        merged = ArticleMeta(**{name: getattr(meta, name) or getattr(page_meta, name) for name in ArticleMeta.FIELDS})
        return Entry(blocks=tuple(blocks), meta=merged)
    blocks = [b for b in fragment_paragraphs(html) if b.strip()]
    if not blocks:
        return Entry(meta=meta, error=f"line {number}: the html field holds no text")
    return Entry(blocks=tuple(blocks), meta=meta)
