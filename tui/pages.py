"""Saved web pages (``.html``/``.htm``) -> paragraphs and :class:`~tui.article.ArticleMeta`.

Why trafilatura: telling an article's body from navigation, comment sections,
related-article teasers and cookie banners needs the page's structure (link
density, element kinds, position), and trafilatura is the well-kept extractor
that does exactly this, with metadata (``<meta>``, OpenGraph, JSON-LD) and
htmldate for the publication date. It is imported only when a page is read,
so plain-text folders and the reader's first paint never pay for it.

Decisions a user can observe:

* **Main text only, comments never.** Each block the extractor keeps
  (paragraph, heading, list item, quote) becomes one paragraph; tandem's own
  boilerplate rules then dim what furniture is left (captions, share prompts).
* **Metadata**: title, site (outlet name, else host name), author, date
  (trafilatura's, else :func:`htmldate.find_date`), canonical URL, and the
  declared language (``<html lang>``, ``content-language``) as a hint.
* **Scripts and styles are dropped before extraction** (JSON-LD kept), so a page made big by
  inline scripts is read normally; a page still over :data:`MAX_MARKUP_CHARS`
  of markup after that is refused with a specific message (extraction time
  grows with markup: ~2 s a megabyte, a whole minute would freeze a worker).
* **A page with no extractable text** gets the message "web page: no article
  text found", never a crash; the same for markup lxml cannot parse.
* **HTML fragments** (feed entries, JSON Lines ``html`` fields) are not whole
  pages: :func:`fragment_paragraphs` turns their block elements into
  paragraphs without judging what is furniture (the feed chose the content).
* **Joiners survive.** The extractor drops every non-printable character,
  which would glue Persian words written with a zero-width non-joiner
  (``ماهواره‌ای`` -> ``ماهوارهای``); ZWNJ and ZWJ are swapped for printable
  placeholders around the extraction and put back after it.
* Text stays text: entities are decoded, and markup that was *escaped* in the
  page (``&lt;script&gt;``) arrives as inert characters, shown, never run.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from tui.article import ArticleMeta

MAX_MARKUP_CHARS = 3_000_000
"""Markup left after removing scripts and styles above which a page is refused."""

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})


class PageError(Exception):
    """A page that yields no article; the message is user-facing."""


# Scripts go, except JSON-LD metadata (``application/ld+json``: headline, author, date).
_SCRIPTS = re.compile(
    r"<(script|style|noscript|template|svg)\b(?![^>]*ld\+json)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.IGNORECASE)
_META_LANG = re.compile(
    r"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or ``content="…; charset=…"``) of a page's first 4 KB."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_language(html: str) -> str | None:
    """``de`` for ``<html lang="de-DE">`` (or a ``content-language`` meta), lower case."""
    head = html[:20_000]
    found = _HTML_LANG.search(head) or _META_LANG.search(head)
    return found.group(1).lower() if found else None


def strip_scripts(html: str) -> str:
    """``html`` without scripts, styles, templates, inline SVG and comments."""
    return _COMMENTS.sub("", _SCRIPTS.sub("", html))


_JOINERS = {"\u200c": "\u2e3b\u2e3a\u2e3b", "\u200d": "\u2e3b\u2e3a\u2e3a"}
_JOINER_ENTITIES = re.compile(r"&(?:zwnj|zwj|#8204|#8205|#x200c|#x200d);", re.IGNORECASE)
_ENTITY_CHAR = {"zwnj": "\u200c", "#8204": "\u200c", "#x200c": "\u200c"}


def _protect_joiners(html: str) -> str:
    html = _JOINER_ENTITIES.sub(lambda m: _ENTITY_CHAR.get(m.group(0)[1:-1].lower(), "\u200d"), html)
    for joiner, placeholder in _JOINERS.items():
        html = html.replace(joiner, placeholder)
    return html


def _restore_joiners(text: str) -> str:
    for joiner, placeholder in _JOINERS.items():
        text = text.replace(placeholder, joiner)
    return text


@functools.cache  # once: a handler added per page would pile up (50,000 pages, 50,000 handlers)
def _quiet_libraries() -> None:
    """The extractor logs parse trouble at ERROR level; unhandled, Python's
    last-resort handler would print it over the reader's screen. The page's
    message says what went wrong instead."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def read_page(html: str) -> tuple[list[str], ArticleMeta]:
    """The body's text blocks and the page's metadata; raises :class:`PageError`."""
    _quiet_libraries()
    if not html.strip():
        raise PageError("empty file")
    cleaned = _protect_joiners(strip_scripts(html))
    if len(cleaned) > MAX_MARKUP_CHARS:
        raise PageError(
            f"web page too large to extract: {len(cleaned) / 1e6:.1f} MB of markup "
            f"besides scripts (limit {MAX_MARKUP_CHARS / 1e6:.0f} MB)"
        )
    try:
        from trafilatura import bare_extraction

        document = bare_extraction(cleaned, include_comments=False, with_metadata=True, deduplicate=False)
    except Exception as exc:  # lxml and the extractor raise many kinds; none may reach the user
        raise PageError(f"web page could not be parsed ({type(exc).__name__})") from None
    text = _attr(document, "text") if document is not None else None
    if not text or not text.strip():
        raise PageError("web page: no article text found (navigation or scripts only?)")
    blocks = _restore_joiners(text).split("\n")
    meta = ArticleMeta(
        title=one_spaced(_restore_joiners(_attr(document, "title") or "")),
        site=one_spaced(_attr(document, "sitename")) or one_spaced(_attr(document, "hostname")),
        author=one_spaced(_restore_joiners(_attr(document, "author") or "")),
        date=one_spaced(_attr(document, "date")) or _find_date(cleaned),
        url=one_spaced(_attr(document, "url")),
        language=declared_language(html),
    )
    return blocks, meta


def _attr(document: Any, name: str) -> Any:
    value = getattr(document, name, None)
    if value is None and isinstance(document, dict):
        value = document.get(name)
    return value


def one_spaced(value: object) -> str | None:
    """A metadata string with its whitespace runs made single spaces; ``None`` for empty or not a string."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _find_date(html: str) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False)
    except Exception:  # a date is optional; no failure of the guesser may stop the page
        return None
    return found if isinstance(found, str) else None


_BLOCKS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "figure figcaption dd dt dl br hr address aside main nav".split()
)


def fragment_paragraphs(html: str) -> list[str]:
    """The text of an HTML fragment, one paragraph per block element (``<p>``,
    ``<li>``, headings, ``<br>``…), entities decoded, scripts dropped."""
    cleaned = strip_scripts(html)
    if not cleaned.strip():
        return []
    try:
        from lxml import html as lxml_html

        roots = lxml_html.fragments_fromstring(cleaned)
    except Exception:  # unparsable markup: fall back to removing tags
        return [_TAGS.sub(" ", cleaned)]
    parts: list[str] = []
    for root in roots:
        if isinstance(root, str):
            parts.append(root)
        else:
            _walk(root, parts)
    return "".join(parts).split("\n")


_TAGS = re.compile(r"<[^>]*>")


def _walk(element: Any, parts: list[str]) -> None:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        if element.tail:
            parts.append(element.tail)
        return
    tag = element.tag
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n")
    if element.text and tag.lower() not in ("script", "style"):
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)
