"""The claims panel: every claim of the article, one line each; Enter jumps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList

from tui.article_claims import ArticleClaims
from tui.claims.kinds import VALUED, label
from tui.claims.model import Claim
from tui.inert import inert
from tui.ui.display import one_line
from tui.ui.fitted_list import FittedList

if TYPE_CHECKING:
    from tui.notes.placing import Placed  # the grouping code loads with its worker, after the first paint
    from tui.versions.corroboration import Corroboration

PANEL_TEXT_CELLS = 40
"""Cells of claim text per entry before the panel has a size (48 columns wide)."""
INDENT = 4


def describe(claim: Claim) -> str:
    """Kind, normalised value, unit and source of a claim, as plain text."""
    parts = [claim.kind]
    if claim.value is not None and claim.kind not in ("quote",):
        value = claim.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append(str(value))
    if claim.unit:
        parts.append(f"({inert(claim.unit)})")
    if claim.source:
        parts.append(f"— {inert(claim.source)}")
    parts.append(f"¶{claim.paragraph + 1}")
    return " ".join(parts)


class ClaimsPanel(FittedList[Claim]):
    """Lists claims with kind, value and source; Enter jumps to one."""

    class Chosen(Message):
        def __init__(self, claim: Claim) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, id: str | None = None) -> None:
        super().__init__(
            self._describe_claim,
            empty="No claims found in this article.",
            fallback=PANEL_TEXT_CELLS + INDENT,
            id=id,
        )
        self.display = False
        self._note_for: Callable[[Claim], Placed | None] = lambda claim: None
        self._corroboration_for: Callable[[Claim], Corroboration | None] = lambda claim: None
        self._bidi = "app"

    def set_notes(self, note_for: Callable[[Claim], Placed | None]) -> None:
        """``note_for(claim)`` gives a claim's annotation (marked in the list)."""
        self._note_for = note_for
        self.refit_if_shown()

    def set_corroboration(self, corroboration_for: Callable[[Claim], Corroboration | None]) -> None:
        """``corroboration_for(claim)``: other articles stating the same value."""
        self._corroboration_for = corroboration_for

    def show_claims(self, claims: ArticleClaims | None, bidi: str, *, only_if_shown: bool = False) -> None:
        """List ``claims`` (when the panel is shown, with ``only_if_shown``: a hidden
        panel is filled when it opens, not on every change)."""
        self._bidi = bidi
        if self.display or not only_if_shown:
            note = None
            if claims is not None:
                from tui.article_claims import rules_notes

                note = " ".join(rules_notes(claims.article)) or None
            self.set_items(claims.all() if claims is not None else [], keep_highlight=True, note=note)

    def refit_if_shown(self) -> None:
        """What an entry shows changed (notes, corroboration): lay them out again."""
        if self.display and self.items:
            self.refit()

    def _describe_claim(self, claim: Claim, width: int) -> Text:
        """Two or three lines that each fit the panel: where, kind, value and
        source; the claim's words; other articles that agree or conflict."""
        bidi = self._bidi
        cells = width - INDENT  # the lines under the first are indented
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(f"¶{claim.paragraph + 1:<3} ", style="dim")
        head.append(f"{label(claim.kind):<5} ", style="bold")
        room = width - head.cell_len
        value = claim.value
        if claim.kind in VALUED and value is not None:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            shown = one_line(str(value), min(16, room - 1), "app") + " "
            head.append(shown, style="bold")
            room -= cell_len(shown)
        placed = self._note_for(claim)
        mark = ""
        if placed is not None:
            author = placed.annotation.author
            mark = f" ✎ {placed.annotation.label}" + (f" · {one_line(author, 12, 'app')}" if author else "")
        if claim.source and room - cell_len(mark) > 4:
            head.append("— " + one_line(claim.source, min(18, room - cell_len(mark) - 2), bidi), style="italic")
        if mark:
            head.append(mark, style="bold reverse")
        head.append("\n" + " " * INDENT)
        head.append(one_line(claim.text, cells, bidi))
        found = self._corroboration_for(claim)
        if found is not None and (found.support or found.conflicts):
            head.append("\n" + " " * INDENT)
            room = cells
            if found.support:
                others = ", ".join(f"{s.other.language or '??'} {s.other.article[:3]}" for s in found.support)
                shown = one_line(f"✓ also: {others}", cells, "app")
                head.append(shown, style="green")
                room -= cell_len(shown)
            for conflict in found.conflicts[:2]:
                other = conflict.other
                value = other.claim.value
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                where = f"{other.article[:3]} ¶{other.claim.paragraph + 1}"
                if room < 8:
                    break
                shown = one_line(f"⚠ {value} ({where})", min(20, room - 1), "app")
                head.append(" ")
                head.append(shown, style="bold red")
                room -= cell_len(shown) + 1
        return head

    def toggle(self, claims: ArticleClaims | None, selected: Claim | None, bidi: str) -> bool:
        """``c``: open (and focus), focus if open, close if focused. Returns
        whether the panel gave the keyboard back (closed)."""
        if self.display and not self.has_focus:
            self.focus()
            return False
        if self.display:
            self.display = False
            return True
        self.display = True
        self.show_claims(claims, bidi)
        self.select(selected)
        self.focus()
        return False

    def select(self, claim: Claim | None) -> None:
        if claim is None:
            return
        first = self.option_count - len(self.items)  # a note line above the claims
        for index, candidate in enumerate(self.items):
            if candidate == claim:
                self.highlighted = first + index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim = self.item(event.option)
        if claim is not None:
            self.post_message(self.Chosen(claim))
