"""Every widget that shows article text draws right-to-left text correctly at 80 columns.

The reader is driven through every view that shows an Arabic article's text
(reading pane, headers, versions strip, status line, claims panel, stack
view, ``F`` results, the ``A`` screen, the help screen's check, the article
list, and the line editors). After each step, *every* leaf widget on screen
that draws Arabic script is checked, row by row, against the independent
oracle (python-bidi for the order, arabic-reshaper for the shapes,
``tests/rtl_oracle.py``):

- a row's Arabic segment (first to last Arabic-script cell) is exactly the
  visual form of a contiguous logical piece of the source text, whole words
  (a word is cut only where the row shows an ellipsis next to it);
- a paragraph wrapped over several rows comes in logical order (the next row
  goes on where the row above stopped) and every row is right-aligned at the
  same edge.

That catches text reordered and then wrapped again (issue 12 item 4: words on
the wrong line, lines in reverse order, a second line left-aligned), raw
logical order, and unshaped letters. The test also asserts which widgets it
checked, so a view that stops showing Arabic is noticed too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bidi import get_display
from conftest import SEEDS, settle
from rich.cells import cell_len
from rtl_oracle import RESHAPER, unmirror
from textual.screen import Screen

from tui.inert import inert
from tui.loading import discover, load_article
from tui.ui.app import TandemApp

ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufd3d\ufe70-\ufefc]")
"""Where a row's Arabic segment starts and ends: letters (base or presentation forms), not punctuation."""
RUN = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+")
"""Arabic-script letters (no digits, punctuation or marks): the words compared."""
NOT_CONTENT = set(" ▁▂▃▄▅▆▇█▊▎▌▐│┃╭╮╰╯─")


def normal(text: str) -> str:
    """Base letters, no marks or zero-width characters: what the comparison sees."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))


def oracle(logical: str) -> str:
    return unmirror(normal(get_display(RESHAPER.reshape(logical), base_dir="R")))


@dataclass
class Source:
    """One logical text (paragraph or title), normalised, and its words."""

    text: str
    runs: list[tuple[int, int, str]]


def source(text: str) -> Source:
    clean = normal(inert(" ".join(text.split())))
    return Source(clean, [(m.start(), m.end(), m.group()) for m in RUN.finditer(clean)])


@dataclass
class Found:
    source: int
    first: int
    last: int
    right: int
    """Column of the row's last drawn cell (its right edge)."""
    labelled: bool = False
    """The row also shows words that are not the source's (a label, not a wrapped line)."""


def locate(segment: str, row: str, left: int, right: int, sources: list[Source], covered: bool) -> Found | None:
    """Which logical piece of which source ``segment`` draws, checked against the oracle."""
    # Reversed before normalising: a lam-alef cell normalises to lam, alef in logical order.
    logical_runs = [m.group() for m in RUN.finditer(normal(segment[::-1]))]
    if not logical_runs:
        return None
    # Truncated at its logical end (drawn at the left) or start, or partly under an overlay.
    cut_end = covered or "…" in row[max(0, left - 2) : left]
    cut_start = covered or "…" in row[right + 1 : right + 3]
    shown = unmirror(normal(segment))
    for number, src in enumerate(sources):
        words = [w for _, _, w in src.runs]
        k = len(logical_runs)
        for j in range(len(words) - k + 1):
            window = words[j : j + k]
            if any(a != b for a, b in zip(logical_runs[1:-1], window[1:-1], strict=True)):
                continue
            first_ok = logical_runs[0] == window[0] or (cut_start and window[0].endswith(logical_runs[0]))
            last_ok = logical_runs[-1] == window[-1] or (cut_end and window[-1].startswith(logical_runs[-1]))
            if k == 1:
                first_ok = last_ok = (
                    logical_runs[0] == window[0]
                    or (cut_end and window[0].startswith(logical_runs[0]))
                    or (cut_start and window[0].endswith(logical_runs[0]))
                )
            if not (first_ok and last_ok):
                continue
            start = src.runs[j][1] - len(logical_runs[0])
            end = src.runs[j + k - 1][0] + len(logical_runs[-1])
            if oracle(src.text[start:end]) == shown:
                return Found(number, j, j + k - 1, right)
    return None


