"""Hostile input everywhere text enters: loader, segmenter, claims, renderer, aligner, view.

Pages scraped from the web carry every plane of Unicode, stray combining
marks, bidi controls, markup-like brackets, terminal escape sequences and
tokens thousands of characters long. Each test feeds such text to one stage
and asserts what must hold whatever the input: no exception, offsets within
bounds, drawn lines exactly as wide as asked, no terminal-active character
reaching the screen, normalisation idempotent. Example counts are explicit
(this file contributes about 6,600 examples; see the report in bench/README.md
for the suite's total) and sized to keep the file under a minute on 2 cores.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.article import Article, Paragraph
from tui.claims.extract import extract_claims
from tui.claims.model import KINDS
from tui.direction import base_direction
from tui.inert import BIDI_CONTROLS, inert, is_inert
from tui.loading import LoadError, decode, load_article, segment
from tui.rtl import layout, styled_ranges
from tui.textnorm import normalise, text_hash

SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

# ------------------------------------------------------------------ strategies

PIECES = [
    # bidi controls and marks
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c", "\u200c", "\u200d", "\ufeff", "\u200b",
    # combining marks, alone and stacked
    "\u0301", "\u0301\u0308\u0323", "\u064b\u0651", "\u0670", "\u20dd", "\u1ab0", "\ufe0f",
    # markup-like text (Rich, Textual, HTML)
    "[bold]", "[/bold]", "[/]", "[@click=app.quit]", "[link=http://x]x[/link]", "[red on blue]",
    "<script>", "&amp;", "{{x}}", "$(rm -rf)",
    # terminal escape sequences and controls
    "\x1b[31m", "\x1b[2J", "\x1b]8;;http://evil\x07", "\x1b]0;title\x1b\\", "\x9b1m", "\x1bc",
    "\x07", "\x08", "\x00", "\x7f", "\x85", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c",
    "\u2028", "\u2029",
    # scripts and wide characters
    "قال المسؤول إن 73 عربة", "می‌شود", "Північна Корея", "Güterzug", "中文字", "😀", "👨‍👩‍👧",
    "\ufdf2", "\ufdfd", "\ufefb", "ﷺ", "٣٫٥", "۱۲", "１２３",
    # numbers, dates, quotes, percent signs the claim rules look at
    "5. Oktober 2023", "12,5 %", "1.000.000", "«", "»", "„", "“", "\"", "'", "%", "$", "€",
    # white space of all sorts
    " ", "  ", "\u00a0", "\u3000", "\u2009",
]  # fmt: skip

# Any code point in any plane (surrogates included: they reach us through
# surrogateescape'd file names and broken UTF-16).
ANY_CHAR = st.characters(codec=None, exclude_categories=())
LONG_TOKEN = st.tuples(
    st.sampled_from(["a", "ب", "😀", "\u0301", "中", "x\u200d", "-", "ـ"]), st.integers(100, 2500)
).map(lambda pair: pair[0] * pair[1])

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(ANY_CHAR, max_size=12),
        st.text(st.characters(codec="utf-8"), max_size=30),
        LONG_TOKEN,
    ),
    max_size=16,
).map("".join)


def _encoded(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(
        [
            text.encode("utf-8", "surrogatepass"),
            text.encode("utf-8", "replace"),
            b"\xef\xbb\xbf" + text.encode("utf-8", "replace"),
            b"\xff\xfe" + text.encode("utf-16-le", "replace"),
            text.encode("cp1256", "replace"),
            text.encode("koi8_u", "replace"),
        ]
    )


hostile_bytes = st.one_of(
    hostile_text.flatmap(_encoded),
    st.binary(max_size=400),
    st.tuples(hostile_text, st.binary(max_size=8), hostile_text).map(
        lambda t: t[0].encode("utf-8", "replace") + t[1] + t[2].encode("utf-8", "replace")
    ),
)

# Characters that must never reach a terminal cell.
TERMINAL_ACTIVE = {chr(c) for c in range(0x20)} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)} | set(BIDI_CONTROLS)


def _assert_drawable(text: str) -> None:
    bad = TERMINAL_ACTIVE & set(text)
    assert not bad, f"terminal-active characters drawn: {sorted(map(hex, map(ord, bad)))}"
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text), "lone surrogate drawn"


# ------------------------------------------------------------------ segmenter


@settings(max_examples=1000, deadline=None, suppress_health_check=SLOW_OK)
@given(hostile_text, st.one_of(st.none(), st.integers(1, 60)))
def test_segment_never_fails_and_is_a_fixed_point(text: str, limit: int | None) -> None:
    paragraphs = segment(text) if limit is None else segment(text, max_chars=limit)
    for p in paragraphs:
        assert p and "\n" not in p and "\r" not in p
        assert p == p.strip()
        if limit is not None:
            assert len(p) <= limit
    again = segment("\n".join(paragraphs)) if limit is None else segment("\n".join(paragraphs), max_chars=limit)
    assert again == paragraphs


# --------------------------------------------------------------------- loader

_FILES = Path(tempfile.mkdtemp(prefix="tandem-fuzz-"))


@settings(max_examples=800, deadline=None, suppress_health_check=SLOW_OK)
@given(hostile_bytes)
def test_loader_never_raises_and_agrees_with_segment(data: bytes) -> None:
    path = _FILES / "fuzzed.txt"
    path.write_bytes(data)
    article = load_article(path)
    try:
        text, _notes = decode(data)
    except LoadError as exc:
        assert not article.ok and article.error == str(exc) and not article.paragraphs
        return
    expected = segment(text)
    if not expected:
        assert article.error == "empty file"
        return
    assert article.ok, article.error
    assert [p.text for p in article.paragraphs] == expected
    assert [p.index for p in article.paragraphs] == list(range(len(expected)))
    assert all(p.direction in ("ltr", "rtl") for p in article.paragraphs)
    assert len(article.content_hash) == 64


# ---------------------------------------------------------- normalise / inert


@settings(max_examples=1500, deadline=None, suppress_health_check=SLOW_OK)
@given(hostile_text)
def test_normalise_idempotent_and_inert_one_for_one(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert text_hash(once) == text_hash(text)
    safe = inert(text)
    assert len(safe) == len(text)
    assert inert(safe) == safe and is_inert(safe)
    assert not TERMINAL_ACTIVE & set(safe)
    assert base_direction(text) in ("ltr", "rtl")


def test_text_hash_accepts_lone_surrogates() -> None:
    assert len(text_hash("a\ud800b")) == 16


# --------------------------------------------------------------------- claims


@pytest.mark.parametrize("language", [None, "ar", "fa", "de", "uk", "ru", "en"])
@settings(max_examples=300, deadline=None, suppress_health_check=SLOW_OK)
@given(text=hostile_text)
def test_claims_offsets_stay_in_bounds(language: str | None, text: str) -> None:
    claims = extract_claims(text, language, article="fuzz", paragraph=3)
    starts = [c.start for c in claims]
    assert starts == sorted(starts)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.text == text[claim.start : claim.end]
        assert claim.kind in KINDS and claim.paragraph == 3
        assert 0.0 <= claim.score <= 1.0
        if claim.qualifies is not None:
            lo, hi = claim.qualifies
            assert 0 <= lo <= hi <= len(text)


# ------------------------------------------------------------------- renderer


@settings(max_examples=1000, deadline=None, suppress_health_check=SLOW_OK)
@given(
    hostile_text,
    st.integers(1, 120),
    st.sampled_from([None, "ltr", "rtl"]),
    st.sampled_from(["app", "terminal"]),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=6),
    st.booleans(),
)
def test_paragraph_renderer_fills_width_and_draws_nothing_active(
    text: str, width: int, direction: str | None, mode: str, raw_spans: list[tuple[int, int]], made_inert: bool
) -> None:
    # The view passes inert text; layout must be safe on raw text as well.
    source = inert(text) if made_inert else text
    spans = [(min(a, b), max(a, b), f"s{k}") for k, (a, b) in enumerate(raw_spans)]
    lines = layout(source, width, direction=direction, mode=mode)  # type: ignore[arg-type]
    assert lines
    for line in lines:
        assert cell_len(line.text) == width
        _assert_drawable(line.text)
        for cluster in line.clusters:
            assert 0 <= cluster.start <= cluster.end <= len(source)
        runs = styled_ranges(line, spans)
        assert "".join(piece for piece, _ in runs) == line.text
        assert sum(cell_len(piece) for piece, _ in runs) == width


# -------------------------------------------------------------------- aligner


def _fuzz_article(name: str, texts: list[str]) -> Article:
    paragraphs = [p for t in texts for p in segment(t)]
    return Article(name, Path(f"{name}.txt"), tuple(Paragraph(i, t) for i, t in enumerate(paragraphs)))


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW_OK)
@given(st.lists(hostile_text, max_size=8), st.lists(hostile_text, max_size=8), st.booleans())
def test_aligner_links_stay_in_bounds(left: list[str], right: list[str], english: bool) -> None:
    align_module = pytest.importorskip("tui.versions.align")
    from tui.versions.signals import build_signals

    a, b = _fuzz_article("a", left), _fuzz_article("b", right)
    signals = []
    for article in (a, b):
        claims = [
            c for p in article.paragraphs for c in extract_claims(p.text, None, article=article.id, paragraph=p.index)
        ]
        texts = {p.index: p.text for p in article.paragraphs} if english else None
        signals.append(build_signals(article, claims=claims, english=texts))
    alignment = align_module.align(*signals)
    assert alignment.kind in ("translation", "related", "unrelated")
    n, m = len(a.paragraphs), len(b.paragraphs)
    for link in alignment.links:
        assert 0.0 <= link.score <= 1.0
        assert link.a and link.b
        assert all(0 <= i < n for i in link.a) and all(0 <= j < m for j in link.b)
    for index in range(n):
        target, _exact = alignment.counterpart(index, "a")
        assert target is None or 0 <= target < m


# ----------------------------------------------------------------- the view


def _check_view_lines(view) -> None:
    width = view.scrollable_content_region.width
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        assert strip.cell_length == width, (y, strip.cell_length, width)
        _assert_drawable(strip.text)


@pytest.mark.parametrize("size", [(50, 16), (140, 40)], ids=["stacked", "side-by-side"])
async def test_parallel_view_renders_hostile_articles(size: tuple[int, int], tmp_path: Path) -> None:
    from conftest import seed

    from tui.ui.app import TandemApp
    from tui.ui.parallel import ParallelView, make_rows

    app = TandemApp([seed("004")], notes_db=tmp_path / "notes.db")
    async with app.run_test(size=size) as pilot:
        # The reader's own background work must be over before the test takes
        # the view over (it would otherwise put the article's rows back).
        await asyncio.wait_for(app.screen.settled.wait(), 60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ParallelView)
        view.focus()
        runs: list[int] = []

        @settings(max_examples=150, deadline=None, suppress_health_check=SLOW_OK)
        @given(
            st.lists(hostile_text, min_size=1, max_size=6),
            st.lists(st.one_of(st.none(), hostile_text), max_size=6),
            st.integers(0, 40),
            st.sampled_from(["app", "terminal"]),
            st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4),
        )
        def check(originals, translations, current, bidi, raw_spans) -> None:
            article = _fuzz_article("fuzz", originals)
            assume(article.paragraphs)
            article = Article(
                article.id,
                article.path,
                tuple(Paragraph(p.index, p.text, base_direction(p.text)) for p in article.paragraphs),
            )
            texts = {i: t for i, t in enumerate(translations) if t is not None}
            rows = make_rows(article, texts, "— no translation yet —")
            extra = [(min(a, b), max(a, b), "parallel--search") for a, b in raw_spans]

            def spans(index: int, side: str):
                row = rows[index]
                text = row.original if side == "original" else (row.translation or "")
                found = [(c.start, c.end, f"claim--{c.kind}") for c in extract_claims(text, None)]
                return found + extra

            runs.append(len(rows))
            view.set_bidi(bidi)
            view.set_span_provider(spans)
            view.show(article, rows, current=current)
            _check_view_lines(view)
            view.action_last_paragraph()
            _check_view_lines(view)
            view.action_page_up()
            view.action_previous_paragraph()
            _check_view_lines(view)

        check()
        assert len(runs) >= 100  # the examples really went through this view
        await pilot.pause()


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_OK)
@given(hostile_bytes)
def test_reader_opens_fuzzed_file_and_navigates(data: bytes) -> None:
    """The whole reader on one fuzzed file: keys, repaint, screen contents."""
    from conftest import screen_text

    from tui.ui.app import TandemApp

    async def run() -> None:
        folder = Path(tempfile.mkdtemp(prefix="tandem-fuzz-app-", dir=_FILES))
        path = folder / "fuzzed.txt"
        path.write_bytes(data)
        app = TandemApp([path], notes_db=folder / "notes.db")
        async with app.run_test(size=(90, 24)) as pilot:
            await pilot.press("j", "G", "pageup", "k", "b", "j")
            await pilot.pause()
            _assert_drawable(screen_text(app).replace("\n", ""))
            await asyncio.wait_for(app.screen.settled.wait(), 60)

    asyncio.run(run())
