"""Exporting an article for a report (``tui.report``): seeds, honesty, hostile text, properties.

HTML is checked by parsing it (``html.parser``): only the elements the
exporter writes may appear, and article text comes back as the same text.
Markdown is checked by rendering it with markdown-it-py (CommonMark, tables,
raw HTML *allowed*, so an escaping slip would show as a tag) and parsing that.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import seed
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui.article import Article, ArticleMeta, Paragraph
from tui.article_claims import ArticleClaims
from tui.claims.model import Claim
from tui.direction import base_direction
from tui.inert import BIDI_CONTROLS, inert
from tui.loading import load_article
from tui.notes.anchor import select
from tui.notes.model import new_annotation
from tui.notes.placing import Placed, place_all
from tui.reference import load_reference
from tui.report.bilingual import export_article
from tui.report.document import NO_TRANSLATION
from tui.report.html_text import TAGS
from tui.target_language import TranslatedTexts
from tui.textnorm import text_hash
from tui.translated import ArticleTranslation, ParagraphTranslation, Provenance

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "blockquote", "table", "thead", "tbody"}
MARKDOWN_TAGS |= {"tr", "th", "td", "br"}
VOID = {"br", "meta", "hr", "img", "input", "link"}


# -- a small DOM from html.parser ---------------------------------------------------


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in (n.attrs.get("class") or "").split())]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.comments: list[str] = []
        self.declarations: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_pi(self, data):
        self.declarations.append(data)


def parse(html: str) -> tuple[Node, _Builder]:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root, builder


def render_markdown(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def assert_only(root: Node, allowed: set[str] | frozenset[str]) -> None:
    tags = {n.tag for n in root.walk()} - {"#root"}
    assert tags <= allowed, tags - allowed
    for node in root.walk():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert name not in ("href", "src", "srcset", "action", "formaction"), (node.tag, name)
            if name == "style":  # markdown-it's column alignment, nothing else
                assert re.fullmatch("text-align:(left|right|center)", value or ""), value
            assert "javascript" not in (value or "").lower()


def assert_safe_characters(output: str) -> None:
    assert not set(output) & BIDI_CONTROLS
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output)


# -- data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    from tui.language import detect_languages

    return {name: detect_languages(load_article(seed(name))) for name in ("000", "002")}


def claim(paragraph: int, kind: str, text: str, start: int, end: int) -> Claim:
    return Claim("t", paragraph, kind, start, end, text[start:end], None, None, None, None, 0.5, ())


def article_of(*texts: str, language: str = "en", meta: ArticleMeta | None = None) -> Article:
    paragraphs = tuple(Paragraph(i, t, base_direction(t), language) for i, t in enumerate(texts))
    return Article("hostile", Path("/tmp/hostile.txt"), paragraphs, language, "h", meta=meta)


def machine(article: Article, texts: dict[int, str], target: str = "en") -> ArticleTranslation:
    provenance = Provenance("argos", f"translate-{article.language}_{target}", "1.9")
    paragraphs = {i: ParagraphTranslation(i, t, text_hash(article.paragraphs[i].text)) for i, t in texts.items()}
    return ArticleTranslation(article.id, target, provenance, paragraphs)


def notes_on(article: Article, *specs: tuple[int, str | None, str, str, str]) -> list[Placed]:
    """``(paragraph, quote or None, label, author, note)`` each."""
    made = []
    for paragraph, quote, label, author, note in specs:
        text = article.paragraphs[paragraph].text
        if quote is None:
            selector = select(article, paragraph)
        else:
            start = text.index(quote)
            selector = select(article, paragraph, start, start + len(quote))
        made.append(dataclasses.replace(new_annotation(article, selector, label, note), author=author))
    return place_all(made, articles=[article])


def seed_export(article: Article, **options) -> str:
    translation = load_reference(article)
    texts = TranslatedTexts.of(translation)
    claims = ArticleClaims(article, texts)
    translated = [t for i in range(len(article.paragraphs)) for _, t in claims.pairs(i)]
    options.setdefault("now", NOW)
    return export_article(
        article, translation, claims.all(), options.pop("notes", []), translated_claims=translated, **options
    )


# -- the seeds ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["000", "002"])
def test_side_by_side_html_of_a_seed_is_a_numbered_table_with_marks_and_directions(seeds, name):
    article = seeds[name]
    out = seed_export(article, fmt="html", layout="side-by-side")
    root, builder = parse(out)
    assert_only(root, TAGS)
    assert not builder.comments
    rows = root.find_all("tbody")[0].find_all("tr")
    assert [r.attrs["id"] for r in rows] == [f"p{i}" for i in range(1, len(article.paragraphs) + 1)]
    for row, paragraph in zip(rows, article.paragraphs, strict=True):
        number, original, translation = row.find_all("td")
        assert number.text() == str(paragraph.index + 1)
        text = original.find_all("p", "text")[0]
        assert text.attrs["dir"] == paragraph.direction  # "Exit mobile version" in 000 is ltr
        assert text.attrs["lang"] == (paragraph.language or "")  # "" = unknown, never a guess
        # The article's text, with only the kinds' tags added after claims.
        assert _strip_sups(text) == inert(paragraph.text)
        assert translation.find_all("p", "text")[0].attrs["dir"] == "auto"
    directions = [r.find_all("td")[1].find_all("p", "text")[0].attrs["dir"] for r in rows]
    assert directions.count("rtl") == (18 if name == "000" else 0)
    header = root.find_all("header")[0].text()
    assert "reference translation (bundled, not machine output)" in header
    assert "2026-11-30 12:00 UTC" in header
    assert root.find_all("html")[0].attrs["lang"] == "en"


def originals(root: Node) -> list[str]:
    """The original paragraphs' texts (kinds' tags left out), in order, from either layout."""
    holders = [n for n in root.walk() if "original" in (n.attrs.get("class") or "").split() or n.tag == "section"]
    holders = [n for n in holders if n.find_all("p", "text") and "orphans" not in (n.attrs.get("class") or "")]
    return [_strip_sups(n.find_all("p", "text")[0]) for n in holders]


def _strip_sups(node: Node) -> str:
    return "".join(c if isinstance(c, str) else ("" if c.tag == "sup" else _strip_sups(c)) for c in node.children)


def test_arabic_seed_marks_the_date_in_both_columns(seeds):
    root, _ = parse(seed_export(seeds["000"], fmt="html"))
    row = root.find_all("tr")[3]  # ¶ 3 (after the header row)
    assert row.attrs["id"] == "p3"
    _, original, translation = row.find_all("td")
    dates = [m.text() for m in original.find_all("mark", "claim-date")]
    assert dates == ["5 أكتوبر 2023"]
    assert [m.text() for m in translation.find_all("mark", "claim-date")] == ["5 October 2023"]
    assert [s.text() for s in original.find_all("sup")] == ["date", "quote", "attribution"]
    # The original text is intact around the marks.
    assert _strip_sups(original.find_all("p", "text")[0]) == seeds["000"].paragraphs[2].text
    legend = root.find_all("p", "legend")[0]
    assert {m.text() for m in legend.find_all("mark")} == {"quantity", "date", "attribution", "quote", "hedge"}


def test_markdown_side_by_side_of_the_german_seed(seeds):
    article = seeds["002"]
    out = seed_export(article, fmt="md")
    lines = out.splitlines()
    assert lines[0] == f"# {article.title}"
    assert "- **Original:** German (de)" in lines
    assert "- **Translation:** English · reference translation (bundled, not machine output)" in lines
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 2 + len(article.paragraphs)
    assert table[2].startswith("| 1 | ")
    assert "**5. Oktober 2023**⟨date⟩" not in out  # inside the quote: one bold run
    assert "5\\. Oktober 2023⟨date⟩" in out or "5. Oktober 2023⟨date⟩" in out
    root, _ = parse(render_markdown(out))
    assert_only(root, MARKDOWN_TAGS)
    body_rows = root.find_all("tbody")[0].find_all("tr")
    assert len(body_rows) == len(article.paragraphs)
    cell = body_rows[3].find_all("td")[1]
    assert "„Nach dem Kim-Putin-Gipfel" in cell.text()
    assert cell.find_all("strong"), "claims are bold when rendered"


def test_interleaved_markdown_numbers_paragraphs_and_labels_each_column(seeds):
    article = seeds["000"]
    out = seed_export(article, fmt="md", layout="interleaved")
    headings = re.findall(r"^### ¶ (\d+)", out, re.M)
    assert headings == [str(i) for i in range(1, len(article.paragraphs) + 1)]
    assert out.count("*Original · Arabic:*") == len(article.paragraphs)
    assert out.count("*Translation · English:*") == len(article.paragraphs)
    assert "### ¶ 12 · page furniture: app prompt" in out


# -- honest display -----------------------------------------------------------------------


def test_no_translation_says_none_and_never_fills_a_paragraph(seeds):
    article = seeds["002"]
    for fmt in ("md", "html"):
        out = export_article(article, None, why_missing="no Argos package de→en", fmt=fmt, now=NOW)
        assert "none (no Argos package de→en)" in out
        assert f"{len(article.paragraphs)} of {len(article.paragraphs)} paragraphs not translated" in out
        # "Leave a Reply" is English already: said so, not copied over.
        assert out.count(NO_TRANSLATION) == len(article.paragraphs) - 1
        assert out.count("already in English: not translated") == 1
        reference = load_reference(article)
        assert reference.get(0).text not in out


def test_partial_machine_translation_is_filled_from_the_reference_and_named_there(seeds):
    article = seeds["000"]
    reference = load_reference(article)
    mt = machine(article, {0: "MT zero", 1: "MT one"})
    out = export_article(article, mt, fill=[reference], fmt="html", now=NOW)
    root, _ = parse(out)
    header = root.find_all("header")[0].text()
    assert "English · argos translate-ar_en v1.9" in header
    assert f"{len(article.paragraphs) - 2} paragraphs translated by another source" in header
    rows = root.find_all("tbody")[0].find_all("tr")
    first = rows[0].find_all("td")[2]
    assert first.text() == "MT zero" and not first.find_all("p", "provenance")
    third = rows[2].find_all("td")[2]
    assert third.find_all("p", "provenance")[0].text() == (
        "English · reference translation (bundled, not machine output)"
    )
    assert reference.get(2).text in third.text()


def test_a_paragraph_already_in_the_target_language_says_so():
    article = article_of("Der Text.", "An English caption.", language="de")
    article = dataclasses.replace(
        article,
        paragraphs=(article.paragraphs[0], dataclasses.replace(article.paragraphs[1], language="en")),
    )
    out = export_article(article, machine(article, {0: "The text."}), fmt="md", now=NOW)
    assert "*— already in English: not translated —*" in out
    assert "1 of 2 paragraphs not translated" in out


def test_stale_translations_are_counted_in_the_header(seeds):
    article = seeds["002"]
    mt = dataclasses.replace(machine(article, {0: "x"}), stale=3)
    assert "3 outdated translations dropped" in export_article(article, mt, now=NOW)


def test_notes_inline_with_label_author_quote_and_text_and_orphans_at_the_end(seeds):
    article = seeds["002"]
    placed = notes_on(
        article,
        (3, "Kim-Putin-Gipfel", "disputed", "ana", "which summit?\nsee 003"),
        (0, None, "verified", "", ""),
    )
    gone = dataclasses.replace(placed[0].annotation, quote="nicht mehr da", prefix="", suffix="", start=1, end=14)
    placed += place_all([gone], articles=[article])
    assert placed[-1].status == "orphaned"
    root, _ = parse(export_article(article, None, notes=placed, fmt="html", now=NOW))
    rows = root.find_all("tbody")[0].find_all("tr")
    note = rows[3].find_all("aside", "note")[0]
    assert note.find_all("span", "label")[0].text() == "disputed"
    assert note.find_all("span", "author")[0].text() == "ana"
    assert note.find_all("span", "quote")[0].text() == "Kim-Putin-Gipfel"
    assert [n.tag for n in note.find_all("p", "text")[0].children if isinstance(n, Node)] == ["br"]
    assert note.find_all("p", "text")[0].text() == "which summit?see 003"
    assert rows[0].find_all("aside", "note")[0].find_all("span", "label")[0].text() == "verified"
    orphans = root.find_all("section", "orphans")[0]
    assert "nicht mehr da" in orphans.text() and "(was ¶ 4)" in orphans.text()
    md = export_article(article, None, notes=placed, fmt="md", layout="interleaved", now=NOW)
    assert "> ✎ **disputed** · by ana · on “Kim-Putin-Gipfel”\n>\n> which summit?\n> see 003" in md
    assert "## Notes whose text is no longer in the article" in md


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_a_notes_header_reads_the_same_in_html_and_markdown(seeds, layout):
    """The header line's wording is :func:`note_head`'s alone; each format only
    marks it up (a value with markup characters stays text in both)."""
    from tui.report import html_text, markdown_text
    from tui.report.document import NOTE_HEAD_SEPARATOR, NOTE_MARK, NoteItem, build_report, note_head

    article = seeds["002"]
    report = build_report(article, None, now=NOW)
    item = NoteItem("disputed", "<b>ana</b> *x*", "", "[Gipfel] & co", "fuzzy", claim_kind="quantity")
    rows = list(report.rows)
    rows[2] = dataclasses.replace(rows[2], notes=(item,))
    report = dataclasses.replace(report, rows=tuple(rows), note_count=1)
    expected = NOTE_MARK + " " + NOTE_HEAD_SEPARATOR.join(p.before + p.value + p.after for p in note_head(item))
    assert expected == (
        "✎ disputed · on a quantity claim · by <b>ana</b> *x* · on “[Gipfel] & co” · "
        "re-attached approximately: the text was edited"
    )
    root, _ = parse(html_text.render(report, layout))
    (head,) = [n for n in root.walk() if n.tag == "p" and n.attrs.get("class") == "head"]
    assert head.text() == expected
    rendered, _ = parse(render_markdown(markdown_text.render(report, layout)))
    assert expected in rendered.text()


def test_deleted_notes_are_left_out(seeds):
    article = seeds["002"]
    placed = notes_on(article, (1, None, "important", "bo", "secret draft"))
    deleted = [dataclasses.replace(p, annotation=dataclasses.replace(p.annotation, deleted=True)) for p in placed]
    assert "secret draft" not in export_article(article, None, notes=deleted, now=NOW)


def test_unknown_layout_or_format_is_refused(seeds):
    with pytest.raises(ValueError, match="layout"):
        export_article(seeds["002"], None, layout="columns")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        export_article(seeds["002"], None, fmt="pdf")  # type: ignore[arg-type]


# -- hostile text ---------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
    "</td></tr></table><iframe src='//evil'></iframe>",
    "&#x202E;gnp.exe &lt;b&gt; &amp;",
    "\x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eevil\u202c \u2066iso\u2069",
    "[click](javascript:alert(1)) ![img](http://evil/x.png) <http://evil> `code` **bold** _em_ ~~del~~",
    "# heading | pipe | cell \\ backslash $x$ $$y$$",
    "- list item",
    "1. ordered item",
    "+ plus",
    "<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
    "    indented code",
    "=====",
]


@pytest.fixture
def hostile() -> tuple[Article, list[Claim], list[Placed]]:
    meta = ArticleMeta(title="<script>t</script>\u202e", site="<b>s</b>", url="javascript:alert(1)")
    article = article_of(*HOSTILE, meta=meta)
    claims = [claim(i, "quote", t, 0, min(len(t), 9)) for i, t in enumerate(HOSTILE)]
    notes = notes_on(
        article,
        (0, "<script>", "<b>label</b>", "\x1b[2J<i>me</i>", "<script>alert(3)</script>\n- [x](javascript:y)\n\u202eok"),
        (4, None, "|pipe|", "a*b*", "`tick` | cell"),
    )
    return article, claims, notes


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_hostile_text_is_inert_in_html(hostile, layout):
    article, claims, notes = hostile
    translation = machine(article, {i: f"<script>x{i}</script>\x1b[0m\u202e" for i in range(len(HOSTILE))})
    out = export_article(article, translation, claims, notes, layout=layout, fmt="html", now=NOW)
    root, builder = parse(out)
    assert_only(root, TAGS)
    assert not builder.comments and not builder.declarations
    assert_safe_characters(out)
    assert originals(root) == [inert(t) for t in HOSTILE]
    assert root.find_all("title")[0].text() == inert("<script>t</script>\u202e")
    assert "<script>alert(3)</script>" in root.text()  # shown as text
    # Only the page's own policy: no script may run even if escaping slipped.
    policy = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policy and "default-src 'none'" in (policy[0].attrs["content"] or "")


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved"])
def test_hostile_text_renders_as_plain_text_from_markdown(hostile, layout):
    article, claims, notes = hostile
    out = export_article(article, None, claims, notes, layout=layout, fmt="md", now=NOW)
    assert_safe_characters(out)
    root, builder = parse(render_markdown(out))
    assert_only(root, MARKDOWN_TAGS)
    assert not builder.comments and not builder.declarations
    text = root.text()
    for original in HOSTILE:
        assert inert(original).strip() in text.replace("⟨quote⟩", ""), original
    assert "<script>alert(3)</script>" in text
    assert "[x](javascript:y)" in text


# -- properties -----------------------------------------------------------------------------

# Markup characters drawn often, on top of any character at all.
_MARKUP = st.sampled_from(list("\\`*_[]<>&|~$#-+=.)(!:;/0123456789 \t\n\x1b\u202e\u2066\u00a0xa\u0627"))
paragraph_text = st.text(st.one_of(_MARKUP, st.characters()), min_size=1, max_size=60).map(str.strip).filter(bool)


@given(text=paragraph_text, data=st.data())
@example(text="a*b* _c_ `d` ~~e~~", data=None)
@example(text="&amp; &#x202E; <b>x</b> <!-- c -->", data=None)
@example(text="[x](javascript:y) ![i](z) <http://e>", data=None)
@example(text="1. ordered | pipe \\ back", data=None)
@example(text="- item", data=None)
@example(text="# h #", data=None)
def test_any_article_text_comes_back_as_the_same_inert_text(text, data):
    if data is None:  # an explicit example: the claim is its first word
        start, end = 0, text.find(" ") if " " in text else len(text)
    else:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
    article = article_of(text)
    claims = [claim(0, "date", text, start, end)]
    expected = inert(text)
    tagged = expected[:end] + "⟨date⟩" + expected[end:]

    for layout in ("side-by-side", "interleaved"):
        html_out = export_article(article, None, claims, layout=layout, fmt="html", now=NOW)
        root, _ = parse(html_out)
        assert_only(root, TAGS)
        assert originals(root) == [expected]
        paragraph = root.find_all("p", "text")[0]
        assert [m.text() for m in paragraph.find_all("mark")] == [expected[start:end]]

        md_out = export_article(article, None, claims, layout=layout, fmt="md", now=NOW)
        root, _ = parse(render_markdown(md_out))
        assert_only(root, MARKDOWN_TAGS)
        if layout == "side-by-side":
            cell = root.find_all("tbody")[0].find_all("tr")[0].find_all("td")[1]
        else:
            cell = root.find_all("p")[-3]  # the original, before the translation's label and placeholder
        # Markdown trims blanks at the edges of a paragraph or cell; nothing else changes.
        assert cell.text().strip() == tagged.strip()


def test_declared_metadata_is_in_the_header_as_text(hostile):
    article, _, _ = hostile
    root, _ = parse(export_article(article, None, fmt="html", now=NOW))
    facts = dict(zip((dt.text() for dt in root.find_all("dt")), (dd.text() for dd in root.find_all("dd")), strict=True))
    assert facts["Site"] == "<b>s</b>"
    assert facts["URL"] == "javascript:alert(1)"  # text, never a link
    md = export_article(article, None, fmt="md", now=NOW)
    assert "- **Site:** \\<b\\>s\\</b\\>" in md


# -- writing files -----------------------------------------------------------------------------


def test_write_new_never_replaces_without_force(tmp_path):
    from tui.report.files import ExistsError, write_new

    path = tmp_path / "r.md"
    write_new(path, "one")
    with pytest.raises(ExistsError):
        write_new(path, "two")
    assert path.read_text(encoding="utf-8") == "one"
    (tmp_path / "link.md").symlink_to(tmp_path / "nowhere")
    with pytest.raises(ExistsError):  # a dangling link is a name in use too
        write_new(tmp_path / "link.md", "x")
    write_new(path, "three", force=True)
    assert path.read_text(encoding="utf-8") == "three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "r.md"]  # no temporary file left


def test_save_new_picks_the_next_free_name(tmp_path):
    from tui.report.files import save_new

    first = save_new(tmp_path, "000.en.html", "a")
    second = save_new(tmp_path, "000.en.html", "b")
    third = save_new(tmp_path, "000.en.html", "c")
    assert [first.name, second.name, third.name] == ["000.en.html", "000.en-2.html", "000.en-3.html"]
    assert first.read_text(encoding="utf-8") == "a" and third.read_text(encoding="utf-8") == "c"
