"""Searching every article: the domain function, snippets, and the screen."""

from __future__ import annotations

from conftest import SEEDS, screen_text, settle
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.loading import discover, load_article
from tui.search import search_articles, snippet
from tui.ui.app import TandemApp
from tui.ui.parallel import ParallelView
from tui.ui.search_all import SearchAllScreen


def test_search_articles_walks_articles_in_order_with_their_texts():
    articles = [load_article(p) for p in discover([SEEDS])]
    texts = ((i, ((p.index, "original", p.text) for p in a.paragraphs)) for i, a in enumerate(articles))
    hits = list(search_articles(texts, "TUMANGANG"))
    assert {h.article for h in hits} == {2, 3}, "German and Ukrainian originals spell it in Latin letters"
    assert all(h.text[h.match.start : h.match.end].casefold() == "tumangang" for h in hits)
    assert [(h.article, h.match.paragraph) for h in hits] == sorted((h.article, h.match.paragraph) for h in hits)


def test_a_snippet_keeps_whole_words_around_the_match():
    text = (
        "Die in den USA ansässige Denkfabrik zur koreanischen Wiedervereinigung Beyond Parallel "
        "untersuchte Satellitenbilder von Triebwagen"
    )
    start = text.index("Beyond")
    around, a, b = snippet(text, start, start + 6, 40)
    assert around == "…Wiedervereinigung Beyond Parallel…" and around[a:b] == "Beyond"
    assert snippet("short text", 0, 5, 40) == ("short text", 0, 5)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd ع ر  .\n"), max_size=300),
    st.data(),
    st.integers(min_value=1, max_value=120),
)
def test_snippets_fit_and_point_at_the_match(text, data, width):
    if not text:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    around, a, b = snippet(text, start, end, width)
    assert len(around) <= max(width, 8)
    assert 0 <= a <= b <= len(around)
    shown = around[a:b]
    assert text[start:end].startswith(shown) and shown, "the match, or its start when it is too long"


async def test_F_lists_matches_in_every_article_and_enter_opens_one(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"tumangang", "enter")
        assert isinstance(app.screen, SearchAllScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        # The full-text index ranks the German article first; the Arabic one says
        # تومانغانغ: found in its original across scripts, and in its reference translation.
        assert "13 matches in 3 of 5 articles" in text
        assert "ar 000 ¶3  original" in text  # short names (issue 12 item 10)
        assert "ar 000 ¶3  translation" in text
        assert "de 002 ¶4  original" in text
        await pilot.press("enter")  # the first match: German ¶4, original
        await pilot.pause()
        view = app.screen.query_one(ParallelView)
        assert view.article_id.startswith("002") and view.current == 3
        status = str(app.screen.query_one("#status").render())
        assert "/tumangang: 1/4" in status, "the query carries on as the article's search"
        await pilot.press("n")
        assert "/tumangang: 2/4" in str(app.screen.query_one("#status").render())


async def test_an_arabic_query_finds_arabic_originals_laid_out_right_to_left(tmp_path):
    from tui.rtl import layout

    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"تومانغانغ", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert "matches in 3 of 5 articles" in screen_text(app), "and in Latin letters (names across scripts)"
        first = screen.query_one("#search-all-hits").entry(0)
        word = "".join(c.text for c in layout("تومانغانغ", 20)[0].clusters)
        assert word in first.plain, "shaped and in visual order"
        marked = "".join(first.plain[s.start : s.end] for s in first.spans if "reverse" in str(s.style))
        assert marked == word, "the highlight lands on the matched word after reordering"
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchAllScreen)


