"""Small helpers that turn untrusted strings into safe, ordered ``Text``.

Every piece of article text that reaches a widget other than the reading pane
(list titles, headers, help, palette) goes through :func:`line_text`, which
makes it inert, lays it out one line long in the current bidi mode and builds a
``rich.text.Text`` — never markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.strip import Strip

from tui.inert import inert


def one_line(text: str, cells: int, bidi: str = "app") -> str:
    """``text`` as one display line of at most ``cells`` cells (truncated with …)."""
    from rich.cells import cell_len

    from tui.rtl import layout

    clean = " ".join(inert(text).split())
    if cells <= 0:
        return ""
    if cell_len(clean) > cells:
        # Truncate in logical order, then reorder: cutting after reordering
        # would drop the wrong end of a right-to-left title.
        cut = clean
        while cut and cell_len(cut) > cells - 1:
            cut = cut[: max(0, len(cut) - max(1, (cell_len(cut) - cells) // 2))]
        clean = cut.rstrip() + "…"
    lines = layout(clean, max(1, cell_len(clean)), mode=bidi)  # type: ignore[arg-type]
    return "".join(cluster.text for cluster in lines[0].clusters) if lines else ""


def line_text(text: str, cells: int, bidi: str = "app", style: str = "") -> Text:
    return Text(one_line(text, cells, bidi), style=style, no_wrap=True, overflow="ellipsis")


def entry_cells(widget, fallback: int) -> int:
    """Cells an entry line of a list widget may use without being wrapped.

    List widgets wrap long entries at word boundaries after tandem has put a
    right-to-left line into visual order, which would swap its halves; entries
    are cut to this width instead (``fallback`` before the widget has a size).
    The scrollable region already leaves out a scrollbar when one is shown (and
    has none to leave out when it is not); one cell stays free on the right, so
    a cut entry's ellipsis does not touch the scrollbar or the border.
    """
    width = widget.scrollable_content_region.width
    if width <= 0:
        return fallback
    return max(8, width - 1)


def fitted_strip(text: Text, width: int, console: Console) -> Strip:
    """One line of ``text`` as a strip of exactly ``width`` cells (cut with an
    ellipsis, or padded), for the lists drawn line by line (Line API)."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return Strip(text.render(console), width)
