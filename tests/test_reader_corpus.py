"""The analyst's corpus in the reader (issue 13): outlet and date in the list,
sorting, the second open served from the corpus index, ``F`` through the
full-text index, versions by publication date, files changed on disk."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import SEEDS, screen_text, seed, settle
from pages import rss_feed, saved_page

from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.article_list import ArticleList
from tui.ui.parallel import ParallelView
from tui.ui.search_all import SearchAllScreen


def corpus_folder(folder: Path) -> Path:
    """Three saved pages from three outlets, a feed of two entries, a plain note."""
    folder.mkdir()
    for language, site in (("de", "Der Spiegel"), ("ar", "Al Jazeera"), ("ru", "ТАСС")):
        (folder / f"{language}_page.html").write_text(saved_page(language, site=site), encoding="utf-8")
    (folder / "wire.xml").write_text(rss_feed(["en", "uk"]), encoding="utf-8")
    (folder / "note.txt").write_text("A plain text note\n\nSecond paragraph.\n", encoding="utf-8")
    return folder


def dated_page(path: Path, site: str, date: str) -> str:
    """A seed as a saved page of ``site`` published on ``date`` (same paragraphs,
    so its bundled reference translation still applies)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": lines[0],
            "datePublished": date,
            "publisher": {"@type": "Organization", "name": site},
        },
        ensure_ascii=False,
    )
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title>'
        f'<meta property="og:site_name" content="{html.escape(site)}">'
        f'<script type="application/ld+json">{ld}</script></head><body><article>{body}</article></body></html>'
    )


def listed(app) -> list[str]:
    """The list's article file names, in the order shown."""
    articles = app.screen.query_one(ArticleList)
    paths = app.screen.collection.paths
    return [paths[articles.article_at(n)].name for n in range(articles.option_count)]


