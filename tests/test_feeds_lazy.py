"""Feeds are counted when listed and each entry parsed when read (tui.feeds.scan_feed)."""

from __future__ import annotations

import html
from pathlib import Path

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pages import BODIES, atom_feed, rss_feed

from tui import feeds as loading_feeds
from tui import loading
from tui.feeds import read_feed, scan_feed
from tui.loading import discover, load_article

LANGUAGES = sorted(BODIES)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each feedparser parse, with the size of the document it was given."""
    calls: list[int] = []
    real = feedparser.parse

    def counting(data: bytes, *args: object, **kwargs: object) -> object:
        calls.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", counting)
    monkeypatch.setattr(loading, "_ENTRY_CACHE", {})
    return calls


def test_a_feed_is_listed_without_parsing_it(tmp_path: Path, parses: list[int]) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(rss_feed(LANGUAGES), encoding="utf-8")
    paths = discover([tmp_path])
    assert [p.name for p in paths] == [f"wire.rss#{n}" for n in range(1, len(LANGUAGES) + 1)]
    assert parses == []
    # Reading one entry parses that entry alone (a document smaller than the feed).
    third = load_article(paths[2])
    assert len(parses) == 1 and parses[0] < feed.stat().st_size
    assert third.ok and [p.text for p in third.paragraphs] == BODIES[LANGUAGES[2]][1]
    assert third.meta is not None and third.meta.site == "Example Wire"


@pytest.mark.parametrize("summary_only", [(), (0,), (1, 3)])
def test_entries_read_one_by_one_are_the_entries_of_the_whole_feed(summary_only: tuple[int, ...]) -> None:
    data = rss_feed(LANGUAGES, summary_only=summary_only).encode("utf-8")
    items = scan_feed(data)
    assert items is not None
    assert [item.entry() for item in items] == read_feed(data)


@pytest.mark.parametrize("language", LANGUAGES)
def test_atom_entries_one_by_one(language: str) -> None:
    data = atom_feed(language).encode("utf-8")
    items = scan_feed(data)
    assert items is not None and [item.entry() for item in items] == read_feed(data)


def test_rss_1_0_items_outside_the_channel() -> None:
    title, body = BODIES["de"]
    items = "".join(
        f'<item rdf:about="https://x.example/{n}"><title>{html.escape(title)} {n}</title>'
        f"<link>https://x.example/{n}</link><description>{html.escape(' '.join(body))}</description></item>"
        for n in range(3)
    )
    data = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://x.example/"><title>RDF Desk</title>'
        f"</channel>{items}</rdf:RDF>"
    ).encode()
    scanned = scan_feed(data)
    assert scanned is not None and len(scanned) == 3
    assert [item.entry() for item in scanned] == read_feed(data)


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><item><title>a &nbsp; b</title></item></channel></rss>",  # undeclared entity
        b"<rss><channel><item><title>unclosed</channel></rss>",  # malformed
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item/></channel></rss>',  # a DTD
        "<rss><channel><item><title>x</title></item></channel></rss>".encode("utf-16"),  # wide encoding
        # items in a default namespace the scan does not know: feedparser still finds them
        b'<rss xmlns="http://example.com/x"><channel><item><title>x</title><description>y</description></item></channel></rss>',
    ],
)
def test_what_the_scan_cannot_vouch_for_is_left_to_feedparser(data: bytes, tmp_path: Path) -> None:
    assert scan_feed(data) is None
    path = tmp_path / "odd.rss"
    path.write_bytes(data)
    entries = discover([path])
    for entry in entries:
        load_article(entry)  # never raises
    assert len(entries) >= min(1, len(read_feed(data))), "an entry feedparser finds is listed"


def test_nested_and_foreign_items_are_not_entries() -> None:
    data = (
        b'<rss xmlns:m="http://search.yahoo.com/mrss/"><channel><title>t</title>'
        b"<item><title>one</title><m:group><m:item>not an entry</m:item></m:group></item>"
        b"<m:item>not an entry</m:item>"
        b'<item><title a=">">two</title></item><item/></channel></rss>'
    )
    scanned = scan_feed(data)
    assert scanned is not None
    assert len(scanned) == len(read_feed(data)) == 3
    assert [item.entry() for item in scanned] == read_feed(data)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=4),
    st.sets(st.integers(0, 3)),
    st.sampled_from(["\n", "", "\n\n  "]),
)
def test_scan_agrees_with_the_whole_parse(languages: list[str], summary_only: set[int], joint: str) -> None:
    data = rss_feed(languages, summary_only=tuple(summary_only)).replace("</item>", "</item>" + joint).encode("utf-8")
    items = scan_feed(data)
    assert items is not None
    assert [item.entry() for item in items] == read_feed(data)


def nested_feed(count: int) -> str:
    """``count`` items, each holding an inner ``<item>`` (feedparser counts both)."""
    items = "".join(
        f"<item><title>T{n}</title><description>{'word ' * 150}</description>"
        f"<x><item><title>inner {n}</title></item></x></item>"
        for n in range(count)
    )
    return f"<rss><channel><title>Desk</title>{items}</channel></rss>"


def test_an_item_holding_another_is_listed_and_read_as_itself(tmp_path: Path, parses: list[int]) -> None:
    feed = tmp_path / "nested.rss"
    feed.write_text(nested_feed(30), encoding="utf-8")
    paths = discover([feed])
    assert len(paths) == 30 and parses == []  # the outer items
    read = [load_article(path) for path in paths]
    assert [a.meta.title if a.meta else None for a in read] == [f"T{n}" for n in range(30)]
    assert all(a.ok for a in read)
    assert len(parses) == 30 and max(parses) < feed.stat().st_size  # each its small document, never the feed


def test_a_feed_whose_small_documents_hold_no_entry_is_parsed_whole_once(
    parses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A feed feedparser reads otherwise alone than in full (none is known here,
    # so feedparser is made to find nothing in a small document): each entry
    # read takes the whole parse, made once for the file.
    data = rss_feed(LANGUAGES * 4).encode("utf-8")
    real = loading_feeds.read_feed

    def nothing_in_a_part(part: bytes) -> list[loading_feeds.Entry]:
        return real(part) if len(part) == len(data) else (parses.append(len(part)) or [])

    monkeypatch.setattr(loading_feeds, "read_feed", nothing_in_a_part)
    items = scan_feed(data)
    assert items is not None
    entries = [item.entry() for item in items]
    whole = [size for size in parses if size == len(data)]
    assert len(whole) == 1 and len(parses) == len(items) + 1  # each small document, and the feed once
    assert entries == real(data)