def check_widget(name: str, rows: list[str], sources: list[Source], covered: bool = False) -> int:
    """Check every row of one widget; returns how many rows held Arabic."""
    checked = 0
    previous: Found | None = None
    for y, full in enumerate(rows):
        for row in full.split("│"):  # the reading pane's two columns
            positions = [i for i, ch in enumerate(row) if LETTER.match(ch)]
            if not positions:
                continue
            left, right = positions[0], positions[-1]
            segment = row[left : right + 1]
            found = locate(segment, row, left, right, sources, covered)
            assert found is not None, f"{name} row {y}: not the oracle's rendering of the source:\n{row!r}"
            checked += 1
            edge = max(i for i, ch in enumerate(row) if ch not in NOT_CONTENT)
            found.right = cell_len(row[: edge + 1])  # in cells: harakat take none
            labelled = any(word not in sources[found.source].text for word in re.findall(r"[A-Za-z]+", row))
            found.labelled = labelled
            if covered:
                pass  # an overlay cuts its rows: alignment cannot be seen
            elif previous is not None and previous.source == found.source and not previous.labelled and not labelled:
                if found.first == previous.last + 1:  # the row goes on where the one above stopped
                    assert found.right == previous.right, (
                        f"{name} row {y}: not right-aligned with the row above\n"
                        + "\n".join(map(repr, rows[max(0, y - 3) : y + 2]))
                    )
                assert found.last != previous.first - 1, f"{name} row {y}: lines in reverse logical order"
            previous = found
            break
        else:
            previous = None
    return checked


def screen_cells(app) -> list[list[str]]:
    """The screen as cells: a wide character fills two (the second empty),
    combining marks stay with the cell before them."""
    grid = []
    for strip in app.screen._compositor.render_strips():
        row: list[str] = []
        for ch in strip.text:
            width = cell_len(ch)
            if width == 0 and row:
                row[-1] += ch
            else:
                row.append(ch)
                row.extend([""] * (width - 1))
        grid.append(row)
    return grid


def check_screen(app, sources: list[Source], seen: dict[str, int]) -> None:
    """Check what each leaf widget shows where it is on top (overlays hide what is under them)."""
    grid = screen_cells(app)
    owners: dict[object, list[list[str]]] = {}
    cells_owned: dict[object, int] = {}
    for y, row in enumerate(grid):
        for x, cell in enumerate(row):
            try:
                widget, _ = app.screen.get_widget_at(x, y)
            except Exception:  # no widget there
                continue
            rows = owners.setdefault(widget, [])
            cells_owned[widget] = cells_owned.get(widget, 0) + 1
            top = widget.region.y
            while len(rows) <= y - top:
                rows.append([" "] * widget.region.width)
            column = x - widget.region.x
            if 0 <= y - top and 0 <= column < widget.region.width:
                rows[y - top][column] = cell
    for widget, cells in owners.items():
        if isinstance(widget, Screen):
            continue  # a modal screen's backdrop: the screen below, dimmed and cut
        rows = ["".join(row) for row in cells]
        if not any(ARABIC.search(row) for row in rows):
            continue
        name = type(widget).__name__ + (f"#{widget.id}" if widget.id else "")
        covered = cells_owned[widget] < widget.region.area  # partly under an overlay
        seen[name] = seen.get(name, 0) + check_widget(name, rows, sources, covered)


async def test_every_widget_showing_arabic_matches_the_oracle_at_80_columns(tmp_path: Path, cache_dir: Path) -> None:
    # cache_dir: a corpus index of its own (F searches it; other tests' indexes must not leak in)
    paths = discover([SEEDS])
    sources = []
    for path in paths:
        article = load_article(path)
        sources += [source(article.title)] + [source(p.text) for p in article.paragraphs]
    sources += [source("روسيا"), source("ملاحظة")]  # typed by the test
    from tui.ui.help import BIDI_SAMPLE

    sources.append(source(BIDI_SAMPLE))
    seen: dict[str, int] = {}
    app = TandemApp(paths, notes_db=tmp_path / "notes.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        check_screen(app, sources, seen)  # reading pane, headers, versions strip, status line
        status = app.screen.query_one("#status")
        for _ in range(20):  # claims in turn until one quotes Arabic in the status line
            await pilot.press("J")
            if ARABIC.search(str(status.render())):
                break
        check_screen(app, sources, seen)
        for keys in (
            ["c"],  # the claims panel
            ["c", "l"],  # the article list (an overlay at 80 columns)
            ["l", "s"],  # the stack view
            ["escape", "a", "1", *"ملاحظة", "enter", "A"],  # the A screen
            ["escape", "slash", *"روسيا"],  # the search box
            ["enter", "F"],  # F opened on the last query: its results
            [*"روسيا"],  # F: a query typed over the last one
            ["enter"],  # F: the results
            ["escape", "question_mark", "end"],  # the help screen's check
        ):
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            check_screen(app, sources, seen)
    expected = {
        "ParallelView#parallel",
        "StatusLine#status",
        "ClaimsPanel#claims",
        "ArticleList#articles",
        "StackText",
        "FittedList#notes-list",
        "LineEditor#search-all-query",
        "LineList#search-all-hits",
        "Static#help-intro",
        "SearchBar#search",
    }
    assert expected <= {name for name, rows in seen.items() if rows}, seen