async def test_list_shows_outlet_and_date_and_o_sorts_by_date_then_outlet(tmp_path: Path, cache_dir: Path):
    app = TandemApp(discover([corpus_folder(tmp_path / "news")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "6 articles · by file order (o)" in text
        assert "Der Spiegel · 2023-10-05" in text and "Example Wire · 2023-10-01" in text
        assert "ТАСС · 2023-10-05" in text
        assert listed(app) == ["ar_page.html", "de_page.html", "note.txt", "ru_page.html", "wire.xml#1", "wire.xml#2"]
        await pilot.press("o")
        await pilot.pause()
        assert "by date (o)" in screen_text(app)
        # Earliest first; the undated note last.
        assert listed(app) == ["wire.xml#1", "wire.xml#2", "ar_page.html", "de_page.html", "ru_page.html", "note.txt"]
        await pilot.press("o")
        await pilot.pause()
        assert "by outlet (o)" in screen_text(app)
        assert listed(app) == ["ar_page.html", "de_page.html", "wire.xml#1", "wire.xml#2", "ru_page.html", "note.txt"]
        # The highlight follows the open article, and moving in the list opens in the list's order.
        view = app.screen.query_one(ParallelView)
        articles = app.screen.query_one(ArticleList)
        assert articles.highlighted == 0 and view.article_id == "ar_page"
        sorts: list[int] = []
        resort = articles._resort
        articles._resort = lambda: (sorts.append(1), resort())[1]  # type: ignore[method-assign]
        await pilot.press("tab", "down", "down")
        assert view.article_id == "wire#1"
        assert sorts == [], "opening an article whose date and outlet did not change sorts nothing again"
        await pilot.press("enter")
        assert view.has_focus, "Enter opens and gives the keyboard back to the reader"
        await pilot.press("greater_than_sign")  # > follows the files, the list follows the article
        await pilot.pause()
        assert view.article_id == "wire#2"
        assert listed(app)[articles.highlighted or 0] == "wire.xml#2"
        await pilot.press("o")
        await pilot.pause()
        assert "by file order (o)" in screen_text(app)
        assert listed(app)[articles.highlighted or 0] == "wire.xml#2", "the highlight stays on the article"


async def test_second_open_takes_titles_languages_and_articles_from_the_index(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    import tui.language_process
    import tui.loading

    folder = corpus_folder(tmp_path / "news")
    reads: list[str] = []
    detected: list[str] = []
    real_load, real_detect = tui.loading.load_article, tui.language_process.LanguageDetectorProcess.detect

    def counting_load(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real_load(path, *args, **kwargs)

    def counting_detect(self, article, *args, **kwargs):
        detected.append(article.path.name)
        return real_detect(self, article, *args, **kwargs)

    monkeypatch.setattr(tui.loading, "load_article", counting_load)
    monkeypatch.setattr(tui.language_process.LanguageDetectorProcess, "detect", counting_detect)

    async def open_folder() -> str:
        app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            return screen_text(app)

    first = await open_folder()
    assert len(reads) >= 6 and len(detected) == 6, "the first open reads and detects everything"
    reads.clear()
    detected.clear()
    second = await open_folder()
    assert reads == ["ar_page.html"], "only the first article, read before the first paint"
    assert detected == [], "every language came from the index"
    for line in ("Der Spiegel · 2023-10-05", "ar   3¶", "de   3¶", "ru   3¶", "en   2¶ A plain text note"):
        assert line in first and line in second

    reads.clear()
    (folder / "note.txt").write_text("A changed note\n\nNow in three paragraphs.\n\nThe third.\n", encoding="utf-8")
    third = await open_folder()
    assert sorted(reads) == ["ar_page.html", "note.txt"], "a changed file is read again, the others are not"
    assert detected == ["note.txt"]
    assert "en   3¶ A changed note" in third


async def test_F_goes_through_the_full_text_index_and_finds_what_tandem_search_finds(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
):
    from tui.cli import main

    paths = discover([SEEDS])
    assert main(["search", "Tumangang", str(SEEDS), "--json", "--limit", "50"]) == 0
    cli = json.loads(capsys.readouterr().out)
    expected = {(Path(a["path"]).name, h["index"], h["side"]) for a in cli["articles"] for h in a["hits"]}
    assert {name for name, _, _ in expected} == {seed(p).name for p in ("000", "002", "003")}

    app = TandemApp(paths, notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"Tumangang", "enter")
        screen = app.screen
        assert isinstance(screen, SearchAllScreen)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        hits = screen.query_one("#search-all-hits").items
        shown = {(paths[h.article].name, h.match.paragraph, h.match.side) for h in hits}
        assert shown == expected, "the same paragraphs, original and translation, as tandem search"
        order = [paths[h.article].name for h in hits]
        assert list(dict.fromkeys(order)) == [Path(a["path"]).name for a in cli["articles"]], "ranked alike"
        # The Arabic original spells it تومانغانغ: found across scripts.
        assert (seed("000").name, 2, "original") in shown


async def test_versions_strip_orders_by_publication_date_with_outlet(tmp_path: Path, cache_dir: Path):
    folder = tmp_path / "dated"
    folder.mkdir()
    for prefix, site, date in (
        ("000", "Al Jazeera", "2023-10-06"),
        ("002", "Der Spiegel", "2023-10-05"),
        ("003", "Ukrinform", "2023-10-07"),
    ):
        path = seed(prefix)
        (folder / f"{path.stem}.html").write_text(dated_page(path, site, date), encoding="utf-8")
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # 000 ¶3, said in every version
        await pilot.pause()
        strip = str(app.screen.query_one("#versions").render())
        assert strip.startswith("versions by date")
        spiegel, here, ukrinform = (
            strip.index("de 002 Der Spiegel 2023-10-05"),
            strip.index("▸ this Al Jazeera 2023-10-06"),
            strip.index("uk 003 Ukrinform 2023-10-07"),
        )
        assert spiegel < here < ukrinform, "who reported it first, and this one in its place"
        view = app.screen.query_one(ParallelView)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.article_id.startswith("003"), "] goes to the next in date order"
        await pilot.press("s")
        await pilot.pause()
        assert "Ukrinform 2023-10-07 · you are here" in screen_text(app)


async def test_a_file_changed_on_disk_is_read_again_at_the_same_paragraph_with_its_notes(
    tmp_path: Path, cache_dir: Path
):
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "story.txt"
    article.write_text("\n\n".join(f"Paragraph number {n} of the story." for n in range(1, 9)) + "\n")
    (folder / "tail.txt").write_text("Another article.\n\nWith two paragraphs.\n")
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("j", "j", "j", "j", "a", "5", "enter")  # ¶5, annotated
        await pilot.pause()
        assert view.current == 4 and 4 in app.screen.reading.annotations.marks()
        # Two paragraphs inserted above, one changed below.
        lines = [f"Paragraph number {n} of the story." for n in range(1, 9)]
        lines[0:0] = ["A correction was added at the top.", "And an editor's note."]
        lines[-1] = "The last paragraph now says something else."
        article.write_text("\n\n".join(lines) + "\n")
        await pilot.press("greater_than_sign", "less_than_sign")  # opening an article checks its file
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.article_id == "story"
        assert view.current == 6, "the same paragraph, two further down now"
        assert "Paragraph number 5 of the story." in app.screen.collection[0].paragraphs[view.current].text
        assert app.screen.reading.annotations.marks() == {6: "I"}, "the annotation re-anchored"
        text = screen_text(app)
        assert "A correction was added at the top." in text or "¶ 7/10" in text
        assert "¶ 7/10" in str(app.screen.query_one("#status").render())


def test_article_list_with_outlets_sorted_by_date_80x24(snap_compare, tmp_path: Path, cache_dir: Path):
    """The list's layout (header with the order; outlet and date under each
    title; the note without metadata on one line) in the narrow overlay."""
    folder = corpus_folder(tmp_path / "news")

    async def show_list(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "o")
        await pilot.pause()

    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_list)


async def test_an_index_failing_mid_way_leaves_the_reader_reading_the_files(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    import sqlite3

    from tui.corpus_index import CorpusIndex

    real = CorpusIndex.read_many

    def failing(self, paths, **kwargs):
        for n, item in enumerate(real(self, paths, **kwargs)):
            if n == 2:
                raise sqlite3.DatabaseError("database disk image is malformed")
            yield item

    def no_summaries(self, paths, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(CorpusIndex, "read_many", failing)
    monkeypatch.setattr(CorpusIndex, "summaries", no_summaries)
    app = TandemApp(discover([corpus_folder(tmp_path / "news")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        collection = app.screen.collection
        assert collection.loaded == len(collection) == 6 and collection.languages_known == 6
        assert all(article is not None and article.ok and article.language for article in collection)


async def test_an_entry_read_off_screen_does_not_repaint_the_list(tmp_path: Path, cache_dir: Path, monkeypatch):
    """A large folder being read updates entries continuously: only one on
    screen repaints the list (repainting it for every batch held the keys)."""
    from corpus import write_corpus

    paths = write_corpus(tmp_path / "many", 60)
    app = TandemApp(discover([tmp_path / "many"]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        repaints: list[int] = []
        monkeypatch.setattr(articles, "refresh", lambda *a, **k: repaints.append(1))
        articles.update_article(len(paths) - 1)  # far below the lines shown
        assert repaints == []
        articles.update_article(0)  # the first entry, on screen
        assert repaints == [1]


async def test_the_list_is_laid_out_again_only_when_the_index_knew_something(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """A folder new to the index lists nothing new when the index answers (at
    50,000 files that listing measured every entry again beside the first keys)."""
    from tui.ui.article_list import ArticlePane

    folder = corpus_folder(tmp_path / "news")
    listings: list[int] = []
    real = ArticlePane.refresh_all
    monkeypatch.setattr(ArticlePane, "refresh_all", lambda self: (listings.append(1), real(self))[1])

    async def open_folder() -> int:
        listings.clear()
        app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
        return len(listings)

    assert await open_folder() == 1, "at mount only"
    assert await open_folder() == 2, "and once more with what the index knew"


async def test_the_loader_posts_no_new_progress_before_the_last_is_taken_in(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """Each result woke the event loop (hundreds a second on a large folder)."""
    from tui.ui.loader import Loader

    posted: list[str] = []
    drains: list[int] = []
    real_post, real_drain = Loader.post_message, Loader.drain

    def post(self, message):
        if isinstance(message, Loader.Progressed):
            posted.append("progress")
        return real_post(self, message)

    def drain(self):
        out = real_drain(self)
        drains.append(len(out))
        return out

    monkeypatch.setattr(Loader, "post_message", post)
    monkeypatch.setattr(Loader, "drain", drain)
    app = TandemApp(discover([corpus_folder(tmp_path / "news")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
    assert sum(drains) > len(drains), "results were taken in several at a time"
    assert len(posted) <= len(drains) + 1


async def test_an_article_the_filter_leaves_out_changes_nothing_in_a_sorted_list(tmp_path: Path, cache_dir: Path):
    """A folder being read changes articles continuously: one the filter does
    not list must not make the listed order be sorted again at the next key."""
    from dataclasses import replace

    app = TandemApp(discover([corpus_folder(tmp_path / "news")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # by date
        await pilot.press("f", *"de", "enter")
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert listed(app) == ["de_page.html"]
        collection = app.screen.collection
        ar = next(i for i, p in enumerate(collection.paths) if p.name == "ar_page.html")
        article = collection[ar]
        assert article is not None and article.meta is not None
        collection.store(ar, replace(article, meta=replace(article.meta, date="1999-01-01")))
        sorts: list[int] = []
        resort = articles._resort
        articles._resort = lambda: (sorts.append(1), resort())[1]  # type: ignore[method-assign]
        articles.update_article(ar)
        articles.show_article(ar)
        assert sorts == [], "the Arabic page is not listed: nothing to sort again"
        await pilot.press("f", "escape")
        await pilot.pause()
        assert listed(app)[0] == "ar_page.html", "listed again, in its new place"
