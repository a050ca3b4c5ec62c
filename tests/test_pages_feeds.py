"""Web pages, feeds and JSON Lines exports as articles (tui.pages, tui.feeds, tui.loading)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pages import BODIES, FURNITURE, atom_feed, rss_feed, saved_page

from tui.cli import main
from tui.loading import discover, load_article
from tui.pages import fragment_paragraphs

LANGUAGES = sorted(BODIES)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


# ---------------------------------------------------------------- saved pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_saved_page_keeps_the_body_and_drops_the_furniture(tmp_path: Path, language: str) -> None:
    title, body = BODIES[language]
    article = load_article(write(tmp_path, f"{language}.html", saved_page(language)))
    assert article.ok, article.error
    texts = [p.text for p in article.paragraphs]
    for paragraph in body:
        assert paragraph in texts  # joiners (Persian ZWNJ) and all
    everything = "\n".join(texts)
    for furniture in FURNITURE:
        assert furniture not in everything
    assert "tracking pixel" not in everything and "window.tracker" not in everything
    assert "Another story about trains" not in everything
    assert article.id == language
    meta = article.meta
    assert meta is not None
    assert (meta.title, meta.site, meta.author) == (title, "Example News", "Jane Roe")
    assert meta.date == "2023-10-05"
    assert meta.url == f"https://news.example.org/{language}/2023/10/05/rail"
    assert meta.language == language
    assert article.title == title
    expected = "rtl" if language in ("ar", "fa") else "ltr"
    assert {p.direction for p in article.paragraphs if p.text in body} == {expected}


def test_page_metadata_from_json_ld_only(tmp_path: Path) -> None:
    page = saved_page("de")
    for tag in ('<meta name="author"', '<meta property="og:site_name"', '<link rel="canonical"'):
        start = page.index(tag)
        page = page[:start] + page[page.index(">", start) + 1 :]
    article = load_article(write(tmp_path, "ld.htm", page))
    assert article.meta is not None
    assert article.meta.author == "Jane Roe"
    assert article.meta.date == "2023-10-05"


def test_page_date_from_htmldate_when_the_page_declares_none(tmp_path: Path) -> None:
    html = (
        "<html><head><title>x</title></head><body><article><h1>Headline of the story</h1>"
        "<p>Published 14 March 2022 in the evening edition of the paper.</p>"
        + "".join(f"<p>Body paragraph {i} with enough words to be kept as article text here.</p>" for i in range(5))
        + "</article></body></html>"
    )
    article = load_article(write(tmp_path, "nodate.html", html))
    assert article.ok
    assert article.meta is not None and article.meta.date is not None and article.meta.date.startswith("2022-03")


def test_boilerplate_rules_still_apply_to_page_text(tmp_path: Path) -> None:
    _, body = BODIES["en"]
    html = (
        "<html><body><article><h1>Rail traffic surges</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + "<p>Read more: Share on Facebook</p><p>(AP Photo/John Doe)</p></article></body></html>"
    )
    article = load_article(write(tmp_path, "flags.html", html))
    assert article.ok
    flagged = {p.text: p.boilerplate for p in article.paragraphs}
    assert all(flagged[p] is None for p in body)


def test_show_json_has_meta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write(tmp_path, "uk.html", saved_page("uk"))
    plain = write(tmp_path, "plain.txt", "Just text.\n")
    assert main(["show", str(page), "--json", "--no-language"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["meta"] == {
        "title": BODIES["uk"][0],
        "site": "Example News",
        "author": "Jane Roe",
        "date": "2023-10-05",
        "url": "https://news.example.org/uk/2023/10/05/rail",
        "language": "uk",
    }
    assert main(["show", str(plain), "--json", "--no-language"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["meta"] == dict.fromkeys(("title", "site", "author", "date", "url", "language"))


# ---------------------------------------------------------------- hostile pages


@pytest.mark.parametrize(
    "html,reason",
    [
        (
            "<html><head><script>var a = 1;</script></head><body><nav><a href=/><img src=x></a></nav></body></html>",
            "no article text",
        ),
        ("", "empty file"),
        ("<html><body></body></html>", "no article text"),
        ("<<<<>>>> <p <p <div", "no article text"),
    ],
)
def test_pages_without_text_get_a_specific_message(tmp_path: Path, html: str, reason: str) -> None:
    article = load_article(write(tmp_path, "bad.html", html))
    assert not article.ok
    assert reason in (article.error or "")


def test_markup_and_entities_in_page_text_stay_text(tmp_path: Path) -> None:
    body = [
        "The minister wrote &lt;script&gt;alert(1)&lt;/script&gt; in a post, and &amp; is an ampersand here.",
        "Control \x1b[31m characters and [bold]markup[/bold] are kept as inert characters in the text.",
        "A third paragraph with &quot;quotes&quot; and &#1575;&#1604; numeric entities decoded properly.",
    ]
    html = (
        "<html><body><article><h1>Title here</h1>" + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>"
    )
    article = load_article(write(tmp_path, "markup.html", html))
    assert article.ok
    texts = "\n".join(p.text for p in article.paragraphs)
    assert "<script>alert(1)</script>" in texts
    assert "& is an ampersand" in texts
    assert '"quotes"' in texts and "ال numeric" in texts
    assert "[bold]markup[/bold]" in texts


def test_broken_markup_is_read(tmp_path: Path) -> None:
    html = (
        "<html><body><div><article><h1>Unclosed tags everywhere"
        "<p>First paragraph of the story, never closed, with plenty of words in it."
        "<p>Second paragraph: the officials said <b>73 wagons <i>were seen</b> at the station.</i>"
        "<p>Third paragraph & a stray ampersand < and a lone angle bracket in running text.</div>"
    )
    article = load_article(write(tmp_path, "broken.html", html))
    assert article.ok, article.error
    texts = " ".join(p.text for p in article.paragraphs)
    assert "73 wagons were seen" in texts
    assert "stray ampersand" in texts


def test_ten_megabyte_pages(tmp_path: Path) -> None:
    _, body = BODIES["ru"]
    script = "<script>" + "var x = 'y';" * 800_000 + "</script>"  # ~10 MB of inline script
    big_script = "<html><head>" + script + "</head><body><article><h1>Заголовок</h1>"
    big_script += "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>"
    path = write(tmp_path, "scripts.html", big_script)
    assert path.stat().st_size > 9_000_000
    article = load_article(path)
    assert article.ok and [p.text for p in article.paragraphs if p.text in body] == body
    markup = "<html><body>" + "<div><span>word</span></div>" * 400_000 + "</body></html>"
    article = load_article(write(tmp_path, "markup.html", markup))
    assert not article.ok and "web page too large to extract" in (article.error or "")
    huge = write(tmp_path, "huge.html", b" " * 33_000_000)
    assert "file too large" in (load_article(huge).error or "")


def test_page_in_a_legacy_charset(tmp_path: Path) -> None:
    _, body = BODIES["ru"]
    html = '<html><head><meta charset="windows-1251"></head><body><article><h1>Заголовок статьи</h1>'
    html += "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>"
    article = load_article(write(tmp_path, "cp1251.html", html.encode("cp1251")))
    assert article.ok
    assert body[0] in [p.text for p in article.paragraphs]


def test_reading_text_files_does_not_import_the_extractor(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.loading import load_article, discover; from tui.paths import seeds_dir;"
        "[load_article(p) for p in discover([seeds_dir()])];"
        "print(','.join(m for m in ('trafilatura', 'lxml', 'feedparser', 'htmldate') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_fragments_never_raise_and_keep_no_tags(text: str) -> None:
    for block in fragment_paragraphs(text):
        assert "\n" not in block


def test_fragment_paragraphs_blocks() -> None:
    blocks = [b.strip() for b in fragment_paragraphs("<p>One &amp; two</p><ul><li>a</li><li>b</li></ul>tail<br>end")]
    assert [b for b in blocks if b] == ["One & two", "a", "b", "tail", "end"]


# ---------------------------------------------------------------- feeds


def test_rss_feed_entries_are_articles(tmp_path: Path) -> None:
    feed = write(tmp_path, "wire.rss", rss_feed(["de", "ar", "en"], summary_only=(2,)))
    paths = discover([tmp_path])
    assert [p.name for p in paths] == ["wire.rss#1", "wire.rss#2", "wire.rss#3"]
    first, second, third = (load_article(p) for p in paths)
    assert first.id == "wire#1" and first.ok
    assert [p.text for p in first.paragraphs] == BODIES["de"][1]
    assert first.meta is not None
    assert (first.meta.title, first.meta.site, first.meta.date) == (BODIES["de"][0], "Example Wire", "2023-10-01")
    assert first.meta.url == "https://news.example.org/de/0"
    assert second.ok and second.paragraphs[0].direction == "rtl"
    assert not third.ok and "only a summary" in (third.error or "")
    # Loading an entry path again gives the same article (stable ids).
    assert load_article(feed.with_name("wire.rss#1")) == first
    assert "not found" in (load_article(feed.with_name("wire.rss#9")).error or "")


def test_atom_feed(tmp_path: Path) -> None:
    write(tmp_path, "desk.atom", atom_feed("uk"))
    (path,) = discover([tmp_path])
    article = load_article(path)
    assert article.ok and [p.text for p in article.paragraphs] == BODIES["uk"][1]
    assert article.meta is not None
    assert (article.meta.author, article.meta.date, article.meta.language) == ("Atom Author", "2023-10-06", "uk")


def test_xml_that_is_not_a_feed_is_a_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.xml", "<notes><n>first</n></notes>\n")
    assert discover([tmp_path]) == [path]
    assert load_article(path).ok


def test_broken_feed_is_listed_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "empty.rss", "<?xml version='1.0'?><rss><channel><title>t</title></channel></rss>")
    (path,) = discover([tmp_path])
    article = load_article(path)
    assert not article.ok and "no entries" in (article.error or "")


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_export(tmp_path: Path) -> None:
    records = [
        {
            "text": "Erster Absatz.\n\nZweiter Absatz.",
            "title": "Titel",
            "date": "2023-10-02",
            "site": "Zeitung",
            "language": "de",
        },
        {"html": saved_page("fa"), "url": "https://fa.example/1"},
        {"html": "<p>Fragment one.</p><p>Fragment two.</p>", "title": "Frag"},
        "not an object",
        {"title": "no text"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, "")  # blank lines are not entries
    lines.append("{broken json")
    write(tmp_path, "export.jsonl", "\n".join(lines) + "\n")
    paths = discover([tmp_path])
    assert [p.name for p in paths] == [f"export.jsonl#{n}" for n in range(1, 7)]
    articles = [load_article(p) for p in paths]
    assert [a.id for a in articles] == [f"export#{n}" for n in range(1, 7)]
    one, two, three, four, five, six = articles
    assert [p.text for p in one.paragraphs] == ["Erster Absatz.", "Zweiter Absatz."]
    assert one.meta is not None and (one.meta.site, one.meta.date, one.meta.language) == ("Zeitung", "2023-10-02", "de")
    assert two.ok and BODIES["fa"][1][0] in [p.text for p in two.paragraphs]
    assert two.meta is not None and two.meta.url == "https://fa.example/1" and two.meta.author == "Jane Roe"
    assert [p.text for p in three.paragraphs] == ["Fragment one.", "Fragment two."]
    assert "not a JSON object" in (four.error or "")
    assert 'no "text" or "html"' in (five.error or "")
    assert "not valid JSON" in (six.error or "")


# ---------------------------------------------------------------- folders


def test_recursive_discovery(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "a\n")
    write(tmp_path, "sub/b.txt", "b\n")
    write(tmp_path, "sub/deeper/c.html", saved_page("en"))
    write(tmp_path, "sub/page_files/script.txt", "asset\n")
    write(tmp_path, ".hidden/d.txt", "d\n")
    write(tmp_path, "sub/.e.txt", "e\n")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "cache.sqlite3", b"SQLite format 3\x00")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "image.png"]
    names = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], recursive=True)]
    assert names == ["a.txt", "image.png", "sub/b.txt", "sub/deeper/c.html"]


def test_binary_files_are_listed_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "report.pdf", b"%PDF-1.4\n\x00\x01binary")
    write(tmp_path, "text.txt", "Nur ein Satz über Züge.\n")
    paths = discover([tmp_path])
    assert [p.name for p in paths] == ["report.pdf", "text.txt"]
    assert load_article(paths[0]).error == "binary file (PDF document)"
    assert main(["stories", str(tmp_path), "--json", "--embeddings", "none"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert record["unreadable"] == [{"id": "report", "path": str(paths[0]), "error": "binary file (PDF document)"}]
    assert main(["stories", str(tmp_path), "--embeddings", "none"]) == 1
    out = capsys.readouterr().out
    assert "report.pdf" in out and "binary file (PDF document)" in out


def test_recursive_setting_and_flag() -> None:
    from tui.cli import _reader_parser
    from tui.config import parse_config

    assert parse_config({"recursive": True}).recursive is True
    assert parse_config({}).recursive is False
    bad = parse_config({"recursive": "yes"})
    assert bad.recursive is False and any("recursive" in p for p in bad.problems)
    assert _reader_parser().parse_args(["-r", "folder"]).recursive is True
    assert _reader_parser().parse_args(["folder"]).recursive is None  # the config decides
