"""Machine translation in the reader: background fill-in, provenance, cycling, missing models.

The tiny Argos package copies its input, so a machine translation of a
paragraph equals the paragraph's (normalised) text: easy to recognise on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import screen_text, seed, settle

from tui.loading import discover
from tui.textnorm import normalise
from tui.ui.app import TandemApp
from tui.ui.parallel import ParallelView


def header(app) -> str:
    return str(app.screen.query_one("#translation-header").render())


@pytest.fixture
def argos(monkeypatch, packages_dir, tmp_path):  # noqa: F811
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
    monkeypatch.setenv("TANDEM_CACHE_DIR", str(tmp_path / "cache"))
    return packages_dir


async def test_machine_translation_fills_in_with_provenance_and_t_cycles(argos, tmp_path: Path):
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(ParallelView)
        # The installed de→en package was chosen and its job has finished.
        text = header(app)
        assert "argos translate-de_en" in text or "argos" in text, text
        translation = screen.reading.translations.translation(0)
        assert translation.provenance.engine == "argos"
        article = screen.collection[0]
        translatable = [p for p in article.paragraphs if p.language != "en"]
        assert set(translation.paragraphs) == {p.index for p in translatable}
        assert translation.get(0).text == normalise(article.paragraphs[0].text)
        assert view.rows[0].translation == normalise(article.paragraphs[0].text)
        # t cycles to the reference translation and back.
        await pilot.press("t")
        await pilot.pause()
        assert "reference translation" in header(app)
        assert view.rows[0].translation.startswith("Satellite images show")
        await pilot.press("t")
        await pilot.pause()
        assert "argos" in header(app)


async def test_reopening_a_translated_article_loads_no_model(argos, tmp_path: Path):
    from tui.translation.engine import default_pool

    pool = default_pool()
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
    loads, calls = pool.loads, pool.calls
    assert calls > 0, "the first opening translated with the model"
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        translation = app.screen.reading.translations.translation(0)
        assert translation.provenance.engine == "argos"
        assert len(translation.paragraphs) > 20
        assert not app.screen.reading.translations.running(0)
    assert (pool.loads, pool.calls) == (loads, calls), "re-opening used the cache only"


async def test_missing_package_says_which_and_how(monkeypatch, tmp_path: Path):
    empty = tmp_path / "no-packages"
    empty.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(empty))
    monkeypatch.setenv("TANDEM_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "neu.txt"
    article.write_text(
        "Der Zug fuhr über die Grenze nach Russland.\n\nNiemand wusste, was er geladen hatte.\n", encoding="utf-8"
    )
    app = TandemApp(discover([article]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The header is whole at 80 columns (issue 12 item 11: it was cut at every
        # width) and points at the paragraph that says how to install a model.
        assert header(app) == "no Argos model de→en · see ¶1", header(app)
        view = app.screen.query_one(ParallelView)
        assert view.rows[0].translation is None
        # The column itself says which package is missing, how to install it and where one comes from.
        first = view.rows[0].placeholder
        assert "de→en" in first and "tandem models install" in first, first
        assert "Argos package index" in first and "copy it over" in first, first
        assert view.rows[1].placeholder == "— no translation yet —"
        text = " ".join(screen_text(app).split())
        assert "translate-de_en-*.argosmodel" in text and "Argos package index" in text


async def test_the_reader_translates_into_the_target_language(argos, tmp_path: Path):
    """``tandem --target de`` (or config ``target``): the reader's column is German,
    made through the English pivot, and its header says so."""
    app = TandemApp(discover([seed("001")]), notes_db=tmp_path / "n.db", target="de")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        translation = app.screen.reading.translations.translation(0)
        assert translation is not None and translation.target == "de"
        assert header(app).startswith("German · argos translate-fa_en+translate-en_de"), header(app)


async def test_an_article_already_in_english_shows_one_column(tmp_path: Path):
    """Issue 12 item 8: an English article showed a whole column of "no
    translation yet"; it shows its original alone and says why, once."""
    article = tmp_path / "english.txt"
    article.write_text(
        "Rail traffic across the border between North Korea and Russia has risen sharply this month.\n\n"
        "Satellite images show dozens of freight cars waiting at the station near the river.\n\n"
        "Officials in both countries declined to say what the trains were carrying.\n",
        encoding="utf-8",
    )
    app = TandemApp(discover([article, seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert header(app) == "original is in English: nothing to translate"
        text = screen_text(app)
        assert "no translation yet" not in text and " │ " not in text
        assert "Officials in both countries declined" in text
        await pilot.press("greater_than_sign")  # a German article: both columns again
        await pilot.pause()
        assert " │ " in screen_text(app)


async def test_opening_an_article_already_in_english_lays_the_view_out_once(tmp_path: Path, monkeypatch):
    """Going from two columns to one (the article is in the target language)
    lays the view out for one column only: the side is given with the rows,
    not set after them (which laid out two columns, then one)."""
    from tui.ui import parallel

    article = tmp_path / "english.txt"
    article.write_text(
        "Rail traffic across the border between North Korea and Russia has risen sharply this month.\n\n"
        "Officials in both countries declined to say what the trains were carrying.\n",
        encoding="utf-8",
    )
    app = TandemApp(discover([seed("002"), article]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert " │ " in screen_text(app)
        real = parallel.row_geometry
        laid_out: list[int] = []

        def counted(chars, widths, *, stacked):
            laid_out.append(len(widths))
            return real(chars, widths, stacked=stacked)

        monkeypatch.setattr(parallel, "row_geometry", counted)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert header(app) == "original is in English: nothing to translate"
        assert " │ " not in screen_text(app)
        # (Laid out again later for the scrollbar that went, and for the rows
        # the translation column sends: for one column each time.)
        assert laid_out and set(laid_out) == {1}, "never laid out for two columns"


async def test_a_version_in_the_target_language_is_offered_as_a_human_translation(tmp_path: Path):
    """Issue 12 item 8: a version in the folder that tandem aligned as a
    translation is offered by ``t``, preferred over machine output, labelled
    with its file. Seeds 000 (ar) and 002 (de) are one report: read into German,
    002 is 000's translation."""
    app = TandemApp(discover([seed("000"), seed("002")]), notes_db=tmp_path / "n.db", target="de")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        translation = app.screen.reading.translations.translation(0)
        assert translation is not None and translation.provenance.engine == "human", translation
        assert translation.provenance.model == seed("002").name
        assert header(app).startswith(f"German · human translation: {seed('002').name}")
        german = app.screen.collection[1]
        # Each translated paragraph is exactly the aligned German paragraph's text, tied to its source.
        view = app.screen.query_one(ParallelView)
        shown = [row.translation for row in view.rows if row.translation]
        assert len(shown) >= 10
        starts = {p.text[:40] for p in german.paragraphs}
        assert all(text[:40] in starts for text in shown), "each is the German file's own paragraph(s)"
        # t still offers the others (the reference into English is not a German translation).
        assert app.screen.reading.translations.running(0) is False


async def test_a_copy_under_another_name_shows_the_borrowed_reference_from_the_worker(tmp_path: Path):
    """A copy of seed 000 under another name: its reference is borrowed by the
    options' worker (it hashes every paragraph, kept off the event loop) and shown."""
    import shutil

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(seed("000"), folder / "my-copy-of-the-fox-report.txt")
    app = TandemApp(sorted(folder.iterdir()), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "reference translation of 000_" in header(app), header(app)
        assert "Beyond Parallel" in screen_text(app)
