"""Inert text, normal form and search: unit and property tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.direction import base_direction
from tui.inert import BIDI_CONTROLS, inert, is_inert
from tui.search import find_all, fold, search_article
from tui.textnorm import normalise, text_hash

any_text = st.text(st.characters(codec="utf-8"), max_size=200)


def test_inert_replaces_terminal_active_characters_one_for_one():
    text = "a\x1b[31mb\x07c\x85d\x7fe\u202ef\u2066g\tz"
    out = inert(text)
    assert len(out) == len(text)
    assert out == "a␛[31mb␇c\ufffdd\u2421e\ufffdf\ufffdg z"
    assert is_inert(out) and not is_inert(text)


def test_inert_keeps_persian_zwnj_and_markup_brackets():
    text = "می\u200cشود [bold]x[/bold] [@click=app.quit]"
    assert inert(text) == text


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_inert_is_total_length_preserving_and_idempotent(text):
    out = inert(text)
    assert len(out) == len(text)
    assert inert(out) == out
    assert not any(ch in BIDI_CONTROLS for ch in out)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in out)


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_normalise_is_idempotent_and_hash_stable(text):
    once = normalise(text)
    assert normalise(once) == once
    assert text_hash(text) == text_hash(once)
    assert len(text_hash(text)) == 16


def test_hash_ignores_spacing_only():
    assert text_hash("a  b\n") == text_hash(" a b")
    assert text_hash("a b") != text_hash("a c")


def test_direction_by_majority_of_strong_characters():
    assert base_direction("COVID-19 انتشر في البلاد بسرعة") == "rtl"
    assert base_direction("Beyond Parallel") == "ltr"
    assert base_direction("٢٠٢٣ - 73") == "ltr"
    assert base_direction("") == "ltr"
    assert base_direction("« Beyond » قال") == "ltr"  # 7 Latin letters against 3 Arabic


def test_search_folds_case_and_marks_and_reports_original_offsets():
    text = "Der Bodensatz — BODENSATZ; الذخيرةُ و الذخيرة"
    assert find_all(text, "bodensatz") == [(4, 13), (16, 25)]
    spans = find_all(text, "الذخيرة")
    assert [text[a:b] for a, b in spans] == ["الذخيرةُ", "الذخيرة"]
    assert find_all(text, "   ") == []
    assert find_all("Straße", "STRASSE") == [(0, 6)]


def test_search_article_orders_matches():
    matches = search_article([(0, "original", "a b a"), (1, "translation", "A")], "a")
    assert [(m.paragraph, m.side, m.start) for m in matches] == [
        (0, "original", 0),
        (0, "original", 4),
        (1, "translation", 0),
    ]


@given(any_text, st.text(min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_search_spans_are_in_bounds_and_match_folded(text, query):
    for start, end in find_all(text, query):
        assert 0 <= start < end <= len(text)
        assert fold(query)[0].strip() in fold(text[start:end])[0]


def test_article_filter_language_codes_and_words(tmp_path):
    from dataclasses import replace
    from pathlib import Path

    from tui.article import Article, Paragraph
    from tui.article_filter import matches

    article = Article(
        id="x",
        path=Path("x.txt"),
        language="uk",
        paragraphs=(Paragraph(0, "КНДР наростила перевезення — Beyond Parallel"),),
    )
    assert matches("uk", article.path, article)
    assert not matches("ar", article.path, article), "a language code is not a title substring"
    assert matches("parallel", article.path, article)
    assert matches("уk".replace("у", "u") + " beyond", article.path, article)
    assert matches("кндр", article.path, article)
    assert not matches("uk nothing", article.path, article)
    assert matches("x.txt", article.path, None), "unloaded articles match by file name"
    assert matches("", article.path, replace(article, language=None))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcKНДРé ", max_size=12),
            st.sampled_from([None, "uk", "ar", "de"]),
            st.booleans(),
        ),
        max_size=8,
    ),
    st.text(alphabet="abcKНДРé ukardex", max_size=10),
)
def test_the_filter_over_a_list_keeps_what_each_article_alone_would(entries, query):
    """The list filters with folded texts worked out once (tui.article_filter.kept);
    it keeps exactly what the one-article rule (as first written) keeps."""
    from pathlib import Path

    from tui.article import Article, Paragraph
    from tui.article_filter import kept, query_words, searched_text
    from tui.language import LANGUAGES

    def by_itself(path, article) -> bool:  # the rule as tui.article_filter.matches first wrote it
        words = [fold(word)[0] for word in query.split()]
        language = (article.language or "") if article is not None else ""
        title = article.title if article is not None and article.ok else ""
        haystack = fold(f"{title} {path.name}")[0]
        return all((word == language) if word in LANGUAGES else (word in haystack) for word in words)

    paths, articles = [], []
    for n, (title, language, read) in enumerate(entries):
        path = Path(f"{n}-{title[:3]}.txt")
        paths.append(path)
        paragraphs = (Paragraph(0, title or "text"),)
        articles.append(Article(id=str(n), path=path, language=language, paragraphs=paragraphs) if read else None)
    texts = [searched_text(p, a) for p, a in zip(paths, articles, strict=True)]
    expected = [i for i in range(len(paths)) if by_itself(paths[i], articles[i])]
    words = query_words(query)
    assert (kept(words, articles, texts) if words else list(range(len(paths)))) == expected