async def test_leaving_while_a_large_search_runs_is_safe(tmp_path):
    from corpus import write_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    write_corpus(folder, 400)
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F", *"Russland", "enter", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchAllScreen)
        await pilot.press("F", *"Russland", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#search-all-summary").render())
        assert "matches in" in summary and "searching…" not in summary
        await pilot.press("enter")
        await pilot.pause()
        assert "/Russland: " in str(app.screen.query_one("#status").render())
    assert app.return_code in (None, 0)


async def test_a_fitted_list_lays_out_for_its_real_width_whenever_items_come():
    """Entries are built for the list's width at 80×24: items set before the
    list had a size, and items added after it was emptied before it had one
    (the search's results), alike; never at the 100-column fallback."""
    from rich.text import Text
    from textual.app import App

    from tui.ui.fitted_list import FittedList

    def describe(item: str, cells: int) -> Text:
        return Text(f"{item} laid out for {cells}")

    class Lists(App):
        CSS = "FittedList { height: 1fr; }"

        def compose(self):
            yield FittedList(describe, id="set-early")
            yield FittedList(describe, id="emptied-early")

        def on_mount(self) -> None:
            self.query_one("#set-early", FittedList).set_items(["a", "b"])
            self.query_one("#emptied-early", FittedList).set_items([])

    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emptied = app.query_one("#emptied-early", FittedList)
        emptied.add_items(["c", "d"])
        await pilot.pause()
        for name in ("#set-early", "#emptied-early"):
            fitted = app.query_one(name, FittedList)
            cells = fitted.cells()
            # The whole width but one cell: a scrollbar (none here) is already left out of the region.
            assert cells == fitted.scrollable_content_region.width - 1 and 8 <= cells < 80
            prompts = [fitted.get_option_at_index(i).prompt.plain for i in range(fitted.option_count)]
            assert prompts and all(p.endswith(f"laid out for {cells}") for p in prompts), (name, prompts)


async def test_a_line_list_lays_out_only_what_it_draws_and_moves_like_an_option_list():
    """F's results: 2,000 entries in an OptionList cost 1-3 ms each on the event
    loop. The Line-API list lays out the entries drawn, whatever the count."""
    from rich.text import Text
    from textual.app import App

    from tui.ui.fitted_list import LineList

    described: list[int] = []
    chosen: list[int] = []

    def describe(item: int, cells: int) -> Text:
        described.append(item)
        return Text(f"item {item}\n    words around {item}")

    class Lists(App):
        CSS = "LineList { height: 1fr; }"

        def compose(self):
            yield LineList(describe, lines=2, id="hits")

        def on_line_list_selected(self, event: LineList.Selected) -> None:
            chosen.append(event.index)

    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        hits = app.query_one(LineList)
        hits.focus()
        for start in range(0, 2000, 64):  # batches, as the search's messages
            hits.add_items(range(start, min(2000, start + 64)))
        await pilot.pause()
        page = hits.scrollable_content_region.height // 2
        assert page >= 8 and sorted(set(described)) == list(range(page)), "only the entries on screen"
        assert hits.virtual_size.height == 4000
        assert "item 0" in screen_text(app) and "words around 3" in screen_text(app)
        await pilot.press("down", "down", "pagedown")
        assert hits.highlighted == 2 + page
        await pilot.press("end")
        await pilot.pause()
        assert hits.highlighted == 1999 and "words around 1999" in screen_text(app)
        assert len(set(described)) <= 4 * page, "the pages passed through, not 2,000"
        await pilot.press("home", "up", "enter")
        await pilot.pause()
        assert chosen == [0]
        hits.set_items([], note="No match for 'x'.")
        await pilot.pause()
        assert "No match for 'x'." in screen_text(app) and "item" not in screen_text(app)
        await pilot.press("enter", "down")
        await pilot.pause()
        assert chosen == [0] and hits.highlighted is None, "the note cannot be chosen"
        hits.set_items(range(5))
        await pilot.pause()
        await pilot.click(LineList, offset=(5, 1 + 2 * 3))  # the border, then the fourth entry
        await pilot.pause()
        assert chosen == [0, 3] and hits.highlighted == 3


async def test_F_lays_out_only_the_results_on_screen(tmp_path, cache_dir, monkeypatch):
    # cache_dir: a corpus index of its own (with the shared one, after the other F tests, it found nothing)
    described = []
    real = SearchAllScreen._describe

    def counting(self, hit, cells):
        described.append((hit.article, hit.match.paragraph, hit.match.side))
        return real(self, hit, cells)

    monkeypatch.setattr(SearchAllScreen, "_describe", counting)
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"tumangang", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#search-all-hits").items
        assert len(hits) == 13
        last = hits[-1]
        assert (last.article, last.match.paragraph, last.match.side) not in described, "not drawn: not laid out"
        await pilot.press("end")
        await pilot.pause()
        assert (last.article, last.match.paragraph, last.match.side) in described


async def test_F_on_the_last_query_lays_its_results_out_for_80_columns(tmp_path, cache_dir):
    # cache_dir: a corpus index of its own (with the shared one, after the other F tests, it found nothing)
    from rich.cells import cell_len

    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tumangang", "enter", "F")  # opens on the search's query, searching at once
        assert isinstance(app.screen, SearchAllScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#search-all-hits")
        prompts = [hits.entry(i) for i in range(len(hits.items))]
        assert len(prompts) == 13
        widest = max(cell_len(line) for p in prompts for line in p.plain.split("\n"))
        assert widest <= hits.scrollable_content_region.width < 80, "laid out for the list's width: never wrapped"


async def test_F_finds_translations_on_the_first_search_and_looks_them_up_once(tmp_path, cache_dir, monkeypatch):
    """The first page comes from the index as it is; translations it lacks are
    indexed after it and the list redone; a second F looks nothing up."""
    import tui.corpus_search

    looked_up = []
    real = tui.corpus_search.search_translation

    def counting(article, *args, **kwargs):
        looked_up.append(article.id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(tui.corpus_search, "search_translation", counting)
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"railcar", "enter")  # in the English reference translations only
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "matches in" in text and "translation" in text and "searching…" not in text
        assert len(looked_up) >= 4, "the articles not open were looked up"
        await pilot.press("escape")
        looked_up.clear()
        await pilot.press("F", *"railcar", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "matches in" in screen_text(app)
        assert looked_up == [], "the index has them for this text and language"


async def test_an_index_that_fails_mid_search_is_reported_and_opened_afresh(tmp_path, cache_dir, monkeypatch):
    import sqlite3

    import tui.corpus_search

    real = tui.corpus_search.FolderSearch.pages
    failures = []

    def failing(self, query):
        if not failures:
            failures.append(query)
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(self, query)

    monkeypatch.setattr(tui.corpus_search.FolderSearch, "pages", failing)
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = tui.corpus_search.search_index()
        await pilot.press("F", *"Tumangang", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "could not be searched (database disk image is malformed)" in screen_text(app)
        await pilot.press("escape", "F", *"Tumangang", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "matches in 3 of 5 articles" in screen_text(app)
        assert tui.corpus_search.search_index() is not first, "opened afresh"
    assert app.return_code in (None, 0)


def test_results_go_to_the_screen_in_messages_of_whole_articles():
    from types import SimpleNamespace

    from tui.ui.search_all import MESSAGE_ENTRIES, _chunks, _first_screenful

    groups = [SimpleNamespace(hits=(1,) * n) for n in (3, 10, 60, 1, 1, 70, 2)]
    chunks = _chunks(groups)
    assert [g for chunk in chunks for g in chunk] == groups
    assert all(sum(len(g.hits) for g in chunk[:-1]) < MESSAGE_ENTRIES for chunk in chunks)
    assert _chunks([]) == [[]], "an empty page still says it is done"
    head, tail = _first_screenful(groups)
    assert list(head) == groups[:3] and list(tail) == groups[3:], "cut after the article reaching 16"
