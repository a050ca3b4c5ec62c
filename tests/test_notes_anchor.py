"""Anchoring: selectors from seed articles, re-attachment after edits, orphans."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.article import Article, Paragraph
from tui.loading import load_article
from tui.notes.anchor import CONTEXT_CHARS, Selector, find_quote, reattach, select


def lines_of(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_article(tmp_path: Path, name: str, lines: list[str]) -> Article:
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    article = load_article(path)
    assert article.ok
    return article


def make(texts: list[str]) -> Article:
    return Article(id="t", path=Path("/nowhere/t.txt"), paragraphs=tuple(Paragraph(i, t) for i, t in enumerate(texts)))


def test_select_span_keeps_quote_offsets_and_context_across_paragraphs():
    article = load_article(seed("002"))
    text = article.paragraphs[3].text
    start = text.index("Kim-Putin-Gipfel")
    sel = select(article, 3, start, start + len("Kim-Putin-Gipfel"))
    assert sel.quote == "Kim-Putin-Gipfel"
    assert (sel.start, sel.end) == (start, start + 16)
    # Context runs into the previous paragraph, joined by a newline.
    assert sel.prefix.endswith("\n" + text[:start])
    assert article.paragraphs[2].text.endswith(sel.prefix.split("\n")[0])
    assert len(sel.prefix) == CONTEXT_CHARS and len(sel.suffix) == CONTEXT_CHARS
    assert text[start + 16 :].startswith(sel.suffix)


def test_select_whole_paragraph_and_bad_input():
    article = load_article(seed("000"))
    whole = select(article, 0)
    assert whole.quote == article.paragraphs[0].text
    assert whole.start is None and whole.end is None
    assert whole.prefix == ""  # first paragraph: nothing before it
    assert whole.suffix == ("\n" + article.paragraphs[1].text)[:CONTEXT_CHARS]
    with pytest.raises(ValueError, match="out of range"):
        select(article, len(article.paragraphs))
    with pytest.raises(ValueError, match="empty or outside"):
        select(article, 0, 5, 5)
    with pytest.raises(ValueError, match="empty or outside"):
        select(article, 0, 0, len(article.paragraphs[0].text) + 1)


def test_every_selector_on_an_unchanged_seed_is_exact():
    for prefix in ("000", "001", "002", "003", "004"):
        article = load_article(seed(prefix))
        for p in article.paragraphs:
            assert reattach(select(article, p.index), article).status == "exact"
            mid = len(p.text) // 2
            sel = select(article, p.index, mid, min(len(p.text), mid + 12))
            found = reattach(sel, article)
            assert (found.status, found.paragraph, found.start, found.end) == (
                "exact",
                p.index,
                sel.start,
                sel.end,
            ), (prefix, p.index)


def test_inserted_lines_move_annotations_to_the_new_index(tmp_path: Path):
    original = load_article(seed("002"))
    text = original.paragraphs[3].text
    start = text.index("Tumangang")
    span = select(original, 3, start, start + len("Tumangang"))
    whole = select(original, 5)
    edited = write_article(tmp_path, "002.txt", ["NEU: ein Vorspann", "Noch eine Zeile"] + lines_of(original.path))
    moved = reattach(span, edited)
    assert (moved.status, moved.paragraph, moved.start) == ("moved", 5, start)
    assert edited.paragraphs[5].text[moved.start : moved.end] == "Tumangang"
    assert (reattach(whole, edited).status, reattach(whole, edited).paragraph) == ("moved", 7)


def test_duplicate_paragraphs_are_told_apart_by_context(tmp_path: Path):
    """003 has two identical 'Країна' lines in its teaser list; each keeps its own."""
    original = load_article(seed("003"))
    twins = [p.index for p in original.paragraphs if p.text == "Країна"]
    assert len(twins) == 2
    selectors = [select(original, i) for i in twins]
    lines = lines_of(original.path)
    edited = write_article(tmp_path, "003.txt", ["Реклама"] + lines[:5] + lines[6:])
    # One line inserted before, one removed before: both twins keep their index.
    found = [reattach(s, edited) for s in selectors]
    assert [f.paragraph for f in found] == twins
    # Ten lines inserted just before the first twin: the second twin's old index
    # is now nearer the *first* twin, so only context can place it right.
    first = twins[0]
    filler = [f"Рядок {n}" for n in range(10)]
    edited2 = write_article(tmp_path, "003b.txt", lines[:first] + filler + lines[first:])
    now = [p.index for p in edited2.paragraphs if p.text == "Країна"]
    assert abs(now[0] - twins[1]) < abs(now[1] - twins[1])
    found2 = [reattach(s, edited2) for s in selectors]
    assert [(f.status, f.paragraph) for f in found2] == [("moved", now[0]), ("moved", now[1])]


def test_repeated_words_in_one_paragraph_keep_their_occurrence():
    article = make(["Kim met Putin. Later Kim met Shoigu.", "Other."])
    second = article.paragraphs[0].text.rindex("Kim met")
    sel = select(article, 0, second, second + len("Kim met"))
    edited = make(["Intro.", "Yesterday Kim met Putin. Later Kim met Shoigu.", "Other."])
    found = reattach(sel, edited)
    assert found.status == "moved" and found.paragraph == 1
    assert found.start == edited.paragraphs[1].text.rindex("Kim met")


def test_edit_before_the_quote_moves_it_within_the_paragraph():
    article = make(["The report said 80 wagons crossed.", "Next."])
    start = article.paragraphs[0].text.index("80 wagons")
    sel = select(article, 0, start, start + 9)
    edited = make(["The report on Friday said 80 wagons crossed.", "Next."])
    found = reattach(sel, edited)
    assert found.status == "moved" and found.paragraph == 0
    assert edited.paragraphs[0].text[found.start : found.end] == "80 wagons"


def test_light_edit_inside_the_quote_reattaches_fuzzily():
    article = load_article(seed("002"))
    text = article.paragraphs[1].text
    quote = "hat seit letztem Monat mit unbekannter Fracht stark zugenommen"
    start = text.index(quote)
    sel = select(article, 1, start, start + len(quote))
    changed = text.replace("stark zugenommen", "sehr stark zugenommen")
    edited = make([p.text if p.index != 1 else changed for p in article.paragraphs])
    found = reattach(sel, edited)
    assert found.status == "fuzzy" and found.paragraph == 1
    assert found.score >= 80
    got = changed[found.start : found.end]
    assert got.startswith("hat seit letztem Monat") and got.endswith("zugenommen")


def test_lightly_edited_whole_paragraph_reattaches_fuzzily():
    article = load_article(seed("000"))
    sel = select(article, 2)
    texts = [p.text for p in article.paragraphs]
    texts[2] = texts[2].replace("2023", "2024", 1) + " (تحديث)"
    found = reattach(sel, make(texts))
    assert (found.status, found.paragraph, found.start) == ("fuzzy", 2, None)


def test_removed_text_is_orphaned_not_dropped():
    article = load_article(seed("004"))
    sel = select(article, 1)
    span = select(article, 2, 0, 20)
    texts = [p.text for i, p in enumerate(article.paragraphs) if i not in (1, 2)]
    edited = make(texts)
    for s in (sel, span):
        found = reattach(s, edited)
        assert found.status == "orphaned" and found.paragraph is None and not found.attached
    assert reattach(sel, make([])).status == "orphaned"


def test_rewritten_quote_below_threshold_is_orphaned():
    article = make(["North Korea shipped a million artillery shells to Russia."])
    start = article.paragraphs[0].text.index("a million artillery shells")
    sel = select(article, 0, start, start + len("a million artillery shells"))
    edited = make(["Pyongyang denies any arms trade with Moscow."])
    assert reattach(sel, edited).status == "orphaned"


def test_find_quote_reports_overlapping_occurrences():
    assert find_quote("aaaa", "aa") == [0, 1, 2]
    assert find_quote("abc", "") == []


# -- properties -----------------------------------------------------------------

_words = st.text(alphabet="abc xyzКиم،. ", min_size=0, max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.text(min_size=1, max_size=60).map(str.strip).filter(bool), min_size=1, max_size=6),
    edits=st.lists(_words, min_size=0, max_size=6),
    data=st.data(),
)
def test_reattach_never_raises_and_stays_in_bounds(texts, edits, data):
    article = make(texts)
    p = data.draw(st.integers(0, len(texts) - 1))
    length = len(texts[p])
    start = data.draw(st.integers(0, length - 1))
    end = data.draw(st.integers(start + 1, length))
    whole = data.draw(st.booleans())
    sel = select(article, p) if whole else select(article, p, start, end)
    assert reattach(sel, article).status == "exact"
    # Arbitrary edit: replace, insert and drop paragraphs.
    edited_texts = [t for t in texts]
    for i, e in enumerate(edits):
        position = data.draw(st.integers(0, len(edited_texts)))
        if i % 3 == 0 and edited_texts:
            edited_texts[min(position, len(edited_texts) - 1)] = e
        elif i % 3 == 1:
            edited_texts.insert(position, e)
        elif edited_texts:
            edited_texts.pop(min(position, len(edited_texts) - 1))
    edited = make(edited_texts)
    found = reattach(sel, edited)
    if found.status == "orphaned":
        assert found.paragraph is None
        return
    assert 0 <= found.paragraph < len(edited_texts)
    target = edited_texts[found.paragraph]
    if whole:
        assert found.start is None and found.end is None
    else:
        assert 0 <= found.start < found.end <= len(target)
    if found.status in ("exact", "moved"):
        got = target if whole else target[found.start : found.end]
        assert got == sel.quote


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        Selector,
        paragraph=st.integers(-5, 50),
        quote=st.text(max_size=20),
        prefix=st.text(max_size=40),
        suffix=st.text(max_size=40),
        start=st.one_of(st.none(), st.integers(-5, 100)),
        end=st.one_of(st.none(), st.integers(-5, 100)),
    )
)
def test_reattach_tolerates_nonsense_selectors(sel):
    article = load_article(seed("004"))
    found = reattach(sel, article)
    if found.attached:
        text = article.paragraphs[found.paragraph].text
        if found.start is not None:
            assert 0 <= found.start <= found.end <= len(text)
